//! The one place that writes notices to stderr: warnings, progress lines of
//! `--retry` and `health --wait`, and the error lines of a run that goes on
//! after a failed URL. `-s` silences all but the error lines, and a closed
//! or full stderr is ignored: a notice never ends the program (the standard
//! `eprintln` macro would panic there).

use std::fmt::Display;
use std::io::{self, Write};

use super::sanitize::{escape_bytes, escape_line, Controls};

/// Notices as `-s` allows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notices {
    /// `-s`: no warnings and no progress lines.
    pub silent: bool,
}

impl Notices {
    /// `httpc: warning: TEXT`.
    pub fn warn(&self, text: impl Display) {
        if !self.silent {
            line(format_args!("httpc: warning: {text}"));
        }
    }

    /// `httpc: TEXT`: what httpc is doing (`all 2 targets UP after 1.2s`).
    pub fn note(&self, text: impl Display) {
        if !self.silent {
            line(format_args!("httpc: {text}"));
        }
    }

    /// What `-k` earns, from request commands and `health` alike.
    pub fn warn_insecure(&self) {
        self.warn("--insecure: TLS certificates are not verified");
    }

    /// Bytes from a server (an error body), escaped as `controls` says,
    /// ending with a line break.
    pub fn quote(&self, bytes: &[u8], controls: Controls) {
        if self.silent || bytes.is_empty() {
            return;
        }
        let mut text = match controls {
            Controls::Escaped => escape_bytes(bytes),
            Controls::Kept => bytes.to_vec(),
        };
        if !text.ends_with(b"\n") {
            text.push(b'\n');
        }
        let _ = io::stderr().lock().write_all(&text);
    }

    /// A line as it is (`retrying in 1s (attempt 2 of 4): …`).
    pub fn say(&self, text: impl Display) {
        if !self.silent {
            line(text);
        }
    }
}

/// `httpc: error: …`, whatever `-s` says.
pub fn error(err: &anyhow::Error) {
    line(error_line(err));
}

/// The one line printed for an error: `httpc: error: …`. A message can
/// quote what a server sent (a bad `Location`), so its control characters
/// are escaped, on a terminal or in a log alike; line breaks become spaces
/// so it stays one line.
pub fn error_line(err: &anyhow::Error) -> String {
    format!("httpc: error: {}", error_text(err))
}

/// The error line without its `httpc: error: ` (`-w %{errormsg}`).
pub fn error_text(err: &anyhow::Error) -> String {
    let message = format!("{err:#}").replace(['\n', '\r'], " ");
    escape_line(&message)
}

fn line(text: impl Display) {
    let _ = writeln!(io::stderr().lock(), "{text}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::{Exit, ExitError};

    #[test]
    fn an_error_is_one_line_with_no_control_characters() {
        let err = anyhow::Error::from(
            ExitError::new(
                Exit::Receive,
                "invalid redirect Location '\x1b]0;pwned\x07\u{9b}2J'",
            )
            .about("http://h/"),
        );
        assert_eq!(
            error_line(&err),
            "httpc: error: http://h/: invalid redirect Location '\\x1b]0;pwned\\x07\\u{9b}2J'"
        );
        let plain = anyhow::anyhow!("two\nlines");
        assert_eq!(error_line(&plain), "httpc: error: two lines");
    }
}
