// native = WASM = AssemblyScript, tick by tick: random networks over many seeds (every neuron mode and
// every switch), 10,000 ticks each. Spike records carry their tick, so equal record streams mean equal
// spikes in every tick; potentials are compared after every chunk.
import { describe, expect, it } from 'vitest';
import { TrueNorthSim } from '../../ts/truenorth/index.js';
import { engine } from '../../ts/backend/registry.js';
import { TN_BACKENDS } from './helpers.js';
import { randomNet } from './random-net.js';

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
