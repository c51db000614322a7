// Gain modulation (MODEL.md §5.1, soft regime): output rate of PYR group 0 against its feedforward
// input rate, for the intact module, isolated PYR cells, VIP context on, and LAMP5 driven.
import { lineSvg } from '../report/plot.js';
import { Rig, slopeAbove, type ExperimentOptions } from './common.js';
import type { L23Options } from '../circuit/l23.js';

export const GAIN_CONDITIONS: Record<string, { module?: L23Options; ctx_Hz?: number; l1_Hz?: number }> = {
  intact: {},
  isolated: { module: { pWithin: 0, pAcross: 0, silence: ['PV', 'SST', 'VIP', 'LAMP5'] } },
  vip_context: { ctx_Hz: 40 },
  lamp5_driven: { l1_Hz: 10 },
};

/** slope: least-squares gain (Hz out per Hz in) above baseline; threshold_Hz: input at which the
 * output first reaches 10 Hz (linear interpolation; the feedforward threshold). */
export interface GainCurve { inputs_Hz: number[]; rates_Hz: number[]; slope: number; threshold_Hz: number }

/** One I–O curve of group 0 (group 1 undriven). */
export async function gainCurve(o: ExperimentOptions, cond: { module?: L23Options; ctx_Hz?: number; l1_Hz?: number }, inputs: number[]): Promise<GainCurve> {
  const rig = await Rig.create(o, cond.module ?? {});
  const rates: number[] = [];
  for (const x of inputs) rates.push(rig.drive([x, 0], cond.ctx_Hz ?? 0, cond.l1_Hz ?? 0).groupRates(o.quick ? 600 : 1000, o.quick ? 150 : 300)[0]);
  rig.free();
  return { inputs_Hz: inputs, rates_Hz: rates, slope: slopeAbove(inputs, rates, rates[0] + 1), threshold_Hz: crossing(inputs, rates, 10) };
}

/** First input at which y reaches `level` (linear interpolation; the last input if never). */
export function crossing(x: number[], y: number[], level: number): number {
  if (y[0] >= level) return x[0];
  for (let i = 1; i < x.length; i++) if (y[i] >= level) return x[i - 1] + ((level - y[i - 1]) / (y[i] - y[i - 1])) * (x[i] - x[i - 1]);
  return x[x.length - 1];
}

export async function gainExperiment(o: ExperimentOptions = {}) {
  const inputs = o.quick ? [0, 5, 10, 15, 20, 25, 30] : [0, 5, 10, 15, 20, 25, 30, 35, 40];
  const curves: Record<string, GainCurve> = {};
  const names = Object.keys(GAIN_CONDITIONS);
  for (const [k, name] of names.entries()) {
    curves[name] = await gainCurve(o, GAIN_CONDITIONS[name], inputs);
    o.onProgress?.(k + 1, names.length);
  }
  const svg = lineSvg(names.map((n) => ({ label: `${n} (gain ${curves[n].slope.toFixed(2)})`, x: inputs, y: curves[n].rates_Hz, markers: true, dashed: n === 'isolated' })),
    { title: 'Gain modulation: PYR group 0 output vs feedforward input', xLabel: 'input rate per afferent (Hz)', yLabel: 'output rate (Hz)' });
  return {
    name: 'gain', regime: 'soft' as const, seed: o.seed ?? 1, curves,
    metrics: { gain_intact: curves.intact.slope, gain_isolated: curves.isolated.slope, gain_vip: curves.vip_context.slope, gain_lamp5: curves.lamp5_driven.slope },
    svgs: { 'gain.svg': svg },
  };
}
