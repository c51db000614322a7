// grid.svg + grid.png for an experiment directory: the first test scenes at day and at night, the
// ground truth, and the predictions of the first seed's model of the first two variants (raw and
// the filtered one), each seeing its own preprocessing of the same image.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { predictSeg, loadSeg } from './train.js';
import { asData } from './data.js';
import { SegPreprocessor, type SegVariant } from './preprocess.js';
import { gridSvg, type GridRow } from './grid.js';
import { readRuns, runFile } from './runs.js';
import type { Condition } from './conditions.js';
import type { SceneSet } from './scenes.js';

export async function writeGrid(outDir: string, test: SceneSet, renders: Record<Condition, Float32Array>, k: number, log: (...a: unknown[]) => void = () => {}): Promise<void> {
  const runs = readRuns(outDir);
  const seed = Math.min(...runs.map((r) => r.seed));
  const variants = [...new Set(runs.filter((r) => r.seed === seed).map((r) => r.variant))].sort((a, b) => (a === 'raw' ? -1 : b === 'raw' ? 1 : a.localeCompare(b))).slice(0, 2);
  const models = variants.map((v) => ({ v, dir: join(outDir, 'ckpt', runFile(v, seed)) })).filter((m) => existsSync(join(m.dir, 'weights.json')));
  if (!models.length) { log('grid: no checkpoint yet'); return; }
  const n = Math.min(k, test.n), S = test.size, P = S * S;
  const sub = (x: Uint8Array | Float32Array, i: number) => x.subarray(i * P, (i + 1) * P);
  const rows: GridRow[] = [{ label: 'ground truth', tiles: Array.from({ length: n }, (_, i) => ({ labels: sub(test.labels, i) as Uint8Array })) }];
  for (const c of ['day', 'night'] as const) {
    const x = renders[c].subarray(0, n * P);
    rows.push({ label: `${c} input`, tiles: Array.from({ length: n }, (_, i) => ({ grey: sub(x, i) as Float32Array })) });
    for (const m of models) {
      const pre = await SegPreprocessor.create(m.v as SegVariant);
      const { W, config } = loadSeg(m.dir);
      const xin = pre.apply(x, n, S);
      if (m.v !== 'raw') rows.push({ label: `${c} → ${m.v}`, tiles: Array.from({ length: n }, (_, i) => ({ grey: sub(xin, i) as Float32Array })) });
      const pred = predictSeg(W, config, asData({ ...test, n }, xin));
      W.forEach((w) => w.dispose());
      rows.push({ label: `${c}: ${m.v} prediction`, tiles: Array.from({ length: n }, (_, i) => ({ labels: sub(pred, i) as Uint8Array })) });
    }
  }
  const { svg, png } = gridSvg(rows, S, 2, `Test scenes (seed ${seed} models): ground truth and predictions by day and by night`);
  writeFileSync(join(outDir, 'grid.svg'), svg);
  writeFileSync(join(outDir, 'grid.png'), png);
  log(`wrote ${join(outDir, 'grid.svg')} and grid.png`);
}
