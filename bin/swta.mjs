#!/usr/bin/env node
// npx swta … — runs the TypeScript CLI through tsx (no build step).
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../ts/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
