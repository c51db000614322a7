// swta seg: --help, --json on a tiny end-to-end ood run (two variants, one seed, tiny scenes), and
// bad flags that name the flag and the allowed range. Also the PNG encoder of the example grid.
import { describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { main } from '../../ts/cli/main.js';
import { encodePng } from '../../ts/seg/grid.js';

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...a) => { lines.push(a.join(' ')); });
  const err = vi.spyOn(console, 'error').mockImplementation((...a) => { lines.push(a.join(' ')); });
  try { return { code: await main(args), out: lines.join('\n') }; } finally { spy.mockRestore(); err.mockRestore(); }
}

const TINY = ['--size', '32', '--min-scale', '16', '--max-scale', '16', '--patch', '8', '--dim', '16', '--depth', '1', '--heads', '2', '--mlp', '32', '--train-scenes', '32', '--val-scenes', '4',
  '--test-scenes', '4', '--steps', '4', '--batch', '8', '--eval-every', '2', '--val-probe', '4'];

describe('swta seg', () => {
  it('--help lists the options of every sub-command', async () => {
    for (const sub of ['train', 'eval', 'ood']) {
      const r = await cli(['seg', sub, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`swta seg ${sub}`));
      expect(r.out).toMatch(/--json/);
    }
  });

  it('ood --json writes runs, seg.json, seg.svg and the grid; resume skips; eval reads a checkpoint', async () => {
    const out = mkdtempSync(join(tmpdir(), 'swta-segcli-'));
    const r = await cli(['seg', 'ood', ...TINY, '--seeds', '1', '--variants', 'raw;ln+field', '--examples', '2', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.out);
    expect(t).toMatchObject({ runs: 2, variants: ['raw', 'ln+field'], conditions: ['day', 'dusk', 'night'] });
    expect(t.miou.raw.night.n).toBe(1);
    for (const f of ['runs/raw-s1.json', 'runs/ln_field-s1.json', 'seg.json', 'seg.svg', 'grid.svg', 'grid.png']) expect(existsSync(join(out, f))).toBe(true);
    expect(readFileSync(join(out, 'grid.svg'), 'utf8')).toMatch(/data:image\/png;base64/);
    const again = await cli(['seg', 'ood', ...TINY, '--seeds', '1', '--variants', 'raw;ln+field', '--examples', '0', '--out', out, '--resume']);
    expect(again.out).toMatch(/skip raw seed 1/);
    const e = await cli(['seg', 'eval', '--ckpt', join(out, 'ckpt', 'ln_field-s1'), '--json']);
    expect(e.code).toBe(0);
    expect(JSON.parse(e.out)).toMatchObject({ variant: 'ln+field', scenes: 4 });
  });

  it('bad flags name the flag and the allowed values', async () => {
    const cases: [string[], RegExp][] = [
      [['seg', 'train', '--patch', '7', '--size', '32'], /--patch.*must divide --size 32/],
      [['seg', 'train', '--steps', '0'], /--steps.*\[1, 10000000\]/],
      [['seg', 'train', '--variant', 'blur'], /--variant.*raw, norm, normPV, field, selfExc/],
      [['seg', 'ood', '--variants', 'raw;field:kE=4'], /--variants.*kE: must be an odd integer in \[1, 63\]/],
      [['seg', 'ood', '--seeds', '1,x'], /--seeds/],
      [['seg', 'ood', '--variants', 'raw;dn(s=20)+gn+field'], /--variants.*dn\.s: must be a number in \[0, 10\], got 20/],
      [['seg', 'train', '--variant', 'ln+blur'], /--variant.*raw, norm, normPV, field, selfExc/],
      [['seg', 'train', '--size', '8'], /--size.*\[16, 256\]/],
      [['seg', 'train', '--size', '16'], /--min-scale.*\[4, 16\]/],
      [['seg', 'train', '--grid', '5'], /--grid.*\[24, 24\]/],
      [['seg', 'train', '--bogus'], /bogus/],
    ];
    for (const [args, re] of cases) {
      const r = await cli([...args, '--json']);
      expect(r.code).toBe(2);
      const j = JSON.parse(r.out);
      expect(`${j.error.field} ${j.error.message}`).toMatch(re);
    }
  });
});

describe('grid PNG', () => {
  it('encodes a valid RGB PNG whose IDAT inflates back to the rows', () => {
    const rgb = Uint8Array.from({ length: 3 * 4 * 2 }, (_, i) => i * 7);
    const png = encodePng(rgb, 4, 2);
    expect(Array.from(png.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const dv = new DataView(png.buffer, png.byteOffset);
    expect([dv.getUint32(16), dv.getUint32(20), png[24], png[25]]).toEqual([4, 2, 8, 2]);
    const idatLen = dv.getUint32(33);
    const raw = inflateSync(png.subarray(41, 41 + idatLen));
    expect(Array.from(raw.subarray(1, 13))).toEqual(Array.from(rgb.subarray(0, 12)));
    expect(raw[13]).toBe(0);
  });
});
