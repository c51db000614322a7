//! Conductance-based LIF:  C dV/dt = g_L (E_L − V) + I_syn(V) + I.
//! Spike when V ≥ V_th; V ← V_reset, clamped for t_ref.

use super::{Dynamics, Syn};
use crate::math::Real;

#[derive(Clone, Debug)]
pub struct Lif<R> {
    pub inv_c: R,
    pub g_l: R,
    pub e_l: R,
    pub v_th: R,
    pub v_reset: R,
    pub t_ref: R,
}

impl<R: Real> Lif<R> {
    /// From [C_pF, g_L_nS, E_L_mV, V_th_mV, V_reset_mV, t_ref_ms] (validated by the caller).
    pub fn from_params(p: &[f64]) -> Lif<R> {
        Lif {
            inv_c: R::from_f64(1.0 / p[0]),
            g_l: R::from_f64(p[1]),
            e_l: R::from_f64(p[2]),
            v_th: R::from_f64(p[3]),
            v_reset: R::from_f64(p[4]),
            t_ref: R::from_f64(p[5]),
        }
    }
}

impl<R: Real> Dynamics<R> for Lif<R> {
    const NV: usize = 1;
    const VARS: &'static [&'static str] = &["v"];
    const CLAMP_WHEN_REFRACTORY: bool = true;

    #[inline(always)]
    fn deriv(&self, x: &[R; 4], i_syn: R, i_pa: R) -> [R; 4] {
        let dv = (self.g_l * (self.e_l - x[0]) + i_syn + i_pa) * self.inv_c;
        [dv, R::ZERO, R::ZERO, R::ZERO]
    }

    /// dV/dt = A − B·V, solved exactly over dt with A, B frozen at the step start.
    #[inline(always)]
    fn exp_euler(&self, x: &[R; 4], s: &Syn<R>, nmda: bool, mg: R, i_pa: R, dt: R) -> [R; 4] {
        let (mut gt, mut ge) = (self.g_l + s.g, self.g_l * self.e_l + s.ge + i_pa);
        if nmda {
            let b = super::mg_block(x[0], mg);
            gt += b * s.gn;
            ge += b * s.gne;
        }
        let v_inf = ge / gt;
        let v = v_inf + (x[0] - v_inf) * (-(gt * self.inv_c) * dt).exp_k();
        [v, R::ZERO, R::ZERO, R::ZERO]
    }

    #[inline]
    fn threshold(&self) -> R {
        self.v_th
    }

    #[inline]
    fn reset(&self, x: &mut [R; 4]) -> R {
        x[0] = self.v_reset;
        self.t_ref
    }
}
