// TrueNorth full-chip benchmark: a deterministic network of `cores` cores (64 per row) with ~128
// connected axons per neuron and a self-regulated mean rate near 20 Hz (1 tick = 1 ms), run on one
// backend in chunks after a warm-up (V8 tiers wasm up only between calls, TOOLCHAIN §14).
import Benchmark from 'benchmark';
import { loadavg } from 'node:os';
import type { BackendName } from '../ts/backend/engine.js';
import { emptyCore, neuronType, TrueNorthSim, type NetworkDesc } from '../ts/truenorth/index.js';
import { appendResult, machine } from './machine.js';

export interface TnBenchOptions {
  backend: BackendName; cores: number; ticks: number; chunk?: number; warmup?: number; onProgress?: (m: string) => void;
  /** Append the run to bench/results/tn.jsonl (default true; tests pass false). */
  record?: boolean;
}

export interface TnBenchResult {
  backend: BackendName; cores: number; neurons: number; ticks: number; wall_s: number; ticks_per_s: number;
  neuron_updates_per_s: number; synaptic_events_per_s: number; mean_rate_hz: number; connected_axons_per_neuron: number;
  rme_percent: number; build_s: number;
  /** CPU time of this process during the timed block (robust to other jobs on a shared machine). */
  cpu_s: number; ticks_per_cpu_s: number;
  /** 1-minute load average at the end (2-core machine shared with other jobs). */
  load_avg: number;
}

function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
}

/**
 * The benchmark network. Each core: crossbar bits i.i.d. 50 % (≈ 128 axons per neuron), axon types
 * uniform on 0..3 with weights (+1, +1, +1, −1), one neuron type per core out of four variants
 * (linear reset, κ = 1, tonic bias λ = +1, α ∈ {108, 112, 116, 120}). Neuron j of core c projects to
 * axon j of core π_j(c) (a random permutation per j), delay 1..4, so every axon has exactly one source.
 * Mean-field: r = λ / (α − 64), ≈ 20 Hz; the gain 64/α < 1 keeps it stable.
 */
export function tnBenchNetwork(cores: number, seed = 2024): NetworkDesc {
  const cols = Math.min(64, cores);
  const rows = Math.ceil(cores / cols);
  const n = cols * rows;
  const rnd = xorshift(seed);
  const neuronTypes = [108, 112, 116, 120].map((alpha) => neuronType({ s0: 1, s1: 1, s2: 1, s3: 1, sigma3: -1, sigma_lambda: 1, lambda: 1, alpha, gamma: 1, kappa: true, beta: 0 }));
  const perms: Int32Array[] = [];
  for (let j = 0; j < 256; j++) {
    const p = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) { const k = rnd() % (i + 1); [p[i], p[k]] = [p[k], p[i]]; }
    perms.push(p);
  }
  const list = [];
  for (let id = 0; id < n; id++) {
    const c = emptyCore(id, rnd());
    for (let i = 0; i < 256; i++) c.axonTypes[i] = rnd() & 3;
    for (let k = 0; k < c.crossbar.length; k++) c.crossbar[k] = rnd();
    const type = rnd() & 3;
    for (let j = 0; j < 256; j++) {
      c.types[j] = type;
      c.destCores[j] = perms[j][id];
      c.destAxons[j] = j;
      c.destDelays[j] = 1 + (rnd() & 3);
    }
    list.push(c);
  }
  return { cols, rows, neuronTypes, cores: list };
}

/** The benchmark's start: random potentials in [0, 100) ⊂ [0, α), so the chip starts near its steady state. */
export function setStartPotentials(sim: TrueNorthSim, net: NetworkDesc): void {
  const rnd = xorshift(7);
  for (const c of net.cores) sim.setPotentials(c.id, Int32Array.from({ length: 256 }, () => rnd() % 100));
}

export async function benchTn(o: TnBenchOptions): Promise<TnBenchResult> {
  const chunk = o.chunk ?? 50;
  const t0 = performance.now();
  o.onProgress?.(`building a ${o.cores}-core network`);
  const net = tnBenchNetwork(o.cores);
  const sim = await TrueNorthSim.create(net, o.backend, { record: 'none', chunk });
  const neurons = net.cols * net.rows * 256;
  setStartPotentials(sim, net);
  const buildS = (performance.now() - t0) / 1000;
  const warm = o.warmup ?? 200;
  for (let t = 0; t < warm; t += chunk) { sim.run(chunk); o.onProgress?.(`warm-up ${t + chunk}/${warm} ticks`); }
  const before = sim.stats();
  const start = performance.now();
  let ticks = 0;
  const stats = await new Promise<Benchmark.Stats>((resolve) => {
    const b = new Benchmark(`tn-${o.backend}`, () => { sim.run(chunk); ticks += chunk; }, {
      minSamples: 3, initCount: 1, maxTime: Math.max(0.5, (o.ticks / 1000) * 0.5), minTime: 0,
      onCycle: () => o.onProgress?.(`${o.backend}: ${ticks} ticks, ${((performance.now() - start) / 1000).toFixed(1)} s`),
      onComplete: () => resolve(b.stats),
    });
    b.run();
  });
  // then exactly the requested number of ticks, timed as one block of chunked calls
  const mid = sim.stats();
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let t = 0; t < o.ticks; t += chunk) sim.run(Math.min(chunk, o.ticks - t));
  const wall = (performance.now() - t1) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const after = sim.stats();
  sim.free();
  void before;
  const result: TnBenchResult = {
    backend: o.backend, cores: net.cols * net.rows, neurons, ticks: o.ticks, wall_s: wall, ticks_per_s: o.ticks / wall,
    neuron_updates_per_s: (neurons * o.ticks) / wall, synaptic_events_per_s: (after.synapticEvents - mid.synapticEvents) / wall,
    mean_rate_hz: ((after.spikes - mid.spikes) / neurons / o.ticks) * 1000, connected_axons_per_neuron: 128,
    rme_percent: stats.rme, build_s: buildS, cpu_s: cpuS, ticks_per_cpu_s: o.ticks / cpuS, load_avg: loadavg()[0],
  };
  if (o.record ?? true) appendResult('tn', { ...result, chunk_ticks: chunk, benchmark_mean_s_per_chunk: stats.mean, machine: machine() });
  return result;
}

export interface TnRoundsResult {
  cores: number; ticks: number; rounds: number; runs: TnBenchResult[];
  /** Per backend, the median over the rounds of wall-clock and CPU-time ticks/s. */
  median: Partial<Record<BackendName, { ticks_per_s: number; ticks_per_cpu_s: number; neuron_updates_per_s: number; synaptic_events_per_s: number }>>;
  /** Ratios of the wall-clock medians, all measured in this one process. */
  ratios: Record<string, number>;
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

/**
 * Several backends in one process, alternating round by round (native, wasm, as, native, …) so that a
 * change in machine load hits every backend alike; medians per backend and their ratios.
 */
export async function benchTnRounds(o: Omit<TnBenchOptions, 'backend'> & { backends: BackendName[]; rounds: number }): Promise<TnRoundsResult> {
  const runs: TnBenchResult[] = [];
  for (let r = 0; r < o.rounds; r++) {
    for (const backend of o.backends) {
      runs.push(await benchTn({ ...o, backend, onProgress: (m) => o.onProgress?.(`round ${r + 1}/${o.rounds}, ${m}`) }));
    }
  }
  const med: TnRoundsResult['median'] = {};
  for (const b of o.backends) {
    const mine = runs.filter((x) => x.backend === b);
    med[b] = {
      ticks_per_s: median(mine.map((x) => x.ticks_per_s)), ticks_per_cpu_s: median(mine.map((x) => x.ticks_per_cpu_s)),
      neuron_updates_per_s: median(mine.map((x) => x.neuron_updates_per_s)), synaptic_events_per_s: median(mine.map((x) => x.synaptic_events_per_s)),
    };
  }
  const ratios: Record<string, number> = {};
  for (const [i, a] of o.backends.entries()) {
    for (const b of o.backends.slice(i + 1)) ratios[`${a}_over_${b}`] = med[a]!.ticks_per_s / med[b]!.ticks_per_s;
  }
  return { cores: runs[0].cores, ticks: o.ticks, rounds: o.rounds, runs, median: med, ratios };
}
