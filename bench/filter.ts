// Image-filter benchmark: 28×28 MNIST images per second through the sWTA filter (MODEL.md §8.6
// defaults) on the wasm, native and AssemblyScript backends, against the same filter written with
// TF.js ops on TF.js's WASM backend, in the same run. Warm-up first and calls in chunks (V8 tiers
// wasm up between calls; TOOLCHAIN §14). One record is appended to bench/results/filter.jsonl.
import * as tf from '@tensorflow/tfjs';
import { engine, availableBackends } from '../ts/backend/registry.js';
import type { BackendName } from '../ts/backend/engine.js';
import { sWTAFilter, FILTER_DEFAULTS, type FilterParams } from '../ts/vit/index.js';
import { tfReady } from '../ts/vit/tfsetup.js';
import { loadMnist, sliceDigits } from '../ts/vit/idx.js';
import { toSplit } from '../ts/vit/data.js';
import { appendResult, machine } from './machine.js';

export interface FilterBenchOptions { images: number; chunk: number; seconds: number; samples: number; tfjs: boolean; onProgress?: (m: string) => void }
export const FILTER_BENCH_DEFAULTS: FilterBenchOptions = { images: 2000, chunk: 250, seconds: 1, samples: 5, tfjs: true };

export interface Rate { imgPerSec: number; sd: number; samples: number; firstCallMs: number; maxAbsDiffVsWasm?: number }
export interface FilterBenchResult { images: number; chunk: number; steps: number; rates: Record<string, Rate>; ratios: Record<string, number> }

/** The §8.6 filter with TF.js ops: box means as a conv with a ones kernel divided by in-image counts. */
export function tfjsFilter(x: tf.Tensor3D, p: FilterParams = FILTER_DEFAULTS): tf.Tensor3D {
  return tf.tidy(() => {
    const [n, h, w] = x.shape;
    const x4 = x.reshape([n, h, w, 1]) as tf.Tensor4D;
    const ones = (k: number) => tf.ones([k, k, 1, 1]) as tf.Tensor4D;
    const kE = ones(p.kE), kI = ones(p.kI);
    const one = tf.ones([1, h, w, 1]) as tf.Tensor4D;
    const cntE = tf.conv2d(one, kE, 1, 'same'), cntI = tf.conv2d(one, kI, 1, 'same');
    const mean = (z: tf.Tensor4D, k: tf.Tensor4D, cnt: tf.Tensor) => tf.conv2d(z, k, 1, 'same').div(cnt) as tf.Tensor4D;
    const I = x4.div(x4.max([1, 2, 3], true).add(p.epsIn)) as tf.Tensor4D;
    const ff = tf.relu(I.sub(mean(I, kI, cntI).mul(p.gammaPV)));
    let s = tf.zerosLike(ff) as tf.Tensor4D;
    for (let t = 0; t < p.steps; t++) {
      const next = tf.tidy(() => {
        const mE = mean(s, kE, cntE), mI = mean(s, kI, cntI);
        const u = ff.add(mE.mul(p.a)).sub(mI.mul(p.b)).sub(p.theta);
        const r = tf.clipByValue(u, 0, 1).div(mI.mul(p.gammaL).add(1));
        return s.add(r.sub(s).mul(p.dt)) as tf.Tensor4D;
      });
      s.dispose();
      s = next;
    }
    return s.div(s.max([1, 2, 3], true).add(p.epsOut)).reshape([n, h, w]) as tf.Tensor3D;
  });
}

function rate(run: (from: number, k: number) => void, o: FilterBenchOptions): Omit<Rate, 'firstCallMs'> {
  const rates: number[] = [];
  for (let s = 0; s < o.samples; s++) {
    let done = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < o.seconds * 1000) {
      const from = done % o.images;
      const k = Math.min(o.chunk, o.images - from);
      run(from, k);
      done += k;
    }
    rates.push(done / ((performance.now() - t0) / 1000));
  }
  const m = rates.reduce((a, b) => a + b) / rates.length;
  return { imgPerSec: m, sd: Math.sqrt(rates.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, rates.length - 1)), samples: rates.length };
}

export async function benchFilter(opts: Partial<FilterBenchOptions> = {}): Promise<FilterBenchResult> {
  const o = { ...FILTER_BENCH_DEFAULTS, ...opts };
  const x = toSplit(sliceDigits(loadMnist().test, 0, o.images)).x;
  const px = 784;
  const rates: Record<string, Rate> = {};
  let reference: Float32Array | null = null;
  const backends = (await availableBackends()).sort((a, b) => (a === 'wasm' ? -1 : b === 'wasm' ? 1 : 0));
  for (const b of backends as BackendName[]) {
    o.onProgress?.(`filter on ${b}`);
    const f = new sWTAFilter(await engine(b));
    const t0 = performance.now();
    const first = f.planes(x.subarray(0, o.chunk * px), o.chunk, 28, 28);
    const firstCallMs = performance.now() - t0;
    if (b === 'wasm') reference = first;
    for (let w = 0; w < 5; w++) f.planes(x.subarray(0, o.chunk * px), o.chunk, 28, 28);
    rates[b] = { ...rate((from, k) => f.planes(x.subarray(from * px, (from + k) * px), k, 28, 28), o), firstCallMs };
    f.free();
  }
  if (o.tfjs) {
    o.onProgress?.('filter with TF.js ops (wasm backend)');
    await tfReady('wasm');
    const chunks = new Map<number, tf.Tensor3D>();
    const input = (from: number, k: number) => {
      let t = chunks.get(from);
      if (!t) { t = tf.tensor3d(x.subarray(from * px, (from + k) * px), [k, 28, 28]); chunks.set(from, t); }
      return t;
    };
    const t0 = performance.now();
    const y = tfjsFilter(input(0, o.chunk));
    const out = y.dataSync() as Float32Array;
    const firstCallMs = performance.now() - t0;
    y.dispose();
    let diff = 0;
    if (reference) for (let i = 0; i < out.length; i++) diff = Math.max(diff, Math.abs(out[i] - reference[i]));
    for (let w = 0; w < 2; w++) tfjsFilter(input(0, o.chunk)).dispose();
    rates.tfjs = { ...rate((from, k) => { const r = tfjsFilter(input(from, k)); r.dataSync(); r.dispose(); }, { ...o, samples: Math.min(o.samples, 3) }), firstCallMs, maxAbsDiffVsWasm: diff };
    chunks.forEach((t) => t.dispose());
  }
  const ratios: Record<string, number> = {};
  if (rates.tfjs) for (const b of backends) if (rates[b]) ratios[`${b}/tfjs`] = rates[b].imgPerSec / rates.tfjs.imgPerSec;
  const result = { images: o.images, chunk: o.chunk, steps: FILTER_DEFAULTS.steps, rates, ratios };
  appendResult('filter', { ...result, tfjsBackend: o.tfjs ? tf.getBackend() : null, machine: machine() });
  return result;
}
