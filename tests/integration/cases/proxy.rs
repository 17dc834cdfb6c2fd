//! Proxies: `-x/--proxy`, `--noproxy`, and `http_proxy`/`HTTP_PROXY`,
//! `https_proxy`/`HTTPS_PROXY`, `all_proxy`/`ALL_PROXY`, `no_proxy`/
//! `NO_PROXY` chosen by the target's scheme as curl does. The test proxy
//! records what it received and relays to the (local) target. An http://
//! URL goes to the proxy in absolute-form (`GET http://host/path`), as curl
//! sends it; an https:// URL goes through a CONNECT tunnel.

use crate::support::tls::{basic, Pki, ProxyMode, TestProxy, TlsServer, REFUSAL_BODY, TLS_BODY};
use crate::support::{closed_port_url, get, httpc, run, Outcome, Reply, TestServer};

pub(super) fn origin() -> TestServer {
    TestServer::new(|_| Reply::ok("origin body\n").header("content-type", "text/plain"))
}

#[track_caller]
pub(super) fn assert_origin_body(out: &Outcome) {
    out.assert_success()
        .assert_stdout("origin body\n")
        .assert_stderr_empty();
}

/// The proxy was asked for the origin: `CONNECT 127.0.0.1:PORT`, or an
/// absolute-form request for it.
#[track_caller]
pub(super) fn assert_proxied_to(proxy: &TestProxy, host_port: &str) {
    let req = proxy.only_request();
    let ok = (req.method == "CONNECT" && req.target == host_port)
        || req.target.starts_with(&format!("http://{host_port}/"));
    assert!(ok, "the proxy was not asked for {host_port}: {req:#?}");
}

// ---------------------------------------------------------------------------
// -x / --proxy
// ---------------------------------------------------------------------------

#[test]
fn an_http_url_goes_to_the_proxy_in_absolute_form() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    let out = run(&mut get(&server.url("/via?x=1"), &["-x", &proxy.url()]));
    assert_origin_body(&out);
    let req = proxy.only_request();
    assert_eq!(req.method, "GET", "{req:#?}");
    assert_eq!(req.target, server.url("/via?x=1"), "{req:#?}");
    assert_eq!(req.header("host"), Some(server.host().as_str()));
    let raw = String::from_utf8_lossy(&req.raw_head).into_owned();
    assert!(
        raw.starts_with(&format!("GET {} HTTP/1.1\r\n", server.url("/via?x=1"))),
        "{raw:?}"
    );
    let got = server.only_request();
    assert_eq!(got.target, "/via?x=1");
    assert_eq!(got.header("host"), Some(server.host().as_str()));
}

#[test]
fn several_http_urls_share_one_connection_to_the_proxy() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    let out = run(&mut get(
        &server.url("/a"),
        &[&server.url("/b"), &server.url("/c"), "-x", &proxy.url()],
    ));
    out.assert_success()
        .assert_stdout("origin body\norigin body\norigin body\n");
    let targets: Vec<String> = proxy.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(
        targets,
        [server.url("/a"), server.url("/b"), server.url("/c")]
    );
    assert_eq!(proxy.connection_count(), 1, "one kept-alive connection");
}

#[test]
fn a_post_through_the_proxy_carries_its_body() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    let out = run(httpc().args([
        "post",
        &server.url("/items"),
        "--json",
        r#"{"a":1}"#,
        "-x",
        &proxy.url(),
    ]));
    assert_origin_body(&out);
    let req = proxy.only_request();
    assert_eq!(
        (req.method.as_str(), req.target.as_str()),
        ("POST", server.url("/items").as_str())
    );
    assert_eq!(req.body, br#"{"a":1}"#);
    assert_eq!(server.only_request().body, br#"{"a":1}"#);
}

#[test]
fn an_https_url_goes_through_a_connect_tunnel() {
    let pki = Pki::new();
    let server = TlsServer::new(&pki.server);
    let proxy = TestProxy::tunnel();
    run(&mut get(
        &server.url("/t"),
        &[
            "-x",
            &proxy.url(),
            "--cacert",
            pki.ca.cert_pem.to_str().unwrap(),
        ],
    ))
    .assert_success()
    .assert_stdout(TLS_BODY);
    let req = proxy.only_request();
    assert_eq!(req.method, "CONNECT", "{req:#?}");
    assert_eq!(
        req.target,
        format!("127.0.0.1:{}", server.port()),
        "{req:#?}"
    );
    assert!(server
        .only_request()
        .head
        .starts_with("GET /t HTTP/1.1\r\n"));
}

#[test]
fn proxy_long_flag_works() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    assert_origin_body(&run(&mut get(&server.url("/"), &["--proxy", &proxy.url()])));
    assert_proxied_to(&proxy, &server.host());
}

#[test]
fn proxy_without_scheme_is_http() {
    // curl treats `-x host:port` as an HTTP proxy.
    let server = origin();
    let proxy = TestProxy::tunnel();
    let bare = format!("127.0.0.1:{}", proxy.port());
    assert_origin_body(&run(&mut get(&server.url("/"), &["-x", &bare])));
    assert_proxied_to(&proxy, &server.host());
}

#[test]
fn proxy_flag_tunnels_https() {
    let pki = Pki::new();
    let server = TlsServer::new(&pki.server);
    let proxy = TestProxy::tunnel();
    let out = run(&mut get(
        &server.url("/secure"),
        &[
            "-x",
            &proxy.url(),
            "--cacert",
            pki.ca.cert_pem.to_str().unwrap(),
        ],
    ));
    out.assert_success()
        .assert_stdout(TLS_BODY)
        .assert_stderr_empty();
    let req = proxy.only_request();
    assert_eq!(req.method, "CONNECT", "{req:#?}");
    assert_eq!(req.target, format!("127.0.0.1:{}", server.port()));
    assert!(server
        .only_request()
        .request_line()
        .starts_with("GET /secure HTTP/1.1"));
}

#[test]
fn https_through_proxy_still_checks_the_certificate() {
    let pki = Pki::new();
    let server = TlsServer::new(&pki.server);
    let proxy = TestProxy::tunnel();
    let url = server.url("/");
    run(&mut get(&url, &["-x", &proxy.url()]))
        .assert_code(35)
        .assert_one_error_line(&[&url, "certificate not trusted"]);
    assert_eq!(proxy.requests().len(), 1);
    assert!(server.requests().is_empty());
}

#[test]
fn proxy_flag_beats_the_environment() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    let dead = closed_port_url("");
    let mut cmd = get(&server.url("/"), &["-x", &proxy.url()]);
    cmd.env("HTTP_PROXY", &dead)
        .env("http_proxy", &dead)
        .env("ALL_PROXY", &dead);
    assert_origin_body(&run(&mut cmd));
    assert_proxied_to(&proxy, &server.host());
}

#[test]
fn unreachable_proxy_is_could_not_connect() {
    let server = origin();
    let dead = closed_port_url("");
    let url = server.url("/");
    run(&mut get(&url, &["-x", &dead]))
        .assert_code(7)
        .assert_one_error_line(&[&url]);
    server.assert_nothing_received();
}

#[test]
fn invalid_proxy_url_is_usage_error() {
    let server = origin();
    let out = run(&mut get(&server.url("/"), &["-x", "ftp://127.0.0.1:1"]));
    out.assert_code(2).assert_one_error_line(&["proxy"]);
    server.assert_nothing_received();
}

// ---------------------------------------------------------------------------
// The environment, by scheme
// ---------------------------------------------------------------------------

#[test]
fn lowercase_http_proxy_is_used_for_http() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    let mut cmd = get(&server.url("/"), &[]);
    cmd.env("http_proxy", proxy.url());
    assert_origin_body(&run(&mut cmd));
    assert_proxied_to(&proxy, &server.host());
}

#[test]
fn uppercase_http_proxy_is_used_for_http() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    let mut cmd = get(&server.url("/"), &[]);
    cmd.env("HTTP_PROXY", proxy.url());
    assert_origin_body(&run(&mut cmd));
    assert_proxied_to(&proxy, &server.host());
}

#[test]
fn https_proxy_is_not_used_for_http() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    let mut cmd = get(&server.url("/"), &[]);
    cmd.env("HTTPS_PROXY", proxy.url())
        .env("https_proxy", proxy.url());
    assert_origin_body(&run(&mut cmd));
    proxy.assert_unused();
    server.only_request();
}

#[test]
fn http_proxy_is_not_used_for_https() {
    let pki = Pki::new();
    let server = TlsServer::new(&pki.server);
    let proxy = TestProxy::tunnel();
    let mut cmd = get(
        &server.url("/"),
        &["--cacert", pki.ca.cert_pem.to_str().unwrap()],
    );
    cmd.env("HTTP_PROXY", proxy.url())
        .env("http_proxy", proxy.url());
    run(&mut cmd)
        .assert_success()
        .assert_stdout(TLS_BODY)
        .assert_stderr_empty();
    proxy.assert_unused();
}

#[test]
fn uppercase_https_proxy_is_used_for_https() {
    let pki = Pki::new();
    let server = TlsServer::new(&pki.server);
    let proxy = TestProxy::tunnel();
    let mut cmd = get(
        &server.url("/"),
        &["--cacert", pki.ca.cert_pem.to_str().unwrap()],
    );
    cmd.env("HTTPS_PROXY", proxy.url());
    run(&mut cmd).assert_success().assert_stdout(TLS_BODY);
    let req = proxy.only_request();
    assert_eq!(req.method, "CONNECT");
    assert_eq!(req.target, format!("127.0.0.1:{}", server.port()));
}

#[test]
fn lowercase_https_proxy_is_used_for_https() {
    let pki = Pki::new();
    let server = TlsServer::new(&pki.server);
    let proxy = TestProxy::tunnel();
    let mut cmd = get(
        &server.url("/"),
        &["--cacert", pki.ca.cert_pem.to_str().unwrap()],
    );
    cmd.env("https_proxy", proxy.url());
    run(&mut cmd).assert_success().assert_stdout(TLS_BODY);
    assert_eq!(proxy.only_request().method, "CONNECT");
}

#[test]
fn all_proxy_is_the_fallback_for_http() {
    for name in ["ALL_PROXY", "all_proxy"] {
        let server = origin();
        let proxy = TestProxy::tunnel();
        let mut cmd = get(&server.url("/"), &[]);
        cmd.env(name, proxy.url());
        assert_origin_body(&run(&mut cmd));
        assert_proxied_to(&proxy, &server.host());
    }
}

#[test]
fn all_proxy_is_the_fallback_for_https() {
    let pki = Pki::new();
    let server = TlsServer::new(&pki.server);
    let proxy = TestProxy::tunnel();
    let mut cmd = get(
        &server.url("/"),
        &["--cacert", pki.ca.cert_pem.to_str().unwrap()],
    );
    cmd.env("ALL_PROXY", proxy.url());
    run(&mut cmd).assert_success().assert_stdout(TLS_BODY);
    assert_eq!(proxy.only_request().method, "CONNECT");
}

#[test]
fn scheme_proxy_beats_all_proxy() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    let dead = closed_port_url("");
    let mut cmd = get(&server.url("/"), &[]);
    cmd.env("http_proxy", proxy.url()).env("ALL_PROXY", &dead);
    assert_origin_body(&run(&mut cmd));
    assert_proxied_to(&proxy, &server.host());
}

#[test]
fn https_proxy_does_not_stop_all_proxy_for_http() {
    // HTTPS_PROXY is for https URLs only: an http URL falls back to
    // ALL_PROXY, not to HTTPS_PROXY.
    let server = origin();
    let proxy = TestProxy::tunnel();
    let dead = closed_port_url("");
    let mut cmd = get(&server.url("/"), &[]);
    cmd.env("HTTPS_PROXY", &dead).env("ALL_PROXY", proxy.url());
    assert_origin_body(&run(&mut cmd));
    assert_proxied_to(&proxy, &server.host());
}

#[test]
fn empty_proxy_variable_means_no_proxy() {
    let server = origin();
    let mut cmd = get(&server.url("/"), &[]);
    cmd.env("http_proxy", "").env("HTTP_PROXY", "");
    assert_origin_body(&run(&mut cmd));
}

// ---------------------------------------------------------------------------
// NO_PROXY and --noproxy
// ---------------------------------------------------------------------------

#[test]
fn no_proxy_with_spaces_bypasses_the_proxy() {
    for name in ["NO_PROXY", "no_proxy"] {
        let server = origin();
        let proxy = TestProxy::tunnel();
        let mut cmd = get(&server.url("/"), &[]);
        cmd.env("HTTP_PROXY", proxy.url())
            .env(name, "other, 127.0.0.1");
        assert_origin_body(&run(&mut cmd));
        proxy.assert_unused();
        server.only_request();
    }
}

#[test]
fn no_proxy_for_other_hosts_keeps_the_proxy() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    let mut cmd = get(&server.url("/"), &[]);
    cmd.env("HTTP_PROXY", proxy.url())
        .env("NO_PROXY", "other.example, .corp, 127.0.0.2");
    assert_origin_body(&run(&mut cmd));
    assert_proxied_to(&proxy, &server.host());
}

#[test]
fn no_proxy_leading_dot_matches_the_domain_itself() {
    // curl: ".example.com" switches off the proxy for example.com and
    // www.example.com.
    let server = origin();
    let proxy = TestProxy::tunnel();
    let url = format!("http://localhost:{}/", server.port());
    let mut cmd = get(&url, &[]);
    cmd.env("HTTP_PROXY", proxy.url())
        .env("NO_PROXY", "example.com, .localhost");
    assert_origin_body(&run(&mut cmd));
    proxy.assert_unused();
}

/// A host name that does not resolve: bypassing the proxy makes the lookup
/// fail (exit 6, the proxy unused); through the proxy (which reaches the
/// origin whatever the name) the request succeeds.
fn subdomain_case(no_proxy: &str) -> (Outcome, TestProxy, TestServer) {
    let server = origin();
    let proxy = TestProxy::new(ProxyMode::TunnelTo(
        format!("127.0.0.1:{}", server.port()).parse().unwrap(),
    ));
    let url = format!("http://api.corp.invalid:{}/", server.port());
    let mut cmd = get(&url, &[]);
    cmd.env("HTTP_PROXY", proxy.url()).env("NO_PROXY", no_proxy);
    (run(&mut cmd), proxy, server)
}

#[test]
fn no_proxy_suffix_bypasses_subdomains() {
    for entry in [
        ".corp.invalid",
        "corp.invalid",
        " .corp.invalid ",
        "*.corp.invalid",
    ] {
        let (out, proxy, server) = subdomain_case(&format!("other,{entry}"));
        out.assert_code(6);
        proxy.assert_unused();
        server.assert_nothing_received();
    }
}

#[test]
fn no_proxy_suffix_matches_whole_labels_only() {
    let (out, proxy, server) = subdomain_case("rp.invalid, orp.invalid");
    assert_origin_body(&out);
    let req = proxy.only_request();
    assert_eq!(
        req.target,
        format!("http://api.corp.invalid:{}/", server.port()),
        "{req:#?}"
    );
    assert_eq!(
        server.only_request().header("host"),
        Some(format!("api.corp.invalid:{}", server.port()).as_str())
    );
}

#[test]
fn no_proxy_star_bypasses_everything() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    let mut cmd = get(&server.url("/"), &[]);
    cmd.env("HTTP_PROXY", proxy.url()).env("NO_PROXY", "*");
    assert_origin_body(&run(&mut cmd));
    proxy.assert_unused();
}

#[test]
fn no_proxy_applies_to_https_proxy() {
    let pki = Pki::new();
    let server = TlsServer::new(&pki.server);
    let proxy = TestProxy::tunnel();
    let mut cmd = get(
        &server.url("/"),
        &["--cacert", pki.ca.cert_pem.to_str().unwrap()],
    );
    cmd.env("HTTPS_PROXY", proxy.url())
        .env("NO_PROXY", "localhost, 127.0.0.1");
    run(&mut cmd).assert_success().assert_stdout(TLS_BODY);
    proxy.assert_unused();
}

#[test]
fn noproxy_star_bypasses_the_proxy_flag() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    assert_origin_body(&run(&mut get(
        &server.url("/"),
        &["-x", &proxy.url(), "--noproxy", "*"],
    )));
    proxy.assert_unused();
}

#[test]
fn noproxy_list_bypasses_the_proxy_flag() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    assert_origin_body(&run(&mut get(
        &server.url("/"),
        &["-x", &proxy.url(), "--noproxy", "example.com, 127.0.0.1"],
    )));
    proxy.assert_unused();
}

#[test]
fn noproxy_star_bypasses_the_environment() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    let mut cmd = get(&server.url("/"), &["--noproxy", "*"]);
    cmd.env("HTTP_PROXY", proxy.url())
        .env("ALL_PROXY", proxy.url());
    assert_origin_body(&run(&mut cmd));
    proxy.assert_unused();
}

#[test]
fn noproxy_flag_replaces_no_proxy_env() {
    // As in curl, --noproxy overrides NO_PROXY; an empty list proxies all.
    let server = origin();
    let proxy = TestProxy::tunnel();
    let mut cmd = get(&server.url("/"), &["--noproxy", ""]);
    cmd.env("HTTP_PROXY", proxy.url())
        .env("NO_PROXY", "127.0.0.1");
    assert_origin_body(&run(&mut cmd));
    assert_proxied_to(&proxy, &server.host());
}

#[test]
fn noproxy_for_other_hosts_keeps_the_proxy_flag() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    assert_origin_body(&run(&mut get(
        &server.url("/"),
        &["-x", &proxy.url(), "--noproxy", "other.example"],
    )));
    assert_proxied_to(&proxy, &server.host());
}

// ---------------------------------------------------------------------------
// Proxy credentials
// ---------------------------------------------------------------------------

#[test]
fn proxy_credentials_go_to_the_proxy_only() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    assert_origin_body(&run(&mut get(
        &server.url("/"),
        &["-x", &proxy.url_with_user("user:pw")],
    )));
    let req = proxy.only_request();
    assert_eq!(
        req.header("proxy-authorization"),
        Some(basic("user", "pw").as_str()),
        "{req:#?}"
    );
    let got = server.only_request();
    assert!(
        got.header("proxy-authorization").is_none() && got.header("authorization").is_none(),
        "credentials reached the origin: {got:#?}"
    );
    assert!(!String::from_utf8_lossy(&got.raw_head).contains(&basic("user", "pw")[6..]));
}

#[test]
fn proxy_credentials_from_the_environment_go_to_the_proxy_only() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    let mut cmd = get(&server.url("/"), &[]);
    cmd.env("http_proxy", proxy.url_with_user("envuser:envpw"));
    assert_origin_body(&run(&mut cmd));
    assert_eq!(
        proxy.only_request().header("proxy-authorization"),
        Some(basic("envuser", "envpw").as_str())
    );
    assert!(server
        .only_request()
        .header("proxy-authorization")
        .is_none());
}

#[test]
fn proxy_credentials_are_not_sent_to_an_https_origin() {
    let pki = Pki::new();
    let server = TlsServer::new(&pki.server);
    let proxy = TestProxy::tunnel();
    run(&mut get(
        &server.url("/"),
        &[
            "-x",
            &proxy.url_with_user("user:pw"),
            "--cacert",
            pki.ca.cert_pem.to_str().unwrap(),
        ],
    ))
    .assert_success()
    .assert_stdout(TLS_BODY);
    assert_eq!(
        proxy.only_request().header("proxy-authorization"),
        Some(basic("user", "pw").as_str())
    );
    let got = server.only_request();
    assert!(got.header("proxy-authorization").is_none(), "{got:#?}");
}

#[test]
fn percent_encoded_proxy_credentials_are_decoded() {
    // curl decodes %XX in the user-info of the proxy URL.
    let server = origin();
    let proxy = TestProxy::tunnel();
    assert_origin_body(&run(&mut get(
        &server.url("/"),
        &["-x", &proxy.url_with_user("us%40er:p%3Aw")],
    )));
    assert_eq!(
        proxy.only_request().header("proxy-authorization"),
        Some(basic("us@er", "p:w").as_str())
    );
}

#[test]
fn verbose_never_shows_the_proxy_password() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    let password = "s3cretProxyPw";
    let out = run(&mut get(
        &server.url("/"),
        &[
            "-v",
            "-x",
            &proxy.url_with_user(&format!("user:{password}")),
        ],
    ));
    out.assert_success().assert_stdout("origin body\n");
    let err = out.stderr_text();
    let encoded = &basic("user", password)[6..];
    assert!(!err.contains(password), "password in the trace\n{out:?}");
    assert!(
        !err.contains(encoded),
        "encoded credentials in the trace\n{out:?}"
    );
    assert!(
        err.contains(&format!("> GET {} HTTP/1.1", server.url("/"))),
        "{out:?}"
    );
    assert!(
        err.contains("> proxy-authorization: <redacted, "),
        "the header the proxy got is traced, redacted\n{out:?}"
    );
    assert_eq!(proxy.requests().len(), 1);
}

#[test]
fn proxy_password_is_not_in_error_messages() {
    let server = origin();
    let proxy = TestProxy::new(ProxyMode::Refuse(407, "Proxy Authentication Required"));
    let password = "s3cretProxyPw";
    let out = run(&mut get(
        &server.url("/"),
        &[
            "-v",
            "-x",
            &proxy.url_with_user(&format!("user:{password}")),
        ],
    ));
    assert_ne!(out.code(), Some(0), "{out:?}");
    let err = out.stderr_text();
    assert!(!err.contains(password), "password on stderr\n{out:?}");
    assert!(!err.contains(&basic("user", password)[6..]), "{out:?}");
    server.assert_nothing_received();
}

// ---------------------------------------------------------------------------
// A proxy that says no: for an http URL its answer is the response; for an
// https URL it refused the tunnel
// ---------------------------------------------------------------------------

#[test]
fn a_407_for_an_http_url_is_a_4xx_response_with_its_body() {
    let server = origin();
    let proxy = TestProxy::new(ProxyMode::Refuse(407, "Proxy Authentication Required"));
    let out = run(&mut get(&server.url("/"), &["-x", &proxy.url()]));
    out.assert_code(4)
        .assert_stdout(REFUSAL_BODY)
        .assert_stderr("httpc: warning: HTTP 407 Proxy Authentication Required\n");
    server.assert_nothing_received();
}

#[test]
fn a_403_for_an_http_url_is_a_4xx_response() {
    let server = origin();
    let proxy = TestProxy::new(ProxyMode::Refuse(403, "Forbidden"));
    let out = run(&mut get(&server.url("/"), &["-x", &proxy.url(), "-i"]));
    out.assert_code(4)
        .assert_stdout_contains("HTTP/1.1 403 Forbidden");
    server.assert_nothing_received();
}

/// An https origin that must not be reached, and the CA to trust it.
fn https_origin() -> (Pki, TlsServer) {
    let pki = Pki::new();
    let server = TlsServer::new(&pki.server);
    (pki, server)
}

#[test]
fn a_refused_tunnel_is_could_not_connect() {
    for (status, reason) in [(407, "Proxy Authentication Required"), (403, "Forbidden")] {
        let (pki, server) = https_origin();
        let proxy = TestProxy::new(ProxyMode::Refuse(status, reason));
        let url = server.url("/");
        let cacert = pki.ca.cert_pem.to_str().unwrap().to_string();
        let out = run(&mut get(&url, &["-x", &proxy.url(), "--cacert", &cacert]));
        out.assert_code(7).assert_stdout("").assert_stderr(&format!(
            "httpc: error: {url}: proxy refused the tunnel: {status} {reason}\n"
        ));
        assert_eq!(proxy.only_request().method, "CONNECT");
        assert_eq!(server.requests().len(), 0);
    }
}

// ---------------------------------------------------------------------------
// --no-decompress through a proxy (the direct case is in tests/output.rs)
// ---------------------------------------------------------------------------

#[test]
fn no_decompress_through_a_proxy_passes_gzip_bytes_as_sent() {
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(b"hello through the proxy").unwrap();
    let gz = enc.finish().unwrap();
    let body = gz.clone();
    let server = TestServer::new(move |_| {
        Reply::ok(body.clone())
            .header("content-type", "text/plain")
            .header("content-encoding", "gzip")
    });
    let proxy = TestProxy::tunnel();
    run(&mut get(
        &server.url("/"),
        &["-x", &proxy.url(), "--no-decompress"],
    ))
    .assert_success()
    .assert_stdout(&gz)
    .assert_stderr_empty();
    let req = server.only_request();
    assert!(req.header("accept-encoding").is_none(), "{req:#?}");
    // And without the flag, decoded.
    run(&mut get(&server.url("/"), &["-x", &proxy.url()]))
        .assert_success()
        .assert_stdout("hello through the proxy");
}

// ---------------------------------------------------------------------------
// Trace and write-out through a proxy
// ---------------------------------------------------------------------------

#[test]
fn verbose_through_a_proxy_traces_each_head_once() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    let out = run(&mut get(
        &server.url("/t"),
        &["-v", "-x", &proxy.url_with_user("user:pw")],
    ));
    out.assert_success().assert_stdout("origin body\n");
    let err = out.stderr_text();
    let count = |line: &str| err.lines().filter(|l| *l == line).count();
    let request_line = format!("> GET {} HTTP/1.1", server.url("/t"));
    assert_eq!(count(&request_line), 1, "request head once\n{out:?}");
    assert_eq!(count("< HTTP/1.1 200 OK"), 1, "response head once\n{out:?}");
    assert!(
        !err.contains("Connected to ?"),
        "a Connected line without an address\n{out:?}"
    );
    // Showing the CONNECT exchange is optional; shown, it is whole and
    // its credentials are redacted.
    for line in err.lines().filter(|l| l.starts_with("> CONNECT")) {
        assert_eq!(
            line,
            format!("> CONNECT {} HTTP/1.1", server.host()),
            "{out:?}"
        );
    }
    for line in err
        .lines()
        .filter(|l| l.to_ascii_lowercase().starts_with("> proxy-authorization:"))
    {
        assert!(line.contains("redacted"), "{out:?}");
    }
}

#[test]
fn write_out_through_a_proxy() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    let out = run(&mut get(
        &server.url("/"),
        &[
            "-x",
            &proxy.url(),
            "-w",
            "\\n%{size_upload} %{time_connect} %{time_total}",
        ],
    ));
    out.assert_success();
    let text = out.stdout_text();
    let last: Vec<&str> = text.lines().last().unwrap().split(' ').collect();
    assert_eq!(last[0], "0", "a GET uploads nothing\n{out:?}");
    let connect: f64 = last[1].parse().unwrap();
    let total: f64 = last[2].parse().unwrap();
    // As in curl: the TCP connect to the proxy.
    assert!(
        connect > 0.0 && connect <= total,
        "time_connect {connect} (total {total})\n{out:?}"
    );
}

#[test]
fn upload_size_through_a_proxy_counts_the_body_only() {
    let server = origin();
    let proxy = TestProxy::tunnel();
    let out = run(httpc().args([
        "post",
        &server.url("/"),
        "-d",
        "hello",
        "-x",
        &proxy.url(),
        "-w",
        "\\n%{size_upload}",
    ]));
    out.assert_success();
    assert_eq!(out.stdout_text().lines().last(), Some("5"), "{out:?}");
    assert_eq!(server.only_request().body, b"hello");
}

// ---------------------------------------------------------------------------
// Proxy failures in words
// ---------------------------------------------------------------------------

#[test]
fn proxy_refusal_message_is_in_words() {
    let (pki, server) = https_origin();
    let proxy = TestProxy::new(ProxyMode::Refuse(407, "Proxy Authentication Required"));
    let cacert = pki.ca.cert_pem.to_str().unwrap().to_string();
    let out = run(&mut get(
        &server.url("/"),
        &["-x", &proxy.url(), "--cacert", &cacert],
    ));
    out.assert_code(7)
        .assert_one_error_line(&["407", "proxy authentication required"]);
    out.assert_stderr_lacks("407/407");
    assert_eq!(server.requests().len(), 0);
}

#[test]
fn unreachable_proxy_error_names_the_proxy() {
    // The origin is fine; saying only "connection refused" next to its URL
    // sends the user looking in the wrong place.
    let server = origin();
    let dead = closed_port_url("");
    let dead_host = dead.trim_start_matches("http://").trim_end_matches('/');
    let out = run(&mut get(&server.url("/"), &["-x", &dead]));
    out.assert_code(7)
        .assert_one_error_line(&["proxy", dead_host, "connection refused"]);
    server.assert_nothing_received();
}
