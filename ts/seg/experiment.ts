// The day-to-night protocol (docs/seg.md §4): for every seed and variant, train the same segmenter with
// the same seed on preprocessed day scenes, probe day-validation mIoU every evalEvery steps (steps to
// the target mIoU), then score the test scenes rendered at day, dusk and night (preprocessed the same
// way). Each run is written as it finishes (runs/<variant>-s<seed>.json) and the table is rebuilt, so
// a stopped experiment is still a result and `resume` skips finished runs.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { stat, type Stat } from '../vit/experiment.js';
import { oodSvg } from '../vit/chart.js';
import { CONDITION_NAMES, renderCondition, type Condition } from './conditions.js';
import { asData, segSplits, type SplitSizes } from './data.js';
import { SegPreprocessor, type SegVariant } from './preprocess.js';
import { scoreSeg, trainSeg, type SegScores, type SegTrainOptions } from './train.js';
import { segMacs, type SegConfig } from './model.js';
import type { SceneOptions, SceneSet } from './scenes.js';
import { writeGrid } from './examples.js';
import { readRuns, runFile } from './runs.js';

export { readRuns, runFile };
import { SwtaError } from '../abi/errors.js';

export interface SegExperimentOptions {
  seeds: number[];
  variants: SegVariant[];
  config: SegConfig;
  scenes: SceneOptions;
  sizes: SplitSizes;
  train: Omit<SegTrainOptions, 'seed'>;
  outDir: string;
  resume?: boolean;
  /** Test scenes shown in grid.svg / grid.png (0 = no grid). */
  gridScenes?: number;
  log?: (...a: unknown[]) => void;
}

export interface SegRun {
  variant: SegVariant; seed: number; config: SegConfig; scenes: SceneOptions; sizes: SplitSizes; train: Omit<SegTrainOptions, 'seed'>;
  steps: number; stepsToTarget: number | null; curve: [number, number][]; seconds: number; secondsPerStep: number; macsPerImage: number;
  lossFirst: number; lossLast: number; val: SegScores; test: Record<Condition, SegScores>;
}

/** Test scenes rendered under every condition. */
export function testRenders(test: SceneSet): Record<Condition, Float32Array> {
  return Object.fromEntries(CONDITION_NAMES.map((c) => [c, renderCondition(test, c)])) as Record<Condition, Float32Array>;
}

export async function runSeg(o: SegExperimentOptions): Promise<SegTable> {
  const log = o.log ?? (() => {});
  mkdirSync(join(o.outDir, 'runs'), { recursive: true });
  checkSameSetup(o);
  const d = segSplits(o.sizes, o.scenes);
  const renders = testRenders(d.test);
  const cache = new Map<string, { pre: SegPreprocessor; tr: Float32Array; va: Float32Array }>();
  const prepared = async (v: SegVariant) => {
    if (!cache.has(v)) {
      const pre = await SegPreprocessor.create(v);
      cache.set(v, { pre, tr: pre.apply(d.train.day, d.train.n, d.train.size), va: pre.apply(d.val.day, d.val.n, d.val.size) });
    }
    return cache.get(v)!;
  };
  for (const seed of o.seeds) for (const variant of o.variants) {
    const name = runFile(variant, seed), file = join(o.outDir, 'runs', `${name}.json`);
    if (o.resume && existsSync(file)) { log(`skip ${variant} seed ${seed} (${file} exists)`); continue; }
    const p = await prepared(variant);
    log(`train ${variant} seed ${seed}`);
    const { W, result } = trainSeg(o.config, asData(d.train, p.tr), asData(d.val, p.va), { ...o.train, seed, label: `${variant} s${seed}`,
      meta: { variant, scenes: o.scenes, sizes: o.sizes }, ckptDir: join(o.outDir, 'ckpt', name) });
    const test = Object.fromEntries(CONDITION_NAMES.map((c) => [c, scoreSeg(W, o.config, asData(d.test, p.pre.apply(renders[c], d.test.n, d.test.size)))])) as Record<Condition, SegScores>;
    W.forEach((v) => v.dispose());
    const r: SegRun = { variant, seed, config: o.config, scenes: o.scenes, sizes: o.sizes, train: o.train, steps: result.steps, stepsToTarget: result.stepsToTarget,
      curve: result.curve, seconds: result.seconds, secondsPerStep: result.seconds / result.steps, macsPerImage: segMacs(o.config),
      lossFirst: result.losses[0], lossLast: mean(result.losses.slice(-50)), val: result.val, test };
    writeFileSync(file, JSON.stringify(r, null, 1));
    log(`${variant} seed ${seed}: mIoU ${CONDITION_NAMES.map((c) => `${c} ${(100 * test[c].miou).toFixed(2)}`).join(', ')}; steps to ${100 * o.train.target}% ${result.stepsToTarget ?? 'not reached'}; ${result.seconds.toFixed(0)} s; ${tf.memory().numTensors} tensors`);
    writeSegTable(o.outDir);
  }
  if (o.gridScenes) await writeGrid(o.outDir, d.test, renders, o.gridScenes, log);
  return writeSegTable(o.outDir);
}

/** Runs already in outDir must share this experiment's scenes, splits, model and training, or the table would mix them. */
function checkSameSetup(o: SegExperimentOptions): void {
  for (const r of readRuns(o.outDir)) for (const k of ['scenes', 'sizes', 'config', 'train'] as const) {
    if (JSON.stringify(r[k]) !== JSON.stringify(o[k])) {
      throw new SwtaError(k, `${o.outDir} holds ${r.variant} seed ${r.seed} with ${k} ${JSON.stringify(r[k])}, this run has ${JSON.stringify(o[k])}; use another --out`, 0);
    }
  }
}

export interface SegTable {
  conditions: string[]; variants: string[]; seeds: number[]; runs: number;
  /** mean ± s.d. over seeds, in points (0–100). */
  miou: Record<string, Record<string, Stat>>;
  pixelAccuracy: Record<string, Record<string, Stat>>;
  /** variant − the first variant (raw when present), paired by seed, mIoU points. */
  deltaMiou: Record<string, Record<string, Stat>>;
  stepsToTarget: Record<string, Stat & { missing: number; target: number }>;
  seconds: Record<string, Stat>;
}

function mean(a: number[]): number { return a.reduce((x, y) => x + y, 0) / Math.max(1, a.length); }

/** Aggregate runs/*.json into seg.json and seg.svg (mIoU bars per condition). */
export function writeSegTable(outDir: string): SegTable {
  const runs = readRuns(outDir);
  const variants = [...new Set(runs.map((r) => r.variant as string))].sort((a, b) => (a === 'raw' ? -1 : b === 'raw' ? 1 : a.localeCompare(b)));
  const conditions = [...new Set(runs.flatMap((r) => Object.keys(r.test)))];
  const seeds = [...new Set(runs.map((r) => r.seed))].sort((a, b) => a - b);
  const t: SegTable = { conditions, variants, seeds, runs: runs.length, miou: {}, pixelAccuracy: {}, deltaMiou: {}, stepsToTarget: {}, seconds: {} };
  const base = variants[0];
  for (const v of variants) {
    const rv = runs.filter((r) => r.variant === v);
    const per = (f: (s: SegScores) => number) => Object.fromEntries(conditions.map((c) => [c, stat(rv.filter((r) => r.test[c as Condition]).map((r) => 100 * f(r.test[c as Condition])))]));
    t.miou[v] = per((s) => s.miou);
    t.pixelAccuracy[v] = per((s) => s.pixelAccuracy);
    const st = rv.map((r) => r.stepsToTarget).filter((x): x is number => x !== null);
    t.stepsToTarget[v] = { ...stat(st), missing: rv.length - st.length, target: rv[0]?.train.target ?? NaN };
    t.seconds[v] = stat(rv.map((r) => r.seconds));
    if (v === base) continue;
    t.deltaMiou[v] = Object.fromEntries(conditions.map((c) => [c, stat(rv.map((r) => {
      const b = runs.find((q) => q.variant === base && q.seed === r.seed);
      return b && b.test[c as Condition] && r.test[c as Condition] ? 100 * (r.test[c as Condition].miou - b.test[c as Condition].miou) : NaN;
    }).filter((x) => Number.isFinite(x)))]));
  }
  writeFileSync(join(outDir, 'seg.json'), JSON.stringify(t, null, 1));
  writeFileSync(join(outDir, 'seg.svg'), oodSvg({ sets: conditions, variants, seeds, accuracy: t.miou }, `Segmenter test mIoU (%) by lighting, trained on day scenes; mean ± s.d. over seeds ${seeds.join(', ')}`));
  return t;
}
