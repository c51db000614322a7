// native = WASM = AssemblyScript, tick by tick: random networks over many seeds (every neuron mode and
// every switch), 10,000 ticks each. Spike records carry their tick, so equal record streams mean equal
// spikes in every tick; potentials are compared after every chunk.
import { describe, expect, it } from 'vitest';
import { TrueNorthSim } from '../../ts/truenorth/index.js';
import { engine } from '../../ts/backend/registry.js';
import { TN_BACKENDS } from './helpers.js';
import { fastPathNet, randomNet } from './random-net.js';
import { tnBenchNetwork } from '../../bench/tn.js';

const TICKS = 10_000;
const CHUNK = 500;
const SEEDS = Array.from({ length: 10 }, (_, k) => 1000 + k);
let totalSpikes = 0;

function fnv(h: number, a: Int32Array): number {
  for (let i = 0; i < a.length; i++) { h ^= a[i]; h = Math.imul(h, 16777619) >>> 0; }
  return h;
}

/** Per chunk: [spike count, spike hash, potential hash]. */
async function trace(backend: string, seed: number): Promise<number[][]> {
  const { net, inputs } = randomNet(seed, { maxCores: 3 });
  const sim = await TrueNorthSim.create(net, await engine(backend as never), { chunk: CHUNK });
  try {
    sim.inject(inputs(TICKS));
    const out: number[][] = [];
    for (let t = 0; t < TICKS; t += CHUNK) {
      const sp = sim.run(CHUNK);
      let hv = 2166136261;
      for (let c = 0; c < net.cols * net.rows; c++) hv = fnv(hv, sim.potentials(c));
      out.push([sp.length / 3, fnv(2166136261, sp), hv]);
    }
    return out;
  } finally { sim.free(); }
}

describe('TrueNorth backends agree tick by tick', () => {
  it(`has at least two backends to compare (${TN_BACKENDS.join(', ')})`, () => {
    expect(TN_BACKENDS.length).toBeGreaterThanOrEqual(2);
  });

  it.each(SEEDS)('seed %i: identical spikes and potentials over 10,000 ticks', async (seed) => {
    const ref = await trace(TN_BACKENDS[0], seed);
    totalSpikes += ref.reduce((s, c) => s + c[0], 0);
    for (const b of TN_BACKENDS.slice(1)) expect(await trace(b, seed), `${b} vs ${TN_BACKENDS[0]}`).toEqual(ref);
  });

  it('the random networks were active', () => {
    expect(totalSpikes).toBeGreaterThan(10_000);
  });
});

// The engine steps a tick block by block (64 cores per block) and routes each block's spikes before
// the next block runs: a network of several blocks, with spikes crossing block boundaries in both
// directions, must give the same spikes on every backend (the AS port steps core by core).
describe('TrueNorth backends agree across core blocks', () => {
  it('the 160-core benchmark network: identical spikes and potentials over 300 ticks', async () => {
    const net = tnBenchNetwork(160);
    const run = async (backend: string) => {
      const sim = await TrueNorthSim.create(net, await engine(backend as never), { chunk: 100 });
      try {
        for (const c of net.cores) sim.setPotentials(c.id, Int32Array.from({ length: 256 }, (_, j) => (c.id * 37 + j * 11) % 100));
        const sp = sim.run(300);
        let hv = 2166136261;
        for (let c = 0; c < 160; c++) hv = fnv(hv, sim.potentials(c));
        return { n: sp.length / 3, spikes: fnv(2166136261, sp), v: hv };
      } finally { sim.free(); }
    };
    const ref = await run(TN_BACKENDS[0]);
    expect(ref.n).toBeGreaterThan(160 * 256 * 300 * 0.01); // ≈ 20 Hz: well above 10 Hz
    for (const b of TN_BACKENDS.slice(1)) expect(await run(b), `${b} vs ${TN_BACKENDS[0]}`).toEqual(ref);
  });
});

// The fast path (uniform deterministic cores) has its own kernels per target (portable Rust natively,
// SIMD128 on wasm32); the AS port has none. Every reset/leak mode, dense and sparse rows, and
// potentials at the i32 limits and around ±2^30 (the plain/saturating switch) must agree.
describe('TrueNorth backends agree on fast-path cores', () => {
  it.each([1, 2, 3, 4])('seed %i: every mode, potentials near the limits, 2,000 ticks', async (seed) => {
    const { net, potentials, inputs } = fastPathNet(seed);
    const spikesIn = inputs(2000); // once: the generator moves on with every call
    const run = async (backend: string) => {
      const sim = await TrueNorthSim.create(net, await engine(backend as never), { chunk: 250 });
      try {
        potentials.forEach((v, c) => sim.setPotentials(c, v));
        sim.inject(spikesIn);
        const out: number[][] = [];
        for (let t = 0; t < 2000; t += 250) {
          const sp = sim.run(250);
          let hv = 2166136261;
          for (let c = 0; c < potentials.length; c++) hv = fnv(hv, sim.potentials(c));
          out.push([sp.length / 3, fnv(2166136261, sp), hv]);
        }
        return out;
      } finally { sim.free(); }
    };
    const ref = await run(TN_BACKENDS[0]);
    expect(ref.reduce((s, c) => s + c[0], 0)).toBeGreaterThan(1000);
    for (const b of TN_BACKENDS.slice(1)) expect(await run(b), `${b} vs ${TN_BACKENDS[0]}`).toEqual(ref);
  });
});
