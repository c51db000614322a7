// A network is a plain JSON-serialisable spec. `validateNetwork` checks all of it and throws an
// SwtaError naming the field path and the allowed range; `resolveNetwork` fills defaults.
import { fail } from '../abi/errors.js';
import { MODEL_DEFAULTS, MODEL_VARS, NON_NEGATIVE, POSITIVE, paramNames, type ModelName } from './neurons.js';

export type Method = 'euler' | 'exp_euler' | 'rk2' | 'rk4' | 'dopri5';
export const METHODS: Method[] = ['euler', 'exp_euler', 'rk2', 'rk4', 'dopri5'];

export interface ReceptorSpec {
  name: string;
  E_rev_mV: number;
  tau_decay_ms: number;
  /** 0 (default) = single exponential; else double exponential with peak normalised to the weight. */
  tau_rise_ms?: number;
  /** NMDA-type: Mg²⁺ block B(V) (Jahr & Stevens 1990). */
  nmda?: boolean;
  Mg_mM?: number;
  g_init_nS?: number;
  g_init_sd_nS?: number;
}

export interface PopulationSpec {
  name: string;
  model: ModelName;
  n: number;
  params?: Record<string, number>;
  receptors?: ReceptorSpec[];
  /** Ornstein–Uhlenbeck current noise. */
  noise?: { tau_ms: number; sigma_pA: number };
}

export type RuleSpec =
  | { type: 'probability'; p: number }
  | { type: 'fan_in'; k: number }
  | { type: 'one_to_one' }
  | { type: 'explicit'; pre: number[]; post: number[]; weight_nS: number[] };

export interface ProjectionSpec {
  pre: string;
  post: string;
  receptor: string;
  rule: RuleSpec;
  /** Conductance per synapse (nS); unused by explicit rules. */
  weight_nS?: number;
  /** Rounded to whole steps, at least one step. */
  delay_ms?: number;
  autapses?: boolean;
  /** Tsodyks–Markram short-term plasticity. */
  stp?: { U: number; tau_rec_ms: number; tau_facil_ms?: number };
}

export interface CurrentSpec {
  population: string;
  first?: number;
  count?: number;
  t_on_ms?: number;
  /** Absent = never off. */
  t_off_ms?: number;
  amp_pA: number;
  /** Ramp end value (at t_off); absent = constant. */
  amp_end_pA?: number;
}

export interface MonitorSpec {
  /** Populations whose spikes are recorded ('all' = every population). */
  spikes?: string[] | 'all';
  state?: { population: string; variable: string; neurons: number[]; every_ms?: number }[];
  rates?: { population: string; bin_ms: number }[];
}

export interface NetworkSpec {
  dt_ms?: number;
  method?: Method;
  precision?: 'f32' | 'f64';
  seed?: number;
  /** Interpolate spike times within a step (fixed-step methods). */
  interpolate?: boolean;
  rtol?: number;
  atol?: number;
  /** Memory budget for the engine's state and synapses. */
  budget_MB?: number;
  populations: PopulationSpec[];
  projections?: ProjectionSpec[];
  currents?: CurrentSpec[];
  monitors?: MonitorSpec;
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function num(v: unknown, field: string, min: number, max: number, opts: { integer?: boolean; exclusiveMin?: boolean } = {}): number {
  if (!isNum(v)) fail(field, `must be a finite number, got ${JSON.stringify(v)}`);
  const n = v as number;
  if (opts.integer && !Number.isInteger(n)) fail(field, `must be an integer, got ${n}`);
  const lowOk = opts.exclusiveMin ? n > min : n >= min;
  if (!lowOk || n > max) fail(field, `must be in ${opts.exclusiveMin ? '(' : '['}${min}, ${max}], got ${n}`);
  return n;
}

function oneOf<T extends string>(v: unknown, field: string, allowed: readonly T[]): T {
  if (!allowed.includes(v as T)) fail(field, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
  return v as T;
}

/** Receptor names of each population, for lookups by name. */
export function indexNames(spec: NetworkSpec): Map<string, { index: number; pop: PopulationSpec }> {
  const m = new Map<string, { index: number; pop: PopulationSpec }>();
  spec.populations.forEach((p, index) => m.set(p.name, { index, pop: p }));
  return m;
}

function validatePopulation(p: PopulationSpec, f: string, seen: Set<string>): void {
  if (typeof p !== 'object' || p === null) fail(f, 'must be an object');
  if (typeof p.name !== 'string' || !p.name) fail(`${f}.name`, 'must be a non-empty string');
  if (seen.has(p.name)) fail(`${f}.name`, `duplicate population name '${p.name}'`);
  seen.add(p.name);
  const model = oneOf(p.model, `${f}.model`, ['lif', 'adex', 'hh', 'poisson'] as const);
  num(p.n, `${f}.n`, 1, 10_000_000, { integer: true });
  const names = paramNames(model);
  for (const [k, v] of Object.entries(p.params ?? {})) {
    if (!names.includes(k)) fail(`${f}.params.${k}`, `unknown parameter for model '${model}' (allowed: ${names.join(', ')})`);
    if (POSITIVE.has(k)) num(v, `${f}.params.${k}`, 0, 1e12, { exclusiveMin: true });
    else if (NON_NEGATIVE.has(k)) num(v, `${f}.params.${k}`, 0, 1e12);
    else num(v, `${f}.params.${k}`, -1e12, 1e12);
  }
  const merged = { ...MODEL_DEFAULTS[model], ...(p.params ?? {}) };
  if (model === 'adex' && merged.delta_T_mV > 0 && merged.V_peak_mV <= merged.V_T_mV) fail(`${f}.params.V_peak_mV`, `must be > V_T_mV (${merged.V_T_mV}), got ${merged.V_peak_mV}`);
  const recs = new Set<string>();
  (p.receptors ?? []).forEach((r, j) => {
    const rf = `${f}.receptors[${j}]`;
    if (model === 'poisson') fail(rf, 'a Poisson source has no receptors');
    if (typeof r.name !== 'string' || !r.name) fail(`${rf}.name`, 'must be a non-empty string');
    if (recs.has(r.name)) fail(`${rf}.name`, `duplicate receptor name '${r.name}'`);
    recs.add(r.name);
    num(r.E_rev_mV, `${rf}.E_rev_mV`, -200, 200);
    const decay = num(r.tau_decay_ms, `${rf}.tau_decay_ms`, 0, 1e9, { exclusiveMin: true });
    if (r.tau_rise_ms !== undefined) {
      const rise = num(r.tau_rise_ms, `${rf}.tau_rise_ms`, 0, 1e9);
      if (rise > 0 && rise >= decay) fail(`${rf}.tau_rise_ms`, `must be < tau_decay_ms (${decay}), got ${rise}`);
    }
    if (r.Mg_mM !== undefined) num(r.Mg_mM, `${rf}.Mg_mM`, 0, 100);
    if (r.g_init_nS !== undefined) num(r.g_init_nS, `${rf}.g_init_nS`, -1e6, 1e6);
    if (r.g_init_sd_nS !== undefined) num(r.g_init_sd_nS, `${rf}.g_init_sd_nS`, 0, 1e6);
  });
  if (p.noise !== undefined) {
    if (model === 'poisson') fail(`${f}.noise`, 'a Poisson source takes no noise');
    num(p.noise.tau_ms, `${f}.noise.tau_ms`, 0, 1e9, { exclusiveMin: true });
    num(p.noise.sigma_pA, `${f}.noise.sigma_pA`, 0, 1e9);
  }
}

function validateProjection(pr: ProjectionSpec, f: string, pops: ReturnType<typeof indexNames>): void {
  if (typeof pr !== 'object' || pr === null) fail(f, 'must be an object');
  const pre = pops.get(pr.pre);
  if (!pre) fail(`${f}.pre`, `unknown population '${pr.pre}' (known: ${[...pops.keys()].join(', ')})`);
  const post = pops.get(pr.post);
  if (!post) fail(`${f}.post`, `unknown population '${pr.post}' (known: ${[...pops.keys()].join(', ')})`);
  const recNames = (post.pop.receptors ?? []).map((r) => r.name);
  if (!recNames.includes(pr.receptor)) fail(`${f}.receptor`, `population '${pr.post}' has no receptor '${pr.receptor}' (has: ${recNames.join(', ') || 'none'})`);
  const rule = pr.rule;
  const type = oneOf(rule?.type, `${f}.rule.type`, ['probability', 'fan_in', 'one_to_one', 'explicit'] as const);
  const same = pr.pre === pr.post && !pr.autapses;
  if (type === 'probability') num((rule as { p: number }).p, `${f}.rule.p`, 0, 1);
  if (type === 'fan_in') num((rule as { k: number }).k, `${f}.rule.k`, 0, same ? pre.pop.n - 1 : pre.pop.n, { integer: true });
  if (type === 'one_to_one' && pre.pop.n !== post.pop.n) fail(`${f}.rule`, `one-to-one needs equal sizes, got ${pre.pop.n} → ${post.pop.n}`);
  if (type === 'explicit') {
    const r = rule as { pre: number[]; post: number[]; weight_nS: number[] };
    if (!Array.isArray(r.pre) || !Array.isArray(r.post) || !Array.isArray(r.weight_nS)) fail(`${f}.rule`, 'explicit rules need arrays pre, post and weight_nS');
    if (r.post.length !== r.pre.length || r.weight_nS.length !== r.pre.length) fail(`${f}.rule`, 'pre, post and weight_nS must have the same length');
    r.pre.forEach((x, k) => num(x, `${f}.rule.pre[${k}]`, 0, pre.pop.n - 1, { integer: true }));
    r.post.forEach((x, k) => num(x, `${f}.rule.post[${k}]`, 0, post.pop.n - 1, { integer: true }));
    r.weight_nS.forEach((x, k) => num(x, `${f}.rule.weight_nS[${k}]`, 0, 1e9));
  } else num(pr.weight_nS, `${f}.weight_nS`, 0, 1e9);
  if (pr.delay_ms !== undefined) num(pr.delay_ms, `${f}.delay_ms`, 0, 1000);
  if (pr.stp) {
    num(pr.stp.U, `${f}.stp.U`, 0, 1, { exclusiveMin: true });
    num(pr.stp.tau_rec_ms, `${f}.stp.tau_rec_ms`, 0, 1e9, { exclusiveMin: true });
    if (pr.stp.tau_facil_ms !== undefined) num(pr.stp.tau_facil_ms, `${f}.stp.tau_facil_ms`, 0, 1e9);
  }
}

function validateMonitors(m: MonitorSpec, pops: ReturnType<typeof indexNames>): void {
  const popRef = (name: unknown, field: string) => {
    const p = pops.get(name as string);
    if (!p) fail(field, `unknown population ${JSON.stringify(name)} (known: ${[...pops.keys()].join(', ')})`);
    return p;
  };
  if (m.spikes !== undefined && m.spikes !== 'all') {
    if (!Array.isArray(m.spikes)) fail('monitors.spikes', "must be 'all' or a list of population names");
    m.spikes.forEach((s, k) => popRef(s, `monitors.spikes[${k}]`));
  }
  (m.state ?? []).forEach((s, k) => {
    const f = `monitors.state[${k}]`;
    const p = popRef(s.population, `${f}.population`);
    const vars = [...MODEL_VARS[p.pop.model], ...(p.pop.receptors ?? []).map((r) => `g_${r.name}`), ...(p.pop.model === 'poisson' ? [] : ['I_ext'])];
    if (!vars.includes(s.variable)) fail(`${f}.variable`, `must be one of ${vars.join(', ')}, got ${JSON.stringify(s.variable)}`);
    if (!Array.isArray(s.neurons)) fail(`${f}.neurons`, 'must be a list of neuron indices');
    s.neurons.forEach((x, j) => num(x, `${f}.neurons[${j}]`, 0, p.pop.n - 1, { integer: true }));
    if (s.every_ms !== undefined) num(s.every_ms, `${f}.every_ms`, 0, 1e9, { exclusiveMin: true });
  });
  (m.rates ?? []).forEach((r, k) => {
    popRef(r.population, `monitors.rates[${k}].population`);
    num(r.bin_ms, `monitors.rates[${k}].bin_ms`, 0, 1e9, { exclusiveMin: true });
  });
}

/** Check every field; throws SwtaError('populations[2].params.C_pF', 'must be in (0, …], got -5'). */
export function validateNetwork(spec: NetworkSpec): void {
  if (typeof spec !== 'object' || spec === null) fail('network', 'must be an object');
  if (spec.dt_ms !== undefined) num(spec.dt_ms, 'dt_ms', 0, 10, { exclusiveMin: true });
  if (spec.method !== undefined) oneOf(spec.method, 'method', METHODS);
  if (spec.precision !== undefined) oneOf(spec.precision, 'precision', ['f32', 'f64'] as const);
  if (spec.seed !== undefined) num(spec.seed, 'seed', 0, 2 ** 32 - 1, { integer: true });
  if (spec.rtol !== undefined) num(spec.rtol, 'rtol', 0, 1, { exclusiveMin: true });
  if (spec.atol !== undefined) num(spec.atol, 'atol', 0, 1e6, { exclusiveMin: true });
  if (spec.budget_MB !== undefined) num(spec.budget_MB, 'budget_MB', 0, 4096, { exclusiveMin: true });
  if (!Array.isArray(spec.populations) || spec.populations.length === 0) fail('populations', 'must be a non-empty list');
  const seen = new Set<string>();
  spec.populations.forEach((p, k) => validatePopulation(p, `populations[${k}]`, seen));
  const pops = indexNames(spec);
  (spec.projections ?? []).forEach((pr, k) => validateProjection(pr, `projections[${k}]`, pops));
  (spec.currents ?? []).forEach((c, k) => {
    const f = `currents[${k}]`;
    const p = pops.get(c.population);
    if (!p) fail(`${f}.population`, `unknown population ${JSON.stringify(c.population)}`);
    if (p.pop.model === 'poisson') fail(`${f}.population`, 'a Poisson source takes no current');
    const first = c.first === undefined ? 0 : num(c.first, `${f}.first`, 0, p.pop.n - 1, { integer: true });
    if (c.count !== undefined) num(c.count, `${f}.count`, 1, p.pop.n - first, { integer: true });
    num(c.amp_pA, `${f}.amp_pA`, -1e9, 1e9);
    if (c.amp_end_pA !== undefined) num(c.amp_end_pA, `${f}.amp_end_pA`, -1e9, 1e9);
    const on = c.t_on_ms === undefined ? 0 : num(c.t_on_ms, `${f}.t_on_ms`, 0, 1e12);
    if (c.t_off_ms !== undefined) num(c.t_off_ms, `${f}.t_off_ms`, on, 1e12);
  });
  if (spec.monitors !== undefined) validateMonitors(spec.monitors, pops);
  estimateBudget(spec);
}

/** Rough engine memory (bytes) of a spec; over the budget is an error before anything is built. */
export function estimateBudget(spec: NetworkSpec): number {
  const size = spec.precision === 'f32' ? 4 : 8;
  const pops = indexNames(spec);
  let bytes = spec.populations.reduce((s, p) => s + p.n * 12 * size, 0);
  for (const pr of spec.projections ?? []) {
    const pre = pops.get(pr.pre)!.pop.n;
    const post = pops.get(pr.post)!.pop.n;
    const r = pr.rule;
    const syn = r.type === 'probability' ? r.p * pre * post : r.type === 'fan_in' ? r.k * post : r.type === 'one_to_one' ? pre : r.pre.length;
    bytes += syn * (20 + size) + 4 * pre;
  }
  const budget = (spec.budget_MB ?? 1000) * 1e6;
  if (bytes > budget) fail('budget_MB', `the network needs about ${(bytes / 1e6).toFixed(0)} MB, over the budget of ${(budget / 1e6).toFixed(0)} MB (raise budget_MB, at most 4096)`);
  return bytes;
}
