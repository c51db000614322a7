// f–I curves of the five classes (MODEL.md §2.4): isolated cells without noise, one cell per current
// level, 1 s steps. Reports rate, rheobase, first-spike latency and adaptation (last ISI / first ISI).
import { Network } from '../sim/network.js';
import { CLASSES, CLASS_PARAMS, type CellClass } from '../circuit/l23.js';
import { lineSvg } from '../report/plot.js';
import type { ExperimentOptions } from './common.js';
import type { NetworkSpec } from '../model/spec.js';

export interface FiCurve { currents_pA: number[]; rates_Hz: number[]; rheobase_pA: number; latency_ms: number[]; adaptation: number[]; max_rate_Hz: number }

export async function fiExperiment(o: ExperimentOptions = {}) {
  const step = o.quick ? 20 : 10;
  const currents = Array.from({ length: Math.floor(600 / step) + 1 }, (_, k) => k * step);
  const L = currents.length;
  const T = 1000;
  const spec: NetworkSpec = {
    method: 'exp_euler', dt_ms: 0.05, seed: o.seed ?? 1,
    populations: CLASSES.map((c) => ({ name: c, model: 'adex' as const, n: L, params: { V_peak_mV: 0, ...CLASS_PARAMS[c], ...o.module?.classParams?.[c], V_init_mV: CLASS_PARAMS[c].E_L_mV } })),
    currents: CLASSES.flatMap((c) => currents.map((I, k) => ({ population: c, first: k, count: 1, t_on_ms: 0, amp_pA: I }))),
    monitors: { spikes: 'all' },
  };
  const net = await Network.create(spec, { backend: o.backend ?? 'auto' });
  net.run(T);
  const curves = {} as Record<CellClass, FiCurve>;
  for (const c of CLASSES) {
    const tr = net.spikeTrain(c);
    const per: number[][] = currents.map(() => []);
    tr.ids.forEach((id, k) => per[id].push(tr.t_ms[k]));
    const rates = per.map((s) => s.length / (T / 1000));
    const first = rates.findIndex((r) => r > 0);
    curves[c] = {
      currents_pA: currents, rates_Hz: rates, rheobase_pA: first < 0 ? NaN : currents[first], max_rate_Hz: Math.max(...rates),
      latency_ms: per.map((s) => (s.length ? s[0] : NaN)),
      adaptation: per.map((s) => (s.length >= 4 ? (s[s.length - 1] - s[s.length - 2]) / (s[1] - s[0]) : NaN)),
    };
  }
  net.free();
  const svg = lineSvg(CLASSES.map((c) => ({ label: c, x: currents, y: curves[c].rates_Hz })), { title: 'f–I curves (isolated cells, 1 s steps, no noise)', xLabel: 'current (pA)', yLabel: 'rate (Hz)' });
  // Late spiking: first-spike latency at the rheobase found with 1 pA resolution.
  const nearRheo = async (c: CellClass) => {
    const hi = curves[c].rheobase_pA;
    const fine = Array.from({ length: step + 1 }, (_, k) => hi - step + k);
    const fs: NetworkSpec = { method: 'exp_euler', dt_ms: 0.05, populations: [{ ...spec.populations[CLASSES.indexOf(c)], n: fine.length }],
      currents: fine.map((I, k) => ({ population: c, first: k, count: 1, amp_pA: I })), monitors: { spikes: 'all' } };
    const n2 = await Network.create(fs, { backend: o.backend ?? 'auto' });
    n2.run(2000);
    const tr = n2.spikeTrain(c);
    n2.free();
    const firstId = Math.min(...Array.from(tr.ids));
    return { rheobase_pA: fine[firstId], latency_ms: tr.t_ms[Array.from(tr.ids).indexOf(firstId)] };
  };
  const lamp5Late = await nearRheo('LAMP5');
  const pyrLate = await nearRheo('PYR');
  return {
    name: 'fi', regime: 'none' as const, seed: o.seed ?? 1, curves,
    metrics: {
      pv_max_Hz: curves.PV.max_rate_Hz,
      pyr_rate_at_2x_rheobase_Hz: rateAt(curves.PYR, 2 * curves.PYR.rheobase_pA),
      sst_rate_at_2x_rheobase_Hz: rateAt(curves.SST, 2 * curves.SST.rheobase_pA),
      pyr_adaptation: midAdaptation(curves.PYR), sst_adaptation: midAdaptation(curves.SST), pv_adaptation: midAdaptation(curves.PV),
      rheobase_pA: Object.fromEntries(CLASSES.map((c) => [c, curves[c].rheobase_pA])),
      lamp5_first_spike_latency_ms: lamp5Late.latency_ms, pyr_first_spike_latency_ms: pyrLate.latency_ms, lamp5_rheobase_fine_pA: lamp5Late.rheobase_pA,
    },
    svgs: { 'fi.svg': svg },
  };
}

function rateAt(c: FiCurve, I: number): number {
  const k = c.currents_pA.findIndex((x) => x >= I);
  return k < 0 ? c.max_rate_Hz : c.rates_Hz[k];
}

/** Adaptation index at the middle of the firing range. */
function midAdaptation(c: FiCurve): number {
  const firing = c.adaptation.map((a, k) => [a, k] as const).filter(([a]) => Number.isFinite(a));
  return firing.length ? firing[Math.floor(firing.length / 2)][0] : NaN;
}
