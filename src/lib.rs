//! httpc's modules. The binary (`src/main.rs`) is a thin shell over
//! `app::run`; the library exists so the fuzz targets in `fuzz/` can reach
//! the parsers directly.
//!
//! Data flows one way: `cli` → `commands` → `spec` → `transport` →
//! `output`, with the leaf modules `cookies`, `exit`, `expect`, `files`,
//! `status`, `text` and `timings` shared by all.

pub mod app;
pub mod cli;
pub mod commands;
pub mod cookies;
pub mod dates;
pub mod exit;
pub mod expect;
pub mod files;
pub mod generate;
pub mod output;
pub mod spec;
pub mod status;
pub mod text;
pub mod timings;
pub mod tls_facts;
pub mod transport;
