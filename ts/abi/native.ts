// Loads the native cdylib (target/release/libswta_abi.so) with koffi. Signatures come from abi.json,
// so this file never lists exports by hand.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import abi from '../../crates/swta-abi/abi.json' with { type: 'json' };
import type { Exports } from './exports.gen.js';
import { memoryOver } from './memory.js';
import type { Loaded } from './wasm.js';

const C_TYPES: Record<string, string> = { u32: 'uint32_t', i32: 'int32_t', f64: 'double', f32: 'float', ptr: 'uintptr_t', void: 'void' };

export const DEFAULT_NATIVE_PATH = fileURLToPath(new URL('../../target/release/libswta_abi.so', import.meta.url));

export function nativeAvailable(path = DEFAULT_NATIVE_PATH): boolean {
  return existsSync(path);
}

export function loadNative(path = DEFAULT_NATIVE_PATH): Loaded {
  if (!existsSync(path)) throw new Error(`native library not found at ${path} (run: node scripts/build.mjs native)`);
  const koffi = createRequire(import.meta.url)('koffi');
  const lib = koffi.load(path);
  const exports: Record<string, unknown> = {};
  for (const e of abi as unknown as { name: string; params: [string, string][]; result: string }[]) {
    const params = e.params.map(([, t]) => C_TYPES[t]).join(', ');
    exports[e.name] = lib.func(`${C_TYPES[e.result]} ${e.name}(${params})`);
  }
  return {
    exports: exports as unknown as Exports,
    memory: memoryOver((ptr, bytes) => ({ buf: koffi.view(ptr, bytes) as ArrayBuffer, off: 0 })),
  };
}
