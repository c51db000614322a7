// Drive a mapped TrueNorth model like the biophysical Rig: set pool rates, run windows of ticks
// (1 tick = 1 ms), read per-population rates and spike trains. Stimulus trains are generated per
// window (geometric gaps) and injected in one call; the engine steps the ticks.
import { TrueNorthSim } from '../truenorth/index.js';
import type { BackendName } from '../backend/engine.js';
import { engine as loadEngine } from '../backend/registry.js';
import type { Engine } from '../backend/engine.js';
import { bernoulliTrains, concat, rng } from './inputs.js';
import type { TnModel } from './map.js';

export class TnRig {
  readonly sim: TrueNorthSim;
  private readonly rates = new Map<string, number>();
  private readonly popOf: Int32Array;
  private readonly idxOf: Int32Array;
  private readonly names: string[];
  private readonly rand: () => number;
  tick = 0;
  /** Recorded spikes per population: neuron index within the population and tick. */
  readonly trains: Record<string, { ids: number[]; t_ms: number[] }> = {};
  record = false;

  private constructor(e: Engine, readonly model: TnModel, seed: number) {
    this.sim = TrueNorthSim.compile(e, model.net, { record: 'all', chunk: 2000 });
    this.rand = rng(seed);
    this.names = Object.keys(model.populations);
    const n = model.net.cols * model.net.rows * 256;
    this.popOf = new Int32Array(n).fill(-1);
    this.idxOf = new Int32Array(n);
    this.names.forEach((name, k) => model.populations[name].forEach((c, i) => { this.popOf[c.core * 256 + c.neuron] = k; this.idxOf[c.core * 256 + c.neuron] = i; }));
    for (const name of this.names) this.trains[name] = { ids: [], t_ms: [] };
  }

  static async create(model: TnModel, o: { backend?: BackendName | 'auto'; seed?: number } = {}): Promise<TnRig> {
    return new TnRig(await loadEngine(o.backend ?? 'auto'), model, o.seed ?? 1);
  }

  setRate(pool: string, Hz: number): this { this.rates.set(pool, Hz); return this; }

  /** Run `ms` ticks; spike counts per population in that window. */
  run(ms: number): Record<string, number> {
    const parts: Int32Array[] = [];
    for (const [pool, axons] of Object.entries(this.model.pools)) {
      const r = this.rates.get(pool) ?? 0;
      if (r <= 0) continue;
      for (const copies of axons) {
        const one = bernoulliTrains([{ core: 0, axon: 0 }], r, this.tick, this.tick + ms, this.rand);
        for (const c of copies) {
          const t = one.slice();
          for (let q = 0; q < t.length; q += 3) { t[q + 1] = c.core; t[q + 2] = c.axon; }
          parts.push(t);
        }
      }
    }
    if (parts.length) this.sim.inject(concat(parts));
    const s = this.sim.run(ms);
    const counts: Record<string, number> = Object.fromEntries(this.names.map((n) => [n, 0]));
    for (let q = 0; q + 2 < s.length; q += 3) {
      const g = s[q + 1] * 256 + s[q + 2];
      const k = this.popOf[g];
      if (k < 0) continue;
      counts[this.names[k]]++;
      if (this.record) { this.trains[this.names[k]].ids.push(this.idxOf[g]); this.trains[this.names[k]].t_ms.push(s[q]); }
    }
    this.tick += ms;
    return counts;
  }

  /** Run `settle` then `window` ms; mean rate (Hz) of every population in the window. */
  ratesHz(window: number, settle = 0): Record<string, number> {
    if (settle > 0) this.run(settle);
    const c = this.run(window);
    return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v / this.model.populations[k].length / (window / 1000)]));
  }

  free(): void { this.sim.free(); }
}
