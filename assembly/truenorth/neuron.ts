// Port of crates/swta-core/src/truenorth/neuron.rs: neuron types (flat i32 records) and NEURON_UPDATE.
import { Config } from './config';
import { draw, draw8, DRAW_LEAK, DRAW_THR } from './prng';

export const TYPE_FIELDS: i32 = 23;
// Internal record of one type, i32 slots:
export const T_W: i32 = 0; // 4: s^G = σ^G·S^G
export const T_SIGMA: i32 = 4; // 4: σ^G
export const T_MAG: i32 = 8; // 4: S^G
export const T_STOCH: i32 = 12; // b^G mask
export const T_SL: i32 = 13; // σ_λ
export const T_LAMBDA: i32 = 14;
export const T_CL: i32 = 15;
export const T_EPS: i32 = 16;
export const T_ALPHA: i32 = 17;
export const T_BETA: i32 = 18;
export const T_MASK: i32 = 19;
export const T_GAMMA: i32 = 20;
export const T_KAPPA: i32 = 21;
export const T_R: i32 = 22;
export const T_V0: i32 = 23;
export const T_SIZE: i32 = 24;
export const PARAM_MAX: i32 = 1 << 30;
const NAMES: string[] = ['sigma0', 'sigma1', 'sigma2', 'sigma3', 's0', 's1', 's2', 's3', 'b0', 'b1', 'b2', 'b3', 'sigma_lambda', 'lambda', 'c_lambda', 'epsilon', 'alpha', 'beta', 'TM', 'gamma', 'kappa', 'R', 'V'];
const LO: i32[] = [-1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, -PARAM_MAX, -PARAM_MAX];
const HI: i32[] = [1, 1, 1, 1, 255, 255, 255, 255, 1, 1, 1, 1, 1, 255, 1, 1, PARAM_MAX, PARAM_MAX, 30, 2, 1, PARAM_MAX, PARAM_MAX];

export let badField: string = '';
export let badValue: i32 = 0;

/** Check the 23 ABI fields at `src`; returns the index of the first bad field or -1. */
export function checkFields(src: usize): i32 {
  for (let k = 0; k < TYPE_FIELDS; k++) {
    const v = load<i32>(src + (<usize>k << 2));
    const sign = k < 4 || k == 12;
    if (v < LO[k] || v > HI[k] || (sign && v == 0)) { badField = NAMES[k]; badValue = v; return k; }
  }
  return -1;
}

/** Decode 23 checked ABI fields at `src` into the internal record at `dst`. */
export function decodeType(src: usize, dst: usize): void {
  let stoch: i32 = 0;
  for (let g = 0; g < 4; g++) {
    const s = load<i32>(src + (<usize>g << 2));
    const m = load<i32>(src + (<usize>(4 + g) << 2));
    store<i32>(dst + (<usize>(T_W + g) << 2), s * m);
    store<i32>(dst + (<usize>(T_SIGMA + g) << 2), s);
    store<i32>(dst + (<usize>(T_MAG + g) << 2), m);
    stoch |= load<i32>(src + (<usize>(8 + g) << 2)) << g;
  }
  store<i32>(dst + (<usize>T_STOCH << 2), stoch);
  for (let k = 12; k < 23; k++) {
    let v = load<i32>(src + (<usize>k << 2));
    if (k == 18) v = <i32>((<u32>1 << <u32>v) - 1);
    store<i32>(dst + (<usize>(T_SL + k - 12) << 2), v);
  }
}

// @ts-ignore: decorator
@inline export function tget(t: usize, f: i32): i32 {
  return load<i32>(t + (<usize>f << 2));
}

export function quietWithoutInput(t: usize): bool {
  return tget(t, T_LAMBDA) == 0 && tget(t, T_CL) == 0 && tget(t, T_MASK) == 0;
}

// @ts-ignore: decorator
@inline function sgn(v: i64): i64 {
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

export function stochSyn(t: usize, g: i32, cfg: Config, key: u32, j: u32, axon: u32): i32 {
  if (!cfg.stochPass(tget(t, T_MAG + g), draw8(key, j, axon))) return 0;
  return cfg.synPlusOne ? 1 : tget(t, T_SIGMA + g);
}

export let fired: bool = false;

/** Leak, threshold, fire, reset; sets `fired`, returns the new V. */
export function update(v0: i32, input: i32, t: usize, cfg: Config, key: u32, j: u32): i32 {
  let v: i64 = <i64>cfg.range(<i64>v0 + <i64>input);
  const before = v;
  const sl = <i64>tget(t, T_SL);
  const eps = tget(t, T_EPS) != 0;
  const omega: i64 = eps ? sl * sgn(v) : sl;
  const cl = tget(t, T_CL) != 0;
  if (!cl) {
    v += omega * <i64>tget(t, T_LAMBDA);
  } else if (cfg.stochPass(tget(t, T_LAMBDA), draw8(key, j, DRAW_LEAK))) {
    v += cfg.leakPlusOne ? 1 : omega;
  }
  v = <i64>cfg.range(v);
  if (eps && cfg.ringing && sgn(v) != sgn(before)) v = 0;
  const mask = <u32>tget(t, T_MASK);
  const eta: i64 = mask != 0 && (!cfg.thrWithLeak || cl) ? <i64>(draw(key, j, DRAW_THR) & mask) : 0;
  const alpha = <i64>tget(t, T_ALPHA);
  const beta = <i64>tget(t, T_BETA);
  const gamma = tget(t, T_GAMMA);
  const kappa = tget(t, T_KAPPA) != 0;
  const pos = alpha + eta;
  const f = cfg.posGt ? v > pos : v >= pos;
  if (f) {
    if (gamma == 0) v = <i64>tget(t, T_R);
    else if (gamma == 1) v = v - (cfg.linearAlpha ? alpha : pos);
  } else {
    const nb = kappa ? beta : beta + eta;
    const below = cfg.negLe ? v <= -nb : v < -nb;
    if (below) {
      if (kappa) v = -beta;
      else if (gamma == 0) v = -<i64>tget(t, T_R);
      else if (gamma == 1) v = v + (cfg.linearAlpha ? beta : nb);
    }
  }
  fired = f;
  return cfg.range(v);
}
