//! TrueNorth exports (swta_tn_*): a chip handle over `swta_core::truenorth::Chip`.
//!
//! Buffers are flat: neuron types as TYPE_FIELDS (23) i32 each; per core 256 axon types (u8), a
//! crossbar of 256 rows × 8 u32 words (bit j of a row = neuron j), 256 neuron types (i32, −1 = none)
//! and 256 × (dx, dy, axon, delay) destinations; inputs as (tick, core, axon) i32 triples. Spike
//! records of the last run are (tick, core, neuron) i32 triples, read zero-copy through
//! `swta_tn_spikes_ptr` / `swta_tn_spikes_count` until the next call on the same chip.

use crate::arena;
use crate::mem::{slice, slice_mut};
use crate::status::{bad_handle, fail, null_ptr, status, OK};
use swta_core::truenorth::{Chip, TYPE_FIELDS};
use swta_core::{Error, ErrorKind};

arena!(CHIPS, Chip);

/// Run `f` on the live chip `h`, or return the bad-handle status.
fn with_chip(h: u32, f: impl FnOnce(&mut Chip) -> i32) -> i32 {
    CHIPS.with(|a| match a.borrow_mut().get_mut(h) {
        Some(c) => f(c),
        None => bad_handle("TrueNorth chip"),
    })
}

/// Create a chip of `cols × rows` cores; writes its handle to `out`.
///
/// # Safety
/// `out` must be null (rejected) or point to a writable u32.
#[no_mangle]
pub unsafe extern "C" fn swta_tn_create(cols: u32, rows: u32, out: *mut u32) -> i32 {
    let dst = match slice_mut(out, 1) {
        Some(d) => d,
        None => return null_ptr("out"),
    };
    match Chip::new(cols, rows) {
        Ok(chip) => match CHIPS.with(|a| a.borrow_mut().insert(chip)) {
            Some(h) => {
                dst[0] = h;
                OK
            }
            None => fail(Error::new(ErrorKind::Budget, "handle", "too many live chips")),
        },
        Err(e) => fail(e),
    }
}

#[no_mangle]
pub extern "C" fn swta_tn_free(h: u32) -> i32 {
    match CHIPS.with(|a| a.borrow_mut().remove(h)) {
        Some(_) => OK,
        None => bad_handle("TrueNorth chip"),
    }
}

/// Live chip handles (leak checks in tests).
#[no_mangle]
pub extern "C" fn swta_tn_live() -> u32 {
    CHIPS.with(|a| a.borrow().live() as u32)
}

/// Set the TRUENORTH.md §2.6 switches (bit set, see swta_core::truenorth::config) and membrane width.
#[no_mangle]
pub extern "C" fn swta_tn_config(h: u32, flags: u32, width: u32) -> i32 {
    with_chip(h, |c| status(c.set_config(flags, width)))
}

/// Spike recording: 0 none, 1 spikes of neurons routed to the output, 2 all spikes.
#[no_mangle]
pub extern "C" fn swta_tn_record(h: u32, mode: u32) -> i32 {
    with_chip(h, |c| status(c.set_record_mode(mode)))
}

/// Replace the neuron-type table with `n_types` types (n_types × 23 i32 at `fields`).
///
/// # Safety
/// `fields` must point to n_types × 23 readable i32.
#[no_mangle]
pub unsafe extern "C" fn swta_tn_set_types(h: u32, fields: *const i32, n_types: u32) -> i32 {
    let n = n_types.saturating_mul(TYPE_FIELDS as u32);
    match slice(fields, n) {
        Some(f) => with_chip(h, |c| status(c.set_types(f, n_types))),
        None => null_ptr("types"),
    }
}

/// Seed, axon types (`atypes_len` = 256 u8) and crossbar (`xbar_len` = 2048 u32) of `core`.
///
/// # Safety
/// The pointers must point to that many readable elements.
#[no_mangle]
pub unsafe extern "C" fn swta_tn_set_core(
    h: u32,
    core: u32,
    seed: u32,
    atypes: *const u8,
    atypes_len: u32,
    xbar: *const u32,
    xbar_len: u32,
) -> i32 {
    match (slice(atypes, atypes_len), slice(xbar, xbar_len)) {
        (Some(a), Some(x)) => with_chip(h, |c| status(c.set_core(core, seed, a, x))),
        (None, _) => null_ptr("axonTypes"),
        _ => null_ptr("crossbar"),
    }
}

/// Neuron types (`types_len` = 256 i32, −1 = none) and destinations (`dest_len` = 1024 i32).
///
/// # Safety
/// The pointers must point to that many readable i32.
#[no_mangle]
pub unsafe extern "C" fn swta_tn_set_neurons(
    h: u32,
    core: u32,
    types: *const i32,
    types_len: u32,
    dest: *const i32,
    dest_len: u32,
) -> i32 {
    match (slice(types, types_len), slice(dest, dest_len)) {
        (Some(t), Some(d)) => with_chip(h, |c| status(c.set_neurons(core, t, d))),
        (None, _) => null_ptr("types"),
        _ => null_ptr("destinations"),
    }
}

/// Overwrite the 256 membrane potentials of `core`.
///
/// # Safety
/// `v` must point to `len` readable i32.
#[no_mangle]
pub unsafe extern "C" fn swta_tn_set_potentials(h: u32, core: u32, v: *const i32, len: u32) -> i32 {
    match slice(v, len) {
        Some(s) => with_chip(h, |c| status(c.set_potentials(core, s))),
        None => null_ptr("potentials"),
    }
}

/// Copy the 256 membrane potentials of `core` into `out`.
///
/// # Safety
/// `out` must point to `len` writable i32.
#[no_mangle]
pub unsafe extern "C" fn swta_tn_potentials(h: u32, core: u32, out: *mut i32, len: u32) -> i32 {
    match slice_mut(out, len) {
        Some(s) => with_chip(h, |c| status(c.potentials(core, s))),
        None => null_ptr("out"),
    }
}

/// Copy the crossbar of `core` (2048 u32) into `out`.
///
/// # Safety
/// `out` must point to `len` writable u32.
#[no_mangle]
pub unsafe extern "C" fn swta_tn_crossbar(h: u32, core: u32, out: *mut u32, len: u32) -> i32 {
    match slice_mut(out, len) {
        Some(s) if len == 2048 => with_chip(h, |c| status(c.crossbar(core, s))),
        Some(_) => fail(Error::invalid("out", format!("need room for 2048 words, got {}", len))),
        None => null_ptr("out"),
    }
}

/// Queue external input spikes: `len` i32 = (tick, core, axon) triples.
///
/// # Safety
/// `triples` must point to `len` readable i32.
#[no_mangle]
pub unsafe extern "C" fn swta_tn_inject(h: u32, triples: *const i32, len: u32) -> i32 {
    match slice(triples, len) {
        Some(s) => with_chip(h, |c| status(c.inject(s))),
        None => null_ptr("inputs"),
    }
}

/// Run `ticks` ticks in one call (the spike record then holds this call's spikes).
#[no_mangle]
pub extern "C" fn swta_tn_run(h: u32, ticks: u32) -> i32 {
    with_chip(h, |c| {
        c.run(ticks);
        OK
    })
}

/// Pointer to the spike records of the last run (null for a bad handle).
#[no_mangle]
pub extern "C" fn swta_tn_spikes_ptr(h: u32) -> *const i32 {
    CHIPS.with(|a| a.borrow_mut().get_mut(h).map_or(std::ptr::null(), |c| c.records().as_ptr()))
}

/// Number of spike records (triples) of the last run (0 for a bad handle).
#[no_mangle]
pub extern "C" fn swta_tn_spikes_count(h: u32) -> u32 {
    CHIPS.with(|a| a.borrow_mut().get_mut(h).map_or(0, |c| (c.records().len() / 3) as u32))
}

/// Write [tick, spikes, synaptic events, dropped records, pending inputs, cores, types, record mode].
///
/// # Safety
/// `out` must point to `len` (≥ 8) writable f64.
#[no_mangle]
pub unsafe extern "C" fn swta_tn_stats(h: u32, out: *mut f64, len: u32) -> i32 {
    match slice_mut(out, len) {
        Some(s) if len >= 8 => with_chip(h, |c| {
            s[..8].copy_from_slice(&c.stats());
            OK
        }),
        Some(_) => fail(Error::invalid("out", format!("need room for 8 values, got {}", len))),
        None => null_ptr("out"),
    }
}
