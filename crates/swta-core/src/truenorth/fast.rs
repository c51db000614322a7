//! Fast neuron pass for the common case, verified against `neuron::update` (tests/truenorth.rs
//! `fast_paths_equal_the_general_path`): all 256 neurons of a core share one type with deterministic
//! synapses, deterministic leak and no threshold PRN (M = 0), under the default overflow policy
//! (saturate at 32 bits). Then η = 0, every draw is absent, and V evolves by i32 saturating adds and
//! selects; γ, κ and ε are const generics so each variant is a branch-free loop the compiler
//! vectorises. Spikes are collected in a 256-bit mask and routed afterwards.

use super::config::Config;
#[cfg(not(target_arch = "wasm32"))]
use super::crossbar::add_row_dense16;
use super::neuron::NeuronType;
use super::{N, WORDS};

/// `$f::<[types,] γ, κ, ε>($args)` for the modes of type `$t` (γ ≥ 2 behaves as 2).
macro_rules! by_mode {
    ($t:expr, $f:ident, [$($ty:ty),*], $($a:expr),*) => {
        match ($t.gamma, $t.kappa, $t.eps) {
            (0, false, false) => $f::<$($ty,)* 0, false, false>($($a),*),
            (0, false, true) => $f::<$($ty,)* 0, false, true>($($a),*),
            (0, true, false) => $f::<$($ty,)* 0, true, false>($($a),*),
            (0, true, true) => $f::<$($ty,)* 0, true, true>($($a),*),
            (1, false, false) => $f::<$($ty,)* 1, false, false>($($a),*),
            (1, false, true) => $f::<$($ty,)* 1, false, true>($($a),*),
            (1, true, false) => $f::<$($ty,)* 1, true, false>($($a),*),
            (1, true, true) => $f::<$($ty,)* 1, true, true>($($a),*),
            (_, false, false) => $f::<$($ty,)* 2, false, false>($($a),*),
            (_, false, true) => $f::<$($ty,)* 2, false, true>($($a),*),
            (_, true, false) => $f::<$($ty,)* 2, true, false>($($a),*),
            (_, true, true) => $f::<$($ty,)* 2, true, true>($($a),*),
        }
    };
}

/// Whether `t` under `cfg` may use `pass`.
pub fn eligible(t: &NeuronType, cfg: &Config) -> bool {
    !t.c_l && t.mask == 0 && t.stoch == 0 && !cfg.wrap && cfg.width == 32
}

/// Per-type constants, with the comparison switches folded into the thresholds.
#[derive(Clone, Copy, Debug, Default)]
pub struct K {
    leak: i32,
    fire_at: i32,
    neg_below: i32,
    alpha: i32,
    beta: i32,
    r: i32,
    ringing: bool,
    gamma: u8,
    kappa: bool,
    eps: bool,
    /// `eligible(t, cfg)`, kept with the constants (checked for every core every tick).
    pub eligible: bool,
}

impl K {
    /// Constants of type `t` under `cfg` (meaningful when `eligible(t, cfg)`).
    pub fn of(t: &NeuronType, cfg: &Config) -> K {
        K {
            leak: t.sigma_l * t.lambda,
            fire_at: t.alpha + cfg.pos_gt as i32,
            neg_below: -t.beta + cfg.neg_le as i32,
            alpha: t.alpha,
            beta: t.beta,
            r: t.r,
            ringing: cfg.ringing,
            gamma: t.gamma,
            kappa: t.kappa,
            eps: t.eps,
            eligible: eligible(t, cfg),
        }
    }

    /// An upper bound on |V| after one step, given `b` ≥ |V| before it and `input` ≥ |input|:
    /// |V + input + leak| ≤ b + input + |λ|, and no reset leaves a larger magnitude than that sum x
    /// except to ±R (γ = 0): V − α ∈ [0, x] when x ≥ α ≥ 0 fires, and below the negative threshold
    /// (x < −β + 1) both −β and x + β lie in [x, 0]. Ringing sets 0. Requires b < 2^30 (no saturation).
    pub fn bound_after(&self, b: u32, input: u32) -> u32 {
        let x = b + input + self.leak.unsigned_abs();
        if self.gamma == 0 {
            x.max(self.r.unsigned_abs())
        } else {
            x
        }
    }
}

/// One neuron of a mixed core whose types are all eligible: the same step, modes chosen per neuron.
#[inline]
pub fn step_one(v0: i32, input: i32, k: &K) -> (i32, bool) {
    by_mode!(k, step, [], v0, input, k)
}

/// i32 + i32 saturated to the i32 range, in i32 lanes only (overflow iff both operands differ in
/// sign from the wrapped sum), so that it vectorises on SIMD128 as well as on AVX.
#[inline(always)]
fn sat(a: i32, b: i32) -> i32 {
    let s = a.wrapping_add(b);
    let over = ((a ^ s) & (b ^ s)) < 0;
    let clamp = (a >> 31) ^ i32::MAX; // a < 0 → i32::MIN, else i32::MAX
    if over {
        clamp
    } else {
        s
    }
}

/// `sat` when SAT, else the plain (wrapping) sum: the caller knows it cannot overflow.
#[inline(always)]
fn add<const SAT: bool>(a: i32, b: i32) -> i32 {
    if SAT {
        sat(a, b)
    } else {
        a.wrapping_add(b)
    }
}

#[inline(always)]
fn sgn(v: i32) -> i32 {
    (v > 0) as i32 - (v < 0) as i32
}

#[inline(always)]
fn step<const G: u8, const KAPPA: bool, const EPS: bool>(v0: i32, input: i32, k: &K) -> (i32, bool) {
    step_mode::<G, KAPPA, EPS, true>(v0, input, k)
}

#[inline(always)]
fn step_mode<const G: u8, const KAPPA: bool, const EPS: bool, const SAT: bool>(
    v0: i32,
    input: i32,
    k: &K,
) -> (i32, bool) {
    let mut v = add::<SAT>(v0, input);
    if EPS {
        let before = sgn(v);
        v = add::<SAT>(v, k.leak * before);
        if k.ringing && sgn(v) != before {
            v = 0;
        }
    } else {
        v = add::<SAT>(v, k.leak);
    }
    let fire = v >= k.fire_at;
    let below = v < k.neg_below;
    let on_fire = match G {
        0 => k.r,
        1 => v - k.alpha,
        _ => v,
    };
    let on_neg = if KAPPA {
        -k.beta
    } else {
        match G {
            0 => -k.r,
            1 => v + k.beta,
            _ => v,
        }
    };
    let v1 = if below { on_neg } else { v };
    (if fire { on_fire } else { v1 }, fire)
}

/// Steps 32 neurons, writing their spike flags; returns whether any changed (V or a spike).
#[inline(always)]
fn step_each<const G: u8, const KAPPA: bool, const EPS: bool, const SAT: bool>(
    v: &mut [i32],
    input: &[i32; 32],
    k: &K,
    flags: &mut [u8; 32],
) -> bool {
    let mut changed = 0u32;
    for ((vj, &x), fl) in v.iter_mut().zip(input.iter()).zip(flags.iter_mut()) {
        let (nv, f) = step_mode::<G, KAPPA, EPS, SAT>(*vj, x, k);
        changed |= ((nv != *vj) | f) as u32;
        *fl = f as u8;
        *vj = nv;
    }
    changed != 0
}

/// Whether the 32 neurons of one group changed (V or a spike), and their spikes as a 32-bit mask.
/// Requires |input| < 2^16, which holds for sums of at most 256 synapses of weight ≤ 255.
/// `plain`: the caller knows every |V| < 2^30.
#[inline(always)]
fn step_group<const G: u8, const KAPPA: bool, const EPS: bool>(
    v: &mut [i32],
    input: &[i32; 32],
    k: &K,
    plain: bool,
) -> (bool, u32) {
    // When every |V| < 2^30 (bits 31 and 30 equal), V + input + leak cannot leave the i32 range
    // (2^30 + 2^16 + 255 < 2^31): the saturating adds are plain adds, about half the vector work.
    let wide = !plain && v.iter().fold(0i32, |m, &x| m | (x ^ (x << 1))) < 0;
    let mut flags = [0u8; 32];
    let changed = if wide {
        step_each::<G, KAPPA, EPS, true>(v, input, k, &mut flags)
    } else {
        step_each::<G, KAPPA, EPS, false>(v, input, k, &mut flags)
    };
    // spike flags were written as bytes (a loop that vectorises on SIMD128 too); pack them 8 at a
    // time: the product with 0x0102…80 gathers the low bit of byte i into bit 56 + i
    let mut mask = 0u32;
    for (i, b) in flags.chunks_exact(8).enumerate() {
        let w = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
        mask |= ((w.wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32) << (8 * i);
    }
    (changed, mask)
}

fn run<A: Copy + Default + Into<i32>, const G: u8, const KAPPA: bool, const EPS: bool>(
    v: &mut [i32],
    acc: &mut [A; N],
    k: &K,
    fired: &mut [u64; WORDS],
    plain: bool,
) -> bool {
    let mut changed = false;
    for (q, (vq, aq)) in v.chunks_exact_mut(32).zip(acc.chunks_exact_mut(32)).enumerate() {
        let mut input = [0i32; 32];
        for (x, a) in input.iter_mut().zip(aq.iter_mut()) {
            *x = (*a).into();
            *a = A::default();
        }
        let (ch, m) = step_group::<G, KAPPA, EPS>(vq, &input, k, plain);
        changed |= ch;
        fired[q >> 1] |= (m as u64) << (32 * (q & 1));
    }
    changed
}

/// Update the 256 potentials `v` of one core from `acc` (i32, or i16 when the tick's sums fit;
/// cleared); spikes are OR-ed into the mask `fired` (bit j = neuron j). Returns whether any V changed
/// or a neuron fired.
pub fn pass<A: Copy + Default + Into<i32>>(
    v: &mut [i32],
    acc: &mut [A; N],
    t: &NeuronType,
    cfg: &Config,
    fired: &mut [u64; WORDS],
) -> bool {
    let k = K::of(t, cfg);
    by_mode!(t, run, [A], v, acc, &k, fired, false)
}

/// A dense active row of a uniform core for `pass_rows`: its 256 synapse bits and the weight of its
/// axon type.
#[derive(Clone, Copy, Debug, Default)]
pub struct DenseRow {
    pub bits: [u64; WORDS],
    pub w: i32,
}

/// Integrate and update one uniform core: the input of neuron j is `sparse[j]` (rows added bit by
/// bit beforehand; cleared) plus Σ w_r over the dense rows `rows` whose bit j is set, with
/// |input| < 2^15 (fewer than 128 rows of weight ≤ 255). `k` is `K::of` the core's type. Same results as
/// `pass` on the summed accumulators. Natively the rows are added to `sparse` one by one
/// (`crossbar::add_row_dense16`, 16–32 lanes per vector step) and then `pass` runs: on x86-64 that
/// beats summing each group's rows in registers. wasm32 uses `simd128::run_rows`, one fused pass.
/// `track`: whether the result is needed (the core had no active axon; see `Chip::step_core`).
/// `plain`: every |V| < 2^30 (`Chip::vbound`), so no group needs saturating adds.
pub fn pass_rows(
    sparse: &mut [i16; N],
    v: &mut [i32],
    rows: &[DenseRow],
    k: &K,
    fired: &mut [u64; WORDS],
    track: bool,
    plain: bool,
) -> bool {
    #[cfg(not(target_arch = "wasm32"))]
    {
        for r in rows {
            add_row_dense16(sparse, &r.bits, r.w as i16);
        }
        let _ = track; // computed anyway: the portable pass gets it for free
        by_mode!(k, run, [i16], v, sparse, k, fired, plain)
    }
    #[cfg(target_arch = "wasm32")]
    {
        use simd128::run_rows;
        by_mode!(k, run_rows, [], v, sparse, rows, k, fired, track, plain)
    }
}

/// SIMD128 version of `pass_rows` for wasm32, where the autovectorised one is slow (LLVM 14 keeps the
/// 32 inputs of a group in memory and widens bit tests through i32 lanes). 16 neurons at a time: the
/// row's u16 that holds their synapses is splat over 8 i16 lanes and tested against the lane bits, and
/// the 0 / 1 per neuron times the row's weight is added into two i16x8 sums (fewer than 128
/// rows: |sum| < 2^15), which widen to four i32x4 for the neuron step. Rows that share one weight
/// magnitude are first folded into bit-sliced planes (`fold`: 5 rows → 3). Same results as
/// `step_mode`, lane by lane (`step4` computes its selects with fewer lane ops, valid because α, β ≥ 0;
/// keep the two in step — the "fast-path cores" cross-backend test compares them in every mode and
/// fails when either the fold or a select is broken, checked by mutation).
#[cfg(target_arch = "wasm32")]
pub mod simd128 {
    use super::{DenseRow, K, N, WORDS};
    use core::arch::wasm32::*;

    /// Lane bits of a row's 16 synapse bits for 16 neurons, splat over i16 lanes: neurons 0–7, then
    /// 8–15 (statics, read once and opaquely by `run`).
    static BIT_LO: v128 = u16x8(1, 2, 4, 8, 16, 32, 64, 128);
    static BIT_HI: v128 = u16x8(256, 512, 1024, 2048, 4096, 8192, 16384, 32768);

    /// K as lane constants.
    struct Kv {
        leak: v128,
        /// fire_at − 1 (fire_at = α, + 1 under the `gt` switch: ≥ 0, so no wrap)
        fire_above: v128,
        neg_below: v128,
        alpha: v128,
        beta: v128,
        r: v128,
        neg_beta: v128,
        neg_r: v128,
        ringing: bool,
    }

    impl Kv {
        fn of(k: &K) -> Kv {
            Kv {
                leak: i32x4_splat(k.leak),
                fire_above: i32x4_splat(k.fire_at.wrapping_sub(1)),
                neg_below: i32x4_splat(k.neg_below),
                alpha: i32x4_splat(k.alpha),
                beta: i32x4_splat(k.beta),
                r: i32x4_splat(k.r),
                neg_beta: i32x4_splat(k.beta.wrapping_neg()),
                neg_r: i32x4_splat(k.r.wrapping_neg()),
                ringing: k.ringing,
            }
        }
    }

    /// `fast::sat` lane-wise: the wrapped sum, or the clamp where both operands differ in sign from it.
    #[inline(always)]
    fn add<const SAT: bool>(a: v128, b: v128) -> v128 {
        let s = i32x4_add(a, b);
        if !SAT {
            return s;
        }
        let over = i32x4_shr(v128_and(v128_xor(a, s), v128_xor(b, s)), 31);
        let clamp = v128_xor(i32x4_shr(a, 31), i32x4_splat(i32::MAX));
        v128_bitselect(clamp, s, over)
    }

    /// sgn lane-wise: (v < 0 mask) − (v > 0 mask).
    #[inline(always)]
    fn sgn(v: v128) -> v128 {
        let z = i32x4_splat(0);
        i32x4_sub(i32x4_lt(v, z), i32x4_gt(v, z))
    }

    /// `step_mode` on 4 lanes: (new V, fire mask).
    #[inline(always)]
    fn step4<const G: u8, const KAPPA: bool, const EPS: bool, const SAT: bool>(
        v0: v128,
        input: v128,
        k: &Kv,
    ) -> (v128, v128) {
        let mut v = add::<SAT>(v0, input);
        if EPS {
            let before = sgn(v);
            v = add::<SAT>(v, i32x4_mul(k.leak, before));
            if k.ringing {
                v = v128_andnot(v, v128_not(i32x4_eq(sgn(v), before)));
            }
        } else {
            v = add::<SAT>(v, k.leak);
        }
        // the selects of `step_mode`, in fewer lane ops where α, β ≥ 0 allow (SIMD128 has no
        // compare-≥ and a select is 3 instructions on x86-64):
        // v ≥ fire_at ⟺ v > fire_at − 1 (fire_at ≥ 0)
        let fire = i32x4_gt(v, k.fire_above);
        // κ: V < −β (+1 with ≤) → −β, otherwise V stays ≥ −β: max(V, −β)
        // γ = 1, κ = 0: V < nb → V + β
        let v1 = if KAPPA {
            i32x4_max(v, k.neg_beta)
        } else {
            match G {
                0 => v128_bitselect(k.neg_r, v, i32x4_lt(v, k.neg_below)),
                1 => i32x4_add(v, v128_and(i32x4_lt(v, k.neg_below), k.beta)),
                _ => v,
            }
        };
        // a firing V ≥ α ≥ 0 was not changed by the negative branch (it could only be V = 0 with
        // β = 0 there), so γ = 1 subtracts α from v1 where fired
        let v2 = match G {
            0 => v128_bitselect(k.r, v1, fire),
            1 => i32x4_sub(v1, v128_and(fire, k.alpha)),
            _ => v1,
        };
        (v2, fire)
    }

    /// Steps 16 neurons: old potentials `v0`, inputs `x`; stores
    /// the new ones in `vs`; returns the fire masks; ORs (new V ^ old V) | fire into `diff` if TRACK.
    #[inline(always)]
    fn step16<const G: u8, const KAPPA: bool, const EPS: bool, const SAT: bool, const TRACK: bool>(
        vs: &mut [i32],
        v0: &[v128; 4],
        x: &[v128; 4],
        k: &Kv,
        diff: &mut v128,
    ) -> [v128; 4] {
        let mut fire = [i32x4_splat(0); 4];
        let p = vs[..16].as_mut_ptr() as *mut v128;
        for (i, ((v0, x), f)) in v0.iter().zip(x.iter()).zip(fire.iter_mut()).enumerate() {
            let (nv, fi) = step4::<G, KAPPA, EPS, SAT>(*v0, *x, k);
            // SAFETY: `vs` holds 16 i32 (four v128), i < 4; unaligned v128 stores are valid on wasm32.
            unsafe { v128_store(p.add(i), nv) };
            if TRACK {
                *diff = v128_or(*diff, v128_or(v128_xor(nv, *v0), fi));
            }
            *f = fi;
        }
        fire
    }

    /// `fast::pass_rows` in SIMD128. Returns whether any V changed or a neuron fired when TRACK (the
    /// core had no active axon); otherwise true (the caller does not use it then).
    pub fn run_rows<const G: u8, const KAPPA: bool, const EPS: bool>(
        v: &mut [i32],
        sparse: &mut [i16; N],
        rows: &[DenseRow],
        k: &K,
        fired: &mut [u64; WORDS],
        track: bool,
        plain: bool,
    ) -> bool {
        let kv = &Kv::of(k);
        let mut planes = [DenseRow::default(); 4];
        let (rows, bias) = match fold(rows, &mut planes) {
            Some((n, bias)) => (&planes[..n], bias),
            None => (rows, 0),
        };
        match (track, plain) {
            (true, true) => run::<G, KAPPA, EPS, true, false>(v, sparse, rows, bias, kv, fired),
            (true, false) => run::<G, KAPPA, EPS, true, true>(v, sparse, rows, bias, kv, fired),
            (false, true) => run::<G, KAPPA, EPS, false, false>(v, sparse, rows, bias, kv, fired),
            (false, false) => run::<G, KAPPA, EPS, false, true>(v, sparse, rows, bias, kv, fired),
        }
    }

    /// When 3 to 15 dense rows share one weight magnitude m (as the benchmark's ±1), fold them into
    /// bit-sliced planes: plane p holds bit p of each neuron's count of set bits, so that they reach
    /// the kernel as ⌊log2 k⌋ + 1 rows of weight m·2^p instead of k rows (each row costs ≈ 14
    /// instructions per 16 neurons there, 16 times; folding costs ≈ 30 per row, once). A row of weight −m
    /// enters as its complement, −m·b = m·(1 − b) − m, its −m going to the returned bias (added to
    /// every neuron). Same sums; every partial sum in the kernel is a sum of fewer than 128 terms of
    /// magnitude ≤ 255, so i16 holds it. Returns (planes, bias), or None to use the rows as they are.
    fn fold(rows: &[DenseRow], planes: &mut [DenseRow; 4]) -> Option<(usize, i16)> {
        let m = rows.first()?.w.abs();
        if rows.len() < 3 || rows.len() > 15 || rows.iter().any(|r| r.w.abs() != m) {
            return None;
        }
        let zero = i64x2_splat(0);
        let mut p = [[zero; 2]; 4];
        let mut bias = 0i32;
        for r in rows {
            // complement where w < 0, without a branch: the signs of the benchmark's rows are random
            // and a mispredicted branch per row cost more than the fold saved
            let neg = r.w >> 31; // −1 or 0
            bias -= m & neg;
            let flip = i32x4_splat(neg);
            // SAFETY: `r.bits` is 4 u64 = two v128.
            let mut c = unsafe {
                let q = r.bits.as_ptr() as *const v128;
                [v128_xor(v128_load(q), flip), v128_xor(v128_load(q.add(1)), flip)]
            };
            // ripple-carry add of c into the 4-plane counter (k ≤ 15): sum = x ^ c, carry = x & c
            for plane in p.iter_mut() {
                for (x, ch) in plane.iter_mut().zip(c.iter_mut()) {
                    let carry = v128_and(*x, *ch);
                    *x = v128_xor(*x, *ch);
                    *ch = carry;
                }
            }
        }
        let n = (usize::BITS - rows.len().leading_zeros()) as usize; // bit length of k: 2..4
        for (i, (out, plane)) in planes.iter_mut().zip(p.iter()).take(n).enumerate() {
            // SAFETY: `out.bits` is 4 u64 = two v128.
            unsafe {
                let q = out.bits.as_mut_ptr() as *mut v128;
                v128_store(q, plane[0]);
                v128_store(q.add(1), plane[1]);
            }
            out.w = m << i;
        }
        Some((n, bias as i16))
    }

    /// CHECK: some |V| may be ≥ 2^30, so each group's range is tested (otherwise plain adds throughout).
    #[inline(never)] // one function per mode: V8 compiles a giant inlined tick loop poorly
    fn run<const G: u8, const KAPPA: bool, const EPS: bool, const TRACK: bool, const CHECK: bool>(
        v: &mut [i32],
        sparse: &mut [i16; N],
        rows: &[DenseRow],
        bias: i16,
        k: &Kv,
        fired: &mut [u64; WORDS],
    ) -> bool {
        let v = &mut v[..N];
        // the lane bits read opaquely, once: as constants, LLVM puts a v128.const for each of them
        // inside the row loop (seen in the wasm text)
        // SAFETY: reads of valid statics.
        let (bit_lo, bit_hi) = unsafe { (core::ptr::read_volatile(&BIT_LO), core::ptr::read_volatile(&BIT_HI)) };
        let one = u16x8_splat(1);
        let mut diff = i32x4_splat(0);
        let off = i32x4_splat(1 << 30);
        let bias = i16x8_splat(bias);
        for h in 0..N / 16 {
            let s = &mut sparse[16 * h..16 * h + 16];
            // SAFETY: `s` holds 16 i16 (two v128).
            let (mut lo, mut hi) = unsafe {
                let p = s.as_mut_ptr() as *mut v128;
                let x = (i16x8_add(v128_load(p), bias), i16x8_add(v128_load(p.add(1)), bias));
                v128_store(p, i16x8_splat(0));
                v128_store(p.add(1), i16x8_splat(0));
                x
            };
            for r in rows {
                // the 16 neurons' synapse bits of row r (its u16 at byte 2h), splat over 8 i16 lanes;
                // min(x & lane bit, 1) is each neuron's 0 / 1, times the weight. LLVM turns this, like
                // eq + and, into a compare and a select (3 instructions on x86-64); forms that avoid the
                // select were not faster (BENCHMARKS "TrueNorth", session 10)
                // SAFETY: `r.bits` is 32 bytes and 2h + 2 ≤ 32.
                let x = unsafe { v128_load16_splat((r.bits.as_ptr() as *const u16).add(h)) };
                let w = i16x8_splat(r.w as i16);
                lo = i16x8_add(lo, i16x8_mul(u16x8_min(v128_and(x, bit_lo), one), w));
                hi = i16x8_add(hi, i16x8_mul(u16x8_min(v128_and(x, bit_hi), one), w));
            }
            let vs = &mut v[16 * h..16 * h + 16];
            // SAFETY: `vs` holds 16 i32 (four v128).
            let v0 = unsafe {
                let p = vs.as_ptr() as *const v128;
                [v128_load(p), v128_load(p.add(1)), v128_load(p.add(2)), v128_load(p.add(3))]
            };
            // plain adds when every |V| < 2^30 (V + 2^30 as u32 < 2^31), as in `fast::step_group`
            let sat = CHECK
                && i32x4_bitmask(v128_or(
                    v128_or(i32x4_add(v0[0], off), i32x4_add(v0[1], off)),
                    v128_or(i32x4_add(v0[2], off), i32x4_add(v0[3], off)),
                )) != 0;
            let x = [
                i32x4_extend_low_i16x8(lo),
                i32x4_extend_high_i16x8(lo),
                i32x4_extend_low_i16x8(hi),
                i32x4_extend_high_i16x8(hi),
            ];
            let f = if sat {
                step16::<G, KAPPA, EPS, true, TRACK>(vs, &v0, &x, k, &mut diff)
            } else {
                step16::<G, KAPPA, EPS, false, TRACK>(vs, &v0, &x, k, &mut diff)
            };
            let f = i8x16_narrow_i16x8(i16x8_narrow_i32x4(f[0], f[1]), i16x8_narrow_i32x4(f[2], f[3]));
            fired[h >> 2] |= (i8x16_bitmask(f) as u64) << (16 * (h & 3));
        }
        !TRACK || v128_any_true(diff)
    }
}
