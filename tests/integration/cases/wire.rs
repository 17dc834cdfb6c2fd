//! Wire details of issue 11: a pooled connection the server closed while
//! idle, statuses outside 100-599, content and transfer codings, oversized
//! chunk lines, CIDR entries in NO_PROXY, `-u user` without a password,
//! `Content-Length: 0` on bodiless POST/PUT/PATCH, and proxy URLs that are
//! refused before anything is sent; a head that arrives with much of its
//! body in the same read; a request written into a pooled Unix-socket
//! connection the server stopped reading.

use std::collections::HashSet;
use std::io::Write;
use std::sync::Mutex;
use std::time::Duration;

use super::proxy::{assert_origin_body, assert_proxied_to, origin};
use crate::support::tls::{basic, TestProxy};
use crate::support::{self, closed_port_url, get, httpc, run, Outcome, Reply, Request, TestServer};

/// `httpc: error: URL: WHAT` and a newline: the exact error line.
fn error_line(url: &str, what: &str) -> String {
    format!("httpc: error: {url}: {what}\n")
}

// ---------------------------------------------------------------------------
// A pooled connection the server closed
// ---------------------------------------------------------------------------

const URLS: usize = 40;

/// The body the keep-alive servers answer `/N` with.
fn body_for(path: &str) -> String {
    format!("body of {path}\n")
}

/// `/0` ... `/39` on the server, and the 40 bodies in that order.
fn forty(server: &TestServer) -> (Vec<String>, String) {
    let urls = (0..URLS).map(|i| server.url(&format!("/{i}"))).collect();
    let bodies = (0..URLS).map(|i| body_for(&format!("/{i}"))).collect();
    (urls, bodies)
}

/// A 200 for `req` with a Content-Length and no `Connection: close`, as
/// raw bytes.
fn keep_alive_bytes(req: &Request) -> Vec<u8> {
    let body = body_for(req.path());
    format!(
        "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// A server that answers the first request on each connection (with a
/// Content-Length, no `Connection: close`, so httpc pools the connection)
/// and meets the next request on the same connection with `then` (a close
/// or a reset, before any byte of a response): exactly what httpc sees when
/// the server closed the idle connection just before the request went out.
fn one_answer_per_connection(then: Reply) -> TestServer {
    let answered = Mutex::new(HashSet::new());
    TestServer::new(move |req| {
        if answered.lock().unwrap().insert(req.conn) {
            Reply::ok(body_for(req.path())).header("content-type", "text/plain")
        } else {
            then.clone()
        }
    })
}

/// The requests a `one_answer_per_connection` server answered (the first
/// on each connection), and the ones it closed.
fn answered_and_closed(server: &TestServer) -> (Vec<Request>, Vec<Request>) {
    let mut seen = HashSet::new();
    server
        .requests()
        .into_iter()
        .partition(|req| seen.insert(req.conn))
}

/// Every one of the 40 URLs was answered once, in order, each on a
/// connection of its own, and every request the server closed was sent
/// again (on the next connection).
#[track_caller]
fn assert_each_answered_once(server: &TestServer) {
    let (answered, closed) = answered_and_closed(server);
    let targets: Vec<&str> = answered.iter().map(|r| r.target.as_str()).collect();
    let expected: Vec<String> = (0..URLS).map(|i| format!("/{i}")).collect();
    assert_eq!(targets, expected, "answered requests");
    assert_eq!(server.connection_count(), URLS);
    for req in &closed {
        let again = answered.iter().find(|a| a.conn > req.conn);
        assert_eq!(
            again.map(|a| a.target.as_str()),
            Some(req.target.as_str()),
            "the request closed on connection {} was not sent again next",
            req.conn
        );
    }
}

const SENT_AGAIN: &str =
    "* the server had closed the reused connection; sending again on a new one\n";

fn sent_again_count(out: &Outcome) -> usize {
    out.stderr_text().matches(SENT_AGAIN).count()
}

#[test]
fn keep_alive_connection_closed_after_each_reply_is_sent_again() {
    // A server that closes (FIN) every connection right after its reply,
    // without `Connection: close`. Whether httpc notices the close before
    // it sends the next request or only after, all 40 must come back.
    // (Here the pool usually sees the FIN first, so this guards the pool;
    // the resend itself is proven by the `request_on_a_reused_*` tests.)
    let server = TestServer::new(|req| Reply::raw(keep_alive_bytes(req)));
    let (urls, bodies) = forty(&server);
    let out = run(httpc().arg("get").args(&urls));
    out.assert_success()
        .assert_stdout(&bodies)
        .assert_stderr_empty();
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    let expected: Vec<String> = (0..URLS).map(|i| format!("/{i}")).collect();
    assert_eq!(targets, expected, "the server saw each request once");
}

#[test]
fn keep_alive_connection_reset_after_each_reply_is_sent_again() {
    // As above with a reset: the server answers, waits, and resets the
    // connection, with the next request (if httpc sent one) unread.
    let mut cmd = httpc();
    let server = TestServer::new(|req| Reply::raw_then_reset(keep_alive_bytes(req)));
    let (urls, bodies) = forty(&server);
    // 40 times the server's 300 ms pause before each reset.
    cmd.timeout(Duration::from_secs(120)).arg("get").args(&urls);
    let out = run(&mut cmd);
    out.assert_success()
        .assert_stdout(&bodies)
        .assert_stderr_empty();
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    let expected: Vec<String> = (0..URLS).map(|i| format!("/{i}")).collect();
    assert_eq!(targets, expected, "the server saw each request once");
}

#[test]
fn request_on_a_reused_connection_closed_before_any_reply_is_sent_again() {
    let server = one_answer_per_connection(Reply::close_without_reply());
    let (urls, bodies) = forty(&server);
    let out = run(httpc().arg("get").args(&urls));
    out.assert_success()
        .assert_stdout(&bodies)
        .assert_stderr_empty();
    assert_each_answered_once(&server);
    let (_, closed) = answered_and_closed(&server);
    assert_eq!(
        closed.len(),
        URLS - 1,
        "every reuse met a closed connection"
    );
}

#[test]
fn request_on_a_reused_connection_reset_before_any_reply_is_sent_again() {
    let server = one_answer_per_connection(Reply::reset());
    let (urls, bodies) = forty(&server);
    let out = run(httpc().arg("get").args(&urls));
    out.assert_success()
        .assert_stdout(&bodies)
        .assert_stderr_empty();
    assert_each_answered_once(&server);
    let (_, closed) = answered_and_closed(&server);
    assert_eq!(closed.len(), URLS - 1, "every reuse met a reset connection");
}

#[test]
fn verbose_says_when_a_request_is_sent_again_on_a_new_connection() {
    for then in [Reply::close_without_reply(), Reply::reset()] {
        let server = one_answer_per_connection(then.clone());
        let (a, b) = (server.url("/a"), server.url("/b"));
        let out = run(httpc().args(["get", "-v", &a, &b]));
        out.assert_success()
            .assert_stdout(format!("{}{}", body_for("/a"), body_for("/b")));
        assert_eq!(sent_again_count(&out), 1, "for {then:?}\n{out:?}");
        // The note comes after the failed reuse and before the new
        // connection that carried /b.
        let err = out.stderr_text();
        let note = err.find(SENT_AGAIN).unwrap();
        assert!(
            err[..note].contains("(reused: yes)") && err[note..].contains("(reused: no)"),
            "the note is not between the reuse and the new connection\n{out:?}"
        );
        let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
        assert_eq!(targets, ["/a", "/b", "/b"], "for {then:?}");
        assert_eq!(server.connection_count(), 2);
    }
}

#[test]
fn verbose_is_silent_when_no_request_is_sent_again() {
    // The note must not be printed for an ordinary reuse.
    let server = TestServer::ok("ok\n");
    let (a, b) = (server.url("/a"), server.url("/b"));
    let out = run(httpc().args(["get", "-v", &a, &b]));
    out.assert_success().assert_stdout("ok\nok\n");
    assert_eq!(sent_again_count(&out), 0, "{out:?}");
    out.assert_stderr_contains("(reused: yes)");
    assert_eq!(server.connection_count(), 1);
}

#[test]
fn a_body_from_stdin_is_never_sent_twice() {
    // stdin cannot be read twice: a retryable status is not retried (the
    // retry would post an empty body), and the response stands as it is.
    let server = TestServer::script([Reply::status(503)]);
    let url = server.url("/up");
    let out = run(httpc()
        .args([
            "post",
            "-d",
            "@-",
            "--retry",
            "2",
            "--retry-delay",
            "0",
            &url,
        ])
        .write_stdin("from stdin"));
    out.assert_code(5)
        .assert_stderr("httpc: warning: HTTP 503 Service Unavailable\n");
    assert_eq!(server.only_request().body, b"from stdin");
}

#[test]
fn a_failed_upload_from_stdin_is_not_retried() {
    let server = TestServer::script([Reply::close_without_reply()]);
    let url = server.url("/up");
    let out = run(httpc()
        .args([
            "post",
            "-d",
            "@-",
            "--retry",
            "2",
            "--retry-delay",
            "0",
            &url,
        ])
        .write_stdin("from stdin"));
    // A transient failure that --retry would try again for any other body.
    out.assert_code(52).assert_stderr(&error_line(
        &url,
        "empty reply: the server closed the connection without a response",
    ));
    assert_eq!(server.requests().len(), 1, "not retried");
}

// ---------------------------------------------------------------------------
// The status line
// ---------------------------------------------------------------------------

#[test]
fn status_600_is_a_malformed_response() {
    let server = TestServer::replying(Reply::raw(
        "HTTP/1.1 600 Weird\r\ncontent-length: 2\r\n\r\nhi",
    ));
    let url = server.url("/");
    run(&mut get(&url, &[]))
        .assert_code(56)
        .assert_stdout("")
        .assert_stderr(&error_line(
            &url,
            "malformed response: status 600 is outside 100-599",
        ));
    server.only_request();
}

// ---------------------------------------------------------------------------
// Content and transfer codings
// ---------------------------------------------------------------------------

/// Text long enough to compress, with a line of every byte value.
fn original() -> Vec<u8> {
    let mut data = b"a body that deflate compresses well\n".repeat(50);
    data.extend(support::all_bytes());
    data
}

/// Bytes no compressor can shrink (xorshift), so that half of a gzip
/// stream is half of a body.
fn incompressible(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

fn compress<W: Write>(mut encoder: W, data: &[u8], finish: impl FnOnce(W) -> Vec<u8>) -> Vec<u8> {
    encoder.write_all(data).unwrap();
    finish(encoder)
}

fn raw_deflate(data: &[u8]) -> Vec<u8> {
    let e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    compress(e, data, |e| e.finish().unwrap())
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    compress(e, data, |e| e.finish().unwrap())
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    compress(e, data, |e| e.finish().unwrap())
}

/// A 200 whose body is `body` in one chunk, with this Transfer-Encoding.
fn chunked_reply(transfer_encoding: &str, body: &[u8]) -> Reply {
    let mut raw = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\n\
         transfer-encoding: {transfer_encoding}\r\n\r\n{:x}\r\n",
        body.len()
    )
    .into_bytes();
    raw.extend_from_slice(body);
    raw.extend_from_slice(b"\r\n0\r\n\r\n");
    Reply::raw(raw)
}

#[test]
fn deflate_without_zlib_header_is_decoded() {
    let data = original();
    let sent = raw_deflate(&data);
    assert_ne!(&sent[..2], &zlib(&data)[..2], "the test sends a raw stream");
    let server = TestServer::replying(Reply::ok(sent).header("content-encoding", "deflate"));
    run(&mut get(&server.url("/"), &[]))
        .assert_success()
        .assert_stdout(&data)
        .assert_stderr_empty();
    server.only_request();
}

#[test]
fn deflate_with_zlib_header_is_decoded() {
    let data = original();
    let server = TestServer::replying(Reply::ok(zlib(&data)).header("content-encoding", "deflate"));
    run(&mut get(&server.url("/"), &[]))
        .assert_success()
        .assert_stdout(&data)
        .assert_stderr_empty();
    server.only_request();
}

#[test]
fn gzip_transfer_coding_is_decoded() {
    let data = original();
    let server = TestServer::replying(chunked_reply("gzip, chunked", &gzip(&data)));
    run(&mut get(&server.url("/"), &[]))
        .assert_success()
        .assert_stdout(&data)
        .assert_stderr_empty();
    server.only_request();
}

#[test]
fn gzip_transfer_coding_is_decoded_even_with_no_decompress() {
    // A transfer coding is framing, not content: --no-decompress keeps
    // Content-Encoding only.
    let data = original();
    let server = TestServer::replying(chunked_reply("gzip, chunked", &gzip(&data)));
    run(&mut get(&server.url("/"), &["--no-decompress"]))
        .assert_success()
        .assert_stdout(&data)
        .assert_stderr_empty();
    server.only_request();
}

#[test]
fn unknown_transfer_coding_is_a_malformed_response() {
    let server = TestServer::replying(chunked_reply("compress, chunked", b"not really LZW"));
    let url = server.url("/");
    run(&mut get(&url, &[]))
        .assert_code(56)
        .assert_stdout("")
        .assert_stderr(&error_line(
            &url,
            "malformed response: unknown transfer coding 'compress'",
        ));
    server.only_request();
}

#[test]
fn gzip_body_cut_short_with_a_matching_length_is_a_decode_error() {
    // The framing is complete (Content-Length is the cut length); only
    // the gzip stream knows that it ended early.
    let data = incompressible(64 * 1024);
    let whole = gzip(&data);
    let cut = whole[..whole.len() / 2].to_vec();
    let server = TestServer::replying(Reply::ok(cut).header("content-encoding", "gzip"));
    let url = server.url("/");
    let out = run(&mut get(&url, &[]));
    out.assert_code(56).assert_stderr(&error_line(
        &url,
        "cannot decode the body: the compressed body ended early",
    ));
    // What was decoded before the end may have been written; never more,
    // and never anything else.
    let printed = out.stdout();
    assert!(
        printed.len() < data.len() && data.starts_with(printed),
        "stdout is not a proper prefix of the body\n{out:?}"
    );
    server.only_request();
}

// ---------------------------------------------------------------------------
// Chunk lines
// ---------------------------------------------------------------------------

/// A chunked 200 whose first chunk line is `line`, then `hello`.
fn chunk_line_reply(line: &[u8]) -> Reply {
    let mut raw =
        b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n"
            .to_vec();
    raw.extend_from_slice(line);
    raw.extend_from_slice(b"\r\nhello\r\n0\r\n\r\n");
    Reply::raw(raw)
}

#[track_caller]
fn assert_chunk_line_refused(line: Vec<u8>) {
    let server = TestServer::replying(chunk_line_reply(&line));
    let url = server.url("/");
    run(&mut get(&url, &[]))
        .assert_code(56)
        .assert_stdout("")
        .assert_stderr(&error_line(
            &url,
            "malformed response: a chunk-size line over 64 KiB",
        ));
    server.only_request();
}

#[test]
fn chunk_size_with_70000_leading_zeros_is_a_malformed_response() {
    let mut line = vec![b'0'; 70_000];
    line.push(b'5');
    assert_chunk_line_refused(line);
}

#[test]
fn chunk_extension_of_70000_bytes_is_a_malformed_response() {
    let mut line = b"5;".to_vec();
    line.extend(vec![b'x'; 70_000]);
    assert_chunk_line_refused(line);
}

#[test]
fn chunk_size_with_a_few_leading_zeros_is_fine() {
    // The limit is on length, not on leading zeros as such.
    let server = TestServer::replying(chunk_line_reply(b"0005;ext=1"));
    run(&mut get(&server.url("/"), &[]))
        .assert_success()
        .assert_stdout("hello")
        .assert_stderr_empty();
    server.only_request();
}

// ---------------------------------------------------------------------------
// NO_PROXY and --noproxy with CIDR blocks
// ---------------------------------------------------------------------------

#[test]
fn no_proxy_cidr_block_bypasses_the_proxy() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    let mut cmd = get(&server.url("/"), &[]);
    cmd.env("http_proxy", proxy.url())
        .env("NO_PROXY", "127.0.0.0/8");
    assert_origin_body(&run(&mut cmd));
    proxy.assert_unused();
    server.only_request();
}

#[test]
fn no_proxy_cidr_block_bypasses_a_dead_proxy() {
    // Were the proxy used, the connection to it would be refused.
    let server = origin();
    let mut cmd = get(&server.url("/"), &[]);
    cmd.env("http_proxy", closed_port_url(""))
        .env("NO_PROXY", "127.0.0.0/8");
    assert_origin_body(&run(&mut cmd));
    server.only_request();
}

#[test]
fn noproxy_flag_cidr_block_bypasses_the_proxy() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    let out = run(&mut get(
        &server.url("/"),
        &["-x", &proxy.url(), "--noproxy", "127.0.0.0/8"],
    ));
    assert_origin_body(&out);
    proxy.assert_unused();
    server.only_request();
}

#[test]
fn no_proxy_cidr_block_of_other_addresses_keeps_the_proxy() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    let mut cmd = get(&server.url("/"), &[]);
    cmd.env("http_proxy", proxy.url())
        .env("NO_PROXY", "10.0.0.0/8");
    assert_origin_body(&run(&mut cmd));
    assert_proxied_to(&proxy, &server.host());
}

#[test]
fn no_proxy_cidr_block_of_other_addresses_still_uses_a_dead_proxy() {
    let server = origin();
    let dead = closed_port_url("/");
    let url = server.url("/");
    let mut cmd = get(&url, &[]);
    cmd.env("http_proxy", &dead).env("NO_PROXY", "10.0.0.0/8");
    run(&mut cmd)
        .assert_code(7)
        .assert_stdout("")
        .assert_stderr(&error_line(
            &url,
            &format!("proxy {dead}: connection refused"),
        ));
    server.assert_nothing_received();
}

#[test]
fn no_proxy_ipv6_cidr_block_bypasses_the_proxy() {
    let Ok(server) = TestServer::bind("[::1]:0", |_| {
        Reply::ok("origin body\n").header("content-type", "text/plain")
    }) else {
        eprintln!("skipped: no IPv6 loopback on this machine");
        return;
    };
    let url = server.url("/");
    assert!(url.starts_with("http://[::1]:"), "{url}");
    let proxy = TestProxy::tunnel();
    let mut cmd = get(&url, &[]);
    cmd.env("http_proxy", proxy.url())
        .env("NO_PROXY", "::1/128");
    assert_origin_body(&run(&mut cmd));
    proxy.assert_unused();
    server.only_request();
}

// ---------------------------------------------------------------------------
// -u without a password
// ---------------------------------------------------------------------------

fn authorization_sent_for(user: &str) -> Option<String> {
    let server = origin();
    assert_origin_body(&run(&mut get(&server.url("/"), &["-u", user])));
    server
        .only_request()
        .header("authorization")
        .map(String::from)
}

#[test]
fn user_without_colon_sends_an_empty_password() {
    let sent = authorization_sent_for("user");
    assert_eq!(sent.as_deref(), Some("Basic dXNlcjo="));
    assert_eq!(sent.unwrap(), basic("user", ""));
}

#[test]
fn user_with_password_is_sent_as_given() {
    assert_eq!(authorization_sent_for("user:pw"), Some(basic("user", "pw")));
}

// ---------------------------------------------------------------------------
// Requests without a body
// ---------------------------------------------------------------------------

fn bodiless(method: &str) -> Request {
    let server = origin();
    assert_origin_body(&run(httpc().args([method, &server.url("/")])));
    let req = server.only_request();
    assert_eq!(req.method, method.to_uppercase());
    assert!(req.body.is_empty(), "{req:#?}");
    req
}

#[test]
fn post_put_patch_without_a_body_send_content_length_zero() {
    for method in ["post", "put", "patch"] {
        let req = bodiless(method);
        assert_eq!(
            req.headers_named("content-length"),
            ["0"],
            "{method}: {req:#?}"
        );
        assert_eq!(req.header("transfer-encoding"), None, "{method}: {req:#?}");
    }
}

#[test]
fn get_and_delete_without_a_body_send_no_length() {
    for method in ["get", "delete"] {
        let req = bodiless(method);
        assert_eq!(req.header("content-length"), None, "{method}: {req:#?}");
        assert_eq!(req.header("transfer-encoding"), None, "{method}: {req:#?}");
    }
}

// ---------------------------------------------------------------------------
// Proxy URLs refused before anything is sent
// ---------------------------------------------------------------------------

#[test]
fn proxy_with_a_bad_port_is_a_usage_error() {
    let server = origin();
    let url = server.url("/");
    run(&mut get(&url, &["-x", "http://127.0.0.1:notaport"]))
        .assert_code(2)
        .assert_stdout("")
        .assert_stderr(&error_line(
            &url,
            "invalid proxy 'http://127.0.0.1:notaport' (from -x): invalid port number",
        ));
    server.assert_nothing_received();
}

#[test]
fn proxy_with_another_scheme_is_a_usage_error_without_the_password() {
    let server = origin();
    let url = server.url("/");
    let out = run(&mut get(&url, &["-x", "gopher://u:SECRET@127.0.0.1:70"]));
    out.assert_code(2)
        .assert_stdout("")
        .assert_one_error_line(&[
            &url,
            "invalid proxy 'gopher://u:***@127.0.0.1:70' (from -x)",
            "unsupported scheme 'gopher'",
        ])
        .assert_stderr_lacks("SECRET");
    server.assert_nothing_received();
}

#[test]
fn proxy_without_a_scheme_is_refused_without_the_password() {
    let server = origin();
    let url = server.url("/");
    // A URL reads `//user:pass@host` as an authority with a password.
    for proxy in ["//u:SECRET@127.0.0.1:3128/x", "//u:SECRET@127.0.0.1:bad"] {
        run(&mut get(&url, &["-x", proxy]))
            .assert_code(2)
            .assert_stdout("")
            .assert_one_error_line(&[&url, "invalid proxy", "u:***@127.0.0.1"])
            .assert_stderr_lacks("SECRET");
    }
    server.assert_nothing_received();
}

#[test]
fn bad_https_proxy_variable_is_a_usage_error_naming_it() {
    let server = origin();
    // https:// to the plain server: any attempt would show as a connection.
    let url = format!("https://{}/", server.host());
    let mut cmd = get(&url, &[]);
    cmd.env("HTTPS_PROXY", "http://u:SECRET@x:bad");
    run(&mut cmd)
        .assert_code(2)
        .assert_stdout("")
        .assert_stderr(&error_line(
            &url,
            "invalid proxy 'http://u:***@x:bad' (from HTTPS_PROXY): invalid port number",
        ));
    server.assert_nothing_received();
}

#[test]
fn bad_proxy_for_a_later_url_stops_every_url_before_sending() {
    // The first URL would go direct (NO_PROXY); only the second needs the
    // bad proxy, and still nothing at all is sent.
    let server = origin();
    let first = server.url("/first");
    let second = format!("http://localhost:{}/second", server.port());
    let mut cmd = httpc();
    cmd.args(["get", &first, &second])
        .env("http_proxy", "http://u:SECRET@x:bad")
        .env("NO_PROXY", "127.0.0.1");
    run(&mut cmd)
        .assert_code(2)
        .assert_stdout("")
        .assert_stderr(&error_line(
            &second,
            "invalid proxy 'http://u:***@x:bad' (from http_proxy): invalid port number",
        ));
    server.assert_nothing_received();
}

#[test]
fn health_with_a_bad_proxy_variable_is_a_usage_error_before_any_check() {
    let server = origin();
    let url = server.url("/");
    let mut cmd = httpc();
    cmd.args(["health", &url])
        .env("http_proxy", "http://u:SECRET@x:bad");
    run(&mut cmd)
        .assert_code(2)
        .assert_stdout("")
        .assert_stderr(&error_line(
            &url,
            "invalid proxy 'http://u:***@x:bad' (from http_proxy): invalid port number",
        ));
    server.assert_nothing_received();
}

#[test]
fn proxy_variable_without_a_scheme_is_http() {
    // `-x host:port` is covered in proxy.rs; the variables behave the same.
    let server = origin();
    let proxy = TestProxy::tunnel();
    let mut cmd = get(&server.url("/"), &[]);
    cmd.env("http_proxy", format!("127.0.0.1:{}", proxy.port()));
    assert_origin_body(&run(&mut cmd));
    assert_proxied_to(&proxy, &server.host());
}

// ---------------------------------------------------------------------------
// Bounds on what a server can make httpc read
// ---------------------------------------------------------------------------

#[test]
fn an_endless_trailer_section_is_a_malformed_response() {
    let mut raw =
        b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n".to_vec();
    while raw.len() < 200 * 1024 {
        raw.extend_from_slice(b"x-trailer: yes\r\n");
    }
    raw.extend_from_slice(b"\r\n");
    let server = TestServer::replying(Reply::raw(raw));
    let url = server.url("/");
    let out = run(&mut get(&url, &[]));
    out.assert_code(56).assert_stderr(&error_line(
        &url,
        "malformed response: a trailer section over 64 KiB",
    ));
    // The chunk may or may not be out before the trailers are: it arrives
    // in the same read when the server is quick.
    let printed = out.stdout_text();
    assert!("hello".starts_with(&printed), "{out:?}");
}

#[test]
fn trailers_within_the_bound_are_fine() {
    let server = TestServer::replying(Reply::raw(
        "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nx-sum: 1\r\n\r\n",
    ));
    run(&mut get(&server.url("/"), &[]))
        .assert_success()
        .assert_stdout("hello")
        .assert_stderr_empty();
}

#[test]
fn an_endless_stream_of_interim_responses_is_a_malformed_response() {
    let mut raw = Vec::new();
    while raw.len() < 400 * 1024 {
        raw.extend_from_slice(b"HTTP/1.1 102 Processing\r\n\r\n");
    }
    raw.extend_from_slice(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nhi");
    let server = TestServer::replying(Reply::raw(raw));
    let url = server.url("/");
    run(&mut get(&url, &[]))
        .assert_code(56)
        .assert_stdout("")
        .assert_stderr(&error_line(
            &url,
            "malformed response: the response head (with its interim responses) is over 300 KiB",
        ));
}

#[test]
fn a_few_interim_responses_come_before_the_answer() {
    let server = TestServer::replying(Reply::raw(
        "HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 103 Early Hints\r\nlink: </s.css>\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nhi",
    ));
    run(&mut get(&server.url("/"), &[]))
        .assert_success()
        .assert_stdout("hi");
}

fn head_with(fields: &str) -> Reply {
    Reply::raw(format!(
        "HTTP/1.1 200 OK\r\n{fields}content-length: 3\r\nconnection: close\r\n\r\nok\n"
    ))
}

#[test]
fn more_than_128_header_lines_name_ureqs_limit() {
    let fields: String = (0..200).map(|i| format!("x-h{i}: v\r\n")).collect();
    let server = TestServer::replying(head_with(&fields));
    let url = server.url("/");
    run(&mut get(&url, &[]))
        .assert_code(56)
        .assert_stdout("")
        .assert_stderr(&error_line(
        &url,
        "malformed response: more than 128 header lines (the limit of ureq, httpc's HTTP library)",
    ));
}

#[test]
fn a_head_of_250_kib_is_read() {
    // ureq's own limit is 64 KiB; httpc reads 300 KiB, as curl does.
    let fields = format!("x-big: {}\r\n", "a".repeat(250 * 1024));
    let server = TestServer::replying(head_with(&fields));
    run(&mut get(&server.url("/"), &[]))
        .assert_success()
        .assert_stdout("ok\n");
}

#[test]
fn a_head_over_300_kib_is_a_malformed_response() {
    let fields = format!("x-big: {}\r\n", "a".repeat(400 * 1024));
    let server = TestServer::replying(head_with(&fields));
    let url = server.url("/");
    run(&mut get(&url, &[]))
        .assert_code(56)
        .assert_stdout("")
        .assert_stderr(&error_line(
            &url,
            "malformed response: the response head (with its interim responses) is over 300 KiB",
        ));
}

// ---------------------------------------------------------------------------
// Uploads: Expect: 100-continue
// ---------------------------------------------------------------------------

#[test]
fn a_large_upload_asks_first_and_hears_an_early_refusal() {
    use std::io::Read;
    use std::net::TcpListener;
    let dir = support::tempdir();
    let file = dir.path().join("big.bin");
    std::fs::write(&file, vec![b'x'; 8 << 20]).unwrap();
    // A server that answers 413 as soon as it has the head, never reading
    // the body, and closes (the unread body makes that a reset).
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/up", listener.local_addr().unwrap());
    let seen = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") && conn.read(&mut byte).unwrap() == 1 {
            head.push(byte[0]);
        }
        conn.write_all(b"HTTP/1.1 413 Content Too Large\r\ncontent-length: 8\r\nconnection: close\r\n\r\ntoo big\n")
            .unwrap();
        String::from_utf8_lossy(&head).into_owned()
    });
    let out = run(httpc().args(["post", &url, "-d", &format!("@{}", file.display())]));
    out.assert_code(4)
        .assert_stdout("too big\n")
        .assert_stderr("httpc: warning: HTTP 413 Content Too Large\n");
    let head = seen.join().unwrap();
    assert!(head.contains("\r\nexpect: 100-continue\r\n"), "{head}");
    assert!(head.contains("\r\ncontent-length: 8388608\r\n"), "{head}");
}

#[test]
fn only_large_or_unsized_uploads_ask_first() {
    let server = TestServer::new(|_| Reply::ok("ok"));
    let url = server.url("/");
    run(httpc().args(["post", &url, "-d", &"x".repeat(1000)])).assert_success();
    run(httpc()
        .args(["post", &url, "-d", "@-"])
        .write_stdin("streamed"))
    .assert_success();
    let reqs = server.requests();
    assert_eq!(reqs[0].header("expect"), None, "{:#?}", reqs[0]);
    assert_eq!(reqs[1].header("expect"), Some("100-continue"));
    assert_eq!(reqs[1].body, b"streamed");
}

// ---------------------------------------------------------------------------
// Folded header lines (obs-fold, RFC 9112 §5.2)
// ---------------------------------------------------------------------------

#[test]
fn a_folded_header_line_is_read_as_one_line_with_spaces() {
    let server = TestServer::replying(Reply::raw(
        "HTTP/1.1 200 OK\r\nx-long: a\r\n  b\r\n\tc\r\ncontent-length: 3\r\n\r\nok\n",
    ));
    // On a terminal the head is shown as read (piped, it is as received).
    run(support::tty().args(["get", &server.url("/"), "-i", "--color", "never"]))
        .assert_success()
        .assert_stdout("HTTP/1.1 200 OK\nx-long: a    b  \tc\ncontent-length: 3\n\nok\n");
}

#[test]
fn a_body_that_looks_folded_is_left_as_it_is() {
    let body = "line\r\n more\r\n\tand more\r\n";
    let server = TestServer::replying(Reply::raw(format!(
        "HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )));
    run(&mut get(&server.url("/"), &[]))
        .assert_success()
        .assert_stdout(body);
}

// ---------------------------------------------------------------------------
// A head that comes with much of its body in one read; a broken pipe
// ---------------------------------------------------------------------------

/// A server on a Unix socket that answers at once, before it reads the
/// request, with a 1 MiB body: with a wide send buffer, httpc's first
/// read brings the head and some 300 KiB of body with it.
#[cfg(unix)]
#[test]
fn a_head_read_with_300_kib_of_its_body_is_a_response_not_an_oversized_head() {
    use std::io::Read;
    use std::os::unix::net::UnixListener;
    let dir = support::tempdir();
    let path = dir.path().join("eager.sock");
    let listener = UnixListener::bind(&path).unwrap();
    let body = super::large_bodies::pattern(1 << 20);
    let mut reply = format!(
        "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    reply.extend_from_slice(&body);
    let server = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        rustix::net::sockopt::set_socket_send_buffer_size(&conn, 4 << 20).unwrap();
        conn.write_all(&reply).unwrap();
        let mut request = [0u8; 4096];
        let n = conn.read(&mut request).unwrap();
        String::from_utf8_lossy(&request[..n]).into_owned()
    });
    let out = run(httpc().args([
        "get",
        "--unix-socket",
        path.to_str().unwrap(),
        "http://localhost/eager",
    ]));
    out.assert_success().assert_stderr_empty();
    assert!(
        out.stdout() == body.as_slice(),
        "the body is not the 1 MiB sent"
    );
    assert!(server
        .join()
        .unwrap()
        .starts_with("GET /eager HTTP/1.1\r\n"));
}

/// A pooled Unix-socket connection that the server stopped reading: the
/// peek finds it idle and open, and the next request's write fails with
/// a broken pipe. The server never saw that request, so it is sent again
/// on a new connection, as after a reset.
#[cfg(target_os = "linux")]
#[test]
fn a_request_written_into_a_unix_socket_the_server_stopped_reading_is_sent_again() {
    use std::io::Read;
    let dir = support::tempdir();
    let path = dir.path().join("halfway.sock");
    let listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
    let server = std::thread::spawn(move || {
        let (mut seen, mut kept) = (Vec::new(), Vec::new());
        for _ in 0..2 {
            let (mut conn, _) = listener.accept().unwrap();
            let mut head = Vec::new();
            let mut chunk = [0u8; 1024];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match conn.read(&mut chunk) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&chunk[..n]),
                }
            }
            let line = String::from_utf8_lossy(&head)
                .lines()
                .next()
                .unwrap_or_default()
                .to_string();
            seen.push(line);
            // No more reading on this connection, before the answer goes
            // out: the next request on it meets a closed reading side.
            conn.shutdown(std::net::Shutdown::Read).unwrap();
            conn.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 3\r\n\r\nok\n")
                .unwrap();
            // Its writing side stays open until httpc is done.
            kept.push(conn);
        }
        seen
    });
    let out = run(httpc().args([
        "get",
        "-v",
        "--unix-socket",
        path.to_str().unwrap(),
        "http://localhost/a",
        "http://localhost/b",
    ]));
    out.assert_success().assert_stdout("ok\nok\n");
    assert_eq!(sent_again_count(&out), 1, "{out:?}");
    assert_eq!(
        server.join().unwrap(),
        ["GET /a HTTP/1.1", "GET /b HTTP/1.1"],
        "the second connection carried /b"
    );
}
