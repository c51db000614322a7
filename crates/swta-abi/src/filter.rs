//! Image filter exports (swta_filter_*): the sWTA rate filter of MODEL.md §8.6 over batched N×H×W f32
//! images. Stateless: parameters travel as a flat f32 vector (`swta_filter_defaults` fills one), and
//! the caller owns the workspace (`swta_filter_work_len` slots), so a call allocates nothing.

use crate::mem::{slice, slice_mut};
use crate::status::{fail, null_ptr, status, OK};
use swta_core::filter::{filter_batch, work_len, FilterParams, Mode, PARAM_COUNT, PARAM_COUNT_V1};
use swta_core::Error;

fn mode_of(m: u32) -> Option<Mode> {
    [Mode::Raw, Mode::Norm, Mode::NormPv, Mode::Field, Mode::SelfExc].get(m as usize).copied()
}

unsafe fn params(p: *const f32, n: u32) -> Result<FilterParams, Error> {
    match slice(p, n) {
        Some(v) => FilterParams::from_slice(v),
        None => Err(Error::invalid("params", "null or misaligned pointer")),
    }
}

/// True when the byte ranges [a, a + na·4) and [b, b + nb·4) overlap.
fn overlap(a: usize, na: u32, b: usize, nb: u32) -> bool {
    na > 0 && nb > 0 && a < b + nb as usize * 4 && b < a + na as usize * 4
}

/// Write the default parameter vector of `mode` (0 raw, 1 norm, 2 norm+PV, 3 field, 4 self-exc)
/// into `dst`: `n` ≥ 13 slots get all 13 values; `n` = 12 gets the original layout without
/// `inputNorm` (which then means max normalisation).
///
/// # Safety
/// `dst` must point to `n` writable f32.
#[no_mangle]
pub unsafe extern "C" fn swta_filter_defaults(mode: u32, dst: *mut f32, n: u32) -> i32 {
    let m = match mode_of(mode) {
        Some(m) => m,
        None => return fail(Error::invalid("mode", format!("must be 0..4, got {}", mode))),
    };
    if (n as usize) < PARAM_COUNT_V1 {
        return fail(Error::invalid(
            "n",
            format!("needs {} slots ({} without inputNorm), got {}", PARAM_COUNT, PARAM_COUNT_V1, n),
        ));
    }
    let k = (n as usize).min(PARAM_COUNT);
    match slice_mut(dst, n) {
        Some(d) => d[..k].copy_from_slice(&FilterParams::defaults(m).to_vec()[..k]),
        None => return null_ptr("dst"),
    }
    OK
}

/// Workspace size (f32 slots) for h×w images with these parameters, written to `*out`.
///
/// # Safety
/// `params` must point to `n_params` f32; `out` to one writable u32.
#[no_mangle]
pub unsafe extern "C" fn swta_filter_work_len(
    params_ptr: *const f32,
    n_params: u32,
    h: u32,
    w: u32,
    out: *mut u32,
) -> i32 {
    let p = match params(params_ptr, n_params) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    if let Err(e) = swta_core::filter::check_geometry(1, h as usize, w as usize) {
        return fail(e);
    }
    match slice_mut(out, 1) {
        Some(o) => o[0] = work_len(h as usize, w as usize, &p).min(u32::MAX as usize) as u32,
        None => return null_ptr("out"),
    }
    OK
}

/// Parameters and n·h·w for a run, after the geometry and overlap checks.
#[allow(clippy::too_many_arguments)]
unsafe fn checked_run(
    params_ptr: *const f32,
    n_params: u32,
    n: u32,
    h: u32,
    w: u32,
    src: usize,
    dst: usize,
    work: usize,
    work_len: u32,
) -> Result<(FilterParams, u32), Error> {
    let p = params(params_ptr, n_params)?;
    swta_core::filter::check_geometry(n as usize, h as usize, w as usize)?;
    let t = n * h * w;
    if overlap(src, t, dst, t) || overlap(work, work_len, dst, t) || overlap(work, work_len, src, t) {
        return Err(Error::invalid("dst", "src, dst and work must not overlap"));
    }
    Ok((p, t))
}

/// Filter `n` images of h×w (f32 in [0, 1], row-major) from `src` into `dst` (same size, must not
/// overlap `src` or `work`), using `work` (`work_len` f32 slots from `swta_filter_work_len`).
///
/// # Safety
/// Each pointer must point to the stated number of f32 (n·h·w for src/dst), valid for the call.
#[no_mangle]
pub unsafe extern "C" fn swta_filter_run(
    params_ptr: *const f32,
    n_params: u32,
    src: *const f32,
    dst: *mut f32,
    n: u32,
    h: u32,
    w: u32,
    work: *mut f32,
    work_len: u32,
) -> i32 {
    let (s, d, k) = (src as usize, dst as usize, work as usize);
    let (p, t) = match checked_run(params_ptr, n_params, n, h, w, s, d, k, work_len) {
        Ok(v) => v,
        Err(e) => return fail(e),
    };
    match (slice(src, t), slice_mut(dst, t), slice_mut(work, work_len)) {
        (Some(s), Some(d), Some(wk)) => status(filter_batch(&p, s, d, n as usize, h as usize, w as usize, wk)),
        (None, _, _) => null_ptr("src"),
        (_, None, _) => null_ptr("dst"),
        _ => null_ptr("work"),
    }
}
