// Engine commands: simulate a network spec file, benchmark COBA/COBAHH.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from '../command.js';
import { numberOpt } from '../command.js';
import { SwtaError } from '../../abi/errors.js';
import { Network } from '../../sim/network.js';
import type { NetworkSpec } from '../../model/spec.js';
import type { BackendName } from '../../backend/engine.js';
import { rasterSvg } from '../../report/plot.js';
import { ProgressBar } from '../progress.js';
import { benchCoba, brian2Available } from '../../../bench/coba.js';
import { benchModule } from '../../../bench/module.js';
import { machine } from '../../../bench/machine.js';

const backendOpt = { type: 'string' as const, help: 'engine backend', choices: ['auto', 'native', 'wasm'], default: 'auto' };

function readSpec(path: string | undefined): NetworkSpec {
  if (!path) throw new SwtaError('<spec>', 'give the path of a network spec (JSON)', 0);
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { throw new SwtaError('<spec>', `cannot read ${path}: ${(e as Error).message}`, 0); }
  try { return JSON.parse(text) as NetworkSpec; } catch (e) { throw new SwtaError('<spec>', `${path} is not valid JSON: ${(e as Error).message}`, 0); }
}

export const simulate: Command = {
  name: 'simulate',
  summary: 'Simulate a network spec (JSON) and write its spikes (JSON) and raster (SVG)',
  args: '<spec.json>',
  options: {
    'duration-ms': { type: 'string', help: 'biological time to simulate, ms (0 < d ≤ 3.6e6)', default: '1000' },
    backend: backendOpt,
    out: { type: 'string', help: 'output directory', default: 'out/simulate' },
  },
  async run(ctx) {
    const spec = readSpec(ctx.positionals[0]);
    const duration = numberOpt(ctx.values, 'duration-ms', 1e-3, 3.6e6);
    spec.monitors = { ...spec.monitors, spikes: spec.monitors?.spikes ?? 'all' };
    const net = await Network.create(spec, { backend: ctx.values.backend as BackendName | 'auto' });
    const bar = new ProgressBar('simulate', ctx.json);
    const t0 = performance.now();
    net.run(duration, { onProgress: (d, t) => bar.update(d, t) });
    const wall = (performance.now() - t0) / 1000;
    const info = net.info();
    const names = spec.monitors.spikes === 'all' ? spec.populations.map((p) => p.name) : spec.monitors.spikes!;
    const trains = Object.fromEntries(names.map((n) => { const s = net.spikeTrain(n); return [n, { ids: Array.from(s.ids), t_ms: Array.from(s.t_ms) }]; }));
    const rates = Object.fromEntries(spec.populations.map((p) => [p.name, info.spikeCounts[p.name] / p.n / (duration / 1000)]));
    const out = String(ctx.values.out);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'spikes.json'), JSON.stringify({ duration_ms: duration, populations: trains }));
    const groups = names.map((n) => ({ label: n, n: spec.populations.find((p) => p.name === n)!.n, ...trains[n] }));
    writeFileSync(join(out, 'raster.svg'), rasterSvg(groups, 0, duration, { title: `${ctx.positionals[0]} — ${info.backend}, ${info.method}` }));
    net.free();
    const result = { backend: info.backend, method: info.method, neurons: info.neurons, synapses: info.synapses, simulated_ms: duration, wall_s: wall, build_ms: net.buildMs, rates_hz: rates, files: [join(out, 'spikes.json'), join(out, 'raster.svg')] };
    ctx.emit(result);
    ctx.log(`${info.neurons} neurons, ${info.synapses} synapses, ${duration} ms in ${wall.toFixed(2)} s on ${info.backend}`);
    for (const [n, r] of Object.entries(rates)) ctx.log(`  ${n.padEnd(12)} ${r.toFixed(2)} Hz`);
    ctx.log(`wrote ${result.files.join(', ')}`);
    return 0;
  },
};

export const benchCobaCmd: Command = {
  name: 'bench coba',
  summary: 'Benchmark the COBA (or COBAHH) 4000-neuron network; with Brian2 installed, run it too and report the ratio',
  options: {
    backend: { type: 'string', help: 'engine backend', choices: ['native', 'wasm'], default: 'native' },
    precision: { type: 'string', help: 'state precision', choices: ['f64', 'f32'], default: 'f64' },
    'duration-s': { type: 'string', help: 'simulated seconds to time (1–100)', default: '10' },
    model: { type: 'string', help: 'network', choices: ['coba', 'cobahh'], default: 'coba' },
    'no-brian2': { type: 'boolean', help: 'skip the Brian2 comparison even if Brian2 is installed' },
  },
  async run(ctx) {
    const duration = numberOpt(ctx.values, 'duration-s', 1, 100);
    const brian2 = !ctx.values['no-brian2'] && brian2Available();
    const r = await benchCoba({
      model: ctx.values.model as 'coba' | 'cobahh', backend: ctx.values.backend as BackendName, precision: ctx.values.precision as 'f32' | 'f64',
      duration_s: duration, brian2, onProgress: ctx.json ? undefined : (m) => process.stderr.write(`\r${m}   `),
    });
    ctx.emit({ ...r, machine: machine() });
    if (!ctx.json) {
      process.stderr.write('\n');
      const m = machine();
      ctx.log(`machine: ${m.cpu}, ${m.cores} cores, node ${m.node}; git ${m.git}`);
      ctx.log(`${r.model} on ${r.backend} (${r.precision}): ${r.neurons} neurons, ${r.synapses} synapses, build ${r.build_ms.toFixed(1)} ms`);
      ctx.log(`  ${r.wall_per_simulated_s.toFixed(4)} s wall per simulated s (±${r.rme_percent.toFixed(1)} %), ${r.mean_rate_hz.toFixed(1)} Hz mean rate`);
      if (r.brian2 && 'wall_s' in r.brian2) ctx.log(`  Brian2 ${r.brian2.version} cpp_standalone: ${r.brian2.wall_per_simulated_s.toFixed(4)} s/s (${r.brian2.mean_rate_hz.toFixed(1)} Hz; build ${r.brian2.build_s.toFixed(1)} s) → swta is ${r.speedup_vs_brian2!.toFixed(2)}× faster`);
      else if (r.brian2) ctx.log(`  Brian2: ${r.brian2.error}`);
    }
    return 0;
  },
};

export const benchModuleCmd: Command = {
  name: 'bench module',
  summary: 'Benchmark one L2/3 sWTA module: 10 s of biological time and a 100-point gain sweep',
  options: {
    backend: { type: 'string', help: 'engine backends to time (comma list of native, wasm)', default: 'native,wasm' },
    points: { type: 'string', help: 'gain-sweep points (1–1000)', default: '100' },
  },
  async run(ctx) {
    const points = numberOpt(ctx.values, 'points', 1, 1000, true);
    const backends = String(ctx.values.backend).split(',');
    for (const b of backends) if (!['native', 'wasm'].includes(b)) throw new SwtaError('--backend', `must list native and/or wasm, got '${b}'`, 0);
    const results = [];
    for (const b of backends) {
      const r = await benchModule(b as BackendName, points);
      results.push(r);
      ctx.log(`${b}: ${r.cells} cells, 10 s simulated in ${r.wall_s.toFixed(3)} s; ${r.sweep_points}-point gain sweep in ${r.sweep_wall_s.toFixed(2)} s; build ${r.build_ms.toFixed(1)} ms`);
    }
    const m = machine();
    ctx.log(`machine: ${m.cpu}, ${m.cores} cores, node ${m.node}; git ${m.git}`);
    if (results.length === 2) ctx.log(`native/wasm speed ratio: ${(results[1].wall_s / results[0].wall_s).toFixed(2)}×`);
    ctx.emit({ results, machine: m });
    return 0;
  },
};

export const ENGINE_COMMANDS: Command[] = [simulate, benchCobaCmd, benchModuleCmd];
