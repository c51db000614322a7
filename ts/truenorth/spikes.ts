// Spike files (TRUENORTH.md §3.2):
// - project-native text: one spike per line, `tick,core,axon` (inputs, integrated at tick) or
//   `tick,core,neuron` (outputs, fired at tick); '#' comments;
// - NSCS-like "sfti" text input: a header object {"defaultDestinationDelay": d, ...} followed by
//   records {"srcTime": s, "destCore": c, "destAxon": a[, "destDelay": d]} (JSON-like; comments allowed),
//   integrated at tick s + d;
// - NSCS-like "sfri" binary output: 24-byte big-endian records of six uint32; fields 0, 3, 4 =
//   (tick, core, neuron), the rest 0.
import { SwtaError } from '../abi/errors.js';
import { get, isObj, parseAll, Source } from './jsonlike.js';

export const MAX_SPIKES = 1 << 24;

/** Parse project-native text into flat (tick, a, b) triples. */
export function readSpikeText(text: string, name = 'spikes', maxSpikes = MAX_SPIKES): Int32Array {
  const out: number[] = [];
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].replace(/#.*/, '').trim();
    if (!line) continue;
    const parts = line.split(/\s*[,;\s]\s*/);
    if (parts.length !== 3 || !parts.every((p) => /^\d+$/.test(p))) throw new SwtaError(`${name}:${n + 1}`, `expected 'tick,core,axon' (three non-negative integers), got '${line.slice(0, 60)}'`, 6);
    const v = parts.map(Number);
    if (v[0] > 0x7fffffff || v[1] > 0x7fffffff || v[2] > 255) throw new SwtaError(`${name}:${n + 1}`, 'tick/core out of range or axon/neuron > 255', 6);
    if (out.length / 3 >= maxSpikes) throw new SwtaError(`${name}:${n + 1}`, `more than ${maxSpikes} spikes`, 3);
    out.push(v[0], v[1], v[2]);
  }
  return Int32Array.from(out);
}

export function writeSpikeText(triples: Int32Array, header = 'tick,core,neuron'): string {
  const lines = [`# ${header}`];
  for (let i = 0; i + 2 < triples.length; i += 3) lines.push(`${triples[i]},${triples[i + 1]},${triples[i + 2]}`);
  return lines.join('\n') + '\n';
}

/** Parse an sfti-like input file into (tick, core, axon) triples (tick = srcTime + delay). */
export function readSfti(text: string, name = 'spikes.sfti', maxSpikes = MAX_SPIKES): Int32Array {
  const src = new Source(text, name);
  const vals = parseAll(src, maxSpikes + 1);
  let delay = 1;
  const out: number[] = [];
  const int = (o: Parameters<typeof get>[0], k: string, lo: number, hi: number, dflt?: number): number => {
    const v = get(o, k) ?? dflt;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) return src.error(o.pos, `"${k}" must be an integer in ${lo}..${hi}, got ${JSON.stringify(v)}`, k);
    return v;
  };
  for (const v of vals) {
    const recs = isObj(v) && get(v, 'spikes') !== undefined ? get(v, 'spikes') : v;
    const list = typeof recs === 'object' && recs !== null && recs.kind === 'arr' ? recs.items : [recs];
    for (const r of list) {
      if (!isObj(r)) return src.error(0, 'records must be objects');
      if (get(r, 'defaultDestinationDelay') !== undefined) { delay = int(r, 'defaultDestinationDelay', 1, 15); continue; }
      if (get(r, 'srcTime') === undefined) continue; // other header fields
      out.push(int(r, 'srcTime', 0, 0x7ffffff0) + int(r, 'destDelay', 1, 15, delay), int(r, 'destCore', 0, 0x7fffffff), int(r, 'destAxon', 0, 255));
      if (out.length / 3 > maxSpikes) src.error(r.pos, `more than ${maxSpikes} spikes`);
    }
  }
  return Int32Array.from(out);
}

export function writeSfti(triples: Int32Array, delay = 1): string {
  const lines = [`{"spikeFileType": "sfti", "defaultDestinationDelay": ${delay}}`];
  for (let i = 0; i + 2 < triples.length; i += 3) lines.push(`{"srcTime": ${triples[i] - delay}, "destCore": ${triples[i + 1]}, "destAxon": ${triples[i + 2]}}`);
  return lines.join('\n') + '\n';
}

export function writeSfri(triples: Int32Array): Uint8Array {
  const n = Math.floor(triples.length / 3);
  const buf = new Uint8Array(n * 24);
  const dv = new DataView(buf.buffer);
  for (let k = 0; k < n; k++) {
    dv.setUint32(k * 24, triples[3 * k] >>> 0);
    dv.setUint32(k * 24 + 12, triples[3 * k + 1] >>> 0);
    dv.setUint32(k * 24 + 16, triples[3 * k + 2] >>> 0);
  }
  return buf;
}

export function readSfri(bytes: Uint8Array, name = 'spikes.sfri'): Int32Array {
  if (bytes.length % 24 !== 0) throw new SwtaError(name, `length ${bytes.length} is not a multiple of 24-byte records`, 6);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int32Array((bytes.length / 24) * 3);
  for (let k = 0; k < bytes.length / 24; k++) {
    out[3 * k] = dv.getUint32(k * 24);
    out[3 * k + 1] = dv.getUint32(k * 24 + 12);
    out[3 * k + 2] = dv.getUint32(k * 24 + 16);
  }
  return out;
}
