// Circuit fidelity (MODEL.md §6.10): the same protocols on the biophysical module and on its
// gain-matched TrueNorth model, through one Driver interface. Gain (PYR group 0 I–O slope),
// selectivity (output ratio at inputs 20 : 16 Hz), hysteresis width (hard regime ramp loop), and
// the evidence for each interneuron role (silencing a class on both substrates).
import { Rig, HARD_REGIME, slopeAbove } from '../experiments/common.js';
import { l23Module, type L23Options } from '../circuit/l23.js';
import type { BackendName } from '../backend/engine.js';
import { TnRig } from './tnrig.js';
import { gainMatch, type GainMatch } from './match.js';
import { mapToTrueNorth, type MapOptions } from './map.js';
import { cellKinds } from './bio.js';
import { r2 } from './fit.js';

export interface Driver {
  groups: string[];
  drive(ff: number[], ctx?: number, l1?: number): void;
  rates(window: number, settle: number): Record<string, number>;
  free(): void;
}

export function bioDriver(rig: Rig): Driver {
  return { groups: rig.m.groups, drive: (ff, c = 0, l = 0) => void rig.drive(ff, c, l), rates: (w, s) => rig.rates(w, s), free: () => rig.free() };
}

export function tnDriver(tn: TnRig, ff: string[], ctx: string, l1: string, groups: string[]): Driver {
  return {
    groups,
    drive: (rates, c = 0, l = 0) => { ff.forEach((f, k) => tn.setRate(f, rates[k] ?? 0)); tn.setRate(ctx, c); tn.setRate(l1, l); },
    rates: (w, s) => tn.ratesHz(w, s),
    free: () => tn.free(),
  };
}

export interface Protocol { window: number; settle: number }

export function ioCurve(d: Driver, inputs: number[], p: Protocol, ctx = 0, l1 = 0): { inputs_Hz: number[]; rates_Hz: number[]; gain: number } {
  const rates = inputs.map((x) => { d.drive([x, 0], ctx, l1); return d.rates(p.window, p.settle)[d.groups[0]]; });
  return { inputs_Hz: inputs, rates_Hz: rates, gain: slopeAbove(inputs, rates, rates[0] + 1) };
}

/** Output ratio strong/weak at inputs 20 : 16 Hz (input ratio 1.25); the weak rate floored at 0.5 Hz. */
export function selectivity(d: Driver, p: Protocol): { strong_Hz: number; weak_Hz: number; ratio: number } {
  d.drive([20, 16]);
  const r = d.rates(p.window, p.settle);
  const [s, w] = [r[d.groups[0]], r[d.groups[1]]];
  return { strong_Hz: s, weak_Hz: w, ratio: s / Math.max(w, 0.5) };
}

/** Ramp group 0 up then down with group 1 at 10 Hz; width = input range where the branches differ > 5 Hz. */
export function hysteresisLoop(d: Driver, p: Protocol, steps = [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20]): { inputs_Hz: number[]; up_Hz: number[]; down_Hz: number[]; width_Hz: number } {
  d.drive([0, 10]);
  d.rates(800, 0);
  const up = steps.map((x) => { d.drive([x, 10]); return d.rates(p.window, p.settle)[d.groups[0]]; });
  const down = [...steps].reverse().map((x) => { d.drive([x, 10]); return d.rates(p.window, p.settle)[d.groups[0]]; }).reverse();
  const differ = steps.filter((_, k) => Math.abs(up[k] - down[k]) > 5);
  return { inputs_Hz: steps, up_Hz: up, down_Hz: down, width_Hz: differ.length ? Math.max(...differ) - Math.min(...differ) + (steps[1] - steps[0]) : 0 };
}

export interface FidelityOptions { backend?: BackendName | 'auto'; seed?: number; quick?: boolean; onProgress?: (done: number, total: number) => void }

/** Gain-match a module and build TN drivers for it with the given circuit knobs. */
export async function tnModule(match: GainMatch, module: L23Options, knobs: MapOptions, o: FidelityOptions): Promise<Driver> {
  const m = l23Module({ seed: o.seed ?? 1, ...module });
  const kinds = cellKinds(m.spec);
  const model = mapToTrueNorth(m.spec, kinds, match.params, { seed: o.seed, ...knobs });
  const tn = await TnRig.create(model, { backend: o.backend, seed: (o.seed ?? 1) + 17 });
  return tnDriver(tn, m.ff, m.ctx, m.l1, m.groups);
}

/** Mean I–O curve, gain and selectivity over several seeds (bio: module seeds; TN: mapping and
 * stimulus seeds); selectivity = mean strong / mean weak. */
export async function meanMetrics(make: (seed: number) => Promise<Driver>, seeds: number[], inputs: number[], p: Protocol, selP: Protocol) {
  const rates = inputs.map(() => 0);
  let st = 0, wk = 0;
  for (const s of seeds) {
    const d = await make(s);
    const io = ioCurve(d, inputs, p);
    io.rates_Hz.forEach((r, i) => { rates[i] += r / seeds.length; });
    const x = selectivity(d, selP);
    st += x.strong_Hz / seeds.length; wk += x.weak_Hz / seeds.length;
    d.free();
  }
  return { io: { inputs_Hz: inputs, rates_Hz: rates, gain: slopeAbove(inputs, rates, rates[0] + 1) }, sel: { strong_Hz: st, weak_Hz: wk, ratio: st / Math.max(wk, 0.5) } };
}

/** TN connectivity/stimulus seeds averaged per knob candidate, and for the reported TN metrics. The
 * per-seed TN selectivity ratio spreads 1.5–4.6 (one crossbar draw of a 6-cell SST population), so
 * a 3-seed mean did not transfer from the search to the report (docs/gain.md §4). */
export const REFINE_SEEDS = 16;
export const REPORT_SEEDS = 16;
export const ROLE_SEEDS = 8;

/** Transfer of the gain normaliser: Δ(LAMP5 rate) / Δ(PYR group-0 rate) between group-0 inputs 0 and
 * 30 Hz (bio seed 1: LAMP5 2.5 → 18.5 Hz while PYR0 1.6 → 48 Hz, 0.34). */
export function normaliserSlope(d: Driver, lamp5: string, p: Protocol): number {
  const at = (x: number) => { d.drive([x, 0]); const r = d.rates(p.window, p.settle); return [r[d.groups[0]], r[lamp5]]; };
  const [p0, l0] = at(0);
  const [p1, l1] = at(30);
  return (l1 - l0) / Math.max(1, p1 - p0);
}

/** The two global knobs act on the sWTA loop only. linkScale that exempts the modulatory pathways:
 * every PYR → LAMP5 pathway gets the absolute scale `lamp5Drive` (fitNormaliser), VIP → SST keeps
 * its charge-equivalence weight (scale 1), whatever the recurrent and inhibitory knobs are. */
export function modulatoryLinks(module: L23Options, lamp5Drive: number, knobs: { recurrentScale: number; inhibitionScale: number }): Record<string, number> {
  const n = l23Module(module).names;
  return { ...Object.fromEntries(n.PYR.map((g) => [`${g}>${n.LAMP5[0]}`, lamp5Drive / knobs.recurrentScale])), [`${n.VIP[0]}>${n.SST[0]}`]: 1 / knobs.inhibitionScale };
}

const REFINE_START = { recurrentScale: 0.8, inhibitionScale: 0.7 };

/** The PYR → LAMP5 drive scale whose TN normaliser slope is closest (log ratio) to the biophysical
 * one, at the refinement's start knobs, mean over REFINE_SEEDS / 2 seeds. The charge-equivalence
 * weights leave the TN LAMP5 almost flat (≈ 0.1 Hz per PYR Hz against 0.34), so the TN normaliser
 * did nothing; the slope is a measured circuit-level target like gain and selectivity. */
export async function fitNormaliser(match: GainMatch, module: L23Options, target: number, o: FidelityOptions, p: Protocol) {
  const lamp5 = l23Module(module).names.LAMP5[0];
  const seeds = Array.from({ length: REFINE_SEEDS / 2 }, (_, k) => (o.seed ?? 1) + 31 * k);
  const tried: { drive: number; slope: number }[] = [];
  for (const drive of [0.7, 1, 1.5, 2, 3, 4, 6]) {
    let slope = 0;
    for (const s of seeds) {
      const d = await tnModule(match, module, { ...REFINE_START, linkScale: modulatoryLinks(module, drive, REFINE_START) }, { ...o, seed: s });
      slope += normaliserSlope(d, lamp5, p) / seeds.length;
      d.free();
    }
    tried.push({ drive, slope });
  }
  const best = [...tried].sort((a, b) => Math.abs(Math.log(Math.max(a.slope, 1e-3) / target)) - Math.abs(Math.log(Math.max(b.slope, 1e-3) / target)))[0];
  return { drive: best.drive, slope: best.slope, tried };
}

/** Circuit-level refinement: coarse-to-fine search (4 rounds of 3 × 3) over the two knobs for the
 * TN gain and selectivity ratio closest (squared log ratio) to the biophysical ones; `lamp5Drive`
 * (fitNormaliser) stays fixed. */
export async function refineKnobs(match: GainMatch, module: L23Options, target: { gain: number; ratio: number }, o: FidelityOptions, p: Protocol, inputs: number[], lamp5Drive?: number) {
  const tried: { knobs: MapOptions; gain: number; ratio: number; score: number }[] = [];
  let c = { ...REFINE_START };
  let step = { r: 0.2, i: 0.3 };
  const selP = { window: 3000, settle: p.settle };
  // Each candidate: mean over REFINE_SEEDS TN connectivity/stimulus seeds (the ratio varies with the crossbar draw).
  const seeds = Array.from({ length: REFINE_SEEDS }, (_, k) => (o.seed ?? 1) + 31 * k);
  for (let round = 0; round < 4; round++) {
    for (const dr of [-1, 0, 1]) for (const di of [-1, 0, 1]) {
      const knobs: MapOptions = { recurrentScale: +(c.recurrentScale + dr * step.r).toFixed(3), inhibitionScale: +(c.inhibitionScale + di * step.i).toFixed(3) };
      if (knobs.recurrentScale! <= 0 || knobs.inhibitionScale! <= 0) continue;
      if (lamp5Drive !== undefined) knobs.linkScale = modulatoryLinks(module, lamp5Drive, { recurrentScale: knobs.recurrentScale!, inhibitionScale: knobs.inhibitionScale! });
      if (tried.some((t) => t.knobs.recurrentScale === knobs.recurrentScale && t.knobs.inhibitionScale === knobs.inhibitionScale)) continue;
      const { io, sel } = await meanMetrics((s) => tnModule(match, module, knobs, { ...o, seed: s }), seeds, inputs, p, selP);
      const score = Math.log(io.gain / target.gain) ** 2 + Math.log(sel.ratio / target.ratio) ** 2;
      tried.push({ knobs, gain: io.gain, ratio: sel.ratio, score });
    }
    tried.sort((a, b) => a.score - b.score);
    c = { recurrentScale: tried[0].knobs.recurrentScale!, inhibitionScale: tried[0].knobs.inhibitionScale! };
    step = { r: step.r / 2, i: step.i / 2 };
  }
  return { best: tried[0].knobs, tried };
}

export { r2, gainMatch, HARD_REGIME };
