//! The progress bar: drawn on stderr only when stderr is a terminal, the
//! body is not going to the terminal and `-s` is not given; not for quick
//! transfers; cleared at the end. A hidden env var makes httpc believe its
//! streams are terminals, so the bar's escape sequences can be read here.

use std::time::Duration;

use crate::support::*;

/// 40 body bytes, one every 25 ms: about a second, well past the 200 ms
/// before the bar appears.
fn slow_server() -> TestServer {
    TestServer::new(|_| Reply::trickle(40, Duration::from_millis(25)))
}

/// A slow body without Content-Length: chunks of the same drip.
fn slow_unknown_length_server() -> TestServer {
    TestServer::new(|_| Reply::Trickle {
        head: b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n".to_vec(),
        chunks: vec![b"y".to_vec(); 40],
        interval: Duration::from_millis(25),
    })
}

#[test]
fn bar_with_length_shows_bytes_total_percent_and_is_cleared() {
    let server = slow_server();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.txt");
    let out = run(tty().args(["get", &server.url("/"), "-o"]).arg(&file));
    out.assert_success();
    let err = out.stderr_text();
    assert!(err.contains("/ 40 B"), "no total in the bar: {err:?}");
    assert!(err.contains('%'), "no percentage: {err:?}");
    assert!(err.contains("ETA"), "no ETA: {err:?}");
    assert!(err.contains("B/s"), "no rate: {err:?}");
    // Cleared: the last thing on stderr is the erase-line sequence.
    assert!(
        err.ends_with("\r\x1b[2K"),
        "bar not cleared at the end: {err:?}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), vec![b'x'; 40]);
}

#[test]
fn bar_without_length_is_a_spinner_with_bytes_and_rate() {
    let server = slow_unknown_length_server();
    let out = run(tty().args(["get", &server.url("/"), "-o", "/dev/null"]));
    out.assert_success();
    let err = out.stderr_text();
    assert!(err.contains("B/s"), "no rate: {err:?}");
    assert!(!err.contains('%'), "a percentage without a length: {err:?}");
}

#[test]
fn no_bar_when_the_body_goes_to_the_terminal() {
    let server = slow_server();
    let out = run(tty().args(["get", &server.url("/"), "--color", "never"]));
    out.assert_success().assert_stderr_empty();
}

#[test]
fn no_bar_with_silent_or_no_progress() {
    let server = slow_server();
    for flag in ["-s", "--no-progress"] {
        let out = run(tty().args(["get", &server.url("/"), "-o", "/dev/null", flag]));
        out.assert_success().assert_stderr_empty();
    }
}

#[test]
fn no_bar_when_stderr_is_not_a_terminal() {
    let server = slow_server();
    let out = run(httpc().args(["get", &server.url("/")]));
    out.assert_success().assert_stderr_empty();
}

#[test]
fn no_bar_flashes_for_a_quick_response() {
    let server = TestServer::ok("quick");
    let out = run(tty().args(["get", &server.url("/"), "-o", "/dev/null"]));
    out.assert_success().assert_stderr_empty();
}

#[test]
fn progress_flag_draws_the_bar_even_for_a_body_on_the_terminal() {
    let server = slow_server();
    let out = run(tty().args(["get", &server.url("/"), "--progress", "-b"]));
    out.assert_success();
    assert!(out.stderr_text().contains("/ 40 B"), "{out:?}");
}
