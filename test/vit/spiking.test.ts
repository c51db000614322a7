// Spiking variant on the TrueNorth emulator (MODEL.md §8.8): close to the rate filter, in [0, 1],
// reproducible, and the network fits TrueNorth cores.
import { describe, expect, it } from 'vitest';
import { spikingFilter, spikingNetwork, SPIKING_DEFAULTS } from '../../ts/vit/spiking.js';
import { sWTAFilter } from '../../ts/vit/filter.js';
import { loadMnist, sliceDigits } from '../../ts/vit/idx.js';
import { toSplit } from '../../ts/vit/data.js';

function corr(a: Float32Array, b: Float32Array): number {
  const ma = a.reduce((p, q) => p + q) / a.length, mb = b.reduce((p, q) => p + q) / b.length;
  let c = 0, va = 0, vb = 0;
  for (let i = 0; i < a.length; i++) { c += (a[i] - ma) * (b[i] - mb); va += (a[i] - ma) ** 2; vb += (b[i] - mb) ** 2; }
  return c / Math.sqrt(va * vb);
}

describe('spiking sWTA filter on the TrueNorth emulator', () => {
  const x = toSplit(sliceDigits(loadMnist().test, 0, 4)).x;

  it('builds 16 cores of 7×7 regions for 28×28 (147 axons, 98 neurons per core)', () => {
    const net = spikingNetwork(28, 28);
    expect([net.cols, net.rows, net.cores.length]).toEqual([4, 4, 16]);
    expect(Array.from(net.cores[0].types).filter((t) => t >= 0).length).toBe(98);
  });

  it('tracks the rate filter (correlation > 0.9), stays in [0, 1], and is reproducible', async () => {
    const s = await spikingFilter(x, 4, 28, 28, { ticks: 48 });
    const r = (await sWTAFilter.create({}, 'wasm')).apply(x, [4, 28, 28]).data;
    expect(corr(s, r)).toBeGreaterThan(0.9);
    expect(s.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(Array.from(await spikingFilter(x.subarray(0, 784), 1, 28, 28, { ticks: 48 }))).toEqual(Array.from(s.subarray(0, 784)));
    await expect(spikingFilter(x, 1, 28, 28, { region: 10 })).rejects.toThrow(/region/);
    expect(SPIKING_DEFAULTS.ticks).toBe(64);
  });
});
