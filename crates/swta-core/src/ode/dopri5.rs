//! Dormand–Prince 5(4) (Dormand & Prince 1980; coefficients and the dense output of Hairer, Nørsett
//! & Wanner, "Solving ODEs I", `dopri5`/`contd5`). FSAL: the 7th stage is f at the new point.
//! Step control: err = RMS(e_i / (atol + rtol·max|y|)), accept if err ≤ 1,
//! h ← h·clamp(0.9·err^(−1/5), 0.2, 5).

use crate::math::{exp_f64, ln_f64};

pub const C: [f64; 7] = [0.0, 0.2, 0.3, 0.8, 8.0 / 9.0, 1.0, 1.0];

pub const A: [[f64; 6]; 7] = [
    [0.0; 6],
    [0.2, 0.0, 0.0, 0.0, 0.0, 0.0],
    [3.0 / 40.0, 9.0 / 40.0, 0.0, 0.0, 0.0, 0.0],
    [44.0 / 45.0, -56.0 / 15.0, 32.0 / 9.0, 0.0, 0.0, 0.0],
    [19372.0 / 6561.0, -25360.0 / 2187.0, 64448.0 / 6561.0, -212.0 / 729.0, 0.0, 0.0],
    [9017.0 / 3168.0, -355.0 / 33.0, 46732.0 / 5247.0, 49.0 / 176.0, -5103.0 / 18656.0, 0.0],
    [35.0 / 384.0, 0.0, 500.0 / 1113.0, 125.0 / 192.0, -2187.0 / 6784.0, 11.0 / 84.0],
];

/// 5th-order weights minus 4th-order weights (the embedded error estimate).
pub const E: [f64; 7] =
    [71.0 / 57600.0, 0.0, -71.0 / 16695.0, 71.0 / 1920.0, -17253.0 / 339200.0, 22.0 / 525.0, -1.0 / 40.0];

/// Dense-output coefficients d_i (Hairer's contd5).
pub const D: [f64; 7] = [
    -12715105075.0 / 11282082432.0,
    0.0,
    87487479700.0 / 32700410799.0,
    -10690763975.0 / 1880347072.0,
    701980252875.0 / 199316789632.0,
    -1453857185.0 / 822651844.0,
    69997945.0 / 29380423.0,
];

/// Next step size factor from the scaled error norm.
pub fn step_factor(err: f64) -> f64 {
    if err <= 0.0 {
        return 5.0;
    }
    let f = 0.9 * exp_f64(-0.2 * ln_f64(err));
    f.max(0.2).min(5.0)
}

/// Continuous extension over one accepted step: y(θ) for θ in [0, 1].
#[derive(Clone, Copy, Debug, Default)]
pub struct Dense {
    pub r: [[f64; 4]; 5],
}

impl Dense {
    /// From y0, y1, the step h and stages k1..k7 (k[6] = f(t+h, y1)).
    pub fn new(y0: &[f64; 4], y1: &[f64; 4], h: f64, k: &[[f64; 4]; 7], nv: usize) -> Dense {
        let mut r = [[0.0; 4]; 5];
        for i in 0..nv {
            let ydiff = y1[i] - y0[i];
            let bspl = h * k[0][i] - ydiff;
            r[0][i] = y0[i];
            r[1][i] = ydiff;
            r[2][i] = bspl;
            r[3][i] = ydiff - h * k[6][i] - bspl;
            let mut s = 0.0;
            for j in 0..7 {
                s += D[j] * k[j][i];
            }
            r[4][i] = h * s;
        }
        Dense { r }
    }

    #[inline]
    pub fn eval(&self, theta: f64, i: usize) -> f64 {
        let t1 = 1.0 - theta;
        let r = &self.r;
        r[0][i] + theta * (r[1][i] + t1 * (r[2][i] + theta * (r[3][i] + t1 * r[4][i])))
    }
}
