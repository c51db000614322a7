// NetworkSpec → TrueNorth model (MODEL.md §6.6–§6.9) for any circuit of the circuit builder.
// - One neuron type per population: the kind's fitted (α, λ, TM, β), linear reset, κ = 1, and one
//   weight per axon type = the largest weight any of its sources needs; weaker sources keep their
//   mean drive through a sparser crossbar (§6.8: density encodes what a shared weight cannot).
// - Populations fill cores in order (whole populations while neurons and axons fit in 256 each).
// - A neuron whose targets sit in one core is routed there directly; otherwise it goes through a
//   relay in a splitter core that fans it out (one relay per target core, +1 tick).
// - External Poisson pools become ≤ POOL_AXONS stimulus axons in every core they reach (a pool axon
//   has one copy per core; the driver injects the same train into every copy).
import { TrueNorthBuilder, type NetworkDesc, type NeuronTypeDesc } from '../truenorth/index.js';
import type { NetworkSpec } from '../model/spec.js';
import { fail } from '../abi/errors.js';
import type { CellKind } from './bio.js';
import { links, type Link } from './pathways.js';
import { tnType, type TnParams } from './tnclass.js';
import { rng, type AxonRef } from './inputs.js';

export interface TnModel {
  net: NetworkDesc;
  /** (core, neuron) of every cell of every spiking population. */
  populations: Record<string, { core: number; neuron: number }[]>;
  /** Stimulus axons of each external pool: per pool axon, its copies (one per core). */
  pools: Record<string, AxonRef[][]>;
  /** Per population: weights per axon type and the link densities used. */
  weights: Record<string, { kind: string; s: [number, number, number, number]; links: { pre: string; G: number; p: number; units: number; s_needed: number }[] }>;
  stats: { cores: number; moduleCores: number; splitterCores: number; relays: number; synapses: number; axons: number };
}

/** Circuit-level refinement knobs (searched on the emulator, see fidelity.ts): multiply every
 * recurrent-excitation (type 1) weight, and every inhibitory (type 2, 3) weight. */
export interface MapOptions {
  seed?: number; recurrentScale?: number; inhibitionScale?: number;
  /** Populations (or class names) that never fire (ablation). */
  silence?: string[];
  /** Populations whose cells all send to ONE shared axon per target core (spike merging, TN §1.2):
   * the axon carries the OR of the population, a saturating population rate code. The target's
   * weight is the expected drive of all its partners (units × fan-in). */
  merge?: string[];
  /** Extra weight scale of single pathways, keyed `pre>post` (on top of the two global knobs). */
  linkScale?: Record<string, number>;
  /** Populations mapped as memoryless coincidence (AND) neurons (MODEL.md §7.4, TRUENORTH.md §5
   * "memoryless binary unit"): γ = 0, R = 0, κ = 1, β = 0, α = 1, so V = 0 after every tick, and a
   * cell fires in a tick iff the axon of EVERY internal excitatory source is active AND at least one
   * of its external (pool) axons is; an active inhibitory axon vetoes. Internal excitatory sources
   * must be in `merge` (one axon per source population). Replaces the gain-matched hinge of the kind. */
  coincidence?: string[];
}

/** Weight of an internal source on a coincidence neuron: more than all its external axons together. */
const coincidenceWeight = (extAxons: number) => extAxons + 1;

/** TN type of a coincidence (AND) neuron with `nInt` internal sources of weight W (see MapOptions). */
export function coincidenceType(nInt: number, W: number): Partial<NeuronTypeDesc> {
  const lambda = W * nInt;
  if (lambda > 255) fail('mapping.coincidence', `needs a leak of ${lambda} (> 255): too many sources or external axons`);
  return { alpha: 1, beta: 0, TM: 0, gamma: 0, VR: 0, kappa: true, epsilon: false, sigma_lambda: -1, lambda, c_lambda: false, s0: 1, sigma0: 1, s1: W, sigma1: 1, s2: 255, sigma2: -1, s3: 255, sigma3: -1 };
}

export function mapToTrueNorth(spec: NetworkSpec, kinds: CellKind[], params: Record<string, TnParams>, o: MapOptions = {}): TnModel {
  const rand = rng(o.seed ?? 11);
  const pops = new Map(spec.populations.map((p) => [p.name, p]));
  const kindOf = new Map<string, CellKind>();
  for (const k of kinds) for (const p of k.populations) kindOf.set(p, k);
  const merged = new Set(o.merge ?? []);
  const all = links(spec, kinds).map((l) => (merged.has(l.pre) && !l.external ? { ...l, units: l.units * l.p, k: 1, p: 1, m: 1 } : l));
  const knob = (l: Link) => (l.G === 1 ? o.recurrentScale ?? 1 : l.G >= 2 ? o.inhibitionScale ?? 1 : 1) * (o.linkScale?.[`${l.pre}>${l.post}`] ?? 1);
  const spiking = spec.populations.filter((p) => p.model !== 'poisson' && kindOf.has(p.name));

  // Weights per (population, axon type) and link densities.
  const weights: TnModel['weights'] = {};
  const coinc = new Map<string, { nInt: number; W: number }>();
  for (const name of o.coincidence ?? []) {
    const inc = all.filter((l) => l.post === name);
    if (!pops.has(name) || !inc.length) fail(`mapping.coincidence`, `${name} is not a population with inputs`);
    const int = inc.filter((l) => !l.external && l.sign > 0);
    const bad = int.find((l) => !merged.has(l.pre));
    if (bad) fail('mapping.coincidence', `source ${bad.pre} of ${name} must be in merge (one axon per source)`);
    const W = coincidenceWeight(inc.filter((l) => l.external).reduce((n, l) => n + l.k, 0));
    coinc.set(name, { nInt: int.length, W });
    weights[name] = { kind: 'coincidence', s: [1, W, -255, -255], links: inc.map((l) => ({ pre: l.pre, G: l.G, p: l.p, units: l.units, s_needed: l.G === 0 ? 1 : l.G === 1 ? W : 255 })) };
  }
  for (const p of spiking) {
    if (coinc.has(p.name)) continue;
    const k = kindOf.get(p.name)!;
    const prm = params[k.name];
    const inc = all.filter((l) => l.post === p.name);
    const s: [number, number, number, number] = [0, 0, 0, 0];
    for (const l of inc) s[l.G] = Math.max(s[l.G], Math.min(255, l.units * prm.s_unit * knob(l)));
    const rounded = s.map((v) => Math.round(v)) as [number, number, number, number];
    const ls = inc.map((l) => ({ pre: l.pre, G: l.G, p: l.p, units: l.units, s_needed: l.units * prm.s_unit * knob(l) }));
    weights[p.name] = { kind: k.name, s: rounded.map((v, G) => v * (inc.find((l) => l.G === G)?.sign ?? 1)) as [number, number, number, number], links: ls };
  }

  // Core assignment: whole populations while ≤ 256 neurons and ≤ 256 distinct input axons.
  const axonsNeeded = (members: string[]) => {
    const srcs = new Set<string>();
    let n = 0;
    for (const l of all) if (members.includes(l.post) && !srcs.has(l.pre)) { srcs.add(l.pre); n += l.external ? l.m : pops.get(l.pre)!.n; }
    return n;
  };
  const coreOf = new Map<string, number>();
  const groups: string[][] = [[]];
  let used = 0;
  for (const p of spiking) {
    if (p.n > 256) fail(`populations.${p.name}`, 'populations over 256 cells are not mapped yet (split them)');
    const cur = groups[groups.length - 1];
    if (cur.length && (used + p.n > 256 || axonsNeeded([...cur, p.name]) > 256)) { groups.push([]); used = 0; }
    groups[groups.length - 1].push(p.name);
    coreOf.set(p.name, groups.length - 1);
    used += p.n;
  }
  for (const g of groups) if (axonsNeeded(g) > 256) fail('mapping', `core with ${g.join(', ')} needs ${axonsNeeded(g)} axons (> 256)`);
  const moduleCores = groups.length;

  // Neuron placement.
  const where: TnModel['populations'] = {};
  const next = new Array(moduleCores).fill(0);
  for (const p of spiking) {
    const c = coreOf.get(p.name)!;
    where[p.name] = Array.from({ length: p.n }, () => ({ core: c, neuron: next[c]++ }));
  }

  // Connectivity draw: per link, per post cell, pre cells (or pool axons) with density p·s_needed/s.
  const adj: { l: Link; pre: number; postCore: number; postNeuron: number }[] = [];
  for (const l of all) {
    if (!weights[l.post]) continue;
    const s = Math.abs(weights[l.post].s[l.G]);
    if (s === 0) continue;
    // Coincidence neurons keep every link at its own density (the weights encode the AND, not a drive).
    const scale = coinc.has(l.post) ? 1 : Math.min(1, Math.min(255, l.units * params[kindOf.get(l.post)!.name].s_unit * knob(l)) / s);
    for (const t of where[l.post]) {
      if (l.external) {
        const k = Math.max(0, Math.round(l.k * scale));
        const pick = Array.from({ length: l.m }, (_, a) => a).sort(() => rand() - 0.5).slice(0, k);
        for (const a of pick) adj.push({ l, pre: a, postCore: t.core, postNeuron: t.neuron });
      } else {
        const n = merged.has(l.pre) ? 1 : pops.get(l.pre)!.n;
        const pp = l.p * scale;
        for (let i = 0; i < n; i++) {
          if (!merged.has(l.pre) && l.pre === l.post && where[l.pre][i].neuron === t.neuron) continue;
          if (rand() < pp) adj.push({ l, pre: i, postCore: t.core, postNeuron: t.neuron });
        }
      }
    }
  }

  // Axon allocation per core: one axon per (source neuron or pool axon) per core it reaches.
  const b = new TrueNorthBuilder(1, 1);
  const nextAxon = new Array(moduleCores).fill(0);
  const axonOf = new Map<string, number>();
  const axonKey = (l: Link, pre: number, core: number) => `${l.pre}#${pre}@${core}`;
  const pools: TnModel['pools'] = {};
  const delayOf = new Map<string, number>();
  for (const a of adj) {
    const key = axonKey(a.l, a.pre, a.postCore);
    if (!axonOf.has(key)) {
      const ax = nextAxon[a.postCore]++;
      if (ax > 255) fail('mapping', `core ${a.postCore} ran out of axons`);
      axonOf.set(key, ax);
      if (a.l.external) {
        pools[a.l.pre] ??= Array.from({ length: a.l.m }, () => []);
        pools[a.l.pre][a.pre].push({ core: a.postCore, axon: ax });
      } else delayOf.set(`${a.l.pre}#${a.pre}`, a.l.delay_ticks);
    }
  }
  // Splitter cores needed: sources reaching more than one core.
  const targetsOf = new Map<string, Set<number>>();
  for (const a of adj) if (!a.l.external) {
    const k = `${a.l.pre}#${a.pre}`;
    if (!targetsOf.has(k)) targetsOf.set(k, new Set());
    targetsOf.get(k)!.add(a.postCore);
  }
  const multi = [...targetsOf.entries()].filter(([, s]) => s.size > 1);
  let relays = 0;
  const splitPlan: { src: string; core: number; axon: number; targets: number[] }[] = [];
  let sc = moduleCores, sAxon = 0, sNeuron = 0;
  for (const [src, set] of multi) {
    if (sAxon >= 256 || sNeuron + set.size > 256) { sc++; sAxon = 0; sNeuron = 0; }
    splitPlan.push({ src, core: sc, axon: sAxon++, targets: [...set] });
    sNeuron += set.size;
    relays += set.size;
  }
  const nCores = multi.length ? sc + 1 : moduleCores;
  const cols = Math.min(nCores, 64);
  const tb = new TrueNorthBuilder(cols, Math.ceil(nCores / cols));
  void b;
  for (let c = 0; c < nCores; c++) tb.core(c, 0x5eed0000 + c);
  // Axon types.
  for (const a of adj) tb.axon(a.postCore, axonOf.get(axonKey(a.l, a.pre, a.postCore))!, a.l.G);
  // Neuron types.
  for (const p of spiking) {
    const k = kindOf.get(p.name)!;
    const silent = o.silence?.some((x) => x === p.name || x === k.name);
    const ci = coinc.get(p.name);
    const ty = tb.type(silent ? { ...tnType(params[k.name], [0, 0, 0, 0]), sigma_lambda: -1, lambda: 255 } : ci ? coincidenceType(ci.nInt, ci.W) : tnType(params[k.name], weights[p.name].s));
    for (const t of where[p.name]) tb.neuron(t.core, t.neuron, ty);
  }
  let synapses = 0;
  for (const a of adj) { tb.connect(a.postCore, axonOf.get(axonKey(a.l, a.pre, a.postCore))!, a.postNeuron); synapses++; }
  // Routes.
  const split = new Map(splitPlan.map((s) => [s.src, s]));
  for (const [src, set] of targetsOf) {
    const [pop, idx] = src.split('#');
    // A merged population: every cell sends to the same axon (or splitter axon).
    const senders = merged.has(pop) ? where[pop] : [where[pop][Number(idx)]];
    const d = delayOf.get(src) ?? 1;
    const sp = split.get(src);
    if (!sp) {
      const c = [...set][0];
      for (const from of senders) tb.route(from.core, from.neuron, { core: c, axon: axonOf.get(`${src}@${c}`)!, delay: d });
    } else {
      for (const from of senders) tb.route(from.core, from.neuron, { core: sp.core, axon: sp.axon, delay: 1 });
      tb.splitter(sp.core, sp.axon, sp.targets.map((c) => ({ core: c, axon: axonOf.get(`${src}@${c}`)!, delay: Math.max(1, d - 1) })));
    }
  }
  const net = tb.build();
  return {
    net, populations: where, pools, weights,
    stats: { cores: nCores, moduleCores, splitterCores: nCores - moduleCores, relays, synapses, axons: nextAxon.reduce((s, v) => s + v, 0) + splitPlan.length },
  };
}
