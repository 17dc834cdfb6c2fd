//! `--timings` (contract: Output options): after each URL, on stderr, one
//! group per redirect hop and retry attempt, each a header and a line per
//! phase reached with a bar and its milliseconds; plain text unless stderr
//! is a terminal; also with `-s` and after a transfer error.

use crate::support::tls::{Pki, TlsServer, TLS_BODY};
use crate::support::*;

/// The group headers (the lines that are not indented).
fn headers(out: &Outcome) -> Vec<String> {
    out.stderr_text()
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with("httpc: "))
        .map(str::to_string)
        .collect()
}

/// The phase names of each group, in order (`total` ends a group).
fn phases(out: &Outcome) -> Vec<Vec<String>> {
    let mut groups = Vec::new();
    for line in out.stderr_text().lines() {
        match line.strip_prefix("  ") {
            None => groups.push(Vec::new()),
            Some(indented) if indented.starts_with('(') => {}
            Some(indented) => {
                let name = indented.split_whitespace().next().unwrap_or_default();
                groups
                    .last_mut()
                    .expect("a header first")
                    .push(name.to_string());
            }
        }
    }
    groups.retain(|g| !g.is_empty());
    groups
}

/// Every line of stderr fits in 80 columns (SGR sequences take none).
#[track_caller]
fn assert_within_80_columns(out: &Outcome) {
    for line in out.stderr_text().lines() {
        if line.starts_with("httpc: ") {
            continue;
        }
        let mut columns = 0;
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\x1b' => {
                    chars.by_ref().find(|&c| c == 'm');
                }
                _ => columns += 1,
            }
        }
        assert!(columns <= 80, "{columns} columns: {line:?}");
    }
}

/// Each phase line ends with its milliseconds.
#[track_caller]
fn assert_milliseconds(out: &Outcome) {
    for line in out
        .stderr_text()
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("  ("))
    {
        let ms = line.trim_end().strip_suffix(" ms").expect(line);
        let number = ms.rsplit(' ').next().unwrap();
        assert!(number.parse::<f64>().is_ok(), "{line:?}");
    }
}

#[test]
fn timings_draw_the_phases_on_stderr_and_leave_stdout_alone() {
    let server = TestServer::ok("hello");
    let url = server.url("/a");
    let out = run(&mut get(&url, &["--timings"]));
    out.assert_success().assert_stdout("hello");
    assert_eq!(headers(&out), [format!("GET {url} -> 200 OK")]);
    assert_eq!(
        phases(&out),
        [["DNS", "connect", "waiting", "receiving", "total"]]
    );
    assert_milliseconds(&out);
    assert_within_80_columns(&out);
    // Not a terminal: plain text, no escape sequences, ASCII bars.
    assert!(out.stderr_text().is_ascii(), "{}", out.stderr_text());
    assert!(out.stderr_text().contains('#'));
}

#[test]
fn timings_are_drawn_with_silent_too() {
    let server = TestServer::ok("hello");
    let url = server.url("/");
    let out = run(&mut get(&url, &["--timings", "-s"]));
    out.assert_success().assert_stdout("hello");
    assert_eq!(headers(&out), [format!("GET {url} -> 200 OK")]);
}

#[test]
fn without_timings_stderr_stays_empty() {
    let server = TestServer::ok("hello");
    run(&mut get(&server.url("/"), &[]))
        .assert_success()
        .assert_stderr_empty();
}

#[test]
fn timings_draw_one_group_per_redirect_hop() {
    let server = TestServer::new(|req| match req.path() {
        "/a" => Reply::redirect(302, "/b"),
        "/b" => Reply::redirect(301, "/c"),
        _ => Reply::ok("done"),
    });
    let out = run(&mut get(&server.url("/a"), &["-L", "--timings"]));
    out.assert_success().assert_stdout("done");
    assert_eq!(
        headers(&out),
        [
            format!("GET {} -> 302 Found", server.url("/a")),
            format!("GET {} -> 301 Moved Permanently", server.url("/b")),
            format!("GET {} -> 200 OK", server.url("/c")),
        ]
    );
    // The later hops went over the kept-alive connection: no DNS,
    // connect or TLS of their own, and a line says so.
    let groups = phases(&out);
    assert_eq!(
        groups[0],
        ["DNS", "connect", "waiting", "receiving", "total"]
    );
    assert_eq!(groups[2], ["waiting", "receiving", "total"]);
    assert!(out
        .stderr_text()
        .contains("  (reused connection: no DNS, connect or TLS)\n"));
    assert_within_80_columns(&out);
}

#[test]
fn timings_draw_one_group_per_retry_attempt() {
    let server = TestServer::script([
        Reply::status(503),
        Reply::status(503),
        Reply::ok("third time"),
    ]);
    let url = server.url("/");
    let out = run(&mut get(
        &url,
        &["--timings", "--retry", "2", "--retry-delay", "0.01", "-s"],
    ));
    out.assert_success().assert_stdout("third time");
    assert_eq!(
        headers(&out),
        [
            format!("attempt 1: GET {url} -> 503 Service Unavailable"),
            format!("attempt 2: GET {url} -> 503 Service Unavailable"),
            format!("attempt 3: GET {url} -> 200 OK"),
        ]
    );
    assert_eq!(phases(&out).len(), 3);
}

#[test]
fn timings_after_a_refused_connection_show_the_phases_reached_and_exit_7() {
    let url = closed_port_url("/");
    let out = run(&mut get(&url, &["--timings"]));
    out.assert_code(7).assert_stdout("");
    assert_eq!(headers(&out), [format!("GET {url} -> connection refused")]);
    // No connection: the phases from connect on are left out.
    assert_eq!(phases(&out), [["DNS", "total"]]);
    // The error line comes last, as without --timings.
    let last = out.stderr_text().lines().last().unwrap().to_string();
    assert!(
        last.starts_with("httpc: error: ") && last.contains("refused"),
        "{last}"
    );
}

#[test]
fn timings_after_an_error_status_keep_its_exit_code() {
    let server = TestServer::replying(Reply::status(404));
    let url = server.url("/gone");
    let out = run(&mut get(&url, &["--timings", "-s"]));
    out.assert_code(4);
    assert_eq!(headers(&out), [format!("GET {url} -> 404 Not Found")]);
}

#[test]
fn timings_after_a_body_cut_short_show_the_status_and_what_went_wrong() {
    let server = TestServer::replying(Reply::short_body(1000, b"only this"));
    let url = server.url("/");
    let out = run(&mut get(&url, &["--timings"]));
    out.assert_code(18);
    let header = &headers(&out)[0];
    assert!(
        header.starts_with(&format!("GET {url} -> 200 OK, then ")),
        "{header}"
    );
    assert_eq!(phases(&out)[0].last().unwrap(), "total");
    assert!(phases(&out)[0].contains(&"receiving".to_string()));
}

#[test]
fn timings_hide_secret_query_values() {
    let server = TestServer::ok("x");
    let url = server.url("/?token=hunter2&page=1");
    let out = run(&mut get(&url, &["--timings"]));
    out.assert_success();
    assert_eq!(
        headers(&out),
        [format!(
            "GET {} -> 200 OK",
            server.url("/?token=***&page=1")
        )]
    );
    out.assert_stderr_lacks("hunter2");
}

#[test]
fn timings_cut_a_long_url_to_fit_80_columns() {
    let server = TestServer::ok("x");
    let url = server.url(&format!("/{}/end", "long-segment".repeat(20)));
    let out = run(&mut get(&url, &["--timings"]));
    out.assert_success();
    assert_within_80_columns(&out);
    let header = &headers(&out)[0];
    assert!(
        header.starts_with(&format!("GET http://{}/long", server.host())),
        "{header}"
    );
    assert!(header.ends_with("segment/end -> 200 OK"), "{header}");
    assert!(header.contains("..."), "{header}");
}

#[test]
fn timings_on_a_terminal_are_coloured_blocks() {
    let server = TestServer::ok("hello");
    let out = run(tty()
        .arg("get")
        .arg(server.url("/"))
        .args(["--timings", "-b"]));
    out.assert_success();
    let text = out.stderr_text();
    assert!(text.contains("\x1b[1mGET\x1b[0m "), "{text}");
    assert!(text.contains(" → \x1b[1;32m200 OK\x1b[0m\n"), "{text}");
    assert!(text.contains('█') || text.contains('▏'), "{text}");
    assert_within_80_columns(&out);
}

#[test]
fn timings_follow_no_color_on_a_terminal() {
    let server = TestServer::ok("hello");
    let out = run(tty()
        .env("NO_COLOR", "1")
        .arg("get")
        .arg(server.url("/"))
        .args(["--timings", "-b"]));
    out.assert_success();
    assert!(!out.stderr_text().contains('\x1b'), "{}", out.stderr_text());
    assert!(out.stderr_text().contains(" → 200 OK\n"));
}

#[test]
fn timings_show_the_tls_handshake_over_https() {
    let pki = Pki::new();
    let server = TlsServer::new(&pki.server);
    let url = server.url("/");
    let ca = pki.ca.cert_pem.to_str().unwrap();
    let out = run(&mut get(&url, &["--cacert", ca, "--timings"]));
    out.assert_success().assert_stdout(TLS_BODY);
    assert_eq!(
        phases(&out),
        [["DNS", "connect", "TLS", "waiting", "receiving", "total"]]
    );
}

#[test]
fn timings_draw_one_picture_per_url() {
    let server = TestServer::ok("x");
    let (a, b) = (server.url("/a"), server.url("/b"));
    let out = run(httpc().args(["get", &a, &b, "--timings"]));
    out.assert_success().assert_stdout("xx");
    assert_eq!(
        headers(&out),
        [format!("GET {a} -> 200 OK"), format!("GET {b} -> 200 OK")]
    );
}
