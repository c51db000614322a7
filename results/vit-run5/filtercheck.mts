// Checksums of the sWTA filter output (2,000 validation images, clean + fog; §8.6 defaults, γ_PV 0.8/θ 0.1, γ_PV 1/θ 0)
// for the given swta.wasm files: equal hashes = bit-identical filter. Run: npx tsx results/vit-run5/filtercheck.mts artifacts/swta.wasm
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { loadWasm } from '../../ts/abi/wasm.js';
import { Engine } from '../../ts/backend/engine.js';
import { sWTAFilter } from '../../ts/vit/filter.js';
import { mnistSplits } from '../../ts/vit/data.js';
import { corrupt } from '../../ts/vit/ood.js';
const val = mnistSplits().val;
const x = val.x.subarray(0, 2000 * 784);
for (const f of process.argv.slice(2)) {
  const l = await loadWasm(new Uint8Array(readFileSync(f)));
  const e = new Engine('wasm', l.exports, l.memory);
  const out: string[] = [];
  for (const o of [{ mode: 'field' }, { mode: 'field', gammaPV: 0.8, theta: 0.1 }, { mode: 'field', gammaPV: 1, theta: 0 }] as const) {
    const flt = new sWTAFilter(e, o);
    const y = flt.planes(x, 2000, 28, 28);
    const yf = flt.planes(corrupt('fog', x), 2000, 28, 28);
    out.push(createHash('sha256').update(new Uint8Array(y.buffer, y.byteOffset, y.byteLength)).update(new Uint8Array(yf.buffer, yf.byteOffset, yf.byteLength)).digest('hex').slice(0, 16));
  }
  console.log(f, out.join(' '));
}
