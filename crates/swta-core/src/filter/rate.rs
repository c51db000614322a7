//! The rate filter of MODEL.md §8.6 on one image, plus the §8.7 controls and the §8.5 ablation.
//! Uses only + − × ÷ and comparisons (no exp), in a fixed order mirrored by `assembly/filter/`.

use super::boxmean::{col_means, count_weights, row_sums, slide};
use super::params::{FilterParams, Mode};
use super::work::Work;

/// Clip to [0, 1]. Written as comparisons (not f32::max/min) so that −0 and +0 come out the same on
/// every backend: v ≤ 0 gives +0.
#[inline(always)]
fn clip01(v: f32) -> f32 {
    let p = if v > 0.0 { v } else { 0.0 };
    if p < 1.0 {
        p
    } else {
        1.0
    }
}

#[inline(always)]
fn pos(v: f32) -> f32 {
    if v > 0.0 {
        v
    } else {
        0.0
    }
}

/// max(0, max over `v`).
fn max0(v: &[f32]) -> f32 {
    let mut m = 0.0f32;
    for &x in v {
        m = if x > m { x } else { m };
    }
    m
}

/// out = v / (max(v) + eps), the per-image max normalisation of steps 1 and 4.
fn normalise(v: &[f32], eps: f32, out: &mut [f32]) {
    let d = max0(v) + eps;
    for (o, &x) in out.iter_mut().zip(v) {
        *o = x / d;
    }
}

/// Per-batch setup: the in-image count tables for k_E and k_I.
pub fn prepare(p: &FilterParams, h: usize, w: usize, wk: &mut Work<'_>) {
    count_weights(h, w, (p.k_e / 2) as usize, &mut wk.w_e);
    count_weights(h, w, (p.k_i / 2) as usize, &mut wk.w_i);
}

/// Filter one image `src` (h·w, values in [0, 1]) into `dst`. `prepare` must have run for (p, h, w).
pub fn filter_image(p: &FilterParams, src: &[f32], dst: &mut [f32], h: usize, w: usize, wk: &mut Work<'_>) {
    let n = h * w;
    let (src, dst) = (&src[..n], &mut dst[..n]);
    if p.mode == Mode::Raw {
        dst.copy_from_slice(src);
        return;
    }
    let (re, ri) = ((p.k_e / 2) as usize, (p.k_i / 2) as usize);
    normalise(src, p.eps_in, &mut wk.ff[..n]);
    if p.mode == Mode::Norm {
        dst.copy_from_slice(&wk.ff[..n]);
        return;
    }
    row_sums(&wk.ff, h, w, re, ri, &mut wk.prefix, &mut wk.hs_e, &mut wk.hs_i);
    col_means(&wk.hs_i, h, w, ri, &wk.w_i, &mut wk.acc, &mut wk.m_i);
    let g = p.gamma_pv;
    for (f, &m) in wk.ff[..n].iter_mut().zip(&wk.m_i[..n]) {
        *f = pos(*f - g * m);
    }
    if p.mode == Mode::NormPv {
        dst.copy_from_slice(&wk.ff[..n]);
        return;
    }
    for v in wk.x[..n].iter_mut() {
        *v = 0.0;
    }
    for _ in 0..p.steps {
        row_sums(&wk.x, h, w, re, ri, &mut wk.prefix, &mut wk.hs_e, &mut wk.hs_i);
        if p.mode == Mode::SelfExc {
            col_means(&wk.hs_i, h, w, ri, &wk.w_i, &mut wk.acc, &mut wk.m_i);
            self_exc_step(p, n, wk);
        } else {
            field_step(p, h, w, wk);
        }
    }
    normalise(&wk.x[..n], p.eps_out, dst);
}

/// One Euler step of the competitive–cooperative field (§8.6 step 3), fused with the column pass of
/// both box means: for each row, slide the k_E and k_I column accumulators, then update that row of
/// x (the row sums were taken from the old x, so updating in place is safe). Per pixel:
/// mE = accE·wE, mI = accI·wI, u = ((FF + a·mE) − b·mI) − θ, r = clip(u)/(1 + γ_L·mI), x += Δt·(r − x).
fn field_step(p: &FilterParams, h: usize, w: usize, wk: &mut Work<'_>) {
    let (a, b, th, gl, dt) = (p.a, p.b, p.theta, p.gamma_l, p.dt);
    let (re, ri) = ((p.k_e / 2) as usize, (p.k_i / 2) as usize);
    let (acc_e, acc_i) = (&mut wk.acc[..w], &mut wk.acc_i[..w]);
    for i in 0..h {
        slide(&wk.hs_e, h, w, re, i, acc_e);
        slide(&wk.hs_i, h, w, ri, i, acc_i);
        let row = i * w..(i + 1) * w;
        let x = &mut wk.x[row.clone()];
        let ff = &wk.ff[row.clone()];
        let (we, wi) = (&wk.w_e[row.clone()], &wk.w_i[row]);
        for (((((x, &f), &se), &si), &ke), &ki) in x.iter_mut().zip(ff).zip(acc_e.iter()).zip(acc_i.iter()).zip(we).zip(wi) {
            let (e, m) = (se * ke, si * ki);
            let u = f + a * e - b * m - th;
            let r = clip01(u) / (1.0 + gl * m);
            *x += dt * (r - *x);
        }
    }
}

/// One Euler step of the rejected per-pixel self-excitation variant (§8.5): u = FF + α·x − β·M(x) − θ,
/// r = clip(u, 0, 1)/(1 + g_L·mean_image(x)).
fn self_exc_step(p: &FilterParams, n: usize, wk: &mut Work<'_>) {
    let (a, b, th, gl, dt) = (p.a, p.b, p.theta, p.gamma_l, p.dt);
    let x = &mut wk.x[..n];
    let mut s = 0.0f32;
    for &v in x.iter() {
        s += v;
    }
    let den = 1.0 + gl * (s / n as f32);
    let ff = &wk.ff[..n];
    let mi = &wk.m_i[..n];
    for ((x, &f), &i) in x.iter_mut().zip(ff).zip(mi) {
        let u = f + a * *x - b * i - th;
        let r = clip01(u) / den;
        *x += dt * (r - *x);
    }
}
