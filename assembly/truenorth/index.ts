// TrueNorth core runtime (port of crates/swta-core/src/truenorth). Filled in by the TrueNorth work.
