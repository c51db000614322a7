// `swta bench filter`: sWTA image filter throughput (28×28 images/s) on every backend vs TF.js ops.
import { numberOpt, type Command } from '../command.js';
import { benchFilter, FILTER_BENCH_DEFAULTS } from '../../../bench/filter.js';
import { machine } from '../../../bench/machine.js';

export const benchFilterCmd: Command = {
  name: 'bench filter',
  summary: 'sWTA filter throughput on 28×28 MNIST images: wasm, native, as vs the same filter in TF.js ops (wasm backend)',
  options: {
    images: { type: 'string', help: 'MNIST-test images cycled through', default: String(FILTER_BENCH_DEFAULTS.images) },
    chunk: { type: 'string', help: 'images per engine call', default: String(FILTER_BENCH_DEFAULTS.chunk) },
    seconds: { type: 'string', help: 'seconds per sample', default: String(FILTER_BENCH_DEFAULTS.seconds) },
    samples: { type: 'string', help: 'samples per backend (mean ± s.d.)', default: String(FILTER_BENCH_DEFAULTS.samples) },
    'no-tfjs': { type: 'boolean', help: 'skip the TF.js comparison' },
  },
  async run(ctx) {
    const v = ctx.values;
    const r = await benchFilter({ images: numberOpt(v, 'images', 1, 10000, true), chunk: numberOpt(v, 'chunk', 1, 10000, true), seconds: numberOpt(v, 'seconds', 0.05, 600),
      samples: numberOpt(v, 'samples', 1, 100, true), tfjs: !v['no-tfjs'], onProgress: (m) => { if (!ctx.json) process.stderr.write(m + '\n'); } });
    for (const [b, x] of Object.entries(r.rates)) ctx.log(`${b.padEnd(7)} ${x.imgPerSec.toFixed(0).padStart(7)} ± ${x.sd.toFixed(0)} img/s  (first call ${x.firstCallMs.toFixed(1)} ms${x.maxAbsDiffVsWasm !== undefined ? `, max |Δ| vs wasm ${x.maxAbsDiffVsWasm.toExponential(2)}` : ''})`);
    for (const [k, x] of Object.entries(r.ratios)) ctx.log(`${k}: ${x.toFixed(1)}×`);
    ctx.emit({ ...r, machine: machine() });
    return 0;
  },
};
