// A training-free proxy for how much a filter setting undoes each corruption: the mean absolute
// difference between F(corrupt(x)) and F(x) over validation images (never test images). Used to
// compare filter settings without the compute of a ViT run per setting (docs/vit.md §5.3).
import { corrupt, OOD_SETS, type OodSet } from './ood.js';
import { sWTAFilter, type FilterOptions } from './filter.js';
import { mnistSplits } from './data.js';

export async function invariance(settings: Record<string, FilterOptions | 'raw'>, images = 2000): Promise<Record<string, Record<string, number>>> {
  const val = mnistSplits().val;
  const n = Math.min(images, val.n);
  const x = val.x.subarray(0, n * 784);
  const out: Record<string, Record<string, number>> = {};
  for (const [name, s] of Object.entries(settings)) {
    const f = s === 'raw' ? null : await sWTAFilter.create(s, 'wasm');
    const apply = (v: Float32Array) => (f ? f.planes(v, n, 28, 28) : v);
    const ref = apply(x);
    out[name] = {};
    for (const set of OOD_SETS.filter((q) => q !== 'clean') as OodSet[]) {
      const y = apply(corrupt(set, x));
      let d = 0;
      for (let i = 0; i < y.length; i++) d += Math.abs(y[i] - ref[i]);
      out[name][set] = d / y.length;
    }
    f?.free();
  }
  return out;
}
