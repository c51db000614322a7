//! Conductance-based AdEx (Brette & Gerstner 2005):
//!   C dV/dt = −g_L (V − E_L) + g_L Δ_T exp((V − V_T)/Δ_T) − w + I_syn(V) + I
//!   τ_w dw/dt = a (V − E_L) − w
//! Spike when V ≥ V_peak; V ← V_reset, w ← w + b, V clamped for t_ref. The exponential is evaluated
//! at min(V, V_peak) so one step cannot overflow (MODEL.md §2.1). Δ_T = 0 gives the LIF limit
//! (threshold V_T then acts as V_th).

use super::{Dynamics, Syn};
use crate::math::Real;

#[derive(Clone, Debug)]
pub struct AdEx<R> {
    pub inv_c: R,
    pub g_l: R,
    pub e_l: R,
    pub v_t: R,
    pub delta_t: R,
    pub inv_delta_t: R,
    pub v_peak: R,
    pub v_reset: R,
    pub t_ref: R,
    pub a: R,
    pub b: R,
    pub inv_tau_w: R,
}

impl<R: Real> AdEx<R> {
    /// From [C, g_L, E_L, V_T, Δ_T, V_peak, V_reset, t_ref, a, b, τ_w] (validated by the caller).
    pub fn from_params(p: &[f64]) -> AdEx<R> {
        let lif_limit = p[4] == 0.0;
        AdEx {
            inv_c: R::from_f64(1.0 / p[0]),
            g_l: R::from_f64(p[1]),
            e_l: R::from_f64(p[2]),
            v_t: R::from_f64(p[3]),
            delta_t: R::from_f64(p[4]),
            inv_delta_t: R::from_f64(if lif_limit { 0.0 } else { 1.0 / p[4] }),
            // In the LIF limit the spike condition is V ≥ V_T.
            v_peak: R::from_f64(if lif_limit { p[3] } else { p[5] }),
            v_reset: R::from_f64(p[6]),
            t_ref: R::from_f64(p[7]),
            a: R::from_f64(p[8]),
            b: R::from_f64(p[9]),
            inv_tau_w: R::from_f64(1.0 / p[10]),
        }
    }

    #[inline(always)]
    fn spike_current(&self, v: R) -> R {
        if self.inv_delta_t == R::ZERO {
            return R::ZERO;
        }
        self.g_l * self.delta_t * ((v.min(self.v_peak) - self.v_t) * self.inv_delta_t).exp_k()
    }
}

impl<R: Real> Dynamics<R> for AdEx<R> {
    const NV: usize = 2;
    const VARS: &'static [&'static str] = &["v", "w"];
    const CLAMP_WHEN_REFRACTORY: bool = true;

    #[inline(always)]
    fn deriv(&self, x: &[R; 4], i_syn: R, i_pa: R) -> [R; 4] {
        let v = x[0];
        let dv = (self.g_l * (self.e_l - v) + self.spike_current(v) - x[1] + i_syn + i_pa) * self.inv_c;
        let dw = (self.a * (v - self.e_l) - x[1]) * self.inv_tau_w;
        [dv, dw, R::ZERO, R::ZERO]
    }

    /// V: dV/dt = A − B·V with the exponential term and w frozen; w: exact with V frozen.
    #[inline(always)]
    fn exp_euler(&self, x: &[R; 4], s: &Syn<R>, nmda: bool, mg: R, i_pa: R, dt: R) -> [R; 4] {
        let v0 = x[0];
        let (mut gt, mut ge) = (self.g_l + s.g, self.g_l * self.e_l + s.ge + i_pa + self.spike_current(v0) - x[1]);
        if nmda {
            let b = super::mg_block(v0, mg);
            gt += b * s.gn;
            ge += b * s.gne;
        }
        let v_inf = ge / gt;
        let v = v_inf + (v0 - v_inf) * (-(gt * self.inv_c) * dt).exp_k();
        let w_inf = self.a * (v0 - self.e_l);
        let w = w_inf + (x[1] - w_inf) * (-(dt * self.inv_tau_w)).exp_k();
        [v, w, R::ZERO, R::ZERO]
    }

    #[inline]
    fn threshold(&self) -> R {
        self.v_peak
    }

    #[inline]
    fn reset(&self, x: &mut [R; 4]) -> R {
        x[0] = self.v_reset;
        x[1] += self.b;
        self.t_ref
    }
}
