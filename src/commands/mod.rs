//! One module per command: clap types in, an exit code out.

pub mod health;
pub mod request;
pub mod status_codes;
mod transfer;

use std::path::PathBuf;

use anyhow::Result;

use crate::cli::SharedArgs;
use crate::spec::{Input, Method};
use crate::transport::{Tls, TlsOptions};

/// The part of a request the options shared by request commands and
/// `health` decide.
fn shared_input<'a>(shared: &'a SharedArgs, method: Method, url: &'a str) -> Input<'a> {
    Input {
        method,
        url,
        headers: &shared.headers,
        user: shared.user.as_deref(),
        bearer: shared.bearer.as_deref(),
        decompress: true,
        ..Input::default()
    }
}

/// The trust the shared options ask for, with a client certificate.
fn load_tls(shared: &SharedArgs, cert: Option<PathBuf>, key: Option<PathBuf>) -> Result<Tls> {
    Tls::load(&TlsOptions {
        insecure: shared.insecure,
        cacert: shared.cacert.clone(),
        cert,
        key,
    })
}
