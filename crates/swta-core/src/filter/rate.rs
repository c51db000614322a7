//! The rate filter of MODEL.md §8.6 on a group of up to `LANES` images (interleaved, see `boxmean`),
//! plus the §8.7 controls and the §8.5 ablation. Uses only + − × ÷ and comparisons (no exp); every
//! lane sees exactly the operations of a lone image, in the order mirrored by `assembly/filter/`.

use super::boxmean::{col_means, count_weights, row_sums, slide};
use super::params::{FilterParams, InputNorm, Mode};
use super::work::{Work, LANES as L};

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

/// Per-batch setup: the in-image count tables for k_E and k_I.
pub fn prepare(p: &FilterParams, h: usize, w: usize, wk: &mut Work<'_>) {
    count_weights::<L>(h, w, (p.k_e / 2) as usize, wk.w_e);
    count_weights::<L>(h, w, (p.k_i / 2) as usize, wk.w_i);
}

/// min(1, min over `v`): the minimum of pixels in [0, 1].
fn min1(v: &[f32]) -> f32 {
    let mut m = 1.0f32;
    for &x in v {
        m = if x < m { x } else { m };
    }
    m
}

/// Step 1 for the group; missing lanes are 0.
/// - `Max`: wk.ff[p·L + l] = src_l[p] / (max(src_l) + ε_in);
/// - `MinMax`: (src_l[p] − lo) / ((max(src_l) − lo) + ε_in) with lo = min(src_l) when it is > 0, else +0,
///   so an image whose minimum is 0 (of either sign) goes through exactly the `Max` operations.
fn normalise_in(src: &[&[f32]], n: usize, eps: f32, norm: InputNorm, ff: &mut [f32]) {
    let mut d = [1.0f32; L];
    let mut lo = [0.0f32; L];
    for (l, s) in src.iter().enumerate() {
        let m = max0(&s[..n]);
        if norm == InputNorm::MinMax {
            let mn = min1(&s[..n]);
            lo[l] = if mn > 0.0 { mn } else { 0.0 };
        }
        d[l] = (m - lo[l]) + eps;
    }
    if norm == InputNorm::Max {
        for (p, q) in ff[..n * L].chunks_exact_mut(L).enumerate() {
            for l in 0..L {
                q[l] = if l < src.len() { src[l][p] / d[l] } else { 0.0 };
            }
        }
    } else {
        for (p, q) in ff[..n * L].chunks_exact_mut(L).enumerate() {
            for l in 0..L {
                q[l] = if l < src.len() { (src[l][p] - lo[l]) / d[l] } else { 0.0 };
            }
        }
    }
}

/// Write lane l of `v` to dst_l, divided by (max over the lane + ε) when `eps` is Some (step 4).
fn write_out(v: &[f32], n: usize, eps: Option<f32>, dst: &mut [&mut [f32]]) {
    for (l, d) in dst.iter_mut().enumerate() {
        let mut m = 0.0f32;
        for q in v[..n * L].chunks_exact(L) {
            m = if q[l] > m { q[l] } else { m };
        }
        let den = eps.map(|e| m + e);
        for (o, q) in d[..n].iter_mut().zip(v[..n * L].chunks_exact(L)) {
            *o = match den {
                Some(den) => q[l] / den,
                None => q[l],
            };
        }
    }
}

/// Filter up to `L` images `src[l]` (h·w, values in [0, 1]) into `dst[l]`. `prepare` must have run.
pub fn filter_group(p: &FilterParams, src: &[&[f32]], dst: &mut [&mut [f32]], h: usize, w: usize, wk: &mut Work<'_>) {
    let n = h * w;
    if p.mode == Mode::Raw {
        for (d, s) in dst.iter_mut().zip(src) {
            d[..n].copy_from_slice(&s[..n]);
        }
        return;
    }
    let (re, ri) = ((p.k_e / 2) as usize, (p.k_i / 2) as usize);
    normalise_in(src, n, p.eps_in, p.input_norm, wk.ff);
    if p.mode == Mode::Norm {
        return write_out(wk.ff, n, None, dst);
    }
    row_sums::<L>(wk.ff, h, w, re, ri, wk.prefix, wk.hs_e, wk.hs_i);
    col_means(wk.hs_i, h, w * L, ri, wk.w_i, wk.acc, wk.m_i);
    let g = p.gamma_pv;
    for (f, &m) in wk.ff[..n * L].iter_mut().zip(&wk.m_i[..n * L]) {
        *f = pos(*f - g * m);
    }
    if p.mode == Mode::NormPv {
        return write_out(wk.ff, n, None, dst);
    }
    for v in wk.x[..n * L].iter_mut() {
        *v = 0.0;
    }
    for _ in 0..p.steps {
        row_sums::<L>(wk.x, h, w, re, ri, wk.prefix, wk.hs_e, wk.hs_i);
        if p.mode == Mode::SelfExc {
            col_means(wk.hs_i, h, w * L, ri, wk.w_i, wk.acc, wk.m_i);
            self_exc_step(p, n, wk);
        } else {
            field_step(p, h, w * L, wk);
        }
    }
    write_out(wk.x, n, Some(p.eps_out), dst);
}

/// One Euler step of the competitive–cooperative field (§8.6 step 3), fused with the column pass of
/// both box means: for each row, slide the k_E and k_I column accumulators, then update that row of
/// x (the row sums were taken from the old x, so updating in place is safe). Per pixel:
/// mE = accE·wE, mI = accI·wI, u = ((FF + a·mE) − b·mI) − θ, r = clip(u)/(1 + γ_L·mI), x += Δt·(r − x).
fn field_step(p: &FilterParams, h: usize, wl: usize, wk: &mut Work<'_>) {
    let (a, b, th, gl, dt) = (p.a, p.b, p.theta, p.gamma_l, p.dt);
    let (re, ri) = ((p.k_e / 2) as usize, (p.k_i / 2) as usize);
    let (acc_e, acc_i) = (&mut wk.acc[..wl], &mut wk.acc_i[..wl]);
    for i in 0..h {
        slide(wk.hs_e, h, wl, re, i, acc_e);
        slide(wk.hs_i, h, wl, ri, i, acc_i);
        let row = i * wl..(i + 1) * wl;
        let x = &mut wk.x[row.clone()];
        let ff = &wk.ff[row.clone()];
        let (we, wi) = (&wk.w_e[row.clone()], &wk.w_i[row]);
        for (((((x, &f), &se), &si), &ke), &ki) in
            x.iter_mut().zip(ff).zip(acc_e.iter()).zip(acc_i.iter()).zip(we).zip(wi)
        {
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
    let mut s = [0.0f32; L];
    for q in wk.x[..n * L].chunks_exact(L) {
        for l in 0..L {
            s[l] += q[l];
        }
    }
    let mut den = [0.0f32; L];
    for l in 0..L {
        den[l] = 1.0 + gl * (s[l] / n as f32);
    }
    let it = wk.x[..n * L].chunks_exact_mut(L).zip(wk.ff[..n * L].chunks_exact(L)).zip(wk.m_i[..n * L].chunks_exact(L));
    for ((x, f), m) in it {
        for l in 0..L {
            let u = f[l] + a * x[l] - b * m[l] - th;
            let r = clip01(u) / den[l];
            x[l] += dt * (r - x[l]);
        }
    }
}
