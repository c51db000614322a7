// TrueNorth network descriptors: plain data, validated in TS, compiled once into a chip handle.
// Field names of NeuronTypeDesc are those of IBM model files (TRUENORTH.md §1.3 / §3.1).
import { fail } from '../abi/errors.js';

export const AXONS = 256;
export const NEURONS = 256;
/** Words of a core's crossbar: 256 rows (axons) × 8 u32; bit j of row i = axon i reaches neuron j. */
export const XBAR_WORDS = AXONS * 8;
/** Destination core codes: unconnected, and the output connector (IBM negative ids such as −32). */
export const DEST_NONE = -1;
export const DEST_OUTPUT = -2;
export const MAX_SIDE = 256;
export const MAX_CORES = 4 * 4096;
export const MAX_TYPES = 65535;

export interface NeuronTypeDesc {
  name?: string;
  sigma0: number; sigma1: number; sigma2: number; sigma3: number;
  s0: number; s1: number; s2: number; s3: number;
  b0: boolean; b1: boolean; b2: boolean; b3: boolean;
  sigma_lambda: number; lambda: number; c_lambda: boolean; epsilon: boolean;
  alpha: number; beta: number; TM: number; gamma: number; kappa: boolean;
  sigma_VR: number; VR: number; V: number;
}

/** pytruenorth defaults (TRUENORTH.md §3.1). */
export const TYPE_DEFAULTS: NeuronTypeDesc = {
  sigma0: 1, sigma1: 1, sigma2: 1, sigma3: 1, s0: 0, s1: 0, s2: 0, s3: 0, b0: false, b1: false, b2: false, b3: false,
  sigma_lambda: -1, lambda: 0, c_lambda: false, epsilon: false, alpha: 0, beta: 0, TM: 0, gamma: 0, kappa: false,
  sigma_VR: 1, VR: 0, V: 0,
};

export function neuronType(p: Partial<NeuronTypeDesc> = {}): NeuronTypeDesc {
  return { ...TYPE_DEFAULTS, ...p };
}

export interface CoreDesc {
  /** Core index in the grid: x = id % cols, y = floor(id / cols). */
  id: number;
  rngSeed: number;
  /** G_i of each axon, 0..3. */
  axonTypes: Uint8Array;
  crossbar: Uint32Array;
  /** Neuron type index per neuron (−1: no neuron). */
  types: Int32Array;
  /** Absolute destination core (−1: none; −2, any other negative or an id outside the grid: output). */
  destCores: Int32Array;
  destAxons: Int32Array;
  destDelays: Int32Array;
}

/** Emulator switches of TRUENORTH.md §2.6 (defaults = recommended). */
export interface SwitchesDesc {
  pos_cmp?: 'ge' | 'gt';
  neg_cmp?: 'lt' | 'le';
  stoch_zero_weight?: 'none' | 'sigma';
  stoch_cmp?: 'ge' | 'gt';
  stoch_leak_sign?: 'omega' | 'plus_one';
  stoch_syn_sign?: 'sigma' | 'plus_one';
  thr_prn?: 'every_tick' | 'with_stoch_leak';
  linear_reset?: 'alpha_plus_eta' | 'alpha';
  ringing_guard?: 'on' | 'off';
  overflow?: 'saturate' | 'wrap';
  /** Membrane width in bits, 2..32 (default 32). */
  width?: number;
  /** How σ_VR, VR become R: NeMo's σ_VR·(2^VR − 1) (default) or σ_VR·VR. */
  vr_decode?: 'nemo_exp' | 'raw';
}

export interface NetworkDesc {
  cols: number;
  rows: number;
  neuronTypes: NeuronTypeDesc[];
  cores: CoreDesc[];
  switches?: SwitchesDesc;
}

export function emptyCore(id: number, rngSeed = 0): CoreDesc {
  return {
    id, rngSeed, axonTypes: new Uint8Array(AXONS), crossbar: new Uint32Array(XBAR_WORDS), types: new Int32Array(NEURONS).fill(-1),
    destCores: new Int32Array(NEURONS).fill(DEST_NONE), destAxons: new Int32Array(NEURONS), destDelays: new Int32Array(NEURONS).fill(1),
  };
}

export function getSynapse(c: CoreDesc, axon: number, neuron: number): boolean {
  return ((c.crossbar[axon * 8 + (neuron >>> 5)] >>> (neuron & 31)) & 1) === 1;
}

export function setSynapse(c: CoreDesc, axon: number, neuron: number, on = true): void {
  const k = axon * 8 + (neuron >>> 5);
  if (on) c.crossbar[k] |= 1 << (neuron & 31);
  else c.crossbar[k] &= ~(1 << (neuron & 31));
}

const SWITCH_BITS: [keyof SwitchesDesc, string, number][] = [
  ['pos_cmp', 'gt', 1 << 0], ['neg_cmp', 'le', 1 << 1], ['stoch_zero_weight', 'sigma', 1 << 2], ['stoch_cmp', 'gt', 1 << 3],
  ['stoch_leak_sign', 'plus_one', 1 << 4], ['stoch_syn_sign', 'plus_one', 1 << 5], ['thr_prn', 'with_stoch_leak', 1 << 6],
  ['linear_reset', 'alpha', 1 << 7], ['ringing_guard', 'off', 1 << 8], ['overflow', 'wrap', 1 << 9],
];
const SWITCH_CHOICES: Record<string, string[]> = {
  pos_cmp: ['ge', 'gt'], neg_cmp: ['lt', 'le'], stoch_zero_weight: ['none', 'sigma'], stoch_cmp: ['ge', 'gt'],
  stoch_leak_sign: ['omega', 'plus_one'], stoch_syn_sign: ['sigma', 'plus_one'], thr_prn: ['every_tick', 'with_stoch_leak'],
  linear_reset: ['alpha_plus_eta', 'alpha'], ringing_guard: ['on', 'off'], overflow: ['saturate', 'wrap'], vr_decode: ['nemo_exp', 'raw'],
};

/** The engine's (flags, width) for `s`, validating every value. */
export function switchBits(s: SwitchesDesc = {}): { flags: number; width: number } {
  for (const [k, v] of Object.entries(s)) {
    if (k === 'width') continue;
    if (!SWITCH_CHOICES[k]) fail(`switches.${k}`, `unknown switch (known: ${Object.keys(SWITCH_CHOICES).join(', ')}, width)`);
    if (v !== undefined && !SWITCH_CHOICES[k].includes(v as string)) fail(`switches.${k}`, `must be one of ${SWITCH_CHOICES[k].join(', ')}, got '${v}'`);
  }
  const width = s.width ?? 32;
  if (!Number.isInteger(width) || width < 2 || width > 32) fail('switches.width', `must be an integer in 2..32, got ${width}`);
  let flags = 0;
  for (const [k, on, bit] of SWITCH_BITS) if (s[k] === on) flags |= bit;
  return { flags, width };
}
