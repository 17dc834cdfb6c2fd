//! Redirects with `-L` (contract: "Redirects with `-L`"): each code's
//! method and body rule, relative Locations, credentials dropped when the
//! scheme, host or port changes, `--max-redirs`.

use std::time::Duration;

use crate::support::*;

/// A server where `/start` answers `status` with `Location: /next` and
/// `/next` answers 200 `done`.
fn redirecting(status: u16) -> TestServer {
    TestServer::new(move |req| match req.path() {
        "/start" => Reply::redirect(status, "/next").body("redirect body"),
        _ => Reply::ok("done"),
    })
}

/// Runs `httpc ARGS...` against `/start` with `-L` and returns the two
/// requests the server saw.
fn follow(status: u16, args: &[&str]) -> (Outcome, Request, Request) {
    let server = redirecting(status);
    let out = run(httpc().args(args).arg(server.url("/start")).arg("-L"));
    out.assert_success().assert_stdout("done");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2, "{out:?}\n{reqs:#?}");
    let mut reqs = reqs.into_iter();
    (out, reqs.next().unwrap(), reqs.next().unwrap())
}

/// The second hop is a GET with no body and nothing that describes one.
#[track_caller]
fn assert_bodiless_get(req: &Request) {
    assert_eq!(req.method, "GET", "{req:#?}");
    assert_eq!(req.path(), "/next");
    assert!(req.body.is_empty(), "{req:#?}");
    for name in ["content-length", "transfer-encoding", "content-type"] {
        assert_eq!(
            req.header(name),
            None,
            "{name} on a GET without body\n{req:#?}"
        );
    }
}

/// The second hop repeats the method and the body exactly.
#[track_caller]
fn assert_resent(first: &Request, second: &Request, method: &str, body: &[u8]) {
    assert_eq!(first.method, method);
    assert_eq!(first.body, body);
    assert_eq!(second.method, method, "{second:#?}");
    assert_eq!(second.path(), "/next");
    assert_eq!(second.body, body, "{second:#?}");
    assert_eq!(
        second.header("content-type"),
        first.header("content-type"),
        "{second:#?}"
    );
}

// ---------------------------------------------------------------------------
// Each code's method and body rule
// ---------------------------------------------------------------------------

#[test]
fn post_with_301_becomes_get_without_body() {
    let (_, first, second) = follow(301, &["post", "-d", "payload"]);
    assert_eq!(first.method, "POST");
    assert_eq!(first.body, b"payload");
    assert_bodiless_get(&second);
}

#[test]
fn post_with_302_becomes_get_without_body() {
    let (_, first, second) = follow(302, &["post", "--json", r#"{"a":1}"#]);
    assert_eq!(first.method, "POST");
    assert_bodiless_get(&second);
}

#[test]
fn post_with_303_becomes_get_without_body() {
    let (_, _, second) = follow(303, &["post", "--form", "a=b"]);
    assert_bodiless_get(&second);
}

#[test]
fn put_and_delete_with_303_become_get_without_body() {
    let (_, first, second) = follow(303, &["put", "-d", "replace"]);
    assert_eq!(first.method, "PUT");
    assert_bodiless_get(&second);
    let (_, first, second) = follow(303, &["delete"]);
    assert_eq!(first.method, "DELETE");
    assert_bodiless_get(&second);
}

#[test]
fn head_with_303_stays_head() {
    let server = redirecting(303);
    let out = run(httpc().args(["head", &server.url("/start"), "-L"]));
    out.assert_success();
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2, "{out:?}");
    assert_eq!(reqs[1].method, "HEAD");
    assert_eq!(reqs[1].path(), "/next");
}

#[test]
fn put_with_301_and_302_keeps_method_and_body() {
    // Only POST turns into GET on 301/302.
    for status in [301, 302] {
        let (_, first, second) = follow(status, &["put", "-d", "same bytes"]);
        assert_resent(&first, &second, "PUT", b"same bytes");
    }
}
#[test]
fn post_with_307_keeps_method_and_body_byte_exact() {
    let (_, first, second) = follow(
        307,
        &[
            "post",
            "-H",
            "Content-Type: application/x-test",
            "-d",
            "line one\r\nline two\n",
        ],
    );
    assert_resent(&first, &second, "POST", b"line one\r\nline two\n");
    assert_eq!(second.header("content-type"), Some("application/x-test"));
    assert_eq!(second.header("content-length"), Some("19"));
}

#[test]
fn post_with_308_keeps_method_and_json_body() {
    let json = r#"{"big":12345678901234567890,"s":"\u00e9"}"#;
    let (_, first, second) = follow(308, &["post", "--json", json]);
    assert_resent(&first, &second, "POST", json.as_bytes());
    assert_eq!(second.header("content-type"), Some("application/json"));
}

#[test]
fn put_with_308_resends_a_file_body_by_reading_it_again() {
    let dir = tempdir();
    let path = dir.path().join("body.bin");
    std::fs::write(&path, all_bytes()).unwrap();
    let arg = format!("@{}", path.display());
    let (_, first, second) = follow(308, &["put", "-d", &arg]);
    assert_resent(&first, &second, "PUT", &all_bytes());
    assert_eq!(second.header("content-length"), Some("512"));
}

#[test]
fn post_with_307_resends_a_multipart_body_with_its_file() {
    let dir = tempdir();
    let path = dir.path().join("up.bin");
    std::fs::write(&path, all_bytes()).unwrap();
    let part = format!("file=@{}", path.display());
    let (_, first, second) = follow(307, &["post", "-F", "name=value", "-F", &part]);
    assert_resent(&first, &second, "POST", &first.body);
    let content_type = second.header("content-type").expect("multipart type");
    let parts = parse_multipart(content_type, &second.body);
    assert_eq!(parts.len(), 2, "{parts:#?}");
    assert_eq!(parts[0].data, b"value");
    assert_eq!(parts[1].data, all_bytes());
}

#[test]
fn stdin_body_with_307_or_308_is_an_error_that_says_why() {
    for status in [307, 308] {
        let server = redirecting(status);
        let url = server.url("/start");
        let out = run(httpc()
            .args(["post", &url, "-L", "-d", "@-"])
            .write_stdin("only once"));
        out.assert_code(1)
            .assert_stdout("")
            .assert_one_error_line(&["stdin", &status.to_string()]);
        let req = server.only_request();
        assert_eq!(req.body, b"only once");
    }
}

#[test]
fn stdin_body_with_303_follows_as_get() {
    let server = redirecting(303);
    let out = run(httpc()
        .args(["post", &server.url("/start"), "-L", "-d", "@-"])
        .write_stdin("sent once"));
    out.assert_success().assert_stdout("done");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2, "{out:?}");
    assert_eq!(reqs[0].body, b"sent once");
    assert_bodiless_get(&reqs[1]);
}

// ---------------------------------------------------------------------------
// Locations
// ---------------------------------------------------------------------------

#[test]
fn relative_locations_are_resolved_against_the_current_url() {
    let server = TestServer::new(|req| match req.target.as_str() {
        "/a/b/e" => Reply::redirect(302, "../c/d?x=1"),
        "/a/c/d?x=1" => Reply::redirect(301, "/top/f"),
        "/top/f" => Reply::redirect(307, "g?y=2"),
        "/top/g?y=2" => Reply::ok("arrived"),
        _ => Reply::status(404),
    });
    let out = run(httpc().args(["get", &server.url("/a/b/e"), "-L"]));
    out.assert_success()
        .assert_stdout("arrived")
        .assert_stderr_empty();
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/a/b/e", "/a/c/d?x=1", "/top/f", "/top/g?y=2"]);
}

#[test]
fn absolute_location_to_another_server_is_followed() {
    let other = TestServer::ok("over there");
    let location = other.url("/landed");
    let server = TestServer::new(move |_| Reply::redirect(302, &location));
    run(httpc().args(["get", &server.url("/start"), "-L"]))
        .assert_success()
        .assert_stdout("over there");
    assert_eq!(server.only_request().path(), "/start");
    let landed = other.only_request();
    assert_eq!(landed.path(), "/landed");
    assert_eq!(landed.header("host"), Some(other.host().as_str()));
}

#[test]
fn only_the_final_body_is_printed_and_its_status_decides_the_exit_code() {
    let server = TestServer::new(|req| match req.path() {
        "/start" => Reply::redirect(301, "/gone").body("redirect body"),
        _ => Reply::status(404).body("not here"),
    });
    run(httpc().args(["get", &server.url("/start"), "-L"]))
        .assert_code(4)
        .assert_stdout("not here")
        .assert_stderr("httpc: warning: HTTP 404 Not Found\n");
}

#[test]
fn without_location_option_a_307_is_printed_and_exits_3() {
    let server = redirecting(307);
    run(httpc().args(["post", &server.url("/start"), "-d", "x"]))
        .assert_code(3)
        .assert_stdout("redirect body")
        .assert_stderr("httpc: warning: HTTP 307 Temporary Redirect\n");
    assert_eq!(server.only_request().path(), "/start");
}

// ---------------------------------------------------------------------------
// --max-redirs
// ---------------------------------------------------------------------------

/// `/r/N` redirects to `/r/N+1`, for ever.
fn endless() -> TestServer {
    TestServer::new(|req| {
        let n: u32 = req.path().trim_start_matches("/r/").parse().unwrap_or(0);
        Reply::redirect(302, &format!("/r/{}", n + 1))
    })
}

#[test]
fn more_redirects_than_max_redirs_exit_47_after_n_plus_1_requests() {
    let server = endless();
    let url = server.url("/r/0");
    run(httpc().args(["get", &url, "-L", "--max-redirs", "2"]))
        .assert_code(47)
        .assert_stdout("")
        .assert_one_error_line(&[&url, "too many redirects (more than 2)"]);
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/r/0", "/r/1", "/r/2"]);
}

#[test]
fn max_redirs_defaults_to_10() {
    let server = endless();
    run(httpc().args(["get", &server.url("/r/0"), "-L"]))
        .assert_code(47)
        .assert_stdout("")
        .assert_one_error_line(&["too many redirects (more than 10)"]);
    assert_eq!(server.requests().len(), 11);
}

#[test]
fn max_redirs_allows_exactly_n_redirects() {
    let server = TestServer::new(|req| match req.path() {
        "/r/0" => Reply::redirect(302, "/r/1"),
        "/r/1" => Reply::redirect(302, "/r/2"),
        _ => Reply::ok("third"),
    });
    run(httpc().args(["get", &server.url("/r/0"), "-L", "--max-redirs", "2"]))
        .assert_success()
        .assert_stdout("third");
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn max_redirs_0_refuses_the_first_redirect() {
    let server = endless();
    run(httpc().args(["get", &server.url("/r/0"), "-L", "--max-redirs", "0"]))
        .assert_code(47)
        .assert_stdout("")
        .assert_one_error_line(&["too many redirects (more than 0)"]);
    assert_eq!(server.requests().len(), 1);
}

// ---------------------------------------------------------------------------
// Credentials and origin changes
// ---------------------------------------------------------------------------

const CREDENTIAL_HEADERS: [&str; 3] = ["authorization", "proxy-authorization", "cookie"];

/// `httpc get URL -L` with secret headers, plus a header that must
/// survive every hop.
fn get_with_credentials(url: &str) -> Outcome {
    run(httpc().args([
        "get",
        url,
        "-L",
        "-H",
        "Authorization: Bearer tok-1",
        "-H",
        "Proxy-Authorization: Basic cHJveHk6cHc=",
        "-H",
        "Cookie: session=abc",
        "-H",
        "X-Keep: kept",
    ]))
}

#[track_caller]
fn assert_has_credentials(req: &Request) {
    assert_eq!(
        req.header("authorization"),
        Some("Bearer tok-1"),
        "{req:#?}"
    );
    assert_eq!(
        req.header("proxy-authorization"),
        Some("Basic cHJveHk6cHc="),
        "{req:#?}"
    );
    assert_eq!(req.header("cookie"), Some("session=abc"), "{req:#?}");
    assert_eq!(req.header("x-keep"), Some("kept"), "{req:#?}");
}

#[track_caller]
fn assert_no_credentials(req: &Request) {
    for name in CREDENTIAL_HEADERS {
        assert_eq!(req.header(name), None, "{name} leaked\n{req:#?}");
    }
    assert_eq!(
        req.header("x-keep"),
        Some("kept"),
        "other headers stay\n{req:#?}"
    );
}

#[test]
fn credentials_are_dropped_when_the_port_changes() {
    let other = TestServer::ok("other port");
    let location = other.url("/landed");
    let server = TestServer::new(move |_| Reply::redirect(302, &location));
    let out = get_with_credentials(&server.url("/start"));
    out.assert_success().assert_stdout("other port");
    assert_has_credentials(&server.only_request());
    assert_no_credentials(&other.only_request());
}

#[test]
fn credentials_from_user_option_and_url_userinfo_are_dropped_when_the_port_changes() {
    for how in ["-u", "userinfo"] {
        let other = TestServer::ok("other port");
        let location = other.url("/landed");
        let server = TestServer::new(move |_| Reply::redirect(307, &location));
        let mut cmd = httpc();
        match how {
            "-u" => cmd.args(["get", &server.url("/start"), "-u", "alice:pw1"]),
            _ => cmd.args(["get", &format!("http://alice:pw1@{}/start", server.host())]),
        };
        let out = run(cmd.arg("-L"));
        out.assert_success().assert_stdout("other port");
        let first = server.only_request();
        assert!(
            first
                .header("authorization")
                .is_some_and(|v| v.starts_with("Basic ")),
            "{how}: {first:#?}"
        );
        let landed = other.only_request();
        assert_eq!(landed.header("authorization"), None, "{how}: {landed:#?}");
    }
}

#[test]
fn credentials_are_dropped_when_the_host_changes_to_localhost() {
    // Same server and port, reached under another host name.
    let server = TestServer::new(|req| match req.path() {
        "/start" => {
            let port = req
                .header("host")
                .and_then(|h| h.rsplit(':').next())
                .unwrap_or("0")
                .to_string();
            Reply::redirect(302, &format!("http://localhost:{port}/next"))
        }
        _ => Reply::ok("renamed"),
    });
    let out = get_with_credentials(&server.url("/start"));
    out.assert_success().assert_stdout("renamed");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2, "{out:?}");
    assert_has_credentials(&reqs[0]);
    assert_eq!(
        reqs[1].header("host"),
        Some(format!("localhost:{}", server.port()).as_str())
    );
    assert_no_credentials(&reqs[1]);
}

#[test]
fn credentials_are_dropped_when_only_the_host_changes_to_another_address() {
    let server = TestServer::new(|req| {
        let port = req
            .header("host")
            .and_then(|h| h.rsplit(':').next())
            .unwrap_or("0")
            .to_string();
        Reply::redirect(308, &format!("http://127.0.0.2:{port}/next"))
    });
    let Ok(other) = TestServer::bind(("127.0.0.2", server.port()), |_| Reply::ok("done")) else {
        eprintln!("cannot listen on 127.0.0.2; the localhost test covers host changes");
        server.assert_nothing_received();
        return;
    };
    let out = get_with_credentials(&server.url("/start"));
    out.assert_success().assert_stdout("done");
    assert_has_credentials(&server.only_request());
    let landed = other.only_request();
    assert!(
        landed.raw_head.starts_with(b"GET /next HTTP/1.1\r\n"),
        "{landed:#?}"
    );
    assert_no_credentials(&landed);
}

#[test]
fn credentials_are_kept_on_the_same_origin() {
    // Relative and absolute Locations that stay on scheme, host and port.
    let server = TestServer::new(|req| {
        let host = req.header("host").unwrap_or_default().to_string();
        match req.path() {
            "/start" => Reply::redirect(301, "/middle"),
            "/middle" => Reply::redirect(307, &format!("http://{host}/end")),
            _ => Reply::ok("same origin"),
        }
    });
    let out = get_with_credentials(&server.url("/start"));
    out.assert_success().assert_stdout("same origin");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 3, "{out:?}");
    for req in &reqs {
        assert_has_credentials(req);
    }
}

#[test]
fn user_option_credentials_are_kept_on_the_same_origin() {
    let server = redirecting(302);
    let out = run(httpc().args(["get", &server.url("/start"), "-L", "-u", "alice:pw1"]));
    out.assert_success().assert_stdout("done");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    assert!(reqs[0].header("authorization").is_some());
    assert_eq!(
        reqs[1].header("authorization"),
        reqs[0].header("authorization")
    );
}

#[test]
fn redirect_hops_are_quick() {
    // A guard against a redirect waiting on a keep-alive body it drained.
    let server = TestServer::new(|req| match req.path() {
        "/start" => Reply::redirect(302, "/next").body(vec![b'x'; 100_000]),
        _ => Reply::ok("done"),
    });
    let out = run(httpc().args(["get", &server.url("/start"), "-L"]));
    out.assert_success().assert_stdout("done");
    // Generous for a loaded machine (a hop takes milliseconds); a client
    // waiting on the drained body would hang until the 20 s command timeout.
    assert!(out.elapsed < Duration::from_secs(5), "{out:?}");
}
