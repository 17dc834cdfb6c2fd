//! HTTP/2 through proxies: inside a SOCKS connection (ALPN, or h2c with
//! --http2-prior-knowledge) and inside the CONNECT tunnel of an https://
//! proxy, where the TLS to the proxy offers only http/1.1 and the TLS to
//! the origin runs inside it.

use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::thread;

use crate::support::h2server::{big_body, tls_acceptor, H2Server, H1_BODY, H2_BODY};
use crate::support::socks::SocksProxy;
use crate::support::tls::{Identity, Pki, TestProxy, TlsServer, TLS_BODY};
use crate::support::{get, httpc, run, Outcome, Reply, TestServer};

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

// ---------------------------------------------------------------------------
// https:// proxies
// ---------------------------------------------------------------------------

/// An https:// proxy: TLS in front of the test's CONNECT proxy, relaying
/// the plaintext both ways. Its TLS accepts h2 and http/1.1, so what each
/// connection settled on shows what the client offered.
struct TlsProxy {
    addr: SocketAddr,
    /// The ALPN protocol each connection settled on.
    alpn: Arc<Mutex<Vec<Option<String>>>>,
    connect: TestProxy,
}

impl TlsProxy {
    fn new(id: &Identity) -> TlsProxy {
        let connect = TestProxy::tunnel();
        let behind: SocketAddr = ([127, 0, 0, 1], connect.port()).into();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let alpn = Arc::new(Mutex::new(Vec::new()));
        let acceptor = tls_acceptor(id, vec![b"h2".to_vec(), b"http/1.1".to_vec()]);
        let seen = alpn.clone();
        thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(relay(listener, acceptor, behind, seen));
        });
        TlsProxy {
            addr,
            alpn,
            connect,
        }
    }

    /// `https://127.0.0.1:PORT`
    fn url(&self) -> String {
        format!("https://127.0.0.1:{}", self.addr.port())
    }

    fn alpn(&self) -> Vec<Option<String>> {
        self.alpn.lock().unwrap().clone()
    }
}

async fn relay(
    listener: TcpListener,
    acceptor: tokio_rustls::TlsAcceptor,
    behind: SocketAddr,
    seen: Arc<Mutex<Vec<Option<String>>>>,
) {
    let listener = tokio::net::TcpListener::from_std(listener).unwrap();
    while let Ok((socket, _)) = listener.accept().await {
        let Ok(mut tls) = acceptor.accept(socket).await else {
            continue;
        };
        let alpn = tls.get_ref().1.alpn_protocol();
        seen.lock()
            .unwrap()
            .push(alpn.map(|p| String::from_utf8_lossy(p).into_owned()));
        tokio::spawn(async move {
            if let Ok(mut upstream) = tokio::net::TcpStream::connect(behind).await {
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut upstream).await;
            }
        });
    }
}

fn through_tls_proxy(pki: &Pki, proxy: &TlsProxy, urls: &[&str], more: &[&str]) -> Outcome {
    let mut args: Vec<&str> = urls[1..].to_vec();
    let proxy_url = proxy.url();
    args.extend(["-x", &proxy_url, "--cacert", cacert(pki)]);
    args.extend(more);
    run(&mut get(urls[0], &args))
}

#[test]
fn an_https_proxy_tunnel_carries_h2_inside_tls_to_the_proxy() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let proxy = TlsProxy::new(&pki.server);
    let url = server.url("/x");
    let out = through_tls_proxy(&pki, &proxy, &[&url], &["-v", "-w", "%{http_version}\n"]);
    out.assert_success().assert_stdout(format!("{H2_BODY}2\n"));
    // The TLS to the proxy offered only http/1.1.
    assert_eq!(proxy.alpn(), [Some("http/1.1".to_string())]);
    let connect = proxy.connect.only_request();
    assert_eq!(connect.method, "CONNECT");
    assert_eq!(server.only_request().path, "/x");
    let err = out.stderr_text();
    for line in [
        format!("* Connected to {} (reused: no)", proxy.addr),
        "* using HTTP/2, stream 1".to_string(),
    ] {
        assert!(err.contains(&line), "no {line:?}\n{out:?}");
    }
    // The TLS line is the origin's, inside the tunnel.
    let tls: Vec<&str> = err.lines().filter(|l| l.starts_with("* TLSv")).collect();
    assert_eq!(tls.len(), 1, "{out:?}");
    assert!(tls[0].ends_with(", ALPN h2"), "{out:?}");
}

#[test]
fn two_urls_share_one_tunnel_through_an_https_proxy() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let proxy = TlsProxy::new(&pki.server);
    let (a, json) = (server.url("/a"), server.url("/json"));
    let out = through_tls_proxy(
        &pki,
        &proxy,
        &[&a, &json],
        &["-v", "-w", "%{http_version}\n"],
    );
    out.assert_success()
        .assert_stdout(format!("{H2_BODY}2\n{{\"a\":1}}2\n"));
    assert_eq!(proxy.alpn().len(), 1);
    assert_eq!(proxy.connect.requests().len(), 1);
    assert_eq!(server.connection_count(), 1);
    assert_eq!(server.requests().len(), 2);
    let err = out.stderr_text();
    assert!(
        err.contains(&format!("* Connected to {} (reused: yes)", proxy.addr)),
        "{out:?}"
    );
    assert!(err.contains("* using HTTP/2, stream 3"), "{out:?}");
}

#[test]
fn bodies_both_ways_cross_tls_inside_tls() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let proxy = TlsProxy::new(&pki.server);
    let file = pki.file("upload.bin", &big_body(300_000));
    let at_file = format!("@{}", file.to_str().unwrap());
    let proxy_url = proxy.url();
    let out = run(httpc().args([
        "post",
        &server.url("/p"),
        "-x",
        &proxy_url,
        "--cacert",
        cacert(&pki),
        "-d",
        &at_file,
    ]));
    out.assert_success().assert_stdout(H2_BODY);
    let request = server.only_request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.body, big_body(300_000));

    let big = server.url("/big/3000000");
    let out = through_tls_proxy(&pki, &proxy, &[&big], &[]);
    out.assert_success();
    assert!(out.stdout() == big_body(3_000_000).as_slice(), "{out:?}");
}

#[test]
fn http1_1_keeps_an_https_proxy_tunnel_at_http_1_1() {
    let pki = Pki::new();
    let server = H2Server::tls_and_h1(&pki.server);
    let proxy = TlsProxy::new(&pki.server);
    let url = server.url("/");
    let out = through_tls_proxy(
        &pki,
        &proxy,
        &[&url],
        &["--http1.1", "-w", "%{http_version}\n"],
    );
    out.assert_success()
        .assert_stdout(format!("{H1_BODY}1.1\n"));
    assert_eq!(server.h1_count(), 1);
    assert!(server.requests().is_empty());
    assert_eq!(proxy.alpn(), [Some("http/1.1".to_string())]);
}

#[test]
fn an_http_1_1_origin_behind_an_https_proxy_still_answers() {
    let pki = Pki::new();
    let server = TlsServer::new(&pki.server);
    let proxy = TlsProxy::new(&pki.server);
    let url = server.url("/h1");
    let out = through_tls_proxy(&pki, &proxy, &[&url], &["-w", "%{http_version}\n"]);
    out.assert_success()
        .assert_stdout(format!("{TLS_BODY}1.1\n"));
    assert_eq!(proxy.connect.only_request().method, "CONNECT");
    assert!(server.only_request().request_line().starts_with("GET /h1 "));
}

#[test]
fn an_http_url_through_an_https_proxy_stays_on_http_1_1() {
    let pki = Pki::new();
    let server = TestServer::script([Reply::ok("plain body\n"), Reply::ok("again\n")]);
    let proxy = TlsProxy::new(&pki.server);
    let (one, two) = (server.url("/one"), server.url("/two"));
    let out = through_tls_proxy(&pki, &proxy, &[&one, &two], &["-w", "%{http_version}\n"]);
    out.assert_success()
        .assert_stdout("plain body\n1.1\nagain\n1.1\n");
    assert_eq!(proxy.connect.only_request().method, "CONNECT");
    let got = server.requests();
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].target, "/two");
}

#[test]
fn prior_knowledge_through_an_https_proxy_offers_h2_to_the_origin_only() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let proxy = TlsProxy::new(&pki.server);
    let url = server.url("/k");
    let out = through_tls_proxy(
        &pki,
        &proxy,
        &[&url],
        &["--http2-prior-knowledge", "-w", "%{http_version}\n"],
    );
    out.assert_success().assert_stdout(format!("{H2_BODY}2\n"));
    assert_eq!(proxy.alpn(), [Some("http/1.1".to_string())]);
    assert_eq!(server.only_request().path, "/k");
}
