//! curl's network options, as typed (contract: "curl's habits, as
//! typed"): --proto, --proto-redir, the TLS version flags, --path-as-is,
//! -U/--proxy-user and SOCKS proxies.

use crate::support::socks::SocksProxy;
use crate::support::tls::{basic, Identity, Pki, ProxyMode, TestProxy, TlsServer, TLS_BODY};
use crate::support::*;

fn cacert(pki: &Pki) -> String {
    pki.ca.cert_pem.to_str().unwrap().to_string()
}

// ---------------------------------------------------------------------------
// --proto, --proto-redir
// ---------------------------------------------------------------------------

#[test]
fn proto_refuses_a_url_outside_the_list_and_sends_nothing() {
    let server = TestServer::ok("hello");
    for list in ["=https", "-all,+https", "-http"] {
        let out = run(httpc().args(["--proto", list, &server.url("/")]));
        out.assert_code(1).assert_stdout("");
        assert_eq!(
            out.stderr_text(),
            format!(
                "httpc: error: {}: protocol http not allowed by --proto\n",
                server.url("/")
            )
        );
    }
    server.assert_nothing_received();
}

#[test]
fn proto_lets_through_what_the_list_allows() {
    let server = TestServer::ok("hello");
    // A name without a modifier adds it: http,https is everything.
    for list in ["http,https", "=http", "-all,http", "=https,+http", "https"] {
        run(httpc().args(["--proto", list, &server.url("/")]))
            .assert_success()
            .assert_stdout("hello");
    }
    assert_eq!(server.requests().len(), 5);
}

#[test]
fn proto_with_modifiers_and_no_name_is_a_usage_error() {
    let server = TestServer::ok("hello");
    let out = run(httpc().args(["--proto", "=", &server.url("/")]));
    out.assert_code(2);
    assert!(
        out.stderr_text().starts_with("httpc: error: --proto: "),
        "{out:?}"
    );
    server.assert_nothing_received();
}

#[test]
fn proto_warns_about_a_name_it_does_not_know() {
    let server = TestServer::ok("hello");
    let out = run(httpc().args(["--proto", "=https,htps", &server.url("/")]));
    out.assert_code(1);
    assert!(
        out.stderr_text()
            .contains("httpc: warning: --proto: unrecognized protocol 'htps'\n"),
        "{out:?}"
    );
    // curl's other protocols are known: no warning, no change for httpc.
    let out = run(httpc().args(["--proto", "-ftp,+file", &server.url("/")]));
    out.assert_success().assert_stdout("hello");
    assert!(!out.stderr_text().contains("warning"), "{out:?}");
}

/// A server whose `/start` redirects to `location`.
fn redirecting_to(location: String) -> TestServer {
    TestServer::new(move |req| match req.path() {
        "/start" => Reply::redirect(302, &location),
        _ => Reply::ok("followed"),
    })
}

#[test]
fn proto_redir_refuses_a_location_outside_the_list() {
    let pki = Pki::new();
    let target = TlsServer::new(&pki.server);
    let server = redirecting_to(target.url("/next"));
    let out = run(httpc().args([
        "-L",
        "--proto-redir",
        "=http",
        "--cacert",
        &cacert(&pki),
        &server.url("/start"),
    ]));
    out.assert_code(1).assert_stdout("");
    assert_eq!(
        out.stderr_text(),
        format!(
            "httpc: error: {}: protocol https not allowed by --proto-redir (redirect to {})\n",
            server.url("/start"),
            target.url("/next")
        )
    );
    assert_eq!(server.requests().len(), 1);
    target.assert_no_connection();
}

#[test]
fn proto_applies_to_redirect_hops_too() {
    let pki = Pki::new();
    let target = TlsServer::new(&pki.server);
    let server = redirecting_to(target.url("/next"));
    let out = run(httpc().args([
        "-L",
        "--proto",
        "=http",
        "--cacert",
        &cacert(&pki),
        &server.url("/start"),
    ]));
    out.assert_code(1);
    assert!(
        out.stderr_text()
            .contains(": protocol https not allowed by --proto (redirect to"),
        "{out:?}"
    );
    target.assert_no_connection();
}

#[test]
fn proto_redir_allows_a_location_in_the_list() {
    let server = TestServer::new(|req| match req.path() {
        "/start" => Reply::redirect(302, "/next"),
        _ => Reply::ok("followed"),
    });
    run(httpc().args(["-L", "--proto-redir", "-all,http", &server.url("/start")]))
        .assert_success()
        .assert_stdout("followed");
    assert_eq!(server.requests().len(), 2);
}

// ---------------------------------------------------------------------------
// --tlsv1.x, --tls-max
// ---------------------------------------------------------------------------

/// The `* TLSv1.x ...` line of the trace.
fn tls_line(out: &Outcome) -> String {
    out.stderr_text()
        .lines()
        .find(|l| l.starts_with("* TLSv"))
        .unwrap_or_else(|| panic!("no TLS line\n{out:?}"))
        .to_string()
}

fn tls12_only(id: &Identity) -> TlsServer {
    TlsServer::with_versions(id, &[&rustls::version::TLS12])
}

#[test]
fn tlsv1_3_against_a_tls_1_2_server_is_exit_35() {
    let pki = Pki::new();
    let server = tls12_only(&pki.server);
    let out = run(httpc().args(["--tlsv1.3", "--cacert", &cacert(&pki), &server.url("/")]));
    out.assert_code(35).assert_stdout("");
    assert!(server.requests().is_empty());
}

#[test]
fn lower_minimums_reach_a_tls_1_2_server() {
    let pki = Pki::new();
    let server = tls12_only(&pki.server);
    for flag in ["--tlsv1.2", "-1", "--tlsv1", "--tlsv1.0", "--tlsv1.1"] {
        let out = run(httpc().args([flag, "-v", "--cacert", &cacert(&pki), &server.url("/")]));
        out.assert_success();
        assert!(tls_line(&out).starts_with("* TLSv1.2 "), "{flag}\n{out:?}");
    }
}

#[test]
fn tls_max_1_2_negotiates_1_2_with_a_tls_1_3_server() {
    let pki = Pki::new();
    let server = TlsServer::new(&pki.server);
    let args = ["-v", "--cacert", &cacert(&pki), &server.url("/")];
    let out = run(httpc().args(args));
    assert!(tls_line(&out).starts_with("* TLSv1.3 "), "{out:?}");
    let out = run(httpc().arg("--tls-max").arg("1.2").args(args));
    out.assert_success();
    assert!(tls_line(&out).starts_with("* TLSv1.2 "), "{out:?}");
}

#[test]
fn a_tls_minimum_above_the_maximum_is_a_usage_error() {
    let pki = Pki::new();
    let server = TlsServer::new(&pki.server);
    for args in [
        ["--tlsv1.3", "--tls-max", "1.2"],
        ["--tlsv1.2", "--tls-max", "1.1"],
        ["--tlsv1.2", "--tls-max", "soon"],
    ] {
        let out = run(httpc().args(args).arg(server.url("/")));
        out.assert_code(2);
        assert!(out.stderr_text().starts_with("httpc: error: "), "{out:?}");
    }
    server.assert_no_connection();
}

#[test]
fn the_last_tls_minimum_given_wins() {
    let pki = Pki::new();
    let server = tls12_only(&pki.server);
    let url = server.url("/");
    let ca = cacert(&pki);
    run(httpc().args(["--tlsv1.3", "--tlsv1.2", "--cacert", &ca, &url])).assert_success();
    run(httpc().args(["--tlsv1.2", "--tlsv1.3", "--cacert", &ca, &url])).assert_code(35);
}

// ---------------------------------------------------------------------------
// -U, --proxy-user
// ---------------------------------------------------------------------------

fn origin() -> TestServer {
    TestServer::new(|_| Reply::ok("origin body\n"))
}

#[test]
fn proxy_user_goes_to_the_proxy_only() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    for flag in ["-U", "--proxy-user"] {
        run(httpc().args(["-x", &proxy.url(), flag, "me:pw", &server.url("/")]))
            .assert_success()
            .assert_stdout("origin body\n");
    }
    for req in proxy.requests() {
        assert_eq!(
            req.header("proxy-authorization"),
            Some(basic("me", "pw").as_str()),
            "{req:#?}"
        );
    }
    for got in server.requests() {
        assert!(got.header("proxy-authorization").is_none(), "{got:#?}");
        assert!(got.header("authorization").is_none(), "{got:#?}");
    }
}

#[test]
fn proxy_user_beats_the_proxy_url_and_reaches_a_tunnel() {
    let pki = Pki::new();
    let server = TlsServer::new(&pki.server);
    let proxy = TestProxy::tunnel();
    run(httpc().args([
        "-x",
        &proxy.url_with_user("old:old"),
        "-U",
        "new:p@ss",
        "--cacert",
        &cacert(&pki),
        &server.url("/"),
    ]))
    .assert_success()
    .assert_stdout(TLS_BODY);
    let connect = proxy.only_request();
    assert_eq!(connect.method, "CONNECT");
    assert_eq!(
        connect.header("proxy-authorization"),
        Some(basic("new", "p@ss").as_str())
    );
    assert!(server
        .only_request()
        .header("proxy-authorization")
        .is_none());
}

#[test]
fn proxy_user_applies_to_a_proxy_from_the_environment() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    let mut cmd = httpc();
    cmd.env("http_proxy", proxy.url())
        .args(["-U", "envme", &server.url("/")]);
    run(&mut cmd).assert_success();
    assert_eq!(
        proxy.only_request().header("proxy-authorization"),
        Some(basic("envme", "").as_str())
    );
}

#[test]
fn proxy_user_password_is_redacted_in_the_trace_and_errors() {
    let server = origin();
    let password = "s3cretProxyPw";
    let user = format!("user:{password}");
    let encoded = &basic("user", password)[6..];
    let proxy = TestProxy::tunnel();
    let out = run(httpc().args(["-v", "-x", &proxy.url(), "-U", &user, &server.url("/")]));
    out.assert_success();
    let err = out.stderr_text();
    assert!(
        err.contains("> proxy-authorization: <redacted, "),
        "{out:?}"
    );
    assert!(!err.contains(password) && !err.contains(encoded), "{out:?}");

    let refusing = TestProxy::new(ProxyMode::Refuse(407, "Proxy Authentication Required"));
    let pki = Pki::new();
    let tls = TlsServer::new(&pki.server);
    let out = run(httpc().args(["-v", "-x", &refusing.url(), "-U", &user, &tls.url("/")]));
    assert_ne!(out.code(), Some(0), "{out:?}");
    let err = out.stderr_text();
    assert!(!err.contains(password) && !err.contains(encoded), "{out:?}");
    tls.assert_no_connection();
}

// ---------------------------------------------------------------------------
// --path-as-is
// ---------------------------------------------------------------------------

#[test]
fn path_as_is_sends_dot_segments_as_typed() {
    let server = TestServer::ok("hello");
    let url = format!("http://127.0.0.1:{}/a/../b/./c?x=/../", server.port());
    run(httpc().args(["--path-as-is", &url, "-q", "k=v"]))
        .assert_success()
        .assert_stdout("hello");
    assert_eq!(server.only_request().target, "/a/../b/./c?x=/../&k=v");
}

#[test]
fn without_path_as_is_dot_segments_are_removed() {
    let server = TestServer::ok("hello");
    let url = format!("http://127.0.0.1:{}/a/../b/./c", server.port());
    run(httpc().arg(&url)).assert_success();
    assert_eq!(server.only_request().target, "/b/c");
}

#[test]
fn path_as_is_reaches_a_forward_proxy_and_offline_output() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    let url = format!("http://127.0.0.1:{}/../../etc/passwd", server.port());
    run(httpc().args(["--path-as-is", "-x", &proxy.url(), &url])).assert_success();
    assert_eq!(proxy.only_request().target, url);
    let out = run(httpc().args(["--offline", "--path-as-is", "http://h/x/./../y"]));
    out.assert_success();
    assert_eq!(out.stdout_lines()[0], "GET /x/./../y HTTP/1.1");
}

// ---------------------------------------------------------------------------
// Content-Encoding: zstd
// ---------------------------------------------------------------------------

/// `line N: the quick brown fox jumps over the lazy dog`, for N in 0..20000:
/// what `fixtures/lines-two-frames.zst` holds, made by the zstd command
/// line tool (libzstd) as two frames, the first -19 with a checksum, the
/// second -3 without.
fn fox_lines() -> Vec<u8> {
    (0..20000)
        .map(|i| format!("line {i}: the quick brown fox jumps over the lazy dog\n"))
        .collect::<String>()
        .into_bytes()
}

fn zstd_fixture() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/integration/fixtures/lines-two-frames.zst"
    );
    std::fs::read(path).unwrap()
}

fn zstd_server(body: Vec<u8>) -> TestServer {
    TestServer::new(move |_| {
        Reply::ok(body.clone())
            .header("content-type", "text/plain")
            .header("content-encoding", "zstd")
    })
}

#[test]
fn zstd_is_asked_for_and_decoded_byte_exact() {
    let server = zstd_server(zstd_fixture());
    run(httpc().arg(server.url("/")))
        .assert_success()
        .assert_stdout(fox_lines())
        .assert_stderr_empty();
    let req = server.only_request();
    assert_eq!(req.headers_named("accept-encoding"), ["gzip, br, zstd"]);
}

#[test]
fn zstd_is_decoded_into_a_file_too() {
    let server = zstd_server(zstd_fixture());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lines.txt");
    run(httpc().args([&server.url("/"), "-o", file.to_str().unwrap()])).assert_success();
    assert!(std::fs::read(&file).unwrap() == fox_lines());
}

#[test]
fn no_decompress_leaves_zstd_as_sent() {
    let server = zstd_server(zstd_fixture());
    run(httpc().args([&server.url("/"), "--no-decompress"]))
        .assert_success()
        .assert_stdout(zstd_fixture());
    assert!(server.only_request().header("accept-encoding").is_none());
}

#[test]
fn broken_zstd_is_exit_56_and_never_printed_compressed() {
    let fixture = zstd_fixture();
    let mut corrupt = fixture.clone();
    corrupt[100..140].fill(0xff);
    for body in [
        fixture[..fixture.len() / 2].to_vec(),
        corrupt,
        b"not zstd at all".to_vec(),
    ] {
        let server = zstd_server(body);
        let url = server.url("/");
        let out = run(httpc().arg(&url));
        out.assert_code(56).assert_one_error_line(&[&url]);
        assert!(out.stdout().len() < fox_lines().len(), "{out:?}");
    }
}

// ---------------------------------------------------------------------------
// SOCKS proxies
// ---------------------------------------------------------------------------

fn local(port: u16) -> std::net::SocketAddr {
    std::net::SocketAddr::from(([127, 0, 0, 1], port))
}

/// The origin and a SOCKS proxy that relays every connection to it.
fn socks_pair() -> (TestServer, SocksProxy) {
    let server = origin();
    let proxy = SocksProxy::new(local(server.port()), None);
    (server, proxy)
}

#[test]
fn socks5h_gives_the_proxy_the_name() {
    let (server, proxy) = socks_pair();
    let url = format!("http://origin.test:{}/x", server.port());
    for args in [
        vec!["-x".to_string(), proxy.url("socks5h")],
        vec!["--socks5-hostname".to_string(), proxy.host_port()],
    ] {
        run(httpc().args(&args).arg(&url))
            .assert_success()
            .assert_stdout("origin body\n");
    }
    for req in proxy.requests() {
        assert_eq!(req.version, 5);
        assert_eq!(req.target, format!("name origin.test:{}", server.port()));
        assert_eq!(req.user, None);
    }
    let got = server.requests();
    assert_eq!(got.len(), 2);
    // Through SOCKS the request is the origin's own (origin-form).
    assert_eq!(got[0].target, "/x");
    assert_eq!(
        got[0].header("host"),
        Some(format!("origin.test:{}", server.port()).as_str())
    );
}

#[test]
fn socks5_gives_the_proxy_an_address_resolved_by_httpc() {
    let (server, proxy) = socks_pair();
    let url = format!("http://origin.test:{}/x", server.port());
    let resolve = format!("origin.test:{}:127.0.0.1", server.port());
    for args in [
        vec!["-x".to_string(), proxy.url("socks5")],
        vec!["--socks5".to_string(), proxy.host_port()],
    ] {
        run(httpc().args(&args).args(["--resolve", &resolve, &url]))
            .assert_success()
            .assert_stdout("origin body\n");
    }
    for req in proxy.requests() {
        assert_eq!(req.target, format!("addr 127.0.0.1:{}", server.port()));
    }
    assert_eq!(proxy.requests().len(), 2);
}

#[test]
fn socks4_sends_an_address_and_socks4a_a_name() {
    let (server, proxy) = socks_pair();
    let url = format!("http://origin.test:{}/", server.port());
    let resolve = format!("origin.test:{}:127.0.0.1", server.port());
    run(httpc().args(["-x", &proxy.url("socks4"), "--resolve", &resolve, &url]))
        .assert_success()
        .assert_stdout("origin body\n");
    run(httpc().args(["-x", &proxy.url("socks4a"), "-U", "me", &url]))
        .assert_success()
        .assert_stdout("origin body\n");
    let reqs = proxy.requests();
    let port = server.port();
    assert_eq!(reqs[0].target, format!("addr 127.0.0.1:{port}"));
    assert_eq!(reqs[1].target, format!("name origin.test:{port}"));
    assert_eq!(reqs[1].user.as_deref(), Some("me"));
    assert!(reqs.iter().all(|r| r.version == 4));
}

#[test]
fn https_goes_through_tls_inside_the_socks_connection() {
    let pki = Pki::new();
    let server = TlsServer::new(&pki.server);
    let proxy = SocksProxy::new(local(server.port()), None);
    let url = server.url_for("localhost", "/");
    let out = run(httpc().args([
        "-v",
        "-x",
        &proxy.url("socks5h"),
        "--cacert",
        &cacert(&pki),
        &url,
    ]));
    out.assert_success().assert_stdout(TLS_BODY);
    assert_eq!(
        proxy.only_request().target,
        format!("name localhost:{}", server.port())
    );
    assert_eq!(server.only_request().sni.as_deref(), Some("localhost"));
    let err = out.stderr_text();
    assert!(
        err.contains(&format!(
            "* Connected to {} (reused: no)",
            proxy.host_port()
        )),
        "{out:?}"
    );
    assert!(tls_line(&out).starts_with("* TLSv1.3 "), "{out:?}");
}

#[test]
fn all_proxy_may_name_a_socks_proxy_and_no_proxy_applies() {
    let (server, proxy) = socks_pair();
    let url = format!("http://origin.test:{}/", server.port());
    let mut cmd = httpc();
    cmd.env("ALL_PROXY", proxy.url("socks5h")).arg(&url);
    run(&mut cmd)
        .assert_success()
        .assert_stdout("origin body\n");
    assert_eq!(proxy.requests().len(), 1);

    let direct = server.url("/");
    let mut cmd = httpc();
    cmd.env("ALL_PROXY", proxy.url("socks5h"))
        .env("NO_PROXY", "127.0.0.1")
        .arg(&direct);
    run(&mut cmd)
        .assert_success()
        .assert_stdout("origin body\n");
    run(httpc().args([
        "--socks5-hostname",
        &proxy.host_port(),
        "--noproxy",
        "*",
        &direct,
    ]))
    .assert_success();
    assert_eq!(proxy.connection_count(), 1, "{:#?}", proxy.requests());
}

#[test]
fn socks5_user_and_password_come_from_the_url_or_u() {
    let server = origin();
    let proxy = SocksProxy::new(local(server.port()), Some("me:p@ss"));
    let url = format!("http://origin.test:{}/", server.port());
    let with_user = format!("socks5h://me:p%40ss@{}", proxy.host_port());
    run(httpc().args(["-x", &with_user, &url])).assert_success();
    run(httpc().args(["-x", &proxy.url("socks5h"), "-U", "me:p@ss", &url])).assert_success();
    let users: Vec<_> = proxy.requests().into_iter().map(|r| r.user).collect();
    assert_eq!(
        users,
        [Some("me:p@ss".to_string()), Some("me:p@ss".to_string())]
    );
}

#[test]
fn a_socks_proxy_that_says_no_is_exit_7_without_the_password() {
    let server = origin();
    let proxy = SocksProxy::new(local(server.port()), Some("me:right"));
    let url = format!("http://origin.test:{}/", server.port());
    let out = run(httpc().args(["-x", &proxy.url("socks5h"), &url]));
    out.assert_code(7);
    assert!(
        out.stderr_text()
            .contains("no acceptable authentication method"),
        "{out:?}"
    );
    let wrong = format!("socks5h://me:wrongSecret@{}", proxy.host_port());
    let out = run(httpc().args(["-x", &wrong, &url]));
    out.assert_code(7);
    let err = out.stderr_text();
    assert!(
        err.contains("refusal of the user name and password"),
        "{out:?}"
    );
    assert!(!err.contains("wrongSecret"), "{out:?}");
    server.assert_nothing_received();
}

#[test]
fn an_unreachable_socks_proxy_is_exit_7() {
    let server = origin();
    let url = format!("http://origin.test:{}/", server.port());
    let closed = closed_port_url("/");
    let closed = closed.trim_start_matches("http://").trim_end_matches('/');
    let out = run(httpc().args(["--socks5-hostname", closed, &url]));
    out.assert_code(7);
    assert!(out.stderr_text().contains("connection refused"), "{out:?}");
    let out = run(httpc().args(["--socks5", "http://nope:1", &url]));
    out.assert_code(2);
    server.assert_nothing_received();
}
