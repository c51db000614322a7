// `swta seg train|eval|ood`: the ViT segmenter trained on day scenes, tested at day, dusk and night,
// with raw or sWTA-filtered input (docs/seg.md).
import { join } from 'node:path';
import { numberOpt, type Command, type OptionSpec } from '../command.js';
import { SwtaError } from '../../abi/errors.js';
import { tfReady } from '../../vit/tfsetup.js';
import { encoderConfig, encoderOptions } from './vit.js';
import { paramCount } from '../../vit/model.js';
import { variantOptions, type Variant } from '../../vit/data.js';
import { resolveParams } from '../../vit/params.js';
import { SEG_DEFAULT, segMacs, type SegConfig } from '../../seg/model.js';
import { SEG_TRAIN_DEFAULTS, loadSeg, scoreSeg, trainSeg, type SegScores, type SegTrainOptions } from '../../seg/train.js';
import { SCENE_DEFAULTS, checkScenes, type SceneOptions } from '../../seg/scenes.js';
import { SPLIT_DEFAULTS, asData, segSplits, type SplitSizes } from '../../seg/data.js';
import { SegPreprocessor, parseVariant, type SegVariant } from '../../seg/preprocess.js';
import { CONDITION_NAMES, type Condition } from '../../seg/conditions.js';
import { runSeg, testRenders } from '../../seg/experiment.js';

const BASE = ['raw', 'norm', 'normPV', 'field', 'selfExc'];

const MODEL_OPTS: Record<string, OptionSpec> = {
  size: { type: 'string', help: 'scene side in px (16–256; patch must divide it)', default: String(SCENE_DEFAULTS.size) },
  ...encoderOptions(SEG_DEFAULT, '--size'),
};
const DATA_OPTS: Record<string, OptionSpec> = {
  'min-digits': { type: 'string', help: 'fewest digits per scene (1–16)', default: String(SCENE_DEFAULTS.minDigits) },
  'max-digits': { type: 'string', help: 'most digits per scene (min-digits–16)', default: String(SCENE_DEFAULTS.maxDigits) },
  'min-scale': { type: 'string', help: 'smallest digit side in px (4–size)', default: String(SCENE_DEFAULTS.minScale) },
  'max-scale': { type: 'string', help: 'largest digit side in px (min-scale–size)', default: String(SCENE_DEFAULTS.maxScale) },
  grid: { type: 'string', help: 'placement lattice in px: digit sides and positions are multiples of it (0 = any pixel)', default: String(SCENE_DEFAULTS.grid) },
  'train-scenes': { type: 'string', help: 'training scenes (day, MNIST-train digits)', default: String(SPLIT_DEFAULTS.train) },
  'val-scenes': { type: 'string', help: 'day-validation scenes (the last 5,000 MNIST-train digits)', default: String(SPLIT_DEFAULTS.val) },
  'test-scenes': { type: 'string', help: 'test scenes (MNIST-test digits), each rendered at day, dusk and night', default: String(SPLIT_DEFAULTS.test) },
  'data-seed': { type: 'string', help: 'seed of the scene generator (independent of the model seeds)', default: String(SPLIT_DEFAULTS.seed) },
};
const TRAIN_OPTS: Record<string, OptionSpec> = {
  steps: { type: 'string', help: 'training steps', default: String(SEG_TRAIN_DEFAULTS.steps) },
  batch: { type: 'string', help: 'scenes per step', default: String(SEG_TRAIN_DEFAULTS.batch) },
  lr: { type: 'string', help: 'peak learning rate (AdamW, 10 % warm-up, cosine decay)', default: String(SEG_TRAIN_DEFAULTS.lr) },
  'eval-every': { type: 'string', help: 'day-validation probe interval in steps', default: String(SEG_TRAIN_DEFAULTS.evalEvery) },
  'val-probe': { type: 'string', help: 'validation scenes per probe', default: String(SEG_TRAIN_DEFAULTS.valProbe) },
  target: { type: 'string', help: 'day-validation mIoU (0–1) whose first crossing is reported as steps to target', default: String(SEG_TRAIN_DEFAULTS.target) },
};

function sceneOptions(v: Record<string, unknown>): SceneOptions {
  const size = numberOpt(v, 'size', 16, 256, true);
  const o = { size, minDigits: numberOpt(v, 'min-digits', 1, 16, true), maxDigits: numberOpt(v, 'max-digits', 1, 16, true), minScale: numberOpt(v, 'min-scale', 4, size, true),
    maxScale: numberOpt(v, 'max-scale', 4, size, true), grid: numberOpt(v, 'grid', 0, size, true) };
  if (o.maxDigits < o.minDigits) throw new SwtaError('--max-digits', `must be ≥ --min-digits ${o.minDigits}, got ${o.maxDigits}`, 0);
  if (o.maxScale < o.minScale) throw new SwtaError('--max-scale', `must be ≥ --min-scale ${o.minScale}, got ${o.maxScale}`, 0);
  if (o.grid > 0 && Math.floor(o.maxScale / o.grid) < Math.ceil(o.minScale / o.grid)) throw new SwtaError('--grid', `needs a multiple in [--min-scale, --max-scale] = [${o.minScale}, ${o.maxScale}], got ${o.grid}`, 0);
  checkScenes(o);
  return o;
}

function modelConfig(v: Record<string, unknown>, size: number): SegConfig {
  return { ...encoderConfig(v, size, `--size ${size}`), classes: 11 };
}

function splitSizes(v: Record<string, unknown>): SplitSizes {
  return { train: numberOpt(v, 'train-scenes', 1, 1e6, true), val: numberOpt(v, 'val-scenes', 1, 1e5, true), test: numberOpt(v, 'test-scenes', 1, 1e5, true), seed: numberOpt(v, 'data-seed', 0, 2 ** 31, true) };
}

function trainOptions(v: Record<string, unknown>, sizes: SplitSizes): Omit<SegTrainOptions, 'seed'> {
  const batch = numberOpt(v, 'batch', 1, 4096, true);
  if (batch > sizes.train) throw new SwtaError('--batch', `must be ≤ --train-scenes ${sizes.train}, got ${batch}`, 0);
  return { ...SEG_TRAIN_DEFAULTS, steps: numberOpt(v, 'steps', 1, 1e7, true), batch, lr: numberOpt(v, 'lr', 1e-6, 1), evalEvery: numberOpt(v, 'eval-every', 1, 1e6, true),
    valProbe: numberOpt(v, 'val-probe', 1, 1e5, true), target: numberOpt(v, 'target', 0, 1) };
}

/** 'raw', a filter mode with optional overrides (field:gammaPV=1), each optionally preceded by TS stages
 * joined by '+' (ln, gn, dn, cg, th, ap, with optional options: dn(s=1)+gn+field; see ts/seg/preprocess.ts). */
function variantOf(x: string, flag: string): SegVariant {
  let rest: string;
  try {
    rest = parseVariant(x).base;
  } catch (e) {
    throw new SwtaError(flag, `'${x}': ${(e as Error).message}`, 0);
  }
  if (!BASE.includes(rest.split(':')[0]) || (rest.includes(':') && rest.startsWith('raw'))) {
    throw new SwtaError(flag, `must be one of ${BASE.join(', ')}, optionally with filter overrides (field:gammaPV=1) and preprocessing stages joined by '+' (ln+field, dn+gn+field, ln(k=31)+field), got '${x}'`, 0);
  }
  try {
    if (rest.includes(':')) resolveParams(variantOptions(rest as Variant));
  } catch (e) {
    throw new SwtaError(flag, `'${x}': ${(e as Error).message}`, 0);
  }
  return x as SegVariant;
}

function fmt(t: Record<Condition, SegScores>): string {
  return CONDITION_NAMES.map((c) => `${c} mIoU ${(100 * t[c].miou).toFixed(2)} / px ${(100 * t[c].pixelAccuracy).toFixed(2)} %`).join(', ');
}

const segTrain: Command = {
  name: 'seg train',
  summary: 'train the ViT segmenter on day scenes (raw or filtered input), score day/dusk/night test scenes; writes a checkpoint',
  options: { variant: { type: 'string', help: 'input preprocessing: raw, norm, normPV, field, selfExc, with overrides (field:theta=0.1) and/or the ln+ prefix', default: 'ln+field' },
    seed: { type: 'string', help: 'seed (init, data order)', default: '1' }, out: { type: 'string', help: 'checkpoint directory', default: 'results/seg/ckpt' },
    ...MODEL_OPTS, ...DATA_OPTS, ...TRAIN_OPTS },
  async run(ctx) {
    const v = ctx.values;
    const scenes = sceneOptions(v), sizes = splitSizes(v);
    const [c, o, variant, seed] = [modelConfig(v, scenes.size), trainOptions(v, sizes), variantOf(String(v.variant), '--variant'), numberOpt(v, 'seed', 0, 2 ** 31, true)];
    await tfReady();
    const d = segSplits(sizes, scenes);
    const pre = await SegPreprocessor.create(variant);
    const prep = (s: typeof d.train, x = s.day) => asData(s, pre.apply(x, s.n, s.size));
    const { W, result } = trainSeg(c, prep(d.train), prep(d.val), { ...o, seed, quiet: ctx.json, ckptDir: String(v.out), meta: { variant, scenes, sizes } });
    const r = testRenders(d.test);
    const test = Object.fromEntries(CONDITION_NAMES.map((k) => [k, scoreSeg(W, c, prep(d.test, r[k]))])) as Record<Condition, SegScores>;
    const out = { variant, seed, config: c, params: paramCount(W), macsPerImage: segMacs(c), steps: result.steps, stepsToTarget: result.stepsToTarget, target: o.target,
      seconds: result.seconds, val: result.val, test, checkpoint: v.out };
    ctx.log(`${variant} seed ${seed}: ${fmt(test)}; day-val mIoU ${(100 * result.val.miou).toFixed(2)} %; steps to ${o.target} ${result.stepsToTarget ?? 'not reached'}; ${result.seconds.toFixed(0)} s → ${v.out}`);
    ctx.emit(out);
    return 0;
  },
};

const segEval: Command = {
  name: 'seg eval',
  summary: 'score a segmenter checkpoint on the day, dusk and night test scenes (the scenes and preprocessing stored in it)',
  options: { ckpt: { type: 'string', help: 'checkpoint directory', default: 'results/seg/ckpt' },
    variant: { type: 'string', help: 'override the preprocessing stored in the checkpoint' },
    'test-scenes': { type: 'string', help: 'override the number of test scenes stored in the checkpoint' } },
  async run(ctx) {
    const v = ctx.values;
    await tfReady();
    const { W, config, meta } = loadSeg(String(v.ckpt));
    const variant = v.variant !== undefined ? variantOf(String(v.variant), '--variant') : ((meta.variant as SegVariant) ?? 'raw');
    const sizes = { ...SPLIT_DEFAULTS, ...(meta.sizes as SplitSizes | undefined), train: 1, val: 1 };
    if (v['test-scenes'] !== undefined) sizes.test = numberOpt(v, 'test-scenes', 1, 1e5, true);
    const d = segSplits(sizes, (meta.scenes as SceneOptions | undefined) ?? { ...SCENE_DEFAULTS, size: config.size });
    const pre = await SegPreprocessor.create(variant);
    const r = testRenders(d.test);
    const test = Object.fromEntries(CONDITION_NAMES.map((k) => [k, scoreSeg(W, config, asData(d.test, pre.apply(r[k], d.test.n, d.test.size)))])) as Record<Condition, SegScores>;
    ctx.log(`${variant} (${v.ckpt}), ${sizes.test} test scenes: ${fmt(test)}`);
    ctx.emit({ variant, checkpoint: v.ckpt, scenes: sizes.test, test });
    return 0;
  },
};

const segOod: Command = {
  name: 'seg ood',
  summary: 'raw vs filtered segmenter over seeds, trained by day, tested at day/dusk/night: seg.json, seg.svg, grid.svg/png',
  options: { seeds: { type: 'string', help: 'comma-separated seeds (≥ 3 for the protocol)', default: '1,2,3' },
    variants: { type: 'string', help: 'semicolon-separated variants (the first is the baseline for paired differences)', default: 'raw;ln+field' },
    out: { type: 'string', help: 'output directory (runs/, ckpt/, seg.json, seg.svg, grid.svg, grid.png)', default: 'results/seg' },
    examples: { type: 'string', help: 'test scenes shown in the example grid grid.svg / grid.png (0 = none)', default: '6' },
    resume: { type: 'boolean', help: 'skip runs whose result file already exists' }, ...MODEL_OPTS, ...DATA_OPTS, ...TRAIN_OPTS },
  async run(ctx) {
    const v = ctx.values;
    const seeds = String(v.seeds).split(',').map((s) => Number(s));
    if (!seeds.length || seeds.some((s) => !Number.isInteger(s) || s < 0)) throw new SwtaError('--seeds', `must be comma-separated integers ≥ 0, got '${v.seeds}'`, 0);
    const variants = String(v.variants).split(';').map((x) => variantOf(x.trim(), '--variants'));
    const scenes = sceneOptions(v), sizes = splitSizes(v);
    const o = { seeds, variants, config: modelConfig(v, scenes.size), scenes, sizes, train: trainOptions(v, sizes), outDir: String(v.out), resume: !!v.resume,
      gridScenes: numberOpt(v, 'examples', 0, 64, true), log: ctx.log };
    await tfReady();
    const t = await runSeg(o);
    ctx.log(`wrote ${join(o.outDir, 'seg.json')} and seg.svg (${t.runs} runs)`);
    ctx.emit(t);
    return 0;
  },
};

export const SEG_COMMANDS: Command[] = [segTrain, segEval, segOod];
