//! The emulated core array: a `cols × rows` grid of cores (one 64 × 64 chip, a part of one, or several
//! chips tiled seamlessly: the merge/split blocks of a chip edge are transparent, TRUENORTH.md §1.5).
//! Core index c = y * cols + x. Destinations are given as packet offsets (dx, dy) and resolved once to
//! a core index, or to "output" when they leave the grid (those spikes go to the output record).

use super::config::Config;
use super::crossbar::Row;
use super::neuron::NeuronType;
use super::{scheduler, DISABLED, MAX_CORES, MAX_INPUTS, MAX_RECORDS, MAX_SIDE, N, SLOTS, WORDS};

/// Cores per block of a tick (see `Chip::run`): enough active rows per block to keep many cache
/// misses in flight, few enough that the block's rows stay in L1/L2 until they are integrated.
pub const BLOCK: usize = 64;
use crate::error::{Error, ErrorKind, Result};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoreKind {
    /// No enabled neuron: the core only clears its scheduler slot.
    Empty,
    /// All 256 neurons share this type, with deterministic synapses (constant weight per axon).
    Uniform(u16),
    Mixed,
}

#[derive(Clone, Copy, Debug)]
pub struct CoreMeta {
    pub kind: CoreKind,
    /// Every enabled type is `quiet_without_input`.
    pub quiet: bool,
    /// The last tick had no input and changed nothing (a quiet core may then be skipped).
    pub settled: bool,
    /// Every enabled type has deterministic synapses and leak and TM = 0 (`fast::step_one` applies).
    pub all_fast: bool,
}

/// `Chip::vbound` of a core whose potentials were written outside the fast path.
pub const VBOUND_UNKNOWN: u32 = u32::MAX;

/// Packed destination codes (see `Chip::dest`).
pub const PACK_NONE: u32 = u32::MAX;
pub const PACK_OUTPUT: u32 = u32::MAX - 1;

/// (core, axon, delay) of a packed destination `core << 12 | axon << 4 | delay` (below PACK_OUTPUT).
#[inline]
pub fn unpack_dest(d: u32) -> (usize, usize, u64) {
    ((d >> 12) as usize, ((d >> 4) & 0xff) as usize, (d & 15) as u64)
}

pub struct Chip {
    pub cols: u32,
    pub rows: u32,
    pub(super) n_cores: usize,
    pub cfg: Config,
    pub(super) types: Vec<NeuronType>,
    pub(super) v: Vec<i32>,
    /// Per core, an upper bound on |V| of its neurons kept by the uniform fast path (`step_fast16`),
    /// or VBOUND_UNKNOWN after any other write of V; below 2^30 the fast path needs no saturation test.
    pub(super) vbound: Vec<u32>,
    pub(super) ntype: Vec<u16>,
    /// Destination per neuron, packed `core << 12 | axon << 4 | delay` (one load per spike), or
    /// PACK_NONE / PACK_OUTPUT.
    pub(super) dest: Vec<u32>,
    /// Neurons (`core * 256 + j`) that fired in the current block of cores, in firing order; routed
    /// in one tight loop (`Chip::route`) so that the destination look-ups overlap their cache misses.
    pub(super) fired_list: Vec<u32>,
    /// Scratch of one block: the active rows (`core * 256 + axon`) in `load_block` (targets without
    /// prefetch), then the destinations of the fired neurons in `route`.
    pub(super) pending: Vec<u32>,
    /// Activity vectors of the current block's cores, taken from the scheduler by `Chip::load_block`.
    pub(super) act: [[u64; WORDS]; BLOCK],
    /// Sink of the loads that warm the block's crossbar rows (`Chip::load_block`), kept so they are
    /// not optimised away (targets without prefetch).
    #[cfg(not(target_arch = "x86_64"))]
    pub(super) sink: u64,
    pub(super) xbar: Vec<Row>,
    /// Axon types, 2 bits per axon (axon i of core c: word `c * 8 + i / 32`, bits `2 * (i % 32)`): one
    /// cache line per core, so the whole grid's types stay in cache.
    pub(super) atype: Vec<u64>,
    pub(super) sched: Vec<u64>,
    /// Spike queues of the blocks of cores (see `scheduler`): queue q's entries from `q * QUEUE`, its
    /// length `qlen[q]`.
    pub(super) queue: Vec<u16>,
    pub(super) qlen: Vec<u32>,
    pub(super) seeds: Vec<u32>,
    pub(super) keys: Vec<u32>,
    pub(super) meta: Vec<CoreMeta>,
    /// Mixed cores: weight of axon type g for neuron j at `(core * 4 + g) * 256 + j` (0: no neuron or
    /// stochastic), and the neurons with a stochastic type-g synapse at `(core * 4 + g) * 4 + word`.
    pub(super) wexp: Vec<i16>,
    /// `fast::K` of every type under the current switches (rebuilt by set_types and set_config).
    pub(super) kfast: Vec<super::fast::K>,
    pub(super) smask: Vec<u64>,
    pub(super) acc: [i32; N],
    /// Narrow accumulators of the fast path (see `Chip::step_fast16`).
    pub(super) acc16: [i16; N],
    /// The fast path's dense active rows of the core being stepped (capacity 256: never reallocates).
    pub(super) dense: Vec<super::fast::DenseRow>,
    /// Spikes of the core being stepped (bit j = neuron j).
    pub(super) fired: [u64; WORDS],
    /// Scratch of one core: the indices of the set bits of its activity or spike vector (`set_bits`).
    pub(super) bits: [u16; N + 1],
    pub(super) tick: u64,
    /// Pending external inputs (tick, core, axon), sorted by tick; `next_input` is the first undelivered.
    inputs: Vec<(u64, u32, u32)>,
    next_input: usize,
    /// 0: record nothing; 1: spikes of neurons routed to the output; 2: every spike.
    pub(super) record_mode: u32,
    pub(super) records: Vec<i32>,
    pub(super) dropped: u64,
    pub(super) spikes: u64,
    pub(super) sops: u64,
    /// Use the uniform-type integration path and skip settled quiet cores (default). Off: every core
    /// takes the general path every tick — the reference the fast paths are tested against.
    pub fast_paths: bool,
}

impl Chip {
    pub fn new(cols: u32, rows: u32) -> Result<Chip> {
        if cols == 0 || rows == 0 || cols > MAX_SIDE || rows > MAX_SIDE {
            return Err(Error::invalid(
                "grid",
                format!("cols and rows must be in 1..{}, got {} × {}", MAX_SIDE, cols, rows),
            ));
        }
        if cols * rows > MAX_CORES {
            return Err(Error::new(
                ErrorKind::Budget,
                "grid",
                format!("{} cores exceed the limit of {}", cols * rows, MAX_CORES),
            ));
        }
        let n = (cols * rows) as usize;
        let blocks = (n + BLOCK - 1) / BLOCK;
        let mut chip = Chip {
            cols,
            rows,
            n_cores: n,
            cfg: Config::default(),
            types: Vec::new(),
            v: vec![0; n * N],
            vbound: vec![0; n],
            ntype: vec![DISABLED; n * N],
            dest: vec![PACK_NONE; n * N],
            fired_list: Vec::with_capacity(BLOCK * N),
            pending: Vec::with_capacity(BLOCK * N),
            act: [[0; WORDS]; BLOCK],
            #[cfg(not(target_arch = "x86_64"))]
            sink: 0,
            xbar: vec![Row::default(); n * N],
            atype: vec![0; n * N / 32],
            sched: vec![0; n * SLOTS * WORDS],
            queue: vec![0; blocks * SLOTS * scheduler::QUEUE],
            qlen: vec![0; blocks * SLOTS],
            seeds: vec![0; n],
            keys: vec![0; n],
            meta: vec![CoreMeta { kind: CoreKind::Empty, quiet: true, settled: false, all_fast: false }; n],
            wexp: vec![0; n * 4 * N],
            kfast: Vec::new(),
            smask: vec![0; n * 4 * WORDS],
            acc: [0; N],
            acc16: [0; N],
            dense: Vec::with_capacity(N),
            fired: [0; WORDS],
            bits: [0; N + 1],
            tick: 0,
            inputs: Vec::new(),
            next_input: 0,
            record_mode: 2,
            records: Vec::new(),
            dropped: 0,
            spikes: 0,
            sops: 0,
            fast_paths: true,
        };
        for c in 0..n {
            chip.keys[c] = super::prng::core_key(0, c as u32);
        }
        Ok(chip)
    }

    pub fn cores(&self) -> usize {
        self.n_cores
    }
    pub fn tick(&self) -> u64 {
        self.tick
    }

    pub(super) fn check_core(&self, core: u32) -> Result<usize> {
        if core as usize >= self.n_cores {
            return Err(Error::new(
                ErrorKind::NotFound,
                "core",
                format!("core {} is outside the grid of {} cores", core, self.n_cores),
            ));
        }
        Ok(core as usize)
    }

    pub fn set_config(&mut self, flags: u32, width: u32) -> Result<()> {
        self.cfg = Config::new(flags, width)?;
        self.refresh_kfast();
        Ok(())
    }

    pub fn set_record_mode(&mut self, mode: u32) -> Result<()> {
        if mode > 2 {
            return Err(Error::invalid(
                "record",
                format!("mode must be 0 (none), 1 (outputs) or 2 (all), got {}", mode),
            ));
        }
        self.record_mode = mode;
        Ok(())
    }

    /// Queue external spikes (tick, core, axon) triples: axon `axon` of `core` is active at tick `tick`
    /// (integrated in that tick). Ticks must not be in the past.
    pub fn inject(&mut self, triples: &[i32]) -> Result<()> {
        if triples.len() % 3 != 0 {
            return Err(Error::invalid(
                "inputs",
                format!("length must be a multiple of 3 (tick, core, axon), got {}", triples.len()),
            ));
        }
        if self.inputs.len() - self.next_input + triples.len() / 3 > MAX_INPUTS {
            return Err(Error::new(
                ErrorKind::Budget,
                "inputs",
                format!("more than {} pending input spikes", MAX_INPUTS),
            ));
        }
        for (k, s) in triples.chunks(3).enumerate() {
            if (s[0] as i64) < self.tick as i64 || s[0] < 0 {
                return Err(Error::invalid(
                    format!("inputs[{}].tick", k),
                    format!("tick {} is before the current tick {}", s[0], self.tick),
                ));
            }
            if s[1] < 0 || s[1] as usize >= self.n_cores {
                return Err(Error::invalid(
                    format!("inputs[{}].core", k),
                    format!("must be 0..{}, got {}", self.n_cores - 1, s[1]),
                ));
            }
            if !(0..=255).contains(&s[2]) {
                return Err(Error::invalid(format!("inputs[{}].axon", k), format!("must be 0..255, got {}", s[2])));
            }
        }
        self.inputs.drain(..self.next_input);
        self.next_input = 0;
        self.inputs.extend(triples.chunks(3).map(|s| (s[0] as u64, s[1] as u32, s[2] as u32)));
        self.inputs.sort_by_key(|s| s.0);
        Ok(())
    }

    /// Run `ticks` ticks. The spike record is cleared first and then holds this call's spikes.
    pub fn run(&mut self, ticks: u32) {
        self.records.clear();
        for _ in 0..ticks {
            let t = self.tick;
            while let Some(&(it, c, a)) = self.inputs.get(self.next_input) {
                if it != t {
                    break;
                }
                scheduler::set(&mut self.sched, c as usize, t, a as usize);
                self.meta[c as usize].settled = false;
                self.next_input += 1;
            }
            // Block by block: load (slots; rows in flight, see `load_block`), step, route. Routing at once
            // is safe: a spike of tick t lands in slot (t + d) mod 16, or its block's queue for it, with
            // 1 ≤ d ≤ 15: never in the slot t (or queue) that later blocks have yet to take.
            for b0 in (0..self.n_cores).step_by(BLOCK) {
                let b1 = (b0 + BLOCK).min(self.n_cores);
                self.load_block(b0, b1, t);
                for c in b0..b1 {
                    #[cfg(target_arch = "x86_64")]
                    self.prefetch_rows(c + BLOCK, t);
                    self.step_core(c, c - b0, t);
                }
                self.route(t);
            }
            self.tick += 1;
        }
    }

    /// Whether every core's kept bound on |V| (`vbound`, by which the fast path skips the saturation
    /// test) holds: a self-check for tests.
    pub fn potential_bounds_hold(&self) -> bool {
        self.vbound
            .iter()
            .zip(self.v.chunks_exact(N))
            .all(|(&b, v)| b == VBOUND_UNKNOWN || v.iter().all(|x| x.unsigned_abs() <= b))
    }

    /// Type (0..3) of axon `i` of core `c`.
    #[inline]
    pub(super) fn axon_type(&self, c: usize, i: usize) -> usize {
        ((self.atype[(c * N + i) / 32] >> (2 * (i % 32))) & 3) as usize
    }

    pub(super) fn record(&mut self, t: u64, c: usize, j: usize) {
        if self.records.len() >= MAX_RECORDS * 3 {
            self.dropped += 1;
            return;
        }
        self.records.extend_from_slice(&[t as i32, c as i32, j as i32]);
    }

    /// Spike records of the last `run`: (tick, core, neuron) triples.
    pub fn records(&self) -> &[i32] {
        &self.records
    }

    /// [tick, spikes, synaptic events, dropped records, pending inputs, cores, types, record mode].
    pub fn stats(&self) -> [f64; 8] {
        [
            self.tick as f64,
            self.spikes as f64,
            self.sops as f64,
            self.dropped as f64,
            (self.inputs.len() - self.next_input) as f64,
            self.n_cores as f64,
            self.types.len() as f64,
            self.record_mode as f64,
        ]
    }
}
