// TrueNorth commands: run a model file (IBM-style or swta JSON) with optional input spikes, and the
// full-chip benchmark.
import { readFileSync, writeFileSync } from 'node:fs';
import { EXIT, numberOpt, type Command, type CommandContext } from '../command.js';
import { fail } from '../../abi/errors.js';
import type { BackendName } from '../../backend/engine.js';
import { fromJson, readModelFile, readSfti, readSpikeText, TrueNorthSim, writeSfri, writeSpikeText, type NetworkDesc, type RecordMode } from '../../truenorth/index.js';
import { benchTn, benchTnRounds, type TnBenchOptions } from '../../../bench/tn.js';
import { availableBackends } from '../../backend/registry.js';
import { machine } from '../../../bench/machine.js';

function loadModel(path: string): NetworkDesc {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { return fail('<model>', `cannot read ${path}: ${(e as Error).message}`); }
  return /^\s*\{\s*"format"\s*:\s*"swta-truenorth"/.test(text) ? fromJson(text, path) : readModelFile(text, { name: path });
}

function loadInputs(path: string): Int32Array {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { return fail('--input', `cannot read ${path}: ${(e as Error).message}`); }
  return /^\s*(\/[*/]|\{)/.test(text) ? readSfti(text, path) : readSpikeText(text, path);
}

export const tnRun: Command = {
  name: 'tn run',
  summary: 'run a TrueNorth model file (IBM-style or swta JSON) and report the spikes',
  args: '<model>',
  options: {
    input: { type: 'string', help: 'input spikes: sfti-like file ({"srcTime","destCore","destAxon"} records) or tick,core,axon text' },
    ticks: { type: 'string', help: 'ticks to run (1 tick = 1 ms)', default: '100' },
    backend: { type: 'string', help: 'engine backend', default: 'auto', choices: ['auto', 'native', 'wasm', 'as'] },
    out: { type: 'string', help: 'write spikes (tick,core,neuron): .sfri = NSCS-like binary, else text' },
    record: { type: 'string', help: 'which spikes to record', default: 'all', choices: ['all', 'outputs'] },
  },
  async run(ctx) {
    const [model] = ctx.positionals;
    if (!model) fail('<model>', 'give a model file (see swta tn run --help)');
    const ticks = numberOpt(ctx.values, 'ticks', 0, 1e9, true);
    const net = loadModel(model);
    const sim = await TrueNorthSim.create(net, ctx.values.backend as BackendName | 'auto', { record: ctx.values.record as RecordMode });
    try {
      if (ctx.values.input) sim.inject(loadInputs(ctx.values.input as string));
      const t0 = performance.now();
      const sp = sim.run(ticks);
      const wall = (performance.now() - t0) / 1000;
      const out = ctx.values.out as string | undefined;
      if (out) writeFileSync(out, out.endsWith('.sfri') ? writeSfri(sp) : writeSpikeText(sp));
      const s = sim.stats();
      ctx.log(`${sim.engine.backend}: ${net.cores.length} cores, ${ticks} ticks in ${wall.toFixed(3)} s, ${sp.length / 3} spikes recorded${out ? ` → ${out}` : ''}`);
      if (!out && !ctx.json) process.stdout.write(writeSpikeText(sp.subarray(0, 3 * 1000)));
      ctx.emit({ backend: sim.engine.backend, cores: net.cores.length, ticks, wall_s: wall, spikes: sp.length / 3, synaptic_events: s.synapticEvents, out: out ?? null, first_spikes: Array.from(sp.subarray(0, 300)) });
    } finally { sim.free(); }
    return EXIT.ok;
  },
};

export const benchTnCmd: Command = {
  name: 'bench tn',
  summary: 'full-chip TrueNorth benchmark (~20 Hz, ~128 axons per neuron): ticks/s, neuron updates/s, synaptic events/s',
  options: {
    cores: { type: 'string', help: 'cores (64 per row; 4096 = one full chip)', default: '4096' },
    backend: { type: 'string', help: 'engine backend (all: every available backend in this one process, alternating, with medians and ratios)', default: 'native', choices: ['native', 'wasm', 'as', 'all'] },
    ticks: { type: 'string', help: 'timed ticks after warm-up', default: '1000' },
    chunk: { type: 'string', help: 'ticks per engine call', default: '50' },
    rounds: { type: 'string', help: 'with --backend all: rounds of alternating runs (1..50)', default: '1' },
  },
  async run(ctx) {
    const common = {
      cores: numberOpt(ctx.values, 'cores', 1, 16384, true), ticks: numberOpt(ctx.values, 'ticks', 1, 1e7, true),
      chunk: numberOpt(ctx.values, 'chunk', 1, 100000, true),
      onProgress: (m: string) => { if (!ctx.json) process.stderr.write(`\r${m}        `); },
    };
    if (ctx.values.backend === 'all') return benchTnAll(ctx, common);
    const r = await benchTn({ ...common, backend: ctx.values.backend as BackendName });
    if (!ctx.json) process.stderr.write('\n');
    const { backend, cores, neurons, ticks, wall_s, ticks_per_s, neuron_updates_per_s, synaptic_events_per_s } = r;
    ctx.emit({ backend, cores, neurons, ticks, wall_s, ticks_per_s, neuron_updates_per_s, synaptic_events_per_s, mean_rate_hz: r.mean_rate_hz, cpu_s: r.cpu_s, ticks_per_cpu_s: r.ticks_per_cpu_s, load_avg: r.load_avg, machine: machine() });
    ctx.log(`${backend}: ${cores} cores × 256 neurons, ${ticks} ticks in ${wall_s.toFixed(2)} s → ${ticks_per_s.toFixed(0)} ticks/s, ` +
      `${(neuron_updates_per_s / 1e6).toFixed(0)} M neuron updates/s, ${(synaptic_events_per_s / 1e6).toFixed(0)} M synaptic events/s, mean rate ${r.mean_rate_hz.toFixed(1)} Hz`);
    return EXIT.ok;
  },
};

/** `bench tn --backend all`: every available backend, alternating over `--rounds`, medians and ratios. */
async function benchTnAll(ctx: CommandContext, common: Omit<TnBenchOptions, 'backend'>): Promise<number> {
  const backends = await availableBackends();
  const r = await benchTnRounds({ ...common, backends, rounds: numberOpt(ctx.values, 'rounds', 1, 50, true) });
  if (!ctx.json) process.stderr.write('\n');
  const runs = r.runs.map(({ backend, ticks_per_s, ticks_per_cpu_s, wall_s, mean_rate_hz, load_avg }) => ({ backend, ticks_per_s, ticks_per_cpu_s, wall_s, mean_rate_hz, load_avg }));
  ctx.emit({ cores: r.cores, neurons: r.runs[0].neurons, ticks: r.ticks, rounds: r.rounds, median: r.median, ratios: r.ratios, runs, machine: machine() });
  for (const [b, m] of Object.entries(r.median)) {
    const all = r.runs.filter((x) => x.backend === b).map((x) => x.ticks_per_s.toFixed(0)).join(', ');
    ctx.log(`${b}: median ${m!.ticks_per_s.toFixed(0)} ticks/s (${m!.ticks_per_cpu_s.toFixed(0)} per CPU-s) over ${r.rounds} run(s): ${all}`);
  }
  ctx.log(Object.entries(r.ratios).map(([k, v]) => `${k.replace('_over_', ' / ')} = ${v.toFixed(2)}`).join(', '));
  return EXIT.ok;
}

export const TN_COMMANDS: Command[] = [tnRun, benchTnCmd];
