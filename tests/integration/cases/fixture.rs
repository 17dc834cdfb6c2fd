//! The test server's own guarantees: what it records and sends on the wire,
//! and that it fails the test when it was not used as scripted (a handler
//! panicked, a scripted reply went unused, nobody called it), so a broken
//! fixture cannot pass for a transfer fault.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::support::*;

// ---------------------------------------------------------------------------
// What the server records and sends
// ---------------------------------------------------------------------------

fn raw_exchange(stream: &mut TcpStream, request: &[u8], expect_len: usize) -> Vec<u8> {
    stream.write_all(request).unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while got.len() < expect_len {
        let n = stream.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        got.extend_from_slice(&buf[..n]);
    }
    got
}

#[test]
fn records_requests_and_keeps_connections_alive() {
    let server = TestServer::new(|req| {
        Reply::ok(format!("you sent {} bytes", req.body.len())).header("x-seen", &req.method)
    });
    let mut stream = TcpStream::connect(("127.0.0.1", server.port())).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let expected1 =
        b"HTTP/1.1 200 OK\r\nx-seen: POST\r\ncontent-length: 16\r\n\r\nyou sent 5 bytes";
    let got = raw_exchange(
        &mut stream,
        b"POST /a?x=1 HTTP/1.1\r\nHost: h\r\nX-Dup: 1\r\nx-dup:  2 \r\nContent-Length: 5\r\n\r\nhello",
        expected1.len(),
    );
    assert_eq!(show_bytes(&got), show_bytes(expected1));
    // Same connection, chunked body.
    let expected2 =
        b"HTTP/1.1 200 OK\r\nx-seen: PUT\r\ncontent-length: 17\r\n\r\nyou sent 11 bytes";
    let got = raw_exchange(
        &mut stream,
        b"PUT /b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n",
        expected2.len(),
    );
    assert_eq!(show_bytes(&got), show_bytes(expected2));
    drop(stream);

    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(server.connection_count(), 1);
    assert_eq!(reqs[0].conn, reqs[1].conn);
    assert_eq!(reqs[0].method, "POST");
    assert_eq!(reqs[0].target, "/a?x=1");
    assert_eq!(reqs[0].path(), "/a");
    assert_eq!(reqs[0].version, "HTTP/1.1");
    assert_eq!(reqs[0].headers_named("x-dup"), ["1", "2"]);
    assert_eq!(reqs[0].headers[1].0, "X-Dup");
    assert_eq!(reqs[0].body, b"hello");
    assert!(reqs[0].raw_head.ends_with(b"Content-Length: 5\r\n\r\n"));
    assert_eq!(reqs[1].body, b"hello world");
    assert!(reqs[1].chunked);
}

#[test]
fn reset_is_a_connection_reset() {
    let server = TestServer::new(|_| Reply::reset());
    let mut stream = TcpStream::connect(("127.0.0.1", server.port())).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: h\r\n\r\n")
        .unwrap();
    let mut buf = [0u8; 16];
    let err = stream.read(&mut buf).expect_err("a reset, not EOF");
    assert_eq!(err.kind(), std::io::ErrorKind::ConnectionReset);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn close_without_reply_is_eof() {
    let server = TestServer::new(|_| Reply::close_without_reply());
    let mut stream = TcpStream::connect(("127.0.0.1", server.port())).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: h\r\n\r\n")
        .unwrap();
    let mut buf = Vec::new();
    stream.read_to_end(&mut buf).unwrap();
    assert!(buf.is_empty());
}

#[test]
fn multipart_parser_reads_parts() {
    let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f.txt\"\r\nContent-Type: text/plain\r\n\r\nline\r\n\r\n--XyZ--\r\n";
    let parts = parse_multipart("multipart/form-data; boundary=XyZ", body);
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0].name.as_deref(), Some("a"));
    assert_eq!(parts[0].data, b"1");
    assert_eq!(parts[1].filename.as_deref(), Some("f.txt"));
    assert_eq!(parts[1].content_type.as_deref(), Some("text/plain"));
    assert_eq!(parts[1].data, b"line\r\n");
}

// ---------------------------------------------------------------------------
// The server guards itself
// ---------------------------------------------------------------------------

/// Sends one request on a fresh connection and reads until the server
/// closes or resets it.
fn poke(server: &TestServer, path: &str) -> Vec<u8> {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port())).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut got = Vec::new();
    let _ = stream.read_to_end(&mut got);
    got
}

#[test]
#[should_panic(expected = "handler panicked, so httpc saw a broken connection")]
fn a_panicking_handler_fails_the_test_even_when_httpc_exits_as_expected() {
    // A fault reply has no head: `header` panics in the handler, the socket
    // closes with the request unread, and httpc exits 56 (reset) as if the
    // server had meant it. Dropping the server must fail the test anyway.
    let server = TestServer::new(|_| Reply::close_without_reply().header("x", "y"));
    run(httpc().arg(server.url("/"))).assert_code(56);
}

#[test]
#[should_panic(expected = "never called")]
fn a_server_nobody_called_fails_the_test() {
    let _server = TestServer::ok("unused");
}

#[test]
fn assert_nothing_received_makes_an_unused_server_fine() {
    let server = TestServer::ok("unused");
    server.assert_nothing_received();
}

#[test]
#[should_panic(expected = "expects no request")]
fn a_request_after_assert_nothing_received_fails_the_test() {
    let server = TestServer::ok("late");
    server.assert_nothing_received();
    poke(&server, "/");
}

#[test]
fn a_script_answers_in_order() {
    let server = TestServer::script([Reply::ok("one"), Reply::status(404).body("two")]);
    run(httpc().arg(server.url("/1")))
        .assert_success()
        .assert_stdout("one");
    run(httpc().arg(server.url("/2")))
        .assert_code(4)
        .assert_stdout("two");
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/1", "/2"]);
}

#[test]
#[should_panic(expected = "never used")]
fn an_unused_scripted_reply_fails_the_test() {
    let server = TestServer::script([Reply::ok("one"), Reply::ok("two")]);
    assert!(poke(&server, "/").ends_with(b"one"));
}

#[test]
#[should_panic(expected = "request beyond the script")]
fn a_request_beyond_the_script_fails_the_test() {
    let server = TestServer::script([Reply::ok("one")]);
    assert!(poke(&server, "/").ends_with(b"one"));
    assert!(
        poke(&server, "/").is_empty(),
        "no reply to the extra request"
    );
}

#[test]
fn header_reaches_the_response_behind_a_delay() {
    let server = TestServer::new(|_| {
        Reply::ok("late")
            .after(Duration::from_millis(10))
            .header("x-late", "yes")
    });
    let got = String::from_utf8(poke(&server, "/")).unwrap();
    assert!(
        got.starts_with("HTTP/1.1 200 OK\r\nx-late: yes\r\n"),
        "{got:?}"
    );
    assert!(got.ends_with("\r\n\r\nlate"), "{got:?}");
}
