// The working-memory circuit on TrueNorth. The gain-matched neurons are threshold-linear with a
// ceiling of 1000 Hz, so a recurrent loop strong enough to hold a state has no finite up-state
// (MODEL.md §6.8: the TN ceiling cannot be the saturating f). The biophysical bound (E→E depression,
// adaptation) is therefore replaced by an explicit inhibitory bound: per state group a small
// population that is silent below `bound_Hz` of its group and inhibits it steeply above (§6.8's
// "explicit inhibitory bound"). It exists only on the TN side and is listed in the model weights.
import type { NetworkSpec } from '../model/spec.js';
import { CLASS_PARAMS, RECEPTORS } from '../circuit/l23.js';
import { cellKinds } from './bio.js';
import { mapToTrueNorth, type MapOptions, type TnModel } from './map.js';
import type { GainMatch } from './match.js';
import type { TnParams } from './tnclass.js';
import type { WmCircuit } from './wmcircuit.js';

export interface BoundOptions { bound_Hz: number; cells: number; p: number; gInhib_nS: number; gain: number }
export const BOUND_DEFAULTS: BoundOptions = { bound_Hz: 25, cells: 8, p: 0.5, gInhib_nS: 6, gain: 10 };

/** The WM spec plus a bound population per state group (TN side only). */
export function withBounds(c: WmCircuit, b: BoundOptions = BOUND_DEFAULTS): { spec: NetworkSpec; boundKind: string } {
  const spec = structuredClone(c.spec);
  const groups = [...c.states[0], ...c.states[1]];
  for (const g of groups) {
    const name = `${g}.BND`;
    // Distinct parameters (bias 0) so the bound cells form their own kind.
    spec.populations.push({ name, model: 'adex', n: b.cells, params: { V_peak_mV: 0, ...CLASS_PARAMS.PV, I_bias_pA: 0 }, receptors: [RECEPTORS.ampa] });
    spec.projections!.push({ pre: g, post: name, receptor: 'ampa', rule: { type: 'probability', p: b.p }, weight_nS: 1, delay_ms: 1 });
    spec.projections!.push({ pre: name, post: g, receptor: 'gaba_pv', rule: { type: 'probability', p: b.p }, weight_nS: b.gInhib_nS, delay_ms: 1 });
  }
  return { spec, boundKind: `${groups[0]}.BND` };
}

/** Threshold-linear bound neuron: silent below bound_Hz of its n·p presynaptic cells, gain `gain` above. */
export function boundParams(nIn: number, b: BoundOptions = BOUND_DEFAULTS): TnParams {
  const s_unit = 40;
  const alpha = Math.max(1, Math.round((nIn * s_unit) / b.gain));
  const lambda = -Math.min(255, Math.round((nIn * s_unit * b.bound_Hz) / 1000));
  return { alpha, lambda, TM: 0, beta: 0, s_unit, gain_tn: (nIn * s_unit) / alpha, theta_tn_Hz: b.bound_Hz };
}

export function tnWmModel(c: WmCircuit, match: GainMatch, knobs: MapOptions, b: BoundOptions = BOUND_DEFAULTS): TnModel {
  if (b.cells <= 0) return mapToTrueNorth(c.spec, cellKinds(c.spec), match.params, knobs);
  const { spec, boundKind } = withBounds(c, b);
  const nIn = spec.populations.find((p) => p.name === c.states[0][0])!.n * b.p;
  return mapToTrueNorth(spec, cellKinds(spec), { ...match.params, [boundKind]: boundParams(nIn, b) }, knobs);
}
