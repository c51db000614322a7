//! The filter's workspace: one caller-owned `f32` buffer carved into named slices, so filtering a
//! batch allocates nothing (the ABI lets TypeScript own the buffer and reuse it across calls).
//! Per-pixel buffers hold `LANES` interleaved images.

use super::boxmean::prefix_len;
use super::params::FilterParams;

/// Images processed abreast (interleaved), see `boxmean`.
pub const LANES: usize = 4;

/// Slots needed for images of h×w pixels with parameters `p`.
pub fn work_len(h: usize, w: usize, p: &FilterParams) -> usize {
    let big = (p.k_e.max(p.k_i) / 2) as usize;
    LANES * (8 * h * w + (w + 2 * big + 1) + 2 * w)
}

pub struct Work<'a> {
    /// Field state x.
    pub x: &'a mut [f32],
    /// I, then FF.
    pub ff: &'a mut [f32],
    /// Horizontal window sums for k_E and k_I.
    pub hs_e: &'a mut [f32],
    pub hs_i: &'a mut [f32],
    /// Box means M_kE(·) (unused by the fused field step) and M_kI(·).
    pub m_e: &'a mut [f32],
    pub m_i: &'a mut [f32],
    /// 1 / in-image count tables for k_E and k_I (lane-replicated).
    pub w_e: &'a mut [f32],
    pub w_i: &'a mut [f32],
    /// Padded row prefix sums and the two column accumulators (one row each).
    pub prefix: &'a mut [f32],
    pub acc: &'a mut [f32],
    pub acc_i: &'a mut [f32],
}

impl<'a> Work<'a> {
    /// Carve `buf` (at least `work_len` slots; the caller checks) into the named slices.
    pub fn carve(buf: &'a mut [f32], h: usize, w: usize, p: &FilterParams) -> Work<'a> {
        let n = LANES * h * w;
        let big = (p.k_e.max(p.k_i) / 2) as usize;
        let (x, rest) = buf.split_at_mut(n);
        let (ff, rest) = rest.split_at_mut(n);
        let (hs_e, rest) = rest.split_at_mut(n);
        let (hs_i, rest) = rest.split_at_mut(n);
        let (m_e, rest) = rest.split_at_mut(n);
        let (m_i, rest) = rest.split_at_mut(n);
        let (w_e, rest) = rest.split_at_mut(n);
        let (w_i, rest) = rest.split_at_mut(n);
        let (prefix, rest) = rest.split_at_mut(prefix_len::<LANES>(w, big));
        let (acc, rest) = rest.split_at_mut(LANES * w);
        let (acc_i, _) = rest.split_at_mut(LANES * w);
        Work { x, ff, hs_e, hs_i, m_e, m_i, w_e, w_i, prefix, acc, acc_i }
    }
}
