//! What httpc prints and writes: output modes, -o/-O/-C, colour, terminals,
//! control characters, broken pipe, warnings.

use std::io::Read;
use std::process::Stdio;
use std::time::Duration;

use crate::support::*;

const ESC: u8 = 0x1b;

fn has_esc(bytes: &[u8]) -> bool {
    bytes.contains(&ESC)
}

fn text_server(body: &'static str) -> TestServer {
    TestServer::new(move |_| {
        Reply::ok(body)
            .header("content-type", "text/plain")
            .header("x-test", "yes")
    })
}

// ---------------------------------------------------------------------------
// Piped output
// ---------------------------------------------------------------------------

#[test]
fn piped_stdout_gets_binary_body_byte_exact() {
    let server = TestServer::new(|_| {
        Reply::ok(all_bytes()).header("content-type", "application/octet-stream")
    });
    run(httpc().arg(server.url("/bin")))
        .assert_success()
        .assert_stdout(all_bytes())
        .assert_stderr_empty();
}

#[test]
fn piped_stdout_passes_control_characters_unchanged() {
    let body: &[u8] = b"red \x1b[31mtext\x1b[0m\x07 and \x9b done\r\n";
    let server = TestServer::new(move |_| Reply::ok(body).header("content-type", "text/plain"));
    run(httpc().arg(server.url("/")))
        .assert_success()
        .assert_stdout(body)
        .assert_stderr_empty();
}

#[test]
fn piped_json_body_is_not_reformatted() {
    let body = "{\"a\":1,  \"b\":[1,2]}";
    let server =
        TestServer::new(move |_| Reply::ok(body).header("content-type", "application/json"));
    run(httpc().arg(server.url("/")))
        .assert_success()
        .assert_stdout(body)
        .assert_stderr_empty();
}

#[test]
fn successful_transfer_to_pipe_writes_nothing_to_stderr() {
    let server = text_server("hello");
    run(httpc().args(["get", &server.url("/")]))
        .assert_success()
        .assert_stdout("hello")
        .assert_stderr_empty();
}

#[test]
fn include_prints_status_line_and_headers_when_piped() {
    let server = text_server("hello");
    run(httpc().args(["get", &server.url("/"), "-i"]))
        .assert_success()
        .assert_stdout(
            "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nx-test: yes\r\ncontent-length: 5\r\n\r\nhello",
        )
        .assert_stderr_empty();
}

#[test]
fn body_option_when_piped_prints_body_only() {
    let server = text_server("hello");
    run(httpc().args(["get", &server.url("/"), "-b"]))
        .assert_success()
        .assert_stdout("hello");
}

#[test]
fn include_and_body_together_are_usage_error() {
    let server = text_server("hello");
    run(httpc().args(["get", &server.url("/"), "-i", "-b"]))
        .assert_code(2)
        .assert_stdout("")
        .assert_one_error_line(&["the argument '--include' cannot be used with '--body'"]);
    server.assert_nothing_received();
}

#[test]
fn include_with_head_prints_head_only() {
    let server = text_server("hello");
    run(httpc().args(["head", &server.url("/"), "-i"]))
        .assert_success()
        .assert_stdout(
            "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nx-test: yes\r\ncontent-length: 5\r\n\r\n",
        )
        .assert_stderr_empty();
}

#[test]
fn head_with_several_urls_ends_each_response_with_blank_line() {
    let server = TestServer::new(|req| Reply::ok("body").header("x-path", req.path()));
    run(httpc().args(["head", &server.url("/1"), &server.url("/2")]))
        .assert_success()
        .assert_stdout(
            "HTTP/1.1 200 OK\r\nx-path: /1\r\ncontent-length: 4\r\n\r\n\
             HTTP/1.1 200 OK\r\nx-path: /2\r\ncontent-length: 4\r\n\r\n",
        )
        .assert_stderr_empty();
}

// ---------------------------------------------------------------------------
// Compression
// ---------------------------------------------------------------------------

fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// "hello" as one uncompressed brotli meta-block (RFC 7932 9.2).
const HELLO_BR: &[u8] = b"\x0b\x02\x80hello\x03";

#[test]
fn gzip_body_is_decoded() {
    let server = TestServer::new(|_| {
        Reply::ok(gzip(b"hello gzip"))
            .header("content-type", "text/plain")
            .header("content-encoding", "gzip")
    });
    run(httpc().arg(server.url("/")))
        .assert_success()
        .assert_stdout("hello gzip")
        .assert_stderr_empty();
}

#[test]
fn br_body_is_decoded() {
    let server = TestServer::new(|_| {
        Reply::ok(HELLO_BR)
            .header("content-type", "text/plain")
            .header("content-encoding", "br")
    });
    run(httpc().arg(server.url("/")))
        .assert_success()
        .assert_stdout("hello")
        .assert_stderr_empty();
}

#[test]
fn no_decompress_does_not_ask_for_or_decode_gzip() {
    let compressed = gzip(b"hello gzip");
    let body = compressed.clone();
    let server = TestServer::new(move |_| {
        Reply::ok(body.clone())
            .header("content-type", "text/plain")
            .header("content-encoding", "gzip")
    });
    run(httpc().args(["get", &server.url("/"), "--no-decompress"]))
        .assert_success()
        .assert_stdout(&compressed)
        .assert_stderr_empty();
    let req = server.only_request();
    assert!(req.header("accept-encoding").is_none(), "{req:#?}");
}

#[test]
fn corrupt_gzip_body_is_receive_error() {
    let server = TestServer::new(|_| {
        Reply::ok(b"\x1f\x8b\x08\x00 not really gzip at all".to_vec())
            .header("content-encoding", "gzip")
    });
    let url = server.url("/");
    run(httpc().arg(&url))
        .assert_code(56)
        .assert_one_error_line(&[&url]);
}

// ---------------------------------------------------------------------------
// On a terminal
// ---------------------------------------------------------------------------

#[test]
fn terminal_gets_status_line_headers_and_body() {
    let server = text_server("hello\n");
    let out = run(tty().args(["get", &server.url("/"), "--color", "never"]));
    out.assert_success();
    let text = out.stdout_text();
    assert!(text.starts_with("HTTP/1.1 200 OK\n"), "{out:?}");
    assert!(text.contains("\nx-test: yes\n"), "{out:?}");
    assert!(text.contains("\n\n"), "blank line before the body\n{out:?}");
    assert!(text.ends_with("hello\n"), "{out:?}");
    assert!(!has_esc(out.stdout()), "{out:?}");
}

#[test]
fn body_option_on_terminal_prints_body_only() {
    let server = text_server("hello\n");
    run(tty().args(["get", &server.url("/"), "-b", "--color", "never"]))
        .assert_success()
        .assert_stdout("hello\n");
}

#[test]
fn terminal_escapes_c1_control_characters_in_headers() {
    // U+009B is CSI; in a header value it arrives as UTF-8 (C2 9B), which
    // HTTP parsers accept as obs-text.
    let server = TestServer::new(|_| {
        Reply::ok("fine\n")
            .header("content-type", "text/plain")
            .header("x-evil", "a\u{9b}31mb")
    });
    let out = run(tty().args(["get", &server.url("/"), "--color", "never"]));
    out.assert_success();
    let csi = "\u{9b}".as_bytes();
    assert!(
        !out.stdout().windows(2).any(|w| w == csi),
        "raw C1 CSI reached the terminal\n{out:?}"
    );
    out.assert_stdout_contains("x-evil: a")
        .assert_stdout_contains("31mb")
        .assert_stdout_contains("fine\n");
}

#[test]
fn terminal_never_gets_raw_esc_from_a_header() {
    // A header value with ESC is not valid HTTP; httpc may refuse the
    // response (exit 56) or show it escaped, but never pass ESC through.
    let server = TestServer::new(|_| {
        Reply::ok("fine\n")
            .header("content-type", "text/plain")
            .header("x-evil", "a\x1b[31mb\x1b]0;title\x07c")
    });
    let out = run(tty().args(["get", &server.url("/"), "--color", "never"]));
    assert!(matches!(out.code(), Some(0 | 56)), "{out:?}");
    assert!(
        !has_esc(out.stdout()),
        "raw ESC reached the terminal\n{out:?}"
    );
    assert!(
        !has_esc(&out.output.stderr),
        "raw ESC reached the terminal\n{out:?}"
    );
}

#[test]
fn terminal_escapes_control_characters_in_text_body() {
    let server = TestServer::new(|_| {
        Reply::ok("before \x1b[2J\x1b[H\x08after\tTab\n").header("content-type", "text/plain")
    });
    let out = run(tty().args(["get", &server.url("/"), "-b", "--color", "never"]));
    out.assert_success();
    assert!(
        !has_esc(out.stdout()),
        "raw ESC reached the terminal\n{out:?}"
    );
    assert!(
        !out.stdout().contains(&0x08),
        "raw BS reached the terminal\n{out:?}"
    );
    out.assert_stdout_contains("before ")
        .assert_stdout_contains("[2J")
        .assert_stdout_contains("after\tTab\n");
}

#[test]
fn terminal_escapes_c1_control_characters_in_text_body() {
    // U+009B is CSI in UTF-8 text (C2 9B).
    let server = TestServer::new(|_| {
        Reply::ok("x\u{9b}31my\n").header("content-type", "text/plain; charset=utf-8")
    });
    let out = run(tty().args(["get", &server.url("/"), "-b", "--color", "never"]));
    out.assert_success();
    let csi = "\u{9b}".as_bytes();
    assert!(
        !out.stdout().windows(2).any(|w| w == csi),
        "raw C1 CSI reached the terminal\n{out:?}"
    );
    out.assert_stdout_contains("31my");
}

#[test]
fn terminal_pretty_prints_json_with_indent_2() {
    let server = TestServer::new(|_| {
        Reply::ok("{\"a\":1,\"b\":\"x\"}").header("content-type", "application/json")
    });
    let out = run(tty().args(["get", &server.url("/"), "-b", "--color", "never"]));
    out.assert_success();
    assert_eq!(
        out.stdout_text().trim_end(),
        "{\n  \"a\": 1,\n  \"b\": \"x\"\n}",
        "{out:?}"
    );
}

/// The contract's example of invalid JSON: the second `,` is the bad byte.
const INVALID_JSON: &str = r#"{"a": 1,, "b": [1 2]}"#;
const INVALID_JSON_WARNING: &str =
    "httpc: warning: invalid JSON at line 1, column 9: expected a string key; printed as received\n";

fn json_server(body: &'static str) -> TestServer {
    TestServer::new(move |_| Reply::ok(body).header("content-type", "application/json"))
}

#[test]
fn pretty_always_prints_invalid_json_in_one_read_exactly_as_received() {
    let server = json_server(INVALID_JSON);
    run(&mut get(&server.url("/"), &["--pretty", "always"]))
        .assert_success()
        .assert_stdout(INVALID_JSON)
        .assert_stderr(INVALID_JSON_WARNING);
}

#[test]
fn pretty_always_formats_valid_json_when_piped() {
    let server = json_server(r#"{"a": 1, "b": [1, 2]}"#);
    run(&mut get(&server.url("/"), &["--pretty", "always"]))
        .assert_success()
        .assert_stdout("{\n  \"a\": 1,\n  \"b\": [\n    1,\n    2\n  ]\n}\n")
        .assert_stderr_empty();
}

/// A server that sends `body` as JSON in two writes 300 ms apart, cut at
/// `at`, so that httpc gets it in two reads.
fn json_in_two_reads(body: String, at: usize) -> TestServer {
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    let (first, second) = body.split_at(at);
    let chunks = vec![first.as_bytes().to_vec(), second.as_bytes().to_vec()];
    TestServer::new(move |_| Reply::Trickle {
        head: head.clone().into_bytes(),
        chunks: chunks.clone(),
        interval: Duration::from_millis(300),
    })
}

#[test]
fn pretty_always_prints_a_small_invalid_body_as_received_however_it_arrives() {
    // Two reads far apart; the first is valid so far. What is printed does
    // not depend on where the network cut the body.
    let server = json_in_two_reads(INVALID_JSON.to_string(), 8);
    run(&mut get(&server.url("/"), &["--pretty", "always"]))
        .assert_success()
        .assert_stdout(INVALID_JSON)
        .assert_stderr(INVALID_JSON_WARNING);
}

#[test]
fn pretty_always_cuts_over_at_the_bad_byte_past_the_first_64_kib() {
    // 80 KB of valid JSON, then a bad byte: formatted up to it, then the
    // rest as received, wherever the reads end.
    let body = format!("[{}x]", "1,".repeat(40_000));
    let want = format!("[{}x]", "\n  1,".repeat(40_000));
    for at in [1_000, 70_000] {
        let server = json_in_two_reads(body.clone(), at);
        run(&mut get(&server.url("/"), &["--pretty", "always"]))
            .assert_success()
            .assert_stdout(want.clone())
            .assert_stderr(
                "httpc: warning: invalid JSON at line 1, column 80002: expected a value; printed as received\n",
            );
    }
}

// ---------------------------------------------------------------------------
// Colour
// ---------------------------------------------------------------------------

#[test]
fn color_always_colours_the_head_when_piped() {
    let server = text_server("hello");
    let out = run(httpc().args(["get", &server.url("/"), "-i", "--color", "always"]));
    out.assert_success();
    let text = out.stdout_text();
    let head = text.split("\n\n").next().unwrap();
    assert!(head.contains("\x1b["), "no ANSI codes in the head\n{out:?}");
    assert!(text.ends_with("hello"), "{out:?}");
}

#[test]
fn no_color_env_turns_colour_off_on_terminal() {
    let server = text_server("hello\n");
    let out = run(tty().env("NO_COLOR", "1").args(["get", &server.url("/")]));
    out.assert_success();
    assert!(!has_esc(out.stdout()), "{out:?}");
    out.assert_stdout_contains("HTTP/1.1 200 OK");
}

#[test]
fn empty_no_color_env_does_not_turn_colour_off() {
    let server = text_server("hello\n");
    let out = run(tty().env("NO_COLOR", "").args(["get", &server.url("/")]));
    out.assert_success();
    assert!(has_esc(out.stdout()), "{out:?}");
}

#[test]
fn terminal_head_is_coloured_by_default() {
    let server = text_server("hello\n");
    let out = run(tty().args(["get", &server.url("/")]));
    out.assert_success();
    assert!(has_esc(out.stdout()), "no colour on a terminal\n{out:?}");
}

#[test]
fn clicolor_force_colours_the_head_when_piped() {
    let server = text_server("hello");
    let out = run(httpc()
        .env("CLICOLOR_FORCE", "1")
        .args(["get", &server.url("/"), "-i"]));
    out.assert_success();
    let text = out.stdout_text();
    let head = text.split("\n\n").next().unwrap();
    assert!(head.contains("\x1b["), "no ANSI codes in the head\n{out:?}");
}

#[test]
fn color_never_beats_clicolor_force() {
    let server = text_server("hello");
    let out = run(httpc().env("CLICOLOR_FORCE", "1").args([
        "get",
        &server.url("/"),
        "-i",
        "--color",
        "never",
    ]));
    out.assert_success();
    assert!(!has_esc(out.stdout()), "{out:?}");
}

#[test]
fn color_always_beats_no_color() {
    let server = text_server("hello");
    let out = run(httpc().env("NO_COLOR", "1").args([
        "get",
        &server.url("/"),
        "-i",
        "--color",
        "always",
    ]));
    out.assert_success();
    assert!(has_esc(out.stdout()), "{out:?}");
}

#[test]
fn piped_body_is_never_coloured_by_clicolor_force() {
    let server = text_server("hello");
    run(httpc()
        .env("CLICOLOR_FORCE", "1")
        .args(["get", &server.url("/")]))
    .assert_success()
    .assert_stdout("hello");
}

// ---------------------------------------------------------------------------
// HTTP status warnings
// ---------------------------------------------------------------------------

#[test]
fn status_404_prints_body_and_warns_when_piped() {
    let server = TestServer::new(|_| {
        Reply::status(404)
            .header("content-type", "text/plain")
            .body("no such thing")
    });
    run(httpc().arg(server.url("/missing")))
        .assert_code(4)
        .assert_stdout("no such thing")
        .assert_stderr("httpc: warning: HTTP 404 Not Found\n");
}

#[test]
fn silent_suppresses_status_warning() {
    let server = TestServer::new(|_| Reply::status(404).body("no such thing"));
    run(httpc().args(["get", &server.url("/missing"), "-s"]))
        .assert_code(4)
        .assert_stdout("no such thing")
        .assert_stderr_empty();
}

#[test]
fn status_500_warns_when_piped() {
    let server = TestServer::new(|_| Reply::status(500).body("boom"));
    run(httpc().arg(server.url("/")))
        .assert_code(5)
        .assert_stdout("boom")
        .assert_stderr("httpc: warning: HTTP 500 Internal Server Error\n");
}

#[test]
fn status_warning_is_not_printed_on_terminal() {
    let server = TestServer::new(|_| Reply::status(404).body("no such thing\n"));
    let out = run(tty().args(["get", &server.url("/"), "--color", "never"]));
    out.assert_code(4)
        .assert_stdout_contains("HTTP/1.1 404 Not Found")
        .assert_stderr_lacks("httpc: warning: HTTP 404");
}

// ---------------------------------------------------------------------------
// -o, -O, -C
// ---------------------------------------------------------------------------

#[test]
fn output_file_gets_body_and_stdout_stays_empty() {
    let dir = tempdir();
    let file = dir.path().join("out.bin");
    let server = TestServer::new(|_| Reply::ok(all_bytes()));
    run(httpc().args(["get", &server.url("/"), "-o"]).arg(&file))
        .assert_success()
        .assert_stdout("")
        .assert_stderr_empty();
    assert!(std::fs::read(&file).unwrap() == all_bytes());
    assert_eq!(listing(dir.path()), ["out.bin"]);
}

#[test]
fn output_file_replaces_existing_file_on_success() {
    let dir = tempdir();
    let file = dir.path().join("out.txt");
    std::fs::write(&file, "old content that is longer").unwrap();
    let server = TestServer::ok("new");
    run(httpc().args(["get", &server.url("/"), "-o"]).arg(&file)).assert_success();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
    assert_eq!(listing(dir.path()), ["out.txt"]);
}

#[test]
fn output_file_is_not_created_after_truncated_transfer() {
    let dir = tempdir();
    let file = dir.path().join("out.bin");
    let server = TestServer::new(|_| Reply::short_body(100, b"0123456789"));
    let url = server.url("/big");
    run(httpc().args(["get", &url, "-o"]).arg(&file))
        .assert_code(18)
        .assert_stdout("")
        .assert_one_error_line(&[&url]);
    assert!(!file.exists(), "partial file left behind");
    assert!(
        listing(dir.path()).is_empty(),
        "temporary files left: {:?}",
        listing(dir.path())
    );
}

#[test]
fn output_file_keeps_existing_content_after_truncated_transfer() {
    let dir = tempdir();
    let file = dir.path().join("out.bin");
    std::fs::write(&file, "precious").unwrap();
    let server = TestServer::new(|_| Reply::short_body(100, b"0123456789"));
    run(httpc().args(["get", &server.url("/big"), "-o"]).arg(&file))
        .assert_code(18)
        .assert_one_error_line(&[
            "the body ended early: the connection closed before all of it arrived",
        ]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "precious");
    assert_eq!(listing(dir.path()), ["out.bin"], "temporary files left");
}

#[test]
fn output_file_is_not_written_on_http_error_status() {
    let dir = tempdir();
    let file = dir.path().join("out.txt");
    let server = TestServer::new(|_| Reply::status(404).body("not found page"));
    let out = run(httpc().args(["get", &server.url("/"), "-o"]).arg(&file));
    out.assert_code(4);
    assert!(!file.exists(), "FILE written despite 404\n{out:?}");
    assert!(listing(dir.path()).is_empty(), "{:?}", listing(dir.path()));
}

#[test]
fn output_file_keeps_existing_content_on_http_error_status() {
    let dir = tempdir();
    let file = dir.path().join("out.txt");
    std::fs::write(&file, "precious").unwrap();
    let server = TestServer::new(|_| Reply::status(500).body("error page"));
    run(httpc().args(["get", &server.url("/"), "-o"]).arg(&file)).assert_code(5);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "precious");
}

#[test]
fn output_file_is_written_on_error_status_with_ignore_status() {
    let dir = tempdir();
    let file = dir.path().join("out.txt");
    let server = TestServer::new(|_| Reply::status(404).body("not found page"));
    run(httpc()
        .args(["get", &server.url("/"), "--ignore-status", "-o"])
        .arg(&file))
    .assert_success();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not found page");
}

#[test]
fn output_to_dev_null_is_written_directly() {
    let server = TestServer::ok("discard me");
    run(httpc().args(["get", &server.url("/"), "-o", "/dev/null"]))
        .assert_success()
        .assert_stdout("")
        .assert_stderr_empty();
}

#[test]
fn remote_name_saves_last_path_segment_in_current_dir() {
    let dir = tempdir();
    let server = TestServer::ok("file body");
    run(httpc()
        .current_dir(dir.path())
        .args(["get", &server.url("/dir/report.txt?x=1"), "-O"]))
    .assert_success()
    .assert_stdout("")
    .assert_stderr_empty();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("report.txt")).unwrap(),
        "file body"
    );
    assert_eq!(listing(dir.path()), ["report.txt"]);
}

#[test]
fn remote_name_refuses_bad_names_and_sends_nothing() {
    for path in ["/", "/.hidden", "/..", "/dir/"] {
        let dir = tempdir();
        let server = TestServer::ok("body");
        let out = run(httpc()
            .current_dir(dir.path())
            .args(["get", &server.url(path), "-O"]));
        assert_eq!(out.code(), Some(2), "path {path:?}\n{out:?}");
        // `/..` is normalised to `/` before httpc names the file.
        let segment = if path == "/.hidden" { ".hidden" } else { "" };
        out.assert_stdout("").assert_one_error_line(&[
            "-O: cannot name a file after '",
            &format!("the last path segment '{segment}' is empty, hidden or unsafe; use -o FILE"),
        ]);
        server.assert_nothing_received();
        assert!(listing(dir.path()).is_empty(), "path {path:?}");
    }
}

#[test]
fn remote_name_with_several_urls_saves_each() {
    let dir = tempdir();
    let server = TestServer::new(|req| Reply::ok(format!("body of {}", req.path())));
    run(httpc().current_dir(dir.path()).args([
        "get",
        &server.url("/a.txt"),
        &server.url("/b.txt"),
        "-O",
    ]))
    .assert_success()
    .assert_stdout("");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        "body of /a.txt"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("b.txt")).unwrap(),
        "body of /b.txt"
    );
}

#[test]
fn continue_resumes_partial_file_with_range() {
    let dir = tempdir();
    let file = dir.path().join("dl.txt");
    std::fs::write(&file, "hello ").unwrap();
    let server = TestServer::new(|req| match req.header("range") {
        Some("bytes=6-") => Reply::status(206)
            .header("content-range", "bytes 6-10/11")
            .body("world"),
        _ => Reply::ok("hello world"),
    });
    run(httpc()
        .args(["get", &server.url("/dl.txt"), "-C", "-o"])
        .arg(&file))
    .assert_success()
    .assert_stdout("")
    .assert_stderr_empty();
    assert_eq!(server.only_request().headers_named("range"), ["bytes=6-"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "hello world");
}

#[test]
fn continue_with_complete_file_and_416_is_success() {
    let dir = tempdir();
    let file = dir.path().join("dl.txt");
    std::fs::write(&file, "hello world").unwrap();
    let server = TestServer::new(|_| {
        Reply::status(416)
            .header("content-range", "bytes */11")
            .body("")
    });
    run(httpc()
        .args(["get", &server.url("/dl.txt"), "-C", "-o"])
        .arg(&file))
    .assert_success()
    .assert_stdout("");
    assert_eq!(server.only_request().headers_named("range"), ["bytes=11-"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "hello world");
}

#[test]
fn continue_with_server_ignoring_range_replaces_file() {
    let dir = tempdir();
    let file = dir.path().join("dl.txt");
    std::fs::write(&file, "hello ").unwrap();
    let server = TestServer::ok("hello world");
    run(httpc()
        .args(["get", &server.url("/dl.txt"), "-C", "-o"])
        .arg(&file))
    .assert_success();
    assert_eq!(server.only_request().headers_named("range"), ["bytes=6-"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "hello world");
}

#[test]
fn continue_with_416_for_file_larger_than_resource_is_error() {
    // The server says the resource has 11 bytes; the local file has 20, so
    // it is not "already complete": a plain 416 (exit 4), file untouched.
    let dir = tempdir();
    let file = dir.path().join("dl.txt");
    std::fs::write(&file, "twenty bytes of junk").unwrap();
    let server = TestServer::new(|_| Reply::status(416).header("content-range", "bytes */11"));
    run(httpc()
        .args(["get", &server.url("/dl.txt"), "-C", "-o"])
        .arg(&file))
    .assert_code(4);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "twenty bytes of junk"
    );
}

#[test]
fn continue_without_existing_file_downloads_all() {
    let dir = tempdir();
    let file = dir.path().join("dl.txt");
    let server = TestServer::ok("hello world");
    run(httpc()
        .args(["get", &server.url("/dl.txt"), "-C", "-o"])
        .arg(&file))
    .assert_success();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "hello world");
}

#[test]
fn continue_keeps_the_bytes_that_arrived_before_the_body_was_cut() {
    let dir = tempdir();
    let file = dir.path().join("dl.txt");
    std::fs::write(&file, "hello ").unwrap();
    let server = TestServer::script([
        Reply::raw(
            "HTTP/1.1 206 Partial Content\r\ncontent-range: bytes 6-10/11\r\ncontent-length: 5\r\n\r\nwor",
        ),
        Reply::status(206)
            .header("content-range", "bytes 9-10/11")
            .body("ld"),
    ]);
    let url = server.url("/dl.txt");
    run(httpc().args(["get", &url, "-C", "-o"]).arg(&file))
        .assert_code(18)
        .assert_one_error_line(&[&url]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "hello wor");
    // The next resume starts from what arrived.
    run(httpc().args(["get", &url, "-C", "-o"]).arg(&file)).assert_success();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "hello world");
    let ranges: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.header("range").unwrap_or_default().to_string())
        .collect();
    assert_eq!(ranges, ["bytes=6-", "bytes=9-"]);
}

#[test]
fn output_file_holds_a_body_of_many_buffers_byte_for_byte() {
    // Several times the copy's three buffers, and not a multiple of any.
    let body: Vec<u8> = (0..3 * 1024 * 1024 + 7).map(|i| (i % 251) as u8).collect();
    let expected = body.clone();
    let server = TestServer::new(move |_| Reply::ok(body.clone()));
    let dir = tempdir();
    let file = dir.path().join("big.bin");
    run(httpc().args(["get", &server.url("/big"), "-o"]).arg(&file)).assert_success();
    assert!(std::fs::read(&file).unwrap() == expected, "file differs");
}

#[test]
fn output_file_holds_a_body_that_arrives_a_byte_at_a_time() {
    let server = TestServer::replying(Reply::trickle(40, Duration::from_millis(2)));
    let dir = tempdir();
    let file = dir.path().join("slow.txt");
    run(httpc().args(["get", &server.url("/slow"), "-o"]).arg(&file)).assert_success();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x".repeat(40));
}

// ---------------------------------------------------------------------------
// Broken pipe
// ---------------------------------------------------------------------------

/// httpc's stdout and the pipe's size once httpc has written the body.
#[cfg(target_os = "linux")]
fn through_a_pipe(url: &str) -> (Vec<u8>, usize) {
    let mut child = std_httpc()
        .args(["get", url])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut body = Vec::new();
    stdout.read_to_end(&mut body).unwrap();
    let size = rustix::pipe::fcntl_getpipe_size(&stdout).unwrap();
    let (code, stderr) = wait_with_deadline(child);
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    (body, size)
}

#[cfg(target_os = "linux")]
#[test]
fn a_large_body_widens_the_pipe_on_stdout_and_a_small_one_leaves_it() {
    let big: Vec<u8> = (0..3 * 1024 * 1024 + 5).map(|i| (i % 253) as u8).collect();
    let expected = big.clone();
    let server = TestServer::new(move |req| match req.path() {
        "/big" => Reply::ok(big.clone()),
        _ => Reply::ok("small"),
    });
    let (body, size) = through_a_pipe(&server.url("/big"));
    assert!(body == expected, "the body came out changed");
    assert_eq!(size, 1 << 20);
    let (fresh, _) = rustix::pipe::pipe().unwrap();
    let default = rustix::pipe::fcntl_getpipe_size(&fresh).unwrap();
    let (body, size) = through_a_pipe(&server.url("/small"));
    assert_eq!(body, b"small");
    assert_eq!(size, default);
}

#[test]
fn broken_pipe_ends_quietly_with_exit_0() {
    let big: Vec<u8> = (0..10 * 1024 * 1024)
        .map(|i| b'a' + (i % 26) as u8)
        .collect();
    let server =
        TestServer::new(move |_| Reply::ok(big.clone()).header("content-type", "text/plain"));
    let (code, stderr) = closing_stdout_after(&["get", &server.url("/big")], b"abcdefghij");
    assert_eq!(code, Some(0), "stderr: {stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn broken_pipe_during_a_body_of_unknown_length_ends_quietly_with_exit_0() {
    // Read on a second thread while stdout is written: the writer's EPIPE
    // must stop the reader too.
    let mut raw = b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n".to_vec();
    raw.extend((0..10 * 1024 * 1024).map(|i| b'a' + (i % 26) as u8));
    let server = TestServer::new(move |_| Reply::raw(raw.clone()));
    let (code, stderr) = closing_stdout_after(&["get", &server.url("/stream")], b"abcdefghij");
    assert_eq!(code, Some(0), "stderr: {stderr}");
    assert_eq!(stderr, "");
}

/// Runs httpc with `args`, reads `first` from its stdout and closes it,
/// like `| head -c N`; httpc's exit code and stderr.
fn closing_stdout_after(args: &[&str], first: &[u8]) -> (Option<i32>, String) {
    let mut child = std_httpc()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut got = vec![0u8; first.len()];
    stdout.read_exact(&mut got).unwrap();
    assert_eq!(got, first);
    drop(stdout);
    wait_with_deadline(child)
}

/// Waits (at most 20 s) for a child whose stdout was already dropped; its
/// exit code and stderr.
fn wait_with_deadline(mut child: std::process::Child) -> (Option<i32>, String) {
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("httpc did not exit after its stdout was closed");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    (status.code(), reader.join().unwrap())
}

#[test]
fn broken_pipe_with_include_ends_quietly_with_exit_0() {
    let big: Vec<u8> = vec![b'z'; 4 * 1024 * 1024];
    let server = TestServer::new(move |_| Reply::ok(big.clone()));
    let (code, stderr) = closing_stdout_after(&["get", "-i", &server.url("/big")], b"HTTP");
    assert_eq!(code, Some(0), "stderr: {stderr}");
    assert_eq!(stderr, "");
}
