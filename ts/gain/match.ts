// Gain matching end to end (MODEL.md §6.4): kinds → biophysical I–O → threshold-linear fits →
// closed-form integers → emulator search → validation curves and R² → TrueNorth model of the spec.
import type { NetworkSpec } from '../model/spec.js';
import type { BackendName } from '../backend/engine.js';
import { engine as loadEngine } from '../backend/registry.js';
import { cellKinds, measureBio, type CellKind } from './bio.js';
import { fitThresholdLinear, r2, type ThresholdLinear } from './fit.js';
import { links, refGeometry } from './pathways.js';
import { bestCandidate, candidates, probeTn, type KindGeometry, type TnParams } from './tnclass.js';
import { mapToTrueNorth, type TnModel } from './map.js';

export interface KindReport {
  name: string;
  populations: string[];
  ref: { source: string; receptor: string; n_in: number; weight_nS: number };
  geometry: KindGeometry;
  fit: ThresholdLinear;
  params: TnParams;
  bio_Hz: number[];
  tn_Hz: number[];
  r2: number;
  searched: number;
}

export interface GainMatch {
  inputs_Hz: number[];
  kinds: KindReport[];
  params: Record<string, TnParams>;
  model: TnModel;
  timing_s: { bio: number; search: number; map: number; total: number };
}

export interface MatchOptions { backend?: BackendName | 'auto'; seed?: number; quick?: boolean; onProgress?: (done: number, total: number) => void; /** see MapOptions.merge (affects α: the merged weights must fit in 255) */ merge?: string[] }

export function geometryOf(spec: NetworkSpec, kinds: CellKind[], k: CellKind, merge: string[] = []): KindGeometry {
  const g = refGeometry(k, spec);
  const inc = links(spec, kinds).filter((l) => k.populations.includes(l.post));
  return { ...g, n_ref: k.ref.n_in, maxUnits: Math.max(g.unitsPerAxon, ...inc.map((l) => (merge.includes(l.pre) && !l.external ? l.units * l.p : l.units))) };
}

export async function gainMatch(spec: NetworkSpec, o: MatchOptions = {}): Promise<GainMatch> {
  const t0 = performance.now();
  const inputs = o.quick ? [0, 5, 10, 20, 30, 40] : [0, 5, 10, 15, 20, 25, 30, 35, 40];
  const kinds = cellKinds(spec);
  const bio = await measureBio(kinds, { inputs_Hz: inputs, backend: o.backend, seed: o.seed, window_ms: o.quick ? 600 : 1000, cells: 20 });
  o.onProgress?.(1, 4);
  const t1 = performance.now();
  const e = await loadEngine(o.backend ?? 'auto');
  const geos = kinds.map((k) => geometryOf(spec, kinds, k, o.merge));
  const fits = kinds.map((k) => fitThresholdLinear(inputs, bio.rates_Hz[k.name]));
  const cands = kinds.map((_, i) => candidates(fits[i], geos[i]));
  const reps = 8;
  const window = o.quick ? 1000 : 2000;
  const search = probeTn(e, kinds.map((_, i) => ({ geo: geos[i], candidates: cands[i], reps })), inputs, { window, seed: (o.seed ?? 1) * 7919 });
  o.onProgress?.(2, 4);
  const chosen = kinds.map((k, i) => cands[i][bestCandidate(bio.rates_Hz[k.name], search[i]).index]);
  // Validation on fresh stimulus and connectivity (the reported curves and R²).
  const valid = probeTn(e, kinds.map((_, i) => ({ geo: geos[i], candidates: [chosen[i]], reps: 20 })), inputs, { window, seed: (o.seed ?? 1) * 104729 + 3 });
  o.onProgress?.(3, 4);
  const t2 = performance.now();
  const params = Object.fromEntries(kinds.map((k, i) => [k.name, chosen[i]]));
  const model = mapToTrueNorth(spec, kinds, params, { seed: o.seed, merge: o.merge });
  o.onProgress?.(4, 4);
  const t3 = performance.now();
  return {
    inputs_Hz: inputs,
    kinds: kinds.map((k, i) => ({
      name: k.name, populations: k.populations, ref: { source: k.ref.source, receptor: k.ref.receptor.name, n_in: k.ref.n_in, weight_nS: k.ref.weight_nS },
      geometry: geos[i], fit: fits[i], params: chosen[i], bio_Hz: bio.rates_Hz[k.name], tn_Hz: valid[i][0], r2: r2(bio.rates_Hz[k.name], valid[i][0]), searched: cands[i].length,
    })),
    params, model,
    timing_s: { bio: (t1 - t0) / 1000, search: (t2 - t1) / 1000, map: (t3 - t2) / 1000, total: (t3 - t0) / 1000 },
  };
}
