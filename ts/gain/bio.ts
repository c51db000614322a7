// Biophysical side of gain matching (MODEL.md §6.4 step 1): the rate transfer function of every
// distinct cell kind of a NetworkSpec, measured with Poisson input on N_in afferents through the
// kind's reference (feedforward) synapse, under the spec's own background noise and bias. All kinds
// are measured in one network (one population + one Poisson pool each), in chunked engine runs.
import { Network } from '../sim/network.js';
import type { BackendName } from '../backend/engine.js';
import type { NetworkSpec, PopulationSpec, ProjectionSpec, ReceptorSpec } from '../model/spec.js';

/** The synapse a kind's I–O curve is measured through (and that all its other synapses are scaled to). */
export interface RefDrive { source: string; receptor: ReceptorSpec; n_in: number; weight_nS: number; fromPoisson: boolean }

export interface CellKind {
  /** Kind name: the class (PYR, PV, ...) when recognisable, else the first population's name. */
  name: string;
  populations: string[];
  pop: PopulationSpec;
  ref: RefDrive;
}

export interface BioCurves { inputs_Hz: number[]; rates_Hz: Record<string, number[]>; cells: number; window_ms: number; wall_s: number }

const CLASS_RE = /(PYR|PV|SST|VIP|LAMP5)\d*$/;

/** Expected number of presynaptic partners per postsynaptic cell of a projection. */
export function fanIn(pr: ProjectionSpec, nPre: number): number {
  const r = pr.rule;
  if (r.type === 'probability') return r.p * nPre;
  if (r.type === 'fan_in') return r.k;
  if (r.type === 'one_to_one') return 1;
  return r.pre.length / Math.max(1, nPre);
}

const kindKey = (p: PopulationSpec) => {
  const { V_init_mV: _a, V_init_uniform_mV: _b, ...params } = p.params ?? {};
  return JSON.stringify([p.model, params, p.noise ?? null]);
};

/** Group a spec's spiking populations into kinds (identical model, parameters and noise) and find
 * each kind's reference drive: its strongest Poisson projection, else its strongest excitatory one. */
export function cellKinds(spec: NetworkSpec): CellKind[] {
  const pops = new Map(spec.populations.map((p) => [p.name, p]));
  const kinds = new Map<string, CellKind>();
  for (const p of spec.populations) {
    if (p.model === 'poisson') continue;
    const key = kindKey(p);
    const known = kinds.get(key);
    if (known) { known.populations.push(p.name); continue; }
    const m = CLASS_RE.exec(p.name);
    let name = m ? m[1] : p.name;
    if ([...kinds.values()].some((k) => k.name === name)) name = p.name;
    kinds.set(key, { name, populations: [p.name], pop: p, ref: undefined as unknown as RefDrive });
  }
  for (const k of kinds.values()) {
    let best: RefDrive | undefined;
    let bestScore = -1;
    for (const pr of spec.projections ?? []) {
      if (!k.populations.includes(pr.post)) continue;
      const pre = pops.get(pr.pre)!;
      const rec = (pops.get(pr.post)!.receptors ?? []).find((r) => r.name === pr.receptor)!;
      if (rec.E_rev_mV < -20 || rec.nmda || pr.rule.type === 'explicit') continue;
      const n = fanIn(pr, pre.n);
      const score = (pre.model === 'poisson' ? 1e6 : 0) + n * (pr.weight_nS ?? 0);
      if (score > bestScore) { bestScore = score; best = { source: pr.pre, receptor: rec, n_in: Math.max(1, Math.round(n)), weight_nS: pr.weight_nS ?? 0, fromPoisson: pre.model === 'poisson' }; }
    }
    const ampa = (k.pop.receptors ?? []).find((r) => r.E_rev_mV >= -20 && !r.nmda);
    k.ref = best ?? { source: '', receptor: ampa ?? { name: 'ampa', E_rev_mV: 0, tau_decay_ms: 3, tau_rise_ms: 0.5 }, n_in: 50, weight_nS: 1, fromPoisson: false };
  }
  return [...kinds.values()];
}

export interface BioMeasureOptions { inputs_Hz?: number[]; cells?: number; window_ms?: number; settle_ms?: number; seed?: number; backend?: BackendName | 'auto' }

/** I–O curves of all kinds: rate (Hz) against input rate per afferent (Hz). */
export async function measureBio(kinds: CellKind[], o: BioMeasureOptions = {}): Promise<BioCurves> {
  const inputs = o.inputs_Hz ?? [0, 5, 10, 15, 20, 25, 30, 35, 40];
  const cells = o.cells ?? 20;
  const window = o.window_ms ?? 1000;
  const settle = o.settle_ms ?? 200;
  const t0 = performance.now();
  const spec: NetworkSpec = { dt_ms: 0.1, method: 'exp_euler', seed: o.seed ?? 1, populations: [], projections: [], monitors: { spikes: [] } };
  kinds.forEach((k, i) => {
    spec.populations.push({ ...structuredClone(k.pop), name: `K${i}`, n: cells, receptors: [structuredClone(k.ref.receptor)] });
    spec.populations.push({ name: `S${i}`, model: 'poisson', n: 2 * k.ref.n_in, params: { rate_Hz: 0 } });
    spec.projections!.push({ pre: `S${i}`, post: `K${i}`, receptor: k.ref.receptor.name, rule: { type: 'fan_in', k: k.ref.n_in }, weight_nS: k.ref.weight_nS, delay_ms: 1 });
  });
  const net = await Network.create(spec, { backend: o.backend ?? 'auto' });
  const rates: Record<string, number[]> = Object.fromEntries(kinds.map((k) => [k.name, [] as number[]]));
  try {
    for (const x of inputs) {
      kinds.forEach((_, i) => net.setParam(`S${i}`, 'rate_Hz', x));
      net.run(settle, { chunk_ms: 250 });
      const before = net.info().spikeCounts;
      net.run(window, { chunk_ms: 250 });
      const after = net.info().spikeCounts;
      kinds.forEach((k, i) => rates[k.name].push((after[`K${i}`] - before[`K${i}`]) / cells / (window / 1000)));
    }
  } finally { net.free(); }
  return { inputs_Hz: inputs, rates_Hz: rates, cells, window_ms: window, wall_s: (performance.now() - t0) / 1000 };
}
