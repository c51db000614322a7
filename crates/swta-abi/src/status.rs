//! Status codes and the last-error record.

use std::cell::RefCell;
use swta_core::{Error, ErrorKind};

pub const OK: i32 = 0;

thread_local! {
    static LAST_ERROR: RefCell<String> = RefCell::new(String::new());
}

/// Record `e` as the last error and return its status code.
pub fn fail(e: Error) -> i32 {
    let code = e.kind as i32;
    LAST_ERROR.with(|s| {
        let mut s = s.borrow_mut();
        s.clear();
        s.push_str(&e.field);
        s.push('\t');
        s.push_str(&e.message);
    });
    code
}

/// Turn a core result into a status code.
pub fn status(r: Result<(), Error>) -> i32 {
    match r {
        Ok(()) => OK,
        Err(e) => fail(e),
    }
}

pub fn bad_handle(what: &str) -> i32 {
    fail(Error::new(
        ErrorKind::NotFound,
        "handle",
        format!("no live {} with this handle (freed or never created)", what),
    ))
}

pub fn null_ptr(field: &str) -> i32 {
    fail(Error::invalid(field, "null or misaligned pointer"))
}

/// Byte length of the last error message ("field<TAB>sentence", UTF-8).
#[no_mangle]
pub extern "C" fn swta_error_len() -> u32 {
    LAST_ERROR.with(|s| s.borrow().len() as u32)
}

/// Copy the last error message into `dst` (at most `cap` bytes); returns the bytes written.
///
/// # Safety
/// `dst` must point to `cap` writable bytes (null or, on wasm32, out-of-memory: nothing is written).
#[no_mangle]
pub unsafe extern "C" fn swta_error_copy(dst: *mut u8, cap: u32) -> u32 {
    LAST_ERROR.with(|s| {
        let s = s.borrow();
        let n = s.len().min(cap as usize);
        match crate::mem::slice_mut(dst, n as u32) {
            Some(d) if !dst.is_null() => {
                d.copy_from_slice(&s.as_bytes()[..n]);
                n as u32
            }
            _ => 0,
        }
    })
}
