//! Fast neuron pass for the common case, verified against `neuron::update` (tests/truenorth.rs
//! `fast_paths_equal_the_general_path`): all 256 neurons of a core share one type with deterministic
//! synapses, deterministic leak and no threshold PRN (M = 0), under the default overflow policy
//! (saturate at 32 bits). Then η = 0, every draw is absent, and V evolves by i32 saturating adds and
//! selects; γ, κ and ε are const generics so each variant is a branch-free loop the compiler
//! vectorises. Spikes are collected in a 256-bit mask and routed afterwards.

use super::config::Config;
use super::neuron::NeuronType;
use super::{N, WORDS};

/// `$f::<[types,] γ, κ, ε>($args)` for the modes of type `$t` (γ ≥ 2 behaves as 2).
macro_rules! by_mode {
    ($t:expr, $f:ident, [$($ty:ty),*], $($a:expr),*) => {
        match ($t.gamma, $t.kappa, $t.eps) {
            (0, false, false) => $f::<$($ty,)* 0, false, false>($($a),*),
            (0, false, true) => $f::<$($ty,)* 0, false, true>($($a),*),
            (0, true, false) => $f::<$($ty,)* 0, true, false>($($a),*),
            (0, true, true) => $f::<$($ty,)* 0, true, true>($($a),*),
            (1, false, false) => $f::<$($ty,)* 1, false, false>($($a),*),
            (1, false, true) => $f::<$($ty,)* 1, false, true>($($a),*),
            (1, true, false) => $f::<$($ty,)* 1, true, false>($($a),*),
            (1, true, true) => $f::<$($ty,)* 1, true, true>($($a),*),
            (_, false, false) => $f::<$($ty,)* 2, false, false>($($a),*),
            (_, false, true) => $f::<$($ty,)* 2, false, true>($($a),*),
            (_, true, false) => $f::<$($ty,)* 2, true, false>($($a),*),
            (_, true, true) => $f::<$($ty,)* 2, true, true>($($a),*),
        }
    };
}

/// Whether `t` under `cfg` may use `pass`.
pub fn eligible(t: &NeuronType, cfg: &Config) -> bool {
    !t.c_l && t.mask == 0 && t.stoch == 0 && !cfg.wrap && cfg.width == 32
}

/// Per-type constants, with the comparison switches folded into the thresholds.
#[derive(Clone, Copy, Debug, Default)]
pub struct K {
    leak: i32,
    fire_at: i32,
    neg_below: i32,
    alpha: i32,
    beta: i32,
    r: i32,
    ringing: bool,
    gamma: u8,
    kappa: bool,
    eps: bool,
}

impl K {
    /// Constants of type `t` under `cfg` (meaningful when `eligible(t, cfg)`).
    pub fn of(t: &NeuronType, cfg: &Config) -> K {
        K {
            leak: t.sigma_l * t.lambda,
            fire_at: t.alpha + cfg.pos_gt as i32,
            neg_below: -t.beta + cfg.neg_le as i32,
            alpha: t.alpha,
            beta: t.beta,
            r: t.r,
            ringing: cfg.ringing,
            gamma: t.gamma,
            kappa: t.kappa,
            eps: t.eps,
        }
    }
}

/// One neuron of a mixed core whose types are all eligible: the same step, modes chosen per neuron.
#[inline]
pub fn step_one(v0: i32, input: i32, k: &K) -> (i32, bool) {
    by_mode!(k, step, [], v0, input, k)
}

/// i32 + i32 saturated to the i32 range, in i32 lanes only (overflow iff both operands differ in
/// sign from the wrapped sum), so that it vectorises on SIMD128 as well as on AVX.
#[inline(always)]
fn sat(a: i32, b: i32) -> i32 {
    let s = a.wrapping_add(b);
    let over = ((a ^ s) & (b ^ s)) < 0;
    let clamp = (a >> 31) ^ i32::MAX; // a < 0 → i32::MIN, else i32::MAX
    if over {
        clamp
    } else {
        s
    }
}

/// `sat` when SAT, else the plain (wrapping) sum: the caller knows it cannot overflow.
#[inline(always)]
fn add<const SAT: bool>(a: i32, b: i32) -> i32 {
    if SAT {
        sat(a, b)
    } else {
        a.wrapping_add(b)
    }
}

#[inline(always)]
fn sgn(v: i32) -> i32 {
    (v > 0) as i32 - (v < 0) as i32
}

#[inline(always)]
fn step<const G: u8, const KAPPA: bool, const EPS: bool>(v0: i32, input: i32, k: &K) -> (i32, bool) {
    step_mode::<G, KAPPA, EPS, true>(v0, input, k)
}

#[inline(always)]
fn step_mode<const G: u8, const KAPPA: bool, const EPS: bool, const SAT: bool>(
    v0: i32,
    input: i32,
    k: &K,
) -> (i32, bool) {
    let mut v = add::<SAT>(v0, input);
    if EPS {
        let before = sgn(v);
        v = add::<SAT>(v, k.leak * before);
        if k.ringing && sgn(v) != before {
            v = 0;
        }
    } else {
        v = add::<SAT>(v, k.leak);
    }
    let fire = v >= k.fire_at;
    let below = v < k.neg_below;
    let on_fire = match G {
        0 => k.r,
        1 => v - k.alpha,
        _ => v,
    };
    let on_neg = if KAPPA {
        -k.beta
    } else {
        match G {
            0 => -k.r,
            1 => v + k.beta,
            _ => v,
        }
    };
    let v1 = if below { on_neg } else { v };
    (if fire { on_fire } else { v1 }, fire)
}

/// Steps 32 neurons, writing their spike flags; returns whether any changed (V or a spike).
#[inline(always)]
fn step_each<const G: u8, const KAPPA: bool, const EPS: bool, const SAT: bool>(
    v: &mut [i32],
    input: &[i32; 32],
    k: &K,
    flags: &mut [u8; 32],
) -> bool {
    let mut changed = 0u32;
    for ((vj, &x), fl) in v.iter_mut().zip(input.iter()).zip(flags.iter_mut()) {
        let (nv, f) = step_mode::<G, KAPPA, EPS, SAT>(*vj, x, k);
        changed |= ((nv != *vj) | f) as u32;
        *fl = f as u8;
        *vj = nv;
    }
    changed != 0
}

/// Whether the 32 neurons of one group changed (V or a spike), and their spikes as a 32-bit mask.
/// Requires |input| < 2^16, which holds for sums of at most 256 synapses of weight ≤ 255.
#[inline(always)]
fn step_group<const G: u8, const KAPPA: bool, const EPS: bool>(v: &mut [i32], input: &[i32; 32], k: &K) -> (bool, u32) {
    // When every |V| < 2^30 (bits 31 and 30 equal), V + input + leak cannot leave the i32 range
    // (2^30 + 2^16 + 255 < 2^31): the saturating adds are plain adds, about half the vector work.
    let wide = v.iter().fold(0i32, |m, &x| m | (x ^ (x << 1))) < 0;
    let mut flags = [0u8; 32];
    let changed = if wide {
        step_each::<G, KAPPA, EPS, true>(v, input, k, &mut flags)
    } else {
        step_each::<G, KAPPA, EPS, false>(v, input, k, &mut flags)
    };
    // spike flags were written as bytes (a loop that vectorises on SIMD128 too); pack them 8 at a
    // time: the product with 0x0102…80 gathers the low bit of byte i into bit 56 + i
    let mut mask = 0u32;
    for (i, b) in flags.chunks_exact(8).enumerate() {
        let w = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
        mask |= ((w.wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32) << (8 * i);
    }
    (changed, mask)
}

fn run<A: Copy + Default + Into<i32>, const G: u8, const KAPPA: bool, const EPS: bool>(
    v: &mut [i32],
    acc: &mut [A; N],
    k: &K,
    fired: &mut [u64; WORDS],
) -> bool {
    let mut changed = false;
    for (q, (vq, aq)) in v.chunks_exact_mut(32).zip(acc.chunks_exact_mut(32)).enumerate() {
        let mut input = [0i32; 32];
        for (x, a) in input.iter_mut().zip(aq.iter_mut()) {
            *x = (*a).into();
            *a = A::default();
        }
        let (ch, m) = step_group::<G, KAPPA, EPS>(vq, &input, k);
        changed |= ch;
        fired[q >> 1] |= (m as u64) << (32 * (q & 1));
    }
    changed
}

/// Update the 256 potentials `v` of one core from `acc` (i32, or i16 when the tick's sums fit;
/// cleared); spikes are OR-ed into the mask `fired` (bit j = neuron j). Returns whether any V changed
/// or a neuron fired.
pub fn pass<A: Copy + Default + Into<i32>>(
    v: &mut [i32],
    acc: &mut [A; N],
    t: &NeuronType,
    cfg: &Config,
    fired: &mut [u64; WORDS],
) -> bool {
    let k = K::of(t, cfg);
    by_mode!(t, run, [A], v, acc, &k, fired)
}
