//! Large bodies read past ureq. ureq hands out a body by copying it from
//! its input buffer into the reader's buffer (ureq-proto's
//! `RecvBody::read`); on 1 GiB that copy and its bookkeeping were a fifth
//! of httpc's CPU time. A body with a Content-Length is read through ureq
//! only while ureq's buffer still holds some of it; the rest comes from the
//! connection straight into the reader's buffer.
//!
//! The price: ureq never sees such a body end, so the connection is closed
//! afterwards instead of going back to the pool. Only a body with at least
//! `DIRECT_MIN` left takes this way, where a new connection for a next URL
//! costs far less than the copy it saves.

use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use ureq::unversioned::transport::time::Duration as UreqDuration;
use ureq::unversioned::transport::NextTimeout;
use ureq::Error;

/// The least body left to read for httpc to read it past ureq.
pub const DIRECT_MIN: u64 = 4 << 20;

/// Reading from a connection below ureq: plain TCP (or a Unix socket), or
/// the decrypted bytes of a TLS connection.
pub(in crate::transport) trait Link: Send {
    /// Reads what arrives next into `buf`, waiting no longer than
    /// `timeout` (ureq's timeouts, for a read). 0 is the end of the stream.
    fn read(&mut self, buf: &mut [u8], timeout: NextTimeout) -> Result<usize, Error>;

    /// Whether `splice` can move bytes from this link: a socket whose
    /// bytes are the body (not TLS).
    #[cfg(target_os = "linux")]
    fn can_splice(&self) -> bool {
        false
    }

    /// Moves what arrives next, at most `len` bytes, into `pipe` with
    /// `splice(2)`, waiting no longer than `timeout`. 0 is the end of the
    /// stream.
    #[cfg(target_os = "linux")]
    fn splice(
        &mut self,
        pipe: std::os::fd::BorrowedFd<'_>,
        len: usize,
        timeout: NextTimeout,
    ) -> Result<usize, Error> {
        let _ = (pipe, len, timeout);
        Err(Error::Io(io::Error::from(io::ErrorKind::Unsupported)))
    }
}

/// One connection, as the tap and a body reader share it.
pub(in crate::transport) struct Conn {
    link: Mutex<Box<dyn Link>>,
    /// Bytes of the current response's body that reached ureq's input
    /// buffer (the tap counts them). Once a reader has taken as many
    /// through ureq, ureq holds none of the body.
    buffered: AtomicU64,
}

impl std::fmt::Debug for Conn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Conn")
            .field("buffered", &self.buffered)
            .finish_non_exhaustive()
    }
}

impl Conn {
    pub(in crate::transport) fn new(link: impl Link + 'static) -> Arc<Conn> {
        Arc::new(Conn {
            link: Mutex::new(Box::new(link)),
            buffered: AtomicU64::new(0),
        })
    }

    /// A new response's body starts with `bytes` of it in ureq's buffer.
    pub(in crate::transport) fn body_starts(&self, bytes: usize) {
        self.buffered.store(bytes as u64, Relaxed);
    }

    /// More of the body reached ureq's buffer.
    pub(in crate::transport) fn body_arrived(&self, bytes: usize) {
        self.buffered.fetch_add(bytes as u64, Relaxed);
    }

    fn link(&self) -> MutexGuard<'_, Box<dyn Link>> {
        self.link.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The limits ureq would apply to a body read: silence (`--timeout`) and
/// the whole call (`--max-time`, counted from when the request went out).
#[derive(Debug, Clone, Copy)]
pub(in crate::transport) struct Limits {
    pub idle: Option<Duration>,
    pub deadline: Option<Instant>,
}

impl Limits {
    fn next(&self) -> NextTimeout {
        let after = match self.deadline {
            Some(at) => UreqDuration::Exact(at.saturating_duration_since(Instant::now())),
            None => UreqDuration::NotHappening,
        };
        NextTimeout {
            after,
            reason: ureq::Timeout::Global,
            per_read: self.idle.map(UreqDuration::Exact),
            per_write: None,
        }
    }
}

/// A Content-Length body: through ureq while ureq's buffer holds some of
/// it, then (with `DIRECT_MIN` or more left) from the connection.
pub(in crate::transport) struct Body {
    ureq: Box<dyn Read + Send>,
    conn: Arc<Conn>,
    len: u64,
    /// Bytes handed out so far.
    given: u64,
    /// Reading past ureq: ureq's reader is not used again.
    past: bool,
    limits: Limits,
}

impl Body {
    pub(in crate::transport) fn new(
        ureq: Box<dyn Read + Send>,
        conn: Arc<Conn>,
        len: u64,
        limits: Limits,
    ) -> Body {
        Body {
            ureq,
            conn,
            len,
            given: 0,
            past: false,
            limits,
        }
    }

    /// ureq's buffer holds some of the body yet.
    pub(in crate::transport) fn in_ureq(&self) -> bool {
        !self.past && self.conn.buffered.load(Relaxed) > self.given
    }

    #[cfg(target_os = "linux")]
    pub(in crate::transport) fn can_splice(&self) -> bool {
        self.len - self.given >= DIRECT_MIN && self.conn.link().can_splice()
    }

    /// Moves the rest of the body into `file` through a pipe: from the
    /// socket into the pipe, from the pipe into the file, no byte passing
    /// through httpc's memory. Call once `in_ureq` is false. `each` sees
    /// every count moved into the file. Bytes that came before a read
    /// error are in the file when this returns (`-C` resumes from them).
    ///
    /// One thread does both moves: a second one draining the pipe into
    /// the file while this one fills it cost more CPU time than it saved
    /// (1 GiB over loopback: system time 1.2 s against 2.2 s).
    #[cfg(target_os = "linux")]
    pub(in crate::transport) fn splice_rest(
        &mut self,
        file: std::os::fd::BorrowedFd<'_>,
        each: &mut dyn FnMut(usize),
    ) -> Result<u64, crate::transport::Spliced> {
        use crate::transport::Spliced;
        use rustix::pipe::{splice, PipeFlags, SpliceFlags};
        use std::os::fd::AsFd;
        debug_assert!(!self.in_ureq());
        self.past = true;
        let (from, to) =
            rustix::pipe::pipe_with(PipeFlags::CLOEXEC).map_err(|e| Spliced::Read(e.into()))?;
        // A wider pipe moves more per call; the default (64 KiB) works too.
        let room = rustix::pipe::fcntl_setpipe_size(&to, PIPE).unwrap_or(64 * 1024);
        let mut moved = 0u64;
        let mut link = self.conn.link();
        while self.given < self.len {
            let want = (self.len - self.given).min(room as u64) as usize;
            let n = splice_next(link.as_mut(), to.as_fd(), want, self.limits.next())?;
            self.given += n as u64;
            // The pipe holds n bytes now: all of them go to the file
            // before the next read.
            let mut left = n;
            while left > 0 {
                match splice(&from, None, file, None, left, SpliceFlags::MOVE) {
                    Ok(0) => return Err(Spliced::Write(io::ErrorKind::WriteZero.into())),
                    Ok(m) => {
                        left -= m;
                        moved += m as u64;
                        each(m);
                    }
                    Err(e) if e == rustix::io::Errno::INTR => {}
                    Err(e) => return Err(Spliced::Write(e.into())),
                }
            }
        }
        Ok(moved)
    }

    /// Moves the rest of the body into `pipe` (stdout, say) with
    /// `splice(2)` straight from the socket: no copy at all in httpc. Call
    /// once `in_ureq` is false. A reader that closed its end is a write
    /// failure (EPIPE).
    #[cfg(target_os = "linux")]
    pub(in crate::transport) fn splice_to_pipe(
        &mut self,
        pipe: std::os::fd::BorrowedFd<'_>,
        each: &mut dyn FnMut(usize),
    ) -> Result<u64, crate::transport::Spliced> {
        debug_assert!(!self.in_ureq());
        self.past = true;
        let mut moved = 0u64;
        let mut link = self.conn.link();
        while self.given < self.len {
            let want = (self.len - self.given).min(PIPE as u64) as usize;
            let n = splice_next(link.as_mut(), pipe, want, self.limits.next())?;
            self.given += n as u64;
            moved += n as u64;
            each(n);
        }
        Ok(moved)
    }
}

/// A body that ended before its Content-Length, in ureq's words.
fn cut_short() -> io::Error {
    io::Error::new(io::ErrorKind::UnexpectedEof, "Peer disconnected")
}

/// Moves the next bytes of the body, at most `want`, from `link` into
/// `pipe`; their count. The connection closing first is an early end; a
/// pipe whose reader went away (EPIPE) is a failure to write.
#[cfg(target_os = "linux")]
fn splice_next(
    link: &mut dyn Link,
    pipe: std::os::fd::BorrowedFd<'_>,
    want: usize,
    timeout: NextTimeout,
) -> Result<usize, crate::transport::Spliced> {
    use crate::transport::Spliced;
    match link.splice(pipe, want, timeout) {
        Ok(0) => Err(Spliced::Read(cut_short())),
        Ok(n) => Ok(n),
        Err(Error::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => Err(Spliced::Write(e)),
        Err(e) => Err(Spliced::Read(e.into_io())),
    }
}

/// The pipe a splice goes through: as wide as an unprivileged process may
/// make one by default (`/proc/sys/fs/pipe-max-size`).
#[cfg(target_os = "linux")]
const PIPE: usize = 1 << 20;

impl Read for Body {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.past {
            let left = self.len.saturating_sub(self.given);
            if self.in_ureq() || left < DIRECT_MIN || buf.is_empty() {
                // ureq ends the body itself (and pools the connection).
                let n = self.ureq.read(buf)?;
                self.given += n as u64;
                return Ok(n);
            }
            self.past = true;
        }
        let want = (self.len - self.given).min(buf.len() as u64) as usize;
        if want == 0 {
            return Ok(0);
        }
        let n = self
            .conn
            .link()
            .read(&mut buf[..want], self.limits.next())
            .map_err(Error::into_io)?;
        if n == 0 {
            return Err(cut_short());
        }
        self.given += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A link that gives out `data` in reads of at most `piece` bytes.
    struct Feed {
        data: Vec<u8>,
        at: usize,
        piece: usize,
    }

    impl Link for Feed {
        fn read(&mut self, buf: &mut [u8], _: NextTimeout) -> Result<usize, Error> {
            let n = buf.len().min(self.piece).min(self.data.len() - self.at);
            buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    const NO_LIMITS: Limits = Limits {
        idle: None,
        deadline: None,
    };

    fn body(head: &[u8], rest: Vec<u8>, len: u64) -> Body {
        let conn = Conn::new(Feed {
            data: rest,
            at: 0,
            piece: 100_000,
        });
        conn.body_starts(head.len());
        Body::new(
            Box::new(io::Cursor::new(head.to_vec())),
            conn,
            len,
            NO_LIMITS,
        )
    }

    #[test]
    fn a_large_body_is_read_through_ureq_then_from_the_connection() {
        let len = DIRECT_MIN + 10;
        let start = vec![1u8; 5];
        let rest = vec![2u8; (len - 5) as usize];
        let mut read = Vec::new();
        body(&start, rest, len).read_to_end(&mut read).unwrap();
        assert_eq!(read.len() as u64, len);
        assert_eq!(&read[..6], &[1, 1, 1, 1, 1, 2]);
    }

    #[test]
    fn the_connection_is_not_read_past_the_content_length() {
        let len = DIRECT_MIN;
        let mut rest = vec![2u8; len as usize];
        rest.extend_from_slice(b"HTTP/1.1 200 OK\r\n");
        let mut read = Vec::new();
        body(b"", rest, len).read_to_end(&mut read).unwrap();
        assert_eq!(read.len() as u64, len);
        assert!(read.iter().all(|&b| b == 2));
    }

    #[test]
    fn a_body_cut_short_is_an_early_end() {
        let len = DIRECT_MIN + 10;
        let rest = vec![2u8; DIRECT_MIN as usize];
        let mut read = Vec::new();
        let err = body(b"", rest, len).read_to_end(&mut read).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
        assert_eq!(read.len() as u64, DIRECT_MIN);
    }

    #[test]
    fn a_small_body_stays_with_ureq() {
        // The connection has bytes, but they are not this body's to take.
        let mut read = Vec::new();
        body(b"abc", b"xyz".to_vec(), 3)
            .read_to_end(&mut read)
            .unwrap();
        assert_eq!(read, b"abc");
    }
}
