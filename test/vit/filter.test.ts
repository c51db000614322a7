// sWTA image filter: bit-identical on every backend, the documented properties, and bad inputs.
import { describe, expect, it } from 'vitest';
import { engine, availableBackends } from '../../ts/backend/registry.js';
import { sWTAFilter, FILTER_DEFAULTS, FILTER_MODES, PARAM_COUNT, defaultsFor, paramVector } from '../../ts/vit/index.js';
import type { BackendName } from '../../ts/backend/engine.js';
import { tfReady } from '../../ts/vit/tfsetup.js';

const BACKENDS: BackendName[] = await availableBackends();

function scene(): Float32Array {
  const x = new Float32Array(28 * 28);
  for (let i = 4; i < 24; i++) {
    for (let j = 6; j < 9; j++) x[i * 28 + j] = 1;
    for (let j = 18; j < 21; j++) x[i * 28 + j] = 0.3;
  }
  for (const [i, j, v] of [[2, 14, 0.6], [25, 2, 0.3], [14, 13, 0.15], [26, 25, 0.05]]) x[i * 28 + j] = v;
  return x;
}

function random(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  return Float32Array.from({ length: n }, () => (r() < 0.6 ? 0 : r()));
}

const same = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('filter on every backend', () => {
  it(`is bit-identical across ${BACKENDS.join(', ')}`, async () => {
    expect(BACKENDS).toContain('wasm');
    const shapes: [number, number, number][] = [[7, 28, 28], [3, 13, 31], [2, 1, 1], [2, 5, 3], [1, 40, 9]];
    for (const mode of FILTER_MODES) for (const [n, h, w] of shapes) {
      const x = random(n * h * w, n * 100 + h * 10 + w);
      const outs = await Promise.all(BACKENDS.map(async (b) => new sWTAFilter(await engine(b), { mode }).apply(x, [n, h, w]).data));
      for (let k = 1; k < outs.length; k++) expect(same(outs[0], outs[k]), `${mode} ${n}×${h}×${w} ${BACKENDS[0]} vs ${BACKENDS[k]}`).toBe(true);
    }
  });

  it.each(BACKENDS)('the engine defaults on %s equal FILTER_DEFAULTS', async (b) => {
    const e = await engine(b);
    for (const mode of FILTER_MODES) {
      const buf = e.alloc(4 * PARAM_COUNT);
      e.call('test', 'swta_filter_defaults', FILTER_MODES.indexOf(mode), buf.ptr, PARAM_COUNT);
      expect(Array.from(e.mem.f32(buf.ptr, PARAM_COUNT))).toEqual(Array.from(paramVector(defaultsFor(mode))));
      e.release(buf);
    }
  });

  it.each(BACKENDS)('engine errors on %s name the field (and never trap)', async (b) => {
    const e = await engine(b);
    const before = e.fn('swta_live_allocs')();
    const v = paramVector(FILTER_DEFAULTS);
    const run = (params: Float32Array, src: Float32Array, n: number, h: number, w: number, workLen = 40_000) => {
      const [p, s, d, k] = [e.put(params), e.put(src), e.alloc(Math.max(4, src.byteLength)), e.alloc(workLen * 4)];
      try { e.call('test', 'swta_filter_run', p.ptr, params.length, s.ptr, d.ptr, n, h, w, k.ptr, workLen); return null; }
      catch (err) { return err as Error & { field: string }; }
      finally { [p, s, d, k].forEach((x) => e.release(x)); }
    };
    const kE = v.slice(); kE[1] = 4;
    expect(run(kE, scene(), 1, 28, 28)?.field).toBe('params.kE');
    const dt = v.slice(); dt[8] = 0;
    expect(run(dt, scene(), 1, 28, 28)?.field).toBe('params.dt');
    expect(run(v.slice(0, 5), scene(), 1, 28, 28)?.field).toBe('params');
    const bad = scene(); bad[30] = 1.5;
    expect(run(v, bad, 1, 28, 28)?.field).toBe('images');
    bad[30] = NaN;
    expect(run(v, bad, 1, 28, 28)?.field).toBe('images');
    expect(run(v, scene(), 1, 0, 28)?.field).toBe('h');
    expect(run(v, scene(), 1, 28, 28, 10)?.field).toBe('work');
    expect(run(v, scene(), 1, 28, 28)).toBeNull();
    const p = e.put(v);
    try {
      expect(() => e.call('test', 'swta_filter_run', p.ptr, 12, 0, 0, 1, 28, 28, 0, 0)).toThrow(/src|dst/);
      expect(() => e.call('test', 'swta_filter_run', p.ptr, 12, p.ptr, p.ptr, 1, 2, 2, 0, 0)).toThrow(/overlap/);
      expect(() => e.call('test', 'swta_filter_defaults', 9, p.ptr, 12)).toThrow(/mode/);
    } finally { e.release(p); }
    expect(e.fn('swta_live_allocs')()).toBe(before);
  });
});

describe('filter properties (MODEL.md §8.6 checks with the defaults)', async () => {
  const f = await sWTAFilter.create({}, 'wasm');
  const at = (y: Float32Array, i: number, j: number) => y[i * 28 + j];

  it('drives strong strokes to the top, keeps weak ones, zeroes faint noise and background, stays in [0, 1]', () => {
    const y = f.apply(scene(), [1, 28, 28]).data;
    expect(at(y, 14, 7)).toBeGreaterThan(0.9);
    expect(at(y, 14, 19)).toBeGreaterThan(0.1);
    expect(at(y, 14, 19)).toBeLessThan(at(y, 14, 7));
    expect(at(y, 26, 25)).toBe(0);
    expect(at(y, 0, 0)).toBe(0);
    expect(at(y, 14, 13)).toBeLessThan(0.15);
    expect(y.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('suppresses isolated noise far more than the rejected self-excitation variant (§8.5)', async () => {
    const y = f.apply(scene(), [1, 28, 28]).data;
    const s = (await sWTAFilter.create({ mode: 'selfExc' }, 'wasm')).apply(scene(), [1, 28, 28]).data;
    for (const [i, j] of [[2, 14], [25, 2]]) {
      expect(at(s, i, j)).toBeGreaterThan(0.99);
      expect(at(y, i, j)).toBeLessThan(0.8 * at(s, i, j));
    }
  });

  it('is deterministic and undoes darkening through normalisation (controls)', async () => {
    const x = scene();
    const dark = x.map((v) => 0.25 * v);
    expect(same(f.apply(x, [1, 28, 28]).data, f.apply(x, [1, 28, 28]).data)).toBe(true);
    const y = f.apply(x, [1, 28, 28]).data, yd = f.apply(dark, [1, 28, 28]).data;
    expect(Math.max(...y.map((v, i) => Math.abs(v - yd[i])))).toBeLessThan(0.02);
    const norm = await sWTAFilter.create({ mode: 'norm' }, 'wasm');
    const nd = norm.apply(dark, [1, 28, 28]).data;
    nd.forEach((v, i) => expect(v).toBeCloseTo(x[i] / (1 + 4e-3), 6));
    expect(Array.from((await sWTAFilter.create({ mode: 'raw' }, 'wasm')).apply(x, [1, 28, 28]).data)).toEqual(Array.from(x));
  });
});

describe('sWTAFilter inputs', async () => {
  const f = await sWTAFilter.create({}, 'wasm');
  const x = random(2 * 10 * 12, 5);

  it('treats Uint8Array as 0–255 and matches the float path', () => {
    const bytes = Uint8Array.from(x, (v) => Math.round(v * 255));
    const asFloat = Float32Array.from(bytes, (v) => v / 255);
    expect(same(f.apply(bytes, [2, 10, 12]).data, f.apply(asFloat, [2, 10, 12]).data)).toBe(true);
  });

  it('maps channels: luminance (Rec. 601) to one channel, or each channel independently', async () => {
    const rgb = random(2 * 10 * 12 * 3, 9);
    const lum = f.apply(rgb, [2, 10, 12, 3]);
    expect(lum.shape).toEqual([2, 10, 12, 1]);
    const y = Float32Array.from({ length: 240 }, (_, q) => Math.min(1, 0.299 * rgb[q * 3] + 0.587 * rgb[q * 3 + 1] + 0.114 * rgb[q * 3 + 2]));
    expect(same(lum.data, f.apply(y, [2, 10, 12]).data)).toBe(true);
    const each = new sWTAFilter(f.engine, { channels: 'each' }).apply(rgb, [2, 10, 12, 3]);
    expect(each.shape).toEqual([2, 10, 12, 3]);
    const g = Float32Array.from({ length: 240 }, (_, q) => rgb[q * 3 + 1]);
    const fg = f.apply(g, [2, 10, 12]).data;
    for (let q = 0; q < 240; q++) expect(each.data[q * 3 + 1]).toBe(fg[q]);
  });

  it('filters ImageData-like objects (alpha kept) and TF.js tensors', async () => {
    const img = { data: new Uint8ClampedArray(12 * 10 * 4).map((_, i) => (i % 4 === 3 ? 200 : (i * 37) % 256)), width: 12, height: 10 };
    const out = f.applyImageData(img);
    expect(out.width).toBe(12);
    expect(out.data[3]).toBe(200);
    expect(out.data[0]).toBe(out.data[1]);
    const tf = await tfReady();
    const t = tf.tensor3d(x, [2, 10, 12]);
    const ft = await f.applyTensor(t);
    expect(ft.shape).toEqual([2, 10, 12]);
    expect(same(ft.dataSync() as Float32Array, f.apply(x, [2, 10, 12]).data)).toBe(true);
    expect((await f.applyTensor(tf.tensor2d(x.subarray(0, 120), [10, 12]))).shape).toEqual([10, 12]);
    tf.dispose([t, ft]);
  });

  it('rejects bad shapes, values and options with the field and the allowed range', async () => {
    expect(() => f.apply(x, [2, 10])).toThrow(/shape: must be \[n, h, w\] or \[n, h, w, c\]/);
    expect(() => f.apply(x, [2, 10, 13])).toThrow(/images: has 240 values but shape \[2, 10, 13\] needs 260/);
    expect(() => f.apply(Float32Array.of(0.5, 2), [1, 1, 2])).toThrow(/images: float pixel values must be in \[0, 1\].*value 1 is 2/);
    expect(() => f.apply(Float32Array.of(NaN), [1, 1, 1])).toThrow(/images/);
    expect(() => new sWTAFilter(f.engine, { kE: 4 })).toThrow(/options.kE: must be an odd integer in \[1, 63\], got 4/);
    expect(() => new sWTAFilter(f.engine, { dt: 0 })).toThrow(/options.dt: must be a number in \(0, 1\]/);
    expect(() => new sWTAFilter(f.engine, { steps: 2.5 })).toThrow(/options.steps: must be an integer/);
    expect(() => new sWTAFilter(f.engine, { mode: 'bogus' as never })).toThrow(/options.mode: must be one of raw, norm, normPV, field, selfExc/);
    expect(() => new sWTAFilter(f.engine, { gain: 1 } as never)).toThrow(/options.gain: is not a filter parameter/);
    expect(() => f.applyImageData({ data: new Uint8ClampedArray(3), width: 1, height: 1 })).toThrow(/image: must be an ImageData/);
    const tf = await tfReady();
    await expect(f.applyTensor(tf.tensor1d([1, 2]))).rejects.toThrow(/tensor.shape/);
  });

  it('releases its engine buffers', async () => {
    const e = await engine('wasm');
    const before = e.fn('swta_live_allocs')();
    const g = new sWTAFilter(e);
    g.apply(x, [2, 10, 12]);
    expect(e.fn('swta_live_allocs')()).toBeGreaterThan(before);
    g.free();
    expect(e.fn('swta_live_allocs')()).toBe(before);
  });
});

describe('filter exports under junk arguments', () => {
  it.each(BACKENDS)('return status codes on %s, never trap', async (b) => {
    const e = await engine(b);
    let s = 12345;
    const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const junk = () => [NaN, -1, 0, 0.5, 1, 3, 7, 64, 1e9, -0, Infinity][Math.floor(r() * 11)];
    const before = e.fn('swta_live_allocs')();
    const [p, src, dst, work] = [e.alloc(64), e.alloc(4096), e.alloc(4096), e.alloc(1 << 16)];
    const codes = new Set<number>();
    for (let k = 0; k < 400; k++) {
      const v = paramVector(FILTER_DEFAULTS);
      for (let i = 0; i < 3; i++) if (r() < 0.3) v[Math.floor(r() * PARAM_COUNT)] = junk();
      e.mem.f32(p.ptr, PARAM_COUNT).set(v);
      const px = e.mem.f32(src.ptr, 1024);
      for (let i = 0; i < 8; i++) px[Math.floor(r() * 1024)] = r() < 0.2 ? junk() : r();
      const [n, h, w] = [Math.floor(r() * 4), Math.floor(r() * 17), Math.floor(r() * 17)];
      const ok = n * h * w <= 1024;
      const status = e.fn('swta_filter_run')(p.ptr + (r() < 0.05 ? 2 : 0), r() < 0.05 ? 11 : r() < 0.2 ? 12 : PARAM_COUNT, src.ptr, ok ? dst.ptr : 0, n, h, w, work.ptr, Math.floor(r() * (1 << 14)));
      expect(Number.isInteger(status)).toBe(true);
      codes.add(status);
      const len = e.alloc(4);
      codes.add(e.fn('swta_filter_work_len')(p.ptr, PARAM_COUNT, Math.floor(r() * 70000), Math.floor(r() * 3000), len.ptr));
      e.release(len);
    }
    [p, src, dst, work].forEach((x) => e.release(x));
    expect(codes.has(0) && codes.has(1)).toBe(true);
    expect(e.fn('swta_live_allocs')()).toBe(before);
  });
});
