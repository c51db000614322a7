// The rate filter on one image: a line-for-line port of crates/swta-core/src/filter/{boxmean,rate}.rs.
// Every floating-point operation is f32 and happens in the same order as in Rust (+ − × ÷ and
// comparisons only), so the output is bit-identical to the native and wasm builds. (Rust runs four
// images interleaved and fuses the column pass with the update; that only regroups independent
// per-image / per-pixel work and changes no result.)
import { Params, MODE_RAW, MODE_NORM, MODE_NORM_PV, MODE_SELF_EXC, NORM_MIN_MAX } from './params';

@inline function ld(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }
@inline function st(p: usize, i: i32, v: f32): void { store<f32>(p + (<usize>i << 2), v); }

@inline function pos(v: f32): f32 { return v > 0 ? v : 0; }
@inline function clip01(v: f32): f32 { const p: f32 = v > 0 ? v : 0; return p < 1 ? p : 1; }

/** Workspace layout (f32 slots), as crates/swta-core/src/filter/work.rs. */
export class Work {
  x: usize = 0; ff: usize = 0; hsE: usize = 0; hsI: usize = 0; mE: usize = 0; mI: usize = 0; wE: usize = 0; wI: usize = 0; pre: usize = 0; acc: usize = 0; accI: usize = 0;
  /** Carve the buffer at `base` (reused object: the stub runtime never frees). */
  init(base: usize, h: i32, w: i32, big: i32): Work {
    const n = <usize>(h * w) << 2;
    this.x = base; this.ff = base + n; this.hsE = base + 2 * n; this.hsI = base + 3 * n; this.mE = base + 4 * n;
    this.mI = base + 5 * n; this.wE = base + 6 * n; this.wI = base + 7 * n; this.pre = base + 8 * n;
    this.acc = this.pre + (<usize>prefixLen(w, big) << 2); this.accI = this.acc + (<usize>w << 2);
    return this;
  }
}

export function prefixLen(w: i32, big: i32): i32 { return 4 * (w + 2 * big + 1); }

/** The Rust value (4 interleaved lanes: 4·(8hw + w + 2R + 1 + 2w)), so every backend reports the same
 * size; this scalar port uses the first 8hw + 4(w + 2R + 1) + 2w slots. */
export function workLen(h: i32, w: i32, big: i32): u64 {
  return 4 * (8 * <u64>h * <u64>w + <u64>(w + 2 * big + 1) + 2 * <u64>w);
}

function maxI(a: i32, b: i32): i32 { return a > b ? a : b; }
function minI(a: i32, b: i32): i32 { return a < b ? a : b; }

export function countWeights(h: i32, w: i32, r: i32, wt: usize): void {
  for (let i = 0; i < h; i++) {
    const rows = minI(i + r, h - 1) - maxI(i - r, 0) + 1;
    for (let j = 0; j < w; j++) {
      const cols = minI(j + r, w - 1) - maxI(j - r, 0) + 1;
      st(wt, i * w + j, <f32>1.0 / <f32>(rows * cols));
    }
  }
}

/** Horizontal window sums of each row for radii re, ri (prefix padded with R zeros / R totals). */
function rowSums(src: usize, h: i32, w: i32, re: i32, ri: i32, pre: usize, hsE: usize, hsI: usize): void {
  const big = maxI(re, ri);
  const pl = w + 2 * big + 1;
  for (let k = 0; k < pl; k++) st(pre, k, 0);
  for (let i = 0; i < h; i++) {
    let s: f32 = 0;
    for (let j = 0; j < w; j++) { s += ld(src, i * w + j); st(pre, big + 1 + j, s); }
    for (let k = big + 1 + w; k < pl; k++) st(pre, k, s);
    for (let j = 0; j < w; j++) st(hsE, i * w + j, ld(pre, big + re + 1 + j) - ld(pre, big - re + j));
    for (let j = 0; j < w; j++) st(hsI, i * w + j, ld(pre, big + ri + 1 + j) - ld(pre, big - ri + j));
  }
}

/** Column accumulator for output row i (see `slide` in boxmean.rs). */
function slide(hs: usize, h: i32, w: i32, r: i32, i: i32, acc: usize): void {
  if (i == 0) {
    for (let j = 0; j < w; j++) st(acc, j, 0);
    const top = minI(r + 1, h);
    for (let t = 0; t < top; t++) for (let j = 0; j < w; j++) st(acc, j, ld(acc, j) + ld(hs, t * w + j));
    return;
  }
  if (i + r < h) for (let j = 0; j < w; j++) st(acc, j, ld(acc, j) + ld(hs, (i + r) * w + j));
  if (i > r) for (let j = 0; j < w; j++) st(acc, j, ld(acc, j) - ld(hs, (i - r - 1) * w + j));
}

function colMeans(hs: usize, h: i32, w: i32, r: i32, wt: usize, acc: usize, out: usize): void {
  for (let i = 0; i < h; i++) {
    slide(hs, h, w, r, i, acc);
    for (let j = 0; j < w; j++) st(out, i * w + j, ld(acc, j) * ld(wt, i * w + j));
  }
}

function normalise(v: usize, n: i32, eps: f32, out: usize): void {
  let m: f32 = 0;
  for (let k = 0; k < n; k++) { const x = ld(v, k); m = x > m ? x : m; }
  const d: f32 = m + eps;
  for (let k = 0; k < n; k++) st(out, k, ld(v, k) / d);
}

/** Step 1 (normalise_in of rate.rs): max, or min–max with lo = min when it is > 0, else +0, so an image
 * whose minimum is 0 goes through exactly the max operations. */
function normaliseIn(v: usize, n: i32, eps: f32, norm: u32, out: usize): void {
  let m: f32 = 0;
  for (let k = 0; k < n; k++) { const x = ld(v, k); m = x > m ? x : m; }
  let lo: f32 = 0;
  if (norm == NORM_MIN_MAX) {
    let mn: f32 = 1;
    for (let k = 0; k < n; k++) { const x = ld(v, k); mn = x < mn ? x : mn; }
    lo = mn > 0 ? mn : 0;
  }
  const d: f32 = (m - lo) + eps;
  if (norm == NORM_MIN_MAX) { for (let k = 0; k < n; k++) st(out, k, (ld(v, k) - lo) / d); }
  else { for (let k = 0; k < n; k++) st(out, k, ld(v, k) / d); }
}

function fieldStep(p: Params, h: i32, w: i32, wk: Work): void {
  const re = <i32>(p.kE / 2), ri = <i32>(p.kI / 2);
  for (let i = 0; i < h; i++) {
    slide(wk.hsE, h, w, re, i, wk.acc);
    slide(wk.hsI, h, w, ri, i, wk.accI);
    for (let j = 0; j < w; j++) {
      const q = i * w + j;
      const e: f32 = ld(wk.acc, j) * ld(wk.wE, q);
      const m: f32 = ld(wk.accI, j) * ld(wk.wI, q);
      const u: f32 = ld(wk.ff, q) + p.a * e - p.b * m - p.theta;
      const r: f32 = clip01(u) / (<f32>1.0 + p.gammaL * m);
      const x = ld(wk.x, q);
      st(wk.x, q, x + p.dt * (r - x));
    }
  }
}

function selfExcStep(p: Params, n: i32, wk: Work): void {
  let s: f32 = 0;
  for (let k = 0; k < n; k++) s += ld(wk.x, k);
  const den: f32 = <f32>1.0 + p.gammaL * (s / <f32>n);
  for (let k = 0; k < n; k++) {
    const x = ld(wk.x, k);
    const u: f32 = ld(wk.ff, k) + p.a * x - p.b * ld(wk.mI, k) - p.theta;
    const r: f32 = clip01(u) / den;
    st(wk.x, k, x + p.dt * (r - x));
  }
}

export function prepare(p: Params, h: i32, w: i32, wk: Work): void {
  countWeights(h, w, <i32>(p.kE / 2), wk.wE);
  countWeights(h, w, <i32>(p.kI / 2), wk.wI);
}

export function filterImage(p: Params, src: usize, dst: usize, h: i32, w: i32, wk: Work): void {
  const n = h * w;
  if (p.mode == MODE_RAW) { memory.copy(dst, src, <usize>n << 2); return; }
  const re = <i32>(p.kE / 2), ri = <i32>(p.kI / 2);
  normaliseIn(src, n, p.epsIn, p.inputNorm, wk.ff);
  if (p.mode == MODE_NORM) { memory.copy(dst, wk.ff, <usize>n << 2); return; }
  rowSums(wk.ff, h, w, re, ri, wk.pre, wk.hsE, wk.hsI);
  colMeans(wk.hsI, h, w, ri, wk.wI, wk.acc, wk.mI);
  for (let k = 0; k < n; k++) st(wk.ff, k, pos(ld(wk.ff, k) - p.gammaPV * ld(wk.mI, k)));
  if (p.mode == MODE_NORM_PV) { memory.copy(dst, wk.ff, <usize>n << 2); return; }
  for (let k = 0; k < n; k++) st(wk.x, k, 0);
  for (let s: u32 = 0; s < p.steps; s++) {
    rowSums(wk.x, h, w, re, ri, wk.pre, wk.hsE, wk.hsI);
    if (p.mode == MODE_SELF_EXC) {
      colMeans(wk.hsI, h, w, ri, wk.wI, wk.acc, wk.mI);
      selfExcStep(p, n, wk);
    } else fieldStep(p, h, w, wk);
  }
  normalise(wk.x, n, p.epsOut, dst);
}
