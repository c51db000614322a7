// The L2/3 module's computations (MODEL.md §5.6 acceptance) over several seeds. Per-seed checks for
// the robust properties; means over seeds (stated) for the small ablation/modulation effects.
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPERIMENTS, type ExperimentResult } from '../../ts/experiments/index.js';

const SEEDS = [1, 2, 3];
const results: Record<string, ExperimentResult[]> = {};
const m = (name: string) => results[name].map((r) => r.metrics as Record<string, any>);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

beforeAll(async () => {
  for (const name of ['gain', 'amplification', 'restoration', 'hysteresis', 'ablation']) {
    results[name] = [];
    for (const seed of SEEDS) results[name].push(await EXPERIMENTS[name].run({ seed, quick: true }));
  }
  results.fi = [await EXPERIMENTS.fi.run({ quick: true })];
  results.baseline = [await EXPERIMENTS.baseline.run({ seed: 1, quick: true }), await EXPERIMENTS.baseline.run({ seed: 2, quick: true })];
}, 600_000);

describe('cell classes (MODEL.md §2.4 f–I targets)', () => {
  it('PV is fast-spiking: > 100 Hz, non-adapting', () => {
    const x = m('fi')[0];
    expect(x.pv_max_Hz).toBeGreaterThan(100);
    expect(x.pv_adaptation).toBeLessThan(1.1);
  });
  it('PYR and SST adapt and stay ≤ 50 Hz at twice rheobase', () => {
    const x = m('fi')[0];
    expect(x.pyr_adaptation).toBeGreaterThan(1.5);
    expect(x.sst_adaptation).toBeGreaterThan(1.5);
    expect(x.pyr_rate_at_2x_rheobase_Hz).toBeLessThanOrEqual(50);
    expect(x.sst_rate_at_2x_rheobase_Hz).toBeLessThanOrEqual(50);
  });
  it('VIP has the lowest rheobase', () => {
    const r = m('fi')[0].rheobase_pA as Record<string, number>;
    for (const c of ['PYR', 'PV', 'SST', 'LAMP5']) expect(r.VIP).toBeLessThan(r[c]);
  });
  it('LAMP5 is late-spiking: first spike > 200 ms after onset at rheobase, later than PYR', () => {
    const x = m('fi')[0];
    expect(x.lamp5_first_spike_latency_ms).toBeGreaterThan(200);
    expect(x.lamp5_first_spike_latency_ms).toBeGreaterThan(x.pyr_first_spike_latency_ms);
    expect(Math.abs(x.lamp5_rheobase_fine_pA - 6.7 * 24)).toBeLessThan(2); // I_rh = g_L(V_T − E_L − Δ_T)
  });
  it('background rates of the undriven module are 0.5–5 Hz for PYR', () => {
    for (const x of m('baseline')) {
      expect(x.pyr_Hz).toBeGreaterThan(0.5);
      expect(x.pyr_Hz).toBeLessThan(5);
    }
  });
});

describe('sWTA acceptance (soft regime unless stated)', () => {
  it('A1: the winning group amplifies: gain > 1 Hz/Hz and above isolated PYR cells (every seed)', () => {
    for (const x of m('gain')) {
      expect(x.gain_intact).toBeGreaterThan(1);
      expect(x.gain_intact).toBeGreaterThan(x.gain_isolated);
    }
  });
  it('A2: output selectivity ratio > input ratio 1.25 (every seed)', () => {
    for (const x of m('amplification')) expect(x.output_ratio_at_1_25).toBeGreaterThan(1.25);
  });
  it('A3: the weak group is suppressed, not silenced (every seed)', () => {
    for (const x of m('amplification')) {
      expect(x.weak_Hz).toBeGreaterThan(1);
      expect(x.weak_Hz).toBeLessThan(x.weak_alone_Hz);
    }
  });
  it('A4 (hard regime): two stable states under identical input, selected by history; not in the soft regime', () => {
    for (const x of m('hysteresis')) {
      expect(x.hard_two_states).toBe(true);
      expect(x.soft_two_states).toBe(false);
      expect(x.hysteresis_width_Hz).toBeGreaterThan(0);
      expect(x.persisted_ms).toBeGreaterThanOrEqual(1000);
    }
  });
  it('A5: VIP context raises the gain and LAMP5 drive lowers it (mean over seeds)', () => {
    const g = m('gain');
    expect(mean(g.map((x) => x.gain_vip))).toBeGreaterThan(mean(g.map((x) => x.gain_intact)));
    expect(mean(g.map((x) => x.gain_lamp5))).toBeLessThan(mean(g.map((x) => x.gain_intact)));
  });
  it('A6: each ablation moves its role metric in the expected direction (mean over seeds)', () => {
    const a = m('ablation');
    expect(mean(a.map((x) => x.pv_threshold_change_Hz))).toBeLessThan(0); // PV: feedforward threshold lost
    expect(mean(a.map((x) => x.sst_competition_change))).toBeLessThan(0); // SST: competition lost
    expect(mean(a.map((x) => x.vip_context_gating.intact))).toBeGreaterThan(mean(a.map((x) => x.vip_context_gating.without_vip))); // VIP: gating lost
    expect(mean(a.map((x) => x.lamp5_gain_change))).toBeGreaterThan(0); // LAMP5: runaway gain
  });
  it('A7: restoration raises the correlation with the clean pattern (mean over seeds and trials)', () => {
    const r = m('restoration');
    expect(mean(r.map((x) => x.corr_out))).toBeGreaterThan(mean(r.map((x) => x.corr_in)));
  });
  it('every experiment writes its plots', () => {
    for (const name of ['gain', 'amplification', 'restoration', 'hysteresis']) {
      for (const svg of Object.values(results[name][0].svgs)) expect(svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    }
  });
});
