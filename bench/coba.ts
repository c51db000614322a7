// COBA / COBAHH benchmark: swta on a backend (and, when installed, Brian2 C++ standalone in the same
// run), reported as one JSON record and appended to bench/results/coba.jsonl.
import Benchmark from 'benchmark';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Network } from '../ts/sim/network.js';
import { cobaHHNetwork, cobaNetwork } from '../ts/circuit/coba.js';
import type { BackendName } from '../ts/backend/engine.js';
import { appendResult, machine } from './machine.js';

export interface CobaBenchOptions { model: 'coba' | 'cobahh'; backend: BackendName; precision: 'f32' | 'f64'; duration_s: number; brian2: boolean; onProgress?: (msg: string) => void }

export interface CobaBenchResult {
  backend: BackendName; precision: string; model: string; neurons: number; synapses: number; simulated_s: number; wall_s: number;
  wall_per_simulated_s: number; rme_percent: number; build_ms: number; spikes: number; mean_rate_hz: number;
  brian2?: { wall_s: number; wall_per_simulated_s: number; build_s: number; mean_rate_hz: number; version: string } | { error: string };
  speedup_vs_brian2?: number;
}

const CHUNK_MS = 100;

export async function benchCoba(o: CobaBenchOptions): Promise<CobaBenchResult> {
  const spec = (o.model === 'coba' ? cobaNetwork : cobaHHNetwork)({ precision: o.precision, monitor: false });
  const net = await Network.create(spec, { backend: o.backend });
  const buildMs = net.buildMs;
  // Warm-up: V8 tiers wasm up only between calls (TOOLCHAIN §14), so never time the first calls.
  net.run(300, { chunk_ms: CHUNK_MS });
  const before = net.info();
  const t0 = performance.now();
  const stats = await new Promise<Benchmark.Stats>((resolve) => {
    const b = new Benchmark(`${o.model}-${o.backend}`, () => net.run(CHUNK_MS), {
      minSamples: 5, maxTime: Math.max(1, o.duration_s * 0.3), initCount: 1,
      onCycle: () => o.onProgress?.(`${o.model} ${o.backend}: ${((performance.now() - t0) / 1000).toFixed(1)} s`),
      onComplete: () => resolve(b.stats),
    });
    b.run();
  });
  const after = net.info();
  const wall = (performance.now() - t0) / 1000;
  const simulated = (after.t_ms - before.t_ms) / 1000;
  const spikes = Object.values(after.spikeCounts).reduce((a, b) => a + b, 0) - Object.values(before.spikeCounts).reduce((a, b) => a + b, 0);
  net.free();
  const result: CobaBenchResult = {
    backend: o.backend, precision: o.precision, model: o.model, neurons: after.neurons, synapses: after.synapses,
    simulated_s: simulated, wall_s: wall, wall_per_simulated_s: stats.mean / (CHUNK_MS / 1000), rme_percent: stats.rme,
    build_ms: buildMs, spikes, mean_rate_hz: spikes / after.neurons / simulated,
  };
  if (o.brian2) {
    o.onProgress?.('Brian2 cpp_standalone (first build compiles C++, ~20 s)');
    result.brian2 = runBrian2(o.model, o.duration_s, o.precision);
    if ('wall_s' in result.brian2) result.speedup_vs_brian2 = result.brian2.wall_per_simulated_s / result.wall_per_simulated_s;
  }
  appendResult('coba', { ...result, machine: machine() });
  return result;
}

export function brian2Available(): boolean {
  return existsSync('/usr/bin/python3') && spawnSync('/usr/bin/python3', ['-c', 'import brian2'], { stdio: 'ignore' }).status === 0;
}

function runBrian2(model: string, duration_s: number, precision: string) {
  if (!brian2Available()) return { error: 'Brian2 not installed (apt-get install python3-brian; run with /usr/bin/python3)' };
  const script = fileURLToPath(new URL('./brian2_coba.py', import.meta.url));
  const r = spawnSync('/usr/bin/python3', ['-W', 'ignore', script, model, String(duration_s), precision], { encoding: 'utf8', timeout: 600_000 });
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    const j = JSON.parse(line);
    return { wall_s: j.wall_s, wall_per_simulated_s: j.wall_s / duration_s, build_s: j.build_s, mean_rate_hz: j.mean_rate_hz, version: j.version };
  } catch {
    return { error: `Brian2 run failed: ${(r.stderr ?? '').split('\n').slice(-3).join(' ')}` };
  }
}
