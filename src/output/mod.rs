//! What is printed and how: the terminal detection (once per run) and the
//! request commands' output policy, the one stdout sink, colour and the
//! other escape sequences (`paint`), the printer, the JSON formatter, the
//! progress bar, the trace, write-out and notices on stderr.

use std::io::IsTerminal;

pub mod dump;
pub mod json;
pub mod notice;
pub mod paint;
pub mod printer;
pub mod progress;
pub mod sanitize;
mod stdout;
pub mod timings;
pub mod trace;
pub mod writeout;

use paint::Colors;
use progress::Bar;
pub use stdout::{stdout, Stdout};
#[cfg(target_os = "linux")]
pub use stdout::{stdout_is_fifo, widen_pipe as widen_stdout_pipe};

/// When to do something that suits a terminal (`--color`, `--pretty`), in
/// plain form; `cli::When` is the command line's face of it and converts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// When the output is a terminal.
    Auto,
    Always,
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

/// Hidden test hook: pretend stdout (and stderr) is a terminal.
pub const PRETEND_TTY_ENV: &str = "HTTPC_TEST_PRETEND_TTY";

/// What the streams are and what the environment says about colour:
/// detected once per run (`app.rs`) and handed to every command, which
/// refines it into its own policy. Nothing else asks the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Terminal {
    /// stdout is a terminal (or a test pretends it is).
    pub stdout_tty: bool,
    /// stderr is a terminal (or a test pretends it is).
    pub stderr_tty: bool,
    /// stdout is a pipe or a socket.
    pub stdout_pipe: bool,
    /// `HTTPC_TEST_PRETEND_TTY=1`: a test reads the terminal's escape
    /// sequences from pipes.
    pub pretend_tty: bool,
    pub env: ColorEnv,
}

/// The environment variables that decide colour and progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ColorEnv {
    /// `NO_COLOR` is set and not empty.
    pub no_color: bool,
    /// `CLICOLOR_FORCE` is set, not empty and not `0`.
    pub clicolor_force: bool,
    /// `TERM=dumb`: no colour and no progress bar.
    pub term_dumb: bool,
}

impl Terminal {
    /// Asks the system, once.
    pub fn detect() -> Terminal {
        let var = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
        let pretend_tty = std::env::var_os(PRETEND_TTY_ENV).is_some_and(|v| v == "1");
        Terminal {
            stdout_tty: pretend_tty || std::io::stdout().is_terminal(),
            stderr_tty: pretend_tty || std::io::stderr().is_terminal(),
            stdout_pipe: stdout::stdout_is_pipe(),
            pretend_tty,
            env: ColorEnv {
                no_color: var("NO_COLOR").is_some(),
                clicolor_force: var("CLICOLOR_FORCE").is_some_and(|v| v != "0"),
                term_dumb: var("TERM").is_some_and(|t| t == "dumb"),
            },
        }
    }

    /// Colour on stdout as `--color` and the environment say.
    pub fn stdout_colors(&self, flag: Option<Choice>) -> Colors {
        if color_enabled(flag, self.stdout_tty, &self.env) {
            Colors::On
        } else {
            Colors::Off
        }
    }

    /// Where a progress bar that is wanted is drawn.
    fn bar(&self) -> Bar {
        if self.pretend_tty {
            Bar::PretendTerminal
        } else {
            Bar::Stderr
        }
    }
}

/// Decides colour for a stream: an explicit `--color always|never` wins;
/// otherwise `NO_COLOR` (non-empty) turns it off, `CLICOLOR_FORCE=1` on, and
/// else colour follows whether the stream is a terminal (and TERM is not dumb).
pub fn color_enabled(flag: Option<Choice>, is_tty: bool, env: &ColorEnv) -> bool {
    match flag {
        Some(Choice::Always) => true,
        Some(Choice::Never) => false,
        Some(Choice::Auto) | None => {
            if env.no_color {
                false
            } else if env.clicolor_force {
                true
            } else {
                is_tty && !env.term_dumb
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
    pub color: Option<Choice>,
    pub silent: bool,
    /// `--progress` (Some(true)) or `--no-progress` (Some(false)).
    pub progress: Option<bool>,
    /// The body goes to a file, not stdout.
    pub to_file: bool,
    pub pretty: Option<Choice>,
    /// `--timings`.
    pub timings: bool,
    /// `-f`: an HTTP error's body stays off stdout.
    pub fail: bool,
    /// `-S`: with `-s`, the status warning still shows.
    pub show_error: bool,
}

/// The output policy of a request command, decided once before anything
/// is sent.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Print the status line and headers.
    pub head: bool,
    /// Colour on stdout.
    pub color: Colors,
    /// stdout is a terminal: escape control characters from the server.
    pub terminal: bool,
    /// Format JSON bodies.
    pub pretty: bool,
    /// Warnings and progress lines on stderr, unless `-s`.
    pub notices: notice::Notices,
    /// Warn on stderr about a 3xx/4xx/5xx exit code (`-s` decided already).
    pub warn_status: bool,
    /// A head printed to stdout is the head as received (CRLF, names in
    /// their case), as `-D` writes it: stdout is not a terminal.
    pub raw_head: bool,
    /// The progress bar on stderr, and where it is drawn.
    pub progress: Bar,
    /// The bar of a request body going out (`-T`): drawn when stderr is
    /// a terminal, whatever stdout is.
    pub upload_progress: Bar,
    /// stderr is a terminal: escape control characters in the trace.
    pub stderr_terminal: bool,
    /// Bytes per read and write of a body, chosen by measurement on
    /// loopback (bench/): into a pipe of the default 64 KiB, 32 KiB beat
    /// 128 KiB by about a fifth (the reader keeps pace); into a file
    /// 128 KiB beat 32 KiB by a tenth, and 64 KiB to 512 KiB were alike,
    /// so files and terminals use 128 KiB, ureq's own buffer size. See
    /// `stdout_chunk` for a pipe that a large body widens.
    pub chunk_size: usize,
    /// The body goes to a pipe on stdout (not a file).
    pub body_to_pipe: bool,
    /// `--timings`: how its picture is drawn on stderr (`-s` or not).
    pub timings: Option<timings::Look>,
}

/// A body of this size or more (or of unknown length) widens the pipe on
/// stdout; a small one leaves the pipe, and the user's kernel budget of
/// large pipes, alone.
const WIDEN_PIPE_FROM: u64 = 1 << 20;

impl Policy {
    /// Bytes per read and write of a body going to stdout. Into a pipe, a
    /// large body first widens it to 1 MiB (`F_SETPIPE_SZ`), and then
    /// 128 KiB writes go: on 1 GiB over loopback the pipe's two ends took
    /// turns a third as often (context switches 40,000 to 12,000) and
    /// httpc with `cat` used a fifth less CPU. Where the pipe cannot be
    /// widened (a socket, a user over the kernel's budget) 32 KiB stays.
    pub fn stdout_chunk(&self, content_length: Option<u64>) -> usize {
        let large = content_length.is_none_or(|n| n >= WIDEN_PIPE_FROM);
        match self.body_to_pipe && large && stdout::widen_pipe() {
            true => 128 * 1024,
            false => self.chunk_size,
        }
    }
}

impl Policy {
    pub fn for_request(terminal: &Terminal, input: &PolicyInput) -> Policy {
        let stdout_tty = terminal.stdout_tty;
        let pretty = match input.pretty {
            Some(Choice::Always) => true,
            Some(Choice::Never) => false,
            Some(Choice::Auto) | None => stdout_tty,
        };
        let body_to_terminal = stdout_tty && !input.to_file;
        let stderr_bar = !input.silent && terminal.stderr_tty && !terminal.env.term_dumb;
        let show_upload_bar = input.progress.unwrap_or(stderr_bar);
        let show_bar = match input.progress {
            Some(forced) => forced,
            None => {
                !input.silent && terminal.stderr_tty && !terminal.env.term_dumb && !body_to_terminal
            }
        };
        Policy {
            head: input.include || input.head_method || (stdout_tty && !input.body_only),
            color: terminal.stdout_colors(input.color),
            terminal: stdout_tty,
            pretty,
            notices: notice::Notices {
                silent: input.silent,
            },
            // With -f on a terminal the head is not shown either: the
            // warning is all that names the status.
            warn_status: (!input.silent || input.show_error) && (!stdout_tty || input.fail),
            // Colour asked for on a pipe (`--color always`) is a head
            // formatted to be read, as on a terminal.
            raw_head: !stdout_tty && terminal.stdout_colors(input.color) == Colors::Off,
            progress: if show_bar { terminal.bar() } else { Bar::Off },
            upload_progress: if show_upload_bar {
                terminal.bar()
            } else {
                Bar::Off
            },
            stderr_terminal: terminal.stderr_tty,
            chunk_size: if terminal.stdout_pipe && !input.to_file {
                32 * 1024
            } else {
                128 * 1024
            },
            body_to_pipe: terminal.stdout_pipe && !input.to_file,
            timings: input.timings.then(|| timings_look(terminal, input.color)),
        }
    }
}

/// `--timings` on stderr: coloured as `--color` and the environment say
/// for stderr; block elements on a terminal (not a dumb one), ASCII in a
/// log.
fn timings_look(terminal: &Terminal, color: Option<Choice>) -> timings::Look {
    let on_terminal = terminal.stderr_tty && !terminal.env.term_dumb;
    timings::Look {
        colors: match color_enabled(color, terminal.stderr_tty, &terminal.env) {
            true => Colors::On,
            false => Colors::Off,
        },
        glyphs: match on_terminal {
            true => timings::Glyphs::Blocks,
            false => timings::Glyphs::Ascii,
        },
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

    /// Both streams terminals, nothing in the environment.
    fn tty() -> Terminal {
        Terminal {
            stdout_tty: true,
            stderr_tty: true,
            ..Terminal::default()
        }
    }

    fn piped() -> Terminal {
        Terminal {
            stdout_pipe: true,
            ..Terminal::default()
        }
    }

    #[test]
    fn colour_follows_stdout_being_a_terminal() {
        assert_eq!(tty().stdout_colors(None), Colors::On);
        assert_eq!(piped().stdout_colors(None), Colors::Off);
        assert_eq!(piped().stdout_colors(Some(Choice::Auto)), Colors::Off);
        assert_eq!(piped().stdout_colors(Some(Choice::Always)), Colors::On);
        assert_eq!(tty().stdout_colors(Some(Choice::Never)), Colors::Off);
    }

    #[test]
    fn colour_environment_decides_auto_only() {
        let with = |env: ColorEnv, stdout_tty: bool| Terminal {
            stdout_tty,
            env,
            ..Terminal::default()
        };
        let no_color = ColorEnv {
            no_color: true,
            clicolor_force: true,
            ..ColorEnv::default()
        };
        assert_eq!(with(no_color, true).stdout_colors(None), Colors::Off);
        assert_eq!(
            with(no_color, true).stdout_colors(Some(Choice::Always)),
            Colors::On
        );
        let force = ColorEnv {
            clicolor_force: true,
            ..ColorEnv::default()
        };
        assert_eq!(with(force, false).stdout_colors(None), Colors::On);
        let dumb = ColorEnv {
            term_dumb: true,
            ..ColorEnv::default()
        };
        assert_eq!(with(dumb, true).stdout_colors(None), Colors::Off);
    }

    #[test]
    fn a_terminal_gets_head_colour_and_pretty_json_a_pipe_the_body() {
        let input = PolicyInput::default();
        let p = Policy::for_request(&tty(), &input);
        assert!(p.head && p.pretty && p.terminal && !p.warn_status);
        assert_eq!(p.color, Colors::On);
        let p = Policy::for_request(&piped(), &input);
        assert!(!p.head && !p.pretty && !p.terminal && p.warn_status);
        assert_eq!(p.color, Colors::Off);
        assert_eq!(p.chunk_size, 32 * 1024);
        // A small body leaves the pipe as it is (no system call asked).
        assert_eq!(p.stdout_chunk(Some(5000)), 32 * 1024);
    }

    #[test]
    fn progress_bar_only_when_stderr_is_a_terminal_and_the_body_is_not() {
        let to_file = PolicyInput {
            to_file: true,
            ..PolicyInput::default()
        };
        assert_eq!(Policy::for_request(&tty(), &to_file).progress, Bar::Stderr);
        // The body itself is on the terminal: no bar over it.
        let p = Policy::for_request(&tty(), &PolicyInput::default());
        assert_eq!(p.progress, Bar::Off);
        let silent = PolicyInput {
            silent: true,
            ..to_file.clone()
        };
        assert_eq!(Policy::for_request(&tty(), &silent).progress, Bar::Off);
        let dumb = Terminal {
            env: ColorEnv {
                term_dumb: true,
                ..ColorEnv::default()
            },
            ..tty()
        };
        assert_eq!(Policy::for_request(&dumb, &to_file).progress, Bar::Off);
        let forced = PolicyInput {
            progress: Some(true),
            ..PolicyInput::default()
        };
        assert_eq!(Policy::for_request(&piped(), &forced).progress, Bar::Stderr);
    }

    #[test]
    fn timings_follow_stderr_whatever_stdout_is() {
        let asked = PolicyInput {
            timings: true,
            ..PolicyInput::default()
        };
        let stderr_only = Terminal {
            stderr_tty: true,
            ..piped()
        };
        let look = Policy::for_request(&stderr_only, &asked).timings;
        assert_eq!(
            look,
            Some(timings::Look {
                colors: Colors::On,
                glyphs: timings::Glyphs::Blocks
            })
        );
        let stdout_only = Terminal {
            stderr_tty: false,
            ..tty()
        };
        let look = Policy::for_request(&stdout_only, &asked).timings;
        assert_eq!(
            look,
            Some(timings::Look {
                colors: Colors::Off,
                glyphs: timings::Glyphs::Ascii
            })
        );
        let silent = PolicyInput {
            silent: true,
            ..asked
        };
        assert!(Policy::for_request(&tty(), &silent).timings.is_some());
        assert_eq!(
            Policy::for_request(&tty(), &PolicyInput::default()).timings,
            None
        );
    }

    #[test]
    fn status_warning_follows_silent_show_error_and_fail() {
        let warn = |terminal: &Terminal, silent, show_error, fail| {
            let input = PolicyInput {
                silent,
                show_error,
                fail,
                ..PolicyInput::default()
            };
            Policy::for_request(terminal, &input).warn_status
        };
        assert!(warn(&piped(), false, false, false));
        assert!(!warn(&piped(), true, false, false));
        assert!(warn(&piped(), true, true, false));
        // On a terminal the head names the status, unless -f withholds it.
        assert!(!warn(&tty(), false, false, false));
        assert!(warn(&tty(), false, false, true));
        assert!(!warn(&tty(), true, false, true));
    }

    #[test]
    fn a_head_is_printed_as_received_unless_for_a_terminal_or_in_colour() {
        let input = PolicyInput::default();
        assert!(Policy::for_request(&piped(), &input).raw_head);
        assert!(!Policy::for_request(&tty(), &input).raw_head);
        let colour = PolicyInput {
            color: Some(Choice::Always),
            ..PolicyInput::default()
        };
        assert!(!Policy::for_request(&piped(), &colour).raw_head);
    }

    #[test]
    fn a_pretended_terminal_draws_the_bar_itself() {
        let pretend = Terminal {
            pretend_tty: true,
            ..tty()
        };
        let to_file = PolicyInput {
            to_file: true,
            ..PolicyInput::default()
        };
        let p = Policy::for_request(&pretend, &to_file);
        assert_eq!(p.progress, Bar::PretendTerminal);
        assert_eq!(p.chunk_size, 128 * 1024);
    }
}
