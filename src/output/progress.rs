//! The progress bar on stderr (indicatif). It appears only once a transfer
//! has run for 200 ms, so quick responses never flash a bar, and it is
//! cleared when the transfer ends, so nothing is left in a log.

use std::time::{Duration, Instant};

use std::io::{self, Write};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle, TermLike};

const DELAY: Duration = Duration::from_millis(200);

pub struct Progress {
    enabled: bool,
    total: Option<u64>,
    started: Instant,
    bar: Option<ProgressBar>,
    done: u64,
}

impl Progress {
    /// `total` is the body length when the server announced it.
    pub fn new(enabled: bool, total: Option<u64>) -> Progress {
        Progress {
            enabled,
            total,
            started: Instant::now(),
            bar: None,
            done: 0,
        }
    }

    pub fn advance(&mut self, bytes: u64) {
        self.done += bytes;
        if !self.enabled {
            return;
        }
        if self.bar.is_none() && self.started.elapsed() >= DELAY {
            self.bar = Some(self.draw());
        }
        if let Some(bar) = &self.bar {
            bar.set_position(self.done);
        }
    }

    fn draw(&self) -> ProgressBar {
        // indicatif draws only on a real terminal; a test that pretends
        // stderr is one gets the same bar as plain escape sequences.
        let target = if super::pretend_tty() {
            ProgressDrawTarget::term_like_with_hz(Box::new(PretendTerm), 10)
        } else {
            ProgressDrawTarget::stderr_with_hz(10)
        };
        let bar = match self.total {
            Some(total) => ProgressBar::with_draw_target(Some(total), target).with_style(
                ProgressStyle::with_template(
                    "{bytes:>10} / {total_bytes:<10} {percent:>3}% [{wide_bar}] {bytes_per_sec:>12}  ETA {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            ),
            None => ProgressBar::with_draw_target(None, target).with_style(
                ProgressStyle::with_template("{spinner} {bytes:>10} {bytes_per_sec:>12}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
        bar.set_elapsed(self.started.elapsed());
        bar
    }

    /// Clears the bar: the terminal keeps no trace of it.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// stderr as an 80-column terminal, for `HTTPC_TEST_PRETEND_TTY` only.
#[derive(Debug)]
struct PretendTerm;

impl PretendTerm {
    fn put(&self, s: &str) -> io::Result<()> {
        io::stderr().lock().write_all(s.as_bytes())
    }

    /// A cursor move of 0 is no move (a terminal would read `ESC[0A` as 1).
    fn cursor(&self, n: usize, direction: char) -> io::Result<()> {
        match n {
            0 => Ok(()),
            n => self.put(&format!("\x1b[{n}{direction}")),
        }
    }
}

impl TermLike for PretendTerm {
    fn width(&self) -> u16 {
        80
    }

    fn move_cursor_up(&self, n: usize) -> io::Result<()> {
        self.cursor(n, 'A')
    }

    fn move_cursor_down(&self, n: usize) -> io::Result<()> {
        self.cursor(n, 'B')
    }

    fn move_cursor_right(&self, n: usize) -> io::Result<()> {
        self.cursor(n, 'C')
    }

    fn move_cursor_left(&self, n: usize) -> io::Result<()> {
        self.cursor(n, 'D')
    }

    fn write_line(&self, s: &str) -> io::Result<()> {
        self.put(&format!("{s}\n"))
    }

    fn write_str(&self, s: &str) -> io::Result<()> {
        self.put(s)
    }

    fn clear_line(&self) -> io::Result<()> {
        self.put("\r\x1b[2K")
    }

    fn flush(&self) -> io::Result<()> {
        io::stderr().flush()
    }
}
