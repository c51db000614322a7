//! The network: builder (populations, receptors, projections, inputs, monitors), build, and the step
//! loop. A step is a fixed sequence of phases:
//!   deliver due spikes → inputs → integrate + detect (per population) → propagate spikes into the
//!   delay rings (per projection) → monitors.
//! Time is an integer step count; t = step·dt.

use super::input::CurrentInput;
use super::monitor::{RateMonitor, SpikeRecord, StateMonitor, VAR_CONDUCTANCE, VAR_CURRENT};
use super::population::{Noise, Population};
use super::projection::{Projection, ProjectionSpec};
use super::receptor::Receptor;
use super::spikes::SpikeSpace;
use crate::error::{Error, ErrorKind, Result};
use crate::math::{Real, Rng};
use crate::neuron::ModelKind;
use crate::ode::{Method, OdeStats};

#[derive(Clone, Copy, Debug)]
pub struct NetConfig {
    pub dt_ms: f64,
    pub method: Method,
    pub seed: u64,
    /// Interpolate spike times within the step (fixed-step methods).
    pub interpolate: bool,
    /// Dormand–Prince tolerances.
    pub rtol: f64,
    pub atol: f64,
    /// Memory budget for state and synapses (bytes).
    pub budget_bytes: f64,
}

impl Default for NetConfig {
    fn default() -> Self {
        NetConfig {
            dt_ms: 0.1,
            method: Method::ExpEuler,
            seed: 1,
            interpolate: false,
            rtol: 1e-6,
            atol: 1e-6,
            budget_bytes: 1.0e9,
        }
    }
}

/// Most steps one `run` call may take (10⁷ = 1000 s at dt = 0.1 ms).
pub const MAX_STEPS_PER_CALL: u64 = 10_000_000;
/// Most recorded values (spikes, or state samples) held between drains: 2²⁵ (≈ 400 MB of spikes).
pub const MAX_RECORD: u64 = 1 << 25;

pub struct Network<R> {
    pub cfg: NetConfig,
    pub pops: Vec<Population<R>>,
    pub projs: Vec<Projection<R>>,
    pub currents: Vec<CurrentInput>,
    pub spaces: Vec<SpikeSpace>,
    pub records: Vec<SpikeRecord>,
    pub state_mons: Vec<StateMonitor>,
    pub rate_mons: Vec<RateMonitor>,
    pub spike_counts: Vec<u64>,
    pub step: u64,
    pub built: bool,
    pub stats: OdeStats,
    pub bytes: f64,
    by_pre: Vec<Vec<usize>>,
}

/// A network of either precision (what the ABI holds behind a handle).
pub enum AnyNetwork {
    F32(Network<f32>),
    F64(Network<f64>),
}

impl<R: Real> Network<R> {
    pub fn new(cfg: NetConfig) -> Result<Network<R>> {
        if !(cfg.dt_ms.is_finite() && cfg.dt_ms > 0.0 && cfg.dt_ms <= 10.0) {
            return Err(Error::invalid("dt_ms", format!("must be in (0, 10] ms, got {}", cfg.dt_ms)));
        }
        if !(cfg.rtol > 0.0 && cfg.atol > 0.0 && cfg.rtol < 1.0) {
            return Err(Error::invalid("tolerance", "rtol must be in (0, 1) and atol > 0"));
        }
        if !(cfg.budget_bytes > 0.0) {
            return Err(Error::invalid("budget_bytes", "must be > 0"));
        }
        Ok(Network {
            cfg,
            pops: Vec::new(),
            projs: Vec::new(),
            currents: Vec::new(),
            spaces: Vec::new(),
            records: Vec::new(),
            state_mons: Vec::new(),
            rate_mons: Vec::new(),
            spike_counts: Vec::new(),
            step: 0,
            built: false,
            stats: OdeStats::default(),
            bytes: 0.0,
            by_pre: Vec::new(),
        })
    }

    fn before_build(&self, what: &str) -> Result<()> {
        if self.built {
            return Err(Error::new(ErrorKind::State, what, "cannot change the structure of a built network"));
        }
        Ok(())
    }

    fn charge(&mut self, bytes: f64, field: &str) -> Result<()> {
        if self.bytes + bytes > self.cfg.budget_bytes {
            return Err(Error::new(
                ErrorKind::Budget,
                field,
                format!(
                    "would need about {:.0} MB, over the network's memory budget of {:.0} MB",
                    (self.bytes + bytes) / 1e6,
                    self.cfg.budget_bytes / 1e6
                ),
            ));
        }
        self.bytes += bytes;
        Ok(())
    }

    pub fn pop(&self, k: usize, field: &str) -> Result<&Population<R>> {
        self.pops.get(k).ok_or_else(|| {
            Error::new(ErrorKind::NotFound, field, format!("no population {} (there are {})", k, self.pops.len()))
        })
    }

    /// Add a population; returns its index.
    pub fn add_population(&mut self, model: ModelKind, n: usize, params: &[f64]) -> Result<usize> {
        let k = self.pops.len();
        let field = format!("populations[{}]", k);
        self.before_build(&field)?;
        if n == 0 || n > 10_000_000 {
            return Err(Error::invalid(format!("{}.n", field), format!("must be in [1, 10000000], got {}", n)));
        }
        self.charge(n as f64 * 12.0 * core::mem::size_of::<R>() as f64, &format!("{}.n", field))?;
        let rng = Rng::stream(self.cfg.seed, k as u64);
        self.pops.push(Population::new(model, n, params, rng, &field)?);
        Ok(k)
    }

    /// Add a receptor to population `pop`; returns its index within the population.
    pub fn add_receptor(&mut self, pop: usize, params: &[f64]) -> Result<usize> {
        let field = format!("populations[{}].receptors[{}]", pop, self.pops.get(pop).map_or(0, |p| p.receptors.len()));
        self.before_build(&field)?;
        self.pop(pop, "receptor.population")?;
        if self.pops[pop].is_source() {
            return Err(Error::invalid(field, "a Poisson source has no receptors"));
        }
        let rec = Receptor::from_params(params, &field)?;
        self.pops[pop].receptors.push(rec);
        Ok(self.pops[pop].receptors.len() - 1)
    }

    pub fn add_projection(&mut self, spec: &ProjectionSpec) -> Result<usize> {
        let k = self.projs.len();
        let field = format!("projections[{}]", k);
        self.before_build(&field)?;
        let n_pre = self.pop(spec.pre, &format!("{}.pre", field))?.n;
        let post = self.pop(spec.post, &format!("{}.post", field))?;
        if post.is_source() {
            return Err(Error::invalid(format!("{}.post", field), "a Poisson source cannot receive synapses"));
        }
        if spec.receptor >= post.receptors.len() {
            return Err(Error::new(
                ErrorKind::NotFound,
                format!("{}.receptor", field),
                format!("population {} has {} receptors, got index {}", spec.post, post.receptors.len(), spec.receptor),
            ));
        }
        let n_post = post.n;
        let expected = match spec.rule {
            super::Rule::FixedProbability(p) => p * n_pre as f64 * n_post as f64,
            super::Rule::FixedFanIn(kk) => kk as f64 * n_post as f64,
            super::Rule::OneToOne => n_pre as f64,
            super::Rule::Explicit => spec.explicit_pre.len() as f64,
        };
        self.charge(expected * (4.0 + core::mem::size_of::<R>() as f64 + 16.0) + 4.0 * n_pre as f64, &field)?;
        let mut rng = Rng::stream(self.cfg.seed, 1_000_000 + k as u64);
        let proj = Projection::build(spec, n_pre, n_post, self.cfg.dt_ms, &mut rng, &field)?;
        self.projs.push(proj);
        Ok(k)
    }

    pub fn add_current(&mut self, c: CurrentInput) -> Result<()> {
        let field = format!("currents[{}]", self.currents.len());
        let n = self.pop(c.pop, &format!("{}.population", field))?.n;
        if self.pops[c.pop].is_source() {
            return Err(Error::invalid(format!("{}.population", field), "a Poisson source takes no current"));
        }
        if c.count == 0 || c.first + c.count > n {
            return Err(Error::invalid(
                format!("{}.neurons", field),
                format!("range [{}, {}) must lie within [0, {})", c.first, c.first + c.count, n),
            ));
        }
        for (name, v) in [("t_on_ms", c.t_on_ms), ("amp0_pA", c.amp0_pa), ("amp1_pA", c.amp1_pa)] {
            if !v.is_finite() {
                return Err(Error::invalid(format!("{}.{}", field, name), "must be finite"));
            }
        }
        if c.t_off_ms.is_nan() || c.t_off_ms < c.t_on_ms {
            return Err(Error::invalid(
                format!("{}.t_off_ms", field),
                format!("must be ≥ t_on_ms ({}) (Infinity = never off)", c.t_on_ms),
            ));
        }
        self.currents.push(c);
        Ok(())
    }

    pub fn set_noise(&mut self, pop: usize, tau_ms: f64, sigma_pa: f64) -> Result<()> {
        let field = format!("populations[{}].noise", pop);
        self.pop(pop, &field)?;
        if !(tau_ms.is_finite() && tau_ms > 0.0) {
            return Err(Error::invalid(format!("{}.tau_ms", field), format!("must be > 0, got {}", tau_ms)));
        }
        if !(sigma_pa.is_finite() && sigma_pa >= 0.0) {
            return Err(Error::invalid(format!("{}.sigma_pA", field), format!("must be ≥ 0, got {}", sigma_pa)));
        }
        self.pops[pop].noise = if sigma_pa > 0.0 { Some(Noise { tau_ms, sigma_pa }) } else { None };
        Ok(())
    }

    /// Change one parameter of a population between runs (e.g. a Poisson rate, a bias current).
    pub fn set_param(&mut self, pop: usize, index: usize, value: f64) -> Result<()> {
        let field = format!("populations[{}].params[{}]", pop, index);
        self.pop(pop, &field)?;
        self.pops[pop].set_param(index, value, &field)
    }

    pub fn monitor_spikes(&mut self, pop: usize, on: bool) -> Result<()> {
        self.pop(pop, "monitor.population")?;
        self.ensure_records();
        self.records[pop].on = on;
        Ok(())
    }

    fn ensure_records(&mut self) {
        while self.records.len() < self.pops.len() {
            self.records.push(SpikeRecord::default());
        }
    }

    pub fn monitor_state(&mut self, pop: usize, var: usize, idx: &[u32], every: u64) -> Result<usize> {
        let field = format!("state_monitors[{}]", self.state_mons.len());
        let p = self.pop(pop, &format!("{}.population", field))?;
        let ok_var = var < p.n_vars()
            || (var >= VAR_CONDUCTANCE && var < VAR_CONDUCTANCE + p.receptors.len())
            || (var == VAR_CURRENT && !p.is_source());
        if !ok_var {
            return Err(Error::invalid(
                format!("{}.variable", field),
                format!("population {} has no variable #{}", pop, var),
            ));
        }
        if let Some(&bad) = idx.iter().find(|&&i| i as usize >= p.n) {
            return Err(Error::invalid(
                format!("{}.neurons", field),
                format!("index {} out of range [0, {})", bad, p.n),
            ));
        }
        if every == 0 {
            return Err(Error::invalid(format!("{}.every", field), "must be ≥ 1 step"));
        }
        self.state_mons.push(StateMonitor { pop, var, idx: idx.to_vec(), every, values: Vec::new(), t_ms: Vec::new() });
        Ok(self.state_mons.len() - 1)
    }

    pub fn monitor_rate(&mut self, pop: usize, bin_ms: f64) -> Result<usize> {
        let field = format!("rate_monitors[{}]", self.rate_mons.len());
        self.pop(pop, &format!("{}.population", field))?;
        let bin_steps = (bin_ms / self.cfg.dt_ms + 0.5).floor();
        if !(bin_steps >= 1.0 && bin_steps < 1e12) {
            return Err(Error::invalid(
                format!("{}.bin_ms", field),
                format!("must be ≥ dt ({} ms), got {}", self.cfg.dt_ms, bin_ms),
            ));
        }
        self.rate_mons.push(RateMonitor {
            pop,
            bin_steps: bin_steps as u64,
            count: 0,
            steps_in_bin: 0,
            rates_hz: Vec::new(),
        });
        Ok(self.rate_mons.len() - 1)
    }

    /// Allocate state, delay rings and spike spaces; draw initial conditions.
    pub fn build(&mut self) -> Result<()> {
        self.before_build("build")?;
        self.ensure_records();
        let dt = self.cfg.dt_ms;
        for (k, pop) in self.pops.iter_mut().enumerate() {
            let mut max_delay = vec![1usize; pop.receptors.len()];
            for pr in self.projs.iter().filter(|pr| pr.post == k) {
                max_delay[pr.receptor] = max_delay[pr.receptor].max(pr.delay_steps);
            }
            pop.allocate(&max_delay, dt);
            self.spaces.push(SpikeSpace::with_capacity(pop.n));
        }
        self.by_pre =
            (0..self.pops.len()).map(|k| (0..self.projs.len()).filter(|&j| self.projs[j].pre == k).collect()).collect();
        self.spike_counts = vec![0; self.pops.len()];
        self.built = true;
        Ok(())
    }

    /// Advance `steps` steps (one call, many steps: never one boundary crossing per step).
    /// Records stay in memory until `clear_records`; a call that would record more than
    /// MAX_RECORD values stops with a Budget error at a consistent step (nothing recorded is lost).
    pub fn run(&mut self, steps: u64) -> Result<()> {
        if !self.built {
            return Err(Error::new(ErrorKind::State, "run", "build the network before running it"));
        }
        if steps > MAX_STEPS_PER_CALL {
            return Err(Error::invalid(
                "steps",
                format!(
                    "at most {} steps per call (call run repeatedly; Network.run in TS chunks automatically), got {}",
                    MAX_STEPS_PER_CALL, steps
                ),
            ));
        }
        let mut planned = 0u64;
        for m in self.state_mons.iter() {
            planned += (m.values.len() as u64) + (steps / m.every + 1) * (m.idx.len() as u64 + 1);
        }
        if planned > MAX_RECORD {
            return Err(Error::new(ErrorKind::Budget, "state_monitors", format!("this call would hold {} recorded samples (limit {}): run fewer steps per call or drain the records", planned, MAX_RECORD)));
        }
        for m in self.state_mons.iter_mut() {
            let samples = (steps / m.every + 1) as usize;
            m.values.reserve(samples * m.idx.len());
            m.t_ms.reserve(samples);
        }
        for _ in 0..steps {
            self.step_once();
            if self.recorded_spikes() > MAX_RECORD {
                return Err(Error::new(ErrorKind::Budget, "monitors.spikes", format!("more than {} recorded spikes held at t = {} ms: drain them (clear_records) or run fewer steps per call", MAX_RECORD, self.step as f64 * self.cfg.dt_ms)));
            }
        }
        self.check_finite()
    }

    fn recorded_spikes(&self) -> u64 {
        self.records.iter().map(|r| r.ids.len() as u64).sum()
    }

    fn step_once(&mut self) {
        let dt = self.cfg.dt_ms;
        let t = self.step as f64 * dt;
        for pop in self.pops.iter_mut() {
            pop.deliver(self.step);
            pop.prepare_inputs(dt);
        }
        for c in self.currents.iter() {
            let amp = c.at(t);
            if amp != 0.0 {
                let a = R::from_f64(amp);
                for x in self.pops[c.pop].i_ext[c.first..c.first + c.count].iter_mut() {
                    *x += a;
                }
            }
        }
        let (method, interp, tol) = (self.cfg.method, self.cfg.interpolate, (self.cfg.rtol, self.cfg.atol));
        for (k, pop) in self.pops.iter_mut().enumerate() {
            pop.advance(method, t, dt, interp, tol, &mut self.stats, &mut self.spaces[k]);
        }
        self.propagate();
        self.record(t + dt);
        self.step += 1;
    }

    /// Spikes of this step go into the post populations' rings, `delay` steps ahead.
    fn propagate(&mut self) {
        let (step, dt) = (self.step, self.cfg.dt_ms);
        for (k, space) in self.spaces.iter().enumerate() {
            if space.is_empty() {
                continue;
            }
            for &j in self.by_pre[k].iter() {
                let proj = &mut self.projs[j];
                let rec = &mut self.pops[proj.post].receptors[proj.receptor];
                let n_post = rec.gd.len();
                // One-step delay: straight into the state, which already holds g at the start of the
                // next step (both components of a double exponential); longer delays: the ring.
                let direct = proj.delay_steps == 1;
                let (gd, gr, ring) = (&mut rec.gd, &mut rec.gr, &mut rec.ring);
                let target = if direct {
                    &mut gd[..]
                } else {
                    let base = ((step + proj.delay_steps as u64) % rec.depth as u64) as usize * n_post;
                    &mut ring[base..base + n_post]
                };
                let rise = direct && !gr.is_empty();
                for &i in space.ids.iter() {
                    let scale = R::from_f64(proj.release(i as usize, step, dt));
                    let (a, b) = (proj.row_ptr[i as usize] as usize, proj.row_ptr[i as usize + 1] as usize);
                    for (c, w) in proj.col[a..b].iter().zip(proj.weight[a..b].iter()) {
                        target[*c as usize] += *w * scale;
                    }
                    if rise {
                        for (c, w) in proj.col[a..b].iter().zip(proj.weight[a..b].iter()) {
                            gr[*c as usize] += *w * scale;
                        }
                    }
                }
            }
        }
    }

    fn record(&mut self, t_end: f64) {
        for (k, space) in self.spaces.iter().enumerate() {
            self.spike_counts[k] += space.len() as u64;
            let rec = &mut self.records[k];
            if rec.on && !space.is_empty() {
                rec.ids.extend_from_slice(&space.ids);
                rec.t_ms.extend_from_slice(&space.t_ms);
            }
        }
        for m in self.rate_mons.iter_mut() {
            m.count += self.spaces[m.pop].len() as u64;
            m.steps_in_bin += 1;
            if m.steps_in_bin == m.bin_steps {
                let n = self.pops[m.pop].n as f64;
                m.rates_hz.push(m.count as f64 / (n * m.bin_steps as f64 * self.cfg.dt_ms * 1e-3));
                m.count = 0;
                m.steps_in_bin = 0;
            }
        }
        let step_after = self.step + 1;
        for m in self.state_mons.iter_mut() {
            if step_after % m.every != 0 {
                continue;
            }
            let pop = &self.pops[m.pop];
            m.t_ms.push(t_end);
            for &i in m.idx.iter() {
                m.values.push(sample(pop, m.var, i as usize));
            }
        }
    }

    fn check_finite(&self) -> Result<()> {
        for (k, pop) in self.pops.iter().enumerate() {
            if let Some(v) = pop.mem.vars[0].iter().position(|v| !v.is_finite()) {
                return Err(Error::new(
                    ErrorKind::Numerical,
                    format!("populations[{}].V", k),
                    format!("neuron {} has a non-finite membrane potential by t = {} ms (step too large for the method, or extreme parameters)", v, self.step as f64 * self.cfg.dt_ms),
                ));
            }
        }
        Ok(())
    }

    /// Copy variable `var` (as in StateMonitor) of population `pop` into `out` (length n).
    pub fn read_state(&self, pop: usize, var: usize, out: &mut [f64]) -> Result<()> {
        let p = self.pop(pop, "read_state.population")?;
        if !self.built {
            return Err(Error::new(ErrorKind::State, "read_state", "build the network first"));
        }
        if out.len() != p.n {
            return Err(Error::invalid(
                "read_state.out",
                format!("buffer must hold {} values, got {}", p.n, out.len()),
            ));
        }
        let ok = var < p.n_vars()
            || (var >= VAR_CONDUCTANCE && var < VAR_CONDUCTANCE + p.receptors.len())
            || (var == VAR_CURRENT && !p.is_source());
        if !ok {
            return Err(Error::invalid("read_state.variable", format!("population {} has no variable #{}", pop, var)));
        }
        for (i, o) in out.iter_mut().enumerate() {
            *o = sample(p, var, i);
        }
        Ok(())
    }

    /// Overwrite model variable `var` (0..n_vars) of population `pop` (e.g. initial V).
    pub fn write_state(&mut self, pop: usize, var: usize, data: &[f64]) -> Result<()> {
        let n = self.pop(pop, "write_state.population")?.n;
        if !self.built {
            return Err(Error::new(ErrorKind::State, "write_state", "build the network first"));
        }
        if var >= self.pops[pop].n_vars() {
            return Err(Error::invalid(
                "write_state.variable",
                format!("population {} has {} model variables, got #{}", pop, self.pops[pop].n_vars(), var),
            ));
        }
        if data.len() != n {
            return Err(Error::invalid("write_state.data", format!("must hold {} values, got {}", n, data.len())));
        }
        if let Some(i) = data.iter().position(|x| !x.is_finite()) {
            return Err(Error::invalid(format!("write_state.data[{}]", i), "must be finite"));
        }
        for (x, d) in self.pops[pop].mem.vars[var].iter_mut().zip(data) {
            *x = R::from_f64(*d);
        }
        Ok(())
    }

    /// Drop recorded spikes, samples and rates (after TS has copied them out).
    pub fn clear_records(&mut self) {
        for r in self.records.iter_mut() {
            r.ids.clear();
            r.t_ms.clear();
        }
        for m in self.state_mons.iter_mut() {
            m.values.clear();
            m.t_ms.clear();
        }
        for m in self.rate_mons.iter_mut() {
            m.rates_hz.clear();
        }
    }

    pub fn synapse_count(&self) -> usize {
        self.projs.iter().map(|p| p.synapses()).sum()
    }

    pub fn neuron_count(&self) -> usize {
        self.pops.iter().map(|p| p.n).sum()
    }
}

fn sample<R: Real>(pop: &Population<R>, var: usize, i: usize) -> f64 {
    if var < VAR_CONDUCTANCE {
        pop.mem.vars[var][i].to_f64()
    } else if var == VAR_CURRENT {
        pop.i_ext[i].to_f64()
    } else {
        pop.receptors[var - VAR_CONDUCTANCE].g_at(i, 0).to_f64()
    }
}
