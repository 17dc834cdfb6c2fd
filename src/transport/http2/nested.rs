//! HTTP/2 through an https:// proxy: the TLS to the origin runs inside
//! the CONNECT tunnel, itself inside the TLS to the proxy. Both were
//! handshaken in httpc's connection layer; here both rustls connections
//! are driven over one adopted socket without ever blocking. Reading, the
//! socket's bytes are the proxy's TLS records, whose plaintext is the
//! origin's TLS records, whose plaintext is HTTP/2; writing goes the other
//! way. A step that lacks bytes returns `Pending`, and the socket wakes it.

use std::io::{self, Read, Write};
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use rustls::ClientConnection;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use super::io::{Socketed, Stream};
use crate::transport::connect::socket::Socket;

/// Adopts a parked connection: with `outer` (the TLS to an https://
/// proxy), the origin's TLS `tls` runs inside it; else as `io.rs` does.
pub fn adopt(
    socket: Socket,
    tls: Option<ClientConnection>,
    outer: Option<ClientConnection>,
) -> io::Result<Stream> {
    let Some(outer) = outer else {
        return Stream::adopt(socket, tls);
    };
    let Some(inner) = tls else {
        // h2c is never spoken through a tunnel (`http1/chain.rs`, `TcpConnect`).
        return Err(io::Error::other("no TLS to the origin inside the proxy's"));
    };
    Ok(Stream::Nested(Box::new(Nested {
        outer,
        inner,
        socket: Socketed::adopt(socket)?,
        incoming: vec![0; INCOMING],
        start: 0,
        end: 0,
        inner_closed: false,
        outer_closed: false,
    })))
}

/// Bytes read from the socket at a time, as `io.rs` does.
const INCOMING: usize = 64 * 1024;

pub struct Nested {
    /// The TLS to the proxy: its plaintext is the tunnel.
    outer: ClientConnection,
    /// The TLS to the origin, inside the tunnel.
    inner: ClientConnection,
    socket: Socketed,
    /// The proxy's TLS records read from the socket, `start..end` not yet
    /// given to rustls.
    incoming: Vec<u8>,
    start: usize,
    end: usize,
    /// `close_notify` was queued for the origin's TLS, the proxy's.
    inner_closed: bool,
    outer_closed: bool,
}

/// `WouldBlock` as `Pending`; anything else is ready.
fn pending_on_block<T>(result: io::Result<T>) -> Poll<io::Result<T>> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::WouldBlock => Poll::Pending,
        other => Poll::Ready(other),
    }
}

/// A TLS error as an I/O one.
fn invalid(e: rustls::Error) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e)
}

impl Nested {
    /// Sends the proxy's TLS records, then moves the origin's into the
    /// proxy's TLS and sends those. The origin's records move only once
    /// the proxy's TLS has sent all it had, so neither buffer grows past
    /// rustls' limit while the socket is full (the origin's then refuses
    /// more plaintext: `poll_write` is `Pending`). Bounded: every round
    /// moves the origin's records or returns.
    fn poll_send_tls(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        loop {
            ready!(self.poll_send_outer(cx))?;
            if !self.inner.wants_write() {
                return Poll::Ready(Ok(()));
            }
            while self.inner.wants_write() {
                if self.inner.write_tls(&mut self.outer.writer())? == 0 {
                    break;
                }
            }
        }
    }

    /// Sends the proxy's TLS records the socket takes.
    fn poll_send_outer(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while self.outer.wants_write() {
            let mut socket = Polled {
                socket: &mut self.socket,
                cx,
            };
            match pending_on_block(self.outer.write_tls(&mut socket)) {
                Poll::Ready(Ok(0)) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Poll::Ready(Ok(_)) => {}
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        }
        Poll::Ready(Ok(()))
    }

    /// Reads the proxy's TLS records from the socket into rustls; `Ok(0)`:
    /// the socket reached its end.
    fn poll_receive_outer(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        if self.start == self.end {
            let mut buf = ReadBuf::new(&mut self.incoming);
            match Pin::new(&mut self.socket).poll_read(cx, &mut buf) {
                Poll::Ready(Ok(())) => {}
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
            (self.start, self.end) = (0, buf.filled().len());
            if self.end == 0 {
                return Poll::Ready(Ok(0));
            }
        }
        let n = self
            .outer
            .read_tls(&mut &self.incoming[self.start..self.end])?;
        self.start += n;
        if let Err(e) = self.outer.process_new_packets() {
            let _ = self.poll_send_tls(cx);
            return Poll::Ready(Err(invalid(e)));
        }
        Poll::Ready(Ok(n))
    }

    /// Gives the origin's TLS the tunnel bytes the proxy's TLS decrypted,
    /// reading the socket when there are none; `Ok(false)`: the tunnel
    /// ended. Bounded as `poll_read` is.
    fn poll_receive_inner(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<bool>> {
        loop {
            match self.inner.read_tls(&mut self.outer.reader()) {
                // The proxy's TLS was closed (close_notify).
                Ok(0) => return Poll::Ready(Ok(false)),
                Ok(_) => {
                    if let Err(e) = self.inner.process_new_packets() {
                        let _ = self.poll_send_tls(cx);
                        return Poll::Ready(Err(invalid(e)));
                    }
                    return Poll::Ready(Ok(true));
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                Err(e) => return Poll::Ready(Err(e)),
            }
            match self.poll_receive_outer(cx) {
                Poll::Ready(Ok(0)) => return Poll::Ready(Ok(false)),
                Poll::Ready(Ok(_)) => {}
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        }
    }

    /// Plaintext the origin's TLS holds first; else more records. Every
    /// round either returns or consumed socket bytes, and the socket
    /// returns `Pending` when it has none.
    pub fn poll_read(
        &mut self,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        loop {
            match self.inner.reader().read(buf.initialize_unfilled()) {
                Ok(n) => {
                    buf.advance(n);
                    return Poll::Ready(Ok(()));
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                Err(e) => return Poll::Ready(Err(e)),
            }
            match self.poll_receive_inner(cx) {
                Poll::Ready(Ok(true)) => {}
                Poll::Ready(Ok(false)) => {
                    return Poll::Ready(Err(io::ErrorKind::UnexpectedEof.into()))
                }
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
            // Records either TLS answers at once (key updates) go out now.
            if let Poll::Ready(Err(e)) = self.poll_send_tls(cx) {
                return Poll::Ready(Err(e));
            }
        }
    }

    pub fn poll_write(&mut self, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let mut n = self.inner.writer().write(buf)?;
        if n == 0 && !buf.is_empty() {
            // The origin's TLS buffer is full: send some of it first.
            if let Poll::Ready(Err(e)) = self.poll_send_tls(cx) {
                return Poll::Ready(Err(e));
            }
            n = self.inner.writer().write(buf)?;
            if n == 0 {
                return Poll::Pending;
            }
        }
        match self.poll_send_tls(cx) {
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            _ => Poll::Ready(Ok(n)),
        }
    }

    pub fn poll_flush(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.inner.writer().flush()?;
        match self.poll_send_tls(cx) {
            Poll::Ready(Ok(())) => Pin::new(&mut self.socket).poll_flush(cx),
            other => other,
        }
    }

    /// Closes the origin's TLS, then the proxy's, then the socket.
    pub fn poll_shutdown(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if !self.inner_closed {
            self.inner_closed = true;
            self.inner.send_close_notify();
        }
        ready!(self.poll_send_tls(cx))?;
        if !self.outer_closed {
            self.outer_closed = true;
            self.outer.send_close_notify();
        }
        ready!(self.poll_send_tls(cx))?;
        Pin::new(&mut self.socket).poll_shutdown(cx)
    }
}

/// The socket as std's `Write` for rustls: `WouldBlock` where tokio says
/// `Pending` (the waker is then registered).
struct Polled<'a, 'b> {
    socket: &'a mut Socketed,
    cx: &'a mut Context<'b>,
}

impl Write for Polled<'_, '_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match Pin::new(&mut *self.socket).poll_write(self.cx, buf) {
            Poll::Ready(result) => result,
            Poll::Pending => Err(io::ErrorKind::WouldBlock.into()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match Pin::new(&mut *self.socket).poll_flush(self.cx) {
            Poll::Ready(result) => result,
            Poll::Pending => Err(io::ErrorKind::WouldBlock.into()),
        }
    }
}
