// Lighting conditions (docs/seg.md §2.2): the same day scene D rendered at day, dusk and night.
// Per scene (μ = mean of D over the scene, n ~ N(0, 1) per pixel, G = the glare field):
//
//   Y = clip(brightness · (μ + contrast · (D − μ)) + G + noise · n, 0, 1)
//   G = Σ_k A_k · exp(−r_k² / (2 σ_k²)),   k = 1 … K glare blobs ("headlights") at uniform positions
//
// | condition | brightness | contrast | noise σ | blobs K | amplitude A | radius σ (px) |
// |-----------|------------|----------|---------|---------|-------------|---------------|
// | day       | 1          | 1        | 0       | 0       | —           | —             |
// | dusk      | 0.55       | 0.8      | 0.03    | 0–1     | U(0.3, 0.6) | U(2, 5)       |
// | night     | 0.25       | 0.6      | 0.05    | 1–3     | U(0.7, 1.0) | U(2, 6)       |
//
// The draws come from one HarnessRng per (condition, seed, scene index), so every model sees the
// identical dusk and night images.
import { HarnessRng } from '../vit/rng.js';
import type { SceneSet } from './scenes.js';

export interface Lighting {
  brightness: number;
  contrast: number;
  noise: number;
  minBlobs: number;
  maxBlobs: number;
  amp: [number, number];
  radius: [number, number];
}

export const CONDITIONS = {
  day: { brightness: 1, contrast: 1, noise: 0, minBlobs: 0, maxBlobs: 0, amp: [0, 0], radius: [1, 1] },
  dusk: { brightness: 0.55, contrast: 0.8, noise: 0.03, minBlobs: 0, maxBlobs: 1, amp: [0.3, 0.6], radius: [2, 5] },
  night: { brightness: 0.25, contrast: 0.6, noise: 0.05, minBlobs: 1, maxBlobs: 3, amp: [0.7, 1.0], radius: [2, 6] },
} satisfies Record<string, Lighting>;

export type Condition = keyof typeof CONDITIONS;
export const CONDITION_NAMES = Object.keys(CONDITIONS) as Condition[];

/** Render every scene of `set` under lighting `l` (a new array; day with the day lighting is a copy). */
export function render(set: SceneSet, l: Lighting, seed = 77): Float32Array {
  const S = set.size, P = S * S;
  const out = new Float32Array(set.n * P);
  for (let k = 0; k < set.n; k++) {
    const rng = new HarnessRng(seed * 1_000_003 + k);
    const d = set.day.subarray(k * P, (k + 1) * P), y = out.subarray(k * P, (k + 1) * P);
    let mu = 0;
    for (let q = 0; q < P; q++) mu += d[q];
    mu /= P;
    for (let q = 0; q < P; q++) y[q] = l.brightness * (mu + l.contrast * (d[q] - mu));
    glare(y, S, l, rng);
    for (let q = 0; q < P; q++) {
      const v = y[q] + (l.noise > 0 ? l.noise * rng.normal() : 0);
      y[q] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
  }
  return out;
}

function glare(y: Float32Array, S: number, l: Lighting, rng: HarnessRng): void {
  const K = l.minBlobs + rng.int(l.maxBlobs - l.minBlobs + 1);
  for (let b = 0; b < K; b++) {
    const cx = rng.next() * S, cy = rng.next() * S;
    const A = l.amp[0] + (l.amp[1] - l.amp[0]) * rng.next(), s = l.radius[0] + (l.radius[1] - l.radius[0]) * rng.next();
    for (let i = 0; i < S; i++) for (let j = 0; j < S; j++) {
      const r2 = (j + 0.5 - cx) ** 2 + (i + 0.5 - cy) ** 2;
      y[i * S + j] += A * Math.exp(-r2 / (2 * s * s));
    }
  }
}

/** `set` under condition c; each condition draws from its own stream (seed + 7919 · condition index). */
export function renderCondition(set: SceneSet, c: Condition, seed = 77): Float32Array {
  return render(set, CONDITIONS[c], seed + 7919 * CONDITION_NAMES.indexOf(c));
}
