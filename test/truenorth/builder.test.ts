// Builder: splitters (fan-out through relay neurons), routes, composition of sub-networks.
import { describe, expect, it } from 'vitest';
import { TrueNorthBuilder, TrueNorthSim } from '../../ts/truenorth/index.js';
import { ticksOf, TN_BACKENDS } from './helpers.js';

function relayChain() {
  // one core: axon 0 → relay neuron 0 → output
  const b = new TrueNorthBuilder(1, 1);
  b.neuron(0, 0, b.type({ s0: 1, alpha: 1, kappa: true })).connect(0, 0, 0).route(0, 0, 'output');
  return b.build();
}

describe.each(TN_BACKENDS)('TrueNorthBuilder on %s', (backend) => {
  it('a splitter fans one axon out to three cores with their own delays', async () => {
    const b = new TrueNorthBuilder(4, 1);
    const sink = b.type({ s0: 1, alpha: 1, kappa: true });
    for (const c of [1, 2, 3]) b.neuron(c, 0, sink).connect(c, 9, 0);
    const relays = b.splitter(0, 5, [1, 2, 3].map((core) => ({ core, axon: 9, delay: core })));
    expect(relays).toEqual([0, 1, 2]);
    const sim = await TrueNorthSim.create(b.build(), backend);
    sim.inject([{ tick: 10, core: 0, axon: 5 }]);
    const sp = sim.run(20);
    expect([1, 2, 3].map((c) => ticksOf(sp, c, 0))).toEqual([[11], [12], [13]]);
    sim.free();
  });

  it('compose places sub-networks at offsets and keeps their routes', async () => {
    const b = new TrueNorthBuilder(2, 2);
    b.compose(relayChain(), 0, 0).compose(relayChain(), 1, 1);
    const net = b.build();
    expect(net.cores.map((c) => c.id)).toEqual([0, 3]);
    expect(net.neuronTypes.length).toBe(1);
    const sim = await TrueNorthSim.create(net, backend, { record: 'outputs' });
    sim.inject([{ tick: 2, core: 0, axon: 0 }, { tick: 4, core: 3, axon: 0 }]);
    expect(Array.from(sim.run(10))).toEqual([2, 0, 0, 4, 3, 0]);
    expect(sim.spikes(true)).toEqual([{ tick: 2, core: 0, neuron: 0 }, { tick: 4, core: 3, neuron: 0 }]);
    sim.free();
  });

  it('validation names the field before anything reaches the engine', async () => {
    const b = new TrueNorthBuilder(1, 1);
    b.neuron(0, 3, b.type({ alpha: -1 }));
    await expect(TrueNorthSim.create(b.build(), backend)).rejects.toThrow(/neuronTypes\[0\]\.alpha/);
    const c = new TrueNorthBuilder(1, 1);
    c.neuron(0, 3, c.type({})).route(0, 3, { core: 0, axon: 1 }, 16);
    await expect(TrueNorthSim.create(c.build(), backend)).rejects.toThrow(/cores\[0\]\.neurons\[3\]\.delay/);
  });
});
