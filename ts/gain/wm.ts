// Working-memory protocol (MODEL.md §7.3) on either substrate through one driver: a pulse to A1
// starts state S1, which must hold ≥ 2 s with S2 suppressed; symbol σ12 switches S1 → S2 through
// T12 (state AND symbol); σ12 again in S2 must do nothing (the AND); σ21 switches back; then noise
// bursts of rising strength on all four groups' feedforward inputs must not flip the state.
import { Network } from '../sim/network.js';
import type { WmCircuit } from './wmcircuit.js';
import type { TnRig } from './tnrig.js';

export interface WmDriver {
  setRate(pool: string, Hz: number): void;
  /** Run `ms`; spike counts per population in that window. */
  run(ms: number): Record<string, number>;
  size(pop: string): number;
}

export function bioWmDriver(net: Network): WmDriver {
  const sizes = new Map(net.spec.populations.map((p) => [p.name, p.n]));
  return {
    setRate: (pool, Hz) => void net.setParam(pool, 'rate_Hz', Hz),
    run: (ms) => {
      const a = net.info().spikeCounts;
      net.run(ms, { chunk_ms: 250 });
      const b = net.info().spikeCounts;
      return Object.fromEntries(Object.keys(b).map((k) => [k, b[k] - a[k]]));
    },
    size: (p) => sizes.get(p)!,
  };
}

export function tnWmDriver(tn: TnRig): WmDriver {
  return { setRate: (p, Hz) => void tn.setRate(p, Hz), run: (ms) => tn.run(ms), size: (p) => tn.model.populations[p].length };
}

export const WM_PROTOCOL = { settle_ms: 1000, pulse_ms: 200, pulse_Hz: 40, hold_ms: 2000, symbol_ms: 200, symbol_Hz: 40, after_ms: 1000, burst_ms: 100, bursts_Hz: [10, 20, 40, 60, 80, 120], bin_ms: 250 };

export interface WmTrial {
  hold_ok: boolean;
  switch12_ok: boolean;
  and_ok: boolean;
  switch21_ok: boolean;
  success: boolean;
  /** Strongest burst (Hz per afferent, 100 ms, all groups) after which S1 still held; 0 if none. */
  burst_survived_Hz: number;
  /** Rates (Hz) per bin of the state populations [A1, B1, A2, B2]. */
  bins: number[][];
  phases: { label: string; t0_ms: number; t1_ms: number }[];
  hold_min_Hz: number;
  other_max_Hz: number;
}

/** Rates of the 4 state populations in bins over `ms`. */
function binned(d: WmDriver, c: WmCircuit, ms: number, bin: number, into: number[][]): number[][] {
  const pops = [...c.states[0], ...c.states[1]];
  const out: number[][] = [];
  for (let t = 0; t < ms; t += bin) {
    const w = Math.min(bin, ms - t);
    const n = d.run(w);
    const r = pops.map((p) => n[p] / d.size(p) / (w / 1000));
    out.push(r);
    into.push(r);
  }
  return out;
}

const mean = (rows: number[][], k: number) => rows.reduce((s, r) => s + r[k], 0) / Math.max(1, rows.length);

/** State read-out of the last `n` bins: 1, 2 or 0 (none / ambiguous). */
export function stateOf(rows: number[][]): 0 | 1 | 2 {
  const r = [0, 1, 2, 3].map((k) => mean(rows, k));
  const up = (a: number, b: number, x: number, y: number) => a > 5 && b > 5 && x < Math.max(2, 0.25 * Math.min(a, b)) && y < Math.max(2, 0.25 * Math.min(a, b));
  if (up(r[0], r[1], r[2], r[3])) return 1;
  if (up(r[2], r[3], r[0], r[1])) return 2;
  return 0;
}

export function wmTrial(d: WmDriver, c: WmCircuit, P = WM_PROTOCOL): WmTrial {
  const bins: number[][] = [];
  const phases: WmTrial['phases'] = [];
  let t = 0;
  const phase = (label: string, ms: number, set: () => void, unset: () => void) => {
    set();
    const rows = binned(d, c, ms, P.bin_ms, bins);
    unset();
    phases.push({ label, t0_ms: t, t1_ms: t + ms });
    t += ms;
    return rows;
  };
  const none = () => {};
  phase('rest', P.settle_ms, none, none);
  phase('pulse A1', P.pulse_ms, () => d.setRate(c.ff.A1, P.pulse_Hz), () => d.setRate(c.ff.A1, 0));
  const hold = phase('hold S1', P.hold_ms, none, none);
  // Every 500 ms of the hold shows S1.
  const chunks = Math.floor(hold.length / 2);
  const holdOk = Array.from({ length: chunks }, (_, k) => stateOf(hold.slice(2 * k, 2 * k + 2))).every((s) => s === 1);
  const sym = (label: string, pool: string) => {
    phase(label, P.symbol_ms, () => d.setRate(pool, P.symbol_Hz), () => d.setRate(pool, 0));
    const rows = phase(`after ${label}`, P.after_ms, none, none);
    return stateOf(rows.slice(-2));
  };
  const s12 = sym('σ12', c.symbols.s12);
  const sAnd = sym('σ12 again', c.symbols.s12);
  const s21 = sym('σ21', c.symbols.s21);
  let survived = 0;
  if (s21 === 1) {
    for (const x of P.bursts_Hz) {
      const ff = Object.values(c.ff);
      phase(`burst ${x} Hz`, P.burst_ms, () => ff.forEach((f) => d.setRate(f, x)), () => ff.forEach((f) => d.setRate(f, 0)));
      const rows = phase(`after burst ${x}`, 750, none, none);
      if (stateOf(rows.slice(-2)) !== 1) break;
      survived = x;
    }
  }
  const hr = hold.map((r) => Math.min(r[0], r[1]));
  const other = hold.map((r) => Math.max(r[2], r[3]));
  const res = { hold_ok: holdOk, switch12_ok: s12 === 2, and_ok: sAnd === 2, switch21_ok: s21 === 1 };
  return { ...res, success: Object.values(res).every(Boolean), burst_survived_Hz: survived, bins, phases, hold_min_Hz: Math.min(...hr), other_max_Hz: Math.max(...other) };
}
