//! swta-core: the engine of swta. Safe Rust only; knows nothing of FFI or JavaScript.
//!
//! - `math`: exp/ln and the seeded PRNG, identical on every backend.
//! - `ode`, `neuron`, `net`: the conductance-based network simulator.
//! - `truenorth`: the bit-exact TrueNorth core/chip emulator.
//! - `filter`: the sWTA image filter.

pub mod error;
pub mod filter;
pub mod math;
pub mod net;
pub mod neuron;
pub mod ode;
pub mod truenorth;

pub use error::{Error, ErrorKind};
