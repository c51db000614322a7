// `swta experiment working-memory --substrate bio|truenorth`: the two-state machine of MODEL.md §7
// over seeds, on the biophysical circuit or on its gain-matched TrueNorth model.
import { Network } from '../sim/network.js';
import { lineSvg, rasterSvg } from '../report/plot.js';
import type { ExperimentOptions } from '../experiments/common.js';
import { wmCircuit, type WmCircuit } from './wmcircuit.js';
import { bioWmDriver, tnWmDriver, wmTrial, WM_PROTOCOL, type WmTrial } from './wm.js';
import { gainMatch } from './match.js';
import { tnWmModel, stateGroups, wmMapOptions, WM_TN_KNOBS, type WmTnKnobs } from './wmtn.js';
import { TnRig } from './tnrig.js';

export type Substrate = 'bio' | 'truenorth';
export interface WmExperimentOptions extends ExperimentOptions { substrate?: Substrate; trials?: number; tnKnobs?: WmTnKnobs }

type Trains = Record<string, { ids: ArrayLike<number>; t_ms: ArrayLike<number> }>;

async function bioTrial(c: WmCircuit, o: WmExperimentOptions): Promise<{ trial: WmTrial; trains: Trains }> {
  const net = await Network.create(c.spec, { backend: o.backend ?? 'auto' });
  try {
    const trial = wmTrial(bioWmDriver(net), c);
    const pops = [...c.states[0], ...c.states[1], c.transition.t12, c.transition.t21];
    return { trial, trains: Object.fromEntries(pops.map((p) => [p, net.spikeTrain(p)])) };
  } finally { net.free(); }
}

export function stateDiagramSvg(rates: { s12: number; s21: number; and: number; hold: number }): string {
  const pct = (x: number) => `${(100 * x).toFixed(0)} %`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="520" height="240" font-family="sans-serif" font-size="12">
<defs><marker id="a" markerWidth="10" markerHeight="10" refX="9" refY="3" orient="auto"><path d="M0,0 L9,3 L0,6 z" fill="#333"/></marker></defs>
<text x="260" y="18" text-anchor="middle" font-size="14">Two-state machine (S1 = {A1, B1}, S2 = {A2, B2})</text>
<circle cx="130" cy="130" r="48" fill="#dbe9f6" stroke="#1f77b4" stroke-width="2"/><text x="130" y="126" text-anchor="middle" font-size="16">S1</text><text x="130" y="144" text-anchor="middle">A1 + B1 up</text>
<circle cx="390" cy="130" r="48" fill="#fde0dd" stroke="#d62728" stroke-width="2"/><text x="390" y="126" text-anchor="middle" font-size="16">S2</text><text x="390" y="144" text-anchor="middle">A2 + B2 up</text>
<path d="M175,110 Q260,60 345,110" fill="none" stroke="#333" marker-end="url(#a)"/><text x="260" y="68" text-anchor="middle">σ12 AND S1 → T12 (${pct(rates.s12)})</text>
<path d="M345,150 Q260,200 175,150" fill="none" stroke="#333" marker-end="url(#a)"/><text x="260" y="206" text-anchor="middle">σ21 AND S2 → T21 (${pct(rates.s21)})</text>
<path d="M415,88 C460,40 480,90 438,118" fill="none" stroke="#999" marker-end="url(#a)"/><text x="470" y="50" text-anchor="middle" fill="#666">σ12: stays (${pct(rates.and)})</text>
<path d="M100,92 C60,40 40,100 84,118" fill="none" stroke="#999" marker-end="url(#a)"/><text x="60" y="50" text-anchor="middle" fill="#666">pulse A1, hold ≥ 2 s (${pct(rates.hold)})</text>
</svg>`;
}

export async function workingMemoryExperiment(o: WmExperimentOptions = {}) {
  const substrate: Substrate = o.substrate ?? 'bio';
  const trials = o.trials ?? (o.quick ? 5 : 20);
  const seed0 = o.seed ?? 1;
  const results: WmTrial[] = [];
  let trains: Trains = {};
  let tnInfo: Record<string, unknown> | undefined;
  if (substrate === 'bio') {
    for (let k = 0; k < trials; k++) {
      const c = wmCircuit({ seed: seed0 + k, ...o.module ? { module: o.module } : {} });
      const r = await bioTrial(c, o);
      results.push(r.trial);
      if (k === 0) trains = r.trains;
      o.onProgress?.(k + 1, trials);
    }
  } else {
    const c0 = wmCircuit({ seed: seed0 });
    const match = await gainMatch(c0.spec, { backend: o.backend, seed: seed0, quick: true, merge: stateGroups(c0) });
    const knobs = o.tnKnobs ?? WM_TN_KNOBS;
    for (let k = 0; k < trials; k++) {
      const c = wmCircuit({ seed: seed0 + k });
      const model = tnWmModel(c, match, knobs, seed0 + k);
      const tn = await TnRig.create(model, { backend: o.backend, seed: seed0 + k });
      tn.record = k === 0;
      results.push(wmTrial(tnWmDriver(tn), c));
      if (k === 0) { trains = Object.fromEntries([...c.states[0], ...c.states[1], c.transition.t12, c.transition.t21].map((p) => [p, tn.trains[p]])); tnInfo = { stats: model.stats, knobs, mapOptions: wmMapOptions(c, knobs), params: match.params }; }
      tn.free();
      o.onProgress?.(k + 1, trials);
    }
  }
  const frac = (f: (t: WmTrial) => boolean) => results.filter(f).length / results.length;
  const rates = { hold: frac((t) => t.hold_ok), s12: frac((t) => t.switch12_ok), and: frac((t) => t.and_ok), s21: frac((t) => t.switch21_ok), all: frac((t) => t.success) };
  const bursts = results.map((t) => t.burst_survived_Hz).sort((a, b) => a - b);
  const t1 = results[0];
  const end = t1.phases[t1.phases.length - 1].t1_ms;
  const names = Object.keys(trains);
  const sizes: Record<string, number> = { T12: 20, T21: 20 };
  const raster = rasterSvg(names.map((n) => ({ label: n, n: sizes[n] ?? 40, ids: trains[n].ids, t_ms: trains[n].t_ms })), 0, end, {
    title: `Working memory (${substrate}), trial 1`, width: 1000,
    shade: t1.phases.filter((p) => !p.label.startsWith('after') && p.label !== 'rest' && !p.label.startsWith('hold')).map((p) => ({ t0_ms: p.t0_ms, t1_ms: p.t1_ms, label: p.label })),
  });
  const tb = t1.bins.map((_, k) => (k + 0.5) * WM_PROTOCOL.bin_ms);
  const ratesSvg = lineSvg(['A1', 'B1', 'A2', 'B2'].map((l, k) => ({ label: l, x: tb, y: t1.bins.map((b) => b[k]), dashed: k >= 2 })),
    { title: `State population rates (${substrate}), trial 1`, xLabel: 'time (ms)', yLabel: 'rate (Hz)', width: 1000 });
  return {
    name: 'working-memory', regime: 'hard' as const, seed: seed0, substrate, trials, protocol: WM_PROTOCOL,
    success: rates, burst_survived_Hz: { min: bursts[0], median: bursts[Math.floor(bursts.length / 2)], all: bursts },
    trial_results: results.map(({ bins: _b, phases: _p, ...r }) => r), trial1: { bins_Hz: t1.bins, phases: t1.phases }, truenorth: tnInfo,
    metrics: { hold_rate: rates.hold, switch12_rate: rates.s12, and_rate: rates.and, switch21_rate: rates.s21, success_rate: rates.all, burst_survived_min_Hz: bursts[0] },
    svgs: { [`wm_${substrate}_raster.svg`]: raster, [`wm_${substrate}_rates.svg`]: ratesSvg, [`wm_${substrate}_states.svg`]: stateDiagramSvg(rates) },
  };
}
