//! curl's data habits: --data-binary, --data-raw, --data-urlencode, several
//! data options joined in order, -G, -T, --max-filesize, --limit-rate and
//! --path-as-is, checked on what the server received and what is left on
//! disk.

use std::io::Write;
use std::process::Stdio;
use std::time::Duration;

use crate::support::*;

const FORM: &str = "application/x-www-form-urlencoded";

fn echo_server() -> TestServer {
    TestServer::new(|_| Reply::ok("ok").header("content-type", "text/plain"))
}

/// `httpc post URL ARGS...` against `server`; the one request it got.
fn post(server: &TestServer, args: &[&str]) -> Request {
    run(httpc().arg("post").arg(server.url("/p")).args(args)).assert_success();
    server.only_request()
}

// ---------------------------------------------------------------------------
// --data-binary, --data-raw
// ---------------------------------------------------------------------------

#[test]
fn data_binary_file_is_sent_byte_exact_as_octet_stream() {
    let dir = tempdir();
    let file = dir.path().join("blob.bin");
    std::fs::write(&file, all_bytes()).unwrap();
    let server = echo_server();
    let req = post(&server, &["--data-binary", &format!("@{}", file.display())]);
    assert!(req.body == all_bytes(), "{}", show_bytes(&req.body));
    assert_eq!(
        req.headers_named("content-type"),
        ["application/octet-stream"]
    );
    assert_eq!(
        req.headers_named("content-length"),
        [all_bytes().len().to_string().as_str()]
    );
}

#[test]
fn data_binary_from_stdin_is_streamed() {
    let server = echo_server();
    run(httpc()
        .args(["post", &server.url("/p"), "--data-binary", "@-"])
        .write_stdin("from\nstdin\n"))
    .assert_success();
    let req = server.only_request();
    assert_eq!(req.body, b"from\nstdin\n");
    assert!(req.chunked, "stdin is streamed chunked: {req:#?}");
}

#[test]
fn data_raw_sends_a_leading_at_as_text() {
    let server = echo_server();
    let req = post(&server, &["--data-raw", "@not-a-file"]);
    assert_eq!(req.body, b"@not-a-file");
    assert_eq!(
        req.headers_named("content-type"),
        ["application/octet-stream"]
    );
}

#[test]
fn data_values_may_start_with_a_dash() {
    let server = echo_server();
    let req = post(&server, &["--data-raw", "-x", "--data-urlencode", "-y"]);
    assert_eq!(req.body, b"-x&-y");
}

// ---------------------------------------------------------------------------
// --data-urlencode and several parts
// ---------------------------------------------------------------------------

#[test]
fn data_urlencode_encodes_as_curl_does_in_each_form() {
    let dir = tempdir();
    let file = dir.path().join("f.txt");
    std::fs::write(&file, "a b\n&\u{fc}").unwrap();
    let at_file = format!("@{}", file.display());
    let named_file = format!("n@{}", file.display());
    let cases: [(&str, &[u8]); 7] = [
        ("a b&c", b"a+b%26c"),
        ("=a b=c", b"a+b%3Dc"),
        ("name=a b/\u{fc}", b"name=a+b%2F%C3%BC"),
        (&at_file, b"a+b%0A%26%C3%BC"),
        (&named_file, b"n=a+b%0A%26%C3%BC"),
        ("x@y=z", b"x@y=z"),
        ("a*!()'~-._", b"a%2A%21%28%29%27~-._"),
    ];
    for (arg, expected) in cases {
        let server = echo_server();
        let req = post(&server, &["--data-urlencode", arg]);
        assert_eq!(req.body, expected, "{arg}: {}", req.body_text());
        assert_eq!(req.headers_named("content-type"), [FORM], "{arg}");
    }
}

#[test]
fn data_urlencode_reads_stdin_for_name_at_dash() {
    let server = echo_server();
    run(httpc()
        .args(["post", &server.url("/p"), "--data-urlencode", "q@-"])
        .write_stdin("a b"))
    .assert_success();
    assert_eq!(server.only_request().body, b"q=a+b");
}

#[test]
fn data_urlencode_missing_file_is_usage_error_and_sends_nothing() {
    let server = echo_server();
    let out = run(httpc().args([
        "post",
        &server.url("/p"),
        "--data-urlencode",
        "q@/no/such/file",
    ]));
    out.assert_code(2)
        .assert_one_error_line(&["--data-urlencode", "/no/such/file"]);
    server.assert_nothing_received();
}

#[test]
fn several_data_options_are_joined_with_ampersands_in_the_order_typed() {
    let dir = tempdir();
    let file = dir.path().join("part.txt");
    std::fs::write(&file, "from-file").unwrap();
    let server = echo_server();
    let req = post(
        &server,
        &[
            "--data-urlencode",
            "q=a b",
            "-d",
            "x=1",
            "--data-raw",
            "@raw",
            "--data-binary",
            &format!("@{}", file.display()),
            "-d",
            "y=2",
        ],
    );
    assert_eq!(req.body_text(), "q=a+b&x=1&@raw&from-file&y=2");
    assert_eq!(req.headers_named("content-type"), [FORM]);
    assert_eq!(req.headers_named("content-length"), ["28"]);
}

#[test]
fn repeated_d_is_a_form_unless_content_type_is_given() {
    let server = echo_server();
    let req = post(&server, &["-d", "a=1", "-d", "b=2"]);
    assert_eq!(req.body, b"a=1&b=2");
    assert_eq!(req.headers_named("content-type"), [FORM]);

    let server = echo_server();
    let req = post(
        &server,
        &["-d", "a", "-d", "b", "-H", "Content-Type: text/plain"],
    );
    assert_eq!(req.body, b"a&b");
    assert_eq!(req.headers_named("content-type"), ["text/plain"]);
}

#[test]
fn data_options_and_other_bodies_cannot_be_mixed() {
    let server = echo_server();
    for other in [["--json", "{}"], ["--form", "a=1"], ["-T", "file"]] {
        let out = run(httpc()
            .args(["post", &server.url("/p"), "--data-raw", "x"])
            .args(other));
        out.assert_code(2);
    }
    server.assert_nothing_received();
}

// ---------------------------------------------------------------------------
// -G
// ---------------------------------------------------------------------------

#[test]
fn get_flag_puts_the_data_in_the_query_and_sends_get() {
    let server = echo_server();
    run(httpc().args([
        "post",
        &server.url("/s?z=0"),
        "-G",
        "-d",
        "a=1",
        "--data-urlencode",
        "q=x y&z",
    ]))
    .assert_success();
    let req = server.only_request();
    assert_eq!(req.method, "GET");
    assert_eq!(req.target, "/s?z=0&a=1&q=x+y%26z");
    assert!(req.body.is_empty());
    assert!(req.header("content-type").is_none(), "{req:#?}");
    assert!(req.header("content-length").is_none(), "{req:#?}");
}

#[test]
fn get_flag_starts_a_query_and_follows_q_options() {
    let server = echo_server();
    run(&mut get(
        &server.url("/s"),
        &["-q", "a=1", "--get", "-d", "b=2"],
    ))
    .assert_success();
    assert_eq!(server.only_request().target, "/s?a=1&b=2");
}

#[test]
fn get_flag_keeps_head_a_head_and_yields_to_x() {
    let server = echo_server();
    run(httpc().args(["head", &server.url("/h"), "-G", "-d", "a=1"])).assert_success();
    run(httpc().args(["post", &server.url("/x"), "-G", "-X", "PURGE", "-d", "a=1"]))
        .assert_success();
    let reqs = server.requests();
    assert_eq!(
        (reqs[0].method.as_str(), reqs[0].target.as_str()),
        ("HEAD", "/h?a=1")
    );
    assert_eq!(
        (reqs[1].method.as_str(), reqs[1].target.as_str()),
        ("PURGE", "/x?a=1")
    );
}

// ---------------------------------------------------------------------------
// -T
// ---------------------------------------------------------------------------

#[test]
fn upload_file_puts_the_file_under_its_name_for_a_directory_url() {
    let dir = tempdir();
    let file = dir.path().join("up load.bin");
    std::fs::write(&file, all_bytes()).unwrap();
    let server = echo_server();
    run(httpc().args(["put", &server.url("/dir/"), "-T"]).arg(&file)).assert_success();
    let req = server.only_request();
    assert_eq!(req.method, "PUT");
    assert_eq!(req.target, "/dir/up%20load.bin");
    assert!(req.body == all_bytes(), "{}", show_bytes(&req.body));
    assert_eq!(
        req.headers_named("content-length"),
        [all_bytes().len().to_string().as_str()]
    );
    assert!(req.header("content-type").is_none(), "{req:#?}");
}

#[test]
fn upload_file_keeps_a_url_that_names_a_file() {
    let dir = tempdir();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, "text").unwrap();
    let server = echo_server();
    run(httpc()
        .args(["put", &server.url("/to/b.txt"), "-T"])
        .arg(&file))
    .assert_success();
    let req = server.only_request();
    assert_eq!(req.target, "/to/b.txt");
    assert_eq!(req.body, b"text");
}

#[test]
fn upload_from_stdin_is_streamed_and_names_nothing() {
    let server = echo_server();
    run(httpc()
        .args(["put", &server.url("/d/"), "-T", "-"])
        .write_stdin("piped"))
    .assert_success();
    let req = server.only_request();
    assert_eq!(req.target, "/d/");
    assert_eq!(req.body, b"piped");
    assert!(req.chunked, "{req:#?}");
}

#[test]
fn upload_of_a_missing_file_is_usage_error_and_sends_nothing() {
    let server = echo_server();
    let out = run(httpc().args(["put", &server.url("/"), "-T", "/no/such/file"]));
    out.assert_code(2).assert_one_error_line(&["/no/such/file"]);
    server.assert_nothing_received();
}

#[test]
fn upload_from_stdin_leaves_no_stdin_for_write_out() {
    let server = echo_server();
    for body in [
        ["-T", "-"],
        ["--data-binary", "@-"],
        ["--data-urlencode", "q@-"],
    ] {
        let out = run(httpc()
            .args(["put", &server.url("/")])
            .args(body)
            .args(["-w", "@-"])
            .write_stdin("x"));
        out.assert_code(2)
            .assert_one_error_line(&["-w @-: stdin is the body already"]);
    }
    server.assert_nothing_received();
}

#[test]
fn upload_shows_a_progress_bar_when_stderr_is_a_terminal() {
    let server = echo_server();
    let mut child = std_httpc()
        .args(["put", &server.url("/up"), "-T", "-", "-o", "/dev/null"])
        .env("HTTPC_TEST_PRETEND_TTY", "1")
        .env("TERM", "xterm-256color")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for _ in 0..8 {
        stdin.write_all(&[b'u'; 100]).unwrap();
        stdin.flush().unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("B/s"), "no upload bar: {err:?}");
    assert!(err.ends_with("\r\x1b[2K"), "bar not cleared: {err:?}");
    assert_eq!(server.only_request().body, [b'u'; 800]);
}

#[test]
fn upload_draws_no_bar_when_stderr_is_not_a_terminal() {
    let dir = tempdir();
    let file = dir.path().join("f");
    std::fs::write(&file, "x").unwrap();
    let server = TestServer::new(|_| Reply::delay(Duration::from_millis(300), Reply::ok("ok")));
    run(httpc().args(["put", &server.url("/"), "-T"]).arg(&file))
        .assert_success()
        .assert_stderr_empty();
}

// ---------------------------------------------------------------------------
// --max-filesize
// ---------------------------------------------------------------------------

#[test]
fn max_filesize_refuses_a_larger_content_length_and_leaves_no_file() {
    let server = TestServer::new(|_| Reply::ok(vec![b'x'; 1025]));
    let dir = tempdir();
    let file = dir.path().join("out.bin");
    let out = run(get(&server.url("/big"), &["--max-filesize", "1K", "-o"]).arg(&file));
    out.assert_code(63)
        .assert_one_error_line(&["--max-filesize", "1024", "/big"]);
    assert!(listing(dir.path()).is_empty(), "{:?}", listing(dir.path()));
}

#[test]
fn max_filesize_allows_a_body_of_exactly_that_size() {
    let server = TestServer::new(|_| Reply::ok(vec![b'x'; 1024]));
    run(&mut get(&server.url("/"), &["--max-filesize", "1k"]))
        .assert_success()
        .assert_stdout(vec![b'x'; 1024]);
}

#[test]
fn max_filesize_stops_a_body_of_unknown_length_as_it_arrives() {
    let server = TestServer::new(|_| Reply::Trickle {
        head: b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n".to_vec(),
        chunks: vec![vec![b'y'; 600]; 4],
        interval: Duration::from_millis(20),
    });
    let dir = tempdir();
    let file = dir.path().join("out.bin");
    let out = run(get(&server.url("/"), &["--max-filesize", "1K", "-o"]).arg(&file));
    out.assert_code(63)
        .assert_one_error_line(&["larger than --max-filesize 1024"]);
    assert!(listing(dir.path()).is_empty(), "{:?}", listing(dir.path()));
}

#[test]
fn max_filesize_judges_the_final_response_not_a_redirect_hop() {
    let server = TestServer::new(|req| match req.path() {
        "/from" => Reply::redirect(302, "/to").body(vec![b'r'; 5000]),
        _ => Reply::ok("small"),
    });
    run(&mut get(
        &server.url("/from"),
        &["-L", "--max-filesize", "10"],
    ))
    .assert_success()
    .assert_stdout("small");
}

#[test]
fn max_filesize_with_a_bad_size_is_usage_error_and_sends_nothing() {
    let server = echo_server();
    for bad in ["1T", "x", "-1", "1.5K"] {
        run(&mut get(&server.url("/"), &["--max-filesize", bad])).assert_code(2);
    }
    server.assert_nothing_received();
}

// ---------------------------------------------------------------------------
// --limit-rate
// ---------------------------------------------------------------------------

#[test]
fn limit_rate_reads_no_faster_than_the_rate() {
    let server = TestServer::new(|_| Reply::ok(vec![b'z'; 4096]));
    let out = run(&mut get(&server.url("/"), &["--limit-rate", "2K"]));
    out.assert_success().assert_stdout(vec![b'z'; 4096]);
    // 4 KiB at 2 KiB a second: the last read may start after 1.9 s.
    assert!(
        out.elapsed >= Duration::from_millis(1500),
        "too fast: {:?}",
        out.elapsed
    );
}

#[test]
fn limit_rate_of_zero_is_usage_error() {
    let server = echo_server();
    run(&mut get(&server.url("/"), &["--limit-rate", "0"])).assert_code(2);
    server.assert_nothing_received();
}

// ---------------------------------------------------------------------------
// --path-as-is
// ---------------------------------------------------------------------------

#[test]
fn path_as_is_keeps_dot_segments() {
    let server = echo_server();
    run(&mut get(&server.url("/a/../b/./c?x=1"), &["--path-as-is"])).assert_success();
    assert_eq!(server.only_request().target, "/a/../b/./c?x=1");
}

#[test]
fn without_path_as_is_dot_segments_are_removed() {
    let server = echo_server();
    run(&mut get(&server.url("/a/../b/./c"), &[])).assert_success();
    assert_eq!(server.only_request().target, "/b/c");
}

#[test]
fn path_as_is_shows_the_path_offline() {
    let out = run(httpc().args([
        "get",
        "http://h.example/x/../y",
        "--path-as-is",
        "--offline",
    ]));
    out.assert_success();
    assert_eq!(out.stdout_lines()[0], "GET /x/../y HTTP/1.1");
}
