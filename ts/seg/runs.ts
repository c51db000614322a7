// The run files of an experiment directory: runs/<variant>-s<seed>.json, one per finished run.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SegRun } from './experiment.js';

/** File stem of a run: the variant with characters outside [A-Za-z0-9._=-] replaced by '_'. */
export const runFile = (v: string, seed: number) => `${v.replace(/[^A-Za-z0-9._=-]/g, '_')}-s${seed}`;

export function readRuns(outDir: string): SegRun[] {
  const dir = join(outDir, 'runs');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8'))) : [];
}
