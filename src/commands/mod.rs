//! One module per command: clap types in, an exit code out.

mod habits;
pub mod health;
mod net;
pub mod request;
pub mod status_codes;
mod transfer;

/// The `-O`/`-J` file-name rules, for the fuzz targets.
pub use transfer::names;

use std::path::PathBuf;

use anyhow::Result;

use crate::cli::SharedArgs;
use crate::exit::usage;
use crate::spec::{Input, Method};
use crate::transport::{route, Family, HttpVersion, Tls, TlsOptions};

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

/// `--resolve`, `--connect-to` (checked before anything is sent) and
/// `--unix-socket`.
fn route_rules(shared: &SharedArgs) -> Result<route::Rules> {
    let resolve = shared
        .resolve
        .iter()
        .map(|r| route::Resolve::parse(r))
        .collect::<Result<_, _>>()
        .map_err(usage)?;
    let connect_to = shared
        .connect_to
        .iter()
        .map(|c| route::ConnectTo::parse(c))
        .collect::<Result<_, _>>()
        .map_err(usage)?;
    Ok(route::Rules {
        resolve,
        connect_to,
        unix_socket: shared.unix_socket.clone(),
    })
}

/// `-4`, `-6`.
/// `--http1.1`, `--http2`, `--http2-prior-knowledge` (clap keeps them
/// apart).
fn http_version(shared: &SharedArgs) -> HttpVersion {
    match (shared.http1_1, shared.http2_prior_knowledge) {
        (true, _) => HttpVersion::Http1Only,
        (_, true) => HttpVersion::Http2Only,
        _ => HttpVersion::Negotiate,
    }
}

fn family(shared: &SharedArgs) -> Family {
    match (shared.ipv4, shared.ipv6) {
        (true, _) => Family::V4,
        (_, true) => Family::V6,
        _ => Family::Any,
    }
}
