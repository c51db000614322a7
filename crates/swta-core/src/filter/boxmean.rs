//! Border-aware box means M_k(z) (MODEL.md §8.6): the mean of z over the k×k window centred on each
//! pixel, counting only in-image pixels. O(H·W) per call whatever k is:
//!
//! 1. rows: a prefix sum per row, padded with R zeros in front and R copies of the row total at the
//!    end (R = the largest radius), so that the horizontal window sum for any radius r ≤ R is one
//!    subtraction of two slices at constant offsets — no clamping inside the loop;
//! 2. columns: a running sum over rows (add the row entering, then subtract the row leaving), one
//!    row-vector operation per image row;
//! 3. multiply by a precomputed table 1/(in-image count), count = rows(i)·cols(j).
//!
//! Images are processed `L` at a time, interleaved pixel-major (`[pixel][lane]`, flat index
//! `p·L + l`): every loop is then an element-wise pass over contiguous memory (SIMD128 on wasm32,
//! SSE on x86-64), and the only loop-carried chain — the row prefix sum — runs L images abreast.
//! Interleaving never changes the arithmetic of any single image: each lane sees the same
//! operations in the same order as a lone image (L = 1), so results are bit-identical whatever L,
//! and equal to the line-for-line AssemblyScript port in `assembly/filter/`.

/// Fill `wt` (h·w·L) with 1/count of the in-image pixels of the (2r+1)² window at each pixel,
/// repeated for each lane.
pub fn count_weights<const L: usize>(h: usize, w: usize, r: usize, wt: &mut [f32]) {
    let wt = &mut wt[..h * w * L];
    for i in 0..h {
        let rows = (i + r).min(h - 1) - i.saturating_sub(r) + 1;
        let row = &mut wt[i * w * L..(i + 1) * w * L];
        for (j, v) in row.chunks_exact_mut(L).enumerate() {
            let cols = (j + r).min(w - 1) - j.saturating_sub(r) + 1;
            let c = 1.0 / ((rows * cols) as f32);
            for x in v.iter_mut() {
                *x = c;
            }
        }
    }
}

/// Slots `row_sums` needs for its prefix buffer: L·(w + 2R + 1).
pub fn prefix_len<const L: usize>(w: usize, big: usize) -> usize {
    L * (w + 2 * big + 1)
}

/// Horizontal window sums of every row of `src` (h·w·L) for radii `re` and `ri` into `hs_e`, `hs_i`.
/// `prefix` needs `prefix_len::<L>(w, max(re, ri))` slots.
#[allow(clippy::too_many_arguments)]
pub fn row_sums<const L: usize>(
    src: &[f32],
    h: usize,
    w: usize,
    re: usize,
    ri: usize,
    prefix: &mut [f32],
    hs_e: &mut [f32],
    hs_i: &mut [f32],
) {
    let big = re.max(ri);
    let pre = &mut prefix[..prefix_len::<L>(w, big)];
    for v in pre[..(big + 1) * L].iter_mut() {
        *v = 0.0;
    }
    let wl = w * L;
    for i in 0..h {
        let mut s = [0.0f32; L];
        for (p, x) in
            pre[(big + 1) * L..(big + 1) * L + wl].chunks_exact_mut(L).zip(src[i * wl..(i + 1) * wl].chunks_exact(L))
        {
            for l in 0..L {
                s[l] += x[l];
                p[l] = s[l];
            }
        }
        for p in pre[(big + 1) * L + wl..].chunks_exact_mut(L) {
            p.copy_from_slice(&s);
        }
        window(pre, (big + re + 1) * L, (big - re) * L, &mut hs_e[i * wl..(i + 1) * wl]);
        window(pre, (big + ri + 1) * L, (big - ri) * L, &mut hs_i[i * wl..(i + 1) * wl]);
    }
}

/// out[q] = pre[hi + q] − pre[lo + q]: the window sum of the row (q over pixels × lanes).
fn window(pre: &[f32], hi: usize, lo: usize, out: &mut [f32]) {
    let n = out.len();
    for ((o, &a), &b) in out.iter_mut().zip(&pre[hi..hi + n]).zip(&pre[lo..lo + n]) {
        *o = a - b;
    }
}

/// Vertical running sums of the row sums `hs` (h rows of `wl` values) over radius r, times `wt`:
/// the box means. `acc` needs `wl` slots. Lane-agnostic: pass wl = w·L.
pub fn col_means(hs: &[f32], h: usize, wl: usize, r: usize, wt: &[f32], acc: &mut [f32], out: &mut [f32]) {
    let acc = &mut acc[..wl];
    for i in 0..h {
        slide(hs, h, wl, r, i, acc);
        let o = &mut out[i * wl..(i + 1) * wl];
        let k = &wt[i * wl..(i + 1) * wl];
        for ((o, &a), &k) in o.iter_mut().zip(acc.iter()).zip(k) {
            *o = a * k;
        }
    }
}

/// Column accumulator for output row `i` of a radius-r running sum over the rows of `hs` (rows of
/// `wl` values): row 0 starts from zero and adds rows 0..=r; later rows add the row entering, then
/// subtract the row leaving.
pub fn slide(hs: &[f32], h: usize, wl: usize, r: usize, i: usize, acc: &mut [f32]) {
    let acc = &mut acc[..wl];
    if i == 0 {
        for v in acc.iter_mut() {
            *v = 0.0;
        }
        for t in 0..(r + 1).min(h) {
            add_row(acc, &hs[t * wl..(t + 1) * wl]);
        }
        return;
    }
    if i + r < h {
        add_row(acc, &hs[(i + r) * wl..(i + r + 1) * wl]);
    }
    if i > r {
        sub_row(acc, &hs[(i - r - 1) * wl..(i - r) * wl]);
    }
}

fn add_row(acc: &mut [f32], row: &[f32]) {
    for (a, &x) in acc.iter_mut().zip(row) {
        *a += x;
    }
}

fn sub_row(acc: &mut [f32], row: &[f32]) {
    for (a, &x) in acc.iter_mut().zip(row) {
        *a -= x;
    }
}
