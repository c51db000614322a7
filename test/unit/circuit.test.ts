import { describe, expect, it } from 'vitest';
import { CircuitBuilder } from '../../ts/circuit/builder.js';
import { l23Module, CLASSES } from '../../ts/circuit/l23.js';
import { validateNetwork } from '../../ts/model/spec.js';
import { Network } from '../../ts/sim/network.js';

describe('circuit builder and the L2/3 preset', () => {
  it('builds the documented module: 2 × 40 PYR, 8 PV, 6 SST, 4 VIP, 2 LAMP5 (100 cells)', () => {
    const m = l23Module();
    const cells = m.spec.populations.filter((p) => p.model === 'adex').reduce((s, p) => s + p.n, 0);
    expect(cells).toBe(100);
    expect(m.groups).toEqual(['PYR0', 'PYR1']);
    expect(Object.keys(m.names)).toEqual(CLASSES);
  });
  it('round-trips through JSON and runs the same after the trip', async () => {
    const spec = l23Module({ groups: 3, seed: 4 }).spec;
    const back = JSON.parse(JSON.stringify(spec));
    expect(back).toEqual(spec);
    const a = await Network.create(spec, { backend: 'wasm' });
    const b = await Network.create(back, { backend: 'wasm' });
    a.run(100); b.run(100);
    expect(b.info().spikeCounts).toEqual(a.info().spikeCounts);
    a.free(); b.free();
  });
  it('composes modules by prefix and connects them', () => {
    const A = l23Module({ prefix: 'A.' });
    const B = l23Module({ prefix: 'B.' });
    const spec = new CircuitBuilder({ seed: 2 }).add(A.spec).add(B.spec)
      .connect('A.PYR0', 'B.PYR0', 'ampa', { type: 'probability', p: 0.05 }, { weight_nS: 1, delay_ms: 2 }).build();
    expect(spec.populations.length).toBe(2 * A.spec.populations.length);
    expect(() => validateNetwork(spec)).not.toThrow();
    expect(() => new CircuitBuilder().add(A.spec).add(A.spec)).toThrow(/name clash/);
  });
  it('bad builder input fails with the path of the field', () => {
    const b = new CircuitBuilder().population('x', 'adex', 10, { tau_w_ms: -1 });
    expect(() => b.build()).toThrow(/populations\[0\]\.params\.tau_w_ms/);
    const c = new CircuitBuilder().population('x', 'lif', 10).connect('x', 'y', 'ampa', { type: 'probability', p: 0.1 });
    expect(() => c.build()).toThrow(/projections\[0\]\.post: unknown population 'y'/);
  });
});
