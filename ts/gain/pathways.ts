// Pathway weights (MODEL.md §6.6–§6.8). Every biophysical projection becomes a "link" whose strength
// is expressed in reference-afferent units: how many spikes of the target kind's reference synapse
// (the one its I–O curve was measured through) deliver the same charge as one spike of this synapse.
// Charge = ḡ · ∫kernel · |E_rev − V_op| · B_NMDA(V_op) · STP efficacy at a reference rate, with
// V_op = V_T − 5 mV of the target. The TN weight is then s = units · s_unit (s_unit = g·α/N_ref),
// i.e. s = J·α/(n_pre·p) with J = n_pre·p·units·g (§6.6).
import type { NetworkSpec, ProjectionSpec, ReceptorSpec } from '../model/spec.js';
import { fanIn, type CellKind } from './bio.js';

/** Axon-type roles (§6.7). */
export const AXON_ROLES = ['feedforward excitation', 'recurrent excitation', 'fast inhibition (PV, SST)', 'slow / modulatory inhibition (VIP, LAMP5)'] as const;

/** Reference presynaptic rate at which short-term plasticity efficacies are evaluated. */
export const STP_REF_HZ = 10;
/** External pools are represented by at most this many axons per core (rate-preserving compression). */
export const POOL_AXONS = 32;

export interface Link {
  pre: string;
  post: string;
  /** Axon type 0..3 and sign of the weight. */
  G: number;
  sign: 1 | -1;
  /** Poisson pool (external input) or a spiking population. */
  external: boolean;
  /** probability rule: p per (pre, post) pair; external pools: k axons of m per target neuron. */
  p: number;
  k: number;
  /** axons representing the pool (external) or presynaptic neurons. */
  m: number;
  /** Reference-afferent units per synapse (per axon for compressed pools), > 0. */
  units: number;
  delay_ticks: number;
}

function kernelIntegral(r: ReceptorSpec): number {
  const td = r.tau_decay_ms;
  const tr = r.tau_rise_ms ?? 0;
  if (tr <= 0) return td;
  const tp = ((tr * td) / (td - tr)) * Math.log(td / tr);
  const N = 1 / (Math.exp(-tp / td) - Math.exp(-tp / tr));
  return N * (td - tr);
}

const mgBlock = (r: ReceptorSpec, V: number) => (r.nmda ? 1 / (1 + ((r.Mg_mM ?? 1) / 3.57) * Math.exp(-0.062 * V)) : 1);

/** Steady-state Tsodyks–Markram efficacy (relative to the first spike after rest) at rate f. */
export function stpEfficacy(stp: ProjectionSpec['stp'], f_Hz = STP_REF_HZ): number {
  if (!stp) return 1;
  const D = 1000 / f_Hz;
  const tf = stp.tau_facil_ms ?? 0;
  const u = tf > 0 ? stp.U / (1 - (1 - stp.U) * Math.exp(-D / tf)) : stp.U;
  const er = Math.exp(-D / stp.tau_rec_ms);
  const x = (1 - er) / (1 - (1 - u) * er);
  return (u * x) / stp.U;
}

/** Signed charge of one spike (arbitrary units) onto a cell held near V_op. */
function charge(w_nS: number, r: ReceptorSpec, V_op: number, stp?: ProjectionSpec['stp']): number {
  return w_nS * kernelIntegral(r) * (r.E_rev_mV - V_op) * mgBlock(r, V_op) * stpEfficacy(stp);
}

export function operatingV(k: CellKind): number {
  return (k.pop.params?.V_T_mV ?? -50) - 5;
}

/** Axon type of a source population (§6.7): by class name, else by receptor kinetics. */
export function axonType(preName: string, preKind: CellKind | undefined, rec: ReceptorSpec, external: boolean): number {
  if (external) return 0;
  if (rec.E_rev_mV >= -20) return 1;
  const cls = preKind?.name ?? preName;
  if (/VIP|LAMP5/.test(cls)) return 3;
  if (/PV|SST/.test(cls)) return 2;
  return rec.tau_decay_ms > 15 ? 3 : 2;
}

/** All links of a spec, merged per (pre, post, axon type). */
export function links(spec: NetworkSpec, kinds: CellKind[]): Link[] {
  const pops = new Map(spec.populations.map((p) => [p.name, p]));
  const kindOf = new Map<string, CellKind>();
  for (const k of kinds) for (const p of k.populations) kindOf.set(p, k);
  const merged = new Map<string, Link & { fanUnits: number; fan: number }>();
  for (const pr of spec.projections ?? []) {
    const pre = pops.get(pr.pre)!;
    const post = pops.get(pr.post)!;
    const kind = kindOf.get(pr.post);
    if (!kind) continue;
    const rec = (post.receptors ?? []).find((r) => r.name === pr.receptor)!;
    const external = pre.model === 'poisson';
    const V = operatingV(kind);
    const ref = charge(kind.ref.weight_nS, kind.ref.receptor, V);
    const q = charge(pr.weight_nS ?? 0, rec, V, pr.stp) / ref;
    if (q === 0) continue;
    const G = axonType(pr.pre, kindOf.get(pr.pre), rec, external);
    const key = `${pr.pre}|${pr.post}|${G}`;
    const fan = fanIn(pr, pre.n);
    const l = merged.get(key);
    if (l) { l.fanUnits += fan * Math.abs(q); l.fan = Math.max(l.fan, fan); continue; }
    merged.set(key, {
      pre: pr.pre, post: pr.post, G, sign: q > 0 ? 1 : -1, external, p: 0, k: 0, m: pre.n, units: 0,
      delay_ticks: Math.max(1, Math.round(pr.delay_ms ?? 1)), fanUnits: fan * Math.abs(q), fan,
    });
  }
  const out: Link[] = [];
  for (const l of merged.values()) {
    const { fanUnits, fan, ...rest } = l;
    if (fan <= 0) continue;
    if (l.external) {
      const m = Math.min(l.m, POOL_AXONS);
      const k = Math.max(1, Math.round((fan * m) / l.m));
      out.push({ ...rest, m, k, p: k / m, units: fanUnits / k });
    } else {
      const nPre = pops.get(l.pre)!.n;
      out.push({ ...rest, m: nPre, k: fan, p: Math.min(1, fan / nPre), units: fanUnits / fan });
    }
  }
  return out;
}

/** The reference link geometry of a kind in TN: pool axons m, fan-in k and units per axon. */
export function refGeometry(kind: CellKind, spec: NetworkSpec): { m: number; k: number; unitsPerAxon: number } {
  const pre = spec.populations.find((p) => p.name === kind.ref.source);
  if (!pre || pre.model !== 'poisson') return { m: Math.max(kind.ref.n_in, pre?.n ?? kind.ref.n_in * 2), k: kind.ref.n_in, unitsPerAxon: 1 };
  const m = Math.min(pre.n, POOL_AXONS);
  const k = Math.max(1, Math.round((kind.ref.n_in * m) / pre.n));
  return { m, k, unitsPerAxon: kind.ref.n_in / k };
}
