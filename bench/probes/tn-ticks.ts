// Probe for docs/truenorth.md §1.3 (not part of the build): run the `bench tn` network for N ticks on a
// given swta.wasm, nothing else, so that tn-instructions.sh can count the instructions of N ticks.
// npx tsx bench/probes/tn-ticks.ts <swta.wasm> <cores> <ticks>
import { readFileSync } from 'node:fs';
import { loadWasm } from '../../ts/abi/wasm.js';
import { Engine } from '../../ts/backend/engine.js';
import { TrueNorthSim } from '../../ts/truenorth/index.js';
import { setStartPotentials, tnBenchNetwork } from '../tn.js';

const [wasm, cores, ticks] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const l = await loadWasm(new Uint8Array(readFileSync(wasm)));
const net = tnBenchNetwork(cores);
const sim = TrueNorthSim.compile(new Engine('wasm', l.exports, l.memory), net, { record: 'none', chunk: 50 });
setStartPotentials(sim, net);
const t0 = performance.now();
for (let t = 0; t < ticks; t += 50) sim.run(Math.min(50, ticks - t));
console.log(JSON.stringify({ wasm, cores, ticks, ms: performance.now() - t0, spikes: sim.stats().spikes }));
