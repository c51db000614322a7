//! Buffers in the engine's memory, allocated and freed by TypeScript (8-byte aligned), and the
//! helpers the other wrappers use to turn (pointer, length) pairs into slices safely.

use std::alloc::{alloc_zeroed, dealloc, Layout};
use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    /// Live buffers (address → size): `swta_free` releases only what `swta_alloc` handed out, so a
    /// wrong or repeated free from JavaScript is ignored instead of corrupting the allocator.
    static LIVE: RefCell<HashMap<usize, u32>> = RefCell::new(HashMap::new());
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
                LIVE.with(|m| m.borrow_mut().insert(p as usize, bytes));
            }
            p
        }
        Err(_) => std::ptr::null_mut(),
    }
}

/// Free a buffer from `swta_alloc(bytes)`. Anything else (unknown pointer, wrong size, second free)
/// is ignored.
///
/// # Safety
/// None beyond passing integers: the pointer is looked up, never trusted.
#[no_mangle]
pub unsafe extern "C" fn swta_free(ptr: *mut u8, bytes: u32) {
    let known = LIVE.with(|m| {
        let mut m = m.borrow_mut();
        if m.get(&(ptr as usize)) == Some(&bytes) {
            m.remove(&(ptr as usize));
            true
        } else {
            false
        }
    });
    if known {
        if let Ok(layout) = Layout::from_size_align(bytes as usize, ALIGN) {
            dealloc(ptr, layout);
        }
    }
}

/// Buffers allocated with `swta_alloc` and not yet freed (leak checks in tests).
#[no_mangle]
pub extern "C" fn swta_live_allocs() -> u32 {
    LIVE.with(|m| m.borrow().len() as u32)
}

/// Whether [p, p + n·size) lies inside linear memory. On wasm32 an out-of-range access traps (the
/// instance would be lost), so every pointer from JavaScript is checked; natively nothing can be
/// checked and the caller's contract (see `# Safety`) applies.
#[inline]
fn in_memory<T>(p: *const T, n: u32) -> bool {
    let bytes = (n as u64) * (std::mem::size_of::<T>() as u64);
    #[cfg(target_arch = "wasm32")]
    {
        let end = core::arch::wasm32::memory_size(0) as u64 * 65_536;
        (p as usize as u64).checked_add(bytes).map_or(false, |e| e <= end)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        (p as usize as u64).checked_add(bytes).is_some() && bytes <= isize::MAX as u64
    }
}

/// A slice over `n` elements at `p`, or None if `p` is null, misaligned or (wasm32) outside linear
/// memory (n = 0 gives an empty slice).
///
/// # Safety
/// If non-null and aligned, `p` must point to `n` initialised elements that outlive the use.
pub unsafe fn slice<'a, T>(p: *const T, n: u32) -> Option<&'a [T]> {
    if n == 0 {
        return Some(&[]);
    }
    if p.is_null() || (p as usize) % std::mem::align_of::<T>() != 0 || !in_memory(p, n) {
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
    if p.is_null() || (p as usize) % std::mem::align_of::<T>() != 0 || !in_memory(p, n) {
        return None;
    }
    Some(std::slice::from_raw_parts_mut(p, n as usize))
}
