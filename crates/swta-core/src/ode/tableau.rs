//! Butcher tableaux of the fixed-step explicit RK methods. Stage s evaluates f at t + C[s]·dt on
//! x + dt·Σ_j A[s][j]·k_j; the step is x + dt·Σ_s B[s]·k_s. Each stage's time offset C[s] must be
//! one of 0, ½, 1 (`CI[s]` indexes those), so synaptic conductances are precomputed at three times.

pub trait Tableau {
    const STAGES: usize;
    const A: [[f64; 4]; 4];
    const B: [f64; 4];
    /// Stage time offset index: 0 → 0, 1 → ½·dt, 2 → dt.
    const CI: [usize; 4];
    /// Which of the three offsets any stage uses (to skip computing unused conductance sums).
    const USES: [bool; 3];
}

pub struct Euler;
pub struct Midpoint;
pub struct Rk4;

impl Tableau for Euler {
    const STAGES: usize = 1;
    const A: [[f64; 4]; 4] = [[0.0; 4]; 4];
    const B: [f64; 4] = [1.0, 0.0, 0.0, 0.0];
    const CI: [usize; 4] = [0, 0, 0, 0];
    const USES: [bool; 3] = [true, false, false];
}

impl Tableau for Midpoint {
    const STAGES: usize = 2;
    const A: [[f64; 4]; 4] = [[0.0; 4], [0.5, 0.0, 0.0, 0.0], [0.0; 4], [0.0; 4]];
    const B: [f64; 4] = [0.0, 1.0, 0.0, 0.0];
    const CI: [usize; 4] = [0, 1, 0, 0];
    const USES: [bool; 3] = [true, true, false];
}

impl Tableau for Rk4 {
    const STAGES: usize = 4;
    const A: [[f64; 4]; 4] = [[0.0; 4], [0.5, 0.0, 0.0, 0.0], [0.0, 0.5, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0]];
    const B: [f64; 4] = [1.0 / 6.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 6.0];
    const CI: [usize; 4] = [0, 1, 1, 2];
    const USES: [bool; 3] = [true, true, true];
}
