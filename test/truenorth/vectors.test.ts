// TRUENORTH.md §6 vectors through the TS builder and TrueNorthSim, on every backend.
import { describe, expect, it } from 'vitest';
import { TrueNorthBuilder, TrueNorthSim, type NeuronTypeDesc, type SwitchesDesc } from '../../ts/truenorth/index.js';
import { range, ticksOf, TN_BACKENDS } from './helpers.js';

/** One core; neuron 0 of the given type; axon i of type atypes[i] connected to neuron 0 when listed. */
function single(p: Partial<NeuronTypeDesc>, axons: number[] = [], atypes: number[] = [], sw: SwitchesDesc = {}) {
  const b = new TrueNorthBuilder(1, 1).switches(sw);
  b.neuron(0, 0, b.type({ sigma_lambda: 1, ...p }));
  axons.forEach((a, k) => b.axon(0, a, atypes[k] ?? 0).connect(0, a, 0));
  return b.build();
}

describe.each(TN_BACKENDS)('TrueNorth vectors on %s', (backend) => {
  const run = async (net: ReturnType<typeof single>, ticks: number, inputs: { tick: number; core: number; axon: number }[] = []) => {
    const sim = await TrueNorthSim.create(net, backend);
    try {
      sim.inject(inputs);
      const sp = sim.run(ticks);
      return { sp: ticksOf(sp, 0, 0), v: sim.potentials(0)[0] };
    } finally { sim.free(); }
  };
  const at = (axon: number, ticks: number[]) => ticks.map((tick) => ({ tick, core: 0, axon }));

  it('T1 tonic spikers (and pos_cmp gt)', async () => {
    expect((await run(single({ alpha: 10, lambda: 1 }), 40)).sp).toEqual([9, 19, 29, 39]);
    expect((await run(single({ alpha: 10, lambda: 1, V: 1 }), 40)).sp).toEqual([8, 18, 28, 38]);
    expect((await run(single({ alpha: 11, lambda: 2 }), 30)).sp).toEqual([5, 11, 17, 23, 29]);
    expect((await run(single({ alpha: 10, lambda: 1 }, [], [], { pos_cmp: 'gt' }), 40)).sp).toEqual([10, 21, 32]);
  });

  it('T2 integrate-and-fire with leak, reset modes', async () => {
    const t2 = (gamma: number, kappa: boolean) => single({ s0: 3, alpha: 10, sigma_lambda: -1, lambda: 1, gamma, kappa }, [3]);
    expect((await run(t2(0, false), 115, at(3, range(1, 100)))).sp).toEqual(range(5, 100, 5));
    expect((await run(t2(0, true), 115, at(3, range(1, 100)))).sp).toEqual(range(5, 100, 5));
    const lin = await run(t2(1, false), 113, at(3, range(1, 100)));
    expect(lin.sp).toEqual(range(6, 96, 5));
    expect(lin.v).toBe(-3);
  });

  it('T3 rate divider, T4 ringing guard, T5 one-shot', async () => {
    const t3 = (gamma: number) => single({ s0: 3, alpha: 4, gamma }, [0]);
    expect((await run(t3(1), 9, at(0, range(1, 8)))).sp).toEqual([2, 3, 4, 6, 7, 8]);
    expect((await run(t3(0), 9, at(0, range(1, 8)))).sp).toEqual([2, 4, 6, 8]);
    expect((await run(t3(2), 9, at(0, range(1, 8)))).sp).toEqual(range(2, 8));
    const t4 = { alpha: 100, beta: 100, epsilon: true, sigma_lambda: -1, lambda: 2, V: 7 };
    expect((await run(single(t4), 4)).v).toBe(0);
    expect((await run(single(t4, [], [], { ringing_guard: 'off' }), 4)).v).toBe(-1);
    expect((await run(single({ epsilon: true, lambda: 1, alpha: 5, V: 1 }), 20)).sp).toEqual([3]);
  });

  it('T6 negative threshold, T7 reset potential decodings', async () => {
    const t6 = (kappa: boolean, gamma: number) => single({ sigma0: -1, s0: 5, s1: 4, alpha: 10, beta: 3, kappa, gamma }, [0, 1], [0, 1]);
    const inp = [...at(0, [1, 2, 3]), ...at(1, range(4, 8))];
    expect((await run(t6(true, 0), 9, inp)).sp).toEqual([7]);
    expect((await run(t6(false, 0), 9, inp)).sp).toEqual([6]);
    expect((await run(t6(false, 1), 9, inp)).sp).toEqual([7]);
    expect(await run(t6(false, 2), 9, inp)).toEqual({ sp: [], v: 5 });
    const t7 = (s0: number, vr: SwitchesDesc['vr_decode']) => single({ VR: 2, alpha: 10, beta: 5, s0 }, [0], [], { vr_decode: vr });
    expect((await run(t7(7, 'nemo_exp'), 8, at(0, range(0, 10)))).sp).toEqual(range(1, 7));
    expect((await run(t7(7, 'raw'), 8, at(0, range(0, 10)))).sp).toEqual([1, 3, 5, 7]);
  });

  it('T10 routing: OR-merge of coincident packets and delay wrap', async () => {
    const net = (delay: number) => {
      const b = new TrueNorthBuilder(2, 1);
      const relay = b.type({ s0: 1, alpha: 1, kappa: true });
      for (const j of [0, 1]) b.neuron(0, j, relay).connect(0, 0, j).route(0, j, { core: 1, axon: 7 }, delay);
      b.neuron(1, 0, b.type({ s0: 1, alpha: 2, kappa: true })).connect(1, 7, 0);
      return b.build();
    };
    for (const [delay, ins, want] of [[3, [5, 6], [9]], [15, [1, 2], [17]]] as const) {
      const sim = await TrueNorthSim.create(net(delay), backend);
      sim.inject(ins.map((tick) => ({ tick, core: 0, axon: 0 })));
      expect(ticksOf(sim.run(40), 1, 0)).toEqual(want);
      sim.free();
    }
  });

  it('T11 several axon types, T12 memoryless unit', async () => {
    const t11 = single({ s0: 2, sigma1: -1, s1: 1, s2: 5, alpha: 100 }, [0, 1, 2, 3], [0, 1, 2, 3]);
    expect((await run(t11, 1, [0, 1, 2, 3].flatMap((a) => at(a, [0])))).v).toBe(6);
    const t12 = single({ s0: 1, sigma1: -1, s1: 1, sigma_lambda: -1, lambda: 1, kappa: true }, [0, 1, 2], [0, 0, 1]);
    expect(await run(t12, 5, [...at(0, [1, 3]), ...at(1, [3]), ...at(2, [3, 4])])).toEqual({ sp: [1, 3], v: 0 });
  });

  it('T8/T9 stochastic statistics', async () => {
    const t8 = await run(single({ TM: 2, lambda: 2, alpha: 1, kappa: true }), 30000);
    expect(Math.abs(t8.sp.length / 30000 - 2 / 3)).toBeLessThan(0.012);
    const t9 = await run(single({ c_lambda: true, lambda: 63, alpha: 1, kappa: true }), 40000);
    expect(Math.abs(t9.sp.length / 40000 - 0.25)).toBeLessThan(0.007);
  });
});
