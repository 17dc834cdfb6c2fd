//! The `--debug` trace on stderr: `*` notes, `>` request headers as they
//! went on the wire, `<` response headers as received, and the timing line.
//! Secrets are redacted unless `--show-secrets`: the values of secret
//! headers, and of secret query parameters in the request line and in
//! `Location`.

use std::borrow::Cow;
use std::io::{self, Write};
use std::time::Duration;

use super::sanitize::{escape_bytes, Controls};
use crate::dates;
use crate::text::{redact_url_text, Secrets};
use crate::timings::Timings;
use crate::tls_facts::{Expiry, TlsFacts};

#[derive(Debug, Clone, Default)]
pub struct Tracer {
    /// What is hidden (`--show-secrets`, `--redact`).
    secrets: Secrets,
    /// Escaped when stderr is a terminal.
    controls: Controls,
}

impl Tracer {
    pub fn new(secrets: Secrets, controls: Controls) -> Tracer {
        Tracer { secrets, controls }
    }

    pub fn connected(&self, addr: &str, reused: bool) {
        let reused = if reused { "yes" } else { "no" };
        self.emit(format!("* Connected to {addr} (reused: {reused})\n").as_bytes());
    }

    /// The TLS lines after `* Connected`: the handshake, then the server
    /// certificate (its text escaped on a terminal like headers).
    pub fn tls(&self, facts: &TlsFacts, now: i64) {
        self.emit(&self.tls_lines(facts, now));
    }

    fn tls_lines(&self, facts: &TlsFacts, now: i64) -> Vec<u8> {
        let alpn = match &facts.alpn {
            Some(p) => format!("ALPN {p}"),
            None => "no ALPN".to_string(),
        };
        let mut out = format!("* {} {}, {alpn}\n", facts.version, facts.cipher).into_bytes();
        if let Some(cert) = &facts.cert {
            let days = match cert.expiry(now) {
                Expiry::Left(days) => days,
                Expiry::Past(days) => format!("expired {days} ago"),
            };
            let mut line = format!(
                "* certificate: {}, issuer {}, expires {} ({days})",
                cert.subject,
                cert.issuer,
                dates::date(cert.not_after),
            );
            if !cert.names.is_empty() {
                line.push_str(&format!(", names {}", cert.names.join(", ")));
            }
            out.extend_from_slice(&self.shown(line.as_bytes()));
            out.push(b'\n');
        }
        out
    }

    /// `* TEXT`: something httpc did on its own.
    pub fn note(&self, text: &str) {
        self.emit(format!("* {text}\n").as_bytes());
    }

    pub fn request_head(&self, head: &[u8]) {
        self.emit(&self.head(b"> ", head));
    }

    pub fn response_head(&self, head: &[u8]) {
        self.emit(&self.head(b"< ", head));
    }

    /// Trailer fields after a body (`name: value` lines), each as
    /// `< name: value (trailer)`, secrets redacted.
    pub fn trailers(&self, fields: &[u8]) {
        let mut out = Vec::new();
        for line in fields.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            out.extend_from_slice(b"< ");
            out.extend_from_slice(&self.redact_line(line));
            out.extend_from_slice(b" (trailer)\n");
        }
        self.emit(&out);
    }

    /// `* 0.000120s dns, …, 0.004000s total`: the phases that happened.
    pub fn timings(&self, t: &Timings, total: Duration) {
        let mut parts = Vec::new();
        let mut add = |d: Option<Duration>, what: &str| {
            if let Some(d) = d {
                parts.push(format!("{:.6}s {what}", d.as_secs_f64()));
            }
        };
        add(t.dns, "dns");
        add(t.connect, "connect");
        add(t.tls, "tls");
        add(t.first_byte, "first byte");
        add(Some(total), "total");
        self.emit(format!("* {}\n", parts.join(", ")).as_bytes());
    }

    /// Every line of a head with its prefix, secrets redacted, ending with
    /// the bare prefix line that stands for the blank line.
    pub fn head(&self, prefix: &[u8], head: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(head.len() + 64);
        let text = head.strip_suffix(b"\r\n\r\n").unwrap_or(head);
        for (i, line) in text.split(|&b| b == b'\n').enumerate() {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            out.extend_from_slice(prefix);
            match i {
                0 => out.extend_from_slice(&self.start_line(line)),
                _ => out.extend_from_slice(&self.redact_line(line)),
            }
            out.push(b'\n');
        }
        out.extend_from_slice(prefix.trim_ascii_end());
        out.push(b'\n');
        out
    }

    /// The request line (`GET /p?token=*** HTTP/1.1`, or absolute-form
    /// through a proxy) with its secret query values hidden; a status
    /// line as it is.
    fn start_line(&self, line: &[u8]) -> Vec<u8> {
        let text = String::from_utf8_lossy(line);
        let mut parts = text.splitn(3, ' ');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(method), Some(target), Some(version)) if !method.starts_with("HTTP/") => {
                let target = redact_url_text(target, &self.secrets);
                self.shown(format!("{method} {target} {version}").as_bytes())
            }
            _ => self.shown(line),
        }
    }

    fn redact_line(&self, line: &[u8]) -> Vec<u8> {
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return self.shown(line);
        };
        let name = String::from_utf8_lossy(&line[..colon]);
        let value = line[colon + 1..].trim_ascii();
        // Rewritten only when something is hidden: as received otherwise.
        match self.secrets.header_value(&name, value) {
            Cow::Borrowed(_) => self.shown(line),
            Cow::Owned(hidden) => {
                let mut out = self.shown(&line[..colon]);
                out.extend_from_slice(b": ");
                out.extend(self.shown(&hidden));
                out
            }
        }
    }

    fn shown(&self, bytes: &[u8]) -> Vec<u8> {
        match self.controls {
            Controls::Escaped => escape_bytes(bytes),
            Controls::Kept => bytes.to_vec(),
        }
    }

    fn emit(&self, bytes: &[u8]) {
        // The trace must never end the transfer: a closed stderr is ignored.
        let _ = io::stderr().lock().write_all(bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tls_facts::CertFacts;

    #[test]
    fn tls_lines_name_the_handshake_and_the_certificate() {
        let mut facts = TlsFacts {
            version: "TLSv1.2".into(),
            cipher: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256".into(),
            alpn: None,
            cert: Some(CertFacts {
                subject: "CN=a.example\x1b[2J".into(),
                issuer: "C=US, O=Let's Encrypt, CN=R3".into(),
                names: vec!["a.example".into(), "10.0.0.1".into()],
                // 2027-03-01T00:00:00Z
                not_after: 1_803_859_200,
            }),
        };
        let now = 1_803_859_200 - 90 * 86_400 - 5;
        let t = Tracer::new(Secrets::default(), Controls::Escaped);
        assert_eq!(
            String::from_utf8(t.tls_lines(&facts, now)).unwrap(),
            "* TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, no ALPN\n\
             * certificate: CN=a.example\\x1b[2J, issuer C=US, O=Let's Encrypt, CN=R3, \
             expires 2027-03-01 (90 days), names a.example, 10.0.0.1\n"
        );
        facts.alpn = Some("http/1.1".into());
        facts.cert.as_mut().unwrap().names.clear();
        let t = Tracer::new(Secrets::default(), Controls::Kept);
        let text = String::from_utf8(t.tls_lines(&facts, 1_803_859_200 + 86_400)).unwrap();
        assert!(
            text.starts_with("* TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, ALPN http/1.1\n")
        );
        assert!(
            text.ends_with("CN=R3, expires 2027-03-01 (expired 1 day ago)\n"),
            "{text}"
        );
        assert!(text.contains("CN=a.example\x1b[2J"), "kept in a pipe");
    }

    #[test]
    fn request_head_is_prefixed_and_redacted() {
        let t = Tracer::new(
            Secrets::redacted(&["X-Api-Key".to_string()]),
            Controls::Kept,
        );
        let head =
            b"GET /p HTTP/1.1\r\nhost: h\r\nauthorization: Basic abc=\r\nx-api-key: k1\r\n\r\n";
        let out = String::from_utf8(t.head(b"> ", head)).unwrap();
        assert_eq!(
            out,
            "> GET /p HTTP/1.1\n> host: h\n> authorization: <redacted, 10 bytes>\n> x-api-key: <redacted, 2 bytes>\n>\n"
        );
    }

    #[test]
    fn on_a_terminal_control_characters_are_escaped() {
        let t = Tracer::new(Secrets::default(), Controls::Escaped);
        let out = t.head(b"< ", b"HTTP/1.1 200 OK\r\nx: a\x1b[2J\r\n\r\n");
        assert_eq!(out, b"< HTTP/1.1 200 OK\n< x: a\\x1b[2J\n<\n");
    }

    #[test]
    fn show_secrets_keeps_values() {
        let t = Tracer::new(Secrets::shown(), Controls::Kept);
        let out = t.head(b"< ", b"HTTP/1.1 200 OK\r\nSet-Cookie: a=b\r\n\r\n");
        assert_eq!(out, b"< HTTP/1.1 200 OK\n< Set-Cookie: a=b\n<\n");
        let out = t.head(b"> ", b"GET /p?token=t HTTP/1.1\r\n\r\n");
        assert_eq!(out, b"> GET /p?token=t HTTP/1.1\n>\n");
    }

    #[test]
    fn secret_query_values_are_hidden_in_the_request_line_and_location() {
        let t = Tracer::new(Secrets::default(), Controls::Kept);
        let out = t.head(
            b"> ",
            b"GET http://h/p?a=1&X-Amz-Signature=abc HTTP/1.1\r\nhost: h\r\n\r\n",
        );
        assert_eq!(
            out,
            b"> GET http://h/p?a=1&X-Amz-Signature=*** HTTP/1.1\n> host: h\n>\n"
        );
        let out = t.head(
            b"< ",
            b"HTTP/1.1 302 Found\r\nLocation: /next?sig=s&b=2\r\nlocation:/plain\r\n\r\n",
        );
        assert_eq!(
            out,
            b"< HTTP/1.1 302 Found\n< Location: /next?sig=***&b=2\n< location:/plain\n<\n"
        );
    }
}
