//! Test support for TLS and proxy tests: certificates generated at test time
//! (rcgen), a small HTTPS server (rustls) that records what it received, and
//! a small CONNECT proxy that records what it received and relays bytes to
//! a local target.
//!
//! Everything listens on 127.0.0.1:0; nothing touches the network. Both
//! servers read requests with `server`'s parser.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use base64::prelude::{Engine, BASE64_STANDARD};
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use super::server::{head_len, parse_head, parse_request, Request};

// ---------------------------------------------------------------------------
// Certificates
// ---------------------------------------------------------------------------

/// A fixed RSA-2048 key (PKCS#8), generated once for these tests only:
/// neither ring nor rcgen (with ring) can generate RSA keys, and a PKCS#1
/// key file is derived from it.
const RSA_PKCS8_PEM: &str = "-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDjmU5rhP7ffHhY
3hdrFUhBCJblDclwKBYRDBwc6S/iKkr2hGbzyWIvSIA/WdLUTlQVl8Pp5RVLG6XH
1oZ2E83rmzgrsBcaFHqV4Fr2RBEQGaIV4OmZNVbZ0UKQrEOYddYA6yJRmsBIK+0M
bAgyU6NeRWXM8/3SBjczfjXtNDsCb30HS2BNT4peZ9RJa0YEry9sgHgezn57Pk2o
8WjCinOxCS4QnBmuuh7WXLHxY80r/it8Mre3pnSbi9EVk7oLAsWdBxXKFcbyr9EY
6mYjhRDmH5SuTuLQTxAyDn/n1K3pFk545kyC0zB74CxLj9SltvUEAnFum8TW59X9
xngLL0KZAgMBAAECggEAIFQdZH5eqaYHfjAFyYsbWUl8DYsYytqWz9MVhzHEQG7b
eQqziPtY+/hjZxw+KzP5E5wcEvQcQy/pK2qYbNtBS68fmm0HywePpgxZP1PJzKyn
bk4lQELoVEY6G0ysyVIrlLPRix/dIiNDJ5mMzIE+2lwnKqaZriR94M2ToV7i5uRk
nifH2KYJiHmGU1seFLgffiQ+/71wAR5G6HG8LGb2sP9ufX/TC98nTDtb8VjFk6Cv
mblYzZUCJeZbbIxfbGAwDwTRh1DivzAwWFRE0kIttvkEQ0ouXVSZ8KZ3xIhctlZe
cqW9R6/fJG3gmejCy15YAHJ8uCWKdsRUl3+H8hQn5QKBgQDxoVLnMIrzxtu8SCmB
yX2lL8Jsh06A7i+z2ZKwnyTA2m+svM7i0Ctm2reAPxL/fAG6kfZcdPturWjzDhoS
qxa+odYMHZe1n1LMZDEzUAupR2tHcWE81hF3qyDekmdNPZWf8uRkWI+OpC5Mac4M
XEn2z66fuHB3YD9w53ZZulTVfwKBgQDxIl0t1RPy84i3e3S2ZzA20lnbobfSsLeW
2QFBosZU+x3ZvhvntFbOVIISTKCji8ncn0yKJnxHtqBzvkZr7RBl7xhFwhilHCwN
oRlOzo07sqY+Gru3pWc5SWYf+PC2UGRcw8SVUpNOH5uEF4KRQVY9dfUFbBOGi6x0
ffVF2C3j5wKBgQCu7C7sFwRAvnFMuKDzyD4hW5XQo5N9WvFFrfi3zD37LycxUe4j
3LfO2f+F5COIuOk3e3tyK23qDbewXUEayqjIkLg4RSQS46g5Nz82+ne2sHFFYxsV
w5MZotVEy4/lJvQuutQEoOgsR0cNInt8D0OsXWT5U7h3c0H6JlZTVsUbWQKBgQCa
nTQt/SBreahCLhDqHEQYAszHPWyG1fUB7mcV1O9i8hlz0qhF66Z1ak50uVmPRETN
B/+l3YN24C0Fyg2RilInaiWgJRJ0XBoLKy71DxAUJTrfO3j+CjqjyuKGwbJm1Clm
KcjVDjuRrkajbge0Z7aKdiYDsgbbEJglodYxUKosJQKBgB5jDxYbeDj586FZxgO2
cL3/3i1NVBMZkFayIuMbRezPFyJ19OykWxxVjQHSd6eutsbj9Y+niWBajwXYXPrx
jLhvrAVXxCDFayJ1xXLvx/qCo7U2l8CpFgsy5JEAavhqSCYDaZRLmCjDGTe6Usqu
7ZFucLZwQ5p19ffj6FzEXj2Q
-----END PRIVATE KEY-----
";

/// A certificate and its key, as DER and as PEM files on disk.
pub struct Identity {
    pub cert_der: CertificateDer<'static>,
    /// PKCS#8 DER of the key.
    pub key_pkcs8: Vec<u8>,
    pub cert_pem: PathBuf,
    /// The key as `-----BEGIN PRIVATE KEY-----` (PKCS#8).
    pub key_pem: PathBuf,
}

impl Identity {
    /// A rustls private key for a server config.
    pub fn key_der(&self) -> PrivateKeyDer<'static> {
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.key_pkcs8.clone()))
    }
}

/// A throw-away PKI in a temporary directory:
///
/// - `ca`: the CA that signs the server certificates
/// - `server`: `localhost` and `127.0.0.1`, signed by `ca`
/// - `other_host`: `other.example` only, signed by `ca`
/// - `expired`: `localhost` and `127.0.0.1`, valid 2000–2001, signed by `ca`
/// - `not_yet_valid`: valid from 2090, signed by `ca`
/// - `client_ca`: the CA the mTLS server trusts for client certificates
/// - `client`: a client certificate (P-256, PKCS#8 key) signed by `client_ca`
/// - `client_sec1_key`: the same client key as SEC1 (`EC PRIVATE KEY`)
/// - `client_rsa`: an RSA client certificate signed by `client_ca`, whose
///   key also exists as PKCS#1 (`client_rsa_pkcs1_key`)
/// - `stranger`: a client certificate signed by an unrelated CA
/// - `unrelated_ca`: a CA that signed nothing used here
/// - `other_key`: a P-256 key that belongs to no certificate (PKCS#8)
/// - `self_signed`: a self-signed end-entity certificate for `localhost`
///   and `127.0.0.1` (not a CA)
/// - `self_signed_ca`: a self-signed certificate for `localhost` and
///   `127.0.0.1` with `CA:TRUE`, as `openssl req -x509` makes by default
pub struct Pki {
    pub dir: tempfile::TempDir,
    pub ca: Identity,
    pub server: Identity,
    pub other_host: Identity,
    pub expired: Identity,
    pub not_yet_valid: Identity,
    pub client_ca: Identity,
    pub client: Identity,
    pub client_sec1_key: PathBuf,
    pub client_rsa: Identity,
    pub client_rsa_pkcs1_key: PathBuf,
    pub stranger: Identity,
    pub unrelated_ca: Identity,
    pub other_key: PathBuf,
    pub self_signed: Identity,
    pub self_signed_ca: Identity,
    /// For `localhost` and `127.0.0.1`, signed by `ca`, expiring 5 days
    /// (and an hour) from now.
    pub expires_in_5_days: Identity,
    /// The same, 400 days (and an hour) from now.
    pub expires_in_400_days: Identity,
}

fn ca_params(name: &str) -> CertificateParams {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, name);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    params
}

fn leaf_params(names: &[&str], eku: ExtendedKeyUsagePurpose) -> CertificateParams {
    let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    let mut params = CertificateParams::new(names.clone()).unwrap();
    params.distinguished_name.push(
        DnType::CommonName,
        names.first().cloned().unwrap_or_else(|| "client".into()),
    );
    params.use_authority_key_identifier_extension = true;
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![eku];
    params
}

fn write(dir: &Path, name: &str, contents: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn identity(dir: &Path, name: &str, cert: &rcgen::Certificate, key: &KeyPair) -> Identity {
    Identity {
        cert_der: cert.der().clone(),
        key_pkcs8: key.serialize_der(),
        cert_pem: write(dir, &format!("{name}.pem"), cert.pem().as_bytes()),
        key_pem: write(dir, &format!("{name}.key"), key.serialize_pem().as_bytes()),
    }
}

/// Makes a self-signed CA; returns it and its issuer.
fn make_ca(dir: &Path, file: &str, cn: &str) -> (Identity, Issuer<'static, KeyPair>) {
    let params = ca_params(cn);
    let key = KeyPair::generate().unwrap();
    let cert = params.self_signed(&key).unwrap();
    let id = identity(dir, file, &cert, &key);
    (id, Issuer::new(params, key))
}

fn make_leaf(
    dir: &Path,
    file: &str,
    params: CertificateParams,
    key: KeyPair,
    issuer: &Issuer<'static, KeyPair>,
) -> Identity {
    let cert = params.signed_by(&key, issuer).unwrap();
    identity(dir, file, &cert, &key)
}

impl Pki {
    pub fn new() -> Pki {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let (ca, ca_issuer) = make_ca(d, "ca", "httpc test CA");
        let (client_ca, client_issuer) = make_ca(d, "client-ca", "httpc test client CA");
        let (unrelated_ca, unrelated_issuer) = make_ca(d, "unrelated-ca", "httpc unrelated CA");

        let server_auth = ExtendedKeyUsagePurpose::ServerAuth;
        let client_auth = ExtendedKeyUsagePurpose::ClientAuth;

        let server = make_leaf(
            d,
            "server",
            leaf_params(&["localhost", "127.0.0.1"], server_auth.clone()),
            KeyPair::generate().unwrap(),
            &ca_issuer,
        );
        let other_host = make_leaf(
            d,
            "other-host",
            leaf_params(&["other.example"], server_auth.clone()),
            KeyPair::generate().unwrap(),
            &ca_issuer,
        );
        let mut params = leaf_params(&["localhost", "127.0.0.1"], server_auth.clone());
        params.not_before = rcgen::date_time_ymd(2000, 1, 1);
        params.not_after = rcgen::date_time_ymd(2001, 1, 1);
        let expired = make_leaf(
            d,
            "expired",
            params,
            KeyPair::generate().unwrap(),
            &ca_issuer,
        );
        let mut params = leaf_params(&["localhost", "127.0.0.1"], server_auth);
        params.not_before = rcgen::date_time_ymd(2090, 1, 1);
        params.not_after = rcgen::date_time_ymd(2091, 1, 1);
        let not_yet_valid = make_leaf(
            d,
            "not-yet-valid",
            params,
            KeyPair::generate().unwrap(),
            &ca_issuer,
        );

        let client = make_leaf(
            d,
            "client",
            leaf_params(&["client.example"], client_auth.clone()),
            KeyPair::generate().unwrap(),
            &client_issuer,
        );
        let client_sec1_key = write(
            d,
            "client-sec1.key",
            pem("EC PRIVATE KEY", &p256_pkcs8_to_sec1(&client.key_pkcs8)).as_bytes(),
        );
        let rsa_key = KeyPair::from_pem(RSA_PKCS8_PEM).unwrap();
        let rsa_pkcs1 = pkcs8_inner(&rsa_key.serialize_der());
        let client_rsa = make_leaf(
            d,
            "client-rsa",
            leaf_params(&["rsa.client.example"], client_auth.clone()),
            rsa_key,
            &client_issuer,
        );
        let client_rsa_pkcs1_key = write(
            d,
            "client-rsa-pkcs1.key",
            pem("RSA PRIVATE KEY", &rsa_pkcs1).as_bytes(),
        );
        let stranger = make_leaf(
            d,
            "stranger",
            leaf_params(&["stranger.example"], client_auth),
            KeyPair::generate().unwrap(),
            &unrelated_issuer,
        );
        let other_key = write(
            d,
            "other.key",
            KeyPair::generate().unwrap().serialize_pem().as_bytes(),
        );
        let key = KeyPair::generate().unwrap();
        let params = leaf_params(
            &["localhost", "127.0.0.1"],
            ExtendedKeyUsagePurpose::ServerAuth,
        );
        // A name no system trust anchor has (Debian's ssl-cert "snakeoil"
        // certificate in /etc/ssl/certs is `CN=localhost`, and webpki picks
        // anchors by subject name).
        let mut params = params;
        params
            .distinguished_name
            .push(DnType::CommonName, "httpc self-signed test server");
        let self_signed = identity(d, "self-signed", &params.self_signed(&key).unwrap(), &key);
        let key = KeyPair::generate().unwrap();
        let mut params =
            CertificateParams::new(vec!["localhost".into(), "127.0.0.1".into()]).unwrap();
        params
            .distinguished_name
            .push(DnType::CommonName, "localhost");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let self_signed_ca = identity(
            d,
            "self-signed-ca",
            &params.self_signed(&key).unwrap(),
            &key,
        );
        let expiring = |file: &str, days: i64| {
            let mut params = leaf_params(
                &["localhost", "127.0.0.1"],
                ExtendedKeyUsagePurpose::ServerAuth,
            );
            params.not_after = time::OffsetDateTime::now_utc()
                + time::Duration::days(days)
                + time::Duration::hours(1);
            make_leaf(d, file, params, KeyPair::generate().unwrap(), &ca_issuer)
        };
        let expires_in_5_days = expiring("expires-in-5-days", 5);
        let expires_in_400_days = expiring("expires-in-400-days", 400);
        Pki {
            dir,
            expires_in_5_days,
            expires_in_400_days,
            ca,
            server,
            other_host,
            expired,
            not_yet_valid,
            client_ca,
            client,
            client_sec1_key,
            client_rsa,
            client_rsa_pkcs1_key,
            stranger,
            unrelated_ca,
            other_key,
            self_signed,
            self_signed_ca,
        }
    }

    /// A file in the PKI's directory with these contents.
    pub fn file(&self, name: &str, contents: &[u8]) -> PathBuf {
        write(self.dir.path(), name, contents)
    }

    /// A path in the PKI's directory where no file exists.
    pub fn missing(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// PEM text with 64-character lines.
pub fn pem(label: &str, der: &[u8]) -> String {
    let b64 = BASE64_STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

// --- a few DER helpers to turn PKCS#8 into SEC1 and PKCS#1 ------------------

/// (tag, contents, rest) of the first DER element.
fn der_next(input: &[u8]) -> (u8, &[u8], &[u8]) {
    let tag = input[0];
    let (len, header) = match input[1] {
        n if n < 0x80 => (n as usize, 2),
        n => {
            let count = (n & 0x7f) as usize;
            let len = input[2..2 + count]
                .iter()
                .fold(0usize, |acc, &b| (acc << 8) | b as usize);
            (len, 2 + count)
        }
    };
    (tag, &input[header..header + len], &input[header + len..])
}

fn der(tag: u8, contents: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = contents.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .iter()
            .copied()
            .skip_while(|&b| b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend_from_slice(&bytes);
    }
    out.extend_from_slice(contents);
    out
}

/// The privateKey OCTET STRING of a PKCS#8 PrivateKeyInfo: for RSA this is
/// the PKCS#1 RSAPrivateKey, for EC the SEC1 ECPrivateKey.
fn pkcs8_inner(pkcs8: &[u8]) -> Vec<u8> {
    let (tag, seq, _) = der_next(pkcs8);
    assert_eq!(tag, 0x30);
    let (_, _version, rest) = der_next(seq);
    let (_, _algorithm, rest) = der_next(rest);
    let (tag, private_key, _) = der_next(rest);
    assert_eq!(tag, 0x04);
    private_key.to_vec()
}

/// A P-256 PKCS#8 key as a SEC1 `ECPrivateKey` the way OpenSSL writes it:
/// version 1, the private key, the curve OID `[0]` and the public key `[1]`.
fn p256_pkcs8_to_sec1(pkcs8: &[u8]) -> Vec<u8> {
    let inner = pkcs8_inner(pkcs8);
    let (tag, seq, _) = der_next(&inner);
    assert_eq!(tag, 0x30);
    let (_, _version, rest) = der_next(seq);
    let (tag, private, mut rest) = der_next(rest);
    assert_eq!(tag, 0x04);
    let mut public = None;
    while !rest.is_empty() {
        let (tag, contents, next) = der_next(rest);
        if tag == 0xa1 {
            public = Some(contents.to_vec()); // the BIT STRING, encoded
        }
        rest = next;
    }
    let public = public.expect("ring's PKCS#8 carries the public key");
    const PRIME256V1: &[u8] = &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    let mut body = der(0x02, &[1]);
    body.extend(der(0x04, private));
    body.extend(der(0xa0, PRIME256V1));
    body.extend(der(0xa1, &public));
    der(0x30, &body)
}

// ---------------------------------------------------------------------------
// HTTPS server
// ---------------------------------------------------------------------------

/// The body every request to a `TlsServer` gets.
pub const TLS_BODY: &str = "hello over tls\n";

/// One request as the HTTPS server saw it.
#[derive(Debug, Clone)]
pub struct TlsRequest {
    /// Request line and headers, as text (CRLFs kept).
    pub head: String,
    /// Whether the client presented a certificate.
    pub client_cert: bool,
    /// The server name the client sent (SNI).
    pub sni: Option<String>,
}

impl TlsRequest {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.split("\r\n").skip(1).find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    }

    pub fn request_line(&self) -> &str {
        self.head.split("\r\n").next().unwrap_or("")
    }
}

#[derive(Default)]
struct TlsShared {
    connections: AtomicUsize,
    requests: Mutex<Vec<TlsRequest>>,
    stop: AtomicBool,
    /// The whole response to send instead of the `TLS_BODY` one.
    response: Mutex<Option<Arc<Vec<u8>>>>,
}

/// A small HTTPS/1.1 server on 127.0.0.1: one request per connection,
/// answered with `200 OK` and `TLS_BODY`, then closed.
pub struct TlsServer {
    addr: SocketAddr,
    shared: Arc<TlsShared>,
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

impl TlsServer {
    /// Presents `id` (its certificate alone, without the CA).
    pub fn new(id: &Identity) -> TlsServer {
        Self::with_client_auth(id, None)
    }

    /// Presents `id` and, with `client_ca`, requires a client certificate
    /// signed by it.
    pub fn with_client_auth(id: &Identity, client_ca: Option<&Identity>) -> TlsServer {
        Self::start(id, client_ca, rustls::DEFAULT_VERSIONS)
    }

    /// Presents `id` and speaks only these TLS versions.
    pub fn with_versions(
        id: &Identity,
        versions: &[&'static rustls::SupportedProtocolVersion],
    ) -> TlsServer {
        Self::start(id, None, versions)
    }

    fn start(
        id: &Identity,
        client_ca: Option<&Identity>,
        versions: &[&'static rustls::SupportedProtocolVersion],
    ) -> TlsServer {
        let builder = rustls::ServerConfig::builder_with_provider(provider())
            .with_protocol_versions(versions)
            .unwrap();
        let builder = match client_ca {
            Some(ca) => {
                let mut roots = rustls::RootCertStore::empty();
                roots.add(ca.cert_der.clone()).unwrap();
                let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
                    Arc::new(roots),
                    provider(),
                )
                .build()
                .unwrap();
                builder.with_client_cert_verifier(verifier)
            }
            None => builder.with_no_client_auth(),
        };
        let mut config = builder
            .with_single_cert(vec![id.cert_der.clone()], id.key_der())
            .unwrap();
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        let config = Arc::new(config);
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(TlsShared::default());
        let accept_shared = Arc::clone(&shared);
        thread::spawn(move || {
            for stream in listener.incoming() {
                if accept_shared.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                accept_shared.connections.fetch_add(1, Ordering::SeqCst);
                let shared = Arc::clone(&accept_shared);
                let config = Arc::clone(&config);
                thread::spawn(move || serve_tls(stream, config, &shared));
            }
        });
        TlsServer { addr, shared }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Answers every request with these bytes (status line, headers and
    /// body) from now on.
    pub fn respond_with(&self, response: Vec<u8>) {
        *self.shared.response.lock().unwrap() = Some(Arc::new(response));
    }

    /// `https://127.0.0.1:PORT` + path.
    pub fn url(&self, path: &str) -> String {
        format!("https://127.0.0.1:{}{}", self.addr.port(), path)
    }

    /// `https://HOST:PORT` + path.
    pub fn url_for(&self, host: &str, path: &str) -> String {
        format!("https://{host}:{}{}", self.addr.port(), path)
    }

    pub fn connection_count(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }

    pub fn requests(&self) -> Vec<TlsRequest> {
        self.shared.requests.lock().unwrap().clone()
    }

    pub fn only_request(&self) -> TlsRequest {
        let reqs = self.requests();
        assert_eq!(reqs.len(), 1, "expected exactly one request, got {reqs:#?}");
        reqs.into_iter().next().unwrap()
    }

    /// Panics if the server accepted any TCP connection.
    pub fn assert_no_connection(&self) {
        assert_eq!(
            self.connection_count(),
            0,
            "expected no connection; requests: {:#?}",
            self.requests()
        );
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
    }
}

fn serve_tls(tcp: TcpStream, config: Arc<rustls::ServerConfig>, shared: &TlsShared) {
    let _ = tcp.set_read_timeout(Some(Duration::from_secs(10)));
    let Ok(conn) = rustls::ServerConnection::new(config) else {
        return;
    };
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    // A failed handshake or a malformed request ends the connection; the
    // tests see that from httpc's side.
    let request = loop {
        match parse_request(&buf, 0) {
            Ok(Some((request, _))) => break request,
            Ok(None) => {}
            Err(_) => return,
        }
        match tls.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    shared.requests.lock().unwrap().push(TlsRequest {
        head: String::from_utf8_lossy(&request.raw_head).into_owned(),
        client_cert: tls.conn.peer_certificates().is_some_and(|c| !c.is_empty()),
        sni: tls.conn.server_name().map(str::to_string),
    });
    let custom = shared.response.lock().unwrap().clone();
    let response = match custom {
        Some(bytes) => bytes.to_vec(),
        None => format!(
            "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{TLS_BODY}",
            TLS_BODY.len()
        )
        .into_bytes(),
    };
    let _ = tls.write_all(&response);
    tls.conn.send_close_notify();
    let _ = tls.flush();
    let _ = tls.sock.shutdown(Shutdown::Write);
    // Let the client read to the end before the socket goes away.
    let _ = tls.sock.set_read_timeout(Some(Duration::from_secs(2)));
    let mut sink = [0u8; 1024];
    while matches!(tls.sock.read(&mut sink), Ok(n) if n > 0) {}
}

// ---------------------------------------------------------------------------
// Proxy
// ---------------------------------------------------------------------------

/// How the proxy answers.
#[derive(Debug, Clone)]
pub enum ProxyMode {
    /// Relay: `200 Connection established` for CONNECT, then bytes both
    /// ways; an absolute-form request is forwarded as a real forward proxy
    /// does (origin-form, without Proxy-Authorization), each request of the
    /// connection recorded.
    Tunnel,
    /// As `Tunnel`, but every target is reached at this address (so the
    /// test can use host names that do not resolve).
    TunnelTo(SocketAddr),
    /// Answer with this status and reason (and `REFUSAL_BODY`), then close.
    Refuse(u16, &'static str),
}

/// What a refusing proxy says in its body.
pub const REFUSAL_BODY: &str = "the test proxy says no\n";

struct ProxyShared {
    mode: ProxyMode,
    connections: AtomicUsize,
    /// What clients sent to the proxy itself (CONNECT, or an absolute-form
    /// request): the request line and headers.
    requests: Mutex<Vec<Request>>,
    stop: AtomicBool,
}

/// A small HTTP proxy on 127.0.0.1 that records what it received.
pub struct TestProxy {
    addr: SocketAddr,
    shared: Arc<ProxyShared>,
}

impl TestProxy {
    pub fn new(mode: ProxyMode) -> TestProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(ProxyShared {
            mode,
            connections: AtomicUsize::new(0),
            requests: Mutex::new(Vec::new()),
            stop: AtomicBool::new(false),
        });
        let accept_shared = Arc::clone(&shared);
        thread::spawn(move || {
            for stream in listener.incoming() {
                if accept_shared.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let id = accept_shared.connections.fetch_add(1, Ordering::SeqCst);
                let shared = Arc::clone(&accept_shared);
                thread::spawn(move || serve_proxy(stream, id, &shared));
            }
        });
        TestProxy { addr, shared }
    }

    pub fn tunnel() -> TestProxy {
        TestProxy::new(ProxyMode::Tunnel)
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.addr.port())
    }

    /// `http://USERINFO@127.0.0.1:PORT`
    pub fn url_with_user(&self, userinfo: &str) -> String {
        format!("http://{userinfo}@127.0.0.1:{}", self.addr.port())
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn connection_count(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.shared.requests.lock().unwrap().clone()
    }

    pub fn only_request(&self) -> Request {
        let reqs = self.requests();
        assert_eq!(
            reqs.len(),
            1,
            "expected exactly one request at the proxy, got {reqs:#?}"
        );
        reqs.into_iter().next().unwrap()
    }

    /// Panics if the proxy accepted any connection.
    pub fn assert_unused(&self) {
        assert_eq!(
            self.connection_count(),
            0,
            "expected the proxy to be bypassed; it received {:#?}",
            self.requests()
        );
    }
}

impl Drop for TestProxy {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
    }
}

fn serve_proxy(mut client: TcpStream, conn: usize, shared: &ProxyShared) {
    let _ = client.set_read_timeout(Some(Duration::from_secs(10)));
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let end = loop {
        if let Some(end) = head_len(&buf) {
            break end;
        }
        match client.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let Ok(req) = parse_head(&buf[..end], conn) else {
        return;
    };
    shared.requests.lock().unwrap().push(req.clone());
    let leftover = buf[end..].to_vec();
    let _ = client.set_read_timeout(None);

    let fixed = match shared.mode {
        ProxyMode::Refuse(status, reason) => {
            let extra = if status == 407 {
                "proxy-authenticate: Basic realm=\"test proxy\"\r\n"
            } else {
                ""
            };
            let _ = write!(
                client,
                "HTTP/1.1 {status} {reason}\r\n{extra}content-length: {}\r\nconnection: close\r\n\r\n{REFUSAL_BODY}",
                REFUSAL_BODY.len()
            );
            let _ = client.flush();
            let _ = client.shutdown(Shutdown::Write);
            let _ = client.set_read_timeout(Some(Duration::from_secs(2)));
            while matches!(client.read(&mut chunk), Ok(n) if n > 0) {}
            return;
        }
        ProxyMode::TunnelTo(addr) => Some(addr),
        ProxyMode::Tunnel => None,
    };

    let connect = req.method.eq_ignore_ascii_case("CONNECT");
    if !connect {
        drop(req);
        shared.requests.lock().unwrap().pop();
        forward_requests(client, buf, conn, shared, fixed);
        return;
    }
    let authority = if connect {
        req.target.clone()
    } else {
        // Absolute form: http://host:port/path
        let rest = req
            .target
            .strip_prefix("http://")
            .unwrap_or(&req.target)
            .to_string();
        let authority = rest.split('/').next().unwrap_or("").to_string();
        if authority.contains(':') {
            authority
        } else {
            format!("{authority}:80")
        }
    };
    let target = match fixed {
        Some(addr) => TcpStream::connect_timeout(&addr, Duration::from_secs(2)),
        None => authority
            .to_socket_addrs()
            .and_then(|mut addrs| addrs.next().ok_or(io::ErrorKind::NotFound.into()))
            .and_then(|addr| TcpStream::connect_timeout(&addr, Duration::from_secs(2))),
    };
    let mut target = match target {
        Ok(t) => t,
        Err(_) => {
            let _ = client.write_all(
                b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
            );
            return;
        }
    };
    if connect {
        if client
            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
            .is_err()
        {
            return;
        }
    } else if target.write_all(&buf[..end]).is_err() {
        return;
    }
    if !leftover.is_empty() && target.write_all(&leftover).is_err() {
        return;
    }
    relay(client, target);
}

/// A forward proxy's work, one request at a time: each absolute-form
/// request is recorded, sent to its origin in origin-form without the
/// proxy's credentials, and the origin's whole answer is relayed back.
fn forward_requests(
    mut client: TcpStream,
    mut buf: Vec<u8>,
    conn: usize,
    shared: &ProxyShared,
    fixed: Option<SocketAddr>,
) {
    let _ = client.set_read_timeout(Some(Duration::from_secs(10)));
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let (req, used) = loop {
            match parse_request(&buf, conn) {
                Ok(Some(done)) => break done,
                Ok(None) => match client.read(&mut chunk) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => buf.extend_from_slice(&chunk[..n]),
                },
                Err(_) => return,
            }
        };
        buf.drain(..used);
        shared.requests.lock().unwrap().push(req.clone());
        let rest = req.target.strip_prefix("http://").unwrap_or(&req.target);
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        let authority = match authority.contains(':') {
            true => authority.to_string(),
            false => format!("{authority}:80"),
        };
        let mut head = format!("{} {path} {}\r\n", req.method, req.version);
        for (name, value) in &req.headers {
            let lower = name.to_ascii_lowercase();
            if !matches!(
                lower.as_str(),
                "proxy-authorization" | "connection" | "transfer-encoding"
            ) {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
        }
        if req.chunked {
            head.push_str(&format!("content-length: {}\r\n", req.body.len()));
        }
        head.push_str("connection: close\r\n\r\n");
        let target = match fixed {
            Some(addr) => TcpStream::connect_timeout(&addr, Duration::from_secs(2)),
            None => authority
                .to_socket_addrs()
                .and_then(|mut a| a.next().ok_or(io::ErrorKind::NotFound.into()))
                .and_then(|addr| TcpStream::connect_timeout(&addr, Duration::from_secs(2))),
        };
        let Ok(mut target) = target else {
            let _ = client.write_all(
                b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
            );
            return;
        };
        let _ = target.set_read_timeout(Some(Duration::from_secs(10)));
        let mut answer = Vec::new();
        let sent = target
            .write_all(head.as_bytes())
            .and_then(|_| target.write_all(&req.body))
            .and_then(|_| target.read_to_end(&mut answer));
        if sent.is_err() || client.write_all(&answer).is_err() {
            return;
        }
    }
}

/// Copies bytes both ways until both sides are done.
fn relay(client: TcpStream, target: TcpStream) {
    let (Ok(mut client_r), Ok(mut target_w)) = (client.try_clone(), target.try_clone()) else {
        return;
    };
    let up = thread::spawn(move || {
        let _ = io::copy(&mut client_r, &mut target_w);
        let _ = target_w.shutdown(Shutdown::Write);
    });
    let (mut target_r, mut client_w) = (target, client);
    let _ = io::copy(&mut target_r, &mut client_w);
    let _ = client_w.shutdown(Shutdown::Write);
    let _ = up.join();
}

/// `Basic base64(user:password)`.
pub fn basic(user: &str, password: &str) -> String {
    format!(
        "Basic {}",
        BASE64_STANDARD.encode(format!("{user}:{password}"))
    )
}
