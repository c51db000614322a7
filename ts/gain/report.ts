// The fidelity report (MODEL.md §6.10): per-class I–O on both substrates with R², circuit gain,
// selectivity and hysteresis on both, and the role-correspondence table with measured evidence.
import { lineSvg } from '../report/plot.js';
import { Rig, HARD_REGIME } from '../experiments/common.js';
import { l23Module, type L23Options } from '../circuit/l23.js';
import { gainMatch, type GainMatch } from './match.js';
import { bioDriver, fitNormaliser, hysteresisLoop, ioCurve, meanMetrics, normaliserSlope, refineKnobs, selectivity, tnModule, REPORT_SEEDS, ROLE_SEEDS, type Driver, type FidelityOptions } from './fidelity.js';
import { AXON_ROLES } from './pathways.js';
import type { MapOptions } from './map.js';
import { crossing } from '../experiments/gain.js';

const rel = (tn: number, bio: number) => (bio !== 0 ? tn / bio : NaN);

export interface RoleRow { class: string; role: string; tn_realisation: string; measure: string; bio: { control: number; manipulated: number }; tn: { control: number; manipulated: number }; expected: string; bio_ok: boolean; tn_ok: boolean }

export async function fidelityReport(o: FidelityOptions = {}) {
  const seed = o.seed ?? 1;
  const p = o.quick ? { window: 800, settle: 200 } : { window: 1000, settle: 300 };
  const selP = { window: 3000, settle: p.settle };
  const inputs = o.quick ? [0, 5, 10, 20, 30, 40] : [0, 5, 10, 15, 20, 25, 30, 35, 40];
  const steps = 9;
  let done = 0;
  const tick = () => o.onProgress?.(++done, steps);
  const base = { backend: o.backend, seed };
  const soft = l23Module({ seed });
  const match: GainMatch = await gainMatch(soft.spec, { ...base, quick: o.quick });
  tick();
  const bioRig = async (module: L23Options = {}) => bioDriver(await Rig.create(base, module));
  // Soft regime: gain and selectivity.
  const bioM = await meanMetrics(async (s) => bioDriver(await Rig.create({ ...base, seed: s })), [seed, seed + 1], inputs, p, selP);
  const bioIO = bioM.io;
  const bioSel = bioM.sel;
  let d: Driver;
  tick();
  // The gain normaliser's transfer (LAMP5 rate per PYR rate): bio on the same module seeds, then the
  // TN PYR → LAMP5 drive fitted to it (fitNormaliser), then the two global knobs with that drive.
  const bioSlopes = [];
  for (const s of [seed, seed + 1]) { const b = bioDriver(await Rig.create({ ...base, seed: s })); bioSlopes.push(normaliserSlope(b, soft.names.LAMP5[0], p)); b.free(); }
  const bioSlope = bioSlopes.reduce((a, v) => a + v, 0) / bioSlopes.length;
  const norm = await fitNormaliser(match, {}, bioSlope, { ...base, seed: seed + 100 }, p);
  const refine = await refineKnobs(match, {}, { gain: bioIO.gain, ratio: bioSel.ratio }, { ...base, seed: seed + 100 }, p, inputs, norm.drive);
  const knobs: MapOptions = refine.best;
  tick();
  const reportSeeds = Array.from({ length: REPORT_SEEDS }, (_, k) => seed + k);
  const tnM = await meanMetrics((s) => tnModule(match, {}, knobs, { ...base, seed: s }), reportSeeds, inputs, p, selP);
  const tnIO = tnM.io;
  const tnSel = tnM.sel;
  let tnSlope = 0;
  for (const s of reportSeeds) { const t = await tnModule(match, {}, knobs, { ...base, seed: s }); tnSlope += normaliserSlope(t, soft.names.LAMP5[0], p) / reportSeeds.length; t.free(); }
  tick();
  // Hard regime: hysteresis loop (same class fits and knobs, the hard module's pathways).
  d = await bioRig(HARD_REGIME);
  const bioHyst = hysteresisLoop(d, p);
  d.free();
  // The hard regime's recurrent knob is fitted to the hysteresis width (the soft fit leaves the
  // hard module's TN loop too weak to be bistable); inhibition keeps the soft value.
  // Its own gain match: the hard module's strongest pathway sets α (weights must stay ≤ 255).
  const hardMatch: GainMatch = await gainMatch(l23Module({ seed, ...HARD_REGIME }).spec, { ...base, quick: o.quick });
  const hardTried: { recurrentScale: number; inhibitionScale: number; width_Hz: number }[] = [];
  for (const recurrentScale of [0.3, 0.4, 0.5]) for (const inhibitionScale of [0.1, 0.2, 0.3]) {
    d = await tnModule(hardMatch, HARD_REGIME, { recurrentScale, inhibitionScale }, { ...base, seed: seed + 100 });
    const loop = hysteresisLoop(d, p);
    d.free();
    hardTried.push({ recurrentScale, inhibitionScale, width_Hz: loop.width_Hz });
  }
  const hardBest = [...hardTried].sort((a, b) => Math.abs(a.width_Hz - bioHyst.width_Hz) - Math.abs(b.width_Hz - bioHyst.width_Hz))[0];
  const hardKnobs: MapOptions = { recurrentScale: hardBest.recurrentScale, inhibitionScale: hardBest.inhibitionScale };
  d = await tnModule(hardMatch, HARD_REGIME, hardKnobs, base);
  const tnHyst = hysteresisLoop(d, p);
  d.free();
  tick();
  // Role evidence: the same manipulation on both substrates.
  // Bio: module seed `seed`; TN: mean over ROLE_SEEDS mapping/stimulus seeds (one TN draw of a
  // 2-cell LAMP5 or 4-cell VIP population decides a row by itself otherwise).
  const both = async (f: (d: Driver) => number, module: L23Options, silence?: string[]) => {
    const b = await bioRig({ ...module, silence: silence as L23Options['silence'] });
    const bv = f(b); b.free();
    let tv = 0;
    for (const s of reportSeeds.slice(0, ROLE_SEEDS)) { const t = await tnModule(match, module, { ...knobs, silence }, { ...base, seed: s }); tv += f(t) / ROLE_SEEDS; t.free(); }
    return { bio: bv, tn: tv };
  };
  const thr = (d: Driver) => { const c = ioCurve(d, [0, 5, 10, 15, 20, 25], p); return crossing(c.inputs_Hz, c.rates_Hz, 10); };
  const gain0 = (d: Driver) => ioCurve(d, [0, 5, 10, 15, 20, 25], p).gain;
  const sel = (d: Driver) => selectivity(d, selP).ratio;
  const gainCtx = (ctx: number, l1: number) => (d: Driver) => ioCurve(d, [0, 10, 20, 30], p, ctx, l1).gain;
  const pv = [await both(thr, {}), await both(thr, {}, ['PV'])];
  tick();
  const sst = [await both(sel, {}), await both(sel, {}, ['SST'])];
  tick();
  const vip = [await both(gainCtx(0, 0), {}), await both(gainCtx(40, 0), {})];
  tick();
  const lamp = [await both(gain0, {}), await both(gain0, {}, ['LAMP5'])];
  tick();
  const row = (cls: string, role: string, real: string, measure: string, pair: { bio: number; tn: number }[], expected: string, ok: (c: number, m: number) => boolean): RoleRow => ({
    class: cls, role, tn_realisation: real, measure, expected,
    bio: { control: pair[0].bio, manipulated: pair[1].bio }, tn: { control: pair[0].tn, manipulated: pair[1].tn },
    bio_ok: ok(pair[0].bio, pair[1].bio), tn_ok: ok(pair[0].tn, pair[1].tn),
  });
  const roles: RoleRow[] = [
    row('PV', 'feedforward inhibition', 'shares the FF axons (type 0) with PYR; inhibits PYR through type 2 (fast)', 'input (Hz) for 10 Hz output: intact → PV silenced', pv, 'falls (feedforward threshold lost)', (c, m) => m < c * 0.95),
    row('SST', 'feedback inhibition', 'pools PYR (type 1), inhibits PYR through type 2', 'selectivity ratio at 20:16 Hz: intact → SST silenced', sst, 'falls (competition lost)', (c, m) => m < c * 0.9),
    row('VIP', 'disinhibition', 'driven by context axons (type 0), inhibits SST through type 3', 'PYR0 I–O gain: context 0 → 40 Hz', vip, 'rises', (c, m) => m > c * 1.05),
    row('LAMP5', 'gain normalisation', 'driven by PYR and L1 axons, broad inhibition through type 3', 'PYR0 I–O gain: intact → LAMP5 silenced', lamp, 'rises (runaway gain)', (c, m) => m > c * 1.05),
  ];
  const classSvg = lineSvg(match.kinds.flatMap((k, i) => [
    { label: `${k.name} bio`, x: match.inputs_Hz, y: k.bio_Hz, markers: true, color: undefined as unknown as string },
    { label: `${k.name} TN (R² ${k.r2.toFixed(3)})`, x: match.inputs_Hz, y: k.tn_Hz, dashed: true },
  ].map((s) => ({ ...s, color: ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'][i % 5] }))),
  { title: 'Per-class I–O: biophysical (solid) vs gain-matched TrueNorth (dashed)', xLabel: 'input rate per afferent (Hz)', yLabel: 'output rate (Hz)' });
  const circuitSvg = lineSvg([
    { label: `bio (gain ${bioIO.gain.toFixed(2)})`, x: inputs, y: bioIO.rates_Hz, markers: true },
    { label: `TN (gain ${tnIO.gain.toFixed(2)})`, x: inputs, y: tnIO.rates_Hz, markers: true, dashed: true },
  ], { title: 'Circuit I–O: PYR group 0 (soft regime)', xLabel: 'feedforward input (Hz per afferent)', yLabel: 'group 0 rate (Hz)' });
  const hystSvg = lineSvg([
    { label: 'bio rising', x: bioHyst.inputs_Hz, y: bioHyst.up_Hz, markers: true },
    { label: 'bio falling', x: bioHyst.inputs_Hz, y: bioHyst.down_Hz, markers: true, dashed: true },
    { label: 'TN rising', x: tnHyst.inputs_Hz, y: tnHyst.up_Hz, markers: true },
    { label: 'TN falling', x: tnHyst.inputs_Hz, y: tnHyst.down_Hz, markers: true, dashed: true },
  ], { title: 'Hysteresis loop (hard regime), group 1 at 10 Hz', xLabel: 'group 0 input (Hz per afferent)', yLabel: 'group 0 rate (Hz)' });
  const fidelity = {
    gain: { bio: bioIO.gain, tn: tnIO.gain, ratio: rel(tnIO.gain, bioIO.gain) },
    selectivity: { bio: bioSel.ratio, tn: tnSel.ratio, ratio: rel(tnSel.ratio, bioSel.ratio), bio_rates_Hz: [bioSel.strong_Hz, bioSel.weak_Hz], tn_rates_Hz: [tnSel.strong_Hz, tnSel.weak_Hz] },
    hysteresis: { bio_width_Hz: bioHyst.width_Hz, tn_width_Hz: tnHyst.width_Hz, ratio: rel(tnHyst.width_Hz, bioHyst.width_Hz), present_on_both: bioHyst.width_Hz > 0 && tnHyst.width_Hz > 0 },
    circuit_io_r2: r2of(bioIO.rates_Hz, tnIO.rates_Hz),
    normaliser: { bio_slope: bioSlope, tn_slope: tnSlope, ratio: rel(tnSlope, bioSlope), lamp5_drive: norm.drive, tried: norm.tried },
  };
  return {
    name: 'gain-matching', seed,
    classes: match.kinds.map((k) => ({ name: k.name, fit: k.fit, params: k.params, bio_Hz: k.bio_Hz, tn_Hz: k.tn_Hz, r2: k.r2, ref: k.ref, geometry: k.geometry })),
    inputs_Hz: match.inputs_Hz, knobs, hard_knobs: hardKnobs, refine: refine.tried, hard_refine: hardTried, axon_types: AXON_ROLES.map((r, G) => ({ G, carries: r })),
    circuit: { io: { bio: bioIO, tn: tnIO }, hysteresis: { bio: bioHyst, tn: tnHyst } },
    fidelity, roles, model_stats: match.model.stats, timing_s: match.timing_s,
    metrics: {
      ...Object.fromEntries(match.kinds.map((k) => [`r2_${k.name}`, k.r2])),
      gain_ratio: fidelity.gain.ratio, selectivity_ratio: fidelity.selectivity.ratio, normaliser_ratio: fidelity.normaliser.ratio, hysteresis_bio_Hz: bioHyst.width_Hz, hysteresis_tn_Hz: tnHyst.width_Hz,
      roles_ok: roles.every((r) => r.bio_ok && r.tn_ok), mapping_s: match.timing_s.total,
    },
    svgs: { 'gain_classes.svg': classSvg, 'gain_circuit.svg': circuitSvg, 'gain_hysteresis.svg': hystSvg },
  };
}

function r2of(y: number[], yhat: number[]): number {
  const m = y.reduce((s, v) => s + v, 0) / y.length;
  const tot = y.reduce((s, v) => s + (v - m) ** 2, 0);
  return 1 - y.reduce((s, v, i) => s + (v - yhat[i]) ** 2, 0) / tot;
}
