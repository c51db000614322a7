// CircuitBuilder: chained construction of a NetworkSpec (the JSON form every circuit round-trips
// through). Modules compose by name prefix: `b.add(l23Module({ prefix: 'A.' }).spec)`.
import type { CurrentSpec, MonitorSpec, NetworkSpec, PopulationSpec, ProjectionSpec, ReceptorSpec, RuleSpec } from '../model/spec.js';
import type { ModelName } from '../model/neurons.js';
import { validateNetwork } from '../model/spec.js';
import { fail } from '../abi/errors.js';

export interface ConnectOptions { weight_nS?: number; delay_ms?: number; autapses?: boolean; stp?: ProjectionSpec['stp'] }

export class CircuitBuilder {
  private readonly spec: NetworkSpec;

  constructor(settings: Omit<NetworkSpec, 'populations' | 'projections' | 'currents' | 'monitors'> = {}) {
    this.spec = { ...settings, populations: [], projections: [], currents: [], monitors: { spikes: [], state: [], rates: [] } };
  }

  population(name: string, model: ModelName, n: number, params: Record<string, number> = {}, receptors: ReceptorSpec[] = [], noise?: PopulationSpec['noise']): this {
    if (this.spec.populations.some((p) => p.name === name)) fail(`populations.${name}`, 'a population with this name exists already');
    this.spec.populations.push({ name, model, n, params, receptors, ...(noise ? { noise } : {}) });
    return this;
  }

  /** A Poisson spike source of n independent trains at rate_Hz. */
  poisson(name: string, n: number, rate_Hz = 0): this {
    return this.population(name, 'poisson', n, { rate_Hz });
  }

  connect(pre: string, post: string, receptor: string, rule: RuleSpec, o: ConnectOptions = {}): this {
    this.spec.projections!.push({ pre, post, receptor, rule, weight_nS: o.weight_nS ?? 0, delay_ms: o.delay_ms ?? 1, ...(o.autapses ? { autapses: true } : {}), ...(o.stp ? { stp: o.stp } : {}) });
    return this;
  }

  current(c: CurrentSpec): this {
    this.spec.currents!.push(c);
    return this;
  }

  monitorSpikes(...pops: string[]): this {
    (this.spec.monitors!.spikes as string[]).push(...pops);
    return this;
  }

  monitorState(m: NonNullable<MonitorSpec['state']>[number]): this {
    this.spec.monitors!.state!.push(m);
    return this;
  }

  monitorRate(population: string, bin_ms: number): this {
    this.spec.monitors!.rates!.push({ population, bin_ms });
    return this;
  }

  /** Merge another circuit's populations, projections, currents and monitors (names must not clash). */
  add(other: NetworkSpec): this {
    for (const p of other.populations) {
      if (this.spec.populations.some((q) => q.name === p.name)) fail(`populations.${p.name}`, 'name clash while composing circuits (use a prefix)');
      this.spec.populations.push(structuredClone(p));
    }
    this.spec.projections!.push(...structuredClone(other.projections ?? []));
    this.spec.currents!.push(...structuredClone(other.currents ?? []));
    const m = other.monitors ?? {};
    const spikes = m.spikes === 'all' ? other.populations.map((p) => p.name) : m.spikes ?? [];
    (this.spec.monitors!.spikes as string[]).push(...spikes);
    this.spec.monitors!.state!.push(...structuredClone(m.state ?? []));
    this.spec.monitors!.rates!.push(...structuredClone(m.rates ?? []));
    return this;
  }

  /** The validated spec (a fresh copy; the builder can go on). */
  build(): NetworkSpec {
    const s = structuredClone(this.spec);
    validateNetwork(s);
    return s;
  }
}
