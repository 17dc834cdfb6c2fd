//! What a TLS handshake offers and settles: the ALPN list (h2 only where
//! the connection may speak it), the handshake itself over whatever
//! carries it (a socket, a proxy's tunnel, TLS to an https proxy), and
//! the facts the trace and `health` show (`TlsFacts`).

use std::io::{Read, Write};

use rustls::pki_types::ServerName;
use rustls::ClientConnection;

use super::tls::Tls;
use crate::tls_facts::{CertFacts, TlsFacts};
use crate::transport::HttpVersion;

/// What ALPN offers to the origin: h2 only where the connection may speak
/// it (`h2`: the versions it may speak then, `None` for HTTP/1.1 only).
/// TLS to a proxy offers http/1.1 alone.
pub fn offer(h2: Option<HttpVersion>, to_origin: bool) -> Vec<Vec<u8>> {
    match (to_origin, h2) {
        (true, Some(HttpVersion::Http2Only)) => vec![b"h2".to_vec()],
        (true, Some(HttpVersion::Negotiate)) => vec![b"h2".to_vec(), b"http/1.1".to_vec()],
        _ => vec![b"http/1.1".to_vec()],
    }
}

/// TLS to `host` over `io`, offering `alpn`, with SNI and the certificate
/// check for `host`.
pub fn handshake(
    tls: &Tls,
    host: &str,
    alpn: Vec<Vec<u8>>,
    io: &mut (impl Read + Write),
) -> Result<ClientConnection, ureq::Error> {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let name = ServerName::try_from(host.to_string())
        .map_err(|_| ureq::Error::Tls("the host is not a valid name for TLS"))?;
    let mut conn = ClientConnection::new_with_alpn(tls.client_config(), name, alpn)?;
    conn.complete_io(io)?;
    Ok(conn)
}

/// What the handshake of `conn` settled.
pub fn facts(conn: &ClientConnection) -> TlsFacts {
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
