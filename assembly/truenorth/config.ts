// Port of crates/swta-core/src/truenorth/config.rs: the §2.6 switches and the overflow policy.
export const POS_GT: u32 = 1 << 0;
export const NEG_LE: u32 = 1 << 1;
export const STOCH_ZERO_SIGMA: u32 = 1 << 2;
export const STOCH_GT: u32 = 1 << 3;
export const LEAK_PLUS_ONE: u32 = 1 << 4;
export const SYN_PLUS_ONE: u32 = 1 << 5;
export const THR_WITH_LEAK: u32 = 1 << 6;
export const LINEAR_ALPHA: u32 = 1 << 7;
export const RINGING_OFF: u32 = 1 << 8;
export const OVERFLOW_WRAP: u32 = 1 << 9;
export const ALL_FLAGS: u32 = (1 << 10) - 1;

export class Config {
  posGt: bool = false;
  negLe: bool = false;
  zeroSigma: bool = false;
  stochGt: bool = false;
  leakPlusOne: bool = false;
  synPlusOne: bool = false;
  thrWithLeak: bool = false;
  linearAlpha: bool = false;
  ringing: bool = true;
  wrap: bool = false;
  lo: i64 = -2147483648;
  hi: i64 = 2147483647;
  shift: i32 = 0;

  set(flags: u32, width: u32): void {
    this.posGt = (flags & POS_GT) != 0;
    this.negLe = (flags & NEG_LE) != 0;
    this.zeroSigma = (flags & STOCH_ZERO_SIGMA) != 0;
    this.stochGt = (flags & STOCH_GT) != 0;
    this.leakPlusOne = (flags & LEAK_PLUS_ONE) != 0;
    this.synPlusOne = (flags & SYN_PLUS_ONE) != 0;
    this.thrWithLeak = (flags & THR_WITH_LEAK) != 0;
    this.linearAlpha = (flags & LINEAR_ALPHA) != 0;
    this.ringing = (flags & RINGING_OFF) == 0;
    this.wrap = (flags & OVERFLOW_WRAP) != 0;
    this.lo = -(<i64>1 << <i64>(width - 1));
    this.hi = (<i64>1 << <i64>(width - 1)) - 1;
    this.shift = <i32>(32 - width);
  }

  // @ts-ignore: decorator
  @inline range(v: i64): i32 {
    if (this.wrap) return (<i32>v << this.shift) >> this.shift;
    return <i32>(v < this.lo ? this.lo : v > this.hi ? this.hi : v);
  }

  // @ts-ignore: decorator
  @inline stochPass(s: i32, r: u32): bool {
    if (s == 0 && !this.zeroSigma) return false;
    return this.stochGt ? <u32>s > r : <u32>s >= r;
  }
}
