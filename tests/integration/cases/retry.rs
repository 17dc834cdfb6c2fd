//! `--retry`, `--retry-delay`, `--retry-max-time` (contract: "Transient
//! failures for `--retry`"): what is retried, how often, how long httpc
//! waits (doubling backoff, Retry-After), one stderr line per retry, and no
//! retry once body bytes reached stdout.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crate::support::*;

/// A server scripted to answer the first `failures` requests with `fail`
/// and the next with `ok`: every reply must be used, and a request after
/// `ok` fails the test.
fn flaky(failures: usize, fail: Reply, ok: Reply) -> TestServer {
    TestServer::script(std::iter::repeat_n(fail, failures).chain([ok]))
}

/// A status with its registered reason phrase (the shared server only
/// knows the common ones).
fn status(code: u16) -> Reply {
    let reason = match code {
        408 => "Request Timeout",
        429 => "Too Many Requests",
        501 => "Not Implemented",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        other => reason_for(other),
    };
    Reply::status(code).reason(reason)
}

/// The stderr lines that announce a retry.
fn retry_lines(out: &Outcome) -> Vec<String> {
    out.stderr_text()
        .lines()
        .filter(|l| l.starts_with("retrying in "))
        .map(str::to_string)
        .collect()
}

/// Records when each request arrived.
#[derive(Clone, Default)]
struct Arrivals(Arc<Mutex<Vec<(Instant, SystemTime)>>>);

impl Arrivals {
    fn mark(&self) {
        self.0
            .lock()
            .unwrap()
            .push((Instant::now(), SystemTime::now()));
    }

    fn all(&self) -> Vec<(Instant, SystemTime)> {
        self.0.lock().unwrap().clone()
    }
}

// ---------------------------------------------------------------------------
// How many attempts, and the line for each retry
// ---------------------------------------------------------------------------

#[test]
fn flaky_endpoint_failing_n_times_is_requested_n_plus_1_times() {
    let server = flaky(3, status(503).body("busy"), Reply::ok("finally"));
    let out = run(httpc().args([
        "get",
        &server.url("/flaky"),
        "--retry",
        "3",
        "--retry-delay",
        "0.05",
    ]));
    // The backoff doubles from --retry-delay.
    out.assert_success().assert_stdout("finally").assert_stderr(
        "retrying in 0.05s (attempt 2 of 4): 503 Service Unavailable\n\
         retrying in 0.1s (attempt 3 of 4): 503 Service Unavailable\n\
         retrying in 0.2s (attempt 4 of 4): 503 Service Unavailable\n",
    );
    assert_eq!(server.requests().len(), 4);
    assert!(out.elapsed >= Duration::from_millis(350), "{out:?}");
}

#[test]
fn retries_stop_at_the_first_success() {
    let server = flaky(2, status(500), Reply::ok("up"));
    let out = run(httpc().args([
        "get",
        &server.url("/"),
        "--retry",
        "5",
        "--retry-delay",
        "0.05",
    ]));
    out.assert_success().assert_stdout("up");
    assert_eq!(retry_lines(&out).len(), 2, "{out:?}");
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn each_transient_status_is_retried() {
    for (code, reason) in [
        (408, "Request Timeout"),
        (429, "Too Many Requests"),
        (500, "Internal Server Error"),
        (502, "Bad Gateway"),
        (503, "Service Unavailable"),
        (504, "Gateway Timeout"),
    ] {
        let server = flaky(1, status(code).body("not yet"), Reply::ok("ok"));
        let out = run(httpc().args([
            "get",
            &server.url("/"),
            "--retry",
            "1",
            "--retry-delay",
            "0.05",
        ]));
        out.assert_success()
            .assert_stdout("ok")
            .assert_stderr(&format!(
                "retrying in 0.05s (attempt 2 of 2): {code} {reason}\n"
            ));
        assert_eq!(server.requests().len(), 2, "{code}");
    }
}

#[test]
fn other_error_statuses_are_not_retried() {
    for (code, exit) in [(400, 4), (404, 4), (409, 4), (501, 5), (505, 5)] {
        let server = TestServer::new(move |_| status(code).body("final"));
        let out = run(httpc().args([
            "get",
            &server.url("/"),
            "--retry",
            "3",
            "--retry-delay",
            "0.05",
        ]));
        out.assert_code(exit).assert_stdout("final");
        assert!(retry_lines(&out).is_empty(), "{code}: {out:?}");
        assert_eq!(server.requests().len(), 1, "{code}");
    }
}

#[test]
fn without_retry_option_nothing_is_retried() {
    let server = TestServer::new(|_| status(503).body("busy"));
    run(httpc().arg(server.url("/")))
        .assert_code(5)
        .assert_stdout("busy")
        .assert_stderr("httpc: warning: HTTP 503 Service Unavailable\n");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn exhausted_retries_exit_with_the_last_status_and_print_its_body_once() {
    let server = TestServer::new(|_| status(503).body("busy"));
    let out = run(httpc().args([
        "get",
        &server.url("/"),
        "--retry",
        "2",
        "--retry-delay",
        "0.05",
    ]));
    out.assert_code(5).assert_stdout("busy").assert_stderr(
        "retrying in 0.05s (attempt 2 of 3): 503 Service Unavailable\n\
         retrying in 0.1s (attempt 3 of 3): 503 Service Unavailable\n\
         httpc: warning: HTTP 503 Service Unavailable\n",
    );
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn silent_prints_no_retry_lines() {
    let server = flaky(2, status(503), Reply::ok("ok"));
    run(httpc().args([
        "get",
        &server.url("/"),
        "--retry",
        "2",
        "--retry-delay",
        "0.05",
        "-s",
    ]))
    .assert_success()
    .assert_stdout("ok")
    .assert_stderr_empty();
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn a_request_body_is_sent_again_on_retry() {
    // A POST is retried on a 503 only when the server says when to come
    // back (retry_rules.rs has the rest of that rule).
    let server = flaky(
        1,
        status(503).header("Retry-After", "0"),
        Reply::ok("stored"),
    );
    let out = run(httpc().args([
        "post",
        &server.url("/up"),
        "-d",
        "payload bytes",
        "--retry",
        "1",
        "--retry-delay",
        "0.05",
    ]));
    out.assert_success().assert_stdout("stored");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    for req in &reqs {
        assert_eq!(req.method, "POST");
        assert_eq!(req.body, b"payload bytes");
    }
}

// ---------------------------------------------------------------------------
// Transfer failures
// ---------------------------------------------------------------------------

#[test]
fn refused_connection_with_retry_2_makes_3_attempts_and_exits_7() {
    let url = closed_port_url("/down");
    let out = run(httpc().args(["get", &url, "--retry", "2", "--retry-delay", "0.05"]));
    out.assert_code(7).assert_stdout("");
    assert_eq!(
        retry_lines(&out),
        [
            "retrying in 0.05s (attempt 2 of 3): connection refused",
            "retrying in 0.1s (attempt 3 of 3): connection refused",
        ],
        "{out:?}"
    );
    let err = out.stderr_text();
    let last = err.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("httpc: error: ")
            && last.contains(&url)
            && last.contains("connection refused"),
        "{out:?}"
    );
    assert_eq!(err.lines().count(), 3, "{out:?}");
}

#[test]
fn reset_connection_is_retried() {
    let server = flaky(1, Reply::reset(), Reply::ok("after reset"));
    let out = run(httpc().args([
        "get",
        &server.url("/"),
        "--retry",
        "1",
        "--retry-delay",
        "0.05",
    ]));
    out.assert_success().assert_stdout("after reset");
    let lines = retry_lines(&out);
    assert_eq!(lines.len(), 1, "{out:?}");
    assert!(
        lines[0].starts_with("retrying in 0.05s (attempt 2 of 2): ") && lines[0].contains("reset"),
        "{out:?}"
    );
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn timeout_is_retried() {
    let server = flaky(
        1,
        Reply::stall(Duration::from_millis(1500)),
        Reply::ok("in time"),
    );
    let out = run(httpc().args([
        "get",
        &server.url("/"),
        "--timeout",
        "0.3",
        "--retry",
        "1",
        "--retry-delay",
        "0.05",
    ]));
    out.assert_success().assert_stdout("in time").assert_stderr(
        "retrying in 0.05s (attempt 2 of 2): timed out after 0.3s waiting for the response\n",
    );
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn dns_failure_is_retried() {
    let out = run(httpc().args([
        "get",
        UNRESOLVABLE_URL,
        "--retry",
        "1",
        "--retry-delay",
        "0.05",
    ]));
    out.assert_code(6).assert_stdout("");
    let lines = retry_lines(&out);
    assert_eq!(lines.len(), 1, "{out:?}");
    assert!(
        lines[0].starts_with("retrying in 0.05s (attempt 2 of 2): ")
            && lines[0].contains("resolve"),
        "{out:?}"
    );
}

#[test]
fn empty_reply_is_not_a_transient_failure() {
    // Scripted with one reply: a second request would fail the test.
    let server = TestServer::script([Reply::close_without_reply()]);
    let out = run(httpc().args([
        "get",
        &server.url("/"),
        "--retry",
        "2",
        "--retry-delay",
        "0.05",
    ]));
    out.assert_code(52).assert_stdout("");
    assert!(retry_lines(&out).is_empty(), "{out:?}");
    assert_eq!(server.requests().len(), 1);
}

// ---------------------------------------------------------------------------
// Retry-After and --retry-max-time
// ---------------------------------------------------------------------------

#[test]
fn retry_after_in_seconds_is_honoured_when_larger_than_the_backoff() {
    let arrivals = Arrivals::default();
    let seen = arrivals.clone();
    let count = AtomicUsize::new(0);
    let server = TestServer::new(move |_| {
        seen.mark();
        match count.fetch_add(1, Ordering::SeqCst) {
            0 => status(503).header("Retry-After", "1"),
            _ => Reply::ok("ok"),
        }
    });
    let out = run(httpc().args([
        "get",
        &server.url("/"),
        "--retry",
        "1",
        "--retry-delay",
        "0.05",
    ]));
    out.assert_success()
        .assert_stdout("ok")
        .assert_stderr("retrying in 1s (attempt 2 of 2): 503 Service Unavailable\n");
    let at = arrivals.all();
    assert_eq!(at.len(), 2);
    let gap = at[1].0 - at[0].0;
    assert!(gap >= Duration::from_secs(1), "waited only {gap:?}");
}

#[test]
fn retry_after_as_an_http_date_is_honoured() {
    let arrivals = Arrivals::default();
    let seen = arrivals.clone();
    let count = AtomicUsize::new(0);
    let asked = Arc::new(Mutex::new(None::<SystemTime>));
    let asked_in = Arc::clone(&asked);
    let server = TestServer::new(move |_| {
        seen.mark();
        match count.fetch_add(1, Ordering::SeqCst) {
            0 => {
                // HTTP dates have whole seconds: the next whole second at
                // least 0.5 s away, so the pause is 0.5 to 1.5 s.
                let target = SystemTime::now() + Duration::from_millis(500);
                let since = target.duration_since(SystemTime::UNIX_EPOCH).unwrap();
                let when = SystemTime::UNIX_EPOCH + Duration::from_secs(since.as_secs() + 1);
                let date = httpdate::fmt_http_date(when);
                *asked_in.lock().unwrap() = Some(when);
                status(503).header("Retry-After", &date)
            }
            _ => Reply::ok("ok"),
        }
    });
    let out = run(httpc().args([
        "get",
        &server.url("/"),
        "--retry",
        "1",
        "--retry-delay",
        "0.05",
    ]));
    out.assert_success().assert_stdout("ok");
    let lines = retry_lines(&out);
    assert_eq!(lines.len(), 1, "{out:?}");
    assert!(
        lines[0].ends_with(" (attempt 2 of 2): 503 Service Unavailable"),
        "{out:?}"
    );
    let at = arrivals.all();
    assert_eq!(at.len(), 2);
    let date = asked.lock().unwrap().expect("date sent");
    assert!(
        at[1].1 >= date,
        "retried {:?} before the Retry-After date\n{out:?}",
        date.duration_since(at[1].1).unwrap_or_default()
    );
    assert!(at[1].0 - at[0].0 >= Duration::from_millis(500), "{out:?}");
}

#[test]
fn retry_after_smaller_than_the_backoff_does_not_shorten_it() {
    let arrivals = Arrivals::default();
    let seen = arrivals.clone();
    let count = AtomicUsize::new(0);
    let server = TestServer::new(move |_| {
        seen.mark();
        match count.fetch_add(1, Ordering::SeqCst) {
            0 => status(429).header("Retry-After", "0"),
            _ => Reply::ok("ok"),
        }
    });
    let out = run(httpc().args([
        "get",
        &server.url("/"),
        "--retry",
        "1",
        "--retry-delay",
        "0.4",
    ]));
    out.assert_success()
        .assert_stdout("ok")
        .assert_stderr("retrying in 0.4s (attempt 2 of 2): 429 Too Many Requests\n");
    let at = arrivals.all();
    assert!(at[1].0 - at[0].0 >= Duration::from_millis(400));
}

#[test]
fn no_retry_when_retry_after_would_pass_retry_max_time() {
    let server = TestServer::new(|_| status(503).header("Retry-After", "5").body("later"));
    let out = run(httpc().args([
        "get",
        &server.url("/"),
        "--retry",
        "3",
        "--retry-delay",
        "0.05",
        "--retry-max-time",
        "1",
    ]));
    out.assert_code(5)
        .assert_stdout("later")
        .assert_stderr("httpc: warning: HTTP 503 Service Unavailable\n");
    assert_eq!(server.requests().len(), 1);
    // 3x --retry-max-time, and still short of the 5 s Retry-After it must
    // not sleep through.
    assert!(out.elapsed < Duration::from_secs(3), "{out:?}");
}

#[test]
fn backoff_never_sleeps_past_retry_max_time() {
    // Pauses 0.2 s, then 0.4 s: the second would end after 0.5 s.
    let server = TestServer::new(|_| status(503));
    let out = run(httpc().args([
        "get",
        &server.url("/"),
        "--retry",
        "10",
        "--retry-delay",
        "0.2",
        "--retry-max-time",
        "0.5",
    ]));
    out.assert_code(5);
    assert_eq!(
        retry_lines(&out),
        ["retrying in 0.2s (attempt 2 of 11): 503 Service Unavailable"],
        "{out:?}"
    );
    assert_eq!(server.requests().len(), 2);
    // It did pause once; the bound (3x --retry-max-time) catches a sleep
    // through the backoff sequence without failing on a loaded machine.
    assert!(out.elapsed >= Duration::from_millis(200), "{out:?}");
    assert!(out.elapsed < Duration::from_millis(1500), "{out:?}");
}

#[test]
fn retry_max_time_also_bounds_failures_that_are_not_statuses() {
    let url = closed_port_url("/");
    let out = run(httpc().args([
        "get",
        &url,
        "--retry",
        "10",
        "--retry-delay",
        "0.2",
        "--retry-max-time",
        "0.5",
    ]));
    out.assert_code(7);
    assert_eq!(retry_lines(&out).len(), 1, "{out:?}");
    // As above: one pause, and 3x --retry-max-time at most.
    assert!(out.elapsed >= Duration::from_millis(200), "{out:?}");
    assert!(out.elapsed < Duration::from_millis(1500), "{out:?}");
}

// ---------------------------------------------------------------------------
// No duplicated output
// ---------------------------------------------------------------------------

fn head_and(len: usize, body: &[u8]) -> Vec<u8> {
    let mut bytes = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: {len}\r\n\r\n"
    )
    .into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

#[test]
fn no_retry_after_body_bytes_reached_stdout() {
    // One reply scripted: a retry would be a request beyond the script.
    let server = TestServer::script([Reply::raw_then_reset(head_and(20, b"first half"))]);
    let url = server.url("/file.bin");
    let out = run(httpc().args(["get", &url, "--retry", "3", "--retry-delay", "0.05"]));
    out.assert_stdout("first half");
    assert_eq!(server.connection_count(), 1, "{out:?}");
    assert!(retry_lines(&out).is_empty(), "{out:?}");
    // A reset is a receive failure (56), not a body that ended (18).
    out.assert_code(56).assert_one_error_line(&[&url, "reset"]);
}

#[test]
fn no_retry_after_body_bytes_reached_stdout_and_then_a_timeout() {
    let server = TestServer::new(|_| Reply::Trickle {
        head: head_and(8, b"part"),
        chunks: vec![b"rest".to_vec()],
        interval: Duration::from_millis(1500),
    });
    let url = server.url("/slow");
    let out = run(httpc().args([
        "get",
        &url,
        "--timeout",
        "0.3",
        "--retry",
        "3",
        "--retry-delay",
        "0.05",
    ]));
    out.assert_code(28)
        .assert_stdout("part")
        .assert_one_error_line(&[&url, "timed out"]);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn with_output_file_a_timeout_mid_body_is_retried_and_the_file_starts_over() {
    let server = flaky(
        1,
        Reply::Trickle {
            head: head_and(20, b"AAAAAAAAAA"),
            chunks: vec![b"AAAAAAAAAA".to_vec()],
            interval: Duration::from_millis(1500),
        },
        Reply::ok("BBBBBBBBBBBBBBBBBBBB"),
    );
    let dir = tempdir();
    let path = dir.path().join("out.bin");
    let out = run(httpc().args([
        "get",
        &server.url("/file.bin"),
        "-o",
        path.to_str().unwrap(),
        "--timeout",
        "0.3",
        "--retry",
        "2",
        "--retry-delay",
        "0.05",
    ]));
    out.assert_success().assert_stdout("").assert_stderr(
        "retrying in 0.05s (attempt 2 of 3): timed out: no data for 0.3s while reading the body\n",
    );
    assert_eq!(server.requests().len(), 2);
    assert_eq!(std::fs::read(&path).unwrap(), b"BBBBBBBBBBBBBBBBBBBB");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, [std::ffi::OsString::from("out.bin")]);
}

#[test]
fn with_output_file_a_reset_mid_body_is_retried_and_the_file_starts_over() {
    let server = TestServer::script([
        Reply::raw_then_reset(head_and(20, b"AAAAAAAAAA")),
        Reply::raw(head_and(20, b"BBBBBBBBBBBBBBBBBBBB")),
    ]);
    let url = server.url("/file.bin");
    let dir = tempdir();
    let path = dir.path().join("out.bin");
    let out = run(httpc().args([
        "get",
        &url,
        "-o",
        path.to_str().unwrap(),
        "--retry",
        "2",
        "--retry-delay",
        "0.05",
    ]));
    out.assert_success().assert_stdout("");
    let lines = retry_lines(&out);
    assert_eq!(lines.len(), 1, "{out:?}");
    assert!(lines[0].contains("reset"), "{out:?}");
    assert_eq!(server.connection_count(), 2);
    assert_eq!(std::fs::read(&path).unwrap(), b"BBBBBBBBBBBBBBBBBBBB");
    // Only FILE is left in the directory: no temporary file.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, [std::ffi::OsString::from("out.bin")]);
}
