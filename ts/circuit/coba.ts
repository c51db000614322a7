// Benchmark networks of Brette et al. 2007 in the form public simulator comparisons use.
import type { Method, NetworkSpec } from '../model/spec.js';

export interface CobaOptions { nExc?: number; nInh?: number; p?: number; method?: Method; precision?: 'f32' | 'f64'; seed?: number; monitor?: boolean; dt_ms?: number }

/**
 * COBA (benchmark 1): 3200 E + 800 I conductance-based LIF, p = 0.02, dt 0.1 ms, forward Euler,
 * τm 20 ms, E_L −60 mV, V_th −50 mV, V_reset −60 mV, refractory 5 ms, 20 mV background drive
 * (I = 20 mV · g_L = 200 pA), exponential conductances τe 5 ms / τi 10 ms, E_e 0 / E_i −80 mV,
 * weights 0.4 / 5.1 × g_L = 4 / 51 nS, delay one step. Mean rate ≈ 18 Hz.
 */
export function cobaNetwork(o: CobaOptions = {}): NetworkSpec {
  const gL = 10;
  const cell = { C_pF: 20 * gL, g_L_nS: gL, E_L_mV: -60, V_th_mV: -50, V_reset_mV: -60, t_ref_ms: 5, I_bias_pA: 20 * gL, V_init_mV: -60, V_init_uniform_mV: 10 };
  const receptors = [{ name: 'exc', E_rev_mV: 0, tau_decay_ms: 5 }, { name: 'inh', E_rev_mV: -80, tau_decay_ms: 10 }];
  const p = o.p ?? 0.02;
  const dt = o.dt_ms ?? 0.1;
  const proj = (pre: string, post: string, receptor: string, w: number) => ({ pre, post, receptor, rule: { type: 'probability' as const, p }, weight_nS: w, delay_ms: dt });
  return {
    dt_ms: dt, method: o.method ?? 'euler', precision: o.precision ?? 'f64', seed: o.seed ?? 1,
    populations: [
      { name: 'E', model: 'lif', n: o.nExc ?? 3200, params: cell, receptors },
      { name: 'I', model: 'lif', n: o.nInh ?? 800, params: cell, receptors },
    ],
    projections: [proj('E', 'E', 'exc', 0.4 * gL), proj('E', 'I', 'exc', 0.4 * gL), proj('I', 'E', 'inh', 5.1 * gL), proj('I', 'I', 'inh', 5.1 * gL)],
    monitors: o.monitor === false ? {} : { spikes: 'all' },
  };
}

/**
 * COBAHH (benchmark 3, Brian2's example): 4000 Hodgkin–Huxley cells (Traub–Miles), 3200 E + 800 I,
 * p = 0.02, exponential Euler, τe 5 / τi 10 ms, weights 6 / 67 nS, random initial V and conductances.
 */
export function cobaHHNetwork(o: CobaOptions = {}): NetworkSpec {
  const cell = { V_init_mV: -65, V_init_sd_mV: 5 };
  const receptors = [
    { name: 'exc', E_rev_mV: 0, tau_decay_ms: 5, g_init_nS: 40, g_init_sd_nS: 15 },
    { name: 'inh', E_rev_mV: -80, tau_decay_ms: 10, g_init_nS: 200, g_init_sd_nS: 120 },
  ];
  const p = o.p ?? 0.02;
  const dt = o.dt_ms ?? 0.1;
  const proj = (pre: string, post: string, receptor: string, w: number) => ({ pre, post, receptor, rule: { type: 'probability' as const, p }, weight_nS: w, delay_ms: dt });
  return {
    dt_ms: dt, method: o.method ?? 'exp_euler', precision: o.precision ?? 'f64', seed: o.seed ?? 1,
    populations: [
      { name: 'E', model: 'hh', n: o.nExc ?? 3200, params: cell, receptors },
      { name: 'I', model: 'hh', n: o.nInh ?? 800, params: cell, receptors },
    ],
    projections: [proj('E', 'E', 'exc', 6), proj('E', 'I', 'exc', 6), proj('I', 'E', 'inh', 67), proj('I', 'I', 'inh', 67)],
    monitors: o.monitor === false ? {} : { spikes: 'all' },
  };
}
