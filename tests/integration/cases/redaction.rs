//! Secrets out of URLs (contract: "The `--debug` trace", `--redact NAME`):
//! the values of conventional secret query parameters, and of any named by
//! `--redact`, are `***` in the trace, error lines, retry lines, `-w` URLs
//! and `health` output, unless `--show-secrets`. The request itself is
//! unchanged: the server gets the real values.

use crate::support::tls::TestProxy;
use crate::support::*;
use serde_json::Value;

/// The names the contract lists, compared without regard to case.
const SECRET_NAMES: [&str; 17] = [
    "access_token",
    "refresh_token",
    "id_token",
    "token",
    "api_key",
    "apikey",
    "key",
    "secret",
    "client_secret",
    "password",
    "sig",
    "signature",
    "X-Amz-Signature",
    "X-Amz-Credential",
    "X-Amz-Security-Token",
    "X-Goog-Signature",
    "X-Goog-Credential",
];

/// A value no other text contains: `S3CR3T-<n>`.
fn value(n: usize) -> String {
    format!("S3CR3T-{n:02}")
}

/// `?name1=S3CR3T-00&name2=S3CR3T-01&...&page=2`, names as `case` gives.
fn secret_query(case: fn(&str) -> String) -> String {
    let pairs: Vec<String> = SECRET_NAMES
        .iter()
        .enumerate()
        .map(|(i, name)| format!("{}={}", case(name), value(i)))
        .collect();
    format!("?{}&page=2", pairs.join("&"))
}

#[track_caller]
fn assert_no_secret(text: &str) {
    for i in 0..SECRET_NAMES.len() {
        assert!(!text.contains(&value(i)), "{} shown in:\n{text}", value(i));
    }
}

#[track_caller]
fn assert_every_secret(text: &str) {
    for i in 0..SECRET_NAMES.len() {
        assert!(
            text.contains(&value(i)),
            "{} missing from:\n{text}",
            value(i)
        );
    }
}

// ---------------------------------------------------------------------------
// The trace
// ---------------------------------------------------------------------------

#[test]
fn each_secret_query_value_is_hidden_in_the_trace_whatever_the_case() {
    let server = TestServer::ok("ok");
    for case in [
        str::to_string,
        str::to_ascii_lowercase,
        str::to_ascii_uppercase,
    ] {
        let query = secret_query(case);
        let out = run(httpc().args(["get", "-v", &server.url(&format!("/p{query}"))]));
        out.assert_success();
        let stderr = out.stderr_text();
        assert_no_secret(&stderr);
        let request_line = stderr
            .lines()
            .find(|l| l.starts_with("> GET "))
            .expect("a request line");
        for name in SECRET_NAMES {
            assert!(
                request_line.contains(&format!("{}=***", case(name))),
                "{name}: {request_line}"
            );
        }
        // Names that are not secret keep their value.
        assert!(request_line.contains("&page=2 HTTP/1.1"), "{request_line}");
    }
}

#[test]
fn the_server_receives_the_real_values() {
    let server = TestServer::ok("ok");
    let query = secret_query(str::to_string);
    run(httpc().args(["get", "-v", &server.url(&format!("/p{query}"))])).assert_success();
    assert_eq!(server.only_request().target, format!("/p{query}"));
}

#[test]
fn show_secrets_shows_every_value_in_the_trace() {
    let server = TestServer::ok("ok");
    let query = secret_query(str::to_string);
    let out = run(httpc().args([
        "get",
        "-v",
        "--show-secrets",
        &server.url(&format!("/p{query}")),
    ]));
    out.assert_success();
    assert_every_secret(&out.stderr_text());
    assert!(
        out.stderr_text()
            .contains(&format!("> GET /p{query} HTTP/1.1")),
        "{out:?}"
    );
}

#[test]
fn query_parameters_from_q_are_hidden_too() {
    let server = TestServer::ok("ok");
    let out = run(httpc().args(["get", "-v", &server.url("/"), "-q", "api_key=S3CR3T-00"]));
    out.assert_success()
        .assert_stderr_contains("> GET /?api_key=*** HTTP/1.1");
    assert_no_secret(&out.stderr_text());
    assert_eq!(server.only_request().target, "/?api_key=S3CR3T-00");
}

#[test]
fn a_percent_encoded_name_is_decoded_before_it_is_matched() {
    let server = TestServer::ok("ok");
    let url = server.url("/?X%2DAmz%2DSignature=S3CR3T-00&access%5Ftoken=S3CR3T-01");
    let out = run(httpc().args(["get", "-v", &url]));
    out.assert_success()
        .assert_stderr_contains("> GET /?X%2DAmz%2DSignature=***&access%5Ftoken=*** HTTP/1.1");
    assert_no_secret(&out.stderr_text());
}

#[test]
fn names_that_only_look_like_secrets_are_shown() {
    let server = TestServer::ok("ok");
    let url = server.url("/?tokens=a&monkey=b&keys=c&token=&sig");
    run(httpc().args(["get", "-v", &url]))
        .assert_success()
        .assert_stderr_contains("> GET /?tokens=a&monkey=b&keys=c&token=&sig HTTP/1.1");
}

#[test]
fn redact_names_a_query_parameter_and_a_header() {
    let server = TestServer::ok("ok");
    let out = run(httpc().args([
        "get",
        "-v",
        &server.url("/?myparam=S3CR3T-00&other=1"),
        "-H",
        "MyParam: S3CR3T-01",
        "--redact",
        "MYPARAM",
    ]));
    out.assert_success()
        .assert_stderr_contains("> GET /?myparam=***&other=1 HTTP/1.1")
        .assert_stderr_contains("> myparam: <redacted, 9 bytes>");
    assert_no_secret(&out.stderr_text());
    let req = server.only_request();
    assert_eq!(req.target, "/?myparam=S3CR3T-00&other=1");
    assert_eq!(req.header("myparam"), Some("S3CR3T-01"));
    // Without --redact it is an ordinary parameter.
    run(httpc().args(["get", "-v", &server.url("/?myparam=S3CR3T-00")]))
        .assert_success()
        .assert_stderr_contains("myparam=S3CR3T-00");
}

#[test]
fn a_location_header_in_the_trace_hides_its_secret_values() {
    let server = TestServer::new(|req| match req.path() {
        "/start" => Reply::redirect(302, "/signed?X-Amz-Signature=S3CR3T-00&x=1"),
        _ => Reply::ok("signed"),
    });
    let out = run(httpc().args(["get", "-v", "-L", &server.url("/start")]));
    out.assert_success()
        .assert_stderr_contains("< location: /signed?X-Amz-Signature=***&x=1")
        .assert_stderr_contains("> GET /signed?X-Amz-Signature=***&x=1 HTTP/1.1");
    assert_no_secret(&out.stderr_text());
    assert_eq!(
        server.requests()[1].target,
        "/signed?X-Amz-Signature=S3CR3T-00&x=1"
    );
}

#[test]
fn the_absolute_form_request_line_to_a_proxy_hides_the_secret_values() {
    let server = TestServer::ok("ok");
    let proxy = TestProxy::tunnel();
    let url = server.url("/via?token=S3CR3T-00&x=1");
    let out = run(httpc().args(["get", "-v", "-x", &proxy.url(), &url]));
    out.assert_success().assert_stderr_contains(&format!(
        "> GET {} HTTP/1.1",
        server.url("/via?token=***&x=1")
    ));
    assert_no_secret(&out.stderr_text());
    assert_eq!(proxy.only_request().target, url);
}

// ---------------------------------------------------------------------------
// Error and retry lines
// ---------------------------------------------------------------------------

#[test]
fn an_error_line_hides_the_secret_values() {
    let url = closed_port_url("/?token=S3CR3T-00&page=1");
    let shown = url.replace("S3CR3T-00", "***");
    run(httpc().args(["get", &url]))
        .assert_code(7)
        .assert_one_error_line(&[&shown, "connection refused"]);
    run(httpc().args(["get", "--show-secrets", &url]))
        .assert_code(7)
        .assert_one_error_line(&[&url, "connection refused"]);
}

#[test]
fn retry_lines_and_the_last_error_hide_the_secret_values() {
    let url = closed_port_url("/?access_token=S3CR3T-00");
    let out = run(httpc().args(["get", "--retry", "2", "--retry-delay", "0.05", &url]));
    out.assert_code(7)
        .assert_stderr_contains("retrying in")
        .assert_stderr_contains("?access_token=***: connection refused");
    assert_no_secret(&out.stderr_text());
}

#[test]
fn a_redirect_that_is_refused_hides_the_secrets_of_where_it_pointed() {
    let server = TestServer::new(|_| Reply::redirect(302, "ftp://files.example/x?sig=S3CR3T-00"));
    let out = run(httpc().args(["get", "-L", &server.url("/?key=S3CR3T-01")]));
    out.assert_code(1).assert_one_error_line(&[
        "?key=***",
        "refusing to follow a redirect to 'ftp://files.example/x?sig=***'",
    ]);
    assert_no_secret(&out.stderr_text());
}

#[test]
fn an_invalid_url_in_a_usage_error_hides_the_secret_values() {
    let out = run(httpc().args(["get", "http://[bad/?password=S3CR3T-00"]));
    out.assert_code(2).assert_stderr_contains("password=***");
    assert_no_secret(&out.stderr_text());
}

// ---------------------------------------------------------------------------
// -w URL values
// ---------------------------------------------------------------------------

#[test]
fn write_out_urls_hide_the_secret_values() {
    let server = TestServer::new(|req| match req.path() {
        "/a" => Reply::redirect(302, "/b?token=S3CR3T-02"),
        _ => Reply::ok(""),
    });
    let url = server.url("/a?sig=S3CR3T-00&api_key=S3CR3T-01");
    let format = "%{url} %{url_effective} %{redirect_url}\\n%{json}";
    let out = run(httpc().args(["get", &url, "-w", format]));
    out.assert_code(3);
    let text = out.stdout_text();
    assert_no_secret(&text);
    let (plain, json) = text.split_once('\n').unwrap();
    let hidden = server.url("/a?sig=***&api_key=***");
    assert_eq!(
        plain,
        format!("{hidden} {hidden} {}", server.url("/b?token=***"))
    );
    let v: Value = serde_json::from_str(json).unwrap();
    assert_eq!(v["url"], hidden.as_str());
    assert_eq!(v["redirect_url"], server.url("/b?token=***").as_str());
    assert_eq!(v["header_json"]["location"][0], "/b?token=***");
    // The server got the real ones.
    assert_eq!(
        server.only_request().target,
        "/a?sig=S3CR3T-00&api_key=S3CR3T-01"
    );
    let out = run(httpc().args(["get", "--show-secrets", &url, "-w", format]));
    let text = out.stdout_text();
    for i in 0..3 {
        assert!(text.contains(&value(i)), "{text}");
    }
}

#[test]
fn write_out_json_hides_secret_response_headers_as_the_trace_does() {
    let server = TestServer::new(|_| {
        Reply::ok("")
            .header("Set-Cookie", "sid=S3CR3T-00; Path=/")
            .header("X-Session", "S3CR3T-01")
            .header("X-Plain", "seen")
    });
    let url = server.url("/");
    let format = "%{header_json}\n%{json}\n%{header.set-cookie}";
    let out = run(httpc().args(["get", &url, "--redact", "x-session", "-w", format]));
    out.assert_success();
    let text = out.stdout_text();
    let mut lines = text.lines();
    let (headers, json) = (lines.next().unwrap(), lines.next().unwrap());
    // %{header.NAME} is the value as it came.
    assert_eq!(lines.next(), Some("sid=S3CR3T-00; Path=/"), "{text}");
    assert!(
        !headers.contains("S3CR3T") && !json.contains("S3CR3T"),
        "{text}"
    );
    let headers: Value = serde_json::from_str(headers).unwrap();
    let json: Value = serde_json::from_str(json).unwrap();
    for v in [&headers, &json["header_json"]] {
        assert_eq!(v["set-cookie"][0], "<redacted, 21 bytes>");
        assert_eq!(v["x-session"][0], "<redacted, 9 bytes>");
        assert_eq!(v["x-plain"][0], "seen");
    }
    // The trace says the same.
    let out = run(httpc().args(["get", &url, "--redact", "x-session", "--debug"]));
    assert!(
        out.stderr_text()
            .contains("< Set-Cookie: <redacted, 21 bytes>\n"),
        "{out:?}"
    );
}

#[test]
fn write_out_json_shows_secret_response_headers_with_show_secrets() {
    let server = TestServer::new(|_| Reply::ok("").header("Set-Cookie", "sid=S3CR3T-00"));
    let out = run(httpc().args([
        "get",
        "--show-secrets",
        &server.url("/"),
        "-w",
        "%{header_json}\n%{json}",
    ]));
    out.assert_success();
    let text = out.stdout_text();
    let (headers, json) = text.split_once('\n').unwrap();
    let headers: Value = serde_json::from_str(headers).unwrap();
    let json: Value = serde_json::from_str(json).unwrap();
    assert_eq!(headers["set-cookie"][0], "sid=S3CR3T-00");
    assert_eq!(json["header_json"]["set-cookie"][0], "sid=S3CR3T-00");
}

#[test]
fn write_out_after_an_error_hides_the_secret_values() {
    let url = closed_port_url("/?secret=S3CR3T-00");
    let out = run(httpc().args(["get", "-s", &url, "-w", "%{url} %{errormsg} %{json}"]));
    out.assert_code(7);
    assert_no_secret(&out.stdout_text());
    assert!(out.stdout_text().contains("?secret=***"), "{out:?}");
}

// ---------------------------------------------------------------------------
// health (no --show-secrets: always redacted)
// ---------------------------------------------------------------------------

#[test]
fn health_table_and_json_hide_the_secret_values() {
    let server = TestServer::ok("ok");
    let query = secret_query(str::to_string);
    let url = server.url(&format!("/health{query}"));
    let table = run(httpc().args(["health", &url]));
    table.assert_success();
    assert_no_secret(&table.stdout_text());
    assert!(
        table.stdout_text().contains("/health?access_token=***&"),
        "{table:?}"
    );
    let json = run(httpc().args(["health", "--json", &url]));
    json.assert_success();
    let v: Value = serde_json::from_slice(json.stdout()).unwrap();
    let shown = v[0]["url"].as_str().unwrap();
    assert_no_secret(shown);
    assert!(shown.ends_with("&page=2"), "{shown}");
    // Every check sent the real values.
    for req in server.requests() {
        assert_eq!(req.target, format!("/health{query}"));
    }
}

#[test]
fn health_watch_hides_the_secret_values() {
    let server = TestServer::ok("ok");
    let url = server.url("/h?token=S3CR3T-00");
    let out = run(httpc().args([
        "health",
        "--watch",
        "--count",
        "2",
        "--interval",
        "0.1",
        "--json",
        &url,
    ]));
    out.assert_success();
    assert_no_secret(&out.stdout_text());
    assert_eq!(out.stdout_lines().len(), 2, "{out:?}");
    let down = closed_port_url("/h?token=S3CR3T-01");
    let out = run(httpc().args(["health", "--watch", "--count", "1", &down]));
    out.assert_code(1);
    assert_no_secret(&out.stdout_text());
    assert!(out.stdout_text().contains("?token=***"), "{out:?}");
}

#[test]
fn health_has_no_show_secrets() {
    run(httpc().args(["health", "--show-secrets", "http://127.0.0.1:9/"]))
        .assert_code(2)
        .assert_stdout("");
}
