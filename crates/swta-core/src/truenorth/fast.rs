//! Fast neuron pass for the common case, verified against `neuron::update` (tests/truenorth.rs
//! `fast_paths_equal_the_general_path`): all 256 neurons of a core share one type with deterministic
//! synapses, deterministic leak and no threshold PRN (M = 0), under the default overflow policy
//! (saturate at 32 bits). Then η = 0, every draw is absent, and V evolves by i32 saturating adds and
//! selects; γ, κ and ε are const generics so each variant is a branch-free loop the compiler
//! vectorises. Spikes are collected in a 256-bit mask and routed afterwards.

use super::config::Config;
use super::neuron::NeuronType;
use super::N;

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
    match (k.gamma, k.kappa, k.eps) {
        (0, false, false) => step::<0, false, false>(v0, input, k),
        (0, false, true) => step::<0, false, true>(v0, input, k),
        (0, true, false) => step::<0, true, false>(v0, input, k),
        (0, true, true) => step::<0, true, true>(v0, input, k),
        (1, false, false) => step::<1, false, false>(v0, input, k),
        (1, false, true) => step::<1, false, true>(v0, input, k),
        (1, true, false) => step::<1, true, false>(v0, input, k),
        (1, true, true) => step::<1, true, true>(v0, input, k),
        (_, false, false) => step::<2, false, false>(v0, input, k),
        (_, false, true) => step::<2, false, true>(v0, input, k),
        (_, true, false) => step::<2, true, false>(v0, input, k),
        (_, true, true) => step::<2, true, true>(v0, input, k),
    }
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

#[inline(always)]
fn sgn(v: i32) -> i32 {
    (v > 0) as i32 - (v < 0) as i32
}

#[inline(always)]
fn step<const G: u8, const KAPPA: bool, const EPS: bool>(v0: i32, input: i32, k: &K) -> (i32, bool) {
    let mut v = sat(v0, input);
    if EPS {
        let before = sgn(v);
        v = sat(v, k.leak * before);
        if k.ringing && sgn(v) != before {
            v = 0;
        }
    } else {
        v = sat(v, k.leak);
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

fn run<A: Copy + Default + Into<i32>, const G: u8, const KAPPA: bool, const EPS: bool>(
    v: &mut [i32],
    acc: &mut [A; N],
    k: &K,
    fired: &mut [u8; N],
) -> bool {
    let k = K { ..*k };
    let mut changed = 0u32;
    for ((vj, aj), fj) in v.iter_mut().zip(acc.iter_mut()).zip(fired.iter_mut()) {
        let (nv, f) = step::<G, KAPPA, EPS>(*vj, (*aj).into(), &k);
        changed |= ((nv != *vj) | f) as u32;
        *vj = nv;
        *fj = f as u8;
        *aj = A::default();
    }
    changed != 0
}

/// Update the 256 potentials `v` of one core from `acc` (i32, or i16 when the tick's sums fit; cleared); `fired[j]` = 1 for spikes.
/// Returns whether any V changed or a neuron fired.
pub fn pass<A: Copy + Default + Into<i32>>(
    v: &mut [i32],
    acc: &mut [A; N],
    t: &NeuronType,
    cfg: &Config,
    fired: &mut [u8; N],
) -> bool {
    let k = K::of(t, cfg);
    match (t.gamma, t.kappa, t.eps) {
        (0, false, false) => run::<A, 0, false, false>(v, acc, &k, fired),
        (0, false, true) => run::<A, 0, false, true>(v, acc, &k, fired),
        (0, true, false) => run::<A, 0, true, false>(v, acc, &k, fired),
        (0, true, true) => run::<A, 0, true, true>(v, acc, &k, fired),
        (1, false, false) => run::<A, 1, false, false>(v, acc, &k, fired),
        (1, false, true) => run::<A, 1, false, true>(v, acc, &k, fired),
        (1, true, false) => run::<A, 1, true, false>(v, acc, &k, fired),
        (1, true, true) => run::<A, 1, true, true>(v, acc, &k, fired),
        (_, false, false) => run::<A, 2, false, false>(v, acc, &k, fired),
        (_, false, true) => run::<A, 2, false, true>(v, acc, &k, fired),
        (_, true, false) => run::<A, 2, true, false>(v, acc, &k, fired),
        (_, true, true) => run::<A, 2, true, true>(v, acc, &k, fired),
    }
}
