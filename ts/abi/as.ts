// Loads the AssemblyScript edge build (artifacts/swta-edge.wasm): a subset of abi.json with the same
// names and signatures (TrueNorth core runtime, image filter). Memory management via its own exports.
import type { Exports } from './exports.gen.js';
import { memoryOver } from './memory.js';
import { readBytes, type Loaded } from './wasm.js';

export const DEFAULT_AS_URL = new URL('../../artifacts/swta-edge.wasm', import.meta.url);

export async function asAvailable(): Promise<boolean> {
  try {
    await readBytes(DEFAULT_AS_URL);
    return true;
  } catch {
    return false;
  }
}

export async function loadAs(source: URL | Uint8Array | ArrayBuffer = DEFAULT_AS_URL): Promise<Loaded> {
  const bytes = await readBytes(source);
  const abort = (_msg: number, _file: number, line: number, col: number) => { throw new Error(`swta-edge.wasm aborted at ${line}:${col}`); };
  const { instance } = await WebAssembly.instantiate(bytes as BufferSource, { env: { abort } });
  const mem = instance.exports.memory as WebAssembly.Memory;
  return {
    exports: instance.exports as unknown as Exports,
    memory: memoryOver((ptr) => ({ buf: mem.buffer, off: ptr })),
  };
}
