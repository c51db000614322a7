// Image batches for the filter: validation of shapes and values, and the mapping of channels onto the
// engine's N×H×W single-channel planes.
//
// Channels (MODEL.md §8.6 "for RGB: luminance, or per channel"):
// - 'luminance' (default): C = 1 as is; C = 2 (grey + alpha) uses channel 0; C ≥ 3 uses
//   Y = 0.299 R + 0.587 G + 0.114 B (Rec. 601) of channels 0–2, other channels (alpha) are ignored.
//   The output has one channel.
// - 'each': every channel is filtered as an independent plane; the output has C channels.
// Uint8Array / Uint8ClampedArray values are scaled by 1/255; float values must lie in [0, 1].
import { fail } from '../abi/errors.js';

export type PixelArray = Float32Array | Float64Array | Uint8Array | Uint8ClampedArray;
export type ChannelMode = 'luminance' | 'each';

export interface Geometry { n: number; h: number; w: number; c: number; rank: 3 | 4 }

export function checkShape(shape: readonly number[], length: number): Geometry {
  const ok = Array.isArray(shape) && (shape.length === 3 || shape.length === 4) && shape.every((d) => Number.isInteger(d) && d >= 1);
  if (!ok) fail('shape', `must be [n, h, w] or [n, h, w, c] with integers ≥ 1, got [${Array.isArray(shape) ? shape.join(', ') : String(shape)}]`);
  const [n, h, w, c = 1] = shape;
  if (n * h * w * c !== length) fail('images', `has ${length} values but shape [${shape.join(', ')}] needs ${n * h * w * c}`);
  if (h * w > 1 << 24) fail('shape', `h·w must be ≤ ${1 << 24} pixels per image, got ${h}×${w}`);
  return { n, h, w, c, rank: shape.length as 3 | 4 };
}

function isBytes(a: PixelArray): boolean {
  return a instanceof Uint8Array || a instanceof Uint8ClampedArray;
}

/** Planes (P×H×W f32 in [0, 1]) for the engine, P = n (luminance) or n·c (each). */
export function toPlanes(data: PixelArray, g: Geometry, channels: ChannelMode): Float32Array {
  const { n, h, w, c } = g;
  const hw = h * w;
  const scale = isBytes(data) ? 1 / 255 : 1;
  if (!isBytes(data)) checkRange(data as Float32Array | Float64Array);
  if (c === 1) return data instanceof Float32Array ? data : Float32Array.from(data, (v) => v * scale);
  if (channels === 'each') {
    const out = new Float32Array(n * c * hw);
    for (let i = 0; i < n; i++) for (let k = 0; k < c; k++) {
      const o = (i * c + k) * hw;
      for (let p = 0; p < hw; p++) out[o + p] = data[(i * hw + p) * c + k] * scale;
    }
    return out;
  }
  const out = new Float32Array(n * hw);
  for (let q = 0; q < n * hw; q++) {
    const b = q * c;
    out[q] = c < 3 ? data[b] * scale : Math.min(1, (0.299 * data[b] + 0.587 * data[b + 1] + 0.114 * data[b + 2]) * scale);
  }
  return out;
}

/** Interleave filtered planes back into N×H×W×C (each) or return them as N×H×W(×1). */
export function fromPlanes(planes: Float32Array, g: Geometry, channels: ChannelMode): { data: Float32Array; shape: number[] } {
  const { n, h, w, c } = g;
  if (c === 1 || channels === 'luminance') return { data: planes, shape: g.rank === 3 ? [n, h, w] : [n, h, w, 1] };
  const hw = h * w;
  const out = new Float32Array(n * hw * c);
  for (let i = 0; i < n; i++) for (let k = 0; k < c; k++) {
    const o = (i * c + k) * hw;
    for (let p = 0; p < hw; p++) out[(i * hw + p) * c + k] = planes[o + p];
  }
  return { data: out, shape: [n, h, w, c] };
}

function checkRange(data: Float32Array | Float64Array): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!(v >= 0 && v <= 1)) fail('images', `float pixel values must be in [0, 1] (scale bytes by 1/255, or pass a Uint8Array); value ${i} is ${v}`);
  }
}

/** Bilinear resize of one h×w plane into dst (oh×ow), pixel centres aligned, edges clamped; values × scale. */
export function resizeBilinear(src: ArrayLike<number>, h: number, w: number, dst: Float32Array, oh: number, ow: number, scale = 1): void {
  for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) {
    const y = ((i + 0.5) * h) / oh - 0.5, xx = ((j + 0.5) * w) / ow - 0.5;
    const y0 = Math.max(0, Math.min(h - 1, Math.floor(y))), x0 = Math.max(0, Math.min(w - 1, Math.floor(xx)));
    const y1 = Math.min(h - 1, y0 + 1), x1 = Math.min(w - 1, x0 + 1);
    const fy = Math.max(0, Math.min(1, y - y0)), fx = Math.max(0, Math.min(1, xx - x0));
    const at = (a: number, b: number) => src[a * w + b] * scale;
    dst[i * ow + j] = (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x1)) + fy * ((1 - fx) * at(y1, x0) + fx * at(y1, x1));
  }
}
