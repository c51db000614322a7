// Tolerant reader for IBM's JSON-like model and spike files (TRUENORTH.md §3.1): C and C++ comments,
// repeated keys (kept in order), trailing commas, several top-level values. Values keep their source
// offset so that errors can name the line. Malformed input always ends in a SwtaError (code 6).
import { SwtaError } from '../abi/errors.js';

export type JVal = number | string | boolean | null | JArr | JObj;
export interface JArr { kind: 'arr'; pos: number; items: JVal[] }
export interface JObj { kind: 'obj'; pos: number; entries: { key: string; value: JVal; pos: number }[] }

export const MAX_DEPTH = 64;

export class Source {
  constructor(readonly text: string, readonly name = 'input') {}
  line(pos: number): number {
    let n = 1;
    for (let i = 0; i < pos && i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) n++;
    return n;
  }
  error(pos: number, msg: string, field = ''): never {
    throw new SwtaError(`${this.name}:${this.line(pos)}${field ? ' ' + field : ''}`, msg, 6);
  }
}

export function isObj(v: JVal | undefined): v is JObj { return typeof v === 'object' && v !== null && v.kind === 'obj'; }
export function isArr(v: JVal | undefined): v is JArr { return typeof v === 'object' && v !== null && v.kind === 'arr'; }

/** First value of `key` in `o` (undefined when absent). */
export function get(o: JObj, key: string): JVal | undefined {
  for (const e of o.entries) if (e.key === key) return e.value;
  return undefined;
}

/** Every value of `key` in `o` (repeated keys). */
export function getAll(o: JObj, key: string): JVal[] {
  return o.entries.filter((e) => e.key === key).map((e) => e.value);
}

export function posOf(v: JVal | undefined, fallback: number): number {
  return typeof v === 'object' && v !== null ? v.pos : fallback;
}

class Parser {
  i = 0;
  constructor(readonly src: Source) {}
  get t(): string { return this.src.text; }

  ws(): void {
    const t = this.t;
    for (;;) {
      const c = t.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else if (c === 47 && t.charCodeAt(this.i + 1) === 47) { const e = t.indexOf('\n', this.i); this.i = e < 0 ? t.length : e + 1; }
      else if (c === 47 && t.charCodeAt(this.i + 1) === 42) {
        const e = t.indexOf('*/', this.i + 2);
        if (e < 0) this.src.error(this.i, 'unterminated /* comment');
        this.i = e + 2;
      } else return;
    }
  }

  value(depth: number): JVal {
    if (depth > MAX_DEPTH) this.src.error(this.i, `nesting deeper than ${MAX_DEPTH}`);
    this.ws();
    const c = this.t[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === undefined) return this.src.error(this.i, 'unexpected end of input');
    return this.atom();
  }

  object(depth: number): JObj {
    const o: JObj = { kind: 'obj', pos: this.i, entries: [] };
    this.i++;
    for (;;) {
      this.ws();
      if (this.t[this.i] === '}') { this.i++; return o; }
      const pos = this.i;
      if (this.t[this.i] !== '"') this.src.error(this.i, `expected a "key" or }, got '${this.t[this.i] ?? 'end of input'}'`);
      const key = this.string();
      this.ws();
      if (this.t[this.i] !== ':') this.src.error(this.i, `expected ':' after "${key}"`);
      this.i++;
      o.entries.push({ key, value: this.value(depth + 1), pos });
      this.ws();
      if (this.t[this.i] === ',') this.i++;
      else if (this.t[this.i] !== '}') this.src.error(this.i, `expected ',' or '}' in object, got '${this.t[this.i] ?? 'end of input'}'`);
    }
  }

  array(depth: number): JArr {
    const a: JArr = { kind: 'arr', pos: this.i, items: [] };
    this.i++;
    for (;;) {
      this.ws();
      if (this.t[this.i] === ']') { this.i++; return a; }
      a.items.push(this.value(depth + 1));
      this.ws();
      if (this.t[this.i] === ',') this.i++;
      else if (this.t[this.i] !== ']') this.src.error(this.i, `expected ',' or ']' in array, got '${this.t[this.i] ?? 'end of input'}'`);
    }
  }

  string(): string {
    const start = this.i;
    this.i++;
    let out = '';
    for (;;) {
      const e = this.t.indexOf('"', this.i);
      if (e < 0) this.src.error(start, 'unterminated string');
      const chunk = this.t.slice(this.i, e);
      const bs = chunk.indexOf('\\');
      if (bs < 0) { out += chunk; this.i = e + 1; return out; }
      out += chunk.slice(0, bs);
      this.i += bs + 1;
      const esc = this.t[this.i];
      const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };
      if (esc === 'u') {
        const hex = this.t.slice(this.i + 1, this.i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.src.error(this.i, 'bad \\u escape');
        out += String.fromCharCode(parseInt(hex, 16));
        this.i += 5;
      } else if (esc !== undefined && map[esc] !== undefined) { out += map[esc]; this.i++; }
      else this.src.error(this.i, `bad escape '\\${esc ?? ''}'`);
    }
  }

  atom(): JVal {
    const m = /^(true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.t.slice(this.i, this.i + 40));
    if (!m) return this.src.error(this.i, `unexpected character '${this.t[this.i]}'`);
    this.i += m[1].length;
    if (m[1] === 'true') return true;
    if (m[1] === 'false') return false;
    if (m[1] === 'null') return null;
    return Number(m[1]);
  }
}

/** Parse every top-level value of `src` (one for a model file, header + records for an sfti file). */
export function parseAll(src: Source, maxValues = Infinity): JVal[] {
  const p = new Parser(src);
  const out: JVal[] = [];
  for (;;) {
    p.ws();
    if (p.i >= src.text.length) return out;
    if (out.length >= maxValues) src.error(p.i, `more than ${maxValues} top-level values`);
    out.push(p.value(0));
    p.ws();
    if (src.text[p.i] === ',') p.i++;
  }
}
