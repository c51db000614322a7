//! Integration methods. Fixed-step explicit Runge–Kutta methods are one generic stepper driven by
//! their Butcher tableau (`Tableau`); exponential Euler is each model's own exact-linear update;
//! Dormand–Prince 5(4) has its step-size controller and dense output in `dopri5`.
//!
//! Synaptic conductances are not integrated by these methods: between spikes they decay exactly,
//! g(t + s) = g(t)·e^{−s/τ}, and the stepper evaluates them at each stage's time.

pub mod dopri5;
mod tableau;

pub use tableau::{Euler, Midpoint, Rk4, Tableau};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Forward Euler, order 1.
    Euler = 0,
    /// Exponential Euler: the membrane equation's linear part solved exactly over the step with the
    /// input frozen at the step start (first order, unconditionally stable for the linear part).
    ExpEuler = 1,
    /// Explicit midpoint (RK2), order 2.
    Rk2 = 2,
    /// Classic RK4, order 4.
    Rk4 = 3,
    /// Adaptive Dormand–Prince 5(4) with dense output, per neuron within each step: the accuracy
    /// reference. Spike times are located on the dense output.
    Dopri5 = 4,
}

impl Method {
    pub fn from_u32(k: u32) -> Option<Method> {
        match k {
            0 => Some(Method::Euler),
            1 => Some(Method::ExpEuler),
            2 => Some(Method::Rk2),
            3 => Some(Method::Rk4),
            4 => Some(Method::Dopri5),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Method::Euler => "euler",
            Method::ExpEuler => "exp_euler",
            Method::Rk2 => "rk2",
            Method::Rk4 => "rk4",
            Method::Dopri5 => "dopri5",
        }
    }
}

/// Counters of the adaptive integrator (zero for fixed-step methods).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OdeStats {
    pub evaluations: u64,
    pub accepted: u64,
    pub rejected: u64,
}
