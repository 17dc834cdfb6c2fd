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

/// Whether a request that failed on HTTP/2 may be sent again at once
/// (not a `--retry` attempt): the server did not process it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Again {
    No,
    /// `REFUSED_STREAM`, or a graceful GOAWAY that left it out: on a new
    /// connection.
    NewConnection,
    /// The connection failed before any answer: on a new connection when
    /// this one was a pooled one (the server closed it while idle).
    IfReused,
    /// `HTTP_1_1_REQUIRED`: over HTTP/1.1.
    Http1,
}

/// A request that failed on HTTP/2: the error, and whether it may go again.
#[derive(Debug)]
pub struct Failure {
    pub error: ExitError,
    pub again: Again,
    /// What the server did, for the trace.
    pub event: Option<Event>,
}

/// A reset or GOAWAY from the server.
#[derive(Debug, Clone, Copy)]
pub enum Event {
    Reset(Reason),
    GoAway(Reason),
}

impl Event {
    fn of(err: &h2::Error) -> Option<Event> {
        let reason = err.reason()?;
        match (err.is_remote(), err.is_reset(), err.is_go_away()) {
            (true, true, _) => Some(Event::Reset(reason)),
            (true, _, true) => Some(Event::GoAway(reason)),
            _ => None,
        }
    }

    /// The trace's `*` line for it, on stream `stream`.
    pub fn line(self, stream: u32) -> String {
        match self {
            Event::Reset(reason) => {
                format!("stream {stream} reset by the server: {}", named(reason))
            }
            Event::GoAway(reason) => format!("GOAWAY from the server: {}", named(reason)),
        }
    }
}

impl From<ExitError> for Failure {
    fn from(error: ExitError) -> Failure {
        Failure {
            error,
            again: Again::No,
            event: None,
        }
    }
}

/// What became of a request on HTTP/2, with where it was.
pub fn failure(err: h2::Error, phase: Phase, body_read: bool) -> Failure {
    let (exit, cause) = classify(&err, phase, body_read);
    let transient = matches!(exit, Exit::Http2 | Exit::Http2Stream);
    let again = match phase {
        Phase::Body => Again::No,
        _ => again(&err),
    };
    Failure {
        error: ExitError {
            transient,
            ..ExitError::new(exit, cause).in_phase(phase)
        },
        again,
        event: Event::of(&err),
    }
}

fn again(err: &h2::Error) -> Again {
    let reason = err.reason();
    match () {
        _ if err.is_io() => Again::IfReused,
        _ if !err.is_remote() => Again::No,
        _ if reason == Some(Reason::HTTP_1_1_REQUIRED) => Again::Http1,
        _ if err.is_reset() && reason == Some(Reason::REFUSED_STREAM) => Again::NewConnection,
        _ if err.is_go_away() && reason == Some(Reason::NO_ERROR) => Again::NewConnection,
        _ => Again::No,
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
