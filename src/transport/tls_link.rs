//! httpc's TLS link in ureq's connector chain, in place of ureq's
//! `RustlsConnector`: the same rustls handshake with httpc's settings
//! (`tls.rs`), but the connection stays in view after it, so that
//! - the trace and `health` can tell the protocol version, cipher suite,
//!   ALPN and the server certificate (`TlsFacts`);
//! - response heads are unfolded (obs-fold) as over plain http;
//! - a read hands ureq every decrypted byte already at hand, not one TLS
//!   record (at most 16 KiB) per call.

use std::io::{self, Read, Write};
use std::sync::{Arc, Mutex, MutexGuard};

use rustls::pki_types::ServerName;
use rustls::ClientConnection;
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Connector, Either, LazyBuffers, NextTimeout, Transport,
    TransportAdapter,
};
use ureq::Error;

use super::direct::{self, Conn};
use super::framing::Unfolding;
use super::tls::Tls;
use super::wire::{head_overflow, OuterTls, Probe};
use super::HttpVersion;
use crate::tls_facts::{CertFacts, TlsFacts};

/// What the handshake of `conn` settled.
fn facts(conn: &ClientConnection) -> TlsFacts {
    let version = match conn.protocol_version() {
        Some(rustls::ProtocolVersion::TLSv1_3) => "TLSv1.3".to_string(),
        Some(rustls::ProtocolVersion::TLSv1_2) => "TLSv1.2".to_string(),
        Some(other) => format!("{other:?}"),
        None => "TLS".to_string(),
    };
    let cipher = conn
        .negotiated_cipher_suite()
        .map(|s| format!("{:?}", s.suite()))
        .unwrap_or_default();
    let alpn = conn
        .alpn_protocol()
        .map(|p| String::from_utf8_lossy(p).into_owned());
    let cert = conn
        .peer_certificates()
        .and_then(|chain| chain.first())
        .and_then(|leaf| certificate(leaf.as_ref()));
    TlsFacts {
        version,
        cipher,
        alpn,
        cert,
    }
}

/// The parts of a DER certificate a user checks; `None` when it does not
/// parse (rustls has verified it unless `-k`).
fn certificate(der: &[u8]) -> Option<CertFacts> {
    use x509_parser::extensions::GeneralName;
    let (_, cert) = x509_parser::parse_x509_certificate(der).ok()?;
    let names = match cert.subject_alternative_name() {
        Ok(Some(san)) => san
            .value
            .general_names
            .iter()
            .filter_map(|name| match name {
                GeneralName::DNSName(d) => Some(d.to_string()),
                GeneralName::IPAddress(ip) => ip_text(ip),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    Some(CertFacts {
        subject: cert.subject().to_string(),
        issuer: cert.issuer().to_string(),
        names,
        not_after: cert.validity().not_after.timestamp(),
    })
}

fn ip_text(octets: &[u8]) -> Option<String> {
    match octets.len() {
        4 => Some(std::net::Ipv4Addr::from(<[u8; 4]>::try_from(octets).ok()?).to_string()),
        16 => Some(std::net::Ipv6Addr::from(<[u8; 16]>::try_from(octets).ok()?).to_string()),
        _ => None,
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
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let name = ServerName::try_from(host.to_string())
            .map_err(|_| Error::Tls("the host is not a valid name for TLS"))?;
        let alpn = self.alpn(details);
        let mut conn = ClientConnection::new_with_alpn(self.tls.client_config(), name, alpn)?;
        let mut sock = TransportAdapter::new(transport, details.current_time.clone());
        sock.set_timeout(details.timeout);
        conn.complete_io(&mut sock)?;
        self.probe.handshaken(facts(&conn));
        let h2 = self.to_origin(details)
            && (conn.alpn_protocol() == Some(b"h2") || self.h2 == Some(HttpVersion::Http2Only));
        if h2 {
            take_buffered(&mut conn, &mut sock);
            return Err(self.probe.park(Some(conn)));
        }
        let core = Arc::new(Mutex::new(Core { conn, sock }));
        match self.to_origin(details) || self.h2.is_none() {
            // HTTP/1.1: ureq's link alone holds the socket, and closes it.
            true => self.probe.forget_socket(),
            // The TLS to an https:// proxy: the origin's inside its tunnel
            // may speak HTTP/2, and then runs inside this one.
            false => self.probe.keep_outer(Box::new(Outer(core.clone()))),
        }
        // The decrypted stream replaces the socket under it for reading
        // past ureq.
        let direct = Conn::new(Decrypted(core.clone()));
        self.probe.fresh_conn(&direct);
        Ok(Some(Either::B(TlsLink {
            buffers: LazyBuffers::new(
                details.config.input_buffer_size(),
                details.config.output_buffer_size(),
            ),
            core,
            _direct: direct,
            unfold: Unfolding::default(),
        })))
    }
}

impl TlsConnect {
    /// Whether this TLS is to the origin (not to an https proxy).
    fn to_origin(&self, details: &ConnectionDetails) -> bool {
        !self.tunnel || details.config.proxy().is_some()
    }

    /// What ALPN offers: h2 only where the connection may speak it.
    fn alpn(&self, details: &ConnectionDetails) -> Vec<Vec<u8>> {
        if !self.to_origin(details) {
            return vec![b"http/1.1".to_vec()];
        }
        match self.h2 {
            Some(HttpVersion::Http2Only) => vec![b"h2".to_vec()],
            Some(HttpVersion::Negotiate) => vec![b"h2".to_vec(), b"http/1.1".to_vec()],
            _ => vec![b"http/1.1".to_vec()],
        }
    }
}

/// Hands rustls the bytes that arrived after the handshake and wait in the
/// transport's buffer (an HTTP/2 server's SETTINGS), so none is lost when
/// the connection leaves the chain.
fn take_buffered<In: Transport>(conn: &mut ClientConnection, sock: &mut TransportAdapter<In>) {
    while !sock.get_mut().buffers().input().is_empty() {
        if conn.read_tls(sock).is_err() || conn.process_new_packets().is_err() {
            break;
        }
    }
}

/// The TLS to an https:// proxy, shared with its link while ureq holds
/// it.
struct Outer<In: Transport>(Arc<Mutex<Core<In>>>);

impl<In: Transport> OuterTls for Outer<In> {
    fn into_conn(self: Box<Self>) -> Option<ClientConnection> {
        let core = Arc::try_unwrap(self.0).ok()?;
        let Core { mut conn, mut sock } = core.into_inner().unwrap_or_else(|e| e.into_inner());
        // Records read from the socket but not yet given to rustls.
        take_buffered(&mut conn, &mut sock);
        Some(conn)
    }
}

/// A TLS connection as a ureq transport.
pub struct TlsLink<In: Transport> {
    buffers: LazyBuffers,
    /// Shared with a body reader that may read past ureq (`direct.rs`).
    core: Arc<Mutex<Core<In>>>,
    /// The decrypted stream as that reader takes it: it lives as long as
    /// the link (the probe only points at it).
    _direct: Arc<Conn>,
    unfold: Unfolding,
}

/// The TLS state and the transport it runs over.
struct Core<In: Transport> {
    conn: ClientConnection,
    sock: TransportAdapter<In>,
}

fn lock<In: Transport>(core: &Mutex<Core<In>>) -> MutexGuard<'_, Core<In>> {
    core.lock().unwrap_or_else(|e| e.into_inner())
}

impl<In: Transport> std::fmt::Debug for TlsLink<In> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsLink").finish_non_exhaustive()
    }
}

/// The decrypted stream of a TLS connection, read below ureq.
struct Decrypted<In: Transport>(Arc<Mutex<Core<In>>>);

impl<In: Transport> direct::Link for Decrypted<In> {
    fn read(&mut self, buf: &mut [u8], timeout: NextTimeout) -> Result<usize, Error> {
        let mut core = lock(&self.0);
        let Core { conn, sock } = &mut *core;
        sock.set_timeout(timeout);
        Ok(fill(conn, sock, buf)?)
    }
}

impl<In: Transport> Transport for TlsLink<In> {
    fn buffers(&mut self) -> &mut dyn Buffers {
        &mut self.buffers
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), Error> {
        let mut core = lock(&self.core);
        let Core { conn, sock } = &mut *core;
        sock.set_timeout(timeout);
        let output = &self.buffers.output()[..amount];
        self.unfold.sent(output);
        rustls::Stream::new(conn, sock).write_all(output)?;
        Ok(())
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, Error> {
        let mut core = lock(&self.core);
        let Core { conn, sock } = &mut *core;
        sock.set_timeout(timeout);
        if self.buffers.input_append_buf().is_empty() {
            return Err(head_overflow(self.buffers.input().len()));
        }
        let buf = self.buffers.input_append_buf();
        let (ready, progress) = self.unfold.read(buf, |buf| fill(conn, sock, buf))?;
        self.buffers.input_appended(ready);
        Ok(progress)
    }

    fn is_open(&mut self) -> bool {
        lock(&self.core).sock.get_mut().is_open()
    }

    fn is_tls(&self) -> bool {
        true
    }
}

/// Reads decrypted bytes into `buf`: waits for the first, then takes
/// every one that the bytes already received hold, without waiting again.
/// 0 is the end of the stream.
fn fill<In: Transport>(
    conn: &mut ClientConnection,
    sock: &mut TransportAdapter<In>,
    buf: &mut [u8],
) -> io::Result<usize> {
    let mut n = rustls::Stream::new(conn, sock).read(buf)?;
    while n > 0 && n < buf.len() {
        match conn.reader().read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(m) => {
                n += m;
                continue;
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            // The next read reports it, after these bytes.
            Err(_) => break,
        }
        if sock.get_mut().buffers().input().is_empty() {
            break;
        }
        if conn.read_tls(sock).is_err() || conn.process_new_packets().is_err() {
            break;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_certificate_is_read_for_its_names_and_expiry() {
        let mut params = rcgen::CertificateParams::new(vec![
            "example.test".to_string(),
            "127.0.0.1".to_string(),
        ])
        .unwrap();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "example.test");
        params.not_after = rcgen::date_time_ymd(2031, 5, 17);
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = params.self_signed(&key).unwrap();
        let facts = certificate(cert.der()).unwrap();
        assert_eq!(facts.subject, "CN=example.test");
        assert_eq!(facts.issuer, "CN=example.test");
        assert_eq!(facts.names, ["example.test", "127.0.0.1"]);
        // 2031-05-17T00:00:00Z
        assert_eq!(facts.not_after, 1_936_742_400);
    }
}
