//! Bodies large enough (4 MiB and more with a Content-Length) that httpc
//! reads them past ureq's buffer, and on Linux moves them with splice(2)
//! into a file or a pipe on stdout (the tests' stdout is a pipe): they
//! arrive byte-exact over http and https, to stdout, to a file and
//! appended by `-C`; a body cut short, reset or stalled fails as a small
//! one does; and the connection is not reused afterwards.

use std::fs;
use std::io::Write;
use std::time::Duration;

use crate::support::server::{Reply, TestServer};
use crate::support::tls::{Pki, TlsServer};
use crate::support::{self, httpc, listing, run};

/// More than the 4 MiB that takes a body past ureq, and not a round size.
const LARGE: usize = (6 << 20) + 3;

/// Bytes that differ from their neighbours, so a lost, doubled or moved
/// block shows (251 is prime: the pattern does not repeat at powers of 2).
pub(super) fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

fn head(len: usize) -> Vec<u8> {
    format!("HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: {len}\r\n\r\n")
        .into_bytes()
}

/// A whole response of `body` that keeps the connection open.
fn response(body: &[u8]) -> Vec<u8> {
    let mut bytes = head(body.len());
    bytes.extend_from_slice(body);
    bytes
}

/// A server that answers every request with `response(body)`.
fn serving(body: &[u8]) -> TestServer {
    let sent = response(body);
    TestServer::new(move |_| Reply::raw(sent.clone()))
}

#[track_caller]
fn assert_same(got: &[u8], want: &[u8]) {
    if got != want {
        let at = got.iter().zip(want).position(|(a, b)| a != b);
        panic!(
            "{} bytes came, {} were sent; first difference at {at:?}",
            got.len(),
            want.len()
        );
    }
}

// ---------------------------------------------------------------------------
// Plain http
// ---------------------------------------------------------------------------

#[test]
fn a_large_body_to_a_file_arrives_byte_exact() {
    let dir = support::tempdir();
    let file = dir.path().join("big.bin");
    let body = pattern(LARGE);
    let server = serving(&body);
    run(httpc().args(["get", &server.url("/big"), "-o"]).arg(&file))
        .assert_success()
        .assert_stdout("")
        .assert_stderr_empty();
    assert_same(&fs::read(&file).unwrap(), &body);
    assert_eq!(listing(dir.path()), ["big.bin"]);
}

#[test]
fn a_large_body_to_stdout_arrives_byte_exact() {
    let body = pattern(LARGE);
    let server = serving(&body);
    let out = run(httpc().args(["get", &server.url("/big")]));
    out.assert_success().assert_stderr_empty();
    assert_same(out.stdout(), &body);
}

#[test]
fn a_large_body_after_its_head_on_stdout_arrives_byte_exact() {
    // The head goes through httpc's buffer, the body past it: the order
    // on the pipe must still be head, then body.
    let body = pattern(LARGE);
    let server = serving(&body);
    let out = run(httpc().args(["get", "-i", &server.url("/big")]));
    out.assert_success().assert_stderr_empty();
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: {LARGE}\r\n\r\n"
    );
    let mut want = head.into_bytes();
    want.extend_from_slice(&body);
    assert_same(out.stdout(), &want);
}

#[test]
fn a_large_body_cut_short_leaves_no_file_and_exits_18() {
    let dir = support::tempdir();
    let file = dir.path().join("big.bin");
    fs::write(&file, "precious").unwrap();
    let sent = pattern(5 << 20);
    let server = TestServer::new(move |_| Reply::short_body(LARGE, &sent));
    let url = server.url("/big");
    run(httpc().args(["get", &url, "-o"]).arg(&file))
        .assert_code(18)
        .assert_stdout("")
        .assert_one_error_line(&[
            &url,
            "the body ended early: the connection closed before all of it arrived",
        ]);
    assert_eq!(fs::read_to_string(&file).unwrap(), "precious");
    assert_eq!(listing(dir.path()), ["big.bin"], "temporary files left");
}

#[test]
fn a_large_body_cut_short_on_stdout_prints_only_what_came() {
    let sent = pattern(5 << 20);
    let prefix = sent.clone();
    let server = TestServer::new(move |_| Reply::short_body(LARGE, &sent));
    let url = server.url("/big");
    let out = run(httpc().args(["get", &url]));
    out.assert_code(18)
        .assert_one_error_line(&[&url, "the body ended early"]);
    assert!(prefix.starts_with(out.stdout()), "more than was sent");
}

#[test]
fn a_large_body_reset_midway_is_exit_56() {
    let dir = support::tempdir();
    let file = dir.path().join("big.bin");
    let mut sent = head(LARGE);
    sent.extend_from_slice(&pattern(5 << 20));
    let server = TestServer::new(move |_| Reply::raw_then_reset(sent.clone()));
    let url = server.url("/big");
    run(httpc().args(["get", &url, "-o"]).arg(&file))
        .assert_code(56)
        .assert_one_error_line(&[&url, "reset"]);
    assert!(listing(dir.path()).is_empty(), "{:?}", listing(dir.path()));
}

/// The head of a large body at once, then silence longer than the limits
/// below, then the body.
fn stalling() -> TestServer {
    TestServer::new(|_| Reply::Trickle {
        head: head(LARGE),
        chunks: vec![pattern(LARGE)],
        interval: Duration::from_millis(2500),
    })
}

#[test]
fn a_stalled_large_body_times_out_on_silence() {
    let dir = support::tempdir();
    let file = dir.path().join("big.bin");
    let server = stalling();
    let url = server.url("/big");
    run(httpc()
        .args(["get", &url, "--timeout", "0.5", "-o"])
        .arg(&file))
    .assert_code(28)
    .assert_one_error_line(&[&url, "timed out: no data for 0.5s while reading the body"]);
    assert!(listing(dir.path()).is_empty(), "{:?}", listing(dir.path()));
}

#[test]
fn a_stalled_large_body_ends_at_max_time() {
    let server = stalling();
    let url = server.url("/big");
    run(httpc().args(["get", &url, "--max-time", "0.5"]))
        .assert_code(28)
        .assert_stdout("")
        .assert_one_error_line(&[&url, "timed out after 0.5s (--max-time)"]);
}

#[test]
fn resume_appends_a_large_rest() {
    let dir = support::tempdir();
    let file = dir.path().join("part.bin");
    let whole = pattern(LARGE + 10);
    fs::write(&file, &whole[..10]).unwrap();
    let rest = whole[10..].to_vec();
    let total = whole.len();
    let server = TestServer::new(move |_| {
        Reply::status(206)
            .header("content-range", &format!("bytes 10-{}/{total}", total - 1))
            .body(rest.clone())
    });
    run(httpc()
        .args(["get", &server.url("/f"), "-C", "-o"])
        .arg(&file))
    .assert_success()
    .assert_stderr_empty();
    assert_same(&fs::read(&file).unwrap(), &whole);
    assert_eq!(listing(dir.path()), ["part.bin"]);
}

#[test]
fn a_large_gzip_body_is_decoded_byte_exact() {
    // Noise does not compress, so the body as sent is large too.
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let plain: Vec<u8> = (0..LARGE)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&plain).unwrap();
    let gzipped = gz.finish().unwrap();
    assert!(gzipped.len() > 4 << 20);
    let server = TestServer::new(move |_| {
        Reply::status(200)
            .header("content-encoding", "gzip")
            .body(gzipped.clone())
    });
    let out = run(httpc().args(["get", &server.url("/noise")]));
    out.assert_success().assert_stderr_empty();
    assert_same(out.stdout(), &plain);
}

#[test]
fn after_a_large_body_the_next_url_gets_a_new_connection() {
    // ureq does not see a body read past it end, so that connection is
    // closed rather than pooled; small bodies keep theirs.
    let body = pattern(LARGE);
    let big = body.clone();
    let server = TestServer::new(move |req| match req.path() {
        "/big" => Reply::ok(big.clone()),
        _ => Reply::ok("small"),
    });
    let (small, large) = (server.url("/small"), server.url("/big"));
    let out = run(httpc().args(["get", &small, &small, &large, &small]));
    out.assert_success().assert_stderr_empty();
    let mut want = b"smallsmall".to_vec();
    want.extend_from_slice(&body);
    want.extend_from_slice(b"small");
    assert_same(out.stdout(), &want);
    assert_eq!(server.connection_count(), 2);
}

// ---------------------------------------------------------------------------
// https
// ---------------------------------------------------------------------------

fn cacert(pki: &Pki) -> String {
    pki.ca.cert_pem.to_str().unwrap().to_string()
}

#[test]
fn a_large_body_over_tls_to_a_file_arrives_byte_exact() {
    let pki = Pki::new();
    let server = TlsServer::new(&pki.server);
    let body = pattern(LARGE);
    server.respond_with(response(&body));
    let dir = support::tempdir();
    let file = dir.path().join("big.bin");
    run(httpc()
        .args(["get", &server.url("/big"), "--cacert", &cacert(&pki), "-o"])
        .arg(&file))
    .assert_success()
    .assert_stderr_empty();
    assert_same(&fs::read(&file).unwrap(), &body);
    assert_eq!(listing(dir.path()), ["big.bin"]);
}

#[test]
fn a_large_body_over_tls_cut_short_exits_18_and_leaves_no_file() {
    let pki = Pki::new();
    let server = TlsServer::new(&pki.server);
    let mut sent = head(LARGE);
    sent.extend_from_slice(&pattern(5 << 20));
    server.respond_with(sent);
    let dir = support::tempdir();
    let file = dir.path().join("big.bin");
    let url = server.url("/big");
    run(httpc()
        .args(["get", &url, "--cacert", &cacert(&pki), "-o"])
        .arg(&file))
    .assert_code(18)
    .assert_one_error_line(&[&url, "the body ended early"]);
    assert!(listing(dir.path()).is_empty(), "{:?}", listing(dir.path()));
}

#[test]
fn a_large_body_over_tls_cut_short_on_stdout_prints_only_what_came() {
    // Read on a second thread while stdout is written: what came before
    // the end is printed, then the error.
    let pki = Pki::new();
    let server = TlsServer::new(&pki.server);
    let sent = pattern(5 << 20);
    let mut reply = head(LARGE);
    reply.extend_from_slice(&sent);
    server.respond_with(reply);
    let url = server.url("/big");
    let out = run(httpc().args(["get", &url, "--cacert", &cacert(&pki)]));
    out.assert_code(18)
        .assert_one_error_line(&[&url, "the body ended early"]);
    assert!(sent.starts_with(out.stdout()), "more than was sent");
}

#[test]
fn a_large_body_of_unknown_length_arrives_byte_exact() {
    // No Content-Length: the body ends when the server closes.
    let body = pattern(LARGE);
    let mut sent = b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n".to_vec();
    sent.extend_from_slice(&body);
    let server = TestServer::new(move |_| Reply::raw(sent.clone()));
    let out = run(httpc().args(["get", &server.url("/stream")]));
    out.assert_success().assert_stderr_empty();
    assert_same(out.stdout(), &body);
}
