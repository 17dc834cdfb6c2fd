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
    let request = server.only_request();
    assert_eq!(request.sni.as_deref(), Some("other.example"));
    let head = request.head;
    assert!(
        head.contains(&format!("\r\nhost: other.example:{}\r\n", server.port())),
        "{head}"
    );
}

#[test]
fn connect_to_keeps_sni_and_the_certificate_check_on_the_urls_host() {
    let pki = Pki::new();
    let server = TlsServer::new(&pki.other_host);
    let rule = format!("other.example:443:127.0.0.1:{}", server.port());
    let cacert = pki.ca.cert_pem.to_str().unwrap().to_string();
    run(httpc().args([
        "get",
        "https://other.example/t",
        "--connect-to",
        &rule,
        "--cacert",
        &cacert,
    ]))
    .assert_success()
    .assert_stdout(TLS_BODY);
    let request = server.only_request();
    assert_eq!(request.sni.as_deref(), Some("other.example"));
    assert!(
        request.head.contains("\r\nhost: other.example\r\n"),
        "{}",
        request.head
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

/// A server on 127.0.0.1 and one on [::1] at the same port, each
/// answering with its family; `None` when there is no IPv6 loopback.
fn dual_stack() -> Option<(TestServer, TestServer)> {
    let v4 = TestServer::new(|_| Reply::ok("v4\n"));
    let v6 = TestServer::bind(("::1", v4.port()), |_| Reply::ok("v6\n")).ok()?;
    Some((v4, v6))
}

#[test]
fn resolve_takes_ipv6_addresses_without_brackets_as_curl_does() {
    let Some((v4, v6)) = dual_stack() else {
        eprintln!("skipped: no IPv6 loopback here");
        return;
    };
    let port = v4.port();
    let url = format!("http://dual.test:{port}/");
    let rule = format!("dual.test:{port}:::1,127.0.0.1");
    run(httpc().args(["get", &url, "--resolve", &rule]))
        .assert_success()
        .assert_stdout("v6\n");
    run(httpc().args(["get", &url, "--resolve", &rule, "-4"]))
        .assert_success()
        .assert_stdout("v4\n");
    run(httpc().args(["get", &url, "--resolve", &rule, "-6"]))
        .assert_success()
        .assert_stdout("v6\n");
    let host = format!("dual.test:{port}");
    assert_eq!(v4.only_request().header("host"), Some(host.as_str()));
    assert_eq!(v6.requests().len(), 2);
}

#[test]
fn resolve_takes_bracketed_and_mixed_address_lists() {
    let Some((v4, v6)) = dual_stack() else {
        eprintln!("skipped: no IPv6 loopback here");
        return;
    };
    let port = v4.port();
    let url = format!("http://dual.test:{port}/");
    for (rule, family, want) in [
        (format!("dual.test:{port}:[::1]"), "-6", "v6\n"),
        (format!("dual.test:{port}:127.0.0.1,[::1]"), "-6", "v6\n"),
        (format!("dual.test:{port}:[::1],127.0.0.1"), "-4", "v4\n"),
        (format!("dual.test:{port}:127.0.0.1,::1"), "-6", "v6\n"),
    ] {
        run(httpc().args(["get", &url, "--resolve", &rule, family]))
            .assert_success()
            .assert_stdout(want);
    }
    assert_eq!((v4.requests().len(), v6.requests().len()), (1, 3));
}

#[test]
fn connect_to_takes_a_bracketed_ipv6_host() {
    let Ok(server) = TestServer::bind("[::1]:0", |req| {
        Reply::ok(format!("{}\n", req.header("host").unwrap_or("-")))
    }) else {
        eprintln!("skipped: no IPv6 loopback here");
        return;
    };
    let rule = format!("a.test:80:[::1]:{}", server.port());
    run(httpc().args(["get", "http://a.test/", "--connect-to", &rule]))
        .assert_success()
        .assert_stdout("a.test\n");
    // -4 leaves no address for ::1.
    run(httpc().args(["get", "http://a.test/", "--connect-to", &rule, "-4"])).assert_code(6);
    assert_eq!(server.requests().len(), 1);
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

// ---------------------------------------------------------------------------
// --unix-socket
// ---------------------------------------------------------------------------

/// A one-connection HTTP server on a Unix socket that answers every
/// request with its request line and Host; returns the socket's path, and
/// a handle giving the number of connections accepted and what was answered.
#[cfg(unix)]
fn unix_server(
    dir: &std::path::Path,
) -> (
    std::path::PathBuf,
    std::thread::JoinHandle<(usize, Vec<String>)>,
) {
    use std::io::{Read, Write};
    let path = dir.join("api.sock");
    let listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
    let handle = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        let mut seen = Vec::new();
        let mut buf = Vec::new();
        let mut chunk = [0u8; 4096];
        loop {
            while let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&buf[..end]).into_owned();
                buf.drain(..end + 4);
                let line = head.lines().next().unwrap_or_default().to_string();
                let host = head
                    .lines()
                    .find_map(|l| l.strip_prefix("host: "))
                    .unwrap_or("-")
                    .to_string();
                let body = format!("{line} | {host}\n");
                seen.push(body.clone());
                let reply = format!(
                    "HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len()
                );
                conn.write_all(reply.as_bytes()).unwrap();
            }
            match conn.read(&mut chunk) {
                Ok(0) | Err(_) => return (1, seen),
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
    });
    (path, handle)
}

#[cfg(unix)]
#[test]
fn unix_socket_carries_http_with_keep_alive_and_the_urls_host() {
    let dir = crate::support::tempdir();
    let (path, server) = unix_server(dir.path());
    let socket = path.to_str().unwrap();
    let out = run(httpc().args([
        "get",
        "-v",
        "--unix-socket",
        socket,
        "http://localhost/v1.43/containers/json",
        "http://localhost/info",
    ]));
    out.assert_success().assert_stdout(
        "GET /v1.43/containers/json HTTP/1.1 | localhost\nGET /info HTTP/1.1 | localhost\n",
    );
    out.assert_stderr_contains(&format!("* Connected to {socket} (reused: no)\n"));
    out.assert_stderr_contains(&format!("* Connected to {socket} (reused: yes)\n"));
    // Nothing was looked up: the timing line has no DNS phase.
    assert!(
        out.stderr_text()
            .lines()
            .any(|l| l.starts_with("* ") && l.contains("s connect, ")),
        "{out:?}"
    );
    out.assert_stderr_lacks("s dns");
    let (connections, seen) = server.join().unwrap();
    assert_eq!((connections, seen.len()), (1, 2));
}

#[cfg(unix)]
#[test]
fn unix_socket_carries_https_too() {
    use std::os::unix::net::UnixListener;
    let pki = Pki::new();
    let tls = TlsServer::new(&pki.server);
    let dir = crate::support::tempdir();
    let path = dir.path().join("tls.sock");
    let listener = UnixListener::bind(&path).unwrap();
    let port = tls.port();
    // The socket relays to the TLS server: TLS runs end to end over it.
    std::thread::spawn(move || {
        let (client, _) = listener.accept().unwrap();
        let upstream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        let (mut c_read, mut u_write) =
            (client.try_clone().unwrap(), upstream.try_clone().unwrap());
        let up = std::thread::spawn(move || {
            let _ = std::io::copy(&mut c_read, &mut u_write);
            let _ = u_write.shutdown(std::net::Shutdown::Write);
        });
        let (mut u_read, mut c_write) = (upstream, client);
        let _ = std::io::copy(&mut u_read, &mut c_write);
        let _ = c_write.shutdown(std::net::Shutdown::Write);
        let _ = up.join();
    });
    let cacert = pki.ca.cert_pem.to_str().unwrap().to_string();
    run(httpc().args([
        "get",
        "https://localhost/secure",
        "--unix-socket",
        path.to_str().unwrap(),
        "--cacert",
        &cacert,
    ]))
    .assert_success()
    .assert_stdout(TLS_BODY);
    assert!(tls
        .only_request()
        .head
        .starts_with("GET /secure HTTP/1.1\r\n"));
}

#[cfg(unix)]
#[test]
fn a_missing_unix_socket_is_could_not_connect_naming_it() {
    let dir = crate::support::tempdir();
    let path = dir.path().join("none.sock");
    run(httpc().args(["get", "--unix-socket", path.to_str().unwrap(), "http://localhost/"]))
        .assert_code(7)
        .assert_stdout("")
        .assert_stderr(&format!(
            "httpc: error: http://localhost/: cannot connect to the socket {}: no such file or directory\n",
            path.display()
        ));
}
