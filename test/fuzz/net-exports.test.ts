// Junk into every swta_net_* export never traps the wasm instance (out-of-range pointers, bad and
// freed handles, NaN/negative/huge numbers): each call returns a status, and the engine still works.
import { describe, expect, it } from 'vitest';
import { loadWasm } from '../../ts/abi/wasm.js';
import { Engine } from '../../ts/backend/engine.js';
import { Network } from '../../ts/sim/network.js';
import { l23Module } from '../../ts/circuit/l23.js';
import abi from '../../crates/swta-abi/abi.json' with { type: 'json' };

function mulberry(seed: number) {
  let s = seed >>> 0;
  return () => { let t = (s = (s + 0x6d2b79f5) >>> 0); t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

describe('fuzzing the network exports (fresh wasm instance)', () => {
  it('10,000 junk calls return statuses and leave a working engine', async () => {
    const l = await loadWasm();
    const e = new Engine('wasm', l.exports, l.memory);
    const x = l.exports as unknown as Record<string, (...a: number[]) => number>;
    const rnd = mulberry(42);
    // A real network to aim junk at, and a freed handle.
    const live = await Network.create(l23Module({ seed: 3 }).spec, { engine: e });
    const dead = await Network.create(l23Module({ seed: 4 }).spec, { engine: e });
    const deadHandle = (dead as unknown as { handle: number }).handle;
    dead.free();
    const liveHandle = (live as unknown as { handle: number }).handle;
    const scratch = e.alloc(4096);
    const memBytes = (l.exports as unknown as { memory: WebAssembly.Memory }).memory.buffer.byteLength;
    const values = [0, 1, 2, 3, 4, 5, 7, 64, 100, -1, 0xffffffff, 0x7fffffff, NaN, Infinity, -Infinity, 1e300, 0.5,
      scratch.ptr, scratch.ptr + 1, memBytes - 8, memBytes + 64, liveHandle, deadHandle, 12345];
    const fns = (abi as unknown as { name: string; params: [string, string][] }[]).filter((f) => f.name.startsWith('swta_net_') && f.name !== 'swta_net_free');
    // run with a huge step count is legal but slow (up to 10⁷ steps); keep its junk to small counts.
    const small = [0, 1, 7, 64, 100];
    let statuses = 0;
    for (let k = 0; k < 10_000; k++) {
      const f = fns[Math.floor(rnd() * fns.length)];
      const args = f.params.map(([name, t]) => {
        const v = f.name === 'swta_net_run' && name === 'steps' ? small[Math.floor(rnd() * small.length)] : values[Math.floor(rnd() * values.length)];
        return t === 'f64' || t === 'f32' ? v : Number.isFinite(v) ? v >>> 0 : 0;
      });
      const r = x[f.name](...args);
      if (typeof r === 'number' && r !== 0) statuses++;
    }
    expect(statuses).toBeGreaterThan(5000);
    expect(() => e.call('fuzz', 'swta_net_run', liveHandle, 0xffffffff)).toThrow(/at most 10000000 steps per call/);
    // Freed and invented handles are refused with a readable error.
    expect(() => e.call('fuzz', 'swta_net_run', deadHandle, 10)).toThrow(/no live network/);
    // The engine still builds and runs networks correctly afterwards.
    const check = await Network.create(l23Module({ seed: 3 }).spec, { engine: e });
    check.setParam('FF0', 'rate_Hz', 20);
    check.run(200);
    expect(check.info().spikeCounts.PYR0).toBeGreaterThan(0);
    check.free();
    live.free();
    e.release(scratch);
  }, 120_000);
});
