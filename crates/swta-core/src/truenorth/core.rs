//! One core's tick (TRUENORTH.md §2.2, STYLE rule 7): take the scheduler slot → integrate the active
//! crossbar rows → leak/threshold/reset every neuron → queue each spike for the destination core's
//! future slot (no hop simulation; delay ≥ 1 never targets the slot being read).

use super::chip::{unpack_dest, PACK_NONE, PACK_OUTPUT};
use super::chip::{Chip, CoreKind, BLOCK, VBOUND_UNKNOWN};
use super::crossbar::{add_row16, add_row_dense, add_row_weights, count, set_bits};
use super::fast::DenseRow;
use super::neuron::{stoch_syn, update, NeuronType};
use super::scheduler::QUEUE;
use super::{fast, prng, scheduler, DISABLED, N, WORDS};

/// Rows with at least this many synapses are added densely (32 vector steps), sparser rows bit by bit.
const DENSE_FROM: u64 = 24;

impl Chip {
    /// Advance core `c` through tick `t`.
    /// `b` is the core's index in the current block (its activity vector is `act[b]`).
    pub(super) fn step_core(&mut self, c: usize, b: usize, t: u64) {
        let a = self.act[b];
        let active = (a[0] | a[1] | a[2] | a[3]) != 0;
        let mut meta = self.meta[c];
        if !self.fast_paths && meta.kind != CoreKind::Empty {
            meta.kind = CoreKind::Mixed;
            meta.settled = false;
        }
        if meta.kind == CoreKind::Empty || (!active && meta.quiet && meta.settled) {
            return;
        }
        if let CoreKind::Uniform(u) = meta.kind {
            if self.kfast.get(u as usize).map_or(false, |k| k.eligible) && count(&a) < 128 {
                let changed = self.step_fast16(c, &a, u, !active);
                self.meta[c].settled = !active && !changed;
                return;
            }
        }
        self.vbound[c] = VBOUND_UNKNOWN; // the general paths write V without keeping the bound
        let key = prng::tick_key(self.keys[c], t);
        if active {
            self.integrate(c, &a, key, meta.kind);
        }
        let changed = match meta.kind {
            CoreKind::Uniform(u) => self.pass_uniform(c, key, u),
            _ => self.pass_mixed(c, key),
        };
        self.meta[c].settled = !active && !changed;
    }

    /// Uniform deterministic core with < 128 active axons: sparse rows bit by bit into `acc16`, dense
    /// rows listed with their weights, then `fast::pass_rows` (integrate + update).
    /// `track`: the core had no active axon (only then is the result used).
    // Out of line on wasm32 (as `load_block` and `route`): V8's register allocator spills heavily in
    // one tick loop with every phase inlined; split, the in-cache benchmark ran ≈ 5 % faster, the full
    // chip the same (docs/truenorth.md §1.3). Native code is unaffected.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn step_fast16(&mut self, c: usize, a: &[u64; WORDS], u: u16, track: bool) -> bool {
        let w = self.types[u as usize].w;
        self.dense.clear();
        // Σ |w| of the active rows: a bound on each neuron's |input| this tick
        let mut input = 0u32;
        let n = set_bits(a, &mut self.bits);
        for k in 0..n {
            let i = self.bits[k] as usize;
            let wt = w[self.axon_type(c, i)];
            let row = self.xbar[c * N + i].0;
            let n = count(&row);
            self.sops += n;
            if wt == 0 {
                continue;
            }
            input += wt.unsigned_abs();
            if n >= DENSE_FROM {
                self.dense.push(DenseRow { bits: row, w: wt });
            } else {
                add_row16(&mut self.acc16, &row, wt as i16);
            }
        }
        let v = &mut self.v[c * N..c * N + N];
        let k = &self.kfast[u as usize];
        // every |V| < 2^30: no group needs saturating adds (the bound is re-measured when it runs out)
        let mut b = self.vbound[c];
        if b >= 1 << 30 {
            b = v.iter().fold(0, |m, x| m.max(x.unsigned_abs()));
        }
        let plain = b < 1 << 30;
        self.vbound[c] = if plain { k.bound_after(b, input) } else { VBOUND_UNKNOWN };
        let changed = fast::pass_rows(&mut self.acc16, v, &self.dense, k, &mut self.fired, track, plain);
        self.route_fired(c);
        changed
    }

    /// Queue the spikes flagged in the mask `fired` (and clear it).
    fn route_fired(&mut self, c: usize) {
        let n = set_bits(&self.fired, &mut self.bits);
        self.fired = [0; WORDS];
        for &j in &self.bits[..n] {
            let k = (c * N) as u32 + j as u32;
            self.fired_list.push(k);
            // its destination is read by `route` after the block: start the (random) miss now
            #[cfg(target_arch = "x86_64")]
            if let Some(d) = self.dest.get(k as usize) {
                prefetch(d);
            }
        }
    }

    /// Add the contributions of every active, connected axon to `acc` (event-driven over set bits).
    fn integrate(&mut self, c: usize, a: &[u64; WORDS], key: u32, kind: CoreKind) {
        let n = set_bits(a, &mut self.bits);
        for k in 0..n {
            let i = self.bits[k] as usize;
            let g = self.axon_type(c, i);
            let row = self.xbar[c * N + i].0;
            let n = count(&row);
            self.sops += n;
            match kind {
                CoreKind::Uniform(u) => {
                    let wt = self.types[u as usize].w[g];
                    if n >= DENSE_FROM {
                        add_row_dense(&mut self.acc, &row, wt);
                    } else {
                        add_row(&mut self.acc, &row, wt);
                    }
                }
                _ if self.fast_paths && n >= DENSE_FROM => self.add_row_mixed_dense(c, &row, g, i as u32, key),
                _ => self.add_row_mixed(c, &row, g, i as u32, key),
            }
        }
    }

    /// Dense counterpart of `add_row_mixed`: deterministic weights from `wexp` for all neurons at
    /// once, then the stochastic synapses (row AND smask) one by one. Same sums and draws.
    fn add_row_mixed_dense(&mut self, c: usize, row: &[u64; WORDS], g: usize, axon: u32, key: u32) {
        let base = (c * 4 + g) * N;
        add_row_weights(&mut self.acc, row, &self.wexp[base..base + N]);
        for w in 0..WORDS {
            let mut bits = row[w] & self.smask[(c * 4 + g) * WORDS + w];
            while bits != 0 {
                let j = (w * 64 + bits.trailing_zeros() as usize) & (N - 1);
                bits &= bits - 1;
                let t = &self.types[self.ntype[c * N + j] as usize];
                self.acc[j] += stoch_syn(t, g, &self.cfg, key, j as u32, axon);
            }
        }
    }

    /// Row of axon `axon` (type `g`) into `acc` when neurons differ in type or use stochastic synapses.
    fn add_row_mixed(&mut self, c: usize, row: &[u64; WORDS], g: usize, axon: u32, key: u32) {
        let nts = &self.ntype[c * N..c * N + N];
        for (w, &word) in row.iter().enumerate() {
            let mut bits = word;
            while bits != 0 {
                let j = (w * 64 + bits.trailing_zeros() as usize) & (N - 1);
                bits &= bits - 1;
                let nt = nts[j];
                if nt == DISABLED {
                    continue;
                }
                let t = &self.types[nt as usize];
                self.acc[j] +=
                    if (t.stoch >> g) & 1 == 1 { stoch_syn(t, g, &self.cfg, key, j as u32, axon) } else { t.w[g] };
            }
        }
    }

    /// Neuron pass of a core whose neurons share type `u`; returns whether any V changed or a neuron fired.
    fn pass_uniform(&mut self, c: usize, key: u32, u: u16) -> bool {
        let ty: NeuronType = self.types[u as usize];
        let cfg = self.cfg;
        if fast::eligible(&ty, &cfg) {
            let changed = fast::pass(&mut self.v[c * N..c * N + N], &mut self.acc, &ty, &cfg, &mut self.fired);
            self.route_fired(c);
            return changed;
        }
        let mut changed = false;
        for j in 0..N {
            let old = self.v[c * N + j];
            let (fired, nv) = update(old, self.acc[j], &ty, &cfg, key, j as u32);
            self.acc[j] = 0;
            self.v[c * N + j] = nv;
            changed |= nv != old;
            if fired {
                changed = true;
                self.fire(c, j);
            }
        }
        changed
    }

    /// Neuron pass of a core with several types (or disabled neurons).
    fn pass_mixed(&mut self, c: usize, key: u32) -> bool {
        let cfg = self.cfg;
        if self.fast_paths && self.meta[c].all_fast && !cfg.wrap && cfg.width == 32 {
            return self.pass_mixed_fast(c);
        }
        let mut changed = false;
        for j in 0..N {
            let nt = self.ntype[c * N + j];
            if nt == DISABLED {
                self.acc[j] = 0;
                continue;
            }
            let old = self.v[c * N + j];
            let (fired, nv) = update(old, self.acc[j], &self.types[nt as usize], &cfg, key, j as u32);
            self.acc[j] = 0;
            self.v[c * N + j] = nv;
            changed |= nv != old;
            if fired {
                changed = true;
                self.fire(c, j);
            }
        }
        changed
    }

    /// Mixed core whose types are all deterministic with M = 0: `fast::step_one` per neuron.
    fn pass_mixed_fast(&mut self, c: usize) -> bool {
        let mut changed = false;
        for j in 0..N {
            let nt = self.ntype[c * N + j];
            let input = self.acc[j];
            self.acc[j] = 0;
            let k = match self.kfast.get(nt as usize) {
                Some(k) if nt != DISABLED => *k,
                _ => continue,
            };
            let old = self.v[c * N + j];
            let (nv, fired) = fast::step_one(old, input, &k);
            self.v[c * N + j] = nv;
            changed |= nv != old || fired;
            if fired {
                self.fire(c, j);
            }
        }
        changed
    }

    /// Queue the spike of neuron `j` of core `c` for `route`.
    #[inline]
    fn fire(&mut self, c: usize, j: usize) {
        self.fired_list.push((c * N + j) as u32);
    }

    /// Take the scheduler slots of cores b0..b1 (b0 a multiple of BLOCK) for tick `t` into `act`, with
    /// the spikes queued for the block. Each active crossbar row is a cache miss (a full chip's 32 MB
    /// crossbar does not fit in cache). On x86-64 `Chip::run` has prefetched the rows a block ahead
    /// (`prefetch_rows`), so they are already on their way; on other targets (wasm32 has no prefetch)
    /// this block's rows are loaded here in a branch-light loop of independent loads, so the CPU keeps
    /// many misses in flight before the cores need them.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub(super) fn load_block(&mut self, b0: usize, b1: usize, t: u64) {
        for c in b0..b1 {
            self.act[c - b0] = scheduler::take(&mut self.sched, c, t);
        }
        #[cfg(not(target_arch = "x86_64"))]
        let slots = self.act[..b1 - b0].iter().any(|a| a.iter().any(|&w| w != 0));
        let q = scheduler::queue(b0, t);
        let n = self.qlen.get(q).copied().unwrap_or(0) as usize;
        let queued = self.queue.get(q * QUEUE..q * QUEUE + n).unwrap_or(&[]);
        for &e in queued {
            let e = e as usize;
            self.act[(e >> 8) & (BLOCK - 1)][(e >> 6) & 3] |= 1 << (e & 63);
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            // the rows to warm: the queue's when the slots held nothing (external inputs and queue
            // overflows are rare; a row twice if two spikes merged), else every active bit
            self.pending.clear();
            if !slots {
                self.pending.extend(queued.iter().map(|&e| scheduler::entry_row(b0, e) as u32));
            } else {
                for b in 0..b1 - b0 {
                    let n = set_bits(&self.act[b], &mut self.bits);
                    let base = ((b0 + b) * N) as u32;
                    self.pending.extend(self.bits[..n].iter().map(|&i| base + i as u32));
                }
            }
            let mut x = 0u64;
            for &r in &self.pending {
                x ^= self.xbar.get(r as usize).map_or(0, |row| row.0[0]);
            }
            self.sink ^= x;
        }
        if let Some(n) = self.qlen.get_mut(q) {
            *n = 0;
        }
    }

    /// Prefetch the active crossbar rows of core `c` for tick `t` (past the last core: core
    /// `c - cores` of tick t + 1), read from its scheduler slot without taking it, and the rows of
    /// the i-th of the `BLOCK` parts of its block's spike queue, where i = c % BLOCK.
    #[cfg(target_arch = "x86_64")]
    #[inline]
    pub(super) fn prefetch_rows(&self, c: usize, t: u64) {
        let (c, t) = if c < self.n_cores { (c, t) } else { (c - self.n_cores, t + 1) };
        if c >= self.n_cores {
            return;
        }
        for (w, &word) in scheduler::peek(&self.sched, c, t).iter().enumerate() {
            let mut bits = word;
            while bits != 0 {
                let i = c * N + w * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if let Some(row) = self.xbar.get(i) {
                    prefetch(row);
                }
            }
        }
        let q = scheduler::queue(c, t);
        let (n, i, b0) = (self.qlen.get(q).copied().unwrap_or(0) as usize, c % BLOCK, c - c % BLOCK);
        for &e in self.queue.get(q * QUEUE + n * i / BLOCK..q * QUEUE + n * (i + 1) / BLOCK).unwrap_or(&[]) {
            if let Some(row) = self.xbar.get(scheduler::entry_row(b0, e)) {
                prefetch(row);
            }
        }
    }

    /// Record and deliver the block's spikes of tick `t`: each joins the spike queue of its
    /// destination core's block for tick t + delay (`scheduler`), or sets bit `axon` of the core's slot
    /// (t + delay) mod 16 when that queue is full (an OR either way, so coincident spikes merge). The
    /// destinations are loaded first in a loop of independent loads, for the same reason as the rows
    /// in `load_block`.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub(super) fn route(&mut self, t: u64) {
        self.spikes += self.fired_list.len() as u64;
        self.pending.clear();
        let (dest, fired) = (&self.dest, &self.fired_list);
        self.pending.extend(fired.iter().map(|&k| dest.get(k as usize).copied().unwrap_or(PACK_NONE)));
        if self.record_mode != 0 {
            for i in 0..self.fired_list.len() {
                let (k, d) = (self.fired_list[i] as usize, self.pending[i]);
                if self.record_mode == 2 || d == PACK_OUTPUT {
                    self.record(t, k / N, k % N);
                }
            }
        }
        for &d in &self.pending {
            if d < PACK_OUTPUT {
                let (dc, axon, delay) = unpack_dest(d);
                let q = scheduler::queue(dc, t + delay);
                let n = self.qlen.get(q).map_or(QUEUE, |&n| n as usize);
                match self.queue.get_mut(q * QUEUE + n) {
                    Some(e) if n < QUEUE => {
                        *e = scheduler::entry(dc, axon);
                        self.qlen[q] = n as u32 + 1;
                    }
                    _ => scheduler::set(&mut self.sched, dc, t + delay, axon),
                }
            }
        }
        self.fired_list.clear();
    }
}

/// Hint the CPU to bring `x`'s cache line into L2 (no architectural effect). T2, not T0: on the
/// benchmark machine (AMD EPYC VM) a T0 prefetch holds an L1 miss buffer, and random lines then
/// arrive at about half the rate (docs/truenorth.md §1.3).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn prefetch<T>(x: &T) {
    use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T2};
    // SAFETY: a prefetch reads no memory architecturally and never faults; the pointer comes from a
    // live reference anyway.
    unsafe { _mm_prefetch::<_MM_HINT_T2>(x as *const T as *const i8) }
}

/// acc[j] += wt for every set bit j of `row`.
#[inline]
fn add_row(acc: &mut [i32; N], row: &[u64; WORDS], wt: i32) {
    for (w, &word) in row.iter().enumerate() {
        let mut bits = word;
        while bits != 0 {
            let j = (w * 64 + bits.trailing_zeros() as usize) & (N - 1);
            bits &= bits - 1;
            acc[j] += wt;
        }
    }
}
