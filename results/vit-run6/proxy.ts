// Validation-only proxy (ts/vit/invariance.ts, 2,000 MNIST validation images, no ViT, no test image) for the
// §8.7 controls with both step-1 normalisations: mean |F(corrupt(x)) − F(x)| per corruption (docs/vit.md §5.8.3).
// Run: nice -n 15 npx tsx results/vit-run6/proxy.ts > results/vit-run6/proxy.json
import { invariance } from '../../ts/vit/invariance.js';
import type { FilterOptions } from '../../ts/vit/filter.js';
const s: Record<string, FilterOptions | 'raw'> = { raw: 'raw' };
for (const mode of ['norm', 'normPV', 'field'] as const) for (const inputNorm of ['max', 'minmax'] as const) s[inputNorm === 'max' ? mode : `${mode}:inputNorm=minmax`] = { mode, inputNorm };
const r = await invariance(s, 2000);
console.log(JSON.stringify(r, null, 1));
for (const [k, v] of Object.entries(r)) console.error(k.padEnd(26), Object.entries(v).map(([a, b]) => `${a} ${b.toFixed(3)}`).join('  '));
