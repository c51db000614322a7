// sWTAFilter: the sWTA image filter (MODEL.md §8.6) as a product feature. Computes in the engine
// (native, wasm or the AssemblyScript edge build — bit-identical); this class only validates inputs,
// maps channels onto planes, and moves data in chunks through reused engine buffers.
//
// Inputs: Float32Array/Float64Array in [0, 1] or Uint8Array/Uint8ClampedArray (÷255) with shape
// [n, h, w] or [n, h, w, c]; browser ImageData (or any {data, width, height}); TF.js tensors of rank
// 2 [h, w], 3 [n, h, w] or 4 [n, h, w, c] (float32 in [0, 1], or int32 0–255). Any image size.
import { engine as getEngine } from '../backend/registry.js';
import type { BackendName, Buffer, Engine } from '../backend/engine.js';
import { fail } from '../abi/errors.js';
import { PARAM_COUNT, paramVector, resolveParams, type FilterParams } from './params.js';
import { checkShape, fromPlanes, toPlanes, type ChannelMode, type PixelArray } from './images.js';

export interface FilterOptions extends Partial<FilterParams> {
  /** How channels are handled (see ts/vit/images.ts). Default 'luminance'. */
  channels?: ChannelMode;
}

export interface ImageDataLike { data: Uint8ClampedArray; width: number; height: number }
interface TensorLike { shape: number[]; dtype: string; dataSync(): ArrayLike<number> }

/** Values per engine call (1 M floats = 4 MB): the batch is filtered in chunks of whole images. */
const CHUNK_VALUES = 1 << 18;

export class sWTAFilter {
  readonly params: FilterParams;
  readonly channels: ChannelMode;
  private paramBuf: Buffer | null = null;
  private work: { h: number; w: number; buf: Buffer } | null = null;
  private io: { src: Buffer; dst: Buffer; values: number } | null = null;

  static async create(opts: FilterOptions = {}, backend: BackendName | 'auto' = 'auto'): Promise<sWTAFilter> {
    return new sWTAFilter(await getEngine(backend), opts);
  }

  constructor(readonly engine: Engine, opts: FilterOptions = {}) {
    const { channels = 'luminance', ...rest } = opts;
    if (channels !== 'luminance' && channels !== 'each') fail('options.channels', `must be 'luminance' or 'each', got '${String(channels)}'`);
    this.channels = channels;
    this.params = resolveParams(rest);
  }

  /** Filter p planes of h×w (f32 in [0, 1], validated by the engine) into a new Float32Array. */
  planes(src: Float32Array, p: number, h: number, w: number): Float32Array {
    const out = new Float32Array(p * h * w);
    const per = Math.max(1, Math.floor(CHUNK_VALUES / (h * w)));
    const e = this.engine;
    const work = this.workFor(h, w);
    for (let i = 0; i < p; i += per) {
      const k = Math.min(per, p - i);
      const io = this.ioFor(k * h * w);
      e.mem.f32(io.src.ptr, k * h * w).set(src.subarray(i * h * w, (i + k) * h * w));
      e.call('sWTAFilter.apply', 'swta_filter_run', this.paramBuf!.ptr, PARAM_COUNT, io.src.ptr, io.dst.ptr, k, h, w, work.ptr, work.bytes / 4);
      out.set(e.mem.f32(io.dst.ptr, k * h * w), i * h * w);
    }
    return out;
  }

  /** Filter a batch [n, h, w] or [n, h, w, c]; returns the filtered data and its shape. */
  apply(data: PixelArray, shape: readonly number[]): { data: Float32Array; shape: number[] } {
    const g = checkShape(shape, data?.length ?? -1);
    const planes = toPlanes(data, g, this.channels);
    const p = this.channels === 'each' ? g.n * g.c : g.n;
    return fromPlanes(this.planes(planes, p, g.h, g.w), g, this.channels);
  }

  /** Filter an ImageData (RGBA bytes). Luminance: grey in R = G = B; each: R, G, B filtered. Alpha kept. */
  applyImageData(img: ImageDataLike): ImageDataLike {
    if (!img || !(img.data instanceof Uint8ClampedArray) || !(img.width >= 1) || img.data.length !== img.width * img.height * 4) {
      fail('image', 'must be an ImageData (or {data: Uint8ClampedArray, width, height}) with data.length = width·height·4');
    }
    const { width: w, height: h } = img;
    const rgb = new Uint8Array(w * h * 3);
    for (let q = 0; q < w * h; q++) for (let k = 0; k < 3; k++) rgb[q * 3 + k] = img.data[q * 4 + k];
    const { data: y } = this.apply(rgb, [1, h, w, 3]);
    const out = new Uint8ClampedArray(w * h * 4);
    const c = this.channels === 'each' ? 3 : 1;
    for (let q = 0; q < w * h; q++) {
      for (let k = 0; k < 3; k++) out[q * 4 + k] = Math.round(255 * y[q * c + (c === 3 ? k : 0)]);
      out[q * 4 + 3] = img.data[q * 4 + 3];
    }
    const IData = (globalThis as { ImageData?: new (d: Uint8ClampedArray, w: number, h: number) => ImageDataLike }).ImageData;
    return IData ? new IData(out, w, h) : { data: out, width: w, height: h };
  }

  /** Filter a TF.js tensor: [h, w], [n, h, w] or [n, h, w, c]; returns a float32 tensor. */
  async applyTensor<T extends TensorLike>(t: T): Promise<T> {
    if (!t || !Array.isArray(t.shape) || typeof t.dataSync !== 'function') fail('tensor', 'must be a TF.js tensor');
    if (t.shape.length < 2 || t.shape.length > 4) fail('tensor.shape', `must be [h, w], [n, h, w] or [n, h, w, c], got [${t.shape.join(', ')}]`);
    if (t.dtype !== 'float32' && t.dtype !== 'int32') fail('tensor.dtype', `must be float32 (0–1) or int32 (0–255), got ${t.dtype}`);
    const raw = t.dataSync();
    let data: PixelArray;
    if (t.dtype === 'int32') {
      if (!Array.prototype.every.call(raw, (v: number) => v >= 0 && v <= 255)) fail('tensor', 'int32 values must be in [0, 255]');
      data = Uint8Array.from(raw);
    } else data = raw as Float32Array;
    const shape = t.shape.length === 2 ? [1, ...t.shape] : t.shape;
    const r = this.apply(data, shape);
    const tf = await import('@tensorflow/tfjs');
    const outShape = t.shape.length === 2 ? t.shape : r.shape;
    return tf.tensor(r.data, outShape, 'float32') as unknown as T;
  }

  /** Release the engine buffers this filter holds (it stays usable: buffers are re-created on demand). */
  free(): void {
    for (const b of [this.paramBuf, this.work?.buf, this.io?.src, this.io?.dst]) if (b) this.engine.release(b);
    this.paramBuf = null;
    this.work = null;
    this.io = null;
  }

  private workFor(h: number, w: number): Buffer {
    const e = this.engine;
    if (!this.paramBuf) this.paramBuf = e.put(paramVector(this.params));
    if (this.work && this.work.h === h && this.work.w === w) return this.work.buf;
    if (this.work) e.release(this.work.buf);
    this.work = null;
    const out = e.alloc(4);
    try {
      e.call('sWTAFilter.apply', 'swta_filter_work_len', this.paramBuf.ptr, PARAM_COUNT, h, w, out.ptr);
      const n = e.mem.u32(out.ptr, 1)[0];
      this.work = { h, w, buf: e.alloc(n * 4) };
    } finally {
      e.release(out);
    }
    return this.work.buf;
  }

  private ioFor(values: number): { src: Buffer; dst: Buffer } {
    if (this.io && this.io.values >= values) return this.io;
    if (this.io) { this.engine.release(this.io.src); this.engine.release(this.io.dst); }
    this.io = null;
    const src = this.engine.alloc(values * 4);
    this.io = { src, dst: this.engine.alloc(values * 4), values };
    return this.io;
  }
}
