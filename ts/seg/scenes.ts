// The segmentation task (docs/seg.md §2): seeded S×S scenes holding 2–4 MNIST digits at random
// positions and scales over a structured background, with a per-pixel label map (0 = background,
// 1 + d = digit d). Everything is drawn from one HarnessRng seeded by (seed, scene index), so a scene
// does not depend on how many scenes are generated with it.
//
//   background  gradient a0 → a1 along a random direction, a0 ~ U(0.05, 0.20), a1 ~ U(0.20, 0.40);
//               + texture: uniform(−1, 1) noise blurred by a Gaussian σ = 1.5 px, × 0.25;
//               + 3–6 clutter strokes: segments 8–30 px long, 1.5 px wide (anti-aliased by distance),
//               grey level U(0.35, 0.65), alpha-blended (unlabelled distractors)
//   digits      2–4 MNIST digits, side U{minScale … maxScale} px (bilinear from 28×28), fully inside the
//               scene; with grid g > 0, sides and positions are multiples of g (default: side 24,
//               g = 8 = the segmenter's patch: docs/seg.md §2.1 explains why), ink level β ~ U(0.8, 1.0), alpha-blended with α = digit grey/255: x ← x(1−α) + βα;
//               later digits are drawn over earlier ones
//   labels      1 + digit class where that digit's α ≥ 0.5 (the last digit drawn wins), else 0
import type { Digits } from '../vit/idx.js';
import { HarnessRng } from '../vit/rng.js';
import { gaussBlur } from '../vit/ood.js';
import { resizeBilinear } from '../vit/images.js';
import { fail } from '../abi/errors.js';

export const CLASSES = 11;

export interface SceneOptions {
  /** Scene side in px. */
  size: number;
  minDigits: number;
  maxDigits: number;
  /** Digit side range in px. */
  minScale: number;
  maxScale: number;
  /** Placement lattice in px: 0 = any pixel; g > 0 = digit sides and positions are multiples of g. */
  grid: number;
}

export const SCENE_DEFAULTS: SceneOptions = { size: 64, minDigits: 2, maxDigits: 4, minScale: 24, maxScale: 24, grid: 8 };

/** n scenes: day images (f32 n×S×S in [0, 1]), label maps (u8 n×S×S) and what was placed where. */
export interface SceneSet {
  n: number;
  size: number;
  day: Float32Array;
  labels: Uint8Array;
  placed: { digit: number; index: number; row: number; col: number; side: number }[][];
}

export function checkScenes(o: SceneOptions): void {
  if (!Number.isInteger(o.size) || o.size < 8 || o.size > 512) fail('scenes.size', `must be an integer in [8, 512], got ${o.size}`);
  if (!Number.isInteger(o.minDigits) || o.minDigits < 1 || o.maxDigits < o.minDigits || o.maxDigits > 16) fail('scenes.maxDigits', `needs 1 ≤ minDigits ≤ maxDigits ≤ 16, got ${o.minDigits}–${o.maxDigits}`);
  if (!Number.isInteger(o.minScale) || o.minScale < 4 || o.maxScale < o.minScale || o.maxScale > o.size) fail('scenes.maxScale', `needs 4 ≤ minScale ≤ maxScale ≤ size (${o.size}), got ${o.minScale}–${o.maxScale}`);
  if (!Number.isInteger(o.grid) || o.grid < 0 || (o.grid > 0 && Math.floor(o.maxScale / o.grid) < Math.ceil(o.minScale / o.grid))) fail('scenes.grid', `must be 0 or a lattice step with a multiple in [minScale, maxScale] = [${o.minScale}, ${o.maxScale}], got ${o.grid}`);
}

/** Scenes [first, first + n) of the stream `seed`, drawing digits from `src`. */
export function makeScenes(src: Digits, n: number, seed: number, o: SceneOptions = SCENE_DEFAULTS, first = 0): SceneSet {
  checkScenes(o);
  const S = o.size, P = S * S;
  const set: SceneSet = { n, size: S, day: new Float32Array(n * P), labels: new Uint8Array(n * P), placed: [] };
  for (let k = 0; k < n; k++) {
    const rng = new HarnessRng(seed * 1_000_003 + first + k);
    const img = set.day.subarray(k * P, (k + 1) * P);
    background(img, S, rng);
    set.placed.push(placeDigits(img, set.labels.subarray(k * P, (k + 1) * P), S, src, rng, o));
  }
  return set;
}

const uni = (rng: HarnessRng, a: number, b: number) => a + (b - a) * rng.next();

function background(img: Float32Array, S: number, rng: HarnessRng): void {
  const a0 = uni(rng, 0.05, 0.2), a1 = uni(rng, 0.2, 0.4), th = uni(rng, 0, 2 * Math.PI);
  const [cx, cy] = [Math.cos(th), Math.sin(th)];
  const noise = Float32Array.from({ length: S * S }, () => uni(rng, -1, 1));
  const tex = new Float32Array(S * S);
  gaussBlur(noise, tex, S, 1.5, 3);
  const span = Math.abs(cx) + Math.abs(cy);
  for (let i = 0; i < S; i++) for (let j = 0; j < S; j++) {
    const t = ((i / (S - 1) - 0.5) * cy + (j / (S - 1) - 0.5) * cx) / span + 0.5;
    img[i * S + j] = a0 + (a1 - a0) * t + 0.25 * tex[i * S + j];
  }
  const strokes = 3 + rng.int(4);
  for (let s = 0; s < strokes; s++) {
    const len = uni(rng, 8, 30), ang = uni(rng, 0, 2 * Math.PI), v = uni(rng, 0.35, 0.65);
    const x0 = uni(rng, 0, S), y0 = uni(rng, 0, S);
    segment(img, S, x0, y0, x0 + len * Math.cos(ang), y0 + len * Math.sin(ang), 0.75, v);
  }
  for (let q = 0; q < S * S; q++) img[q] = Math.max(0, Math.min(1, img[q]));
}

/** Alpha-blend a segment of half-width hw (alpha = clip(hw + 0.5 − distance, 0, 1)) at grey level v. */
function segment(img: Float32Array, S: number, x0: number, y0: number, x1: number, y1: number, hw: number, v: number): void {
  const dx = x1 - x0, dy = y1 - y0, L2 = dx * dx + dy * dy;
  for (let i = 0; i < S; i++) for (let j = 0; j < S; j++) {
    const t = Math.max(0, Math.min(1, ((j + 0.5 - x0) * dx + (i + 0.5 - y0) * dy) / L2));
    const d = Math.hypot(j + 0.5 - x0 - t * dx, i + 0.5 - y0 - t * dy);
    const a = Math.max(0, Math.min(1, hw + 0.5 - d));
    if (a > 0) img[i * S + j] = img[i * S + j] * (1 - a) + v * a;
  }
}

function placeDigits(img: Float32Array, lab: Uint8Array, S: number, src: Digits, rng: HarnessRng, o: SceneOptions): SceneSet['placed'][number] {
  const count = o.minDigits + rng.int(o.maxDigits - o.minDigits + 1);
  const placed: SceneSet['placed'][number] = [];
  for (let d = 0; d < count; d++) {
    const g = o.grid || 1, lo = Math.ceil(o.minScale / g), hi = Math.floor(o.maxScale / g);
    const index = rng.int(src.n), side = g * (lo + rng.int(hi - lo + 1));
    const row = g * rng.int(Math.floor((S - side) / g) + 1), col = g * rng.int(Math.floor((S - side) / g) + 1), beta = uni(rng, 0.8, 1);
    const alpha = digitAlpha(src, index, side);
    const digit = src.labels[index];
    for (let i = 0; i < side; i++) for (let j = 0; j < side; j++) {
      const a = alpha[i * side + j], q = (row + i) * S + col + j;
      img[q] = img[q] * (1 - a) + beta * a;
      if (a >= 0.5) lab[q] = 1 + digit;
    }
    placed.push({ digit, index, row, col, side });
  }
  return placed;
}

/** Digit `index` of src resized to side×side, as alpha in [0, 1]. */
export function digitAlpha(src: Digits, index: number, side: number): Float32Array {
  const out = new Float32Array(side * side);
  resizeBilinear(src.images.subarray(index * src.h * src.w, (index + 1) * src.h * src.w), src.h, src.w, out, side, side, 1 / 255);
  return out;
}
