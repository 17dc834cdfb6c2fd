//! `-w/--write-out FORMAT` (contract: output options): printed to stdout
//! after the body, and after a transfer error too; every variable,
//! `%{json}`, `%{onerror}`, `-w @FILE`, escapes, and unknown variables as
//! usage errors that send nothing.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::support::tls::TestProxy;
use crate::support::*;
use serde_json::Value;

/// `httpc ARGS... -w FORMAT`; returns the outcome.
fn write_out(args: &[&str], format: &str) -> Outcome {
    run(httpc().args(args).args(["-w", format]))
}

/// stdout is the body followed by the rendered format; returns the latter.
#[track_caller]
fn rendered(out: &Outcome, body: &[u8]) -> String {
    assert!(
        out.stdout().starts_with(body),
        "stdout does not start with the body\n{out:?}"
    );
    String::from_utf8(out.stdout()[body.len()..].to_vec()).expect("write-out is UTF-8")
}

/// A time variable: seconds with exactly 6 decimals.
#[track_caller]
fn seconds(text: &str) -> f64 {
    let (whole, frac) = text
        .split_once('.')
        .unwrap_or_else(|| panic!("{text:?} has no decimals"));
    assert!(
        !whole.is_empty() && whole.chars().all(|c| c.is_ascii_digit()),
        "{text:?}"
    );
    assert!(
        frac.len() == 6 && frac.chars().all(|c| c.is_ascii_digit()),
        "{text:?} does not have 6 decimals"
    );
    let secs: f64 = text.parse().unwrap();
    assert!(secs >= 0.0, "{text:?}");
    secs
}

/// The plain variables, as the contract lists them.
const VARIABLES: [&str; 24] = [
    "http_code",
    "http_version",
    "method",
    "url",
    "url_effective",
    "num_redirects",
    "num_retries",
    "content_type",
    "size_download",
    "size_upload",
    "speed_download",
    "time_namelookup",
    "time_connect",
    "time_appconnect",
    "time_starttransfer",
    "time_total",
    "remote_ip",
    "remote_port",
    "local_ip",
    "local_port",
    "redirect_url",
    "exitcode",
    "errormsg",
    "header_json",
];

// ---------------------------------------------------------------------------
// Placement and escapes
// ---------------------------------------------------------------------------

#[test]
fn write_out_comes_after_the_body_on_stdout() {
    let server = TestServer::ok("the body");
    write_out(&["get", &server.url("/")], "[%{http_code}]\\n")
        .assert_success()
        .assert_stdout("the body[200]\n")
        .assert_stderr_empty();
}

#[test]
fn percent_newline_and_tab_escapes() {
    let server = TestServer::ok("");
    write_out(
        &["get", &server.url("/")],
        "100%% done\\tcode\\n%{http_code}%%\\n",
    )
    .assert_success()
    .assert_stdout("100% done\tcode\n200%\n");
}

#[test]
fn text_without_variables_is_printed_as_is() {
    let server = TestServer::ok("b");
    write_out(&["get", &server.url("/")], "plain text: ok")
        .assert_success()
        .assert_stdout("bplain text: ok");
}

#[test]
fn write_out_follows_each_url_when_there_are_several() {
    let server = TestServer::new(|req| Reply::ok(req.path().to_string()));
    write_out(
        &["get", &server.url("/a"), &server.url("/bb")],
        " %{url_effective} %{size_download}\\n",
    )
    .assert_success()
    .assert_stdout(format!(
        "/a {} 2\n/bb {} 3\n",
        server.url("/a"),
        server.url("/bb")
    ));
}

#[test]
fn write_out_goes_to_stdout_when_the_body_goes_to_a_file() {
    let server = TestServer::ok("into the file");
    let dir = tempdir();
    let path = dir.path().join("out.txt");
    write_out(
        &["get", &server.url("/"), "-o", path.to_str().unwrap()],
        "%{http_code} %{size_download}\\n",
    )
    .assert_success()
    .assert_stdout("200 13\n");
    assert_eq!(std::fs::read(&path).unwrap(), b"into the file");
}

#[test]
fn write_out_is_printed_with_silent_and_for_an_error_status() {
    let server = TestServer::new(|_| Reply::status(404).body("missing"));
    write_out(&["get", &server.url("/"), "-s"], "%{http_code}")
        .assert_code(4)
        .assert_stdout("missing404")
        .assert_stderr_empty();
}

// ---------------------------------------------------------------------------
// Each variable
// ---------------------------------------------------------------------------

#[test]
fn http_code_and_http_version() {
    let server = TestServer::new(|_| Reply::status(201).body("x"));
    write_out(
        &["post", &server.url("/"), "-d", "a"],
        "%{http_code} %{http_version}",
    )
    .assert_success()
    .assert_stdout("x201 1.1");
}

#[test]
fn method_is_the_method_sent() {
    let server = TestServer::ok("");
    for (cmd, method) in [
        ("get", "GET"),
        ("post", "POST"),
        ("put", "PUT"),
        ("patch", "PATCH"),
        ("delete", "DELETE"),
        ("head", "HEAD"),
    ] {
        let out = write_out(&[cmd, &server.url("/")], "|%{method}");
        out.assert_success();
        // `head` prints the status line and headers first.
        assert!(
            out.stdout_text().ends_with(&format!("\n|{method}"))
                || out.stdout_text() == format!("|{method}"),
            "{out:?}"
        );
    }
}

#[test]
fn method_after_a_303_is_the_last_request_method() {
    let server = TestServer::new(|req| match req.path() {
        "/form" => Reply::redirect(303, "/done"),
        _ => Reply::ok(""),
    });
    write_out(
        &["post", &server.url("/form"), "-d", "x", "-L"],
        "%{method} %{num_redirects}",
    )
    .assert_success()
    .assert_stdout("GET 1");
}

#[test]
fn url_is_as_given_and_url_effective_is_where_redirects_ended() {
    let server = TestServer::new(|req| match req.path() {
        "/a" => Reply::redirect(302, "/b?x=1"),
        "/b" => Reply::redirect(307, "/c"),
        _ => Reply::ok("end"),
    });
    let start = server.url("/a");
    let out = write_out(
        &["get", &start, "-L"],
        "%{url}|%{url_effective}|%{num_redirects}",
    );
    out.assert_success();
    assert_eq!(
        rendered(&out, b"end"),
        format!("{start}|{}|2", server.url("/c"))
    );
}

#[test]
fn without_location_option_url_effective_is_the_url_and_num_redirects_is_0() {
    let server = TestServer::new(|_| Reply::redirect(301, "/elsewhere"));
    let url = server.url("/a");
    write_out(
        &["get", &url],
        "%{url_effective} %{num_redirects} %{http_code}",
    )
    .assert_code(3)
    .assert_stdout(format!("{url} 0 301"));
}

#[test]
fn url_never_shows_the_password() {
    let server = TestServer::ok("");
    let url = format!("http://user:topsecret@{}/x", server.host());
    let out = write_out(&["get", &url], "%{url} %{url_effective} %{json}");
    out.assert_success();
    assert!(!out.stdout_text().contains("topsecret"), "{out:?}");
}

#[test]
fn num_retries_counts_the_retries() {
    let server = TestServer::script([Reply::status(503), Reply::status(503), Reply::ok("ok")]);
    write_out(
        &[
            "get",
            &server.url("/"),
            "--retry",
            "3",
            "--retry-delay",
            "0.05",
            "-s",
        ],
        "%{num_retries}",
    )
    .assert_success()
    .assert_stdout("ok2");
    let server = TestServer::ok("ok");
    write_out(&["get", &server.url("/")], "%{num_retries}")
        .assert_success()
        .assert_stdout("ok0");
}

#[test]
fn content_type_is_the_response_header_or_empty() {
    let server = TestServer::new(|req| match req.path() {
        "/json" => Reply::ok("{}").header("Content-Type", "application/json; charset=utf-8"),
        _ => Reply::ok("raw"),
    });
    write_out(&["get", &server.url("/json")], "[%{content_type}]")
        .assert_success()
        .assert_stdout("{}[application/json; charset=utf-8]");
    write_out(&["get", &server.url("/none")], "[%{content_type}]")
        .assert_success()
        .assert_stdout("raw[]");
}

#[test]
fn size_download_and_size_upload_count_body_bytes() {
    let server = TestServer::new(|_| Reply::ok(all_bytes()));
    let out = write_out(
        &["post", &server.url("/"), "-d", "twelve bytes"],
        "%{size_download} %{size_upload}",
    );
    out.assert_success();
    assert_eq!(rendered(&out, &all_bytes()), "512 12");
    assert_eq!(server.only_request().body, b"twelve bytes");
}

#[test]
fn size_download_of_a_head_request_is_0() {
    let server = TestServer::new(|_| Reply::ok("not sent to HEAD"));
    let out = write_out(&["head", &server.url("/")], "|%{size_download}");
    out.assert_success();
    assert!(out.stdout_text().ends_with("|0"), "{out:?}");
}

#[test]
fn size_upload_counts_a_streamed_body() {
    let server = TestServer::ok("");
    run(httpc()
        .args(["put", &server.url("/"), "-d", "@-", "-w", "%{size_upload}"])
        .write_stdin("from stdin, 22 bytes.."))
    .assert_success()
    .assert_stdout("22");
    assert_eq!(server.only_request().body, b"from stdin, 22 bytes..");
}

#[test]
fn speed_download_is_whole_bytes_per_second() {
    let server = TestServer::new(|_| Reply::ok(vec![b'x'; 100_000]));
    let out = write_out(
        &["get", &server.url("/")],
        "%{speed_download} %{size_download} %{time_total}",
    );
    out.assert_success();
    let text = rendered(&out, &[b'x'; 100_000]);
    let parts: Vec<&str> = text.split(' ').collect();
    let speed: u64 = parts[0]
        .parse()
        .unwrap_or_else(|_| panic!("speed {:?} is not a whole number", parts[0]));
    let total = seconds(parts[2]);
    assert_eq!(parts[1], "100000");
    assert!(speed > 0, "{text}");
    // size / time, allowing for the 6-decimal rounding of the time shown.
    let expected = 100_000.0 / total;
    assert!(
        (speed as f64 - expected).abs() <= expected * 0.05 + 1.0,
        "speed {speed} vs {expected} from {text}"
    );
}

#[test]
fn time_variables_are_cumulative_seconds_with_6_decimals() {
    let server =
        TestServer::new(|_| Reply::delay(std::time::Duration::from_millis(50), Reply::ok("slow")));
    let out = write_out(
        &["get", &server.url("/")],
        "%{time_namelookup} %{time_connect} %{time_appconnect} %{time_starttransfer} %{time_total}",
    );
    out.assert_success();
    let text = rendered(&out, b"slow");
    let t: Vec<f64> = text.split(' ').map(seconds).collect();
    assert_eq!(t.len(), 5, "{text}");
    let (namelookup, connect, appconnect, starttransfer, total) = (t[0], t[1], t[2], t[3], t[4]);
    // No TLS over http.
    assert_eq!(appconnect, 0.0, "{text}");
    // Every phase that happened is cumulative from the start.
    let happened: Vec<f64> = [namelookup, connect, starttransfer, total]
        .into_iter()
        .filter(|s| *s > 0.0)
        .collect();
    assert!(
        happened.windows(2).all(|w| w[0] <= w[1]),
        "not ordered namelookup <= connect <= starttransfer <= total: {text}"
    );
    assert!(
        connect > 0.0,
        "a fresh connection has a connect time: {text}"
    );
    // The server waited 50 ms before answering.
    assert!(starttransfer >= 0.05, "{text}");
    assert!(total >= starttransfer && total < 5.0, "{text}");
}

#[test]
fn time_total_counts_from_the_first_redirect_hop() {
    let server = TestServer::new(|req| match req.path() {
        "/a" => Reply::delay(
            std::time::Duration::from_millis(100),
            Reply::redirect(302, "/b"),
        ),
        _ => Reply::ok(""),
    });
    let out = write_out(
        &["get", &server.url("/a"), "-L"],
        "%{time_starttransfer} %{time_total}",
    );
    out.assert_success();
    let text = out.stdout_text();
    let t: Vec<f64> = text.split(' ').map(seconds).collect();
    assert!(t[0] >= 0.1 && t[1] >= t[0], "{text}");
}

#[test]
fn header_variable_reads_a_response_header_case_insensitively() {
    let server = TestServer::new(|_| {
        Reply::ok("b")
            .header("X-Request-Id", "abc-123")
            .header("ETag", "\"v1\"")
    });
    write_out(
        &["get", &server.url("/")],
        "%{header.x-request-id} %{header.X-REQUEST-ID} %{header.etag} [%{header.x-missing}]",
    )
    .assert_success()
    .assert_stdout("babc-123 abc-123 \"v1\" []");
}

#[test]
fn header_variable_after_redirects_reads_the_final_response() {
    let server = TestServer::new(|req| match req.path() {
        "/a" => Reply::redirect(302, "/b").header("X-Hop", "first"),
        _ => Reply::ok("").header("X-Hop", "last"),
    });
    write_out(&["get", &server.url("/a"), "-L"], "%{header.x-hop}")
        .assert_success()
        .assert_stdout("last");
}

#[test]
fn json_is_one_object_with_every_variable() {
    let count = AtomicUsize::new(0);
    let server = TestServer::new(move |req| match req.path() {
        "/start" => Reply::redirect(307, "/data"),
        // Retry-After: a POST is retried on a 503 only when the server
        // says when to come back.
        _ if count.fetch_add(1, Ordering::SeqCst) == 0 => {
            Reply::status(503).header("Retry-After", "0")
        }
        _ => Reply::ok("hello").header("Content-Type", "text/plain"),
    });
    let start = server.url("/start");
    let out = run(httpc().args([
        "post",
        &start,
        "-d",
        "abc",
        "-L",
        "--retry",
        "1",
        "--retry-delay",
        "0.05",
        "-s",
        "-w",
        "%{json}\\n",
    ]));
    out.assert_success();
    let text = rendered(&out, b"hello");
    let line = text
        .strip_suffix('\n')
        .expect("ends with the newline from the format");
    assert!(!line.contains('\n'), "one line: {text:?}");
    let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
    let obj = v.as_object().expect("an object");
    for name in VARIABLES {
        assert!(obj.contains_key(name), "{name} missing from {line}");
    }
    assert_eq!(v["http_code"], 200);
    assert_eq!(v["http_version"], "1.1");
    assert_eq!(v["method"], "POST");
    assert_eq!(v["url"], start.as_str());
    assert_eq!(v["url_effective"], server.url("/data").as_str());
    assert_eq!(v["num_redirects"], 1);
    assert_eq!(v["num_retries"], 1);
    assert_eq!(v["content_type"], "text/plain");
    assert_eq!(v["size_download"], 5);
    assert!(v["speed_download"].is_u64(), "{line}");
    for name in VARIABLES.iter().filter(|n| n.starts_with("time_")) {
        let secs = v[name]
            .as_f64()
            .unwrap_or_else(|| panic!("{name} is not a number: {line}"));
        assert!(secs >= 0.0, "{name}: {line}");
    }
    assert_eq!(v["time_appconnect"].as_f64(), Some(0.0));
    assert!(v["time_total"].as_f64().unwrap() > 0.0);
}

#[test]
fn json_matches_the_plain_variables() {
    let server = TestServer::new(|_| Reply::ok("12345").header("content-type", "text/x"));
    let out = write_out(
        &["get", &server.url("/p")],
        "%{json}\\n%{http_code} %{size_download} %{content_type} %{url}",
    );
    out.assert_success();
    let text = rendered(&out, b"12345");
    let (json, plain) = text.split_once('\n').unwrap();
    let v: Value = serde_json::from_str(json).unwrap();
    assert_eq!(
        plain,
        format!(
            "{} {} {} {}",
            v["http_code"],
            v["size_download"],
            v["content_type"].as_str().unwrap(),
            v["url"].as_str().unwrap()
        )
    );
}

// ---------------------------------------------------------------------------
// Usage errors
// ---------------------------------------------------------------------------

#[test]
fn unknown_variable_exits_2_and_sends_nothing() {
    let server = TestServer::ok("never");
    let out = write_out(&["get", &server.url("/")], "%{http_code} %{no_such_thing}");
    out.assert_code(2)
        .assert_stdout("")
        .assert_stderr_contains("no_such_thing");
    assert!(out.stderr_text().starts_with("httpc: error: "), "{out:?}");
    server.assert_nothing_received();
}

#[test]
fn unknown_variable_with_several_urls_sends_nothing_to_any() {
    let server = TestServer::ok("never");
    write_out(&["get", &server.url("/1"), &server.url("/2")], "%{bogus}")
        .assert_code(2)
        .assert_stdout("")
        .assert_one_error_line(&["--write-out: unknown variable '%{bogus}'"]);
    server.assert_nothing_received();
}

#[test]
fn server_text_in_write_out_is_escaped_on_a_terminal_and_kept_in_a_pipe() {
    // U+009B (CSI) as obs-text: ureq refuses C0 controls in headers.
    let server = TestServer::new(|_| Reply::ok("").header("x-evil", "[2J\u{9b}31m"));
    let url = server.url("/");
    let format = "%{header.x-evil}|%{http_code}";
    run(tty().args(["get", "-b", &url, "-w", format]))
        .assert_success()
        .assert_stdout("[2J\\u{9b}31m|200");
    run(httpc().args(["get", &url, "-w", format]))
        .assert_success()
        .assert_stdout("[2J\u{9b}31m|200");
}

// ---------------------------------------------------------------------------
// After a transfer error
// ---------------------------------------------------------------------------

#[test]
fn write_out_after_a_refused_connection_is_000_and_exit_7_as_in_curl() {
    let url = closed_port_url("/");
    let out = write_out(
        &["get", "-s", &url],
        "%{http_code} %{exitcode} %{errormsg}\\n",
    );
    out.assert_code(7)
        .assert_stdout(format!("000 7 {url}: connection refused\n"))
        .assert_one_error_line(&[&url, "connection refused"]);
}

#[test]
fn write_out_after_a_timeout_is_000_and_exit_28_with_the_connection_it_made() {
    let server = TestServer::replying(Reply::stall(std::time::Duration::from_secs(3)));
    let out = write_out(
        &["get", &server.url("/"), "--timeout", "0.3"],
        "%{http_code} %{exitcode} %{remote_ip}:%{remote_port}|%{errormsg}",
    );
    out.assert_code(28);
    let text = out.stdout_text();
    let (head, errormsg) = text.split_once('|').unwrap();
    assert_eq!(head, format!("000 28 {}", server.host()));
    assert!(errormsg.contains("timed out"), "{out:?}");
    // The error line's text, without its prefix.
    let line = out.stderr_text();
    assert_eq!(line.trim_end(), format!("httpc: error: {errormsg}"));
}

#[test]
fn write_out_after_a_404_has_exitcode_4_and_the_warning_as_errormsg() {
    let server = TestServer::new(|_| Reply::status(404).body("gone"));
    write_out(
        &["get", &server.url("/")],
        "|%{http_code} %{exitcode} %{errormsg}",
    )
    .assert_code(4)
    .assert_stdout("gone|404 4 HTTP 404 Not Found");
    write_out(
        &["get", &server.url("/"), "--ignore-status"],
        "|%{exitcode}[%{errormsg}]",
    )
    .assert_success()
    .assert_stdout("gone|0[]");
}

#[test]
fn exitcode_and_errormsg_on_success_are_0_and_empty() {
    let server = TestServer::ok("ok");
    write_out(&["get", &server.url("/")], "|%{exitcode}[%{errormsg}]")
        .assert_success()
        .assert_stdout("ok|0[]");
}

#[test]
fn write_out_after_a_body_cut_short_has_the_status_and_the_bytes_that_came() {
    let server = TestServer::replying(Reply::short_body(10, b"12345"));
    let out = write_out(
        &["get", &server.url("/")],
        "|%{http_code} %{exitcode} %{size_download}",
    );
    out.assert_code(18);
    assert_eq!(rendered(&out, b"12345"), "|200 18 5");
}

#[test]
fn onerror_skips_the_rest_after_a_success() {
    let server = TestServer::ok("ok");
    write_out(
        &["get", &server.url("/")],
        "|%{http_code}%{onerror} failed: %{errormsg}\\n",
    )
    .assert_success()
    .assert_stdout("ok|200");
}

#[test]
fn onerror_prints_the_rest_after_a_failure() {
    let url = closed_port_url("/");
    write_out(
        &["get", "-s", &url],
        "%{http_code}%{onerror} failed: %{exitcode}\\n",
    )
    .assert_code(7)
    .assert_stdout("000 failed: 7\n");
    let server = TestServer::new(|_| Reply::status(500));
    write_out(
        &["get", "-s", &server.url("/")],
        "%{onerror}failed: %{http_code}",
    )
    .assert_code(5)
    .assert_stdout("failed: 500");
}

#[test]
fn json_after_a_failure_has_every_key_and_parses() {
    let url = closed_port_url("/x");
    let out = write_out(&["get", "-s", &url], "%{json}");
    out.assert_code(7);
    let v: Value = serde_json::from_slice(out.stdout()).expect("JSON");
    let obj = v.as_object().unwrap();
    for name in VARIABLES {
        assert!(obj.contains_key(name), "{name} missing from {v}");
    }
    assert_eq!(v["http_code"], 0);
    assert_eq!(v["exitcode"], 7);
    assert_eq!(v["errormsg"], format!("{url}: connection refused").as_str());
    assert_eq!(v["url"], url.as_str());
    assert_eq!(v["remote_ip"], "");
    assert_eq!(v["remote_port"], 0);
    assert_eq!(v["redirect_url"], "");
    assert_eq!(v["header_json"], serde_json::json!({}));
}

#[test]
fn json_after_a_success_has_the_new_keys_with_their_types() {
    let server = TestServer::new(|_| Reply::ok("b").header("X-One", "1"));
    let out = write_out(&["get", &server.url("/")], "%{json}");
    out.assert_success();
    let v: Value = serde_json::from_str(&rendered(&out, b"b")).unwrap();
    assert_eq!(v["exitcode"], 0);
    assert_eq!(v["errormsg"], "");
    assert_eq!(v["remote_ip"], "127.0.0.1");
    assert_eq!(v["remote_port"], server.port());
    assert!(v["local_port"].as_u64().is_some_and(|p| p > 0), "{v}");
    assert_eq!(v["header_json"]["x-one"], serde_json::json!(["1"]));
}

#[test]
fn one_write_out_per_url_failures_included() {
    let server = TestServer::ok("");
    let refused = closed_port_url("/");
    let out = write_out(
        &["get", "-s", &server.url("/a"), &refused, &server.url("/b")],
        "%{http_code} %{exitcode}\\n",
    );
    out.assert_code(7).assert_stdout("200 0\n000 7\n200 0\n");
}

#[test]
fn write_out_after_too_many_redirects_has_the_last_3xx_as_curl() {
    let server = TestServer::new(|_| Reply::redirect(302, "/again"));
    write_out(
        &[
            "get",
            "-s",
            "-L",
            "--max-redirs",
            "0",
            &server.url("/start"),
        ],
        "%{http_code} %{exitcode} %{redirect_url} %{num_redirects}",
    )
    .assert_code(47)
    .assert_stdout(format!("302 47 {} 0", server.url("/again")));
}

#[test]
fn a_url_that_fails_before_sending_has_nothing_of_the_url_before_it() {
    let server = TestServer::ok("saved");
    let dir = tempdir();
    // -O cannot write a file named like this directory.
    std::fs::create_dir(dir.path().join("b")).unwrap();
    let out = run(httpc().current_dir(dir.path()).args([
        "get",
        "-s",
        "-O",
        &server.url("/a"),
        &server.url("/b"),
        "-w",
        "%{http_code} %{remote_port} %{exitcode}\\n",
    ]));
    out.assert_code(1)
        .assert_stdout(format!("200 {} 0\n000 0 1\n", server.port()));
    assert_eq!(std::fs::read(dir.path().join("a")).unwrap(), b"saved");
}

// ---------------------------------------------------------------------------
// Connection, redirect and header variables
// ---------------------------------------------------------------------------

#[test]
fn remote_and_local_addresses_are_the_connections() {
    let server = TestServer::ok("");
    let out = write_out(
        &["get", &server.url("/")],
        "%{remote_ip} %{remote_port} %{local_ip} %{local_port}",
    );
    out.assert_success();
    let clients = server.client_addresses();
    assert_eq!(clients.len(), 1, "{clients:?}");
    assert_eq!(
        out.stdout_text(),
        format!(
            "127.0.0.1 {} {} {}",
            server.port(),
            clients[0].ip(),
            clients[0].port()
        )
    );
}

#[test]
fn through_a_proxy_remote_ip_and_port_are_the_proxys() {
    let server = TestServer::ok("");
    let proxy = TestProxy::tunnel();
    write_out(
        &["get", "-x", &proxy.url(), &server.url("/")],
        "%{remote_ip}:%{remote_port}",
    )
    .assert_success()
    .assert_stdout(format!("127.0.0.1:{}", proxy.port()));
}

#[cfg(unix)]
#[test]
fn over_a_unix_socket_remote_ip_is_its_path_and_the_ports_are_0() {
    use std::io::{Read, Write};
    let dir = tempdir();
    let path = dir.path().join("w.sock");
    let listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
    let server = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        let mut buf = [0u8; 4096];
        let _ = conn.read(&mut buf);
        conn.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok")
            .unwrap();
    });
    let socket = path.to_str().unwrap();
    let out = write_out(
        &["get", "--unix-socket", socket, "http://localhost/"],
        "|%{remote_ip}|%{remote_port}|%{local_ip}|%{local_port}",
    );
    server.join().unwrap();
    out.assert_success()
        .assert_stdout(format!("ok|{socket}|0||0"));
}

#[test]
fn redirect_url_is_where_a_3xx_not_followed_points_resolved() {
    let server = TestServer::new(|req| match req.path() {
        "/old/page" => Reply::redirect(302, "../new?x=1"),
        _ => Reply::ok("new"),
    });
    write_out(&["get", &server.url("/old/page")], "%{redirect_url}")
        .assert_code(3)
        .assert_stdout(server.url("/new?x=1"));
    // Followed: nothing is left to point to.
    write_out(
        &["get", "-L", &server.url("/old/page")],
        "[%{redirect_url}]",
    )
    .assert_success()
    .assert_stdout("new[]");
}

#[test]
fn header_json_has_every_header_lowercase_with_arrays_of_values() {
    let server = TestServer::new(|_| {
        Reply::ok("")
            .header("X-Multi", "one")
            .header("x-multi", "two")
            .header("ETag", "\"v\"")
    });
    let out = write_out(&["get", &server.url("/")], "%{header_json}");
    out.assert_success();
    let v: Value = serde_json::from_slice(out.stdout()).expect("JSON");
    assert_eq!(v["x-multi"], serde_json::json!(["one", "two"]));
    assert_eq!(v["etag"], serde_json::json!(["\"v\""]));
    assert!(v["content-length"].is_array(), "{v}");
    assert!(
        v.as_object()
            .unwrap()
            .keys()
            .all(|k| *k == k.to_ascii_lowercase()),
        "{v}"
    );
}

#[test]
fn json_on_a_terminal_escapes_c1_controls_and_still_parses() {
    let server = TestServer::new(|_| Reply::ok("").header("x-evil", "a\u{9b}31m"));
    let out = run(tty().args(["get", "-b", &server.url("/"), "-w", "%{header_json}"]));
    out.assert_success();
    assert!(!out.stdout_text().contains('\u{9b}'), "{out:?}");
    assert!(out.stdout_text().contains("\\u009b"), "{out:?}");
    let v: Value = serde_json::from_slice(out.stdout()).expect("JSON");
    assert_eq!(v["x-evil"], serde_json::json!(["a\u{9b}31m"]));
}

// ---------------------------------------------------------------------------
// -w @FILE
// ---------------------------------------------------------------------------

#[test]
fn write_out_at_file_reads_the_format_from_the_file() {
    let server = TestServer::ok("b");
    let dir = tempdir();
    let file = dir.path().join("format.txt");
    std::fs::write(&file, "code=%{http_code}\\tsize=%{size_download}\n").unwrap();
    let arg = format!("@{}", file.display());
    write_out(&["get", &server.url("/")], &arg)
        .assert_success()
        .assert_stdout("bcode=200\tsize=1\n");
}

#[test]
fn write_out_at_dash_reads_the_format_from_stdin() {
    let server = TestServer::ok("b");
    run(httpc()
        .args(["get", &server.url("/"), "-w", "@-"])
        .write_stdin("[%{http_code}]"))
    .assert_success()
    .assert_stdout("b[200]");
}

#[test]
fn write_out_at_dash_with_a_body_from_stdin_exits_2_and_sends_nothing() {
    let server = TestServer::ok("never");
    run(httpc()
        .args(["post", &server.url("/"), "-d", "@-", "-w", "@-"])
        .write_stdin("body"))
    .assert_code(2)
    .assert_stdout("")
    .assert_one_error_line(&["-w @-", "stdin"]);
    server.assert_nothing_received();
}

#[test]
fn write_out_at_a_missing_file_exits_2_and_sends_nothing() {
    let server = TestServer::ok("never");
    let dir = tempdir();
    let missing = dir.path().join("nope.txt");
    write_out(
        &["get", &server.url("/")],
        &format!("@{}", missing.display()),
    )
    .assert_code(2)
    .assert_stdout("")
    .assert_one_error_line(&["--write-out", "nope.txt"]);
    server.assert_nothing_received();
}
