//! An HTTP/2 test server on h2's own server half: over TLS (ALPN `h2`, a
//! certificate from `tls::Pki`) or h2c. It records every request (method,
//! path, headers, body) and the connections made, and answers by path:
//!
//! - `/reset`: resets the stream with `INTERNAL_ERROR`, no response
//! - `/refuse-once`: the first such stream is refused (`REFUSED_STREAM`)
//! - `/refuse`: every such stream is refused
//! - `/h1-required`: resets with `HTTP_1_1_REQUIRED` (with `tls_and_h1`,
//!   an HTTP/1.1 connection then gets `hello over h1`)
//! - `/goaway`: ends the connection with a GOAWAY `PROTOCOL_ERROR`
//! - `/big/N`: `N` bytes of a repeating pattern (see `big_body`)
//! - `/cut/N`: promises `2N` bytes, sends the first `N` of `/big/2N`,
//!   then resets the stream with `INTERNAL_ERROR`
//! - `/json`: `{"a":1}` as `application/json`
//! - `/trailers`: the text, then an `x-checksum: abc123` trailer
//! - anything else: `hello over h2\n` as text
//!
//! It listens on 127.0.0.1:0 and runs on its own thread and runtime.

use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

use bytes::Bytes;
use h2::server::SendResponse;
use h2::{Reason, RecvStream};
use tokio::io::{AsyncRead, AsyncWrite};

use super::tls::Identity;

pub const H2_BODY: &str = "hello over h2\n";
pub const H1_BODY: &str = "hello over h1\n";

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct H2Request {
    pub method: String,
    pub path: String,
    /// Lowercase names, as HTTP/2 carries them.
    pub headers: Vec<(String, String)>,
    pub authority: String,
    pub body: Vec<u8>,
}

impl H2Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct Shared {
    requests: Mutex<Vec<H2Request>>,
    connections: AtomicUsize,
    refused: AtomicUsize,
    h1_requests: AtomicUsize,
}

pub struct H2Server {
    addr: SocketAddr,
    tls: bool,
    shared: Arc<Shared>,
}

/// HTTP/2 over TLS on a Unix domain socket at `path` (URLs name
/// `localhost`, which the test certificate covers).
pub fn unix_tls(id: &Identity, path: &std::path::Path) -> H2Server {
    let acceptor = tls_acceptor(id, vec![b"h2".to_vec()]);
    let listener = std::os::unix::net::UnixListener::bind(path).unwrap();
    listener.set_nonblocking(true).unwrap();
    let shared = Arc::new(Shared::default());
    let accepting = shared.clone();
    thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::UnixListener::from_std(listener).unwrap();
            while let Ok((socket, _)) = listener.accept().await {
                accepting.connections.fetch_add(1, Ordering::SeqCst);
                if let Ok(tls) = acceptor.accept(socket).await {
                    tokio::spawn(serve(tls, accepting.clone()));
                }
            }
        });
    });
    H2Server {
        addr: "127.0.0.1:443".parse().unwrap(),
        tls: true,
        shared,
    }
}

/// A TLS acceptor for `id` that offers `alpn`.
pub fn tls_acceptor(id: &Identity, alpn: Vec<Vec<u8>>) -> tokio_rustls::TlsAcceptor {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![id.cert_der.clone()], id.key_der())
        .unwrap();
    config.alpn_protocols = alpn;
    tokio_rustls::TlsAcceptor::from(Arc::new(config))
}

/// `n` bytes of a pattern that does not repeat every power of two.
pub fn big_body(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i % 251) as u8).collect()
}

impl H2Server {
    /// HTTP/2 over TLS, presenting `id`; ALPN offers only `h2`.
    pub fn tls(id: &Identity) -> H2Server {
        Self::tls_offering(id, vec![b"h2".to_vec()])
    }

    /// HTTP/2 over TLS, and HTTP/1.1 to a client that offers only that.
    pub fn tls_and_h1(id: &Identity) -> H2Server {
        Self::tls_offering(id, vec![b"h2".to_vec(), b"http/1.1".to_vec()])
    }

    fn tls_offering(id: &Identity, alpn: Vec<Vec<u8>>) -> H2Server {
        Self::start(Some(tls_acceptor(id, alpn)))
    }

    /// h2c: HTTP/2 with prior knowledge over plain TCP.
    pub fn plain() -> H2Server {
        Self::start(None)
    }

    fn start(acceptor: Option<tokio_rustls::TlsAcceptor>) -> H2Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Shared::default());
        let tls = acceptor.is_some();
        let accepting = shared.clone();
        thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(accept(listener, acceptor, accepting));
        });
        H2Server { addr, tls, shared }
    }

    pub fn url(&self, path: &str) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://127.0.0.1:{}{path}", self.addr.port())
    }

    pub fn requests(&self) -> Vec<H2Request> {
        self.shared.requests.lock().unwrap().clone()
    }

    pub fn only_request(&self) -> H2Request {
        let requests = self.requests();
        assert_eq!(requests.len(), 1, "{requests:#?}");
        requests.into_iter().next().unwrap()
    }

    pub fn connection_count(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }

    /// Requests answered over HTTP/1.1 (`tls_and_h1`).
    pub fn h1_count(&self) -> usize {
        self.shared.h1_requests.load(Ordering::SeqCst)
    }
}

async fn accept(
    listener: TcpListener,
    acceptor: Option<tokio_rustls::TlsAcceptor>,
    shared: Arc<Shared>,
) {
    let listener = tokio::net::TcpListener::from_std(listener).unwrap();
    loop {
        let Ok((socket, _)) = listener.accept().await else {
            continue;
        };
        shared.connections.fetch_add(1, Ordering::SeqCst);
        let shared = shared.clone();
        let acceptor = acceptor.clone();
        tokio::spawn(async move {
            match acceptor {
                None => serve(socket, shared).await,
                Some(acceptor) => {
                    let Ok(tls) = acceptor.accept(socket).await else {
                        return;
                    };
                    match tls.get_ref().1.alpn_protocol() {
                        Some(b"h2") => serve(tls, shared).await,
                        _ => serve_h1(tls, shared).await,
                    }
                }
            }
        });
    }
}

/// An HTTP/1.1 connection: one canned answer to one request.
async fn serve_h1<T: AsyncRead + AsyncWrite + Unpin>(mut io: T, shared: Arc<Shared>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 65536 {
        match io.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    shared.h1_requests.fetch_add(1, Ordering::SeqCst);
    let answer = format!(
        "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{H1_BODY}",
        H1_BODY.len()
    );
    let _ = io.write_all(answer.as_bytes()).await;
    let _ = io.shutdown().await;
}

/// One connection: each stream is answered on a task of its own while
/// this loop drives the connection.
async fn serve<T: AsyncRead + AsyncWrite + Unpin>(io: T, shared: Arc<Shared>) {
    let Ok(mut conn) = h2::server::handshake(io).await else {
        return;
    };
    while let Some(next) = conn.accept().await {
        let Ok((request, respond)) = next else {
            return;
        };
        if request.uri().path() == "/goaway" {
            conn.abrupt_shutdown(Reason::PROTOCOL_ERROR);
            continue;
        }
        tokio::spawn(answer(request, respond, shared.clone()));
    }
}

async fn answer(
    request: ureq::http::Request<RecvStream>,
    mut respond: SendResponse<Bytes>,
    shared: Arc<Shared>,
) {
    let (parts, mut body) = request.into_parts();
    let mut received = Vec::new();
    while let Some(Ok(data)) = body.data().await {
        let _ = body.flow_control().release_capacity(data.len());
        received.extend_from_slice(&data);
    }
    let path = parts.uri.path().to_string();
    shared.requests.lock().unwrap().push(H2Request {
        method: parts.method.to_string(),
        path: parts
            .uri
            .path_and_query()
            .map_or(path.clone(), |p| p.to_string()),
        headers: parts
            .headers
            .iter()
            .map(|(n, v)| (n.to_string(), String::from_utf8_lossy(v.as_bytes()).into()))
            .collect(),
        authority: parts
            .uri
            .authority()
            .map_or(String::new(), |a| a.to_string()),
        body: received,
    });
    let refuse = path == "/refuse"
        || path == "/refuse-once" && shared.refused.fetch_add(1, Ordering::SeqCst) == 0;
    let reset = match path.as_str() {
        "/reset" => Some(Reason::INTERNAL_ERROR),
        "/h1-required" => Some(Reason::HTTP_1_1_REQUIRED),
        _ if refuse => Some(Reason::REFUSED_STREAM),
        _ => None,
    };
    if let Some(reason) = reset {
        respond.send_reset(reason);
        return;
    }
    if let Some(n) = path.strip_prefix("/cut/") {
        send_cut(respond, n.parse().unwrap()).await;
        return;
    }
    let (content_type, body) = match path.strip_prefix("/big/") {
        Some(n) => ("application/octet-stream", big_body(n.parse().unwrap())),
        None if path == "/json" => ("application/json", b"{\"a\":1}".to_vec()),
        None => ("text/plain", H2_BODY.as_bytes().to_vec()),
    };
    let response = ureq::http::Response::builder()
        .status(200)
        .header("content-type", content_type)
        .header("content-length", body.len())
        .body(())
        .unwrap();
    let Ok(mut stream) = respond.send_response(response, false) else {
        return;
    };
    send_all(&mut stream, Bytes::from(body), path == "/trailers").await;
}

/// The first `n` bytes of a `2n`-byte body, then a reset.
async fn send_cut(mut respond: SendResponse<Bytes>, n: usize) {
    let response = ureq::http::Response::builder()
        .status(200)
        .header("content-length", 2 * n)
        .body(())
        .unwrap();
    let Ok(mut stream) = respond.send_response(response, false) else {
        return;
    };
    let mut body = Bytes::from(big_body(2 * n));
    body.truncate(n);
    while !body.is_empty() {
        stream.reserve_capacity(body.len());
        let granted = std::future::poll_fn(|cx| stream.poll_capacity(cx)).await;
        let Some(Ok(granted)) = granted else { return };
        let part = body.split_to(granted.min(body.len()));
        if stream.send_data(part, false).is_err() {
            return;
        }
    }
    stream.send_reset(Reason::INTERNAL_ERROR);
}

/// Sends `body` as the client's windows allow, then ends the stream (with
/// an `x-checksum: abc123` trailer when asked).
async fn send_all(stream: &mut h2::SendStream<Bytes>, mut body: Bytes, trailer: bool) {
    while !body.is_empty() {
        stream.reserve_capacity(body.len());
        let granted = std::future::poll_fn(|cx| stream.poll_capacity(cx)).await;
        let Some(Ok(granted)) = granted else { return };
        let part = body.split_to(granted.min(body.len()));
        if stream.send_data(part, false).is_err() {
            return;
        }
    }
    if trailer {
        let mut fields = ureq::http::HeaderMap::new();
        fields.insert("x-checksum", "abc123".parse().unwrap());
        let _ = stream.send_trailers(fields);
        return;
    }
    let _ = stream.send_data(Bytes::new(), true);
}
