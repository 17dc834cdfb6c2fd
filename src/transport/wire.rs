//! httpc's own links in ureq's connector chain (the `unversioned` API, so
//! ureq is pinned to `~3.5`): a resolver and a TCP connector that record
//! DNS and connect times and the peer address, a mark after TLS, and a tap
//! that sees the request and response heads exactly as they cross the wire.
//!
//! A pooled connection skips the connectors, so an attempt that finds no
//! fresh connection in the probe went over a reused one.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::{Duration, Instant};

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Connector, Either, LazyBuffers, NextTimeout, Transport,
};
use ureq::Error;

use super::direct::{self, Conn};
use super::forward::{self, Forward};
use super::framing::{Chunks, Malformed, Unfolding};
use super::route::Rules;
use super::socks::{self, Socks};
use super::tls::Tls;
use super::tls_link::TlsConnect;
use super::HttpVersion;
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

/// The far end of a connection, and this end of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Peer {
    Tcp {
        remote: SocketAddr,
        /// `None` when the system would not say.
        local: Option<SocketAddr>,
    },
    /// `--unix-socket PATH`: no addresses, only the socket's path.
    Unix(PathBuf),
}

impl std::fmt::Display for Peer {
    /// As the trace's `* Connected to` line names it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Peer::Tcp { remote, .. } => write!(f, "{remote}"),
            Peer::Unix(path) => write!(f, "{}", path.display()),
        }
    }
}

#[derive(Default)]
struct State {
    start: Option<Instant>,
    timings: Timings,
    /// The address of a connection opened during this attempt, until the
    /// tap claims it for the request head.
    fresh: Option<Peer>,
    /// The connection the request of this attempt went over.
    peer: Option<Peer>,
    /// The request of this attempt went over a pooled connection.
    reused: bool,
    upload: u64,
    /// Body bytes handed to the reader (after decoding).
    download: u64,
    /// When the body was last read (or its read failed), since `start`.
    body_end: Option<Duration>,
    reset: bool,
    /// A TLS handshake done during this attempt, until the tap of its
    /// connection claims it.
    handshake: Option<Arc<TlsFacts>>,
    /// The TLS facts of the connection this attempt's request went over.
    tls: Option<Arc<TlsFacts>>,
    /// A connection opened during this attempt, as a body reader may read
    /// it past ureq, until the tap claims it (TLS replaces the TCP one).
    fresh_conn: Option<Weak<Conn>>,
    /// The connection this attempt's request went over.
    conn: Option<Weak<Conn>>,
    /// A second handle on the socket just opened, kept while the
    /// connection may still settle on HTTP/2.
    socket: Option<Socket>,
    /// A connection that settled on HTTP/2, out of ureq's chain.
    parked: Option<Parked>,
    /// The TLS to an https:// proxy under the socket kept, while the
    /// origin's TLS inside its tunnel may still settle on HTTP/2.
    outer: Option<Box<dyn OuterTls>>,
}

/// The TLS to an https:// proxy, held by ureq's link until the attempt
/// ends (`tls_link.rs`).
pub(super) trait OuterTls: Send {
    /// The TLS state, once nothing else holds it, with every byte
    /// received for it handed over; `None` while ureq's link still does.
    fn into_conn(self: Box<Self>) -> Option<rustls::ClientConnection>;
}

/// A new connection that settled on HTTP/2 (by ALPN, or h2c with prior
/// knowledge), taken out of ureq's chain for the HTTP/2 engine: the
/// socket, and the TLS state over it (to the origin; through an https://
/// proxy, inside the TLS to the proxy).
pub struct Parked {
    pub socket: Socket,
    pub tls: Option<rustls::ClientConnection>,
    /// The TLS to an https:// proxy, which the origin's runs inside.
    pub outer: Option<rustls::ClientConnection>,
    pub peer: Option<Peer>,
    pub facts: Option<Arc<TlsFacts>>,
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

    fn lock(&self) -> MutexGuard<'_, State> {
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
    pub(super) fn conn(&self) -> Option<Arc<Conn>> {
        self.lock().conn.as_ref().and_then(Weak::upgrade)
    }

    /// A connection just opened, for the tap to claim. The link that made
    /// it keeps it; the probe only points at it, so a connection ureq
    /// closes is closed.
    pub(super) fn fresh_conn(&self, conn: &Arc<Conn>) {
        self.lock().fresh_conn = Some(Arc::downgrade(conn));
    }

    /// The TLS facts of the connection the request went over (a pooled
    /// one's too), for https.
    pub fn tls(&self) -> Option<Arc<TlsFacts>> {
        self.lock().tls.clone()
    }

    /// Keeps a handle on a new socket while its connection may still
    /// settle on HTTP/2.
    fn keep_socket(&self, socket: Socket) {
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
    fn tracing(&self) -> bool {
        self.trace.is_some()
    }

    fn emit(&self, event: TraceEvent) {
        if let Some(trace) = &self.trace {
            trace(event);
        }
    }

    /// The chain: proxy tunnel, TCP, TLS (httpc's, `tls_link.rs`), then
    /// the tap on top. With a
    /// proxy, ureq runs the whole chain once more for the socket to the
    /// proxy (the CONNECT goes over it); the tap of that inner run stays
    /// silent so every exchange is traced once, on the tunnel.
    ///
    /// `h2`: the versions the connection to the origin (direct, through
    /// SOCKS, or inside a CONNECT tunnel) may speak, when it may speak
    /// HTTP/2 (`None`: HTTP/1.1 only).
    pub fn connector(
        &self,
        route: Route,
        rules: Arc<Rules>,
        tls: Tls,
        h2: Option<HttpVersion>,
    ) -> impl Connector {
        let forward = match &route {
            Route::Forward(f) => Some(f.authorization.clone()),
            _ => None,
        };
        let tunnel = route == Route::Tunnel;
        let socks = match &route {
            Route::Socks(socks) => Some(socks.clone()),
            _ => None,
        };
        ().chain(ureq::unversioned::transport::ConnectProxyConnector::default())
            .chain(TcpConnect(self.clone(), rules, socks, h2, tunnel))
            .chain(TlsConnect {
                probe: self.clone(),
                tls,
                h2,
                tunnel,
            })
            .chain(TapConnector {
                probe: self.clone(),
                tunnel,
                forward,
            })
    }

    /// The resolver of an agent on `route`: a forwarding agent resolves the
    /// proxy's name whatever the URL says, so every connection goes to it.
    pub fn resolver(&self, route: &Route, rules: Arc<Rules>) -> TimedResolver {
        let to = match route {
            Route::Forward(f) => format!("http://{}:{}/", f.host, f.port).parse().ok(),
            Route::Socks(s) => format!("http://{}:{}/", s.host, s.port).parse().ok(),
            _ => None,
        };
        TimedResolver {
            inner: DefaultResolver::default(),
            probe: self.clone(),
            to,
            rules,
        }
    }
}

/// DNS time around ureq's own resolver.
#[derive(Debug)]
pub struct TimedResolver {
    inner: DefaultResolver,
    probe: Probe,
    /// Resolve this instead of the URL (the forward proxy).
    to: Option<Uri>,
    /// `--resolve` and `--connect-to`.
    rules: Arc<Rules>,
}

impl Resolver for TimedResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, Error> {
        let result = match &self.to {
            Some(proxy) => self.inner.resolve(proxy, config, timeout),
            None => self.by_rules(uri, config, timeout),
        };
        // A Unix socket is not looked up: no DNS time to show.
        if self.rules.unix_socket.is_none() {
            let elapsed = self.probe.elapsed();
            self.probe.lock().timings.dns = elapsed;
        }
        result
    }
}

impl TimedResolver {
    /// The URL's host and port, after `--connect-to`; the addresses
    /// `--resolve` gives for them, or else the system's, of the family
    /// `-4`/`-6` keep.
    fn by_rules(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, Error> {
        let (Some(host), Some(scheme)) = (uri.host(), uri.scheme_str()) else {
            return self.inner.resolve(uri, config, timeout);
        };
        if self.rules.unix_socket.is_some() {
            // Every connection goes to the socket: the name is not looked up.
            let mut result = self.inner.empty();
            result.push(std::net::SocketAddr::from(([127, 0, 0, 1], 0)));
            return Ok(result);
        }
        let port = uri
            .port_u16()
            .unwrap_or(if scheme == "https" { 443 } else { 80 });
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let (to_host, to_port) = self.rules.target(host, port);
        if let Some(addrs) = self.rules.addresses(&to_host, to_port) {
            let mut result = self.inner.empty();
            for addr in config.ip_family().keep_wanted(addrs.into_iter()).take(16) {
                result.push(addr);
            }
            return match result.is_empty() {
                true => Err(Error::HostNotFound),
                false => Ok(result),
            };
        }
        if (to_host.as_str(), to_port) == (host, port) {
            return self.inner.resolve(uri, config, timeout);
        }
        let shown = match to_host.contains(':') {
            true => format!("[{to_host}]"),
            false => to_host,
        };
        let other: Uri = format!("{scheme}://{shown}:{to_port}/")
            .parse()
            .map_err(|_| Error::HostNotFound)?;
        self.inner.resolve(&other, config, timeout)
    }
}

/// Connects to the resolved addresses in order, sharing the connect budget
/// between those left, and records which one answered. Through a SOCKS
/// proxy (the addresses are then the proxy's), the handshake follows.
/// (The probe, `--resolve` and co, a SOCKS proxy, the versions when the
/// connection may speak HTTP/2, whether it goes through a CONNECT tunnel.)
#[derive(Debug)]
struct TcpConnect(Probe, Arc<Rules>, Option<Socks>, Option<HttpVersion>, bool);

impl<In: Transport> Connector<In> for TcpConnect {
    type Out = Either<In, TcpLink>;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, Error> {
        if chained.is_some() {
            return Ok(chained.map(Either::A));
        }
        if let Some(path) = &self.1.unix_socket {
            return self
                .connect_unix(details, path)
                .map(|link| Some(Either::B(link)));
        }
        let budget = details.timeout.not_zero().map(|d| *d);
        let began = Instant::now();
        let count = details.addrs.len();
        let mut last = None;
        for (i, addr) in details.addrs.iter().enumerate() {
            let attempt = match budget {
                Some(total) => {
                    let left = total.saturating_sub(began.elapsed());
                    if left.is_zero() {
                        return Err(Error::Timeout(details.timeout.reason));
                    }
                    TcpStream::connect_timeout(addr, left / (count - i) as u32)
                }
                None => TcpStream::connect(addr),
            };
            match attempt {
                Ok(mut stream) => {
                    if let Some(socks) = &self.2 {
                        let left = budget.map(|total| total.saturating_sub(began.elapsed()));
                        self.through_socks(socks, &mut stream, details, left)?;
                    }
                    if details.config.no_delay() {
                        stream.set_nodelay(true)?;
                    }
                    let elapsed = self.0.elapsed();
                    {
                        let mut s = self.0.lock();
                        s.timings.connect = elapsed;
                        s.fresh = Some(Peer::Tcp {
                            remote: *addr,
                            local: stream.local_addr().ok(),
                        });
                    }
                    let socket = Socket::Tcp(stream);
                    self.maybe_h2(&socket, details)?;
                    let link = TcpLink::new(socket, details, self.0.clone());
                    return Ok(Some(Either::B(link)));
                }
                Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                    last = Some(Error::Timeout(ureq::Timeout::Connect));
                }
                Err(e) => last = Some(Error::Io(e)),
            }
        }
        Err(last.unwrap_or(Error::HostNotFound))
    }
}

impl TcpConnect {
    /// A connection that may speak HTTP/2 keeps a handle on its socket for
    /// the engine; h2c with prior knowledge goes there at once.
    fn maybe_h2(&self, stream: &Socket, details: &ConnectionDetails) -> Result<(), Error> {
        let Some(version) = self.3 else {
            return Ok(());
        };
        let https = details.uri.scheme_str() == Some("https");
        let h2c = !https && version == HttpVersion::Http2Only && !self.4;
        // Through a tunnel, this is the socket to the proxy: TLS to the
        // origin runs over it once the tunnel stands.
        if https || h2c || self.4 {
            self.0.keep_socket(stream.try_clone()?);
        }
        match h2c {
            true => Err(self.0.park(None)),
            false => Ok(()),
        }
    }

    /// The SOCKS handshake on a new connection to the proxy, noted in the
    /// trace.
    fn through_socks(
        &self,
        socks: &Socks,
        stream: &mut TcpStream,
        details: &ConnectionDetails,
        left: Option<Duration>,
    ) -> Result<(), Error> {
        let target = socks::target(socks, details, &self.1)?;
        socks::handshake(socks, stream, &target, left)?;
        self.0.note(&format!(
            "SOCKS proxy {}:{} connected to {target}",
            socks.host, socks.port
        ));
        Ok(())
    }

    /// `--unix-socket PATH`: every connection goes to the socket, whatever
    /// the URL's host (TLS, for https, runs over it as over TCP). A socket
    /// that cannot be reached is "could not connect", naming it.
    #[cfg(unix)]
    fn connect_unix(&self, details: &ConnectionDetails, path: &Path) -> Result<TcpLink, Error> {
        let stream = std::os::unix::net::UnixStream::connect(path).map_err(|e| {
            Error::Io(io::Error::new(
                io::ErrorKind::ConnectionRefused,
                Unreachable(format!(
                    "cannot connect to the socket {}: {}",
                    path.display(),
                    crate::text::io_words(&e)
                )),
            ))
        })?;
        let elapsed = self.0.elapsed();
        {
            let mut s = self.0.lock();
            s.timings.connect = elapsed;
            s.fresh = Some(Peer::Unix(path.to_path_buf()));
        }
        let socket = Socket::Unix(stream);
        self.maybe_h2(&socket, details)?;
        Ok(TcpLink::new(socket, details, self.0.clone()))
    }

    #[cfg(not(unix))]
    fn connect_unix(&self, _: &ConnectionDetails, _: &Path) -> Result<TcpLink, Error> {
        Err(Error::Io(io::Error::new(
            io::ErrorKind::Unsupported,
            "--unix-socket needs a Unix system",
        )))
    }
}

/// A connection that could not be made, in words (a Unix socket's path).
#[derive(Debug)]
pub struct Unreachable(pub String);

impl std::fmt::Display for Unreachable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unreachable {}

/// The socket under a link: TCP, or a Unix domain socket.
#[derive(Debug)]
pub enum Socket {
    Tcp(TcpStream),
    #[cfg(unix)]
    Unix(std::os::unix::net::UnixStream),
}

#[cfg(unix)]
impl std::os::fd::AsFd for Socket {
    fn as_fd(&self) -> std::os::fd::BorrowedFd<'_> {
        match self {
            Socket::Tcp(s) => s.as_fd(),
            Socket::Unix(s) => s.as_fd(),
        }
    }
}

impl Socket {
    /// A second handle on the same socket.
    fn try_clone(&self) -> io::Result<Socket> {
        Ok(match self {
            Socket::Tcp(s) => Socket::Tcp(s.try_clone()?),
            #[cfg(unix)]
            Socket::Unix(s) => Socket::Unix(s.try_clone()?),
        })
    }

    fn read(&self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Socket::Tcp(s) => (&*s).read(buf),
            #[cfg(unix)]
            Socket::Unix(s) => (&*s).read(buf),
        }
    }

    fn write_all(&self, buf: &[u8]) -> io::Result<()> {
        match self {
            Socket::Tcp(s) => (&*s).write_all(buf),
            #[cfg(unix)]
            Socket::Unix(s) => (&*s).write_all(buf),
        }
    }

    fn set_read_timeout(&self, d: Option<Duration>) -> io::Result<()> {
        match self {
            Socket::Tcp(s) => s.set_read_timeout(d),
            #[cfg(unix)]
            Socket::Unix(s) => s.set_read_timeout(d),
        }
    }

    fn set_write_timeout(&self, d: Option<Duration>) -> io::Result<()> {
        match self {
            Socket::Tcp(s) => s.set_write_timeout(d),
            #[cfg(unix)]
            Socket::Unix(s) => s.set_write_timeout(d),
        }
    }

    /// Open means: nothing is waiting to be read and the peer has not
    /// closed. On Linux one `recv(MSG_PEEK | MSG_DONTWAIT)` tells, for TCP
    /// and Unix sockets alike; ureq asks twice per request on a pooled
    /// connection, and toggling `O_NONBLOCK` around a peek made that six
    /// system calls instead of two.
    #[cfg(target_os = "linux")]
    fn is_open(&self) -> bool {
        use rustix::net::{recv, RecvFlags};
        use std::os::fd::AsFd;
        let mut byte = [0u8; 1];
        matches!(
            recv(
                self.as_fd(),
                &mut byte,
                RecvFlags::PEEK | RecvFlags::DONTWAIT
            ),
            Err(rustix::io::Errno::AGAIN)
        )
    }

    /// Elsewhere a TCP socket is peeked at without blocking; a Unix socket
    /// cannot be on stable Rust: it counts as open, and a request that then
    /// finds it closed is sent again on a new connection (`Client::send`).
    #[cfg(not(target_os = "linux"))]
    fn is_open(&self) -> bool {
        match self {
            Socket::Tcp(s) => {
                if s.set_nonblocking(true).is_err() {
                    return false;
                }
                let open = matches!(
                    s.peek(&mut [0u8; 1]),
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock
                );
                open && s.set_nonblocking(false).is_ok()
            }
            #[cfg(unix)]
            Socket::Unix(_) => true,
        }
    }
}

/// A plain TCP connection as a ureq transport. (ureq's own is not public,
/// and httpc's connector needs to know which address answered.)
#[derive(Debug)]
pub struct TcpLink {
    /// Shared with the body reader that may read past ureq (`direct.rs`).
    stream: Arc<Socket>,
    /// This connection as that reader takes it: it lives as long as the
    /// link (the probe only points at it).
    _direct: Arc<Conn>,
    buffers: LazyBuffers,
    probe: Probe,
    /// Plain http: response heads are unfolded here (`None` under TLS,
    /// where these bytes are ciphertext: the TLS link unfolds them).
    unfold: Option<Unfolding>,
    read_timeout: Option<Duration>,
    write_timeout: Option<Duration>,
}

impl TcpLink {
    fn new(stream: Socket, details: &ConnectionDetails, probe: Probe) -> TcpLink {
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
            buffers: LazyBuffers::new(
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
pub(super) fn head_overflow(buffer: usize) -> Error {
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

/// How an agent reaches servers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Direct,
    /// Through a proxy's CONNECT tunnel (https URLs): ureq runs the
    /// connector chain twice.
    Tunnel,
    /// To a forward proxy in absolute-form (http URLs).
    Forward(Forward),
    /// Through a SOCKS proxy (http and https URLs alike).
    Socks(Socks),
}

#[derive(Debug)]
struct TapConnector {
    probe: Probe,
    tunnel: bool,
    /// Forwarding: the request heads are rewritten, with these proxy
    /// credentials.
    forward: Option<Option<String>>,
}

impl<In: Transport> Connector<In> for TapConnector {
    type Out = Tap<In>;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Tap<In>>, Error> {
        // ureq runs the chain for the proxy socket with the proxy taken out
        // of the config: that run's tap is the silent one.
        let silent = self.tunnel && details.config.proxy().is_none();
        let (peer, tls, conn) = {
            let mut s = self.probe.lock();
            let tls = if silent { None } else { s.handshake.take() };
            let conn = match silent {
                true => None,
                false => s.fresh_conn.take().and_then(|c| c.upgrade()),
            };
            (s.fresh.clone(), tls, conn)
        };
        Ok(chained.map(|inner| Tap {
            tls,
            conn,
            inner,
            probe: self.probe.clone(),
            silent,
            forward: self.forward.clone(),
            peer,
            awaiting: false,
            head: Vec::new(),
            head_total: 0,
            head_request: false,
            chunks: None,
        }))
    }
}

/// Sees the bytes of every exchange on one connection.
#[derive(Debug)]
struct Tap<T> {
    inner: T,
    probe: Probe,
    /// Passes bytes through without tracing (the socket to a proxy).
    silent: bool,
    /// Rewrites request heads for a forward proxy, adding these credentials.
    forward: Option<Option<String>>,
    peer: Option<Peer>,
    /// The TLS handshake of this connection, for https.
    tls: Option<Arc<TlsFacts>>,
    /// This connection, for a body reader to read past ureq.
    conn: Option<Arc<Conn>>,
    /// A request went out and its response head has not been read yet.
    awaiting: bool,
    /// The response head read so far.
    head: Vec<u8>,
    /// Bytes of the whole response heads (interim 1xx ones) read since
    /// the request went out: with the head read so far, bounded, so an
    /// endless stream of `102 Processing` cannot keep httpc reading for
    /// ever.
    head_total: usize,
    /// The request that went out was a HEAD (its answer has no body).
    head_request: bool,
    /// Following the chunked body of the response, to bound it.
    chunks: Option<Chunks>,
}

impl<T: Transport> Transport for Tap<T> {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.inner.buffers()
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), Error> {
        let amount = match (&self.forward, self.awaiting) {
            (Some(auth), false) => {
                to_absolute_form(self.inner.buffers().output(), amount, auth.as_deref())
            }
            _ => amount,
        };
        if !self.awaiting && !self.silent {
            let (peer, reused) = {
                let mut s = self.probe.lock();
                let fresh = s.fresh.take();
                s.reused = fresh.is_none();
                s.tls = self.tls.clone();
                s.conn = self.conn.as_ref().map(Arc::downgrade);
                s.peer = fresh.or_else(|| self.peer.clone());
                (s.peer.clone(), s.reused)
            };
            let output = &self.inner.buffers().output()[..amount];
            self.head_request = output.starts_with(b"HEAD ");
            if self.probe.tracing() {
                let addr = peer.map_or_else(|| "?".into(), |p| p.to_string());
                self.probe.emit(TraceEvent::Connected { addr, reused });
                if let (false, Some(tls)) = (reused, &self.tls) {
                    self.probe.emit(TraceEvent::Tls(tls.clone()));
                }
                self.probe.emit(TraceEvent::RequestHead(output.to_vec()));
            }
            self.chunks = None;
            self.awaiting = true;
            self.head.clear();
            self.head_total = 0;
        }
        self.inner.transmit_output(amount, timeout)
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, Error> {
        let before = self.inner.buffers().input().len();
        let progress = self.inner.await_input(timeout)?;
        if self.awaiting && !self.silent {
            let input = self.inner.buffers().input();
            let new = input.get(before..).unwrap_or_default();
            if !new.is_empty() && self.head.is_empty() {
                let elapsed = self.probe.elapsed();
                let mut s = self.probe.lock();
                if s.timings.first_byte.is_none() {
                    s.timings.first_byte = elapsed;
                }
            }
            self.head.extend_from_slice(new);
            // The heads are bounded, not the bytes after them: one read can
            // bring the final head and much of the body with it.
            while let Some(end) = find_head_end(&self.head) {
                self.head_total += end;
                if self.head_total > MAX_HEADS {
                    return Err(heads_overflow());
                }
                let head: Vec<u8> = self.head.drain(..end).collect();
                // A 1xx answer is followed by the real one.
                let interim = head.get(9) == Some(&b'1');
                if !interim {
                    self.awaiting = false;
                    let rest = std::mem::take(&mut self.head);
                    if let Some(conn) = &self.conn {
                        conn.body_starts(rest.len());
                    }
                    if !self.head_request && chunked_body(&head) {
                        let mut chunks = Chunks::default();
                        chunks.feed(&rest).map_err(Error::Io)?;
                        self.chunks = (!chunks.done()).then_some(chunks);
                    }
                    self.probe.emit(TraceEvent::ResponseHead(head));
                    break;
                }
                self.probe.emit(TraceEvent::ResponseHead(head));
            }
            if self.awaiting && self.head_total + self.head.len() > MAX_HEADS {
                return Err(heads_overflow());
            }
        } else if !self.silent {
            let input = self.inner.buffers().input();
            let new = input.get(before..).unwrap_or_default();
            if let Some(conn) = &self.conn {
                conn.body_arrived(new.len());
            }
            if let Some(chunks) = &mut self.chunks {
                chunks.feed(new).map_err(Error::Io)?;
                if chunks.done() {
                    self.chunks = None;
                }
            }
        }
        Ok(progress)
    }

    fn is_open(&mut self) -> bool {
        self.inner.is_open()
    }

    fn is_tls(&self) -> bool {
        self.inner.is_tls()
    }
}

/// Rewrites the request head at the start of `output[..amount]` in place
/// for a forward proxy; returns the new amount. The bytes after the head
/// (a body that went out with it) move along. A head that does not fit or
/// is not ureq's is sent as it is.
fn to_absolute_form(output: &mut [u8], amount: usize, auth: Option<&str>) -> usize {
    let Some(end) = find_head_end(&output[..amount]) else {
        return amount;
    };
    let Some(head) = forward::absolute_form(&output[..end], auth) else {
        return amount;
    };
    let grown = head.len() - end;
    if amount + grown > output.len() {
        return amount;
    }
    output.copy_within(end..amount, head.len());
    output[..head.len()].copy_from_slice(&head);
    amount + grown
}

/// A final response head that announces a chunked body (not 204 or 304).
fn chunked_body(head: &[u8]) -> bool {
    if matches!(head.get(9..12), Some(b"204" | b"304")) {
        return false;
    }
    // Once per response: no allocation, no case-folded copy of the head.
    head.split(|&b| b == b'\n').skip(1).any(|line| {
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return false;
        };
        let (name, value) = (line[..colon].trim_ascii(), &line[colon + 1..]);
        name.eq_ignore_ascii_case(b"transfer-encoding")
            && value.windows(7).any(|w| w.eq_ignore_ascii_case(b"chunked"))
    })
}

/// The response heads of one exchange, 1xx included, may not be larger.
pub const MAX_HEADS: usize = 300 * 1024;

fn heads_overflow() -> Error {
    Error::Io(Malformed::io(format!(
        "the response head (with its interim responses) is over {} KiB",
        MAX_HEADS / 1024
    )))
}

/// The length of the head including its blank line, once it is complete.
fn find_head_end(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| i + 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forwarded_head_is_rewritten_in_place_with_what_follows_it() {
        let mut buf = vec![0u8; 256];
        let sent = b"POST /x HTTP/1.1\r\nhost: h:81\r\n\r\nBODY";
        buf[..sent.len()].copy_from_slice(sent);
        let n = to_absolute_form(&mut buf, sent.len(), Some("Basic dTpw"));
        assert_eq!(
            &buf[..n],
            b"POST http://h:81/x HTTP/1.1\r\nhost: h:81\r\nproxy-authorization: Basic dTpw\r\n\r\nBODY"
        );
        // No room: sent as it is.
        let mut small = sent.to_vec();
        assert_eq!(to_absolute_form(&mut small, sent.len(), None), sent.len());
        assert_eq!(small, sent);
    }

    /// A transport that hands out one canned piece per read.
    #[derive(Debug)]
    struct Canned {
        buffers: LazyBuffers,
        reads: std::collections::VecDeque<Vec<u8>>,
    }

    impl Transport for Canned {
        fn buffers(&mut self) -> &mut dyn Buffers {
            &mut self.buffers
        }
        fn transmit_output(&mut self, _: usize, _: NextTimeout) -> Result<(), Error> {
            Ok(())
        }
        fn await_input(&mut self, _: NextTimeout) -> Result<bool, Error> {
            let piece = self.reads.pop_front().unwrap_or_default();
            let buf = self.buffers.input_append_buf();
            buf[..piece.len()].copy_from_slice(&piece);
            self.buffers.input_appended(piece.len());
            Ok(!piece.is_empty())
        }
        fn is_open(&mut self) -> bool {
            true
        }
    }

    /// A tap that waits for a response head, over `reads`.
    fn awaiting_tap(reads: Vec<Vec<u8>>) -> Tap<Canned> {
        Tap {
            inner: Canned {
                buffers: LazyBuffers::new(MAX_HEADS + 16 * 1024, 1024),
                reads: reads.into(),
            },
            probe: Probe::new(None),
            silent: false,
            forward: None,
            peer: None,
            tls: None,
            conn: None,
            awaiting: true,
            head: Vec::new(),
            head_total: 0,
            head_request: false,
            chunks: None,
        }
    }

    fn no_timeout() -> NextTimeout {
        NextTimeout {
            after: ureq::unversioned::transport::time::Duration::NotHappening,
            reason: ureq::Timeout::Global,
            per_read: None,
            per_write: None,
        }
    }

    #[test]
    fn a_head_read_with_much_of_its_body_is_not_over_the_bound() {
        // One read can bring the head and 300 KiB of body after it (a
        // grown TCP window, or TLS records decrypted at once).
        let mut read = b"HTTP/1.1 200 OK\r\ncontent-length: 1000000\r\n\r\n".to_vec();
        read.resize(MAX_HEADS + 8 * 1024, b'x');
        let mut tap = awaiting_tap(vec![read]);
        assert!(tap.await_input(no_timeout()).unwrap());
        assert!(!tap.awaiting);
    }

    #[test]
    fn interim_heads_over_the_bound_are_refused_with_the_final_head_in_view() {
        let interims = |kib: usize| b"HTTP/1.1 102 Processing\r\n\r\n".repeat(kib * 1024 / 27);
        let mut last = interims(20);
        last.extend_from_slice(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nhi");
        let mut tap = awaiting_tap(vec![interims(290), last]);
        assert!(tap.await_input(no_timeout()).unwrap());
        let error = tap.await_input(no_timeout()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "io: the response head (with its interim responses) is over 300 KiB"
        );
    }

    #[test]
    fn a_head_that_never_ends_is_refused_past_the_bound() {
        let mut reads = vec![b"HTTP/1.1 200 OK\r\n".to_vec()];
        reads.extend((0..40).map(|_| b"x-filler: 0123456789\r\n".repeat(400)));
        let mut tap = awaiting_tap(reads);
        let error = loop {
            if let Err(e) = tap.await_input(no_timeout()) {
                break e;
            }
        };
        assert!(tap.head_total + tap.head.len() > MAX_HEADS);
        assert_eq!(
            error.to_string(),
            "io: the response head (with its interim responses) is over 300 KiB"
        );
    }

    /// An idle connection is open; one the peer closed, or that holds
    /// bytes nobody asked for, is not: over TCP and (on Linux, where it
    /// can be peeked at) a Unix socket.
    #[test]
    fn a_connection_is_open_while_idle_and_not_once_closed_or_holding_bytes() {
        use std::net::TcpListener;
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let tcp_pair = || {
            let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
            let (server, _) = listener.accept().unwrap();
            (client, server)
        };
        let (client, _server) = tcp_pair();
        let idle = Socket::Tcp(client);
        assert!(idle.is_open());
        // A blocking peek waits until the byte (or the close) is there.
        let (client, mut server) = tcp_pair();
        server.write_all(b"x").unwrap();
        assert_eq!(client.peek(&mut [0u8; 1]).unwrap(), 1);
        assert!(!Socket::Tcp(client).is_open(), "bytes nobody asked for");
        let (client, server) = tcp_pair();
        drop(server);
        assert_eq!(client.peek(&mut [0u8; 1]).unwrap(), 0);
        assert!(!Socket::Tcp(client).is_open(), "closed by the peer");
        assert!(idle.is_open(), "the idle one stays open");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_unix_socket_connection_is_peeked_at_too() {
        use std::os::unix::net::UnixStream;
        let (a, _b) = UnixStream::pair().unwrap();
        let idle = Socket::Unix(a);
        assert!(idle.is_open());
        let (a, mut b) = UnixStream::pair().unwrap();
        b.write_all(b"x").unwrap();
        assert!(!Socket::Unix(a).is_open(), "bytes nobody asked for");
        let (a, b) = UnixStream::pair().unwrap();
        drop(b);
        assert!(!Socket::Unix(a).is_open(), "closed by the peer");
        assert!(idle.is_open(), "the idle one stays open");
    }

    #[test]
    fn head_end_includes_the_blank_line() {
        assert_eq!(find_head_end(b"HTTP/1.1 200 OK\r\n\r\nbody"), Some(19));
        assert_eq!(find_head_end(b"HTTP/1.1 200 OK\r\n"), None);
    }
}
