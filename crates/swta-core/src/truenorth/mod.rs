//! TrueNorth emulator (see shared TRUENORTH.md). Filled in by the TrueNorth work.
