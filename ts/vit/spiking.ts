// Spiking variant of the sWTA filter on the TrueNorth emulator (MODEL.md §8.8; decisions in
// docs/vit.md "Spiking variant").
//
// - Steps 1–2 (max normalisation, PV subtraction) stay feedforward in the engine (filter mode
//   normPV), giving FF ∈ [0, 1].
// - FF is encoded as Bernoulli spikes, p = FF per 1 ms tick, over T ticks (seeded).
// - The image is tiled into R×R regions (R = 7 by default: 16 cores for 28×28, one per ViT patch);
//   each core runs one sWTA field over its region. Per pixel j of a region: an input axon (type 0), a
//   PYR neuron, an SST neuron, a PYR axon (type 1) and an SST axon (type 2) — 3·R² axons, 2·R² neurons.
//   · input axon j → PYR j, weight +α (gain 1);
//   · PYR j → PYR axon j (delay 1) → PYR neurons in the 3×3 neighbourhood (cooperation, +w_E) and SST j;
//   · SST j (a relay) → SST axon j (delay 1) → PYR neurons in the 7×7 neighbourhood (competition, −w_I);
//   · PYR: linear reset (γ = 1), κ = 1, β = 0, leak −θ·α: r = clip((Σ p·s + leak)/α, 0, 1), the rate
//     model's clipped drive with means replaced by sums × 1/9 and × 1/49 (interior counts).
//   LAMP5 divisive normalisation has no linear-integrator equivalent and is left out; neighbourhoods
//   stop at region borders.
// - Output: PYR spike count / T, then the per-image max normalisation of step 4.
import { TrueNorthBuilder, RELAY } from '../truenorth/builder.js';
import { TrueNorthSim } from '../truenorth/sim.js';
import type { NetworkDesc } from '../truenorth/types.js';
import { engine as getEngine } from '../backend/registry.js';
import type { BackendName } from '../backend/engine.js';
import { fail } from '../abi/errors.js';
import { sWTAFilter } from './filter.js';
import { FILTER_DEFAULTS, type FilterParams } from './params.js';
import { HarnessRng } from './rng.js';

export interface SpikingOptions {
  /** Ticks per image (MODEL.md §8.8: 32–100). Default 64. */
  ticks: number;
  /** Region side R (one core per region, 3·R² ≤ 256 axons → R ≤ 9). Default 7. */
  region: number;
  /** PYR threshold α (weight scale). Default 64. */
  alpha: number;
  seed: number;
  params: FilterParams;
}

export const SPIKING_DEFAULTS: SpikingOptions = { ticks: 64, region: 7, alpha: 64, seed: 1, params: { ...FILTER_DEFAULTS } };

export function spikingNetwork(h: number, w: number, o: SpikingOptions = SPIKING_DEFAULTS): NetworkDesc {
  const R = o.region;
  if (!Number.isInteger(R) || R < 1 || 3 * R * R > 256) fail('region', `must be an integer with 3·R² ≤ 256 (1–9), got ${R}`);
  const p = o.params;
  const cols = Math.ceil(w / R), rows = Math.ceil(h / R);
  const b = new TrueNorthBuilder(cols, rows);
  const wE = Math.round((p.a * o.alpha) / (p.kE * p.kE)), wI = Math.round((p.b * o.alpha) / (p.kI * p.kI));
  const pyr = b.type({ name: 'PYR', sigma0: 1, s0: o.alpha, sigma1: 1, s1: wE, sigma2: -1, s2: wI, sigma_lambda: -1, lambda: Math.round(p.theta * o.alpha),
    alpha: o.alpha, beta: 0, kappa: true, gamma: 1, VR: 0 });
  const sst = b.type({ ...RELAY, name: 'SST' });
  const rE = Math.floor(p.kE / 2), rI = Math.floor(p.kI / 2);
  const n = R * R;
  for (let cy = 0; cy < rows; cy++) for (let cx = 0; cx < cols; cx++) {
    const c = b.coreAt(cx, cy);
    b.core(c, o.seed + c);
    const rh = Math.min(R, h - cy * R), rw = Math.min(R, w - cx * R);
    for (let u = 0; u < rh; u++) for (let v = 0; v < rw; v++) {
      const j = u * R + v;
      b.axon(c, j, 0).axon(c, n + j, 1).axon(c, 2 * n + j, 2);
      b.neuron(c, j, pyr).neuron(c, n + j, sst);
      b.connect(c, j, j).connect(c, n + j, n + j);
      b.route(c, j, { core: c, axon: n + j }).route(c, n + j, { core: c, axon: 2 * n + j });
      for (let du = -rI; du <= rI; du++) for (let dv = -rI; dv <= rI; dv++) {
        const uu = u + du, vv = v + dv;
        if (uu < 0 || vv < 0 || uu >= rh || vv >= rw) continue;
        const k = uu * R + vv;
        if (Math.abs(du) <= rE && Math.abs(dv) <= rE) b.connect(c, n + j, k);
        b.connect(c, 2 * n + j, k);
      }
    }
  }
  return b.build();
}

/** Spiking sWTA filter over n images (h×w, [0, 1]); returns outputs in [0, 1] (h·w each). */
export async function spikingFilter(x: Float32Array, n: number, h: number, w: number, opts: Partial<SpikingOptions> = {}, backend: BackendName | 'auto' = 'wasm'): Promise<Float32Array> {
  const o = { ...SPIKING_DEFAULTS, ...opts };
  if (!Number.isInteger(o.ticks) || o.ticks < 1 || o.ticks > 100000) fail('ticks', `must be an integer in [1, 100000], got ${o.ticks}`);
  const e = await getEngine(backend);
  const ff = new sWTAFilter(e, { ...o.params, mode: 'normPV' }).planes(x, n, h, w);
  const net = spikingNetwork(h, w, o);
  const R = o.region, cols = Math.ceil(w / R), nR = R * R;
  const out = new Float32Array(n * h * w);
  const rng = new HarnessRng(o.seed);
  for (let k = 0; k < n; k++) {
    const spikes: number[] = [];
    for (let t = 0; t < o.ticks; t++) for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) {
      if (rng.next() < ff[k * h * w + i * w + j]) spikes.push(t, Math.floor(i / R) * cols + Math.floor(j / R), (i % R) * R + (j % R));
    }
    const sim = TrueNorthSim.compile(e, net, { record: 'all' });
    try {
      sim.inject(Int32Array.from(spikes));
      const rec = sim.run(o.ticks);
      const img = out.subarray(k * h * w, (k + 1) * h * w);
      for (let s = 0; s < rec.length; s += 3) {
        const [t, core, neuron] = [rec[s], rec[s + 1], rec[s + 2]];
        if (neuron >= nR || t >= o.ticks) continue;
        const i = Math.floor(core / cols) * R + Math.floor(neuron / R), j = (core % cols) * R + (neuron % R);
        img[i * w + j] += 1 / o.ticks;
      }
      let m = 0;
      for (const v of img) m = Math.max(m, v);
      for (let q = 0; q < img.length; q++) img[q] = img[q] / (m + o.params.epsOut);
    } finally {
      sim.free();
    }
  }
  return out;
}
