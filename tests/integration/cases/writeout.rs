//! `-w/--write-out FORMAT` (contract: output options): printed to stdout
//! after the body, every variable, `%{json}`, escapes, and unknown
//! variables as usage errors that send nothing.

use std::sync::atomic::{AtomicUsize, Ordering};

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
const VARIABLES: [&str; 16] = [
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
