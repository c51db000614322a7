// Tiny ViT smoke test: a few dozen steps on 1,024 MNIST images must lower the loss; checkpoints
// round-trip; the experiment table aggregates runs into mean ± s.d. and paired differences.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tfReady } from '../../ts/vit/tfsetup.js';
import { train, predictions, loadCheckpoint, saveCheckpoint, translate, TRAIN_DEFAULTS } from '../../ts/vit/train.js';
import { macsPerImage, type VitConfig } from '../../ts/vit/model.js';
import { loadMnist, sliceDigits } from '../../ts/vit/idx.js';
import { toSplit } from '../../ts/vit/data.js';
import { writeTable } from '../../ts/vit/experiment.js';

const tiny: VitConfig = { size: 28, patch: 7, dim: 16, depth: 1, heads: 2, mlp: 32, classes: 10 };

describe('tiny ViT', () => {
  it('trains: the loss falls within 60 steps, and a checkpoint reloads to the same predictions', async () => {
    await tfReady();
    const m = loadMnist();
    const tr = toSplit(sliceDigits(m.train, 0, 1024)), va = toSplit(sliceDigits(m.train, 59000, 59256));
    const { W, result } = await train(tiny, tr, va, { ...TRAIN_DEFAULTS, seed: 3, epochs: 4, batch: 64, lr: 3e-3, maxSteps: 60, evalEvery: 30, valProbe: 256, quiet: true });
    const first = result.losses.slice(0, 5).reduce((a, b) => a + b) / 5;
    const last = result.losses.slice(-5).reduce((a, b) => a + b) / 5;
    expect(result.steps).toBe(60);
    expect(last).toBeLessThan(0.8 * first);
    expect(result.curve.map((c) => c[0])).toEqual([30, 60]);
    const dir = mkdtempSync(join(tmpdir(), 'swta-vit-'));
    saveCheckpoint(dir, W, tiny, { seed: 3 });
    const back = loadCheckpoint(dir);
    expect(Array.from(predictions(back.W, back.config, va))).toEqual(Array.from(predictions(W, tiny, va)));
    expect(macsPerImage(tiny)).toBeGreaterThan(0);
  });

  it('translate moves content by (dx, dy) with zero fill', () => {
    const src = Float32Array.from({ length: 9 }, (_, i) => i + 1); // 3×3: 1 2 3 / 4 5 6 / 7 8 9
    const dst = new Float32Array(9).fill(-1);
    translate(src, dst, 3, 1, 0);
    expect(Array.from(dst)).toEqual([0, 1, 2, 0, 4, 5, 0, 7, 8]);
    translate(src, dst, 3, -1, -1);
    expect(Array.from(dst)).toEqual([5, 6, 0, 8, 9, 0, 0, 0, 0]);
    translate(src, dst, 3, 0, 0);
    expect(Array.from(dst)).toEqual(Array.from(src));
    translate(src, dst, 3, 3, 0);
    expect(Array.from(dst)).toEqual(new Array(9).fill(0));
  });

  it('shift augmentation: 0 trains exactly as without it; > 0 is seeded and changes the batches', async () => {
    await tfReady();
    const m = loadMnist();
    const tr = toSplit(sliceDigits(m.train, 0, 512)), va = toSplit(sliceDigits(m.train, 59000, 59128));
    const o = { ...TRAIN_DEFAULTS, seed: 5, epochs: 1, batch: 64, lr: 3e-3, maxSteps: 6, evalEvery: 6, valProbe: 128, quiet: true };
    const run = async (extra: object) => { const r = await train(tiny, tr, va, { ...o, ...extra }); r.W.forEach((v) => v.dispose()); return r.result.losses; };
    const base = await run({});
    expect(await run({ shift: 0 })).toEqual(base);
    const s2 = await run({ shift: 2 });
    expect(await run({ shift: 2 })).toEqual(s2);
    expect(s2).not.toEqual(base);
  });

  it('stopAtTarget stops at the first probe ≥ target and repeats the full run up to there', async () => {
    await tfReady();
    const m = loadMnist();
    const tr = toSplit(sliceDigits(m.train, 0, 512)), va = toSplit(sliceDigits(m.train, 59000, 59128));
    const o = { ...TRAIN_DEFAULTS, seed: 4, epochs: 4, batch: 64, lr: 3e-3, evalEvery: 2, valProbe: 128, target: 2, quiet: true };
    const full = await train(tiny, tr, va, o);
    full.W.forEach((v) => v.dispose());
    expect(full.result.stepsToTarget).toBeNull();
    // target = the last new best of the curve before its end, so the first crossing is that probe
    const c = full.result.curve;
    let best = -1, at = -1;
    for (let i = 0; i < c.length - 1; i++) if (c[i][1] > best) { best = c[i][1]; at = i; }
    expect(at).toBeGreaterThan(0);
    const cut = await train(tiny, tr, va, { ...o, target: best, stopAtTarget: true });
    cut.W.forEach((v) => v.dispose());
    const k = c[at][0];
    expect(cut.result.stepsToTarget).toBe(k);
    expect(cut.result.steps).toBe(k);
    expect(cut.result.losses).toEqual(full.result.losses.slice(0, k));
    expect(cut.result.curve).toEqual(full.result.curve.filter(([s]) => s <= k));
  });

  it('aggregates runs into mean ± s.d. and paired differences against raw', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swta-ood-'));
    mkdirSync(join(dir, 'runs'));
    const run = (variant: string, seed: number, clean: number, noise: number, steps: number | null) =>
      writeFileSync(join(dir, 'runs', `${variant}-s${seed}.json`), JSON.stringify({ variant, seed, accuracy: { clean, noise }, stepsToTarget: steps }));
    run('raw', 1, 0.98, 0.5, 300); run('raw', 2, 0.97, 0.6, 400);
    run('field', 1, 0.975, 0.8, 200); run('field', 2, 0.97, 0.8, null);
    const t = writeTable(dir);
    expect(t.variants).toEqual(['raw', 'field']);
    expect(t.accuracy.raw.noise.mean).toBeCloseTo(55, 10);
    expect(t.accuracy.raw.noise.sd).toBeCloseTo(Math.sqrt(50), 10);
    expect(t.deltaVsRaw.field.noise.mean).toBeCloseTo(25, 10);
    expect(t.stepsToTarget.field).toMatchObject({ mean: 200, n: 1, missing: 1 });
    expect(readFileSync(join(dir, 'ood.svg'), 'utf8')).toMatch(/^<svg/);
  });
});
