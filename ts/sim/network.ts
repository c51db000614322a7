// Network: a compiled NetworkSpec living in an engine (one handle). TypeScript never steps time: run()
// makes one engine call per chunk of many steps, then drains the monitors into JS arrays.
import { Engine } from '../backend/engine.js';
import { engine as loadEngine } from '../backend/registry.js';
import type { BackendName } from '../backend/engine.js';
import { SwtaError } from '../abi/errors.js';
import { MODEL_CODE, MODEL_DEFAULTS, MODEL_VARS, paramNames } from '../model/neurons.js';
import { indexNames, validateNetwork, METHODS, type NetworkSpec, type ProjectionSpec } from '../model/spec.js';

export interface SpikeTrain { ids: Uint32Array; t_ms: Float64Array }
export interface StateTrace { population: string; variable: string; neurons: number[]; t_ms: Float64Array; /** [sample][neuron] */ values: Float64Array }
export interface RateTrace { population: string; bin_ms: number; rates_Hz: Float64Array }
export interface NetworkInfo { step: number; t_ms: number; neurons: number; synapses: number; bytes: number; ode: { evaluations: number; accepted: number; rejected: number }; spikeCounts: Record<string, number>; method: string; backend: BackendName }
export interface RunOptions { /** Engine call size (ms of biological time per call); default 100 ms. */ chunk_ms?: number; onProgress?: (done_ms: number, total_ms: number) => void }

const VAR_CONDUCTANCE = 4;
const VAR_CURRENT = 100;

const registry = new FinalizationRegistry<{ engine: Engine; handle: number }>(({ engine, handle }) => {
  try { engine.fn('swta_net_free')(handle); } catch { /* engine gone */ }
});

/** Growable typed-array accumulator (drained records land here). */
class Acc<T extends Float64Array | Uint32Array> {
  private buf: T;
  length = 0;
  constructor(private readonly C: { new (n: number): T }) { this.buf = new C(1024); }
  push(src: T): void {
    if (this.length + src.length > this.buf.length) {
      const next = new this.C(Math.max(this.buf.length * 2, this.length + src.length));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    this.buf.set(src, this.length);
    this.length += src.length;
  }
  view(): T { return this.buf.subarray(0, this.length) as T; }
  clear(): void { this.length = 0; }
}

export class Network {
  readonly spec: NetworkSpec;
  private handle = 0;
  private readonly pops: ReturnType<typeof indexNames>;
  private readonly spikes = new Map<number, { ids: Acc<Uint32Array>; t: Acc<Float64Array> }>();
  private readonly states: { trace: Omit<StateTrace, 't_ms' | 'values'>; t: Acc<Float64Array>; v: Acc<Float64Array> }[] = [];
  private readonly rates: { population: string; bin_ms: number; r: Acc<Float64Array> }[] = [];
  /** Wall-clock ms spent turning the spec into a ready-to-step engine network. */
  readonly buildMs: number;

  private constructor(readonly engine: Engine, spec: NetworkSpec) {
    const t0 = performance.now();
    validateNetwork(spec);
    this.spec = spec;
    this.pops = indexNames(spec);
    this.compile();
    this.buildMs = performance.now() - t0;
    registry.register(this, { engine, handle: this.handle }, this);
  }

  /** Validate and compile `spec` on a backend ('auto' = native if built, else wasm). */
  static async create(spec: NetworkSpec, opts: { backend?: BackendName | 'auto'; engine?: Engine } = {}): Promise<Network> {
    const e = opts.engine ?? (await loadEngine(opts.backend ?? 'auto'));
    return new Network(e, spec);
  }

  private call(api: string, name: Parameters<Engine['call']>[1], ...args: number[]): void {
    (this.engine.call as (a: string, n: string, ...x: number[]) => void)(api, name as string, ...args);
  }

  private compile(): void {
    const s = this.spec;
    const e = this.engine;
    const out = e.alloc(4);
    try {
      this.call('Network.create', 'swta_net_create', s.precision === 'f32' ? 32 : 64, s.dt_ms ?? 0.1, METHODS.indexOf(s.method ?? 'exp_euler'),
        s.seed ?? 1, s.interpolate ? 1 : 0, s.rtol ?? 1e-6, s.atol ?? 1e-6, s.budget_MB ?? 1000, out.ptr);
      this.handle = e.mem.u32(out.ptr, 1)[0];
    } finally {
      e.release(out);
    }
    try {
      this.addPopulations();
      (s.projections ?? []).forEach((p) => this.addProjection(p));
      this.addInputsAndMonitors();
      this.call('Network.create', 'swta_net_build', this.handle);
    } catch (err) {
      this.free();
      throw err;
    }
  }

  private addPopulations(): void {
    for (const p of this.spec.populations) {
      const values = { ...MODEL_DEFAULTS[p.model], I_bias_pA: 0, V_init_mV: MODEL_DEFAULTS[p.model].E_L_mV ?? 0, V_init_uniform_mV: 0, V_init_sd_mV: 0, ...(p.params ?? {}) };
      const params = Float64Array.from(paramNames(p.model).map((k) => values[k as keyof typeof values] as number));
      this.engine.withBuffers([params], ([ptr]) => this.call('Network.create', 'swta_net_add_population', this.handle, MODEL_CODE[p.model], p.n, ptr, params.length));
      const k = this.pops.get(p.name)!.index;
      for (const r of p.receptors ?? []) {
        const rp = Float64Array.of(r.E_rev_mV, r.tau_rise_ms ?? 0, r.tau_decay_ms, r.nmda ? 1 : 0, r.Mg_mM ?? 1, r.g_init_nS ?? 0, r.g_init_sd_nS ?? 0);
        this.engine.withBuffers([rp], ([ptr]) => this.call('Network.create', 'swta_net_add_receptor', this.handle, k, ptr, rp.length));
      }
      if (p.noise) this.call('Network.create', 'swta_net_set_noise', this.handle, k, p.noise.tau_ms, p.noise.sigma_pA);
    }
  }

  private addProjection(pr: ProjectionSpec): void {
    const pre = this.pops.get(pr.pre)!.index;
    const post = this.pops.get(pr.post)!;
    const rec = (post.pop.receptors ?? []).findIndex((r) => r.name === pr.receptor);
    const r = pr.rule;
    const code = { probability: 0, fan_in: 1, one_to_one: 2, explicit: 3 }[r.type];
    const pk = r.type === 'probability' ? r.p : r.type === 'fan_in' ? r.k : 0;
    const params = Float64Array.of(code, pk, pr.autapses ? 1 : 0, pr.weight_nS ?? 0, pr.delay_ms ?? 0, pr.stp?.U ?? 0, pr.stp?.tau_rec_ms ?? 0, pr.stp?.tau_facil_ms ?? 0);
    const ex = r.type === 'explicit' ? r : { pre: [], post: [], weight_nS: [] };
    this.engine.withBuffers([params, Uint32Array.from(ex.pre), Uint32Array.from(ex.post), Float64Array.from(ex.weight_nS)], ([pp, a, b, w]) =>
      this.call('Network.create', 'swta_net_add_projection', this.handle, pre, post.index, rec, pp, params.length, a, b, w, ex.pre.length));
  }

  private addInputsAndMonitors(): void {
    const s = this.spec;
    for (const c of s.currents ?? []) {
      const p = this.pops.get(c.population)!;
      const first = c.first ?? 0;
      const params = Float64Array.of(first, c.count ?? p.pop.n - first, c.t_on_ms ?? 0, c.t_off_ms ?? Infinity, c.amp_pA, c.amp_end_pA ?? c.amp_pA);
      this.engine.withBuffers([params], ([ptr]) => this.call('Network.create', 'swta_net_add_current', this.handle, p.index, ptr, 6));
    }
    const m = s.monitors ?? {};
    const spikePops = m.spikes === 'all' ? s.populations.map((p) => p.name) : m.spikes ?? [];
    for (const name of spikePops) {
      const k = this.pops.get(name)!.index;
      this.call('Network.create', 'swta_net_monitor_spikes', this.handle, k, 1);
      this.spikes.set(k, { ids: new Acc(Uint32Array), t: new Acc(Float64Array) });
    }
    for (const st of m.state ?? []) {
      const p = this.pops.get(st.population)!;
      const every = Math.max(1, Math.round((st.every_ms ?? s.dt_ms ?? 0.1) / (s.dt_ms ?? 0.1)));
      const idx = Uint32Array.from(st.neurons);
      this.engine.withBuffers([idx], ([ptr]) => this.call('Network.create', 'swta_net_monitor_state', this.handle, p.index, this.varCode(p.pop.name, st.variable), ptr, idx.length, every));
      this.states.push({ trace: { population: st.population, variable: st.variable, neurons: [...st.neurons] }, t: new Acc(Float64Array), v: new Acc(Float64Array) });
    }
    for (const r of m.rates ?? []) {
      this.call('Network.create', 'swta_net_monitor_rate', this.handle, this.pops.get(r.population)!.index, r.bin_ms);
      this.rates.push({ population: r.population, bin_ms: r.bin_ms, r: new Acc(Float64Array) });
    }
  }

  /** Engine variable code: model variable index, 4 + receptor (g_<name>), 100 = I_ext. */
  private varCode(pop: string, variable: string): number {
    const p = this.pops.get(pop)!.pop;
    const v = MODEL_VARS[p.model].indexOf(variable);
    if (v >= 0) return v;
    if (variable === 'I_ext') return VAR_CURRENT;
    const r = (p.receptors ?? []).findIndex((x) => `g_${x.name}` === variable);
    if (r >= 0) return VAR_CONDUCTANCE + r;
    throw new SwtaError('variable', `population '${pop}' has no variable '${variable}'`);
  }

  private live(): void {
    if (!this.handle) throw new SwtaError('network', 'this network has been freed', 4);
  }

  /** Simulate `duration_ms` of biological time, in chunks (one engine call each). */
  run(duration_ms: number, opts: RunOptions = {}): this {
    this.live();
    const dt = this.spec.dt_ms ?? 0.1;
    if (!Number.isFinite(duration_ms) || duration_ms < 0) throw new SwtaError('duration_ms', `must be a finite time ≥ 0, got ${duration_ms}`);
    const total = Math.round(duration_ms / dt);
    const chunk = Math.max(1, Math.round((opts.chunk_ms ?? 100) / dt));
    for (let done = 0; done < total;) {
      const n = Math.min(chunk, total - done);
      this.call('Network.run', 'swta_net_run', this.handle, n);
      done += n;
      this.drain();
      opts.onProgress?.(done * dt, total * dt);
    }
    return this;
  }

  private view(what: number, index: number): [number, number] {
    const out = this.engine.alloc(16);
    try {
      this.call('Network.view', 'swta_net_view', this.handle, what, index, out.ptr);
      const v = this.engine.mem.f64(out.ptr, 2);
      return [v[0], v[1]];
    } finally {
      this.engine.release(out);
    }
  }

  /** Copy the engine's records into JS and clear them there (no results are lost between runs). */
  private drain(): void {
    for (const [k, acc] of this.spikes) {
      const [pi, n] = this.view(0, k);
      const [pt] = this.view(1, k);
      acc.ids.push(this.engine.mem.u32(pi, n));
      acc.t.push(this.engine.mem.f64(pt, n));
    }
    this.states.forEach((s, k) => {
      const [pv, nv] = this.view(2, k);
      s.v.push(this.engine.mem.f64(pv, nv));
      const [pt, nt] = this.view(3, k);
      s.t.push(this.engine.mem.f64(pt, nt));
    });
    this.rates.forEach((r, k) => {
      const [p, n] = this.view(4, k);
      r.r.push(this.engine.mem.f64(p, n));
    });
    this.call('Network.run', 'swta_net_clear_records', this.handle);
  }

  /** Recorded spikes of a population (indices within it, times in ms). */
  spikeTrain(population: string): SpikeTrain {
    const p = this.pops.get(population);
    if (!p) throw new SwtaError('population', `unknown population '${population}'`);
    const acc = this.spikes.get(p.index);
    if (!acc) throw new SwtaError('population', `spikes of '${population}' are not monitored (add it to monitors.spikes)`);
    return { ids: acc.ids.view().slice(), t_ms: acc.t.view().slice() };
  }

  stateTraces(): StateTrace[] {
    return this.states.map((s) => ({ ...s.trace, t_ms: s.t.view().slice(), values: s.v.view().slice() }));
  }

  rateTraces(): RateTrace[] {
    return this.rates.map((r) => ({ population: r.population, bin_ms: r.bin_ms, rates_Hz: r.r.view().slice() }));
  }

  /** Forget what was recorded so far (e.g. after a warm-up period). */
  clearRecords(): void {
    for (const a of this.spikes.values()) { a.ids.clear(); a.t.clear(); }
    for (const s of this.states) { s.t.clear(); s.v.clear(); }
    for (const r of this.rates) r.r.clear();
  }

  /** Change a population parameter between runs (e.g. a Poisson source's rate_Hz, I_bias_pA). */
  setParam(population: string, name: string, value: number): this {
    this.live();
    const p = this.pops.get(population);
    if (!p) throw new SwtaError('population', `unknown population '${population}'`);
    const idx = paramNames(p.pop.model).indexOf(name);
    if (idx < 0) throw new SwtaError(`populations.${population}.${name}`, `unknown parameter for model '${p.pop.model}' (allowed: ${paramNames(p.pop.model).join(', ')})`);
    this.call('Network.setParam', 'swta_net_set_param', this.handle, p.index, idx, value);
    return this;
  }

  /** Current values of a variable ('v', 'w', 'g_<receptor>', 'I_ext') for every neuron. */
  read(population: string, variable: string): Float64Array {
    this.live();
    const p = this.pops.get(population);
    if (!p) throw new SwtaError('population', `unknown population '${population}'`);
    const out = this.engine.alloc(8 * p.pop.n);
    try {
      this.call('Network.read', 'swta_net_read_state', this.handle, p.index, this.varCode(population, variable), out.ptr, p.pop.n);
      return this.engine.mem.f64(out.ptr, p.pop.n).slice();
    } finally {
      this.engine.release(out);
    }
  }

  /** Overwrite a model variable ('v', 'w', ...) of every neuron. */
  write(population: string, variable: string, values: ArrayLike<number>): this {
    this.live();
    const p = this.pops.get(population);
    if (!p) throw new SwtaError('population', `unknown population '${population}'`);
    const v = MODEL_VARS[p.pop.model].indexOf(variable);
    if (v < 0) throw new SwtaError('variable', `'${variable}' is not a model variable of '${population}' (${MODEL_VARS[p.pop.model].join(', ')})`);
    this.engine.withBuffers([Float64Array.from(values)], ([ptr]) => this.call('Network.write', 'swta_net_write_state', this.handle, p.index, v, ptr, values.length));
    return this;
  }

  info(): NetworkInfo {
    this.live();
    const n = 8 + this.spec.populations.length;
    const out = this.engine.alloc(8 * n);
    try {
      this.call('Network.info', 'swta_net_info', this.handle, out.ptr, n);
      const v = this.engine.mem.f64(out.ptr, n).slice();
      const spikeCounts: Record<string, number> = {};
      this.spec.populations.forEach((p, k) => { spikeCounts[p.name] = v[8 + k]; });
      return { step: v[0], t_ms: v[1], neurons: v[2], synapses: v[3], bytes: v[4], ode: { evaluations: v[5], accepted: v[6], rejected: v[7] }, spikeCounts, method: this.spec.method ?? 'exp_euler', backend: this.engine.backend };
    } finally {
      this.engine.release(out);
    }
  }

  /** Release the engine network (also done by a FinalizationRegistry when this object is collected). */
  free(): void {
    if (!this.handle) return;
    this.engine.fn('swta_net_free')(this.handle);
    registry.unregister(this);
    this.handle = 0;
  }
}
