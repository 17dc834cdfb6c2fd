//! Which requests `--retry` may send again (contract: "Transient failures"
//! and the non-idempotent paragraph, RFC 9110 §9.2.2): a POST, PATCH or
//! unknown method only when it cannot have reached the server, on 429 and
//! on 503 with Retry-After, unless `--idempotency-key` or
//! `--retry-all-errors`; `--retry-on`; and polling with a failed
//! `--expect*`, which is transient.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::support::*;

/// The stderr lines that announce a retry.
fn retry_lines(out: &Outcome) -> Vec<String> {
    out.stderr_text()
        .lines()
        .filter(|l| l.starts_with("retrying in "))
        .map(str::to_string)
        .collect()
}

fn status(code: u16) -> Reply {
    let reason = match code {
        429 => "Too Many Requests",
        409 => "Conflict",
        other => reason_for(other),
    };
    Reply::status(code).reason(reason)
}

/// `--retry N --retry-delay 0.01` after `args`.
fn retrying<'a>(args: &[&'a str], n: &'a str) -> Vec<&'a str> {
    let mut all = args.to_vec();
    all.extend(["--retry", n, "--retry-delay", "0.01"]);
    all
}

const NOT_RETRIED_500: &str = "httpc: note: not retrying POST (500 Internal Server Error): it may have reached the server (--idempotency-key or --retry-all-errors allow the retry)\n";

// ---------------------------------------------------------------------------
// Polling: a failed expectation is transient
// ---------------------------------------------------------------------------

#[test]
fn a_job_that_turns_ready_on_the_third_request_is_waited_for() {
    let seen = AtomicUsize::new(0);
    let server = TestServer::new(move |_| {
        let state = match seen.fetch_add(1, Ordering::SeqCst) {
            0 | 1 => "pending",
            _ => "ready",
        };
        Reply::ok(format!(r#"{{"id": 7, "state": "{state}"}}"#))
            .header("Content-Type", "application/json")
    });
    let url = server.url("/jobs/7");
    let out = run(httpc().args(retrying(
        &["get", &url, "--expect-json", r#"/state="ready""#],
        "30",
    )));
    out.assert_success()
        .assert_stdout(r#"{"id": 7, "state": "ready"}"#);
    assert_eq!(
        retry_lines(&out),
        [
            r#"retrying in 0.01s (attempt 2 of 31): expected /state = "ready", got "pending""#,
            r#"retrying in 0.02s (attempt 3 of 31): expected /state = "ready", got "pending""#,
        ]
    );
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn an_unexpected_status_is_polled_too() {
    let server = TestServer::script([
        Reply::status(404),
        Reply::status(404),
        Reply::status(201).body("there"),
    ]);
    let out = run(httpc().args(retrying(
        &["get", &server.url("/x"), "--expect", "201"],
        "3",
    )));
    out.assert_success().assert_stdout("there");
    assert_eq!(
        retry_lines(&out)[0],
        "retrying in 0.01s (attempt 2 of 4): expected status 201, got 404 Not Found"
    );
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn polling_that_never_succeeds_ends_with_exit_22_and_the_last_body() {
    let server = TestServer::script([
        Reply::ok(r#"{"state":"pending"}"#),
        Reply::ok(r#"{"state":"failed"}"#),
    ]);
    let url = server.url("/");
    let out = run(httpc().args(retrying(
        &["get", &url, "--expect-json", r#"/state="ready""#],
        "1",
    )));
    out.assert_code(22)
        .assert_stdout(r#"{"state":"failed"}"#)
        .assert_stderr(&format!(
            "retrying in 0.01s (attempt 2 of 2): expected /state = \"ready\", got \"pending\"\n\
             httpc: error: {url}: expected /state = \"ready\", got \"failed\"\n"
        ));
}

#[test]
fn an_expected_status_is_not_retried_even_when_retryable() {
    let server = TestServer::script([Reply::status(503).body("maintenance page")]);
    run(httpc().args(retrying(&["get", &server.url("/"), "--expect", "503"], "3")))
        .assert_success()
        .assert_stdout("maintenance page")
        .assert_stderr_empty();
}

// ---------------------------------------------------------------------------
// POST and the other methods that are not idempotent
// ---------------------------------------------------------------------------

#[test]
fn a_post_answered_500_is_not_retried_and_says_why() {
    let server = TestServer::script([Reply::status(500).body("oops")]);
    let out = run(httpc().args(retrying(
        &["post", &server.url("/orders"), "-d", "order=1"],
        "3",
    )));
    out.assert_code(5)
        .assert_stdout("oops")
        .assert_stderr(&format!(
            "{NOT_RETRIED_500}httpc: warning: HTTP 500 Internal Server Error\n"
        ));
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn silent_hides_the_note() {
    let server = TestServer::script([Reply::status(500)]);
    run(httpc().args(retrying(
        &["post", "-s", &server.url("/orders"), "-d", "order=1"],
        "3",
    )))
    .assert_code(5)
    .assert_stderr_empty();
}

#[test]
fn a_post_with_an_idempotency_key_is_retried_with_the_same_key() {
    let server = TestServer::script([
        Reply::status(500),
        Reply::status(502),
        Reply::status(201).body("placed"),
    ]);
    let out = run(httpc().args(retrying(
        &[
            "post",
            &server.url("/orders"),
            "-d",
            "order=1",
            "--idempotency-key",
            "order-2026-12-01-0001",
        ],
        "3",
    )));
    out.assert_success().assert_stdout("placed");
    assert_eq!(retry_lines(&out).len(), 2, "{out:?}");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 3);
    for req in &reqs {
        assert_eq!(
            req.headers_named("Idempotency-Key"),
            ["order-2026-12-01-0001"]
        );
        assert_eq!(req.body, b"order=1");
    }
}

#[test]
fn idempotency_key_auto_sends_one_random_uuid_on_every_attempt() {
    let script = || TestServer::script([Reply::status(503), Reply::ok("done")]);
    let server = script();
    run(httpc().args(retrying(
        &[
            "post",
            &server.url("/"),
            "-d",
            "x",
            "--idempotency-key",
            "auto",
        ],
        "1",
    )))
    .assert_success();
    let keys: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.header("idempotency-key").unwrap().to_string())
        .collect();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], keys[1], "the same key on every attempt");
    let key = &keys[0];
    let lens: Vec<usize> = key.split('-').map(str::len).collect();
    assert_eq!(lens, [8, 4, 4, 4, 12], "{key}");
    assert_eq!(&key[14..15], "4", "version 4: {key}");

    // Another run makes another key.
    let again = script();
    run(httpc().args(retrying(
        &[
            "post",
            &again.url("/"),
            "-d",
            "x",
            "--idempotency-key",
            "auto",
        ],
        "1",
    )))
    .assert_success();
    assert_ne!(again.requests()[0].header("idempotency-key").unwrap(), key);
}

#[test]
fn an_idempotency_key_with_a_line_break_or_twice_is_exit_2_and_sends_nothing() {
    let server = TestServer::replying(Reply::ok("never"));
    run(httpc().args([
        "post",
        &server.url("/"),
        "--idempotency-key",
        "a\r\nX-Evil: 1",
    ]))
    .assert_code(2)
    .assert_one_error_line(&["idempotency-key", "line break"]);
    run(httpc().args([
        "post",
        &server.url("/"),
        "--idempotency-key",
        "k1",
        "-H",
        "Idempotency-Key: k2",
    ]))
    .assert_code(2)
    .assert_one_error_line(&["given twice"]);
    run(httpc().args(["post", &server.url("/"), "--idempotency-key", " "]))
        .assert_code(2)
        .assert_one_error_line(&["--idempotency-key needs a key"]);
    server.assert_nothing_received();
}

#[test]
fn retry_all_errors_retries_a_post_after_500() {
    let server = TestServer::script([Reply::status(500), Reply::ok("second")]);
    let out = run(httpc().args(retrying(
        &["post", &server.url("/"), "-d", "x", "--retry-all-errors"],
        "2",
    )));
    out.assert_success().assert_stdout("second");
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_post_is_retried_after_a_refused_connection() {
    let url = closed_port_url("/orders");
    let out = run(httpc().args(retrying(&["post", &url, "-d", "order=1"], "2")));
    out.assert_code(7);
    assert_eq!(
        retry_lines(&out),
        [
            "retrying in 0.01s (attempt 2 of 3): connection refused",
            "retrying in 0.02s (attempt 3 of 3): connection refused",
        ]
    );
    out.assert_stderr_lacks("not retrying");
}

#[test]
fn a_post_is_retried_after_a_dns_failure() {
    let out = run(httpc().args(retrying(&["post", UNRESOLVABLE_URL, "-d", "x"], "1")));
    out.assert_code(6);
    assert_eq!(retry_lines(&out).len(), 1, "{out:?}");
}

#[test]
fn a_post_is_retried_after_a_refused_connection_until_the_server_is_up() {
    let late = LateServer::after(Duration::from_millis(300));
    let out = run(httpc().args([
        "post",
        late.url(),
        "-d",
        "x",
        "--retry",
        "20",
        "--retry-delay",
        "0.05",
    ]));
    out.assert_success().assert_stdout("ok");
    assert!(!retry_lines(&out).is_empty(), "{out:?}");
}

#[test]
fn a_post_that_timed_out_waiting_for_the_response_is_not_retried() {
    let server = TestServer::script([Reply::stall(Duration::from_millis(1500))]);
    let url = server.url("/orders");
    let out = run(httpc().args(retrying(
        &["post", &url, "-d", "order=1", "--timeout", "0.3"],
        "2",
    )));
    out.assert_code(28).assert_stderr(&format!(
        "httpc: note: not retrying POST (timed out after 0.3s waiting for the response): it may have reached the server (--idempotency-key or --retry-all-errors allow the retry)\n\
         httpc: error: {url}: timed out after 0.3s waiting for the response\n"
    ));
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_post_answered_429_is_retried() {
    let server = TestServer::script([status(429), Reply::ok("accepted")]);
    let out = run(httpc().args(retrying(&["post", &server.url("/"), "-d", "x"], "1")));
    out.assert_success().assert_stdout("accepted");
    assert_eq!(
        retry_lines(&out),
        ["retrying in 0.01s (attempt 2 of 2): 429 Too Many Requests"]
    );
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_post_answered_503_is_retried_only_with_retry_after() {
    let server = TestServer::script([status(503).header("Retry-After", "0"), Reply::ok("later")]);
    run(httpc().args(retrying(&["post", &server.url("/"), "-d", "x"], "1")))
        .assert_success()
        .assert_stdout("later");
    assert_eq!(server.requests().len(), 2);

    let bare = TestServer::script([status(503)]);
    run(httpc().args(retrying(&["post", &bare.url("/"), "-d", "x"], "1")))
        .assert_code(5)
        .assert_stderr_contains("httpc: note: not retrying POST (503 Service Unavailable)");
}

#[test]
fn patch_and_unknown_methods_are_not_retried_but_put_and_delete_are() {
    for args in [
        vec!["patch"],
        vec!["request", "PURGE"],
        vec!["get", "-X", "POST"],
    ] {
        let server = TestServer::script([Reply::status(502)]);
        let url = server.url("/");
        let mut all = args.clone();
        all.push(&url);
        let out = run(httpc().args(retrying(&all, "2")));
        out.assert_code(5).assert_stderr_contains("not retrying");
        assert_eq!(server.requests().len(), 1, "{args:?}");
    }
    for args in [vec!["put"], vec!["delete"], vec!["request", "TRACE"]] {
        let server = TestServer::script([Reply::status(502), Reply::ok("")]);
        let url = server.url("/");
        let mut all = args.clone();
        all.push(&url);
        run(httpc().args(retrying(&all, "2"))).assert_success();
        assert_eq!(server.requests().len(), 2, "{args:?}");
    }
}

#[test]
fn a_post_whose_expectation_failed_is_not_retried() {
    let server = TestServer::script([Reply::ok(r#"{"id": null}"#)]);
    let url = server.url("/items");
    let out = run(httpc().args(retrying(&["post", &url, "-d", "x", "--expect", "201"], "3")));
    out.assert_code(22).assert_stderr(&format!(
        "httpc: note: not retrying POST (expected status 201, got 200 OK): it may have reached the server (--idempotency-key or --retry-all-errors allow the retry)\n\
         httpc: error: {url}: expected status 201, got 200 OK\n"
    ));
}

// ---------------------------------------------------------------------------
// --retry-on and --retry-all-errors
// ---------------------------------------------------------------------------

#[test]
fn retry_on_adds_a_status() {
    let server = TestServer::script([Reply::status(404), Reply::ok("appeared")]);
    let out = run(httpc().args(retrying(
        &["get", &server.url("/"), "--retry-on", "404"],
        "2",
    )));
    out.assert_success().assert_stdout("appeared");
    assert_eq!(
        retry_lines(&out),
        ["retrying in 0.01s (attempt 2 of 3): 404 Not Found"]
    );
}

#[test]
fn retry_on_takes_classes() {
    let server = TestServer::script([status(409), Reply::ok("free")]);
    run(httpc().args(retrying(
        &["get", &server.url("/"), "--retry-on", "4xx"],
        "1",
    )))
    .assert_success()
    .assert_stdout("free");
}

#[test]
fn retry_on_does_not_make_a_post_safe() {
    let server = TestServer::script([status(409)]);
    run(httpc().args(retrying(
        &["post", &server.url("/"), "-d", "x", "--retry-on", "409"],
        "2",
    )))
    .assert_code(4)
    .assert_stderr_contains("not retrying POST (409 Conflict)");
}

#[test]
fn an_invalid_retry_on_is_exit_2_and_sends_nothing() {
    let server = TestServer::replying(Reply::ok("never"));
    run(httpc().args(["get", &server.url("/"), "--retry-on", "40x"]))
        .assert_code(2)
        .assert_one_error_line(&["invalid --retry-on '40x'"]);
    server.assert_nothing_received();
}

#[test]
fn retry_all_errors_retries_what_is_not_transient() {
    let server = TestServer::script([Reply::close_without_reply(), Reply::ok("back")]);
    let out = run(httpc().args(retrying(
        &["get", &server.url("/"), "--retry-all-errors"],
        "1",
    )));
    out.assert_success().assert_stdout("back");
    assert_eq!(retry_lines(&out).len(), 1, "{out:?}");
}
