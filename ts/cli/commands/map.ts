// `swta map`: gain-match a circuit onto TrueNorth; write the TN model (swta JSON) and, unless
// --no-fidelity, the fidelity report (JSON + SVG).
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from '../command.js';
import { numberOpt } from '../command.js';
import { SwtaError } from '../../abi/errors.js';
import { l23Module } from '../../circuit/l23.js';
import { HARD_REGIME } from '../../experiments/common.js';
import { gainMatch } from '../../gain/match.js';
import { fidelityReport } from '../../gain/report.js';
import { toJson } from '../../truenorth/index.js';
import { ProgressBar } from '../progress.js';
import type { BackendName } from '../../backend/engine.js';
import type { NetworkSpec } from '../../model/spec.js';

export const mapCmd: Command = {
  name: 'map',
  summary: 'Gain-match a circuit onto TrueNorth (per-class fits, pathway weights, cores/routes/splitters); writes the TN model and a fidelity report',
  options: {
    preset: { type: 'string', help: 'circuit preset', choices: ['l23', 'l23-hard'], default: 'l23' },
    spec: { type: 'string', help: 'a NetworkSpec JSON file instead of a preset (no fidelity report)' },
    out: { type: 'string', help: 'TN model file (swta JSON)', default: 'out/gain/model.json' },
    fidelity: { type: 'boolean', help: 'also run the fidelity report (preset l23 only; ~1 min native)' },
    seed: { type: 'string', help: 'seed (integer 0–4294967295)', default: '1' },
    backend: { type: 'string', help: 'engine backend', choices: ['auto', 'native', 'wasm'], default: 'auto' },
    quick: { type: 'boolean', help: 'shorter measurement windows' },
  },
  async run(ctx) {
    const seed = numberOpt(ctx.values, 'seed', 0, 2 ** 32 - 1, true);
    const backend = ctx.values.backend as BackendName | 'auto';
    let spec: NetworkSpec;
    if (ctx.values.spec) {
      try { spec = JSON.parse(readFileSync(String(ctx.values.spec), 'utf8')); } catch (e) { throw new SwtaError('--spec', `cannot read a NetworkSpec JSON: ${(e as Error).message}`, 0); }
    } else spec = l23Module({ seed, ...(ctx.values.preset === 'l23-hard' ? HARD_REGIME : {}) }).spec;
    const bar = new ProgressBar('map', ctx.json);
    const m = await gainMatch(spec, { backend, seed, quick: !!ctx.values.quick, onProgress: (d, t) => bar.update(d, t) });
    const out = String(ctx.values.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, toJson(m.model.net));
    const result: Record<string, unknown> = {
      model: out, stats: m.model.stats, timing_s: m.timing_s,
      classes: m.kinds.map((k) => ({ name: k.name, populations: k.populations, fit: k.fit, params: k.params, r2: k.r2 })),
      weights: m.model.weights,
    };
    ctx.log(`mapped ${m.kinds.length} kinds onto ${m.model.stats.cores} core(s) (${m.model.stats.splitterCores} splitter) in ${m.timing_s.total.toFixed(1)} s → ${out}`);
    for (const k of m.kinds) ctx.log(`  ${k.name.padEnd(6)} g ${k.fit.g.toFixed(2)} θ ${k.fit.theta_Hz.toFixed(1)} Hz → α ${k.params.alpha} λ ${k.params.lambda} TM ${k.params.TM} s_unit ${k.params.s_unit.toFixed(2)}  R² ${k.r2.toFixed(3)}`);
    if (ctx.values.fidelity && !ctx.values.spec) {
      const f = await fidelityReport({ backend, seed, quick: !!ctx.values.quick, onProgress: (d, t) => bar.update(d, t) });
      const { svgs, ...data } = f;
      const dir = dirname(out);
      writeFileSync(join(dir, 'fidelity.json'), JSON.stringify(data, null, 1));
      for (const [n, s] of Object.entries(svgs)) writeFileSync(join(dir, n), s);
      result.fidelity = data.fidelity; result.roles = data.roles; result.metrics = data.metrics;
      ctx.log(`fidelity: gain TN/bio ${f.fidelity.gain.ratio.toFixed(3)}, selectivity ${f.fidelity.selectivity.ratio.toFixed(3)}, LAMP5 normaliser slope ${f.fidelity.normaliser.ratio.toFixed(3)}, hysteresis ${f.fidelity.hysteresis.bio_width_Hz} / ${f.fidelity.hysteresis.tn_width_Hz} Hz`);
      for (const r of f.roles) ctx.log(`  ${r.class.padEnd(6)} ${r.role.padEnd(24)} bio ${r.bio.control.toFixed(2)}→${r.bio.manipulated.toFixed(2)} ${r.bio_ok ? 'ok' : 'NO'}  TN ${r.tn.control.toFixed(2)}→${r.tn.manipulated.toFixed(2)} ${r.tn_ok ? 'ok' : 'NO'}`);
      ctx.log(`wrote ${join(dir, 'fidelity.json')} and ${Object.keys(svgs).join(', ')}`);
    }
    ctx.emit(result);
    return 0;
  },
};
