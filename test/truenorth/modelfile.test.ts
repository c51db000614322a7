// Model files: the IBM-style fixture runs T10; IBM-style and JSON round trips; spike files.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compress, expand, typeName, fromJson, readModelFile, readSfri, readSfti, readSpikeText, toJson, TrueNorthSim, writeModelFile, writeSfri, writeSfti, writeSpikeText } from '../../ts/truenorth/index.js';
import { ticksOf, TN_BACKENDS } from './helpers.js';
import { randomNet } from './random-net.js';

const fixture = readFileSync(new URL('../fixtures/tn_t10.model', import.meta.url), 'utf8');

describe('IBM-style model file', () => {
  it('reads comments, repeated "core" keys, compact arrays and hex rows', () => {
    const net = readModelFile(fixture, { name: 'tn_t10.model' });
    expect(net.cores.map((c) => c.id)).toEqual([0, 1]);
    expect(net.neuronTypes[1]).toMatchObject({ s0: 1, alpha: 2, kappa: true, sigma_lambda: -1 });
    expect(Array.from(net.cores[0].types.slice(0, 3))).toEqual([0, 0, -1]);
    expect(Array.from(net.cores[0].destAxons.slice(0, 4))).toEqual([7, 7, 253, 252]);
    expect(net.cores[0].crossbar[0]).toBe(0b11);
    expect(net.cores[1].crossbar[7 * 8]).toBe(1);
    expect(net.cores[1].axonTypes[200]).toBe(1);
    expect(net.cores[1].destCores[0]).toBe(-2);
  });

  it.each(TN_BACKENDS)('runs T10 from the file on %s', async (backend) => {
    const sim = await TrueNorthSim.create(readModelFile(fixture), backend);
    sim.inject(readSfti('{"defaultDestinationDelay": 1}\n{"srcTime": 4, "destCore": 0, "destAxon": 0}\n{"srcTime": 5, "destCore": 0, "destAxon": 0}'));
    const sp = sim.run(20);
    expect(ticksOf(sp, 1, 0)).toEqual([9]);
    sim.free();
  });

  it('compact syntax expands and compresses', () => {
    expect(expand(['1x3', '0:2', '18:2:22', '22:-1:20', 5], 100)).toEqual([1, 1, 1, 0, 1, 2, 18, 20, 22, 22, 21, 20, 5]);
    expect(expand(['1x300'], 256)).toMatch(/past 256/);
    const a = [4, 4, 4, 4, 0, 1, 2, 3, 9, 7, 5, 3, 1, 8];
    expect(expand(compress(a), 100)).toEqual(a);
  });

  it('import → export → import round trip (IBM-style and JSON) on random networks', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const { net } = randomNet(seed);
      net.neuronTypes.forEach((t, i) => { t.name = typeName(i); });
      const a = readModelFile(writeModelFile(net));
      expect(toJson(a)).toEqual(toJson(net));
      const b = fromJson(toJson(a));
      expect(writeModelFile(b)).toEqual(writeModelFile(net));
    }
  });

  it('round-tripped networks produce the same spikes', async () => {
    const { net, inputs } = randomNet(11);
    const inp = inputs(2000);
    const spikes = async (n: typeof net) => {
      const s = await TrueNorthSim.create(n, TN_BACKENDS[0]);
      s.inject(inp);
      const out = s.run(2000);
      s.free();
      return out;
    };
    const [a, b] = [await spikes(readModelFile(writeModelFile(net))), await spikes(net)];
    expect(a.length).toBeGreaterThan(0);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
  });

  it('errors name the line and the field', () => {
    expect(() => readModelFile('{\n"neuronTypes": [\n{"alpha": "x"}]}', { name: 'm' })).toThrow(/m:3 alpha/);
    expect(() => readModelFile('{\n"cores": [{"core": {"id": 0, "neurons": {"types": ["0x300"]}}}]}', { name: 'm' })).toThrow(/m:2 types: '0x300' expands past 256/);
    expect(() => readModelFile('{"a": [1, 2}', { name: 'm' })).toThrow(/m:1.*expected ',' or '\]'/);
    expect(() => fromJson('{"format": "swta-truenorth", "neuronTypes": [], "cores": [{"id": 0}]}')).toThrow(/cores\[0\]\.axonTypes/);
  });
});

describe('spike files', () => {
  const t = Int32Array.from([3, 0, 5, 7, 1, 255, 7, 2, 0]);
  it('native text, sfti and sfri round trip', () => {
    expect(readSpikeText(writeSpikeText(t))).toEqual(t);
    expect(readSfti(writeSfti(t, 2))).toEqual(t);
    expect(readSfri(writeSfri(t))).toEqual(t);
  });
  it('sfti: default delay from the header, per-record delay, comments', () => {
    const s = '/* header */ {"defaultDestinationDelay": 2}\n{"srcTime": 0, "destCore": 1, "destAxon": 3}\n// a comment\n{"srcTime": 5, "destCore": 0, "destAxon": 1, "destDelay": 4}';
    expect(Array.from(readSfti(s))).toEqual([2, 1, 3, 9, 0, 1]);
  });
  it('errors name the line', () => {
    expect(() => readSpikeText('1,2,3\n1,x,3\n', 'in.txt')).toThrow(/in.txt:2/);
    expect(() => readSfti('{"srcTime": 0, "destCore": 0}\n{"srcTime": 1, "destCore": 0, "destAxon": 999}', 'in.sfti')).toThrow(/in.sfti:1 destAxon|in.sfti:2 destAxon/);
    expect(() => readSfri(new Uint8Array(25))).toThrow(/multiple of 24/);
  });
});
