//! The binary crossbar of one core, bit-packed axon-major: row i (axon i) is 4 u64 words, bit j of
//! the row (word j >> 6, bit j & 63) says whether axon i reaches neuron j. Flat over the grid at
//! `core * 256 + axon`, each row 32-byte aligned so that it lies in one cache line. With ~2 % of axons active per tick, iterating the set bits of the
//! active rows (event-driven integration, TRUENORTH.md §8.1 strategy 2) touches only the synapses
//! that carry a spike.

use super::{N, WORDS};

/// One crossbar row (the synapses of one axon).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C, align(32))]
pub struct Row(pub [u64; WORDS]);

/// Pack 8 little-endian u32 words per row (bit j of the row = word j >> 5, bit j & 31) into rows.
pub fn pack_rows(dst: &mut [Row], words32: &[u32]) {
    for (i, d) in dst.iter_mut().flat_map(|r| r.0.iter_mut()).enumerate() {
        let lo = words32.get(2 * i).copied().unwrap_or(0) as u64;
        let hi = words32.get(2 * i + 1).copied().unwrap_or(0) as u64;
        *d = lo | hi << 32;
    }
}

/// Unpack rows into u32 words (inverse of `pack_rows`).
pub fn unpack_rows(src: &[Row], words32: &mut [u32]) {
    for (i, s) in src.iter().flat_map(|r| r.0.iter()).enumerate() {
        if let Some(w) = words32.get_mut(2 * i) {
            *w = *s as u32;
        }
        if let Some(w) = words32.get_mut(2 * i + 1) {
            *w = (*s >> 32) as u32;
        }
    }
}

/// Writes the indices of the set bits of a 256-bit vector to `out` in increasing order and returns
/// how many there are. Branch-light for sparse vectors (a tick's activity and spikes hold ≈ 1.3 bits a
/// word): the first two bits of each word are taken unconditionally (an empty word's ctz = 64 writes an
/// entry that is not counted, hence the 257th slot), so only words with three or more bits enter a
/// loop whose exit the CPU mispredicts. A `while bits != 0` loop per word mispredicts at almost every
/// non-empty word (profile and A/B: BENCHMARKS "TrueNorth", session 10).
#[inline]
pub fn set_bits(v: &[u64; WORDS], out: &mut [u16; N + 1]) -> usize {
    let mut n = 0;
    for (q, &word) in v.iter().enumerate() {
        let base = 64 * q as u32;
        let mut bits = word;
        for _ in 0..2 {
            if let Some(o) = out.get_mut(n) {
                *o = (base + bits.trailing_zeros()) as u16;
            }
            n += (bits != 0) as usize;
            bits &= bits.wrapping_sub(1);
        }
        while bits != 0 {
            if let Some(o) = out.get_mut(n) {
                *o = (base + bits.trailing_zeros()) as u16;
            }
            n += 1;
            bits &= bits - 1;
        }
    }
    n
}

/// Number of set bits of a 256-bit row (synapses of one axon).
#[inline]
pub fn count(row: &[u64]) -> u64 {
    row.iter().map(|w| w.count_ones() as u64).sum()
}

/// acc[j] += wt for every set bit j of `row`, densely: each 32-bit half-word is spread over 32 i32
/// lanes by per-lane shifts (vpsrlvd), a few vector and/add steps per 8–16 neurons. Same sums as
/// the bit loop.
#[cfg(not(target_arch = "wasm32"))]
#[inline]
pub fn add_row_dense(acc: &mut [i32; N], row: &[u64; WORDS], wt: i32) {
    for (h, chunk) in acc.chunks_exact_mut(32).enumerate() {
        let bits = (row[(h >> 1) & (WORDS - 1)] >> (32 * (h & 1))) as u32;
        for (l, a) in chunk.iter_mut().enumerate() {
            *a += wt & (((bits >> l) & 1) as i32).wrapping_neg();
        }
    }
}

/// wasm32 variant (SIMD128 has no per-lane variable shift): test each half-word against the
/// constant lane masks 1 << l (vector and + compare + select per 4 neurons). Same sums.
#[cfg(target_arch = "wasm32")]
#[inline]
pub fn add_row_dense(acc: &mut [i32; N], row: &[u64; WORDS], wt: i32) {
    for (h, chunk) in acc.chunks_exact_mut(32).enumerate() {
        let bits = (row[(h >> 1) & (WORDS - 1)] >> (32 * (h & 1))) as u32;
        for (l, a) in chunk.iter_mut().enumerate() {
            *a += if bits & (1u32 << l) != 0 { wt } else { 0 };
        }
    }
}

/// i16 accumulators (used when fewer than 128 axons are active, so |sum| ≤ 127 × 255 fits): twice the
/// lanes per vector step. Same sums.
#[cfg(not(target_arch = "wasm32"))]
#[inline]
pub fn add_row_dense16(acc: &mut [i16; N], row: &[u64; WORDS], wt: i16) {
    for (h, chunk) in acc.chunks_exact_mut(32).enumerate() {
        let bits = (row[(h >> 1) & (WORDS - 1)] >> (32 * (h & 1))) as u32;
        for (l, a) in chunk.iter_mut().enumerate() {
            *a += if bits & (1u32 << l) != 0 { wt } else { 0 };
        }
    }
}

/// acc[j] += wt for every set bit j of `row` (i16 accumulators, used when fewer than 128 axons are
/// active, so |sum| ≤ 127 × 255 fits).
#[inline]
pub fn add_row16(acc: &mut [i16; N], row: &[u64; WORDS], wt: i16) {
    for (w, &word) in row.iter().enumerate() {
        let mut bits = word;
        while bits != 0 {
            let j = (w * 64 + bits.trailing_zeros() as usize) & (N - 1);
            bits &= bits - 1;
            acc[j] += wt;
        }
    }
}

/// acc[j] += w[j] for every set bit j of `row` (per-neuron weights of mixed cores), densely.
#[inline]
pub fn add_row_weights(acc: &mut [i32; N], row: &[u64; WORDS], w: &[i16]) {
    let w = &w[..N];
    for (h, (chunk, wc)) in acc.chunks_exact_mut(32).zip(w.chunks_exact(32)).enumerate() {
        let bits = (row[(h >> 1) & (WORDS - 1)] >> (32 * (h & 1))) as u32;
        for (l, (a, &wt)) in chunk.iter_mut().zip(wc.iter()).enumerate() {
            *a += if bits & (1u32 << l) != 0 { wt as i32 } else { 0 };
        }
    }
}
