//! The one table of exit codes, and the error that carries one.

use std::fmt;
use std::process::ExitCode;

/// Every exit code httpc promises (CONTRACT.md, "Exit codes").
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
            Exit::Timeout => 28,
            Exit::Tls => 35,
            Exit::TooManyRedirects => 47,
            Exit::EmptyReply => 52,
            Exit::Receive => 56,
            Exit::Command(code) => code,
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

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e.code())
    }
}

/// An error that decides the exit code. Its text is the whole message after
/// `httpc: error: `.
#[derive(Debug)]
pub struct Failure {
    pub exit: Exit,
    pub message: String,
    /// A transient network failure that `--retry` may try again.
    pub transient: bool,
}

impl Failure {
    pub fn new(exit: Exit, message: impl Into<String>) -> Failure {
        Failure {
            exit,
            message: message.into(),
            transient: false,
        }
    }

    pub fn transient(mut self, transient: bool) -> Failure {
        self.transient = transient;
        self
    }

    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::new(Exit::Usage, message)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// Shorthand for a usage error as an `anyhow::Error`.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    Failure::usage(message).into()
}

/// The exit code an error ends the program with: the first `Failure` in its
/// chain decides, anything else is a plain failure.
pub fn exit_for(err: &anyhow::Error) -> Exit {
    err.chain()
        .find_map(|c| c.downcast_ref::<Failure>())
        .map_or(Exit::Failure, |f| f.exit)
}

/// The one line printed for an error: `httpc: error: ...`.
pub fn error_line(err: &anyhow::Error) -> String {
    let message = format!("{err:#}").replace(['\n', '\r'], " ");
    format!("httpc: error: {message}")
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
    fn failure_in_chain_decides() {
        let err = anyhow::Error::from(Failure::new(Exit::Timeout, "x")).context("outer");
        assert_eq!(exit_for(&err), Exit::Timeout);
        assert_eq!(exit_for(&anyhow::anyhow!("plain")), Exit::Failure);
    }
}
