// The working-memory circuit on TrueNorth (docs/gain.md §5). The gain-matched neurons are
// threshold-linear up to 1000 Hz with instantaneous synapses, so the biophysical bound of the
// up-state (E→E depression, NMDA, adaptation) has no counterpart (MODEL.md §6.8). The mapping of the
// WM circuit therefore makes three TN-native choices, all plain MapOptions:
// - merged state groups: every cell of A1, B1, A2, B2 sends to one shared axon per target core, which
//   carries the OR of the group: a saturating population code that bounds the up-state;
// - loop-only persistence (MODEL.md §7.3): recurrent weights scaled down until a module alone cannot
//   hold an up-state, cross-links A_i ↔ B_i scaled up until the pair can;
// - transition neurons T12, T21 as memoryless coincidence (AND) neurons (MODEL.md §7.4): a T cell
//   fires in a tick iff both state axons of its source state and one of its symbol axons are active.
import { mapToTrueNorth, type MapOptions, type TnModel } from './map.js';
import { cellKinds } from './bio.js';
import type { GainMatch } from './match.js';
import type { WmCircuit } from './wmcircuit.js';

/** Circuit knobs of the WM mapping, the centre of the ≥ 19/20 plateau of a grid on training seeds
 * 101–120 (recurrent 0.45–0.65 × inhibition 0.18–0.25 × cross 2.5–4; docs/gain.md §5). */
export const WM_TN_KNOBS = { recurrentScale: 0.55, inhibitionScale: 0.22, crossScale: 3 };

export interface WmTnKnobs { recurrentScale: number; inhibitionScale: number; /** weight scale of the cross-links A_i ↔ B_i */ crossScale: number }

/** The state groups of the circuit (merged on TN). */
export const stateGroups = (c: WmCircuit): string[] => [...c.states[0], ...c.states[1]];

/** MapOptions of the WM circuit for given knobs. */
export function wmMapOptions(c: WmCircuit, k: WmTnKnobs = WM_TN_KNOBS, seed?: number): MapOptions {
  const linkScale: Record<string, number> = {};
  for (const [a, b] of c.states) { linkScale[`${a}>${b}`] = k.crossScale; linkScale[`${b}>${a}`] = k.crossScale; }
  return {
    seed, recurrentScale: k.recurrentScale, inhibitionScale: k.inhibitionScale, linkScale,
    merge: stateGroups(c), coincidence: [c.transition.t12, c.transition.t21],
  };
}

export function tnWmModel(c: WmCircuit, match: GainMatch, k: WmTnKnobs = WM_TN_KNOBS, seed?: number): TnModel {
  return mapToTrueNorth(c.spec, cellKinds(c.spec), match.params, wmMapOptions(c, k, seed));
}
