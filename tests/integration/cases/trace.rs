//! The `--debug` trace (contract: "The `--debug` trace"): `* Connected`,
//! `>` request lines exactly as they went on the wire, `<` response lines as
//! received, the timing line; every redirect hop and retry attempt traced;
//! secrets redacted unless `--show-secrets`; stdout untouched.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::support::*;

// ---------------------------------------------------------------------------
// Reading a trace
// ---------------------------------------------------------------------------

/// The blocks of lines with this prefix (`>` or `<`): each runs from its
/// first `P ` line to the lone `P` line that ends it.
fn blocks(stderr: &str, prefix: char) -> Vec<Vec<String>> {
    let lone = prefix.to_string();
    let start = format!("{prefix} ");
    let mut blocks = Vec::new();
    let mut current = Vec::new();
    for line in stderr.lines() {
        if line.starts_with(&start) {
            current.push(line.to_string());
        } else if line == lone {
            current.push(line.to_string());
            blocks.push(std::mem::take(&mut current));
        }
    }
    assert!(
        current.is_empty(),
        "a {prefix} block is not closed by a lone {prefix:?} line:\n{stderr}"
    );
    blocks
}

/// How a request head the server received must look in the trace: each
/// line without its CRLF after `> `, then a lone `>`.
fn as_traced(raw_head: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(raw_head).expect("request head is UTF-8");
    let text = text
        .strip_suffix("\r\n\r\n")
        .expect("request head ends with a blank line");
    let mut lines: Vec<String> = text.split("\r\n").map(|l| format!("> {l}")).collect();
    lines.push(">".to_string());
    lines
}

/// The values of the traced header lines named `name` (case-insensitive)
/// with this prefix.
fn traced_values(stderr: &str, prefix: char, name: &str) -> Vec<String> {
    let start = format!("{prefix} ");
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix(&start))
        .filter_map(|l| l.split_once(':'))
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim().to_string())
        .collect()
}

fn redacted(value: &str) -> String {
    format!("<redacted, {} bytes>", value.len())
}

/// The `* Connected to ...` lines.
fn connected_lines(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| l.starts_with("* Connected to "))
        .map(str::to_string)
        .collect()
}

/// One timing line, `* 0.000412s dns, 0.000730s connect, ...`, as
/// (phase, seconds) pairs; None if the line is not one.
fn parse_timing(line: &str) -> Option<Vec<(String, f64)>> {
    let rest = line.strip_prefix("* ")?;
    let mut parts = Vec::new();
    for part in rest.split(", ") {
        let (secs, phase) = part.split_once("s ")?;
        let (whole, frac) = secs.split_once('.')?;
        if frac.len() != 6 || !whole.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        parts.push((phase.to_string(), secs.parse::<f64>().ok()?));
    }
    (parts.last()?.0 == "total").then_some(parts)
}

fn timing_lines(stderr: &str) -> Vec<Vec<(String, f64)>> {
    stderr.lines().filter_map(parse_timing).collect()
}

fn phases(timing: &[(String, f64)]) -> Vec<&str> {
    timing.iter().map(|(p, _)| p.as_str()).collect()
}

// ---------------------------------------------------------------------------
// Shape: request lines, response lines, connection, timing
// ---------------------------------------------------------------------------

#[test]
fn request_lines_equal_the_bytes_the_server_received() {
    let server = TestServer::ok("hello");
    let out = run(httpc().args([
        "get",
        &server.url("/path?x=1"),
        "-q",
        "y=a b",
        "-H",
        "X-Custom: one two",
        "-v",
    ]));
    out.assert_success().assert_stdout("hello");
    let req = server.only_request();
    let sent = blocks(&out.stderr_text(), '>');
    assert_eq!(sent, vec![as_traced(&req.raw_head)], "{out:?}");
    // The headers the library adds are among them.
    for name in [
        "host",
        "user-agent",
        "accept",
        "accept-encoding",
        "x-custom",
    ] {
        assert!(
            sent[0]
                .iter()
                .any(|l| l.to_ascii_lowercase().starts_with(&format!("> {name}:"))),
            "no {name} line in the trace\n{out:?}"
        );
    }
}

#[test]
fn request_lines_of_a_body_include_content_type_and_length_as_sent() {
    let server = TestServer::ok("done");
    let out = run(httpc().args(["post", &server.url("/up"), "-d", "hello world", "-v"]));
    out.assert_success().assert_stdout("done");
    let req = server.only_request();
    assert_eq!(req.body, b"hello world");
    let sent = blocks(&out.stderr_text(), '>');
    assert_eq!(sent, vec![as_traced(&req.raw_head)], "{out:?}");
    assert_eq!(
        traced_values(&out.stderr_text(), '>', "content-length"),
        ["11"],
        "{out:?}"
    );
    assert_eq!(
        traced_values(&out.stderr_text(), '>', "content-type"),
        ["application/octet-stream"],
        "{out:?}"
    );
    // The body is not part of the head.
    out.assert_stderr_lacks("hello world");
}

#[test]
fn request_lines_of_a_streamed_body_show_its_chunked_encoding() {
    let server = TestServer::ok("done");
    let out = run(httpc()
        .args(["post", &server.url("/stream"), "-d", "@-", "-v"])
        .write_stdin("from stdin"));
    out.assert_success().assert_stdout("done");
    let req = server.only_request();
    assert_eq!(req.body, b"from stdin");
    assert_eq!(
        blocks(&out.stderr_text(), '>'),
        vec![as_traced(&req.raw_head)],
        "{out:?}"
    );
}

#[test]
fn trace_starts_with_a_connected_line_for_a_new_connection() {
    let server = TestServer::ok("hi");
    let out = run(httpc().args(["get", &server.url("/"), "--debug"]));
    out.assert_success().assert_stdout("hi");
    let err = out.stderr_text();
    let first = err.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        format!("* Connected to {} (reused: no)", server.host()),
        "{out:?}"
    );
}

#[test]
fn second_url_on_the_same_server_is_traced_as_reused() {
    let server = TestServer::new(|req| Reply::ok(req.path().to_string()));
    let out = run(httpc().args(["get", &server.url("/one"), &server.url("/two"), "-v"]));
    out.assert_success().assert_stdout("/one/two");
    assert_eq!(server.connection_count(), 1, "{out:?}");
    let err = out.stderr_text();
    assert_eq!(
        connected_lines(&err),
        [
            format!("* Connected to {} (reused: no)", server.host()),
            format!("* Connected to {} (reused: yes)", server.host()),
        ],
        "{out:?}"
    );
    // The request heads of both, as received.
    let reqs = server.requests();
    assert_eq!(
        blocks(&err, '>'),
        vec![as_traced(&reqs[0].raw_head), as_traced(&reqs[1].raw_head)],
        "{out:?}"
    );
    // A reused connection has no dns or connect phase.
    let timings = timing_lines(&err);
    assert_eq!(timings.len(), 2, "{out:?}");
    assert!(
        phases(&timings[0]).starts_with(&["dns", "connect"]),
        "first transfer lacks dns/connect: {:?}\n{out:?}",
        timings[0]
    );
    assert_eq!(
        phases(&timings[1]),
        ["first byte", "total"],
        "reused connection\n{out:?}"
    );
}

#[test]
fn response_lines_show_the_status_line_and_headers_as_received() {
    let server = TestServer::new(|_| {
        Reply::status(201)
            .header("X-Mixed-Case", "Some Value")
            .header("content-type", "text/plain")
            .header("x-second", "2")
            .body("made")
    });
    let out = run(httpc().args(["post", &server.url("/"), "-d", "x", "-v"]));
    out.assert_success().assert_stdout("made");
    assert_eq!(
        blocks(&out.stderr_text(), '<'),
        vec![vec![
            "< HTTP/1.1 201 Created".to_string(),
            "< X-Mixed-Case: Some Value".to_string(),
            "< content-type: text/plain".to_string(),
            "< x-second: 2".to_string(),
            "< content-length: 4".to_string(),
            "<".to_string(),
        ]],
        "{out:?}"
    );
}

#[test]
fn trace_comes_in_contract_order_and_ends_with_the_timing_line() {
    let server = TestServer::ok("body");
    let out = run(httpc().args(["get", &server.url("/"), "-v"]));
    out.assert_success().assert_stdout("body");
    let err = out.stderr_text();
    let lines: Vec<&str> = err.lines().collect();
    let pos = |pred: &dyn Fn(&str) -> bool| lines.iter().position(|l| pred(l));
    let connected = pos(&|l| l.starts_with("* Connected to ")).expect("connected line");
    let request = pos(&|l| l.starts_with("> GET / HTTP/1.1")).expect("request line");
    let lone_out = pos(&|l| l == ">").expect("lone >");
    let status = pos(&|l| l.starts_with("< HTTP/1.1 200 OK")).expect("status line");
    let lone_in = pos(&|l| l == "<").expect("lone <");
    assert!(
        connected < request && request < lone_out && lone_out < status && status < lone_in,
        "{out:?}"
    );
    let last = lines.last().copied().unwrap_or_default();
    let timing = parse_timing(last)
        .unwrap_or_else(|| panic!("last line is not a timing line: {last:?}\n{out:?}"));
    assert_eq!(
        phases(&timing),
        ["dns", "connect", "first byte", "total"],
        "{out:?}"
    );
    let secs: Vec<f64> = timing.iter().map(|(_, s)| *s).collect();
    assert!(
        secs.windows(2).all(|w| w[0] <= w[1]),
        "phases are not cumulative: {timing:?}\n{out:?}"
    );
    assert!(secs[3] > 0.0 && secs[3] < 5.0, "{timing:?}");
}

#[test]
fn trace_leaves_stdout_byte_exact() {
    let server = TestServer::new(|_| {
        Reply::ok(all_bytes()).header("content-type", "application/octet-stream")
    });
    let out = run(httpc().args(["get", &server.url("/bin"), "-v"]));
    out.assert_success().assert_stdout(all_bytes());
    // Not a byte of the trace went to stdout, and the body did not go to
    // stderr.
    assert!(!out.stdout().windows(2).any(|w| w == b"> "));
    assert!(!out.output.stderr.windows(8).any(|w| w == &all_bytes()[..8]));
}

#[test]
fn without_debug_a_successful_transfer_writes_nothing_to_stderr() {
    let server = TestServer::ok("quiet");
    run(httpc().arg(server.url("/")))
        .assert_success()
        .assert_stdout("quiet")
        .assert_stderr_empty();
}

#[test]
fn each_redirect_hop_is_traced() {
    let server = TestServer::new(|req| match req.path() {
        "/a" => Reply::redirect(302, "/b").body("to b"),
        "/b" => Reply::redirect(307, "/c").body("to c"),
        _ => Reply::ok("end"),
    });
    let out = run(httpc().args(["get", &server.url("/a"), "-L", "-v"]));
    out.assert_success().assert_stdout("end");
    let err = out.stderr_text();
    let reqs = server.requests();
    assert_eq!(reqs.len(), 3, "{out:?}");
    let expected: Vec<Vec<String>> = reqs.iter().map(|r| as_traced(&r.raw_head)).collect();
    assert_eq!(blocks(&err, '>'), expected, "{out:?}");
    let statuses: Vec<String> = blocks(&err, '<')
        .into_iter()
        .map(|b| b[0].clone())
        .collect();
    assert_eq!(
        statuses,
        [
            "< HTTP/1.1 302 Found",
            "< HTTP/1.1 307 Temporary Redirect",
            "< HTTP/1.1 200 OK"
        ],
        "{out:?}"
    );
    assert_eq!(
        traced_values(&err, '<', "location"),
        ["/b", "/c"],
        "{out:?}"
    );
    // Each hop says which connection it went over.
    assert_eq!(connected_lines(&err).len(), 3, "{out:?}");
}

#[test]
fn each_retry_attempt_is_traced() {
    let server = TestServer::script([Reply::status(503).body("busy"), Reply::ok("fine")]);
    let out = run(httpc().args([
        "get",
        &server.url("/flaky"),
        "--retry",
        "2",
        "--retry-delay",
        "0.05",
        "-v",
    ]));
    out.assert_success().assert_stdout("fine");
    let err = out.stderr_text();
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2, "{out:?}");
    let expected: Vec<Vec<String>> = reqs.iter().map(|r| as_traced(&r.raw_head)).collect();
    assert_eq!(blocks(&err, '>'), expected, "{out:?}");
    let statuses: Vec<String> = blocks(&err, '<')
        .into_iter()
        .map(|b| b[0].clone())
        .collect();
    assert_eq!(
        statuses,
        ["< HTTP/1.1 503 Service Unavailable", "< HTTP/1.1 200 OK"],
        "{out:?}"
    );
    out.assert_stderr_contains("retrying in 0.05s (attempt 2 of 3): 503 Service Unavailable\n");
    // The retry line comes between the two attempts.
    let retry_at = err.find("retrying in").unwrap();
    let second_request = err.rfind("> GET /flaky HTTP/1.1").unwrap();
    let first_status = err.find("< HTTP/1.1 503").unwrap();
    assert!(
        first_status < retry_at && retry_at < second_request,
        "{out:?}"
    );
}

// ---------------------------------------------------------------------------
// Redaction
// ---------------------------------------------------------------------------

/// Runs `httpc get URL ARGS... -v` against a server that answers with these
/// extra response headers; returns the outcome and the one request.
fn traced_exchange(
    args: &[&str],
    response_headers: &'static [(&'static str, &'static str)],
) -> (Outcome, Request, TestServer) {
    let server = TestServer::new(move |_| {
        let mut reply = Reply::ok("ok");
        for (n, v) in response_headers {
            reply = reply.header(n, v);
        }
        reply
    });
    let url = server.url("/secret");
    let out = run(httpc().arg("get").arg(&url).args(args).arg("-v"));
    out.assert_success().assert_stdout("ok");
    let req = server.only_request();
    (out, req, server)
}

#[test]
fn authorization_header_is_redacted_with_its_length() {
    let (out, req, _s) = traced_exchange(&["-H", "Authorization: Token abc123xyz"], &[]);
    assert_eq!(req.header("authorization"), Some("Token abc123xyz"));
    assert_eq!(
        traced_values(&out.stderr_text(), '>', "authorization"),
        [redacted("Token abc123xyz")],
        "{out:?}"
    );
    out.assert_stderr_contains("<redacted, 15 bytes>");
    out.assert_stderr_lacks("abc123xyz");
}

#[test]
fn basic_auth_from_user_option_is_redacted() {
    let (out, req, _s) = traced_exchange(&["-u", "alice:wonderland"], &[]);
    let sent = req.header("authorization").expect("authorization sent");
    assert!(sent.starts_with("Basic "), "{sent}");
    assert_eq!(
        traced_values(&out.stderr_text(), '>', "authorization"),
        [redacted(sent)],
        "{out:?}"
    );
    out.assert_stderr_lacks(&sent["Basic ".len()..]);
    out.assert_stderr_lacks("wonderland");
}

#[test]
fn bearer_token_is_redacted() {
    let (out, req, _s) = traced_exchange(&["--bearer", "tok-0123456789"], &[]);
    assert_eq!(req.header("authorization"), Some("Bearer tok-0123456789"));
    assert_eq!(
        traced_values(&out.stderr_text(), '>', "authorization"),
        [redacted("Bearer tok-0123456789")],
        "{out:?}"
    );
    out.assert_stderr_lacks("tok-0123456789");
}

#[test]
fn proxy_authorization_header_is_redacted() {
    let (out, req, _s) = traced_exchange(&["-H", "Proxy-Authorization: Basic cHJveHk6cHc="], &[]);
    assert_eq!(
        req.header("proxy-authorization"),
        Some("Basic cHJveHk6cHc=")
    );
    assert_eq!(
        traced_values(&out.stderr_text(), '>', "proxy-authorization"),
        [redacted("Basic cHJveHk6cHc=")],
        "{out:?}"
    );
    out.assert_stderr_lacks("cHJveHk6cHc=");
}

#[test]
fn cookie_header_is_redacted() {
    let (out, req, _s) = traced_exchange(&["-H", "Cookie: session=s3cr3t; theme=dark"], &[]);
    assert_eq!(req.header("cookie"), Some("session=s3cr3t; theme=dark"));
    assert_eq!(
        traced_values(&out.stderr_text(), '>', "cookie"),
        [redacted("session=s3cr3t; theme=dark")],
        "{out:?}"
    );
    out.assert_stderr_lacks("s3cr3t");
}

#[test]
fn set_cookie_from_the_server_is_redacted_keeping_its_casing() {
    let (out, _req, _s) = traced_exchange(
        &[],
        &[
            ("Set-Cookie", "session=abcdef; HttpOnly"),
            ("set-cookie", "other=12"),
            ("X-Plain", "visible"),
        ],
    );
    let err = out.stderr_text();
    assert!(
        err.contains(&format!(
            "< Set-Cookie: {}\n",
            redacted("session=abcdef; HttpOnly")
        )),
        "{out:?}"
    );
    assert!(
        err.contains(&format!("< set-cookie: {}\n", redacted("other=12"))),
        "{out:?}"
    );
    out.assert_stderr_contains("< X-Plain: visible\n");
    out.assert_stderr_lacks("abcdef");
    out.assert_stderr_lacks("other=12");
}

#[test]
fn redact_option_redacts_named_request_and_response_headers() {
    let (out, req, _s) = traced_exchange(
        &[
            "-H",
            "X-Api-Key: key-value-1",
            "-H",
            "X-Other: plain",
            "--redact",
            "x-api-key",
            "--redact",
            "X-Session-Token",
        ],
        &[("X-Session-Token", "resp-secret")],
    );
    assert_eq!(req.header("x-api-key"), Some("key-value-1"));
    let err = out.stderr_text();
    assert_eq!(
        traced_values(&err, '>', "x-api-key"),
        [redacted("key-value-1")],
        "{out:?}"
    );
    assert_eq!(
        traced_values(&err, '<', "x-session-token"),
        [redacted("resp-secret")],
        "{out:?}"
    );
    assert_eq!(traced_values(&err, '>', "x-other"), ["plain"], "{out:?}");
    out.assert_stderr_lacks("key-value-1");
    out.assert_stderr_lacks("resp-secret");
}

#[test]
fn url_password_never_appears_in_the_trace() {
    let server = TestServer::ok("ok");
    let url = format!("http://bob:hunter2pw@{}/private", server.host());
    let out = run(httpc().args(["get", &url, "-v"]));
    out.assert_success().assert_stdout("ok");
    let req = server.only_request();
    let sent = req
        .header("authorization")
        .expect("user-info becomes an authorization header");
    assert!(sent.starts_with("Basic "), "{sent}");
    assert_eq!(
        traced_values(&out.stderr_text(), '>', "authorization"),
        [redacted(sent)],
        "{out:?}"
    );
    out.assert_stderr_lacks("hunter2pw");
    out.assert_stderr_lacks(&sent["Basic ".len()..]);
    // The request line carries no user-info either.
    assert_eq!(req.target, "/private");
}

#[test]
fn show_secrets_shows_every_value_as_sent_and_received() {
    let server = TestServer::new(|_| {
        Reply::ok("ok")
            .header("Set-Cookie", "session=abcdef")
            .header("X-Session-Token", "resp-secret")
    });
    let url = format!("http://bob:hunter2pw@{}/s", server.host());
    let out = run(httpc().args([
        "get",
        &url,
        "-H",
        "Cookie: c=1",
        "-H",
        "Proxy-Authorization: Basic cHJveHk6cHc=",
        "-H",
        "X-Api-Key: key-value-1",
        "--redact",
        "X-Api-Key",
        "--redact",
        "X-Session-Token",
        "-v",
        "--show-secrets",
    ]));
    out.assert_success().assert_stdout("ok");
    let req = server.only_request();
    let err = out.stderr_text();
    // The request lines are exactly the wire bytes, secrets and all.
    assert_eq!(blocks(&err, '>'), vec![as_traced(&req.raw_head)], "{out:?}");
    let auth = req.header("authorization").expect("authorization sent");
    assert_eq!(traced_values(&err, '>', "authorization"), [auth], "{out:?}");
    assert_eq!(traced_values(&err, '>', "cookie"), ["c=1"], "{out:?}");
    assert_eq!(
        traced_values(&err, '>', "proxy-authorization"),
        ["Basic cHJveHk6cHc="]
    );
    assert_eq!(traced_values(&err, '>', "x-api-key"), ["key-value-1"]);
    out.assert_stderr_contains("< Set-Cookie: session=abcdef\n");
    out.assert_stderr_contains("< X-Session-Token: resp-secret\n");
    out.assert_stderr_lacks("<redacted");
}

#[test]
fn redaction_applies_on_every_redirect_hop_and_retry() {
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    let server = TestServer::new(move |req| match req.path() {
        "/start" => Reply::redirect(302, "/next").header("Set-Cookie", "a=secretcookie"),
        _ if seen.fetch_add(1, Ordering::SeqCst) == 0 => Reply::status(503),
        _ => Reply::ok("ok"),
    });
    let out = run(httpc().args([
        "get",
        &server.url("/start"),
        "-L",
        "--retry",
        "1",
        "--retry-delay",
        "0.05",
        "--bearer",
        "bearer-secret",
        "-v",
    ]));
    out.assert_success().assert_stdout("ok");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 4, "redirect, 503, redirect, 200\n{out:?}");
    let err = out.stderr_text();
    assert_eq!(
        traced_values(&err, '>', "authorization"),
        vec![redacted("Bearer bearer-secret"); 4],
        "{out:?}"
    );
    out.assert_stderr_lacks("bearer-secret");
    out.assert_stderr_lacks("secretcookie");
}
