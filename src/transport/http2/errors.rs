//! h2's errors as httpc's exit codes: a stream the server reset is 92, an
//! HTTP/2 connection failure 16 (both transient for `--retry`, and both
//! suggest `--http1.1`), a stream ended with `NO_ERROR` inside its body 18.

use std::io;

use h2::Reason;

use crate::exit::{Exit, ExitError, Phase};
use crate::text::io_words;

const TRY_HTTP1: &str = "; try --http1.1";

/// `INTERNAL_ERROR (0x2)`, as the contract and curl name a code.
fn named(reason: Reason) -> String {
    format!("{reason:?} (0x{:x})", u32::from(reason))
}

/// What became of a request on HTTP/2, with where it was.
pub fn failure(err: h2::Error, phase: Phase, body_read: bool) -> ExitError {
    let (exit, cause) = classify(&err, phase, body_read);
    let transient = matches!(exit, Exit::Http2 | Exit::Http2Stream);
    ExitError {
        transient,
        ..ExitError::new(exit, cause).in_phase(phase)
    }
}

fn classify(err: &h2::Error, phase: Phase, body_read: bool) -> (Exit, String) {
    if let Some(io) = err.get_io() {
        return io_failure(io, phase);
    }
    let reason = err.reason().unwrap_or(Reason::PROTOCOL_ERROR);
    match (err.is_reset(), err.is_go_away(), err.is_remote()) {
        (true, _, true) if reason == Reason::NO_ERROR && body_read => (
            Exit::PartialBody,
            "the body ended early: the server closed the stream (NO_ERROR)".into(),
        ),
        (true, _, true) if reason == Reason::REFUSED_STREAM => (
            Exit::Http2Stream,
            format!("stream refused by the server: {}", named(reason)),
        ),
        (true, _, true) => (
            Exit::Http2Stream,
            format!("stream reset by the server: {}{TRY_HTTP1}", named(reason)),
        ),
        (_, true, true) if reason == Reason::NO_ERROR => (
            Exit::Http2,
            "the server closed the HTTP/2 connection (GOAWAY NO_ERROR) before answering".into(),
        ),
        (_, true, true) => (
            Exit::Http2,
            format!("GOAWAY from the server: {}{TRY_HTTP1}", named(reason)),
        ),
        _ => (
            Exit::Http2,
            format!(
                "malformed HTTP/2 from the server: {}{TRY_HTTP1}",
                named(reason)
            ),
        ),
    }
}

/// The connection under HTTP/2 failed: an HTTP/2 connection failure (16),
/// unless it cut a body short (18).
fn io_failure(io: &io::Error, phase: Phase) -> (Exit, String) {
    use io::ErrorKind as K;
    match io.kind() {
        K::UnexpectedEof if phase == Phase::Body => (
            Exit::PartialBody,
            "the body ended early: the connection closed before all of it arrived".into(),
        ),
        K::UnexpectedEof => (
            Exit::Http2,
            format!("the server closed the HTTP/2 connection without a response{TRY_HTTP1}"),
        ),
        K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe => (
            Exit::Http2,
            format!("the server reset the HTTP/2 connection{TRY_HTTP1}"),
        ),
        _ => (
            Exit::Http2,
            format!("HTTP/2 connection failed: {}{TRY_HTTP1}", io_words(io)),
        ),
    }
}
