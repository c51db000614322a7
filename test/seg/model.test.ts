// The segmenter: output shape, a few steps lower the loss, checkpoints reload to the same predictions,
// the experiment table pairs seeds.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { tfReady } from '../../ts/vit/tfsetup.js';
import { loadMnist, sliceDigits } from '../../ts/vit/idx.js';
import { initSeg, segForward, type SegConfig } from '../../ts/seg/model.js';
import { makeScenes } from '../../ts/seg/scenes.js';
import { asData } from '../../ts/seg/data.js';
import { SEG_TRAIN_DEFAULTS, classWeights, loadSeg, predictSeg, trainSeg } from '../../ts/seg/train.js';
import { writeSegTable } from '../../ts/seg/experiment.js';

const tiny: SegConfig = { size: 32, patch: 8, dim: 16, depth: 1, heads: 2, mlp: 32, classes: 11 };

describe('segmenter', () => {
  it('maps [B, S, S] images to [B, S, S, 11] logits', async () => {
    await tfReady();
    const W = initSeg(tiny, 1);
    const y = tf.tidy(() => segForward(W, tiny, tf.zeros([3, 32, 32])));
    expect(y.shape).toEqual([3, 32, 32, 11]);
    y.dispose();
    W.forEach((v) => v.dispose());
  });

  it('trains: the loss falls within 60 steps; a checkpoint reloads to the same predictions', async () => {
    await tfReady();
    const d = sliceDigits(loadMnist().train, 0, 1000);
    const opts = { size: 32, minDigits: 1, maxDigits: 2, minScale: 14, maxScale: 20, grid: 0 };
    const tr = makeScenes(d, 64, 1, opts), va = makeScenes(d, 8, 2, opts);
    const dir = mkdtempSync(join(tmpdir(), 'swta-seg-'));
    const before = tf.memory().numTensors;
    const { W, result } = trainSeg(tiny, asData(tr), asData(va), { ...SEG_TRAIN_DEFAULTS, seed: 3, steps: 60, batch: 8, lr: 3e-3, evalEvery: 30, valProbe: 8, quiet: true, ckptDir: dir });
    expect(tf.memory().numTensors - before).toBe(W.size); // only the weights survive training
    const avg = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    expect(avg(result.losses.slice(-5))).toBeLessThan(0.7 * avg(result.losses.slice(0, 5)));
    expect(result.curve.map((c) => c[0])).toEqual([30, 60]);
    const back = loadSeg(dir);
    expect(back.config).toEqual(tiny);
    expect(predictSeg(back.W, back.config, asData(va))).toEqual(predictSeg(W, tiny, asData(va)));
    const w = classWeights(tr.labels, 11);
    expect(w[0]).toBe(1);
    expect(Math.min(...w.subarray(1))).toBeGreaterThan(1);
  });

  it('aggregates runs into mean ± s.d. and paired differences against the first variant', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swta-segt-'));
    mkdirSync(join(dir, 'runs'));
    const s = (miou: number) => ({ miou, pixelAccuracy: 0.9, iou: [] });
    const run = (variant: string, seed: number, day: number, night: number, steps: number | null) =>
      writeFileSync(join(dir, 'runs', `${variant}-s${seed}.json`), JSON.stringify({ variant, seed, test: { day: s(day), night: s(night) }, stepsToTarget: steps, seconds: 10, train: { target: 0.5 } }));
    run('raw', 1, 0.6, 0.1, 300); run('raw', 2, 0.5, 0.2, 400);
    run('ln+field', 1, 0.6, 0.3, 200); run('ln+field', 2, 0.55, 0.5, null);
    const t = writeSegTable(dir);
    expect(t.variants).toEqual(['raw', 'ln+field']);
    expect(t.miou.raw.night.mean).toBeCloseTo(15, 10);
    expect(t.miou.raw.night.sd).toBeCloseTo(Math.sqrt(50), 10);
    expect(t.deltaMiou['ln+field'].night.mean).toBeCloseTo(25, 10);
    expect(t.stepsToTarget['ln+field']).toMatchObject({ mean: 200, n: 1, missing: 1 });
    expect(readFileSync(join(dir, 'seg.svg'), 'utf8')).toMatch(/^<svg/);
  });
});
