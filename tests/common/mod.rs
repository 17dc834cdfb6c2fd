//! Shared test support: a scripted HTTP/1.1 server that records what it
//! received, and helpers to run the `httpc` binary.
//!
//! The server is std::net only. One server per test on 127.0.0.1:0; every
//! connection is handled on its own thread with keep-alive, and every
//! request is recorded (connection id, method, target, version, headers in
//! wire order, decoded body, raw head) before the test's closure decides the
//! reply. Faulty replies (short body, cut chunk, reset, stall, ...) are
//! written on the raw socket.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::process::Output;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

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
    /// Add `content-length` unless the headers already frame the body.
    pub auto_length: bool,
    /// Close the connection after this response.
    pub close: bool,
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
            auto_length: true,
            close: false,
        })
    }

    /// A redirect to `location`.
    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::status(status).header("location", location)
    }

    fn response_mut(&mut self) -> &mut Response {
        match self {
            Reply::Response(r) => r,
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

    /// Do not add `content-length` (the test frames the body itself, or the
    /// body is delimited by closing the connection).
    pub fn no_content_length(mut self) -> Reply {
        self.response_mut().auto_length = false;
        self
    }

    /// Close the connection after the response.
    pub fn close_after(mut self) -> Reply {
        self.response_mut().close = true;
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

    /// Say nothing for `wait`, then close.
    pub fn stall(wait: Duration) -> Reply {
        Reply::Delay(wait, Box::new(Reply::Close))
    }

    /// Wait, then send `reply`.
    pub fn delay(wait: Duration, reply: Reply) -> Reply {
        Reply::Delay(wait, Box::new(reply))
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

struct Shared {
    requests: Mutex<Vec<Request>>,
    connections: AtomicUsize,
    stop: AtomicBool,
    handler: Box<Handler>,
}

/// A scripted HTTP/1.1 server on 127.0.0.1 that records every request.
/// Stopped on drop; connection threads are detached and end when the client
/// goes away.
pub struct TestServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

impl TestServer {
    /// A server that answers every request with `handler(request)`.
    pub fn new<F>(handler: F) -> TestServer
    where
        F: Fn(&Request) -> Reply + Send + Sync + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Shared {
            requests: Mutex::new(Vec::new()),
            connections: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            handler: Box::new(handler),
        });
        let accept_shared = Arc::clone(&shared);
        thread::spawn(move || {
            for stream in listener.incoming() {
                if accept_shared.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let id = accept_shared.connections.fetch_add(1, Ordering::SeqCst);
                let conn_shared = Arc::clone(&accept_shared);
                thread::spawn(move || serve_connection(stream, id, &conn_shared));
            }
        });
        TestServer { addr, shared }
    }

    /// A server that answers 200 OK with this body to everything.
    pub fn ok(body: &'static str) -> TestServer {
        TestServer::new(move |_| Reply::ok(body).header("content-type", "text/plain"))
    }

    /// `http://127.0.0.1:PORT` + path.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{}", self.addr.port(), path)
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `127.0.0.1:PORT`, as in a Host header.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.addr.port())
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

    /// Panics if the server received any request or connection.
    pub fn assert_nothing_received(&self) {
        let reqs = self.requests();
        assert!(reqs.is_empty(), "expected no request, got {reqs:#?}");
        assert_eq!(self.connection_count(), 0, "expected no connection");
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag and ends.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
    }
}

/// A URL on 127.0.0.1 where nothing listens (connection refused).
pub fn closed_port_url(path: &str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}{path}")
}

/// A host under the reserved `.invalid` TLD: resolution fails without the
/// network.
pub const UNRESOLVABLE_URL: &str = "http://nonexistent.invalid/";

const PEEK_MAX: usize = 1 << 20;

/// Why a request could not be parsed.
#[derive(Debug)]
struct Malformed;

/// A complete request parsed from the start of `buf`, and how many bytes it
/// took; `Ok(None)` when more bytes are needed.
fn parse_request(buf: &[u8], conn: usize) -> Result<Option<(Request, usize)>, Malformed> {
    let Some(head_end) = find(buf, b"\r\n\r\n").map(|i| i + 4) else {
        return Ok(None);
    };
    let head = &buf[..head_end];
    let text = std::str::from_utf8(head).map_err(|_| Malformed)?;
    let mut lines = text[..text.len() - 4].split("\r\n");
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
    let mut req = Request {
        conn,
        method,
        target,
        version,
        headers,
        body: Vec::new(),
        chunked: false,
        raw_head: head.to_vec(),
    };
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

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
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
        let reply = (shared.handler)(&req);
        if matches!(reply, Reply::Reset) {
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
            if resp.auto_length && !framed && !no_body_status {
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
            let delimited_by_close = !resp.auto_length && !framed;
            !resp.close && !delimited_by_close
        }
        Reply::Raw(bytes) => {
            let _ = stream.write_all(&bytes);
            false
        }
        Reply::Close => false,
        Reply::Reset => unreachable!("handled before"),
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

// ---------------------------------------------------------------------------
// Running httpc
// ---------------------------------------------------------------------------

/// Environment variables that would change httpc's behaviour if they leaked
/// in from the developer's shell or CI.
pub const LEAKY_ENV: &[&str] = &[
    "NO_COLOR",
    "CLICOLOR_FORCE",
    "CLICOLOR",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
    "HTTPC_TEST_PRETEND_TTY",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
];

/// The path of the built binary.
pub fn httpc_path() -> &'static str {
    env!("CARGO_BIN_EXE_httpc")
}

/// `httpc` with a clean environment, stdout and stderr piped (not a
/// terminal), and a timeout so a hang fails the test.
pub fn httpc() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::from_std(std_httpc());
    cmd.timeout(Duration::from_secs(20));
    cmd
}

/// `httpc` as above, believing stdout and stderr are terminals.
pub fn tty() -> assert_cmd::Command {
    let mut cmd = httpc();
    cmd.env("HTTPC_TEST_PRETEND_TTY", "1")
        .env("TERM", "xterm-256color");
    cmd
}

/// A `std::process::Command` for httpc with the same clean environment.
pub fn std_httpc() -> std::process::Command {
    let mut cmd = std::process::Command::new(httpc_path());
    for name in LEAKY_ENV {
        cmd.env_remove(name);
    }
    cmd
}

/// Runs the command and returns its outcome (panics if it could not start).
pub fn run(cmd: &mut assert_cmd::Command) -> Outcome {
    let started = Instant::now();
    let output = cmd.output().expect("run httpc");
    Outcome {
        output,
        elapsed: started.elapsed(),
    }
}

/// The result of running httpc, with assertions that print everything on
/// failure.
pub struct Outcome {
    pub output: Output,
    pub elapsed: Duration,
}

impl std::fmt::Debug for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit: {:?} (after {:?})\n--- stdout ({} bytes) ---\n{}\n--- stderr ---\n{}",
            self.output.status.code(),
            self.elapsed,
            self.output.stdout.len(),
            show_bytes(&self.output.stdout),
            String::from_utf8_lossy(&self.output.stderr),
        )
    }
}

/// Text for a failure message: printable as is, other bytes escaped, long
/// outputs shortened.
pub fn show_bytes(bytes: &[u8]) -> String {
    let shown = &bytes[..bytes.len().min(2000)];
    let mut s = String::new();
    for chunk in shown.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c.is_control() && c != '\n' && c != '\t' {
                s.push_str(&c.escape_default().to_string());
            } else {
                s.push(c);
            }
        }
        for b in chunk.invalid() {
            s.push_str(&format!("\\x{b:02x}"));
        }
    }
    if bytes.len() > shown.len() {
        s.push_str(&format!("... ({} more bytes)", bytes.len() - shown.len()));
    }
    s
}

impl Outcome {
    pub fn code(&self) -> Option<i32> {
        self.output.status.code()
    }

    pub fn stdout(&self) -> &[u8] {
        &self.output.stdout
    }

    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(self.code(), Some(code), "wrong exit code\n{self:?}");
        self
    }

    #[track_caller]
    pub fn assert_success(&self) -> &Self {
        self.assert_code(0)
    }

    #[track_caller]
    pub fn assert_stdout(&self, expected: impl AsRef<[u8]>) -> &Self {
        let expected = expected.as_ref();
        assert!(
            self.stdout() == expected,
            "stdout differs\nexpected ({} bytes):\n{}\n{self:?}",
            expected.len(),
            show_bytes(expected)
        );
        self
    }

    #[track_caller]
    pub fn assert_stdout_contains(&self, needle: &str) -> &Self {
        assert!(
            self.stdout_text().contains(needle),
            "stdout lacks {needle:?}\n{self:?}"
        );
        self
    }

    #[track_caller]
    pub fn assert_stderr(&self, expected: &str) -> &Self {
        assert_eq!(self.stderr_text(), expected, "stderr differs\n{self:?}");
        self
    }

    #[track_caller]
    pub fn assert_stderr_empty(&self) -> &Self {
        self.assert_stderr("")
    }

    #[track_caller]
    pub fn assert_stderr_contains(&self, needle: &str) -> &Self {
        assert!(
            self.stderr_text().contains(needle),
            "stderr lacks {needle:?}\n{self:?}"
        );
        self
    }

    #[track_caller]
    pub fn assert_stderr_lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.stderr_text().contains(needle),
            "stderr must not contain {needle:?}\n{self:?}"
        );
        self
    }

    /// stderr is exactly one line `httpc: error: ...` that contains each of
    /// `needles` (case-insensitively).
    #[track_caller]
    pub fn assert_one_error_line(&self, needles: &[&str]) -> &Self {
        let err = self.stderr_text();
        assert!(
            err.starts_with("httpc: error: ") && err.ends_with('\n') && err.lines().count() == 1,
            "stderr must be one line starting 'httpc: error: '\n{self:?}"
        );
        let lower = err.to_lowercase();
        for needle in needles {
            assert!(
                lower.contains(&needle.to_lowercase()),
                "error line lacks {needle:?}\n{self:?}"
            );
        }
        self
    }
}

// ---------------------------------------------------------------------------
// Decoding bodies the client sent
// ---------------------------------------------------------------------------

/// One part of a multipart/form-data body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub name: Option<String>,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

/// Splits a multipart body using the boundary from its Content-Type.
pub fn parse_multipart(content_type: &str, body: &[u8]) -> Vec<Part> {
    let boundary = content_type
        .split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("boundary="))
        .unwrap_or_else(|| panic!("no boundary in {content_type:?}"))
        .trim_matches('"');
    let delim = format!("--{boundary}").into_bytes();
    let mut parts = Vec::new();
    let mut pos = find(body, &delim).expect("first boundary") + delim.len();
    loop {
        if body[pos..].starts_with(b"--") {
            break; // closing boundary
        }
        assert!(body[pos..].starts_with(b"\r\n"), "CRLF after boundary");
        pos += 2;
        let head_end = find(&body[pos..], b"\r\n\r\n").expect("part head") + pos;
        let head = String::from_utf8_lossy(&body[pos..head_end]).into_owned();
        let data_start = head_end + 4;
        let mut next_delim = b"\r\n".to_vec();
        next_delim.extend_from_slice(&delim);
        let data_end = find(&body[data_start..], &next_delim).expect("next boundary") + data_start;
        let mut part = Part {
            name: None,
            filename: None,
            content_type: None,
            data: body[data_start..data_end].to_vec(),
        };
        for line in head.split("\r\n") {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            if name.eq_ignore_ascii_case("content-disposition") {
                for param in value.split(';').map(str::trim) {
                    if let Some(v) = param.strip_prefix("name=") {
                        part.name = Some(v.trim_matches('"').to_string());
                    } else if let Some(v) = param.strip_prefix("filename=") {
                        part.filename = Some(v.trim_matches('"').to_string());
                    }
                }
            } else if name.eq_ignore_ascii_case("content-type") {
                part.content_type = Some(value.to_string());
            }
        }
        parts.push(part);
        pos = data_end + next_delim.len();
    }
    parts
}

/// Decodes an x-www-form-urlencoded body.
pub fn parse_form(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

/// A fresh temporary directory.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

/// Every byte value 0..=255, twice over, so a body is obviously binary.
pub fn all_bytes() -> Vec<u8> {
    (0..=255u8).chain(0..=255u8).collect()
}
