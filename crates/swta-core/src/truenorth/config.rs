//! The emulator switches of TRUENORTH.md §2.6, as one chip-wide bit set (defaults = all bits 0) plus
//! the membrane width of the overflow policy. Read once per tick; the hot loop only tests booleans.

use crate::error::{Error, Result};

pub const POS_GT: u32 = 1 << 0; // positive threshold V > α + η (default V ≥ α + η)
pub const NEG_LE: u32 = 1 << 1; // negative threshold V ≤ −(...) (default <)
pub const STOCH_ZERO_SIGMA: u32 = 1 << 2; // stochastic S = 0 may contribute σ (default: never)
pub const STOCH_GT: u32 = 1 << 3; // stochastic comparator S > ρ (default S ≥ ρ)
pub const LEAK_PLUS_ONE: u32 = 1 << 4; // stochastic leak adds +1 (NeMo) instead of Ω
pub const SYN_PLUS_ONE: u32 = 1 << 5; // stochastic synapse adds +1 (NeMo) instead of σ
pub const THR_WITH_LEAK: u32 = 1 << 6; // η drawn only for stochastic-leak neurons (NeMo)
pub const LINEAR_ALPHA: u32 = 1 << 7; // linear reset subtracts α (not α + η)
pub const RINGING_OFF: u32 = 1 << 8; // no leak-reversal ringing guard
pub const OVERFLOW_WRAP: u32 = 1 << 9; // wrap V at `width` bits (default: saturate)
pub const ALL_FLAGS: u32 = (1 << 10) - 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    pub flags: u32,
    /// Membrane register width in bits, 2..=32 (default 32: saturate at the i32 range).
    pub width: u32,
    pub pos_gt: bool,
    pub neg_le: bool,
    pub zero_sigma: bool,
    pub stoch_gt: bool,
    pub leak_plus_one: bool,
    pub syn_plus_one: bool,
    pub thr_with_leak: bool,
    pub linear_alpha: bool,
    pub ringing: bool,
    pub wrap: bool,
    lo: i64,
    hi: i64,
    shift: u32,
}

impl Default for Config {
    fn default() -> Config {
        Config::build(0, 32)
    }
}

impl Config {
    pub fn new(flags: u32, width: u32) -> Result<Config> {
        if flags & !ALL_FLAGS != 0 {
            return Err(Error::invalid("config.flags", format!("unknown switch bits {:#x}", flags & !ALL_FLAGS)));
        }
        if !(2..=32).contains(&width) {
            return Err(Error::invalid("config.width", format!("must be in 2..32 bits, got {}", width)));
        }
        Ok(Config::build(flags, width))
    }

    /// Build from already-checked switches.
    fn build(flags: u32, width: u32) -> Config {
        let f = |b: u32| flags & b != 0;
        Config {
            flags,
            width,
            pos_gt: f(POS_GT),
            neg_le: f(NEG_LE),
            zero_sigma: f(STOCH_ZERO_SIGMA),
            stoch_gt: f(STOCH_GT),
            leak_plus_one: f(LEAK_PLUS_ONE),
            syn_plus_one: f(SYN_PLUS_ONE),
            thr_with_leak: f(THR_WITH_LEAK),
            linear_alpha: f(LINEAR_ALPHA),
            ringing: !f(RINGING_OFF),
            wrap: f(OVERFLOW_WRAP),
            lo: -(1i64 << (width - 1)),
            hi: (1i64 << (width - 1)) - 1,
            shift: 32 - width,
        }
    }

    /// The overflow policy, applied once after each phase (integration, leak, reset).
    #[inline]
    pub fn range(&self, v: i64) -> i32 {
        if self.wrap {
            ((v as i32) << self.shift) >> self.shift
        } else {
            v.max(self.lo).min(self.hi) as i32
        }
    }

    /// Stochastic comparator F(S, ρ): does magnitude `s` pass against the 8-bit draw `r`?
    #[inline]
    pub fn stoch_pass(&self, s: i32, r: u32) -> bool {
        if s == 0 && !self.zero_sigma {
            return false;
        }
        if self.stoch_gt {
            s as u32 > r
        } else {
            s as u32 >= r
        }
    }
}
