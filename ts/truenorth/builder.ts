// TrueNorthBuilder: cores, neurons, crossbars, routes, splitters (fan-out) and composition of
// sub-networks, producing a NetworkDesc. Chained setters; validation of ranges happens at compile().
import { fail } from '../abi/errors.js';
import { DEST_OUTPUT, emptyCore, neuronType, setSynapse, type CoreDesc, type NetworkDesc, type NeuronTypeDesc, type SwitchesDesc } from './types.js';

export interface Target { core: number; axon: number; delay?: number }

/** Relay / splitter neuron (TRUENORTH.md §5): fires in the tick its input arrives. */
export const RELAY: Partial<NeuronTypeDesc> = { s0: 1, s1: 1, s2: 1, s3: 1, alpha: 1, lambda: 0, gamma: 0, VR: 0, kappa: true, beta: 0 };

export class TrueNorthBuilder {
  private readonly types: NeuronTypeDesc[] = [];
  private readonly typeKeys = new Map<string, number>();
  private readonly cores = new Map<number, CoreDesc>();
  private sw: SwitchesDesc = {};

  constructor(readonly cols = 1, readonly rows = 1) {}

  switches(s: SwitchesDesc): this { this.sw = { ...this.sw, ...s }; return this; }

  /** Index of a neuron type (identical parameter sets share one index). */
  type(p: Partial<NeuronTypeDesc> = {}): number {
    const t = neuronType(p);
    const { name: _n, ...rest } = t;
    const key = JSON.stringify(rest);
    const known = this.typeKeys.get(key);
    if (known !== undefined) return known;
    this.types.push(t);
    this.typeKeys.set(key, this.types.length - 1);
    return this.types.length - 1;
  }

  /** Core `id` (created empty on first use). */
  core(id: number, rngSeed?: number): CoreDesc {
    if (!Number.isInteger(id) || id < 0 || id >= this.cols * this.rows) fail('core', `must be 0..${this.cols * this.rows - 1}, got ${id}`);
    let c = this.cores.get(id);
    if (!c) { c = emptyCore(id); this.cores.set(id, c); }
    if (rngSeed !== undefined) c.rngSeed = rngSeed >>> 0;
    return c;
  }

  coreAt(x: number, y: number): number { return y * this.cols + x; }

  neuron(core: number, j: number, type: number): this { this.core(core).types[j] = type; return this; }

  axon(core: number, i: number, G: number): this { this.core(core).axonTypes[i] = G; return this; }

  connect(core: number, axon: number, neurons: number | number[]): this {
    const c = this.core(core);
    for (const j of Array.isArray(neurons) ? neurons : [neurons]) setSynapse(c, axon, j);
    return this;
  }

  /** Route neuron `j` of `core` to (dst core, axon) with `delay` ticks, or to the output. */
  route(core: number, j: number, to: Target | 'output', delay = 1): this {
    const c = this.core(core);
    if (to === 'output') { c.destCores[j] = DEST_OUTPUT; c.destDelays[j] = delay; return this; }
    c.destCores[j] = to.core; c.destAxons[j] = to.axon; c.destDelays[j] = to.delay ?? delay;
    return this;
  }

  /** First free neuron index (type −1) in `core` from `from`. */
  freeNeuron(core: number, from = 0): number {
    const c = this.core(core);
    for (let j = from; j < 256; j++) if (c.types[j] < 0) return j;
    return fail(`cores[${core}]`, 'no free neuron left for a splitter');
  }

  /** Fan-out: relay neurons in `core` listen to `axon` and each sends one copy to a target. */
  splitter(core: number, axon: number, targets: Target[]): number[] {
    const relay = this.type(RELAY);
    const out: number[] = [];
    let j = 0;
    for (const t of targets) {
      j = this.freeNeuron(core, j);
      this.neuron(core, j, relay).connect(core, axon, j).route(core, j, t);
      out.push(j);
    }
    return out;
  }

  /** Copy a sub-network into this grid at core offset (dx, dy): types are merged, routes shifted. */
  compose(sub: NetworkDesc, dx = 0, dy = 0): this {
    const typeMap = sub.neuronTypes.map((t) => this.type(t));
    const mapId = (id: number) => {
      const x = (id % sub.cols) + dx;
      const y = Math.floor(id / sub.cols) + dy;
      if (x < 0 || y < 0 || x >= this.cols || y >= this.rows) fail('compose', `core ${id} of the sub-network lands outside the ${this.cols} × ${this.rows} grid`);
      return this.coreAt(x, y);
    };
    for (const s of sub.cores) {
      const c = this.core(mapId(s.id), s.rngSeed);
      c.axonTypes.set(s.axonTypes);
      c.crossbar.set(s.crossbar);
      for (let j = 0; j < 256; j++) {
        c.types[j] = s.types[j] < 0 ? -1 : typeMap[s.types[j]];
        const d = s.destCores[j];
        c.destCores[j] = d >= 0 && d < sub.cols * sub.rows ? mapId(d) : d;
        c.destAxons[j] = s.destAxons[j];
        c.destDelays[j] = s.destDelays[j];
      }
    }
    if (sub.switches) this.switches(sub.switches);
    return this;
  }

  build(): NetworkDesc {
    const cores = [...this.cores.values()].sort((a, b) => a.id - b.id);
    return { cols: this.cols, rows: this.rows, neuronTypes: this.types.slice(), cores, switches: { ...this.sw } };
  }
}
