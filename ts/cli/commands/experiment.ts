// `swta experiment <name>`: run one of the paper's experiments, write JSON + SVG plots.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from '../command.js';
import { numberOpt } from '../command.js';
import { SwtaError } from '../../abi/errors.js';
import { EXPERIMENTS } from '../../experiments/index.js';
import { ProgressBar } from '../progress.js';
import type { BackendName } from '../../backend/engine.js';

export const experiment: Command = {
  name: 'experiment',
  summary: `Run an sWTA experiment (${Object.keys(EXPERIMENTS).join(', ')}); writes <out>/<name>.json and SVG plots`,
  args: '<name>',
  options: {
    seed: { type: 'string', help: 'seed (integer 0–4294967295)', default: '1' },
    backend: { type: 'string', help: 'engine backend', choices: ['auto', 'native', 'wasm'], default: 'auto' },
    out: { type: 'string', help: 'output directory', default: 'out/experiments' },
    quick: { type: 'boolean', help: 'shorter protocol (fewer points, shorter windows)' },
    substrate: { type: 'string', help: 'working-memory only: biophysical circuit or its gain-matched TrueNorth model', choices: ['bio', 'truenorth'], default: 'bio' },
  },
  async run(ctx) {
    const name = ctx.positionals[0];
    const ex = EXPERIMENTS[name];
    if (!ex) throw new SwtaError('<name>', `must be one of ${Object.keys(EXPERIMENTS).join(', ')}, got '${name ?? ''}'`, 0);
    const seed = numberOpt(ctx.values, 'seed', 0, 2 ** 32 - 1, true);
    const bar = new ProgressBar(`experiment ${name}`, ctx.json);
    const t0 = performance.now();
    const r = await ex.run({ seed, quick: !!ctx.values.quick, backend: ctx.values.backend as BackendName | 'auto', ...({ substrate: ctx.values.substrate } as object), onProgress: (d, t) => bar.update(d, t) });
    const out = String(ctx.values.out);
    mkdirSync(out, { recursive: true });
    const { svgs, ...data } = r;
    const files = [join(out, `${name}.json`)];
    writeFileSync(files[0], JSON.stringify(data, null, 1));
    for (const [f, svg] of Object.entries(svgs)) { writeFileSync(join(out, f), svg); files.push(join(out, f)); }
    ctx.emit({ ...data, files, wall_s: (performance.now() - t0) / 1000 });
    ctx.log(`${name} (${r.regime} regime, seed ${seed}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    for (const [k, v] of Object.entries(r.metrics)) ctx.log(`  ${k.padEnd(30)} ${typeof v === 'number' ? v.toFixed(3) : JSON.stringify(v)}`);
    ctx.log(`wrote ${files.join(', ')}`);
    return 0;
  },
};
