// Signal restoration (MODEL.md §5.3, soft regime): a Gaussian bump over K groups, corrupted by noise
// or by deleting one member, drives the module; the output correlates better with the clean pattern
// than the corrupted input does.
import { lineSvg } from '../report/plot.js';
import { Rig, correlation, type ExperimentOptions } from './common.js';
import { HarnessRng } from '../vit/rng.js';

export async function restorationExperiment(o: ExperimentOptions = {}) {
  const K = 6;
  const peak = 25;
  const clean = Array.from({ length: K }, (_, k) => peak * Math.exp(-((k - 2.5) ** 2) / (2 * 0.8 ** 2)));
  const rng = new HarnessRng((o.seed ?? 1) * 7919);
  const trials = o.quick ? 2 : 4;
  // Topographic coupling between neighbouring groups lets the bump complete a missing member.
  const rig = await Rig.create(o, { groups: K, pNeighbour: 0.3 });
  const rows: { kind: string; input: number[]; output: number[]; corr_in: number; corr_out: number }[] = [];
  for (let t = 0; t < trials; t++) {
    const noisy = clean.map((v) => Math.max(0, v + (rng.next() - 0.5) * 0.8 * peak));
    const deleted = clean.map((v, k) => (k === (t % 2 === 0 ? 2 : 3) ? 0 : v)); // a peak member missing
    for (const [kind, input] of [['noise', noisy], ['deletion', deleted]] as const) {
      const output = rig.drive(input).groupRates(o.quick ? 800 : 1500, 300);
      rows.push({ kind, input, output, corr_in: correlation(input, clean), corr_out: correlation(output, clean) });
    }
    o.onProgress?.(t + 1, trials);
  }
  rig.free();
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const ex = rows[0];
  const svg = lineSvg([
    { label: 'clean pattern', x: clean.map((_, k) => k), y: clean, dashed: true },
    { label: `noisy input (r=${ex.corr_in.toFixed(2)})`, x: clean.map((_, k) => k), y: ex.input, markers: true },
    { label: `circuit output (r=${ex.corr_out.toFixed(2)})`, x: clean.map((_, k) => k), y: ex.output, markers: true },
  ], { title: 'Signal restoration over 6 PYR groups', xLabel: 'group', yLabel: 'rate (Hz)' });
  return {
    name: 'restoration', regime: 'soft' as const, seed: o.seed ?? 1, clean, rows,
    metrics: { corr_in: mean(rows.map((r) => r.corr_in)), corr_out: mean(rows.map((r) => r.corr_out)) },
    svgs: { 'restoration.svg': svg },
  };
}
