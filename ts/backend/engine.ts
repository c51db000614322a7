// One Engine interface over every backend. Domain code (ts/sim, ts/truenorth, ts/vit ...) talks to an
// Engine only: it calls exports by name, checks statuses, and reads results through `mem` views.
import type { Exports } from '../abi/exports.gen.js';
import type { Memory } from '../abi/memory.js';
import { SwtaError } from '../abi/errors.js';

export type BackendName = 'wasm' | 'native' | 'as';

export class Engine {
  constructor(readonly backend: BackendName, private readonly x: Partial<Exports>, readonly mem: Memory) {}

  /** Whether this backend implements an export (the AS edge build has only a subset). */
  has(name: keyof Exports): boolean {
    return typeof this.x[name] === 'function';
  }

  /** The raw export; throws if this backend lacks it (never silently routed elsewhere). */
  fn<K extends keyof Exports>(name: K): Exports[K] {
    const f = this.x[name];
    if (typeof f !== 'function') throw new SwtaError('backend', `operation '${String(name)}' is not available on backend '${this.backend}'`, 4);
    return f as Exports[K];
  }

  /** Call a status-returning export; a non-zero status becomes an SwtaError naming `api` and the field. */
  call<K extends keyof Exports>(api: string, name: K, ...args: Parameters<Exports[K]>): void {
    const status = (this.fn(name) as (...a: number[]) => number)(...(args as number[]));
    if (status !== 0) throw this.lastError(api, status);
  }

  lastError(api: string, code: number): SwtaError {
    const n = this.fn('swta_error_len')();
    const p = n > 0 ? this.fn('swta_alloc')(n) : 0;
    let text = '';
    if (p) {
      const got = this.fn('swta_error_copy')(p, n);
      text = new TextDecoder().decode(this.mem.u8(p, got).slice());
      this.fn('swta_free')(p, n);
    }
    const [field, message] = text.includes('\t') ? text.split('\t', 2) : ['', text];
    return new SwtaError(field, `${message} (in ${api})`, code);
  }

  /** Copy a typed array into a fresh engine buffer; returns its pointer and byte length. */
  put(data: Float64Array | Float32Array | Int32Array | Uint32Array | Uint8Array): Buffer {
    const bytes = data.byteLength;
    const ptr = bytes > 0 ? this.fn('swta_alloc')(bytes) : 0;
    if (bytes > 0 && !ptr) throw new SwtaError('memory', `could not allocate ${bytes} bytes in the engine`, 3);
    if (bytes > 0) this.mem.u8(ptr, bytes).set(new Uint8Array(data.buffer, data.byteOffset, bytes));
    return { ptr, bytes };
  }

  alloc(bytes: number): Buffer {
    const ptr = bytes > 0 ? this.fn('swta_alloc')(bytes) : 0;
    if (bytes > 0 && !ptr) throw new SwtaError('memory', `could not allocate ${bytes} bytes in the engine`, 3);
    return { ptr, bytes };
  }

  release(b: Buffer): void {
    if (b.ptr) this.fn('swta_free')(b.ptr, b.bytes);
  }

  /** Run `f` with temporary copies of `arrays` in engine memory, freeing them afterwards. */
  withBuffers<T>(arrays: (Float64Array | Float32Array | Int32Array | Uint32Array | Uint8Array)[], f: (ptrs: number[]) => T): T {
    const bufs = arrays.map((a) => this.put(a));
    try {
      return f(bufs.map((b) => b.ptr));
    } finally {
      bufs.forEach((b) => this.release(b));
    }
  }
}

export interface Buffer { ptr: number; bytes: number }
