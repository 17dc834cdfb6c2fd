//! What is printed and how: the output policy (decided once), the printer,
//! the JSON formatter and the progress bar.

use std::io::IsTerminal;

use crate::cli::When;

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

fn pretend_tty() -> bool {
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
