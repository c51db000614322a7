//! The membrane kernels: one loop over neurons per method, generic over the model (`Dynamics`) and,
//! for explicit RK, over the Butcher tableau. Every array is re-sliced to n before the loop so that
//! bounds checks vanish and the loop body stays branch-light for auto-vectorisation.

use super::population::{Membrane, Sums};
use super::receptor::Receptor;
use super::spikes::SpikeSpace;
use crate::math::Real;
use crate::neuron::{Dynamics, Syn};
use crate::ode::dopri5::{self, Dense};
use crate::ode::{OdeStats, Tableau};

#[inline]
fn syn_at<R: Real>(s: &Sums<R>, i: usize, nmda: bool) -> Syn<R> {
    if nmda {
        Syn { g: s.g[i], ge: s.ge[i], gn: s.gn[i], gne: s.gne[i] }
    } else {
        Syn { g: s.g[i], ge: s.ge[i], gn: R::ZERO, gne: R::ZERO }
    }
}

#[inline]
fn load<R: Real, M: Dynamics<R>>(mem: &Membrane<R>, i: usize) -> [R; 4] {
    let mut x = [R::ZERO; 4];
    for k in 0..M::NV {
        x[k] = mem.vars[k][i];
    }
    x
}

#[inline]
fn store<R: Real, M: Dynamics<R>>(mem: &mut Membrane<R>, i: usize, x: &[R; 4]) {
    for k in 0..M::NV {
        mem.vars[k][i] = x[k];
    }
}

/// One explicit RK step of one neuron: k_s = f_s(x + dt Σ_j A[s][j] k_j), x ← x + dt Σ_s B[s] k_s,
/// where `f(s, x)` evaluates the derivative at stage s (its inputs at offset C[s]).
#[inline(always)]
fn rk_step<R: Real, M: Dynamics<R>, T: Tableau>(x0: &[R; 4], dt: R, f: impl Fn(usize, &[R; 4]) -> [R; 4]) -> [R; 4] {
    let mut k = [[R::ZERO; 4]; 4];
    for s in 0..T::STAGES {
        let mut xs = *x0;
        for j in 0..s {
            let a = R::from_f64(T::A[s][j]) * dt;
            for q in 0..M::NV {
                xs[q] += a * k[j][q];
            }
        }
        k[s] = f(s, &xs);
    }
    let mut x = *x0;
    for s in 0..T::STAGES {
        let b = R::from_f64(T::B[s]) * dt;
        for q in 0..M::NV {
            x[q] += b * k[s][q];
        }
    }
    x
}

/// The per-neuron frame shared by the fixed-step kernels: load x, `update` it over the step, hold
/// V while refractory (integrate-and-fire models; the other variables move on), keep V_prev, store.
#[inline(always)]
fn per_neuron<R: Real, M: Dynamics<R>>(mem: &mut Membrane<R>, dt: R, update: impl Fn(usize, &[R; 4]) -> [R; 4]) {
    let half = dt * R::from_f64(0.5);
    for i in 0..mem.refr.len() {
        let x0 = load::<R, M>(mem, i);
        let mut x = update(i, &x0);
        if M::CLAMP_WHEN_REFRACTORY && mem.refr[i] > half {
            x[0] = x0[0];
        }
        mem.v_prev[i] = x0[0];
        store::<R, M>(mem, i, &x);
    }
}

/// Explicit RK step: k_s = f(x + dt Σ_j A[s][j] k_j, t + C[s] dt); x ← x + dt Σ_s B[s] k_s.
/// While refractory, V is held (integrate-and-fire models) and the other variables move on.
pub fn integrate_rk<R: Real, M: Dynamics<R>, T: Tableau, const NMDA: bool>(
    m: &M,
    mem: &mut Membrane<R>,
    sums: &[Sums<R>; 3],
    iext: &[R],
    mg: R,
    dt: R,
) {
    let iext = &iext[..mem.refr.len()];
    per_neuron::<R, M>(mem, dt, |i, x0| {
        rk_step::<R, M, T>(x0, dt, |s, xs| {
            let syn = syn_at(&sums[T::CI[s]], i, NMDA);
            m.deriv(xs, syn.current::<NMDA>(xs[0], mg), iext[i])
        })
    });
}

/// Exponential Euler: each model's exact-linear update with inputs frozen at the step start.
pub fn integrate_exp_euler<R: Real, M: Dynamics<R>>(
    m: &M,
    mem: &mut Membrane<R>,
    sums: &[Sums<R>; 3],
    iext: &[R],
    nmda: bool,
    mg: R,
    dt: R,
) {
    let iext = &iext[..mem.refr.len()];
    per_neuron::<R, M>(mem, dt, |i, x0| m.exp_euler(x0, &syn_at(&sums[0], i, nmda), nmda, mg, iext[i], dt));
}

/// What the adaptive integrator needs besides the membrane state.
pub struct DopriCtx<'a, R> {
    pub receptors: &'a [Receptor<R>],
    pub iext: &'a [R],
    pub nmda: bool,
    pub mg: R,
    /// Step start (ms) and length (ms).
    pub t0: f64,
    pub dt: f64,
    pub rtol: f64,
    pub atol: f64,
}

impl<'a, R: Real> DopriCtx<'a, R> {
    /// f(x) at offset s (ms) into the step, with the exact conductance trajectories.
    fn f<M: Dynamics<R>>(&self, m: &M, i: usize, s: f64, x: &[f64; 4]) -> [f64; 4] {
        let mut syn = Syn::<R>::default();
        for rec in self.receptors {
            let g = rec.g_at_time(i, s);
            if rec.nmda {
                syn.gn += g;
                syn.gne += g * rec.e_rev;
            } else {
                syn.g += g;
                syn.ge += g * rec.e_rev;
            }
        }
        let xr = [R::from_f64(x[0]), R::from_f64(x[1]), R::from_f64(x[2]), R::from_f64(x[3])];
        let i_syn = if self.nmda { syn.current::<true>(xr[0], self.mg) } else { syn.current::<false>(xr[0], self.mg) };
        let d = m.deriv(&xr, i_syn, self.iext[i]);
        [d[0].to_f64(), d[1].to_f64(), d[2].to_f64(), d[3].to_f64()]
    }
}

/// Adaptive Dormand–Prince 5(4) per neuron over [t0, t0 + dt]. A threshold crossing inside an
/// accepted sub-step is located on the dense output by bisection (to 1e-12 ms); the spike is reset
/// there and integration resumes after the refractory period, so spike times are not tied to the grid.
pub fn integrate_dopri<R: Real, M: Dynamics<R>>(
    m: &M,
    mem: &mut Membrane<R>,
    h_last: &mut [f64],
    ctx: &DopriCtx<R>,
    stats: &mut OdeStats,
    out: &mut SpikeSpace,
) {
    let n = mem.refr.len();
    let theta = m.threshold().to_f64();
    for i in 0..n {
        let x0r = load::<R, M>(mem, i);
        let mut x = [x0r[0].to_f64(), x0r[1].to_f64(), x0r[2].to_f64(), x0r[3].to_f64()];
        mem.v_prev[i] = x0r[0];
        let refr0 = mem.refr[i].to_f64();
        // Clamped models start integrating when the refractory period ends; HH integrates throughout
        // but may not spike before `refr_end`.
        let mut s = if M::CLAMP_WHEN_REFRACTORY { refr0.min(ctx.dt) } else { 0.0 };
        let mut refr_end = refr0;
        let mut h = h_last[i].min(ctx.dt).max(1e-9);
        while s < ctx.dt * (1.0 - 1e-12) {
            h = h.min(ctx.dt - s);
            let (y1, err, k) = dopri_step(m, ctx, i, s, &x, h, M::NV);
            stats.evaluations += 7;
            if err > 1.0 {
                stats.rejected += 1;
                h *= dopri5::step_factor(err);
                continue;
            }
            stats.accepted += 1;
            let crossed = if M::CLAMP_WHEN_REFRACTORY {
                y1[0] >= theta
            } else {
                x[0] < theta && y1[0] >= theta && s + h > refr_end
            };
            let lo = ((refr_end - s) / h).max(0.0);
            let dense = Dense::new(&x, &y1, h, &k, M::NV);
            // HH already above threshold when its refractory period ends: no new spike.
            if crossed && (M::CLAMP_WHEN_REFRACTORY || dense.eval(lo.min(1.0), 0) < theta) {
                let th = locate(&dense, theta, lo);
                let ts = s + th * h;
                for q in 0..M::NV {
                    x[q] = dense.eval(th, q);
                }
                out.push(i as u32, ctx.t0 + ts);
                let mut xr = [R::from_f64(x[0]), R::from_f64(x[1]), R::from_f64(x[2]), R::from_f64(x[3])];
                let t_ref = m.reset(&mut xr).to_f64();
                x = [xr[0].to_f64(), xr[1].to_f64(), xr[2].to_f64(), xr[3].to_f64()];
                refr_end = ts + t_ref;
                s = if M::CLAMP_WHEN_REFRACTORY { (ts + t_ref).min(ctx.dt) } else { ts };
                continue;
            }
            x = y1;
            s += h;
            h *= dopri5::step_factor(err);
        }
        h_last[i] = h.max(1e-6);
        mem.refr[i] = R::from_f64((refr_end - ctx.dt).max(0.0));
        let xr = [R::from_f64(x[0]), R::from_f64(x[1]), R::from_f64(x[2]), R::from_f64(x[3])];
        store::<R, M>(mem, i, &xr);
    }
}

/// One Dormand–Prince step from (s, x) of size h: (y1, scaled error, stages).
fn dopri_step<R: Real, M: Dynamics<R>>(
    m: &M,
    ctx: &DopriCtx<R>,
    i: usize,
    s: f64,
    x: &[f64; 4],
    h: f64,
    nv: usize,
) -> ([f64; 4], f64, [[f64; 4]; 7]) {
    let mut k = [[0.0; 4]; 7];
    for st in 0..7 {
        let mut xs = *x;
        for j in 0..st {
            let a = dopri5::A[st][j] * h;
            if a != 0.0 {
                for q in 0..nv {
                    xs[q] += a * k[j][q];
                }
            }
        }
        k[st] = ctx.f(m, i, s + dopri5::C[st] * h, &xs);
    }
    let mut y1 = *x;
    let mut err2 = 0.0;
    for q in 0..nv {
        let mut dy = 0.0;
        let mut e = 0.0;
        for st in 0..7 {
            if st < 6 {
                dy += dopri5::A[6][st] * k[st][q];
            }
            e += dopri5::E[st] * k[st][q];
        }
        y1[q] = x[q] + h * dy;
        let sc = ctx.atol + ctx.rtol * x[q].abs().max(y1[q].abs());
        err2 += (h * e / sc) * (h * e / sc);
    }
    (y1, (err2 / nv as f64).sqrt(), k)
}

/// Smallest θ in [lo, 1] where the dense V reaches `theta` (bisection; V(1) ≥ theta is known).
fn locate(d: &Dense, theta: f64, lo: f64) -> f64 {
    let (mut a, mut b) = (lo.min(1.0), 1.0);
    if d.eval(a, 0) >= theta {
        return a;
    }
    for _ in 0..60 {
        let mid = 0.5 * (a + b);
        if d.eval(mid, 0) >= theta {
            b = mid;
        } else {
            a = mid;
        }
        if b - a < 1e-14 {
            break;
        }
    }
    b
}

/// Single-exponential, non-NMDA conductances of one population, for the fused kernel.
pub struct FusedSyn<'a, R, const NR: usize> {
    pub gd: [&'a mut [R]; NR],
    pub e_rev: [R; NR],
    /// e^{−c·dt/τ} for c = 0, ½, 1.
    pub decay: [[R; 3]; NR],
}

/// Fused step for the common case (every receptor a plain exponential, no NMDA): one pass per
/// neuron reads its conductances, integrates the membrane (`T`'s RK stages, or exponential Euler
/// when `EXP` is set), and decays the conductances to the step end. Same arithmetic, in the same
/// order, as sums → integrate → decay, so results equal the general path bit for bit; it only
/// saves the memory traffic of the intermediate sums.
pub fn integrate_fused<R: Real, M: Dynamics<R>, T: Tableau, const NR: usize, const EXP: bool>(
    m: &M,
    mem: &mut Membrane<R>,
    syn: &mut FusedSyn<R, NR>,
    iext: &[R],
    dt: R,
) {
    let n = mem.refr.len();
    let iext = &iext[..n];
    let half = dt * R::from_f64(0.5);
    let (refr, v_prev) = (&mem.refr[..n], &mut mem.v_prev[..n]);
    for r in 0..NR {
        assert!(syn.gd[r].len() >= n);
    }
    for i in 0..n {
        let mut x0 = [R::ZERO; 4];
        for k in 0..M::NV {
            x0[k] = mem.vars[k][i];
        }
        // Σg and Σg·E at the stage offsets, summed in receptor order like `syn_sums`.
        let mut g = [[R::ZERO; 2]; 3];
        for c in 0..3 {
            if (EXP && c == 0) || (!EXP && T::USES[c]) {
                for r in 0..NR {
                    let gc = syn.gd[r][i] * syn.decay[r][c];
                    g[c][0] += gc;
                    g[c][1] += gc * syn.e_rev[r];
                }
            }
        }
        let mut x = if EXP {
            m.exp_euler(&x0, &Syn { g: g[0][0], ge: g[0][1], gn: R::ZERO, gne: R::ZERO }, false, R::ZERO, iext[i], dt)
        } else {
            rk_step::<R, M, T>(&x0, dt, |s, xs| {
                let sy = Syn { g: g[T::CI[s]][0], ge: g[T::CI[s]][1], gn: R::ZERO, gne: R::ZERO };
                m.deriv(xs, sy.current::<false>(xs[0], R::ZERO), iext[i])
            })
        };
        if M::CLAMP_WHEN_REFRACTORY && refr[i] > half {
            x[0] = x0[0];
        }
        v_prev[i] = x0[0];
        for k in 0..M::NV {
            mem.vars[k][i] = x[k];
        }
        for r in 0..NR {
            syn.gd[r][i] *= syn.decay[r][2];
        }
    }
}
