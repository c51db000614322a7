// Parameters of the sWTA image filter (MODEL.md §8.6 defaults; §8.7 controls as modes). The flat
// vector order is the one of crates/swta-core/src/filter/params.rs (FilterParams::to_vec).
import { fail } from '../abi/errors.js';

/** What the filter outputs: raw X; norm = step 1 (I); normPV = steps 1–2 (FF); field = the full sWTA
 * field Y (default); selfExc = the rejected per-pixel self-excitation variant of §8.5 (ablation). */
export type FilterMode = 'raw' | 'norm' | 'normPV' | 'field' | 'selfExc';
export const FILTER_MODES: FilterMode[] = ['raw', 'norm', 'normPV', 'field', 'selfExc'];

/** Step 1's per-image normalisation: 'max' = X / (max X + ε_in) (MODEL.md §8.6, default); 'minmax' =
 * (X − min X) / (max X − min X + ε_in), which also removes an additive offset (a fog veil). On an image
 * whose minimum is 0 both give bit-identical output; a constant image gives all zeros under 'minmax'. */
export type InputNorm = 'max' | 'minmax';
export const INPUT_NORMS: InputNorm[] = ['max', 'minmax'];

export interface FilterParams {
  mode: FilterMode;
  /** Cooperation neighbourhood side k_E (odd, 1–63). Default 3. */
  kE: number;
  /** Competition (SST pool) and PV neighbourhood side k_I (odd, 1–63). Default 7 (5 for selfExc). */
  kI: number;
  /** Cooperation gain a (0–10). Default 1.4 (α = 1.3 for selfExc). */
  a: number;
  /** Competition gain b (0–10). Default 1.6 (β = 2.0 for selfExc). */
  b: number;
  /** PV feedforward subtraction γ_PV (0–10). Default 0.3 (0.5 for selfExc). */
  gammaPV: number;
  /** Threshold θ (−1–1). Default 0.05. */
  theta: number;
  /** LAMP5 divisive gain γ_L (0–100). Default 1. For selfExc: g_L, dividing by the image mean. */
  gammaL: number;
  /** Euler step Δt/τ, in (0, 1]. Default 0.2. */
  dt: number;
  /** Euler steps n (integer 0–10000). Default 40. */
  steps: number;
  /** ε_in of the input max normalisation, in (0, 1]. Default 1e-3. */
  epsIn: number;
  /** ε_out of the output max normalisation, in (0, 1]. Default 1e-6. */
  epsOut: number;
  /** Step 1's per-image normalisation, 'max' (default) or 'minmax' (docs/vit.md §5.8). */
  inputNorm: InputNorm;
}

export const FILTER_DEFAULTS: Readonly<FilterParams> = Object.freeze({
  mode: 'field', kE: 3, kI: 7, a: 1.4, b: 1.6, gammaPV: 0.3, theta: 0.05, gammaL: 1, dt: 0.2, steps: 40, epsIn: 1e-3, epsOut: 1e-6, inputNorm: 'max',
});

/** Defaults of a mode: the §8.6 values, or the §8.5 values (α, β, γ_PV, k) = (1.3, 2.0, 0.5, 5) for selfExc. */
export function defaultsFor(mode: FilterMode): FilterParams {
  const base = { ...FILTER_DEFAULTS, mode };
  return mode === 'selfExc' ? { ...base, kI: 5, a: 1.3, b: 2.0, gammaPV: 0.5 } : base;
}

type Range = [lo: number, hi: number, kind: 'real' | 'int' | 'odd' | 'pos'];
const RANGES: Record<Exclude<keyof FilterParams, 'mode' | 'inputNorm'>, Range> = {
  kE: [1, 63, 'odd'], kI: [1, 63, 'odd'], a: [0, 10, 'real'], b: [0, 10, 'real'], gammaPV: [0, 10, 'real'],
  theta: [-1, 1, 'real'], gammaL: [0, 100, 'real'], dt: [0, 1, 'pos'], steps: [0, 10000, 'int'], epsIn: [0, 1, 'pos'], epsOut: [0, 1, 'pos'],
};

/** Merge `opts` over the mode's defaults and validate; errors name `options.<key>` and the allowed range. */
export function resolveParams(opts: Partial<FilterParams> = {}): FilterParams {
  const mode = opts.mode ?? 'field';
  if (!FILTER_MODES.includes(mode)) fail('options.mode', `must be one of ${FILTER_MODES.join(', ')}, got '${String(mode)}'`);
  const p = { ...defaultsFor(mode) } as FilterParams;
  for (const [k, v] of Object.entries(opts)) {
    if (k === 'mode' || v === undefined) continue;
    if (k === 'inputNorm') {
      if (!INPUT_NORMS.includes(v as InputNorm)) fail('options.inputNorm', `must be one of ${INPUT_NORMS.join(', ')}, got ${typeof v === 'string' ? `'${v}'` : String(v)}`);
      p.inputNorm = v as InputNorm;
      continue;
    }
    const r = RANGES[k as keyof typeof RANGES];
    if (!r) fail(`options.${k}`, `is not a filter parameter (allowed: mode, ${Object.keys(RANGES).join(', ')}, inputNorm)`);
    const [lo, hi, kind] = r;
    const x = v as number;
    const ok = typeof x === 'number' && Number.isFinite(x) && x >= lo && x <= hi &&
      (kind === 'real' || (kind === 'pos' ? x > 0 : Number.isInteger(x) && (kind === 'int' || x % 2 === 1)));
    if (!ok) {
      const what = kind === 'odd' ? `an odd integer in [${lo}, ${hi}]` : kind === 'int' ? `an integer in [${lo}, ${hi}]` : kind === 'pos' ? `a number in (${lo}, ${hi}]` : `a number in [${lo}, ${hi}]`;
      fail(`options.${k}`, `must be ${what}, got ${String(v)}`);
    }
    (p as unknown as Record<string, number>)[k] = x;
  }
  return p;
}

/** Length of the flat parameter vector (crates/swta-core/src/filter/params.rs PARAM_COUNT; the engine
 * also accepts the original 12 values without inputNorm). */
export const PARAM_COUNT = 13;

/** The flat f32 vector the engine takes (13 values; slot 12 is inputNorm: 0 max, 1 minmax). */
export function paramVector(p: FilterParams): Float32Array {
  return new Float32Array([FILTER_MODES.indexOf(p.mode), p.kE, p.kI, p.a, p.b, p.gammaPV, p.theta, p.gammaL, p.dt, p.steps, p.epsIn, p.epsOut,
    INPUT_NORMS.indexOf(p.inputNorm ?? 'max')]);
}
