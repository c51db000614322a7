//! Network exports (swta_net_*): a handle over `swta_core::net::AnyNetwork` (f32 or f64 state).
//!
//! Build once (create → add_* → build), then run many steps per call. Parameter arrays follow the
//! name lists of swta-core (`neuron::param_names`, `RECEPTOR_PARAMS`, `PROJECTION_PARAMS`,
//! `CURRENT_PARAMS`). Results are read zero-copy with `swta_net_view` until the next call that
//! runs or clears the same network.

use crate::arena;
use crate::mem::{slice, slice_mut};
use crate::status::{bad_handle, fail, null_ptr, status, OK};
use swta_core::net::{AnyNetwork, CurrentInput, NetConfig, Network, ProjectionSpec, Rule, Stp, PROJECTION_PARAMS};
use swta_core::neuron::ModelKind;
use swta_core::ode::Method;
use swta_core::{Error, ErrorKind};

arena!(NETS, AnyNetwork);

/// Apply `$body` to the network behind handle `$h` whatever its precision (`$n` binds it).
macro_rules! with_net {
    ($h:expr, |$n:ident| $body:expr) => {
        NETS.with(|a| match a.borrow_mut().get_mut($h) {
            Some(AnyNetwork::F32($n)) => $body,
            Some(AnyNetwork::F64($n)) => $body,
            None => bad_handle("network"),
        })
    };
}

fn invalid(field: &str, msg: String) -> i32 {
    fail(Error::invalid(field, msg))
}

/// Create a network; its handle goes to `out`. precision: 32 or 64; method: 0 euler, 1 exp_euler,
/// 2 rk2, 3 rk4, 4 dopri5.
///
/// # Safety
/// `out` must point to a writable u32.
#[no_mangle]
pub unsafe extern "C" fn swta_net_create(
    precision: u32,
    dt_ms: f64,
    method: u32,
    seed: u32,
    interpolate: u32,
    rtol: f64,
    atol: f64,
    budget_mb: f64,
    out: *mut u32,
) -> i32 {
    let dst = match slice_mut(out, 1) {
        Some(d) => d,
        None => return null_ptr("out"),
    };
    let method = match Method::from_u32(method) {
        Some(m) => m,
        None => return invalid("method", format!("must be 0..4 (euler, exp_euler, rk2, rk4, dopri5), got {}", method)),
    };
    let cfg = NetConfig {
        dt_ms,
        method,
        seed: seed as u64,
        interpolate: interpolate != 0,
        rtol,
        atol,
        budget_bytes: budget_mb * 1e6,
    };
    let net = match precision {
        32 => Network::<f32>::new(cfg).map(AnyNetwork::F32),
        64 => Network::<f64>::new(cfg).map(AnyNetwork::F64),
        _ => return invalid("precision", format!("must be 32 or 64, got {}", precision)),
    };
    match net {
        Ok(n) => match NETS.with(|a| a.borrow_mut().insert(n)) {
            Some(h) => {
                dst[0] = h;
                OK
            }
            None => fail(Error::new(ErrorKind::Budget, "handle", "too many live networks")),
        },
        Err(e) => fail(e),
    }
}

#[no_mangle]
pub extern "C" fn swta_net_free(h: u32) -> i32 {
    match NETS.with(|a| a.borrow_mut().remove(h)) {
        Some(_) => OK,
        None => bad_handle("network"),
    }
}

/// Live network handles (leak checks).
#[no_mangle]
pub extern "C" fn swta_net_live() -> u32 {
    NETS.with(|a| a.borrow().live() as u32)
}

/// # Safety
/// `params` must point to `n_params` f64 values.
#[no_mangle]
pub unsafe extern "C" fn swta_net_add_population(h: u32, model: u32, n: u32, params: *const f64, n_params: u32) -> i32 {
    let p = match slice(params, n_params) {
        Some(p) => p,
        None => return null_ptr("params"),
    };
    let kind = match ModelKind::from_u32(model) {
        Some(k) => k,
        None => return invalid("model", format!("must be 0..3 (lif, adex, hh, poisson), got {}", model)),
    };
    with_net!(h, |net| status(net.add_population(kind, n as usize, p).map(|_| ())))
}

/// # Safety
/// `params` must point to `n_params` f64 values.
#[no_mangle]
pub unsafe extern "C" fn swta_net_add_receptor(h: u32, pop: u32, params: *const f64, n_params: u32) -> i32 {
    let p = match slice(params, n_params) {
        Some(p) => p,
        None => return null_ptr("params"),
    };
    with_net!(h, |net| status(net.add_receptor(pop as usize, p).map(|_| ())))
}

/// params = PROJECTION_PARAMS: [rule (0 probability, 1 fan-in, 2 one-to-one, 3 explicit), p or k,
/// autapses, weight_nS, delay_ms, stp_U (0 = static), stp_tau_rec_ms, stp_tau_facil_ms].
///
/// # Safety
/// Each pointer must point to its count of values (the explicit lists to `n_explicit` each).
#[no_mangle]
pub unsafe extern "C" fn swta_net_add_projection(
    h: u32,
    pre: u32,
    post: u32,
    receptor: u32,
    params: *const f64,
    n_params: u32,
    ex_pre: *const u32,
    ex_post: *const u32,
    ex_w: *const f64,
    n_explicit: u32,
) -> i32 {
    let p = match slice(params, n_params) {
        Some(p) if p.len() == PROJECTION_PARAMS.len() => p,
        _ => return null_ptr("params"),
    };
    let (a, b, w) = match (slice(ex_pre, n_explicit), slice(ex_post, n_explicit), slice(ex_w, n_explicit)) {
        (Some(a), Some(b), Some(w)) => (a, b, w),
        _ => return null_ptr("synapses"),
    };
    let rule = match p[0] as u32 {
        0 => Rule::FixedProbability(p[1]),
        1 if p[1] >= 0.0 && p[1] <= 1e9 => Rule::FixedFanIn(p[1] as u32),
        2 => Rule::OneToOne,
        3 => Rule::Explicit,
        _ => return invalid("rule", format!("must be 0..3 with a valid p/k, got rule {} with {}", p[0], p[1])),
    };
    let stp = if p[5] != 0.0 { Some(Stp { u: p[5], tau_rec_ms: p[6], tau_facil_ms: p[7] }) } else { None };
    let spec = ProjectionSpec {
        pre: pre as usize,
        post: post as usize,
        receptor: receptor as usize,
        rule,
        autapses: p[2] != 0.0,
        weight_ns: p[3],
        delay_ms: p[4],
        stp,
        explicit_pre: a,
        explicit_post: b,
        explicit_w: w,
    };
    with_net!(h, |net| status(net.add_projection(&spec).map(|_| ())))
}

/// params = CURRENT_PARAMS: [first, count, t_on_ms, t_off_ms, amp0_pA, amp1_pA].
///
/// # Safety
/// `params` must point to 6 f64 values.
#[no_mangle]
pub unsafe extern "C" fn swta_net_add_current(h: u32, pop: u32, params: *const f64, n_params: u32) -> i32 {
    let p = match slice(params, n_params) {
        Some(p) if p.len() == 6 => p,
        _ => return null_ptr("params"),
    };
    if p[0] < 0.0 || p[1] < 0.0 || !(p[0] + p[1] <= 1e12) {
        return invalid("neurons", "first and count must be ≥ 0".into());
    }
    let c = CurrentInput {
        pop: pop as usize,
        first: p[0] as usize,
        count: p[1] as usize,
        t_on_ms: p[2],
        t_off_ms: p[3],
        amp0_pa: p[4],
        amp1_pa: p[5],
    };
    with_net!(h, |net| status(net.add_current(c)))
}

#[no_mangle]
pub extern "C" fn swta_net_set_noise(h: u32, pop: u32, tau_ms: f64, sigma_pa: f64) -> i32 {
    with_net!(h, |net| status(net.set_noise(pop as usize, tau_ms, sigma_pa)))
}

#[no_mangle]
pub extern "C" fn swta_net_set_param(h: u32, pop: u32, index: u32, value: f64) -> i32 {
    with_net!(h, |net| status(net.set_param(pop as usize, index as usize, value)))
}

#[no_mangle]
pub extern "C" fn swta_net_monitor_spikes(h: u32, pop: u32, on: u32) -> i32 {
    with_net!(h, |net| status(net.monitor_spikes(pop as usize, on != 0)))
}

/// var: model variable 0..3, 4 + receptor (conductance, nS), or 100 (external current, pA).
///
/// # Safety
/// `idx` must point to `n_idx` u32 neuron indices.
#[no_mangle]
pub unsafe extern "C" fn swta_net_monitor_state(
    h: u32,
    pop: u32,
    variable: u32,
    idx: *const u32,
    n_idx: u32,
    every: u32,
) -> i32 {
    let ix = match slice(idx, n_idx) {
        Some(p) => p,
        None => return null_ptr("neurons"),
    };
    with_net!(h, |net| status(net.monitor_state(pop as usize, variable as usize, ix, every as u64).map(|_| ())))
}

#[no_mangle]
pub extern "C" fn swta_net_monitor_rate(h: u32, pop: u32, bin_ms: f64) -> i32 {
    with_net!(h, |net| status(net.monitor_rate(pop as usize, bin_ms).map(|_| ())))
}

#[no_mangle]
pub extern "C" fn swta_net_build(h: u32) -> i32 {
    with_net!(h, |net| status(net.build()))
}

/// Advance `steps` steps in one call.
#[no_mangle]
pub extern "C" fn swta_net_run(h: u32, steps: u32) -> i32 {
    with_net!(h, |net| status(net.run(steps as u64)))
}

#[no_mangle]
pub extern "C" fn swta_net_clear_records(h: u32) -> i32 {
    with_net!(h, |net| {
        net.clear_records();
        OK
    })
}

/// Zero-copy view of a record: what = 0 spike ids (u32) / 1 spike times (f64, ms) of population
/// `index`; 2 values / 3 times of state monitor `index`; 4 rates (Hz) of rate monitor `index`.
/// Writes [pointer, length] to `out` (as f64).
///
/// # Safety
/// `out` must point to 2 writable f64.
#[no_mangle]
pub unsafe extern "C" fn swta_net_view(h: u32, what: u32, index: u32, out: *mut f64) -> i32 {
    let dst = match slice_mut(out, 2) {
        Some(d) => d,
        None => return null_ptr("out"),
    };
    let k = index as usize;
    with_net!(h, |net| {
        let (ptr, len) = match what {
            0 if k < net.records.len() => (net.records[k].ids.as_ptr() as usize, net.records[k].ids.len()),
            1 if k < net.records.len() => (net.records[k].t_ms.as_ptr() as usize, net.records[k].t_ms.len()),
            2 if k < net.state_mons.len() => {
                (net.state_mons[k].values.as_ptr() as usize, net.state_mons[k].values.len())
            }
            3 if k < net.state_mons.len() => (net.state_mons[k].t_ms.as_ptr() as usize, net.state_mons[k].t_ms.len()),
            4 if k < net.rate_mons.len() => {
                (net.rate_mons[k].rates_hz.as_ptr() as usize, net.rate_mons[k].rates_hz.len())
            }
            _ => {
                return invalid(
                    "view",
                    format!("no record {} #{} (build the network and add the monitor first)", what, index),
                )
            }
        };
        dst[0] = ptr as f64;
        dst[1] = len as f64;
        OK
    })
}

/// # Safety
/// `out` must point to `n` writable f64.
#[no_mangle]
pub unsafe extern "C" fn swta_net_read_state(h: u32, pop: u32, variable: u32, out: *mut f64, n: u32) -> i32 {
    let o = match slice_mut(out, n) {
        Some(o) => o,
        None => return null_ptr("out"),
    };
    with_net!(h, |net| status(net.read_state(pop as usize, variable as usize, o)))
}

/// # Safety
/// `data` must point to `n` f64.
#[no_mangle]
pub unsafe extern "C" fn swta_net_write_state(h: u32, pop: u32, variable: u32, data: *const f64, n: u32) -> i32 {
    let d = match slice(data, n) {
        Some(d) => d,
        None => return null_ptr("data"),
    };
    with_net!(h, |net| status(net.write_state(pop as usize, variable as usize, d)))
}

/// Info: [step, t_ms, neurons, synapses, bytes, ode evaluations, accepted, rejected, then the total
/// spike count of each population] → `out` (n values at most are written).
///
/// # Safety
/// `out` must point to `n` writable f64.
#[no_mangle]
pub unsafe extern "C" fn swta_net_info(h: u32, out: *mut f64, n: u32) -> i32 {
    let o = match slice_mut(out, n) {
        Some(o) => o,
        None => return null_ptr("out"),
    };
    with_net!(h, |net| {
        let mut v = vec![
            net.step as f64,
            net.step as f64 * net.cfg.dt_ms,
            net.neuron_count() as f64,
            net.synapse_count() as f64,
            net.bytes,
            net.stats.evaluations as f64,
            net.stats.accepted as f64,
            net.stats.rejected as f64,
        ];
        v.extend(net.spike_counts.iter().map(|&c| c as f64));
        for (d, s) in o.iter_mut().zip(v.iter()) {
            *d = *s;
        }
        OK
    })
}
