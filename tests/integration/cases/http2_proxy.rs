//! HTTP/2 through proxies: inside a SOCKS connection (ALPN, or h2c with
//! --http2-prior-knowledge) and inside the CONNECT tunnel of an https://
//! proxy, where the TLS to the proxy offers only http/1.1 and the TLS to
//! the origin runs inside it.

use std::net::SocketAddr;

use crate::support::h2server::{big_body, H2Server, H1_BODY, H2_BODY};
use crate::support::socks::SocksProxy;
use crate::support::tls::Pki;
use crate::support::{get, httpc, run};

fn cacert(pki: &Pki) -> &str {
    pki.ca.cert_pem.to_str().unwrap()
}

/// The address an H2Server listens on, from its URL.
fn addr_of(server: &H2Server) -> SocketAddr {
    let url = server.url("");
    let host_port = url.split("://").nth(1).unwrap();
    host_port.parse().unwrap()
}

fn port_of(server: &H2Server) -> u16 {
    addr_of(server).port()
}

// ---------------------------------------------------------------------------
// SOCKS
// ---------------------------------------------------------------------------

#[test]
fn socks5h_carries_h2_negotiated_inside_it() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let proxy = SocksProxy::new(addr_of(&server), None);
    let url = format!("https://localhost:{}/x", port_of(&server));
    let out = run(&mut get(
        &url,
        &[
            "-v",
            "-x",
            &proxy.url("socks5h"),
            "--cacert",
            cacert(&pki),
            "-w",
            "%{http_version}\n",
        ],
    ));
    out.assert_success().assert_stdout(format!("{H2_BODY}2\n"));
    assert_eq!(
        proxy.only_request().target,
        format!("name localhost:{}", port_of(&server))
    );
    let request = server.only_request();
    assert_eq!(request.path, "/x");
    let err = out.stderr_text();
    for line in [
        format!(
            "* SOCKS proxy {} connected to localhost:{}",
            proxy.host_port(),
            port_of(&server)
        ),
        format!("* Connected to {} (reused: no)", proxy.host_port()),
        "* using HTTP/2, stream 1".to_string(),
    ] {
        assert!(err.contains(&line), "no {line:?}\n{out:?}");
    }
    let tls = err.lines().find(|l| l.starts_with("* TLSv")).unwrap_or("");
    assert!(tls.ends_with(", ALPN h2"), "{out:?}");
}

#[test]
fn two_urls_share_one_socks_connection_over_h2() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let proxy = SocksProxy::new(addr_of(&server), None);
    let url = |path: &str| format!("https://localhost:{}{path}", port_of(&server));
    let out = run(&mut get(
        &url("/a"),
        &[
            &url("/json"),
            "-x",
            &proxy.url("socks5"),
            "--resolve",
            &format!("localhost:{}:127.0.0.1", port_of(&server)),
            "--cacert",
            cacert(&pki),
            "-w",
            "%{http_version}\n",
        ],
    ));
    out.assert_success()
        .assert_stdout(format!("{H2_BODY}2\n{{\"a\":1}}2\n"));
    assert_eq!(proxy.connection_count(), 1);
    assert_eq!(
        proxy.only_request().target,
        format!("addr 127.0.0.1:{}", port_of(&server))
    );
    assert_eq!(server.connection_count(), 1);
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_post_body_arrives_through_socks_over_h2() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let proxy = SocksProxy::new(addr_of(&server), None);
    let url = format!("https://localhost:{}/p", port_of(&server));
    let file = pki.file("upload.bin", &big_body(200_000));
    let at_file = format!("@{}", file.to_str().unwrap());
    let out = run(httpc().args([
        "post",
        &url,
        "-x",
        &proxy.url("socks4a"),
        "--cacert",
        cacert(&pki),
        "-d",
        &at_file,
    ]));
    out.assert_success().assert_stdout(H2_BODY);
    let request = server.only_request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.body, big_body(200_000));
}

#[test]
fn h2c_with_prior_knowledge_goes_through_socks() {
    let server = H2Server::plain();
    let proxy = SocksProxy::new(addr_of(&server), None);
    let out = run(&mut get(
        &server.url("/c"),
        &[
            "-x",
            &proxy.url("socks4"),
            "--http2-prior-knowledge",
            "-w",
            "%{http_version}\n",
        ],
    ));
    out.assert_success().assert_stdout(format!("{H2_BODY}2\n"));
    assert_eq!(server.only_request().path, "/c");
    assert_eq!(proxy.requests().len(), 1);
}

#[test]
fn http1_1_through_socks_stays_on_http_1_1() {
    let pki = Pki::new();
    let server = H2Server::tls_and_h1(&pki.server);
    let proxy = SocksProxy::new(addr_of(&server), None);
    let url = format!("https://localhost:{}/", port_of(&server));
    let out = run(&mut get(
        &url,
        &[
            "-x",
            &proxy.url("socks5h"),
            "--cacert",
            cacert(&pki),
            "--http1.1",
            "-w",
            "%{http_version}\n",
        ],
    ));
    out.assert_success()
        .assert_stdout(format!("{H1_BODY}1.1\n"));
    assert_eq!(server.h1_count(), 1);
    assert!(server.requests().is_empty());
}
