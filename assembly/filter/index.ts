// sWTA image filter (port of crates/swta-core/src/filter). Filled in by the filter work.
