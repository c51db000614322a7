//! Neuron models as parameter sets with their membrane equations. State lives in the population
//! (structure of arrays); a model only says how one neuron's state moves.
//!
//! Units everywhere: ms, mV, nS, pF, pA (so nS·mV = pA and pA/pF = mV/ms).

mod adex;
mod hh;
mod lif;
mod params;

pub use adex::AdEx;
pub use hh::{gating_steady_state, Hh};
pub use lif::Lif;
pub use params::{param_names, ModelKind, COMMON_PARAMS};

use crate::math::Real;

/// Synaptic input of one neuron at one instant: I_syn(V) = ge − g·V + B(V)·(gne − gn·V), where
/// g = Σ g_r and ge = Σ g_r·E_r over non-NMDA receptors, and gn, gne the same over NMDA receptors
/// (B = Mg²⁺ block, Jahr & Stevens 1990).
#[derive(Clone, Copy, Debug, Default)]
pub struct Syn<R> {
    pub g: R,
    pub ge: R,
    pub gn: R,
    pub gne: R,
}

/// Mg²⁺ block B(V) = 1 / (1 + [Mg]/3.57 · exp(−0.062·V)); `mg_coef` = [Mg]/3.57 mM.
#[inline(always)]
pub fn mg_block<R: Real>(v: R, mg_coef: R) -> R {
    R::ONE / (R::ONE + mg_coef * (R::from_f64(-0.062) * v).exp_k())
}

impl<R: Real> Syn<R> {
    /// Synaptic current (pA) at membrane potential `v` (mV). `NMDA` is false when the population has
    /// no NMDA receptor: a compile-time switch, so the block's exp never enters the hot loop.
    #[inline]
    pub fn current<const NMDA: bool>(&self, v: R, mg_coef: R) -> R {
        let i = self.ge - self.g * v;
        if NMDA {
            i + mg_block(v, mg_coef) * (self.gne - self.gn * v)
        } else {
            i
        }
    }
}

/// What every spiking model provides to the integrators. `x` holds up to 4 state variables,
/// x[0] = V (mV); the others are model-specific (AdEx: w; HH: m, h, n).
pub trait Dynamics<R: Real> {
    /// Number of state variables used in `x`.
    const NV: usize;
    /// Names of the state variables, for monitors ("v", "w", ...).
    const VARS: &'static [&'static str];
    /// dx/dt (per ms) given the synaptic input and the external current `i_pa`.
    fn deriv(&self, x: &[R; 4], i_syn: R, i_pa: R) -> [R; 4];
    /// One exponential-Euler step of length `dt` (linear parts exact, input frozen at step start).
    fn exp_euler(&self, x: &[R; 4], syn: &Syn<R>, nmda: bool, mg_coef: R, i_pa: R, dt: R) -> [R; 4];
    /// Upward crossing of this potential is a spike (mV).
    fn threshold(&self) -> R;
    /// Apply the spike reset to `x`; returns the refractory time (ms).
    fn reset(&self, x: &mut [R; 4]) -> R;
    /// Whether V is clamped (to its current value) while refractory (integrate-and-fire models),
    /// or keeps integrating (HH, whose refractoriness only gates spike detection).
    const CLAMP_WHEN_REFRACTORY: bool;
}
