//! Elementary functions and the PRNG, written once for every backend.
//!
//! Kernels never call the platform `exp`/`ln`: glibc (native) and compiler-builtins' libm (wasm32) may
//! differ in the last bit, which would break "same seed → same spikes" between backends. Everything
//! here uses only IEEE-754 `+ − × ÷ sqrt` and bit casts, which are exactly reproducible on x86-64 and
//! wasm32 (Rust never contracts `a*b+c` into an FMA).

mod exp;
mod log;
mod real;
mod rng;

pub use exp::{exp_f32, exp_f64, exp_kernel_f32, exp_kernel_f64};
pub use log::ln_f64;
pub use real::Real;
pub use rng::Rng;
