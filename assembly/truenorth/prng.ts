// Port of crates/swta-core/src/truenorth/prng.rs: counter-based lowbias32 draws (bit-exact).
export const DRAW_LEAK: u32 = 256;
export const DRAW_THR: u32 = 257;

// @ts-ignore: decorator
@inline export function lowbias32(x: u32): u32 {
  x ^= x >> 16;
  x *= 0x7feb352d;
  x ^= x >> 15;
  x *= 0x846ca68b;
  x ^= x >> 16;
  return x;
}

export function coreKey(seed: u32, core: u32): u32 {
  return lowbias32(seed ^ lowbias32(core ^ 0xa511e9b3));
}

// @ts-ignore: decorator
@inline export function tickKey(coreKey: u32, tick: u64): u32 {
  return lowbias32(coreKey + (<u32>tick) * 0x9e3779b9);
}

// @ts-ignore: decorator
@inline export function draw(tickKey: u32, neuron: u32, id: u32): u32 {
  return lowbias32(tickKey ^ (((neuron << 9) | id) * 0x85ebca77));
}

// @ts-ignore: decorator
@inline export function draw8(tickKey: u32, neuron: u32, id: u32): u32 {
  return draw(tickKey, neuron, id) >> 24;
}
