// Filter parameters: the flat f32 vector of crates/swta-core/src/filter/params.rs (same order,
// same defaults, same validation and field names). 13 values, or the original 12 without inputNorm
// (slot 12; then max normalisation).
import { fail } from '../mem';

export const E_INVALID: i32 = 1;
export const PARAM_COUNT: u32 = 13;
export const PARAM_COUNT_V1: u32 = 12;
export const NORM_MAX: u32 = 0;
export const NORM_MIN_MAX: u32 = 1;
export const MAX_K: u32 = 63;
export const MODE_RAW: u32 = 0;
export const MODE_NORM: u32 = 1;
export const MODE_NORM_PV: u32 = 2;
export const MODE_FIELD: u32 = 3;
export const MODE_SELF_EXC: u32 = 4;

export class Params {
  mode: u32 = MODE_FIELD;
  kE: u32 = 3;
  kI: u32 = 7;
  a: f32 = 1.4;
  b: f32 = 1.6;
  gammaPV: f32 = 0.3;
  theta: f32 = 0.05;
  gammaL: f32 = 1.0;
  dt: f32 = 0.2;
  steps: u32 = 40;
  epsIn: f32 = 1e-3;
  epsOut: f32 = 1e-6;
  inputNorm: u32 = NORM_MAX;
}

/** Write the defaults of `mode` (the §8.5 values for self-excitation) to `k` (12 or 13) f32 at `dst`. */
export function writeDefaults(mode: u32, dst: usize, k: i32): void {
  const se = mode == MODE_SELF_EXC;
  const v: StaticArray<f32> = [<f32>mode, 3, se ? 5 : 7, se ? <f32>1.3 : <f32>1.4, se ? <f32>2.0 : <f32>1.6, se ? <f32>0.5 : <f32>0.3,
    <f32>0.05, 1.0, <f32>0.2, 40, <f32>1e-3, <f32>1e-6, <f32>NORM_MAX];
  for (let i = 0; i < k; i++) store<f32>(dst + (<usize>i << 2), v[i]);
}

// Parsing leaves an error code here (0 = ok) so the caller can return it.
export let parseStatus: i32 = 0;

function bad(field: string, msg: string): f32 {
  parseStatus = fail(E_INVALID, field, msg);
  return 0;
}

function realIn(x: f32, field: string, lo: f32, hi: f32): f32 {
  if (parseStatus != 0) return 0;
  if (isFinite(x) && x >= lo && x <= hi) return x;
  return bad(field, 'must be a finite number in [' + lo.toString() + ', ' + hi.toString() + '], got ' + x.toString());
}

function intIn(x: f32, field: string, lo: u32, hi: u32): u32 {
  if (parseStatus != 0) return 0;
  if (isFinite(x) && x >= <f32>lo && x <= <f32>hi && x == <f32><u32>x) return <u32>x;
  bad(field, 'must be an integer in [' + lo.toString() + ', ' + hi.toString() + '], got ' + x.toString());
  return 0;
}

function oddK(x: f32, field: string): u32 {
  const k = intIn(x, field, 1, MAX_K);
  if (parseStatus == 0 && k % 2 == 0) bad(field, 'must be an odd integer in [1, 63] (a centred k×k window), got ' + k.toString());
  return k;
}

function ldf(p: usize, i: i32): f32 {
  return load<f32>(p + (<usize>i << 2));
}

const parsed = new Params();

/** Parse 13 (or 12) f32 at `p` into a reused Params (the stub runtime never frees, so nothing is allocated
 * per call); on error parseStatus ≠ 0 and the last error is set. */
export function parseParams(p: usize, n: u32): Params {
  parseStatus = 0;
  const o = parsed;
  if (n != PARAM_COUNT && n != PARAM_COUNT_V1) { bad('params', 'must hold 13 values (12 without inputNorm), got ' + n.toString()); return o; }
  if (p == 0 || (p & 3) != 0) { bad('params', 'null or misaligned pointer'); return o; }
  o.mode = intIn(ldf(p, 0), 'params.mode', 0, 4);
  o.kE = oddK(ldf(p, 1), 'params.kE');
  o.kI = oddK(ldf(p, 2), 'params.kI');
  o.a = realIn(ldf(p, 3), 'params.a', 0, 10);
  o.b = realIn(ldf(p, 4), 'params.b', 0, 10);
  o.gammaPV = realIn(ldf(p, 5), 'params.gammaPV', 0, 10);
  o.theta = realIn(ldf(p, 6), 'params.theta', -1, 1);
  o.gammaL = realIn(ldf(p, 7), 'params.gammaL', 0, 100);
  o.dt = realIn(ldf(p, 8), 'params.dt', 0, 1);
  o.steps = intIn(ldf(p, 9), 'params.steps', 0, 10000);
  o.epsIn = realIn(ldf(p, 10), 'params.epsIn', 0, 1);
  o.epsOut = realIn(ldf(p, 11), 'params.epsOut', 0, 1);
  o.inputNorm = n == PARAM_COUNT ? intIn(ldf(p, 12), 'params.inputNorm', 0, 1) : NORM_MAX;
  if (parseStatus != 0) return o;
  if (o.dt <= 0) bad('params.dt', 'must be in (0, 1], got ' + o.dt.toString());
  else if (o.epsIn <= 0) bad('params.epsIn', 'must be in (0, 1], got ' + o.epsIn.toString());
  else if (o.epsOut <= 0) bad('params.epsOut', 'must be in (0, 1], got ' + o.epsOut.toString());
  return o;
}
