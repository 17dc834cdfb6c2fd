//! h2's errors as httpc's exit codes: a stream the server reset is 92, an
//! HTTP/2 connection failure 16 (both transient for `--retry`, and both
//! suggest `--http1.1`), a stream ended with `NO_ERROR` inside its body 18.
//! What the frame watcher saw (a GOAWAY's last stream id, a flood, the
//! DATA a stream brought) settles what h2's error alone cannot.

use std::io;

use h2::Reason;

use super::frames::{GoAway, Seen};
use super::MAX_HEADER_LIST;
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
    /// `REFUSED_STREAM`: on a new connection.
    NewConnection,
    /// A GOAWAY whose last stream id is below it (the frame watcher saw
    /// it), whatever its code: on a new connection; the cause says why.
    Unprocessed,
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
    GoAway(GoAway),
}

impl Event {
    /// The GOAWAY the trace has not shown yet, else the server's reset.
    fn of(err: &h2::Error, seen: &Seen) -> Option<Event> {
        if let Some(goaway) = seen.goaway_untraced() {
            return Some(Event::GoAway(goaway));
        }
        match (err.is_remote(), err.is_reset(), err.reason()) {
            (true, true, Some(reason)) => Some(Event::Reset(reason)),
            _ => None,
        }
    }

    /// The trace's `*` line for it, on stream `stream`.
    pub fn line(self, stream: u32) -> String {
        match self {
            Event::Reset(reason) => {
                format!("stream {stream} reset by the server: {}", named(reason))
            }
            Event::GoAway(goaway) => format!("GOAWAY from the server: {goaway}"),
        }
    }
}

/// Where a request was when it failed on HTTP/2.
#[derive(Debug, Clone, Copy)]
pub struct At {
    pub phase: Phase,
    /// Its stream, once it has one.
    pub stream: Option<u32>,
    /// Some of the body was read.
    pub body_read: bool,
    /// The response's `content-length`.
    pub content_length: Option<u64>,
}

impl At {
    pub fn new(phase: Phase, stream: Option<u32>) -> At {
        At {
            phase,
            stream,
            body_read: false,
            content_length: None,
        }
    }
}

impl Failure {
    /// The cause, for the trace line that says the request goes again
    /// (where suggesting `--http1.1` would be beside the point).
    pub fn cause_for_trace(&self) -> &str {
        let cause = &self.error.cause;
        cause.strip_suffix(TRY_HTTP1).unwrap_or(cause)
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

/// What became of a request on HTTP/2, with where it was and what the
/// frame watcher saw on its connection.
pub fn failure(err: h2::Error, at: At, seen: &Seen) -> Failure {
    let event = Event::of(&err, seen);
    let (exit, cause, again) = match watched(&err, at, seen) {
        Some(verdict) => verdict,
        None => {
            let (exit, cause) = classify(&err, at.phase, at.body_read);
            let again = match at.phase {
                Phase::Body => Again::No,
                _ => again(&err),
            };
            (exit, cause, again)
        }
    };
    let transient = matches!(exit, Exit::Http2 | Exit::Http2Stream);
    Failure {
        error: ExitError {
            transient,
            ..ExitError::new(exit, cause).in_phase(at.phase)
        },
        again,
        event,
    }
}

/// The verdict when the frame watcher knows better than h2's error: a
/// flood, a GOAWAY, more or less body than the `content-length`, a head
/// over the bound.
fn watched(err: &h2::Error, at: At, seen: &Seen) -> Option<(Exit, String, Again)> {
    if let Some(flood) = seen.flood() {
        return Some((Exit::Http2, format!("{flood}{TRY_HTTP1}"), Again::No));
    }
    let local = !err.is_remote() && !err.is_io();
    match (seen.goaway(), err.reason()) {
        (Some(goaway), _) if err.is_io() || (err.is_go_away() && err.is_remote()) => {
            Some(after_goaway(goaway, at))
        }
        (_, Some(Reason::PROTOCOL_ERROR)) if local && err.is_reset() => match at.phase {
            Phase::Body => body_length(at, seen),
            _ => oversized_head(at, seen),
        },
        (_, Some(Reason::ENHANCE_YOUR_CALM)) if local => {
            Some((Exit::Http2, calm_words(err), Again::No))
        }
        _ => None,
    }
}

/// Why h2 itself ended the connection with ENHANCE_YOUR_CALM. h2 says
/// which of its bounds the server passed only in the debug data it puts
/// in the error's text (`too_many_continuations` and the like).
fn calm_words(err: &h2::Error) -> String {
    let text = err.to_string();
    let words = if text.contains("too_many_data_frames") {
        "the server sent too many empty or tiny DATA frames".to_string()
    } else if text.contains("resets") {
        "the server made httpc reset too many streams".to_string()
    } else {
        format!(
            "the response head is endless or over {} KiB (too many CONTINUATION frames)",
            MAX_HEADER_LIST >> 10
        )
    };
    format!("{words}{TRY_HTTP1}")
}

/// A stream that failed after a GOAWAY: one above its last stream id was
/// not processed (sent again when it can be, whatever the GOAWAY's code);
/// one at or below it was, and the connection failed under it.
fn after_goaway(goaway: GoAway, at: At) -> (Exit, String, Again) {
    match at.stream {
        Some(id) if id <= goaway.last_stream => (
            Exit::Http2,
            format!(
                "the server closed the HTTP/2 connection (GOAWAY {goaway}) before stream {id} was complete{TRY_HTTP1}"
            ),
            Again::No,
        ),
        _ if at.phase == Phase::Body => (
            Exit::Http2,
            format!("the server closed the HTTP/2 connection (GOAWAY {goaway}){TRY_HTTP1}"),
            Again::No,
        ),
        _ => (
            Exit::Http2,
            format!("the server did not process the request (GOAWAY {goaway}){TRY_HTTP1}"),
            Again::Unprocessed,
        ),
    }
}

/// h2 resets a stream whose head is over its `max_header_list_size` as it
/// resets a malformed one: the header block's size tells them apart (a
/// head decodes to at least its encoded size; one that only grows past
/// the bound through compression references is called malformed).
fn oversized_head(at: At, seen: &Seen) -> Option<(Exit, String, Again)> {
    let bytes = seen.head_block(at.stream?);
    let kib = MAX_HEADER_LIST >> 10;
    let cause = match bytes > u64::from(MAX_HEADER_LIST) {
        true => format!("the response head is over {kib} KiB{TRY_HTTP1}"),
        false => format!("malformed HTTP/2 response head: PROTOCOL_ERROR (0x1){TRY_HTTP1}"),
    };
    Some((Exit::Http2, cause, Again::No))
}

/// h2 resets a stream whose DATA does not add up to its `content-length`
/// (RFC 9113 §8.1.1): more is a malformed response (16), less a body cut
/// short (18).
fn body_length(at: At, seen: &Seen) -> Option<(Exit, String, Again)> {
    let (stream, declared) = (at.stream?, at.content_length?);
    let got = seen.data_bytes(stream);
    Some(match got > declared {
        true => (
            Exit::Http2,
            format!(
                "malformed HTTP/2 response: more body than its content-length ({declared} bytes){TRY_HTTP1}"
            ),
            Again::No,
        ),
        false => (
            Exit::PartialBody,
            format!("the body ended early: {got} of {declared} bytes (content-length)"),
            Again::No,
        ),
    })
}

fn again(err: &h2::Error) -> Again {
    let reason = err.reason();
    match () {
        _ if err.is_io() => Again::IfReused,
        _ if !err.is_remote() => Again::No,
        _ if reason == Some(Reason::HTTP_1_1_REQUIRED) => Again::Http1,
        _ if err.is_reset() && reason == Some(Reason::REFUSED_STREAM) => Again::NewConnection,
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
