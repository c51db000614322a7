// Baseline activity of the module with no drive (MODEL.md §2.1 target: 1–3 Hz background rates).
import { Rig, type ExperimentOptions } from './common.js';
import { CLASSES } from '../circuit/l23.js';

export async function baselineExperiment(o: ExperimentOptions = {}) {
  const rig = await Rig.create(o);
  const r = rig.drive([0, 0]).rates(o.quick ? 2000 : 5000, 500);
  const names = rig.m.names;
  rig.free();
  const perClass = Object.fromEntries(CLASSES.map((c) => [c, names[c].reduce((s, n) => s + r[n], 0) / names[c].length]));
  return { name: 'baseline', regime: 'soft' as const, seed: o.seed ?? 1, rates_Hz: perClass, metrics: { pyr_Hz: perClass.PYR }, svgs: {} };
}
