// The browser demo (ts/demo/index.html): loads swta.wasm, then runs three panels on one Engine —
// the L2/3 sWTA module live (chunks of 25 ms per engine call, paced by requestAnimationFrame), a
// one-core TrueNorth soft WTA in lockstep, and the sWTA image filter on a digit drawn on a canvas.
// Bundled by ts/demo/build.ts (esbuild); no network access after the page and the .wasm are loaded.
// State for tests and the curious: window.__demo.
import { loadWasm } from '../abi/wasm.js';
import { Engine } from '../backend/engine.js';
import { Network } from '../sim/network.js';
import { l23Module, type L23Module } from '../circuit/l23.js';
import { rasterSvg, lineSvg, imageGridSvg, color } from '../report/plot.js';
import { sWTAFilter } from '../vit/filter.js';
import { TnDemo, TN_GROUP, TN_INH } from './tn.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

const CHUNK_MS = 25; // biological ms per engine call (250 steps at dt = 0.1 ms)
const TN_CHUNK = 50; // ticks per TrueNorth engine call
const FRAME_BUDGET_MS = 30; // wall ms of simulation per animation frame
const RASTER_MS = 1000;
const RATE_BIN_MS = 50;
const RATE_HISTORY_MS = 5000;
const SMOOTH_BINS = 5; // rate plot: moving average over 5 bins = 250 ms
const WINNER_WINDOW_MS = 500;

interface Spikes { ids: number[]; t: number[] }

interface DemoState {
  ready: boolean;
  errors: string[];
  wasmLoadMs: number;
  module: { t_ms: number; sinceChange_ms: number; rates_Hz: number[]; winner: number; /** every cell population, last 500 ms */ populations_Hz: Record<string, number>; inputs: { in0: number; in1: number; ctx: number; l1: number }; wallPerSimS: number; neurons: number; synapses: number };
  tn: { tick: number; sinceChange_ms: number; rates_Hz: number[]; inh_Hz: number; winner: number };
  filter: { runs: number; inputMean: number; outputMean: number; meanAbsDiff: number; ms: number };
}

const state: DemoState = {
  ready: false, errors: [], wasmLoadMs: 0,
  module: { t_ms: 0, sinceChange_ms: 0, rates_Hz: [0, 0], winner: -1, populations_Hz: {}, inputs: { in0: 0, in1: 0, ctx: 0, l1: 0 }, wallPerSimS: 0, neurons: 0, synapses: 0 },
  tn: { tick: 0, sinceChange_ms: 0, rates_Hz: [0, 0], inh_Hz: 0, winner: -1 },
  filter: { runs: 0, inputMean: 0, outputMean: 0, meanAbsDiff: 0, ms: 0 },
};
(globalThis as unknown as { __demo: DemoState }).__demo = state;

function report(e: unknown): void {
  const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  state.errors.push(msg);
  $('errors').textContent = state.errors.join('\n');
}
window.addEventListener('error', (ev) => report(ev.error ?? ev.message));
window.addEventListener('unhandledrejection', (ev) => report(ev.reason));

/** A group wins when its rate is ≥ 1.5× the other's and above 5 Hz; −1 = no clear winner. */
function winnerOf(r: number[]): number {
  const k = r[0] >= r[1] ? 0 : 1;
  return r[k] > 5 && r[k] >= 1.5 * r[1 - k] ? k : -1;
}

// ---------------------------------------------------------------- controls
const sliders = ['in0', 'in1', 'ctx', 'l1', 'noise'] as const;
const val = (id: string) => Number($<HTMLInputElement>(id).value);
let lastChangeT = 0;
let lastChangeTick = 0;

function inputs() { return { in0: val('in0'), in1: val('in1'), ctx: val('ctx'), l1: val('l1') }; }

// ---------------------------------------------------------------- L2/3 module
class ModulePanel {
  m!: L23Module;
  net!: Network;
  cells: string[] = [];
  spikes = new Map<string, Spikes>();
  bins: { t: number; r: number[] }[] = [];
  private binCount = [0, 0];
  private binStart = 0;
  t = 0;
  wallMs = 0;

  async reset(engine: Engine): Promise<void> {
    // build first, then swap: animation frames keep stepping the old network until then
    const m = l23Module({ seed: 1 });
    const net = await Network.create(m.spec, { engine });
    this.net?.free();
    this.m = m;
    this.net = net;
    const n = this.m.names;
    this.cells = [...n.PYR, ...n.PV, ...n.SST, ...n.VIP, ...n.LAMP5];
    this.spikes = new Map(this.cells.map((c) => [c, { ids: [], t: [] }]));
    this.bins = [];
    this.binCount = [0, 0];
    this.binStart = 0;
    this.t = 0;
    this.wallMs = 0;
    lastChangeT = 0;
    state.module.sinceChange_ms = 0;
    this.apply();
    const info = this.net.info();
    state.module.neurons = this.cells.reduce((s, c) => s + this.m.spec.populations.find((p) => p.name === c)!.n, 0);
    state.module.synapses = info.synapses;
  }

  size(pop: string): number { return this.m.spec.populations.find((p) => p.name === pop)!.n; }

  apply(): void {
    const x = inputs();
    this.net.setParam(this.m.ff[0], 'rate_Hz', x.in0).setParam(this.m.ff[1], 'rate_Hz', x.in1);
    this.net.setParam(this.m.ctx, 'rate_Hz', x.ctx).setParam(this.m.l1, 'rate_Hz', x.l1);
    state.module.inputs = x;
  }

  /** One engine call: CHUNK_MS of biological time; spikes drained into the JS history. */
  step(): void {
    const w0 = performance.now();
    this.net.run(CHUNK_MS, { chunk_ms: CHUNK_MS });
    this.wallMs += performance.now() - w0;
    const t1 = this.t + CHUNK_MS;
    for (const c of this.cells) {
      const s = this.net.spikeTrain(c);
      const h = this.spikes.get(c)!;
      for (let i = 0; i < s.ids.length; i++) { h.ids.push(s.ids[i]); h.t.push(s.t_ms[i]); }
      const k = this.m.groups.indexOf(c);
      if (k >= 0) this.binCount[k] += s.ids.length;
      // keep the raster window only
      let cut = 0;
      while (cut < h.t.length && h.t[cut] < t1 - RASTER_MS) cut++;
      if (cut) { h.ids.splice(0, cut); h.t.splice(0, cut); }
    }
    this.net.clearRecords();
    this.t = t1;
    if (this.t - this.binStart >= RATE_BIN_MS) {
      const n = this.m.spec.populations.find((p) => p.name === this.m.groups[0])!.n;
      this.bins.push({ t: this.t, r: this.binCount.map((c) => c / n / ((this.t - this.binStart) / 1000)) });
      this.binCount = [0, 0];
      this.binStart = this.t;
      while (this.bins.length && this.bins[0].t < this.t - RATE_HISTORY_MS) this.bins.shift();
    }
  }

  rates(window_ms: number): number[] {
    const recent = this.bins.filter((b) => b.t > this.t - window_ms);
    if (!recent.length) return [0, 0];
    return [0, 1].map((k) => recent.reduce((s, b) => s + b.r[k], 0) / recent.length);
  }

  render(): void {
    const r = this.rates(WINNER_WINDOW_MS);
    const win = winnerOf(r);
    const span = Math.min(WINNER_WINDOW_MS, this.t) || 1;
    const populations_Hz = Object.fromEntries(this.cells.map((c) => [c, this.spikes.get(c)!.t.filter((t) => t > this.t - span).length / this.size(c) / (span / 1000)]));
    Object.assign(state.module, { t_ms: this.t, sinceChange_ms: this.t - lastChangeT, rates_Hz: r, winner: win, populations_Hz, wallPerSimS: this.t ? (this.wallMs / this.t) * 1000 : 0 });
    const w = $('winner');
    w.textContent = win >= 0
      ? `Group ${win} wins: ${r[win].toFixed(1)} Hz vs ${r[1 - win].toFixed(1)} Hz (last ${WINNER_WINDOW_MS} ms)`
      : `No clear winner: ${r[0].toFixed(1)} Hz vs ${r[1].toFixed(1)} Hz (last ${WINNER_WINDOW_MS} ms)`;
    w.dataset.winner = String(win);
    w.style.color = win >= 0 ? color(win) : '#444';
    $('module-stats').textContent = `t = ${(this.t / 1000).toFixed(2)} s simulated; ${state.module.neurons} neurons, ${state.module.synapses} synapses; ` +
      `engine: ${state.module.wallPerSimS.toFixed(0)} ms wall per simulated s`;
    const t1 = Math.max(this.t, RATE_HISTORY_MS);
    const xs = this.bins.map((b) => b.t / 1000);
    const smooth = (k: number) => this.bins.map((_, i) => { const w = this.bins.slice(Math.max(0, i - SMOOTH_BINS + 1), i + 1); return w.reduce((s, b) => s + b.r[k], 0) / w.length; });
    const ys = [smooth(0), smooth(1)];
    $('module-rates').innerHTML = lineSvg([
      { label: 'PYR group 0', x: xs, y: ys[0] },
      { label: 'PYR group 1', x: xs, y: ys[1] },
    ], { title: `Group rates (${SMOOTH_BINS * RATE_BIN_MS} ms moving average)`, xLabel: 'time (s)', yLabel: 'rate (Hz)', xRange: [(t1 - RATE_HISTORY_MS) / 1000, t1 / 1000], yRange: [0, Math.max(40, ...ys[0], ...ys[1]) * 1.05], width: 560, height: 260 });
    const t0 = Math.max(0, this.t - RASTER_MS);
    $('module-raster').innerHTML = rasterSvg(this.cells.map((c) => ({ label: c, n: this.m.spec.populations.find((p) => p.name === c)!.n, ...idsT(this.spikes.get(c)!) })),
      t0, t0 + RASTER_MS, { title: `Raster, last ${RASTER_MS} ms`, width: 1280, height: 300 });
  }
}

const idsT = (s: Spikes) => ({ ids: s.ids, t_ms: s.t });

// ---------------------------------------------------------------- TrueNorth
class TnPanel {
  tn!: TnDemo;
  tick = 0;
  spikes: Spikes = { ids: [], t: [] };
  counts: { tick: number; c: number[] }[] = [];

  reset(engine: Engine): void {
    this.tn?.free();
    this.tn = new TnDemo(engine);
    this.tick = 0;
    this.spikes = { ids: [], t: [] };
    this.counts = [];
    lastChangeTick = 0;
    state.tn.sinceChange_ms = 0;
  }

  step(): void {
    const x = inputs();
    const s = this.tn.step(TN_CHUNK, [x.in0 / 100, x.in1 / 100]);
    const c = [0, 0, 0];
    for (let i = 0; i < s.neurons.length; i++) {
      const n = s.neurons[i];
      this.spikes.ids.push(n);
      this.spikes.t.push(s.ticks[i]);
      c[n < TN_GROUP ? 0 : n < 2 * TN_GROUP ? 1 : 2]++;
    }
    this.tick += TN_CHUNK;
    this.counts.push({ tick: this.tick, c });
    while (this.counts.length && this.counts[0].tick <= this.tick - WINNER_WINDOW_MS) this.counts.shift();
    let cut = 0;
    while (cut < this.spikes.t.length && this.spikes.t[cut] < this.tick - RASTER_MS) cut++;
    if (cut) { this.spikes.ids.splice(0, cut); this.spikes.t.splice(0, cut); }
  }

  render(): void {
    const span = Math.min(WINNER_WINDOW_MS, this.tick) / 1000 || 1;
    const sum = [0, 1, 2].map((k) => this.counts.reduce((s, b) => s + b.c[k], 0));
    const r = [sum[0] / TN_GROUP / span, sum[1] / TN_GROUP / span];
    const win = winnerOf(r);
    Object.assign(state.tn, { tick: this.tick, sinceChange_ms: this.tick - lastChangeTick, rates_Hz: r, inh_Hz: sum[2] / TN_INH / span, winner: win });
    const el = $('tn-stats');
    el.textContent = `tick ${this.tick}; group 0 ${r[0].toFixed(1)} Hz, group 1 ${r[1].toFixed(1)} Hz, inhibitory ${state.tn.inh_Hz.toFixed(1)} Hz` +
      (win >= 0 ? ` — group ${win} wins` : ' — no clear winner');
    el.dataset.winner = String(win);
    const sel = (lo: number, hi: number) => {
      const ids: number[] = [];
      const t: number[] = [];
      for (let i = 0; i < this.spikes.ids.length; i++) if (this.spikes.ids[i] >= lo && this.spikes.ids[i] < hi) { ids.push(this.spikes.ids[i] - lo); t.push(this.spikes.t[i]); }
      return { ids, t_ms: t };
    };
    const t0 = Math.max(0, this.tick - RASTER_MS);
    $('tn-raster').innerHTML = rasterSvg([
      { label: 'group 0', n: TN_GROUP, ...sel(0, TN_GROUP) },
      { label: 'group 1', n: TN_GROUP, ...sel(TN_GROUP, 2 * TN_GROUP) },
      { label: 'inhibitory', n: TN_INH, ...sel(2 * TN_GROUP, 2 * TN_GROUP + TN_INH) },
    ], t0, t0 + RASTER_MS, { title: `TrueNorth raster, last ${RASTER_MS} ticks`, width: 1280, height: 240 });
  }
}

// ---------------------------------------------------------------- image filter
class FilterPanel {
  private filter: sWTAFilter;
  private readonly canvas = $<HTMLCanvasElement>('draw');
  private readonly g = this.canvas.getContext('2d')!;
  private drawing = false;
  private last: [number, number] | null = null;

  constructor(engine: Engine) {
    this.filter = new sWTAFilter(engine, {});
    this.clear();
    const pos = (e: PointerEvent): [number, number] => {
      const b = this.canvas.getBoundingClientRect();
      return [((e.clientX - b.left) * this.canvas.width) / b.width, ((e.clientY - b.top) * this.canvas.height) / b.height];
    };
    this.canvas.addEventListener('pointerdown', (e) => { this.drawing = true; this.last = pos(e); this.line(this.last, this.last); this.canvas.setPointerCapture?.(e.pointerId); });
    this.canvas.addEventListener('pointermove', (e) => { if (!this.drawing) return; const p = pos(e); this.line(this.last!, p); this.last = p; });
    const end = () => { if (this.drawing) { this.drawing = false; this.run(); } };
    this.canvas.addEventListener('pointerup', end);
    this.canvas.addEventListener('pointercancel', end);
    $('clear').addEventListener('click', () => { this.clear(); this.run(); });
    $('sample').addEventListener('click', () => { this.sample(); this.run(); });
    $('apply').addEventListener('click', () => this.run());
    $('noise').addEventListener('input', () => this.run());
  }

  private line(a: [number, number], b: [number, number]): void {
    const g = this.g;
    g.strokeStyle = '#fff';
    g.lineWidth = 22;
    g.lineCap = 'round';
    g.lineJoin = 'round';
    g.beginPath();
    g.moveTo(a[0], a[1]);
    g.lineTo(b[0], b[1]);
    g.stroke();
  }

  clear(): void {
    this.g.fillStyle = '#000';
    this.g.fillRect(0, 0, this.canvas.width, this.canvas.height);
  }

  /** A handwritten-looking "7" with a crossbar. */
  sample(): void {
    this.clear();
    const pts: [number, number][][] = [[[70, 62], [140, 58], [210, 60], [180, 120], [150, 180], [128, 232]], [[110, 146], [190, 142]]];
    for (const s of pts) for (let i = 1; i < s.length; i++) this.line(s[i - 1], s[i]);
  }

  /** The canvas reduced to 28×28 greys in [0, 1], optionally dimmed and noised (night-like). */
  input(): Float32Array {
    const small = document.createElement('canvas');
    small.width = 28;
    small.height = 28;
    const g = small.getContext('2d')!;
    g.imageSmoothingEnabled = true;
    g.imageSmoothingQuality = 'high';
    g.drawImage(this.canvas, 0, 0, 28, 28);
    const d = g.getImageData(0, 0, 28, 28).data;
    const x = new Float32Array(28 * 28);
    const noise = val('noise');
    let seed = 12345;
    for (let i = 0; i < x.length; i++) {
      const v = (0.299 * d[4 * i] + 0.587 * d[4 * i + 1] + 0.114 * d[4 * i + 2]) / 255;
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      x[i] = noise > 0 ? Math.min(1, (1 - noise) * v + noise * (seed / 4294967296)) : v;
    }
    return x;
  }

  run(): void {
    const t0 = performance.now();
    const x = this.input();
    const y = this.filter.apply(x, [1, 28, 28]).data;
    const ms = performance.now() - t0;
    let sx = 0, sy = 0, sd = 0;
    for (let i = 0; i < x.length; i++) { sx += x[i]; sy += y[i]; sd += Math.abs(y[i] - x[i]); }
    const n = x.length;
    state.filter = { runs: state.filter.runs + 1, inputMean: sx / n, outputMean: sy / n, meanAbsDiff: sd / n, ms };
    $('filter-out').innerHTML = imageGridSvg([{ label: 'input 28×28', images: [x] }, { label: 'sWTA filtered', images: [y] }], 28, 28, { px: 7 });
    $('filter-stats').textContent = `mean input ${(sx / n).toFixed(3)}, mean output ${(sy / n).toFixed(3)}, mean |output − input| ${(sd / n).toFixed(3)}; ${ms.toFixed(1)} ms`;
  }
}

// ---------------------------------------------------------------- main loop
async function main(): Promise<void> {
  const t0 = performance.now();
  const loaded = await loadWasm(new URL('swta.wasm', location.href));
  const engine = new Engine('wasm', loaded.exports, loaded.memory);
  state.wasmLoadMs = performance.now() - t0;

  const mod = new ModulePanel();
  await mod.reset(engine);
  const tn = new TnPanel();
  tn.reset(engine);
  const filt = new FilterPanel(engine);
  filt.sample();
  filt.run();

  const changed = () => {
    for (const id of sliders) $<HTMLOutputElement>(`${id}-v`).value = String(val(id));
    mod.apply();
    lastChangeT = mod.t;
    lastChangeTick = tn.tick;
    state.module.sinceChange_ms = 0; // (render() refreshes these; stale values would look settled)
    state.tn.sinceChange_ms = 0;
  };
  for (const id of ['in0', 'in1', 'ctx', 'l1']) $(id).addEventListener('input', changed);
  $('noise').addEventListener('input', () => { $<HTMLOutputElement>('noise-v').value = String(val('noise')); });
  $('swap').addEventListener('click', () => {
    const a = $<HTMLInputElement>('in0'), b = $<HTMLInputElement>('in1');
    [a.value, b.value] = [b.value, a.value];
    changed();
  });
  let paused = false;
  $('pause').addEventListener('click', () => { paused = !paused; $('pause').textContent = paused ? 'Resume' : 'Pause'; });
  $('reset').addEventListener('click', async () => { await mod.reset(engine); tn.reset(engine); });

  $('status').textContent = `WASM engine loaded in ${state.wasmLoadMs.toFixed(0)} ms (artifacts/swta.wasm, ${(loaded.exports as unknown as { memory: WebAssembly.Memory }).memory.buffer.byteLength >> 20} MB memory)`;
  state.ready = true;
  document.body.dataset.ready = '1';

  let lastWall = performance.now();
  let debt = 0; // biological ms owed to real time
  let lastRender = 0;
  const frame = () => {
    try {
      const now = performance.now();
      const speed = $<HTMLSelectElement>('speed').value;
      if (!paused) {
        debt = Math.min(debt + (now - lastWall) * (speed === 'max' ? 0 : Number(speed)), 200);
        const unlimited = speed === 'max';
        while (performance.now() - now < FRAME_BUDGET_MS && (unlimited || debt >= CHUNK_MS)) {
          mod.step();
          if (!unlimited) debt -= CHUNK_MS;
          while (tn.tick + TN_CHUNK <= mod.t) tn.step();
        }
      }
      lastWall = now;
      if (now - lastRender > 100) { mod.render(); tn.render(); lastRender = now; }
    } catch (e) {
      report(e);
      paused = true;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

main().catch(report);
