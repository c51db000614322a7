// The TypeScript preprocessing stages of the segmenter (ts/seg/preprocess.ts) on hand-checkable inputs,
// and their parameter errors (each names the stage and the option).
import { describe, expect, it } from 'vitest';
import { adaptivePool, adaptiveSigma, contrastGain, denoise, globalNorm, localNorm, parseVariant, planeMedians, planeQuantiles, SegPreprocessor, squareMinMax, topHat, LOCAL_NORM, TOP_HAT, ADAPTIVE_POOL } from '../../ts/seg/preprocess.js';

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

  it('squareMinMax: k×k erosion / dilation with the window clipped to the image; planeQuantiles interpolates', () => {
    const x = f32([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(squareMinMax(x, 1, 3, 3, false))).toEqual([1, 1, 2, 1, 1, 2, 4, 4, 5]);
    expect(Array.from(squareMinMax(x, 1, 3, 3, true))).toEqual([5, 6, 6, 8, 9, 9, 8, 9, 9]);
    expect(Array.from(squareMinMax(x, 1, 3, 1, false))).toEqual(Array.from(x));
    expect(planeQuantiles(f32([3, 0, 2, 1]), 1, 2, 0.5)[0]).toBeCloseTo(1.5, 12);
    expect(planeQuantiles(f32([3, 0, 2, 1]), 1, 2, 1)[0]).toBe(3);
  });

  it('th: a flat or smooth-wide image gives 0; a thin line keeps its absolute contrast; dim images get the gain m/median (≤ g)', () => {
    const S = 9, P = S * S;
    expect(Array.from(topHat(new Float32Array(P).fill(0.3), 1, S, { ...TOP_HAT, k: 3 }))).toEqual(new Array(P).fill(0));
    // a vertical 1-px line of 0.7 on a background of 0.2 (median 0.2 ≥ m: gain 1): t = 0.5 on the line, 0 elsewhere
    const line = f32(Array.from({ length: P }, (_, q) => (q % S === 4 ? 0.7 : 0.2)));
    const y = topHat(line, 1, S, { ...TOP_HAT, k: 3 });
    for (let q = 0; q < P; q++) expect(y[q]).toBeCloseTo(q % S === 4 ? 0.5 : 0, 6);
    // a linear ramp is wider than any square: removed exactly, except in the last column of the rising
    // side, where the clipped window leaves one step (0.02)
    const ramp = f32(Array.from({ length: P }, (_, q) => 0.2 + 0.02 * (q % S)));
    const yr = topHat(ramp, 1, S, { ...TOP_HAT, k: 3 });
    for (let q = 0; q < P; q++) expect(yr[q]).toBeCloseTo(q % S === S - 1 ? 0.02 : 0, 6);
    // the same line dimmed 4× (median 0.05): gain min(4, 0.17/0.05) = 3.4 → 0.125 · 3.4 = 0.425
    const dim = line.map((v) => v / 4);
    const z = topHat(dim, 1, S, { ...TOP_HAT, k: 3 });
    expect(z[4]).toBeCloseTo(0.125 * 3.4, 5);
    expect(topHat(dim, 1, S, { ...TOP_HAT, k: 3, g: 2 })[4]).toBeCloseTo(0.25, 5);
  });

  it('th removes glare: a region above l connected to a pixel above h is set to 0; a stroke below h stays', () => {
    const S = 11, P = S * S;
    // background 0.2; a 3-px blob (centre 1.0 + 4-neighbours 0.55) at (2,2); a 1-px stroke of 0.6 in column 8
    const x = new Float32Array(P).fill(0.2);
    x[2 * S + 2] = 1.0; for (const [i, j] of [[1, 2], [3, 2], [2, 1], [2, 3]]) x[i * S + j] = 0.55;
    for (let i = 0; i < S; i++) x[i * S + 8] = 0.6;
    const y = topHat(x, 1, S, { k: 5, m: 0.17, g: 4, h: 0.7, l: 0.3 }); // t: centre 0.8 > h, neighbours 0.35 > l, stroke 0.4 < h
    expect(y[2 * S + 2]).toBe(0);
    for (const [i, j] of [[1, 2], [3, 2], [2, 1], [2, 3]]) expect(y[i * S + j]).toBe(0);
    for (let i = 0; i < S; i++) expect(y[i * S + 8]).toBeCloseTo(0.4, 6);
    // with h above the centre nothing is removed
    expect(topHat(x, 1, S, { k: 5, m: 0.17, g: 4, h: 0.9, l: 0.3 })[2 * S + 2]).toBeCloseTo(0.8, 6);
  });

  it('ap: σ = s·√(max(0, m/median − 1)); a copy for medians ≥ m, dn(σ) below', () => {
    expect(adaptiveSigma(0.2)).toBe(0);
    expect(adaptiveSigma(ADAPTIVE_POOL.m / 2)).toBeCloseTo(1, 12);
    expect(adaptiveSigma(ADAPTIVE_POOL.m / 5, { m: ADAPTIVE_POOL.m, s: 0.5 })).toBeCloseTo(1, 12);
    const S = 7, imp = new Float32Array(S * S).fill(0.3); imp[24] = 1;
    expect(Array.from(adaptivePool(imp, 1, S))).toEqual(Array.from(imp)); // median 0.3 ≥ 0.17
    const dim = new Float32Array(2 * S * S); dim.set(imp.map((v) => v * 0.17 / 0.6), 0); dim.set(imp, S * S); // plane 0: median 0.085 → σ = 1
    const y = adaptivePool(dim, 2, S);
    expect(Array.from(y.subarray(0, S * S))).toEqual(Array.from(denoise(dim.subarray(0, S * S), 1, S, { s: 1 })));
    expect(Array.from(y.subarray(S * S))).toEqual(Array.from(imp));
  });

  it('th and ap: bad options name the field', () => {
    expect(parseVariant('dn+th+field')).toEqual({ stages: [{ kind: 'dn', o: { s: 1 } }, { kind: 'th', o: TOP_HAT }], base: 'field' });
    expect(parseVariant('ap(s=2)+th(k=7)+raw').stages).toEqual([{ kind: 'ap', o: { ...ADAPTIVE_POOL, s: 2 } }, { kind: 'th', o: { ...TOP_HAT, k: 7 } }]);
    expect(() => parseVariant('th(k=4)+field')).toThrow(/th\.k: must be an odd integer in \[1, 63\], got 4/);
    expect(() => parseVariant('th(g=0.5)+field')).toThrow(/th\.g: must be a number in \[1, 100\], got 0.5/);
    expect(() => parseVariant('th(m=0)+field')).toThrow(/th\.m: must be a number in \(0, 1\], got 0/);
    expect(() => parseVariant('th(q=0.9)+field')).toThrow(/th\.q: is not an option of th/);
    expect(() => topHat(new Float32Array(4), 1, 2, { ...TOP_HAT, l: 2, h: 1 })).toThrow(/th\.l: must not exceed th\.h = 1, got 2/);
    expect(() => parseVariant('ap(s=11)+field')).toThrow(/ap\.s: must be a number in \[0, 10\], got 11/);
    expect(() => parseVariant('ap(m=-1)+field')).toThrow(/ap\.m: must be a number in \(0, 1\]/);
  });
});
