//! The HTTP/1.1 engine's connections: httpc's links in ureq's connector
//! chain (the `unversioned` API, so ureq is pinned to `~3.5`). Each link
//! hands the work to the connection layer (`connect/`) and records what
//! happened in the attempt's probe: a resolver and a TCP connector that
//! time DNS and connect and note the peer, TLS with ALPN, and the tap on
//! top (`tap.rs`). A new connection that settles on HTTP/2 leaves the
//! chain here, parked for the HTTP/2 engine.
//!
//! A pooled connection skips the connectors, so an attempt that finds no
//! fresh connection in the probe went over a reused one.

use std::net::TcpStream;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::ClientConnection;
use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{
    ConnectionDetails, Connector, Either, NextTimeout, Transport, TransportAdapter,
};
use ureq::Error;

use super::link::TcpLink;
use super::tap::{Route, TapConnector};
use super::tls_link::TlsLink;
use crate::transport::connect::route::Rules;
use crate::transport::connect::socket::{self, Socket};
use crate::transport::connect::socks::{self, Socks};
use crate::transport::connect::tls::Tls;
use crate::transport::connect::{handshake, Peer};
use crate::transport::probe::Probe;
use crate::transport::HttpVersion;

/// The chain: proxy tunnel, TCP, TLS (httpc's), then the tap on top. With
/// a proxy, ureq runs the whole chain once more for the socket to the
/// proxy (the CONNECT goes over it); the tap of that inner run stays
/// silent so every exchange is traced once, on the tunnel.
///
/// `h2`: the versions the connection to the origin (direct, through
/// SOCKS, or inside a CONNECT tunnel) may speak, when it may speak
/// HTTP/2 (`None`: HTTP/1.1 only).
pub fn connector(
    probe: &Probe,
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
        .chain(TcpConnect(probe.clone(), rules, socks, h2, tunnel))
        .chain(TlsConnect {
            probe: probe.clone(),
            tls,
            h2,
            tunnel,
        })
        .chain(TapConnector {
            probe: probe.clone(),
            tunnel,
            forward,
        })
}

/// The resolver of an agent on `route`: a forwarding agent resolves the
/// proxy's name whatever the URL says, so every connection goes to it.
pub fn resolver(probe: &Probe, route: &Route, rules: Arc<Rules>) -> TimedResolver {
    let to = match route {
        Route::Forward(f) => format!("http://{}:{}/", f.host, f.port).parse().ok(),
        Route::Socks(s) => format!("http://{}:{}/", s.host, s.port).parse().ok(),
        _ => None,
    };
    TimedResolver {
        inner: DefaultResolver::default(),
        probe: probe.clone(),
        to,
        rules,
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
            self.probe.resolved();
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
        let (socket, peer) = match &self.1.unix_socket {
            Some(path) => self.to_unix(path)?,
            None => self.to_tcp(details)?,
        };
        self.0.connected(peer);
        self.maybe_h2(&socket, details)?;
        Ok(Some(Either::B(TcpLink::new(
            socket,
            details,
            self.0.clone(),
        ))))
    }
}

impl TcpConnect {
    /// The first of the resolved addresses that answers, within the
    /// connect budget; through a SOCKS proxy (the addresses are then the
    /// proxy's), its handshake too.
    fn to_tcp(&self, details: &ConnectionDetails) -> Result<(Socket, Peer), Error> {
        let budget = details.timeout.not_zero().map(|d| *d);
        let began = Instant::now();
        let (mut stream, remote) =
            socket::open_tcp(&details.addrs, budget, details.timeout.reason)?;
        if let Some(socks) = &self.2 {
            let left = budget.map(|total| total.saturating_sub(began.elapsed()));
            self.through_socks(socks, &mut stream, details, left)?;
        }
        if details.config.no_delay() {
            stream.set_nodelay(true)?;
        }
        let local = stream.local_addr().ok();
        Ok((Socket::Tcp(stream), Peer::Tcp { remote, local }))
    }

    /// `--unix-socket PATH`: every connection goes to the socket, whatever
    /// the URL's host (TLS, for https, runs over it as over TCP).
    fn to_unix(&self, path: &Path) -> Result<(Socket, Peer), Error> {
        let socket = socket::open_unix(path)?;
        Ok((socket, Peer::Unix(path.to_path_buf())))
    }

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
}

/// Wraps the connection in TLS for an https URL (or an https proxy), with
/// SNI and the certificate check for the URL's host.
#[derive(Clone)]
pub struct TlsConnect {
    pub probe: Probe,
    pub tls: Tls,
    /// The versions the connection to the origin may speak, when it may
    /// speak HTTP/2 (`None`: ALPN offers http/1.1 only). The TLS to an
    /// https:// proxy offers http/1.1 whatever this says.
    pub h2: Option<HttpVersion>,
    /// Through a CONNECT tunnel: ureq runs the chain for the proxy too,
    /// and only the TLS to the origin may speak HTTP/2.
    pub tunnel: bool,
}

impl std::fmt::Debug for TlsConnect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TlsConnect")
    }
}

impl<In: Transport> Connector<In> for TlsConnect {
    type Out = Either<In, TlsLink<In>>;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, Error> {
        let Some(transport) = chained else {
            return Ok(None);
        };
        // A transport that is TLS already is used as it is, as in ureq.
        // A CONNECT tunnel is not (ureq's tunnel says so even inside TLS
        // to an https proxy), so TLS to the origin runs inside it.
        if !details.needs_tls() || transport.is_tls() {
            // An http:// URL through a tunnel stays on HTTP/1.1: the
            // handles kept for HTTP/2 are let go.
            if self.to_origin(details) {
                self.probe.forget_socket();
            }
            return Ok(Some(Either::A(transport)));
        }
        let host = details.uri.host().unwrap_or_default();
        let alpn = handshake::offer(self.h2, self.to_origin(details));
        let mut sock = TransportAdapter::new(transport, details.current_time.clone());
        sock.set_timeout(details.timeout);
        let mut conn = handshake::handshake(&self.tls, host, alpn, &mut sock)?;
        self.probe.handshaken(handshake::facts(&conn));
        let h2 = self.to_origin(details)
            && (conn.alpn_protocol() == Some(b"h2") || self.h2 == Some(HttpVersion::Http2Only));
        if h2 {
            take_buffered(&mut conn, &mut sock);
            return Err(self.probe.park(Some(conn)));
        }
        let link = TlsLink::new(conn, sock, details, &self.probe);
        match self.to_origin(details) || self.h2.is_none() {
            // HTTP/1.1: ureq's link alone holds the socket, and closes it.
            true => self.probe.forget_socket(),
            // The TLS to an https:// proxy: the origin's inside its tunnel
            // may speak HTTP/2, and then runs inside this one.
            false => self.probe.keep_outer(link.outer()),
        }
        Ok(Some(Either::B(link)))
    }
}

impl TlsConnect {
    /// Whether this TLS is to the origin (not to an https proxy).
    fn to_origin(&self, details: &ConnectionDetails) -> bool {
        !self.tunnel || details.config.proxy().is_some()
    }
}

/// Hands rustls the bytes that arrived after the handshake and wait in the
/// transport's buffer (an HTTP/2 server's SETTINGS), so none is lost when
/// the connection leaves the chain.
pub(in crate::transport) fn take_buffered<In: Transport>(
    conn: &mut ClientConnection,
    sock: &mut TransportAdapter<In>,
) {
    while !sock.get_mut().buffers().input().is_empty() {
        if conn.read_tls(sock).is_err() || conn.process_new_packets().is_err() {
            break;
        }
    }
}
