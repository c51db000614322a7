#!/usr/bin/env node
// The project's test command (`npm test`): cargo test (when cargo exists) + vitest, then one line
// "N passed, N failed" summing both — the line CI reads. Extra args go to vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let passed = 0;
let failed = 0;

const hasCargo = spawnSync('sh', ['-c', 'command -v cargo'], { stdio: 'ignore' }).status === 0;
if (hasCargo) {
  // The native backend must match the sources the tests exercise.
  const b = spawnSync('cargo', ['build', '--release', '-p', 'swta-abi'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) failed++;
}
if (hasCargo && !process.env.SWTA_SKIP_CARGO) {
  const r = spawnSync('cargo', ['test', '--workspace', '--release'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  for (const m of r.stdout.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed/g)) {
    passed += Number(m[1]);
    failed += Number(m[2]);
  }
  if (r.status !== 0 && failed === 0) failed++; // a build failure counts as a failure
  console.log(`cargo test: ${passed} passed, ${failed} failed`);
} else console.log('cargo not found: Rust unit tests skipped');

const out = join(root, '.vitest-results.json');
rmSync(out, { force: true });
const v = spawnSync(join(root, 'node_modules/.bin/vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
let vp = 0;
let vf = 0;
try {
  const j = JSON.parse(readFileSync(out, 'utf8'));
  vp = j.numPassedTests;
  vf = j.numFailedTests + (j.testResults ?? []).filter((t) => t.status === 'failed' && (t.assertionResults ?? []).length === 0).length;
} catch {
  vf = 1; // no report: vitest itself failed
}
if (v.status !== 0 && vf === 0) vf = 1;
console.log(`vitest: ${vp} passed, ${vf} failed`);
passed += vp;
failed += vf;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
