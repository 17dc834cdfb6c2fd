//! The HTTP/1.1 engine's plain link: a TCP or Unix socket as a ureq
//! transport, with read and write timeouts set only when they change,
//! response heads unfolded on plain http, and the socket shared with a
//! body reader that reads past ureq (`direct.rs`, `splice(2)` included).

use std::io;
use std::sync::Arc;
use std::time::Duration;

use ureq::unversioned::transport::{Buffers, ConnectionDetails, NextTimeout, Transport};
use ureq::Error;

use super::buffers::LinkBuffers;
use super::direct::{self, Conn};
use super::framing::{Malformed, Unfolding};
use crate::transport::connect::socket::Socket;
use crate::transport::probe::Probe;

/// A plain TCP connection as a ureq transport. (ureq's own is not public,
/// and httpc's connector needs to know which address answered.)
#[derive(Debug)]
pub struct TcpLink {
    /// Shared with the body reader that may read past ureq (`direct.rs`).
    stream: Arc<Socket>,
    /// This connection as that reader takes it: it lives as long as the
    /// link (the probe only points at it).
    _direct: Arc<Conn>,
    buffers: LinkBuffers,
    probe: Probe,
    /// Plain http: response heads are unfolded here (`None` under TLS,
    /// where these bytes are ciphertext: the TLS link unfolds them).
    unfold: Option<Unfolding>,
    read_timeout: Option<Duration>,
    write_timeout: Option<Duration>,
}

impl TcpLink {
    pub fn new(stream: Socket, details: &ConnectionDetails, probe: Probe) -> TcpLink {
        let plain = details.uri.scheme_str() == Some("http");
        let stream = Arc::new(stream);
        let direct = Conn::new(TcpDirect {
            stream: stream.clone(),
            probe: probe.clone(),
            read_timeout: None,
        });
        probe.fresh_conn(&direct);
        TcpLink {
            stream,
            _direct: direct,
            buffers: LinkBuffers::new(
                details.config.input_buffer_size(),
                details.config.output_buffer_size(),
            ),
            probe,
            unfold: plain.then(Unfolding::default),
            read_timeout: None,
            write_timeout: None,
        }
    }
}

/// ureq reads a head whole into its input buffer: a head that fills it can
/// never be parsed, and reading nothing into it would look like the server
/// closing.
pub(in crate::transport) fn head_overflow(buffer: usize) -> Error {
    Error::Io(Malformed::io(format!(
        "the response head is larger than {} KiB, ureq's input buffer",
        buffer / 1024
    )))
}

/// Sets a socket timeout only when it changes (one syscall saved a call).
fn update(
    current: &mut Option<Duration>,
    wanted: Option<Duration>,
    set: impl FnOnce(Option<Duration>) -> io::Result<()>,
) -> Result<(), Error> {
    if *current != wanted {
        set(wanted)?;
        *current = wanted;
    }
    Ok(())
}

/// The socket read timeout for ureq's next read, and the reason a timeout
/// then has; an expired budget is a timeout at once.
fn read_limit(timeout: NextTimeout) -> Result<(Option<Duration>, ureq::Timeout), Error> {
    let timeout = timeout.for_read();
    if timeout.after.is_zero() {
        return Err(Error::Timeout(timeout.reason));
    }
    Ok((timeout.not_zero().map(|d| *d), timeout.reason))
}

/// Runs a socket call again while a signal interrupts it.
fn uninterrupted(mut op: impl FnMut() -> io::Result<usize>) -> io::Result<usize> {
    loop {
        match op() {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

/// A failed read as ureq's error; a reset is noted for the body's error
/// words (ureq reports a reset inside a body as an early end).
fn read_failure(probe: &Probe, e: io::Error, reason: ureq::Timeout) -> Error {
    if e.kind() == io::ErrorKind::ConnectionReset {
        probe.lock().reset = true;
    }
    io_error(e, reason)
}

fn io_error(e: io::Error, reason: ureq::Timeout) -> Error {
    match e.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => Error::Timeout(reason),
        _ => Error::Io(e),
    }
}

impl Transport for TcpLink {
    fn buffers(&mut self) -> &mut dyn Buffers {
        &mut self.buffers
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), Error> {
        let timeout = timeout.for_write();
        if timeout.after.is_zero() {
            return Err(Error::Timeout(timeout.reason));
        }
        let stream = &self.stream;
        update(
            &mut self.write_timeout,
            timeout.not_zero().map(|d| *d),
            |d| stream.set_write_timeout(d),
        )?;
        let output = &self.buffers.output()[..amount];
        self.stream
            .write_all(output)
            .map_err(|e| io_error(e, timeout.reason))?;
        if let Some(unfold) = &mut self.unfold {
            unfold.sent(output);
        }
        Ok(())
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, Error> {
        let (wanted, reason) = read_limit(timeout)?;
        let stream = &self.stream;
        update(&mut self.read_timeout, wanted, |d| {
            stream.set_read_timeout(d)
        })?;
        if self.buffers.input_append_buf().is_empty() {
            return Err(head_overflow(self.buffers.input().len()));
        }
        let read = |buf: &mut [u8]| uninterrupted(|| stream.read(buf));
        let buf = self.buffers.input_append_buf();
        let result = match &mut self.unfold {
            Some(unfold) => unfold.read(buf, read),
            None => read(buf).map(|n| (n, n > 0)),
        };
        match result {
            Ok((ready, progress)) => {
                self.buffers.input_appended(ready);
                Ok(progress)
            }
            Err(e) => Err(read_failure(&self.probe, e, reason)),
        }
    }

    /// Open means: nothing is waiting to be read and the peer has not
    /// closed. Bytes nobody asked for make the connection unfit for reuse.
    fn is_open(&mut self) -> bool {
        self.stream.is_open()
    }
}

/// A TCP (or Unix socket) connection read below ureq, for a body read
/// past ureq's buffer. ureq reads this connection no more once that
/// starts (its reader is not called again, and the connection is closed,
/// not pooled), so its cached read timeout going stale does not matter.
struct TcpDirect {
    stream: Arc<Socket>,
    probe: Probe,
    /// The read timeout set on the socket; `None` until this sets one.
    read_timeout: Option<Option<Duration>>,
}

impl TcpDirect {
    /// Sets the socket's read timeout for the next read; the reason a
    /// timeout then has.
    fn arm(&mut self, timeout: NextTimeout) -> Result<ureq::Timeout, Error> {
        let (wanted, reason) = read_limit(timeout)?;
        if self.read_timeout != Some(wanted) {
            self.stream.set_read_timeout(wanted)?;
            self.read_timeout = Some(wanted);
        }
        Ok(reason)
    }

    /// Runs `op` on the socket until it is not interrupted.
    fn retrying(
        &self,
        reason: ureq::Timeout,
        mut op: impl FnMut(&Socket) -> io::Result<usize>,
    ) -> Result<usize, Error> {
        uninterrupted(|| op(&self.stream)).map_err(|e| read_failure(&self.probe, e, reason))
    }
}

impl direct::Link for TcpDirect {
    fn read(&mut self, buf: &mut [u8], timeout: NextTimeout) -> Result<usize, Error> {
        let reason = self.arm(timeout)?;
        self.retrying(reason, |s| s.read(buf))
    }

    #[cfg(target_os = "linux")]
    fn can_splice(&self) -> bool {
        true
    }

    /// The socket's read timeout holds for `splice(2)` as for `read(2)`.
    #[cfg(target_os = "linux")]
    fn splice(
        &mut self,
        pipe: std::os::fd::BorrowedFd<'_>,
        len: usize,
        timeout: NextTimeout,
    ) -> Result<usize, Error> {
        use rustix::pipe::SpliceFlags;
        let reason = self.arm(timeout)?;
        self.retrying(reason, |s| {
            rustix::pipe::splice(s, None, pipe, None, len, SpliceFlags::MOVE).map_err(Into::into)
        })
    }
}
