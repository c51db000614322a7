// Netpbm greymap (PGM) I/O: P5 (binary) and P2 (ASCII), maxval 1–255, with '#' comments.
import { fail } from '../abi/errors.js';

export interface Grey { width: number; height: number; data: Uint8Array }

export function parsePgm(buf: Uint8Array, name = 'pgm'): Grey {
  const magic = String.fromCharCode(buf[0], buf[1]);
  if (magic !== 'P5' && magic !== 'P2') fail(name, 'is not a PGM file (expected P5 or P2)');
  let i = 2;
  const token = (): number => {
    for (;;) {
      while (i < buf.length && /\s/.test(String.fromCharCode(buf[i]))) i++;
      if (buf[i] === 0x23) { while (i < buf.length && buf[i] !== 0x0a) i++; continue; }
      break;
    }
    let s = '';
    while (i < buf.length && /[0-9]/.test(String.fromCharCode(buf[i]))) s += String.fromCharCode(buf[i++]);
    if (!s) fail(name, `bad PGM header at byte ${i}`);
    return Number(s);
  };
  const width = token(), height = token(), maxval = token();
  if (!(width >= 1 && height >= 1 && maxval >= 1 && maxval <= 255)) fail(name, `PGM must have width, height ≥ 1 and maxval 1–255, got ${width}×${height}, ${maxval}`);
  const n = width * height;
  const data = new Uint8Array(n);
  if (magic === 'P5') {
    i++;
    if (buf.length < i + n) fail(name, `PGM data truncated: needs ${n} bytes, has ${buf.length - i}`);
    for (let k = 0; k < n; k++) data[k] = Math.round((buf[i + k] * 255) / maxval);
  } else for (let k = 0; k < n; k++) data[k] = Math.round((token() * 255) / maxval);
  return { width, height, data };
}

export function encodePgm(g: Grey): Uint8Array {
  const head = new TextEncoder().encode(`P5\n${g.width} ${g.height}\n255\n`);
  const out = new Uint8Array(head.length + g.data.length);
  out.set(head);
  out.set(g.data, head.length);
  return out;
}
