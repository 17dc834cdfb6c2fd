//! The facts `-w` prints about one transfer: from its response, or, after
//! a transfer error, from how far it got (`http_code` 000 when no response
//! came, as in curl).

use std::time::Instant;

use crate::exit::{self, Exit};
use crate::output::notice;
use crate::output::writeout::Stats;
use crate::spec::RequestSpec;
use crate::status;
use crate::transport::{Client, Peer, Reached, Response};
use url::Url;

/// A transfer that ended with a response (whatever its status).
pub fn of_response(
    client: &Client,
    spec: &RequestSpec,
    r: &Response,
    downloaded: u64,
    retries: u32,
    begun: Instant,
) -> Stats {
    let mut stats = Stats {
        http_code: r.status,
        http_version: r.version.trim_start_matches("HTTP/").to_string(),
        method: r.method.to_string(),
        url: client.shown(&spec.url),
        url_effective: r.url_shown(),
        num_redirects: r.redirects,
        num_retries: retries,
        content_type: r.header("content-type").unwrap_or_default().to_string(),
        size_download: downloaded,
        size_upload: r.uploaded,
        timings: r.timings,
        time_total: begun.elapsed(),
        headers: shown_headers(client, &r.headers),
        secrets: client.secrets().clone(),
        redirect_url: redirect_url(r.status, &r.url, r.header("location"))
            .map(|u| client.shown(&u))
            .unwrap_or_default(),
        ..Stats::default()
    };
    set_peer(&mut stats, r.peer.as_ref());
    stats
}

/// The exit code the response gave, and for an HTTP error status the
/// words of its warning line (`HTTP 404 Not Found`) as `%{errormsg}`.
pub fn with_exit(mut stats: Stats, exit: Exit) -> Stats {
    stats.exitcode = exit.code();
    if matches!(exit, Exit::Redirect | Exit::ClientError | Exit::ServerError) {
        let reason = status::reason(stats.http_code).unwrap_or("");
        stats.errormsg = format!("HTTP {} {reason}", stats.http_code)
            .trim_end()
            .to_string();
    }
    stats
}

/// A transfer that failed with `err`, after it got as far as `reached`.
pub fn after_error(
    client: &Client,
    spec: &RequestSpec,
    err: &anyhow::Error,
    retries: u32,
) -> Stats {
    let reached: Reached = client.reached();
    let mut stats = Stats {
        method: spec.method.to_string(),
        url: client.shown(&spec.url),
        url_effective: client.shown(&spec.url),
        http_version: "0".to_string(),
        num_retries: retries,
        size_download: reached.downloaded,
        size_upload: reached.uploaded,
        timings: reached.timings,
        time_total: reached.elapsed,
        exitcode: exit::exit_for(err).code(),
        errormsg: notice::error_text(err),
        secrets: client.secrets().clone(),
        ..Stats::default()
    };
    if let Some(answer) = &reached.answer {
        let header = |name: &str| {
            answer
                .headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .and_then(|(_, v)| std::str::from_utf8(v).ok())
        };
        stats.http_code = answer.status;
        stats.http_version = answer.version.trim_start_matches("HTTP/").to_string();
        stats.method = answer.method.to_string();
        stats.url_effective = client.shown(&answer.url);
        stats.num_redirects = answer.redirects;
        stats.content_type = header("content-type").unwrap_or_default().to_string();
        stats.redirect_url = redirect_url(answer.status, &answer.url, header("location"))
            .map(|u| client.shown(&u))
            .unwrap_or_default();
        stats.headers = shown_headers(client, &answer.headers);
    }
    set_peer(&mut stats, reached.peer.as_ref());
    stats
}

/// The response headers for `%{header.NAME}` and `%{header_json}`: as
/// received, but a URL in `Location` hides its secret query values, as
/// every URL shown does.
fn shown_headers(client: &Client, headers: &[(String, Vec<u8>)]) -> Vec<(String, Vec<u8>)> {
    headers
        .iter()
        .map(
            |(name, value)| match client.secrets().in_url_header(name, value) {
                Some(shown) => (name.clone(), shown.into_bytes()),
                None => (name.clone(), value.clone()),
            },
        )
        .collect()
}

/// Where a 3xx points, resolved against the URL that sent it.
fn redirect_url(status: u16, url: &Url, location: Option<&str>) -> Option<Url> {
    (300..400)
        .contains(&status)
        .then(|| url.join(location?.trim()).ok())
        .flatten()
}

/// The addresses of the connection; a Unix socket is named by its path,
/// with no ports.
fn set_peer(stats: &mut Stats, peer: Option<&Peer>) {
    match peer {
        Some(Peer::Tcp { remote, local }) => {
            stats.remote_ip = remote.ip().to_string();
            stats.remote_port = remote.port();
            if let Some(local) = local {
                stats.local_ip = local.ip().to_string();
                stats.local_port = local.port();
            }
        }
        Some(Peer::Unix(path)) => stats.remote_ip = path.display().to_string(),
        None => {}
    }
}
