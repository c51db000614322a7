//! Per-core pseudo-random numbers for the stochastic modes (TRUENORTH.md §2.7: IBM's generator is not
//! public, so this one is ours and documented in docs/truenorth.md).
//!
//! Counter-based: every draw is a hash of (core key, tick, neuron, draw id), so the result does not
//! depend on the order in which neurons or synapses are visited. The hash is Chris Wellons'
//! "lowbias32" 32-bit integer finaliser (hash-prospector, 2 multiply rounds, bias ≈ 0.17):
//! `x ^= x >> 16; x *= 0x7feb352d; x ^= x >> 15; x *= 0x846ca68b; x ^= x >> 16`. It uses only 32-bit
//! wrapping multiplies, shifts and xors, so the AssemblyScript port is bit-exact.
//!
//! - core key  K_c   = lowbias32(seed ^ lowbias32(core ^ 0xa511e9b3))   (decorrelates equal seeds)
//! - tick key  K_ct  = lowbias32(K_c + (tick as u32) * 0x9e3779b9)
//! - draw      h     = lowbias32(K_ct ^ ((neuron << 9 | id) * 0x85ebca77))
//!   with id = axon index 0..255 for a stochastic synapse, 256 for the leak, 257 for the threshold.
//! - ρ (8-bit) = h >> 24; threshold draw η = h & M.

pub const DRAW_LEAK: u32 = 256;
pub const DRAW_THR: u32 = 257;

#[inline]
pub fn lowbias32(mut x: u32) -> u32 {
    x ^= x >> 16;
    x = x.wrapping_mul(0x7feb_352d);
    x ^= x >> 15;
    x = x.wrapping_mul(0x846c_a68b);
    x ^= x >> 16;
    x
}

/// Key of core `core` with model-file seed `seed` (computed when the seed is set).
pub fn core_key(seed: u32, core: u32) -> u32 {
    lowbias32(seed ^ lowbias32(core ^ 0xa511_e9b3))
}

/// Key of one core for one tick (computed once per core-tick).
#[inline]
pub fn tick_key(core_key: u32, tick: u64) -> u32 {
    lowbias32(core_key.wrapping_add((tick as u32).wrapping_mul(0x9e37_79b9)))
}

/// The 32-bit draw `id` of `neuron` in this core-tick.
#[inline]
pub fn draw(tick_key: u32, neuron: u32, id: u32) -> u32 {
    lowbias32(tick_key ^ ((neuron << 9) | id).wrapping_mul(0x85eb_ca77))
}

/// The 8-bit draw ρ ∈ 0..255.
#[inline]
pub fn draw8(tick_key: u32, neuron: u32, id: u32) -> u32 {
    draw(tick_key, neuron, id) >> 24
}
