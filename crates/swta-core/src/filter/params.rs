//! Filter parameters (MODEL.md §8.6 defaults), the modes (§8.7 controls), and their validation.
//!
//! Parameters cross the ABI as a flat `f32` vector in the order of `FilterParams::to_vec`, so that
//! the Rust, WASM, native and AssemblyScript builds share one layout (integers travel as exact
//! small floats and are checked to be integers). The 13th slot (`inputNorm`, added 2026-12-01) may be
//! left off: a 12-value vector (the original layout) means `InputNorm::Max`.

use crate::error::{Error, Result};

/// What the filter outputs (MODEL.md §8.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// X, unchanged (baseline).
    Raw = 0,
    /// I = X / (max X + ε_in): normalisation only (step 1).
    Norm = 1,
    /// FF = max(0, I − γ_PV·M_kI(I)): normalisation + PV subtraction, no recurrence (steps 1–2).
    NormPv = 2,
    /// Y: the competitive–cooperative field (steps 1–4), the proposed filter.
    Field = 3,
    /// The rejected per-pixel self-excitation variant of §8.5 (ablation): `a` = α, `b` = β,
    /// `gamma_l` = g_L (divides by the image mean), `k_i` = the pooling window (5).
    SelfExc = 4,
}

/// Step 1's per-image input normalisation (docs/vit.md §5.8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputNorm {
    /// I = X / (max X + ε_in): MODEL.md §8.6 as written (default).
    Max = 0,
    /// I = (X − min X) / (max X − min X + ε_in): also removes an additive offset (the fog veil). On an
    /// image whose minimum is 0 it is bit-identical to `Max`; a constant image gives all zeros.
    MinMax = 1,
}

/// Number of `f32` slots in the flat parameter vector.
pub const PARAM_COUNT: usize = 13;

/// The original layout without the `inputNorm` slot (still accepted; means `InputNorm::Max`).
pub const PARAM_COUNT_V1: usize = 12;

/// Largest neighbourhood side accepted (odd).
pub const MAX_K: u32 = 63;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FilterParams {
    pub mode: Mode,
    /// Cooperation neighbourhood side k_E (odd), default 3.
    pub k_e: u32,
    /// Competition (SST pool) and PV neighbourhood side k_I (odd), default 7.
    pub k_i: u32,
    /// Cooperation gain a, default 1.4.
    pub a: f32,
    /// Competition gain b, default 1.6.
    pub b: f32,
    /// PV feedforward subtraction γ_PV, default 0.3.
    pub gamma_pv: f32,
    /// Threshold θ, default 0.05.
    pub theta: f32,
    /// LAMP5 divisive gain γ_L, default 1.0.
    pub gamma_l: f32,
    /// Euler step Δt/τ, default 0.2.
    pub dt: f32,
    /// Euler steps n, default 40.
    pub steps: u32,
    /// ε_in, default 1e-3.
    pub eps_in: f32,
    /// ε_out, default 1e-6.
    pub eps_out: f32,
    /// Step 1: per-image max (default) or min–max normalisation (slot 12, `params.inputNorm`).
    pub input_norm: InputNorm,
}

impl FilterParams {
    /// The §8.6 defaults (mode Field), or the §8.5 values for `Mode::SelfExc`.
    pub fn defaults(mode: Mode) -> FilterParams {
        let base = FilterParams {
            mode,
            k_e: 3,
            k_i: 7,
            a: 1.4,
            b: 1.6,
            gamma_pv: 0.3,
            theta: 0.05,
            gamma_l: 1.0,
            dt: 0.2,
            steps: 40,
            eps_in: 1e-3,
            eps_out: 1e-6,
            input_norm: InputNorm::Max,
        };
        match mode {
            Mode::SelfExc => FilterParams { k_i: 5, a: 1.3, b: 2.0, gamma_pv: 0.5, ..base },
            _ => base,
        }
    }

    pub fn to_vec(&self) -> [f32; PARAM_COUNT] {
        [
            self.mode as u32 as f32,
            self.k_e as f32,
            self.k_i as f32,
            self.a,
            self.b,
            self.gamma_pv,
            self.theta,
            self.gamma_l,
            self.dt,
            self.steps as f32,
            self.eps_in,
            self.eps_out,
            self.input_norm as u32 as f32,
        ]
    }

    /// Parse and validate a flat parameter vector (see `to_vec`; 13 values, or the original 12 without
    /// `inputNorm`); errors name the field.
    pub fn from_slice(v: &[f32]) -> Result<FilterParams> {
        if v.len() != PARAM_COUNT && v.len() != PARAM_COUNT_V1 {
            return Err(Error::invalid(
                "params",
                format!("must hold {} values ({} without inputNorm), got {}", PARAM_COUNT, PARAM_COUNT_V1, v.len()),
            ));
        }
        let mode = match int_in(v[0], "params.mode", 0, 4)? {
            0 => Mode::Raw,
            1 => Mode::Norm,
            2 => Mode::NormPv,
            3 => Mode::Field,
            _ => Mode::SelfExc,
        };
        let p = FilterParams {
            mode,
            k_e: odd_k(v[1], "params.kE")?,
            k_i: odd_k(v[2], "params.kI")?,
            a: real_in(v[3], "params.a", 0.0, 10.0)?,
            b: real_in(v[4], "params.b", 0.0, 10.0)?,
            gamma_pv: real_in(v[5], "params.gammaPV", 0.0, 10.0)?,
            theta: real_in(v[6], "params.theta", -1.0, 1.0)?,
            gamma_l: real_in(v[7], "params.gammaL", 0.0, 100.0)?,
            dt: real_in(v[8], "params.dt", 0.0, 1.0)?,
            steps: int_in(v[9], "params.steps", 0, 10_000)?,
            eps_in: real_in(v[10], "params.epsIn", 0.0, 1.0)?,
            eps_out: real_in(v[11], "params.epsOut", 0.0, 1.0)?,
            input_norm: match v.get(12) {
                None => InputNorm::Max,
                Some(&x) => match int_in(x, "params.inputNorm", 0, 1)? {
                    0 => InputNorm::Max,
                    _ => InputNorm::MinMax,
                },
            },
        };
        if p.dt <= 0.0 {
            return Err(Error::invalid("params.dt", format!("must be in (0, 1], got {}", p.dt)));
        }
        if p.eps_in <= 0.0 || p.eps_out <= 0.0 {
            let (f, x) = if p.eps_in <= 0.0 { ("params.epsIn", p.eps_in) } else { ("params.epsOut", p.eps_out) };
            return Err(Error::invalid(f, format!("must be in (0, 1], got {}", x)));
        }
        Ok(p)
    }
}

fn real_in(x: f32, field: &str, lo: f32, hi: f32) -> Result<f32> {
    if x.is_finite() && x >= lo && x <= hi {
        Ok(x)
    } else {
        Err(Error::invalid(field, format!("must be a finite number in [{}, {}], got {}", lo, hi, x)))
    }
}

fn int_in(x: f32, field: &str, lo: u32, hi: u32) -> Result<u32> {
    if x.is_finite() && x >= lo as f32 && x <= hi as f32 && x == (x as u32) as f32 {
        Ok(x as u32)
    } else {
        Err(Error::invalid(field, format!("must be an integer in [{}, {}], got {}", lo, hi, x)))
    }
}

fn odd_k(x: f32, field: &str) -> Result<u32> {
    let k = int_in(x, field, 1, MAX_K)?;
    if k % 2 == 1 {
        Ok(k)
    } else {
        Err(Error::invalid(
            field,
            format!("must be an odd integer in [1, {}] (a centred k×k window), got {}", MAX_K, k),
        ))
    }
}
