//! One receptor type on a population: reversal potential, kinetics, per-neuron conductance state and
//! the delay ring of incoming conductance increments.
//!
//! Waveform (MODEL.md §3.2): a unit increment at t_s gives g(t) = N·(e^{−(t−t_s)/τ_d} − e^{−(t−t_s)/τ_r}),
//! N normalising the peak to 1, held as two exactly decaying variables g_d, g_r (g = N·(g_d − g_r)).
//! τ_r = 0 gives a single exponential, g = g_d.

use crate::error::{Error, Result};
use crate::math::{exp_f64, ln_f64, Real};

pub const RECEPTOR_PARAMS: &[&str] =
    &["E_rev_mV", "tau_rise_ms", "tau_decay_ms", "nmda", "Mg_mM", "g_init_nS", "g_init_sd_nS"];

#[derive(Clone, Debug)]
pub struct Receptor<R> {
    pub e_rev: R,
    pub nmda: bool,
    pub mg_mm: f64,
    pub tau_rise_ms: f64,
    pub tau_decay_ms: f64,
    pub g_init: f64,
    pub g_init_sd: f64,
    /// N of the waveform (1 for a single exponential).
    pub norm: R,
    /// e^{−c·dt/τ_d} and e^{−c·dt/τ_r} for c = 0, ½, 1.
    pub decay: [R; 3],
    pub rise: [R; 3],
    pub gd: Vec<R>,
    pub gr: Vec<R>,
    /// Conductance increments due at future steps: slot (step mod depth), n entries each. Empty
    /// when every projection onto this receptor has a one-step delay: those spikes are added to
    /// `gd` directly (it already holds g at the start of the next step).
    pub ring: Vec<R>,
    pub depth: usize,
}

/// Peak time and normalisation of the double exponential (MODEL.md §3.2).
pub fn peak_norm(tau_rise: f64, tau_decay: f64) -> (f64, f64) {
    if tau_rise <= 0.0 {
        return (0.0, 1.0);
    }
    let tp = tau_rise * tau_decay / (tau_decay - tau_rise) * ln_f64(tau_decay / tau_rise);
    (tp, 1.0 / (exp_f64(-tp / tau_decay) - exp_f64(-tp / tau_rise)))
}

impl<R: Real> Receptor<R> {
    pub fn from_params(p: &[f64], field: &str) -> Result<Receptor<R>> {
        let f = |i: usize| format!("{}.{}", field, RECEPTOR_PARAMS[i]);
        if p.len() != RECEPTOR_PARAMS.len() {
            return Err(Error::invalid(
                field,
                format!("expected {} receptor parameters, got {}", RECEPTOR_PARAMS.len(), p.len()),
            ));
        }
        if !p.iter().all(|x| x.is_finite()) {
            let i = p.iter().position(|x| !x.is_finite()).unwrap_or(0);
            return Err(Error::invalid(f(i), "must be a finite number"));
        }
        if p[1] < 0.0 {
            return Err(Error::invalid(f(1), format!("must be ≥ 0 (0 = single exponential), got {}", p[1])));
        }
        if p[2] <= 0.0 {
            return Err(Error::invalid(f(2), format!("must be > 0, got {}", p[2])));
        }
        if p[1] > 0.0 && p[1] >= p[2] {
            return Err(Error::invalid(f(1), format!("must be < tau_decay_ms ({}), got {}", p[2], p[1])));
        }
        if p[4] < 0.0 {
            return Err(Error::invalid(f(4), format!("must be ≥ 0, got {}", p[4])));
        }
        let (_, norm) = peak_norm(p[1], p[2]);
        Ok(Receptor {
            e_rev: R::from_f64(p[0]),
            nmda: p[3] != 0.0,
            mg_mm: p[4],
            tau_rise_ms: p[1],
            tau_decay_ms: p[2],
            g_init: p[5],
            g_init_sd: p[6],
            norm: R::from_f64(norm),
            decay: [R::ONE; 3],
            rise: [R::ZERO; 3],
            gd: Vec::new(),
            gr: Vec::new(),
            ring: Vec::new(),
            depth: 1,
        })
    }

    pub fn is_double(&self) -> bool {
        self.tau_rise_ms > 0.0
    }

    /// Allocate state for `n` neurons and a ring deep enough for `max_delay` steps.
    pub fn allocate(&mut self, n: usize, max_delay: usize, dt: f64) {
        self.depth = max_delay + 1;
        self.gd = vec![R::ZERO; n];
        self.gr = if self.is_double() { vec![R::ZERO; n] } else { Vec::new() };
        self.ring = if max_delay > 1 { vec![R::ZERO; n * self.depth] } else { Vec::new() };
        for (c, frac) in [0.0, 0.5, 1.0].iter().enumerate() {
            self.decay[c] = R::from_f64(exp_f64(-frac * dt / self.tau_decay_ms));
            self.rise[c] = if self.is_double() { R::from_f64(exp_f64(-frac * dt / self.tau_rise_ms)) } else { R::ZERO };
        }
    }

    /// Add the increments due at this step (ring slot) to the conductance state and clear the slot.
    pub fn deliver(&mut self, step: u64) {
        if self.ring.is_empty() {
            return;
        }
        let n = self.gd.len();
        let base = (step % self.depth as u64) as usize * n;
        let double = self.is_double();
        let slot = &mut self.ring[base..base + n];
        let gd = &mut self.gd[..n];
        for i in 0..n {
            gd[i] += slot[i];
        }
        if double {
            let gr = &mut self.gr[..n];
            for i in 0..n {
                gr[i] += slot[i];
            }
        }
        for s in slot.iter_mut() {
            *s = R::ZERO;
        }
    }

    /// Conductance of neuron i at stage offset c (0, ½, 1 of the step).
    #[inline]
    pub fn g_at(&self, i: usize, c: usize) -> R {
        if self.is_double() {
            self.norm * (self.gd[i] * self.decay[c] - self.gr[i] * self.rise[c])
        } else {
            self.gd[i] * self.decay[c]
        }
    }

    /// Conductance of neuron i at an arbitrary offset s (ms) into the step (adaptive integrator).
    #[inline]
    pub fn g_at_time(&self, i: usize, s_ms: f64) -> R {
        let d = R::from_f64(exp_f64(-s_ms / self.tau_decay_ms));
        if self.is_double() {
            let r = R::from_f64(exp_f64(-s_ms / self.tau_rise_ms));
            self.norm * (self.gd[i] * d - self.gr[i] * r)
        } else {
            self.gd[i] * d
        }
    }

    /// Exact decay over one full step.
    pub fn decay_step(&mut self) {
        let (d, r) = (self.decay[2], self.rise[2]);
        for g in self.gd.iter_mut() {
            *g *= d;
        }
        for g in self.gr.iter_mut() {
            *g *= r;
        }
    }
}
