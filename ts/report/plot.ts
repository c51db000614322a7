// Small dependency-free SVG plots shared by the CLI, the experiments and the HTML report:
// spike rasters and line charts (with optional shaded bands).

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
export const color = (k: number): string => PALETTE[k % PALETTE.length];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const f1 = (x: number) => x.toFixed(1);

export interface RasterGroup { label: string; n: number; ids: ArrayLike<number>; t_ms: ArrayLike<number> }
export interface Frame { width?: number; height?: number; title?: string }

/** Spike raster: one row per neuron, populations stacked bottom-up, each in its own colour. */
export function rasterSvg(groups: RasterGroup[], t0_ms: number, t1_ms: number, o: Frame & { shade?: { t0_ms: number; t1_ms: number; label?: string }[] } = {}): string {
  const W = o.width ?? 760, H = o.height ?? 320, L = 70, R = 10, T = 28, B = 34;
  const total = groups.reduce((s, g) => s + g.n, 0) || 1;
  const x = (t: number) => L + ((t - t0_ms) / (t1_ms - t0_ms || 1)) * (W - L - R);
  const rowH = (H - T - B) / total;
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`];
  if (o.title) out.push(`<text x="${L}" y="16" font-size="13">${esc(o.title)}</text>`);
  for (const s of o.shade ?? []) {
    out.push(`<rect x="${f1(x(s.t0_ms))}" y="${T}" width="${f1(x(s.t1_ms) - x(s.t0_ms))}" height="${H - T - B}" fill="#fde8b0" opacity="0.6"/>`);
    if (s.label) out.push(`<text x="${f1(x(s.t0_ms) + 2)}" y="${T + 10}" font-size="10">${esc(s.label)}</text>`);
  }
  let base = 0;
  groups.forEach((g, k) => {
    const y0 = H - B - base * rowH;
    const dots: string[] = [];
    for (let i = 0; i < g.ids.length; i++) {
      const t = g.t_ms[i];
      if (t < t0_ms || t > t1_ms) continue;
      dots.push(`M${f1(x(t))} ${f1(y0 - (g.ids[i] + 0.5) * rowH)}h1.2`);
    }
    out.push(`<path d="${dots.join('')}" stroke="${color(k)}" stroke-width="${Math.max(1, Math.min(3, rowH)).toFixed(1)}"/>`);
    out.push(`<text x="${L - 6}" y="${f1(y0 - (g.n * rowH) / 2 + 4)}" text-anchor="end" fill="${color(k)}">${esc(g.label)}</text>`);
    base += g.n;
  });
  out.push(axisX(L, W - R, H - B, t0_ms, t1_ms, 'time (ms)'));
  out.push('</svg>');
  return out.join('\n');
}

export interface Series { label: string; x: ArrayLike<number>; y: ArrayLike<number>; dashed?: boolean; color?: string; markers?: boolean }

/** Line chart with automatic ranges (or fixed ones), a legend and axis labels. */
export function lineSvg(series: Series[], o: Frame & { xLabel?: string; yLabel?: string; xRange?: [number, number]; yRange?: [number, number]; band?: { x0: number; x1: number; label?: string } } = {}): string {
  const W = o.width ?? 520, H = o.height ?? 320, L = 58, R = 12, T = 28, B = 40;
  const xs = series.flatMap((s) => Array.from(s.x)).filter(Number.isFinite);
  const ys = series.flatMap((s) => Array.from(s.y)).filter(Number.isFinite);
  const [x0, x1] = o.xRange ?? [Math.min(...xs, 0), Math.max(...xs, 1)];
  const [y0, y1] = o.yRange ?? [Math.min(0, ...ys), Math.max(...ys, 1e-9) * 1.05];
  const px = (v: number) => L + ((v - x0) / (x1 - x0 || 1)) * (W - L - R);
  const py = (v: number) => H - B - ((v - y0) / (y1 - y0 || 1)) * (H - T - B);
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`];
  if (o.title) out.push(`<text x="${L}" y="16" font-size="13">${esc(o.title)}</text>`);
  if (o.band) out.push(`<rect x="${f1(px(o.band.x0))}" y="${T}" width="${f1(px(o.band.x1) - px(o.band.x0))}" height="${H - T - B}" fill="#fde8b0" opacity="0.6"/>`);
  series.forEach((s, k) => {
    const c = s.color ?? color(k);
    const pts: string[] = [];
    for (let i = 0; i < s.x.length; i++) if (Number.isFinite(s.y[i])) pts.push(`${f1(px(s.x[i]))},${f1(py(s.y[i]))}`);
    out.push(`<polyline fill="none" stroke="${c}" stroke-width="1.6"${s.dashed ? ' stroke-dasharray="5,3"' : ''} points="${pts.join(' ')}"/>`);
    if (s.markers) for (const p of pts) { const [a, b] = p.split(','); out.push(`<circle cx="${a}" cy="${b}" r="2.2" fill="${c}"/>`); }
    out.push(`<line x1="${W - R - 150}" x2="${W - R - 132}" y1="${T + 6 + k * 14}" y2="${T + 6 + k * 14}" stroke="${c}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5,3"' : ''}/><text x="${W - R - 128}" y="${T + 10 + k * 14}">${esc(s.label)}</text>`);
  });
  out.push(axisX(L, W - R, H - B, x0, x1, o.xLabel ?? ''));
  out.push(axisY(L, T, H - B, y0, y1, o.yLabel ?? ''));
  out.push('</svg>');
  return out.join('\n');
}

function ticks(a: number, b: number, n = 5): number[] {
  const span = b - a || 1;
  const step = 10 ** Math.floor(Math.log10(span / n));
  const m = [1, 2, 5, 10].find((k) => span / (k * step) <= n) ?? 10;
  const s = m * step;
  const out: number[] = [];
  for (let v = Math.ceil(a / s) * s; v <= b + 1e-9 * span; v += s) out.push(Number(v.toPrecision(12)));
  return out;
}

function axisX(x0: number, x1: number, y: number, a: number, b: number, label: string): string {
  const px = (v: number) => x0 + ((v - a) / (b - a || 1)) * (x1 - x0);
  const t = ticks(a, b).map((v) => `<line x1="${f1(px(v))}" x2="${f1(px(v))}" y1="${y}" y2="${y + 4}" stroke="#333"/><text x="${f1(px(v))}" y="${y + 15}" text-anchor="middle">${v}</text>`);
  return `<line x1="${x0}" x2="${x1}" y1="${y}" y2="${y}" stroke="#333"/>${t.join('')}<text x="${(x0 + x1) / 2}" y="${y + 30}" text-anchor="middle">${esc(label)}</text>`;
}

function axisY(x: number, y0: number, y1: number, a: number, b: number, label: string): string {
  const py = (v: number) => y1 - ((v - a) / (b - a || 1)) * (y1 - y0);
  const t = ticks(a, b).map((v) => `<line x1="${x - 4}" x2="${x}" y1="${f1(py(v))}" y2="${f1(py(v))}" stroke="#333"/><text x="${x - 6}" y="${f1(py(v) + 4)}" text-anchor="end">${v}</text>`);
  return `<line x1="${x}" x2="${x}" y1="${y0}" y2="${y1}" stroke="#333"/>${t.join('')}<text transform="translate(14 ${(y0 + y1) / 2}) rotate(-90)" text-anchor="middle">${esc(label)}</text>`;
}

/** Greyscale images (values in [0, 1], row-major h×w) as a grid of pixel rectangles, one row per set. */
export function imageGridSvg(rows: { label: string; images: Float32Array[] }[], h: number, w: number, o: Frame & { px?: number } = {}): string {
  const px = o.px ?? 3;
  const gap = 6;
  const L = 90;
  const cols = Math.max(...rows.map((r) => r.images.length));
  const W = L + cols * (w * px + gap);
  const H = 24 + rows.length * (h * px + gap);
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`];
  if (o.title) out.push(`<text x="4" y="14" font-size="13">${esc(o.title)}</text>`);
  rows.forEach((r, ri) => {
    const y0 = 22 + ri * (h * px + gap);
    out.push(`<text x="4" y="${y0 + (h * px) / 2}">${esc(r.label)}</text>`);
    r.images.forEach((img, ci) => {
      const x0 = L + ci * (w * px + gap);
      out.push(`<rect x="${x0}" y="${y0}" width="${w * px}" height="${h * px}" fill="#000"/>`);
      for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) {
        const v = Math.round(255 * Math.max(0, Math.min(1, img[i * w + j])));
        if (v > 8) out.push(`<rect x="${x0 + j * px}" y="${y0 + i * px}" width="${px}" height="${px}" fill="rgb(${v},${v},${v})"/>`);
      }
    });
  });
  out.push('</svg>');
  return out.join('\n');
}
