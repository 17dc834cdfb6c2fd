//! What httpc tells about a TLS connection: the trace's handshake and
//! certificate lines, `health --json`'s `tls`, and `health --cert-days`;
//! and that bodies and heads come through httpc's own TLS link intact.

use crate::support::server::{closed_port_url, Reply, TestServer};
use crate::support::tls::{Identity, Pki, TlsServer};
use crate::support::{httpc, run};

fn cacert(pki: &Pki) -> String {
    pki.ca.cert_pem.to_str().unwrap().to_string()
}

/// The calendar date (UTC) `days` days and an hour from now, as the
/// `expires_in_*` certificates of the PKI were made.
fn expiry_date(days: i64) -> String {
    let t = time::OffsetDateTime::now_utc() + time::Duration::days(days) + time::Duration::hours(1);
    format!("{:04}-{:02}-{:02}", t.year(), t.month() as u8, t.day())
}

fn server(id: &Identity) -> TlsServer {
    TlsServer::new(id)
}

#[test]
fn the_trace_names_the_protocol_cipher_alpn_and_the_certificate() {
    let pki = Pki::new();
    let server = server(&pki.expires_in_400_days);
    let out = run(httpc().args(["get", "-v", &server.url("/"), "--cacert", &cacert(&pki)]));
    out.assert_success();
    let err = out.stderr_text();
    let lines: Vec<&str> = err.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == format!("* Connected to 127.0.0.1:{} (reused: no)", server.port()))
        .unwrap_or_else(|| panic!("no connect line:\n{err}"));
    let handshake = lines[at + 1];
    assert!(
        handshake.starts_with("* TLSv1.3 TLS13_") && handshake.ends_with(", ALPN http/1.1"),
        "{err}"
    );
    assert_eq!(
        lines[at + 2],
        format!(
            "* certificate: CN=localhost, issuer CN=httpc test CA, expires {} (400 days), names localhost, 127.0.0.1",
            expiry_date(400)
        ),
        "{err}"
    );
    assert!(lines[at + 3].starts_with("> GET / HTTP/1.1"), "{err}");
}

#[test]
fn the_trace_shows_the_certificate_of_the_name_asked_for_through_resolve() {
    let pki = Pki::new();
    let server = server(&pki.other_host);
    let rule = format!("other.example:{}:127.0.0.1", server.port());
    let out = run(httpc().args([
        "get",
        "-v",
        &server.url_for("other.example", "/"),
        "--resolve",
        &rule,
        "--cacert",
        &cacert(&pki),
    ]));
    out.assert_success()
        .assert_stderr_contains(
            "* certificate: CN=other.example, issuer CN=httpc test CA, expires ",
        )
        .assert_stderr_contains("), names other.example\n");
}

#[test]
fn an_insecure_connection_still_shows_the_expired_certificate() {
    let pki = Pki::new();
    let server = server(&pki.expired);
    let out = run(httpc().args(["get", "-v", "-k", &server.url("/")]));
    out.assert_success()
        .assert_stderr_contains(", expires 2001-01-01 (expired ")
        .assert_stderr_contains(" days ago), names localhost, 127.0.0.1\n");
}

#[test]
fn a_plain_http_trace_has_no_tls_lines() {
    let server = TestServer::replying(Reply::status(200).body("ok"));
    let out = run(httpc().args(["get", "-v", &server.url("/")]));
    out.assert_success()
        .assert_stderr_lacks("* TLS")
        .assert_stderr_lacks("* certificate:");
}

#[test]
fn a_large_body_over_tls_arrives_byte_exact() {
    let pki = Pki::new();
    let server = server(&pki.server);
    let body: Vec<u8> = (0..5_000_003u32).map(|i| (i % 251) as u8).collect();
    let mut response = format!(
        "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(&body);
    server.respond_with(response);
    let out = run(httpc().args(["get", &server.url("/big"), "--cacert", &cacert(&pki)]));
    out.assert_success();
    assert!(
        out.stdout() == &body[..],
        "the body differs ({} bytes came)",
        out.stdout().len()
    );
}

#[test]
fn a_folded_header_over_tls_is_read_as_one_line() {
    let pki = Pki::new();
    let server = server(&pki.server);
    server.respond_with(
        b"HTTP/1.1 200 OK\r\nx-long: a\r\n  b\r\ncontent-length: 3\r\nconnection: close\r\n\r\nok\n"
            .to_vec(),
    );
    // On a terminal the head is shown as read (piped, it is as received).
    run(crate::support::tty().args([
        "get",
        "-i",
        "--color",
        "never",
        &server.url("/"),
        "--cacert",
        &cacert(&pki),
    ]))
    .assert_success()
    .assert_stdout("HTTP/1.1 200 OK\nx-long: a    b\ncontent-length: 3\nconnection: close\n\nok\n");
}

#[test]
fn health_json_has_the_tls_facts_of_an_https_target() {
    let pki = Pki::new();
    let server = server(&pki.expires_in_400_days);
    let out = run(httpc().args([
        "health",
        "--json",
        &server.url("/"),
        "--cacert",
        &cacert(&pki),
    ]));
    out.assert_success();
    let json: serde_json::Value = serde_json::from_slice(out.stdout()).unwrap();
    let tls = &json[0]["tls"];
    assert_eq!(tls["version"], "TLSv1.3", "{json}");
    assert_eq!(tls["cert_days_left"], 400, "{json}");
    let not_after = tls["cert_not_after"].as_str().unwrap();
    assert!(
        not_after.starts_with(&format!("{}T", expiry_date(400))) && not_after.ends_with('Z'),
        "{not_after}"
    );
}

#[test]
fn health_json_has_no_tls_for_http_and_null_when_no_handshake_was_made() {
    let http = TestServer::replying(Reply::status(200).body("ok"));
    let refused = closed_port_url("/").replace("http://", "https://");
    let out = run(httpc().args(["health", "--json", &http.url("/"), &refused]));
    out.assert_code(1);
    let json: serde_json::Value = serde_json::from_slice(out.stdout()).unwrap();
    assert!(json[0].get("tls").is_none(), "{json}");
    assert!(
        json[1]["tls"].is_null() && json[1].get("tls").is_some(),
        "{json}"
    );
}

#[test]
fn cert_days_makes_a_target_down_when_its_certificate_expires_sooner() {
    let pki = Pki::new();
    let soon = server(&pki.expires_in_5_days);
    let later = server(&pki.expires_in_400_days);
    let out = run(httpc().args([
        "health",
        "--cert-days",
        "30",
        &soon.url("/"),
        &later.url("/"),
        "--cacert",
        &cacert(&pki),
    ]));
    out.assert_code(1);
    let lines = out.stdout_lines();
    assert!(
        lines[0].starts_with("DOWN  200")
            && lines[0].ends_with(&format!(
                "{} (certificate expires in 5 days)",
                soon.url("/")
            )),
        "{lines:?}"
    );
    assert!(lines[1].starts_with("UP    200"), "{lines:?}");
    // 5 days is not fewer than 5.
    run(httpc().args([
        "health",
        "--cert-days",
        "5",
        &soon.url("/"),
        "--cacert",
        &cacert(&pki),
    ]))
    .assert_success();
}

#[test]
fn cert_days_says_an_expired_certificate_has_expired_under_insecure() {
    let pki = Pki::new();
    let server = server(&pki.expired);
    let out = run(httpc().args(["health", "-k", "-s", "--cert-days", "1", &server.url("/")]));
    out.assert_code(1).assert_stdout_contains(" days ago)");
    assert!(
        out.stdout_text().contains("(certificate expired "),
        "{out:?}"
    );
}

#[test]
fn cert_days_leaves_http_targets_alone() {
    let http = TestServer::replying(Reply::status(200).body("ok"));
    run(httpc().args(["health", "--cert-days", "3650", &http.url("/")]))
        .assert_success()
        .assert_stdout_contains("UP");
}
