//! Sparse projections in CSR form (rows = presynaptic neurons), their connection rules, and
//! Tsodyks–Markram short-term plasticity with per-presynaptic-neuron state.

use crate::error::{Error, ErrorKind, Result};
use crate::math::{exp_f64, ln_f64, Real, Rng};

pub const PROJECTION_PARAMS: &[&str] =
    &["rule", "p_or_k", "autapses", "weight_nS", "delay_ms", "stp_U", "stp_tau_rec_ms", "stp_tau_facil_ms"];

/// `stp_last` value of a neuron that has not spiked yet.
const NEVER: u64 = u64::MAX;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rule {
    /// Each (pre, post) pair independently with probability p.
    FixedProbability(f64),
    /// Each postsynaptic neuron gets exactly k distinct presynaptic partners.
    FixedFanIn(u32),
    /// pre i → post i (equal sizes).
    OneToOne,
    /// Explicit (pre, post, weight) lists.
    Explicit,
}

/// Tsodyks–Markram parameters (MODEL.md §3.4); τ_facil = 0 means no facilitation (u ≡ U).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stp {
    pub u: f64,
    pub tau_rec_ms: f64,
    pub tau_facil_ms: f64,
}

#[derive(Clone, Debug)]
pub struct Projection<R> {
    pub pre: usize,
    pub post: usize,
    pub receptor: usize,
    pub delay_steps: usize,
    pub row_ptr: Vec<u32>,
    pub col: Vec<u32>,
    pub weight: Vec<R>,
    pub stp: Option<Stp>,
    /// STP state per presynaptic neuron: resources x, utilisation u, step of the last spike.
    pub stp_x: Vec<f64>,
    pub stp_u: Vec<f64>,
    pub stp_last: Vec<u64>,
}

pub struct ProjectionSpec<'a> {
    pub pre: usize,
    pub post: usize,
    pub receptor: usize,
    pub rule: Rule,
    pub autapses: bool,
    pub weight_ns: f64,
    pub delay_ms: f64,
    pub stp: Option<Stp>,
    pub explicit_pre: &'a [u32],
    pub explicit_post: &'a [u32],
    pub explicit_w: &'a [f64],
}

impl<'a> ProjectionSpec<'a> {
    /// A rule-based projection: no autapses, no STP, no explicit lists (set those fields after).
    pub fn new(
        pre: usize,
        post: usize,
        receptor: usize,
        rule: Rule,
        weight_ns: f64,
        delay_ms: f64,
    ) -> ProjectionSpec<'a> {
        ProjectionSpec {
            pre,
            post,
            receptor,
            rule,
            autapses: false,
            weight_ns,
            delay_ms,
            stp: None,
            explicit_pre: &[],
            explicit_post: &[],
            explicit_w: &[],
        }
    }
}

impl<R: Real> Projection<R> {
    /// Generate the connectivity. `field` is the spec path used in errors ("projections[3]").
    pub fn build(
        s: &ProjectionSpec,
        n_pre: usize,
        n_post: usize,
        dt: f64,
        rng: &mut Rng,
        field: &str,
    ) -> Result<Projection<R>> {
        validate(s, n_pre, n_post, field)?;
        let same = s.pre == s.post;
        let mut pairs: Vec<(u32, u32, f64)> = Vec::new();
        match s.rule {
            Rule::FixedProbability(p) => {
                fixed_probability(p, n_pre, n_post, same && !s.autapses, s.weight_ns, rng, &mut pairs)
            }
            Rule::FixedFanIn(k) => {
                fixed_fan_in(k as usize, n_pre, n_post, same && !s.autapses, s.weight_ns, rng, &mut pairs, field)?
            }
            Rule::OneToOne => pairs.extend((0..n_pre as u32).map(|i| (i, i, s.weight_ns))),
            Rule::Explicit => {
                for k in 0..s.explicit_pre.len() {
                    pairs.push((s.explicit_pre[k], s.explicit_post[k], s.explicit_w[k]));
                }
            }
        }
        let (row_ptr, col, weight) = to_csr::<R>(n_pre, &mut pairs);
        let delay_steps = ((s.delay_ms / dt) + 0.5).max(1.0) as usize;
        let stp_n = if s.stp.is_some() { n_pre } else { 0 };
        Ok(Projection {
            pre: s.pre,
            post: s.post,
            receptor: s.receptor,
            delay_steps,
            row_ptr,
            col,
            weight,
            stp: s.stp,
            stp_x: vec![1.0; stp_n],
            stp_u: vec![0.0; stp_n],
            stp_last: vec![NEVER; stp_n],
        })
    }

    pub fn synapses(&self) -> usize {
        self.col.len()
    }

    /// Release factor r/U for a spike of presynaptic neuron i at `step` (1 without STP).
    /// Between spikes x → 1 with τ_rec and u → 0 with τ_facil; at the spike u ← u + U(1 − u)
    /// (u = U without facilitation), r = u·x, x ← x − r.
    #[inline]
    pub fn release(&mut self, i: usize, step: u64, dt: f64) -> f64 {
        let stp = match self.stp {
            Some(s) => s,
            None => return 1.0,
        };
        let last = self.stp_last[i];
        let (x, mut u) = if last == NEVER {
            (1.0, 0.0) // from rest
        } else {
            let elapsed = step.saturating_sub(last) as f64 * dt;
            let x = 1.0 - (1.0 - self.stp_x[i]) * exp_f64(-elapsed / stp.tau_rec_ms);
            let u = if stp.tau_facil_ms > 0.0 { self.stp_u[i] * exp_f64(-elapsed / stp.tau_facil_ms) } else { 0.0 };
            (x, u)
        };
        u = if stp.tau_facil_ms > 0.0 { u + stp.u * (1.0 - u) } else { stp.u };
        let r = u * x;
        self.stp_x[i] = x - r;
        self.stp_u[i] = u;
        self.stp_last[i] = step;
        r / stp.u
    }
}

fn validate(s: &ProjectionSpec, n_pre: usize, n_post: usize, field: &str) -> Result<()> {
    let f = |name: &str| format!("{}.{}", field, name);
    if !(s.weight_ns.is_finite() && s.weight_ns >= 0.0) && s.rule != Rule::Explicit {
        return Err(Error::invalid(
            f("weight_nS"),
            format!(
                "must be a finite conductance ≥ 0 (inhibition comes from the receptor's E_rev), got {}",
                s.weight_ns
            ),
        ));
    }
    if !(s.delay_ms.is_finite() && s.delay_ms >= 0.0 && s.delay_ms <= 1000.0) {
        return Err(Error::invalid(f("delay_ms"), format!("must be in [0, 1000] ms, got {}", s.delay_ms)));
    }
    match s.rule {
        Rule::FixedProbability(p) if !(0.0..=1.0).contains(&p) => {
            return Err(Error::invalid(f("p"), format!("probability must be in [0, 1], got {}", p)));
        }
        Rule::FixedFanIn(k) => {
            let avail = if s.pre == s.post && !s.autapses { n_pre.saturating_sub(1) } else { n_pre };
            if k as usize > avail {
                return Err(Error::invalid(
                    f("k"),
                    format!("fan-in must be ≤ {} (presynaptic neurons available), got {}", avail, k),
                ));
            }
        }
        Rule::OneToOne if n_pre != n_post => {
            return Err(Error::invalid(f("rule"), format!("one-to-one needs equal sizes, got {} → {}", n_pre, n_post)));
        }
        Rule::Explicit => {
            let n = s.explicit_pre.len();
            if s.explicit_post.len() != n || s.explicit_w.len() != n {
                return Err(Error::invalid(f("synapses"), "pre, post and weight lists must have the same length"));
            }
            for k in 0..n {
                if s.explicit_pre[k] as usize >= n_pre {
                    return Err(Error::invalid(
                        format!("{}.synapses[{}].pre", field, k),
                        format!("must be < {}, got {}", n_pre, s.explicit_pre[k]),
                    ));
                }
                if s.explicit_post[k] as usize >= n_post {
                    return Err(Error::invalid(
                        format!("{}.synapses[{}].post", field, k),
                        format!("must be < {}, got {}", n_post, s.explicit_post[k]),
                    ));
                }
                if !(s.explicit_w[k].is_finite() && s.explicit_w[k] >= 0.0) {
                    return Err(Error::invalid(
                        format!("{}.synapses[{}].weight_nS", field, k),
                        format!("must be a finite conductance ≥ 0, got {}", s.explicit_w[k]),
                    ));
                }
            }
        }
        _ => {}
    }
    if let Some(stp) = s.stp {
        if !(stp.u > 0.0 && stp.u <= 1.0) {
            return Err(Error::invalid(f("stp.U"), format!("must be in (0, 1], got {}", stp.u)));
        }
        if !(stp.tau_rec_ms > 0.0 && stp.tau_rec_ms.is_finite()) {
            return Err(Error::invalid(f("stp.tau_rec_ms"), format!("must be > 0, got {}", stp.tau_rec_ms)));
        }
        if !(stp.tau_facil_ms >= 0.0 && stp.tau_facil_ms.is_finite()) {
            return Err(Error::invalid(
                f("stp.tau_facil_ms"),
                format!("must be ≥ 0 (0 = no facilitation), got {}", stp.tau_facil_ms),
            ));
        }
    }
    Ok(())
}

/// Geometric skipping: the gap to the next connected post index is ⌊ln(U)/ln(1 − p)⌋, so the cost
/// is proportional to the number of synapses, not to n_pre·n_post.
fn fixed_probability(
    p: f64,
    n_pre: usize,
    n_post: usize,
    no_self: bool,
    w: f64,
    rng: &mut Rng,
    out: &mut Vec<(u32, u32, f64)>,
) {
    if p <= 0.0 {
        return;
    }
    out.reserve((p * n_pre as f64 * n_post as f64 * 1.05) as usize + 16);
    let log_q = if p < 1.0 { ln_f64(1.0 - p) } else { f64::NEG_INFINITY };
    for i in 0..n_pre {
        let mut j: u64 = 0;
        loop {
            j += rng.geometric(log_q);
            if j >= n_post as u64 {
                break;
            }
            if !(no_self && j as usize == i) {
                out.push((i as u32, j as u32, w));
            }
            j += 1;
        }
    }
}

/// Floyd's algorithm picks k distinct presynaptic indices per postsynaptic neuron.
#[allow(clippy::too_many_arguments)]
fn fixed_fan_in(
    k: usize,
    n_pre: usize,
    n_post: usize,
    no_self: bool,
    w: f64,
    rng: &mut Rng,
    out: &mut Vec<(u32, u32, f64)>,
    field: &str,
) -> Result<()> {
    out.reserve(k * n_post);
    let mut chosen = vec![false; n_pre];
    let mut picked: Vec<u32> = Vec::with_capacity(k);
    for j in 0..n_post {
        // Draw from the m candidates (all pre, minus j itself for no_self), mapped to pre indices.
        let m = if no_self && j < n_pre { n_pre - 1 } else { n_pre };
        let map = |r: usize| if no_self && j < n_pre && r >= j { r + 1 } else { r };
        picked.clear();
        for t in (m - k)..m {
            let r = (rng.uniform() * (t + 1) as f64) as usize;
            let pick = if chosen[map(r)] { map(t) } else { map(r) };
            if chosen[pick] {
                return Err(Error::new(ErrorKind::Numerical, field, "fan-in sampling failed"));
            }
            chosen[pick] = true;
            picked.push(pick as u32);
        }
        for &i in picked.iter() {
            chosen[i as usize] = false;
            out.push((i, j as u32, w));
        }
    }
    Ok(())
}

/// Sort (pre, post, w) triples into CSR rows by pre (stable, then by post within a row).
fn to_csr<R: Real>(n_pre: usize, pairs: &mut [(u32, u32, f64)]) -> (Vec<u32>, Vec<u32>, Vec<R>) {
    pairs.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let mut row_ptr = vec![0u32; n_pre + 1];
    for &(i, _, _) in pairs.iter() {
        row_ptr[i as usize + 1] += 1;
    }
    for i in 0..n_pre {
        row_ptr[i + 1] += row_ptr[i];
    }
    let col = pairs.iter().map(|p| p.1).collect();
    let weight = pairs.iter().map(|p| R::from_f64(p.2)).collect();
    (row_ptr, col, weight)
}
