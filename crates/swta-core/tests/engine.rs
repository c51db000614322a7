//! Engine checks against closed forms, measured convergence orders, and the adaptive reference.

use swta_core::net::{NetConfig, Network, ProjectionSpec, Rule, Stp};
use swta_core::neuron::ModelKind;
use swta_core::ode::Method;

const C: f64 = 200.0;
const GL: f64 = 10.0;
const EL: f64 = -70.0;

/// LIF params [C, gL, EL, Vth, Vreset, tref] + common [I_bias, V0, V0_uniform, V0_sd].
fn lif(vth: f64, tref: f64, i_bias: f64, v0: f64) -> Vec<f64> {
    vec![C, GL, EL, vth, -65.0, tref, i_bias, v0, 0.0, 0.0]
}

fn net(method: Method, dt: f64) -> Network<f64> {
    Network::new(NetConfig { dt_ms: dt, method, rtol: 1e-10, atol: 1e-10, ..NetConfig::default() }).unwrap()
}

/// V at time t_end of a subthreshold LIF (one neuron) with one exponential receptor starting at g0.
fn v_at(method: Method, dt: f64, t_end: f64, g0: f64, i_bias: f64) -> f64 {
    let mut n = net(method, dt);
    let p = n.add_population(ModelKind::Lif, 1, &lif(100.0, 0.0, i_bias, -70.0)).unwrap();
    n.add_receptor(p, &[0.0, 0.0, 5.0, 0.0, 1.0, g0, 0.0]).unwrap();
    n.build().unwrap();
    n.run((t_end / dt).round() as u64).unwrap();
    let mut out = [0.0];
    n.read_state(p, 0, &mut out).unwrap();
    out[0]
}

#[test]
fn lif_under_constant_current_matches_closed_form() {
    // V(t) = V∞ + (V0 − V∞) e^{−t/τ}, V∞ = E_L + I/g_L, τ = C/g_L.
    let (i, t) = (150.0, 10.0);
    let exact = EL + i / GL + (-70.0 - (EL + i / GL)) * (-t / (C / GL)).exp();
    assert!((v_at(Method::ExpEuler, 0.1, t, 0.0, i) - exact).abs() < 1e-10, "exponential Euler is exact here");
    assert!((v_at(Method::Rk4, 0.1, t, 0.0, i) - exact).abs() < 1e-8);
    assert!((v_at(Method::Dopri5, 0.1, t, 0.0, i) - exact).abs() < 1e-7);
}

#[test]
fn exponential_conductance_decays_exactly() {
    let mut n = net(Method::Euler, 0.1);
    let p = n.add_population(ModelKind::Lif, 3, &lif(100.0, 0.0, 0.0, -70.0)).unwrap();
    n.add_receptor(p, &[0.0, 0.0, 5.0, 0.0, 1.0, 7.0, 0.0]).unwrap();
    n.build().unwrap();
    n.run(123).unwrap();
    let mut g = [0.0; 3];
    n.read_state(p, 4, &mut g).unwrap();
    let exact = 7.0 * (-12.3f64 / 5.0).exp();
    for x in g {
        assert!((x - exact).abs() < 1e-12 * 7.0, "{} vs {}", x, exact);
    }
}

/// Error against a tight Dormand–Prince reference for dt, dt/2, dt/4: order = log2(e1/e2).
fn order(method: Method) -> f64 {
    let (t, g0, i) = (8.0, 30.0, 120.0); // conductance input decaying during the interval
    let reference = v_at(Method::Dopri5, 0.1, t, g0, i);
    let errs: Vec<f64> = [0.4, 0.2, 0.1].iter().map(|&dt| (v_at(method, dt, t, g0, i) - reference).abs()).collect();
    ((errs[0] / errs[1]).log2() + (errs[1] / errs[2]).log2()) / 2.0
}

#[test]
fn measured_convergence_orders() {
    let e = order(Method::Euler);
    let r2 = order(Method::Rk2);
    let r4 = order(Method::Rk4);
    let ee = order(Method::ExpEuler);
    assert!((e - 1.0).abs() < 0.15, "Euler order {}", e);
    assert!((r2 - 2.0).abs() < 0.2, "RK2 order {}", r2);
    assert!((r4 - 4.0).abs() < 0.3, "RK4 order {}", r4);
    assert!((ee - 1.0).abs() < 0.2, "exponential Euler order {}", ee);
}

#[test]
fn dopri5_spike_times_match_the_analytic_interval() {
    // From V_reset, T = τ ln((V∞ − V_r)/(V∞ − V_th)); no refractory period.
    let (i, vth, vr) = (300.0, -50.0, -65.0);
    let vinf = EL + i / GL;
    let period = (C / GL) * ((vinf - vr) / (vinf - vth)).ln();
    let mut n = net(Method::Dopri5, 0.1);
    let p = n.add_population(ModelKind::Lif, 1, &lif(vth, 0.0, i, vr)).unwrap();
    n.monitor_spikes(p, true).unwrap();
    n.build().unwrap();
    n.run(2000).unwrap();
    let t = &n.records[p].t_ms;
    assert!(t.len() >= 5, "{} spikes", t.len());
    for (k, ts) in t.iter().enumerate() {
        assert!((ts - (k + 1) as f64 * period).abs() < 1e-6, "spike {}: {} vs {}", k, ts, (k + 1) as f64 * period);
    }
    assert!(n.stats.accepted > 0 && n.stats.evaluations >= 7 * n.stats.accepted);
}

#[test]
fn refractory_period_lengthens_the_interval_exactly() {
    let (i, vth, vr, tref) = (300.0, -50.0, -65.0, 2.0);
    let vinf = EL + i / GL;
    let period = (C / GL) * ((vinf - vr) / (vinf - vth)).ln() + tref;
    let mut n = net(Method::Dopri5, 0.1);
    let p = n.add_population(ModelKind::Lif, 1, &lif(vth, tref, i, vr)).unwrap();
    n.monitor_spikes(p, true).unwrap();
    n.build().unwrap();
    n.run(2000).unwrap();
    let t = &n.records[p].t_ms;
    for k in 1..t.len() {
        assert!((t[k] - t[k - 1] - period).abs() < 1e-6, "ISI {} vs {}", t[k] - t[k - 1], period);
    }
}

#[test]
fn fixed_step_interpolated_spike_times_converge() {
    let (i, vth, vr) = (300.0, -50.0, -65.0);
    let vinf = EL + i / GL;
    let first = (C / GL) * ((vinf - vr) / (vinf - vth)).ln();
    let first_spike = |dt: f64| {
        let mut n = Network::<f64>::new(NetConfig {
            dt_ms: dt,
            method: Method::Rk4,
            interpolate: true,
            ..NetConfig::default()
        })
        .unwrap();
        let p = n.add_population(ModelKind::Lif, 1, &lif(vth, 0.0, i, vr)).unwrap();
        n.monitor_spikes(p, true).unwrap();
        n.build().unwrap();
        n.run((30.0 / dt) as u64).unwrap();
        n.records[p].t_ms[0]
    };
    let e1 = (first_spike(0.2) - first).abs();
    let e2 = (first_spike(0.1) - first).abs();
    assert!(e2 < 5e-3, "error {}", e2);
    assert!(e2 < e1, "interpolated spike time must improve with dt: {} then {}", e1, e2);
}

#[test]
fn double_exponential_peak_is_normalised() {
    // AMPA 0.5/3 ms: a unit increment peaks at 1 nS at t_p = 1.075 ms (MODEL.md §3.2).
    let mut n = Network::<f64>::new(NetConfig { dt_ms: 0.005, method: Method::Euler, ..NetConfig::default() }).unwrap();
    let src = n.add_population(ModelKind::Poisson, 1, &[0.0]).unwrap();
    let p = n.add_population(ModelKind::Lif, 1, &lif(100.0, 0.0, 0.0, -70.0)).unwrap();
    n.add_receptor(p, &[0.0, 0.5, 3.0, 0.0, 1.0, 0.0, 0.0]).unwrap();
    n.add_projection(&ProjectionSpec {
        pre: src,
        post: p,
        receptor: 0,
        rule: Rule::Explicit,
        autapses: true,
        weight_ns: 0.0,
        delay_ms: 0.0,
        stp: None,
        explicit_pre: &[0],
        explicit_post: &[0],
        explicit_w: &[1.0],
    })
    .unwrap();
    n.monitor_state(p, 4, &[0], 1).unwrap();
    n.build().unwrap();
    n.set_param(src, 0, 1e6).unwrap(); // certain spike in the first step
    n.run(1).unwrap();
    n.set_param(src, 0, 0.0).unwrap();
    n.run(1000).unwrap();
    let m = &n.state_mons[0];
    let (k, peak) = m.values.iter().enumerate().fold((0, 0.0), |a, (k, &v)| if v > a.1 { (k, v) } else { a });
    let t_peak = m.t_ms[k] - 2.0 * 0.005; // spike in step 0, delivered at the start of step 1
    assert!((peak - 1.0).abs() < 1e-4, "peak {}", peak);
    assert!((t_peak - 1.075).abs() < 0.01, "peak time {}", t_peak);
}

#[test]
fn tsodyks_markram_depression_vector() {
    // U = 0.5, τ_rec = 300 ms, 20 Hz from rest: increments 1, 0.5768 (MODEL.md §3.4).
    let mut n = Network::<f64>::new(NetConfig { dt_ms: 0.1, ..NetConfig::default() }).unwrap();
    let src = n.add_population(ModelKind::Poisson, 1, &[0.0]).unwrap();
    let p = n.add_population(ModelKind::Lif, 1, &lif(100.0, 0.0, 0.0, -70.0)).unwrap();
    n.add_receptor(p, &[0.0, 0.0, 1e9, 0.0, 1.0, 0.0, 0.0]).unwrap(); // no decay: g accumulates increments
    n.add_projection(&ProjectionSpec {
        autapses: true,
        stp: Some(Stp { u: 0.5, tau_rec_ms: 300.0, tau_facil_ms: 0.0 }),
        ..ProjectionSpec::new(src, p, 0, Rule::OneToOne, 1.0, 0.1)
    })
    .unwrap();
    n.build().unwrap();
    let mut g = [0.0];
    let mut increments = vec![];
    let mut last = 0.0;
    for _ in 0..3 {
        n.set_param(src, 0, 1e6).unwrap();
        n.run(1).unwrap();
        n.set_param(src, 0, 0.0).unwrap();
        n.run(499).unwrap();
        n.read_state(p, 4, &mut g).unwrap();
        increments.push(g[0] - last);
        last = g[0];
    }
    assert!((increments[0] - 1.0).abs() < 1e-6);
    assert!((increments[1] - 0.5768).abs() < 1e-4, "{:?}", increments);
    let x3 = 1.0 - (1.0 - 0.5 * 0.5768) * (-50.0f64 / 300.0).exp();
    assert!((increments[2] - x3).abs() < 1e-4, "{:?}", increments);
}

#[test]
fn same_seed_same_spikes_and_seed_matters() {
    let run = |seed: u64| {
        let mut n = Network::<f64>::new(NetConfig { seed, method: Method::Euler, ..NetConfig::default() }).unwrap();
        let src = n.add_population(ModelKind::Poisson, 50, &[20.0]).unwrap();
        let p = n
            .add_population(ModelKind::Lif, 20, &[200.0, 10.0, -60.0, -50.0, -60.0, 2.0, 0.0, -60.0, 10.0, 0.0])
            .unwrap();
        n.add_receptor(p, &[0.0, 0.0, 5.0, 0.0, 1.0, 0.0, 0.0]).unwrap();
        n.add_projection(&ProjectionSpec {
            autapses: true,
            ..ProjectionSpec::new(src, p, 0, Rule::FixedProbability(0.3), 6.0, 1.0)
        })
        .unwrap();
        n.monitor_spikes(p, true).unwrap();
        n.build().unwrap();
        n.run(5000).unwrap();
        (n.records[p].ids.clone(), n.records[p].t_ms.clone())
    };
    let a = run(3);
    assert!(a.0.len() > 10, "network should fire, got {} spikes", a.0.len());
    assert_eq!(a, run(3));
    assert_ne!(a, run(4));
}

#[test]
fn fixed_fan_in_gives_exact_in_degree_without_autapses() {
    let mut n = Network::<f32>::new(NetConfig::default()).unwrap();
    let p = n.add_population(ModelKind::Lif, 50, &lif(-50.0, 2.0, 0.0, -70.0)).unwrap();
    n.add_receptor(p, &[0.0, 0.0, 5.0, 0.0, 1.0, 0.0, 0.0]).unwrap();
    n.add_projection(&ProjectionSpec::new(p, p, 0, Rule::FixedFanIn(7), 1.0, 1.0)).unwrap();
    let pr = &n.projs[0];
    let mut indeg = vec![0; 50];
    for i in 0..50 {
        for k in pr.row_ptr[i] as usize..pr.row_ptr[i + 1] as usize {
            assert_ne!(pr.col[k] as usize, i, "autapse");
            indeg[pr.col[k] as usize] += 1;
        }
    }
    assert!(indeg.iter().all(|&d| d == 7));
}

#[test]
fn fixed_probability_density_matches_p() {
    let mut n = Network::<f64>::new(NetConfig::default()).unwrap();
    let a = n.add_population(ModelKind::Poisson, 400, &[1.0]).unwrap();
    let b = n.add_population(ModelKind::Lif, 500, &lif(-50.0, 2.0, 0.0, -70.0)).unwrap();
    n.add_receptor(b, &[0.0, 0.0, 5.0, 0.0, 1.0, 0.0, 0.0]).unwrap();
    n.add_projection(&ProjectionSpec {
        autapses: true,
        ..ProjectionSpec::new(a, b, 0, Rule::FixedProbability(0.02), 1.0, 1.0)
    })
    .unwrap();
    let count = n.synapse_count() as f64;
    let expected = 0.02 * 400.0 * 500.0;
    assert!((count - expected).abs() < 4.0 * (expected * 0.98).sqrt(), "{} synapses, expected {}", count, expected);
}

#[test]
fn invalid_input_names_the_field() {
    let mut n = Network::<f64>::new(NetConfig::default()).unwrap();
    let e = n
        .add_population(ModelKind::Lif, 10, &[-1.0, 10.0, -70.0, -50.0, -60.0, 2.0, 0.0, -70.0, 0.0, 0.0])
        .unwrap_err();
    assert_eq!(e.field, "populations[0].C_pF");
    let p = n.add_population(ModelKind::Lif, 10, &lif(-50.0, 2.0, 0.0, -70.0)).unwrap();
    let e = n.add_receptor(p, &[0.0, 0.0, f64::NAN, 0.0, 1.0, 0.0, 0.0]).unwrap_err();
    assert_eq!(e.field, "populations[0].receptors[0].tau_decay_ms");
    n.add_receptor(p, &[0.0, 0.0, 5.0, 0.0, 1.0, 0.0, 0.0]).unwrap();
    let spec = |rule| ProjectionSpec {
        pre: p,
        post: p,
        receptor: 0,
        rule,
        autapses: false,
        weight_ns: 1.0,
        delay_ms: 1.0,
        stp: None,
        explicit_pre: &[],
        explicit_post: &[],
        explicit_w: &[],
    };
    assert_eq!(n.add_projection(&spec(Rule::FixedProbability(1.5))).unwrap_err().field, "projections[0].p");
    assert_eq!(n.add_projection(&spec(Rule::FixedFanIn(10))).unwrap_err().field, "projections[0].k");
    let tiny = Network::<f64>::new(NetConfig { budget_bytes: 1000.0, ..NetConfig::default() });
    let e = tiny.unwrap().add_population(ModelKind::Lif, 1000, &lif(-50.0, 2.0, 0.0, -70.0)).unwrap_err();
    assert_eq!(e.kind, swta_core::ErrorKind::Budget);
    assert!(Network::<f64>::new(NetConfig { dt_ms: -0.1, ..NetConfig::default() }).is_err());
}
