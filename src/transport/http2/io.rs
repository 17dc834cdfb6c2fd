//! The bytes under the HTTP/2 engine: a socket already connected (and
//! handshaken, for https) in httpc's connection layer, adopted by the
//! runtime. tokio-rustls cannot adopt a handshaken rustls connection, so
//! TLS is driven here: reads and writes never block, they return
//! `Pending` and wake when the socket is ready.

use std::io::{self, BufRead, Write};
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use rustls::ClientConnection;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use crate::transport::connect::socket::Socket;

/// A socket the runtime adopted, read in turns (`TURN`) whatever runs
/// over it: h2c, TLS, or TLS inside the TLS to a proxy.
pub struct Socketed {
    kind: Kind,
    /// Bytes read since the task's turn began.
    turn: usize,
}

/// TCP or a Unix domain socket.
enum Kind {
    Tcp(tokio::net::TcpStream),
    #[cfg(unix)]
    Unix(tokio::net::UnixStream),
}

impl Socketed {
    pub(super) fn adopt(socket: Socket) -> io::Result<Socketed> {
        let kind = match socket {
            Socket::Tcp(s) => {
                s.set_nonblocking(true)?;
                Kind::Tcp(tokio::net::TcpStream::from_std(s)?)
            }
            #[cfg(unix)]
            Socket::Unix(s) => {
                s.set_nonblocking(true)?;
                Kind::Unix(tokio::net::UnixStream::from_std(s)?)
            }
        };
        Ok(Socketed { kind, turn: 0 })
    }
}

/// Bytes the connection's task reads from the socket before it gives the
/// body's reader a turn. Without it, on a fast link the task read until
/// the socket ran dry or the stream window (10 MiB) was full: megabytes of
/// frames held at once, in memory the reader then found cold. 1 GiB over
/// loopback took 0.55 s of user time and 28 MiB resident that way, 0.31 s
/// and 11 MiB with this (64 KiB to 1 MiB all did as well). h2c needs it
/// less (nginx is the slower end there), yet peaked 1 to 2 MiB lower with
/// it when the body's reader was slow.
const TURN: usize = 256 * 1024;

/// Ends the task's turn: it runs again after the runtime's other work
/// (the reader of the body, the socket's readiness).
fn give_turn<T>(cx: &mut Context<'_>) -> Poll<T> {
    let yielded = std::pin::pin!(tokio::task::yield_now());
    let _ = std::future::Future::poll(yielded, cx);
    Poll::Pending
}

impl AsyncRead for Socketed {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if this.turn >= TURN {
            this.turn = 0;
            return give_turn(cx);
        }
        let before = buf.filled().len();
        let read = match &mut this.kind {
            Kind::Tcp(s) => Pin::new(s).poll_read(cx, buf),
            #[cfg(unix)]
            Kind::Unix(s) => Pin::new(s).poll_read(cx, buf),
        };
        match read {
            // The task waits for the socket: a new turn then.
            Poll::Pending => this.turn = 0,
            Poll::Ready(Ok(())) => this.turn += buf.filled().len() - before,
            Poll::Ready(Err(_)) => {}
        }
        read
    }
}

impl AsyncWrite for Socketed {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match &mut self.get_mut().kind {
            Kind::Tcp(s) => Pin::new(s).poll_write(cx, buf),
            #[cfg(unix)]
            Kind::Unix(s) => Pin::new(s).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().kind {
            Kind::Tcp(s) => Pin::new(s).poll_flush(cx),
            #[cfg(unix)]
            Kind::Unix(s) => Pin::new(s).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().kind {
            Kind::Tcp(s) => Pin::new(s).poll_shutdown(cx),
            #[cfg(unix)]
            Kind::Unix(s) => Pin::new(s).poll_shutdown(cx),
        }
    }
}

/// An adopted connection: plain (h2c) or TLS, or TLS inside the TLS to
/// an https:// proxy (`nested.rs`).
pub enum Stream {
    Plain(Socketed),
    Tls(Box<TlsStream>),
    Nested(Box<super::nested::Nested>),
}

impl Stream {
    /// Adopts `socket` and the TLS state over it: the origin's (`tls`),
    /// inside the TLS to an https:// proxy when there is one (`outer`).
    /// Needs the runtime.
    pub fn adopt(
        socket: Socket,
        tls: Option<ClientConnection>,
        outer: Option<ClientConnection>,
    ) -> io::Result<Stream> {
        let socket = Socketed::adopt(socket)?;
        Ok(match (tls, outer) {
            (None, None) => Stream::Plain(socket),
            (Some(conn), None) => Stream::Tls(Box::new(TlsStream::new(conn, socket))),
            (Some(inner), Some(outer)) => {
                let outer = TlsStream::new(outer, socket);
                Stream::Nested(Box::new(super::nested::Nested::new(outer, inner)))
            }
            // h2c is never spoken through a tunnel (`http1/chain.rs`).
            (None, Some(_)) => {
                return Err(io::Error::other("no TLS to the origin inside the proxy's"))
            }
        })
    }
}

/// A TLS error as an I/O one.
pub(super) fn invalid(e: rustls::Error) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e)
}

/// Bytes read from the socket at a time: rustls takes 4 KiB per read, a
/// system call each, when given the socket itself. As many as a turn
/// (`TURN`): 1 GiB over loopback took 4,200 reads instead of 16,400 with
/// 64 KiB, and 1.12 s instead of 1.17 s (medians of 9 alternating runs).
const INCOMING: usize = TURN;

/// rustls over an adopted socket, with the records read ahead. The TLS
/// to an https:// proxy is one too, under the origin's (`nested.rs`).
pub struct TlsStream {
    pub(super) conn: ClientConnection,
    pub(super) socket: Socketed,
    /// TLS records read from the socket, `start..end` not yet given to
    /// rustls.
    incoming: Vec<u8>,
    start: usize,
    end: usize,
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

/// `WouldBlock` as `Pending`; anything else is ready.
fn pending_on_block<T>(result: io::Result<T>) -> Poll<io::Result<T>> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::WouldBlock => Poll::Pending,
        other => Poll::Ready(other),
    }
}

impl TlsStream {
    pub(super) fn new(conn: ClientConnection, socket: Socketed) -> TlsStream {
        TlsStream {
            conn,
            socket,
            incoming: vec![0; INCOMING],
            start: 0,
            end: 0,
        }
    }

    /// Sends the TLS records rustls has ready.
    pub(super) fn poll_send_tls(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while self.conn.wants_write() {
            let mut io = Polled {
                socket: &mut self.socket,
                cx,
            };
            match pending_on_block(self.conn.write_tls(&mut io)) {
                Poll::Ready(Ok(0)) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Poll::Ready(Ok(_)) => {}
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        }
        Poll::Ready(Ok(()))
    }

    /// Reads TLS records from the socket into rustls; `Ok(0)`: the socket
    /// reached its end.
    fn poll_receive_tls(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
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
            .conn
            .read_tls(&mut &self.incoming[self.start..self.end])?;
        self.start += n;
        if let Err(e) = self.conn.process_new_packets() {
            // The alert rustls queued goes out if it can.
            let _ = self.poll_send_tls(cx);
            return Poll::Ready(Err(invalid(e)));
        }
        Poll::Ready(Ok(n))
    }
}

impl AsyncRead for Stream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(socket) => Pin::new(socket).poll_read(cx, buf),
            Stream::Tls(tls) => poll_read_plain(&mut **tls, cx, buf),
            Stream::Nested(nested) => poll_read_plain(&mut **nested, cx, buf),
        }
    }
}

/// A TLS connection whose plaintext is HTTP/2, over the socket directly
/// (`TlsStream`) or inside the TLS to a proxy (`Nested`): reading and
/// writing its plaintext goes the same way for both.
pub(super) trait Records {
    /// The TLS connection whose plaintext is HTTP/2.
    fn plain(&mut self) -> &mut ClientConnection;
    /// Sends the records queued, as far as the socket takes them.
    fn poll_send(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>>;
    /// Gives `plain` more records; `Ok(false)`: none will come.
    fn poll_receive(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<bool>>;
    /// The socket under it all.
    fn socket(&mut self) -> &mut Socketed;
}

impl Records for TlsStream {
    fn plain(&mut self) -> &mut ClientConnection {
        &mut self.conn
    }

    fn poll_send(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.poll_send_tls(cx)
    }

    fn poll_receive(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<bool>> {
        self.poll_receive_tls(cx).map_ok(|n| n > 0)
    }

    fn socket(&mut self) -> &mut Socketed {
        &mut self.socket
    }
}

/// Plaintext rustls holds first; else more records. Bounded: every round
/// either returns or consumed socket bytes, and the socket returns
/// `Pending` when it has none.
fn poll_read_plain(
    tls: &mut impl Records,
    cx: &mut Context<'_>,
    buf: &mut ReadBuf<'_>,
) -> Poll<io::Result<()>> {
    loop {
        match copy_plain(tls.plain(), buf) {
            Ok(()) => return Poll::Ready(Ok(())),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            Err(e) => return Poll::Ready(Err(e)),
        }
        match tls.poll_receive(cx) {
            Poll::Ready(Ok(false)) => return Poll::Ready(Err(io::ErrorKind::UnexpectedEof.into())),
            Poll::Ready(Ok(true)) => {}
            Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
            Poll::Pending => return Poll::Pending,
        }
        // Records rustls answers at once (key updates) go out now.
        if let Poll::Ready(Err(e)) = tls.poll_send(cx) {
            return Poll::Ready(Err(e));
        }
    }
}

/// Copies the plaintext rustls holds into `buf`, as `Read` would but
/// without zeroing `buf` first (h2 hands over its whole spare capacity,
/// most of which one read does not fill). Nothing copied: the end.
/// `WouldBlock`: no plaintext yet.
fn copy_plain(conn: &mut ClientConnection, buf: &mut ReadBuf<'_>) -> io::Result<()> {
    let mut reader = conn.reader();
    let before = buf.filled().len();
    while buf.remaining() > 0 {
        let chunk = match reader.fill_buf() {
            // What was copied goes first; the error comes again.
            Err(_) if buf.filled().len() > before => break,
            chunk => chunk?,
        };
        if chunk.is_empty() {
            break;
        }
        let n = chunk.len().min(buf.remaining());
        buf.put_slice(&chunk[..n]);
        reader.consume(n);
    }
    Ok(())
}

fn poll_write_plain(
    tls: &mut impl Records,
    cx: &mut Context<'_>,
    buf: &[u8],
) -> Poll<io::Result<usize>> {
    let mut n = tls.plain().writer().write(buf)?;
    if n == 0 && !buf.is_empty() {
        // rustls' buffer is full: send some of it first.
        if let Poll::Ready(Err(e)) = tls.poll_send(cx) {
            return Poll::Ready(Err(e));
        }
        n = tls.plain().writer().write(buf)?;
        if n == 0 {
            return Poll::Pending;
        }
    }
    match tls.poll_send(cx) {
        Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
        _ => Poll::Ready(Ok(n)),
    }
}

fn poll_flush_plain(tls: &mut impl Records, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
    tls.plain().writer().flush()?;
    ready!(tls.poll_send(cx))?;
    Pin::new(tls.socket()).poll_flush(cx)
}

impl AsyncWrite for Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(socket) => Pin::new(socket).poll_write(cx, buf),
            Stream::Tls(tls) => poll_write_plain(&mut **tls, cx, buf),
            Stream::Nested(nested) => poll_write_plain(&mut **nested, cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(socket) => Pin::new(socket).poll_flush(cx),
            Stream::Tls(tls) => poll_flush_plain(&mut **tls, cx),
            Stream::Nested(nested) => poll_flush_plain(&mut **nested, cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(socket) => Pin::new(socket).poll_shutdown(cx),
            Stream::Nested(nested) => nested.poll_shutdown(cx),
            Stream::Tls(tls) => {
                tls.conn.send_close_notify();
                match tls.poll_send_tls(cx) {
                    Poll::Ready(Ok(())) => Pin::new(&mut tls.socket).poll_shutdown(cx),
                    other => other,
                }
            }
        }
    }
}
