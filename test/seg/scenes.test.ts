// The scene generator and the lighting conditions (docs/seg.md §2): labels match the rendered digit
// pixels, scenes are reproducible, dusk/night follow their documented parameters.
import { describe, expect, it } from 'vitest';
import { loadMnist, sliceDigits } from '../../ts/vit/idx.js';
import { makeScenes, digitAlpha, SCENE_DEFAULTS } from '../../ts/seg/scenes.js';
import { CONDITIONS, render, renderCondition } from '../../ts/seg/conditions.js';
import { localNorm, boxMean } from '../../ts/seg/preprocess.js';

const m = loadMnist();
const digits = sliceDigits(m.train, 0, 2000);
const set = makeScenes(digits, 12, 5);
const S = set.size, P = S * S;

describe('scenes', () => {
  it('label maps are exactly the pixels where the topmost digit has α ≥ 0.5', () => {
    for (let k = 0; k < set.n; k++) {
      const want = new Uint8Array(P);
      for (const d of set.placed[k]) {
        const a = digitAlpha(digits, d.index, d.side);
        for (let i = 0; i < d.side; i++) for (let j = 0; j < d.side; j++) if (a[i * d.side + j] >= 0.5) want[(d.row + i) * S + d.col + j] = 1 + d.digit;
      }
      expect(Array.from(set.labels.subarray(k * P, (k + 1) * P))).toEqual(Array.from(want));
      expect(set.placed[k].length).toBeGreaterThanOrEqual(2);
      expect(set.placed[k].length).toBeLessThanOrEqual(4);
      for (const d of set.placed[k]) expect(d.digit).toBe(digits.labels[d.index]);
    }
  });

  it('digit pixels are bright ink (≥ 0.5·0.8 over the background) and every placed digit shows in the labels', () => {
    for (let q = 0; q < set.n * P; q++) if (set.labels[q] > 0) expect(set.day[q]).toBeGreaterThanOrEqual(0.4);
    const present = new Set(Array.from(set.labels));
    for (const p of set.placed) for (const d of p) expect(present.has(1 + d.digit)).toBe(true);
    expect(Math.min(...set.day)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...set.day)).toBeLessThanOrEqual(1);
  });

  it('same seed → identical scenes, independent of how many are generated; another seed differs', () => {
    const again = makeScenes(digits, 12, 5);
    expect(again.day).toEqual(set.day);
    expect(again.labels).toEqual(set.labels);
    const tail = makeScenes(digits, 4, 5, SCENE_DEFAULTS, 8);
    expect(tail.day).toEqual(set.day.subarray(8 * P));
    expect(makeScenes(digits, 1, 6).day).not.toEqual(set.day.subarray(0, P));
  });

  it('rejects bad scene options naming the field', () => {
    expect(() => makeScenes(digits, 1, 1, { ...SCENE_DEFAULTS, maxScale: 80 })).toThrow(/scenes.maxScale/);
  });
});

describe('lighting', () => {
  it('without noise and glare, night is brightness·(μ + contrast·(D − μ)) exactly', () => {
    const l = { ...CONDITIONS.night, noise: 0, minBlobs: 0, maxBlobs: 0 };
    const y = render(set, l);
    for (let k = 0; k < 3; k++) {
      const d = set.day.subarray(k * P, (k + 1) * P);
      const mu = d.reduce((a, b) => a + b, 0) / P;
      for (let q = 0; q < P; q += 37) expect(y[k * P + q]).toBeCloseTo(l.brightness * (mu + l.contrast * (d[q] - mu)), 5);
    }
  });

  it('night is dimmer than dusk, dusk than day; the added noise has the documented σ', () => {
    const day = renderCondition(set, 'day'), dusk = renderCondition(set, 'dusk'), night = renderCondition(set, 'night');
    expect(day).toEqual(set.day);
    const ink = (x: Float32Array) => { let s = 0, n = 0; for (let q = 0; q < x.length; q++) if (set.labels[q]) { s += x[q]; n++; } return s / n; };
    expect(ink(dusk)).toBeLessThan(0.75 * ink(day));
    expect(ink(night)).toBeLessThan(0.75 * ink(dusk));
    const noisy = render(set, CONDITIONS.night, 9), clean = render(set, { ...CONDITIONS.night, noise: 0 }, 9);
    const r: number[] = [];
    for (let q = 0; q < noisy.length; q++) if (clean[q] > 0.2 && clean[q] < 0.8) r.push(noisy[q] - clean[q]);
    const sd = Math.sqrt(r.reduce((a, b) => a + b * b, 0) / r.length);
    expect(sd).toBeGreaterThan(0.9 * CONDITIONS.night.noise);
    expect(sd).toBeLessThan(1.1 * CONDITIONS.night.noise);
    expect(renderCondition(set, 'night')).toEqual(night);
  });

  it('night has glare: at least one near-saturated blob per scene', () => {
    const night = renderCondition(set, 'night');
    for (let k = 0; k < set.n; k++) expect(Math.max(...night.subarray(k * P, (k + 1) * P))).toBeGreaterThan(0.6);
  });
});

describe('local normalisation', () => {
  it('box mean is border-aware, and the normalisation is brightness-invariant up to σ0', () => {
    const x = Float32Array.from({ length: 25 }, (_, i) => i);
    expect(boxMean(x, 1, 5, 3)[0]).toBeCloseTo((0 + 1 + 5 + 6) / 4, 6);
    expect(boxMean(x, 1, 5, 3)[12]).toBeCloseTo(12, 6);
    const d = set.day.subarray(0, P);
    const a = localNorm(d, 1, S), b = localNorm(d.map((v) => 0.5 * v), 1, S, { k: 15, sigma0: 0.01, R: 4 });
    const a2 = localNorm(d, 1, S, { k: 15, sigma0: 0.02, R: 4 });
    let err = 0;
    for (let q = 0; q < P; q++) err = Math.max(err, Math.abs(a2[q] - b[q]));
    expect(err).toBeLessThan(1e-5);
    expect(Math.max(...a)).toBeLessThanOrEqual(1);
  });
});
