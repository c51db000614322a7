//! Buffers in the engine's memory, allocated and freed by TypeScript (8-byte aligned), and the
//! helpers the other wrappers use to turn (pointer, length) pairs into slices safely.

use std::alloc::{alloc_zeroed, dealloc, Layout};
use std::cell::Cell;

thread_local! {
    static LIVE_ALLOCS: Cell<u32> = Cell::new(0);
}

const ALIGN: usize = 8;

/// Allocate `bytes` zeroed bytes (8-byte aligned); returns 0 on failure or for 0 bytes.
#[no_mangle]
pub extern "C" fn swta_alloc(bytes: u32) -> *mut u8 {
    if bytes == 0 {
        return std::ptr::null_mut();
    }
    match Layout::from_size_align(bytes as usize, ALIGN) {
        Ok(layout) => {
            // SAFETY: layout has non-zero size.
            let p = unsafe { alloc_zeroed(layout) };
            if !p.is_null() {
                LIVE_ALLOCS.with(|c| c.set(c.get() + 1));
            }
            p
        }
        Err(_) => std::ptr::null_mut(),
    }
}

/// Free a buffer from `swta_alloc`.
///
/// # Safety
/// `ptr` must come from `swta_alloc(bytes)` with the same `bytes`, and not be freed twice.
#[no_mangle]
pub unsafe extern "C" fn swta_free(ptr: *mut u8, bytes: u32) {
    if ptr.is_null() || bytes == 0 {
        return;
    }
    if let Ok(layout) = Layout::from_size_align(bytes as usize, ALIGN) {
        dealloc(ptr, layout);
        LIVE_ALLOCS.with(|c| c.set(c.get().saturating_sub(1)));
    }
}

/// Buffers allocated with `swta_alloc` and not yet freed (leak checks in tests).
#[no_mangle]
pub extern "C" fn swta_live_allocs() -> u32 {
    LIVE_ALLOCS.with(|c| c.get())
}

/// A slice over `n` elements at `p`, or None if `p` is null/misaligned (n = 0 gives an empty slice).
///
/// # Safety
/// If non-null and aligned, `p` must point to `n` initialised elements that outlive the use.
pub unsafe fn slice<'a, T>(p: *const T, n: u32) -> Option<&'a [T]> {
    if n == 0 {
        return Some(&[]);
    }
    if p.is_null() || (p as usize) % std::mem::align_of::<T>() != 0 {
        return None;
    }
    Some(std::slice::from_raw_parts(p, n as usize))
}

/// Mutable counterpart of `slice`.
///
/// # Safety
/// As for `slice`, and no other reference to the memory may be live.
pub unsafe fn slice_mut<'a, T>(p: *mut T, n: u32) -> Option<&'a mut [T]> {
    if n == 0 {
        return Some(&mut []);
    }
    if p.is_null() || (p as usize) % std::mem::align_of::<T>() != 0 {
        return None;
    }
    Some(std::slice::from_raw_parts_mut(p, n as usize))
}
