//! The one place that writes notices to stderr: warnings, progress lines of
//! `--retry` and `health --wait`, and the error lines of a run that goes on
//! after a failed URL. `-s` silences all but the error lines, and a closed
//! or full stderr is ignored: a notice never ends the program (the standard
//! `eprintln` macro would panic there).

use std::fmt::Display;
use std::io::{self, Write};

use crate::exit;

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

    /// A line as it is (`retrying in 1s (attempt 2 of 4): …`).
    pub fn say(&self, text: impl Display) {
        if !self.silent {
            line(text);
        }
    }
}

/// `httpc: error: …`, whatever `-s` says.
pub fn error(err: &anyhow::Error) {
    line(exit::error_line(err));
}

fn line(text: impl Display) {
    let _ = writeln!(io::stderr().lock(), "{text}");
}
