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

fn json(body: &str) -> Reply {
    Reply::ok(body).header("Content-Type", "application/json")
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

#[test]
fn write_out_names_the_unmet_expectation() {
    let server = TestServer::replying(Reply::ok("body"));
    let url = server.url("/");
    let out = run(&mut get(
        &url,
        &["-s", "--expect", "204", "-w", "\\n%{exitcode} %{errormsg}"],
    ));
    out.assert_code(22)
        .assert_stdout(format!("body\n22 {url}: expected status 204, got 200 OK"));
}

#[test]
fn the_error_line_hides_secret_query_values() {
    let server = TestServer::replying(Reply::ok("body"));
    let url = server.url("/x?access_token=s3cret&page=2");
    let out = run(&mut get(&url, &["--expect", "201"]));
    out.assert_code(22).assert_stderr(&error_line(
        &server.url("/x?access_token=***&page=2"),
        "expected status 201, got 200 OK",
    ));
}

#[test]
fn an_unmet_expectation_leaves_the_output_file_alone() {
    let dir = tempdir();
    let file = dir.path().join("out.json");
    std::fs::write(&file, "before").unwrap();
    let server = TestServer::replying(json(r#"{"state":"failed"}"#));
    let url = server.url("/");
    let out = run(&mut get(
        &url,
        &[
            "-o",
            file.to_str().unwrap(),
            "--expect-json",
            r#"/state="done""#,
        ],
    ));
    out.assert_code(22).assert_stdout("");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "before");
    // What the server said goes to stderr, as for an error status.
    out.assert_stderr(&format!(
        "{{\"state\":\"failed\"}}\n{}",
        error_line(&url, r#"expected /state = "done", got "failed""#)
    ));
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

// ---------------------------------------------------------------------------
// --expect-json
// ---------------------------------------------------------------------------

const JOB: &str = r#"{"state": "ready", "count": 3, "ok": true, "items": [{"id": "a1"}]}"#;

#[test]
fn expect_json_met_prints_the_body_as_received() {
    let server = TestServer::replying(json(JOB));
    let out = run(&mut get(
        &server.url("/job"),
        &[
            "--expect-json",
            r#"/state="ready""#,
            "--expect-json",
            "/count=3",
            "--expect-json",
            "/ok=true",
            "--expect-json",
            "/items/0/id",
        ],
    ));
    out.assert_success()
        .assert_stdout(JOB)
        .assert_stderr_empty();
}

#[test]
fn numbers_are_compared_by_value() {
    let server = TestServer::replying(json(JOB));
    for same in ["/count=3.0", "/count=3e0", "/count=30e-1"] {
        run(&mut get(&server.url("/"), &["--expect-json", same])).assert_success();
    }
}

#[test]
fn expect_json_with_another_value_is_exit_22_with_the_body() {
    let server = TestServer::replying(json(JOB));
    let url = server.url("/job");
    let out = run(&mut get(&url, &["--expect-json", r#"/state="done""#]));
    out.assert_code(22)
        .assert_stdout(JOB)
        .assert_stderr(&error_line(
            &url,
            r#"expected /state = "done", got "ready""#,
        ));
}

#[test]
fn a_string_is_not_equal_to_a_number() {
    let server = TestServer::replying(json(JOB));
    let url = server.url("/");
    run(&mut get(&url, &["--expect-json", r#"/count="3""#]))
        .assert_code(22)
        .assert_stderr(&error_line(&url, r#"expected /count = "3", got 3"#));
}

#[test]
fn expect_json_of_a_missing_value_is_exit_22() {
    let server = TestServer::replying(json(JOB));
    let url = server.url("/");
    run(&mut get(&url, &["--expect-json", "/items/1/id"]))
        .assert_code(22)
        .assert_stdout(JOB)
        .assert_stderr(&error_line(
            &url,
            "expected a value at /items/1/id, got none",
        ));
}

#[test]
fn expect_json_of_a_body_that_is_not_json_is_exit_22() {
    let server = TestServer::replying(Reply::ok("<html>down</html>"));
    let url = server.url("/");
    run(&mut get(&url, &["--expect-json", "/state"]))
        .assert_code(22)
        .assert_stdout("<html>down</html>")
        .assert_stderr(&error_line(
            &url,
            "expected a JSON body for --expect-json, got a body that is not JSON (expected value at line 1 column 1)",
        ));
}

#[test]
fn a_bad_pointer_or_bad_json_is_exit_2_and_sends_nothing() {
    let server = TestServer::replying(json(JOB));
    let cases = [
        ("state", "a JSON Pointer starts with /"),
        ("/state=ready", "after = comes a JSON value"),
        ("/a~2", "~0"),
        ("/count={", "after = comes a JSON value"),
    ];
    for (bad, why) in cases {
        run(&mut get(&server.url("/"), &["--expect-json", bad]))
            .assert_code(2)
            .assert_one_error_line(&[&format!("invalid --expect-json '{bad}'"), why]);
    }
    run(&mut get(&server.url("/"), &["--pick", "id"]))
        .assert_code(2)
        .assert_one_error_line(&["invalid --pick 'id'", "starts with /"]);
    server.assert_nothing_received();
}

#[test]
fn a_json_body_over_64_mib_is_exit_22_and_still_printed_whole() {
    let size = (64 << 20) + 10;
    let mut body = vec![b' '; size];
    body[0] = b'[';
    body[size - 1] = b']';
    let server = TestServer::replying(Reply::ok(body).header("Content-Type", "application/json"));
    let url = server.url("/big");
    let out = run(&mut get(&url, &["--expect-json", ""]));
    out.assert_code(22).assert_stderr(&error_line(
        &url,
        "expected a JSON body for --expect-json, got a body over 64 MiB",
    ));
    assert_eq!(out.stdout().len(), size);
    assert_eq!(out.stdout()[0], b'[');
    assert_eq!(out.stdout()[size - 1], b']');
}

// ---------------------------------------------------------------------------
// --pick
// ---------------------------------------------------------------------------

const ITEM: &str = "{\"id\": \"a\\u00e9 1\", \"n\": 12345678901234567890123, \"price\": 1.50,\n \"tags\": [\"x\", {\"k\" : null}], \"ok\": false}";

#[test]
fn pick_prints_a_string_raw() {
    let server = TestServer::replying(json(ITEM));
    run(&mut get(&server.url("/"), &["--pick", "/id"]))
        .assert_success()
        .assert_stdout("aé 1\n")
        .assert_stderr_empty();
}

#[test]
fn pick_prints_numbers_exactly_as_received() {
    let server = TestServer::replying(json(ITEM));
    run(&mut get(
        &server.url("/"),
        &["--pick", "/n", "--pick", "/price"],
    ))
    .assert_success()
    .assert_stdout("12345678901234567890123\n1.50\n");
}

#[test]
fn pick_prints_other_values_as_compact_json() {
    let server = TestServer::replying(json(ITEM));
    run(&mut get(
        &server.url("/"),
        &["--pick", "/tags", "--pick", "/ok", "--pick", "/tags/1/k"],
    ))
    .assert_success()
    .assert_stdout("[\"x\",{\"k\":null}]\nfalse\nnull\n");
}

#[test]
fn several_picks_come_in_the_order_given() {
    let server = TestServer::replying(json(ITEM));
    run(&mut get(
        &server.url("/"),
        &["--pick", "/price", "--pick", "/id", "--pick", "/tags/0"],
    ))
    .assert_success()
    .assert_stdout("1.50\naé 1\nx\n");
}

#[test]
fn pick_of_a_missing_value_is_exit_22_and_prints_nothing() {
    let server = TestServer::replying(json(ITEM));
    let url = server.url("/");
    run(&mut get(&url, &["--pick", "/id", "--pick", "/nope"]))
        .assert_code(22)
        .assert_stdout("")
        // What came is shown on stderr, so a CI log says why.
        .assert_stderr(&format!(
            "{ITEM}\n{}",
            error_line(&url, "expected a value at /nope for --pick, got none")
        ));
}

#[test]
fn pick_from_a_body_that_is_not_json_is_exit_22() {
    let server = TestServer::replying(Reply::ok("id=7"));
    let url = server.url("/");
    run(&mut get(&url, &["--pick", "/id"]))
        .assert_code(22)
        .assert_stdout("")
        .assert_stderr(&format!(
            "id=7\n{}",
            error_line(
                &url,
                "expected a JSON body for --pick, got a body that is not JSON (expected value at line 1 column 1)"
            )
        ));
}

#[test]
fn pick_after_an_error_status_prints_nothing_and_shows_the_body_on_stderr() {
    let server = TestServer::replying(Reply::status(500).body(r#"{"error":"db down"}"#));
    let out = run(&mut get(&server.url("/"), &["--pick", "/id"]));
    out.assert_code(5)
        .assert_stdout("")
        .assert_stderr("{\"error\":\"db down\"}\nhttpc: warning: HTTP 500 Internal Server Error\n");
}

#[test]
fn pick_with_output_file_prints_the_value_and_saves_the_body() {
    let dir = tempdir();
    let file = dir.path().join("item.json");
    let server = TestServer::replying(json(ITEM));
    run(&mut get(
        &server.url("/"),
        &["-o", file.to_str().unwrap(), "--pick", "/price"],
    ))
    .assert_success()
    .assert_stdout("1.50\n");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), ITEM);
}

#[test]
fn pick_works_for_a_post() {
    let server = TestServer::replying(
        Reply::status(201)
            .header("Content-Type", "application/json")
            .body(r#"{"id": 42, "a": 1}"#),
    );
    run(httpc().args([
        "post",
        "-s",
        &server.url("/items"),
        "--json",
        r#"{"a":1}"#,
        "--pick",
        "/id",
    ]))
    .assert_success()
    .assert_stdout("42\n");
    assert_eq!(server.only_request().body, br#"{"a":1}"#);
}

#[test]
fn picked_text_is_escaped_on_a_terminal_and_byte_exact_in_a_pipe() {
    let server = TestServer::replying(json(r#"{"t": "a\u001b[31mb"}"#));
    run(&mut get(&server.url("/"), &["--pick", "/t"]))
        .assert_success()
        .assert_stdout("a\x1b[31mb\n");
    let out = run(tty().args(["get", &server.url("/"), "--pick", "/t"]));
    out.assert_success().assert_stdout_contains("a\\x1b[31mb\n");
}

// ---------------------------------------------------------------------------
// health --expect-json
// ---------------------------------------------------------------------------

#[test]
fn health_is_up_only_when_the_json_body_matches() {
    let server = TestServer::new(|req| match req.path() {
        "/ready" => json(r#"{"ready": true}"#),
        _ => json(r#"{"ready": false}"#),
    });
    let up = run(httpc().args([
        "health",
        &server.url("/ready"),
        "--expect-json",
        "/ready=true",
    ]));
    up.assert_success();
    assert!(up.stdout_str().starts_with("UP "), "{up:?}");

    let url = server.url("/starting");
    let down = run(httpc().args(["health", &url, "--expect-json", "/ready=true"]));
    down.assert_code(1);
    let line = down.stdout_str();
    assert!(line.starts_with("DOWN  200"), "{down:?}");
    assert!(
        line.ends_with(&format!("{url} (expected /ready = true, got false)\n")),
        "{down:?}"
    );
}

#[test]
fn health_says_when_the_body_is_not_json() {
    let server = TestServer::replying(Reply::ok("OK"));
    let url = server.url("/");
    let down = run(httpc().args(["health", &url, "--expect-json", "/ready", "--json"]));
    down.assert_code(1);
    let v: serde_json::Value = serde_json::from_slice(down.stdout()).unwrap();
    assert_eq!(v[0]["up"], false);
    assert_eq!(
        v[0]["error"],
        "expected a JSON body for --expect-json, got a body that is not JSON (expected value at line 1 column 1)"
    );
}

#[test]
fn health_refuses_a_bad_expect_json_or_one_with_head() {
    let server = TestServer::replying(Reply::ok("{}"));
    run(httpc().args(["health", &server.url("/"), "--expect-json", "ready"]))
        .assert_code(2)
        .assert_one_error_line(&["invalid --expect-json 'ready'"]);
    run(httpc().args([
        "health",
        &server.url("/"),
        "--method",
        "HEAD",
        "--expect-json",
        "/ready",
    ]))
    .assert_code(2)
    .assert_one_error_line(&["--expect-json reads the body"]);
    server.assert_nothing_received();
}
