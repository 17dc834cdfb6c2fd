//! `httpc health` (docs/usage.md, "`httpc health`"), against loopback servers.

use std::time::Duration;

use crate::support::{self, closed_port_url, LateServer, Outcome, Reply, TestServer};

/// `httpc health` with the clean environment of `support::httpc`.
fn httpc() -> assert_cmd::Command {
    let mut cmd = support::httpc();
    cmd.arg("health");
    cmd
}

/// As `httpc`, believing stdout and stderr are terminals.
fn tty() -> assert_cmd::Command {
    let mut cmd = support::tty();
    cmd.arg("health");
    cmd
}

/// Runs the command; health's output is text, so stdout and stderr must be
/// UTF-8 (the accessors panic otherwise).
fn run(cmd: &mut assert_cmd::Command) -> Outcome {
    let r = support::run(cmd);
    r.stdout_str();
    r.stderr_str();
    r
}

/// Asserts a table line: state, status and URL (latency varies), and the
/// reason for DOWN.
fn assert_line(line: &str, state: &str, status: &str, url: &str, reason: Option<&str>) {
    let expected_start = format!("{state:<6}{status:<3}");
    assert!(line.starts_with(&expected_start), "{line:?}");
    let rest = &line[expected_start.len()..];
    let (latency, after) = rest.split_once(" ms  ").expect("a latency column");
    assert_eq!(latency.len(), 8, "latency right-aligned in 8: {line:?}");
    latency.trim().parse::<f64>().expect("latency in ms");
    match reason {
        None => assert_eq!(after, url, "{line:?}"),
        Some(reason) => assert_eq!(after, format!("{url} ({reason})"), "{line:?}"),
    }
}

fn ok_server() -> TestServer {
    TestServer::replying(Reply::ok("ok"))
}

#[test]
fn all_up_exits_0_with_one_up_line_per_target() {
    let a = ok_server();
    let b = TestServer::replying(Reply::status(204));
    let r = run(httpc().args([a.url("/health"), b.url("/")]));
    r.assert_code(0);
    let lines = r.stdout_lines();
    assert_eq!(lines.len(), 2);
    assert_line(lines[0], "UP", "200", &a.url("/health"), None);
    assert_line(lines[1], "UP", "204", &b.url("/"), None);
    r.assert_stderr_empty();
}

#[test]
fn one_down_exits_1_and_says_why() {
    let up = ok_server();
    let down = TestServer::replying(Reply::status(503));
    let r = run(httpc().args([up.url("/"), down.url("/")]));
    r.assert_code(1);
    assert_line(r.stdout_lines()[0], "UP", "200", &up.url("/"), None);
    assert_line(
        r.stdout_lines()[1],
        "DOWN",
        "503",
        &down.url("/"),
        Some("expected 2xx, got 503"),
    );
    assert_eq!(r.stderr_str(), "", "DOWN is a result, not an error");
}

#[test]
fn refused_port_is_down_with_connection_refused() {
    let url = closed_port_url("/");
    let r = run(httpc().arg(&url));
    r.assert_code(1);
    assert_line(
        r.stdout_lines()[0],
        "DOWN",
        "-",
        &url,
        Some("connection refused"),
    );
}

#[test]
fn wrong_status_is_down_even_for_a_redirect() {
    let server = TestServer::replying(Reply::redirect(302, "/login"));
    let r = run(httpc().arg(server.url("/")));
    r.assert_code(1);
    assert_line(
        r.stdout_lines()[0],
        "DOWN",
        "302",
        &server.url("/"),
        Some("expected 2xx, got 302"),
    );
}

#[test]
fn location_follows_redirects() {
    let server = TestServer::new(|seen| match seen.path() {
        "/" => Reply::redirect(302, "/health"),
        _ => Reply::ok("ok"),
    });
    let r = run(httpc().args(["-L", &server.url("/")]));
    r.assert_code(0);
    assert_line(r.stdout_lines()[0], "UP", "200", &server.url("/"), None);
}

#[test]
fn expect_404_counts_a_404_as_up() {
    let server = TestServer::replying(Reply::status(404));
    let r = run(httpc().args(["--expect", "404", &server.url("/gone")]));
    r.assert_code(0);
    assert_line(r.stdout_lines()[0], "UP", "404", &server.url("/gone"), None);

    let r = run(httpc().arg(server.url("/gone")));
    r.assert_code(1);
    assert!(
        r.stdout_str().contains("(expected 2xx, got 404)"),
        "{}",
        r.stdout_str()
    );
}

#[test]
fn expect_lists_mix_statuses_and_classes() {
    let moved = TestServer::replying(Reply::redirect(301, "/x"));
    let ok = ok_server();
    let teapot = TestServer::replying(Reply::status(418));
    let r = run(httpc().args([
        "--expect",
        "200,3xx",
        &moved.url("/"),
        &ok.url("/"),
        &teapot.url("/"),
    ]));
    r.assert_code(1);
    assert!(
        r.stdout_lines()[0].starts_with("UP    301"),
        "{}",
        r.stdout_str()
    );
    assert!(
        r.stdout_lines()[1].starts_with("UP    200"),
        "{}",
        r.stdout_str()
    );
    assert!(
        r.stdout_lines()[2].ends_with("(expected 200,3xx, got 418)"),
        "{}",
        r.stdout_str()
    );
}

#[test]
fn invalid_expect_is_a_usage_error_and_checks_nothing() {
    let server = ok_server();
    for bad in ["abc", "6xx", "20", "200,,204"] {
        let r = run(httpc().args(["--expect", bad, &server.url("/")]));
        assert_eq!(r.code(), Some(2), "--expect {bad}\n{r:?}");
        assert_eq!(r.stdout_str(), "");
        assert!(
            r.stderr_str().starts_with("httpc: error: invalid --expect"),
            "{}",
            r.stderr_str()
        );
    }
    server.assert_nothing_received();
}

#[test]
fn a_bad_url_is_a_usage_error_and_checks_nothing() {
    let server = ok_server();
    let r = run(httpc().args([&server.url("/"), "ftp://example.com/"]));
    r.assert_code(2);
    assert_eq!(r.stdout_str(), "");
    assert!(
        r.stderr_str().contains("unsupported URL scheme 'ftp'"),
        "{}",
        r.stderr_str()
    );
    server.assert_nothing_received();
}

#[test]
fn no_urls_at_all_is_a_usage_error() {
    let r = run(&mut httpc());
    r.assert_code(2);
    assert!(
        r.stderr_str().contains("no URLs to check"),
        "{}",
        r.stderr_str()
    );
}

#[test]
fn contains_looks_in_the_body() {
    let server = TestServer::replying(Reply::ok(r#"{"status":"ok"}"#));
    let r = run(httpc().args(["--contains", r#""status":"ok""#, &server.url("/")]));
    r.assert_code(0);

    let r = run(httpc().args(["--contains", "healthy", &server.url("/")]));
    r.assert_code(1);
    assert_line(
        r.stdout_lines()[0],
        "DOWN",
        "200",
        &server.url("/"),
        Some(r#"body does not contain "healthy""#),
    );
}

#[test]
fn contains_with_head_is_a_usage_error() {
    let server = ok_server();
    let r = run(httpc().args(["--method", "HEAD", "--contains", "ok", &server.url("/")]));
    r.assert_code(2).assert_one_error_line(&[
        "--contains reads the body: it cannot be used with --method HEAD",
    ]);
    server.assert_nothing_received();
}

#[test]
fn max_latency_marks_a_slow_endpoint_down() {
    let slow = TestServer::replying(Reply::ok("ok").after(Duration::from_millis(300)));
    let r = run(httpc().args(["--max-latency", "100", &slow.url("/")]));
    r.assert_code(1);
    let line = r.stdout_lines()[0];
    assert!(line.starts_with("DOWN  200"), "{line}");
    let reason = line.split_once(" (latency ").expect(line).1;
    assert!(reason.ends_with(" ms over 100 ms)"), "{line}");
    let ms: f64 = reason.split(' ').next().unwrap().parse().unwrap();
    assert!(ms >= 300.0, "{line}");

    let r = run(httpc().args(["--max-latency", "5000", &slow.url("/")]));
    r.assert_code(0);
}

#[test]
fn timeout_gives_up_on_a_stalled_endpoint() {
    let stalled = TestServer::replying(Reply::ok("late").after(Duration::from_secs(10)));
    let r = run(httpc().args(["--timeout", "0.5", &stalled.url("/")]));
    r.assert_code(1);
    assert_line(
        r.stdout_lines()[0],
        "DOWN",
        "-",
        &stalled.url("/"),
        Some("timed out after 0.5s"),
    );
    assert!(r.elapsed < Duration::from_secs(3), "{:?}", r.elapsed);
}

#[test]
fn timeout_0_is_no_limit_per_check() {
    let slow = TestServer::replying(Reply::ok("late").after(Duration::from_millis(1500)));
    let r = run(httpc().args(["--timeout", "0", &slow.url("/")]));
    r.assert_code(0).assert_stderr_empty();
    assert_line(r.stdout_lines()[0], "UP", "200", &slow.url("/"), None);
    assert_eq!(slow.requests().len(), 1);
    assert!(r.elapsed >= Duration::from_millis(1500), "{:?}", r.elapsed);
}

#[test]
fn results_keep_the_order_given() {
    let slow = TestServer::replying(Reply::ok("slow").after(Duration::from_millis(600)));
    let fast = ok_server();
    let refused = closed_port_url("/");
    let r = run(httpc().args([
        slow.url("/a"),
        fast.url("/b"),
        refused.clone(),
        slow.url("/c"),
    ]));
    let urls: Vec<&str> = r
        .stdout_lines()
        .iter()
        .map(|l| l.split("  ").last().unwrap().split(' ').next().unwrap())
        .collect();
    assert_eq!(
        urls,
        [
            slow.url("/a"),
            fast.url("/b"),
            refused.clone(),
            slow.url("/c")
        ]
    );
}

#[test]
fn targets_are_checked_at_once() {
    let servers: Vec<TestServer> = (0..5)
        .map(|_| TestServer::replying(Reply::ok("ok").after(Duration::from_secs(1))))
        .collect();
    let urls: Vec<String> = servers.iter().map(|s| s.url("/")).collect();
    let r = run(httpc().args(&urls));
    r.assert_code(0);
    assert_eq!(r.stdout_lines().len(), 5);
    assert!(r.elapsed < Duration::from_secs(3), "took {:?}", r.elapsed);
}

#[test]
fn json_is_an_array_with_the_contract_fields() {
    let up = ok_server();
    let refused = closed_port_url("/");
    let r = run(httpc().args(["--json", &up.url("/"), &refused]));
    r.assert_code(1);
    let v: serde_json::Value = serde_json::from_str(r.stdout_str()).expect("JSON");
    let items = v.as_array().expect("an array");
    assert_eq!(items.len(), 2);
    for item in items {
        let keys: Vec<&String> = item.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "url",
                "up",
                "status",
                "http_version",
                "latency_ms",
                "error",
                "timings"
            ]
        );
        assert!(item["latency_ms"].is_number());
        let timings = item["timings"].as_object().unwrap();
        let names: Vec<&String> = timings.keys().collect();
        assert_eq!(names, ["dns_ms", "connect_ms", "tls_ms", "first_byte_ms"]);
        assert!(timings.values().all(|t| t.is_null() || t.is_number()));
    }
    assert_eq!(items[0]["url"], up.url("/"));
    assert_eq!(items[0]["up"], true);
    assert_eq!(items[0]["status"], 200);
    assert!(items[0]["error"].is_null());
    assert_eq!(items[1]["up"], false);
    assert!(items[1]["status"].is_null());
    assert_eq!(items[1]["error"], "connection refused");
}

#[test]
fn json_is_never_coloured() {
    let up = ok_server();
    let r = run(tty().args(["--json", &up.url("/")]));
    r.assert_code(0).assert_stdout_lacks("\x1b");
    let v: serde_json::Value = serde_json::from_str(r.stdout_str()).expect("JSON");
    let items = v.as_array().expect("an array");
    assert_eq!(items.len(), 1, "{v:#}");
    assert_eq!(items[0]["url"], up.url("/"));
    assert_eq!(items[0]["up"], true);
    assert_eq!(items[0]["status"], 200);
}

#[test]
fn piped_output_has_no_colour_and_a_terminal_gets_it() {
    let up = ok_server();
    let refused = closed_port_url("/");
    let r = run(httpc().args([up.url("/"), refused.clone()]));
    assert!(!r.stdout_str().contains('\x1b'), "{:?}", r.stdout_str());

    let r = run(tty().args([up.url("/"), refused.clone()]));
    assert!(
        r.stdout_lines()[0].starts_with("\x1b[1;32mUP\x1b[0m    200"),
        "{:?}",
        r.stdout_str()
    );
    assert!(
        r.stdout_lines()[1].starts_with("\x1b[1;31mDOWN\x1b[0m  -"),
        "{:?}",
        r.stdout_str()
    );

    let r = run(tty().args(["--color", "never", &up.url("/")]));
    assert!(!r.stdout_str().contains('\x1b'), "{:?}", r.stdout_str());
    let r = run(tty().env("NO_COLOR", "1").arg(up.url("/")));
    assert!(!r.stdout_str().contains('\x1b'), "{:?}", r.stdout_str());
    let r = run(httpc().args(["--color", "always", &up.url("/")]));
    assert!(
        r.stdout_str().contains("\x1b[1;32mUP"),
        "{:?}",
        r.stdout_str()
    );
}

#[test]
fn method_and_request_options_reach_the_server() {
    let server = ok_server();
    let r = run(httpc().args([
        "--method",
        "HEAD",
        "-H",
        "X-Probe: ci",
        "--bearer",
        "t0ken",
        &server.url("/h"),
    ]));
    r.assert_code(0);
    let seen = server.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "HEAD");
    assert_eq!(seen[0].header("x-probe"), Some("ci"));
    assert_eq!(seen[0].header("authorization"), Some("Bearer t0ken"));

    let r = run(httpc().args(["-u", "me:pw", &server.url("/u")]));
    r.assert_code(0);
    assert_eq!(
        server.requests()[1].header("authorization"),
        Some("Basic bWU6cHc=")
    );
}

#[test]
fn unreadable_cacert_is_usage_error_and_checks_nothing() {
    let server = ok_server();
    let r = run(httpc().args(["--cacert", "no-such-ca.pem", &server.url("/")]));
    r.assert_code(2);
    assert!(
        r.stderr_str()
            .contains("--cacert: cannot read 'no-such-ca.pem'"),
        "{}",
        r.stderr_str()
    );
    server.assert_nothing_received();
}

#[test]
fn file_lists_urls_with_comments_and_blank_lines() {
    let a = ok_server();
    let b = TestServer::replying(Reply::status(500));
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("urls.txt");
    std::fs::write(
        &list,
        format!(
            "# services\n\n{}\n   {}   # the flaky one\n\t# done\n",
            a.url("/a"),
            b.url("/b")
        ),
    )
    .unwrap();
    let cli = ok_server();
    let r = run(httpc().arg(cli.url("/first")).arg("--file").arg(&list));
    r.assert_code(1);
    let lines = r.stdout_lines();
    assert_eq!(lines.len(), 3, "{}", r.stdout_str());
    assert_line(lines[0], "UP", "200", &cli.url("/first"), None);
    assert_line(lines[1], "UP", "200", &a.url("/a"), None);
    assert_line(
        lines[2],
        "DOWN",
        "500",
        &b.url("/b"),
        Some("expected 2xx, got 500"),
    );
}

#[test]
fn a_bad_url_in_the_file_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("urls.txt");
    std::fs::write(&list, "# x\nftp://nope/\n").unwrap();
    let r = run(httpc().arg("--file").arg(&list));
    r.assert_code(2);
    assert!(
        r.stderr_str().contains("urls.txt line 2: "),
        "{}",
        r.stderr_str()
    );
}

#[test]
fn file_dash_reads_stdin() {
    let a = ok_server();
    let b = ok_server();
    let r = run(httpc().args(["--file", "-"]).write_stdin(format!(
        "{}\n# comment\n{}\n",
        a.url("/1"),
        b.url("/2")
    )));
    r.assert_code(0);
    assert_eq!(r.stdout_lines().len(), 2);
    assert_line(r.stdout_lines()[1], "UP", "200", &b.url("/2"), None);
}

#[test]
fn an_unreadable_file_is_a_usage_error() {
    let r = run(httpc().args(["--file", "/nonexistent/urls.txt"]));
    r.assert_code(2);
    assert!(
        r.stderr_str()
            .contains("cannot read '/nonexistent/urls.txt'"),
        "{}",
        r.stderr_str()
    );
}

#[test]
fn watch_count_2_json_gives_two_rounds_of_ndjson() {
    let up = ok_server();
    let refused = closed_port_url("/");
    let r = run(httpc().args([
        "--watch",
        "--count",
        "2",
        "--interval",
        "0.2",
        "--json",
        &up.url("/"),
        &refused,
    ]));
    assert_eq!(r.code(), Some(1), "the last round decides\n{r:?}");
    let records: Vec<serde_json::Value> = r
        .stdout_lines()
        .iter()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(records.len(), 4);
    let rounds: Vec<u64> = records
        .iter()
        .map(|v| v["round"].as_u64().unwrap())
        .collect();
    assert_eq!(rounds, [1, 1, 2, 2]);
    assert_eq!(records[2]["url"], up.url("/"));
    assert_eq!(records[3]["error"], "connection refused");
    assert!(records[0]["time"].as_str().unwrap().ends_with('Z'));
    assert_eq!(up.requests().len(), 2);
    assert!(r.elapsed >= Duration::from_millis(200));
}

#[test]
fn watch_piped_prints_a_line_per_target_per_round() {
    let up = ok_server();
    let r = run(httpc().args(["--watch", "--count", "3", "--interval", "0.1", &up.url("/")]));
    r.assert_code(0);
    assert_eq!(r.stdout_lines().len(), 3);
    for line in r.stdout_lines() {
        assert_line(line, "UP", "200", &up.url("/"), None);
    }
}

#[test]
fn watch_on_a_terminal_redraws_in_place() {
    let up = ok_server();
    let r = run(tty().args([
        "--watch",
        "--count",
        "2",
        "--interval",
        "0.1",
        "--color",
        "never",
        &up.url("/"),
    ]));
    r.assert_code(0);
    // The second frame moves back over the first (heading + 1 line).
    assert_eq!(
        r.stdout_str().matches("\x1b[2A").count(),
        1,
        "{:?}",
        r.stdout_str()
    );
    assert!(
        r.stdout_str().contains("round 2 of 2"),
        "{:?}",
        r.stdout_str()
    );
    assert!(
        r.stdout_str().contains(&format!("{}  for ", up.url("/"))),
        "{:?}",
        r.stdout_str()
    );
    // Autowrap is back on and the cursor was never hidden.
    assert!(r.stdout_str().ends_with("\x1b[?7h"), "{:?}", r.stdout_str());
    assert!(!r.stdout_str().contains("\x1b[?25l"));
}

#[test]
fn interval_without_watch_or_wait_is_a_usage_error() {
    let up = ok_server();
    let r = run(httpc().args(["--interval", "1", &up.url("/")]));
    r.assert_code(2)
        .assert_one_error_line(&["--interval needs --watch or --wait"]);
    up.assert_nothing_received();
}

#[test]
fn an_interval_under_a_tenth_of_a_second_is_a_usage_error() {
    let up = ok_server();
    for mode in ["--watch", "--wait"] {
        for interval in ["0", "0.05"] {
            let r = run(httpc().args([mode, "--interval", interval, &up.url("/")]));
            r.assert_code(2).assert_stdout("").assert_one_error_line(&[
                &format!("invalid value '{interval}' for '--interval <SECS>'"),
                "must be at least 0.1 seconds",
            ]);
        }
    }
    up.assert_nothing_received();
}

#[test]
fn wait_polls_until_a_late_port_listens() {
    let late_server = LateServer::after(Duration::from_millis(800));
    let late = late_server.url().to_string();
    let r = run(httpc().args(["--wait", "--interval", "0.2", "--wait-timeout", "10", &late]));
    r.assert_code(0);
    assert_line(r.stdout_lines()[0], "UP", "200", &late, None);
    assert!(r.elapsed >= Duration::from_millis(800));
    assert!(r.elapsed < Duration::from_secs(5), "{:?}", r.elapsed);
    // Progress: one line per round on a piped stderr, naming what is down.
    let progress: Vec<&str> = r.stderr_str().lines().collect();
    assert!(!progress.is_empty());
    assert!(
        progress[0].starts_with("httpc: waiting for 1 of 1 target (")
            && progress[0].ends_with(&format!("{late} (connection refused)")),
        "{}",
        r.stderr_str()
    );
}

#[test]
fn wait_is_silent_with_s() {
    let late_server = LateServer::after(Duration::from_millis(500));
    let late = late_server.url().to_string();
    let r = run(httpc().args(["--wait", "-s", "--interval", "0.1", &late]));
    r.assert_code(0);
    r.assert_stderr_empty();
}

#[test]
fn wait_timeout_exits_1_with_the_final_state() {
    let refused = closed_port_url("/");
    let up = ok_server();
    let r = run(httpc().args([
        "--wait",
        "--interval",
        "0.2",
        "--wait-timeout",
        "1",
        &up.url("/"),
        &refused,
    ]));
    r.assert_code(1);
    assert!(r.elapsed >= Duration::from_secs(1));
    assert!(r.elapsed < Duration::from_secs(3), "{:?}", r.elapsed);
    let lines = r.stdout_lines();
    assert_eq!(lines.len(), 2, "only the final state: {}", r.stdout_str());
    assert_line(lines[0], "UP", "200", &up.url("/"), None);
    assert_line(lines[1], "DOWN", "-", &refused, Some("connection refused"));
    assert!(
        r.stderr_str().ends_with(
            "httpc: error: gave up after 1s (--wait-timeout): 1 of 2 targets still DOWN\n"
        ),
        "{}",
        r.stderr_str()
    );
}

#[test]
fn wait_timeout_caps_a_slow_check() {
    let stalled = TestServer::replying(Reply::ok("late").after(Duration::from_secs(10)));
    let r = run(httpc().args(["--wait", "--wait-timeout", "1", &stalled.url("/")]));
    r.assert_code(1).assert_stderr_contains(
        "httpc: error: gave up after 1s (--wait-timeout): 1 of 1 target still DOWN\n",
    );
    let lines = r.stdout_lines();
    assert_eq!(lines.len(), 1, "{r:?}");
    assert_line(
        lines[0],
        "DOWN",
        "-",
        &stalled.url("/"),
        Some("timed out after 1s"),
    );
    // 3x --wait-timeout, far below the 10 s the endpoint stalls.
    assert!(r.elapsed < Duration::from_secs(3), "{:?}", r.elapsed);
}

#[test]
fn wait_runs_the_command_and_exits_with_its_code() {
    let up = ok_server();
    let r = run(httpc().args([
        "--wait",
        &up.url("/"),
        "--",
        "sh",
        "-c",
        "echo from-cmd; exit 3",
    ]));
    r.assert_code(3);
    assert_eq!(
        r.stdout_str(),
        "from-cmd\n",
        "stdout belongs to the command"
    );
    assert!(
        r.stderr_str()
            .contains("running: sh -c 'echo from-cmd; exit 3'"),
        "{}",
        r.stderr_str()
    );

    let r = run(httpc().args(["--wait", "-s", &up.url("/"), "--", "true"]));
    r.assert_code(0);
    r.assert_stderr_empty();
}

#[test]
fn wait_timeout_still_caps_a_check_with_timeout_0() {
    let stalled = TestServer::replying(Reply::ok("late").after(Duration::from_secs(10)));
    let r = run(httpc().args([
        "--wait",
        "--timeout",
        "0",
        "--wait-timeout",
        "1",
        &stalled.url("/"),
    ]));
    r.assert_code(1).assert_stderr_contains(
        "httpc: error: gave up after 1s (--wait-timeout): 1 of 1 target still DOWN\n",
    );
    assert_line(
        r.stdout_lines()[0],
        "DOWN",
        "-",
        &stalled.url("/"),
        Some("timed out after 1s"),
    );
    // 3x --wait-timeout, far below the 10 s the endpoint stalls.
    assert!(r.elapsed < Duration::from_secs(3), "{:?}", r.elapsed);
}

/// On Unix httpc becomes CMD: same process, so CMD's `$$` is the PID of
/// the httpc that was started, and CMD's exit code is httpc's.
#[cfg(unix)]
#[test]
fn wait_execs_the_command_in_the_httpc_process() {
    let up = ok_server();
    let child = support::std_httpc()
        .args(["health", "--wait", "-s", &up.url("/"), "--"])
        .args(["sh", "-c", "echo $$; exit 3"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start httpc");
    let pid = child.id();
    let out = child.wait_with_output().expect("wait for httpc");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert_eq!(stdout, format!("{pid}\n"), "CMD runs as httpc's PID");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// A SIGTERM sent to httpc's PID reaches CMD, which decides how to end.
#[cfg(unix)]
#[test]
fn a_signal_to_httpc_reaches_the_command() {
    use std::io::BufRead;
    let up = ok_server();
    let started = std::time::Instant::now();
    // The trap also ends the sleep, so nothing outlives the test.
    let script = "sleep 30 & trap 'kill $!; exit 143' TERM; echo ready; wait";
    let mut child = support::std_httpc()
        .args([
            "health",
            "--wait",
            "-s",
            &up.url("/"),
            "--",
            "sh",
            "-c",
            script,
        ])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start httpc");
    let mut stdout = std::io::BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut line = String::new();
    stdout.read_line(&mut line).expect("read stdout");
    assert_eq!(line, "ready\n", "CMD did not start");
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(kill.success());
    let status = child.wait().expect("wait for httpc");
    assert_eq!(status.code(), Some(143), "{status:?}");
    // Generous: without the signal reaching CMD it would run for 30 s.
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

#[cfg(unix)]
#[test]
fn a_command_that_is_not_executable_exits_1() {
    let up = ok_server();
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("not-executable");
    std::fs::write(&script, "#!/bin/sh\nexit 0\n").unwrap();
    let shown = script.to_str().unwrap();
    let r = run(httpc().args(["--wait", &up.url("/"), "--", shown]));
    r.assert_code(1).assert_stderr_contains(&format!(
        "httpc: error: cannot run '{shown}': permission denied\n"
    ));
}

#[test]
fn wait_runs_the_command_once_a_late_port_listens() {
    let late_server = LateServer::after(Duration::from_millis(400));
    let late = late_server.url().to_string();
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("ran");
    let r = run(httpc()
        .args(["--wait", "-s", "--interval", "0.1", &late, "--", "touch"])
        .arg(&marker));
    r.assert_code(0);
    assert!(marker.exists());
}

#[test]
fn wait_does_not_run_the_command_on_timeout() {
    let refused = closed_port_url("/");
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("ran");
    let r = run(httpc()
        .args([
            "--wait",
            "--interval",
            "0.2",
            "--wait-timeout",
            "0.6",
            &refused,
            "--",
            "touch",
        ])
        .arg(&marker));
    r.assert_code(1);
    assert!(!marker.exists(), "the command ran");
}

#[test]
fn a_command_that_cannot_start_exits_1() {
    let up = ok_server();
    let r = run(httpc().args(["--wait", &up.url("/"), "--", "/nonexistent/command"]));
    r.assert_code(1);
    assert!(
        r.stderr_str()
            .contains("httpc: error: cannot run '/nonexistent/command': command not found"),
        "{}",
        r.stderr_str()
    );
}

/// httpc became CMD, so CMD killed by SIGTERM is httpc killed by it: the
/// shell's 143.
#[cfg(unix)]
#[test]
fn a_command_killed_by_a_signal_ends_httpc_by_it() {
    use std::os::unix::process::ExitStatusExt;
    let up = ok_server();
    let r = run(httpc().args([
        "--wait",
        "-s",
        &up.url("/"),
        "--",
        "sh",
        "-c",
        "kill -TERM $$",
    ]));
    assert_eq!(r.output.status.signal(), Some(15), "{r:?}");
}

#[test]
fn a_command_needs_wait() {
    let up = ok_server();
    let r = run(httpc().args([&up.url("/"), "--", "true"]));
    r.assert_code(2)
        .assert_stdout("")
        .assert_one_error_line(&["the following required arguments were not provided: --wait"]);
    up.assert_nothing_received();
}

#[test]
fn wait_progress_on_a_terminal_is_one_updating_line() {
    let late_server = LateServer::after(Duration::from_millis(600));
    let late = late_server.url().to_string();
    let r = run(tty().args(["--wait", "--interval", "0.1", &late]));
    r.assert_code(0);
    assert!(
        r.stderr_str()
            .starts_with("\x1b[?7l\r\x1b[2Khttpc: waiting for 1 of 1 target ("),
        "{:?}",
        r.stderr_str()
    );
    assert!(
        !r.stderr_str().contains('\n'),
        "no scrolling: {:?}",
        r.stderr_str()
    );
    assert!(
        r.stderr_str().ends_with("\r\x1b[2K"),
        "cleared at the end: {:?}",
        r.stderr_str()
    );
}

#[test]
fn at_most_16_checks_run_at_once() {
    let slow = TestServer::replying(Reply::ok("ok").after(Duration::from_millis(400)));
    let urls: Vec<String> = (0..17).map(|i| slow.url(&format!("/{i}"))).collect();
    let r = run(httpc().args(&urls));
    r.assert_code(0);
    assert_eq!(r.stdout_lines().len(), 17);
    // 16 at once, then the 17th: two waves.
    assert!(r.elapsed >= Duration::from_millis(800), "{:?}", r.elapsed);
    assert!(r.elapsed < Duration::from_secs(3), "{:?}", r.elapsed);
}
