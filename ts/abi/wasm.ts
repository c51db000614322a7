// Loads artifacts/swta.wasm (Rust, wasm32) in Node or a browser. Zero-copy views over its memory.
import type { Exports } from './exports.gen.js';
import { memoryOver, type Memory } from './memory.js';

export interface Loaded { exports: Exports; memory: Memory }

export const DEFAULT_WASM_URL = new URL('../../artifacts/swta.wasm', import.meta.url);

export async function readBytes(source: URL | Uint8Array | ArrayBuffer): Promise<Uint8Array | ArrayBuffer> {
  if (!(source instanceof URL)) return source;
  if (source.protocol === 'file:') {
    const fs = await import('node:fs/promises');
    return fs.readFile(source);
  }
  const res = await fetch(source);
  if (!res.ok) throw new Error(`fetching ${source.href} failed: HTTP ${res.status}`);
  return res.arrayBuffer();
}

export async function loadWasm(source: URL | Uint8Array | ArrayBuffer = DEFAULT_WASM_URL): Promise<Loaded> {
  const bytes = await readBytes(source);
  const { instance } = await WebAssembly.instantiate(bytes as BufferSource, { env: { abort: () => { throw new Error('swta.wasm aborted'); } } });
  const mem = instance.exports.memory as WebAssembly.Memory;
  return {
    exports: instance.exports as unknown as Exports,
    memory: memoryOver((ptr) => ({ buf: mem.buffer, off: ptr })),
  };
}
