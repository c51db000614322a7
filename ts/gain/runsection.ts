// The gain-matching section of the main job (`swta run`): gain-match the default module, run its
// TrueNorth model on a two-group stimulus (raster), and the fidelity table (issue 5).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendName } from '../backend/engine.js';
import type { ReportSection } from '../report/html.js';
import { rasterSvg } from '../report/plot.js';
import { l23Module } from '../circuit/l23.js';
import { cellKinds } from './bio.js';
import { mapToTrueNorth } from './map.js';
import { TnRig } from './tnrig.js';
import { fidelityReport } from './report.js';

export async function gainSection(out: string, o: { backend: BackendName | 'auto'; quick: boolean; onProgress?: (d: number, t: number) => void }): Promise<{ section: ReportSection; metrics: Record<string, unknown> }> {
  const f = await fidelityReport({ backend: o.backend, seed: 1, quick: o.quick, onProgress: o.onProgress });
  const { svgs, ...data } = f;
  writeFileSync(join(out, 'gain_matching.json'), JSON.stringify(data, null, 1));
  for (const [n, s] of Object.entries(svgs)) writeFileSync(join(out, n), s);
  // TN raster: the gain-matched default module, group 0 at 20 Hz and group 1 at 16 Hz per afferent.
  const m = l23Module({ seed: 1 });
  const params = Object.fromEntries(f.classes.map((c) => [c.name, c.params]));
  const tn = await TnRig.create(mapToTrueNorth(m.spec, cellKinds(m.spec), params, { seed: 1, ...f.knobs }), { backend: o.backend, seed: 1 });
  tn.setRate(m.ff[0], 20).setRate(m.ff[1], 16);
  tn.run(300);
  tn.record = true;
  tn.run(1000);
  tn.free();
  const pops = Object.keys(tn.trains);
  const raster = rasterSvg(pops.map((p) => ({ label: p, n: tn.model.populations[p].length, ids: tn.trains[p].ids, t_ms: tn.trains[p].t_ms })), 300, 1300,
    { title: 'Gain-matched TrueNorth model of the default module (1 core), inputs 20 : 16 Hz, 1 ms ticks' });
  writeFileSync(join(out, 'gain_tn_raster.svg'), raster);
  const fi = f.fidelity;
  const rows: (string | number)[][] = [
    ...f.classes.map((c) => [`R² ${c.name} I–O`, c.r2.toFixed(3), '≥ 0.95']),
    ['gain TN / bio', fi.gain.ratio.toFixed(3), '1 ± 0.1'],
    ['selectivity ratio TN / bio', fi.selectivity.ratio.toFixed(3), '1 ± 0.1'],
    ['LAMP5 normaliser slope TN / bio', fi.normaliser.ratio.toFixed(3), 'fitted (LAMP5 drive)'],
    ['hysteresis width bio / TN (Hz)', `${fi.hysteresis.bio_width_Hz} / ${fi.hysteresis.tn_width_Hz}`, 'present on both'],
    ...f.roles.map((r) => [`${r.class} → ${r.role}`, `bio ${r.bio.control.toFixed(2)}→${r.bio.manipulated.toFixed(2)} ${r.bio_ok ? '✔' : '✘'}; TN ${r.tn.control.toFixed(2)}→${r.tn.manipulated.toFixed(2)} ${r.tn_ok ? '✔' : '✘'}`, r.expected]),
  ];
  return {
    section: { title: 'Gain matching onto TrueNorth (MODEL.md §6)', text: `Per-class fits, closed-form integers refined on the emulator, pathway weights by charge equivalence, circuit knobs ${JSON.stringify(f.knobs)}. Details: docs/gain.md.`, table: { head: ['check', 'value', 'target'], rows }, svgs: [raster, ...Object.values(svgs)] },
    metrics: f.metrics,
  };
}
