#!/usr/bin/env node
// One build script for every artifact.
//   node scripts/build.mjs wasm      Rust → artifacts/swta.wasm with Debian's rustc 1.63 (Route A, SIMD128 + bulk memory)
//   node scripts/build.mjs native    Rust → target/release/libswta_abi.so with the cargo on PATH
//   node scripts/build.mjs as        AssemblyScript edge build → artifacts/swta-edge.wasm
//   node scripts/build.mjs check     rebuild wasm + AS into a temp dir; fail if they differ from the committed ones
//   node scripts/build.mjs all       wasm + native + as
// Flags: --optional (skip, exit 0, when the toolchain is missing: used by npm's postinstall).
import { spawnSync } from 'node:child_process';
import { existsSync, copyFileSync, readFileSync, mkdtempSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const optional = args.includes('--optional');
const what = args.find((a) => !a.startsWith('--')) ?? 'all';
const DEBIAN_RUSTC = '/usr/bin/rustc';
const DEBIAN_CARGO = '/usr/bin/cargo';

function run(cmd, argv, env = {}) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function skip(msg) {
  if (!optional) throw new Error(msg);
  console.warn(`swta build: ${msg} — skipped`);
}

/** Reproducible wasm: fixed toolchain, source paths remapped so the clone's location never leaks in. */
function buildWasm(outFile) {
  if (!existsSync(DEBIAN_RUSTC) || !existsSync(DEBIAN_CARGO)) return skip('Debian rustc/cargo not found (apt-get install rustc cargo libstd-rust-dev-wasm32 lld)');
  const targetDir = join(root, 'target/wasm-build');
  const home = process.env.CARGO_HOME ?? join(process.env.HOME ?? '/root', '.cargo');
  run(DEBIAN_CARGO, ['build', '--release', '-p', 'swta-abi', '--target', 'wasm32-unknown-unknown', '--target-dir', targetDir], {
    RUSTC: DEBIAN_RUSTC,
    RUSTFLAGS: `-C target-feature=+simd128,+bulk-memory --remap-path-prefix=${root}=/swta --remap-path-prefix=${home}=/cargo`,
  });
  mkdirSync(dirname(outFile), { recursive: true });
  copyFileSync(join(targetDir, 'wasm32-unknown-unknown/release/swta_abi.wasm'), outFile);
  console.log(`wrote ${outFile} (${readFileSync(outFile).length} bytes)`);
}

function buildNative() {
  if (!has('cargo')) return skip('cargo not found; the native backend will be unavailable');
  run('cargo', ['build', '--release', '-p', 'swta-abi']);
  console.log('wrote target/release/libswta_abi.so');
}

function buildAs(outFile) {
  const entry = join(root, 'assembly/index.ts');
  if (!existsSync(entry)) return console.warn('swta build: assembly/index.ts not present yet — AS build skipped');
  const asc = join(root, 'node_modules/.bin/asc');
  if (!existsSync(asc)) return skip('assemblyscript not installed (npm install)');
  run(asc, [entry, '-O3', '--noAssert', '--runtime', 'stub', '--enable', 'simd', '-o', outFile]);
  console.log(`wrote ${outFile} (${readFileSync(outFile).length} bytes)`);
}

function check() {
  const tmp = mkdtempSync(join(tmpdir(), 'swta-build-'));
  const pairs = [['swta.wasm', buildWasm], ['swta-edge.wasm', buildAs]];
  let bad = 0;
  for (const [name, build] of pairs) {
    const fresh = join(tmp, name);
    build(fresh);
    const committed = join(root, 'artifacts', name);
    if (!existsSync(fresh)) continue;
    if (!existsSync(committed) || !readFileSync(fresh).equals(readFileSync(committed))) {
      console.error(`artifacts/${name} differs from a fresh build of the sources: run node scripts/build.mjs and commit it`);
      bad++;
    } else console.log(`artifacts/${name} matches a fresh build`);
  }
  if (bad) process.exit(1);
}

try {
  if (what === 'wasm') buildWasm(join(root, 'artifacts/swta.wasm'));
  else if (what === 'native') buildNative();
  else if (what === 'as') buildAs(join(root, 'artifacts/swta-edge.wasm'));
  else if (what === 'check') check();
  else if (what === 'all') { buildWasm(join(root, 'artifacts/swta.wasm')); buildNative(); buildAs(join(root, 'artifacts/swta-edge.wasm')); }
  else throw new Error(`unknown target '${what}' (wasm, native, as, check, all)`);
} catch (e) {
  console.error(`swta build: ${e.message}`);
  process.exit(1);
}
