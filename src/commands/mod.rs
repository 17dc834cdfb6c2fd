//! One module per command: clap types in, an exit code out.

pub mod health;
pub mod request;
pub mod status_codes;
mod transfer;
