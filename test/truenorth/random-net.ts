// Seeded random TrueNorth networks covering every mode and switch (for cross-backend equality and
// round trips). mulberry32 keeps the generator independent of the engine's PRNG.
import { emptyCore, setSynapse, type NetworkDesc, type NeuronTypeDesc, type SwitchesDesc } from '../../ts/truenorth/index.js';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomNet(seed: number, opts: { maxCores?: number } = {}): { net: NetworkDesc; inputs: (ticks: number) => Int32Array } {
  const r = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: T[]) => xs[int(0, xs.length - 1)];
  const bit = (p: number) => r() < p;
  const cols = int(1, 3);
  const rows = int(1, Math.max(1, Math.floor((opts.maxCores ?? 4) / cols)));
  const types: NeuronTypeDesc[] = [];
  for (let k = int(1, 6); k > 0; k--) {
    types.push({
      sigma0: pick([1, -1]), sigma1: pick([1, -1]), sigma2: pick([1, -1]), sigma3: pick([1, -1]),
      s0: int(0, 40), s1: int(0, 255), s2: int(0, 8), s3: pick([0, 1, 255]),
      b0: bit(0.25), b1: bit(0.25), b2: bit(0.25), b3: bit(0.25),
      sigma_lambda: pick([1, -1]), lambda: pick([0, 0, 1, 2, 5, 30, 255]), c_lambda: bit(0.25), epsilon: bit(0.3),
      alpha: pick([1, 8, 20, 60, 200, 1000]), beta: pick([0, 3, 50, 500]), TM: pick([0, 0, 0, 1, 3, 8]),
      gamma: pick([0, 0, 1, 1, 2]), kappa: bit(0.5), sigma_VR: pick([1, -1]), VR: int(0, 4), V: int(-30, 30),
    });
  }
  const sw: SwitchesDesc = {
    pos_cmp: pick(['ge', 'gt']), neg_cmp: pick(['lt', 'le']), stoch_zero_weight: pick(['none', 'sigma']), stoch_cmp: pick(['ge', 'gt']),
    stoch_leak_sign: pick(['omega', 'plus_one']), stoch_syn_sign: pick(['sigma', 'plus_one']), thr_prn: pick(['every_tick', 'with_stoch_leak']),
    linear_reset: pick(['alpha_plus_eta', 'alpha']), ringing_guard: pick(['on', 'off']), overflow: pick(['saturate', 'wrap']),
    width: pick([32, 32, 20, 12, 9]), vr_decode: pick(['nemo_exp', 'raw']),
  };
  const n = cols * rows;
  const cores = [];
  for (let id = 0; id < n; id++) {
    if (n > 1 && bit(0.15)) continue; // an absent (empty) core
    const c = emptyCore(id, int(0, 0xffffffff));
    const density = r() * 0.5;
    const uniform = bit(0.3) ? int(0, types.length - 1) : -1;
    for (let i = 0; i < 256; i++) {
      c.axonTypes[i] = int(0, 3);
      for (let j = 0; j < 256; j++) if (r() < density) setSynapse(c, i, j);
    }
    for (let j = 0; j < 256; j++) {
      c.types[j] = uniform >= 0 ? uniform : bit(0.1) ? -1 : int(0, types.length - 1);
      const d = r();
      c.destCores[j] = d < 0.1 ? -1 : d < 0.15 ? -2 : int(0, n - 1);
      c.destAxons[j] = int(0, 255);
      c.destDelays[j] = int(1, 15);
    }
    cores.push(c);
  }
  const rate = r() * 0.05;
  const inputs = (ticks: number) => {
    const out: number[] = [];
    for (let t = 0; t < ticks; t++) {
      for (let k = 0; k < 3; k++) if (r() < rate * 10) out.push(t, int(0, n - 1), int(0, 255));
    }
    return Int32Array.from(out);
  };
  return { net: { cols, rows, neuronTypes: types, cores, switches: sw }, inputs };
}

/**
 * Networks whose every core takes the engine's fast path (one deterministic type per core, no
 * stochastic leak or threshold, saturating 32-bit potentials), in every reset/leak mode, with dense
 * and sparse crossbar rows, and initial potentials near the i32 limits and near ±2^30 (where the fast
 * pass switches between plain and saturating adds). Core c has type c. Input spikes arrive in the
 * first half of the ticks only, so cores also run without input: the leak-free ones (cores 0, 5, 6, 11)
 * may then be skipped once settled, and core 5's non-resetting type keeps firing without input.
 */
export function fastPathNet(seed: number): { net: NetworkDesc; potentials: Int32Array[]; inputs: (ticks: number) => Int32Array } {
  const r = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: T[]) => xs[int(0, xs.length - 1)];
  const cols = 4, rows = 3, n = cols * rows;
  const types: NeuronTypeDesc[] = [];
  for (let k = 0; k < n; k++) {
    types.push({
      sigma0: pick([1, -1]), sigma1: pick([1, -1]), sigma2: pick([1, -1]), sigma3: pick([1, -1]),
      s0: int(0, 255), s1: int(0, 255), s2: int(0, 8), s3: pick([0, 1, 255]),
      b0: false, b1: false, b2: false, b3: false,
      sigma_lambda: pick([1, -1]), lambda: k % 6 === 0 || k % 6 === 5 ? 0 : pick([1, 2, 5, 30, 255]), c_lambda: false, epsilon: k % 2 === 1,
      alpha: pick([0, 1, 8, 60, 200, 1000, 100000]), beta: pick([0, 3, 50, 500, 100000]), TM: 0,
      gamma: k % 3, kappa: k % 4 >= 2, sigma_VR: pick([1, -1]), VR: int(0, 4), V: 0,
    });
    // every other type: axon types that share a weight (the fast path sums them in one bucket), as in
    // the benchmark's (+1, +1, +1, −1)
    if (k % 2 === 0) {
      const t = types[k], s = int(1, 255);
      Object.assign(t, { s0: s, s1: s, s2: pick([s, 0]), s3: s, sigma0: 1, sigma1: 1, sigma3: -1 });
      if (k % 4 === 0) Object.assign(t, { sigma2: 1 });
    }
  }
  const sw: SwitchesDesc = {
    pos_cmp: pick(['ge', 'gt']), neg_cmp: pick(['lt', 'le']), ringing_guard: pick(['on', 'off']), overflow: 'saturate', width: 32,
  };
  const cores = [];
  const potentials: Int32Array[] = [];
  const near = [2 ** 31 - 1, -(2 ** 31), 2 ** 30, -(2 ** 30), 2 ** 30 - 1, -(2 ** 30) - 1, 0];
  for (let id = 0; id < n; id++) {
    const c = emptyCore(id, int(0, 0xffffffff));
    for (let i = 0; i < 256; i++) {
      c.axonTypes[i] = int(0, 3);
      const density = i % 3 === 0 ? 0.03 : 0.2 + 0.6 * r(); // sparse (bit by bit) and dense rows
      for (let j = 0; j < 256; j++) if (r() < density) setSynapse(c, i, j);
    }
    for (let j = 0; j < 256; j++) {
      c.types[j] = id;
      c.destCores[j] = id < n - 1 ? int(id + 1, n - 1) : -2; // feed-forward, so cores can fall quiet
      c.destAxons[j] = int(0, 255);
      c.destDelays[j] = int(1, 15);
    }
    cores.push(c);
    potentials.push(Int32Array.from({ length: 256 }, () => (r() < 0.3 ? pick(near) + int(-300, 300) : int(-2000, 2000)) | 0));
  }
  const inputs = (ticks: number) => {
    const out: number[] = [];
    // input in the first half only: then cores fall quiet and the engine's skip of settled cores runs
    for (let t = 0; t < ticks / 2; t++) for (let k = 0; k < 40; k++) out.push(t, int(0, n - 1), int(0, 255));
    return Int32Array.from(out);
  };
  return { net: { cols, rows, neuronTypes: types, cores, switches: sw }, potentials, inputs };
}
