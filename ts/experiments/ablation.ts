// Role ablations (MODEL.md §5.5): silence each interneuron class and measure gain, threshold,
// competition and context gating. Expected: PV → loss of the feedforward threshold (the input needed for 10 Hz falls),
// SST → loss of competition (the weak group is no longer suppressed by the strong one), VIP → loss of context gating (context no longer
// raises the gain), LAMP5 → runaway gain (gain rises).
import type { CellClass } from '../circuit/l23.js';
import { Rig, type ExperimentOptions } from './common.js';
import { gainCurve } from './gain.js';
import { lineSvg } from '../report/plot.js';

const CONDITIONS: (CellClass | 'none')[] = ['none', 'PV', 'SST', 'VIP', 'LAMP5'];

export async function ablationExperiment(o: ExperimentOptions = {}) {
  const inputs = o.quick ? [0, 5, 10, 15, 20, 25] : [0, 5, 10, 15, 20, 25, 30, 35];
  const rows: Record<string, { gain: number; threshold_Hz: number; selectivity: number; competition: number; context_gain_change: number; curve_Hz: number[] }> = {};
  for (const [k, cls] of CONDITIONS.entries()) {
    const module = cls === 'none' ? {} : { silence: [cls] };
    const base = await gainCurve(o, { module }, inputs);
    const ctx = await gainCurve(o, { module, ctx_Hz: 40 }, inputs);
    const rig = await Rig.create(o, module);
    const [rs, rw] = rig.drive([20, 16]).groupRates(o.quick ? 800 : 1500, 300);
    const [, alone] = rig.drive([0, 16]).groupRates(o.quick ? 800 : 1500, 300);
    rig.free();
    // Competition: how much the strong group suppresses the weak one (1 − r_weak / r_weak alone).
    const competition = 1 - rw / Math.max(alone, 0.5);
    rows[cls] = { gain: base.slope, threshold_Hz: base.threshold_Hz, selectivity: rs / Math.max(rw, 0.5), competition, context_gain_change: ctx.slope - base.slope, curve_Hz: base.rates_Hz };
    o.onProgress?.(k + 1, CONDITIONS.length);
  }
  const n = rows.none;
  const svg = lineSvg(CONDITIONS.map((c) => ({ label: c === 'none' ? 'intact' : `${c} silenced`, x: inputs, y: rows[c].curve_Hz, markers: true, dashed: c !== 'none' })),
    { title: 'Ablations: PYR group 0 I–O curve with each class silenced', xLabel: 'input rate per afferent (Hz)', yLabel: 'output rate (Hz)' });
  return {
    name: 'ablation', regime: 'soft' as const, seed: o.seed ?? 1, inputs_Hz: inputs, rows,
    metrics: {
      pv_threshold_change_Hz: rows.PV.threshold_Hz - n.threshold_Hz,
      sst_competition_change: rows.SST.competition - n.competition,
      vip_context_gating: { intact: n.context_gain_change, without_vip: rows.VIP.context_gain_change },
      lamp5_gain_change: rows.LAMP5.gain - n.gain,
    },
    svgs: { 'ablation.svg': svg },
  };
}
