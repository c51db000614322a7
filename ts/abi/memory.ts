// Typed-array views of engine memory. Views are created per access and never cached: wasm memory
// can grow (detaching old buffers) during any call that allocates.

export interface Memory {
  u8(ptr: number, n: number): Uint8Array;
  i32(ptr: number, n: number): Int32Array;
  u32(ptr: number, n: number): Uint32Array;
  f32(ptr: number, n: number): Float32Array;
  f64(ptr: number, n: number): Float64Array;
}

/** Memory over an ArrayBuffer source: wasm's memory.buffer, or a koffi view of native memory. */
export function memoryOver(bufferAt: (ptr: number, bytes: number) => { buf: ArrayBuffer; off: number }): Memory {
  const make = <T>(C: new (b: ArrayBuffer, o: number, n: number) => T, size: number, empty: T) => (ptr: number, n: number): T => {
    if (n === 0) return empty;
    const { buf, off } = bufferAt(ptr, n * size);
    return new C(buf, off, n);
  };
  return {
    u8: make(Uint8Array, 1, new Uint8Array(0)),
    i32: make(Int32Array, 4, new Int32Array(0)),
    u32: make(Uint32Array, 4, new Uint32Array(0)),
    f32: make(Float32Array, 4, new Float32Array(0)),
    f64: make(Float64Array, 8, new Float64Array(0)),
  };
}
