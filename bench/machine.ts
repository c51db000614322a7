// What every benchmark prints and logs with its figures: machine, command, revision, date.
import { appendFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function machine() {
  let rev = 'unknown';
  try { rev = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(); } catch { /* not a checkout */ }
  return {
    cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, mem_GiB: Math.round(totalmem() / 2 ** 30), node: process.version,
    command: process.argv.slice(1).join(' '), git: rev, date: new Date().toISOString(),
  };
}

/** Append one record to bench/results/<suite>.jsonl (the benchmark log). */
export function appendResult(suite: string, record: object): void {
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  appendFileSync(`${dir}${suite}.jsonl`, JSON.stringify(record) + '\n');
}
