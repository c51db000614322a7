// Gain matching (MODEL.md §6): per-class R², closed form, mapping of any circuit, fidelity targets.
import { describe, expect, it } from 'vitest';
import { l23Module } from '../../ts/circuit/l23.js';
import { CircuitBuilder } from '../../ts/circuit/builder.js';
import { gainMatch } from '../../ts/gain/match.js';
import { closedForm } from '../../ts/gain/tnclass.js';
import { fidelityReport } from '../../ts/gain/report.js';
import { stpEfficacy } from '../../ts/gain/pathways.js';

const backend = 'native' as const;

describe('gain matching', () => {
  it('closed form reproduces the worked example of MODEL.md §6.5 (g 1, θ 5 Hz, N 100)', () => {
    const p = closedForm({ g: 1, theta_Hz: 5, rmax_Hz: 40, saturates: false, r2: 1 }, { m: 100, k: 100, unitsPerAxon: 1, n_ref: 100, maxUnits: 1 }, { headroom: 25.5 });
    expect(p.alpha).toBe(1000);
    expect(Math.round(p.s_unit)).toBe(10);
    expect(p.lambda).toBe(-5);
    expect(p.gain_tn).toBeCloseTo(1, 6);
  });

  it('STP efficacy: depressing synapse at 20 Hz tends to the steady state below 0.5768', () => {
    expect(stpEfficacy({ U: 0.5, tau_rec_ms: 300 }, 20)).toBeLessThan(0.5768);
    expect(stpEfficacy(undefined)).toBe(1);
  });

  it('every class I–O curve is matched with R² ≥ 0.95 (seed 1), one core, < 30 s', async () => {
    const m = await gainMatch(l23Module({ seed: 1 }).spec, { backend, seed: 1, quick: true });
    expect(m.kinds.map((k) => k.name).sort()).toEqual(['LAMP5', 'PV', 'PYR', 'SST', 'VIP']);
    for (const k of m.kinds) expect(k.r2, k.name).toBeGreaterThanOrEqual(0.95);
    expect(m.model.stats.cores).toBe(1);
    expect(m.timing_s.total).toBeLessThan(30);
  }, 60_000);

  it('maps a circuit of several modules (cores, routes, splitters)', async () => {
    const b = new CircuitBuilder({ seed: 2 });
    b.add(l23Module({ prefix: 'A.', seed: 2 }).spec).add(l23Module({ prefix: 'B.', seed: 3 }).spec);
    b.connect('A.PYR0', 'B.PYR0', 'ampa', { type: 'probability', p: 0.1 }, { weight_nS: 1 });
    b.connect('B.PYR0', 'A.PYR0', 'ampa', { type: 'probability', p: 0.1 }, { weight_nS: 1 });
    const m = await gainMatch(b.build(), { backend, seed: 2, quick: true });
    expect(m.model.stats.moduleCores).toBeGreaterThanOrEqual(2);
    expect(m.model.stats.splitterCores).toBeGreaterThanOrEqual(1);
    expect(m.model.stats.relays).toBeGreaterThan(0);
  }, 60_000);

  it('fidelity: gain and selectivity ratio within 10 %, hysteresis on both, every role on both substrates (seed 1, full protocol)', async () => {
    const f = await fidelityReport({ backend, seed: 1 });
    // Measured: gain TN/bio 1.06, selectivity 1.03 (2.45 vs 2.37), normaliser slope 0.29 vs 0.35.
    expect(Math.abs(f.fidelity.gain.ratio - 1)).toBeLessThan(0.1);
    expect(Math.abs(f.fidelity.selectivity.ratio - 1)).toBeLessThan(0.1);
    expect(f.fidelity.hysteresis.present_on_both).toBe(true);
    // The fitted LAMP5 drive gives the TN normaliser the biophysical transfer within 25 %.
    expect(Math.abs(f.fidelity.normaliser.ratio - 1)).toBeLessThan(0.25);
    for (const r of f.roles) expect(r.bio_ok && r.tn_ok, r.class).toBe(true);
  }, 120_000);
});
