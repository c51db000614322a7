// Golden spike checksums (STYLE rule 12): fixed seeded networks, 3000 ticks, every backend. A change of
// PRNG, tick order or neuron equations shows up here. Regenerate deliberately with
// SWTA_UPDATE_GOLDEN=1 (then explain the change in docs/truenorth.md).
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { TrueNorthSim } from '../../ts/truenorth/index.js';
import { TN_BACKENDS } from './helpers.js';
import { randomNet } from './random-net.js';

const FILE = new URL('../golden/truenorth.json', import.meta.url);
const SEEDS = [21, 23, 25];

async function checksum(backend: string, seed: number): Promise<{ spikes: number; fnv: string }> {
  const { net, inputs } = randomNet(seed);
  const sim = await TrueNorthSim.create(net, backend as never);
  sim.inject(inputs(3000));
  let h = 2166136261;
  let n = 0;
  for (let t = 0; t < 3000; t += 500) {
    const sp = sim.run(500);
    n += sp.length / 3;
    for (let i = 0; i < sp.length; i++) { h ^= sp[i]; h = Math.imul(h, 16777619) >>> 0; }
  }
  sim.free();
  return { spikes: n, fnv: h.toString(16) };
}

describe('TrueNorth golden checksums', () => {
  it('regenerates on request', async () => {
    if (!process.env.SWTA_UPDATE_GOLDEN && existsSync(FILE)) return;
    const out: Record<string, unknown> = {};
    for (const s of SEEDS) out[s] = await checksum(TN_BACKENDS[0], s);
    writeFileSync(FILE, JSON.stringify(out, null, 1) + '\n');
  });

  it.each(TN_BACKENDS)('%s matches the checked-in checksums', async (backend) => {
    const golden = JSON.parse(readFileSync(FILE, 'utf8'));
    for (const s of SEEDS) expect(await checksum(backend, s), `seed ${s}`).toEqual(golden[s]);
  });
});
