// Selective amplification (MODEL.md §5.2, soft regime): two groups, strong vs weak input. The output
// ratio exceeds the input ratio, and the weak group stays active but below its rate without
// competition (its input alone).
import { lineSvg } from '../report/plot.js';
import { Rig, type ExperimentOptions } from './common.js';

export async function amplificationExperiment(o: ExperimentOptions = {}) {
  const strong = 20;
  const ratios = o.quick ? [1.25, 1.5, 2] : [1.1, 1.25, 1.5, 2, 3];
  const win = o.quick ? 800 : 1500;
  const rig = await Rig.create(o);
  const rows = ratios.map((ratio, k) => {
    const weak = strong / ratio;
    const [rs, rw] = rig.drive([strong, weak]).groupRates(win, 300);
    const [, weakAlone] = rig.drive([0, weak]).groupRates(win, 300);
    o.onProgress?.(k + 1, ratios.length);
    return { input_ratio: ratio, input_Hz: [strong, weak], strong_Hz: rs, weak_Hz: rw, output_ratio: rs / Math.max(rw, 1e-9), weak_alone_Hz: weakAlone };
  });
  rig.free();
  const svg = lineSvg([
    { label: 'output ratio', x: ratios, y: rows.map((r) => r.output_ratio), markers: true },
    { label: 'identity (input ratio)', x: ratios, y: ratios, dashed: true },
  ], { title: 'Selective amplification: output vs input ratio', xLabel: 'input ratio strong/weak', yLabel: 'output ratio' });
  const r125 = rows.find((r) => r.input_ratio === 1.25)!;
  return {
    name: 'amplification', regime: 'soft' as const, seed: o.seed ?? 1, rows,
    metrics: { output_ratio_at_1_25: r125.output_ratio, weak_Hz: r125.weak_Hz, weak_alone_Hz: r125.weak_alone_Hz, strong_Hz: r125.strong_Hz },
    svgs: { 'amplification.svg': svg },
  };
}
