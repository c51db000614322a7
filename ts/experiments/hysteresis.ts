// Multistability and hysteresis (MODEL.md §5.4). Hard regime (HARD_REGIME): under identical input
// the module settles in the state its history selected; a ramp of one group's input traces a
// hysteresis loop; a brief pulse leaves persistent activity. The same history protocol in the soft
// regime (the default module) shows a single, input-determined state — the contrast is the regime
// switch; VIP context's effect on it is measured too.
import { lineSvg, rasterSvg } from '../report/plot.js';
import { HARD_REGIME, Rig, type ExperimentOptions } from './common.js';
import type { L23Options } from '../circuit/l23.js';

const HOLD = 5;
const PULSE = 20;

/** Pulse group A then hold; pulse group B then hold: the held rates after each. */
async function historyStates(o: ExperimentOptions, module: L23Options, ctx_Hz: number) {
  const rig = await Rig.create(o, module);
  const w = o.quick ? 1000 : 1500;
  rig.drive([HOLD, HOLD], ctx_Hz).groupRates(500);
  rig.drive([HOLD + PULSE, HOLD], ctx_Hz).groupRates(300);
  const afterA = rig.drive([HOLD, HOLD], ctx_Hz).groupRates(w, 300);
  rig.drive([HOLD, HOLD + PULSE], ctx_Hz).groupRates(300);
  const afterB = rig.drive([HOLD, HOLD], ctx_Hz).groupRates(w, 300);
  rig.free();
  // Two states: each history leaves its own group winning by a clear margin.
  const distinct = afterA[0] > 2 * afterA[1] + 1 && afterB[1] > 2 * afterB[0] + 1;
  return { afterA_Hz: afterA, afterB_Hz: afterB, two_states: distinct };
}

/** Ramp group 0's input up then down (group 1 fixed): r0 on both branches. */
async function ramp(o: ExperimentOptions, module: L23Options) {
  const steps = o.quick ? [0, 4, 8, 12, 16, 20] : [0, 3, 6, 9, 12, 15, 18, 21, 24];
  const rig = await Rig.create(o, module);
  const other = 10;
  rig.drive([0, other]).groupRates(800);
  const up = steps.map((x) => rig.drive([x, other]).groupRates(400, 200)[0]);
  const down = [...steps].reverse().map((x) => rig.drive([x, other]).groupRates(400, 200)[0]).reverse();
  rig.free();
  // Width: input range where the branches disagree (one up, one down) by more than 5 Hz.
  const differ = steps.filter((_, k) => Math.abs(up[k] - down[k]) > 5);
  const width = differ.length ? Math.max(...differ) - Math.min(...differ) + (steps[1] - steps[0]) : 0;
  return { inputs_Hz: steps, other_Hz: other, up_Hz: up, down_Hz: down, width_Hz: width };
}

/** Pulse group 0 from rest, then remove all input: how long group 0 stays above 5 Hz. */
async function persistence(o: ExperimentOptions, module: L23Options) {
  const rig = await Rig.create(o, module);
  rig.drive([0, 0]).groupRates(500);
  rig.drive([PULSE + HOLD, 0]).groupRates(300);
  const t0 = rig.net.info().t_ms;
  const bins: number[] = [];
  const total = o.quick ? 2000 : 3000;
  for (let t = 0; t < total; t += 250) bins.push(rig.drive([0, 0]).groupRates(250)[0]);
  const firstLow = bins.findIndex((r) => r < 5);
  const raster = rig.net.spikeTrain(rig.m.groups[0]);
  const raster1 = rig.net.spikeTrain(rig.m.groups[1]);
  rig.free();
  return { bins_Hz: bins, bin_ms: 250, persisted_ms: firstLow < 0 ? total : firstLow * 250, pulse_end_ms: t0, raster: [raster, raster1] };
}

export async function hysteresisExperiment(o: ExperimentOptions = {}) {
  const hard = await historyStates(o, HARD_REGIME, 0);
  o.onProgress?.(1, 5);
  const soft = await historyStates(o, {}, 0);
  o.onProgress?.(2, 5);
  const softContext = await historyStates(o, {}, 40);
  o.onProgress?.(3, 5);
  const loop = await ramp(o, HARD_REGIME);
  o.onProgress?.(4, 5);
  const pers = await persistence(o, HARD_REGIME);
  o.onProgress?.(5, 5);
  const loopSvg = lineSvg([
    { label: 'input rising', x: loop.inputs_Hz, y: loop.up_Hz, markers: true },
    { label: 'input falling', x: loop.inputs_Hz, y: loop.down_Hz, markers: true, dashed: true },
  ], { title: `Hysteresis (hard regime): group 0, group 1 held at ${loop.other_Hz} Hz`, xLabel: 'group 0 input (Hz per afferent)', yLabel: 'group 0 rate (Hz)' });
  const [g0, g1] = pers.raster;
  const t0 = pers.pulse_end_ms - 800;
  const raster = rasterSvg([{ label: 'PYR0', n: 40, ...g0 }, { label: 'PYR1', n: 40, ...g1 }], t0, pers.pulse_end_ms + pers.bins_Hz.length * 250,
    { title: 'Persistence after a 300 ms pulse to group 0 (hard regime)', shade: [{ t0_ms: pers.pulse_end_ms - 300, t1_ms: pers.pulse_end_ms, label: 'pulse' }] });
  return {
    name: 'hysteresis', regime: 'hard' as const, seed: o.seed ?? 1,
    history: { hard, soft, soft_with_vip_context: softContext }, ramp: loop,
    persistence: { bins_Hz: pers.bins_Hz, bin_ms: pers.bin_ms, persisted_ms: pers.persisted_ms },
    metrics: { hard_two_states: hard.two_states, soft_two_states: soft.two_states, soft_context_two_states: softContext.two_states, hysteresis_width_Hz: loop.width_Hz, persisted_ms: pers.persisted_ms },
    svgs: { 'hysteresis.svg': loopSvg, 'persistence_raster.svg': raster },
  };
}
