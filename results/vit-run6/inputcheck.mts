// docs/vit.md §5.8.2: are the field arm's inputs with inputNorm 'minmax' bit-identical to those with 'max'?
// Filters all 55,000 training + 5,000 validation images (and the 10,000 test images of every OOD set) with
// the §8.6 field both ways on the wasm backend (what the harness uses) and compares the bytes.
// Run: npx tsx results/vit-run6/inputcheck.mts > results/vit-run6/inputcheck.json
import { createHash } from 'node:crypto';
import { sWTAFilter } from '../../ts/vit/filter.js';
import { mnistSplits } from '../../ts/vit/data.js';
import { corrupt, OOD_SETS } from '../../ts/vit/ood.js';

const d = mnistSplits();
const [fMax, fMin] = await Promise.all([sWTAFilter.create({ mode: 'field' }, 'wasm'), sWTAFilter.create({ mode: 'field', inputNorm: 'minmax' }, 'wasm')]);
const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const hash = (a: Float32Array) => createHash('sha256').update(bytes(a)).digest('hex').slice(0, 16);
function check(name: string, x: Float32Array, n: number) {
  let minPos = 0;
  for (let k = 0; k < n; k++) { let m = 1; for (let q = k * 784; q < (k + 1) * 784; q++) m = x[q] < m ? x[q] : m; if (m > 0) minPos++; }
  const [a, b] = [fMax.planes(x, n, 28, 28), fMin.planes(x, n, 28, 28)];
  let differ = 0;
  for (let k = 0; k < n; k++) if (!bytes(a.subarray(k * 784, (k + 1) * 784)).equals(bytes(b.subarray(k * 784, (k + 1) * 784)))) differ++;
  return { set: name, images: n, imagesWithMinAbove0: minPos, imagesDiffering: differ, identical: bytes(a).equals(bytes(b)), sha256Max: hash(a), sha256MinMax: hash(b) };
}
const out = [check('train', d.train.x, d.train.n), check('val', d.val.x, d.val.n)];
for (const s of OOD_SETS) out.push(check(`test/${s}`, corrupt(s, d.test.x), d.test.n));
console.log(JSON.stringify({ filter: 'field (§8.6 defaults), wasm backend', results: out }, null, 1));
