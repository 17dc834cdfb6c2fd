//! `--expect`, `--expect-header`, `--expect-json`, `--pick` and exit 22
//! (contract: request options and exit codes), and `health --expect-json`.
//! An unmet expectation is exit 22 with the body still printed and one
//! `httpc: error: URL: expected ..., got ...` line; bad rules are exit 2
//! with nothing sent.

use crate::support::*;

/// `httpc: error: URL: WHAT` and a newline: the exact error line.
fn error_line(url: &str, what: &str) -> String {
    format!("httpc: error: {url}: {what}\n")
}

// ---------------------------------------------------------------------------
// --expect STATUS
// ---------------------------------------------------------------------------

#[test]
fn expected_status_is_exit_0() {
    let server = TestServer::replying(Reply::status(201).body("made"));
    let out = run(&mut get(&server.url("/"), &["--expect", "201"]));
    out.assert_success()
        .assert_stdout("made")
        .assert_stderr_empty();
}

#[test]
fn an_expected_404_is_exit_0_without_a_warning() {
    let server = TestServer::replying(Reply::status(404).body("gone, as it should be"));
    let out = run(&mut get(&server.url("/deleted"), &["--expect", "404"]));
    out.assert_success()
        .assert_stdout("gone, as it should be")
        .assert_stderr_empty();
}

#[test]
fn an_unexpected_200_is_exit_22_with_the_body_and_one_error_line() {
    let server = TestServer::replying(Reply::ok("plain ok"));
    let url = server.url("/items");
    let out = run(&mut get(&url, &["--expect", "201"]));
    out.assert_code(22)
        .assert_stdout("plain ok")
        .assert_stderr(&error_line(&url, "expected status 201, got 200 OK"));
}

#[test]
fn expect_takes_classes_and_lists() {
    let server = TestServer::new(|req| match req.path() {
        "/204" => Reply::status(204),
        "/302" => Reply::redirect(302, "/elsewhere"),
        _ => Reply::status(500),
    });
    run(&mut get(&server.url("/204"), &["--expect", "200,204"])).assert_success();
    run(&mut get(&server.url("/204"), &["--expect", "2xx"])).assert_success();
    run(&mut get(&server.url("/302"), &["--expect", "3xx"])).assert_success();
    let url = server.url("/500");
    run(&mut get(&url, &["--expect", "200,204"]))
        .assert_code(22)
        .assert_stderr(&error_line(
            &url,
            "expected status 200,204, got 500 Internal Server Error",
        ));
}

#[test]
fn unmet_expectations_are_errors_even_with_silent() {
    let server = TestServer::replying(Reply::status(503));
    let url = server.url("/");
    run(&mut get(&url, &["-s", "--expect", "2xx"]))
        .assert_code(22)
        .assert_stderr(&error_line(
            &url,
            "expected status 2xx, got 503 Service Unavailable",
        ));
}

#[test]
fn an_invalid_expect_is_exit_2_and_sends_nothing() {
    let server = TestServer::replying(Reply::ok("never"));
    for bad in ["abc", "2x", "600", "200,"] {
        run(&mut get(&server.url("/"), &["--expect", bad]))
            .assert_code(2)
            .assert_one_error_line(&[&format!("invalid --expect '{bad}'")]);
    }
    server.assert_nothing_received();
}

#[test]
fn with_several_urls_each_is_judged_and_the_first_failure_is_the_exit_code() {
    let server = TestServer::new(|req| match req.path() {
        "/ok" => Reply::status(201).body("a"),
        _ => Reply::ok("b"),
    });
    let bad = server.url("/plain");
    let out = run(&mut get(&server.url("/ok"), &[&bad, "--expect", "201"]));
    out.assert_code(22)
        .assert_stdout("ab")
        .assert_stderr(&error_line(&bad, "expected status 201, got 200 OK"));
}

#[test]
fn write_out_still_reports_the_response_that_was_not_expected() {
    let server = TestServer::replying(Reply::ok("body"));
    let out = run(&mut get(
        &server.url("/"),
        &["-s", "--expect", "204", "-w", "\\n%{http_code}"],
    ));
    out.assert_code(22).assert_stdout("body\n200");
}

// ---------------------------------------------------------------------------
// --expect-header
// ---------------------------------------------------------------------------

#[test]
fn expect_header_compares_names_without_case_and_values_trimmed() {
    let server = TestServer::replying(
        Reply::ok("x")
            .header("X-State", "  ready  ")
            .header("ETag", "\"v1\""),
    );
    let out = run(&mut get(
        &server.url("/"),
        &[
            "--expect-header",
            "x-state: ready",
            "--expect-header",
            "etag:",
        ],
    ));
    out.assert_success()
        .assert_stdout("x")
        .assert_stderr_empty();
}

#[test]
fn expect_header_with_another_value_is_exit_22_naming_both() {
    let server = TestServer::replying(Reply::ok("body").header("X-State", "pending"));
    let url = server.url("/");
    let out = run(&mut get(&url, &["--expect-header", "X-State: ready"]));
    out.assert_code(22)
        .assert_stdout("body")
        .assert_stderr(&error_line(
            &url,
            "expected header X-State: ready, got 'pending'",
        ));
}

#[test]
fn expect_header_alone_requires_presence() {
    let server = TestServer::replying(Reply::ok("body"));
    let url = server.url("/");
    run(&mut get(&url, &["--expect-header", "Location:"]))
        .assert_code(22)
        .assert_stdout("body")
        .assert_stderr(&error_line(&url, "expected header Location, got none"));
}

#[test]
fn a_repeated_header_passes_when_any_value_is_equal() {
    let server = TestServer::replying(
        Reply::ok("")
            .header("Vary", "Accept")
            .header("Vary", "Origin"),
    );
    let url = server.url("/");
    run(&mut get(&url, &["--expect-header", "Vary: Origin"])).assert_success();
    run(&mut get(&url, &["--expect-header", "Vary: Cookie"]))
        .assert_code(22)
        .assert_stderr(&error_line(
            &url,
            "expected header Vary: Cookie, got 'Accept', 'Origin'",
        ));
}

#[test]
fn header_rules_are_checked_only_after_the_status() {
    let server = TestServer::replying(Reply::status(404).body("nope"));
    let url = server.url("/");
    // The status decides first: exit 4 and its warning, not 22.
    run(&mut get(&url, &["--expect-header", "X-Any:"]))
        .assert_code(4)
        .assert_stdout("nope")
        .assert_stderr("httpc: warning: HTTP 404 Not Found\n");
}

#[test]
fn an_invalid_expect_header_is_exit_2_and_sends_nothing() {
    let server = TestServer::replying(Reply::ok("never"));
    for bad in ["no colon", "Bad Name: x", ": x", "X: a\rb"] {
        run(&mut get(&server.url("/"), &["--expect-header", bad]))
            .assert_code(2)
            .assert_one_error_line(&["invalid --expect-header"]);
    }
    server.assert_nothing_received();
}
