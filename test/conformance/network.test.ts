// The engine through the public TS API, on every Rust backend: closed forms, cross-backend
// bit-equality, determinism, validation errors, handle hygiene.
import { describe, expect, it } from 'vitest';
import { Network } from '../../ts/sim/network.js';
import { cobaNetwork } from '../../ts/circuit/coba.js';
import { engine } from '../../ts/backend/registry.js';
import type { NetworkSpec, Method } from '../../ts/model/spec.js';
import { RUST_BACKENDS } from '../helpers.js';
import type { BackendName } from '../../ts/backend/engine.js';

/** A small network that touches every feature: AdEx + LIF + Poisson, double-exp AMPA, NMDA with Mg
 * block, STP (depressing and facilitating), OU noise, a ramp current, delays. */
function kitchenSink(method: Method, precision: 'f32' | 'f64', seed = 5): NetworkSpec {
  return {
    method, precision, seed, dt_ms: 0.1,
    populations: [
      { name: 'in', model: 'poisson', n: 60, params: { rate_Hz: 30 } },
      { name: 'pyr', model: 'adex', n: 30, params: { V_init_uniform_mV: 5 }, noise: { tau_ms: 5, sigma_pA: 40 },
        receptors: [{ name: 'ampa', E_rev_mV: 0, tau_rise_ms: 0.5, tau_decay_ms: 3 }, { name: 'nmda', E_rev_mV: 0, tau_rise_ms: 2, tau_decay_ms: 80, nmda: true }, { name: 'gaba', E_rev_mV: -75, tau_decay_ms: 5 }] },
      { name: 'pv', model: 'lif', n: 8, params: { t_ref_ms: 1 }, receptors: [{ name: 'ampa', E_rev_mV: 0, tau_decay_ms: 3 }] },
    ],
    projections: [
      { pre: 'in', post: 'pyr', receptor: 'ampa', rule: { type: 'fan_in', k: 20 }, weight_nS: 1.5, delay_ms: 1 },
      { pre: 'pyr', post: 'pyr', receptor: 'nmda', rule: { type: 'probability', p: 0.2 }, weight_nS: 0.3, delay_ms: 1.5, stp: { U: 0.05, tau_rec_ms: 100, tau_facil_ms: 500 } },
      { pre: 'pyr', post: 'pv', receptor: 'ampa', rule: { type: 'probability', p: 0.5 }, weight_nS: 2, delay_ms: 1, stp: { U: 0.5, tau_rec_ms: 300 } },
      { pre: 'pv', post: 'pyr', receptor: 'gaba', rule: { type: 'probability', p: 0.5 }, weight_nS: 3, delay_ms: 0.8 },
    ],
    currents: [{ population: 'pyr', first: 0, count: 10, t_on_ms: 50, t_off_ms: 250, amp_pA: 0, amp_end_pA: 300 }],
    monitors: { spikes: 'all', state: [{ population: 'pyr', variable: 'v', neurons: [0, 5], every_ms: 1 }], rates: [{ population: 'pyr', bin_ms: 50 }] },
  };
}

async function trains(spec: NetworkSpec, backend: BackendName, ms = 300) {
  const net = await Network.create(spec, { backend });
  net.run(ms, { chunk_ms: 37 });
  const out = spec.populations.map((p) => net.spikeTrain(p.name));
  const traces = net.stateTraces();
  const rates = net.rateTraces();
  net.free();
  return { out, traces, rates };
}

describe.each(RUST_BACKENDS)('network engine on %s', (backend) => {
  it('LIF under constant current follows V(t) = V∞ + (V0 − V∞)e^{−t/τ}', async () => {
    const spec: NetworkSpec = { method: 'rk4', populations: [{ name: 'a', model: 'lif', n: 1, params: { V_th_mV: 100, E_L_mV: -70, V_init_mV: -70, I_bias_pA: 150 } }] };
    const net = await Network.create(spec, { backend });
    net.run(10);
    const v = net.read('a', 'v')[0];
    net.free();
    const vinf = -70 + 150 / 10;
    expect(Math.abs(v - (vinf + (-70 - vinf) * Math.exp(-10 / 20)))).toBeLessThan(1e-8);
  });

  it('Dormand–Prince spike times match the analytic interspike interval', async () => {
    const vinf = -60 + 300 / 10;
    const period = 20 * Math.log((vinf + 60) / (vinf + 50)) + 5;
    const spec: NetworkSpec = { method: 'dopri5', rtol: 1e-9, atol: 1e-9, populations: [{ name: 'a', model: 'lif', n: 1, params: { I_bias_pA: 300, V_init_mV: -60 } }], monitors: { spikes: ['a'] } };
    const net = await Network.create(spec, { backend });
    net.run(200);
    const t = net.spikeTrain('a').t_ms;
    net.free();
    expect(t.length).toBeGreaterThan(5);
    for (let k = 1; k < t.length; k++) expect(Math.abs(t[k] - t[k - 1] - period)).toBeLessThan(1e-6);
  });

  it('COBA fires at the benchmark rate (12–25 Hz)', async () => {
    const net = await Network.create(cobaNetwork({ nExc: 800, nInh: 200, p: 0.08, monitor: false }), { backend });
    net.run(500);
    const c = net.info().spikeCounts;
    net.free();
    const rate = (c.E + c.I) / 1000 / 0.5;
    expect(rate).toBeGreaterThan(12);
    expect(rate).toBeLessThan(25);
  });

  it('same seed → same spikes; another seed → other spikes', async () => {
    const a = await trains(kitchenSink('exp_euler', 'f64', 5), backend);
    const b = await trains(kitchenSink('exp_euler', 'f64', 5), backend);
    const c = await trains(kitchenSink('exp_euler', 'f64', 6), backend);
    expect(a.out[1].ids.length).toBeGreaterThan(20);
    expect(b).toEqual(a);
    expect(Array.from(c.out[1].t_ms)).not.toEqual(Array.from(a.out[1].t_ms));
  });

  it('frees every handle and buffer it made', async () => {
    const e = await engine(backend);
    const nets = e.fn('swta_net_live')();
    const allocs = e.fn('swta_live_allocs')();
    const net = await Network.create(kitchenSink('rk2', 'f32'), { backend });
    net.run(20);
    net.info();
    net.read('pyr', 'g_nmda');
    expect(e.fn('swta_net_live')()).toBe(nets + 1);
    net.free();
    net.free(); // idempotent
    expect(e.fn('swta_net_live')()).toBe(nets);
    expect(e.fn('swta_live_allocs')()).toBe(allocs);
    expect(() => net.run(1)).toThrow(/freed/);
  });
});

describe('native and WASM give identical results', () => {
  const both = RUST_BACKENDS.includes('native') && RUST_BACKENDS.includes('wasm');
  for (const method of ['euler', 'exp_euler', 'rk2', 'rk4', 'dopri5'] as Method[]) {
    for (const precision of ['f64', 'f32'] as const) {
      it.skipIf(!both)(`${method} ${precision}: spike trains, traces and rates bit-equal`, async () => {
        const spec = kitchenSink(method, precision);
        const [a, b] = [await trains(spec, 'native'), await trains(spec, 'wasm')];
        expect(a.out[1].ids.length).toBeGreaterThan(10);
        expect(b.out).toEqual(a.out);
        expect(b.traces).toEqual(a.traces);
        expect(b.rates).toEqual(a.rates);
      });
    }
  }
  it.skipIf(!both)('COBA (1000 neurons, 300 ms) bit-equal', async () => {
    const spec = cobaNetwork({ nExc: 800, nInh: 200, p: 0.08 });
    const [a, b] = [await trains(spec, 'native'), await trains(spec, 'wasm')];
    expect(a.out[0].ids.length).toBeGreaterThan(1000);
    expect(b.out).toEqual(a.out);
  });
});
