// Shared helpers for the TrueNorth suites: backends that implement swta_tn_* (native, wasm, as).
import { engine, availableBackends } from '../../ts/backend/registry.js';
import type { BackendName } from '../../ts/backend/engine.js';

export async function tnBackends(): Promise<BackendName[]> {
  const out: BackendName[] = [];
  for (const b of await availableBackends()) {
    try { if ((await engine(b)).has('swta_tn_create')) out.push(b); } catch { /* not loadable */ }
  }
  return out;
}

export const TN_BACKENDS: BackendName[] = await tnBackends();

/** Spike ticks of (core, neuron) in flat (tick, core, neuron) triples. */
export function ticksOf(sp: Int32Array, core: number, neuron: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < sp.length; i += 3) if (sp[i + 1] === core && sp[i + 2] === neuron) out.push(sp[i]);
  return out;
}

export function range(a: number, b: number, step = 1): number[] {
  const out: number[] = [];
  for (let x = a; x <= b; x += step) out.push(x);
  return out;
}
