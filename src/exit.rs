//! The one table of exit codes, and the error that carries one.

use std::fmt;
use std::process::ExitCode;

/// Every exit code httpc promises (the README's "Exit codes", `man httpc`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success,
    /// Any other failure: I/O, a file that cannot be written, ...
    Failure,
    /// Bad option, bad URL, invalid --json, unreadable @FILE. Nothing was sent.
    Usage,
    /// A 3xx response that was not followed (not 304).
    Redirect,
    /// A 4xx response.
    ClientError,
    /// A 5xx response.
    ServerError,
    /// Could not resolve the host.
    Resolve,
    /// Could not connect.
    Connect,
    /// The body ended early.
    PartialBody,
    /// The response did not meet `--expect`, `--expect-header`,
    /// `--expect-json` or `--pick`.
    Expectation,
    /// `-C`: the server answered 206 with another range than the one asked for.
    CannotResume,
    /// Timeout.
    Timeout,
    /// TLS failure.
    Tls,
    /// Too many redirects.
    TooManyRedirects,
    /// The server closed without a response.
    EmptyReply,
    /// Receive failure: reset, malformed response.
    Receive,
    /// The body is larger than `--max-filesize`.
    TooLarge,
    /// An HTTP/2 connection failure: framing, a GOAWAY with an error.
    Http2,
    /// An HTTP/2 stream reset by the server.
    Http2Stream,
    /// The exit code of a command httpc ran (`health --wait -- CMD`).
    Command(u8),
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Failure => 1,
            Exit::Usage => 2,
            Exit::Redirect => 3,
            Exit::ClientError => 4,
            Exit::ServerError => 5,
            Exit::Resolve => 6,
            Exit::Connect => 7,
            Exit::PartialBody => 18,
            Exit::Expectation => 22,
            Exit::CannotResume => 33,
            Exit::Timeout => 28,
            Exit::Tls => 35,
            Exit::TooManyRedirects => 47,
            Exit::EmptyReply => 52,
            Exit::Receive => 56,
            Exit::TooLarge => 63,
            Exit::Http2 => 16,
            Exit::Http2Stream => 92,
            Exit::Command(code) => code,
        }
    }

    /// Every code httpc documents, in order: the one source of the tables
    /// in `--help`, `man httpc` and the README.
    pub const DOCUMENTED: [Exit; 19] = [
        Exit::Success,
        Exit::Failure,
        Exit::Usage,
        Exit::Redirect,
        Exit::ClientError,
        Exit::ServerError,
        Exit::Resolve,
        Exit::Connect,
        Exit::Http2,
        Exit::PartialBody,
        Exit::Expectation,
        Exit::Timeout,
        Exit::CannotResume,
        Exit::Tls,
        Exit::TooManyRedirects,
        Exit::EmptyReply,
        Exit::Receive,
        Exit::TooLarge,
        Exit::Http2Stream,
    ];

    /// What the code means, for the tables (Markdown: `code` spans).
    pub fn meaning(self) -> &'static str {
        match self {
            Exit::Success => "success",
            Exit::Failure => "any other failure (I/O, a file that cannot be written, …)",
            Exit::Usage => {
                "usage error: bad option, bad URL, invalid `--json`, unreadable `@FILE`. Nothing was sent."
            }
            Exit::Redirect => "3xx response not followed (not 304)",
            Exit::ClientError => "4xx response",
            Exit::ServerError => "5xx response",
            Exit::Resolve => "could not resolve host",
            Exit::Connect => "could not connect",
            Exit::PartialBody => {
                "body ended early (shorter than Content-Length, or cut inside a chunk)"
            }
            Exit::Expectation => {
                "the response did not meet `--expect`, `--expect-header`, `--expect-json` or `--pick`"
            }
            Exit::Timeout => "timeout",
            Exit::CannotResume => {
                "the server cannot resume: a 206 whose range is not the one asked for (`-C`)"
            }
            Exit::Tls => "TLS failure (handshake, untrusted or mismatched certificate)",
            Exit::TooManyRedirects => "too many redirects",
            Exit::EmptyReply => "empty reply: the server closed without a response",
            Exit::Receive => {
                "receive failure: connection reset, malformed response or chunked encoding"
            }
            Exit::TooLarge => "the body is larger than `--max-filesize`",
            Exit::Http2 => {
                "HTTP/2 connection failure: framing, a GOAWAY with an error, a malformed or oversized response head over h2"
            }
            Exit::Http2Stream => "HTTP/2 stream reset by the server (RST_STREAM with an error code)",
            Exit::Command(_) => "the exit code of CMD (`health --wait ... -- CMD`)",
        }
    }

    /// The exit code for an HTTP status, ignoring `--ignore-status`.
    pub fn for_status(status: u16) -> Exit {
        match status {
            300..=399 if status != 304 => Exit::Redirect,
            400..=499 => Exit::ClientError,
            500..=599 => Exit::ServerError,
            _ => Exit::Success,
        }
    }
}

/// The rows of the exit-code tables that are not one `Exit`: ends by a
/// signal, and the code of the command `health --wait` runs.
pub const OTHER_CODES: &[(&str, &str)] = &[
    (
        "130, 143, 129",
        "ended by SIGINT, SIGTERM or SIGHUP (the shell's 128+N)",
    ),
    (
        "CMD",
        "`health --wait ... -- CMD` exits with the exit code of CMD",
    ),
];

/// Every row of the tables as (code, meaning in Markdown), in order.
pub fn table_rows() -> Vec<(String, &'static str)> {
    Exit::DOCUMENTED
        .iter()
        .map(|e| (e.code().to_string(), e.meaning()))
        .chain(
            OTHER_CODES
                .iter()
                .map(|&(code, meaning)| (code.to_string(), meaning)),
        )
        .collect()
}

/// The exit codes as `--help` shows them, after the commands.
pub fn help_table() -> String {
    let mut text = String::from("Exit codes:");
    for (code, meaning) in table_rows() {
        text.push_str(&format!("\n  {code:>3}  {}", meaning.replace('`', "")));
    }
    text
}

/// The exit codes as a Markdown table, for the README.
pub fn markdown_table() -> String {
    let mut text = String::from("| code | meaning |\n|---|---|\n");
    for (code, meaning) in table_rows() {
        text.push_str(&format!("| {code} | {meaning} |\n"));
    }
    text
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e.code())
    }
}

/// Where in an exchange an error happened, for the callers that word it
/// differently (`health` says `timed out after 5s while connecting`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Resolving, connecting, the TLS handshake, a proxy's tunnel.
    Connect,
    /// Sending the request and waiting for the response head.
    Response,
    /// Reading the response body.
    Body,
}

/// An error that decides the exit code, in parts: what it is about (the
/// URL as it may be shown), the cause in words, and what callers decide on.
/// Only `Display` joins them (`SUBJECT: CAUSE`); nothing parses the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExitError {
    pub exit: Exit,
    /// The URL (or file) the error is about, as shown; `None` when the
    /// cause says it all.
    pub subject: Option<String>,
    /// What went wrong, in words: `connection refused`.
    pub cause: String,
    /// A transient network failure that `--retry` may try again.
    pub transient: bool,
    /// Where in the exchange it happened, when it happened in one.
    pub phase: Option<Phase>,
}

impl ExitError {
    pub fn new(exit: Exit, cause: impl Into<String>) -> ExitError {
        ExitError {
            exit,
            subject: None,
            cause: cause.into(),
            transient: false,
            phase: None,
        }
    }

    pub fn usage(cause: impl Into<String>) -> ExitError {
        ExitError::new(Exit::Usage, cause)
    }

    /// The error is about this URL (as shown) or file.
    pub fn about(mut self, subject: impl Into<String>) -> ExitError {
        self.subject = Some(subject.into());
        self
    }

    pub fn in_phase(mut self, phase: Phase) -> ExitError {
        self.phase = Some(phase);
        self
    }

    /// The request certainly never reached the server: the host did not
    /// resolve, nothing accepted the connection (refused, unreachable), or
    /// connecting timed out. What a non-idempotent request may be retried
    /// after (RFC 9110 §9.2.2).
    pub fn before_sending(&self) -> bool {
        match self.exit {
            Exit::Resolve | Exit::Connect => true,
            Exit::Timeout => self.phase == Some(Phase::Connect),
            _ => false,
        }
    }

    /// The first `ExitError` in an error's chain.
    pub fn find(err: &anyhow::Error) -> Option<&ExitError> {
        err.chain().find_map(|c| c.downcast_ref::<ExitError>())
    }
}

impl fmt::Display for ExitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.subject {
            Some(subject) => write!(f, "{subject}: {}", self.cause),
            None => f.write_str(&self.cause),
        }
    }
}

impl std::error::Error for ExitError {}

/// Shorthand for a usage error as an `anyhow::Error`.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    ExitError::usage(message).into()
}

/// An error's cause without its subject: the `ExitError`'s own words, or
/// the whole text of any other error. Retry lines and `health` say it after
/// naming the URL themselves.
pub fn cause(err: &anyhow::Error) -> String {
    match ExitError::find(err) {
        Some(e) => e.cause.clone(),
        None => format!("{err:#}"),
    }
}

/// The exit code an error ends the program with: the first `ExitError` in
/// its chain decides, anything else is a plain failure.
pub fn exit_for(err: &anyhow::Error) -> Exit {
    ExitError::find(err).map_or(Exit::Failure, |e| e.exit)
}

/// True when the error is a write to a closed pipe, which ends quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_classes_map_to_codes() {
        assert_eq!(Exit::for_status(200), Exit::Success);
        assert_eq!(Exit::for_status(301), Exit::Redirect);
        assert_eq!(Exit::for_status(304), Exit::Success);
        assert_eq!(Exit::for_status(404), Exit::ClientError);
        assert_eq!(Exit::for_status(503), Exit::ServerError);
    }

    #[test]
    fn every_documented_code_is_distinct_and_in_order() {
        let codes: Vec<u8> = Exit::DOCUMENTED.iter().map(|e| e.code()).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted);
        assert!(help_table().contains("   28  timeout\n"));
        assert!(markdown_table()
            .contains("| 52 | empty reply: the server closed without a response |\n"));
    }

    #[test]
    fn failure_in_chain_decides() {
        let err = anyhow::Error::from(ExitError::new(Exit::Timeout, "x")).context("outer");
        assert_eq!(exit_for(&err), Exit::Timeout);
        assert_eq!(exit_for(&anyhow::anyhow!("plain")), Exit::Failure);
    }

    #[test]
    fn the_parts_are_joined_only_when_shown() {
        let e = ExitError::new(Exit::Connect, "connection refused").about("http://h/");
        assert_eq!(e.to_string(), "http://h/: connection refused");
        let err = anyhow::Error::from(e);
        assert_eq!(cause(&err), "connection refused");
        assert_eq!(cause(&anyhow::anyhow!("plain")), "plain");
    }
}
