// The compact array syntax of IBM model files (TRUENORTH.md §3.1): "1x256" (repeat), "0:255"
// (inclusive range), "18:2:22" (start:step:end), "22:-1:20" (descending), mixed with plain numbers.

export type CompactItem = number | string;

/** Expand `items`; returns an error sentence instead of throwing, so callers can name the line. */
export function expand(items: unknown[], max: number): number[] | string {
  const out: number[] = [];
  for (const it of items) {
    if (typeof it === 'number') {
      if (!Number.isFinite(it)) return `bad number ${it}`;
      out.push(it);
    } else if (typeof it === 'string') {
      const s = it.trim();
      let m: RegExpExecArray | null;
      if ((m = /^(-?\d+)x(\d+)$/.exec(s))) {
        const n = Number(m[2]);
        if (out.length + n > max) return `'${s}' expands past ${max} entries`;
        for (let k = 0; k < n; k++) out.push(Number(m[1]));
      } else if ((m = /^(-?\d+):(?:(-?\d+):)?(-?\d+)$/.exec(s))) {
        const a = Number(m[1]);
        const step = m[2] === undefined ? 1 : Number(m[2]);
        const b = Number(m[3]);
        if (step === 0) return `'${s}' has step 0`;
        const n = Math.max(0, Math.floor((b - a) / step) + 1);
        if (out.length + n > max) return `'${s}' expands past ${max} entries`;
        for (let k = 0; k < n; k++) out.push(a + k * step);
      } else if (/^-?\d+$/.test(s)) out.push(Number(s));
      else return `'${s.slice(0, 40)}' is not a number, 'vxn', 'a:b' or 'a:step:b'`;
    } else return `entry ${JSON.stringify(it)?.slice(0, 40)} is not a number or a compact string`;
    if (out.length > max) return `more than ${max} entries`;
  }
  return out;
}

/** Compress `a` into the compact syntax (runs of ≥ 3 equal values or constant steps ±1, ±2 ...). */
export function compress(a: ArrayLike<number>): CompactItem[] {
  const out: CompactItem[] = [];
  let i = 0;
  while (i < a.length) {
    let j = i + 1;
    while (j < a.length && a[j] === a[i]) j++;
    if (j - i >= 3) { out.push(`${a[i]}x${j - i}`); i = j; continue; }
    if (i + 2 < a.length) {
      const step = a[i + 1] - a[i];
      let k = i + 1;
      while (k + 1 < a.length && a[k + 1] - a[k] === step) k++;
      if (step !== 0 && k - i >= 2) { out.push(step === 1 ? `${a[i]}:${a[k]}` : `${a[i]}:${step}:${a[k]}`); i = k + 1; continue; }
    }
    out.push(a[i]);
    i++;
  }
  return out;
}
