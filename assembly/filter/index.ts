// sWTA image filter exports of the edge build: same names and signatures as
// crates/swta-abi/src/filter.rs, same checks in the same order, bit-identical output.
import { fail } from '../mem';
import { E_INVALID, PARAM_COUNT, PARAM_COUNT_V1, parseParams, parseStatus, writeDefaults } from './params';
import { Work, filterImage, prepare, workLen } from './field';

const WORK = new Work();
const MAX_PIXELS: u64 = 1 << 24;
const MAX_VALUES: u64 = 0xffffffff / 4;

function badPtr(p: usize, n: u32): bool {
  return n != 0 && (p == 0 || (p & 3) != 0);
}

function overlap(a: usize, na: u32, b: usize, nb: u32): bool {
  return na > 0 && nb > 0 && <u64>a < <u64>b + (<u64>nb << 2) && <u64>b < <u64>a + (<u64>na << 2);
}

/** check_geometry of filter/mod.rs: 0 or an error status. */
function geometry(n: u32, h: u32, w: u32): i32 {
  if (h == 0 || w == 0) return fail(E_INVALID, h == 0 ? 'h' : 'w', 'image height and width must be ≥ 1');
  if (<u64>h * <u64>w > MAX_PIXELS) return fail(E_INVALID, 'h', 'h·w must be ≤ 16777216 pixels, got ' + h.toString() + '×' + w.toString());
  if (<u64>n * <u64>h * <u64>w > MAX_VALUES) return fail(E_INVALID, 'n', 'n·h·w must be ≤ 1073741823 values per call');
  return 0;
}

export function swta_filter_defaults(mode: u32, dst: usize, n: u32): i32 {
  if (mode > 4) return fail(E_INVALID, 'mode', 'must be 0..4, got ' + mode.toString());
  if (n < PARAM_COUNT_V1) return fail(E_INVALID, 'n', 'needs 13 slots (12 without inputNorm), got ' + n.toString());
  if (badPtr(dst, n)) return fail(E_INVALID, 'dst', 'null or misaligned pointer');
  writeDefaults(mode, dst, n < PARAM_COUNT ? <i32>n : <i32>PARAM_COUNT);
  return 0;
}

export function swta_filter_work_len(params: usize, nParams: u32, h: u32, w: u32, out: usize): i32 {
  const p = parseParams(params, nParams);
  if (parseStatus != 0) return parseStatus;
  const g = geometry(1, h, w);
  if (g != 0) return g;
  if (badPtr(out, 1)) return fail(E_INVALID, 'out', 'null or misaligned pointer');
  const big = <i32>((p.kE > p.kI ? p.kE : p.kI) / 2);
  const len = workLen(<i32>h, <i32>w, big);
  store<u32>(out, len > 0xffffffff ? 0xffffffff : <u32>len);
  return 0;
}

export function swta_filter_run(params: usize, nParams: u32, src: usize, dst: usize, n: u32, h: u32, w: u32, work: usize, workLenArg: u32): i32 {
  const p = parseParams(params, nParams);
  if (parseStatus != 0) return parseStatus;
  const g = geometry(n, h, w);
  if (g != 0) return g;
  const t = n * h * w;
  if (overlap(src, t, dst, t) || overlap(work, workLenArg, dst, t) || overlap(work, workLenArg, src, t)) return fail(E_INVALID, 'dst', 'src, dst and work must not overlap');
  if (badPtr(src, t)) return fail(E_INVALID, 'src', 'null or misaligned pointer');
  if (badPtr(dst, t)) return fail(E_INVALID, 'dst', 'null or misaligned pointer');
  if (badPtr(work, workLenArg)) return fail(E_INVALID, 'work', 'null or misaligned pointer');
  const big = <i32>((p.kE > p.kI ? p.kE : p.kI) / 2);
  const need = workLen(<i32>h, <i32>w, big);
  if (<u64>workLenArg < need) return fail(E_INVALID, 'work', 'needs ' + need.toString() + ' f32 slots, got ' + workLenArg.toString());
  for (let k: u32 = 0; k < t; k++) {
    const v = load<f32>(src + (<usize>k << 2));
    if (!(v >= 0 && v <= 1)) return fail(E_INVALID, 'images', 'pixel values must be in [0, 1]; value ' + k.toString() + ' is ' + v.toString());
  }
  const wk = WORK.init(work, <i32>h, <i32>w, big);
  prepare(p, <i32>h, <i32>w, wk);
  const hw = <usize>(h * w) << 2;
  for (let i: u32 = 0; i < n; i++) filterImage(p, src + <usize>i * hw, dst + <usize>i * hw, <i32>h, <i32>w, wk);
  return 0;
}
