// Port of crates/swta-core/src/truenorth/chip.rs + core.rs + scheduler.rs + crossbar.rs: the grid of
// cores, setters (checked; status codes as in Rust), inputs, the tick loop and spike records.
import { fail } from '../mem';
import { Config, ALL_FLAGS } from './config';
import { coreKey, tickKey } from './prng';
import { checkFields, decodeType, quietWithoutInput, stochSyn, T_SIZE, T_STOCH, T_V0, T_W, TYPE_FIELDS, update, fired, tget, badField, badValue, T_CL, T_MASK, T_SL, T_LAMBDA, T_EPS, T_ALPHA, T_BETA, T_R, T_GAMMA, T_KAPPA } from './neuron';

export const N: i32 = 256;
export const DISABLED: u16 = 0xffff;
export const DEST_NONE: i32 = -1;
export const DEST_OUTPUT: i32 = -2;
export const MAX_SIDE: u32 = 256;
export const MAX_CORES: u32 = 4 * 4096;
export const MAX_TYPES: u32 = 65535;
export const MAX_RECORDS: i32 = 1 << 23;
export const MAX_INPUTS: i32 = 1 << 24;
const KIND_EMPTY: i32 = -2;
const KIND_MIXED: i32 = -1;
export const E_INVALID: i32 = 1;
export const E_NOT_FOUND: i32 = 2;
export const E_BUDGET: i32 = 3;
export const E_STATE: i32 = 4;

function zalloc(bytes: usize): usize {
  const p = heap.alloc(bytes);
  memory.fill(p, 0, bytes);
  return p;
}

function nf(c: i32, j: i32, f: string): string {
  return 'cores[' + c.toString() + '].neurons[' + j.toString() + '].' + f;
}

export class Chip {
  cols: u32; rows: u32; n: i32;
  cfg: Config = new Config();
  types: usize = 0; nTypes: i32 = 0;
  v: usize; ntype: usize; destCore: usize; destAxon: usize; destDelay: usize;
  xbar: usize; atype: usize; sched: usize; keys: usize;
  kind: usize; quiet: usize; settled: usize; acc: usize;
  tick: u64 = 0;
  inputs: usize = 0; inCap: i32 = 0; inLen: i32 = 0; inNext: i32 = 0;
  recordMode: u32 = 2; records: usize = 0; recLen: i32 = 0; recCap: i32 = 0;
  dropped: u64 = 0; spikes: u64 = 0; sops: u64 = 0;

  constructor(cols: u32, rows: u32) {
    this.cols = cols; this.rows = rows;
    const n = <i32>(cols * rows);
    this.n = n;
    const nn = <usize>(n * N);
    this.v = zalloc(nn << 2);
    this.ntype = heap.alloc(nn << 1);
    memory.fill(this.ntype, 0xff, nn << 1);
    this.destCore = heap.alloc(nn << 2);
    memory.fill(this.destCore, 0xff, nn << 2);
    this.destAxon = zalloc(nn);
    this.destDelay = heap.alloc(nn);
    memory.fill(this.destDelay, 1, nn);
    this.xbar = zalloc(nn << 5);
    this.atype = zalloc(nn);
    this.sched = zalloc(<usize>n << 9);
    this.keys = zalloc(<usize>n << 2);
    this.kind = heap.alloc(<usize>n << 2);
    memory.fill(this.kind, 0xfe, <usize>n << 2); // -2 = empty in every byte pattern 0xfefefefe? set below
    this.quiet = zalloc(<usize>n);
    this.settled = zalloc(<usize>n);
    this.acc = zalloc(<usize>N << 2);
    for (let c = 0; c < n; c++) {
      store<u32>(this.keys + (<usize>c << 2), coreKey(0, <u32>c));
      store<i32>(this.kind + (<usize>c << 2), KIND_EMPTY);
      store<u8>(this.quiet + <usize>c, 1);
    }
  }

  release(): void {
    heap.free(this.v); heap.free(this.ntype); heap.free(this.destCore); heap.free(this.destAxon); heap.free(this.destDelay);
    heap.free(this.xbar); heap.free(this.atype); heap.free(this.sched); heap.free(this.keys); heap.free(this.kind);
    heap.free(this.quiet); heap.free(this.settled); heap.free(this.acc);
    if (this.types) heap.free(this.types);
    if (this.inputs) heap.free(this.inputs);
    if (this.records) heap.free(this.records);
  }

  checkCore(core: u32): i32 {
    if (core >= <u32>this.n) return fail(E_NOT_FOUND, 'core', 'core ' + core.toString() + ' is outside the grid of ' + this.n.toString() + ' cores');
    return 0;
  }

  setTypes(src: usize, n: u32): i32 {
    if (n > MAX_TYPES) return fail(E_INVALID, 'types', 'at most 65535 types');
    for (let i: u32 = 0; i < n; i++) {
      if (checkFields(src + <usize>(i * <u32>TYPE_FIELDS * 4)) >= 0) return fail(E_INVALID, 'types[' + i.toString() + '].' + badField, 'out of range: ' + badValue.toString());
    }
    const nn = this.n * N;
    for (let k = 0; k < nn; k++) {
      const t = load<u16>(this.ntype + (<usize>k << 1));
      if (t != DISABLED && <u32>t >= n) return fail(E_STATE, nf(k / N, k % N, 'type'), 'uses type ' + t.toString() + ' but the new table has ' + n.toString() + ' types');
    }
    if (this.types) heap.free(this.types);
    this.types = zalloc(<usize>(n * <u32>T_SIZE) << 2 | 4);
    for (let i: u32 = 0; i < n; i++) decodeType(src + <usize>(i * <u32>TYPE_FIELDS * 4), this.typeAt(<i32>i));
    this.nTypes = <i32>n;
    for (let c = 0; c < this.n; c++) this.refreshMeta(c);
    return 0;
  }

  // @ts-ignore: decorator
  @inline typeAt(t: i32): usize {
    return this.types + (<usize>(t * T_SIZE) << 2);
  }

  setConfig(flags: u32, width: u32): i32 {
    if ((flags & ~ALL_FLAGS) != 0) return fail(E_INVALID, 'config.flags', 'unknown switch bits');
    if (width < 2 || width > 32) return fail(E_INVALID, 'config.width', 'must be in 2..32 bits, got ' + width.toString());
    this.cfg.set(flags, width);
    return 0;
  }

  setCore(core: u32, seed: u32, at: usize, atLen: u32, xb: usize, xbLen: u32): i32 {
    if (this.checkCore(core)) return E_NOT_FOUND;
    const c = <i32>core;
    if (atLen != <u32>N || xbLen != <u32>(N * 8)) return fail(E_INVALID, 'cores[' + c.toString() + ']', 'need 256 axon types and 2048 crossbar words');
    for (let i = 0; i < N; i++) {
      const g = load<u8>(at + <usize>i);
      if (g > 3) return fail(E_INVALID, 'cores[' + c.toString() + '].axons[' + i.toString() + '].type', 'must be 0..3, got ' + g.toString());
    }
    store<u32>(this.keys + (<usize>c << 2), coreKey(seed, core));
    memory.copy(this.atype + <usize>(c * N), at, <usize>N);
    memory.copy(this.xbar + (<usize>(c * N) << 5), xb, <usize>N << 5);
    store<u8>(this.settled + <usize>c, 0);
    return 0;
  }

  /** Resolve one destination into (core, axon, delay) globals; returns a status. */
  resolveDest(c: i32, j: i32, d: usize): i32 {
    const dx = load<i32>(d), dy = load<i32>(d + 4), axon = load<i32>(d + 8), delay = load<i32>(d + 12);
    if (axon == -1) { rc = DEST_NONE; ra = 0; rd = 1; return 0; }
    if (delay < 1 || delay > 15) return fail(E_INVALID, nf(c, j, 'delay'), 'must be in 1..15 ticks, got ' + delay.toString());
    if (axon == -2) { rc = DEST_OUTPUT; ra = 0; rd = <u8>delay; return 0; }
    if (axon < 0 || axon > 255) return fail(E_INVALID, nf(c, j, 'axon'), 'must be 0..255, -1 (none) or -2 (output), got ' + axon.toString());
    if (dx < -256 || dx > 255 || dy < -256 || dy > 255) return fail(E_INVALID, nf(c, j, 'dx'), 'offsets must fit 9 bits (-256..255)');
    const x = <i32>(<u32>c % this.cols) + dx;
    const y = <i32>(<u32>c / this.cols) + dy;
    ra = <u8>axon; rd = <u8>delay;
    rc = x < 0 || y < 0 || x >= <i32>this.cols || y >= <i32>this.rows ? DEST_OUTPUT : y * <i32>this.cols + x;
    return 0;
  }

  setNeurons(core: u32, types: usize, tLen: u32, dest: usize, dLen: u32): i32 {
    if (this.checkCore(core)) return E_NOT_FOUND;
    const c = <i32>core;
    if (tLen != <u32>N || dLen != <u32>(N * 4)) return fail(E_INVALID, 'cores[' + c.toString() + ']', 'need 256 types and 1024 destination fields');
    for (let j = 0; j < N; j++) {
      const t = load<i32>(types + (<usize>j << 2));
      if (t < -1 || t >= this.nTypes) return fail(E_INVALID, nf(c, j, 'type'), 'must be -1 (none) or 0..' + (this.nTypes - 1).toString() + ', got ' + t.toString());
      const s = this.resolveDest(c, j, dest + (<usize>j << 4));
      if (s) return s;
    }
    for (let j = 0; j < N; j++) {
      const t = load<i32>(types + (<usize>j << 2));
      this.resolveDest(c, j, dest + (<usize>j << 4));
      const k = <usize>(c * N + j);
      store<u16>(this.ntype + (k << 1), t < 0 ? DISABLED : <u16>t);
      store<i32>(this.v + (k << 2), t < 0 ? 0 : tget(this.typeAt(t), T_V0));
      store<i32>(this.destCore + (k << 2), rc);
      store<u8>(this.destAxon + k, ra);
      store<u8>(this.destDelay + k, rd);
    }
    this.refreshMeta(c);
    return 0;
  }

  refreshMeta(c: i32): void {
    const base = this.ntype + (<usize>(c * N) << 1);
    const first = load<u16>(base);
    let same = true, quiet = true, empty = true;
    for (let j = 0; j < N; j++) {
      const t = load<u16>(base + (<usize>j << 1));
      if (t != first) same = false;
      if (t != DISABLED) {
        empty = false;
        if (<i32>t < this.nTypes && !quietWithoutInput(this.typeAt(<i32>t))) quiet = false;
      }
    }
    let kind = KIND_MIXED;
    if (empty) kind = KIND_EMPTY;
    else if (same && <i32>first < this.nTypes && tget(this.typeAt(<i32>first), T_STOCH) == 0) kind = <i32>first;
    store<i32>(this.kind + (<usize>c << 2), kind);
    store<u8>(this.quiet + <usize>c, quiet ? 1 : 0);
    store<u8>(this.settled + <usize>c, 0);
  }

  setPotentials(core: u32, v: usize, len: u32): i32 {
    if (this.checkCore(core)) return E_NOT_FOUND;
    if (len != <u32>N) return fail(E_INVALID, 'cores[' + core.toString() + '].potentials', 'need 256 values, got ' + len.toString());
    memory.copy(this.v + (<usize>(core * <u32>N) << 2), v, <usize>N << 2);
    store<u8>(this.settled + <usize>core, 0);
    return 0;
  }

  potentials(core: u32, out: usize, len: u32): i32 {
    if (this.checkCore(core)) return E_NOT_FOUND;
    if (len != <u32>N) return fail(E_INVALID, 'out', 'need room for 256 potentials, got ' + len.toString());
    memory.copy(out, this.v + (<usize>(core * <u32>N) << 2), <usize>N << 2);
    return 0;
  }

  crossbar(core: u32, out: usize): i32 {
    if (this.checkCore(core)) return E_NOT_FOUND;
    memory.copy(out, this.xbar + (<usize>(core * <u32>N) << 5), <usize>N << 5);
    return 0;
  }

  inject(p: usize, len: u32): i32 {
    if (len % 3 != 0) return fail(E_INVALID, 'inputs', 'length must be a multiple of 3 (tick, core, axon), got ' + len.toString());
    const m = <i32>(len / 3);
    if (this.inLen - this.inNext + m > MAX_INPUTS) return fail(E_BUDGET, 'inputs', 'too many pending input spikes');
    for (let k = 0; k < m; k++) {
      const q = p + (<usize>(3 * k) << 2);
      const t = load<i32>(q), c = load<i32>(q + 4), a = load<i32>(q + 8);
      if (t < 0 || <u64>t < this.tick) return fail(E_INVALID, 'inputs[' + k.toString() + '].tick', 'tick ' + t.toString() + ' is before the current tick ' + this.tick.toString());
      if (c < 0 || c >= this.n) return fail(E_INVALID, 'inputs[' + k.toString() + '].core', 'must be 0..' + (this.n - 1).toString() + ', got ' + c.toString());
      if (a < 0 || a > 255) return fail(E_INVALID, 'inputs[' + k.toString() + '].axon', 'must be 0..255, got ' + a.toString());
    }
    const live = this.inLen - this.inNext;
    const need = live + m;
    if (need > this.inCap) {
      const cap = max(need, this.inCap * 2);
      const buf = heap.alloc(<usize>cap << 3);
      if (live > 0) memory.copy(buf, this.inputs + (<usize>this.inNext << 3), <usize>live << 3);
      if (this.inputs) heap.free(this.inputs);
      this.inputs = buf; this.inCap = cap;
    } else if (this.inNext > 0 && live > 0) memory.copy(this.inputs, this.inputs + (<usize>this.inNext << 3), <usize>live << 3);
    this.inNext = 0;
    for (let k = 0; k < m; k++) {
      const q = p + (<usize>(3 * k) << 2);
      const key = (<u64>load<i32>(q) << 24) | (<u64>load<i32>(q + 4) << 8) | <u64>load<i32>(q + 8);
      store<u64>(this.inputs + (<usize>(live + k) << 3), key);
    }
    this.inLen = need;
    heapsort(this.inputs, need);
    return 0;
  }

  run(ticks: u32): void {
    this.recLen = 0;
    for (let s: u32 = 0; s < ticks; s++) {
      const t = this.tick;
      while (this.inNext < this.inLen) {
        const key = load<u64>(this.inputs + (<usize>this.inNext << 3));
        if ((key >> 24) != t) break;
        const c = <i32>((key >> 8) & 0xffff);
        schedSet(this.sched, c, t, <i32>(key & 0xff));
        store<u8>(this.settled + <usize>c, 0);
        this.inNext++;
      }
      for (let c = 0; c < this.n; c++) this.stepCore(c, t);
      this.tick = t + 1;
    }
  }

  stepCore(c: i32, t: u64): void {
    const slot = this.sched + ((<usize>c << 9) | (<usize>(t & 15) << 5));
    const a0 = load<u64>(slot), a1 = load<u64>(slot, 8), a2 = load<u64>(slot, 16), a3 = load<u64>(slot, 24);
    memory.fill(slot, 0, 32);
    const active = (a0 | a1 | a2 | a3) != 0;
    const kind = load<i32>(this.kind + (<usize>c << 2));
    if (kind == KIND_EMPTY || (!active && load<u8>(this.quiet + <usize>c) != 0 && load<u8>(this.settled + <usize>c) != 0)) return;
    const key = tickKey(load<u32>(this.keys + (<usize>c << 2)), t);
    if (active) {
      this.integrateWord(c, 0, a0, key, kind);
      this.integrateWord(c, 1, a1, key, kind);
      this.integrateWord(c, 2, a2, key, kind);
      this.integrateWord(c, 3, a3, key, kind);
    }
    const changed = this.pass(c, t, key);
    store<u8>(this.settled + <usize>c, !active && !changed ? 1 : 0);
  }

  integrateWord(c: i32, w: i32, word: u64, key: u32, kind: i32): void {
    let bits = word;
    while (bits != 0) {
      const i = w * 64 + <i32>ctz<u64>(bits);
      bits &= bits - 1;
      const g = <i32>(load<u8>(this.atype + <usize>(c * N + i)) & 3);
      const row = this.xbar + (<usize>(c * N + i) << 5);
      this.sops += popcnt<u64>(load<u64>(row)) + popcnt<u64>(load<u64>(row, 8)) + popcnt<u64>(load<u64>(row, 16)) + popcnt<u64>(load<u64>(row, 24));
      for (let q = 0; q < 4; q++) {
        if (kind >= 0) addRow(this.acc, load<u64>(row + (<usize>q << 3)), q, tget(this.typeAt(kind), T_W + g));
        else this.addRowMixed(c, load<u64>(row + (<usize>q << 3)), q, g, <u32>i, key);
      }
    }
  }

  addRowMixed(c: i32, word: u64, q: i32, g: i32, axon: u32, key: u32): void {
    let bits = word;
    while (bits != 0) {
      const j = (q * 64 + <i32>ctz<u64>(bits)) & 255;
      bits &= bits - 1;
      const nt = load<u16>(this.ntype + (<usize>(c * N + j) << 1));
      if (nt == DISABLED) continue;
      const ty = this.typeAt(<i32>nt);
      const p = this.acc + (<usize>j << 2);
      store<i32>(p, load<i32>(p) + (((tget(ty, T_STOCH) >> g) & 1) == 1 ? stochSyn(ty, g, this.cfg, key, <u32>j, axon) : tget(ty, T_W + g)));
    }
  }

  pass(c: i32, t: u64, key: u32): bool {
    const kind = load<i32>(this.kind + (<usize>c << 2));
    if (kind >= 0) {
      const ty = this.typeAt(kind);
      if (tget(ty, T_CL) == 0 && tget(ty, T_MASK) == 0 && !this.cfg.wrap && this.cfg.shift == 0) return this.passUniform(c, t, ty);
    }
    let changed = false;
    const cfg = this.cfg;
    for (let j = 0; j < N; j++) {
      const k = <usize>(c * N + j);
      const nt = load<u16>(this.ntype + (k << 1));
      const ap = this.acc + (<usize>j << 2);
      if (nt == DISABLED) { store<i32>(ap, 0); continue; }
      const old = load<i32>(this.v + (k << 2));
      const nv = update(old, load<i32>(ap), this.typeAt(<i32>nt), cfg, key, <u32>j);
      store<i32>(ap, 0);
      store<i32>(this.v + (k << 2), nv);
      if (nv != old) changed = true;
      if (fired) { changed = true; this.fire(c, j, t); }
    }
    return changed;
  }

  /** Port of fast.rs: one deterministic type, M = 0, 32-bit saturation; constants hoisted. */
  passUniform(c: i32, t: u64, ty: usize): bool {
    const cfg = this.cfg;
    const leak = tget(ty, T_SL) * tget(ty, T_LAMBDA);
    const eps = tget(ty, T_EPS) != 0;
    const alpha = tget(ty, T_ALPHA), beta = tget(ty, T_BETA), r = tget(ty, T_R);
    const fireAt = alpha + (cfg.posGt ? 1 : 0);
    const negBelow = -beta + (cfg.negLe ? 1 : 0);
    const gamma = tget(ty, T_GAMMA);
    const kappa = tget(ty, T_KAPPA) != 0;
    const ringing = cfg.ringing;
    let changed = false;
    for (let j = 0; j < N; j++) {
      const vp = this.v + (<usize>(c * N + j) << 2);
      const ap = this.acc + (<usize>j << 2);
      const old = load<i32>(vp);
      let v = sat(old, load<i32>(ap));
      if (eps) {
        const before = sgn32(v);
        v = sat(v, leak * before);
        if (ringing && sgn32(v) != before) v = 0;
      } else v = sat(v, leak);
      const f = v >= fireAt;
      if (f) {
        if (gamma == 0) v = r;
        else if (gamma == 1) v = v - alpha;
      } else if (v < negBelow) {
        if (kappa) v = -beta;
        else if (gamma == 0) v = -r;
        else if (gamma == 1) v = v + beta;
      }
      store<i32>(ap, 0);
      store<i32>(vp, v);
      if (v != old) changed = true;
      if (f) { changed = true; this.fire(c, j, t); }
    }
    return changed;
  }

  fire(c: i32, j: i32, t: u64): void {
    const k = <usize>(c * N + j);
    const dc = load<i32>(this.destCore + (k << 2));
    this.spikes++;
    if (this.recordMode == 2 || (this.recordMode == 1 && dc == DEST_OUTPUT)) this.record(t, c, j);
    if (dc >= 0) schedSet(this.sched, dc, t + <u64>load<u8>(this.destDelay + k), <i32>load<u8>(this.destAxon + k));
  }

  record(t: u64, c: i32, j: i32): void {
    if (this.recLen >= MAX_RECORDS * 3) { this.dropped++; return; }
    if (this.recLen + 3 > this.recCap) {
      const cap = max(this.recCap * 2, 3072);
      const buf = heap.alloc(<usize>cap << 2);
      if (this.recLen > 0) memory.copy(buf, this.records, <usize>this.recLen << 2);
      if (this.records) heap.free(this.records);
      this.records = buf; this.recCap = cap;
    }
    const p = this.records + (<usize>this.recLen << 2);
    store<i32>(p, <i32>t); store<i32>(p, c, 4); store<i32>(p, j, 8);
    this.recLen += 3;
  }
}

let rc: i32 = 0;
let ra: u8 = 0;
let rd: u8 = 1;

// @ts-ignore: decorator
@inline function schedSet(sched: usize, core: i32, tick: u64, axon: i32): void {
  const p = sched + ((<usize>core << 9) | (<usize>(tick & 15) << 5) | (<usize>(axon >> 6) << 3));
  store<u64>(p, load<u64>(p) | (<u64>1 << <u64>(axon & 63)));
}

function addRow(acc: usize, word: u64, q: i32, wt: i32): void {
  let bits = word;
  while (bits != 0) {
    const j = (q * 64 + <i32>ctz<u64>(bits)) & 255;
    bits &= bits - 1;
    const p = acc + (<usize>j << 2);
    store<i32>(p, load<i32>(p) + wt);
  }
}

/** In-place heapsort of `n` u64 keys (order within equal ticks is irrelevant: OR-merge). */
function heapsort(a: usize, n: i32): void {
  for (let i = n / 2 - 1; i >= 0; i--) sift(a, i, n);
  for (let end = n - 1; end > 0; end--) {
    const t = load<u64>(a); store<u64>(a, load<u64>(a + (<usize>end << 3))); store<u64>(a + (<usize>end << 3), t);
    sift(a, 0, end);
  }
}

function sift(a: usize, i: i32, n: i32): void {
  for (;;) {
    let m = i;
    const l = 2 * i + 1, r = l + 1;
    if (l < n && load<u64>(a + (<usize>l << 3)) > load<u64>(a + (<usize>m << 3))) m = l;
    if (r < n && load<u64>(a + (<usize>r << 3)) > load<u64>(a + (<usize>m << 3))) m = r;
    if (m == i) return;
    const t = load<u64>(a + (<usize>i << 3)); store<u64>(a + (<usize>i << 3), load<u64>(a + (<usize>m << 3))); store<u64>(a + (<usize>m << 3), t);
    i = m;
  }
}

// @ts-ignore: decorator
@inline function sat(a: i32, b: i32): i32 {
  const s = a + b;
  return ((a ^ s) & (b ^ s)) < 0 ? (a >> 31) ^ 0x7fffffff : s;
}

// @ts-ignore: decorator
@inline function sgn32(v: i32): i32 {
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}
