//! The one stdout sink every command writes through: a 64 KiB `BufWriter`
//! over a duplicate of fd 1. Rust's `Stdout` is line-buffered, so every
//! body chunk through it would be scanned for newlines (a fifth of httpc's
//! CPU on a 1 GiB pipe). Where fds cannot be duplicated (not Unix) the sink
//! falls back to `Stdout`.

use std::io::{self, BufWriter, Write};

/// Bytes gathered before a write to fd 1.
const CAPACITY: usize = 64 * 1024;

/// What `stdout()` returns.
pub type Stdout = BufWriter<Box<dyn Write>>;

/// The buffered stdout sink; flush it before anything else writes to fd 1.
pub fn stdout() -> Stdout {
    BufWriter::with_capacity(CAPACITY, raw_stdout())
}

/// stdout without Rust's line buffering: a duplicate of fd 1 written to
/// directly, or `Stdout` when fd 1 cannot be duplicated.
#[cfg(unix)]
fn raw_stdout() -> Box<dyn Write> {
    use std::os::fd::AsFd;
    match io::stdout().as_fd().try_clone_to_owned() {
        Ok(fd) => Box::new(std::fs::File::from(fd)),
        Err(_) => Box::new(io::stdout()),
    }
}

#[cfg(not(unix))]
fn raw_stdout() -> Box<dyn Write> {
    Box::new(io::stdout())
}

/// Whether stdout is a pipe (or a socket), where smaller writes keep the
/// reader busy instead of waiting on a full pipe buffer. Asked once, by
/// `Terminal::detect`.
#[cfg(unix)]
pub(super) fn stdout_is_pipe() -> bool {
    use std::os::unix::fs::FileTypeExt;
    stdout_type().is_some_and(|t| t.is_fifo() || t.is_socket())
}

/// What kind of file fd 1 is, if it can be asked.
#[cfg(unix)]
fn stdout_type() -> Option<std::fs::FileType> {
    use std::os::fd::AsFd;
    io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .and_then(|fd| std::fs::File::from(fd).metadata())
        .ok()
        .map(|m| m.file_type())
}

#[cfg(not(unix))]
pub(super) fn stdout_is_pipe() -> bool {
    false
}

/// Whether stdout is a pipe (a FIFO), which `splice(2)` can move a body
/// into; a socket is not.
#[cfg(target_os = "linux")]
pub fn stdout_is_fifo() -> bool {
    use std::os::unix::fs::FileTypeExt;
    stdout_type().is_some_and(|t| t.is_fifo())
}

/// The pipe size a large body asks for: the most an unprivileged process
/// may set by default (`/proc/sys/fs/pipe-max-size`).
#[cfg(target_os = "linux")]
const WIDE_PIPE: usize = 1 << 20;

/// Widens the pipe on stdout to 1 MiB, once per run; whether it holds that
/// much now. Not a pipe (a socket), or a user over the kernel's budget of
/// large pipes: false, and the pipe stays as it was.
#[cfg(target_os = "linux")]
pub fn widen_pipe() -> bool {
    static WIDE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *WIDE.get_or_init(|| {
        rustix::pipe::fcntl_setpipe_size(io::stdout(), WIDE_PIPE).is_ok_and(|n| n >= WIDE_PIPE)
    })
}

#[cfg(not(target_os = "linux"))]
pub fn widen_pipe() -> bool {
    false
}
