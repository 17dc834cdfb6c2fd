//! Exit codes of HTTP statuses and transfer failures, and error messages:
//! one line `httpc: error: ...` naming the URL, never a password.

use std::time::Duration;

use crate::support::*;

// ---------------------------------------------------------------------------
// HTTP statuses: 3, 4, 5, and 0 where promised
// ---------------------------------------------------------------------------

#[test]
fn status_2xx_exits_0() {
    let server = TestServer::new(|_| Reply::status(201).body("made"));
    run(httpc().args(["post", &server.url("/"), "-d", "x"]))
        .assert_success()
        .assert_stdout("made")
        .assert_stderr_empty();
}

#[test]
fn status_4xx_exits_4() {
    let server = TestServer::new(|_| Reply::status(404).body("nope"));
    run(httpc().arg(server.url("/")))
        .assert_code(4)
        .assert_stdout("nope");
}

#[test]
fn status_418_exits_4() {
    let server = TestServer::new(|_| Reply::status(418).body("teapot"));
    run(httpc().arg(server.url("/"))).assert_code(4);
}

#[test]
fn status_5xx_exits_5() {
    let server = TestServer::new(|_| Reply::status(503).body("later"));
    run(httpc().arg(server.url("/")))
        .assert_code(5)
        .assert_stdout("later");
}

#[test]
fn redirect_without_location_option_exits_3_and_is_not_followed() {
    let server = TestServer::new(|req| match req.path() {
        "/old" => Reply::redirect(301, "/new").body("moved"),
        _ => Reply::ok("new place"),
    });
    run(httpc().arg(server.url("/old")))
        .assert_code(3)
        .assert_stdout("moved")
        .assert_stderr("httpc: warning: HTTP 301 Moved Permanently\n");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 1, "the redirect was followed: {reqs:#?}");
    assert_eq!(reqs[0].target, "/old");
}

#[test]
fn every_unfollowed_redirect_status_exits_3() {
    for status in [301, 302, 303, 307, 308] {
        let server = TestServer::new(move |_| Reply::redirect(status, "/elsewhere"));
        let out = run(httpc().arg(server.url("/")));
        assert_eq!(out.code(), Some(3), "status {status}\n{out:?}");
        assert_eq!(server.requests().len(), 1, "status {status} was followed");
    }
}

#[test]
fn no_content_204_exits_0() {
    let server = TestServer::new(|_| Reply::status(204));
    run(httpc().args(["delete", &server.url("/thing")]))
        .assert_success()
        .assert_stdout("")
        .assert_stderr_empty();
}

#[test]
fn not_modified_304_exits_0() {
    let server = TestServer::new(|_| Reply::status(304));
    run(httpc().args(["get", &server.url("/"), "-H", "If-None-Match: \"x\""]))
        .assert_success()
        .assert_stdout("")
        .assert_stderr_empty();
}

#[test]
fn ignore_status_exits_0_for_4xx_and_prints_body() {
    let server = TestServer::new(|_| Reply::status(404).body("nope"));
    run(httpc().args(["get", &server.url("/"), "--ignore-status"]))
        .assert_success()
        .assert_stdout("nope");
}

#[test]
fn ignore_status_exits_0_for_5xx_and_3xx() {
    let server = TestServer::new(|req| match req.path() {
        "/r" => Reply::redirect(302, "/x"),
        _ => Reply::status(500),
    });
    run(httpc().args([
        "get",
        &server.url("/r"),
        &server.url("/e"),
        "--ignore-status",
    ]))
    .assert_success();
    assert_eq!(server.requests().len(), 2);
}

// ---------------------------------------------------------------------------
// Several URLs
// ---------------------------------------------------------------------------

#[test]
fn several_urls_are_all_tried_and_first_failure_decides_exit_code() {
    let server = TestServer::new(|req| match req.path() {
        "/a" => Reply::ok("a;"),
        "/b" => Reply::status(404).body("b;"),
        "/c" => Reply::status(500).body("c;"),
        _ => Reply::ok("d;"),
    });
    let out = run(httpc().args([
        "get",
        &server.url("/a"),
        &server.url("/b"),
        &server.url("/c"),
        &server.url("/d"),
    ]));
    out.assert_code(4).assert_stdout("a;b;c;d;");
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/a", "/b", "/c", "/d"]);
}

#[test]
fn several_urls_continue_after_transfer_error() {
    let server = TestServer::new(|req| match req.path() {
        "/b" => Reply::status(404).body("b;"),
        _ => Reply::ok("ok;"),
    });
    let refused = closed_port_url("/x");
    let out = run(httpc().args(["get", &server.url("/a"), &refused, &server.url("/b")]));
    out.assert_code(7).assert_stdout("ok;b;");
    out.assert_stderr_contains("httpc: error: ")
        .assert_stderr_contains(&refused);
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/a", "/b"]);
}

#[test]
fn several_failures_print_one_error_line_each_and_first_code_wins() {
    let refused = closed_port_url("/x");
    let out = run(httpc().args(["get", &refused, UNRESOLVABLE_URL]));
    out.assert_code(7).assert_stdout("");
    let err = out.stderr_text();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{out:?}");
    assert!(
        lines[0].starts_with("httpc: error: ") && lines[0].contains(&refused),
        "{out:?}"
    );
    assert!(
        lines[1].starts_with("httpc: error: ") && lines[1].contains("nonexistent.invalid"),
        "{out:?}"
    );
}

// ---------------------------------------------------------------------------
// Transfer failures
// ---------------------------------------------------------------------------

#[test]
fn bad_url_exits_2_with_error_naming_it() {
    run(httpc().args(["get", "ftp://example.test/x"]))
        .assert_code(2)
        .assert_stdout("")
        .assert_one_error_line(&["ftp://example.test/x"]);
}

#[test]
fn unresolvable_host_exits_6() {
    run(httpc().arg(UNRESOLVABLE_URL))
        .assert_code(6)
        .assert_stdout("")
        .assert_one_error_line(&["nonexistent.invalid"]);
}

#[test]
fn connection_refused_exits_7_naming_url_and_cause() {
    let url = closed_port_url("/x");
    run(httpc().arg(&url))
        .assert_code(7)
        .assert_stdout("")
        .assert_one_error_line(&["connection refused", &url]);
}

#[test]
fn body_shorter_than_content_length_exits_18() {
    let server = TestServer::new(|_| Reply::short_body(100, b"0123456789"));
    let url = server.url("/short");
    let out = run(httpc().arg(&url));
    out.assert_code(18).assert_one_error_line(&[&url]);
    // What arrived may be printed, but never more than was sent.
    assert!(b"0123456789".starts_with(out.stdout()), "{out:?}");
}

#[test]
fn chunked_body_cut_mid_chunk_exits_18() {
    let server = TestServer::new(|_| Reply::chunked_cut());
    let url = server.url("/cut");
    run(httpc().arg(&url))
        .assert_code(18)
        .assert_one_error_line(&[&url]);
}

#[test]
fn close_without_reply_exits_52() {
    let server = TestServer::new(|_| Reply::close_without_reply());
    let url = server.url("/empty");
    run(httpc().arg(&url))
        .assert_code(52)
        .assert_stdout("")
        .assert_one_error_line(&[&url]);
}

#[test]
fn connection_reset_exits_56() {
    let server = TestServer::new(|_| Reply::reset());
    let url = server.url("/reset");
    run(httpc().arg(&url))
        .assert_code(56)
        .assert_stdout("")
        .assert_one_error_line(&[&url]);
}

#[test]
fn malformed_chunk_size_exits_56() {
    let server = TestServer::new(|_| Reply::bad_chunk_size());
    let url = server.url("/chunk");
    run(httpc().arg(&url))
        .assert_code(56)
        .assert_one_error_line(&[&url]);
}

#[test]
fn conflicting_content_lengths_exit_56() {
    let server = TestServer::new(|_| Reply::conflicting_content_length());
    let url = server.url("/cl");
    run(httpc().arg(&url))
        .assert_code(56)
        .assert_stdout("")
        .assert_one_error_line(&[&url]);
}

#[test]
fn invalid_content_length_exits_56() {
    let server = TestServer::new(|_| {
        Reply::raw(b"HTTP/1.1 200 OK\r\ncontent-length: 5x\r\n\r\nhello".to_vec())
    });
    let url = server.url("/cl");
    run(httpc().arg(&url))
        .assert_code(56)
        .assert_stdout("")
        .assert_one_error_line(&[&url]);
}

#[test]
fn garbage_response_exits_56() {
    let server = TestServer::new(|_| Reply::raw(b"this is not http\r\n\r\n".to_vec()));
    let url = server.url("/junk");
    run(httpc().arg(&url))
        .assert_code(56)
        .assert_stdout("")
        .assert_one_error_line(&[&url]);
}

#[test]
fn unwritable_output_file_exits_1() {
    let server = TestServer::ok("body");
    run(httpc().args(["get", &server.url("/"), "-o", "/nonexistent-dir/x"]))
        .assert_code(1)
        .assert_stdout("")
        .assert_one_error_line(&[
            &server.url("/"),
            "cannot write '/nonexistent-dir/x': no such file or directory",
        ]);
    // The temporary file beside it cannot be made, so nothing is sent.
    server.assert_nothing_received();
}

#[test]
fn unknown_option_is_usage_error() {
    let server = TestServer::ok("body");
    run(httpc().args(["get", &server.url("/"), "--no-such-option"]))
        .assert_code(2)
        .assert_stdout("")
        .assert_one_error_line(&["--no-such-option"]);
    server.assert_nothing_received();
}

#[test]
fn bad_duration_is_usage_error() {
    let server = TestServer::ok("body");
    run(httpc().args(["get", &server.url("/"), "--timeout", "soon"]))
        .assert_code(2)
        .assert_one_error_line(&["soon"]);
    server.assert_nothing_received();
}

#[test]
fn silent_still_prints_errors() {
    let url = closed_port_url("/x");
    run(httpc().args(["get", &url, "-s"]))
        .assert_code(7)
        .assert_one_error_line(&["connection refused", &url]);
}

// ---------------------------------------------------------------------------
// Messages never show a password
// ---------------------------------------------------------------------------

#[test]
fn error_never_shows_url_password() {
    let port_url = closed_port_url("/x");
    let url = port_url.replace("http://", "http://user:secret@");
    run(httpc().arg(&url))
        .assert_code(7)
        .assert_one_error_line(&["connection refused", "127.0.0.1"])
        .assert_stderr_lacks("secret");
}

#[test]
fn timeout_error_never_shows_url_password() {
    let server = TestServer::new(|_| Reply::stall(Duration::from_secs(3)));
    let url = server
        .url("/slow")
        .replace("http://", "http://user:secret@");
    run(httpc().args(["get", &url, "--timeout", "0.5"]))
        .assert_code(28)
        .assert_one_error_line(&["timed out"])
        .assert_stderr_lacks("secret");
}

#[test]
fn usage_error_never_shows_url_password() {
    run(httpc().arg("ftp://user:secret@example.test/"))
        .assert_code(2)
        .assert_one_error_line(&["unsupported URL scheme 'ftp' in 'ftp://user:***@example.test/'"])
        .assert_stderr_lacks("secret");
}

#[test]
fn status_warning_never_shows_url_password() {
    let server = TestServer::new(|_| Reply::status(404));
    let url = server.url("/").replace("http://", "http://user:secret@");
    run(httpc().arg(&url))
        .assert_code(4)
        .assert_stderr_lacks("secret");
}

#[test]
fn full_disk_on_stdout_exits_1_naming_url_and_cause() {
    let server = TestServer::ok("some body bytes\n");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full exists on Linux");
    let out = std_httpc()
        .args(["get", &server.url("/")])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("httpc: error: "), "{err}");
    assert!(err.contains(&server.url("/")), "{err}");
    assert!(
        err.contains("cannot write to stdout: No space left on device"),
        "{err}"
    );
}

#[test]
fn full_disk_on_output_file_exits_1_naming_the_file() {
    let server = TestServer::ok("some body bytes\n");
    run(httpc().args(["get", &server.url("/"), "-o", "/dev/full"]))
        .assert_code(1)
        .assert_one_error_line(&["cannot write '/dev/full'", "No space left on device"]);
}

// ---------------------------------------------------------------------------
// A closed stderr
// ---------------------------------------------------------------------------

/// httpc's exit code with stderr a pipe nobody reads any more (the reader
/// has exited, as `2>&1 | head -c1` leaves it): every write to it fails.
fn code_with_stderr_closed(args: &[&str]) -> Option<i32> {
    use std::process::{Command, Stdio};
    let mut reader = Command::new("true").stdin(Stdio::piped()).spawn().unwrap();
    let pipe = reader.stdin.take().unwrap();
    reader.wait().unwrap();
    let status = crate::support::std_httpc()
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::from(pipe))
        .status()
        .unwrap();
    status.code()
}

#[test]
fn a_closed_stderr_never_panics_and_the_exit_code_stays_the_transfers() {
    let refused = closed_port_url("/");
    // The retry line, the per-URL error line of a run that goes on, the
    // status warning, the last error line, and the --debug trace.
    assert_eq!(
        code_with_stderr_closed(&["get", "--retry", "1", "--retry-delay", "0", &refused]),
        Some(7)
    );
    let server = TestServer::new(|req| match req.path() {
        "/missing" => Reply::status(404).body("nope"),
        _ => Reply::ok("fine"),
    });
    assert_eq!(
        code_with_stderr_closed(&["get", &server.url("/missing"), &refused, &server.url("/")]),
        Some(4)
    );
    assert_eq!(
        code_with_stderr_closed(&["get", "-v", &server.url("/")]),
        Some(0)
    );
    assert_eq!(
        code_with_stderr_closed(&["get", "-k", &server.url("/")]),
        Some(0)
    );
}

#[test]
fn server_text_quoted_in_an_error_line_is_escaped() {
    // A Location that cannot be used is quoted in the error line: its C1
    // control (CSI, U+009B, which a header may carry as obs-text; ureq
    // refuses C0 controls there) must not reach the terminal or the log.
    let server = TestServer::replying(Reply::raw(
        "HTTP/1.1 302 Found\r\nlocation: http://[\u{9b}2J\r\ncontent-length: 0\r\n\r\n",
    ));
    let url = server.url("/");
    let out = run(httpc().args(["get", "-L", &url]));
    out.assert_code(56);
    let err = out.stderr_text();
    assert!(
        err.starts_with(&format!(
            "httpc: error: {url}: invalid redirect Location 'http://[\\u{{9b}}2J': "
        )),
        "{out:?}"
    );
    assert!(!err.contains('\u{9b}'), "{out:?}");
}
