//! What is printed and how: the output policy (decided once), the printer,
//! the JSON formatter and the progress bar.

use std::io::IsTerminal;

pub mod json;
pub mod notice;
pub mod printer;
pub mod progress;
pub mod sanitize;
pub mod trace;
pub mod writeout;

/// When to do something that suits a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum When {
    /// When the output is a terminal
    Auto,
    /// Always
    Always,
    /// Never
    Never,
}

/// A JSON body: `application/json` or any `*/*+json`, parameters aside.
pub fn is_json(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || essence
            .split_once('/')
            .is_some_and(|(_, sub)| sub.ends_with("+json"))
}

/// stdout for bodies: a duplicate of fd 1 written to directly. Rust's
/// `Stdout` is line-buffered, so every body chunk through it would be
/// scanned for newlines (a fifth of httpc's CPU on a 1 GiB pipe); callers
/// put their own `BufWriter` in front. Falls back to `Stdout` when fd 1
/// cannot be duplicated.
pub fn raw_stdout() -> Box<dyn std::io::Write> {
    use std::os::fd::AsFd;
    match std::io::stdout().as_fd().try_clone_to_owned() {
        Ok(fd) => Box::new(std::fs::File::from(fd)),
        Err(_) => Box::new(std::io::stdout()),
    }
}

/// Whether stdout is a pipe (or a socket), where smaller writes keep the
/// reader busy instead of waiting on a full pipe buffer.
pub fn stdout_is_pipe() -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::FileTypeExt;
    std::io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .and_then(|fd| std::fs::File::from(fd).metadata())
        .is_ok_and(|m| m.file_type().is_fifo() || m.file_type().is_socket())
}

/// Hidden test hook: pretend stdout (and stderr) is a terminal.
pub const PRETEND_TTY_ENV: &str = "HTTPC_TEST_PRETEND_TTY";

/// Whether stdout is a terminal (or a test pretends it is).
pub fn stdout_is_tty() -> bool {
    pretend_tty() || std::io::stdout().is_terminal()
}

/// Whether stderr is a terminal (or a test pretends it is).
pub fn stderr_is_tty() -> bool {
    pretend_tty() || std::io::stderr().is_terminal()
}

pub(crate) fn pretend_tty() -> bool {
    std::env::var_os(PRETEND_TTY_ENV).is_some_and(|v| v == "1")
}

/// Decides colour for a stream: an explicit `--color always|never` wins;
/// otherwise `NO_COLOR` (non-empty) turns it off, `CLICOLOR_FORCE=1` on, and
/// else colour follows whether the stream is a terminal (and TERM is not dumb).
pub fn color_enabled(flag: Option<When>, is_tty: bool) -> bool {
    let env = |name| std::env::var(name).ok().filter(|v| !v.is_empty());
    match flag {
        Some(When::Always) => true,
        Some(When::Never) => false,
        Some(When::Auto) | None => {
            if env("NO_COLOR").is_some() {
                false
            } else if env("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
                true
            } else {
                is_tty && env("TERM").is_none_or(|t| t != "dumb")
            }
        }
    }
}

/// What the user asked for, in plain types.
#[derive(Debug, Clone, Default)]
pub struct PolicyInput {
    pub include: bool,
    pub body_only: bool,
    pub head_method: bool,
    pub color: Option<When>,
    pub silent: bool,
    /// `--progress` (Some(true)) or `--no-progress` (Some(false)).
    pub progress: Option<bool>,
    /// The body goes to a file, not stdout.
    pub to_file: bool,
    pub pretty: Option<When>,
}

/// The output policy, decided once before anything is sent.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Print the status line and headers.
    pub head: bool,
    /// Colour on stdout.
    pub color: bool,
    /// stdout is a terminal: escape control characters from the server.
    pub terminal: bool,
    /// Format JSON bodies.
    pub pretty: bool,
    /// Warnings and progress lines on stderr, unless `-s`.
    pub notices: notice::Notices,
    /// Warn on stderr about a 3xx/4xx/5xx exit code.
    pub warn_status: bool,
    /// Draw the progress bar on stderr.
    pub progress: bool,
    /// stderr is a terminal: escape control characters in the trace.
    pub stderr_terminal: bool,
    /// Bytes per read and write of a body, chosen by measurement on
    /// loopback (bench/): into a pipe 32 KiB beat 128 KiB by about a fifth
    /// (the reader keeps pace with a 64 KiB pipe buffer); into a file
    /// 128 KiB beat 32 KiB by a tenth, and 64 KiB to 512 KiB were alike,
    /// so files and terminals use 128 KiB, ureq's own buffer size.
    pub chunk_size: usize,
}

impl Policy {
    pub fn decide(input: &PolicyInput) -> Policy {
        let terminal = stdout_is_tty();
        let stderr_terminal = stderr_is_tty();
        let pretty = match input.pretty {
            Some(When::Always) => true,
            Some(When::Never) => false,
            Some(When::Auto) | None => terminal,
        };
        let body_to_terminal = terminal && !input.to_file;
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        let progress = match input.progress {
            Some(forced) => forced,
            None => !input.silent && stderr_terminal && !dumb && !body_to_terminal,
        };
        Policy {
            head: input.include || input.head_method || (terminal && !input.body_only),
            color: color_enabled(input.color, terminal),
            terminal,
            pretty,
            notices: notice::Notices {
                silent: input.silent,
            },
            warn_status: !input.silent && !terminal,
            progress,
            stderr_terminal,
            chunk_size: if stdout_is_pipe() && !input.to_file {
                32 * 1024
            } else {
                128 * 1024
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_content_types() {
        assert!(is_json("application/json"));
        assert!(is_json("Application/JSON; charset=utf-8"));
        assert!(is_json("application/problem+json"));
        assert!(!is_json("text/plain"));
        assert!(!is_json("application/jsonp"));
    }
}
