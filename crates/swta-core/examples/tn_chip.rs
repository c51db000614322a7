//! Full-chip TrueNorth benchmark network straight from Rust (profiling aid, same statistics as
//! bench/tn.ts): `cargo run --release --example tn_chip [cores] [ticks]`. The native library backs large
//! arrays with huge pages (crates/swta-abi/src/hugealloc.rs); to match it here, run with
//! `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`.
use std::time::Instant;
use swta_core::truenorth::{Chip, TYPE_FIELDS};

struct XorShift(u32);
impl XorShift {
    fn next(&mut self) -> u32 {
        let mut s = self.0;
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        self.0 = s;
        s
    }
}

/// CPU time of this thread in seconds (first field of /proc/thread-self/schedstat, ns), or 0.
fn cpu_s() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|x| x.parse::<f64>().ok()))
        .map_or(0.0, |ns| ns * 1e-9)
}

fn main() {
    let args: Vec<u32> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let cores = *args.first().unwrap_or(&4096);
    let ticks = *args.get(1).unwrap_or(&1000);
    let cols = cores.min(64);
    let rows = (cores + cols - 1) / cols;
    let n = (cols * rows) as usize;
    let mut chip = Chip::new(cols, rows).unwrap();
    chip.set_record_mode(0).unwrap();
    // sigma0..3, s0..3, b0..3, sigma_lambda, lambda, c_lambda, epsilon, alpha, beta, TM, gamma, kappa, R, V
    let mut types = Vec::new();
    for alpha in [108, 112, 116, 120] {
        types.extend_from_slice(&[1, 1, 1, -1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, alpha, 0, 0, 1, 1, 0, 0]);
    }
    assert_eq!(types.len(), 4 * TYPE_FIELDS);
    chip.set_types(&types, 4).unwrap();
    let mut rnd = XorShift(2024);
    let mut perms = Vec::new();
    for _ in 0..256 {
        let mut p: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let k = rnd.next() as usize % (i + 1);
            p.swap(i, k);
        }
        perms.push(p);
    }
    for c in 0..n {
        let seed = rnd.next();
        let at: Vec<u8> = (0..256).map(|_| (rnd.next() & 3) as u8).collect();
        let xb: Vec<u32> = (0..256 * 8).map(|_| rnd.next()).collect();
        chip.set_core(c as u32, seed, &at, &xb).unwrap();
        let ty = (rnd.next() & 3) as i32;
        let mut dest = Vec::with_capacity(1024);
        for (j, p) in perms.iter().enumerate() {
            let d = p[c];
            let (dx, dy) = (
                (d % cols as usize) as i32 - (c % cols as usize) as i32,
                (d / cols as usize) as i32 - (c / cols as usize) as i32,
            );
            dest.extend_from_slice(&[dx, dy, j as i32, 1 + (rnd.next() & 3) as i32]);
        }
        chip.set_neurons(c as u32, &[ty; 256], &dest).unwrap();
        let v: Vec<i32> = (0..256).map(|_| (rnd.next() % 100) as i32).collect();
        chip.set_potentials(c as u32, &v).unwrap();
    }
    for _ in 0..4 {
        chip.run(50);
    }
    let s0 = chip.stats();
    let (t0, c0) = (Instant::now(), cpu_s());
    let mut done = 0;
    while done < ticks {
        chip.run(50);
        done += 50;
    }
    let dt = t0.elapsed().as_secs_f64();
    let cpu = cpu_s() - c0;
    let s1 = chip.stats();
    let neurons = (n * 256) as f64;
    println!(
        "cores {} ticks {} wall {:.3} s → {:.1} ticks/s ({:.1} per CPU-s), rate {:.2} Hz, {:.2} synaptic events per neuron-tick",
        n,
        done,
        dt,
        done as f64 / dt,
        done as f64 / cpu,
        (s1[1] - s0[1]) / neurons / done as f64 * 1000.0,
        (s1[2] - s0[2]) / neurons / done as f64
    );
}
