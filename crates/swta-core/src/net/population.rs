//! A population: one neuron model, n neurons, state as structure of arrays, its receptors, its inputs
//! (bias, OU noise) and the per-step phases deliver → sums → integrate → detect.

use super::integrate::{integrate_dopri, integrate_exp_euler, integrate_fused, integrate_rk, DopriCtx, FusedSyn};
use super::receptor::Receptor;
use super::spikes::SpikeSpace;
use crate::error::{Error, Result};
use crate::math::{exp_f64, ln_f64, Real, Rng};
use crate::neuron::{gating_steady_state, param_names, AdEx, Dynamics, Hh, Lif, ModelKind, COMMON_PARAMS};
use crate::ode::{Euler, Method, Midpoint, OdeStats, Rk4};

#[derive(Clone, Debug)]
pub enum Kind<R> {
    Lif(Lif<R>),
    AdEx(AdEx<R>),
    Hh(Hh<R>),
    Poisson,
}

/// Membrane state, one array per variable (x[0] = V), plus refractory time left (ms) and V at the
/// start of the step (for interpolated spike times).
#[derive(Clone, Debug, Default)]
pub struct Membrane<R> {
    pub vars: [Vec<R>; 4],
    pub refr: Vec<R>,
    pub v_prev: Vec<R>,
}

/// Σ g and Σ g·E (non-NMDA, NMDA) per neuron at one stage offset.
#[derive(Clone, Debug, Default)]
pub struct Sums<R> {
    pub g: Vec<R>,
    pub ge: Vec<R>,
    pub gn: Vec<R>,
    pub gne: Vec<R>,
}

/// Ornstein–Uhlenbeck current noise: τ dI/dt = −I + σ√(2τ) ξ, updated exactly:
/// I ← I·e^{−dt/τ} + σ·√(1 − e^{−2dt/τ})·N(0,1).
#[derive(Clone, Copy, Debug)]
pub struct Noise {
    pub tau_ms: f64,
    pub sigma_pa: f64,
}

#[derive(Clone, Debug)]
pub struct Population<R> {
    pub model: ModelKind,
    /// Model parameters followed by COMMON_PARAMS (Poisson: [rate_Hz]).
    pub params: Vec<f64>,
    pub kind: Kind<R>,
    pub n: usize,
    pub mem: Membrane<R>,
    pub receptors: Vec<Receptor<R>>,
    pub sums: [Sums<R>; 3],
    pub i_ext: Vec<R>,
    pub noise: Option<Noise>,
    pub noise_i: Vec<f64>,
    /// Last accepted adaptive step per neuron (ms).
    pub h_last: Vec<f64>,
    pub rng: Rng,
    /// Poisson sources: index of the next spike in the flattened (step, train) sequence.
    pub next_spike: Option<u64>,
}

pub fn validate_params(model: ModelKind, p: &[f64], field: &str) -> Result<()> {
    let names = param_names(model);
    let want = names.len() + if model == ModelKind::Poisson { 0 } else { COMMON_PARAMS.len() };
    if p.len() != want {
        return Err(Error::invalid(
            format!("{}.params", field),
            format!("expected {} parameters, got {}", want, p.len()),
        ));
    }
    let name = |i: usize| if i < names.len() { names[i] } else { COMMON_PARAMS[i - names.len()] };
    for (i, x) in p.iter().enumerate() {
        if !x.is_finite() {
            return Err(Error::invalid(
                format!("{}.{}", field, name(i)),
                format!("must be a finite number, got {}", x),
            ));
        }
        let positive = matches!(name(i), "C_pF" | "g_L_nS" | "tau_w_ms");
        let non_negative = matches!(
            name(i),
            "t_ref_ms" | "delta_T_mV" | "g_Na_nS" | "g_K_nS" | "rate_Hz" | "V_init_uniform_mV" | "V_init_sd_mV"
        );
        if positive && *x <= 0.0 {
            return Err(Error::invalid(format!("{}.{}", field, name(i)), format!("must be > 0, got {}", x)));
        }
        if non_negative && *x < 0.0 {
            return Err(Error::invalid(format!("{}.{}", field, name(i)), format!("must be ≥ 0, got {}", x)));
        }
    }
    if model == ModelKind::AdEx && p[4] > 0.0 && p[5] <= p[3] {
        return Err(Error::invalid(
            format!("{}.V_peak_mV", field),
            format!("must be > V_T_mV ({}), got {}", p[3], p[5]),
        ));
    }
    Ok(())
}

impl<R: Real> Population<R> {
    pub fn new(model: ModelKind, n: usize, params: &[f64], rng: Rng, field: &str) -> Result<Population<R>> {
        validate_params(model, params, field)?;
        let kind = make_kind::<R>(model, params);
        Ok(Population {
            model,
            params: params.to_vec(),
            kind,
            n,
            mem: Membrane::default(),
            receptors: Vec::new(),
            sums: Default::default(),
            i_ext: Vec::new(),
            noise: None,
            noise_i: Vec::new(),
            h_last: Vec::new(),
            rng,
            next_spike: None,
        })
    }

    pub fn is_source(&self) -> bool {
        self.model == ModelKind::Poisson
    }

    pub fn n_vars(&self) -> usize {
        match self.kind {
            Kind::Lif(_) => 1,
            Kind::AdEx(_) => 2,
            Kind::Hh(_) => 4,
            Kind::Poisson => 0,
        }
    }

    fn common(&self, k: usize) -> f64 {
        self.params[param_names(self.model).len() + k]
    }

    /// Poisson sources: each of the n trains fires in a step with probability p = rate·dt. Instead of
    /// one uniform per train per step, draw the gap to the next spike in the flattened (step, train)
    /// sequence, ⌊ln U / ln(1 − p)⌋ (geometric): the cost follows the number of spikes.
    fn poisson_step(&mut self, t_end: f64, dt: f64, out: &mut SpikeSpace) {
        let p = (self.params[0] * dt * 1e-3).min(1.0);
        if p <= 0.0 {
            self.next_spike = None;
            return;
        }
        let log_q = if p < 1.0 { ln_f64(1.0 - p) } else { f64::NEG_INFINITY };
        let n = self.n as u64;
        let mut next = match self.next_spike {
            Some(k) => k,
            None => self.rng.geometric(log_q),
        };
        while next < n {
            out.push(next as u32, t_end);
            next += 1 + self.rng.geometric(log_q);
        }
        self.next_spike = Some(next - n);
    }

    /// Change one parameter (between runs); derived constants are recomputed.
    pub fn set_param(&mut self, index: usize, value: f64, field: &str) -> Result<()> {
        let mut p = self.params.clone();
        if index >= p.len() {
            return Err(Error::invalid(field, format!("parameter index must be < {}, got {}", p.len(), index)));
        }
        p[index] = value;
        validate_params(self.model, &p, field)?;
        self.kind = make_kind::<R>(self.model, &p);
        self.params = p;
        self.next_spike = None; // a new rate starts a new gap sequence
        Ok(())
    }

    /// Allocate state and draw initial conditions (V0, gating at steady state, initial conductances).
    pub fn allocate(&mut self, max_delays: &[usize], dt: f64) {
        let n = self.n;
        for (r, rec) in self.receptors.iter_mut().enumerate() {
            rec.allocate(n, max_delays[r], dt);
        }
        self.h_last = vec![dt; n];
        if self.is_source() {
            return;
        }
        for k in 0..self.n_vars() {
            self.mem.vars[k] = vec![R::ZERO; n];
        }
        self.mem.refr = vec![R::ZERO; n];
        self.mem.v_prev = vec![R::ZERO; n];
        self.i_ext = vec![R::ZERO; n];
        self.noise_i = vec![0.0; n];
        for s in self.sums.iter_mut() {
            *s = Sums { g: vec![R::ZERO; n], ge: vec![R::ZERO; n], gn: vec![R::ZERO; n], gne: vec![R::ZERO; n] };
        }
        let (v0, width, sd) = (self.common(1), self.common(2), self.common(3));
        for i in 0..n {
            let mut v = v0;
            if width > 0.0 {
                v += width * self.rng.uniform();
            }
            if sd > 0.0 {
                v += sd * self.rng.normal();
            }
            self.mem.vars[0][i] = R::from_f64(v);
            if let Kind::Hh(hh) = &self.kind {
                let g = gating_steady_state(hh, R::from_f64(v));
                for k in 0..3 {
                    self.mem.vars[k + 1][i] = g[k];
                }
            }
        }
        for rec in self.receptors.iter_mut() {
            let scale = 1.0 / rec.norm.to_f64();
            for i in 0..n {
                let mut g = rec.g_init;
                if rec.g_init_sd > 0.0 {
                    g += rec.g_init_sd * self.rng.normal();
                }
                rec.gd[i] = R::from_f64(g * scale);
            }
        }
    }

    /// Phase 1: increments due at this step join the conductances.
    pub fn deliver(&mut self, step: u64) {
        for rec in self.receptors.iter_mut() {
            rec.deliver(step);
        }
    }

    /// Phase 2: the external current for this step: bias + OU noise (current inputs are added by the
    /// network afterwards).
    pub fn prepare_inputs(&mut self, dt: f64) {
        if self.is_source() {
            return;
        }
        let bias = R::from_f64(self.common(0));
        if let Some(nz) = self.noise {
            let e = exp_f64(-dt / nz.tau_ms);
            let amp = nz.sigma_pa * (1.0 - e * e).sqrt();
            for i in 0..self.n {
                self.noise_i[i] = self.noise_i[i] * e + amp * self.rng.normal();
                self.i_ext[i] = bias + R::from_f64(self.noise_i[i]);
            }
        } else {
            for x in self.i_ext.iter_mut() {
                *x = bias;
            }
        }
    }

    /// Σg, Σg·E at the stage offsets the method uses.
    fn syn_sums(&mut self, uses: [bool; 3]) {
        let n = self.n;
        let has_nmda = self.receptors.iter().any(|r| r.nmda);
        for (c, s) in self.sums.iter_mut().enumerate() {
            if !uses[c] {
                continue;
            }
            let arrays: [&mut Vec<R>; 4] = [&mut s.g, &mut s.ge, &mut s.gn, &mut s.gne];
            for (k, v) in arrays.into_iter().enumerate() {
                if k < 2 || has_nmda {
                    for x in v.iter_mut() {
                        *x = R::ZERO;
                    }
                }
            }
            for rec in self.receptors.iter() {
                let (gs, ges) =
                    if rec.nmda { (&mut s.gn[..n], &mut s.gne[..n]) } else { (&mut s.g[..n], &mut s.ge[..n]) };
                let (e, d, gd) = (rec.e_rev, rec.decay[c], &rec.gd[..n]);
                if rec.is_double() {
                    // g = N·(g_d·e^{−c dt/τd} − g_r·e^{−c dt/τr})
                    let (nd, nr, gr) = (rec.norm * d, rec.norm * rec.rise[c], &rec.gr[..n]);
                    for i in 0..n {
                        let g = gd[i] * nd - gr[i] * nr;
                        gs[i] += g;
                        ges[i] += g * e;
                    }
                } else {
                    for i in 0..n {
                        let g = gd[i] * d;
                        gs[i] += g;
                        ges[i] += g * e;
                    }
                }
            }
        }
    }

    fn nmda(&self) -> (bool, R) {
        match self.receptors.iter().find(|r| r.nmda) {
            Some(r) => (true, R::from_f64(r.mg_mm / 3.57)),
            None => (false, R::ZERO),
        }
    }

    /// Phases 3–4: integrate from t to t + dt, decay conductances, detect spikes into `out`.
    #[allow(clippy::too_many_arguments)]
    pub fn advance(
        &mut self,
        method: Method,
        t_ms: f64,
        dt: f64,
        interpolate: bool,
        tol: (f64, f64),
        stats: &mut OdeStats,
        out: &mut SpikeSpace,
    ) {
        out.clear();
        if self.is_source() {
            self.poisson_step(t_ms + dt, dt, out);
            return;
        }
        if method != Method::Dopri5 && self.fusable() {
            self.advance_fused(method, t_ms, dt, interpolate, out);
            return;
        }
        let (nmda, mg) = self.nmda();
        let uses = match method {
            Method::Rk2 => [true, true, false],
            Method::Rk4 => [true, true, true],
            Method::Dopri5 => [false, false, false],
            _ => [true, false, false],
        };
        self.syn_sums(uses);
        let dtr = R::from_f64(dt);
        let (mem, sums, iext) = (&mut self.mem, &self.sums, &self.i_ext[..]);
        macro_rules! run {
            ($m:expr) => {{
                let m = $m;
                match method {
                    Method::Euler if nmda => integrate_rk::<R, _, Euler, true>(m, mem, sums, iext, mg, dtr),
                    Method::Euler => integrate_rk::<R, _, Euler, false>(m, mem, sums, iext, mg, dtr),
                    Method::Rk2 if nmda => integrate_rk::<R, _, Midpoint, true>(m, mem, sums, iext, mg, dtr),
                    Method::Rk2 => integrate_rk::<R, _, Midpoint, false>(m, mem, sums, iext, mg, dtr),
                    Method::Rk4 if nmda => integrate_rk::<R, _, Rk4, true>(m, mem, sums, iext, mg, dtr),
                    Method::Rk4 => integrate_rk::<R, _, Rk4, false>(m, mem, sums, iext, mg, dtr),
                    Method::ExpEuler => integrate_exp_euler(m, mem, sums, iext, nmda, mg, dtr),
                    Method::Dopri5 => {
                        let ctx = DopriCtx {
                            receptors: &self.receptors,
                            iext,
                            nmda,
                            mg,
                            t0: t_ms,
                            dt,
                            rtol: tol.0,
                            atol: tol.1,
                        };
                        integrate_dopri(m, mem, &mut self.h_last, &ctx, stats, out);
                    }
                }
                if method != Method::Dopri5 {
                    detect(m, mem, t_ms, dtr, interpolate, out);
                }
            }};
        }
        match &self.kind {
            Kind::Lif(m) => run!(m),
            Kind::AdEx(m) => run!(m),
            Kind::Hh(m) => run!(m),
            Kind::Poisson => {}
        }
        for rec in self.receptors.iter_mut() {
            rec.decay_step();
        }
    }
}

impl<R: Real> Population<R> {
    /// The fused kernel applies: 1–4 receptors, all single exponentials without Mg²⁺ block. Not on
    /// wasm32: LLVM 14 (Debian's rustc 1.63) leaves its loop scalar there, and the phase-by-phase path
    /// vectorises with SIMD128 and measured 1.4× faster. Both paths give identical results.
    fn fusable(&self) -> bool {
        !cfg!(target_arch = "wasm32")
            && (1..=4).contains(&self.receptors.len())
            && self.receptors.iter().all(|r| !r.nmda && !r.is_double())
    }

    fn advance_fused(&mut self, method: Method, t_ms: f64, dt: f64, interpolate: bool, out: &mut SpikeSpace) {
        let dtr = R::from_f64(dt);
        let n = self.n;
        let (mem, iext) = (&mut self.mem, &self.i_ext[..]);
        macro_rules! go {
            ($nr:literal) => {{
                let mut it = self.receptors.iter_mut();
                let mut recs: [Option<&mut Receptor<R>>; $nr] = Default::default();
                for slot in recs.iter_mut() {
                    *slot = it.next();
                }
                let e_rev = [R::ZERO; $nr];
                let mut syn = FusedSyn { gd: Default::default(), e_rev, decay: [[R::ONE; 3]; $nr] };
                for (r, rec) in recs.into_iter().enumerate() {
                    if let Some(rec) = rec {
                        syn.e_rev[r] = rec.e_rev;
                        syn.decay[r] = rec.decay;
                        syn.gd[r] = &mut rec.gd[..n];
                    }
                }
                macro_rules! model {
                    ($m:expr) => {{
                        let m = $m;
                        match method {
                            Method::Euler => integrate_fused::<R, _, Euler, $nr, false>(m, mem, &mut syn, iext, dtr),
                            Method::Rk2 => integrate_fused::<R, _, Midpoint, $nr, false>(m, mem, &mut syn, iext, dtr),
                            Method::Rk4 => integrate_fused::<R, _, Rk4, $nr, false>(m, mem, &mut syn, iext, dtr),
                            _ => integrate_fused::<R, _, Euler, $nr, true>(m, mem, &mut syn, iext, dtr),
                        }
                        detect(m, mem, t_ms, dtr, interpolate, out);
                    }};
                }
                match &self.kind {
                    Kind::Lif(m) => model!(m),
                    Kind::AdEx(m) => model!(m),
                    Kind::Hh(m) => model!(m),
                    Kind::Poisson => {}
                }
            }};
        }
        match self.receptors.len() {
            1 => go!(1),
            2 => go!(2),
            3 => go!(3),
            _ => go!(4),
        }
    }
}

fn make_kind<R: Real>(model: ModelKind, p: &[f64]) -> Kind<R> {
    match model {
        ModelKind::Lif => Kind::Lif(Lif::from_params(p)),
        ModelKind::AdEx => Kind::AdEx(AdEx::from_params(p)),
        ModelKind::Hh => Kind::Hh(Hh::from_params(p)),
        ModelKind::Poisson => Kind::Poisson,
    }
}

/// Threshold, reset and refractory countdown after a fixed step. A spike is V reaching the
/// threshold from below (V ≥ θ for integrate-and-fire models, whose V was below θ after the last
/// reset). Interpolated time: t + dt·(θ − V_prev)/(V − V_prev).
fn detect<R: Real, M: Dynamics<R>>(
    m: &M,
    mem: &mut Membrane<R>,
    t_ms: f64,
    dt: R,
    interpolate: bool,
    out: &mut SpikeSpace,
) {
    let theta = m.threshold();
    let half = dt * R::from_f64(0.5);
    let n = mem.refr.len();
    let (refr, v_prev) = (&mut mem.refr[..n], &mem.v_prev[..n]);
    let v = &mem.vars[0][..n];
    let start = out.len();
    // Countdown without branches: refr ← max(refr − dt, −dt). A neuron was refractory during this
    // step iff refr > dt/2 before, i.e. iff refr > −dt/2 now.
    let floor = -dt;
    for r in refr.iter_mut() {
        *r = (*r - dt).max(floor);
    }
    let neg_half = -half;
    let fires = |i: usize| {
        let crossed = if M::CLAMP_WHEN_REFRACTORY { v[i] >= theta } else { (v[i] >= theta) & (v_prev[i] < theta) };
        crossed & (refr[i] <= neg_half)
    };
    // Scan in blocks: a branch-free (vectorised) test per block, the scalar pass only where a block
    // holds a spike — most blocks hold none.
    const BLOCK: usize = 32;
    let mut start_i = 0;
    while start_i < n {
        let end = (start_i + BLOCK).min(n);
        let mut any = false;
        for i in start_i..end {
            any |= fires(i);
        }
        if any {
            for i in start_i..end {
                if fires(i) {
                    out.push(i as u32, 0.0);
                }
            }
        }
        start_i = end;
    }
    for k in start..out.len() {
        let i = out.ids[k] as usize;
        let (v, vp) = (mem.vars[0][i], mem.v_prev[i]);
        let frac = if interpolate && v > vp { ((theta - vp) / (v - vp)).to_f64().max(0.0).min(1.0) } else { 1.0 };
        out.t_ms[k] = t_ms + frac * dt.to_f64();
        let mut x = [R::ZERO; 4];
        for q in 0..M::NV {
            x[q] = mem.vars[q][i];
        }
        mem.refr[i] = m.reset(&mut x);
        for q in 0..M::NV {
            mem.vars[q][i] = x[q];
        }
    }
}
