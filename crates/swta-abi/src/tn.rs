//! TrueNorth exports (swta_tn_*). Filled in by the TrueNorth work.
