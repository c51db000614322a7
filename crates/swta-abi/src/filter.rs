//! Image filter exports (swta_filter_*). Filled in by the filter work.
