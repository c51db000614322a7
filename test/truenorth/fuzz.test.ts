// Seeded fuzzing: the model-file and spike-file parsers never crash (only SwtaError, naming a line or
// field), and every swta_tn_* export answers junk with a status code, never a trap.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SwtaError } from '../../ts/abi/errors.js';
import { engine } from '../../ts/backend/registry.js';
import { fromJson, readModelFile, readSfti, readSpikeText, toJson, TrueNorthSim, writeModelFile, writeSfti } from '../../ts/truenorth/index.js';
import { TN_BACKENDS } from './helpers.js';
import { mulberry32, randomNet } from './random-net.js';

const fixture = readFileSync(new URL('../fixtures/tn_t10.model', import.meta.url), 'utf8');
const JUNK = ['{', '}', '[', ']', ',', ':', '"', '/*', '//', '\n', '-', '0x', 'x', ':', '1e9', 'null', 'true', '"S9"', '"0x300"', '-1', '99999999999', '\\'];

function mutate(text: string, r: () => number): string {
  let s = text;
  const n = 1 + Math.floor(r() * 4);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(r() * s.length);
    const op = Math.floor(r() * 4);
    if (op === 0) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 20));
    else if (op === 1) s = s.slice(0, at) + JUNK[Math.floor(r() * JUNK.length)] + s.slice(at);
    else if (op === 2) s = s.slice(0, at);
    else s = s.slice(0, at) + String.fromCharCode(32 + Math.floor(r() * 95)) + s.slice(at + 1);
  }
  return s;
}

/** f must return or throw a SwtaError whose field is non-empty. */
function survives(f: () => unknown): 'ok' | 'error' {
  try { f(); return 'ok'; } catch (e) {
    if (!(e instanceof SwtaError)) throw new Error(`not a SwtaError: ${(e as Error).stack}`);
    expect(e.field).not.toBe('');
    return 'error';
  }
}

describe('parser fuzzing (seeded)', () => {
  const small = writeModelFile(randomNet(5, { maxCores: 1 }).net);
  it('IBM-style model files: 400 mutants of two sources', () => {
    const r = mulberry32(42);
    const tally = { ok: 0, error: 0 };
    for (let k = 0; k < 400; k++) tally[survives(() => readModelFile(mutate(k % 2 ? fixture : small, r), { name: 'fuzz' }))]++;
    expect(tally.error).toBeGreaterThan(100);
  });

  it('mutants that parse either compile or fail with a field (native engine)', async () => {
    const e = await engine(TN_BACKENDS[0]);
    const r = mulberry32(7);
    for (let k = 0; k < 150; k++) {
      let net;
      try { net = readModelFile(mutate(fixture, r)); } catch { continue; }
      survives(() => TrueNorthSim.compile(e, net).free());
    }
    expect(e.fn('swta_tn_live')()).toBe(0);
  });

  it('JSON models and spike files', () => {
    const r = mulberry32(9);
    const json = toJson(randomNet(6, { maxCores: 1 }).net);
    const spikes = writeSfti(Int32Array.from([1, 0, 3, 2, 1, 4, 9, 0, 255]));
    for (let k = 0; k < 200; k++) {
      survives(() => fromJson(mutate(json, r)));
      survives(() => readSfti(mutate(spikes, r), 'fuzz.sfti'));
      survives(() => readSpikeText(mutate('# t,c,a\n1,0,3\n2,1,4\n', r), 'fuzz.txt'));
    }
  });
});

describe.each(TN_BACKENDS)('swta_tn_* exports answer junk with a status on %s', (backend) => {
  it('bad handles, null pointers, wrong lengths and values never trap', async () => {
    const e = await engine(backend);
    const x = (name: string, ...a: number[]) => (e.fn(name as never) as (...a: number[]) => number)(...a);
    const allocs = x('swta_live_allocs');
    const r = mulberry32(3);
    const out = e.alloc(256 * 1024); // room for the largest length the fuzzer passes (2048 types × 23 i32)
    expect(x('swta_tn_create', 0, 1, out.ptr)).toBe(1);
    expect(x('swta_tn_create', 300, 1, out.ptr)).toBe(1);
    expect(x('swta_tn_create', 1, 1, 0)).toBe(1);
    expect(x('swta_tn_create', 2, 1, out.ptr)).toBe(0);
    const h = e.mem.u32(out.ptr, 1)[0];
    for (const bad of [0, 12345, h + 65536, 0xffffffff]) {
      expect(x('swta_tn_run', bad, 1)).toBe(2);
      expect(x('swta_tn_free', bad)).toBe(2);
      expect(x('swta_tn_spikes_count', bad)).toBe(0);
    }
    const exports = ['swta_tn_config', 'swta_tn_record', 'swta_tn_set_types', 'swta_tn_set_core', 'swta_tn_set_neurons', 'swta_tn_set_potentials', 'swta_tn_potentials', 'swta_tn_crossbar', 'swta_tn_inject', 'swta_tn_run', 'swta_tn_stats'];
    for (let k = 0; k < 600; k++) {
      const name = exports[k % exports.length];
      const args = [h, Math.floor(r() * 4), Math.floor(r() * 3) === 0 ? 0 : out.ptr, [0, 1, 3, 23, 256, 2048, 1024][Math.floor(r() * 7)], out.ptr, [0, 8, 256, 1024, 2048][Math.floor(r() * 5)], 8];
      if (name === 'swta_tn_set_core') args.splice(2, 0, Math.floor(r() * 2 ** 32));
      e.mem.u8(out.ptr, 8192).forEach((_, i, a) => { a[i] = Math.floor(r() * 256); });
      const s = x(name, ...args.map((v) => v >>> 0));
      expect([0, 1, 2, 3, 4]).toContain(s);
    }
    // the instance still works afterwards
    expect(x('swta_tn_free', h)).toBe(0);
    expect(x('swta_tn_live')).toBe(0);
    e.release(out);
    expect(x('swta_live_allocs')).toBe(allocs);
  });

  it('errors come back as sentences naming the field', async () => {
    const e = await engine(backend);
    const b = { cols: 1, rows: 1, neuronTypes: [], cores: [] };
    const sim = TrueNorthSim.compile(e, b);
    expect(() => sim.inject([{ tick: 0, core: 3, axon: 0 }])).toThrow(/inputs\[0\]\.core/);
    expect(() => sim.potentials(9)).toThrow(/core/);
    sim.free();
    expect(() => sim.run(1)).toThrow(/freed/);
  });
});
