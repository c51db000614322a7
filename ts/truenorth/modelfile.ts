// IBM-style TrueNorth model files (TRUENORTH.md §3.1): reader and writer. JSON-like (comments,
// repeated "core" keys), `neuronTypes`, `crossbarTypes` (rows of 32 hex bytes, MSB first: byte 0 bit 7 =
// neuron 0), `cores` with compact arrays. Errors name the line and the field; sizes are limited.
import { fail } from '../abi/errors.js';
import { compress, expand } from './compact.js';
import { get, getAll, isArr, isObj, parseAll, posOf, Source, type JObj, type JVal } from './jsonlike.js';
import { DEST_NONE, emptyCore, MAX_CORES, MAX_TYPES, TYPE_DEFAULTS, type CoreDesc, type NetworkDesc, type NeuronTypeDesc, type SwitchesDesc } from './types.js';

export const MAX_MODEL_CHARS = 512 * 1024 * 1024;
const TYPE_KEYS = Object.keys(TYPE_DEFAULTS) as (keyof NeuronTypeDesc)[];
const BOOL_KEYS = new Set(['b0', 'b1', 'b2', 'b3', 'c_lambda', 'epsilon', 'kappa']);

export interface ReadOptions { name?: string; cols?: number; rows?: number }

export function typeName(i: number): string { return 'N' + i.toString(16).toUpperCase().padStart(8, '0'); }

/** Objects listed under `key`: an array of objects, an object of named objects, or repeated keys. */
function listOf(src: Source, root: JObj, key: string, inner: string): { obj: JObj; name?: string }[] {
  const out: { obj: JObj; name?: string }[] = [];
  for (const v of getAll(root, key)) {
    const items = isArr(v) ? v.items.map((x) => ({ v: x, name: undefined as string | undefined })) : isObj(v) ? v.entries.map((e) => ({ v: e.value, name: e.key === inner ? undefined : e.key })) : src.error(posOf(v, root.pos), `"${key}" must be an array or an object`);
    for (const { v: x, name } of items) {
      if (!isObj(x)) src.error(posOf(x, root.pos), `entries of "${key}" must be objects`);
      const wrapped = get(x, inner);
      out.push({ obj: isObj(wrapped) && x.entries.length === 1 ? wrapped : x, name });
    }
  }
  return out;
}

function num(src: Source, o: JObj, key: string, dflt?: number | boolean): number {
  const v = get(o, key);
  if (v === undefined) { if (dflt === undefined) src.error(o.pos, `missing "${key}"`, key); return Number(dflt); }
  if (typeof v === 'boolean') return Number(v);
  if (typeof v !== 'number' || !Number.isFinite(v)) src.error(o.pos, `"${key}" must be a number, got ${JSON.stringify(v)?.slice(0, 40)}`, key);
  return v as number;
}

function readType(src: Source, o: JObj): NeuronTypeDesc {
  const t = { ...TYPE_DEFAULTS } as Record<string, unknown>;
  for (const k of TYPE_KEYS) {
    if (k === 'name') continue;
    const v = num(src, o, k, TYPE_DEFAULTS[k] as number | boolean);
    t[k] = BOOL_KEYS.has(k) ? v !== 0 : v;
  }
  const name = get(o, 'name');
  if (typeof name === 'string') t.name = name;
  return t as unknown as NeuronTypeDesc;
}

function hexRow(src: Source, pos: number, s: JVal | undefined, out: Uint32Array, axon: number): void {
  if (typeof s !== 'string') return src.error(pos, 'crossbar row needs "synapses": a string of 32 hex bytes', `rows[${axon}].synapses`);
  const h = s.replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]{64}$/.test(h)) src.error(pos, `needs 32 hex bytes (64 digits), got ${h.length} characters`, `rows[${axon}].synapses`);
  for (let b = 0; b < 32; b++) {
    const byte = parseInt(h.slice(2 * b, 2 * b + 2), 16);
    for (let k = 0; k < 8; k++) if ((byte >> (7 - k)) & 1) { const j = 8 * b + k; out[axon * 8 + (j >>> 5)] |= 1 << (j & 31); }
  }
}

function readCrossbar(src: Source, xb: JObj, core: CoreDesc): void {
  const rows = get(xb, 'rows');
  if (!isArr(rows)) return src.error(xb.pos, 'crossbar needs "rows": an array of 256 rows', 'rows');
  if (rows.items.length !== 256) src.error(rows.pos, `needs 256 rows, got ${rows.items.length}`, 'rows');
  rows.items.forEach((r, i) => {
    if (!isObj(r)) return src.error(posOf(r, rows.pos), 'each row must be an object', `rows[${i}]`);
    const ty = get(r, 'type') ?? 'S0';
    const g = typeof ty === 'number' ? ty : typeof ty === 'string' && /^S?[0-3]$/.test(ty) ? Number(ty.replace('S', '')) : -1;
    if (!(g >= 0 && g <= 3 && Number.isInteger(g))) src.error(r.pos, `type must be "S0".."S3", got ${JSON.stringify(ty)}`, `rows[${i}].type`);
    core.axonTypes[i] = g;
    hexRow(src, r.pos, get(r, 'synapses'), core.crossbar, i);
  });
}

function arr256(src: Source, o: JObj, key: string, dflt: number): number[] {
  const v = get(o, key);
  if (v === undefined) return new Array(256).fill(dflt);
  if (!isArr(v)) return src.error(o.pos, 'must be an array', key);
  const r = expand(v.items, 256);
  if (typeof r === 'string') return src.error(v.pos, r, key);
  if (r.length !== 256) src.error(v.pos, `needs 256 entries, got ${r.length}`, key);
  return r;
}

function readCore(src: Source, o: JObj, k: number, typeIndex: (n: number, pos: number) => number, xbars: Map<string, JObj>): CoreDesc {
  const id = num(src, o, 'id');
  if (!Number.isInteger(id) || id < 0 || id >= MAX_CORES) src.error(o.pos, `core id must be 0..${MAX_CORES - 1}, got ${id}`, `cores[${k}].id`);
  const c = emptyCore(id, num(src, o, 'rngSeed', 0) >>> 0);
  const n = get(o, 'neurons');
  if (!isObj(n)) return src.error(o.pos, 'core needs a "neurons" object', `cores[${k}].neurons`);
  const types = arr256(src, n, 'types', -1);
  types.forEach((t, j) => { c.types[j] = t < 0 ? -1 : typeIndex(t, n.pos); });
  c.destCores.set(arr256(src, n, 'destCores', DEST_NONE).map((d) => (d < -1 ? -2 : d)));
  c.destAxons.set(arr256(src, n, 'destAxons', 0));
  c.destDelays.set(arr256(src, n, 'destDelays', 1));
  const xb = get(o, 'crossbar');
  if (isObj(xb)) {
    const name = get(xb, 'name');
    const def = typeof name === 'string' && !get(xb, 'rows') ? xbars.get(name) : xb;
    if (!def) src.error(xb.pos, `unknown crossbar "${name}"`, `cores[${k}].crossbar`);
    readCrossbar(src, def!, c);
  }
  const dend = arr256(src, n, 'dendrites', -1);
  if (dend[0] !== -1 && dend.some((d, j) => d !== j)) applyDendrites(src, n.pos, c, dend);
  return c;
}

/** Neuron j takes crossbar column dendrites[j]. */
function applyDendrites(src: Source, pos: number, c: CoreDesc, dend: number[]): void {
  const old = c.crossbar.slice();
  c.crossbar.fill(0);
  for (let j = 0; j < 256; j++) {
    const col = dend[j];
    if (!(Number.isInteger(col) && col >= 0 && col < 256)) src.error(pos, `dendrite must be 0..255, got ${col}`, `dendrites[${j}]`);
    for (let i = 0; i < 256; i++) if ((old[i * 8 + (col >>> 5)] >>> (col & 31)) & 1) c.crossbar[i * 8 + (j >>> 5)] |= 1 << (j & 31);
  }
}

/** Read an IBM-style model file. */
export function readModelFile(text: string, opts: ReadOptions = {}): NetworkDesc {
  if (text.length > MAX_MODEL_CHARS) fail(opts.name ?? 'model', `file larger than ${MAX_MODEL_CHARS} characters`);
  const src = new Source(text, opts.name ?? 'model');
  const vals = parseAll(src, 1);
  const root = vals[0];
  if (!isObj(root)) return src.error(0, 'a model file is one { ... } object');
  const model = get(root, 'model');
  const typesL = listOf(src, root, 'neuronTypes', 'neuronType');
  if (typesL.length > MAX_TYPES) src.error(root.pos, `more than ${MAX_TYPES} neuron types`);
  const neuronTypes = typesL.map(({ obj, name }) => { const t = readType(src, obj); if (name && !t.name) t.name = name; return t; });
  const byName = new Map(neuronTypes.map((t, i) => [t.name ?? typeName(i), i]));
  const typeIndex = (n: number, pos: number) => {
    const i = byName.get(typeName(n)) ?? (Number.isInteger(n) && n < neuronTypes.length ? n : -1);
    return i >= 0 ? i : src.error(pos, `neuron type ${n} (${typeName(n)}) is not defined`, 'types');
  };
  const xbars = new Map<string, JObj>();
  for (const { obj, name } of listOf(src, root, 'crossbarTypes', 'crossbarType')) {
    const nm = get(obj, 'name') ?? name;
    const inner = get(obj, 'crossbar');
    if (typeof nm === 'string') xbars.set(nm, isObj(inner) ? inner : obj);
  }
  const coresL = listOf(src, root, 'cores', 'core');
  if (coresL.length > MAX_CORES) src.error(root.pos, `more than ${MAX_CORES} cores`);
  const cores = coresL.map(({ obj }, k) => readCore(src, obj, k, typeIndex, xbars));
  return { ...grid(model, cores, opts), neuronTypes, cores, switches: switchesOf(model) };
}

function grid(model: JVal | undefined, cores: CoreDesc[], opts: ReadOptions): { cols: number; rows: number } {
  const g = isObj(model) ? get(model, 'swtaGrid') : undefined;
  if (isObj(g)) return { cols: opts.cols ?? Number(get(g, 'cols')), rows: opts.rows ?? Number(get(g, 'rows')) };
  const n = Math.max(0, ...cores.map((c) => c.id)) + 1;
  const cols = opts.cols ?? Math.min(64, n);
  return { cols, rows: opts.rows ?? Math.max(1, Math.ceil(n / cols)) };
}

function switchesOf(model: JVal | undefined): SwitchesDesc {
  const s = isObj(model) ? get(model, 'swtaSwitches') : undefined;
  const out: Record<string, string | number> = {};
  if (isObj(s)) for (const e of s.entries) if (typeof e.value === 'string' || typeof e.value === 'number') out[e.key] = e.value;
  return out as SwitchesDesc;
}

function hexOfRow(c: CoreDesc, i: number): string {
  const bytes: string[] = [];
  for (let b = 0; b < 32; b++) {
    let v = 0;
    for (let k = 0; k < 8; k++) { const j = 8 * b + k; if ((c.crossbar[i * 8 + (j >>> 5)] >>> (j & 31)) & 1) v |= 1 << (7 - k); }
    bytes.push(v.toString(16).toUpperCase().padStart(2, '0'));
  }
  return bytes.join(' ');
}

const js = (v: unknown) => JSON.stringify(v);

/** Write `net` as an IBM-style model file (names N%08X / C%08X, compact arrays, one crossbar per core). */
export function writeModelFile(net: NetworkDesc): string {
  const out: string[] = ['/* TrueNorth model file written by swta (IBM CPE-style, JSON-like). */', '{'];
  out.push(`"model": {"coreCount": ${net.cores.length}, "crossbarSize": 256, "crossbarClass": "Crossbar2", "neuronClass": "NeuronGeneral", "swtaGrid": {"cols": ${net.cols}, "rows": ${net.rows}}, "swtaSwitches": ${js(net.switches ?? {})}},`);
  out.push('"neuronTypes": [');
  out.push(net.neuronTypes.map((t, i) => `  {"name": ${js(typeName(i))}, "class": "NeuronGeneral", ${TYPE_KEYS.filter((k) => k !== 'name').map((k) => `${js(k)}: ${js(t[k])}`).join(', ')}}`).join(',\n'));
  out.push('],', '"crossbarTypes": [');
  out.push(net.cores.map((c) => `  {"name": ${js('C' + c.id.toString(16).toUpperCase().padStart(8, '0'))}, "crossbar": {"rows": [\n${Array.from({ length: 256 }, (_, i) => `    {"type": "S${c.axonTypes[i]}", "synapses": "${hexOfRow(c, i)}"}`).join(',\n')}\n  ]}}`).join(',\n'));
  out.push('],', '"cores": [');
  out.push(net.cores.map((c) => `  {"core": {"id": ${c.id}, "timeScaleExponent": 0, "rngSeed": ${c.rngSeed >>> 0}, "neurons": {"types": ${js(compress(c.types))}, "dendrites": ["0:255"], "destCores": ${js(compress(c.destCores))}, "destAxons": ${js(compress(c.destAxons))}, "destDelays": ${js(compress(c.destDelays))}}, "crossbar": {"name": ${js('C' + c.id.toString(16).toUpperCase().padStart(8, '0'))}}}}`).join(',\n'));
  out.push(']', '}', '');
  return out.join('\n');
}
