// Input preprocessing for the segmenter (docs/seg.md §4). A variant is a ViT-harness variant
// ('raw', 'field', 'field:gammaPV=1', …: ts/vit/data.ts) optionally preceded by 'ln+', a local
// divisive normalisation done here in TypeScript before the filter:
//
//   L(x) = min(1, x / (R · (M_k(x) + σ0)))      M_k = border-aware k×k box mean (k = 15, σ0 = 0.02, R = 4)
//
// Why: the §8.6 filter's step 1 divides by the image maximum, so one glare blob (≈ 1.0) sets the
// scale of a night scene and its dim digits stay dim. Cortical gain control is local (divisive
// normalisation by the pooled activity of the neighbourhood: LAMP5/neurogliaform-like; PV
// subtraction is local too), so L replaces the global maximum by the local mean as the divisor: a
// digit stroke comes out at 2–3× its surround (÷ R) at any brightness, and a glare blob only changes
// the scale within its own window. k, σ0 and R were fixed on principle (k ≈ half a digit and twice
// the filter's k_I; σ0 ≈ 5 grey levels keeps black regions finite; R maps a stroke at 2–3× its
// surround to 0.5–0.75), not tuned on any night or test image. 'ln+raw' is the normalisation-only control.
import { Preprocessor, type Variant } from '../vit/data.js';
import { fail } from '../abi/errors.js';

export const LOCAL_NORM = { k: 15, sigma0: 0.02, R: 4 };

export type SegVariant = Variant | `ln+${Variant}`;

/** Border-aware box mean (window side k, odd) of each S×S plane, via an integral image. */
export function boxMean(x: Float32Array, n: number, S: number, k: number): Float32Array {
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

export function localNorm(x: Float32Array, n: number, S: number, o = LOCAL_NORM): Float32Array {
  const m = boxMean(x, n, S, o.k);
  return m.map((mv, q) => Math.min(1, x[q] / (o.R * (mv + o.sigma0))));
}

export class SegPreprocessor {
  private constructor(readonly variant: SegVariant, private local: boolean, private inner: Preprocessor) {}

  static async create(v: SegVariant): Promise<SegPreprocessor> {
    const local = v.startsWith('ln+');
    const rest = (local ? v.slice(3) : v) as Variant;
    if (!rest) fail('variant', `'ln+' must be followed by a variant (ln+raw, ln+field, …), got '${v}'`);
    return new SegPreprocessor(v, local, await Preprocessor.create(rest));
  }

  /** Preprocess n S×S images (a new array, or x itself for 'raw'). */
  apply(x: Float32Array, n: number, S: number): Float32Array {
    const y = this.local ? localNorm(x, n, S) : x;
    return this.inner.apply({ x: y, y: new Uint8Array(0), n }, S).x;
  }
}
