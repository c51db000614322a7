// The out-of-distribution suite, generated from MNIST-test images (f32 N×28×28 in [0, 1]) with
// fixed seeds, so every model sees identical images. n ~ N(0, 1) per pixel. Definitions follow
// MODEL.md §8.5; `restyled` is the package's own cross-domain digit set (docs/vit.md):
//
//   clean     x
//   dark      0.25·x
//   night     clip(0.3·x + 0.08·n, 0, 1)            (dim + sensor noise)
//   noise     clip(x + 0.35·n, 0, 1)
//   fog       0.45·x + 0.45                          (low contrast, bright veil)
//   blur      separable Gaussian σ = 1.5 px, 7 taps (radius 3, weights normalised), zero padding
//   restyled  each digit re-rendered: stroke width changed (3×3 grey dilation, or a plus-shaped
//             erosion kept only if ≥ 35 % of the ink survives), then an elastic distortion (Simard
//             et al. 2003: uniform(−1, 1) displacements smoothed by a Gaussian σ = 4 px, α = 34 px)
//             and a random affine map (rotation ±15°, shear ±0.2, scale 0.9–1.1), bilinear resampling.
import { HarnessRng } from './rng.js';

export const OOD_SETS = ['clean', 'dark', 'night', 'noise', 'fog', 'blur', 'restyled'] as const;
export type OodSet = (typeof OOD_SETS)[number];

const S = 28;
const clip = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/** Apply `set` to images x (N×S×S); `seed` fixes the noise / distortion draws. */
export function corrupt(set: OodSet, x: Float32Array, seed = 2024, side = S): Float32Array {
  const rng = new HarnessRng(seed + OOD_SETS.indexOf(set) * 7919);
  const out = new Float32Array(x.length);
  switch (set) {
    case 'clean': out.set(x); break;
    case 'dark': for (let i = 0; i < x.length; i++) out[i] = 0.25 * x[i]; break;
    case 'night': for (let i = 0; i < x.length; i++) out[i] = clip(0.3 * x[i] + 0.08 * rng.normal()); break;
    case 'noise': for (let i = 0; i < x.length; i++) out[i] = clip(x[i] + 0.35 * rng.normal()); break;
    case 'fog': for (let i = 0; i < x.length; i++) out[i] = 0.45 * x[i] + 0.45; break;
    case 'blur': for (let k = 0; k < x.length; k += side * side) gaussBlur(x.subarray(k, k + side * side), out.subarray(k, k + side * side), side, 1.5, 3); break;
    case 'restyled': for (let k = 0; k < x.length; k += side * side) restyle(x.subarray(k, k + side * side), out.subarray(k, k + side * side), side, rng); break;
  }
  return out;
}

function kernel(sigma: number, r: number): Float64Array {
  const k = new Float64Array(2 * r + 1);
  let s = 0;
  for (let d = -r; d <= r; d++) s += k[d + r] = Math.exp((-d * d) / (2 * sigma * sigma));
  return k.map((v) => v / s);
}

/** Separable Gaussian blur with zero padding (pixels outside the image count as 0). */
export function gaussBlur(src: ArrayLike<number>, dst: Float32Array | Float64Array, side: number, sigma: number, r: number): void {
  const k = kernel(sigma, r);
  const tmp = new Float64Array(side * side);
  for (let i = 0; i < side; i++) for (let j = 0; j < side; j++) {
    let s = 0;
    for (let d = -r; d <= r; d++) if (j + d >= 0 && j + d < side) s += k[d + r] * src[i * side + j + d];
    tmp[i * side + j] = s;
  }
  for (let i = 0; i < side; i++) for (let j = 0; j < side; j++) {
    let s = 0;
    for (let d = -r; d <= r; d++) if (i + d >= 0 && i + d < side) s += k[d + r] * tmp[(i + d) * side + j];
    dst[i * side + j] = s;
  }
}

function morph(src: ArrayLike<number>, side: number, dilate: boolean): Float32Array {
  const out = new Float32Array(side * side);
  const nb = dilate ? [[-1, -1], [-1, 0], [-1, 1], [0, -1], [0, 0], [0, 1], [1, -1], [1, 0], [1, 1]] : [[-1, 0], [0, -1], [0, 0], [0, 1], [1, 0]];
  for (let i = 0; i < side; i++) for (let j = 0; j < side; j++) {
    let v = dilate ? 0 : 1;
    for (const [di, dj] of nb) {
      const ii = i + di, jj = j + dj;
      const p = ii >= 0 && ii < side && jj >= 0 && jj < side ? src[ii * side + jj] : 0;
      v = dilate ? Math.max(v, p) : Math.min(v, p);
    }
    out[i * side + j] = v;
  }
  return out;
}

function bilinear(src: ArrayLike<number>, side: number, y: number, x: number): number {
  const y0 = Math.floor(y), x0 = Math.floor(x);
  const fy = y - y0, fx = x - x0;
  const at = (i: number, j: number) => (i >= 0 && i < side && j >= 0 && j < side ? src[i * side + j] : 0);
  return (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) + fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1));
}

/** One cross-domain rendering of a digit (see the header). */
export function restyle(src: ArrayLike<number>, dst: Float32Array, side: number, rng: HarnessRng): void {
  const ink = (a: ArrayLike<number>) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i]; return s; };
  let img = morph(src, side, rng.next() < 0.5);
  if (ink(img) < 0.35 * ink(src)) img = Float32Array.from(src);
  const dx = new Float64Array(side * side), dy = new Float64Array(side * side);
  const ux = new Float64Array(side * side).map(() => 2 * rng.next() - 1), uy = new Float64Array(side * side).map(() => 2 * rng.next() - 1);
  gaussBlur(ux, dx, side, 4, 8);
  gaussBlur(uy, dy, side, 4, 8);
  const th = ((rng.next() * 2 - 1) * 15 * Math.PI) / 180, sh = (rng.next() * 2 - 1) * 0.2, sc = 0.9 + 0.2 * rng.next();
  const c = (side - 1) / 2, cos = Math.cos(th) / sc, sin = Math.sin(th) / sc;
  for (let i = 0; i < side; i++) for (let j = 0; j < side; j++) {
    const yy = i - c, xx = j - c + sh * (i - c);
    const sy = cos * yy - sin * xx + c + 34 * dy[i * side + j], sx = sin * yy + cos * xx + c + 34 * dx[i * side + j];
    dst[i * side + j] = clip(bilinear(img, side, sy, sx));
  }
}
