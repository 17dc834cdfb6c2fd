//! HTTP/2 through an https:// proxy: the TLS to the origin runs inside
//! the CONNECT tunnel, itself inside the TLS to the proxy. Both were
//! handshaken in httpc's connection layer; here both rustls connections
//! are driven over one adopted socket without ever blocking. Reading, the
//! socket's bytes are the proxy's TLS records, whose plaintext is the
//! origin's TLS records, whose plaintext is HTTP/2; writing goes the other
//! way. A step that lacks bytes returns `Pending`, and the socket wakes it.

use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use rustls::ClientConnection;
use tokio::io::AsyncWrite;

use super::io::{invalid, Records, Socketed, TlsStream};

/// The TLS to the origin inside the TLS to an https:// proxy.
pub struct Nested {
    /// The TLS to the proxy, over the socket: its plaintext is the tunnel.
    /// It reads the socket as a direct connection's does, turns included.
    outer: TlsStream,
    /// The TLS to the origin, inside the tunnel.
    inner: ClientConnection,
    /// `close_notify` was queued for the origin's TLS, the proxy's.
    inner_closed: bool,
    outer_closed: bool,
}

impl Nested {
    /// The origin's TLS `inner` inside `outer`, the TLS to the proxy.
    pub fn new(outer: TlsStream, inner: ClientConnection) -> Nested {
        Nested {
            outer,
            inner,
            inner_closed: false,
            outer_closed: false,
        }
    }

    /// Sends the proxy's TLS records, then moves the origin's into the
    /// proxy's TLS and sends those. The origin's records move only once
    /// the proxy's TLS has sent all it had, so neither buffer grows past
    /// rustls' limit while the socket is full (the origin's then refuses
    /// more plaintext: `poll_write` is `Pending`). Bounded: every round
    /// moves the origin's records or returns.
    fn poll_send_tls(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        loop {
            ready!(self.outer.poll_send_tls(cx))?;
            if !self.inner.wants_write() {
                return Poll::Ready(Ok(()));
            }
            while self.inner.wants_write() {
                if self.inner.write_tls(&mut self.outer.conn.writer())? == 0 {
                    break;
                }
            }
        }
    }

    /// Gives the origin's TLS the tunnel bytes the proxy's TLS decrypted,
    /// reading the socket when there are none; `Ok(false)`: the tunnel
    /// ended. Bounded as `poll_read` is.
    fn poll_receive_inner(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<bool>> {
        loop {
            match self.inner.read_tls(&mut self.outer.conn.reader()) {
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
            if !ready!(self.outer.poll_receive(cx))? {
                return Poll::Ready(Ok(false));
            }
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
            self.outer.conn.send_close_notify();
        }
        ready!(self.poll_send_tls(cx))?;
        Pin::new(&mut self.outer.socket).poll_shutdown(cx)
    }
}

impl Records for Nested {
    fn plain(&mut self) -> &mut ClientConnection {
        &mut self.inner
    }

    fn poll_send(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.poll_send_tls(cx)
    }

    fn poll_receive(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<bool>> {
        self.poll_receive_inner(cx)
    }

    fn socket(&mut self) -> &mut Socketed {
        self.outer.socket()
    }
}
