//! What httpc puts on the wire: methods, URLs, headers, query, bodies,
//! `--offline`, auth, keep-alive.

use crate::support::*;

const UA: &str = concat!("httpc/", env!("CARGO_PKG_VERSION"));

fn echo_server() -> TestServer {
    TestServer::new(|_| Reply::ok("ok").header("content-type", "text/plain"))
}

// ---------------------------------------------------------------------------
// Methods and URLs
// ---------------------------------------------------------------------------

#[test]
fn bare_url_is_a_get() {
    let server = echo_server();
    run(httpc().arg(server.url("/x")))
        .assert_success()
        .assert_stdout("ok")
        .assert_stderr_empty();
    let req = server.only_request();
    assert_eq!(req.method, "GET");
    assert_eq!(req.target, "/x");
    assert_eq!(req.version, "HTTP/1.1");
}

#[test]
fn bare_url_accepts_options_before_it() {
    let server = echo_server();
    run(httpc().args(["-i", &server.url("/x")]))
        .assert_success()
        .assert_stdout_contains("HTTP/1.1 200 OK\r\n");
    assert_eq!(server.only_request().method, "GET");
}

#[test]
fn each_method_sends_that_method() {
    for method in ["get", "post", "put", "patch", "delete"] {
        let server = echo_server();
        run(httpc().args([method, &server.url("/m")]))
            .assert_success()
            .assert_stdout("ok")
            .assert_stderr_empty();
        let req = server.only_request();
        assert_eq!(req.method, method.to_uppercase(), "for `httpc {method}`");
        assert_eq!(req.target, "/m");
    }
}

#[test]
fn head_sends_head_and_prints_status_line_and_headers_without_body() {
    let server = TestServer::new(|_| {
        Reply::ok("the body")
            .header("content-type", "text/plain")
            .header("x-test", "yes")
    });
    let out = run(httpc().args(["head", &server.url("/h")]));
    out.assert_success().assert_stderr_empty();
    let text = out.stdout_text();
    // Piped: the head as received, as `-D` writes it.
    assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{out:?}");
    assert!(text.contains("\r\nx-test: yes\r\n"), "{out:?}");
    assert!(!text.contains("the body"), "{out:?}");
    let req = server.only_request();
    assert_eq!(req.method, "HEAD");
}

#[test]
fn colon_port_means_localhost() {
    let server = echo_server();
    let url = format!(":{}/x?y=1", server.port());
    run(httpc().arg(&url)).assert_success().assert_stdout("ok");
    let req = server.only_request();
    assert_eq!(req.method, "GET");
    assert_eq!(req.target, "/x?y=1");
    assert_eq!(
        req.header("host"),
        Some(format!("localhost:{}", server.port()).as_str())
    );
}

#[test]
fn url_without_scheme_is_http() {
    let server = echo_server();
    let url = format!("127.0.0.1:{}/x", server.port());
    run(httpc().args(["get", &url]))
        .assert_success()
        .assert_stdout("ok");
    assert_eq!(server.only_request().target, "/x");
}

#[test]
fn url_without_scheme_may_carry_a_url_in_its_query() {
    let server = echo_server();
    let url = format!("127.0.0.1:{}/go?next=http://example.test/", server.port());
    run(httpc().args(["get", &url]))
        .assert_success()
        .assert_stdout("ok")
        .assert_stderr_empty();
    assert_eq!(
        server.only_request().target,
        "/go?next=http://example.test/"
    );
}

#[test]
fn other_scheme_is_usage_error_and_sends_nothing() {
    let server = echo_server();
    let url = format!("ftp://127.0.0.1:{}/x", server.port());
    run(httpc().args(["get", &url]))
        .assert_code(2)
        .assert_stdout("")
        .assert_one_error_line(&[&url]);
    server.assert_nothing_received();
}

#[test]
fn empty_host_is_usage_error() {
    run(httpc().args(["get", "http://"]))
        .assert_code(2)
        .assert_stdout("")
        .assert_one_error_line(&["invalid URL 'http://': empty host"]);
}

#[test]
fn unparsable_url_is_usage_error() {
    run(httpc().args(["get", "http://[bad"]))
        .assert_code(2)
        .assert_stdout("")
        .assert_one_error_line(&["http://[bad"]);
}

#[test]
fn several_urls_reuse_one_keep_alive_connection() {
    let server = TestServer::new(|req| Reply::ok(format!("{};", req.path())));
    run(httpc().args([
        "get",
        &server.url("/1"),
        &server.url("/2"),
        &server.url("/3"),
    ]))
    .assert_success()
    .assert_stdout("/1;/2;/3;")
    .assert_stderr_empty();
    let reqs = server.requests();
    let targets: Vec<&str> = reqs.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(targets, ["/1", "/2", "/3"]);
    assert_eq!(
        server.connection_count(),
        1,
        "one connection for three GETs"
    );
    assert!(reqs.iter().all(|r| r.conn == reqs[0].conn));
}

#[test]
fn several_head_urls_are_all_requested() {
    let server = echo_server();
    run(httpc().args(["head", &server.url("/1"), &server.url("/2")])).assert_success();
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    assert!(reqs.iter().all(|r| r.method == "HEAD"));
    assert_eq!(server.connection_count(), 1, "one connection for two HEADs");
}

// ---------------------------------------------------------------------------
// Headers
// ---------------------------------------------------------------------------

#[test]
fn default_headers_are_sent() {
    let server = echo_server();
    run(httpc().args(["get", &server.url("/")])).assert_success();
    let req = server.only_request();
    assert_eq!(req.headers_named("user-agent"), [UA]);
    assert_eq!(req.headers_named("accept"), ["*/*"]);
    assert_eq!(req.headers_named("accept-encoding"), ["gzip, br, zstd"]);
    assert_eq!(req.headers_named("host"), [server.host().as_str()]);
    assert!(req.header("content-length").is_none(), "{req:#?}");
    assert!(req.header("transfer-encoding").is_none(), "{req:#?}");
    assert!(req.header("authorization").is_none(), "{req:#?}");
}

#[test]
fn header_with_empty_value_removes_default_user_agent() {
    let server = echo_server();
    run(httpc().args(["get", &server.url("/"), "-H", "User-Agent:"])).assert_success();
    let req = server.only_request();
    assert!(req.headers_named("user-agent").is_empty(), "{req:#?}");
    assert_eq!(req.headers_named("accept"), ["*/*"]);
}

#[test]
fn header_replaces_default_accept() {
    let server = echo_server();
    run(httpc().args(["get", &server.url("/"), "-H", "Accept: text/html"])).assert_success();
    assert_eq!(server.only_request().headers_named("accept"), ["text/html"]);
}

#[test]
fn repeated_header_sends_both_values() {
    let server = echo_server();
    run(httpc().args(["get", &server.url("/"), "-H", "X-A: 1", "-H", "X-A: 2"])).assert_success();
    assert_eq!(server.only_request().headers_named("x-a"), ["1", "2"]);
}

#[test]
fn header_from_file_reads_one_header_per_line() {
    let dir = tempdir();
    let file = dir.path().join("headers");
    std::fs::write(&file, "X-One: 1\nX-Two: two words\n").unwrap();
    let server = echo_server();
    let arg = format!("@{}", file.display());
    run(httpc().args(["get", &server.url("/"), "-H", &arg]))
        .assert_success()
        .assert_stderr_empty();
    let req = server.only_request();
    assert_eq!(req.headers_named("x-one"), ["1"]);
    assert_eq!(req.headers_named("x-two"), ["two words"]);
}

#[test]
fn header_value_with_cr_from_file_is_usage_error_and_sends_nothing() {
    let dir = tempdir();
    let file = dir.path().join("headers");
    std::fs::write(&file, "X: a\rb\n").unwrap();
    let server = echo_server();
    let arg = format!("@{}", file.display());
    run(httpc().args(["get", &server.url("/"), "-H", &arg]))
        .assert_code(2)
        .assert_stdout("")
        .assert_one_error_line(&["the value of header 'X' contains a line break (CR or LF)"]);
    server.assert_nothing_received();
}

#[test]
fn header_value_with_lf_is_usage_error_and_sends_nothing() {
    let server = echo_server();
    run(httpc().args(["get", &server.url("/"), "-H", "X: a\nInjected: b"]))
        .assert_code(2)
        .assert_stdout("")
        .assert_one_error_line(&["the value of header 'X' contains a line break (CR or LF)"]);
    server.assert_nothing_received();
}

#[test]
fn user_agent_option_sets_user_agent() {
    let server = echo_server();
    run(httpc().args(["get", &server.url("/"), "-A", "probe/9"])).assert_success();
    assert_eq!(
        server.only_request().headers_named("user-agent"),
        ["probe/9"]
    );
}

#[test]
fn user_agent_with_line_break_is_usage_error_and_sends_nothing() {
    let server = echo_server();
    run(httpc().args(["get", &server.url("/"), "-A", "ua\r\nX-Injected: 1"]))
        .assert_code(2)
        .assert_stdout("")
        .assert_one_error_line(&[
            &server.url("/"),
            "cannot build the request: failed to parse header value",
        ]);
    server.assert_nothing_received();
}

#[test]
fn bearer_with_line_break_is_usage_error_and_sends_nothing() {
    let server = echo_server();
    run(httpc().args(["get", &server.url("/"), "--bearer", "tok\nX-Injected: 1"]))
        .assert_code(2)
        .assert_stdout("")
        .assert_one_error_line(&[
            "the value of header 'authorization' contains a line break (CR or LF)",
        ]);
    server.assert_nothing_received();
}

// ---------------------------------------------------------------------------
// Query
// ---------------------------------------------------------------------------

#[test]
fn query_options_are_appended_percent_encoded() {
    let server = echo_server();
    run(httpc().args(["get", &server.url("/p?x=1"), "-q", "a=b", "-q", "c=d e"])).assert_success();
    assert_eq!(server.only_request().target, "/p?x=1&a=b&c=d%20e");
}

#[test]
fn query_option_starts_a_query_when_url_has_none() {
    let server = echo_server();
    run(httpc().args(["get", &server.url("/p"), "-q", "k=a&b"])).assert_success();
    assert_eq!(server.only_request().target, "/p?k=a%26b");
}

// ---------------------------------------------------------------------------
// Auth
// ---------------------------------------------------------------------------

#[test]
fn user_option_sends_basic_auth() {
    let server = echo_server();
    run(httpc().args(["get", &server.url("/"), "-u", "user:pass"])).assert_success();
    assert_eq!(
        server.only_request().headers_named("authorization"),
        ["Basic dXNlcjpwYXNz"]
    );
}

#[test]
fn bearer_option_sends_bearer_token() {
    let server = echo_server();
    run(httpc().args(["get", &server.url("/"), "--bearer", "tok123"])).assert_success();
    assert_eq!(
        server.only_request().headers_named("authorization"),
        ["Bearer tok123"]
    );
}

#[test]
fn bearer_from_file_is_trimmed_of_trailing_newline() {
    let dir = tempdir();
    let file = dir.path().join("token");
    std::fs::write(&file, "s3cr3t-token\n").unwrap();
    let server = echo_server();
    let arg = format!("@{}", file.display());
    run(httpc().args(["get", &server.url("/"), "--bearer", &arg])).assert_success();
    assert_eq!(
        server.only_request().headers_named("authorization"),
        ["Bearer s3cr3t-token"]
    );
}

// ---------------------------------------------------------------------------
// Bodies
// ---------------------------------------------------------------------------

#[test]
fn json_body_is_sent_byte_exact_with_json_headers() {
    let server = echo_server();
    run(httpc().args(["post", &server.url("/j"), "--json", "{\"a\":1}"]))
        .assert_success()
        .assert_stdout("ok");
    let req = server.only_request();
    assert_eq!(req.method, "POST");
    assert_eq!(req.body, b"{\"a\":1}");
    assert_eq!(req.headers_named("content-type"), ["application/json"]);
    assert_eq!(req.headers_named("accept"), ["application/json"]);
    assert_eq!(req.headers_named("content-length"), ["7"]);
}

#[test]
fn json_from_file_is_sent_byte_exact() {
    let dir = tempdir();
    let file = dir.path().join("body.json");
    let json = "{\n  \"big\": 12345678901234567890123,\n  \"s\": \"\\u00e9\"\n}\n";
    std::fs::write(&file, json).unwrap();
    let server = echo_server();
    let arg = format!("@{}", file.display());
    run(httpc().args(["put", &server.url("/j"), "--json", &arg])).assert_success();
    let req = server.only_request();
    assert_eq!(req.method, "PUT");
    assert_eq!(req.body_text(), json);
    assert_eq!(req.headers_named("content-type"), ["application/json"]);
}

#[test]
fn json_from_stdin_is_sent_byte_exact() {
    let server = echo_server();
    run(httpc()
        .args(["patch", &server.url("/j"), "--json", "@-"])
        .write_stdin("[1, 2, 3]"))
    .assert_success();
    let req = server.only_request();
    assert_eq!(req.method, "PATCH");
    assert_eq!(req.body, b"[1, 2, 3]");
    assert_eq!(req.headers_named("content-type"), ["application/json"]);
}

#[test]
fn json_content_type_from_header_is_kept() {
    let server = echo_server();
    run(httpc().args([
        "post",
        &server.url("/j"),
        "--json",
        "{}",
        "-H",
        "Content-Type: application/vnd.api+json",
    ]))
    .assert_success();
    assert_eq!(
        server.only_request().headers_named("content-type"),
        ["application/vnd.api+json"]
    );
}

#[test]
fn json_invalid_exits_2_and_sends_nothing() {
    let server = echo_server();
    let out = run(httpc().args(["post", &server.url("/j"), "--json", "{\"a\":"]));
    out.assert_code(2)
        .assert_stdout("")
        .assert_one_error_line(&["line 1", "column"]);
    server.assert_nothing_received();
}

#[test]
fn json_invalid_on_later_line_names_that_line() {
    let server = echo_server();
    run(httpc().args([
        "post",
        &server.url("/j"),
        "--json",
        "{\n  \"a\": 1,\n  oops\n}",
    ]))
    .assert_code(2)
    .assert_one_error_line(&["line 3", "column"]);
    server.assert_nothing_received();
}

#[test]
fn form_fields_are_sent_urlencoded() {
    let server = echo_server();
    run(httpc().args([
        "post",
        &server.url("/f"),
        "--form",
        "a=1",
        "--form",
        "b=x y",
        "--form",
        "c=&=?",
    ]))
    .assert_success();
    let req = server.only_request();
    assert_eq!(
        req.headers_named("content-type"),
        ["application/x-www-form-urlencoded"]
    );
    assert_eq!(
        parse_form(&req.body),
        [
            ("a".to_string(), "1".to_string()),
            ("b".to_string(), "x y".to_string()),
            ("c".to_string(), "&=?".to_string()),
        ]
    );
    assert!(
        req.body.starts_with(b"a=1&b=x+y&") || req.body.starts_with(b"a=1&b=x%20y&"),
        "{}",
        req.body_text()
    );
}

#[test]
fn form_field_from_file_takes_file_contents() {
    let dir = tempdir();
    let file = dir.path().join("value.txt");
    std::fs::write(&file, "from a file & more").unwrap();
    let server = echo_server();
    let arg = format!("f=@{}", file.display());
    run(httpc().args(["post", &server.url("/f"), "--form", &arg])).assert_success();
    let req = server.only_request();
    assert_eq!(
        parse_form(&req.body),
        [("f".to_string(), "from a file & more".to_string())]
    );
}

#[test]
fn form_field_from_binary_file_is_sent_percent_encoded() {
    let dir = tempdir();
    let file = dir.path().join("blob.bin");
    std::fs::write(&file, all_bytes()).unwrap();
    let server = echo_server();
    let arg = format!("f=@{}", file.display());
    run(httpc().args(["post", &server.url("/f"), "--form", &arg])).assert_success();
    let req = server.only_request();
    assert!(req.body.is_ascii(), "{}", req.body_text());
    let pairs: Vec<(Vec<u8>, Vec<u8>)> = req
        .body_text()
        .split('&')
        .map(|pair| {
            let (n, v) = pair.split_once('=').unwrap();
            let decode = |s: &str| {
                percent_encoding::percent_decode_str(&s.replace('+', " ")).collect::<Vec<u8>>()
            };
            (decode(n), decode(v))
        })
        .collect();
    assert_eq!(pairs, [(b"f".to_vec(), all_bytes())]);
}

#[test]
fn multipart_sends_fields_and_files_with_boundary() {
    let dir = tempdir();
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "line one\r\nline two\n").unwrap();
    let server = echo_server();
    let arg = format!("file=@{};type=text/plain", file.display());
    run(httpc().args(["post", &server.url("/up"), "-F", "name=value", "-F", &arg]))
        .assert_success();
    let req = server.only_request();
    let ct = req
        .header("content-type")
        .expect("content-type")
        .to_string();
    assert!(ct.starts_with("multipart/form-data; boundary="), "{ct}");
    let parts = parse_multipart(&ct, &req.body);
    assert_eq!(parts.len(), 2, "{parts:#?}");
    assert_eq!(parts[0].name.as_deref(), Some("name"));
    assert_eq!(parts[0].filename, None);
    assert_eq!(parts[0].data, b"value");
    assert_eq!(parts[1].name.as_deref(), Some("file"));
    assert_eq!(parts[1].filename.as_deref(), Some("notes.txt"));
    assert_eq!(parts[1].content_type.as_deref(), Some("text/plain"));
    assert_eq!(parts[1].data, b"line one\r\nline two\n");
}

#[test]
fn data_is_sent_byte_exact_as_octet_stream() {
    let server = echo_server();
    run(httpc().args(["post", &server.url("/d"), "-d", "raw\n"])).assert_success();
    let req = server.only_request();
    assert_eq!(req.body, b"raw\n");
    assert_eq!(
        req.headers_named("content-type"),
        ["application/octet-stream"]
    );
    assert_eq!(req.headers_named("content-length"), ["4"]);
}

#[test]
fn empty_data_sends_empty_body_with_content_length_0() {
    let server = echo_server();
    run(httpc().args(["post", &server.url("/d"), "-d", ""])).assert_success();
    let req = server.only_request();
    assert!(req.body.is_empty());
    assert_eq!(req.headers_named("content-length"), ["0"]);
}

#[test]
fn data_content_type_comes_from_header() {
    let server = echo_server();
    run(httpc().args([
        "put",
        &server.url("/d"),
        "-d",
        "text",
        "-H",
        "Content-Type: text/plain",
    ]))
    .assert_success();
    let req = server.only_request();
    assert_eq!(req.headers_named("content-type"), ["text/plain"]);
    assert_eq!(req.body, b"text");
}

#[test]
fn data_from_binary_file_is_sent_byte_exact_with_content_length() {
    let dir = tempdir();
    let file = dir.path().join("blob.bin");
    std::fs::write(&file, all_bytes()).unwrap();
    let server = echo_server();
    let arg = format!("@{}", file.display());
    run(httpc().args(["post", &server.url("/d"), "-d", &arg])).assert_success();
    let req = server.only_request();
    assert!(
        req.body == all_bytes(),
        "body differs: {}",
        show_bytes(&req.body)
    );
    assert_eq!(
        req.headers_named("content-length"),
        [all_bytes().len().to_string().as_str()]
    );
    assert!(req.header("transfer-encoding").is_none());
}

#[test]
fn data_from_stdin_is_sent_byte_exact() {
    let server = echo_server();
    run(httpc()
        .args(["post", &server.url("/d"), "-d", "@-"])
        .write_stdin(all_bytes()))
    .assert_success();
    let req = server.only_request();
    assert!(
        req.body == all_bytes(),
        "body differs: {}",
        show_bytes(&req.body)
    );
}

#[test]
fn stdin_is_not_read_without_at_dash() {
    let server = echo_server();
    run(httpc()
        .args(["get", &server.url("/")])
        .write_stdin("this is not a body"))
    .assert_success()
    .assert_stdout("ok");
    let req = server.only_request();
    assert_eq!(req.method, "GET");
    assert!(req.body.is_empty());
    assert!(req.header("content-length").is_none(), "{req:#?}");
    assert!(req.header("transfer-encoding").is_none(), "{req:#?}");
}

#[test]
fn post_without_body_option_does_not_read_stdin() {
    let server = echo_server();
    run(httpc()
        .args(["post", &server.url("/")])
        .write_stdin("this is not a body"))
    .assert_success();
    let req = server.only_request();
    assert_eq!(req.method, "POST");
    assert!(req.body.is_empty());
}

#[test]
fn unreadable_data_file_is_usage_error_and_sends_nothing() {
    let dir = tempdir();
    let missing = dir.path().join("missing.bin");
    let server = echo_server();
    let arg = format!("@{}", missing.display());
    run(httpc().args(["post", &server.url("/"), "-d", &arg]))
        .assert_code(2)
        .assert_stdout("")
        .assert_one_error_line(&["missing.bin"]);
    server.assert_nothing_received();
}

#[test]
fn unreadable_json_file_is_usage_error_and_sends_nothing() {
    let dir = tempdir();
    let missing = dir.path().join("missing.json");
    let server = echo_server();
    let arg = format!("@{}", missing.display());
    run(httpc().args(["post", &server.url("/"), "--json", &arg]))
        .assert_code(2)
        .assert_one_error_line(&["missing.json"]);
    server.assert_nothing_received();
}

#[test]
fn unreadable_header_file_is_usage_error_and_sends_nothing() {
    let dir = tempdir();
    let missing = dir.path().join("missing-headers");
    let server = echo_server();
    let arg = format!("@{}", missing.display());
    run(httpc().args(["get", &server.url("/"), "-H", &arg]))
        .assert_code(2)
        .assert_one_error_line(&["missing-headers"]);
    server.assert_nothing_received();
}

#[test]
fn unreadable_multipart_file_is_usage_error_and_sends_nothing() {
    let dir = tempdir();
    let missing = dir.path().join("missing-part");
    let server = echo_server();
    let arg = format!("f=@{}", missing.display());
    run(httpc().args(["post", &server.url("/"), "-F", &arg]))
        .assert_code(2)
        .assert_one_error_line(&["missing-part"]);
    server.assert_nothing_received();
}

#[test]
fn two_body_options_are_usage_error_and_send_nothing() {
    let server = echo_server();
    run(httpc().args(["post", &server.url("/"), "--json", "{}", "-d", "x"]))
        .assert_code(2)
        .assert_stdout("")
        .assert_one_error_line(&[
            "the argument '--json <JSON>' cannot be used with '--data <DATA>'",
        ]);
    server.assert_nothing_received();
}

// ---------------------------------------------------------------------------
// --offline
// ---------------------------------------------------------------------------

#[test]
fn offline_prints_the_request_and_sends_nothing() {
    let server = echo_server();
    let out = run(httpc().args(["post", &server.url("/path?x=1"), "-d", "hello", "--offline"]));
    out.assert_success().assert_stderr_empty();
    server.assert_nothing_received();

    let text = out.stdout_text().replace("\r\n", "\n");
    let (head, body) = text
        .split_once("\n\n")
        .unwrap_or_else(|| panic!("no blank line after the headers\n{out:?}"));
    let mut lines = head.lines();
    assert_eq!(lines.next(), Some("POST /path?x=1 HTTP/1.1"), "{out:?}");
    let headers: Vec<(String, String)> = lines
        .map(|l| {
            let (n, v) = l
                .split_once(':')
                .unwrap_or_else(|| panic!("not a header: {l:?}"));
            (n.to_ascii_lowercase(), v.trim().to_string())
        })
        .collect();
    let get = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(get("host"), Some(server.host().as_str()), "{out:?}");
    assert_eq!(get("user-agent"), Some(UA), "{out:?}");
    assert_eq!(
        get("content-type"),
        Some("application/octet-stream"),
        "{out:?}"
    );
    assert_eq!(get("content-length"), Some("5"), "{out:?}");
    // The body follows the blank line (a final newline may be added for the
    // terminal's sake).
    assert!(body == "hello" || body == "hello\n", "{out:?}");
}

#[test]
fn offline_get_prints_request_line_and_headers() {
    let server = echo_server();
    let out = run(httpc().args(["get", &server.url("/a"), "-H", "X-Test: 1", "--offline"]));
    out.assert_success().assert_stderr_empty();
    server.assert_nothing_received();
    let text = out.stdout_text().replace("\r\n", "\n");
    assert!(text.starts_with("GET /a HTTP/1.1\n"), "{out:?}");
    assert!(text.to_lowercase().contains("\nx-test: 1\n"), "{out:?}");
    assert!(text.ends_with("\n\n"), "{out:?}");
}

/// The head lines of an `--offline` preview or of a request as received.
fn head_lines(head: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(head).replace("\r\n", "\n");
    let head = text.split("\n\n").next().unwrap_or_default();
    head.lines().map(str::to_string).collect()
}

#[test]
fn offline_shows_a_host_header_as_it_is_sent_once() {
    let server = echo_server();
    let url = server.url("/a");
    let host = ["-H", "X-A: 1", "-H", "Host: other.example"];
    let out = run(httpc().args(["get", &url, "--offline"]).args(host));
    out.assert_success();
    let preview = head_lines(out.stdout());
    let hosts: Vec<_> = preview.iter().filter(|l| l.starts_with("host:")).collect();
    assert_eq!(hosts, ["host: other.example"], "{out:?}");
    run(httpc().args(["get", &url]).args(host)).assert_success();
    assert_eq!(head_lines(&server.only_request().raw_head), preview);
}

#[test]
fn offline_shows_the_urls_host_first_as_it_is_sent() {
    let server = echo_server();
    let url = server.url("/a");
    let out = run(httpc().args(["get", &url, "--offline"]));
    let preview = head_lines(out.assert_success().stdout());
    assert_eq!(preview[1], format!("host: {}", server.host()), "{out:?}");
    run(httpc().args(["get", &url])).assert_success();
    assert_eq!(head_lines(&server.only_request().raw_head), preview);
}

#[test]
fn a_second_host_header_replaces_the_first() {
    let server = echo_server();
    let hosts = ["-H", "Host: a.example", "-H", "Host: b.example"];
    run(httpc().args(["get", &server.url("/")]).args(hosts)).assert_success();
    assert_eq!(server.only_request().headers_named("host"), ["b.example"]);
}

#[test]
fn user_from_a_file_keeps_the_password_out_of_the_command_line() {
    let dir = tempdir();
    let file = dir.path().join("creds");
    std::fs::write(&file, "alice:s3cret\n").unwrap();
    let server = TestServer::ok("in");
    run(httpc().args([
        "get",
        &server.url("/"),
        "-u",
        &format!("@{}", file.display()),
    ]))
    .assert_success()
    .assert_stdout("in");
    // base64("alice:s3cret"): the file's line end is not part of it.
    assert_eq!(
        server.only_request().header("authorization"),
        Some("Basic YWxpY2U6czNjcmV0")
    );
}

#[test]
fn a_missing_user_file_is_a_usage_error_and_sends_nothing() {
    let server = TestServer::ok("in");
    let dir = tempdir();
    let file = dir.path().join("none");
    run(httpc().args([
        "get",
        &server.url("/"),
        "-u",
        &format!("@{}", file.display()),
    ]))
    .assert_code(2)
    .assert_stderr(&format!(
        "httpc: error: -u: cannot read '{}': no such file or directory\n",
        file.display()
    ));
    server.assert_nothing_received();
}
