// CLI: swta tn run on the T10 fixture (IBM-style and swta JSON), with sfti and text inputs and sfri output.
import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../ts/cli/main.js';
import { readModelFile, readSfri, toJson } from '../../ts/truenorth/index.js';

const fixture = new URL('../fixtures/tn_t10.model', import.meta.url).pathname;

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...a) => { lines.push(a.join(' ')); });
  try { return { code: await main(args), out: lines.join('\n') }; } finally { spy.mockRestore(); }
}

describe('swta tn run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'swta-tn-'));
  const sfti = join(dir, 'in.sfti');
  writeFileSync(sfti, '{"defaultDestinationDelay": 1}\n{"srcTime": 4, "destCore": 0, "destAxon": 0}\n{"srcTime": 5, "destCore": 0, "destAxon": 0}\n');

  it('runs an IBM-style model with sfti input and writes sfri output', async () => {
    const out = join(dir, 'out.sfri');
    const r = await cli(['tn', 'run', fixture, '--input', sfti, '--ticks', '20', '--backend', 'wasm', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ backend: 'wasm', ticks: 20, spikes: 5 });
    expect(Array.from(readSfri(readFileSync(out)))).toEqual([5, 0, 0, 5, 0, 1, 6, 0, 0, 6, 0, 1, 9, 1, 0]);
  });

  it('runs the same network from swta JSON with text input, outputs only', async () => {
    const json = join(dir, 'net.json');
    writeFileSync(json, toJson(readModelFile(readFileSync(fixture, 'utf8'))));
    const txt = join(dir, 'in.txt');
    writeFileSync(txt, '# tick,core,axon\n5,0,0\n6,0,0\n');
    const r = await cli(['tn', 'run', json, '--input', txt, '--ticks', '20', '--record', 'outputs', '--json']);
    expect(JSON.parse(r.out)).toMatchObject({ spikes: 1, first_spikes: [9, 1, 0] });
  });

  it('reports bad files with the line', async () => {
    const bad = join(dir, 'bad.model');
    writeFileSync(bad, '{\n"neuronTypes": [\n{"alpha": true, "beta": "no"}]}');
    const r = await cli(['tn', 'run', bad, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).error.field).toMatch(/bad.model:3 beta/);
  });
});

describe('bench tn rounds (aggregation only; speed is measured in bench/)', () => {
  it('alternates the backends, takes per-backend medians and their ratios, all from the same runs', async () => {
    const { benchTnRounds } = await import('../../bench/tn.js');
    const { availableBackends } = await import('../../ts/backend/registry.js');
    const backends = await availableBackends();
    const r = await benchTnRounds({ backends, rounds: 3, cores: 4, ticks: 20, chunk: 10, warmup: 10, record: false });
    expect(r.runs.map((x) => x.backend)).toEqual([...backends, ...backends, ...backends]);
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
    for (const b of backends) {
      const mine = r.runs.filter((x) => x.backend === b);
      expect(r.median[b]!.ticks_per_s).toBe(med(mine.map((x) => x.ticks_per_s)));
      expect(r.median[b]!.ticks_per_cpu_s).toBe(med(mine.map((x) => x.ticks_per_cpu_s)));
      expect(mine.every((x) => x.cores === 4 && x.ticks === 20 && x.mean_rate_hz > 0)).toBe(true);
    }
    expect(Object.keys(r.ratios)).toHaveLength((backends.length * (backends.length - 1)) / 2);
    expect(r.ratios[`${backends[0]}_over_${backends[1]}`]).toBeCloseTo(r.median[backends[0]]!.ticks_per_s / r.median[backends[1]]!.ticks_per_s, 12);
  });
});
