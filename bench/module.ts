// L2/3 module benchmark: 10 s of biological time for one module (≈100 cells + Poisson drives), and a
// 100-point gain sweep (each point 200 ms settle + 300 ms window), per backend.
import { Rig } from '../ts/experiments/common.js';
import type { BackendName } from '../ts/backend/engine.js';
import { appendResult, machine } from './machine.js';

export interface ModuleBenchResult { backend: BackendName; cells: number; simulated_s: number; wall_s: number; wall_per_simulated_s: number; sweep_points: number; sweep_wall_s: number; build_ms: number }

export async function benchModule(backend: BackendName, sweepPoints = 100): Promise<ModuleBenchResult> {
  const rig = await Rig.create({ seed: 1, backend });
  const build_ms = rig.net.buildMs;
  rig.drive([20, 16]);
  rig.net.run(1000, { chunk_ms: 250 }); // warm-up (V8 tiers wasm up between calls)
  const t0 = performance.now();
  rig.net.run(10_000, { chunk_ms: 1000 });
  const wall = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  for (let k = 0; k < sweepPoints; k++) rig.drive([(40 * k) / (sweepPoints - 1), 0]).groupRates(300, 200);
  const sweep = (performance.now() - t1) / 1000;
  const cells = rig.m.spec.populations.filter((p) => p.model !== 'poisson').reduce((s, p) => s + p.n, 0);
  rig.free();
  const r = { backend, cells, simulated_s: 10, wall_s: wall, wall_per_simulated_s: wall / 10, sweep_points: sweepPoints, sweep_wall_s: sweep, build_ms };
  appendResult('module', { ...r, machine: machine() });
  return r;
}
