// Neuron models: parameter names (the order of the arrays that cross into the engine, identical to
// swta-core's `neuron::param_names` + COMMON_PARAMS) and default values. Units: ms, mV, nS, pF, pA.

export type ModelName = 'lif' | 'adex' | 'hh' | 'poisson';

export const MODEL_CODE: Record<ModelName, number> = { lif: 0, adex: 1, hh: 2, poisson: 3 };

export const MODEL_PARAMS: Record<ModelName, readonly string[]> = {
  lif: ['C_pF', 'g_L_nS', 'E_L_mV', 'V_th_mV', 'V_reset_mV', 't_ref_ms'],
  adex: ['C_pF', 'g_L_nS', 'E_L_mV', 'V_T_mV', 'delta_T_mV', 'V_peak_mV', 'V_reset_mV', 't_ref_ms', 'a_nS', 'b_pA', 'tau_w_ms'],
  hh: ['C_pF', 'g_L_nS', 'E_L_mV', 'g_Na_nS', 'E_Na_mV', 'g_K_nS', 'E_K_mV', 'V_T_mV', 'V_spike_mV', 't_ref_ms'],
  poisson: ['rate_Hz'],
};

/** After the model's own parameters (not for Poisson sources). V0 = V_init + V_init_uniform·U + V_init_sd·N. */
export const COMMON_PARAMS = ['I_bias_pA', 'V_init_mV', 'V_init_uniform_mV', 'V_init_sd_mV'] as const;

/** State variables per model, in engine order (monitors address them by name). */
export const MODEL_VARS: Record<ModelName, readonly string[]> = { lif: ['v'], adex: ['v', 'w'], hh: ['v', 'm', 'h', 'n'], poisson: [] };

/** Defaults: LIF = the COBA benchmark cell (τm = 20 ms); AdEx = MODEL.md's PYR; HH = Brian2's COBAHH cell. */
export const MODEL_DEFAULTS: Record<ModelName, Record<string, number>> = {
  lif: { C_pF: 200, g_L_nS: 10, E_L_mV: -60, V_th_mV: -50, V_reset_mV: -60, t_ref_ms: 5 },
  adex: { C_pF: 200, g_L_nS: 10, E_L_mV: -70, V_T_mV: -50, delta_T_mV: 2, V_peak_mV: 0, V_reset_mV: -60, t_ref_ms: 2, a_nS: 2, b_pA: 60, tau_w_ms: 150 },
  hh: { C_pF: 200, g_L_nS: 10, E_L_mV: -60, g_Na_nS: 20000, E_Na_mV: 50, g_K_nS: 6000, E_K_mV: -90, V_T_mV: -63, V_spike_mV: -20, t_ref_ms: 3 },
  poisson: { rate_Hz: 0 },
};

/** Parameters that must be > 0, and ≥ 0 (engine checks the same). */
export const POSITIVE = new Set(['C_pF', 'g_L_nS', 'tau_w_ms']);
export const NON_NEGATIVE = new Set(['t_ref_ms', 'delta_T_mV', 'g_Na_nS', 'g_K_nS', 'rate_Hz', 'V_init_uniform_mV', 'V_init_sd_mV']);

export function paramNames(model: ModelName): string[] {
  return model === 'poisson' ? [...MODEL_PARAMS.poisson] : [...MODEL_PARAMS[model], ...COMMON_PARAMS];
}
