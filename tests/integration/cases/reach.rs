//! Reaching a server by another address than its name's: `--resolve`,
//! `--connect-to`, `-4`/`-6`. The Host header, SNI and the certificate
//! check stay the URL's host.

use crate::support::tls::{Pki, TlsServer, TLS_BODY};
use crate::support::{httpc, run, Reply, TestServer};

fn echo_host() -> TestServer {
    TestServer::new(|req| Reply::ok(format!("{}\n", req.header("host").unwrap_or("-"))))
}

#[test]
fn resolve_sends_a_name_that_does_not_resolve_to_the_given_address() {
    let server = echo_host();
    let port = server.port();
    let url = format!("http://example.test:{port}/x");
    run(httpc().args([
        "get",
        &url,
        "--resolve",
        &format!("example.test:{port}:127.0.0.1"),
    ]))
    .assert_success()
    .assert_stdout(format!("example.test:{port}\n"));
}

#[test]
fn resolve_keeps_sni_and_the_certificate_check_on_the_urls_host() {
    let pki = Pki::new();
    let server = TlsServer::new(&pki.other_host);
    let url = server.url_for("other.example", "/t");
    let rule = format!("other.example:{}:127.0.0.1", server.port());
    let cacert = pki.ca.cert_pem.to_str().unwrap().to_string();
    run(httpc().args(["get", &url, "--resolve", &rule, "--cacert", &cacert]))
        .assert_success()
        .assert_stdout(TLS_BODY);
    let head = server.only_request().head;
    assert!(
        head.contains(&format!("\r\nhost: other.example:{}\r\n", server.port())),
        "{head}"
    );
}

#[test]
fn resolve_tries_its_addresses_in_order() {
    // Nothing listens on 127.0.0.2 at the server's port: the next one is tried.
    let server = echo_host();
    let port = server.port();
    let rule = format!("two.test:{port}:127.0.0.2,127.0.0.1");
    run(httpc().args([
        "get",
        &format!("http://two.test:{port}/"),
        "--resolve",
        &rule,
    ]))
    .assert_success()
    .assert_stdout(format!("two.test:{port}\n"));
}

#[test]
fn connect_to_sends_one_host_and_port_to_another() {
    let server = echo_host();
    let to = format!("api.test:80:127.0.0.1:{}", server.port());
    run(httpc().args(["get", "http://api.test/", "--connect-to", &to]))
        .assert_success()
        .assert_stdout("api.test\n");
    // Empty parts match any host and port, and keep the URL's.
    let any = format!("::127.0.0.1:{}", server.port());
    run(httpc().args(["get", "http://whatever.test:8080/", "--connect-to", &any]))
        .assert_success()
        .assert_stdout("whatever.test:8080\n");
}

#[test]
fn bad_rules_are_usage_errors_and_send_nothing() {
    let server = echo_host();
    run(httpc().args(["get", &server.url("/"), "--resolve", "x:1:nope"]))
        .assert_code(2)
        .assert_stderr(
            "httpc: error: invalid --resolve 'x:1:nope': 'nope' is not an IP address (use HOST:PORT:ADDR[,ADDR...])\n",
        );
    run(httpc().args(["get", &server.url("/"), "--connect-to", "a:b"]))
        .assert_code(2)
        .assert_stderr(
            "httpc: error: invalid --connect-to 'a:b': four parts are needed (use HOST1:PORT1:HOST2:PORT2)\n",
        );
    server.assert_nothing_received();
}

#[test]
fn ipv4_and_ipv6_keep_one_family() {
    let Ok(server) = TestServer::bind("[::1]:0", |req| {
        Reply::ok(format!("{}\n", req.header("host").unwrap_or("-")))
    }) else {
        eprintln!("skipped: no IPv6 loopback here");
        return;
    };
    let port = server.port();
    let url = format!("http://dual.test:{port}/");
    let rule = format!("dual.test:{port}:127.0.0.1,[::1]");
    run(httpc().args(["get", &url, "--resolve", &rule, "-6"]))
        .assert_success()
        .assert_stdout(format!("dual.test:{port}\n"));
    // Only 127.0.0.1 is left, where nothing listens on this port.
    run(httpc().args(["get", &url, "--resolve", &rule, "-4"])).assert_code(7);
    let v6_only = format!("dual.test:{port}:[::1]");
    run(httpc().args(["get", &url, "--resolve", &v6_only, "-4"]))
        .assert_code(6)
        .assert_stderr(&format!("httpc: error: {url}: could not resolve host\n"));
}

#[test]
fn health_checks_a_node_behind_a_name() {
    let server = echo_host();
    let port = server.port();
    let url = format!("http://node.test:{port}/health");
    let out = run(httpc().args([
        "health",
        &url,
        "--resolve",
        &format!("node.test:{port}:127.0.0.1"),
    ]));
    out.assert_success();
    assert!(out.stdout_text().starts_with("UP    200"), "{out:?}");
    assert_eq!(
        server.only_request().header("host"),
        Some(format!("node.test:{port}").as_str())
    );
}
