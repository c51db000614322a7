// Input preprocessing for the segmenter (docs/seg.md §4, §8). A variant is a ViT-harness variant
// ('raw', 'field', 'field:gammaPV=1', …: ts/vit/data.ts) optionally preceded by TypeScript stages,
// each written `name` or `name(key=value,…)` and joined by '+', applied left to right before the
// filter: 'ln+field', 'dn+ln+field', 'cg(k=31)+field'.
//
//   ln(k=15,sigma0=0.02,R=4,f=0)  local divisive normalisation  L(x) = min(1, x / (R · (max(M_k(x), f·median(x)) + σ0)))
//   gn(sigma0=0.02,R=4)    global divisive normalisation by the image median  G(x) = min(1, x / (R · (median(x) + σ0)))
//   dn(s=1)                Gaussian denoising, σ = s px, border-normalised (weights renormalised inside the image)
//   cg(k=31,c=0.14,g=6.67,s=1)  local contrast gain, the identity wherever the local contrast is at
//                          least the day level c (see contrastGain)
//   th(k=11,m=0.17,g=4,h=1,l=0.3)  white top-hat background subtraction (x − opening), a global
//                          brightness gain min(g, max(1, m/median)), glare removal by hysteresis (see topHat; §9)
//   ap(m=0.17,s=1)         luminance-adaptive pooling: dn with σ = s·√(max(0, m/median − 1)) (see adaptivePool; §9)
//
// M_k = border-aware k×k box mean. Why L: the §8.6 filter's step 1 divides by the image maximum, so
// one glare blob (≈ 1.0) sets the scale of a night scene and its dim digits stay dim; L replaces the
// global maximum by the local mean as the divisor (docs/seg.md §4; k, σ0, R fixed on principle).
// 'ln+raw' is the normalisation-only control. Why cg: L costs ≈ 4.5 points of day mIoU because it
// rescales every window, including day windows whose contrast needs no help; cg only amplifies
// where the local contrast is below the day level, by at most 1 / (brightness · contrast) of the
// documented night lighting, and smooths in proportion to the gain it applies (docs/seg.md §8).
import { Preprocessor, type Variant } from '../vit/data.js';
import { fail } from '../abi/errors.js';

export const LOCAL_NORM = { k: 15, sigma0: 0.02, R: 4, f: 0 };
export const GLOBAL_NORM = { sigma0: 0.02, R: 4 };
export const DENOISE = { s: 1 };
/** Contrast-gain defaults (docs/seg.md §8.2; the stage was not run): k ≈ a digit plus margin; c ≈ the
 * local s.d. (k = 31) of a day window holding a digit; g = 1 / (0.25 · 0.6), the night lighting's
 * contrast loss; s as dn. */
export const CONTRAST_GAIN = { k: 31, c: 0.14, g: 1 / (0.25 * 0.6), s: 1 };
/** Top-hat background subtraction + glare removal defaults (docs/seg.md §9.2): k = 11, the smallest odd
 * square whose top-hat keeps ≥ 90 % of the ink contrast of the k = 15 plateau on day scenes after dn;
 * m = 0.17, the 5th percentile of day-image medians (0.23, their median, gave a > 1 to half the day
 * images); g = 4 = 1 / 0.25, the documented night dimming; h = 1, above
 * any day ink contrast; l = 0.3 ≈ the 99th percentile of the day background's top-hat (0.28). */
export const TOP_HAT = { k: 11, m: 0.17, g: 4, h: 1, l: 0.3 };
/** Luminance-adaptive pooling defaults (docs/seg.md §9.2): m = the 5th percentile of day medians, s = 1 px. */
export const ADAPTIVE_POOL = { m: 0.17, s: 1 };

export type SegVariant = Variant | `${string}+${Variant}`;

type Stage =
  | { kind: 'ln'; o: typeof LOCAL_NORM }
  | { kind: 'gn'; o: typeof GLOBAL_NORM }
  | { kind: 'dn'; o: typeof DENOISE }
  | { kind: 'cg'; o: typeof CONTRAST_GAIN }
  | { kind: 'th'; o: typeof TOP_HAT }
  | { kind: 'ap'; o: typeof ADAPTIVE_POOL };

const STAGES = { ln: LOCAL_NORM, gn: GLOBAL_NORM, dn: DENOISE, cg: CONTRAST_GAIN, th: TOP_HAT, ap: ADAPTIVE_POOL } as const;

/** Border-aware box mean (window side k, odd) of each S×S plane, via an integral image. */
export function boxMean(x: Float32Array | Float64Array, n: number, S: number, k: number): Float32Array {
  const r = (k - 1) / 2, P = S * S, I = new Float64Array((S + 1) * (S + 1)), out = new Float32Array(n * P);
  for (let p = 0; p < n; p++) {
    for (let i = 0; i < S; i++) for (let j = 0; j < S; j++) I[(i + 1) * (S + 1) + j + 1] = x[p * P + i * S + j] + I[i * (S + 1) + j + 1] + I[(i + 1) * (S + 1) + j] - I[i * (S + 1) + j];
    for (let i = 0; i < S; i++) for (let j = 0; j < S; j++) {
      const a = Math.max(0, i - r), b = Math.min(S, i + r + 1), c = Math.max(0, j - r), d = Math.min(S, j + r + 1);
      out[p * P + i * S + j] = (I[b * (S + 1) + d] - I[a * (S + 1) + d] - I[b * (S + 1) + c] + I[a * (S + 1) + c]) / ((b - a) * (d - c));
    }
  }
  return out;
}

/** Median of each S×S plane (the mean of the two middle values for an even count). */
export function planeMedians(x: Float32Array, n: number, S: number): Float64Array {
  return planeQuantiles(x, n, S, 0.5);
}

/** L(x) = min(1, x / (R · (max(M_k(x), f · median(x)) + σ0))); f = 0 (default) is the original L. */
export function localNorm(x: Float32Array, n: number, S: number, o: { k: number; sigma0: number; R: number; f?: number } = LOCAL_NORM): Float32Array {
  const f = o.f ?? 0;
  checkOpts('ln', { ...o, f });
  const m = boxMean(x, n, S, o.k), P = S * S;
  const med = f > 0 ? planeMedians(x, n, S) : null;
  return m.map((mv, q) => Math.min(1, x[q] / (o.R * ((med ? Math.max(mv, f * med[Math.floor(q / P)]) : mv) + o.sigma0))));
}

/** Global divisive normalisation by the plane's median: G(x) = min(1, x / (R · (median(x) + σ0))). */
export function globalNorm(x: Float32Array, n: number, S: number, o = GLOBAL_NORM): Float32Array {
  checkOpts('gn', o);
  const med = planeMedians(x, n, S), P = S * S;
  return x.map((v, q) => Math.min(1, v / (o.R * (med[Math.floor(q / P)] + o.sigma0))));
}

/** Separable Gaussian blur of each S×S plane, σ = s px, radius ⌈3s⌉, weights renormalised over the
 * taps inside the image (a constant image stays constant up to rounding; no dark border). s = 0 copies. */
export function denoise(x: Float32Array, n: number, S: number, o = DENOISE): Float32Array {
  checkOpts('dn', o);
  const out = new Float32Array(x.length);
  if (o.s === 0) { out.set(x); return out; }
  const r = Math.ceil(3 * o.s), w = Float64Array.from({ length: 2 * r + 1 }, (_, t) => Math.exp(-((t - r) ** 2) / (2 * o.s * o.s)));
  const P = S * S, tmp = new Float64Array(P);
  for (let p = 0; p < n; p++) {
    const src = x.subarray(p * P, (p + 1) * P), dst = out.subarray(p * P, (p + 1) * P);
    for (let i = 0; i < S; i++) for (let j = 0; j < S; j++) {
      let s = 0, z = 0;
      for (let d = Math.max(-r, -j); d <= Math.min(r, S - 1 - j); d++) { s += w[d + r] * src[i * S + j + d]; z += w[d + r]; }
      tmp[i * S + j] = s / z;
    }
    for (let i = 0; i < S; i++) for (let j = 0; j < S; j++) {
      let s = 0, z = 0;
      for (let d = Math.max(-r, -i); d <= Math.min(r, S - 1 - i); d++) { s += w[d + r] * tmp[(i + d) * S + j]; z += w[d + r]; }
      dst[i * S + j] = s / z;
    }
  }
  return out;
}

/**
 * Local contrast gain (docs/seg.md §8.2). With b = dn_s(x), m = M_k(b), σ = √(M_k(b²) − m²):
 *
 *   g = min(g_max, max(1, c / σ)),   x̃ = x + (1 − 1/g)(b − x),   y = clip(m + g·(x̃ − m), 0, 1)
 *
 * Where the local s.d. is at least the day level c, g = 1 and y = x exactly (no smoothing either).
 * Where it is lower (dim, low-contrast light), deviations from the local mean are amplified back
 * towards the day contrast, at most by g_max; because white noise is amplified by the same g, the
 * pixel is blended towards its denoised value by 1 − 1/g (no smoothing at g = 1, nearly full at g_max).
 */
export function contrastGain(x: Float32Array, n: number, S: number, o = CONTRAST_GAIN): Float32Array {
  checkOpts('cg', o);
  const b = denoise(x, n, S, { s: o.s });
  const m = boxMean(b, n, S, o.k), m2 = boxMean(b.map((v) => v * v), n, S, o.k);
  const y = new Float32Array(x.length);
  for (let q = 0; q < x.length; q++) {
    const sd = Math.sqrt(Math.max(0, m2[q] - m[q] * m[q]));
    const g = sd >= o.c ? 1 : Math.min(o.g, o.c / Math.max(sd, 1e-9));
    if (g === 1) { y[q] = x[q]; continue; }
    const xt = x[q] + (1 - 1 / g) * (b[q] - x[q]);
    const v = m[q] + g * (xt - m[q]);
    y[q] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
  return y;
}

/** Border-aware k×k flat square erosion (min) or dilation (max) of each S×S plane; separable, the
 * window clipped to the image. */
export function squareMinMax(x: Float32Array, n: number, S: number, k: number, max: boolean): Float32Array {
  const r = (k - 1) / 2, P = S * S, out = new Float32Array(x.length), tmp = new Float32Array(P);
  const pick = max ? Math.max : Math.min;
  for (let p = 0; p < n; p++) {
    const src = x.subarray(p * P, (p + 1) * P), dst = out.subarray(p * P, (p + 1) * P);
    for (let i = 0; i < S; i++) for (let j = 0; j < S; j++) {
      let v = src[i * S + j];
      for (let d = Math.max(0, j - r); d <= Math.min(S - 1, j + r); d++) v = pick(v, src[i * S + d]);
      tmp[i * S + j] = v;
    }
    for (let i = 0; i < S; i++) for (let j = 0; j < S; j++) {
      let v = tmp[i * S + j];
      for (let d = Math.max(0, i - r); d <= Math.min(S - 1, i + r); d++) v = pick(v, tmp[d * S + j]);
      dst[i * S + j] = v;
    }
  }
  return out;
}

/** q-quantile of each S×S plane (linear interpolation between order statistics). */
export function planeQuantiles(x: Float32Array, n: number, S: number, q: number): Float64Array {
  const P = S * S, out = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const v = Float64Array.from(x.subarray(p * P, (p + 1) * P)).sort();
    const t = q * (P - 1), lo = Math.floor(t), hi = Math.min(P - 1, lo + 1);
    out[p] = v[lo] + (t - lo) * (v[hi] - v[lo]);
  }
  return out;
}

/**
 * White top-hat background subtraction, a brightness gain and glare removal (docs/seg.md §9.2):
 *
 *   t = x − O_k(x)   (O_k = grey-scale opening, k×k flat square: erosion then dilation)
 *   a = min(g, max(1, m / median(x))),   u = a · t
 *   glare = the 8-connected regions of {u > l} that contain a pixel with u > h;   y = 0 there, else min(1, u)
 *
 * The opening keeps whatever is wider than the square (gradient, veil, the wide base of glare), so t holds
 * the structures narrower than k (strokes, clutter, texture peaks) at their absolute contrast — no
 * division by a local mean. a undoes a global dimming (the median is glare-robust, §8.2); by day a ≈ 1.
 * Glare survives the top-hat where it is stroke-sized; after the gain it stands far above any day ink
 * contrast (u > h), and is removed together with its skirt down to the level l (hysteresis), i.e.
 * replaced by the local background (t = 0). The filter's step 1 then normalises by the brightest ink.
 */
export function topHat(x: Float32Array, n: number, S: number, o = TOP_HAT): Float32Array {
  checkOpts('th', o);
  if (o.l > o.h) fail('th.l', `must not exceed th.h = ${o.h}, got ${o.l}`);
  const open = squareMinMax(squareMinMax(x, n, S, o.k, false), n, S, o.k, true);
  const med = planeMedians(x, n, S), P = S * S, y = new Float32Array(x.length);
  const stack: number[] = [], glare = new Uint8Array(P), u = new Float32Array(P);
  for (let p = 0; p < n; p++) {
    const a = Math.min(o.g, Math.max(1, o.m / Math.max(med[p], 1e-9)));
    for (let q = 0; q < P; q++) u[q] = a * Math.max(0, x[p * P + q] - open[p * P + q]);
    glare.fill(0);
    for (let q = 0; q < P; q++) if (u[q] > o.h && !glare[q]) {
      glare[q] = 1; stack.push(q);
      while (stack.length) {
        const r = stack.pop()!, i = Math.floor(r / S), j = r % S;
        for (let di = -1; di <= 1; di++) for (let dj = -1; dj <= 1; dj++) {
          const ii = i + di, jj = j + dj, w = ii * S + jj;
          if (ii >= 0 && ii < S && jj >= 0 && jj < S && !glare[w] && u[w] > o.l) { glare[w] = 1; stack.push(w); }
        }
      }
    }
    for (let q = 0; q < P; q++) y[p * P + q] = glare[q] ? 0 : Math.min(1, u[q]);
  }
  return y;
}

/**
 * Luminance-adaptive pooling (docs/seg.md §9.2): a Gaussian blur (as dn) whose σ grows as the image's
 * median falls below the day level m, σ = s · √(max(0, m / median(x) − 1)): the total pooling area
 * (≈ 1 px + σ²) grows as 1 / luminance, keeping the pooled signal per unit constant (rods pool over
 * larger areas in dim light). σ = 0 (a copy) for every image with median ≥ m; σ capped at 10 px.
 */
export function adaptivePool(x: Float32Array, n: number, S: number, o = ADAPTIVE_POOL): Float32Array {
  checkOpts('ap', o);
  const med = planeMedians(x, n, S), P = S * S, out = new Float32Array(x.length);
  for (let p = 0; p < n; p++) out.set(denoise(x.subarray(p * P, (p + 1) * P), 1, S, { s: adaptiveSigma(med[p], o) }), p * P);
  return out;
}

/** σ (px) that adaptivePool uses for an image of this median. */
export function adaptiveSigma(median: number, o = ADAPTIVE_POOL): number {
  return Math.min(10, o.s * Math.sqrt(Math.max(0, o.m / Math.max(median, 1e-6) - 1)));
}

const RANGE: Record<string, Record<string, [number, number, 'odd' | 'real' | 'pos']>> = {
  ln: { k: [1, 255, 'odd'], sigma0: [0, 1, 'pos'], R: [0, 100, 'pos'], f: [0, 100, 'real'] },
  gn: { sigma0: [0, 1, 'pos'], R: [0, 100, 'pos'] },
  dn: { s: [0, 10, 'real'] },
  cg: { k: [1, 255, 'odd'], c: [0, 1, 'pos'], g: [1, 100, 'real'], s: [0, 10, 'real'] },
  th: { k: [1, 63, 'odd'], m: [0, 1, 'pos'], g: [1, 100, 'real'], h: [0, 100, 'pos'], l: [0, 100, 'pos'] },
  ap: { m: [0, 1, 'pos'], s: [0, 10, 'real'] },
};

/** Validate a stage's options; errors name `<stage>.<key>` and the allowed range. */
function checkOpts(stage: keyof typeof STAGES, o: Record<string, number>): void {
  for (const [k, [lo, hi, kind]] of Object.entries(RANGE[stage])) {
    const v = o[k];
    const ok = typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi && (kind !== 'pos' || v > 0) && (kind !== 'odd' || (Number.isInteger(v) && v % 2 === 1));
    if (!ok) fail(`${stage}.${k}`, `must be ${kind === 'odd' ? `an odd integer in [${lo}, ${hi}]` : kind === 'pos' ? `a number in (${lo}, ${hi}]` : `a number in [${lo}, ${hi}]`}, got ${String(v)}`);
  }
}

/** Parse 'name' or 'name(k=v,…)' into a validated stage (defaults for omitted keys). */
export function parseStage(s: string): Stage {
  const mt = /^([a-z]+)(?:\((.*)\))?$/.exec(s);
  const kind = mt?.[1] as keyof typeof STAGES | undefined;
  if (!mt || !kind || !(kind in STAGES)) fail('variant', `unknown preprocessing stage '${s}' (stages: ${Object.keys(STAGES).map((k) => `${k}(${Object.keys(STAGES[k as keyof typeof STAGES]).join(',')})`).join(', ')})`);
  const o: Record<string, number> = { ...STAGES[kind] };
  for (const kv of (mt[2] ?? '').split(',').filter(Boolean)) {
    const [k, v, extra] = kv.split('=');
    if (!(k in STAGES[kind]) || v === undefined || extra !== undefined) fail(`${kind}.${k}`, `is not an option of ${kind} (options: ${Object.keys(STAGES[kind]).join(', ')}), in '${s}'`);
    o[k] = v.trim() === '' ? NaN : Number(v);
  }
  checkOpts(kind, o);
  return { kind, o } as Stage;
}

/** Split a variant into its TS stages and the filter variant (the last '+'-separated part). */
export function parseVariant(v: string): { stages: Stage[]; base: Variant } {
  const parts = v.split('+');
  const base = parts.pop() as Variant;
  if (!base) fail('variant', `a preprocessing stage must be followed by a variant (ln+raw, ln+field, …), got '${v}'`);
  return { stages: parts.map(parseStage), base };
}

function applyStage(st: Stage, x: Float32Array, n: number, S: number): Float32Array {
  switch (st.kind) {
    case 'ln': return localNorm(x, n, S, st.o);
    case 'gn': return globalNorm(x, n, S, st.o);
    case 'dn': return denoise(x, n, S, st.o);
    case 'cg': return contrastGain(x, n, S, st.o);
    case 'th': return topHat(x, n, S, st.o);
    case 'ap': return adaptivePool(x, n, S, st.o);
  }
}

export class SegPreprocessor {
  private constructor(readonly variant: SegVariant, private stages: Stage[], private inner: Preprocessor) {}

  static async create(v: SegVariant): Promise<SegPreprocessor> {
    const { stages, base } = parseVariant(v);
    return new SegPreprocessor(v, stages, await Preprocessor.create(base));
  }

  /** Preprocess n S×S images (a new array, or x itself for 'raw'). */
  apply(x: Float32Array, n: number, S: number): Float32Array {
    let y = x;
    for (const st of this.stages) y = applyStage(st, y, n, S);
    return this.inner.apply({ x: y, y: new Uint8Array(0), n }, S).x;
  }
}
