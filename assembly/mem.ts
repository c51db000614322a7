// Memory and error exports with the Rust ABI's names (swta_alloc/free/live_allocs, swta_error_*).
let liveAllocs: u32 = 0;
let lastError: string = '';

export function swta_alloc(bytes: u32): usize {
  if (bytes == 0) return 0;
  liveAllocs++;
  return heap.alloc(<usize>bytes);
}

export function swta_free(ptr: usize, bytes: u32): void {
  if (ptr == 0 || bytes == 0) return;
  liveAllocs--;
  heap.free(ptr);
}

export function swta_live_allocs(): u32 {
  return liveAllocs;
}

/** Record "field<TAB>message" as the last error; returns `code` for `return fail(...)`. */
export function fail(code: i32, field: string, message: string): i32 {
  lastError = field + '\t' + message;
  return code;
}

export function swta_error_len(): u32 {
  return <u32>String.UTF8.byteLength(lastError);
}

export function swta_error_copy(dst: usize, cap: u32): u32 {
  const buf = String.UTF8.encode(lastError);
  const n = <u32>min(<i32>cap, buf.byteLength);
  memory.copy(dst, changetype<usize>(buf), n);
  return n;
}
