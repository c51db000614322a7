// The raw-vs-filtered protocol (MODEL.md §8.3): for every seed and variant, train the same ViT with
// the same seed on preprocessed MNIST-train, record steps to 97 % validation accuracy, then test on
// MNIST-test and on every OOD set (and any --extra-test set), preprocessed the same way. Each run is
// written as it finishes (runs/<variant>-s<seed>.json), so a partial experiment is still a result;
// the aggregate (mean ± s.d. over seeds, paired differences against 'raw') goes to ood.json + ood.svg.
import { existsSync, mkdirSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { corrupt, OOD_SETS } from './ood.js';
import { mnistSplits, Preprocessor, type Variant } from './data.js';
import { evaluate, train, type Split, type TrainOptions } from './train.js';
import type { VitConfig } from './model.js';
import { oodSvg } from './chart.js';
import * as tf from '@tensorflow/tfjs';

export interface OodOptions {
  seeds: number[];
  variants: Variant[];
  config: VitConfig;
  train: Omit<TrainOptions, 'seed'>;
  outDir: string;
  extra?: { name: string; split: Split }[];
  /** Skip runs whose result file exists. */
  resume?: boolean;
  log?: (...a: unknown[]) => void;
}

export interface RunResult {
  variant: Variant; seed: number; config: VitConfig; train: Omit<TrainOptions, 'seed'>;
  steps: number; stepsToTarget: number | null; valAccuracy: number; seconds: number;
  accuracy: Record<string, number>; curve: [number, number][]; lossFirst: number; lossLast: number;
}

export async function runOod(o: OodOptions): Promise<OodTable> {
  const log = o.log ?? (() => {});
  mkdirSync(join(o.outDir, 'runs'), { recursive: true });
  const base = mnistSplits();
  const sets: { name: string; split: Split }[] = OOD_SETS.map((s) => ({ name: s, split: { ...base.test, x: corrupt(s, base.test.x) } }));
  sets.push(...(o.extra ?? []));
  for (const seed of o.seeds) for (const variant of o.variants) {
    const file = join(o.outDir, 'runs', `${variant}-s${seed}.json`);
    if (o.resume && existsSync(file)) { log(`skip ${variant} seed ${seed} (${file} exists)`); continue; }
    const pre = await Preprocessor.create(variant);
    const [tr, va] = [pre.apply(base.train), pre.apply(base.val)];
    log(`train ${variant} seed ${seed}`);
    const { W, result } = await train(o.config, tr, va, { ...o.train, seed, label: `${variant} s${seed}`, meta: { variant }, ckptDir: join(o.outDir, 'ckpt', `${variant}-s${seed}`) });
    const accuracy: Record<string, number> = {};
    for (const s of sets) accuracy[s.name] = evaluate(W, o.config, pre.apply(s.split));
    W.forEach((v) => v.dispose());
    const r: RunResult = { variant, seed, config: o.config, train: o.train, steps: result.steps, stepsToTarget: result.stepsToTarget, valAccuracy: result.valAccuracy,
      seconds: result.seconds, accuracy, curve: result.curve, lossFirst: result.losses[0], lossLast: mean(result.losses.slice(-50)) };
    writeFileSync(file, JSON.stringify(r, null, 1));
    log(`${variant} seed ${seed}: ${Object.entries(accuracy).map(([k, v]) => `${k} ${(100 * v).toFixed(2)}`).join(', ')}; steps to ${o.train.target * 100}% ${result.stepsToTarget ?? 'not reached'}; ${tf.memory().numTensors} tensors`);
    writeTable(o.outDir);
  }
  return writeTable(o.outDir);
}

export interface Stat { mean: number; sd: number; n: number }
export interface OodTable {
  sets: string[]; variants: string[]; seeds: number[];
  accuracy: Record<string, Record<string, Stat>>;
  /** variant − raw, paired by seed, in accuracy points (0–100). */
  deltaVsRaw: Record<string, Record<string, Stat>>;
  stepsToTarget: Record<string, Stat & { missing: number }>;
  runs: number;
}

function mean(a: number[]): number { return a.reduce((x, y) => x + y, 0) / Math.max(1, a.length); }
export function stat(a: number[]): Stat {
  const m = mean(a);
  const sd = a.length > 1 ? Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1)) : 0;
  return { mean: m, sd, n: a.length };
}

/** Aggregate every runs/*.json in outDir into ood.json and ood.svg. */
export function writeTable(outDir: string): OodTable {
  const dir = join(outDir, 'runs');
  const runs: RunResult[] = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8'))) : [];
  const variants = [...new Set(runs.map((r) => r.variant))].sort((a, b) => (a === 'raw' ? -1 : b === 'raw' ? 1 : a.localeCompare(b)));
  const sets = [...new Set(runs.flatMap((r) => Object.keys(r.accuracy)))];
  const seeds = [...new Set(runs.map((r) => r.seed))].sort((a, b) => a - b);
  const t: OodTable = { sets, variants, seeds, accuracy: {}, deltaVsRaw: {}, stepsToTarget: {}, runs: runs.length };
  for (const v of variants) {
    const rv = runs.filter((r) => r.variant === v);
    t.accuracy[v] = Object.fromEntries(sets.map((s) => [s, stat(rv.map((r) => 100 * r.accuracy[s]).filter((x) => Number.isFinite(x)))]));
    const st = rv.map((r) => r.stepsToTarget).filter((x): x is number => x !== null);
    t.stepsToTarget[v] = { ...stat(st), missing: rv.length - st.length };
    if (v === 'raw') continue;
    t.deltaVsRaw[v] = Object.fromEntries(sets.map((s) => {
      const d = rv.map((r) => { const raw = runs.find((q) => q.variant === 'raw' && q.seed === r.seed); return raw ? 100 * (r.accuracy[s] - raw.accuracy[s]) : NaN; }).filter((x) => Number.isFinite(x));
      return [s, stat(d)];
    }));
  }
  writeFileSync(join(outDir, 'ood.json'), JSON.stringify(t, null, 1));
  writeFileSync(join(outDir, 'ood.svg'), oodSvg(t));
  return t;
}
