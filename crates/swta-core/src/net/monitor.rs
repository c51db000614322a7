//! Monitors: recorded spikes per population, sampled state variables, binned population rates.
//! Records grow in amortised chunks; state monitors reserve a whole run's samples before it starts.

#[derive(Clone, Debug, Default)]
pub struct SpikeRecord {
    pub on: bool,
    pub ids: Vec<u32>,
    pub t_ms: Vec<f64>,
}

/// Samples variable `var` of neurons `idx` every `every` steps: `values` is row-major
/// [sample][index], `t_ms` one entry per sample.
#[derive(Clone, Debug)]
pub struct StateMonitor {
    pub pop: usize,
    /// Variable: 0..3 = model state (v, w | m, h, n), 4 + r = conductance of receptor r (nS),
    /// 100 = external current (pA).
    pub var: usize,
    pub idx: Vec<u32>,
    pub every: u64,
    pub values: Vec<f64>,
    pub t_ms: Vec<f64>,
}

pub const VAR_CONDUCTANCE: usize = 4;
pub const VAR_CURRENT: usize = 100;

/// Population rate in Hz per bin of `bin_steps` steps.
#[derive(Clone, Debug)]
pub struct RateMonitor {
    pub pop: usize,
    pub bin_steps: u64,
    pub count: u64,
    pub steps_in_bin: u64,
    pub rates_hz: Vec<f64>,
}
