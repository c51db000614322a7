// Backend registry: name → loader, with a priority for 'auto'. Engines are cached per backend.
import { Engine, type BackendName } from './engine.js';
import { loadWasm } from '../abi/wasm.js';
import { SwtaError } from '../abi/errors.js';

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

interface BackendEntry { priority: number; available: () => Promise<boolean>; load: () => Promise<Engine> }

const registry = new Map<BackendName, BackendEntry>();
const cache = new Map<BackendName, Promise<Engine>>();

export function registerBackend(name: BackendName, entry: BackendEntry): void {
  registry.set(name, entry);
  cache.delete(name);
}

registerBackend('wasm', {
  priority: 1,
  available: async () => true,
  load: async () => { const l = await loadWasm(); return new Engine('wasm', l.exports, l.memory); },
});

registerBackend('native', {
  priority: 2,
  available: async () => isNode && (await import('../abi/native.js')).nativeAvailable(),
  load: async () => { const n = await import('../abi/native.js'); const l = n.loadNative(); return new Engine('native', l.exports, l.memory); },
});

registerBackend('as', {
  priority: 0,
  available: async () => (await import('../abi/as.js')).asAvailable(),
  load: async () => { const a = await import('../abi/as.js'); const l = await a.loadAs(); return new Engine('as', l.exports, l.memory); },
});

export const BACKENDS: BackendName[] = ['native', 'wasm', 'as'];

/** Load (once) and return the engine for `name`; 'auto' picks the highest-priority available one. */
export async function engine(name: BackendName | 'auto' = 'auto'): Promise<Engine> {
  if (name === 'auto') {
    const ranked = [...registry.entries()].sort((a, b) => b[1].priority - a[1].priority);
    for (const [n, e] of ranked) if (n !== 'as' && (await e.available())) return engine(n);
    throw new SwtaError('backend', 'no backend is available');
  }
  const entry = registry.get(name);
  if (!entry) throw new SwtaError('backend', `unknown backend '${name}' (allowed: ${[...registry.keys()].join(', ')}, auto)`);
  let p = cache.get(name);
  if (!p) {
    p = (async () => {
      if (!(await entry.available())) throw new SwtaError('backend', `backend '${name}' is not available here${name === 'native' ? ' (build it: node scripts/build.mjs native)' : ''}`);
      return entry.load();
    })();
    cache.set(name, p);
    p.catch(() => cache.delete(name));
  }
  return p;
}

export async function availableBackends(): Promise<BackendName[]> {
  const out: BackendName[] = [];
  for (const n of BACKENDS) if (await registry.get(n)!.available()) out.push(n);
  return out;
}
