// NetworkDesc → the flat buffers of the swta_tn_* ABI, with full validation (errors name the field).
import { fail } from '../abi/errors.js';
import { AXONS, MAX_CORES, MAX_SIDE, MAX_TYPES, NEURONS, XBAR_WORDS, type CoreDesc, type NetworkDesc, type NeuronTypeDesc } from './types.js';

/** i32 fields per type in the ABI, in this order (R is decoded from σ_VR, VR). */
export const TYPE_FIELDS = 23;

const FLAG_KEYS = ['b0', 'b1', 'b2', 'b3', 'c_lambda', 'epsilon', 'kappa'] as const;

function int(field: string, v: unknown, lo: number, hi: number): number {
  const n = typeof v === 'boolean' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < lo || n > hi) fail(field, `must be an integer in ${lo}..${hi}, got ${JSON.stringify(v)}`);
  return n as number;
}

function sign(field: string, v: unknown): number {
  if (v !== 1 && v !== -1) fail(field, `must be -1 or +1, got ${JSON.stringify(v)}`);
  return v as number;
}

/** Reset potential R from σ_VR and VR under the chosen decoding. */
export function decodeR(t: NeuronTypeDesc, mode: 'nemo_exp' | 'raw' = 'nemo_exp', field = 'type'): number {
  const s = sign(`${field}.sigma_VR`, t.sigma_VR);
  if (mode === 'raw') return s * int(`${field}.VR`, t.VR, 0, 1 << 30);
  return s * (2 ** int(`${field}.VR`, t.VR, 0, 30) - 1);
}

export function typeFields(t: NeuronTypeDesc, i: number, vr: 'nemo_exp' | 'raw' = 'nemo_exp'): number[] {
  const f = `neuronTypes[${i}]`;
  for (const k of FLAG_KEYS) if (typeof t[k] !== 'boolean' && t[k] !== 0 && t[k] !== 1) fail(`${f}.${k}`, `must be a boolean, got ${JSON.stringify(t[k])}`);
  return [
    sign(`${f}.sigma0`, t.sigma0), sign(`${f}.sigma1`, t.sigma1), sign(`${f}.sigma2`, t.sigma2), sign(`${f}.sigma3`, t.sigma3),
    int(`${f}.s0`, t.s0, 0, 255), int(`${f}.s1`, t.s1, 0, 255), int(`${f}.s2`, t.s2, 0, 255), int(`${f}.s3`, t.s3, 0, 255),
    Number(t.b0), Number(t.b1), Number(t.b2), Number(t.b3),
    sign(`${f}.sigma_lambda`, t.sigma_lambda), int(`${f}.lambda`, t.lambda, 0, 255), Number(t.c_lambda), Number(t.epsilon),
    int(`${f}.alpha`, t.alpha, 0, 1 << 30), int(`${f}.beta`, t.beta, 0, 1 << 30), int(`${f}.TM`, t.TM, 0, 30),
    int(`${f}.gamma`, t.gamma, 0, 2), Number(t.kappa), decodeR(t, vr, f), int(`${f}.V`, t.V, -(1 << 30), 1 << 30),
  ];
}

export function flatTypes(net: NetworkDesc): Int32Array {
  if (!Array.isArray(net.neuronTypes) || net.neuronTypes.length > MAX_TYPES) fail('neuronTypes', `must be an array of at most ${MAX_TYPES} types`);
  const out = new Int32Array(net.neuronTypes.length * TYPE_FIELDS);
  net.neuronTypes.forEach((t, i) => out.set(typeFields(t, i, net.switches?.vr_decode), i * TYPE_FIELDS));
  return out;
}

function checkLen(field: string, a: ArrayLike<number> | undefined, n: number): void {
  if (!a || a.length !== n) fail(field, `must have ${n} entries, got ${a?.length ?? 'none'}`);
}

export function checkGrid(net: NetworkDesc): void {
  int('cols', net.cols, 1, MAX_SIDE);
  int('rows', net.rows, 1, MAX_SIDE);
  if (net.cols * net.rows > MAX_CORES) fail('cols', `${net.cols} × ${net.rows} cores exceed the limit of ${MAX_CORES}`);
  const seen = new Set<number>();
  net.cores.forEach((c, k) => {
    int(`cores[${k}].id`, c.id, 0, net.cols * net.rows - 1);
    if (seen.has(c.id)) fail(`cores[${k}].id`, `core ${c.id} is defined twice`);
    seen.add(c.id);
  });
}

/** The (dx, dy, axon, delay) destination buffer of core `c`, resolving absolute ids on the grid. */
export function destBuffer(net: NetworkDesc, c: CoreDesc, k: number): Int32Array {
  const n = net.cols * net.rows;
  const out = new Int32Array(NEURONS * 4);
  for (const [name, a] of [['types', c.types], ['destCores', c.destCores], ['destAxons', c.destAxons], ['destDelays', c.destDelays]] as const) checkLen(`cores[${k}].${name}`, a, NEURONS);
  checkLen(`cores[${k}].axonTypes`, c.axonTypes, AXONS);
  checkLen(`cores[${k}].crossbar`, c.crossbar, XBAR_WORDS);
  const x0 = c.id % net.cols;
  const y0 = Math.floor(c.id / net.cols);
  for (let j = 0; j < NEURONS; j++) {
    const d = c.destCores[j];
    const f = `cores[${k}].neurons[${j}]`;
    if (!Number.isInteger(d)) fail(`${f}.destCore`, `must be an integer, got ${d}`);
    if (d === -1 || c.types[j] < 0) { out.set([0, 0, -1, 1], 4 * j); continue; }
    const delay = int(`${f}.delay`, c.destDelays[j], 1, 15);
    if (d < 0 || d >= n) { out.set([0, 0, -2, delay], 4 * j); continue; }
    out.set([(d % net.cols) - x0, Math.floor(d / net.cols) - y0, int(`${f}.destAxon`, c.destAxons[j], 0, 255), delay], 4 * j);
  }
  return out;
}
