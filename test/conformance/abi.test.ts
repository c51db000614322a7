import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { engine } from '../../ts/backend/registry.js';
import { RUST_BACKENDS } from '../helpers.js';
import abi from '../../crates/swta-abi/abi.json' with { type: 'json' };

describe.each(RUST_BACKENDS)('ABI basics on %s', (backend) => {
  it('exports exactly the inventory in abi.json', async () => {
    const e = await engine(backend);
    for (const { name } of abi) expect(e.has(name as never), name).toBe(true);
  });

  it('allocates, round-trips bytes through engine memory and frees (live count back to start)', async () => {
    const e = await engine(backend);
    const before = e.fn('swta_live_allocs')();
    const data = new Float64Array([1.5, -2, Math.PI]);
    const b = e.put(data);
    expect(Array.from(e.mem.f64(b.ptr, 3))).toEqual(Array.from(data));
    expect(e.fn('swta_live_allocs')()).toBe(before + 1);
    e.release(b);
    expect(e.fn('swta_live_allocs')()).toBe(before);
  });

  it('rejects an operation the backend lacks by name', async () => {
    const e = await engine(backend);
    expect(() => e.fn('swta_no_such_op' as never)).toThrow(/operation 'swta_no_such_op' is not available on backend/);
  });
});

describe('wasm artifact', () => {
  it('imports nothing beyond the allowed list', () => {
    const mod = new WebAssembly.Module(readFileSync(new URL('../../artifacts/swta.wasm', import.meta.url)));
    const imports = WebAssembly.Module.imports(mod).map((i) => `${i.module}.${i.name}`);
    expect(imports.filter((i) => !['env.abort'].includes(i))).toEqual([]);
  });

  it('exports equal abi.json', () => {
    const mod = new WebAssembly.Module(readFileSync(new URL('../../artifacts/swta.wasm', import.meta.url)));
    const fns = WebAssembly.Module.exports(mod).filter((x) => x.kind === 'function').map((x) => x.name).sort();
    expect(fns).toEqual(abi.map((x) => x.name).sort());
  });
});

describe('AssemblyScript edge build', () => {
  const bytes = readFileSync(new URL('../../artifacts/swta-edge.wasm', import.meta.url));
  it('stays under 32 KB', () => expect(bytes.length).toBeLessThan(32 * 1024));
  it('exports a subset of abi.json with the same arity', async () => {
    const { instance } = await WebAssembly.instantiate(bytes, { env: { abort: () => { throw new Error('abort'); } } });
    const byName = new Map(abi.map((x) => [x.name, x.params.length]));
    const fns = Object.entries(instance.exports).filter(([, v]) => typeof v === 'function') as [string, (...a: unknown[]) => unknown][];
    expect(fns.length).toBeGreaterThan(5);
    for (const [name, f] of fns) {
      expect(byName.has(name), `${name} is not in abi.json`).toBe(true);
      expect(f.length, name).toBe(byName.get(name));
    }
  });
});
