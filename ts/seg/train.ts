// Training and evaluation of the segmenter with the harness's AdamW loop (ts/vit/train.ts `fit`):
// per-pixel softmax cross-entropy weighted by class (inverse square-root frequency of the training
// labels, background = 1: a digit covers ≈ 1 % of the pixels, background ≈ 90 %), seeded initialisation and data order, a day-validation
// mIoU probe for "steps to the target mIoU", checkpoints at the end and every `ckptEvery` steps.
import * as tf from '@tensorflow/tfjs';
import { fit, readCheckpoint, saveCheckpoint, type FitResult, type TrainOptions } from '../vit/train.js';
import { HarnessRng } from '../vit/rng.js';
import type { Weights } from '../vit/model.js';
import { initSeg, segForward, type SegConfig } from './model.js';
import { Confusion } from './metrics.js';

/** Images (f32 n×S×S in [0, 1]) with label maps (u8 n×S×S). */
export interface SegData { x: Float32Array; y: Uint8Array; n: number; size: number }

export interface SegTrainOptions extends Pick<TrainOptions, 'batch' | 'lr' | 'weightDecay' | 'warmup' | 'evalEvery' | 'valProbe' | 'target' | 'label' | 'quiet' | 'ckptDir' | 'meta'> {
  seed: number;
  steps: number;
  ckptEvery?: number;
}

export const SEG_TRAIN_DEFAULTS: Omit<SegTrainOptions, 'seed'> = { steps: 1500, batch: 8, lr: 2e-3, weightDecay: 0.05, warmup: 0.1, evalEvery: 100, valProbe: 150, target: 0.3 };

export interface SegScores { miou: number; pixelAccuracy: number; iou: (number | null)[] }

function take(d: SegData, idx: ArrayLike<number>, from: number, to: number, classes: number): { x: tf.Tensor; y: tf.Tensor } {
  const P = d.size * d.size, b = to - from;
  const xb = new Float32Array(b * P), yb = new Int32Array(b * P);
  for (let i = 0; i < b; i++) {
    const k = idx[from + i];
    xb.set(d.x.subarray(k * P, (k + 1) * P), i * P);
    yb.set(d.y.subarray(k * P, (k + 1) * P), i * P);
  }
  return { x: tf.tensor3d(xb, [b, d.size, d.size]), y: tf.tidy(() => tf.oneHot(tf.tensor1d(yb, 'int32'), classes)) };
}

/** Argmax class maps (u8 n×S×S) for the first `limit` images. */
export function predictSeg(W: Weights, c: SegConfig, d: SegData, limit = d.n, batch = 32): Uint8Array {
  const n = Math.min(limit, d.n), P = d.size * d.size;
  const out = new Uint8Array(n * P);
  for (let i = 0; i < n; i += batch) {
    const b = Math.min(batch, n - i);
    out.set(tf.tidy(() => segForward(W, c, tf.tensor3d(d.x.subarray(i * P, (i + b) * P), [b, d.size, d.size])).argMax(3).dataSync()), i * P);
  }
  return out;
}

export function scoreSeg(W: Weights, c: SegConfig, d: SegData, limit = d.n): SegScores {
  const n = Math.min(limit, d.n);
  const m = new Confusion(c.classes).add(d.y.subarray(0, n * d.size * d.size), predictSeg(W, c, d, n));
  return { miou: m.miou(), pixelAccuracy: m.pixelAccuracy(), iou: m.iou() };
}

/** Class weights (f_0 / f_c)^½ from the label frequencies f (classes never seen get the largest weight). */
export function classWeights(y: Uint8Array, classes: number): Float32Array {
  const f = new Float64Array(classes);
  for (let i = 0; i < y.length; i++) f[y[i]]++;
  const w = Float32Array.from(f, (v) => (v > 0 ? Math.sqrt(f[0] / v) : 0));
  const top = Math.max(...w);
  return w.map((v) => (v > 0 ? v : top));
}

export function trainSeg(c: SegConfig, tr: SegData, val: SegData, o: SegTrainOptions): { W: Weights; result: FitResult & { val: SegScores } } {
  const W = initSeg(c, o.seed);
  const cw = tf.tensor2d(classWeights(tr.y, c.classes), [c.classes, 1]);
  const rng = new HarnessRng(o.seed);
  const perEpoch = Math.floor(tr.n / o.batch);
  if (perEpoch < 1) throw new Error(`training set of ${tr.n} scenes is smaller than one batch of ${o.batch}`);
  let idx: Uint32Array = new Uint32Array(0);
  const save = (step: number) => o.ckptDir && saveCheckpoint(o.ckptDir, W, c, { ...o.meta, step, seed: o.seed });
  const r = fit({ W, total: o.steps, opts: o, batch: o.batch,
    batchAt: (step) => {
      if (step % perEpoch === 0) idx = rng.shuffle(Uint32Array.from({ length: tr.n }, (_, i) => i));
      const b = step % perEpoch;
      return take(tr, idx, b * o.batch, (b + 1) * o.batch, c.classes);
    },
    loss: (x, y) => tf.losses.softmaxCrossEntropy(y, segForward(W, c, x).reshape([-1, c.classes]), tf.matMul(y as tf.Tensor2D, cw).reshape([-1])) as tf.Scalar,
    probe: () => scoreSeg(W, c, val, o.valProbe).miou,
    after: (step) => { if (step === o.steps || (o.ckptEvery && step % o.ckptEvery === 0)) save(step); },
  });
  cw.dispose();
  return { W, result: { ...r, val: scoreSeg(W, c, val) } };
}

export function loadSeg(dir: string): { W: Weights; config: SegConfig; meta: Record<string, unknown> } {
  return readCheckpoint(dir, (c: SegConfig) => initSeg(c, 0));
}
