//! `--connect-timeout`, `--timeout` (no byte for that long) and
//! `-m/--max-time` (one whole attempt): each exits 28 with one error line
//! that says which phase timed out.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

use crate::support::*;

/// A loopback listener whose accept queue is full: the kernel drops new
/// SYNs, so connecting to it hangs until the client gives up. This is how
/// a connect timeout can be tested without the network (only 127.0.0.1 is
/// used). None when this system answers anyway.
struct FullBacklog {
    addr: SocketAddr,
    _listener: TcpListener,
    _fillers: Vec<TcpStream>,
}

impl FullBacklog {
    fn new() -> Option<FullBacklog> {
        let listener = TcpListener::bind("127.0.0.1:0").ok()?;
        let addr = listener.local_addr().ok()?;
        let mut fillers = Vec::new();
        // std's backlog is 128; never accepted, the queue fills up.
        for _ in 0..1024 {
            match TcpStream::connect_timeout(&addr, Duration::from_millis(100)) {
                Ok(stream) => fillers.push(stream),
                Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                    return Some(FullBacklog {
                        addr,
                        _listener: listener,
                        _fillers: fillers,
                    })
                }
                Err(_) => return None,
            }
        }
        None
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

// ---------------------------------------------------------------------------
// --connect-timeout
// ---------------------------------------------------------------------------

#[test]
fn connect_timeout_exits_28_saying_while_connecting() {
    let Some(hole) = FullBacklog::new() else {
        eprintln!("skipped: the accept queue could not be filled on this system");
        return;
    };
    let url = hole.url("/x");
    let out = run(httpc().args(["get", &url, "--connect-timeout", "0.3"]));
    out.assert_code(28)
        .assert_stdout("")
        .assert_one_error_line(&[&url, "timed out after 0.3s while connecting"]);
    // No upper bound on time: the message says the connect timer fired, and
    // without it the dropped SYN would hang far past the test's timeout.
    assert!(out.elapsed >= Duration::from_millis(300), "{out:?}");
}

#[test]
fn connect_timeout_is_retried() {
    let Some(hole) = FullBacklog::new() else {
        eprintln!("skipped: the accept queue could not be filled on this system");
        return;
    };
    let url = hole.url("/x");
    let out = run(httpc().args([
        "get",
        &url,
        "--connect-timeout",
        "0.2",
        "--retry",
        "1",
        "--retry-delay",
        "0.05",
    ]));
    out.assert_code(28).assert_stdout("");
    let err = out.stderr_text();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines.first().copied(),
        Some("retrying in 0.05s (attempt 2 of 2): timed out after 0.2s while connecting"),
        "{out:?}"
    );
    assert_eq!(lines.len(), 2, "{out:?}");
    assert!(out.elapsed >= Duration::from_millis(450), "{out:?}");
}

#[test]
fn connect_timeout_accepts_fractions() {
    let server = TestServer::ok("reachable");
    run(httpc().args(["get", &server.url("/"), "--connect-timeout", "0.25"]))
        .assert_success()
        .assert_stdout("reachable")
        .assert_stderr_empty();
}

#[test]
fn timeouts_that_are_not_durations_are_usage_errors_and_send_nothing() {
    let server = TestServer::ok("never");
    for flag in [
        "--connect-timeout",
        "--timeout",
        "--max-time",
        "-m",
        "--retry-delay",
        "--retry-max-time",
    ] {
        let out = run(httpc().args(["get", &server.url("/"), flag, "soon"]));
        let long = if flag == "-m" { "--max-time" } else { flag };
        out.assert_code(2)
            .assert_stdout("")
            .assert_one_error_line(&[&format!(
                "invalid value 'soon' for '{long} <SECS>': 'soon' is not a number of seconds"
            )]);
    }
    server.assert_nothing_received();
}

// ---------------------------------------------------------------------------
// --timeout: silence
// ---------------------------------------------------------------------------

#[test]
fn no_response_within_timeout_exits_28_saying_waiting_for_the_response() {
    let server = TestServer::new(|_| Reply::stall(Duration::from_secs(3)));
    let url = server.url("/slow");
    let out = run(httpc().args(["get", &url, "--timeout", "0.5"]));
    out.assert_code(28)
        .assert_stdout("")
        .assert_one_error_line(&[&url, "timed out after 0.5s waiting for the response"]);
    // No upper bound on time: had the timer not fired, the stall would end
    // in a close after 3 s, which is exit 52, not 28 with this message.
    assert!(out.elapsed >= Duration::from_millis(500), "{out:?}");
}

#[test]
fn a_body_that_stops_exits_28_saying_no_data_while_reading_the_body() {
    let server = TestServer::new(|_| Reply::Trickle {
        head: b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc".to_vec(),
        chunks: vec![b"defghij".to_vec()],
        interval: Duration::from_secs(3),
    });
    let url = server.url("/stops");
    let out = run(httpc().args(["get", &url, "--timeout", "0.5"]));
    out.assert_code(28)
        .assert_stdout("abc")
        .assert_one_error_line(&[&url, "timed out: no data for 0.5s while reading the body"]);
    // Without the timer the rest of the body would arrive after 3 s: the
    // exit code and stdout tell, so there is no upper bound on time.
}

#[test]
fn timeout_counts_silence_not_the_whole_transfer() {
    // A byte every 150 ms for 0.9 s: never 0.4 s of silence.
    let server = TestServer::new(|_| Reply::trickle(6, Duration::from_millis(150)));
    let out = run(httpc().args(["get", &server.url("/trickle"), "--timeout", "0.4"]));
    out.assert_success()
        .assert_stdout("xxxxxx")
        .assert_stderr_empty();
    assert!(out.elapsed >= Duration::from_millis(800), "{out:?}");
}

#[test]
fn a_slow_but_steady_response_head_is_not_a_timeout() {
    let server = TestServer::new(|_| Reply::delay(Duration::from_millis(200), Reply::ok("late")));
    run(httpc().args(["get", &server.url("/"), "--timeout", "0.6"]))
        .assert_success()
        .assert_stdout("late");
}

// ---------------------------------------------------------------------------
// --max-time: one whole attempt
// ---------------------------------------------------------------------------

#[test]
fn max_time_ends_a_steady_transfer_and_exits_28() {
    // A byte every 100 ms for 4 s: --timeout never fires, --max-time must.
    let server = TestServer::new(|_| Reply::trickle(40, Duration::from_millis(100)));
    let url = server.url("/long");
    let out = run(httpc().args(["get", &url, "--max-time", "0.5"]));
    out.assert_code(28)
        .assert_one_error_line(&[&url, "timed out after 0.5s (--max-time)"]);
    // What arrived may have been printed, nothing more.
    let printed = out.stdout();
    assert!(
        printed.len() < 40 && printed.iter().all(|&b| b == b'x'),
        "{out:?}"
    );
    // No upper bound on time: the whole body (4 s) would have been exit 0.
    assert!(out.elapsed >= Duration::from_millis(500), "{out:?}");
}

#[test]
fn max_time_short_option_while_waiting_for_the_response() {
    let server = TestServer::new(|_| Reply::stall(Duration::from_secs(3)));
    let url = server.url("/silent");
    let out = run(httpc().args(["get", &url, "-m", "0.4"]));
    out.assert_code(28)
        .assert_stdout("")
        .assert_one_error_line(&[&url, "timed out after 0.4s (--max-time)"]);
    assert!(out.elapsed >= Duration::from_millis(400), "{out:?}");
}

#[test]
fn max_time_applies_to_each_attempt_not_to_all_retries() {
    let server = TestServer::script([
        Reply::stall(Duration::from_secs(2)),
        Reply::delay(Duration::from_millis(200), Reply::ok("second try")),
    ]);
    let out = run(httpc().args([
        "get",
        &server.url("/"),
        "-m",
        "0.3",
        "--retry",
        "1",
        "--retry-delay",
        "0.05",
    ]));
    // 0.3 s + 0.05 s + 0.2 s in all: more than --max-time, yet each attempt
    // stayed inside it.
    out.assert_success()
        .assert_stdout("second try")
        .assert_stderr("retrying in 0.05s (attempt 2 of 2): timed out after 0.3s (--max-time)\n");
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn max_time_longer_than_the_transfer_changes_nothing() {
    let server = TestServer::ok("quick");
    run(httpc().args(["get", &server.url("/"), "-m", "5", "--timeout", "2"]))
        .assert_success()
        .assert_stdout("quick")
        .assert_stderr_empty();
}

// ---------------------------------------------------------------------------
// 0: no limit, as in curl
// ---------------------------------------------------------------------------

/// POSTs to a server that answers after 1.5 s with `limit` set to 0: no
/// limit, so the answer is printed, and the request went out once, as it
/// would without the option.
fn zero_is_no_limit(limit: &str) {
    let server = TestServer::new(|_| Reply::delay(Duration::from_millis(1500), Reply::ok("late")));
    let out = run(httpc().args(["post", &server.url("/slow"), "-d", "order=1", limit, "0"]));
    out.assert_success()
        .assert_stdout("late")
        .assert_stderr_empty();
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert_eq!(requests[0].method, "POST");
    assert_eq!(requests[0].body, b"order=1");
    assert!(out.elapsed >= Duration::from_millis(1500), "{out:?}");
}

#[test]
fn connect_timeout_0_is_no_limit() {
    zero_is_no_limit("--connect-timeout");
}

#[test]
fn timeout_0_is_no_limit() {
    zero_is_no_limit("--timeout");
}

#[test]
fn max_time_0_is_no_limit() {
    zero_is_no_limit("-m");
}
