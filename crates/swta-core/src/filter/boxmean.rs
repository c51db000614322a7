//! Border-aware box means M_k(z) (MODEL.md §8.6): the mean of z over the k×k window centred on each
//! pixel, counting only in-image pixels. O(H·W) per call whatever k is:
//!
//! 1. rows: a prefix sum per row, padded with R zeros in front and R copies of the row total at the
//!    end (R = the largest radius), so that the horizontal window sum for any radius r ≤ R is one
//!    subtraction of two slices at constant offsets — no clamping inside the loop;
//! 2. columns: a running sum over rows (add the row entering, subtract the row leaving), one
//!    row-vector operation per image row;
//! 3. multiply by a precomputed table 1/(in-image count), count = rows(i)·cols(j).
//!
//! Every loop is an element-wise `zip` over equal-length slices (auto-vectorised with SIMD128 on
//! wasm32 and SSE on x86-64). The order of every floating-point operation is fixed and mirrored
//! line for line in `assembly/filter/`, so results are bit-identical across backends.

/// Fill `wt` (h·w) with 1/count of the in-image pixels of the (2r+1)² window at each pixel.
pub fn count_weights(h: usize, w: usize, r: usize, wt: &mut [f32]) {
    let wt = &mut wt[..h * w];
    for i in 0..h {
        let rows = (i + r).min(h - 1) - i.saturating_sub(r) + 1;
        let row = &mut wt[i * w..(i + 1) * w];
        for (j, v) in row.iter_mut().enumerate() {
            let cols = (j + r).min(w - 1) - j.saturating_sub(r) + 1;
            *v = 1.0 / ((rows * cols) as f32);
        }
    }
}

/// Slots `row_sums` needs for its prefix buffer: 4 rows of w + 2R + 1.
pub fn prefix_len(w: usize, big: usize) -> usize {
    4 * (w + 2 * big + 1)
}

/// Horizontal window sums of every row of `src` (h·w) for radii `re` and `ri` into `hs_e`, `hs_i`.
/// `prefix` needs `prefix_len(w, max(re, ri))` slots. Rows are done four at a time with four
/// independent prefix chains (the chain of dependent adds is the bottleneck otherwise); each row's
/// additions happen in the same order as for a single row, so the result does not depend on grouping.
#[allow(clippy::too_many_arguments)]
pub fn row_sums(src: &[f32], h: usize, w: usize, re: usize, ri: usize, prefix: &mut [f32], hs_e: &mut [f32], hs_i: &mut [f32]) {
    let big = re.max(ri);
    let pl = w + 2 * big + 1;
    let pre = &mut prefix[..4 * pl];
    for v in pre.iter_mut() {
        *v = 0.0;
    }
    let mut i = 0;
    while i + 4 <= h {
        let (p0, rest) = pre.split_at_mut(pl);
        let (p1, rest) = rest.split_at_mut(pl);
        let (p2, p3) = rest.split_at_mut(pl);
        let r = |k: usize| &src[(i + k) * w..(i + k + 1) * w];
        let (r0, r1, r2, r3) = (r(0), r(1), r(2), r(3));
        let (q0, q1) = (&mut p0[big + 1..big + 1 + w], &mut p1[big + 1..big + 1 + w]);
        let (q2, q3) = (&mut p2[big + 1..big + 1 + w], &mut p3[big + 1..big + 1 + w]);
        let (mut s0, mut s1, mut s2, mut s3) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
        for j in 0..w {
            s0 += r0[j];
            s1 += r1[j];
            s2 += r2[j];
            s3 += r3[j];
            q0[j] = s0;
            q1[j] = s1;
            q2[j] = s2;
            q3[j] = s3;
        }
        for (k, (p, s)) in [(p0, s0), (p1, s1), (p2, s2), (p3, s3)].iter_mut().enumerate() {
            finish_row(p, *s, big, re, ri, w, i + k, hs_e, hs_i);
        }
        i += 4;
    }
    while i < h {
        let p = &mut pre[..pl];
        let mut s = 0.0f32;
        for (q, &x) in p[big + 1..big + 1 + w].iter_mut().zip(&src[i * w..(i + 1) * w]) {
            s += x;
            *q = s;
        }
        finish_row(p, s, big, re, ri, w, i, hs_e, hs_i);
        i += 1;
    }
}

/// Pad the prefix of row `i` with its total and take the two window differences.
#[allow(clippy::too_many_arguments)]
fn finish_row(p: &mut [f32], s: f32, big: usize, re: usize, ri: usize, w: usize, i: usize, hs_e: &mut [f32], hs_i: &mut [f32]) {
    for v in p[big + 1 + w..].iter_mut() {
        *v = s;
    }
    window(p, big, re, w, &mut hs_e[i * w..(i + 1) * w]);
    window(p, big, ri, w, &mut hs_i[i * w..(i + 1) * w]);
}

/// out[j] = pre[R + j + r + 1] − pre[R + j − r]: the sum of the row over [j − r, j + r].
fn window(pre: &[f32], big: usize, r: usize, w: usize, out: &mut [f32]) {
    let hi = &pre[big + r + 1..big + r + 1 + w];
    let lo = &pre[big - r..big - r + w];
    for ((o, &a), &b) in out.iter_mut().zip(hi).zip(lo) {
        *o = a - b;
    }
}

/// Vertical running sums of the row sums `hs` (h·w) over radius r, times `wt`: the box means.
/// `acc` needs w slots.
pub fn col_means(hs: &[f32], h: usize, w: usize, r: usize, wt: &[f32], acc: &mut [f32], out: &mut [f32]) {
    let acc = &mut acc[..w];
    for i in 0..h {
        slide(hs, h, w, r, i, acc);
        let o = &mut out[i * w..(i + 1) * w];
        let k = &wt[i * w..(i + 1) * w];
        for ((o, &a), &k) in o.iter_mut().zip(acc.iter()).zip(k) {
            *o = a * k;
        }
    }
}

/// Column accumulator for output row `i` of a radius-r running sum over the rows of `hs`: row 0
/// starts from zero and adds rows 0..=r; later rows add the row entering, then subtract the row leaving.
pub fn slide(hs: &[f32], h: usize, w: usize, r: usize, i: usize, acc: &mut [f32]) {
    if i == 0 {
        for v in acc.iter_mut() {
            *v = 0.0;
        }
        for t in 0..(r + 1).min(h) {
            add_row(acc, &hs[t * w..(t + 1) * w]);
        }
        return;
    }
    if i + r < h {
        add_row(acc, &hs[(i + r) * w..(i + r + 1) * w]);
    }
    if i > r {
        sub_row(acc, &hs[(i - r - 1) * w..(i - r) * w]);
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
