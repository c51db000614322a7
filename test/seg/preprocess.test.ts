// The TypeScript preprocessing stages of the segmenter (ts/seg/preprocess.ts) on hand-checkable inputs,
// and their parameter errors (each names the stage and the option).
import { describe, expect, it } from 'vitest';
import { contrastGain, denoise, globalNorm, localNorm, parseVariant, planeMedians, SegPreprocessor, LOCAL_NORM } from '../../ts/seg/preprocess.js';

const f32 = (a: number[]) => Float32Array.from(a);

describe('preprocessing stages', () => {
  it('planeMedians: odd and even counts, per plane', () => {
    expect(Array.from(planeMedians(f32([0.4, 0.1, 0.3, 0.2, 0.9, 0.5, 0.6, 0.7]), 2, 2))).toEqual([0.5 * (f32([0.2])[0] + f32([0.3])[0]), 0.5 * (f32([0.6])[0] + f32([0.7])[0])]);
    expect(planeMedians(f32([3, 1, 2, 5, 4, 9, 8, 7, 6]), 1, 3)[0]).toBe(5);
  });

  it('gn divides by R·(median + σ0) and clips at 1; a glare pixel does not move the median', () => {
    const x = f32([0.1, 0.2, 0.3, 0.4]);
    const y = globalNorm(x, 1, 2); // median 0.25 → divisor 4 · 0.27 = 1.08
    for (let q = 0; q < 4; q++) expect(y[q]).toBeCloseTo(x[q] / 1.08, 6);
    const g = globalNorm(f32([0.1, 0.2, 0.3, 1.0]), 1, 2);
    expect(g[0]).toBeCloseTo(0.1 / 1.08, 6);
    expect(g[3]).toBeCloseTo(1 / 1.08, 6);
    expect(Array.from(globalNorm(x, 1, 2, { sigma0: 0.05, R: 1 }))).toEqual([f32([0.1 / 0.3])[0], f32([0.2 / 0.3])[0], 1, 1]);
  });

  it('ln with f = 0 is the original L; f > 0 floors the local mean at f · median', () => {
    const x = f32([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    const a = localNorm(x, 1, 3, { k: 1, sigma0: 0.02, R: 4 }); // k = 1: M = x itself
    for (let q = 0; q < 9; q++) expect(a[q]).toBeCloseTo(x[q] / (4 * (x[q] + 0.02)), 6);
    expect(Array.from(localNorm(x, 1, 3, { ...LOCAL_NORM, k: 1 }))).toEqual(Array.from(a));
    const b = localNorm(x, 1, 3, { k: 1, sigma0: 0.02, R: 4, f: 1 }); // median 0.5: divisor 4 · (max(x, 0.5) + 0.02)
    expect(b[0]).toBeCloseTo(0.1 / (4 * 0.52), 6);
    expect(b[8]).toBeCloseTo(0.9 / (4 * 0.92), 6);
  });

  it('dn keeps a constant image constant (no dark border), spreads an impulse by the Gaussian, copies at s = 0', () => {
    const c = denoise(new Float32Array(49).fill(0.3), 1, 7);
    for (const v of c) expect(v).toBeCloseTo(0.3, 6);
    const imp = new Float32Array(49); imp[24] = 1;
    const z = [-3, -2, -1, 0, 1, 2, 3].reduce((s, d) => s + Math.exp(-d * d / 2), 0);
    const y = denoise(imp, 1, 7);
    expect(y[24]).toBeCloseTo(1 / (z * z), 6);
    // column 4 of 7: the horizontal tap at +3 falls outside, so its weight leaves the normaliser
    expect(y[25]).toBeCloseTo(Math.exp(-0.5) / ((z - Math.exp(-4.5)) * z), 6);
    expect(Array.from(denoise(imp, 1, 7, { s: 0 }))).toEqual(Array.from(imp));
  });

  it('cg: the identity where the local s.d. ≥ c; below it deviations are scaled by min(g, c/σ) about the local mean', () => {
    // 4×4, left half 0.4, right half 0.6; k = 7 covers the whole image from every pixel: m = 0.5, σ = 0.1.
    const x = f32(Array.from({ length: 16 }, (_, q) => (q % 4 < 2 ? 0.4 : 0.6)));
    expect(Array.from(contrastGain(x, 1, 4, { k: 7, c: 0.1, g: 5, s: 0 }))).toEqual(Array.from(x));
    const y = contrastGain(x, 1, 4, { k: 7, c: 0.2, g: 5, s: 0 }); // g = 2
    for (let q = 0; q < 16; q++) expect(y[q]).toBeCloseTo(q % 4 < 2 ? 0.3 : 0.7, 6);
    const z = contrastGain(x, 1, 4, { k: 7, c: 0.9, g: 3, s: 0 }); // capped at g = 3: 0.5 ± 0.3
    for (let q = 0; q < 16; q++) expect(z[q]).toBeCloseTo(q % 4 < 2 ? 0.2 : 0.8, 6);
    const flat = contrastGain(new Float32Array(16).fill(0.25), 1, 4, { k: 7, c: 0.1, g: 5, s: 1 });
    for (const v of flat) expect(v).toBeCloseTo(0.25, 6);
  });

  it('variants parse into stages and a filter variant; bad stages and options name the field', async () => {
    expect(parseVariant('ln+field')).toEqual({ stages: [{ kind: 'ln', o: LOCAL_NORM }], base: 'field' });
    expect(parseVariant('dn(s=0.5)+gn(R=3)+field:theta=0.1')).toEqual({ stages: [{ kind: 'dn', o: { s: 0.5 } }, { kind: 'gn', o: { sigma0: 0.02, R: 3 } }], base: 'field:theta=0.1' });
    expect(parseVariant('raw')).toEqual({ stages: [], base: 'raw' });
    expect(() => parseVariant('dn(s=-1)+field')).toThrow(/dn\.s: must be a number in \[0, 10\], got -1/);
    expect(() => parseVariant('ln(k=4)+field')).toThrow(/ln\.k: must be an odd integer in \[1, 255\], got 4/);
    expect(() => parseVariant('gn(R=0)+field')).toThrow(/gn\.R: must be a number in \(0, 100\], got 0/);
    expect(() => parseVariant('cg(g=0.5)+field')).toThrow(/cg\.g: must be a number in \[1, 100\], got 0.5/);
    expect(() => parseVariant('cg(q=1)+field')).toThrow(/cg\.q: is not an option of cg/);
    expect(() => parseVariant('dn(s=)+field')).toThrow(/dn\.s: must be a number/);
    expect(() => parseVariant('blur+field')).toThrow(/unknown preprocessing stage 'blur'/);
    expect(() => parseVariant('ln+')).toThrow(/must be followed by a variant/);
    expect(() => localNorm(new Float32Array(4), 1, 2, { k: 3, sigma0: 0, R: 4 })).toThrow(/ln\.sigma0/);
    const p = await SegPreprocessor.create('dn+gn+raw');
    const x = f32([0.1, 0.2, 0.3, 0.4]);
    expect(Array.from(p.apply(x, 1, 2))).toEqual(Array.from(globalNorm(denoise(x, 1, 2), 1, 2)));
  });
});
