// TrueNorth side of the per-class fit (MODEL.md §6.3–§6.4 steps 2–3): integer (s, α, λ, TM) from the
// closed-form rate model, then a small search on the emulator. All candidates of a kind sit in one
// core and share its input axons (one core per kind); one run sweeps every input rate.
import { TrueNorthBuilder, TrueNorthSim, type NeuronTypeDesc } from '../truenorth/index.js';
import type { Engine } from '../backend/engine.js';
import { bernoulliTrains, rng, type AxonRef } from './inputs.js';
import { r2, type ThresholdLinear } from './fit.js';

/** Integer TN parameters of one kind plus the real-valued weight scale the pathway weights use. */
export interface TnParams {
  alpha: number;
  /** Signed leak per tick. */
  lambda: number;
  TM: number;
  beta: number;
  /** TN weight per reference-afferent unit (s = units · s_unit, rounded). */
  s_unit: number;
  /** Closed-form predictions of the chosen integers. */
  gain_tn: number;
  theta_tn_Hz: number;
}

export interface KindGeometry { m: number; k: number; unitsPerAxon: number; n_ref: number; maxUnits: number }

/** Mean threshold α + M/2 (linear reset subtracts α + η, η uniform on 0..M). */
export const alphaEff = (p: { alpha: number; TM: number }) => p.alpha + ((2 ** p.TM) - 1) / 2;

/** Closed form (§6.3): α from the weight budget (largest weight ≤ 255), then s_unit and λ. */
export function closedForm(fit: ThresholdLinear, geo: KindGeometry, opts: { gainScale?: number; dTheta_Hz?: number; TM?: number; headroom?: number } = {}): TnParams {
  const g = Math.max(1e-3, fit.g * (opts.gainScale ?? 1));
  const headroom = opts.headroom ?? 1.25;
  const A = Math.max(8, Math.min(1 << 17, Math.floor((255 * geo.n_ref) / (fit.g * headroom * Math.max(geo.maxUnits, geo.unitsPerAxon)))));
  const TM = opts.TM ?? 0;
  const M = 2 ** TM - 1;
  const alpha = Math.max(1, Math.round(A - M / 2));
  const Aeff = alpha + M / 2;
  const s_unit = (g * Aeff) / geo.n_ref;
  const theta = fit.theta_Hz + (opts.dTheta_Hz ?? 0);
  const lambda = Math.max(-255, Math.min(255, Math.round((-theta / 1000) * g * Aeff)));
  const s0 = Math.round(s_unit * geo.unitsPerAxon);
  const gain_tn = (geo.k * s0) / Aeff;
  return { alpha, lambda, TM, beta: alpha, s_unit, gain_tn, theta_tn_Hz: (-lambda / (geo.k * s0)) * 1000 };
}

/** The TN neuron type of a kind with given weights per axon type (signed). */
export function tnType(p: TnParams, w: [number, number, number, number]): Partial<NeuronTypeDesc> {
  const t: Partial<NeuronTypeDesc> = {
    alpha: p.alpha, beta: p.beta, TM: p.TM, gamma: 1, kappa: true, epsilon: false,
    sigma_lambda: p.lambda >= 0 ? 1 : -1, lambda: Math.abs(p.lambda), c_lambda: false,
  };
  for (let G = 0; G < 4; G++) {
    const s = Math.max(-255, Math.min(255, Math.round(w[G])));
    (t as Record<string, number>)[`s${G}`] = Math.abs(s);
    (t as Record<string, number>)[`sigma${G}`] = s < 0 ? -1 : 1;
  }
  return t;
}

export interface ProbeSpec { geo: KindGeometry; candidates: TnParams[]; reps: number }

/** Run candidate neurons (reps each) of several kinds, one core per kind, at each input rate;
 * returns rates_Hz[kind][candidate][point]. */
export function probeTn(e: Engine, probes: ProbeSpec[], inputs_Hz: number[], o: { window?: number; settle?: number; seed?: number } = {}): number[][][] {
  const window = o.window ?? 1000;
  const settle = o.settle ?? 200;
  const b = new TrueNorthBuilder(probes.length, 1);
  const rand = rng(o.seed ?? 7);
  const axons: AxonRef[][] = [];
  probes.forEach((pr, c) => {
    b.core(c, 1000 + c);
    axons.push(Array.from({ length: pr.geo.m }, (_, a) => ({ core: c, axon: a })));
    let j = 0;
    pr.candidates.forEach((cand) => {
      const ty = b.type(tnType(cand, [cand.s_unit * pr.geo.unitsPerAxon, 0, 0, 0]));
      for (let r = 0; r < pr.reps; r++, j++) {
        b.neuron(c, j, ty);
        // k distinct random axons of the m (a fan-in rule, as in the biophysical model).
        const pick = Array.from({ length: pr.geo.m }, (_, a) => a).sort(() => rand() - 0.5).slice(0, pr.geo.k);
        for (const a of pick) b.connect(c, a, j);
      }
    });
  });
  const sim = TrueNorthSim.compile(e, b.build(), { record: 'all', chunk: 2000 });
  const counts = probes.map((pr) => pr.candidates.map(() => inputs_Hz.map(() => 0)));
  try {
    let t = 0;
    inputs_Hz.forEach((x, i) => {
      for (const ax of axons) sim.inject(bernoulliTrains(ax, x, t, t + settle + window, rand));
      sim.run(settle);
      const s = sim.run(window);
      for (let q = 0; q + 2 < s.length; q += 3) {
        const pr = probes[s[q + 1]];
        const cand = Math.floor(s[q + 2] / pr.reps);
        if (cand < pr.candidates.length) counts[s[q + 1]][cand][i]++;
      }
      t += settle + window;
    });
  } finally { sim.free(); }
  return counts.map((k, c) => k.map((cand) => cand.map((n) => n / probes[c].reps / (window / 1000))));
}

/** Search around the closed form: gain ×0.85…1.15, θ ± 2 Hz, TM ∈ {0, ≈ log2(α/4)}. */
export function candidates(fit: ThresholdLinear, geo: KindGeometry): TnParams[] {
  const base = closedForm(fit, geo);
  const tm1 = Math.max(1, Math.round(Math.log2(base.alpha / 4)));
  const out: TnParams[] = [];
  for (const gainScale of [0.85, 0.925, 1, 1.075, 1.15]) for (const dTheta_Hz of [-2, 0, 2]) for (const TM of [0, tm1]) out.push(closedForm(fit, geo, { gainScale, dTheta_Hz, TM }));
  return out;
}

export function bestCandidate(bio: number[], rates: number[][]): { index: number; r2: number } {
  let best = { index: 0, r2: -Infinity };
  rates.forEach((r, i) => { const s = r2(bio, r); if (s > best.r2) best = { index: i, r2: s }; });
  return best;
}
