//! Hodgkin–Huxley type neuron with Traub–Miles kinetics, as in Brian2's COBAHH example
//! (Brette et al. 2007, benchmark 3):
//!   C dV/dt = g_L (E_L − V) − g_Na m³h (V − E_Na) − g_K n⁴ (V − E_K) + I_syn(V) + I
//!   dx/dt = α_x (1 − x) − β_x x,  x ∈ {m, h, n}, with u = V − V_T (mV):
//!   α_m = 0.32·4/exprel((13 − u)/4)     β_m = 0.28·5/exprel((u − 40)/5)
//!   α_h = 0.128·exp((17 − u)/18)        β_h = 4/(1 + exp((40 − u)/5))
//!   α_n = 0.032·5/exprel((15 − u)/5)    β_n = 0.5·exp((10 − u)/40)        (per ms)
//! exprel(z) = (e^z − 1)/z. A spike is an upward crossing of V_spike; no reset; t_ref only gates
//! detection.

use super::{Dynamics, Syn};
use crate::math::Real;

#[derive(Clone, Debug)]
pub struct Hh<R> {
    pub inv_c: R,
    pub g_l: R,
    pub e_l: R,
    pub g_na: R,
    pub e_na: R,
    pub g_k: R,
    pub e_k: R,
    pub v_t: R,
    pub v_spike: R,
    pub t_ref: R,
}

/// exprel(z) = (e^z − 1)/z, = 1 + z/2 near 0. Written as selects (no branch) so the HH loop vectorises.
#[inline(always)]
fn exprel<R: Real>(z: R) -> R {
    let tiny = R::from_f64(1e-6);
    let small = z < tiny && z > -tiny;
    let safe = if small { R::ONE } else { z };
    let r = (z.exp_k() - R::ONE) / safe;
    if small {
        R::ONE + z * R::from_f64(0.5)
    } else {
        r
    }
}

impl<R: Real> Hh<R> {
    /// From [C, g_L, E_L, g_Na, E_Na, g_K, E_K, V_T, V_spike, t_ref] (validated by the caller).
    pub fn from_params(p: &[f64]) -> Hh<R> {
        let r = R::from_f64;
        Hh {
            inv_c: r(1.0 / p[0]),
            g_l: r(p[1]),
            e_l: r(p[2]),
            g_na: r(p[3]),
            e_na: r(p[4]),
            g_k: r(p[5]),
            e_k: r(p[6]),
            v_t: r(p[7]),
            v_spike: r(p[8]),
            t_ref: r(p[9]),
        }
    }

    /// (α, β) for m, h, n at potential v.
    #[inline(always)]
    pub fn rates(&self, v: R) -> [(R, R); 3] {
        let r = R::from_f64;
        let u = v - self.v_t;
        let am = r(1.28) / exprel((r(13.0) - u) * r(0.25));
        let bm = r(1.4) / exprel((u - r(40.0)) * r(0.2));
        let ah = r(0.128) * ((r(17.0) - u) * r(1.0 / 18.0)).exp_k();
        let bh = r(4.0) / (R::ONE + ((r(40.0) - u) * r(0.2)).exp_k());
        let an = r(0.16) / exprel((r(15.0) - u) * r(0.2));
        let bn = r(0.5) * ((r(10.0) - u) * r(0.025)).exp_k();
        [(am, bm), (ah, bh), (an, bn)]
    }

    #[inline(always)]
    fn channel_conductances(&self, x: &[R; 4]) -> (R, R) {
        let (m, h, n) = (x[1], x[2], x[3]);
        let n2 = n * n;
        (self.g_na * m * m * m * h, self.g_k * n2 * n2)
    }
}

impl<R: Real> Dynamics<R> for Hh<R> {
    const NV: usize = 4;
    const VARS: &'static [&'static str] = &["v", "m", "h", "n"];
    const CLAMP_WHEN_REFRACTORY: bool = false;

    #[inline(always)]
    fn deriv(&self, x: &[R; 4], i_syn: R, i_pa: R) -> [R; 4] {
        let v = x[0];
        let (gna, gk) = self.channel_conductances(x);
        let dv = (self.g_l * (self.e_l - v) - gna * (v - self.e_na) - gk * (v - self.e_k) + i_syn + i_pa) * self.inv_c;
        let [(am, bm), (ah, bh), (an, bn)] = self.rates(v);
        [dv, am * (R::ONE - x[1]) - bm * x[1], ah * (R::ONE - x[2]) - bh * x[2], an * (R::ONE - x[3]) - bn * x[3]]
    }

    /// Each variable obeys dx/dt = A − B·x with the others frozen at the step start; solved exactly
    /// (Brian2's `exponential_euler`).
    #[inline(always)]
    fn exp_euler(&self, x: &[R; 4], s: &Syn<R>, nmda: bool, mg: R, i_pa: R, dt: R) -> [R; 4] {
        let v0 = x[0];
        let (gna, gk) = self.channel_conductances(x);
        let mut gt = self.g_l + gna + gk + s.g;
        let mut ge = self.g_l * self.e_l + gna * self.e_na + gk * self.e_k + s.ge + i_pa;
        if nmda {
            let b = super::mg_block(v0, mg);
            gt += b * s.gn;
            ge += b * s.gne;
        }
        let v_inf = ge / gt;
        let mut out = [v_inf + (v0 - v_inf) * (-(gt * self.inv_c) * dt).exp_k(), R::ZERO, R::ZERO, R::ZERO];
        for (k, (a, b)) in self.rates(v0).iter().enumerate() {
            let tot = *a + *b;
            let x_inf = *a / tot;
            out[k + 1] = x_inf + (x[k + 1] - x_inf) * (-(tot * dt)).exp_k();
        }
        out
    }

    #[inline]
    fn threshold(&self) -> R {
        self.v_spike
    }

    #[inline]
    fn reset(&self, _x: &mut [R; 4]) -> R {
        self.t_ref
    }
}

/// Steady-state gating values at potential v (initial conditions).
pub fn gating_steady_state<R: Real>(hh: &Hh<R>, v: R) -> [R; 3] {
    let r = hh.rates(v);
    [r[0].0 / (r[0].0 + r[0].1), r[1].0 / (r[1].0 + r[1].1), r[2].0 / (r[2].0 + r[2].1)]
}
