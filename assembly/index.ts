// AssemblyScript edge build (artifacts/swta-edge.wasm): the TrueNorth core runtime and the image
// filter, with the same export names and signatures as the Rust ABI (a subset of abi.json).
export { swta_alloc, swta_free, swta_live_allocs, swta_error_len, swta_error_copy } from './mem';
export * from './truenorth/index';
export * from './filter/index';
