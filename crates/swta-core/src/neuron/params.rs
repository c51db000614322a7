//! Parameter names per model, in the order of the flat f64 arrays that cross the ABI. The TS side
//! (ts/model/neurons.ts) builds those arrays from named fields in the same order.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelKind {
    /// Conductance-based leaky integrate-and-fire (COBA benchmark of Brette et al. 2007).
    Lif = 0,
    /// Conductance-based adaptive exponential integrate-and-fire (Brette & Gerstner 2005).
    AdEx = 1,
    /// Hodgkin–Huxley type (Traub–Miles kinetics as in Brian2's COBAHH example).
    Hh = 2,
    /// Poisson spike source (no membrane).
    Poisson = 3,
}

impl ModelKind {
    pub fn from_u32(k: u32) -> Option<ModelKind> {
        match k {
            0 => Some(ModelKind::Lif),
            1 => Some(ModelKind::AdEx),
            2 => Some(ModelKind::Hh),
            3 => Some(ModelKind::Poisson),
            _ => None,
        }
    }
}

/// Parameters every spiking model takes after its own: constant bias current and initial V
/// (V0 = V_init + V_init_uniform·U(0,1) + V_init_sd·N(0,1)).
pub const COMMON_PARAMS: &[&str] = &["I_bias_pA", "V_init_mV", "V_init_uniform_mV", "V_init_sd_mV"];

pub fn param_names(kind: ModelKind) -> &'static [&'static str] {
    match kind {
        ModelKind::Lif => &["C_pF", "g_L_nS", "E_L_mV", "V_th_mV", "V_reset_mV", "t_ref_ms"],
        ModelKind::AdEx => &[
            "C_pF",
            "g_L_nS",
            "E_L_mV",
            "V_T_mV",
            "delta_T_mV",
            "V_peak_mV",
            "V_reset_mV",
            "t_ref_ms",
            "a_nS",
            "b_pA",
            "tau_w_ms",
        ],
        ModelKind::Hh => {
            &["C_pF", "g_L_nS", "E_L_mV", "g_Na_nS", "E_Na_mV", "g_K_nS", "E_K_mV", "V_T_mV", "V_spike_mV", "t_ref_ms"]
        }
        ModelKind::Poisson => &["rate_Hz"],
    }
}
