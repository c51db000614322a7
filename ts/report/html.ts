// One self-contained HTML report: sections of text, tables and inline SVG plots.
export interface ReportSection { title: string; text?: string; table?: { head: string[]; rows: (string | number)[][] }; svgs?: string[] }

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function htmlReport(title: string, intro: string, sections: ReportSection[]): string {
  const body = sections.map((s) => {
    const table = s.table ? `<table><tr>${s.table.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${s.table.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(typeof c === 'number' ? fmt(c) : c)}</td>`).join('')}</tr>`).join('')}</table>` : '';
    return `<section><h2>${esc(s.title)}</h2>${s.text ? `<p>${esc(s.text)}</p>` : ''}${table}<div class="plots">${(s.svgs ?? []).join('\n')}</div></section>`;
  }).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title><style>
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;color:#222}h1{font-size:1.6em}h2{font-size:1.2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}
.plots svg{margin:6px;border:1px solid #eee;background:#fff}</style></head><body><h1>${esc(title)}</h1><p>${esc(intro)}</p>${body}</body></html>`;
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return String(x);
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3);
}
