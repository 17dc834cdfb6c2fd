//! What one attempt saw, shared by the client, the connection layer's
//! links in ureq's chain and both engines: timings, the peer and TLS facts
//! of the connection the request went over, whether it was reused, body
//! byte counts, a connection parked for HTTP/2, and the trace callback
//! every event goes out through.

use std::any::Any;
use std::io;
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::{Duration, Instant};

use ureq::Error;

use super::connect::socket::Socket;
use super::connect::{Parked, Peer};
use crate::timings::Timings;
use crate::tls_facts::TlsFacts;

/// A trace event, in plain data.
#[derive(Debug, Clone, PartialEq)]
pub enum TraceEvent {
    Connected {
        addr: String,
        reused: bool,
    },
    /// The request line and headers as sent (CRLF line ends included).
    RequestHead(Vec<u8>),
    /// The status line and headers as received.
    ResponseHead(Vec<u8>),
    /// Trailer fields after a body, as `name: value` lines (HTTP/2).
    Trailers(Vec<u8>),
    /// Something httpc did on its own (`sending again on a new connection`).
    Note(String),
    /// The TLS handshake of a new connection, after `Connected`.
    Tls(Arc<TlsFacts>),
}

pub type TraceFn = Arc<dyn Fn(TraceEvent) + Send + Sync>;

#[derive(Default)]
pub(super) struct State {
    pub(super) start: Option<Instant>,
    pub(super) timings: Timings,
    /// The address of a connection opened during this attempt, until the
    /// tap claims it for the request head.
    pub(super) fresh: Option<Peer>,
    /// The connection the request of this attempt went over.
    pub(super) peer: Option<Peer>,
    /// The request of this attempt went over a pooled connection.
    pub(super) reused: bool,
    pub(super) upload: u64,
    /// Body bytes handed to the reader (after decoding).
    pub(super) download: u64,
    /// When the body was last read (or its read failed), since `start`.
    pub(super) body_end: Option<Duration>,
    pub(super) reset: bool,
    /// A TLS handshake done during this attempt, until the tap of its
    /// connection claims it.
    pub(super) handshake: Option<Arc<TlsFacts>>,
    /// The TLS facts of the connection this attempt's request went over.
    pub(super) tls: Option<Arc<TlsFacts>>,
    /// A connection opened during this attempt, as a body reader may read
    /// it past ureq, until the tap claims it (TLS replaces the TCP one).
    pub(super) fresh_conn: Option<Weak<dyn Any + Send + Sync>>,
    /// The connection this attempt's request went over.
    pub(super) conn: Option<Weak<dyn Any + Send + Sync>>,
    /// A second handle on the socket just opened, kept while the
    /// connection may still settle on HTTP/2.
    pub(super) socket: Option<Socket>,
    /// A connection that settled on HTTP/2, out of ureq's chain.
    pub(super) parked: Option<Parked>,
    /// The TLS to an https:// proxy under the socket kept, while the
    /// origin's TLS inside its tunnel may still settle on HTTP/2.
    pub(super) outer: Option<Box<dyn OuterTls>>,
}

/// The TLS to an https:// proxy, held by ureq's link until the attempt
/// ends (`http1/tls_link.rs`).
pub(super) trait OuterTls: Send {
    /// The TLS state, once nothing else holds it, with every byte
    /// received for it handed over; `None` while ureq's link still does.
    fn into_conn(self: Box<Self>) -> Option<rustls::ClientConnection>;
}

/// The error that ends ureq's attempt when its connection settled on
/// HTTP/2: the request goes to the HTTP/2 engine instead.
#[derive(Debug)]
struct Diverted;

impl std::fmt::Display for Diverted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the connection speaks HTTP/2")
    }
}

impl std::error::Error for Diverted {}

/// Whether ureq's attempt ended because its connection speaks HTTP/2.
pub fn diverted(err: &Error) -> bool {
    matches!(err, Error::Io(e) if e.get_ref().is_some_and(|i| i.is::<Diverted>()))
}

/// Shared between the client and its connector chain.
#[derive(Clone, Default)]
pub struct Probe {
    state: Arc<Mutex<State>>,
    trace: Option<TraceFn>,
}

impl std::fmt::Debug for Probe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Probe")
    }
}

impl Probe {
    pub fn new(trace: Option<TraceFn>) -> Probe {
        Probe {
            state: Arc::default(),
            trace,
        }
    }

    pub(super) fn lock(&self) -> MutexGuard<'_, State> {
        // A panic elsewhere must not take the trace down with it.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Back to no attempt at all.
    pub fn forget(&self) {
        *self.lock() = State::default();
    }

    /// Starts a new attempt: timings are measured from now.
    pub fn begin(&self, start: Instant) {
        let mut s = self.lock();
        *s = State {
            start: Some(start),
            ..State::default()
        };
    }

    /// Starts the same attempt again: a request sent once more at once.
    pub fn restart(&self) {
        let mut s = self.lock();
        *s = State {
            start: s.start,
            ..State::default()
        };
    }

    /// On a reused connection only the exchange itself is timed: ureq may
    /// still resolve the name, but no connection was set up with it.
    pub fn timings(&self) -> Timings {
        let s = self.lock();
        if s.reused {
            Timings {
                first_byte: s.timings.first_byte,
                ..Timings::default()
            }
        } else {
            s.timings
        }
    }

    /// Request body bytes (payload, not chunk framing) read for sending.
    pub fn uploaded(&self) -> u64 {
        self.lock().upload
    }

    /// Counts request body bytes as ureq reads them.
    pub fn count_upload(&self, bytes: usize) {
        self.lock().upload += bytes as u64;
    }

    /// Response body bytes read (after decoding) since the attempt began.
    pub fn downloaded(&self) -> u64 {
        self.lock().download
    }

    /// Counts body bytes read, and notes when (a read of 0, the end, too).
    pub fn count_download(&self, bytes: usize) {
        let mut s = self.lock();
        s.download += bytes as u64;
        s.body_end = s.start.map(|start| start.elapsed());
    }

    /// A read of the body failed: receiving ended now.
    pub fn body_failed(&self) {
        self.count_download(0);
    }

    /// When the body was last read, since the attempt began; `None` when
    /// nothing of it was read.
    pub fn body_end(&self) -> Option<Duration> {
        self.lock().body_end
    }

    /// The request went over a pooled connection.
    pub fn reused(&self) -> bool {
        self.lock().reused
    }

    /// The connection the request went over, once it went out.
    pub fn peer(&self) -> Option<Peer> {
        self.lock().peer.clone()
    }

    /// A connection of this attempt was reset by the peer. ureq reports a
    /// reset in the middle of a body as a plain early end; this tells the
    /// two apart.
    pub fn was_reset(&self) -> bool {
        self.lock().reset
    }

    /// This attempt went over a pooled connection and not one byte of a
    /// response came back: the server may have closed the connection while
    /// it sat idle (RFC 9112 §9.3.1).
    pub fn stale_reuse(&self) -> bool {
        let s = self.lock();
        s.reused && s.timings.first_byte.is_none()
    }

    /// The connection this attempt's request went over, as a body reader
    /// may read it past ureq; none once ureq has closed it.
    pub(super) fn conn<C: Any + Send + Sync>(&self) -> Option<Arc<C>> {
        let conn = self.lock().conn.as_ref().and_then(Weak::upgrade)?;
        conn.downcast().ok()
    }

    /// A connection just opened, for the tap to claim. The link that made
    /// it keeps it; the probe only points at it, so a connection ureq
    /// closes is closed.
    pub(super) fn fresh_conn<C: Any + Send + Sync>(&self, conn: &Arc<C>) {
        let conn: Arc<dyn Any + Send + Sync> = conn.clone();
        self.lock().fresh_conn = Some(Arc::downgrade(&conn));
    }

    /// The TLS facts of the connection the request went over (a pooled
    /// one's too), for https.
    pub fn tls(&self) -> Option<Arc<TlsFacts>> {
        self.lock().tls.clone()
    }

    /// Keeps a handle on a new socket while its connection may still
    /// settle on HTTP/2.
    pub(super) fn keep_socket(&self, socket: Socket) {
        self.lock().socket = Some(socket);
    }

    /// Keeps the TLS to an https:// proxy while the origin's TLS inside
    /// its tunnel may still settle on HTTP/2.
    pub(super) fn keep_outer(&self, outer: Box<dyn OuterTls>) {
        self.lock().outer = Some(outer);
    }

    /// The new connection settled on HTTP/1.1: the handles kept for
    /// HTTP/2 are let go (ureq's link alone holds the connection).
    pub(super) fn forget_socket(&self) {
        let mut s = self.lock();
        s.socket = None;
        s.outer = None;
    }

    /// Takes the new connection out of ureq's chain for the HTTP/2 engine:
    /// the error returned ends ureq's attempt (`diverted`).
    pub(super) fn park(&self, tls: Option<rustls::ClientConnection>) -> Error {
        let mut s = self.lock();
        let Some(socket) = s.socket.take() else {
            return Error::Io(io::Error::other("the connection's socket was not kept"));
        };
        s.parked = Some(Parked {
            socket,
            tls,
            outer: None,
            peer: s.fresh.take(),
            facts: s.handshake.take(),
        });
        Error::Io(io::Error::other(Diverted))
    }

    /// The connection ureq's attempt left for the HTTP/2 engine, once that
    /// attempt is over (ureq's links, the proxy's TLS one too, are gone).
    pub fn take_parked(&self) -> Option<Parked> {
        let (parked, outer) = {
            let mut s = self.lock();
            (s.parked.take(), s.outer.take())
        };
        let mut parked = parked?;
        if let Some(outer) = outer {
            parked.outer = Some(outer.into_conn()?);
        }
        Some(parked)
    }

    /// A request goes out over an HTTP/2 connection: traced and recorded as
    /// the tap does it for HTTP/1.1.
    pub(super) fn h2_request(
        &self,
        peer: &Option<Peer>,
        tls: Option<&Arc<TlsFacts>>,
        reused: bool,
    ) {
        {
            let mut s = self.lock();
            s.peer = peer.clone();
            s.tls = tls.cloned();
            s.reused = reused;
        }
        if self.tracing() {
            let addr = peer.as_ref().map_or_else(|| "?".into(), |p| p.to_string());
            self.emit(TraceEvent::Connected { addr, reused });
            if let (false, Some(tls)) = (reused, tls) {
                self.emit(TraceEvent::Tls(tls.clone()));
            }
        }
    }

    /// The name was looked up.
    pub(super) fn resolved(&self) {
        let elapsed = self.elapsed();
        self.lock().timings.dns = elapsed;
    }

    /// A new connection to `peer` stands.
    pub(super) fn connected(&self, peer: Peer) {
        let elapsed = self.elapsed();
        let mut s = self.lock();
        s.timings.connect = elapsed;
        s.fresh = Some(peer);
    }

    /// The first byte of the response came.
    pub(super) fn first_byte(&self) {
        let elapsed = self.elapsed();
        let mut s = self.lock();
        if s.timings.first_byte.is_none() {
            s.timings.first_byte = elapsed;
        }
    }

    /// A head as it went out or came in, when tracing.
    pub(super) fn trace_head(&self, event: impl FnOnce() -> TraceEvent) {
        if self.tracing() {
            self.emit(event());
        }
    }

    /// A TLS handshake just finished.
    pub(super) fn handshaken(&self, facts: TlsFacts) {
        let elapsed = self.elapsed();
        let mut s = self.lock();
        s.timings.tls = elapsed;
        s.handshake = Some(Arc::new(facts));
    }

    pub fn note(&self, text: &str) {
        self.emit(TraceEvent::Note(text.to_string()));
    }

    /// How long since the attempt began.
    pub fn elapsed(&self) -> Option<Duration> {
        self.lock().start.map(|s| s.elapsed())
    }

    /// Whether events are traced (`-v`): else nothing is made for them.
    pub(super) fn tracing(&self) -> bool {
        self.trace.is_some()
    }

    pub(super) fn emit(&self, event: TraceEvent) {
        if let Some(trace) = &self.trace {
            trace(event);
        }
    }
}
