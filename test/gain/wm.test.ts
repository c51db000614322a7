// Working memory (MODEL.md §7): the coupled-module two-state machine on the biophysical circuit and
// on its gain-matched TrueNorth model (docs/gain.md §5). TN knobs were tuned on seeds 101–120; the
// TN test runs seeds 1–40, which the tuning never saw.
import { describe, expect, it } from 'vitest';
import { workingMemoryExperiment } from '../../ts/gain/wmexperiment.js';
import { wmCircuit } from '../../ts/gain/wmcircuit.js';
import { gainMatch } from '../../ts/gain/match.js';
import { tnWmModel, stateGroups } from '../../ts/gain/wmtn.js';
import { coincidenceType } from '../../ts/gain/map.js';
import { TrueNorthBuilder, TrueNorthSim } from '../../ts/truenorth/index.js';
import { engine } from '../../ts/backend/registry.js';

describe('working memory', () => {
  it('bio: hold ≥ 2 s, AND-gated switching both ways, bursts survived — 5/5 seeds (1–5)', async () => {
    const r = await workingMemoryExperiment({ backend: 'native', seed: 1, trials: 5, substrate: 'bio' });
    // ≥ 95 % over seeds: with 5 trials that means all 5.
    expect(r.success.all).toBe(1);
    expect(r.burst_survived_Hz.min).toBeGreaterThanOrEqual(20);
    expect(Object.keys(r.svgs)).toHaveLength(3);
  }, 90_000);

  it('truenorth: ≥ 95 % trial success and every check ≥ 95 % on test seeds 1–40, bursts ≥ 20 Hz survived', async () => {
    const r = await workingMemoryExperiment({ backend: 'native', seed: 1, trials: 40, substrate: 'truenorth' });
    // Measured 39/40 (one σ12 switch missed, seed 8); the target allows 2 failures in 40.
    expect(r.success.all).toBeGreaterThanOrEqual(0.95);
    for (const k of ['hold', 's12', 'and', 's21'] as const) expect(r.success[k], k).toBeGreaterThanOrEqual(0.95);
    expect(r.burst_survived_Hz.min).toBeGreaterThanOrEqual(20);
  }, 60_000);

  it('truenorth: the WM circuit maps onto cores with splitters; T12/T21 are coincidence neurons', async () => {
    const c = wmCircuit({ seed: 1 });
    const m = await gainMatch(c.spec, { backend: 'native', seed: 1, quick: true, merge: stateGroups(c) });
    const model = tnWmModel(c, m);
    expect(model.stats.splitterCores).toBeGreaterThan(0);
    expect(model.weights.T12.kind).toBe('coincidence');
    expect(model.weights.T12.s).toEqual([1, 17, -255, -255]);
  }, 60_000);

  it('coincidence neuron (MODEL.md §7.4): fires iff both state axons and ≥ 1 symbol axon are active in the same tick', async () => {
    const b = new TrueNorthBuilder(1, 1);
    b.core(0, 1);
    b.neuron(0, 0, b.type(coincidenceType(2, 17)));
    for (let a = 0; a < 18; a++) b.axon(0, a, a < 2 ? 1 : 0).connect(0, a, 0);
    const sim = TrueNorthSim.compile(await engine('native'), b.build(), { record: 'all' });
    const sym = (t: number, n = 16) => Array.from({ length: n }, (_, i) => ({ tick: t, core: 0, axon: 2 + i }));
    sim.inject([
      { tick: 10, core: 0, axon: 0 }, ...sym(10), // one state axon + every symbol axon: no
      { tick: 20, core: 0, axon: 0 }, { tick: 20, core: 0, axon: 1 }, // both states, no symbol: no
      { tick: 30, core: 0, axon: 0 }, { tick: 30, core: 0, axon: 1 }, ...sym(30, 1), // all three: fire
      { tick: 40, core: 0, axon: 0 }, { tick: 41, core: 0, axon: 1 }, ...sym(41, 1), // not coincident: no (memoryless)
    ]);
    const ticks = [...sim.run(60)].filter((_, i) => i % 3 === 0);
    sim.free();
    expect(ticks).toEqual([30]);
  });
});
