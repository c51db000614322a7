// Gain-matching benchmark: wall time of `gainMatch` for the default L2/3 preset (biophysical I–O of
// the 5 kinds, closed form, emulator search of 30 candidates per kind, validation, mapping) per
// backend; target < 30 s in WASM. Also times one working-memory trial per substrate (TN: plus the
// gain match of the WM spec).
// Run: npx tsx bench/gain.ts [native|wasm ...]
import { l23Module } from '../ts/circuit/l23.js';
import { gainMatch } from '../ts/gain/match.js';
import { Network } from '../ts/sim/network.js';
import { wmCircuit } from '../ts/gain/wmcircuit.js';
import { bioWmDriver, tnWmDriver, wmTrial } from '../ts/gain/wm.js';
import { tnWmModel, stateGroups } from '../ts/gain/wmtn.js';
import { TnRig } from '../ts/gain/tnrig.js';
import type { BackendName } from '../ts/backend/engine.js';
import { appendResult, machine } from './machine.js';

export async function benchGain(backend: BackendName, quick = false) {
  const t0 = performance.now();
  const m = await gainMatch(l23Module({ seed: 1 }).spec, { backend, seed: 1, quick });
  const wall = (performance.now() - t0) / 1000;
  const c = wmCircuit({ seed: 1 });
  const t1 = performance.now();
  const net = await Network.create(c.spec, { backend });
  const trial = wmTrial(bioWmDriver(net), c);
  net.free();
  const wm = (performance.now() - t1) / 1000;
  const simulated = trial.phases[trial.phases.length - 1].t1_ms / 1000;
  // One TN trial: gain match of the WM spec (quick), its TN model (docs/gain.md §5) and the protocol.
  const t2 = performance.now();
  const wmMatch = await gainMatch(c.spec, { backend, seed: 1, quick: true, merge: stateGroups(c) });
  const t3 = performance.now();
  const model = tnWmModel(c, wmMatch, undefined, 1);
  const tn = await TnRig.create(model, { backend, seed: 1 });
  const tnTrial = wmTrial(tnWmDriver(tn), c);
  tn.free();
  const t4 = performance.now();
  const r = {
    backend, quick, map_wall_s: wall, phases_s: m.timing_s, cores: m.model.stats.cores, synapses: m.model.stats.synapses,
    r2: Object.fromEntries(m.kinds.map((k) => [k.name, +k.r2.toFixed(4)])), wm_trial_wall_s: wm, wm_trial_simulated_s: simulated,
    wm_tn_match_wall_s: (t3 - t2) / 1000, wm_tn_trial_wall_s: (t4 - t3) / 1000, wm_tn_trial_success: tnTrial.success, wm_tn_cores: model.stats.cores,
  };
  appendResult('gain', { ...r, machine: machine() });
  return r;
}

const isMain = process.argv[1]?.endsWith('gain.ts');
if (isMain) {
  const backends = (process.argv.slice(2).length ? process.argv.slice(2) : ['native', 'wasm']) as BackendName[];
  for (const b of backends) console.log(JSON.stringify(await benchGain(b)));
}
