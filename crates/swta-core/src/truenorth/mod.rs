//! TrueNorth emulator (shared docs TRUENORTH.md; decisions in docs/truenorth.md).
//!
//! One block per file, in call order of a tick:
//! - `scheduler`: the 16-slot axon-activity ring of each core (OR-merge of coincident spikes) and the
//!   spike queues through which routed spikes reach it;
//! - `crossbar`: the 256 × 256 binary crossbar, bit-packed axon-major (one 256-bit row per axon);
//! - `neuron`: the neuron-type table (parameters by type index, as IBM model files) and NEURON_UPDATE;
//! - `prng`: the per-core counter-based generator (lowbias32), identical in the AssemblyScript port;
//! - `config`: the switches of TRUENORTH.md §2.6 (comparisons, stochastic rules, overflow policy);
//! - `fast`: the branch-free neuron pass of uniform deterministic cores (checked against `neuron`);
//! - `core`: one core's tick (integrate → leak → threshold/reset → route into the future slot);
//! - `setup`: the checked setters that load a chip;
//! - `chip`: the grid of cores (one or several chips), external inputs, spike records.
//!
//! State is flat SoA over the whole grid (index `core * 256 + neuron`), and `Chip::run` never allocates
//! except when the spike record grows.

pub mod chip;
pub mod config;
pub mod core;
pub mod crossbar;
pub mod fast;
pub mod neuron;
pub mod prng;
pub mod scheduler;
pub mod setup;

pub use chip::Chip;
pub use config::Config;
pub use neuron::{NeuronType, FIELD_NAMES, TYPE_FIELDS};

/// Axons and neurons per core.
pub const N: usize = 256;
/// 64-bit words in a 256-bit axon vector or crossbar row.
pub const WORDS: usize = 4;
/// Scheduler slots (delays 1..15 plus the slot being read).
pub const SLOTS: usize = 16;
/// Neuron type index meaning "no neuron here" (never integrates, leaks or fires).
pub const DISABLED: u16 = 0xffff;
/// Destination codes in `Chip::dest_core` besides a core index.
pub const DEST_NONE: i32 = -1;
pub const DEST_OUTPUT: i32 = -2;
/// Grid limits: each side up to 256 cores (the 9-bit packet offsets reach ±255), at most four
/// 64 × 64 chips' worth of cores in all (≈ 200 MB of state).
pub const MAX_SIDE: u32 = 256;
pub const MAX_CORES: u32 = 4 * 4096;
/// At most this many neuron types in the chip-wide table (u16 index, one reserved).
pub const MAX_TYPES: u32 = 65_535;
/// Spike-record capacity (records of 3 i32) and pending-input capacity.
pub const MAX_RECORDS: usize = 1 << 23;
pub const MAX_INPUTS: usize = 1 << 24;
