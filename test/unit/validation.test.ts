// Every validation error names the field path and the allowed range; nothing reaches the engine.
import { describe, expect, it } from 'vitest';
import { validateNetwork, type NetworkSpec } from '../../ts/model/spec.js';
import { Network } from '../../ts/sim/network.js';
import { SwtaError } from '../../ts/abi/errors.js';

const base = (): NetworkSpec => ({
  populations: [
    { name: 'src', model: 'poisson', n: 10, params: { rate_Hz: 5 } },
    { name: 'e', model: 'adex', n: 10, receptors: [{ name: 'ampa', E_rev_mV: 0, tau_decay_ms: 3 }] },
  ],
  projections: [{ pre: 'src', post: 'e', receptor: 'ampa', rule: { type: 'probability', p: 0.5 }, weight_nS: 1 }],
});

type Mut = (s: NetworkSpec) => void;
const cases: [string, Mut, string, RegExp][] = [
  ['negative time constant', (s) => { s.populations[1].params = { tau_w_ms: -5 }; }, 'populations[1].params.tau_w_ms', /must be in \(0/],
  ['NaN capacitance', (s) => { s.populations[1].params = { C_pF: NaN }; }, 'populations[1].params.C_pF', /finite number/],
  ['unknown parameter', (s) => { s.populations[1].params = { tau_m: 3 }; }, 'populations[1].params.tau_m', /unknown parameter.*allowed: C_pF/],
  ['V_peak below V_T', (s) => { s.populations[1].params = { V_peak_mV: -60 }; }, 'populations[1].params.V_peak_mV', /must be > V_T_mV/],
  ['zero neurons', (s) => { s.populations[1].n = 0; }, 'populations[1].n', /\[1, 10000000\]/],
  ['fractional size', (s) => { s.populations[1].n = 2.5; }, 'populations[1].n', /integer/],
  ['unknown model', (s) => { (s.populations[1] as { model: string }).model = 'izhikevich'; }, 'populations[1].model', /one of lif, adex, hh, poisson/],
  ['duplicate name', (s) => { s.populations[1].name = 'src'; }, 'populations[1].name', /duplicate/],
  ['rise ≥ decay', (s) => { s.populations[1].receptors![0].tau_rise_ms = 4; }, 'populations[1].receptors[0].tau_rise_ms', /< tau_decay_ms/],
  ['receptors on a source', (s) => { s.populations[0].receptors = [{ name: 'x', E_rev_mV: 0, tau_decay_ms: 1 }]; }, 'populations[0].receptors[0]', /Poisson/],
  ['unknown population', (s) => { s.projections![0].pre = 'nope'; }, 'projections[0].pre', /unknown population 'nope'/],
  ['unknown receptor', (s) => { s.projections![0].receptor = 'gaba'; }, 'projections[0].receptor', /has no receptor 'gaba'/],
  ['probability outside [0,1]', (s) => { s.projections![0].rule = { type: 'probability', p: 1.2 }; }, 'projections[0].rule.p', /\[0, 1\]/],
  ['fan-in too large', (s) => { s.projections![0].rule = { type: 'fan_in', k: 11 }; }, 'projections[0].rule.k', /\[0, 10\]/],
  ['negative weight', (s) => { s.projections![0].weight_nS = -1; }, 'projections[0].weight_nS', /\[0, /],
  ['delay too long', (s) => { s.projections![0].delay_ms = 5000; }, 'projections[0].delay_ms', /\[0, 1000\]/],
  ['STP U = 0', (s) => { s.projections![0].stp = { U: 0, tau_rec_ms: 100 }; }, 'projections[0].stp.U', /\(0, 1\]/],
  ['explicit index out of range', (s) => { s.projections![0].rule = { type: 'explicit', pre: [0], post: [10], weight_nS: [1] }; }, 'projections[0].rule.post[0]', /\[0, 9\]/],
  ['dt too large', (s) => { s.dt_ms = 20; }, 'dt_ms', /\(0, 10\]/],
  ['unknown method', (s) => { (s as { method: string }).method = 'rk45'; }, 'method', /euler, exp_euler, rk2, rk4, dopri5/],
  ['current out of range', (s) => { s.currents = [{ population: 'e', first: 8, count: 5, amp_pA: 10 }]; }, 'currents[0].count', /\[1, 2\]/],
  ['current off before on', (s) => { s.currents = [{ population: 'e', t_on_ms: 10, t_off_ms: 5, amp_pA: 10 }]; }, 'currents[0].t_off_ms', /\[10, /],
  ['monitor variable', (s) => { s.monitors = { state: [{ population: 'e', variable: 'm', neurons: [0] }] }; }, 'monitors.state[0].variable', /one of v, w, g_ampa, I_ext/],
  ['monitor neuron', (s) => { s.monitors = { state: [{ population: 'e', variable: 'v', neurons: [10] }] }; }, 'monitors.state[0].neurons[0]', /\[0, 9\]/],
  ['over the memory budget', (s) => { s.budget_MB = 1; s.populations[1].n = 100000; s.projections![0].rule = { type: 'probability', p: 1 }; }, 'budget_MB', /over the budget/],
  ['noise sigma negative', (s) => { s.populations[1].noise = { tau_ms: 5, sigma_pA: -1 }; }, 'populations[1].noise.sigma_pA', /\[0, /],
];

describe('network spec validation', () => {
  it('accepts the base spec', () => expect(() => validateNetwork(base())).not.toThrow());
  it.each(cases)('%s', (_name, mutate, field, message) => {
    const s = base();
    mutate(s);
    let err: unknown;
    try { validateNetwork(s); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(SwtaError);
    expect((err as SwtaError).field).toBe(field);
    expect((err as SwtaError).message).toMatch(message);
  });
  it('rejects the same specs in Network.create before touching the engine', async () => {
    const s = base();
    s.projections![0].rule = { type: 'probability', p: -0.1 };
    await expect(Network.create(s, { backend: 'wasm' })).rejects.toThrow(/projections\[0\]\.rule\.p/);
  });
  it('round-trips through JSON', () => {
    const s = base();
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});
