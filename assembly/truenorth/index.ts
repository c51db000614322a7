// TrueNorth exports of the edge build: same names and signatures as crates/swta-abi/src/tn.rs.
import { fail } from '../mem';
import { Chip, E_BUDGET, E_INVALID, E_NOT_FOUND, MAX_CORES, MAX_SIDE } from './chip';

const chips: Array<Chip | null> = [];
const gens: Array<u32> = [];
const freeSlots: Array<i32> = [];

function get(h: u32): Chip | null {
  const i = <i32>(h & 0xffff);
  if (i >= chips.length || gens[i] != h >> 16) return null;
  return chips[i];
}

function badHandle(): i32 {
  return fail(E_NOT_FOUND, 'handle', 'no live TrueNorth chip with this handle (freed or never created)');
}

export function swta_tn_create(cols: u32, rows: u32, out: usize): i32 {
  if (out == 0 || (out & 3) != 0) return fail(E_INVALID, 'out', 'null or misaligned pointer');
  if (cols == 0 || rows == 0 || cols > MAX_SIDE || rows > MAX_SIDE) return fail(E_INVALID, 'grid', 'cols and rows must be in 1..256');
  if (cols * rows > MAX_CORES) return fail(E_BUDGET, 'grid', 'too many cores');
  const chip = new Chip(cols, rows);
  let i: i32;
  if (freeSlots.length > 0) { i = freeSlots.pop(); chips[i] = chip; gens[i] = ((gens[i] + 1) & 0xffff) | 0; if (gens[i] == 0) gens[i] = 1; }
  else { if (chips.length >= 0xffff) return fail(E_BUDGET, 'handle', 'too many live chips'); i = chips.length; chips.push(chip); gens.push(1); }
  store<u32>(out, <u32>i | (gens[i] << 16));
  return 0;
}

export function swta_tn_free(h: u32): i32 {
  const c = get(h);
  if (c == null) return badHandle();
  c.release();
  const i = <i32>(h & 0xffff);
  chips[i] = null;
  freeSlots.push(i);
  return 0;
}

export function swta_tn_live(): u32 {
  let n: u32 = 0;
  for (let i = 0; i < chips.length; i++) if (chips[i] != null) n++;
  return n;
}

export function swta_tn_config(h: u32, flags: u32, width: u32): i32 {
  const c = get(h);
  return c == null ? badHandle() : c.setConfig(flags, width);
}

export function swta_tn_record(h: u32, mode: u32): i32 {
  const c = get(h);
  if (c == null) return badHandle();
  if (mode > 2) return fail(E_INVALID, 'record', 'mode must be 0 (none), 1 (outputs) or 2 (all), got ' + mode.toString());
  c.recordMode = mode;
  return 0;
}

function badPtr(p: usize, n: u32, field: string): bool {
  return n != 0 && (p == 0 || (p & 3) != 0);
}

export function swta_tn_set_types(h: u32, fields: usize, n: u32): i32 {
  if (badPtr(fields, n, 'types')) return fail(E_INVALID, 'types', 'null or misaligned pointer');
  const c = get(h);
  return c == null ? badHandle() : c.setTypes(fields, n);
}

export function swta_tn_set_core(h: u32, core: u32, seed: u32, atypes: usize, atLen: u32, xbar: usize, xbLen: u32): i32 {
  if (atLen != 0 && atypes == 0) return fail(E_INVALID, 'axonTypes', 'null or misaligned pointer');
  if (badPtr(xbar, xbLen, 'crossbar')) return fail(E_INVALID, 'crossbar', 'null or misaligned pointer');
  const c = get(h);
  return c == null ? badHandle() : c.setCore(core, seed, atypes, atLen, xbar, xbLen);
}

export function swta_tn_set_neurons(h: u32, core: u32, types: usize, tLen: u32, dest: usize, dLen: u32): i32 {
  if (badPtr(types, tLen, 'types')) return fail(E_INVALID, 'types', 'null or misaligned pointer');
  if (badPtr(dest, dLen, 'destinations')) return fail(E_INVALID, 'destinations', 'null or misaligned pointer');
  const c = get(h);
  return c == null ? badHandle() : c.setNeurons(core, types, tLen, dest, dLen);
}

export function swta_tn_set_potentials(h: u32, core: u32, v: usize, len: u32): i32 {
  if (badPtr(v, len, 'potentials')) return fail(E_INVALID, 'potentials', 'null or misaligned pointer');
  const c = get(h);
  return c == null ? badHandle() : c.setPotentials(core, v, len);
}

export function swta_tn_potentials(h: u32, core: u32, out: usize, len: u32): i32 {
  if (badPtr(out, len, 'out')) return fail(E_INVALID, 'out', 'null or misaligned pointer');
  const c = get(h);
  return c == null ? badHandle() : c.potentials(core, out, len);
}

export function swta_tn_crossbar(h: u32, core: u32, out: usize, len: u32): i32 {
  if (badPtr(out, len, 'out')) return fail(E_INVALID, 'out', 'null or misaligned pointer');
  if (len != 2048) return fail(E_INVALID, 'out', 'need room for 2048 words, got ' + len.toString());
  const c = get(h);
  return c == null ? badHandle() : c.crossbar(core, out);
}

export function swta_tn_inject(h: u32, p: usize, len: u32): i32 {
  if (badPtr(p, len, 'inputs')) return fail(E_INVALID, 'inputs', 'null or misaligned pointer');
  const c = get(h);
  return c == null ? badHandle() : c.inject(p, len);
}

export function swta_tn_run(h: u32, ticks: u32): i32 {
  const c = get(h);
  if (c == null) return badHandle();
  c.run(ticks);
  return 0;
}

export function swta_tn_spikes_ptr(h: u32): usize {
  const c = get(h);
  return c == null ? 0 : c.records;
}

export function swta_tn_spikes_count(h: u32): u32 {
  const c = get(h);
  return c == null ? 0 : <u32>(c.recLen / 3);
}

export function swta_tn_stats(h: u32, out: usize, len: u32): i32 {
  if (out == 0 || (out & 7) != 0) return fail(E_INVALID, 'out', 'null or misaligned pointer');
  if (len < 8) return fail(E_INVALID, 'out', 'need room for 8 values, got ' + len.toString());
  const c = get(h);
  if (c == null) return badHandle();
  store<f64>(out, <f64>c.tick); store<f64>(out, <f64>c.spikes, 8); store<f64>(out, <f64>c.sops, 16); store<f64>(out, <f64>c.dropped, 24);
  store<f64>(out, <f64>(c.inLen - c.inNext), 32); store<f64>(out, <f64>c.n, 40); store<f64>(out, <f64>c.nTypes, 48); store<f64>(out, <f64>c.recordMode, 56);
  return 0;
}
