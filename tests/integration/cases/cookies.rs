//! The cookie engine (contract: `--cookie`, `-c/--cookie-jar`, and the
//! redirect paragraph): a login that sets a session cookie and redirects,
//! jars written by curl read back, jars written by httpc in the Netscape
//! format, and RFC 6265's matching rules on the wire.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::support::*;

/// The jar curl 7.88 wrote (`curl -L -c jar` against a login on
/// www.app.test that sets sid (HttpOnly, session), lang (Max-Age, until
/// 2036), scoped (Path=/api) and wide (Domain=app.test)).
fn curl_jar() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/integration/fixtures/curl-jar.txt")
}

/// `--resolve NAME:PORT:127.0.0.1` for a server, so cookies see host names.
fn resolve(name: &str, server: &TestServer) -> String {
    format!("{name}:{}:127.0.0.1", server.port())
}

fn named_url(name: &str, server: &TestServer, path: &str) -> String {
    format!("http://{name}:{}{path}", server.port())
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// One line of a Netscape jar, read the way curl reads it.
#[derive(Debug, PartialEq)]
struct JarLine {
    http_only: bool,
    domain: String,
    subdomains: bool,
    path: String,
    secure: bool,
    expires: u64,
    name: String,
    value: String,
}

/// A small reader of the Netscape format, independent of httpc's: `#`
/// comments, `#HttpOnly_` domains, seven tab-separated fields.
fn read_jar(path: &Path) -> Vec<JarLine> {
    let text = fs::read_to_string(path).expect("jar");
    let mut lines = Vec::new();
    for line in text.lines() {
        let (http_only, line) = match line.strip_prefix("#HttpOnly_") {
            Some(rest) => (true, rest),
            None if line.starts_with('#') || line.is_empty() => continue,
            None => (false, line),
        };
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 7, "not a jar line: {line:?}\n{text}");
        let flag = |s: &str| match s {
            "TRUE" => true,
            "FALSE" => false,
            other => panic!("not TRUE/FALSE: {other:?}"),
        };
        lines.push(JarLine {
            http_only,
            domain: f[0].into(),
            subdomains: flag(f[1]),
            path: f[2].into(),
            secure: flag(f[3]),
            expires: f[4].parse().expect("expires"),
            name: f[5].into(),
            value: f[6].into(),
        });
    }
    lines
}

fn find<'j>(jar: &'j [JarLine], name: &str) -> &'j JarLine {
    jar.iter()
        .find(|l| l.name == name)
        .unwrap_or_else(|| panic!("no cookie {name} in {jar:#?}"))
}

/// `/login` sets a session cookie and redirects to `/me`, which answers
/// 200 only with that cookie (401 without it).
fn login_server() -> TestServer {
    TestServer::new(|req| match req.path() {
        "/login" => Reply::redirect(302, "/me")
            .header("set-cookie", "sid=s3cr3t; Path=/; HttpOnly")
            .header("set-cookie", "theme=dark; Path=/; Max-Age=3600"),
        "/me"
            if req
                .header("cookie")
                .is_some_and(|c| c.contains("sid=s3cr3t")) =>
        {
            Reply::ok("hello, you")
        }
        _ => Reply::status(401).body("who are you?"),
    })
}

#[test]
fn a_jar_to_dash_goes_to_stdout_after_the_body() {
    let server = login_server();
    let dir = tempdir();
    let out = run(get(&server.url("/login"), &["-L", "-c", "-"]).current_dir(dir.path()));
    out.assert_success();
    let text = out.stdout_text();
    assert!(
        text.starts_with("hello, you# Netscape HTTP Cookie File\n"),
        "{text}"
    );
    assert!(text.contains("\tsid\ts3cr3t\n"), "{text}");
    assert!(!dir.path().join("-").exists());
}

#[cfg(unix)]
#[test]
fn a_jar_that_is_a_link_is_written_at_the_links_target() {
    let server = login_server();
    let dir = tempdir();
    let target = dir.path().join("cache-jar.txt");
    fs::write(&target, "").unwrap();
    let link = dir.path().join("jar.txt");
    std::os::unix::fs::symlink("cache-jar.txt", &link).unwrap();
    run(&mut get(
        &server.url("/login"),
        &["-L", "-c", link.to_str().unwrap()],
    ))
    .assert_success();
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(find(&read_jar(&target), "sid").value, "s3cr3t");
    let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn a_login_cookie_reaches_the_page_it_redirects_to() {
    let server = login_server();
    let dir = tempdir();
    let jar = dir.path().join("jar.txt");
    run(&mut get(
        &server.url("/login"),
        &["-L", "-c", jar.to_str().unwrap()],
    ))
    .assert_success()
    .assert_stdout("hello, you");
    let reqs = server.requests();
    assert_eq!(reqs[0].header("cookie"), None);
    assert_eq!(reqs[1].header("cookie"), Some("sid=s3cr3t; theme=dark"));

    // The jar holds both, for the next command of the job.
    let mode = fs::metadata(&jar).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let lines = read_jar(&jar);
    assert_eq!(
        find(&lines, "sid"),
        &JarLine {
            http_only: true,
            domain: "127.0.0.1".into(),
            subdomains: false,
            path: "/".into(),
            secure: false,
            expires: 0,
            name: "sid".into(),
            value: "s3cr3t".into(),
        }
    );
    let theme = find(&lines, "theme");
    assert!(!theme.http_only);
    assert!(
        (now() + 3590..=now() + 3610).contains(&theme.expires),
        "Max-Age=3600 is an expiry an hour away: {theme:?}"
    );

    run(&mut get(
        &server.url("/me"),
        &["--cookie", jar.to_str().unwrap()],
    ))
    .assert_success()
    .assert_stdout("hello, you");
}

#[test]
fn without_the_engine_set_cookie_is_not_followed() {
    let server = login_server();
    run(&mut get(&server.url("/login"), &["-L"]))
        .assert_code(4)
        .assert_stdout("who are you?");
    assert_eq!(server.requests()[1].header("cookie"), None);
}

#[test]
fn an_empty_cookie_argument_turns_the_engine_on_without_a_file() {
    let server = login_server();
    run(&mut get(&server.url("/login"), &["-L", "--cookie", ""]))
        .assert_success()
        .assert_stdout("hello, you");
}

#[test]
fn cookies_carry_across_the_urls_of_one_get() {
    let server = TestServer::new(|req| match req.path() {
        "/set" => Reply::ok("set").header("set-cookie", "n=1"),
        "/drop" => Reply::ok("drop").header("set-cookie", "n=gone; Max-Age=0"),
        _ => Reply::ok("x"),
    });
    let urls = ["/set", "/check", "/drop", "/after"].map(|p| server.url(p));
    run(httpc().arg("get").args(&urls).args(["--cookie", ""])).assert_success();
    let cookies: Vec<Option<String>> = server
        .requests()
        .iter()
        .map(|r| r.header("cookie").map(str::to_string))
        .collect();
    assert_eq!(
        cookies,
        [None, Some("n=1".into()), Some("n=1".into()), None]
    );
}

#[test]
fn a_jar_written_by_curl_is_read_back() {
    let server = TestServer::ok("ok");
    let url = named_url("www.app.test", &server, "/api/items");
    let other = named_url("other.app.test", &server, "/api/items");
    run(httpc().args([
        "get",
        &url,
        &other,
        "--resolve",
        &resolve("www.app.test", &server),
        "--resolve",
        &resolve("other.app.test", &server),
        "--cookie",
        curl_jar().to_str().unwrap(),
    ]))
    .assert_success();
    let reqs = server.requests();
    // Longest path first; the rest in the jar's order.
    assert_eq!(
        reqs[0].header("cookie"),
        Some("scoped=1; wide=w; lang=en; sid=s3cr3t")
    );
    // Only the Domain=app.test cookie matches another host under app.test.
    assert_eq!(reqs[1].header("cookie"), Some("wide=w"));
}

#[test]
fn a_jar_round_trips_through_httpc_as_curl_wrote_it() {
    let server = TestServer::ok("ok");
    let dir = tempdir();
    let jar = dir.path().join("jar.txt");
    run(httpc().args([
        "get",
        &named_url("www.app.test", &server, "/"),
        "--resolve",
        &resolve("www.app.test", &server),
        "--cookie",
        curl_jar().to_str().unwrap(),
        "-c",
        jar.to_str().unwrap(),
    ]))
    .assert_success();
    let mut ours = read_jar(&jar);
    let mut curls = read_jar(&curl_jar());
    ours.sort_by(|a, b| a.name.cmp(&b.name));
    curls.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(ours, curls);
}

#[test]
fn secure_cookies_are_not_sent_over_http() {
    let server = TestServer::ok("ok");
    let dir = tempdir();
    let jar = dir.path().join("in.txt");
    let far = now() + 86_400;
    fs::write(
        &jar,
        format!(
            "app.test\tFALSE\t/\tTRUE\t{far}\ttoken\tsecret\n\
             app.test\tFALSE\t/\tFALSE\t{far}\tplain\tp\n"
        ),
    )
    .unwrap();
    run(httpc().args([
        "get",
        &named_url("app.test", &server, "/"),
        "--resolve",
        &resolve("app.test", &server),
        "--cookie",
        jar.to_str().unwrap(),
    ]))
    .assert_success();
    assert_eq!(server.only_request().header("cookie"), Some("plain=p"));
}

#[test]
fn expired_cookies_are_neither_sent_nor_saved() {
    let server = TestServer::new(|_| {
        Reply::ok("ok").header("set-cookie", "old=1; Expires=Thu, 01 Jan 1970 00:00:10 GMT")
    });
    let dir = tempdir();
    let jar_in = dir.path().join("in.txt");
    let jar_out = dir.path().join("out.txt");
    fs::write(
        &jar_in,
        format!(
            "127.0.0.1\tFALSE\t/\tFALSE\t100\tstale\tx\n\
             127.0.0.1\tFALSE\t/\tFALSE\t{}\tfresh\ty\n",
            now() + 86_400
        ),
    )
    .unwrap();
    run(&mut get(
        &server.url("/"),
        &[
            "--cookie",
            jar_in.to_str().unwrap(),
            "-c",
            jar_out.to_str().unwrap(),
        ],
    ))
    .assert_success();
    assert_eq!(server.only_request().header("cookie"), Some("fresh=y"));
    let names: Vec<String> = read_jar(&jar_out).into_iter().map(|l| l.name).collect();
    assert_eq!(names, ["fresh"]);
}

#[test]
fn paths_and_domains_decide_which_cookies_go() {
    let server = TestServer::new(|req| match req.path() {
        "/login" => Reply::ok("in")
            .header("set-cookie", "host=h")
            .header("set-cookie", "api=a; Path=/api")
            .header("set-cookie", "all=d; Domain=app.test")
            .header("set-cookie", "evil=e; Domain=other.test")
            .header("set-cookie", "tld=t; Domain=test"),
        _ => Reply::ok("x"),
    });
    let www = |p: &str| named_url("www.app.test", &server, p);
    let api = named_url("api.app.test", &server, "/api/v1");
    run(httpc().args([
        "get",
        &www("/login"),
        &www("/api/v1"),
        &www("/apiary"),
        &api,
        &named_url("other.test", &server, "/"),
        "--resolve",
        &resolve("www.app.test", &server),
        "--resolve",
        &resolve("api.app.test", &server),
        "--resolve",
        &resolve("other.test", &server),
        "--cookie",
        "",
    ]))
    .assert_success();
    let cookies: Vec<Option<String>> = server
        .requests()
        .iter()
        .map(|r| r.header("cookie").map(str::to_string))
        .collect();
    let expected = [
        None,
        // /login's default path is /: host and the domain cookie, and the
        // /api cookie first (longer path).
        Some("api=a; host=h; all=d"),
        // /apiary is not under /api.
        Some("host=h; all=d"),
        // Another host: only the Domain=app.test cookie.
        Some("all=d"),
        // A cookie for a domain the server is not in, or a bare label,
        // was never kept.
        None,
    ];
    assert_eq!(cookies, expected.map(|c| c.map(String::from)));
}

#[test]
fn cookie_pairs_go_with_every_url_and_leave_the_engine_off() {
    let server = TestServer::new(|_| Reply::ok("x").header("set-cookie", "srv=1"));
    run(httpc().args([
        "get",
        &server.url("/a"),
        &server.url("/b"),
        "--cookie",
        "a=1; b=2",
        "-H",
        "Cookie: h=3",
    ]))
    .assert_success();
    // One Cookie header; the server's srv=1 is not kept for /b.
    for req in server.requests() {
        assert_eq!(req.headers_named("cookie"), ["h=3; a=1; b=2"], "{req:#?}");
    }
}

#[test]
fn a_cookie_line_file_is_sent_and_turns_the_engine_on() {
    let server = TestServer::new(|req| match req.path() {
        "/a" => Reply::ok("x").header("set-cookie", "srv=1"),
        _ => Reply::ok("y"),
    });
    let dir = tempdir();
    let file = dir.path().join("cookie.txt");
    fs::write(&file, "Cookie: a=1; b=2\n").unwrap();
    run(httpc().args([
        "get",
        &server.url("/a"),
        &server.url("/b"),
        "--cookie",
        file.to_str().unwrap(),
    ]))
    .assert_success();
    let reqs = server.requests();
    assert_eq!(reqs[0].header("cookie"), Some("a=1; b=2"));
    assert_eq!(reqs[1].header("cookie"), Some("a=1; b=2; srv=1"));
}

#[test]
fn a_missing_cookie_file_is_an_empty_jar_as_in_curl() {
    let server = TestServer::ok("x");
    run(&mut get(&server.url("/"), &["--cookie", "no-such-jar.txt"]))
        .assert_success()
        .assert_stderr_empty();
    assert_eq!(server.only_request().header("cookie"), None);
}

#[test]
fn an_unreadable_cookie_file_is_a_usage_error_and_nothing_is_sent() {
    let server = TestServer::ok("x");
    let dir = tempdir();
    let not_a_file = dir.path().to_str().unwrap();
    run(&mut get(&server.url("/"), &["--cookie", not_a_file]))
        .assert_code(2)
        .assert_one_error_line(&["--cookie", not_a_file]);
    server.assert_nothing_received();
}

#[test]
fn a_malformed_jar_names_its_line() {
    let server = TestServer::ok("x");
    let dir = tempdir();
    let jar = dir.path().join("bad.txt");
    fs::write(
        &jar,
        "# Netscape HTTP Cookie File\n\nhost\tFALSE\t/\tFALSE\n",
    )
    .unwrap();
    let shown = format!("{}:3", jar.display());
    run(&mut get(
        &server.url("/"),
        &["--cookie", jar.to_str().unwrap()],
    ))
    .assert_code(2)
    .assert_one_error_line(&[&shown, "7 tab-separated fields"]);
    server.assert_nothing_received();
}

#[test]
fn the_jar_is_written_even_when_a_later_url_fails() {
    let server = TestServer::new(|_| Reply::ok("in").header("set-cookie", "sid=1"));
    let dir = tempdir();
    let jar = dir.path().join("jar.txt");
    run(httpc().args([
        "get",
        &server.url("/login"),
        &closed_port_url("/next"),
        "-c",
        jar.to_str().unwrap(),
    ]))
    .assert_code(7);
    let names: Vec<String> = read_jar(&jar).into_iter().map(|l| l.name).collect();
    assert_eq!(names, ["sid"]);
}

#[test]
fn an_unwritable_jar_is_exit_1_after_the_transfer() {
    let server = TestServer::ok("body");
    let dir = tempdir();
    let jar = dir.path().join("missing-dir/jar.txt");
    run(&mut get(&server.url("/"), &["-c", jar.to_str().unwrap()]))
        .assert_code(1)
        .assert_stdout("body")
        .assert_one_error_line(&["-c", "jar.txt"]);
}

#[test]
fn a_retried_attempt_sends_the_cookie_the_failed_one_set() {
    let server = TestServer::script([
        Reply::status(503).header("set-cookie", "lb=node2"),
        Reply::ok("ok"),
    ]);
    run(&mut get(
        &server.url("/"),
        &["--retry", "1", "--retry-delay", "0", "--cookie", "", "-s"],
    ))
    .assert_success();
    assert_eq!(server.requests()[1].header("cookie"), Some("lb=node2"));
}

#[test]
fn engine_cookies_are_redacted_in_the_trace() {
    let server = TestServer::ok("ok");
    let dir = tempdir();
    let jar = dir.path().join("in.txt");
    fs::write(&jar, "127.0.0.1\tFALSE\t/\tFALSE\t0\tsid\ttopsecret\n").unwrap();
    let out = run(&mut get(
        &server.url("/"),
        &["-v", "--cookie", jar.to_str().unwrap()],
    ));
    out.assert_success()
        .assert_stderr_contains("> cookie: <redacted")
        .assert_stderr_lacks("topsecret");
    assert_eq!(
        server.only_request().header("cookie"),
        Some("sid=topsecret")
    );
}

#[test]
fn jar_cookies_follow_a_redirect_to_another_host_only_when_they_match_it() {
    let target = TestServer::ok("there");
    let target_url = named_url("b.test", &target, "/land");
    let start = TestServer::new(move |_| {
        Reply::redirect(302, &target_url).header("set-cookie", "a_only=1")
    });
    run(httpc().args([
        "get",
        &named_url("a.test", &start, "/go"),
        "-L",
        "--resolve",
        &resolve("a.test", &start),
        "--resolve",
        &resolve("b.test", &target),
        "--cookie",
        "",
        "--cookie",
        "pair=2",
        "-H",
        "Cookie: given=1",
    ]))
    .assert_success()
    .assert_stdout("there");
    assert_eq!(
        start.only_request().header("cookie"),
        Some("given=1; pair=2")
    );
    // -H Cookie and --cookie pairs stay with their origin; a.test's
    // cookie is not b.test's.
    assert_eq!(target.only_request().header("cookie"), None);
}

#[test]
fn offline_shows_the_jar_cookies_for_the_url() {
    let dir = tempdir();
    let jar = dir.path().join("in.txt");
    fs::write(&jar, "h.test\tFALSE\t/\tFALSE\t0\tsid\t1\n").unwrap();
    let out = run(httpc().args([
        "get",
        "http://h.test/x",
        "--offline",
        "--cookie",
        jar.to_str().unwrap(),
        "--cookie",
        "p=2",
    ]));
    out.assert_success()
        .assert_stdout_contains("\ncookie: p=2; sid=1\n");
}
