#!/usr/bin/env node
// Build the browser demo as static files: node scripts/build-demo.mjs [outdir] (default out/demo).
// Same build as `swta demo` (ts/demo/build.ts: esbuild bundle of ts/demo/main.ts + index.html +
// artifacts/swta.wasm); reproducible — prints the sha256 of every file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const { buildDemo, digests } = await import('../ts/demo/build.ts');
const out = process.argv[2] ?? 'out/demo';
const files = await buildDemo();
mkdirSync(out, { recursive: true });
for (const [name, f] of files) writeFileSync(join(out, name.slice(1)), f.body);
const sums = digests(files);
for (const [name, f] of files) console.log(`${join(out, name.slice(1))}  ${f.body.length} bytes  sha256 ${sums[name]}`);
console.log('serve it with: npx swta demo   (or any static server that sends .wasm as application/wasm)');
