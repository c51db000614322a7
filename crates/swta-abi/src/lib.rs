//! swta-abi: the C ABI over swta-core, built twice: as `swta.wasm` (wasm32-unknown-unknown, Debian
//! rustc 1.63) and as `libswta_abi.so` (native, loaded from Node with koffi).
//!
//! Conventions (every export is listed in `abi.json`, the one inventory TS, AS and CI read):
//! - names are `swta_<area>_<verb>`;
//! - fallible exports return an `i32` status: 0 = ok, otherwise an `ErrorKind` code; the message
//!   ("field<TAB>sentence") is fetched with `swta_error_len` / `swta_error_copy`;
//! - objects are opaque `u32` handles (16-bit slot | 16-bit generation), freed explicitly;
//! - buffers live in the engine's memory: `swta_alloc`/`swta_free`, and `*_ptr`/`*_len` exports give
//!   zero-copy views that stay valid until the next call that mutates the same object;
//! - no export may panic: wrappers check handles, lengths and pointers and return a status.

pub mod filter;
pub mod handles;
#[cfg(all(target_os = "linux", not(target_arch = "wasm32")))]
mod hugealloc;
pub mod mem;
pub mod net;
pub mod status;
pub mod tn;

/// Large blocks on huge pages in the native library (see `hugealloc`).
#[cfg(all(target_os = "linux", not(target_arch = "wasm32")))]
#[global_allocator]
static ALLOC: hugealloc::HugeAlloc = hugealloc::HugeAlloc;
