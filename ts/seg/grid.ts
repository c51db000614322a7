// The example grid (docs/seg.md §5): rows of S×S tiles (grey images or label maps in an 11-colour
// palette), drawn into one RGB canvas and encoded as PNG here (node:zlib deflate + a CRC-32 table, no
// dependency), then wrapped in an SVG that adds the row labels and a colour legend.
import { deflateSync } from 'node:zlib';

/** Class colours: 0 = background (black), 1 + d = digit d. */
export const PALETTE: [number, number, number][] = [[0, 0, 0], [230, 25, 75], [60, 180, 75], [255, 225, 25], [0, 130, 200], [245, 130, 48],
  [145, 30, 180], [70, 240, 240], [240, 50, 230], [210, 245, 60], [250, 190, 212]];

export type Tile = { grey: Float32Array } | { labels: Uint8Array };
export interface GridRow { label: string; tiles: Tile[] }

const CRC = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; t[n] = c >>> 0; }
  return t;
})();

function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = CRC[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length), dv = new DataView(out.buffer);
  dv.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  dv.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** An 8-bit RGB PNG of w×h pixels (rgb row-major, 3 bytes per pixel; filter type 0 on every row). */
export function encodePng(rgb: Uint8Array, w: number, h: number): Uint8Array {
  const raw = new Uint8Array(h * (1 + 3 * w));
  for (let y = 0; y < h; y++) raw.set(rgb.subarray(y * 3 * w, (y + 1) * 3 * w), y * (1 + 3 * w) + 1);
  const ihdr = new Uint8Array(13), dv = new DataView(ihdr.buffer);
  dv.setUint32(0, w); dv.setUint32(4, h);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const parts = [Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

const GAP = 4;

/** The grid as one RGB canvas: tile side S·px, GAP px between tiles (white). */
export function gridCanvas(rows: GridRow[], S: number, px: number): { rgb: Uint8Array; w: number; h: number } {
  const cols = Math.max(...rows.map((r) => r.tiles.length)), T = S * px;
  const w = cols * (T + GAP) - GAP, h = rows.length * (T + GAP) - GAP;
  const rgb = new Uint8Array(w * h * 3).fill(255);
  rows.forEach((r, ri) => r.tiles.forEach((t, ci) => {
    for (let i = 0; i < T; i++) for (let j = 0; j < T; j++) {
      const q = Math.floor(i / px) * S + Math.floor(j / px);
      const c = 'grey' in t ? grey(t.grey[q]) : PALETTE[t.labels[q] % PALETTE.length];
      rgb.set(c, ((ri * (T + GAP) + i) * w + ci * (T + GAP) + j) * 3);
    }
  }));
  return { rgb, w, h };
}

function grey(v: number): [number, number, number] {
  const g = Math.round(255 * Math.max(0, Math.min(1, v)));
  return [g, g, g];
}

/** SVG: title, row labels on the left, the PNG canvas embedded as a data URI, the palette legend. */
export function gridSvg(rows: GridRow[], S: number, px: number, title: string): { svg: string; png: Uint8Array } {
  const { rgb, w, h } = gridCanvas(rows, S, px);
  const png = encodePng(rgb, w, h);
  const L = 170, top = 26, T = S * px, W = L + w + 10, H = top + h + 40;
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<text x="4" y="17" font-size="13">${title}</text>`,
    `<image x="${L}" y="${top}" width="${w}" height="${h}" href="data:image/png;base64,${Buffer.from(png).toString('base64')}"/>`];
  rows.forEach((r, i) => out.push(`<text x="4" y="${top + i * (T + GAP) + T / 2 + 4}">${r.label}</text>`));
  PALETTE.forEach((c, k) => out.push(`<rect x="${L + k * 56}" y="${top + h + 14}" width="12" height="12" fill="rgb(${c.join(',')})" stroke="#888"/><text x="${L + k * 56 + 16}" y="${top + h + 24}">${k === 0 ? 'bg' : k - 1}</text>`));
  out.push('</svg>');
  return { svg: out.join('\n'), png };
}
