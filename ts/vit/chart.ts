// SVG chart of an OOD table: grouped bars (mean accuracy per set and variant) with ±1 s.d. whiskers.
import type { OodTable } from './experiment.js';

const COLORS = ['#7f7f7f', '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd'];

/** `t` needs only sets, variants, seeds and accuracy (the segmentation table reuses it for mIoU). */
export function oodSvg(t: Pick<OodTable, 'sets' | 'variants' | 'seeds' | 'accuracy'>, title = `ViT accuracy (%) on MNIST-test and OOD sets, mean ± s.d. over seeds ${t.seeds.join(', ')}`): string {
  const W = 760, H = 360, L = 50, B = 60, T = 40;
  const gw = (W - L - 20) / Math.max(1, t.sets.length);
  const bw = (gw - 12) / Math.max(1, t.variants.length);
  const y = (v: number) => T + (H - T - B) * (1 - v / 100);
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`,
    `<text x="${L}" y="18" font-size="13">${title}</text>`];
  for (let g = 0; g <= 100; g += 20) parts.push(`<line x1="${L}" x2="${W - 20}" y1="${y(g)}" y2="${y(g)}" stroke="#ddd"/><text x="${L - 6}" y="${y(g) + 4}" text-anchor="end">${g}</text>`);
  t.sets.forEach((s, i) => {
    const x0 = L + i * gw + 6;
    t.variants.forEach((v, k) => {
      const st = t.accuracy[v]?.[s];
      if (!st || !st.n) return;
      const x = x0 + k * bw;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y(st.mean).toFixed(1)}" width="${(bw - 2).toFixed(1)}" height="${(y(0) - y(st.mean)).toFixed(1)}" fill="${COLORS[k % COLORS.length]}"><title>${v} ${s}: ${st.mean.toFixed(2)} ± ${st.sd.toFixed(2)} (n=${st.n})</title></rect>`);
      const cx = x + (bw - 2) / 2;
      parts.push(`<line x1="${cx.toFixed(1)}" x2="${cx.toFixed(1)}" y1="${y(Math.min(100, st.mean + st.sd)).toFixed(1)}" y2="${y(Math.max(0, st.mean - st.sd)).toFixed(1)}" stroke="#000"/>`);
    });
    parts.push(`<text x="${(x0 + (gw - 12) / 2).toFixed(1)}" y="${H - B + 16}" text-anchor="middle">${s}</text>`);
  });
  t.variants.forEach((v, k) => parts.push(`<rect x="${L + k * 110}" y="${H - 24}" width="12" height="12" fill="${COLORS[k % COLORS.length]}"/><text x="${L + k * 110 + 16}" y="${H - 14}">${v}</text>`));
  parts.push('</svg>');
  return parts.join('\n');
}
