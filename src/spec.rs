//! Validated request specification.
