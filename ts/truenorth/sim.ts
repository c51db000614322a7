// TrueNorthSim: owns one chip handle on an Engine. compile() crosses the boundary once; run(ticks)
// steps in chunks (each chunk is one swta_tn_run call); spikes come back as (tick, core, neuron) triples.
import type { Engine } from '../backend/engine.js';
import { engine as loadEngine } from '../backend/registry.js';
import type { BackendName } from '../backend/engine.js';
import { fail } from '../abi/errors.js';
import { checkGrid, destBuffer, flatTypes } from './compile.js';
import { switchBits, NEURONS, XBAR_WORDS, type NetworkDesc } from './types.js';

export type RecordMode = 'none' | 'outputs' | 'all';
const RECORD: Record<RecordMode, number> = { none: 0, outputs: 1, all: 2 };
/** Spike-record capacity of one engine call (swta-core truenorth::MAX_RECORDS). */
export const MAX_RECORDS = 1 << 23;

export interface SimOptions { record?: RecordMode; chunk?: number }

export interface TnStats { tick: number; spikes: number; synapticEvents: number; droppedRecords: number; pendingInputs: number; cores: number; types: number }

const registry = new FinalizationRegistry<{ e: Engine; h: number }>(({ e, h }) => { try { e.fn('swta_tn_free')(h); } catch { /* engine gone */ } });

export class TrueNorthSim {
  readonly handle: number;
  private freed = false;
  private last = new Int32Array(0);
  private readonly token = {};
  readonly chunk: number;

  private constructor(readonly engine: Engine, readonly net: NetworkDesc, opts: SimOptions) {
    checkGrid(net);
    const types = flatTypes(net);
    const { flags, width } = switchBits(net.switches);
    this.chunk = opts.chunk ?? 1000;
    const out = engine.alloc(4);
    try {
      engine.call('TrueNorthSim.compile', 'swta_tn_create', net.cols, net.rows, out.ptr);
      this.handle = engine.mem.u32(out.ptr, 1)[0];
    } finally { engine.release(out); }
    registry.register(this, { e: engine, h: this.handle }, this.token);
    try {
      this.configure(types, flags, width, opts.record ?? 'all');
      net.cores.forEach((c, k) => this.loadCore(k));
    } catch (e) { this.free(); throw e; }
  }

  static async create(net: NetworkDesc, backend: BackendName | 'auto' | Engine = 'auto', opts: SimOptions = {}): Promise<TrueNorthSim> {
    const e = typeof backend === 'string' ? await loadEngine(backend) : backend;
    return new TrueNorthSim(e, net, opts);
  }

  static compile(e: Engine, net: NetworkDesc, opts: SimOptions = {}): TrueNorthSim {
    return new TrueNorthSim(e, net, opts);
  }

  private configure(types: Int32Array, flags: number, width: number, record: RecordMode): void {
    const e = this.engine;
    if (!(record in RECORD)) fail('record', `must be one of none, outputs, all, got '${record}'`);
    e.call('TrueNorthSim.compile', 'swta_tn_config', this.handle, flags, width);
    e.call('TrueNorthSim.compile', 'swta_tn_record', this.handle, RECORD[record]);
    e.withBuffers([types], ([p]) => e.call('TrueNorthSim.compile', 'swta_tn_set_types', this.handle, p, types.length / 23));
  }

  private loadCore(k: number): void {
    const e = this.engine;
    const c = this.net.cores[k];
    const dest = destBuffer(this.net, c, k);
    const seed = Number(c.rngSeed) >>> 0;
    e.withBuffers([c.axonTypes, c.crossbar, c.types, dest], ([a, x, t, d]) => {
      e.call('TrueNorthSim.compile', 'swta_tn_set_core', this.handle, c.id, seed, a, 256, x, XBAR_WORDS);
      e.call('TrueNorthSim.compile', 'swta_tn_set_neurons', this.handle, c.id, t, NEURONS, d, NEURONS * 4);
    });
  }

  private live(): number {
    if (this.freed) fail('handle', 'this TrueNorthSim has been freed');
    return this.handle;
  }

  /** Queue input spikes: axon `axon` of `core` active at tick `tick` (flat triples or objects). */
  inject(spikes: Int32Array | { tick: number; core: number; axon: number }[]): void {
    const flat = spikes instanceof Int32Array ? spikes : Int32Array.from(spikes.flatMap((s) => [s.tick, s.core, s.axon]));
    if (flat.length === 0) return;
    const h = this.live();
    this.engine.withBuffers([flat], ([p]) => this.engine.call('TrueNorthSim.inject', 'swta_tn_inject', h, p, flat.length));
  }

  /** Run `ticks` ticks; returns the recorded spikes as (tick, core, neuron) triples. */
  run(ticks: number): Int32Array {
    const h = this.live();
    if (!Number.isInteger(ticks) || ticks < 0) fail('ticks', `must be a non-negative integer, got ${ticks}`);
    const parts: Int32Array[] = [];
    let total = 0;
    for (let done = 0; done < ticks; done += this.chunk) {
      this.engine.call('TrueNorthSim.run', 'swta_tn_run', h, Math.min(this.chunk, ticks - done));
      const part = this.lastSpikes();
      parts.push(part);
      total += part.length;
    }
    const out = new Int32Array(total);
    let o = 0;
    for (const p of parts) { out.set(p, o); o += p.length; }
    this.last = out;
    return out;
  }

  /** Spikes of the last run() as (tick, core, neuron) triples; `objects` gives {tick, core, neuron}[]. */
  spikes(): Int32Array;
  spikes(objects: true): { tick: number; core: number; neuron: number }[];
  spikes(objects?: boolean): Int32Array | { tick: number; core: number; neuron: number }[] {
    return objects ? spikeObjects(this.last) : this.last;
  }

  /** Spikes of the last engine run call (a copy). */
  private lastSpikes(): Int32Array {
    const n = this.engine.fn('swta_tn_spikes_count')(this.handle);
    if (n === 0) return new Int32Array(0);
    if (n >= MAX_RECORDS) fail('record', `more than ${MAX_RECORDS} spikes in one engine call were dropped: lower the chunk (now ${this.chunk} ticks) or record 'outputs'`);
    return this.engine.mem.i32(this.engine.fn('swta_tn_spikes_ptr')(this.handle), n * 3).slice();
  }

  potentials(core: number): Int32Array {
    const h = this.live();
    const b = this.engine.alloc(NEURONS * 4);
    try {
      this.engine.call('TrueNorthSim.potentials', 'swta_tn_potentials', h, core, b.ptr, NEURONS);
      return this.engine.mem.i32(b.ptr, NEURONS).slice();
    } finally { this.engine.release(b); }
  }

  setPotentials(core: number, v: Int32Array): void {
    const h = this.live();
    this.engine.withBuffers([v], ([p]) => this.engine.call('TrueNorthSim.setPotentials', 'swta_tn_set_potentials', h, core, p, v.length));
  }

  stats(): TnStats {
    const h = this.live();
    const b = this.engine.alloc(64);
    try {
      this.engine.call('TrueNorthSim.stats', 'swta_tn_stats', h, b.ptr, 8);
      const s = this.engine.mem.f64(b.ptr, 8);
      return { tick: s[0], spikes: s[1], synapticEvents: s[2], droppedRecords: s[3], pendingInputs: s[4], cores: s[5], types: s[6] };
    } finally { this.engine.release(b); }
  }

  get tick(): number { return this.stats().tick; }

  free(): void {
    if (this.freed) return;
    this.freed = true;
    registry.unregister(this.token);
    this.engine.fn('swta_tn_free')(this.handle);
  }
}

/** Triples → objects (for small outputs and files). */
export function spikeObjects(t: Int32Array): { tick: number; core: number; neuron: number }[] {
  const out = [];
  for (let i = 0; i + 2 < t.length; i += 3) out.push({ tick: t[i], core: t[i + 1], neuron: t[i + 2] });
  return out;
}
