// The inputNorm option of the sWTA filter (docs/vit.md §5.8): 'minmax' step-1 normalisation on every
// backend, bit-identical to 'max' when an image's minimum is 0, undoing affine maps, and validated.
import { describe, expect, it } from 'vitest';
import { engine, availableBackends } from '../../ts/backend/registry.js';
import { sWTAFilter, FILTER_DEFAULTS, FILTER_MODES, PARAM_COUNT, defaultsFor, paramVector } from '../../ts/vit/index.js';
import { variantOptions } from '../../ts/vit/data.js';
import { spikingFilter } from '../../ts/vit/spiking.js';
import type { BackendName } from '../../ts/backend/engine.js';
import type { FilterParams } from '../../ts/vit/params.js';

const BACKENDS: BackendName[] = await availableBackends();

/** Random images with ~40 % exact zeros (minimum 0), or shifted into [lo, lo + span] (minimum > 0). */
function random(n: number, seed: number, lo = 0, span = 1): Float32Array {
  let s = seed >>> 0;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  return Float32Array.from({ length: n }, () => lo + span * (r() < 0.4 ? 0 : r()));
}

const same = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const SHAPES: [number, number, number][] = [[7, 28, 28], [3, 13, 31], [2, 1, 1], [2, 5, 3], [1, 40, 9]];

describe('inputNorm on every backend', () => {
  it(`minmax is bit-identical across ${BACKENDS.join(', ')} (offset images, every mode)`, async () => {
    expect(BACKENDS).toEqual(expect.arrayContaining(['wasm', 'as']));
    for (const mode of FILTER_MODES) for (const [n, h, w] of SHAPES) {
      const x = random(n * h * w, n * 100 + h * 10 + w, 0.3, 0.5);
      const outs = await Promise.all(BACKENDS.map(async (b) => new sWTAFilter(await engine(b), { mode, inputNorm: 'minmax' }).apply(x, [n, h, w]).data));
      for (let k = 1; k < outs.length; k++) expect(same(outs[0], outs[k]), `${mode} ${n}×${h}×${w} ${BACKENDS[0]} vs ${BACKENDS[k]}`).toBe(true);
    }
  });

  it.each(BACKENDS)('minmax equals max bit for bit on %s when every image has minimum 0 (also −0)', async (b) => {
    const e = await engine(b);
    for (const mode of FILTER_MODES) for (const [n, h, w] of SHAPES) {
      const x = h * w === 1 ? new Float32Array(n) : random(n * h * w, n * 7 + h * 3 + w);
      x[0] = -0;
      const a = new sWTAFilter(e, { mode }).apply(x, [n, h, w]).data;
      const m = new sWTAFilter(e, { mode, inputNorm: 'minmax' }).apply(x, [n, h, w]).data;
      expect(same(a, m), `${mode} ${n}×${h}×${w}`).toBe(true);
    }
  });

  it('minmax undoes a·x + c (a > 0) up to rounding; max keeps the offset', async () => {
    const e = await engine('wasm');
    const x = random(4 * 784, 11);
    for (const [a, c] of [[0.45, 0.45], [0.25, 0], [0.1, 0.8], [0.6, 0.3]]) {
      const y = x.map((v) => Math.fround(a * v + c));
      const tiny = new sWTAFilter(e, { mode: 'norm', inputNorm: 'minmax', epsIn: 1e-7 });
      expect(maxDiff(tiny.apply(x, [4, 28, 28]).data, tiny.apply(y, [4, 28, 28]).data), `step 1, a ${a} c ${c}`).toBeLessThan(1e-5);
      const norm = new sWTAFilter(e, { mode: 'norm', inputNorm: 'minmax' });
      expect(maxDiff(norm.apply(x, [4, 28, 28]).data, norm.apply(y, [4, 28, 28]).data)).toBeLessThanOrEqual(1.1 * 1e-3 / a + 1e-5);
      const field = new sWTAFilter(e, { inputNorm: 'minmax' });
      expect(maxDiff(field.apply(x, [4, 28, 28]).data, field.apply(y, [4, 28, 28]).data), `field, a ${a} c ${c}`).toBeLessThan(0.02);
      if (c > 0.2) expect(maxDiff(new sWTAFilter(e, {}).apply(x, [4, 28, 28]).data, new sWTAFilter(e, {}).apply(y, [4, 28, 28]).data)).toBeGreaterThan(0.2);
    }
    expect(Array.from(new sWTAFilter(e, { inputNorm: 'minmax' }).apply(new Float32Array(49).fill(0.6), [1, 7, 7]).data).every((v) => v === 0)).toBe(true);
  });

  it('the spiking variant shares step 1 (its feedforward stage takes inputNorm)', async () => {
    const x = random(784, 3);
    const fog = x.map((v) => Math.fround(0.45 * v + 0.45));
    const p: FilterParams = { ...FILTER_DEFAULTS, inputNorm: 'minmax' };
    const s = (img: Float32Array, params = p) => spikingFilter(img, 1, 28, 28, { ticks: 16, params });
    expect(same(await s(x), await s(x, { ...FILTER_DEFAULTS }))).toBe(true);
    const [clean, fogMin, fogMax] = [await s(x), await s(fog), await s(fog, { ...FILTER_DEFAULTS })];
    const mean = (a: Float32Array, b: Float32Array) => a.reduce((t, v, i) => t + Math.abs(v - b[i]), 0) / a.length;
    expect(mean(fogMin, clean)).toBeLessThan(0.5 * mean(fogMax, clean));
  });
});

describe('inputNorm through the ABI and the wrapper', () => {
  it.each(BACKENDS)('engine on %s: 13-value vector, the 12-value layout still means max, bad slot 12 names params.inputNorm', async (b) => {
    const e = await engine(b);
    const before = e.fn('swta_live_allocs')();
    const buf = e.alloc(4 * 16);
    e.mem.f32(buf.ptr, 16).fill(-7);
    e.call('test', 'swta_filter_defaults', 3, buf.ptr, 16);
    expect(Array.from(e.mem.f32(buf.ptr, 14))).toEqual([...paramVector(defaultsFor('field')), -7]);
    e.mem.f32(buf.ptr, 16).fill(-7);
    e.call('test', 'swta_filter_defaults', 3, buf.ptr, 12);
    expect(e.mem.f32(buf.ptr, 13)[12]).toBe(-7);
    expect(() => e.call('test', 'swta_filter_defaults', 3, buf.ptr, 11)).toThrow(/n: needs 13 slots \(12 without inputNorm\)/);
    e.release(buf);
    const x = random(2 * 784, 5, 0.2, 0.6);
    const run = (v: Float32Array): Float32Array | (Error & { field: string }) => {
      const [p, s, d, k] = [e.put(v), e.put(x), e.alloc(x.byteLength), e.alloc(40_000 * 4)];
      try { e.call('test', 'swta_filter_run', p.ptr, v.length, s.ptr, d.ptr, 2, 28, 28, k.ptr, 40_000); return e.mem.f32(d.ptr, x.length).slice(); }
      catch (err) { return err as Error & { field: string }; }
      finally { [p, s, d, k].forEach((q) => e.release(q)); }
    };
    const vMax = paramVector(FILTER_DEFAULTS), vMin = paramVector({ ...FILTER_DEFAULTS, inputNorm: 'minmax' });
    expect(vMin.length).toBe(PARAM_COUNT);
    const [a, m, old] = [run(vMax), run(vMin), run(vMax.slice(0, 12))] as Float32Array[];
    expect(same(a, old)).toBe(true);
    expect(same(a, m)).toBe(false);
    const f = new sWTAFilter(e, { inputNorm: 'minmax' });
    expect(same(m, f.apply(x, [2, 28, 28]).data)).toBe(true);
    f.free();
    for (const bad of [2, 0.5, -1, NaN]) {
      const v = vMin.slice(); v[12] = bad;
      const r = run(v) as Error & { field: string };
      expect(r.field, String(bad)).toBe('params.inputNorm');
      expect(r.message).toMatch(/must be an integer in \[0, 1\]/);
    }
    expect((run(vMin.slice(0, 11)) as Error & { field: string }).field).toBe('params');
    expect((run(Float32Array.from([...vMin, 0])) as Error & { field: string }).field).toBe('params');
    expect(e.fn('swta_live_allocs')()).toBe(before);
  });

  it('the wrapper validates inputNorm and the harness parses it from a variant', async () => {
    const e = await engine('wasm');
    expect(new sWTAFilter(e).params.inputNorm).toBe('max');
    expect(new sWTAFilter(e, { inputNorm: 'minmax' }).params.inputNorm).toBe('minmax');
    expect(() => new sWTAFilter(e, { inputNorm: 'minMax' as never })).toThrow(/options.inputNorm: must be one of max, minmax, got 'minMax'/);
    expect(() => new sWTAFilter(e, { inputNorm: 1 as never })).toThrow(/options.inputNorm: must be one of max, minmax, got 1/);
    expect(variantOptions('field:inputNorm=minmax,gammaPV=0.4')).toEqual({ mode: 'field', inputNorm: 'minmax', gammaPV: 0.4 });
  });
});
