// `swta vit train|eval|ood`: the tiny ViT on MNIST with raw or sWTA-filtered input (docs/vit.md).
import { join } from 'node:path';
import { numberOpt, type Command, type CommandContext, type OptionSpec } from '../command.js';
import { SwtaError } from '../../abi/errors.js';
import { tfReady } from '../../vit/tfsetup.js';
import { VIT_DEFAULT, paramCount, type EncoderConfig, type VitConfig } from '../../vit/model.js';
import { TRAIN_DEFAULTS, evaluate, loadCheckpoint, train, saveCheckpoint, type TrainOptions } from '../../vit/train.js';
import { mnistSplits, Preprocessor, readExtraTest, variantOptions, type Variant } from '../../vit/data.js';
import { resolveParams } from '../../vit/params.js';
import { corrupt, OOD_SETS } from '../../vit/ood.js';
import { runOod } from '../../vit/experiment.js';
import { spikingFilter } from '../../vit/spiking.js';
import type { Split } from '../../vit/train.js';

const VARIANTS = ['raw', 'norm', 'normPV', 'field', 'selfExc'];

/** --patch --dim --depth --heads --mlp with the defaults of d (shared with swta seg). */
export function encoderOptions(d: EncoderConfig, side: string): Record<string, OptionSpec> {
  return {
    patch: { type: 'string', help: `patch side in px (must divide ${side})`, default: String(d.patch) },
    dim: { type: 'string', help: 'embedding width', default: String(d.dim) },
    depth: { type: 'string', help: 'encoder blocks', default: String(d.depth) },
    heads: { type: 'string', help: 'attention heads (must divide dim)', default: String(d.heads) },
    mlp: { type: 'string', help: 'MLP hidden width', default: String(d.mlp) },
  };
}

/** The encoder flags for images of side `size`; errors name the flag. */
export function encoderConfig(v: Record<string, unknown>, size: number, sizeFlag = String(size)): EncoderConfig {
  const c: EncoderConfig = { size, patch: numberOpt(v, 'patch', 1, size, true), dim: numberOpt(v, 'dim', 4, 1024, true), depth: numberOpt(v, 'depth', 1, 24, true),
    heads: numberOpt(v, 'heads', 1, 64, true), mlp: numberOpt(v, 'mlp', 4, 4096, true) };
  if (size % c.patch !== 0) throw new SwtaError('--patch', `must divide ${sizeFlag}, got ${c.patch}`, 0);
  if (c.dim % c.heads !== 0) throw new SwtaError('--heads', `must divide --dim ${c.dim}, got ${c.heads}`, 0);
  return c;
}

const MODEL_OPTS = encoderOptions(VIT_DEFAULT, '28');
const TRAIN_OPTS: Record<string, OptionSpec> = {
  epochs: { type: 'string', help: 'training epochs over the 55,000 training images', default: String(TRAIN_DEFAULTS.epochs) },
  batch: { type: 'string', help: 'batch size', default: String(TRAIN_DEFAULTS.batch) },
  lr: { type: 'string', help: 'peak learning rate (AdamW, 10 % warm-up, cosine decay)', default: String(TRAIN_DEFAULTS.lr) },
  'max-steps': { type: 'string', help: 'stop after this many steps (smoke runs)' },
  'eval-every': { type: 'string', help: 'validation probe interval in steps (for steps to 97 %)', default: String(TRAIN_DEFAULTS.evalEvery) },
  shift: { type: 'string', help: 'augmentation: random translation of training images by up to N px (0 = off)', default: '0' },
};
const STOP: Record<string, OptionSpec> = {
  'stop-at-target': { type: 'boolean', help: 'stop at the first validation probe ≥ 97 % (schedule still planned for --epochs; for a fine steps-to-97 % probe with --eval-every)' },
};
const EXTRA: Record<string, OptionSpec> = {
  'extra-test': { type: 'string', help: 'external test set: --extra-test images.idx labels.idx (IDX ubyte, n×h×w, resized to 28×28)' },
};

function modelConfig(v: Record<string, unknown>): VitConfig {
  return { ...encoderConfig(v, 28, '28 (1, 2, 4, 7, 14, 28)'), classes: 10 };
}

function trainOptions(v: Record<string, unknown>): Omit<TrainOptions, 'seed'> {
  return { ...TRAIN_DEFAULTS, epochs: numberOpt(v, 'epochs', 1, 1000, true), batch: numberOpt(v, 'batch', 1, 4096, true), lr: numberOpt(v, 'lr', 1e-6, 1),
    evalEvery: numberOpt(v, 'eval-every', 1, 1e6, true), ...(Number(v.shift ?? 0) !== 0 ? { shift: numberOpt(v, 'shift', 0, 13, true) } : {}), ...(v['max-steps'] !== undefined ? { maxSteps: numberOpt(v, 'max-steps', 1, 1e9, true) } : {}) };
}

function variantOf(v: Record<string, unknown>, key = 'variant'): Variant {
  const x = String(v[key]);
  if (!VARIANTS.includes(x.split(':')[0]) || (x.includes(':') && x.startsWith('raw'))) {
    throw new SwtaError(`--${key}`, `must be one of ${VARIANTS.join(', ')}, optionally with filter overrides (e.g. field:gammaPV=1,theta=0.1), got '${x}'`, 0);
  }
  if (x.includes(':')) resolveParams(variantOptions(x as Variant));
  return x as Variant;
}

function extraTest(ctx: CommandContext): { name: string; split: ReturnType<typeof readExtraTest> }[] {
  const a = ctx.values['extra-test'];
  if (typeof a !== 'string') return [];
  const [img, lab] = a.includes(',') ? a.split(',') : [a, ctx.positionals[0]];
  if (!lab) throw new SwtaError('--extra-test', 'needs two files: --extra-test images.idx labels.idx', 0);
  return [{ name: 'extra', split: readExtraTest(img, lab) }];
}

const vitTrain: Command = {
  name: 'vit train',
  summary: 'train the tiny ViT on MNIST (raw or filtered input); writes a checkpoint',
  options: { variant: { type: 'string', help: `input preprocessing: ${VARIANTS.join(', ')}, optionally with overrides (field:gammaPV=1,theta=0.1)`, default: 'field' }, seed: { type: 'string', help: 'seed (init, data order)', default: '1' },
    out: { type: 'string', help: 'checkpoint directory', default: 'results/vit/ckpt' }, ...MODEL_OPTS, ...TRAIN_OPTS, ...STOP },
  async run(ctx) {
    const v = ctx.values;
    const [c, o, variant, seed] = [modelConfig(v), trainOptions(v), variantOf(v), numberOpt(v, 'seed', 0, 2 ** 31, true)];
    await tfReady();
    const d = mnistSplits();
    const pre = await Preprocessor.create(variant);
    const { W, result } = await train(c, pre.apply(d.train), pre.apply(d.val), { ...o, seed, ckptDir: String(v.out), quiet: ctx.json, meta: { variant }, ...(v['stop-at-target'] ? { stopAtTarget: true } : {}) });
    const test = evaluate(W, c, pre.apply(d.test));
    saveCheckpoint(String(v.out), W, c, { variant, seed, steps: result.steps, test });
    const out = { variant, seed, config: c, params: paramCount(W), steps: result.steps, stepsToTarget: result.stepsToTarget, valAccuracy: result.valAccuracy, testAccuracy: test, seconds: result.seconds, checkpoint: v.out,
      plannedSteps: Math.min(o.maxSteps ?? Infinity, Math.floor(d.train.n / o.batch) * o.epochs), train: o, curve: result.curve };
    ctx.log(`${variant} seed ${seed}: test ${(100 * test).toFixed(2)} %, val ${(100 * result.valAccuracy).toFixed(2)} %, steps to 97 % ${result.stepsToTarget ?? 'not reached'}, ${result.seconds.toFixed(0)} s → ${v.out}`);
    ctx.emit(out);
    return 0;
  },
};

const vitEval: Command = {
  name: 'vit eval',
  summary: 'evaluate a checkpoint on MNIST-test and the OOD sets (same preprocessing as in training)',
  options: { ckpt: { type: 'string', help: 'checkpoint directory', default: 'results/vit/ckpt' },
    variant: { type: 'string', help: 'override the preprocessing stored in the checkpoint (as for vit train)' },
    spiking: { type: 'string', help: 'instead of the rate filter, use the spiking TrueNorth variant (§8.8) on the first N test images of each set' },
    ticks: { type: 'string', help: 'spiking variant: ticks per image', default: '64' },
    limit: { type: 'string', help: 'evaluate only the first N images of each set (rate filter)' }, ...EXTRA },
  async run(ctx) {
    await tfReady();
    const { W, config, meta } = loadCheckpoint(String(ctx.values.ckpt));
    const variant = ctx.values.variant ? variantOf(ctx.values) : ((meta.variant as Variant) ?? 'raw');
    const pre = await Preprocessor.create(variant);
    const full = mnistSplits().test;
    const limit = ctx.values.spiking !== undefined ? numberOpt(ctx.values, 'spiking', 1, 10000, true) : ctx.values.limit !== undefined ? numberOpt(ctx.values, 'limit', 1, 10000, true) : full.n;
    const ticks = numberOpt(ctx.values, 'ticks', 1, 100000, true);
    const test = { x: full.x.subarray(0, limit * 784), y: full.y.subarray(0, limit), n: limit };
    const prep = async (s: Split): Promise<Split> => (ctx.values.spiking !== undefined ? { ...s, x: await spikingFilter(s.x, s.n, 28, 28, { ticks }) } : pre.apply(s));
    const acc: Record<string, number> = {};
    for (const s of OOD_SETS) acc[s] = evaluate(W, config, await prep({ ...test, x: corrupt(s, test.x) }));
    for (const e of extraTest(ctx)) {
      const k = Math.min(limit, e.split.n);
      acc[e.name] = evaluate(W, config, await prep({ x: e.split.x.subarray(0, k * 784), y: e.split.y.subarray(0, k), n: k }));
    }
    if (ctx.values.spiking !== undefined) ctx.log(`spiking TrueNorth filter (T = ${ticks} ticks) on the first ${limit} images of each set`);
    ctx.log(`${variant} (${ctx.values.ckpt}): ${Object.entries(acc).map(([k, a]) => `${k} ${(100 * a).toFixed(2)} %`).join(', ')}`);
    ctx.emit({ variant, checkpoint: ctx.values.ckpt, filter: ctx.values.spiking !== undefined ? { spiking: true, ticks, images: limit } : { spiking: false, images: limit }, accuracy: acc });
    return 0;
  },
};

const vitOod: Command = {
  name: 'vit ood',
  summary: 'raw vs filtered ViT over seeds: MNIST-test + OOD accuracy, steps to 97 %; writes ood.json and ood.svg',
  options: { seeds: { type: 'string', help: 'comma-separated seeds (≥ 3 for the protocol)', default: '1,2,3' },
    variants: { type: 'string', help: `semicolon- or comma-separated variants among ${VARIANTS.join(', ')}; overrides as field:gammaPV=1,theta=0.1 (then separate variants with ;)`, default: 'raw,field' },
    out: { type: 'string', help: 'output directory (runs/, ckpt/, ood.json, ood.svg)', default: 'results/vit' },
    resume: { type: 'boolean', help: 'skip runs whose result file already exists' }, ...MODEL_OPTS, ...TRAIN_OPTS, ...EXTRA },
  async run(ctx) {
    const v = ctx.values;
    const seeds = String(v.seeds).split(',').map((s) => Number(s));
    if (!seeds.length || seeds.some((s) => !Number.isInteger(s) || s < 0)) throw new SwtaError('--seeds', `must be comma-separated integers ≥ 0, got '${v.seeds}'`, 0);
    const list = String(v.variants);
    const variants = (list.includes(';') || list.includes(':') ? list.split(';') : list.split(',')).map((x) => variantOf({ variants: x.trim() }, 'variants'));
    await tfReady();
    const t = await runOod({ seeds, variants, config: modelConfig(v), train: trainOptions(v), outDir: String(v.out), extra: extraTest(ctx), resume: !!v.resume, log: ctx.log });
    ctx.log(`wrote ${join(String(v.out), 'ood.json')} and ood.svg (${t.runs} runs)`);
    ctx.emit(t);
    return 0;
  },
};

export const VIT_COMMANDS: Command[] = [vitTrain, vitEval, vitOod];
