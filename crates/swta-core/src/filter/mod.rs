//! sWTA image filter (MODEL.md §8.6–§8.8): a fixed, untrained competitive–cooperative field in
//! front of a Vision Transformer.
//!
//! - `params`: the parameters with their §8.6 defaults, the modes (the §8.7 controls), validation;
//! - `boxmean`: border-aware k×k box means in O(H·W) (row prefix sums + column running sums);
//! - `rate`: the rate filter on one image (and the controls / the §8.5 ablation);
//! - `work`: the caller-owned workspace, so that filtering allocates nothing.
//!
//! Images are batched N×H×W `f32` in [0, 1], row-major, one channel (the TypeScript wrapper maps
//! channels onto this). The output has the same shape and lies in [0, 1].

mod boxmean;
mod params;
mod rate;
mod work;

pub use boxmean::{col_means, count_weights, prefix_len, row_sums, slide};
pub use params::{FilterParams, InputNorm, Mode, MAX_K, PARAM_COUNT, PARAM_COUNT_V1};
pub use work::{work_len, Work, LANES};

use crate::error::{Error, Result};

/// Largest image (pixels per image) accepted: 2^24, so in-image counts and indices stay exact in f32.
pub const MAX_PIXELS: usize = 1 << 24;

/// Check a batch geometry; errors name `n`, `h`, `w`.
pub fn check_geometry(n: usize, h: usize, w: usize) -> Result<()> {
    if h == 0 || w == 0 {
        let f = if h == 0 { "h" } else { "w" };
        return Err(Error::invalid(f, "image height and width must be ≥ 1"));
    }
    if h.saturating_mul(w) > MAX_PIXELS {
        return Err(Error::invalid("h", format!("h·w must be ≤ {} pixels, got {}×{}", MAX_PIXELS, h, w)));
    }
    if n.saturating_mul(h * w) > u32::MAX as usize / 4 {
        return Err(Error::invalid(
            "n",
            format!("n·h·w must be ≤ {} values per call, got {}·{}·{}", u32::MAX / 4, n, h, w),
        ));
    }
    Ok(())
}

/// Index of the first pixel outside [0, 1] (or NaN), with an error naming it.
pub fn check_pixels(src: &[f32], h: usize, w: usize) -> Result<()> {
    for (k, &v) in src.iter().enumerate() {
        if !(v >= 0.0 && v <= 1.0) {
            let (img, px) = (k / (h * w), k % (h * w));
            return Err(Error::invalid(
                "images",
                format!("pixel values must be in [0, 1]; image {} row {} col {} is {}", img, px / w, px % w, v),
            ));
        }
    }
    Ok(())
}

/// Filter `n` images (N×H×W, values in [0, 1]) from `src` into `dst` using `work` (≥ `work_len`
/// slots). Allocation-free. Errors name the field; `dst` is untouched on error.
pub fn filter_batch(
    p: &FilterParams,
    src: &[f32],
    dst: &mut [f32],
    n: usize,
    h: usize,
    w: usize,
    work: &mut [f32],
) -> Result<()> {
    check_geometry(n, h, w)?;
    let total = n * h * w;
    if src.len() < total || dst.len() < total {
        let f = if src.len() < total { "src" } else { "dst" };
        return Err(Error::invalid(f, format!("needs n·h·w = {} values, got {}", total, src.len().min(dst.len()))));
    }
    let need = work_len(h, w, p);
    if work.len() < need {
        return Err(Error::invalid(
            "work",
            format!("needs {} f32 slots for {}×{} images, got {}", need, h, w, work.len()),
        ));
    }
    check_pixels(&src[..total], h, w)?;
    let mut wk = Work::carve(work, h, w, p);
    rate::prepare(p, h, w, &mut wk);
    let group = h * w * LANES;
    for (s, d) in src[..total].chunks(group).zip(dst[..total].chunks_mut(group)) {
        let srcs: [&[f32]; LANES] = split4(s, h * w);
        let k = s.len() / (h * w);
        let mut dsts = split4_mut(d, h * w);
        rate::filter_group(p, &srcs[..k], &mut dsts[..k], h, w, &mut wk);
    }
    Ok(())
}

/// Up to four consecutive images of `hw` values (missing ones empty).
fn split4(s: &[f32], hw: usize) -> [&[f32]; LANES] {
    let mut out: [&[f32]; LANES] = [&[]; LANES];
    for (o, c) in out.iter_mut().zip(s.chunks(hw)) {
        *o = c;
    }
    out
}

fn split4_mut(s: &mut [f32], hw: usize) -> [&mut [f32]; LANES] {
    let mut it = s.chunks_mut(hw);
    [
        it.next().unwrap_or(&mut []),
        it.next().unwrap_or(&mut []),
        it.next().unwrap_or(&mut []),
        it.next().unwrap_or(&mut []),
    ]
}

/// Convenience: allocate the workspace and the output (not for hot paths).
pub fn filter(p: &FilterParams, src: &[f32], n: usize, h: usize, w: usize) -> Result<Vec<f32>> {
    check_geometry(n, h, w)?;
    let mut work = vec![0.0f32; work_len(h, w, p)];
    let mut dst = vec![0.0f32; n * h * w];
    filter_batch(p, src, &mut dst, n, h, w, &mut work)?;
    Ok(dst)
}
