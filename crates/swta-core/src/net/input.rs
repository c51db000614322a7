//! Current inputs: a ramp from amp0 at t_on to amp1 at t_off (constant when equal, a step when the
//! window is finite), added to neurons [first, first + count) of a population.

pub const CURRENT_PARAMS: &[&str] = &["first", "count", "t_on_ms", "t_off_ms", "amp0_pA", "amp1_pA"];

#[derive(Clone, Copy, Debug)]
pub struct CurrentInput {
    pub pop: usize,
    pub first: usize,
    pub count: usize,
    pub t_on_ms: f64,
    pub t_off_ms: f64,
    pub amp0_pa: f64,
    pub amp1_pa: f64,
}

impl CurrentInput {
    /// Amplitude (pA) at time t (ms), 0 outside [t_on, t_off).
    pub fn at(&self, t_ms: f64) -> f64 {
        if t_ms < self.t_on_ms || t_ms >= self.t_off_ms {
            return 0.0;
        }
        let span = self.t_off_ms - self.t_on_ms;
        if !span.is_finite() || self.amp0_pa == self.amp1_pa {
            return self.amp0_pa;
        }
        self.amp0_pa + (self.amp1_pa - self.amp0_pa) * (t_ms - self.t_on_ms) / span
    }
}
