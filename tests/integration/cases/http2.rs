//! HTTP/2: negotiated by ALPN on https, --http1.1, h2c with
//! --http2-prior-knowledge, bodies both ways, one connection for several
//! URLs, and the exits of a reset stream (92) and a failed connection (16).
//! The server is h2's own server half (`support::h2server`).

use crate::support::h2server::{big_body, H2Server, H1_BODY, H2_BODY};
use crate::support::tls::{Pki, TlsServer, TLS_BODY};
use crate::support::{get, httpc, run, TestServer};

fn cacert(pki: &Pki) -> &str {
    pki.ca.cert_pem.to_str().unwrap()
}

#[test]
fn https_negotiates_h2_by_alpn() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let out = run(&mut get(
        &server.url("/x?q=1"),
        &["--cacert", cacert(&pki), "-w", "%{http_version}\n"],
    ));
    out.assert_success()
        .assert_stdout(format!("{H2_BODY}2\n"))
        .assert_stderr_empty();
    let request = server.only_request();
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, "/x?q=1");
    assert_eq!(
        request.authority,
        server.url("").trim_start_matches("https://")
    );
    assert_eq!(request.header("user-agent"), Some("httpc/0.1.0"));
}

#[test]
fn an_h2_head_has_no_reason_phrase() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let out = run(&mut get(
        &server.url("/json"),
        &["--cacert", cacert(&pki), "-i"],
    ));
    out.assert_success();
    let text = out.stdout_text();
    assert!(text.starts_with("HTTP/2 200\r\n"), "{text}");
    assert!(
        text.contains("content-type: application/json\r\n"),
        "{text}"
    );
    assert!(text.ends_with("\r\n\r\n{\"a\":1}"), "{text}");
}

#[test]
fn http1_1_offers_only_http_1_1() {
    let pki = Pki::new();
    let server = TlsServer::new(&pki.server);
    let out = run(&mut get(
        &server.url("/"),
        &[
            "--cacert",
            cacert(&pki),
            "--http1.1",
            "-w",
            "%{http_version}",
        ],
    ));
    out.assert_success().assert_stdout(format!("{TLS_BODY}1.1"));
    assert!(server.only_request().request_line().ends_with("HTTP/1.1"));
}

#[test]
fn http1_1_against_an_h2_only_server_is_a_tls_failure() {
    // The server offers no http/1.1, so the handshake fails: nothing is
    // spoken over HTTP/2 when the user said HTTP/1.1.
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let out = run(&mut get(
        &server.url("/"),
        &["--cacert", cacert(&pki), "--http1.1"],
    ));
    out.assert_code(35);
    assert!(server.requests().is_empty());
}

#[test]
fn the_version_flags_are_mutually_exclusive() {
    for pair in [
        ["--http1.1", "--http2"],
        ["--http2", "--http2-prior-knowledge"],
        ["--http1.1", "--http2-prior-knowledge"],
    ] {
        let out = run(&mut get("http://127.0.0.1:9/", &pair));
        out.assert_code(2).assert_stdout("");
    }
}

#[test]
fn prior_knowledge_speaks_h2c_on_http() {
    let server = H2Server::plain();
    let out = run(&mut get(
        &server.url("/"),
        &["--http2-prior-knowledge", "-w", "%{http_version}"],
    ));
    out.assert_success()
        .assert_stdout(format!("{H2_BODY}2"))
        .assert_stderr_empty();
    assert_eq!(server.only_request().path, "/");
}

#[test]
fn http_stays_on_http_1_1_without_prior_knowledge() {
    let server = TestServer::ok("plain");
    let out = run(&mut get(
        &server.url("/"),
        &["--http2", "-w", "%{http_version}"],
    ));
    out.assert_success().assert_stdout("plain1.1");
}

#[test]
fn prior_knowledge_against_an_http_1_1_server_is_16() {
    let server = TestServer::ok("plain");
    let url = server.url("/");
    let out = run(&mut get(&url, &["--http2-prior-knowledge"]));
    out.assert_code(16)
        .assert_stdout("")
        .assert_one_error_line(&[&url, "--http1.1"]);
}

#[test]
fn json_and_file_bodies_reach_the_server() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let out = run(httpc().args([
        "post",
        &server.url("/p"),
        "--cacert",
        cacert(&pki),
        "--json",
        r#"{"k":"v"}"#,
    ]));
    out.assert_success();
    let file = pki.file("upload.bin", &big_body(300_000));
    let at_file = format!("@{}", file.to_str().unwrap());
    let out = run(httpc().args([
        "post",
        &server.url("/f"),
        "--cacert",
        cacert(&pki),
        "-d",
        &at_file,
    ]));
    out.assert_success();
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "{requests:#?}");
    assert_eq!(requests[0].method, "POST");
    assert_eq!(requests[0].body, br#"{"k":"v"}"#);
    assert_eq!(requests[0].header("content-type"), Some("application/json"));
    assert_eq!(requests[1].body, big_body(300_000));
    assert_eq!(requests[1].header("content-length"), Some("300000"));
    assert_eq!(requests[1].header("expect"), None);
}

#[test]
fn connection_specific_headers_are_left_out_with_a_note() {
    let server = H2Server::plain();
    let out = run(&mut get(
        &server.url("/"),
        &[
            "--http2-prior-knowledge",
            "-H",
            "Connection: close",
            "-H",
            "X-Keep: yes",
            "-v",
        ],
    ));
    out.assert_success()
        .assert_stderr_contains("* connection: left out (not sent over HTTP/2)");
    let request = server.only_request();
    assert_eq!(request.header("connection"), None);
    assert_eq!(request.header("x-keep"), Some("yes"));
}

#[test]
fn a_large_body_goes_to_the_file_whole() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.bin");
    let size = 12 * 1024 * 1024 + 7;
    let out = run(&mut get(
        &server.url(&format!("/big/{size}")),
        &["--cacert", cacert(&pki), "-o", file.to_str().unwrap()],
    ));
    out.assert_success().assert_stdout("");
    assert!(std::fs::read(&file).unwrap() == big_body(size));
}

/// h2c reads the socket in turns as TLS does: a body of many turns, past
/// the stream's window, arrives whole and in order.
#[test]
fn a_large_h2c_body_goes_to_the_file_whole() {
    let server = H2Server::plain();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.bin");
    let size = 12 * 1024 * 1024 + 7;
    let out = run(&mut get(
        &server.url(&format!("/big/{size}")),
        &[
            "--http2-prior-knowledge",
            "-o",
            file.to_str().unwrap(),
            "-w",
            "%{http_version}",
        ],
    ));
    out.assert_success().assert_stdout("2");
    assert!(std::fs::read(&file).unwrap() == big_body(size));
}

#[test]
fn a_large_body_goes_to_stdout_whole() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let size = 3 * 1024 * 1024 + 5;
    let out = run(&mut get(
        &server.url(&format!("/big/{size}")),
        &["--cacert", cacert(&pki)],
    ));
    out.assert_success();
    assert!(
        out.stdout() == big_body(size),
        "{} bytes",
        out.stdout().len()
    );
}

#[test]
fn a_body_reset_midway_keeps_the_bytes_before_and_is_92() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let size = 2 * 1024 * 1024 + 3;
    let out = run(&mut get(
        &server.url(&format!("/cut/{size}")),
        &["--cacert", cacert(&pki)],
    ));
    out.assert_code(92)
        .assert_stderr_contains("stream reset by the server: INTERNAL_ERROR");
    // The server drops what it had queued but not sent when it resets:
    // what arrived is a start of the body, in order, and not nothing.
    let got = out.stdout();
    assert!(!got.is_empty() && got.len() <= size);
    assert!(got == &big_body(size)[..got.len()], "{} bytes", got.len());
}

#[test]
fn several_urls_share_one_connection() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let out = run(&mut get(
        &server.url("/a"),
        &[
            &server.url("/b"),
            &server.url("/json"),
            "--cacert",
            cacert(&pki),
            "-v",
        ],
    ));
    out.assert_success()
        .assert_stdout(format!("{H2_BODY}{H2_BODY}{{\"a\":1}}"));
    assert_eq!(server.connection_count(), 1);
    let stderr = out.stderr_text();
    assert_eq!(stderr.matches("(reused: yes)").count(), 2, "{stderr}");
    for stream in ["stream 1\n", "stream 3\n", "stream 5\n"] {
        assert!(
            stderr.contains(&format!("* using HTTP/2, {stream}")),
            "{stderr}"
        );
    }
}

#[test]
fn a_reset_stream_is_92_and_suggests_http1_1() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let url = server.url("/reset");
    let out = run(&mut get(&url, &["--cacert", cacert(&pki)]));
    out.assert_code(92)
        .assert_stdout("")
        .assert_one_error_line(&[
            &url,
            "stream reset by the server: INTERNAL_ERROR (0x2)",
            "--http1.1",
        ]);
}

#[test]
fn a_goaway_with_an_error_is_16() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let url = server.url("/goaway");
    let out = run(&mut get(&url, &["--cacert", cacert(&pki)]));
    // The server closes right after its GOAWAY, and may reset the
    // connection before httpc reads it: the words vary, the exit does not.
    out.assert_code(16)
        .assert_stdout("")
        .assert_one_error_line(&[&url, "--http1.1"]);
}

#[test]
fn the_trace_shows_an_h2_exchange() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let out = run(&mut get(
        &server.url("/t"),
        &["--cacert", cacert(&pki), "-v"],
    ));
    out.assert_success().assert_stdout(H2_BODY);
    let stderr = out.stderr_text();
    let port = server.url("").rsplit(':').next().unwrap().to_string();
    for line in [
        format!("* Connected to 127.0.0.1:{port} (reused: no)\n"),
        ", ALPN h2\n".to_string(),
        "* using HTTP/2, stream 1\n".to_string(),
        "> GET /t HTTP/2\n".to_string(),
        format!("> host: 127.0.0.1:{port}\n"),
        "< HTTP/2 200\n".to_string(),
        "< content-type: text/plain\n".to_string(),
    ] {
        assert!(stderr.contains(&line), "{line:?} not in:\n{stderr}");
    }
}

#[test]
fn health_speaks_h2_and_says_so_in_json() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let out = run(httpc().args([
        "health",
        &server.url("/up"),
        "--cacert",
        cacert(&pki),
        "--json",
    ]));
    out.assert_success();
    let v: serde_json::Value = serde_json::from_slice(out.stdout()).unwrap();
    assert_eq!(v[0]["status"], 200, "{v}");
    assert_eq!(v[0]["http_version"], "2", "{v}");
    let out = run(httpc().args([
        "health",
        &server.url("/up"),
        "--http1.1",
        "--cacert",
        cacert(&pki),
    ]));
    out.assert_code(1);
}

#[test]
fn a_refused_stream_is_sent_again_on_a_new_connection() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let out = run(httpc().args([
        "post",
        &server.url("/refuse-once"),
        "--cacert",
        cacert(&pki),
        "-d",
        "body",
        "-v",
    ]));
    out.assert_success()
        .assert_stdout(H2_BODY)
        .assert_stderr_contains(
            "* stream refused by the server: REFUSED_STREAM (0x7): the server did not process the request; sending again on a new connection",
        );
    assert_eq!(server.connection_count(), 2);
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "{requests:#?}");
    assert_eq!(requests[1].body, b"body");
}

#[test]
fn a_stream_refused_twice_is_92() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let url = server.url("/refuse");
    let out = run(&mut get(&url, &["--cacert", cacert(&pki)]));
    out.assert_code(92)
        .assert_one_error_line(&[&url, "REFUSED_STREAM"]);
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_refused_stream_from_stdin_is_not_sent_again() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let url = server.url("/refuse-once");
    let out = run(httpc()
        .args(["post", &url, "--cacert", cacert(&pki), "-d", "@-"])
        .write_stdin("from stdin"));
    out.assert_code(92)
        .assert_one_error_line(&[&url, "REFUSED_STREAM"]);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn http_1_1_required_sends_again_over_http_1_1() {
    let pki = Pki::new();
    let server = H2Server::tls_and_h1(&pki.server);
    let out = run(&mut get(
        &server.url("/h1-required"),
        &["--cacert", cacert(&pki), "-w", "%{http_version}", "-v"],
    ));
    out.assert_success()
        .assert_stdout(format!("{H1_BODY}1.1"))
        .assert_stderr_contains("sending again over it");
    assert_eq!(server.h1_count(), 1);
}

#[test]
fn the_trace_names_a_reset_stream() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let out = run(&mut get(
        &server.url("/reset"),
        &["--cacert", cacert(&pki), "-v"],
    ));
    out.assert_code(92)
        .assert_stderr_contains("* stream 1 reset by the server: INTERNAL_ERROR (0x2)\n");
}

#[test]
fn a_reset_stream_is_retried_with_retry() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let out = run(&mut get(
        &server.url("/reset"),
        &[
            "--cacert",
            cacert(&pki),
            "--retry",
            "1",
            "--retry-delay",
            "0.1",
        ],
    ));
    out.assert_code(92);
    assert_eq!(server.requests().len(), 2, "{:#?}", server.requests());
}

#[test]
fn h2_runs_inside_a_connect_tunnel_and_several_urls_share_it() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let proxy = crate::support::tls::TestProxy::tunnel();
    let out = run(&mut get(
        &server.url("/a"),
        &[
            &server.url("/json"),
            "-x",
            &proxy.url(),
            "--cacert",
            cacert(&pki),
            "-w",
            "%{http_version}\n",
        ],
    ));
    out.assert_success()
        .assert_stdout(format!("{H2_BODY}2\n{{\"a\":1}}2\n"));
    let connects = proxy.requests();
    assert_eq!(connects.len(), 1, "{connects:#?}");
    assert_eq!(connects[0].method, "CONNECT");
    assert_eq!(server.connection_count(), 1);
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn h2_runs_over_a_unix_socket() {
    let pki = Pki::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h2.sock");
    let server = crate::support::h2server::unix_tls(&pki.server, &path);
    let out = run(&mut get(
        "https://localhost/u",
        &[
            "https://localhost/json",
            "--unix-socket",
            path.to_str().unwrap(),
            "--cacert",
            cacert(&pki),
            "-w",
            "%{http_version}\n",
        ],
    ));
    out.assert_success()
        .assert_stdout(format!("{H2_BODY}2\n{{\"a\":1}}2\n"));
    assert_eq!(server.connection_count(), 1);
    assert_eq!(server.requests()[0].authority, "localhost");
}

#[test]
fn trailers_are_traced_after_the_body() {
    let pki = Pki::new();
    let server = H2Server::tls(&pki.server);
    let out = run(&mut get(
        &server.url("/trailers"),
        &["--cacert", cacert(&pki), "-v"],
    ));
    out.assert_success()
        .assert_stdout(H2_BODY)
        .assert_stderr_contains("< x-checksum: abc123 (trailer)\n");
}
