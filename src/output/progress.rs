//! The progress bar on stderr (indicatif). It appears only once a transfer
//! has run for 200 ms, so quick responses never flash a bar, and it is
//! cleared when the transfer ends, so nothing is left in a log. Whether
//! and where it is drawn is the output policy's [`Bar`].

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use std::io::{self, Write};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle, TermLike};

use super::paint::{self, Direction};

const DELAY: Duration = Duration::from_millis(200);

/// A bar is on stderr now (for the signal handler, which cannot reach it).
static DRAWN: AtomicBool = AtomicBool::new(false);

/// Clears the line of a bar a signal interrupted; nothing when none is
/// drawn. A failed write is ignored: the program is ending.
pub fn clear_after_signal() {
    if DRAWN.load(Ordering::SeqCst) {
        let _ = write!(io::stderr(), "\r\x1b[2K");
    }
}

/// Whether a progress bar is drawn, and on what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bar {
    Off,
    /// On stderr, through indicatif (which draws only on a real terminal).
    Stderr,
    /// `HTTPC_TEST_PRETEND_TTY`: the same bar as plain escape sequences on
    /// stderr, for a test to read from a pipe.
    PretendTerminal,
}

pub struct Progress {
    kind: Bar,
    total: Option<u64>,
    started: Instant,
    bar: Option<ProgressBar>,
    done: u64,
}

impl Progress {
    /// `total` is the body length when the server announced it.
    pub fn new(kind: Bar, total: Option<u64>) -> Progress {
        Progress {
            kind,
            total,
            started: Instant::now(),
            bar: None,
            done: 0,
        }
    }

    pub fn advance(&mut self, bytes: u64) {
        self.done += bytes;
        if self.kind == Bar::Off {
            return;
        }
        if self.bar.is_none() && self.started.elapsed() >= DELAY {
            self.bar = Some(self.draw());
            DRAWN.store(true, Ordering::SeqCst);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(self.done);
        }
    }

    fn draw(&self) -> ProgressBar {
        let target = match self.kind {
            Bar::PretendTerminal => {
                ProgressDrawTarget::term_like_with_hz(Box::new(PretendTerm), 10)
            }
            Bar::Off | Bar::Stderr => ProgressDrawTarget::stderr_with_hz(10),
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
            DRAWN.store(false, Ordering::SeqCst);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// The bar of a request body going out (`-T`): fed from the transport's
/// sending, which may happen on another thread, hence the lock.
pub struct UploadBar {
    kind: Bar,
    current: std::sync::Mutex<Option<Progress>>,
}

impl UploadBar {
    pub fn new(kind: Bar) -> UploadBar {
        UploadBar {
            kind,
            current: std::sync::Mutex::new(None),
        }
    }

    /// A body of `total` bytes (when known) starts going out: a new bar.
    pub fn start(&self, total: Option<u64>) {
        *self.lock() = Some(Progress::new(self.kind, total));
    }

    pub fn advance(&self, bytes: u64) {
        if let Some(progress) = self.lock().as_mut() {
            progress.advance(bytes);
        }
    }

    /// The body is done with: the bar is cleared.
    pub fn end(&self) {
        if let Some(mut progress) = self.lock().take() {
            progress.finish();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Progress>> {
        // A bar is never worth a panic: a poisoned one is used as it is.
        self.current.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// stderr as an 80-column terminal, for `HTTPC_TEST_PRETEND_TTY` only.
#[derive(Debug)]
struct PretendTerm;

impl PretendTerm {
    fn put(&self, s: &str) -> io::Result<()> {
        io::stderr().lock().write_all(s.as_bytes())
    }

    fn cursor(&self, n: usize, direction: Direction) -> io::Result<()> {
        self.put(&paint::cursor(n, direction))
    }
}

impl TermLike for PretendTerm {
    fn width(&self) -> u16 {
        80
    }

    fn move_cursor_up(&self, n: usize) -> io::Result<()> {
        self.cursor(n, Direction::Up)
    }

    fn move_cursor_down(&self, n: usize) -> io::Result<()> {
        self.cursor(n, Direction::Down)
    }

    fn move_cursor_right(&self, n: usize) -> io::Result<()> {
        self.cursor(n, Direction::Right)
    }

    fn move_cursor_left(&self, n: usize) -> io::Result<()> {
        self.cursor(n, Direction::Left)
    }

    fn write_line(&self, s: &str) -> io::Result<()> {
        self.put(&format!("{s}\n"))
    }

    fn write_str(&self, s: &str) -> io::Result<()> {
        self.put(s)
    }

    fn clear_line(&self) -> io::Result<()> {
        self.put(paint::CLEAR_LINE)
    }

    fn flush(&self) -> io::Result<()> {
        io::stderr().flush()
    }
}
