// Validation-only proxy sweep (ts/vit/invariance.ts, 2,000 MNIST validation images, no ViT, no test image):
// mean |F(corrupt(x)) − F(x)| per corruption for intermediate PV subtraction settings.
// Run: nice -n 15 npx tsx results/vit-run4/proxy-sweep.ts > results/vit-run4/proxy-sweep.json
import { invariance } from '../../ts/vit/invariance.js';
import type { FilterOptions } from '../../ts/vit/filter.js';
const s: Record<string, FilterOptions | 'raw'> = { raw: 'raw', field: { mode: 'field' } };
for (const g of [0.6, 0.7, 0.8, 0.9, 1.0]) for (const th of [0, 0.05, 0.1]) s[`field:gammaPV=${g},theta=${th}`] = { mode: 'field', gammaPV: g, theta: th };
const r = await invariance(s, 2000);
console.log(JSON.stringify(r, null, 1));
for (const [k, v] of Object.entries(r)) console.error(k.padEnd(30), Object.entries(v).map(([a, b]) => `${a} ${b.toFixed(3)}`).join('  '));
