// The mouse V1 layer 2/3 sWTA module (MODEL.md §2–§3): K competing PYR groups with PV, SST, VIP and
// LAMP5 interneurons, AdEx conductance cells, double-exponential synapses, NMDA with Mg²⁺ block,
// Tsodyks–Markram STP, feedforward / context / L1 drives, OU background noise. Every default below is
// the documented reconstruction (not the paper's values, which are unpublished) and every one can be
// overridden through L23Options.
import { CircuitBuilder } from './builder.js';
import type { NetworkSpec, ReceptorSpec, Method } from '../model/spec.js';

export type CellClass = 'PYR' | 'PV' | 'SST' | 'VIP' | 'LAMP5';
export const CLASSES: CellClass[] = ['PYR', 'PV', 'SST', 'VIP', 'LAMP5'];

/** MODEL.md §2.2 [reconstruction]; V_peak = 0 mV for all. */
export const CLASS_PARAMS: Record<CellClass, Record<string, number>> = {
  PYR: { C_pF: 200, g_L_nS: 10, E_L_mV: -70, V_T_mV: -50, delta_T_mV: 2, V_reset_mV: -60, t_ref_ms: 2, a_nS: 2, b_pA: 60, tau_w_ms: 150 },
  PV: { C_pF: 100, g_L_nS: 10, E_L_mV: -65, V_T_mV: -48, delta_T_mV: 0.5, V_reset_mV: -60, t_ref_ms: 1, a_nS: 0, b_pA: 0, tau_w_ms: 100 },
  SST: { C_pF: 100, g_L_nS: 5, E_L_mV: -65, V_T_mV: -50, delta_T_mV: 1.5, V_reset_mV: -58, t_ref_ms: 2, a_nS: 2, b_pA: 40, tau_w_ms: 200 },
  VIP: { C_pF: 50, g_L_nS: 2.5, E_L_mV: -65, V_T_mV: -48, delta_T_mV: 2, V_reset_mV: -58, t_ref_ms: 2, a_nS: 1, b_pA: 20, tau_w_ms: 150 },
  LAMP5: { C_pF: 100, g_L_nS: 6.7, E_L_mV: -70, V_T_mV: -45, delta_T_mV: 1, V_reset_mV: -60, t_ref_ms: 2, a_nS: 0, b_pA: 10, tau_w_ms: 300 },
};

/** MODEL.md §3.1 receptor kinetics. */
export const RECEPTORS: Record<string, ReceptorSpec> = {
  ampa: { name: 'ampa', E_rev_mV: 0, tau_rise_ms: 0.5, tau_decay_ms: 3 },
  nmda: { name: 'nmda', E_rev_mV: 0, tau_rise_ms: 2, tau_decay_ms: 80, nmda: true, Mg_mM: 1 },
  gaba_pv: { name: 'gaba_pv', E_rev_mV: -75, tau_rise_ms: 0.5, tau_decay_ms: 5 },
  gaba_sst: { name: 'gaba_sst', E_rev_mV: -75, tau_rise_ms: 1, tau_decay_ms: 12 },
  gaba_vip: { name: 'gaba_vip', E_rev_mV: -75, tau_rise_ms: 1, tau_decay_ms: 8 },
  gaba_lamp5: { name: 'gaba_lamp5', E_rev_mV: -75, tau_rise_ms: 5, tau_decay_ms: 40 },
  gaba_b: { name: 'gaba_b', E_rev_mV: -90, tau_rise_ms: 50, tau_decay_ms: 200 },
};

/** Connection probabilities pre → post (MODEL.md §3.6); PYR→PYR is split within/across groups. */
export const P_CONN: Record<CellClass, Record<CellClass, number>> = {
  PYR: { PYR: 0.1, PV: 0.4, SST: 0.3, VIP: 0.1, LAMP5: 0.1 },
  PV: { PYR: 0.5, PV: 0.5, SST: 0.05, VIP: 0.05, LAMP5: 0.05 },
  SST: { PYR: 0.4, PV: 0.3, SST: 0, VIP: 0.3, LAMP5: 0.2 },
  VIP: { PYR: 0.05, PV: 0.05, SST: 0.4, VIP: 0, LAMP5: 0.05 },
  LAMP5: { PYR: 0.3, PV: 0.2, SST: 0.2, VIP: 0.2, LAMP5: 0.2 },
};

/** Unitary peak conductances ḡ (nS), MODEL.md §3.7, tuned where noted in docs/model.md. */
export const G_CONN: Record<CellClass, Record<CellClass, number>> = {
  PYR: { PYR: 0.5, PV: 2, SST: 1, VIP: 0.5, LAMP5: 0.5 },
  PV: { PYR: 3, PV: 1.5, SST: 1, VIP: 1, LAMP5: 1 },
  SST: { PYR: 2, PV: 1, SST: 0, VIP: 1, LAMP5: 1 },
  VIP: { PYR: 0.5, PV: 0.5, SST: 2, VIP: 0, LAMP5: 0.5 },
  LAMP5: { PYR: 1, PV: 0.5, SST: 0.5, VIP: 0.5, LAMP5: 0.5 },
};

const INHIBITORY_RECEPTOR: Record<Exclude<CellClass, 'PYR'>, string> = { PV: 'gaba_pv', SST: 'gaba_sst', VIP: 'gaba_vip', LAMP5: 'gaba_lamp5' };

export interface L23Options {
  /** Competing PYR groups (K). */
  groups?: number;
  sizes?: Partial<Record<CellClass, number>>; // PYR = per group
  /** Name prefix for composing several modules ('A.' → 'A.PYR0'). */
  prefix?: string;
  classParams?: Partial<Record<CellClass, Record<string, number>>>;
  p?: Partial<Record<CellClass, Partial<Record<CellClass, number>>>>;
  g_nS?: Partial<Record<CellClass, Partial<Record<CellClass, number>>>>;
  /** PYR→PYR probability within a group / across groups / between neighbouring groups on a ring
   * (topographic coupling, used for pattern completion; defaults to pAcross). */
  pWithin?: number;
  pAcross?: number;
  pNeighbour?: number;
  /** Recurrent excitation scale on PYR→PYR within a group (the α knob). */
  recurrentScale?: number;
  /** Peak NMDA/AMPA ratio on E→E and E→SST (0 = no NMDA). */
  nmdaRatio?: number;
  /** Short-term plasticity of §3.4 on E→PV, PV→PYR (depressing) and E→SST (facilitating). */
  stp?: boolean;
  /** Depression on PYR→PYR (not in MODEL.md §3.4; null = static): bounds the rate of up-states. */
  recurrentStp?: { U: number; tau_rec_ms: number };
  /** LAMP5 → every cell with p = 1 (volume transmission) instead of §3.6's sparse probabilities. */
  lamp5All?: boolean;
  /** GABA_B share of LAMP5 → PYR (nS). */
  lamp5GabaB_nS?: number;
  /** Feedforward afferents: pool size per group, afferents per cell, weights (nS) onto PYR and PV. */
  ff?: { pool?: number; perCell?: number; g_PYR_nS?: number; g_PV_nS?: number; perPV?: number };
  /** Context drive onto VIP and L1-like drive onto LAMP5. */
  ctx?: { pool?: number; perCell?: number; g_nS?: number };
  l1?: { pool?: number; perCell?: number; g_nS?: number };
  /** OU background current σ (pA) per class, τ = 5 ms, and the constant bias (pA) it rides on. */
  noise_pA?: Partial<Record<CellClass, number>>;
  bias_pA?: Partial<Record<CellClass, number>>;
  /** Classes to silence (ablation): their cells get a large hyperpolarising bias. */
  silence?: CellClass[];
  method?: Method;
  dt_ms?: number;
  seed?: number;
}

export interface L23Module {
  spec: NetworkSpec;
  /** PYR group population names, in order. */
  groups: string[];
  /** Feedforward Poisson pool per group; context (VIP) and L1 (LAMP5) pools. */
  ff: string[];
  ctx: string;
  l1: string;
  names: Record<CellClass, string[]>;
}

/**
 * Module defaults: MODEL.md §3 values except where tuning against §5.6 changed them (listed in
 * docs/model.md): recurrent E→E ×10 within a group (α), 0.02 across groups, NMDA/AMPA 0.3,
 * PYR→SST 2 nS, SST→PYR 4 nS (the β loop), VIP→SST 12 nS at p 0.8 (disinhibition), PYR→LAMP5 1 nS at
 * p 0.2 and LAMP5 → every cell (volume transmission, MODEL.md §3.6's option) so that LAMP5 tracks
 * total activity (normalisation). This is the soft regime; experiments/common.ts HARD_REGIME is the multistable one.
 */
export const L23_DEFAULTS = {
  groups: 2, sizes: { PYR: 40, PV: 8, SST: 6, VIP: 4, LAMP5: 2 }, pWithin: 0.2, pAcross: 0.02, recurrentScale: 10, nmdaRatio: 0.3,
  stp: true, lamp5All: true, lamp5GabaB_nS: 0.3, recurrentStp: undefined as { U: number; tau_rec_ms: number } | undefined,
  g_nS: { SST: { PYR: 4 }, PYR: { SST: 2, LAMP5: 1 }, VIP: { SST: 12 }, PV: { PYR: 4 } } as Partial<Record<CellClass, Partial<Record<CellClass, number>>>>,
  p: { VIP: { SST: 0.8 }, PYR: { LAMP5: 0.2 } } as Partial<Record<CellClass, Partial<Record<CellClass, number>>>>,
  ff: { pool: 200, perCell: 100, g_PYR_nS: 0.5, g_PV_nS: 1, perPV: 50 },
  ctx: { pool: 100, perCell: 50, g_nS: 1 },
  l1: { pool: 100, perCell: 50, g_nS: 1 },
  /** Isolated-cell baseline ≈ 2 Hz (MODEL.md §2.1 target 1–3 Hz): bias 0.8 × rheobase plus OU noise
   * (τ 5 ms) of this σ, calibrated with `swta experiment baseline`. */
  noise_pA: { PYR: 90, PV: 32, SST: 34, VIP: 17, LAMP5: 45 } as Record<CellClass, number>,
  bias_pA: { PYR: 176, PV: 132, SST: 78, VIP: 44, LAMP5: 129 } as Record<CellClass, number>,
};

const RECEPTORS_OF: Record<CellClass, string[]> = {
  PYR: ['ampa', 'nmda', 'gaba_pv', 'gaba_sst', 'gaba_vip', 'gaba_lamp5', 'gaba_b'],
  PV: ['ampa', 'gaba_pv', 'gaba_sst', 'gaba_vip', 'gaba_lamp5'],
  SST: ['ampa', 'nmda', 'gaba_pv', 'gaba_vip', 'gaba_lamp5'],
  VIP: ['ampa', 'gaba_pv', 'gaba_sst', 'gaba_lamp5'],
  LAMP5: ['ampa', 'gaba_pv', 'gaba_sst', 'gaba_vip', 'gaba_lamp5'],
};

/** Build one L2/3 sWTA module. */
export function l23Module(o: L23Options = {}): L23Module {
  const K = o.groups ?? L23_DEFAULTS.groups;
  const pre = o.prefix ?? '';
  const size = { ...L23_DEFAULTS.sizes, ...o.sizes };
  const ff = { ...L23_DEFAULTS.ff, ...o.ff };
  const ctx = { ...L23_DEFAULTS.ctx, ...o.ctx };
  const l1 = { ...L23_DEFAULTS.l1, ...o.l1 };
  const noise = { ...L23_DEFAULTS.noise_pA, ...o.noise_pA };
  const P = (a: CellClass, b: CellClass) => o.p?.[a]?.[b] ?? L23_DEFAULTS.p[a]?.[b] ?? P_CONN[a][b];
  const G = (a: CellClass, b: CellClass) => o.g_nS?.[a]?.[b] ?? L23_DEFAULTS.g_nS[a]?.[b] ?? G_CONN[a][b];
  const nmda = o.nmdaRatio ?? L23_DEFAULTS.nmdaRatio;
  const stp = o.stp ?? L23_DEFAULTS.stp;
  const b = new CircuitBuilder({ dt_ms: o.dt_ms ?? 0.1, method: o.method ?? 'exp_euler', seed: o.seed ?? 1 });
  const names: Record<CellClass, string[]> = { PYR: [], PV: [`${pre}PV`], SST: [`${pre}SST`], VIP: [`${pre}VIP`], LAMP5: [`${pre}LAMP5`] };
  for (let k = 0; k < K; k++) names.PYR.push(`${pre}PYR${k}`);
  const cell = (c: CellClass) => {
    const params: Record<string, number> = { V_peak_mV: 0, ...CLASS_PARAMS[c], ...o.classParams?.[c] };
    const bias = o.silence?.includes(c) ? -2000 : o.bias_pA?.[c] ?? L23_DEFAULTS.bias_pA[c];
    return { ...params, V_init_mV: params.E_L_mV, V_init_uniform_mV: 5, I_bias_pA: bias };
  };
  const receptorsOf = (c: CellClass) => RECEPTORS_OF[c].filter((r) => r !== 'nmda' || nmda > 0).map((r) => RECEPTORS[r]);
  for (const c of CLASSES) {
    for (const name of names[c]) b.population(name, 'adex', size[c], cell(c), receptorsOf(c), noise[c] > 0 ? { tau_ms: 5, sigma_pA: noise[c] } : undefined);
  }
  // Recurrent excitation: within-group cooperation (α) and weaker cross-group coupling.
  const depress = stp ? { U: 0.5, tau_rec_ms: 300, tau_facil_ms: 0 } : undefined;
  const facil = stp ? { U: 0.05, tau_rec_ms: 100, tau_facil_ms: 500 } : undefined;
  const alpha = o.recurrentScale ?? L23_DEFAULTS.recurrentScale;
  const pAcross = o.pAcross ?? L23_DEFAULTS.pAcross;
  for (const [ia, a] of names.PYR.entries()) {
    for (const [it, t] of names.PYR.entries()) {
      const d = Math.min(Math.abs(ia - it), K - Math.abs(ia - it));
      const p = a === t ? o.pWithin ?? L23_DEFAULTS.pWithin : d === 1 ? o.pNeighbour ?? pAcross : pAcross;
      const gE = G('PYR', 'PYR') * (a === t ? alpha : 1);
      const eeStp = o.recurrentStp ?? L23_DEFAULTS.recurrentStp;
      const rs = eeStp ? { ...eeStp, tau_facil_ms: 0 } : undefined;
      b.connect(a, t, 'ampa', { type: 'probability', p }, { weight_nS: gE, delay_ms: 1, stp: rs });
      if (nmda > 0) b.connect(a, t, 'nmda', { type: 'probability', p }, { weight_nS: gE * nmda, delay_ms: 1, stp: rs });
    }
    for (const c of ['PV', 'SST', 'VIP', 'LAMP5'] as const) {
      const s = c === 'PV' ? depress : c === 'SST' ? facil : undefined;
      b.connect(a, names[c][0], 'ampa', { type: 'probability', p: P('PYR', c) }, { weight_nS: G('PYR', c), delay_ms: 1, stp: s });
      if (c === 'SST' && nmda > 0) b.connect(a, names[c][0], 'nmda', { type: 'probability', p: P('PYR', c) }, { weight_nS: G('PYR', c) * nmda, delay_ms: 1 });
    }
  }
  // Interneuron outputs.
  const delay: Record<string, number> = { PV: 0.8, SST: 1.5, VIP: 1.5, LAMP5: 2 };
  for (const c of ['PV', 'SST', 'VIP', 'LAMP5'] as const) {
    const src = names[c][0];
    for (const t of CLASSES) {
      const p = c === 'LAMP5' && (o.lamp5All ?? L23_DEFAULTS.lamp5All) ? 1 : P(c, t);
      if (p <= 0 || G(c, t) <= 0) continue;
      for (const target of names[t]) {
        if (target === src && p >= 1) continue;
        const s = c === 'PV' && t === 'PYR' ? depress : undefined;
        b.connect(src, target, INHIBITORY_RECEPTOR[c], { type: 'probability', p }, { weight_nS: G(c, t), delay_ms: delay[c], stp: s });
        if (c === 'LAMP5' && t === 'PYR') b.connect(src, target, 'gaba_b', { type: 'probability', p }, { weight_nS: o.lamp5GabaB_nS ?? L23_DEFAULTS.lamp5GabaB_nS, delay_ms: delay[c] });
      }
    }
  }
  // Drives: feedforward per group onto its PYR and onto PV; context onto VIP; L1 onto LAMP5.
  const ffNames = names.PYR.map((_, k) => `${pre}FF${k}`);
  ffNames.forEach((f, k) => {
    b.poisson(f, ff.pool);
    b.connect(f, names.PYR[k], 'ampa', { type: 'fan_in', k: Math.min(ff.perCell, ff.pool) }, { weight_nS: ff.g_PYR_nS, delay_ms: 1 });
    b.connect(f, names.PV[0], 'ampa', { type: 'fan_in', k: Math.min(ff.perPV, ff.pool) }, { weight_nS: ff.g_PV_nS / K, delay_ms: 1 });
  });
  b.poisson(`${pre}CTX`, ctx.pool).connect(`${pre}CTX`, names.VIP[0], 'ampa', { type: 'fan_in', k: Math.min(ctx.perCell, ctx.pool) }, { weight_nS: ctx.g_nS, delay_ms: 1 });
  b.poisson(`${pre}L1`, l1.pool).connect(`${pre}L1`, names.LAMP5[0], 'ampa', { type: 'fan_in', k: Math.min(l1.perCell, l1.pool) }, { weight_nS: l1.g_nS, delay_ms: 1 });
  b.monitorSpikes(...CLASSES.flatMap((c) => names[c]));
  return { spec: b.build(), groups: names.PYR, ff: ffNames, ctx: `${pre}CTX`, l1: `${pre}L1`, names };
}
