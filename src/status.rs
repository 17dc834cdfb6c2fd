//! The HTTP status code registry.
