//! The spike schedulers of the grid: per core 16 slots × 256 axon bits (4 u64 each), stored slot-major
//! over the grid at `(slot * cores + core) * 4`, so that one tick reads its slot of every core as one
//! contiguous stream and spikes with the usual short delays land in a few slots' worth of memory.
//! Slot `t mod 16` is read and cleared at the start of tick t; a spike for tick t + d sets a bit in
//! slot (t + d) mod 16. Setting a set bit is idempotent: coincident spikes for
//! the same (core, axon, tick) merge into one (TRUENORTH.md §1.2).
//!
//! Routed spikes reach these bits through spike queues, one per block of `BLOCK` cores and slot:
//! `route` appends `(core % BLOCK) << 8 | axon` to the queue of the destination's block for tick
//! t + d, and `load_block` ORs the queue of its block for tick t into the activity vectors it takes
//! from the slots. A full chip's spikes would otherwise set ≈ 20 k random bits a tick in the ring's
//! 2 MB, each a cache miss; the queues are appended and drained in order. Same activity: an OR is
//! an OR whichever way it arrives. A spike that finds its queue full sets its bit in the slot
//! directly; external inputs always do.

use super::chip::BLOCK;
use super::{N, SLOTS, WORDS};

/// Capacity of one spike queue: 16 spikes per core of the block on average (the benchmark's full chip
/// queues ≈ 330 per block and tick).
pub const QUEUE: usize = 16 * BLOCK;

/// Index of the queue of the block of core `core` for tick `tick` (its entries start at index × QUEUE).
#[inline]
pub fn queue(core: usize, tick: u64) -> usize {
    core / BLOCK * SLOTS + (tick as usize & (SLOTS - 1))
}

/// Queue entry of axon `axon` of `core`.
#[inline]
pub fn entry(core: usize, axon: usize) -> u16 {
    ((core % BLOCK) << 8 | (axon & 0xff)) as u16
}

/// Crossbar row (`core * N + axon`) of queue entry `e` of the block whose first core is `b0`: with
/// N = 256 an entry `(core % BLOCK) << 8 | axon` is the row's offset from the block's first row.
#[inline]
pub fn entry_row(b0: usize, e: u16) -> usize {
    b0 * N + e as usize
}

#[inline]
pub fn slot_base(cores: usize, core: usize, tick: u64) -> usize {
    ((tick as usize & (SLOTS - 1)) * cores + core) * WORDS
}

/// Index in `sched` of the word holding axon `axon` of `core` for tick `tick`.
#[inline]
pub fn word(sched: &[u64], core: usize, tick: u64, axon: usize) -> usize {
    slot_base(sched.len() / (SLOTS * WORDS), core, tick) + (axon >> 6)
}

/// Set axon `axon` of `core` active for tick `tick`.
#[inline]
pub fn set(sched: &mut [u64], core: usize, tick: u64, axon: usize) {
    let i = word(sched, core, tick, axon);
    if let Some(w) = sched.get_mut(i) {
        *w |= 1u64 << (axon & 63);
    }
}

/// The activity vector of `core` for tick `tick`, left in place (to prefetch its rows ahead).
#[inline]
pub fn peek(sched: &[u64], core: usize, tick: u64) -> [u64; WORDS] {
    let b = slot_base(sched.len() / (SLOTS * WORDS), core, tick);
    let mut a = [0u64; WORDS];
    if let Some(row) = sched.get(b..b + WORDS) {
        a.copy_from_slice(row);
    }
    a
}

/// Take (read and clear) the activity vector of `core` for tick `tick`.
#[inline]
pub fn take(sched: &mut [u64], core: usize, tick: u64) -> [u64; WORDS] {
    let a = peek(sched, core, tick);
    let b = slot_base(sched.len() / (SLOTS * WORDS), core, tick);
    if let Some(row) = sched.get_mut(b..b + WORDS) {
        row.fill(0);
    }
    a
}
