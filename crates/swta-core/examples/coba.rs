//! COBA benchmark network straight from Rust (profiling aid): `cargo run --release --example coba`.
use swta_core::net::{NetConfig, Network, ProjectionSpec, Rule};
use swta_core::neuron::ModelKind;
use swta_core::ode::Method;

fn main() {
    // HH=1: Brian2's COBAHH instead of COBA.
    let hh = std::env::var("HH").is_ok();
    let method = if hh { Method::ExpEuler } else { Method::Euler };
    let mut n = Network::<f64>::new(NetConfig { method, ..NetConfig::default() }).unwrap();
    let (kind, cell): (ModelKind, Vec<f64>) = if hh {
        (ModelKind::Hh, vec![200.0, 10.0, -60.0, 20000.0, 50.0, 6000.0, -90.0, -63.0, -20.0, 3.0, 0.0, -65.0, 0.0, 5.0])
    } else {
        (ModelKind::Lif, vec![200.0, 10.0, -60.0, -50.0, -60.0, 5.0, 200.0, -60.0, 10.0, 0.0])
    };
    let e = n.add_population(kind, 3200, &cell).unwrap();
    let i = n.add_population(kind, 800, &cell).unwrap();
    for p in [e, i] {
        n.add_receptor(p, &[0.0, 0.0, 5.0, 0.0, 1.0, if hh { 40.0 } else { 0.0 }, if hh { 15.0 } else { 0.0 }])
            .unwrap();
        n.add_receptor(p, &[-80.0, 0.0, 10.0, 0.0, 1.0, if hh { 200.0 } else { 0.0 }, if hh { 120.0 } else { 0.0 }])
            .unwrap();
    }
    let (we, wi) = if hh { (6.0, 67.0) } else { (4.0, 51.0) };
    for (pre, post, r, w) in [(e, e, 0, we), (e, i, 0, we), (i, e, 1, wi), (i, i, 1, wi)] {
        n.add_projection(&ProjectionSpec {
            pre,
            post,
            receptor: r,
            rule: Rule::FixedProbability(std::env::var("P").ok().and_then(|s| s.parse().ok()).unwrap_or(0.02)),
            autapses: false,
            weight_ns: w,
            delay_ms: 0.1,
            stp: None,
            explicit_pre: &[],
            explicit_post: &[],
            explicit_w: &[],
        })
        .unwrap();
    }
    n.build().unwrap();
    let t0 = std::time::Instant::now();
    n.run(10_000).unwrap();
    let spikes: u64 = n.spike_counts.iter().sum();
    println!("1 s simulated in {:.3} s, {:.1} Hz", t0.elapsed().as_secs_f64(), spikes as f64 / 4000.0);
}
