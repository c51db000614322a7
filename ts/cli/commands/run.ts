// `swta run` (npm start): the whole story on embedded defaults — COBA, the L2/3 sWTA experiments,
// the image filter on MNIST digits — printed as a summary and written as one HTML report.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from '../command.js';
import { ProgressBar } from '../progress.js';
import { Network } from '../../sim/network.js';
import { cobaNetwork } from '../../circuit/coba.js';
import { rasterSvg, imageGridSvg } from '../../report/plot.js';
import { htmlReport, type ReportSection } from '../../report/html.js';
import { EXPERIMENTS } from '../../experiments/index.js';
import type { BackendName } from '../../backend/engine.js';

export const run: Command = {
  name: 'run',
  summary: 'The main job: COBA, the sWTA experiments and the image filter on embedded defaults → summary + HTML report',
  options: {
    out: { type: 'string', help: 'output directory', default: 'out' },
    quick: { type: 'boolean', help: 'shorter protocols (about a third of the time)' },
    backend: { type: 'string', help: 'engine backend', choices: ['auto', 'native', 'wasm'], default: 'auto' },
  },
  async run(ctx) {
    const out = String(ctx.values.out);
    const quick = !!ctx.values.quick;
    const backend = ctx.values.backend as BackendName | 'auto';
    mkdirSync(out, { recursive: true });
    const t0 = performance.now();
    const sections: ReportSection[] = [];
    const summary: Record<string, unknown> = {};

    // 1. COBA benchmark network.
    const coba = await Network.create(cobaNetwork(), { backend });
    const dur = quick ? 500 : 1000;
    const bar = new ProgressBar('COBA 4000 neurons', ctx.json);
    const tc = performance.now();
    coba.run(dur, { onProgress: (d, t) => bar.update(d, t) });
    const cobaWall = (performance.now() - tc) / 1000;
    const info = coba.info();
    const rates = { E: info.spikeCounts.E / 3200 / (dur / 1000), I: info.spikeCounts.I / 800 / (dur / 1000) };
    const E = coba.spikeTrain('E');
    const I = coba.spikeTrain('I');
    const keep = (s: { ids: Uint32Array; t_ms: Float64Array }, n: number) => { const k = Array.from(s.ids).map((id, i) => [id, i]).filter(([id]) => id < n); return { ids: k.map(([id]) => id), t_ms: k.map(([, i]) => s.t_ms[i]) }; };
    const raster = rasterSvg([{ label: 'E (first 200)', n: 200, ...keep(E, 200) }, { label: 'I (first 50)', n: 50, ...keep(I, 50) }], 0, dur, { title: `COBA: ${info.neurons} neurons, ${info.synapses} synapses (${info.backend})` });
    writeFileSync(join(out, 'coba_raster.svg'), raster);
    coba.free();
    summary.coba = { backend: info.backend, neurons: info.neurons, synapses: info.synapses, simulated_ms: dur, wall_s: cobaWall, rates_Hz: rates };
    ctx.log(`COBA: ${info.neurons} neurons, ${info.synapses} synapses; ${dur} ms in ${cobaWall.toFixed(2)} s on ${info.backend}; E ${rates.E.toFixed(1)} Hz, I ${rates.I.toFixed(1)} Hz`);
    sections.push({ title: 'COBA benchmark network (Brette et al. 2007)', text: `Simulated ${dur} ms in ${cobaWall.toFixed(2)} s wall on the ${info.backend} backend.`, table: { head: ['population', 'rate (Hz)'], rows: [['E', rates.E], ['I', rates.I]] }, svgs: [raster] });

    // 2. The L2/3 sWTA experiments.
    const names = ['fi', 'gain', 'amplification', 'restoration', 'hysteresis'];
    for (const name of names) {
      const b = new ProgressBar(`experiment ${name}`, ctx.json);
      const r = await EXPERIMENTS[name].run({ seed: 1, quick, backend, onProgress: (d, t) => b.update(d, t) });
      for (const [f, svg] of Object.entries(r.svgs)) writeFileSync(join(out, f), svg);
      const { svgs, ...data } = r;
      writeFileSync(join(out, `${name}.json`), JSON.stringify(data, null, 1));
      summary[name] = r.metrics;
      ctx.log(`${name} (${r.regime}): ${Object.entries(r.metrics).filter(([, v]) => typeof v !== 'object').map(([k, v]) => `${k}=${typeof v === 'number' ? v.toFixed(2) : v}`).join(', ')}`);
      sections.push({ title: `${name} — ${EXPERIMENTS[name].summary}`, table: { head: ['metric', 'value'], rows: Object.entries(r.metrics).map(([k, v]) => [k, typeof v === 'number' ? v : JSON.stringify(v)]) }, svgs: Object.values(svgs) });
    }

    // 3. The image filter on MNIST test digits (the ViT front end).
    try {
      const { loadMnist } = await import('../../vit/idx.js');
      const { sWTAFilter } = await import('../../vit/filter.js');
      const test = loadMnist().test;
      const n = 8;
      const px = test.h * test.w;
      const raw = new Float32Array(n * px);
      for (let i = 0; i < n * px; i++) raw[i] = test.images[i] / 255;
      const noisy = raw.map((v, i) => Math.min(1, 0.25 * v + 0.35 * (((i * 2654435761) >>> 0) / 2 ** 32)));
      const f = await sWTAFilter.create({}, backend);
      const clean = f.apply(raw, [n, test.h, test.w]).data;
      const denoised = f.apply(noisy, [n, test.h, test.w]).data;
      const split = (a: Float32Array) => Array.from({ length: n }, (_, k) => a.subarray(k * px, (k + 1) * px));
      const grid = imageGridSvg([{ label: 'MNIST', images: split(raw) }, { label: 'filtered', images: split(clean) }, { label: 'night-like', images: split(noisy) }, { label: 'filtered', images: split(denoised) }], test.h, test.w, { title: 'sWTA image filter (MODEL.md §8.6 defaults)' });
      writeFileSync(join(out, 'filter_digits.svg'), grid);
      summary.filter = { images: n, labels: Array.from(test.labels.subarray(0, n)) };
      ctx.log(`filter: ${n} MNIST test digits, clean and night-like, before/after`);
      sections.push({ title: 'sWTA image filter', text: 'Rows: raw MNIST test digits, filtered; a dim noisy (night-like) version, filtered.', svgs: [grid] });
    } catch (e) {
      ctx.log(`filter: skipped (${(e as Error).message})`);
    }

    // ── 4. Gain matching onto TrueNorth (issue 5; code in ts/gain/, docs/gain.md) ──
    {
      const { gainSection } = await import('../../gain/runsection.js');
      const gb = new ProgressBar('gain matching', ctx.json);
      const g = await gainSection(out, { backend, quick, onProgress: (d, t) => gb.update(d, t) });
      summary.gain_matching = g.metrics;
      sections.push(g.section);
      ctx.log(`gain matching: ${Object.entries(g.metrics).map(([k, v]) => `${k}=${typeof v === 'number' ? v.toFixed(3) : v}`).join(', ')}`);
    }
    // ── end of block 4 ──

    const wall = (performance.now() - t0) / 1000;
    const html = htmlReport('swta — soft winner-take-all microcircuit of mouse V1 L2/3', `Main job on embedded defaults (seed 1${quick ? ', quick protocols' : ''}), ${wall.toFixed(1)} s wall. Every number is also in the JSON files beside this report.`, sections);
    writeFileSync(join(out, 'report.html'), html);
    writeFileSync(join(out, 'summary.json'), JSON.stringify(summary, null, 1));
    ctx.emit({ ...summary, wall_s: wall, report: join(out, 'report.html') });
    ctx.log(`done in ${wall.toFixed(1)} s — report: ${join(out, 'report.html')}`);
    return 0;
  },
};
