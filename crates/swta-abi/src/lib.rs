//! C ABI over swta-core.
