//! sWTA image filter: closed-form checks of the box means and the qualitative checks of MODEL.md §8.6.

use swta_core::filter::{
    col_means, count_weights, filter, filter_batch, prefix_len, row_sums, work_len, FilterParams, InputNorm, Mode,
    PARAM_COUNT, PARAM_COUNT_V1,
};
use swta_core::math::Rng;

/// Box means by brute force (f64), the reference for the O(H·W) version.
fn brute_mean(src: &[f32], h: usize, w: usize, r: usize) -> Vec<f64> {
    let mut out = vec![0.0; h * w];
    for i in 0..h {
        for j in 0..w {
            let (mut s, mut c) = (0.0f64, 0.0f64);
            for ii in i.saturating_sub(r)..=(i + r).min(h - 1) {
                for jj in j.saturating_sub(r)..=(j + r).min(w - 1) {
                    s += src[ii * w + jj] as f64;
                    c += 1.0;
                }
            }
            out[i * w + j] = s / c;
        }
    }
    out
}

fn fast_means(src: &[f32], h: usize, w: usize, re: usize, ri: usize) -> (Vec<f32>, Vec<f32>) {
    let big = re.max(ri);
    let (mut pre, mut hs_e, mut hs_i) = (vec![0.0; prefix_len::<1>(w, big)], vec![0.0; h * w], vec![0.0; h * w]);
    row_sums::<1>(src, h, w, re, ri, &mut pre, &mut hs_e, &mut hs_i);
    let (mut we, mut wi, mut acc) = (vec![0.0; h * w], vec![0.0; h * w], vec![0.0; w]);
    count_weights::<1>(h, w, re, &mut we);
    count_weights::<1>(h, w, ri, &mut wi);
    let (mut me, mut mi) = (vec![0.0; h * w], vec![0.0; h * w]);
    col_means(&hs_e, h, w, re, &we, &mut acc, &mut me);
    col_means(&hs_i, h, w, ri, &wi, &mut acc, &mut mi);
    (me, mi)
}

#[test]
fn box_means_match_brute_force_with_border_aware_counts() {
    let mut rng = Rng::new(7);
    for &(h, w) in &[(1usize, 1usize), (1, 9), (9, 1), (5, 4), (28, 28), (17, 40)] {
        let src: Vec<f32> = (0..h * w).map(|_| rng.uniform() as f32).collect();
        for &(re, ri) in &[(0usize, 0usize), (1, 3), (2, 4), (1, 30)] {
            let (me, mi) = fast_means(&src, h, w, re, ri);
            let (be, bi) = (brute_mean(&src, h, w, re), brute_mean(&src, h, w, ri));
            for k in 0..h * w {
                assert!((me[k] as f64 - be[k]).abs() < 2e-6, "kE mean at {} for {}x{} r={}", k, h, w, re);
                assert!((mi[k] as f64 - bi[k]).abs() < 2e-6, "kI mean at {} for {}x{} r={}", k, h, w, ri);
            }
        }
    }
}

#[test]
fn box_means_closed_forms() {
    // A constant image has mean c everywhere, borders included (in-image counts).
    let (me, mi) = fast_means(&vec![0.5f32; 6 * 7], 6, 7, 1, 3);
    assert!(me.iter().chain(mi.iter()).all(|&m| (m - 0.5).abs() < 1e-7));
    // A horizontal ramp x(i, j) = j: interior mean j; at j = 0 with r = 1 the window is {0, 1} → 0.5;
    // at j = w − 1 it is {w − 2, w − 1} → w − 1.5.
    let (h, w) = (5, 8);
    let ramp: Vec<f32> = (0..h * w).map(|k| (k % w) as f32).collect();
    let (me, _) = fast_means(&ramp, h, w, 1, 1);
    for i in 0..h {
        assert_eq!(me[i * w], 0.5);
        assert_eq!(me[i * w + 3], 3.0);
        assert_eq!(me[i * w + w - 1], w as f32 - 1.5);
    }
    // A single 1 at the corner of a 3×3 window fully inside: mean 1/9; at the image corner 1/4.
    let mut dot = vec![0.0f32; 25];
    dot[0] = 1.0;
    let (me, _) = fast_means(&dot, 5, 5, 1, 1);
    assert_eq!(me[0], 0.25);
    assert_eq!(me[6], 1.0 / 9.0);
}

/// A 28×28 test scene: a strong 3-px stroke (1.0), a weak 3-px stroke (0.3), isolated noise pixels
/// of 0.6, 0.3, 0.15 and 0.05.
const NOISE: [(usize, usize, f32); 4] = [(2, 14, 0.6), (25, 2, 0.3), (14, 13, 0.15), (26, 25, 0.05)];

fn scene() -> Vec<f32> {
    let mut x = vec![0.0f32; 28 * 28];
    for i in 4..24 {
        for j in 6..9 {
            x[i * 28 + j] = 1.0;
        }
        for j in 18..21 {
            x[i * 28 + j] = 0.3;
        }
    }
    for &(i, j, v) in &NOISE {
        x[i * 28 + j] = v;
    }
    x
}

fn run(mode: Mode, src: &[f32]) -> Vec<f32> {
    filter(&FilterParams::defaults(mode), src, src.len() / 784, 28, 28).unwrap()
}

/// The §8.6 qualitative checks, as they hold with the §8.6 defaults (docs/vit.md, "Qualitative
/// checks", records the measured values: with the defaults the field is a thresholded, compressive
/// centre–surround stage; a bright isolated pixel is not suppressed below its input, but it is far
/// less amplified than by the rejected per-pixel self-excitation).
#[test]
fn field_qualitative_checks_with_defaults() {
    let x = scene();
    let y = run(Mode::Field, &x);
    let s = run(Mode::SelfExc, &x);
    let at = |v: &[f32], i: usize, j: usize| v[i * 28 + j];
    // strong strokes: driven to the top of the range
    assert!(at(&y, 14, 7) > 0.9, "strong stroke centre {}", at(&y, 14, 7));
    // faint background / noise at or below θ is zeroed; empty background stays exactly 0
    assert_eq!(at(&y, 26, 25), 0.0);
    assert_eq!(at(&y, 0, 0), 0.0);
    assert_eq!(at(&y, 14, 11), 0.0, "no halo two pixels off the stroke");
    // a dim isolated pixel comes out below its input; bright ones are not amplified to the top the way
    // the rejected self-excitation variant amplifies them (its failure mode, §8.5)
    assert!(at(&y, 14, 13) < 0.15);
    for &(i, j, v) in &NOISE[..3] {
        assert!(
            at(&y, i, j) < 0.8 * at(&s, i, j),
            "noise {} at ({}, {}): field {} vs self-exc {}",
            v,
            i,
            j,
            at(&y, i, j),
            at(&s, i, j)
        );
    }
    assert!(at(&s, 2, 14) > 0.99 && at(&s, 25, 2) > 0.99, "self-excitation saturates isolated noise");
    // weak but real structure survives (not zeroed) and stays below the strong stroke
    let weak = at(&y, 14, 19);
    assert!(weak > 0.1 && weak < at(&y, 14, 7), "weak stroke {}", weak);
    assert!(y.iter().all(|&v| (0.0..=1.0).contains(&v)));
}

#[test]
fn output_in_unit_interval_and_deterministic_for_every_mode() {
    let mut rng = Rng::new(3);
    let src: Vec<f32> = (0..3 * 784).map(|_| (rng.uniform() as f32) * (rng.uniform() as f32)).collect();
    for mode in [Mode::Raw, Mode::Norm, Mode::NormPv, Mode::Field, Mode::SelfExc] {
        let a = run(mode, &src);
        let b = run(mode, &src);
        assert!(a.iter().zip(&b).all(|(p, q)| p.to_bits() == q.to_bits()), "{:?} deterministic", mode);
        assert!(a.iter().all(|&v| (0.0..=1.0).contains(&v)), "{:?} in [0, 1]", mode);
        // batching does not mix images: image 1 alone equals image 1 of the batch
        let one = run(mode, &src[784..1568]);
        assert!(one.iter().zip(&a[784..1568]).all(|(p, q)| p.to_bits() == q.to_bits()), "{:?} per image", mode);
    }
}

#[test]
fn controls_are_the_documented_steps() {
    let x = scene();
    let dark: Vec<f32> = x.iter().map(|v| 0.25 * v).collect();
    let n = run(Mode::Norm, &dark);
    // step 1 undoes a pure brightness scaling (up to ε_in): I = 0.25x / (0.25 + 1e-3)
    for (a, b) in n.iter().zip(&x) {
        assert!((a - b / (1.0 + 4e-3)).abs() < 1e-6);
    }
    let ff = run(Mode::NormPv, &x);
    assert!(ff[14 * 28 + 7] < 1.0 && ff[14 * 28 + 7] > 0.5, "PV subtracts part of the local mean");
    assert_eq!(ff[0], 0.0);
    // the full field is nearly invariant to darkening (normalisation first)
    let (y, yd) = (run(Mode::Field, &x), run(Mode::Field, &dark));
    assert!(y.iter().zip(&yd).all(|(a, b)| (a - b).abs() < 0.02));
    assert_eq!(run(Mode::Raw, &x), x);
}

#[test]
fn all_black_image_gives_zeros() {
    assert!(run(Mode::Field, &vec![0.0; 784]).iter().all(|&v| v == 0.0));
}

#[test]
fn bad_inputs_name_the_field() {
    let p = FilterParams::defaults(Mode::Field);
    let mut bad = scene();
    bad[30] = 1.5;
    let e = filter(&p, &bad, 1, 28, 28).unwrap_err();
    assert_eq!(e.field, "images");
    assert!(e.message.contains("row 1 col 2"), "{}", e.message);
    bad[30] = f32::NAN;
    assert_eq!(filter(&p, &bad, 1, 28, 28).unwrap_err().field, "images");
    assert_eq!(filter(&p, &scene(), 1, 0, 28).unwrap_err().field, "h");
    let mut v = p.to_vec();
    v[1] = 4.0;
    assert_eq!(FilterParams::from_slice(&v).unwrap_err().field, "params.kE");
    v = p.to_vec();
    v[8] = 0.0;
    assert_eq!(FilterParams::from_slice(&v).unwrap_err().field, "params.dt");
    assert_eq!(FilterParams::from_slice(&v[..3]).unwrap_err().field, "params");
    assert_eq!(FilterParams::from_slice(&p.to_vec()).unwrap(), p);
    let mut out = vec![0.0; 784];
    let mut work = vec![0.0; work_len(28, 28, &p) - 1];
    assert_eq!(filter_batch(&p, &scene(), &mut out, 1, 28, 28, &mut work).unwrap_err().field, "work");
}

/// Random images in [0, 1] with about 40 % exact zeros (so every image's minimum is 0).
fn with_zeros(n: usize, seed: u64) -> Vec<f32> {
    let mut r = Rng::new(seed);
    (0..n).map(|_| if r.uniform() < 0.4 { 0.0 } else { r.uniform() as f32 }).collect()
}

fn minmax(mode: Mode) -> FilterParams {
    FilterParams { input_norm: InputNorm::MinMax, ..FilterParams::defaults(mode) }
}

const MODES: [Mode; 5] = [Mode::Raw, Mode::Norm, Mode::NormPv, Mode::Field, Mode::SelfExc];

#[test]
fn minmax_equals_max_bit_for_bit_when_the_minimum_is_zero() {
    for (n, h, w) in [(5usize, 28usize, 28usize), (3, 13, 31), (2, 1, 1), (1, 40, 9)] {
        let mut x = with_zeros(n * h * w, (n * 1000 + h * 10 + w) as u64);
        if h * w == 1 {
            x.iter_mut().for_each(|v| *v = 0.0);
        }
        x[0] = -0.0; // a negative zero is a zero minimum too
        for mode in MODES {
            let a = filter(&FilterParams::defaults(mode), &x, n, h, w).unwrap();
            let b = filter(&minmax(mode), &x, n, h, w).unwrap();
            let same = a.iter().zip(&b).all(|(p, q)| p.to_bits() == q.to_bits());
            assert!(same, "{:?} {}×{}×{}", mode, n, h, w);
        }
    }
}

#[test]
fn minmax_undoes_an_affine_map() {
    let x = with_zeros(4 * 784, 7);
    for (a, c) in [(0.45f32, 0.45f32), (0.25, 0.0), (0.1, 0.8), (1.0, 0.0), (0.6, 0.3)] {
        let y: Vec<f32> = x.iter().map(|&v| a * v + c).collect();
        // Step 1 alone, with a tiny ε_in: equal up to f32 rounding.
        let tiny = FilterParams { eps_in: 1e-7, ..minmax(Mode::Norm) };
        let (ix, iy) = (filter(&tiny, &x, 4, 28, 28).unwrap(), filter(&tiny, &y, 4, 28, 28).unwrap());
        let d = ix.iter().zip(&iy).map(|(p, q)| (p - q).abs()).fold(0.0f32, f32::max);
        assert!(d < 1e-5, "a {} c {}: step 1 differs by {}", a, c, d);
        // With the default ε_in the result is (x − min)/(max − min + ε_in/a): within ε_in/a of it.
        let p = minmax(Mode::Norm);
        let (ix, iy) = (filter(&p, &x, 4, 28, 28).unwrap(), filter(&p, &y, 4, 28, 28).unwrap());
        let d = ix.iter().zip(&iy).map(|(p, q)| (p - q).abs()).fold(0.0f32, f32::max);
        assert!(d <= 1.1 * p.eps_in / a + 1e-5, "a {} c {}: {}", a, c, d);
        // The whole field: fog (and any such map) ends up close to the clean image's output; max
        // normalisation leaves the veil (c > 0) in.
        let f = minmax(Mode::Field);
        let (fx, fy) = (filter(&f, &x, 4, 28, 28).unwrap(), filter(&f, &y, 4, 28, 28).unwrap());
        let d = fx.iter().zip(&fy).map(|(p, q)| (p - q).abs()).fold(0.0f32, f32::max);
        assert!(d < 0.02, "field a {} c {}: {}", a, c, d);
        if c > 0.2 {
            let m = FilterParams::defaults(Mode::Norm);
            let my = filter(&m, &y, 4, 28, 28).unwrap();
            assert!(my.iter().all(|&v| v > 0.2), "max normalisation keeps the veil");
        }
    }
}

#[test]
fn minmax_of_a_constant_image_is_zero() {
    for mode in [Mode::Norm, Mode::NormPv, Mode::Field] {
        assert!(filter(&minmax(mode), &vec![0.6; 49], 1, 7, 7).unwrap().iter().all(|&v| v == 0.0));
    }
}

#[test]
fn input_norm_slot_is_validated_and_optional() {
    let p = minmax(Mode::Field);
    let v = p.to_vec();
    assert_eq!(v.len(), PARAM_COUNT);
    assert_eq!(v[12], 1.0);
    assert_eq!(FilterParams::from_slice(&v).unwrap(), p);
    // The original 12-value layout still parses, as max normalisation.
    let old = FilterParams::from_slice(&v[..PARAM_COUNT_V1]).unwrap();
    assert_eq!(old, FilterParams::defaults(Mode::Field));
    for bad in [2.0f32, 0.5, -1.0, f32::NAN, f32::INFINITY] {
        let mut b = v;
        b[12] = bad;
        let e = FilterParams::from_slice(&b).unwrap_err();
        assert_eq!(e.field, "params.inputNorm", "{}", bad);
        assert!(e.message.contains("[0, 1]"), "{}", e.message);
    }
    assert_eq!(FilterParams::from_slice(&v[..11]).unwrap_err().field, "params");
    let mut long = v.to_vec();
    long.push(0.0);
    assert_eq!(FilterParams::from_slice(&long).unwrap_err().field, "params");
}
