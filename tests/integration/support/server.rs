//! The one scripted HTTP/1.1 test server: records what it received and
//! answers what the test's closure (or script) says.
//!
//! std::net only. One server per test on 127.0.0.1:0; every connection is
//! handled on its own thread with keep-alive, and every request is recorded
//! (connection id, method, target, version, headers in wire order, decoded
//! body, raw head) before the reply is decided. Faulty replies (short body,
//! cut chunk, reset, stall, ...) are written on the raw socket.
//!
//! The server guards itself, so that a broken fixture cannot pass for a
//! transfer fault: the handler runs under `catch_unwind`, and dropping the
//! server fails the test when a handler panicked, when a scripted reply was
//! never used, or when a closure server was never called and the test did
//! not say it expects no request (`assert_nothing_received`).

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

// ---------------------------------------------------------------------------
// What the server received
// ---------------------------------------------------------------------------

/// One request as the server saw it on the wire.
#[derive(Debug, Clone)]
pub struct Request {
    /// Which connection it came on (0 for the first accepted connection).
    pub conn: usize,
    pub method: String,
    /// The request target exactly as sent (`/path?x=1`).
    pub target: String,
    /// `HTTP/1.1`
    pub version: String,
    /// Header names and values in wire order, names as sent, values trimmed
    /// of surrounding spaces and tabs.
    pub headers: Vec<(String, String)>,
    /// The body, decoded from Content-Length or chunked framing.
    pub body: Vec<u8>,
    /// Whether the body came with `Transfer-Encoding: chunked`.
    pub chunked: bool,
    /// The request line and headers, byte for byte, including the final
    /// empty line.
    pub raw_head: Vec<u8>,
}

impl Request {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a header, by case-insensitive name, in wire order.
    pub fn headers_named(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The target without its query.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }

    /// The body as (lossy) text.
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

// ---------------------------------------------------------------------------
// What the server answers
// ---------------------------------------------------------------------------

/// A normal HTTP response.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub reason: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// The reply to one request, chosen by the test's closure.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A normal response; the connection stays open (keep-alive).
    Response(Response),
    /// These bytes, then close.
    Raw(Vec<u8>),
    /// Close without sending anything (FIN): an empty reply.
    Close,
    /// Reset the connection (RST): close it with the request left unread.
    Reset,
    /// These bytes, a pause for the client to read them, then a reset.
    RawThenReset(Vec<u8>),
    /// Wait, then answer with the inner reply.
    Delay(Duration, Box<Reply>),
    /// `head`, then each chunk with a pause before it, then close.
    Trickle {
        head: Vec<u8>,
        chunks: Vec<Vec<u8>>,
        interval: Duration,
    },
}

/// The standard reason phrase for the statuses the tests use.
pub fn reason_for(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        206 => "Partial Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        416 => "Range Not Satisfiable",
        418 => "I'm a teapot",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

impl Reply {
    /// 200 OK with this body.
    pub fn ok(body: impl Into<Vec<u8>>) -> Reply {
        Reply::status(200).body(body)
    }

    /// This status with its standard reason and an empty body.
    pub fn status(status: u16) -> Reply {
        Reply::Response(Response {
            status,
            reason: reason_for(status).to_string(),
            headers: Vec::new(),
            body: Vec::new(),
        })
    }

    /// A redirect to `location`.
    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::status(status).header("location", location)
    }

    /// The response inside, also behind a `Delay`. A fault reply has no
    /// head to change: this panics, in the handler, and the server fails the
    /// test for it when it is dropped.
    fn response_mut(&mut self) -> &mut Response {
        match self {
            Reply::Response(r) => r,
            Reply::Delay(_, inner) => inner.response_mut(),
            other => panic!("not a normal response: {other:?}"),
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.response_mut()
            .headers
            .push((name.to_string(), value.to_string()));
        self
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Reply {
        self.response_mut().body = body.into();
        self
    }

    pub fn reason(mut self, reason: &str) -> Reply {
        self.response_mut().reason = reason.to_string();
        self
    }

    // --- faults -----------------------------------------------------------

    /// Arbitrary bytes, then close.
    pub fn raw(bytes: impl Into<Vec<u8>>) -> Reply {
        Reply::Raw(bytes.into())
    }

    /// `Content-Length: declared` but only `sent` bytes, then close.
    pub fn short_body(declared: usize, sent: &[u8]) -> Reply {
        let mut raw = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: {declared}\r\n\r\n"
        )
        .into_bytes();
        raw.extend_from_slice(sent);
        Reply::Raw(raw)
    }

    /// A chunked body cut in the middle of a chunk (10 declared, 5 sent).
    pub fn chunked_cut() -> Reply {
        Reply::Raw(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\na\r\n01234"
                .to_vec(),
        )
    }

    /// A chunked body whose chunk size is not a hex number.
    pub fn bad_chunk_size() -> Reply {
        Reply::Raw(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"
                .to_vec(),
        )
    }

    /// Two different Content-Length headers (RFC 9112 6.3: unrecoverable).
    pub fn conflicting_content_length() -> Reply {
        Reply::Raw(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"
                .to_vec(),
        )
    }

    /// Close without any reply.
    pub fn close_without_reply() -> Reply {
        Reply::Close
    }

    /// Reset the connection.
    pub fn reset() -> Reply {
        Reply::Reset
    }

    /// Send these bytes (a head and part of a body, say), give the client
    /// 300 ms to read and print them, then reset the connection.
    pub fn raw_then_reset(bytes: impl Into<Vec<u8>>) -> Reply {
        Reply::RawThenReset(bytes.into())
    }

    /// Say nothing for `wait`, then close.
    pub fn stall(wait: Duration) -> Reply {
        Reply::Delay(wait, Box::new(Reply::Close))
    }

    /// Wait, then send `reply`.
    pub fn delay(wait: Duration, reply: Reply) -> Reply {
        Reply::Delay(wait, Box::new(reply))
    }

    /// This reply, after waiting `wait`.
    pub fn after(self, wait: Duration) -> Reply {
        Reply::delay(wait, self)
    }

    /// 200 with `Content-Length: len`, the head at once, then one byte of
    /// the body every `interval`.
    pub fn trickle(len: usize, interval: Duration) -> Reply {
        Reply::Trickle {
            head: format!(
                "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {len}\r\n\r\n"
            )
            .into_bytes(),
            chunks: vec![b"x".to_vec(); len],
            interval,
        }
    }
}

// ---------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------

type Handler = dyn Fn(&Request) -> Reply + Send + Sync + 'static;

/// Where replies come from, and so what "used as intended" means on drop.
enum Replies {
    /// Every request goes to the closure; the server must be called at
    /// least once, unless the test said it expects no request.
    Closure(Box<Handler>),
    /// One reply per request, in order; all must be used, and a request
    /// beyond the script fails the test.
    Script(Mutex<VecDeque<Reply>>),
}

struct Shared {
    requests: Mutex<Vec<Request>>,
    connections: AtomicUsize,
    /// The client's address of each accepted connection, in order.
    peers: Mutex<Vec<SocketAddr>>,
    stop: AtomicBool,
    replies: Replies,
    /// What the handler panicked with, one entry per panic.
    panics: Mutex<Vec<String>>,
    /// Set by `assert_nothing_received`: no request is wanted, and none may
    /// arrive later either.
    no_request_expected: AtomicBool,
}

impl Shared {
    /// The reply to `req`; runs the test's code, which may panic.
    fn reply_to(&self, req: &Request) -> Reply {
        match &self.replies {
            Replies::Closure(handler) => handler(req),
            Replies::Script(script) => script.lock().unwrap().pop_front().unwrap_or_else(|| {
                panic!("request beyond the script: {} {}", req.method, req.target)
            }),
        }
    }
}

/// A scripted HTTP/1.1 server on 127.0.0.1 that records every request.
/// Stopped on drop, which also fails the test when the server was not used
/// as scripted (see the module doc); connection threads are detached and
/// end when the client goes away.
pub struct TestServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

impl TestServer {
    /// A server that answers every request with `handler(request)`. It must
    /// receive at least one request, unless the test calls
    /// `assert_nothing_received`.
    pub fn new<F>(handler: F) -> TestServer
    where
        F: Fn(&Request) -> Reply + Send + Sync + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        TestServer::serve(listener, Replies::Closure(Box::new(handler)))
    }

    /// A server that answers the n-th request with the n-th reply. Every
    /// reply must be used, and no request may come after the last.
    pub fn script(replies: impl IntoIterator<Item = Reply>) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let script = replies.into_iter().collect();
        TestServer::serve(listener, Replies::Script(Mutex::new(script)))
    }

    /// As `new`, listening on `addr` (another loopback address, say).
    pub fn bind<F>(addr: impl ToSocketAddrs, handler: F) -> io::Result<TestServer>
    where
        F: Fn(&Request) -> Reply + Send + Sync + 'static,
    {
        let listener = TcpListener::bind(addr)?;
        Ok(TestServer::serve(
            listener,
            Replies::Closure(Box::new(handler)),
        ))
    }

    /// A server that answers 200 OK with this body to everything.
    pub fn ok(body: &'static str) -> TestServer {
        TestServer::new(move |_| Reply::ok(body).header("content-type", "text/plain"))
    }

    /// A server that answers every request with this reply.
    pub fn replying(reply: Reply) -> TestServer {
        TestServer::new(move |_| reply.clone())
    }

    fn serve(listener: TcpListener, replies: Replies) -> TestServer {
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Shared {
            requests: Mutex::new(Vec::new()),
            connections: AtomicUsize::new(0),
            peers: Mutex::new(Vec::new()),
            stop: AtomicBool::new(false),
            replies,
            panics: Mutex::new(Vec::new()),
            no_request_expected: AtomicBool::new(false),
        });
        let accept_shared = Arc::clone(&shared);
        thread::spawn(move || {
            for stream in listener.incoming() {
                if accept_shared.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                if let Ok(peer) = stream.peer_addr() {
                    accept_shared.peers.lock().unwrap().push(peer);
                }
                let id = accept_shared.connections.fetch_add(1, Ordering::SeqCst);
                let conn_shared = Arc::clone(&accept_shared);
                thread::spawn(move || {
                    // The handler's panics are caught closer to it; this
                    // catches the server's own.
                    let served = panic::catch_unwind(AssertUnwindSafe(|| {
                        serve_connection(stream, id, &conn_shared)
                    }));
                    if let Err(payload) = served {
                        let what = panic_words(payload.as_ref());
                        conn_shared.panics.lock().unwrap().push(what);
                    }
                });
            }
        });
        TestServer { addr, shared }
    }

    /// `http://127.0.0.1:PORT` + path (or the address given to `bind`).
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `127.0.0.1:PORT`, as in a Host header.
    pub fn host(&self) -> String {
        self.addr.to_string()
    }

    /// Every request received so far, in order of arrival.
    pub fn requests(&self) -> Vec<Request> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// The only request received; panics unless there was exactly one.
    pub fn only_request(&self) -> Request {
        let reqs = self.requests();
        assert_eq!(reqs.len(), 1, "expected exactly one request, got {reqs:#?}");
        reqs.into_iter().next().unwrap()
    }

    /// How many TCP connections were accepted.
    pub fn connection_count(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }

    /// The client's address (its IP and port) of each accepted connection.
    pub fn client_addresses(&self) -> Vec<SocketAddr> {
        self.shared.peers.lock().unwrap().clone()
    }

    /// Panics if the server received any request or connection, and
    /// records that the test wants none: the server then checks again when
    /// it is dropped instead of demanding a request.
    #[track_caller]
    pub fn assert_nothing_received(&self) {
        self.shared
            .no_request_expected
            .store(true, Ordering::SeqCst);
        let reqs = self.requests();
        assert!(reqs.is_empty(), "expected no request, got {reqs:#?}");
        assert_eq!(self.connection_count(), 0, "expected no connection");
    }

    /// Why the server was not used as the test meant, if it was not.
    fn misuse(&self) -> Option<String> {
        let panics = self.shared.panics.lock().unwrap();
        if !panics.is_empty() {
            return Some(format!(
                "the test server or its handler panicked, so httpc saw a broken \
                 connection, not the scripted reply: {panics:#?}"
            ));
        }
        let reqs = self.requests();
        if self.shared.no_request_expected.load(Ordering::SeqCst) {
            if !reqs.is_empty() || self.connection_count() > 0 {
                return Some(format!(
                    "the test expects no request, but the server got {} \
                     connection(s) and these requests: {reqs:#?}",
                    self.connection_count()
                ));
            }
            return None;
        }
        match &self.shared.replies {
            Replies::Script(script) => {
                let unused = script.lock().unwrap();
                (!unused.is_empty()).then(|| {
                    format!(
                        "{} scripted repl(y/ies) never used: {unused:#?}\nrequests: {reqs:#?}",
                        unused.len()
                    )
                })
            }
            Replies::Closure(_) => reqs.is_empty().then(|| {
                format!(
                    "the test server was never called ({} connection(s)); a test \
                     that expects no request says so with assert_nothing_received()",
                    self.connection_count()
                )
            }),
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag and ends.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
        if thread::panicking() {
            return; // the test already failed; do not abort with a second panic
        }
        if let Some(why) = self.misuse() {
            panic!("{why}");
        }
    }
}

/// A server whose port is refused at first and starts listening (and
/// answering 200 "ok") only after a delay: a service that comes up late.
/// Dropping it waits for the server and checks it as a `TestServer`.
pub struct LateServer {
    url: String,
    server: Option<JoinHandle<TestServer>>,
}

impl LateServer {
    pub fn after(delay: Duration) -> LateServer {
        let addr = SocketAddr::from(([127, 0, 0, 1], free_port()));
        let url = format!("http://{addr}/");
        let server = thread::spawn(move || {
            thread::sleep(delay);
            let listener = TcpListener::bind(addr).expect("bind the late port");
            let reply = Reply::ok("ok");
            TestServer::serve(listener, Replies::Closure(Box::new(move |_| reply.clone())))
        });
        LateServer {
            url,
            server: Some(server),
        }
    }

    /// `http://127.0.0.1:PORT/`
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for LateServer {
    fn drop(&mut self) {
        let Some(server) = self.server.take() else {
            return;
        };
        match server.join() {
            Ok(server) => drop(server),
            Err(_) if thread::panicking() => {}
            Err(_) => panic!("the late server could not start on {}", self.url),
        }
    }
}

/// A URL on 127.0.0.1 where nothing listens (connection refused).
pub fn closed_port_url(path: &str) -> String {
    format!("http://127.0.0.1:{}{path}", closed_port())
}

/// A port that refuses connections for as long as the tests run: bound,
/// never listening, and held. A port that was only free a moment ago can
/// be handed to the next server that binds port 0, in this test or one
/// running beside it, and then it answers.
#[cfg(unix)]
fn closed_port() -> u16 {
    use rustix::net::{bind, getsockname, socket, AddressFamily, SocketType};
    use std::net::{Ipv4Addr, SocketAddrV4};
    static HELD: Mutex<Vec<std::os::fd::OwnedFd>> = Mutex::new(Vec::new());
    let fd = socket(AddressFamily::INET, SocketType::STREAM, None).unwrap();
    bind(&fd, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = SocketAddrV4::try_from(getsockname(&fd).unwrap())
        .unwrap()
        .port();
    HELD.lock().unwrap_or_else(|e| e.into_inner()).push(fd);
    port
}

#[cfg(not(unix))]
fn closed_port() -> u16 {
    free_port()
}

/// A port nothing is bound to now, for a server to bind later.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// A host under the reserved `.invalid` TLD: resolution fails without the
/// network.
pub const UNRESOLVABLE_URL: &str = "http://nonexistent.invalid/";

// ---------------------------------------------------------------------------
// Reading requests (also used by the TLS server and the proxy)
// ---------------------------------------------------------------------------

const PEEK_MAX: usize = 1 << 20;

/// Why a request could not be parsed.
#[derive(Debug)]
pub struct Malformed;

/// The length of the request line and headers at the start of `buf`,
/// including the empty line; `None` until all of them are there.
pub fn head_len(buf: &[u8]) -> Option<usize> {
    find(buf, b"\r\n\r\n").map(|i| i + 4)
}

/// A request line and headers (`head`, as `head_len` measured it), with an
/// empty body.
pub fn parse_head(head: &[u8], conn: usize) -> Result<Request, Malformed> {
    let text = std::str::from_utf8(head).map_err(|_| Malformed)?;
    let text = text.strip_suffix("\r\n\r\n").ok_or(Malformed)?;
    let mut lines = text.split("\r\n");
    let request_line = lines.next().ok_or(Malformed)?;
    let mut parts = request_line.splitn(3, ' ');
    let method = parts.next().ok_or(Malformed)?.to_string();
    let target = parts.next().ok_or(Malformed)?.to_string();
    let version = parts.next().ok_or(Malformed)?.to_string();
    let mut headers = Vec::new();
    for line in lines {
        let (name, value) = line.split_once(':').ok_or(Malformed)?;
        headers.push((
            name.to_string(),
            value.trim_matches([' ', '\t']).to_string(),
        ));
    }
    Ok(Request {
        conn,
        method,
        target,
        version,
        headers,
        body: Vec::new(),
        chunked: false,
        raw_head: head.to_vec(),
    })
}

/// A complete request parsed from the start of `buf`, and how many bytes it
/// took; `Ok(None)` when more bytes are needed.
pub fn parse_request(buf: &[u8], conn: usize) -> Result<Option<(Request, usize)>, Malformed> {
    let Some(head_end) = head_len(buf) else {
        return Ok(None);
    };
    let mut req = parse_head(&buf[..head_end], conn)?;
    let chunked = req
        .header("transfer-encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let rest = &buf[head_end..];
    if chunked {
        req.chunked = true;
        let mut pos = 0;
        loop {
            let Some(eol) = find(&rest[pos..], b"\r\n") else {
                return Ok(None);
            };
            let size_line = std::str::from_utf8(&rest[pos..pos + eol]).map_err(|_| Malformed)?;
            let size_hex = size_line.split(';').next().unwrap_or("").trim();
            let size = usize::from_str_radix(size_hex, 16).map_err(|_| Malformed)?;
            pos += eol + 2;
            if size == 0 {
                // Trailers until an empty line.
                loop {
                    let Some(eol) = find(&rest[pos..], b"\r\n") else {
                        return Ok(None);
                    };
                    pos += eol + 2;
                    if eol == 0 {
                        return Ok(Some((req, head_end + pos)));
                    }
                }
            }
            if rest.len() < pos + size + 2 {
                return Ok(None);
            }
            req.body.extend_from_slice(&rest[pos..pos + size]);
            pos += size + 2;
        }
    }
    let len = match req.header("content-length") {
        Some(v) => v.parse::<usize>().map_err(|_| Malformed)?,
        None => 0,
    };
    if rest.len() < len {
        return Ok(None);
    }
    req.body = rest[..len].to_vec();
    Ok(Some((req, head_end + len)))
}

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// What a caught panic said.
fn panic_words(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

/// Reads the next request. While the whole request fits, it is only peeked
/// at (left in the kernel's receive buffer) so that a `Reply::Reset` can
/// close the socket with unread data, which makes Linux send a RST. The
/// returned `usize` is how many bytes still have to be consumed from the
/// socket once the reply is decided.
fn next_request(
    stream: &mut TcpStream,
    pending: &mut Vec<u8>,
    conn: usize,
) -> Option<(Request, usize)> {
    if pending.is_empty() {
        let mut buf = vec![0u8; PEEK_MAX];
        let mut last_n = 0;
        let mut idle_polls = 0;
        loop {
            let n = stream.peek(&mut buf).ok()?;
            if n == 0 {
                return None; // closed by the client
            }
            match parse_request(&buf[..n], conn) {
                Ok(Some((req, len))) => return Some((req, len)),
                Err(Malformed) => return None,
                Ok(None) => {}
            }
            if n == buf.len() {
                break; // too big to peek: consume it
            }
            if n == last_n {
                idle_polls += 1;
                if idle_polls > 100 {
                    break; // slow sender: consume what is there
                }
            } else {
                idle_polls = 0;
                last_n = n;
            }
            thread::sleep(Duration::from_millis(1));
        }
    }
    // Consume mode: read until a whole request is buffered.
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        match parse_request(pending, conn) {
            Ok(Some((req, len))) => {
                pending.drain(..len);
                return Some((req, 0));
            }
            Err(Malformed) => return None,
            Ok(None) => {}
        }
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        pending.extend_from_slice(&chunk[..n]);
    }
}

fn serve_connection(mut stream: TcpStream, conn: usize, shared: &Shared) {
    let mut pending = Vec::new();
    loop {
        let Some((req, unread)) = next_request(&mut stream, &mut pending, conn) else {
            return;
        };
        shared.requests.lock().unwrap().push(req.clone());
        // The panic is recorded before the socket closes, so the server
        // knows of it by the time httpc has seen the broken connection.
        let reply = match panic::catch_unwind(AssertUnwindSafe(|| shared.reply_to(&req))) {
            Ok(reply) => reply,
            Err(payload) => {
                let what = panic_words(payload.as_ref());
                let message = format!("{} {}: {what}", req.method, req.target);
                shared.panics.lock().unwrap().push(message);
                return;
            }
        };
        if let Reply::RawThenReset(bytes) = &reply {
            let _ = stream.write_all(bytes);
            let _ = stream.flush();
            thread::sleep(Duration::from_millis(300));
        }
        if matches!(reply, Reply::Reset | Reply::RawThenReset(_)) {
            // Dropping a socket with unread received data sends a RST.
            if unread == 0 {
                // Nothing left unread (a request too big to peek): the best
                // we can do is a close.
                let _ = stream.shutdown(Shutdown::Both);
            }
            return;
        }
        // Consume the peeked request.
        let mut remaining = unread;
        let mut sink = vec![0u8; 64 * 1024];
        while remaining > 0 {
            let want = remaining.min(sink.len());
            match stream.read(&mut sink[..want]) {
                Ok(0) | Err(_) => return,
                Ok(n) => remaining -= n,
            }
        }
        let keep_open = answer(&mut stream, &req, reply);
        let client_close = req
            .header("connection")
            .is_some_and(|v| v.eq_ignore_ascii_case("close"));
        if !keep_open || client_close {
            let _ = stream.flush();
            let _ = stream.shutdown(Shutdown::Write);
            // Let the client read to EOF; then drop.
            let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
            let mut sink = [0u8; 1024];
            while matches!(stream.read(&mut sink), Ok(n) if n > 0) {}
            return;
        }
    }
}

/// Writes the reply; returns whether the connection stays open.
fn answer(stream: &mut TcpStream, req: &Request, reply: Reply) -> bool {
    match reply {
        Reply::Response(resp) => {
            let mut head = format!("HTTP/1.1 {} {}\r\n", resp.status, resp.reason).into_bytes();
            let framed = resp.headers.iter().any(|(n, _)| {
                n.eq_ignore_ascii_case("content-length")
                    || n.eq_ignore_ascii_case("transfer-encoding")
            });
            for (name, value) in &resp.headers {
                head.extend_from_slice(name.as_bytes());
                head.extend_from_slice(b": ");
                head.extend_from_slice(value.as_bytes());
                head.extend_from_slice(b"\r\n");
            }
            let no_body_status = resp.status == 204 || resp.status == 304;
            if !framed && !no_body_status {
                head.extend_from_slice(
                    format!("content-length: {}\r\n", resp.body.len()).as_bytes(),
                );
            }
            head.extend_from_slice(b"\r\n");
            if stream.write_all(&head).is_err() {
                return false;
            }
            if req.method != "HEAD" && !no_body_status && stream.write_all(&resp.body).is_err() {
                return false;
            }
            let _ = stream.flush();
            true
        }
        Reply::Raw(bytes) => {
            let _ = stream.write_all(&bytes);
            false
        }
        Reply::Close => false,
        Reply::Reset | Reply::RawThenReset(_) => unreachable!("handled before"),
        Reply::Delay(wait, inner) => {
            thread::sleep(wait);
            answer(stream, req, *inner)
        }
        Reply::Trickle {
            head,
            chunks,
            interval,
        } => {
            if stream.write_all(&head).is_err() {
                return false;
            }
            for chunk in chunks {
                thread::sleep(interval);
                if stream.write_all(&chunk).is_err() {
                    return false;
                }
            }
            false
        }
    }
}
