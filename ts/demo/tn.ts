// A small TrueNorth soft-WTA for the browser demo (one core): two excitatory groups of 32 neurons
// with recurrent self-excitation, one shared inhibitory pool of 16, Poisson input spikes injected
// per tick on one input axon per excitatory neuron. Ticks are 1 ms.
import { TrueNorthBuilder, TrueNorthSim, type NetworkDesc } from '../truenorth/index.js';
import type { Engine } from '../backend/engine.js';

export const TN_GROUP = 32;
export const TN_INH = 16;
const IN0 = 0; // input axons 0..63 (G0), one per excitatory neuron
const REC0 = 64; // recurrent axons 64..127 (G1): excitatory neuron j → axon 64 + j
const INH0 = 128; // inhibitory axons 128..143 (G2): inhibitory neuron k → axon 128 + k

export interface TnWtaParams { input: number; recurrent: number; toInh: number; inhibition: number; threshold: number; leak: number; inhThreshold: number }
export const TN_WTA_DEFAULTS: TnWtaParams = { input: 4, recurrent: 1, toInh: 1, inhibition: 3, threshold: 20, leak: 0, inhThreshold: 12 };

export function tnWta(p: Partial<TnWtaParams> = {}): NetworkDesc {
  const q = { ...TN_WTA_DEFAULTS, ...p };
  const b = new TrueNorthBuilder(1, 1);
  // V floor at 0 (κ = 1, β = 0), linear reset disabled (γ = 0 → V = R = 0), deterministic leak.
  const exc = b.type({ sigma0: 1, s0: q.input, sigma1: 1, s1: q.recurrent, sigma2: -1, s2: q.inhibition, sigma_lambda: -1, lambda: q.leak, alpha: q.threshold, beta: 0, kappa: true, gamma: 0 });
  const inh = b.type({ sigma1: 1, s1: q.toInh, sigma_lambda: -1, lambda: q.leak, alpha: q.inhThreshold, beta: 0, kappa: true, gamma: 0 });
  const E = 2 * TN_GROUP;
  for (let j = 0; j < E; j++) {
    const g = Math.floor(j / TN_GROUP);
    b.axon(0, IN0 + j, 0).axon(0, REC0 + j, 1);
    b.neuron(0, j, exc).connect(0, IN0 + j, j).route(0, j, { core: 0, axon: REC0 + j });
    const mates = Array.from({ length: TN_GROUP }, (_, i) => g * TN_GROUP + i).filter((i) => i !== j);
    b.connect(0, REC0 + j, [...mates, ...Array.from({ length: TN_INH }, (_, k) => E + k)]);
  }
  for (let k = 0; k < TN_INH; k++) {
    b.axon(0, INH0 + k, 2);
    b.neuron(0, E + k, inh).route(0, E + k, { core: 0, axon: INH0 + k });
    b.connect(0, INH0 + k, Array.from({ length: E }, (_, j) => j));
  }
  return b.build();
}

/** The live TN model: Poisson input per group (probability per tick per input axon), run in chunks. */
export class TnDemo {
  readonly sim: TrueNorthSim;
  private tick = 0;
  private seed: number;
  constructor(engine: Engine, params: Partial<TnWtaParams> = {}, seed = 1) {
    this.sim = TrueNorthSim.compile(engine, tnWta(params), { record: 'all' });
    this.seed = seed >>> 0 || 1;
  }
  private rand(): number {
    // xorshift32: reproducible input streams
    let x = this.seed;
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    this.seed = x >>> 0;
    return this.seed / 4294967296;
  }
  /** Run `ticks` with per-tick input probabilities p[g] for group g; returns spikes (tick, neuron) of the chunk. */
  step(ticks: number, p: [number, number]): { tick0: number; ticks: Int32Array; neurons: Int32Array } {
    const inj: number[] = [];
    for (let t = 0; t < ticks; t++) {
      for (let j = 0; j < 2 * TN_GROUP; j++) if (this.rand() < p[j < TN_GROUP ? 0 : 1]) inj.push(this.tick + t, 0, IN0 + j);
    }
    this.sim.inject(Int32Array.from(inj));
    const sp = this.sim.run(ticks);
    const n = sp.length / 3;
    const out = { tick0: this.tick, ticks: new Int32Array(n), neurons: new Int32Array(n) };
    for (let i = 0; i < n; i++) { out.ticks[i] = sp[3 * i]; out.neurons[i] = sp[3 * i + 2]; }
    this.tick += ticks;
    return out;
  }
  free(): void { this.sim.free(); }
}
