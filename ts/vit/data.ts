// Data for the ViT harness: MNIST (55,000 train / 5,000 validation carved from the end of the
// training file / 10,000 test), pixels scaled to [0, 1], and the preprocessing variants
// (raw, or the sWTA filter in one of its modes) applied to every split and every OOD set.
import { loadMnist, readDigits, sliceDigits, type Digits } from './idx.js';
import { sWTAFilter, type FilterOptions } from './filter.js';
import { resizeBilinear } from './images.js';
import type { FilterMode } from './params.js';
import type { Split } from './train.js';
import type { BackendName } from '../backend/engine.js';

export const VAL_SIZE = 5000;

export function toSplit(d: Digits): Split {
  const x = new Float32Array(d.images.length);
  for (let i = 0; i < x.length; i++) x[i] = d.images[i] / 255;
  return { x, y: d.labels, n: d.n };
}

export function mnistSplits(): { train: Split; val: Split; test: Split } {
  const m = loadMnist();
  const nTrain = m.train.n - VAL_SIZE;
  return { train: toSplit(sliceDigits(m.train, 0, nTrain)), val: toSplit(sliceDigits(m.train, nTrain, m.train.n)), test: toSplit(m.test) };
}

/** A preprocessing variant: 'raw', a filter mode ('field' = the sWTA filter), or a mode with parameter
 * overrides, e.g. 'field:gammaPV=1,theta=0.1'. */
export type Variant = 'raw' | FilterMode | `${FilterMode}:${string}`;

/** Split 'mode:k=v,k=v' into the filter options (validated later by resolveParams). */
export function variantOptions(v: Variant): FilterOptions {
  const [mode, rest] = v.split(':', 2) as [FilterMode, string | undefined];
  const o: Record<string, unknown> = { mode };
  for (const kv of (rest ?? '').split(',').filter(Boolean)) {
    const [k, x] = kv.split('=');
    o[k] = k === 'inputNorm' ? x : Number(x);
  }
  return o as FilterOptions;
}

export class Preprocessor {
  private constructor(readonly variant: Variant, private f: sWTAFilter | null) {}

  /** The filter runs on the wasm backend by default: it is bit-identical to native, and a long
   * training process then never depends on a shared library that a rebuild may replace under it. */
  static async create(variant: Variant, backend: BackendName | 'auto' = 'wasm'): Promise<Preprocessor> {
    return new Preprocessor(variant, variant === 'raw' ? null : await sWTAFilter.create(variantOptions(variant), backend));
  }

  apply(s: Split, side = 28): Split {
    if (!this.f) return s;
    return { x: this.f.planes(s.x, s.n, side, side), y: s.y, n: s.n };
  }
}

/** An external IDX test set as a 28×28 split (bilinear resize when h×w ≠ 28×28). */
export function readExtraTest(imagesPath: string, labelsPath: string, side = 28): Split {
  const d = readDigits(imagesPath, labelsPath);
  const x = new Float32Array(d.n * side * side);
  for (let k = 0; k < d.n; k++) {
    const src = d.images.subarray(k * d.h * d.w, (k + 1) * d.h * d.w);
    resizeBilinear(src, d.h, d.w, x.subarray(k * side * side, (k + 1) * side * side), side, side, 1 / 255);
  }
  return { x, y: d.labels, n: d.n };
}
