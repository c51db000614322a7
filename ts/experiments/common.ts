// Shared machinery of the paper's experiments: build a module, drive it, measure windowed rates.
import { Network } from '../sim/network.js';
import { l23Module, type L23Module, type L23Options } from '../circuit/l23.js';
import type { BackendName } from '../backend/engine.js';

export interface ExperimentOptions {
  seed?: number;
  backend?: BackendName | 'auto';
  /** Overrides of the module (MODEL.md reconstruction defaults otherwise). */
  module?: L23Options;
  /** Shorter protocol (fewer points, shorter windows) for tests and the quick main job. */
  quick?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** The regime an experiment runs in (MODEL.md §4.2: soft and hard sWTA exclude each other). */
export type Regime = 'soft' | 'hard';

/** Module overrides of the hard (multistable) regime: recurrent excitation strong enough for a
 * winner-take-all up-state (α > 1 in §4.2 terms), bounded by E→E depression and a strong SST loop. */
export const HARD_REGIME: L23Options = {
  recurrentScale: 28, nmdaRatio: 0.6, recurrentStp: { U: 0.2, tau_rec_ms: 150 },
  g_nS: { SST: { PYR: 16 }, PYR: { SST: 3 }, VIP: { SST: 8 } }, p: { PYR: { SST: 0.3 }, SST: { PYR: 0.6 }, VIP: { SST: 0.6 } },
};

export class Rig {
  private constructor(readonly net: Network, readonly m: L23Module) {}

  static async create(o: ExperimentOptions, extra: L23Options = {}): Promise<Rig> {
    const m = l23Module({ seed: o.seed ?? 1, ...o.module, ...extra });
    const net = await Network.create(m.spec, { backend: o.backend ?? 'auto' });
    return new Rig(net, m);
  }

  /** Set the feedforward rate (Hz per afferent) of each group; missing groups get 0. */
  drive(rates: number[], ctx_Hz = 0, l1_Hz = 0): this {
    this.m.ff.forEach((f, k) => this.net.setParam(f, 'rate_Hz', rates[k] ?? 0));
    this.net.setParam(this.m.ctx, 'rate_Hz', ctx_Hz);
    this.net.setParam(this.m.l1, 'rate_Hz', l1_Hz);
    return this;
  }

  /** Run `settle_ms` (discarded) then `window_ms`; mean rate (Hz) of every population in the window. */
  rates(window_ms: number, settle_ms = 0): Record<string, number> {
    if (settle_ms > 0) this.net.run(settle_ms, { chunk_ms: 250 });
    const before = this.net.info().spikeCounts;
    this.net.run(window_ms, { chunk_ms: 250 });
    const after = this.net.info().spikeCounts;
    const out: Record<string, number> = {};
    for (const p of this.m.spec.populations) out[p.name] = (after[p.name] - before[p.name]) / p.n / (window_ms / 1000);
    return out;
  }

  groupRates(window_ms: number, settle_ms = 0): number[] {
    const r = this.rates(window_ms, settle_ms);
    return this.m.groups.map((g) => r[g]);
  }

  free(): void {
    this.net.free();
  }
}

/** Least-squares slope of y(x) over the points with y above `floor` (0 with fewer than two). */
export function slopeAbove(x: number[], y: number[], floor = 0.5): number {
  const idx = x.map((_, i) => i).filter((i) => y[i] > floor);
  if (idx.length < 2) return 0;
  const mx = idx.reduce((s, i) => s + x[i], 0) / idx.length;
  const my = idx.reduce((s, i) => s + y[i], 0) / idx.length;
  const sxy = idx.reduce((s, i) => s + (x[i] - mx) * (y[i] - my), 0);
  const sxx = idx.reduce((s, i) => s + (x[i] - mx) ** 2, 0);
  return sxx > 0 ? sxy / sxx : 0;
}

export function correlation(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) ** 2; sbb += (b[i] - mb) ** 2; }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}
