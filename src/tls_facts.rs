//! What a TLS handshake settled and the certificate the server showed, as
//! plain data: measured by the transport, printed by the trace and
//! `health`.

use crate::text;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFacts {
    /// `TLSv1.3`
    pub version: String,
    /// `TLS13_AES_256_GCM_SHA384`
    pub cipher: String,
    /// The protocol the server chose by ALPN (`http/1.1`), if it did.
    pub alpn: Option<String>,
    /// The leaf certificate, when the server sent one that parses.
    pub cert: Option<CertFacts>,
}

/// The server certificate as a user checks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertFacts {
    /// `CN=example.com`, as the certificate orders it.
    pub subject: String,
    pub issuer: String,
    /// The DNS names and IP addresses of its subjectAltName.
    pub names: Vec<String>,
    /// notAfter, seconds since the Unix epoch.
    pub not_after: i64,
}

impl CertFacts {
    /// Whole days from `now` (Unix seconds) until the certificate expires;
    /// negative once it has.
    pub fn days_left(&self, now: i64) -> i64 {
        (self.not_after - now).div_euclid(86_400)
    }

    /// The days left in words (`9 days`), or how long ago it expired.
    pub fn expiry(&self, now: i64) -> Expiry {
        let left = self.days_left(now);
        let days = text::count(left.unsigned_abs() as usize, "day");
        match left {
            0.. => Expiry::Left(days),
            _ => Expiry::Past(days),
        }
    }
}

/// A certificate's expiry in words: `Left("9 days")`, `Past("3 days")`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expiry {
    Left(String),
    Past(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_left_round_down_and_go_negative() {
        let cert = CertFacts {
            subject: String::new(),
            issuer: String::new(),
            names: Vec::new(),
            not_after: 10 * 86_400,
        };
        assert_eq!(cert.days_left(0), 10);
        assert_eq!(cert.days_left(1), 9);
        assert_eq!(cert.days_left(10 * 86_400), 0);
        assert_eq!(cert.days_left(10 * 86_400 + 1), -1);
    }
}
