// The coupled-module working-memory circuit (MODEL.md §7.3): modules A and B (hard-regime sWTA, two
// PYR groups each), sparse reciprocal cross-links A1↔B1 and A2↔B2 embedding the states S1 = {A1, B1}
// and S2 = {A2, B2}, and transition neurons T12 / T21: each needs the current state AND its symbol
// input (coincidence threshold), excites the target state and, through a small inhibitory relay
// population, inhibits the current one.
import { CircuitBuilder } from '../circuit/builder.js';
import { l23Module, CLASS_PARAMS, L23_DEFAULTS, RECEPTORS, type L23Options } from '../circuit/l23.js';
import { HARD_REGIME } from '../experiments/common.js';
import type { NetworkSpec } from '../model/spec.js';

export interface WmOptions {
  seed?: number;
  module?: L23Options;
  /** Cross-link probability and AMPA weight (nS; NMDA adds nmdaRatio of it). */
  pCross?: number;
  gCross_nS?: number;
  /** Transition neurons: cells, state→T probability/weight, symbol afferents/weight, T→target weight. */
  nT?: number;
  pState?: number;
  gState_nS?: number;
  symbolAfferents?: number;
  gSymbol_nS?: number;
  gTarget_nS?: number;
  gInhib_nS?: number;
  quench_ms?: number;
  tBias_pA?: number;
}

export const WM_DEFAULTS: Required<Omit<WmOptions, 'seed' | 'module'>> = {
  pCross: 0.1, gCross_nS: 3, nT: 20, pState: 0.1, gState_nS: 1.5, symbolAfferents: 50, gSymbol_nS: 0.5, gTarget_nS: 4, gInhib_nS: 4, quench_ms: 500, tBias_pA: 120,
};

export interface WmCircuit {
  spec: NetworkSpec;
  /** State populations: S1 = [A1, B1], S2 = [A2, B2]. */
  states: [string[], string[]];
  ff: Record<string, string>;
  symbols: { s12: string; s21: string };
  transition: { t12: string; t21: string };
}

export function wmCircuit(o: WmOptions = {}): WmCircuit {
  const c = { ...WM_DEFAULTS, ...o };
  const seed = o.seed ?? 1;
  const mod = { ...HARD_REGIME, ...o.module };
  const A = l23Module({ ...mod, prefix: 'A.', seed });
  const B = l23Module({ ...mod, prefix: 'B.', seed: seed + 1000 });
  const b = new CircuitBuilder({ dt_ms: 0.1, method: 'exp_euler', seed });
  b.add(A.spec).add(B.spec);
  const nmda = mod.nmdaRatio ?? L23_DEFAULTS.nmdaRatio;
  for (const k of [0, 1]) {
    for (const [x, y] of [[A.groups[k], B.groups[k]], [B.groups[k], A.groups[k]]]) {
      b.connect(x, y, 'ampa', { type: 'probability', p: c.pCross }, { weight_nS: c.gCross_nS, delay_ms: 2 });
      if (nmda > 0) b.connect(x, y, 'nmda', { type: 'probability', p: c.pCross }, { weight_nS: c.gCross_nS * nmda, delay_ms: 2 });
    }
  }
  // Transition cells: PYR parameters with a lower bias (tBias_pA), so a state alone drives them
  // only weakly and the symbol alone not at all: the AND is a coincidence threshold.
  const pyr = { V_peak_mV: 0, ...CLASS_PARAMS.PYR, V_init_mV: -70, V_init_uniform_mV: 5, I_bias_pA: c.tBias_pA };
  const pv = { V_peak_mV: 0, ...CLASS_PARAMS.PV, V_init_mV: -65, V_init_uniform_mV: 5, I_bias_pA: L23_DEFAULTS.bias_pA.PV };
  const noise = (cls: 'PYR' | 'PV') => ({ tau_ms: 5, sigma_pA: L23_DEFAULTS.noise_pA[cls] });
  const trans: [string, string, number, number][] = [['T12', 'SYM12', 0, 1], ['T21', 'SYM21', 1, 0]];
  for (const [t, sym, from, to] of trans) {
    b.population(t, 'adex', c.nT, pyr, [RECEPTORS.ampa], noise('PYR'));
    b.population(`I${t.slice(1)}`, 'adex', 8, pv, [RECEPTORS.ampa], noise('PV'));
    b.poisson(sym, 2 * c.symbolAfferents);
    b.connect(sym, t, 'ampa', { type: 'fan_in', k: c.symbolAfferents }, { weight_nS: c.gSymbol_nS, delay_ms: 1 });
    for (const src of [A.groups[from], B.groups[from]]) b.connect(src, t, 'ampa', { type: 'probability', p: c.pState }, { weight_nS: c.gState_nS, delay_ms: 1 });
    for (const dst of [A.groups[to], B.groups[to]]) b.connect(t, dst, 'ampa', { type: 'probability', p: 0.5 }, { weight_nS: c.gTarget_nS, delay_ms: 1 });
    b.connect(t, `I${t.slice(1)}`, 'ampa', { type: 'probability', p: 0.5 }, { weight_nS: 2, delay_ms: 1 });
    for (const dst of [A.groups[from], B.groups[from]]) b.connect(`I${t.slice(1)}`, dst, 'gaba_pv', { type: 'probability', p: 0.5 }, { weight_nS: c.gInhib_nS, delay_ms: 1 });
  }
  // Quench the start-up transient (cells released together from rest would ignite a random state):
  // a hyperpolarising current on the state populations for the first `quench_ms`.
  for (const g of [...A.groups, ...B.groups]) b.current({ population: g, t_on_ms: 0, t_off_ms: c.quench_ms, amp_pA: -400, amp_end_pA: 0 });
  b.monitorSpikes('T12', 'T21');
  return {
    spec: b.build(),
    states: [[A.groups[0], B.groups[0]], [A.groups[1], B.groups[1]]],
    ff: { A1: A.ff[0], A2: A.ff[1], B1: B.ff[0], B2: B.ff[1] },
    symbols: { s12: 'SYM12', s21: 'SYM21' },
    transition: { t12: 'T12', t21: 'T21' },
  };
}
