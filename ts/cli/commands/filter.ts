// `swta filter <in> --out <out>`: apply the sWTA image filter to image files.
// Formats (detected from the input's magic bytes; the output uses the same format):
// - IDX unsigned-byte, rank 3 (n×h×w, e.g. MNIST) or rank 4 (n×h×w×c; channels per --channels);
// - PGM (P5 binary or P2 ASCII greymap, one image); output is always P5.
// Pixels are read as bytes/255 and written as round(255·y).
import { readFileSync, writeFileSync } from 'node:fs';
import { numberOpt, type Command } from '../command.js';
import { SwtaError } from '../../abi/errors.js';
import { sWTAFilter, FILTER_MODES, INPUT_NORMS, defaultsFor, type FilterMode, type InputNorm } from '../../vit/index.js';
import { encodeIdx, parseIdx } from '../../vit/idx.js';
import { encodePgm, parsePgm } from '../../vit/pgm.js';
import { engine } from '../../backend/registry.js';

const D = defaultsFor('field');
const num = (help: string, def: number) => ({ type: 'string' as const, help, default: String(def) });

export const filterCmd: Command = {
  name: 'filter',
  summary: 'apply the sWTA image filter to an IDX (n×h×w[×c] ubyte) or PGM file',
  args: '<in>',
  options: {
    out: { type: 'string', help: 'output file (same format as the input)' },
    mode: { type: 'string', help: 'output: raw X, norm (step 1), normPV (steps 1–2), field (the filter), selfExc (§8.5 ablation)', choices: FILTER_MODES, default: 'field' },
    channels: { type: 'string', help: 'rank-4 IDX: luminance → 1 channel, or each channel', choices: ['luminance', 'each'], default: 'luminance' },
    backend: { type: 'string', help: 'engine backend', choices: ['auto', 'wasm', 'native', 'as'], default: 'auto' },
    kE: num('cooperation neighbourhood k_E (odd, 1–63)', D.kE), kI: num('competition/PV neighbourhood k_I (odd, 1–63; default 5 for selfExc)', D.kI),
    a: num('cooperation gain a (0–10)', D.a), b: num('competition gain b (0–10)', D.b), gammaPV: num('PV subtraction γ_PV (0–10)', D.gammaPV),
    theta: num('threshold θ (−1–1)', D.theta), gammaL: num('LAMP5 divisive gain γ_L (0–100)', D.gammaL), dt: num('Euler step Δt/τ (0–1]', D.dt),
    steps: num('Euler steps (0–10000)', D.steps),
    inputNorm: { type: 'string', help: 'step 1: per-image max, or minmax ((X − min)/(max − min + ε_in), removes an offset)', choices: INPUT_NORMS, default: D.inputNorm },
  },
  async run(ctx) {
    const v = ctx.values;
    const input = ctx.positionals[0];
    if (!input) throw new SwtaError('<in>', 'an input file is required (IDX or PGM)', 0);
    if (typeof v.out !== 'string') throw new SwtaError('--out', 'an output file is required', 0);
    const mode = v.mode as FilterMode;
    const md = defaultsFor(mode);
    // options left at the field defaults take the mode's own defaults (selfExc differs)
    const pick = (k: 'kE' | 'kI' | 'a' | 'b' | 'gammaPV' | 'theta' | 'gammaL' | 'dt' | 'steps', lo: number, hi: number, int = false) =>
      (String(v[k]) === String(D[k]) ? md[k] : numberOpt(v, k, lo, hi, int));
    const f = new sWTAFilter(await engine(v.backend as 'auto'), {
      mode, channels: v.channels as 'luminance', kE: pick('kE', 1, 63, true), kI: pick('kI', 1, 63, true), a: pick('a', 0, 10), b: pick('b', 0, 10),
      gammaPV: pick('gammaPV', 0, 10), theta: pick('theta', -1, 1), gammaL: pick('gammaL', 0, 100), dt: pick('dt', 0, 1), steps: pick('steps', 0, 10000, true),
      inputNorm: v.inputNorm as InputNorm,
    });
    const buf = new Uint8Array(readFileSync(input));
    const toBytes = (y: Float32Array) => Uint8Array.from(y, (q) => Math.round(255 * q));
    let summary: Record<string, unknown>;
    if (buf[0] === 0x50) {
      const g = parsePgm(buf, input);
      const y = f.apply(g.data, [1, g.height, g.width]).data;
      writeFileSync(v.out, encodePgm({ width: g.width, height: g.height, data: toBytes(y) }));
      summary = { format: 'pgm', images: 1, height: g.height, width: g.width };
    } else {
      const d = parseIdx(buf, input);
      if (d.dims.length !== 3 && d.dims.length !== 4) throw new SwtaError(input, `IDX must be n×h×w or n×h×w×c, got ${d.dims.join('×')}`, 1);
      const r = f.apply(d.data, d.dims);
      const dims = r.shape.length === 4 && r.shape[3] === 1 ? r.shape.slice(0, 3) : r.shape;
      writeFileSync(v.out, encodeIdx(dims, toBytes(r.data)));
      summary = { format: 'idx', images: d.dims[0], dims };
    }
    ctx.log(`filtered ${input} → ${v.out} (${mode}, backend ${f.engine.backend})`);
    ctx.emit({ input, output: v.out, mode, backend: f.engine.backend, params: f.params, ...summary });
    f.free();
    return 0;
  },
};
