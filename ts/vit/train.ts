// Training and evaluation of the tiny ViT: AdamW (Adam + decoupled weight decay on weight matrices),
// linear warm-up then cosine decay, seeded data order, a validation curve for "steps to 97 %",
// progress output and per-epoch checkpoints.
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { forward, initVit, type VitConfig, type Weights } from './model.js';
import { HarnessRng } from './rng.js';
import { Progress } from './progress.js';

/** Images as f32 N×S×S in [0, 1] with labels. */
export interface Split { x: Float32Array; y: Uint8Array; n: number }

export interface TrainOptions {
  seed: number;
  epochs: number;
  batch: number;
  /** Peak learning rate. */
  lr: number;
  weightDecay: number;
  /** Warm-up, as a fraction of all steps. */
  warmup: number;
  /** Validate every this many steps (on `valProbe` images) for the steps-to-target curve. */
  evalEvery: number;
  valProbe: number;
  /** Validation accuracy whose first crossing is reported as stepsToTarget. */
  target: number;
  /** Stop after this many steps (smoke tests); default: epochs × steps per epoch. */
  maxSteps?: number;
  /** Augmentation: translate every training image by a random integer (dx, dy) with |dx|, |dy| ≤ shift
   * px, zero fill (its own seeded stream, so the data order is the same as without it); 0 or absent = off. */
  shift?: number;
  /** Stop right after the first probe that reaches `target` (the schedule is still planned for the full
   * run, so the steps up to there are the full run's steps): a cheap, fine-grained steps-to-target probe. */
  stopAtTarget?: boolean;
  ckptDir?: string;
  label?: string;
  quiet?: boolean;
  /** Extra metadata stored in every checkpoint (e.g. the preprocessing variant). */
  meta?: Record<string, unknown>;
}

export const TRAIN_DEFAULTS: Omit<TrainOptions, 'seed'> = {
  epochs: 3, batch: 128, lr: 2e-3, weightDecay: 0.05, warmup: 0.1, evalEvery: 100, valProbe: 2000, target: 0.97,
};

export interface TrainResult {
  steps: number;
  stepsToTarget: number | null;
  curve: [number, number][];
  losses: number[];
  valAccuracy: number;
  seconds: number;
}

/** Copy the side×side image src into dst translated by (dx, dy) px (content moves right/down for
 * positive values); pixels shifted in from outside are 0. */
export function translate(src: Float32Array, dst: Float32Array, side: number, dx: number, dy: number): void {
  dst.fill(0);
  const x0 = Math.max(0, dx), x1 = Math.min(side, side + dx);
  for (let r = Math.max(0, dy); r < Math.min(side, side + dy); r++) {
    if (x1 > x0) dst.set(src.subarray((r - dy) * side + x0 - dx, (r - dy) * side + x1 - dx), r * side + x0);
  }
}

function batchOf(s: Split, idx: Uint32Array, from: number, to: number, px: number, shift = 0, rng?: HarnessRng): { x: tf.Tensor; y: tf.Tensor } {
  const b = to - from;
  const xb = new Float32Array(b * px);
  const yb = new Int32Array(b);
  const side = Math.round(Math.sqrt(px));
  for (let i = 0; i < b; i++) {
    const k = idx[from + i];
    const img = s.x.subarray(k * px, (k + 1) * px);
    if (shift > 0 && rng) translate(img, xb.subarray(i * px, (i + 1) * px), side, rng.int(2 * shift + 1) - shift, rng.int(2 * shift + 1) - shift);
    else xb.set(img, i * px);
    yb[i] = s.y[k];
  }
  return { x: tf.tensor3d(xb, [b, side, side]), y: tf.tidy(() => tf.oneHot(tf.tensor1d(yb, 'int32'), 10)) };
}

/** Accuracy of W on the first `limit` images of `s`. */
export function evaluate(W: Weights, c: VitConfig, s: Split, limit = s.n, batch = 500): number {
  return predictions(W, c, s, limit, batch).reduce((a, p, i) => a + (p === s.y[i] ? 1 : 0), 0) / Math.min(limit, s.n);
}

export function predictions(W: Weights, c: VitConfig, s: Split, limit = s.n, batch = 500): Uint8Array {
  const n = Math.min(limit, s.n);
  const px = c.size * c.size;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += batch) {
    const b = Math.min(batch, n - i);
    const p = tf.tidy(() => forward(W, c, tf.tensor3d(s.x.subarray(i * px, (i + b) * px), [b, c.size, c.size])).argMax(1).dataSync());
    out.set(p, i);
  }
  return out;
}

/** Learning rate at `step` of `total`: linear warm-up over `warmup`·total steps, then cosine decay to 0. */
export function lrAt(step: number, total: number, o: Pick<TrainOptions, 'lr' | 'warmup'>): number {
  const w = Math.max(1, Math.round(o.warmup * total));
  if (step < w) return (o.lr * (step + 1)) / w;
  return 0.5 * o.lr * (1 + Math.cos((Math.PI * (step - w)) / Math.max(1, total - w)));
}

/** One training loop for every model of the harness (the ViT here, the segmenter in ts/seg). */
export interface FitSpec {
  W: Weights;
  total: number;
  opts: Pick<TrainOptions, 'lr' | 'weightDecay' | 'warmup' | 'evalEvery' | 'target' | 'label' | 'quiet' | 'stopAtTarget'> & { seed: number };
  /** Images per step (for the img/s figure). */
  batch: number;
  /** The batch of `step` (tensors; fit disposes them). */
  batchAt(step: number): { x: tf.Tensor; y: tf.Tensor };
  loss(x: tf.Tensor, y: tf.Tensor): tf.Scalar;
  /** Validation metric (higher is better), probed every evalEvery steps and at the end. */
  probe(): number;
  /** Called after every step (checkpoints). */
  after?(step: number): void;
}

/** steps = steps actually run (< total only with stopAtTarget). */
export interface FitResult { steps: number; stepsToTarget: number | null; curve: [number, number][]; losses: number[]; seconds: number }

/** AdamW: Adam (β = 0.9, 0.999) then decoupled weight decay on the weight matrices (names ending in .w). */
export function fit(f: FitSpec): FitResult {
  const o = f.opts;
  const opt = tf.train.adam(o.lr, 0.9, 0.999, 1e-8);
  const vars = [...f.W.values()];
  const decayed = [...f.W.entries()].filter(([k]) => k.endsWith('.w')).map(([, v]) => v);
  const curve: [number, number][] = [];
  const losses: number[] = [];
  let stepsToTarget: number | null = null;
  const bar = new Progress(f.total, o.label ?? `seed ${o.seed}`, o.quiet);
  const t0 = performance.now();
  let ran = f.total;
  for (let step = 0; step < f.total; step++) {
    const lr = lrAt(step, f.total, o);
    (opt as unknown as { learningRate: number }).learningRate = lr;
    const { x, y } = f.batchAt(step);
    const loss = opt.minimize(() => f.loss(x, y), true, vars)!;
    tf.tidy(() => { for (const v of decayed) v.assign(v.mul(1 - lr * o.weightDecay)); });
    const lv = loss.dataSync()[0];
    tf.dispose([x, y, loss]);
    losses.push(lv);
    if ((step + 1) % o.evalEvery === 0 || step + 1 === f.total) {
      const m = f.probe();
      curve.push([step + 1, m]);
      if (stepsToTarget === null && m >= o.target) stepsToTarget = step + 1;
    }
    bar.tick(step + 1, { loss: lv, val: curve.length ? curve[curve.length - 1][1] : NaN, imgs: ((step + 1) * f.batch) / ((performance.now() - t0) / 1000) });
    f.after?.(step + 1);
    if (o.stopAtTarget && stepsToTarget !== null) { ran = step + 1; break; }
  }
  bar.done();
  opt.dispose();
  return { steps: ran, stepsToTarget, curve, losses, seconds: (performance.now() - t0) / 1000 };
}

export async function train(c: VitConfig, trainSet: Split, val: Split, o: TrainOptions): Promise<{ W: Weights; result: TrainResult }> {
  const W = initVit(c, o.seed);
  const rng = new HarnessRng(o.seed);
  const shift = o.shift ?? 0;
  const aug = shift > 0 ? new HarnessRng(o.seed * 7919 + 104729) : undefined;
  const perEpoch = Math.floor(trainSet.n / o.batch);
  const total = Math.min(o.maxSteps ?? Infinity, perEpoch * o.epochs);
  const px = c.size * c.size;
  let idx: Uint32Array = new Uint32Array(0);
  const r = fit({ W, total, opts: o, batch: o.batch,
    batchAt: (step) => {
      if (step % perEpoch === 0) idx = rng.shuffle(Uint32Array.from({ length: trainSet.n }, (_, i) => i));
      const b = step % perEpoch;
      return batchOf(trainSet, idx, b * o.batch, (b + 1) * o.batch, px, shift, aug);
    },
    loss: (x, y) => tf.losses.softmaxCrossEntropy(y, forward(W, c, x)) as tf.Scalar,
    probe: () => evaluate(W, c, val, o.valProbe),
    after: (step) => { if (o.ckptDir && (step % perEpoch === 0 || step === total)) saveCheckpoint(o.ckptDir, W, c, { ...o.meta, epoch: Math.ceil(step / perEpoch), step, seed: o.seed }); },
  });
  const valAccuracy = evaluate(W, c, val);
  return { W, result: { ...r, valAccuracy } };
}

/** weights.bin (concatenated f32) + weights.json (config, names, shapes, offsets, meta). */
export function saveCheckpoint(dir: string, W: Weights, c: object, meta: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  const entries: { name: string; shape: number[]; offset: number }[] = [];
  const parts: Float32Array[] = [];
  let off = 0;
  for (const [name, v] of W) {
    const d = v.dataSync() as Float32Array;
    entries.push({ name, shape: v.shape, offset: off });
    parts.push(d);
    off += d.length;
  }
  const all = new Float32Array(off);
  let o = 0;
  for (const p of parts) { all.set(p, o); o += p.length; }
  writeFileSync(join(dir, 'weights.bin'), new Uint8Array(all.buffer));
  writeFileSync(join(dir, 'weights.json'), JSON.stringify({ config: c, entries, meta }, null, 1));
}

export function loadCheckpoint(dir: string): { W: Weights; config: VitConfig; meta: Record<string, unknown> } {
  return readCheckpoint(dir, (c: VitConfig) => initVit(c, 0));
}

/** Read a checkpoint into the weights `init(config)` builds (names and shapes must match). */
export function readCheckpoint<C>(dir: string, init: (c: C) => Weights): { W: Weights; config: C; meta: Record<string, unknown> } {
  const m = JSON.parse(readFileSync(join(dir, 'weights.json'), 'utf8'));
  const buf = readFileSync(join(dir, 'weights.bin'));
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const W = init(m.config);
  for (const e of m.entries as { name: string; shape: number[]; offset: number }[]) {
    const v = W.get(e.name);
    if (!v) throw new Error(`checkpoint ${dir}: unknown weight ${e.name}`);
    const n = e.shape.reduce((a, b) => a * b, 1);
    tf.tidy(() => v.assign(tf.tensor(all.subarray(e.offset, e.offset + n), e.shape)));
  }
  return { W, config: m.config, meta: m.meta };
}
