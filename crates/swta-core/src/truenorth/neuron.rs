//! Neuron types (the `neuronTypes` table of IBM model files: parameters by type index, so a full chip
//! stores one u16 per neuron) and NEURON_UPDATE of TRUENORTH.md §2.3 with every mode.

use super::config::Config;
use super::prng::{draw, draw8, DRAW_LEAK, DRAW_THR};
use crate::error::{Error, Result};

/// i32 fields per type in the flat ABI buffer, in this order (model-file names):
/// sigma0..3, s0..3, b0..3, sigma_lambda, lambda, c_lambda, epsilon, alpha, beta, TM, gamma, kappa,
/// R (the decoded reset potential), V (initial potential).
pub const TYPE_FIELDS: usize = 23;
/// Model-file names of the TYPE_FIELDS, in buffer order.
pub const FIELD_NAMES: [&str; TYPE_FIELDS] = [
    "sigma0",
    "sigma1",
    "sigma2",
    "sigma3",
    "s0",
    "s1",
    "s2",
    "s3",
    "b0",
    "b1",
    "b2",
    "b3",
    "sigma_lambda",
    "lambda",
    "c_lambda",
    "epsilon",
    "alpha",
    "beta",
    "TM",
    "gamma",
    "kappa",
    "R",
    "V",
];
/// Bound on |α|, |β|, |R|, |V0| (thresholds are ≈ 18 bits in hardware; 2^30 keeps i64 sums exact).
pub const PARAM_MAX: i32 = 1 << 30;

/// One neuron type. Field docs cite the symbols of TRUENORTH.md §1.3.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NeuronType {
    /// s^G = σ^G · S^G, the deterministic weight of axon type G.
    pub w: [i32; 4],
    /// σ^G ∈ {−1, +1}.
    pub sigma: [i32; 4],
    /// S^G ∈ 0..255.
    pub mag: [i32; 4],
    /// b^G as a bit mask (bit G set: stochastic synapse for axon type G).
    pub stoch: u32,
    /// σ_λ ∈ {−1, +1} and λ ∈ 0..255.
    pub sigma_l: i32,
    pub lambda: i32,
    /// c_λ: stochastic leak.
    pub c_l: bool,
    /// ε: leak reversal (leak direction follows sgn V).
    pub eps: bool,
    /// α (positive threshold) and β (negative-threshold magnitude), ≥ 0.
    pub alpha: i32,
    pub beta: i32,
    /// M = 2^TM − 1, the threshold PRN mask.
    pub mask: u32,
    /// γ: 0 normal reset, 1 linear, 2 non-reset.
    pub gamma: u8,
    /// κ: saturate at −β instead of resetting on the negative threshold.
    pub kappa: bool,
    /// R, the reset potential (already decoded from σ_VR, VR).
    pub r: i32,
    /// V(0), the initial potential given to neurons of this type.
    pub v0: i32,
}

fn check(field: &str, i: usize, v: i32, lo: i32, hi: i32) -> Result<i32> {
    if v < lo || v > hi {
        return Err(Error::invalid(format!("types[{}].{}", i, field), format!("must be in {}..{}, got {}", lo, hi, v)));
    }
    Ok(v)
}

fn check_sign(field: &str, i: usize, v: i32) -> Result<i32> {
    if v != 1 && v != -1 {
        return Err(Error::invalid(format!("types[{}].{}", i, field), format!("must be -1 or +1, got {}", v)));
    }
    Ok(v)
}

impl NeuronType {
    /// Decode type `i` from its TYPE_FIELDS i32 values, naming the first bad field.
    pub fn from_fields(i: usize, f: &[i32]) -> Result<NeuronType> {
        if f.len() < TYPE_FIELDS {
            return Err(Error::invalid(format!("types[{}]", i), "too few fields"));
        }
        let mut t = NeuronType::default();
        for g in 0..4 {
            t.sigma[g] = check_sign(FIELD_NAMES[g], i, f[g])?;
            t.mag[g] = check(FIELD_NAMES[4 + g], i, f[4 + g], 0, 255)?;
            t.stoch |= (check(FIELD_NAMES[8 + g], i, f[8 + g], 0, 1)? as u32) << g;
            t.w[g] = t.sigma[g] * t.mag[g];
        }
        t.sigma_l = check_sign(FIELD_NAMES[12], i, f[12])?;
        t.lambda = check(FIELD_NAMES[13], i, f[13], 0, 255)?;
        t.c_l = check(FIELD_NAMES[14], i, f[14], 0, 1)? == 1;
        t.eps = check(FIELD_NAMES[15], i, f[15], 0, 1)? == 1;
        t.alpha = check(FIELD_NAMES[16], i, f[16], 0, PARAM_MAX)?;
        t.beta = check(FIELD_NAMES[17], i, f[17], 0, PARAM_MAX)?;
        let tm = check(FIELD_NAMES[18], i, f[18], 0, 30)?;
        t.mask = (1u32 << tm) - 1;
        t.gamma = check(FIELD_NAMES[19], i, f[19], 0, 2)? as u8;
        t.kappa = check(FIELD_NAMES[20], i, f[20], 0, 1)? == 1;
        t.r = check(FIELD_NAMES[21], i, f[21], -PARAM_MAX, PARAM_MAX)?;
        t.v0 = check(FIELD_NAMES[22], i, f[22], -PARAM_MAX, PARAM_MAX)?;
        Ok(t)
    }

    /// No leak, no stochastic threshold or leak: with no input, V can change at most once (by a
    /// threshold event) and then stays put, so a settled core may be skipped (TRUENORTH.md §8.1).
    pub fn quiet_without_input(&self) -> bool {
        self.lambda == 0 && !self.c_l && self.mask == 0
    }
}

#[inline]
fn sgn(v: i64) -> i64 {
    v.signum()
}

/// Synaptic contribution of one active stochastic synapse of type `g` (draw id = axon index).
#[inline]
pub fn stoch_syn(t: &NeuronType, g: usize, cfg: &Config, key: u32, j: u32, axon: u32) -> i32 {
    if !cfg.stoch_pass(t.mag[g], draw8(key, j, axon)) {
        return 0;
    }
    if cfg.syn_plus_one {
        1
    } else {
        t.sigma[g]
    }
}

/// Leak, threshold, fire and reset of one neuron after synaptic integration (`input` = the
/// integrated sum of this tick). Returns (fired, new V). TRUENORTH.md §2.3 steps (1)–(4).
#[inline]
pub fn update(v0: i32, input: i32, t: &NeuronType, cfg: &Config, key: u32, j: u32) -> (bool, i32) {
    let mut v = cfg.range(v0 as i64 + input as i64) as i64;
    // (2) leak, direction from the sign of V after integration
    let before = v;
    let omega = if t.eps { t.sigma_l as i64 * sgn(v) } else { t.sigma_l as i64 };
    if !t.c_l {
        v += omega * t.lambda as i64;
    } else if cfg.stoch_pass(t.lambda, draw8(key, j, DRAW_LEAK)) {
        v += if cfg.leak_plus_one { 1 } else { omega };
    }
    v = cfg.range(v) as i64;
    if t.eps && cfg.ringing && sgn(v) != sgn(before) {
        v = 0;
    }
    // (3) threshold, fire, reset; one η per neuron per tick
    let eta = if t.mask != 0 && (!cfg.thr_with_leak || t.c_l) { (draw(key, j, DRAW_THR) & t.mask) as i64 } else { 0 };
    let (alpha, beta) = (t.alpha as i64, t.beta as i64);
    let pos = alpha + eta;
    let fired = if cfg.pos_gt { v > pos } else { v >= pos };
    if fired {
        v = match t.gamma {
            0 => t.r as i64,
            1 => v - if cfg.linear_alpha { alpha } else { pos },
            _ => v,
        };
    } else {
        let nb = if t.kappa { beta } else { beta + eta };
        let below = if cfg.neg_le { v <= -nb } else { v < -nb };
        if below {
            v = if t.kappa {
                -beta
            } else {
                match t.gamma {
                    0 => -(t.r as i64),
                    1 => v + if cfg.linear_alpha { beta } else { nb },
                    _ => v,
                }
            };
        }
    }
    (fired, cfg.range(v))
}
