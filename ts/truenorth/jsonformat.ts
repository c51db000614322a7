// swta's own TrueNorth JSON format: strict JSON, one object, every field explicit.
//   { "format": "swta-truenorth", "version": 1, "cols", "rows", "switches": {...},
//     "neuronTypes": [ {IBM field names} ... ],
//     "cores": [ { "id", "rngSeed", "axonTypes": [256], "crossbar": [256 × "64 hex digits, MSB first"],
//                  "types": [256], "destCores": [256], "destAxons": [256], "destDelays": [256] } ] }
import { fail, SwtaError } from '../abi/errors.js';
import { emptyCore, MAX_CORES, MAX_TYPES, TYPE_DEFAULTS, type CoreDesc, type NetworkDesc, type NeuronTypeDesc } from './types.js';

export const FORMAT = 'swta-truenorth';
export const MAX_JSON_CHARS = 512 * 1024 * 1024;

function rowHex(c: CoreDesc, i: number): string {
  let s = '';
  for (let b = 0; b < 32; b++) {
    let v = 0;
    for (let k = 0; k < 8; k++) { const j = 8 * b + k; if ((c.crossbar[i * 8 + (j >>> 5)] >>> (j & 31)) & 1) v |= 1 << (7 - k); }
    s += v.toString(16).padStart(2, '0');
  }
  return s;
}

export function toJson(net: NetworkDesc): string {
  const cores = net.cores.map((c) => ({
    id: c.id, rngSeed: c.rngSeed >>> 0, axonTypes: Array.from(c.axonTypes), crossbar: Array.from({ length: 256 }, (_, i) => rowHex(c, i)),
    types: Array.from(c.types), destCores: Array.from(c.destCores), destAxons: Array.from(c.destAxons), destDelays: Array.from(c.destDelays),
  }));
  return JSON.stringify({ format: FORMAT, version: 1, cols: net.cols, rows: net.rows, switches: net.switches ?? {}, neuronTypes: net.neuronTypes, cores });
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function ints(v: unknown, field: string, n: number): number[] {
  if (!Array.isArray(v) || v.length !== n) fail(field, `must be an array of ${n} integers`);
  (v as unknown[]).forEach((x, i) => { if (!Number.isInteger(x)) fail(`${field}[${i}]`, `must be an integer, got ${JSON.stringify(x)}`); });
  return v as number[];
}

function readType(v: unknown, i: number): NeuronTypeDesc {
  if (!isObj(v)) fail(`neuronTypes[${i}]`, 'must be an object');
  const t = { ...TYPE_DEFAULTS, ...(v as Obj) } as NeuronTypeDesc;
  for (const k of Object.keys(v as Obj)) if (!(k in TYPE_DEFAULTS) && k !== 'name') fail(`neuronTypes[${i}].${k}`, 'unknown field');
  return t;
}

function readCore(v: unknown, k: number): CoreDesc {
  const f = `cores[${k}]`;
  if (!isObj(v)) fail(f, 'must be an object');
  const c = emptyCore(Number(v.id), Number(v.rngSeed ?? 0) >>> 0);
  if (!Number.isInteger(v.id)) fail(`${f}.id`, 'must be an integer');
  c.axonTypes.set(ints(v.axonTypes, `${f}.axonTypes`, 256));
  c.types.set(ints(v.types, `${f}.types`, 256));
  c.destCores.set(ints(v.destCores, `${f}.destCores`, 256));
  c.destAxons.set(ints(v.destAxons, `${f}.destAxons`, 256));
  c.destDelays.set(ints(v.destDelays, `${f}.destDelays`, 256));
  const xb = v.crossbar;
  if (!Array.isArray(xb) || xb.length !== 256) fail(`${f}.crossbar`, 'must be an array of 256 hex rows');
  (xb as unknown[]).forEach((r, i) => {
    if (typeof r !== 'string' || !/^[0-9a-fA-F]{64}$/.test(r)) fail(`${f}.crossbar[${i}]`, 'must be 64 hex digits');
    for (let b = 0; b < 32; b++) {
      const byte = parseInt((r as string).slice(2 * b, 2 * b + 2), 16);
      for (let q = 0; q < 8; q++) if ((byte >> (7 - q)) & 1) { const j = 8 * b + q; c.crossbar[i * 8 + (j >>> 5)] |= 1 << (j & 31); }
    }
  });
  return c;
}

export function fromJson(text: string, name = 'model.json'): NetworkDesc {
  if (text.length > MAX_JSON_CHARS) fail(name, `file larger than ${MAX_JSON_CHARS} characters`);
  let v: unknown;
  try { v = JSON.parse(text); } catch (e) { throw new SwtaError(name, `not valid JSON: ${(e as Error).message}`, 6); }
  if (!isObj(v) || v.format !== FORMAT) fail(`${name}.format`, `must be "${FORMAT}"`);
  const o = v as Obj;
  if (!Array.isArray(o.neuronTypes) || o.neuronTypes.length > MAX_TYPES) fail('neuronTypes', `must be an array of at most ${MAX_TYPES} types`);
  if (!Array.isArray(o.cores) || o.cores.length > MAX_CORES) fail('cores', `must be an array of at most ${MAX_CORES} cores`);
  return {
    cols: Number(o.cols), rows: Number(o.rows), switches: isObj(o.switches) ? (o.switches as NetworkDesc['switches']) : {},
    neuronTypes: (o.neuronTypes as unknown[]).map(readType), cores: (o.cores as unknown[]).map(readCore),
  };
}
