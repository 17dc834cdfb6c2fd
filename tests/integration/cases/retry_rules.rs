//! What `--retry` tries again beyond transfer failures and statuses
//! (contract: "Transient failures"): a failed `--expect*`, which is
//! transient, so `--retry` polls.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::support::*;

/// The stderr lines that announce a retry.
fn retry_lines(out: &Outcome) -> Vec<String> {
    out.stderr_text()
        .lines()
        .filter(|l| l.starts_with("retrying in "))
        .map(str::to_string)
        .collect()
}

/// `--retry N --retry-delay 0.01` after `args`.
fn retrying<'a>(args: &[&'a str], n: &'a str) -> Vec<&'a str> {
    let mut all = args.to_vec();
    all.extend(["--retry", n, "--retry-delay", "0.01"]);
    all
}

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
