//! Any method: `httpc options`, `httpc request METHOD`, and `-X` on every
//! request command. Methods are sent exactly as typed; a method that is not
//! an RFC 9110 token is exit 2 with nothing sent.

use crate::support::{httpc, run, Reply, TestServer};

fn recording() -> TestServer {
    TestServer::new(|req| Reply::ok(format!("{} {}\n", req.method, req.target)))
}

#[test]
fn options_sends_a_cors_preflight() {
    let server = recording();
    run(httpc().args([
        "options",
        &server.url("/api"),
        "-H",
        "Origin: https://app.example",
        "-H",
        "Access-Control-Request-Method: PUT",
    ]))
    .assert_success()
    .assert_stdout("OPTIONS /api\n");
    let req = server.only_request();
    assert_eq!(req.header("origin"), Some("https://app.example"));
    assert_eq!(req.header("access-control-request-method"), Some("PUT"));
}

#[test]
fn request_sends_any_token_exactly_as_typed() {
    let server = recording();
    for method in ["PROPFIND", "QUERY", "PURGE", "get", "M-SEARCH"] {
        run(httpc().args(["request", method, &server.url("/x")]))
            .assert_success()
            .assert_stdout(format!("{method} /x\n"));
    }
    let sent: Vec<String> = server.requests().into_iter().map(|r| r.method).collect();
    assert_eq!(sent, ["PROPFIND", "QUERY", "PURGE", "get", "M-SEARCH"]);
}

#[test]
fn request_takes_several_urls_over_one_connection() {
    let server = recording();
    run(httpc().args(["request", "PURGE", &server.url("/a"), &server.url("/b")]))
        .assert_success()
        .assert_stdout("PURGE /a\nPURGE /b\n");
    assert_eq!(server.connection_count(), 1);
}

#[test]
fn dash_x_replaces_the_commands_method() {
    let server = recording();
    run(httpc().args(["get", "-X", "PURGE", &server.url("/cache")]))
        .assert_success()
        .assert_stdout("PURGE /cache\n");
    run(httpc().args([
        "post",
        "--request",
        "QUERY",
        &server.url("/q"),
        "--json",
        "{}",
    ]))
    .assert_success()
    .assert_stdout("QUERY /q\n");
    let reqs = server.requests();
    assert_eq!(reqs[1].body, b"{}");
    assert_eq!(reqs[1].header("content-type"), Some("application/json"));
}

#[test]
fn dash_x_head_reads_no_body() {
    let server = TestServer::new(|_| Reply::ok("").header("x-seen", "yes"));
    run(httpc().args(["get", "-X", "HEAD", "-i", &server.url("/")]))
        .assert_success()
        .assert_stdout_contains("x-seen: yes");
    assert_eq!(server.only_request().method, "HEAD");
}

#[test]
fn a_method_that_is_not_a_token_is_a_usage_error_and_sends_nothing() {
    let server = recording();
    run(httpc().args(["request", "GE T", &server.url("/")]))
        .assert_code(2)
        .assert_stdout("")
        .assert_stderr(
            "httpc: error: invalid method 'GE T': a method is a token such as GET or PROPFIND\n",
        );
    run(httpc().args(["get", "-X", "A\r\nB", &server.url("/")]))
        .assert_code(2)
        .assert_stderr(
            "httpc: error: invalid method 'A\\r\\nB': a method is a token such as GET or PROPFIND\n",
        );
    server.assert_nothing_received();
}

#[test]
fn offline_and_write_out_show_the_method() {
    run(httpc().args(["request", "PROPFIND", "--offline", "http://h.example/dav/"]))
        .assert_success()
        .assert_stdout_contains("PROPFIND /dav/ HTTP/1.1\nhost: h.example\n");
    let server = recording();
    let out = run(httpc().args(["request", "QUERY", &server.url("/"), "-w", "%{method}"]));
    out.assert_success().assert_stdout("QUERY /\nQUERY");
}

#[test]
fn the_trace_shows_the_method_on_the_wire() {
    let server = recording();
    run(httpc().args(["options", "-v", &server.url("/t")]))
        .assert_success()
        .assert_stderr_contains("> OPTIONS /t HTTP/1.1\n");
}
