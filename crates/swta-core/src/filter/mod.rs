//! sWTA image filter (see MODEL.md §8.6). Filled in by the filter work.
