//! One check (send, read the body, decide UP or DOWN) and a round of them
//! on a bounded number of threads.

use std::io::{self, Read};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::thread;
use std::time::{Duration, Instant};

use crate::dates::unix_now;
use crate::exit::{self, Exit, ExitError, Phase};
use crate::expect::{JsonBody, JsonRule, StatusList};
use crate::spec::RequestSpec;
use crate::text;
use crate::timings::Timings;
use crate::tls_facts::{Expiry, TlsFacts};
use crate::transport::{self, Client, Settings};

/// At most this many checks run at once.
pub const MAX_CONCURRENCY: usize = 16;

/// `--contains` looks at no more than this much of the body, and no more is
/// read without it.
pub const BODY_LIMIT: usize = 1 << 20;

/// What a target is checked against.
#[derive(Debug, Clone)]
pub struct Rules {
    pub expect: StatusList,
    pub contains: Option<String>,
    /// `--expect-json`: checked on the body's first `BODY_LIMIT` bytes.
    pub json: Vec<JsonRule>,
    pub max_latency_ms: Option<f64>,
    /// `--cert-days N`: an https target whose certificate expires sooner
    /// is DOWN.
    pub cert_days: Option<u32>,
    /// The transfer settings; `timeout` is applied to them per round.
    pub settings: Settings,
}

/// One endpoint to check.
#[derive(Debug, Clone)]
pub struct Target {
    pub spec: RequestSpec,
    /// The URL as printed (no credentials).
    pub shown: String,
}

/// What one check found.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub status: Option<u16>,
    /// `HTTP/1.1` or `HTTP/2`, when a response came.
    pub version: Option<&'static str>,
    /// Until the end of the response (or the failure).
    pub latency: Duration,
    /// Why the target is DOWN, in words; `None` when it is UP.
    pub down: Option<String>,
    pub timings: Timings,
    /// The TLS handshake of an https target.
    pub tls: Option<Arc<TlsFacts>>,
}

impl Outcome {
    pub fn up(&self) -> bool {
        self.down.is_none()
    }

    pub fn latency_ms(&self) -> f64 {
        millis(self.latency)
    }
}

pub fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Checks every target, at most `MAX_CONCURRENCY` at a time, each within
/// `timeout`. `ready` sees the outcomes in the order of `targets`, each as
/// soon as it and all before it are known.
pub fn round(
    targets: &[Target],
    rules: &Rules,
    timeout: Duration,
    mut ready: impl FnMut(usize, &Outcome) -> io::Result<()>,
) -> io::Result<Vec<Outcome>> {
    let mut settings = rules.settings.clone();
    settings.connect_timeout = timeout;
    settings.idle_timeout = timeout;
    settings.max_time = Some(timeout);
    let settings = &settings;

    let next = &AtomicUsize::new(0);
    let workers = targets.len().min(MAX_CONCURRENCY);
    thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        for _ in 0..workers {
            let tx = tx.clone();
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(target) = targets.get(i) else { break };
                // A fresh client per check: every check opens its own
                // connection, as a new client of the service would.
                let client = Client::new(settings.clone());
                let outcome = check(&client, target, rules, timeout);
                if tx.send((i, outcome)).is_err() {
                    break;
                }
            });
        }
        drop(tx);

        let mut slots: Vec<Option<Outcome>> = vec![None; targets.len()];
        let mut shown = 0;
        for (i, outcome) in rx {
            slots[i] = Some(outcome);
            while let Some(Some(outcome)) = slots.get(shown) {
                ready(shown, outcome)?;
                shown += 1;
            }
        }
        Ok(slots.into_iter().flatten().collect())
    })
}

/// Checks one target.
pub fn check(client: &Client, target: &Target, rules: &Rules, timeout: Duration) -> Outcome {
    let start = Instant::now();
    let mut response = match client.send(&target.spec, start) {
        Ok(response) => response,
        Err(err) => {
            return Outcome {
                status: None,
                version: None,
                latency: start.elapsed(),
                down: Some(failure_words(&err, timeout)),
                timings: Timings::default(),
                tls: None,
            }
        }
    };
    let status = response.status;
    let timings = response.timings;
    let tls = response.tls.clone();
    let keep = rules.contains.is_some() || !rules.json.is_empty();
    let body = read_body(&mut response.body, rules.contains.as_deref(), keep);
    let latency = start.elapsed();
    let down = match body {
        Err(err) => Some(failure_words(&transport::failure_of(err), timeout)),
        Ok(body) => judge(rules, status, &body, latency)
            .or_else(|| expiring(rules.cert_days, tls.as_deref(), unix_now())),
    };
    Outcome {
        status: Some(status),
        version: Some(response.version),
        latency,
        down,
        timings,
        tls,
    }
}

/// What reading the body found out.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Body {
    /// Whether `--contains` was found (`None` without `--contains`).
    found: Option<bool>,
    /// The body was longer than `BODY_LIMIT`; the rest was not read.
    cut: bool,
    /// The bytes read, when asked to keep them.
    kept: Vec<u8>,
}

/// Reads the body to its end (so latency covers the whole response), at
/// most `BODY_LIMIT` bytes, looking for `needle`, keeping what it read
/// when asked.
fn read_body(reader: &mut impl Read, needle: Option<&str>, keep: bool) -> io::Result<Body> {
    let mut kept = Vec::new();
    let mut buf = vec![0; 16 * 1024];
    let mut total = 0;
    let mut cut = false;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let n = n.min(BODY_LIMIT - total);
        if keep {
            kept.extend_from_slice(&buf[..n]);
        }
        total += n;
        if total == BODY_LIMIT {
            cut = true;
            break;
        }
    }
    let found = needle.map(|needle| contains(&kept, needle.as_bytes()));
    Ok(Body { found, cut, kept })
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|w| w == needle)
}

/// The reason a complete response is DOWN, if it is.
fn judge(rules: &Rules, status: u16, body: &Body, latency: Duration) -> Option<String> {
    if !rules.expect.matches(status) {
        return Some(format!("expected {}, got {status}", rules.expect));
    }
    if body.found == Some(false) {
        let text = rules.contains.as_deref().unwrap_or_default();
        let within = if body.cut {
            " (in its first 1 MiB)"
        } else {
            ""
        };
        return Some(format!("body does not contain {text:?}{within}"));
    }
    if !rules.json.is_empty() {
        let json = JsonBody::new(&body.kept, body.cut, "1 MiB");
        if let Some(why) = rules.json.iter().find_map(|rule| rule.check(&json).err()) {
            return Some(why);
        }
    }
    let ms = millis(latency);
    match rules.max_latency_ms {
        Some(max) if ms > max => Some(format!("latency {ms:.1} ms over {max} ms")),
        _ => None,
    }
}

/// `--cert-days N`: the reason a certificate that expires in fewer than N
/// days (or has expired, under `-k`) makes its target DOWN.
fn expiring(cert_days: Option<u32>, tls: Option<&TlsFacts>, now: i64) -> Option<String> {
    let wanted = i64::from(cert_days?);
    let cert = tls?.cert.as_ref()?;
    if cert.days_left(now) >= wanted {
        return None;
    }
    Some(match cert.expiry(now) {
        Expiry::Left(days) => format!("certificate expires in {days}"),
        Expiry::Past(days) => format!("certificate expired {days} ago"),
    })
}

/// A transfer failure in words, without the URL it is about:
/// `connection refused`, `timed out after 5s`. A timeout is said with the
/// check's own limit, whichever of the transfer's limits fired.
fn failure_words(err: &anyhow::Error, timeout: Duration) -> String {
    match ExitError::find(err) {
        Some(e) if e.exit == Exit::Timeout => {
            let phase = match e.phase {
                Some(Phase::Connect) => " while connecting",
                _ => "",
            };
            // `--timeout 0` is no limit: whatever fired was not it.
            match timeout.is_zero() {
                true => format!("timed out{phase}"),
                false => format!("timed out after {}{phase}", text::seconds(timeout)),
            }
        }
        _ => exit::cause(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(expect: &str, contains: Option<&str>, max_latency_ms: Option<f64>) -> Rules {
        Rules {
            expect: StatusList::parse(expect, "--expect").unwrap(),
            contains: contains.map(str::to_string),
            json: Vec::new(),
            max_latency_ms,
            cert_days: None,
            settings: Settings::new(crate::transport::Tls::load(&Default::default()).unwrap())
                .with_timeout(Duration::from_secs(5)),
        }
    }

    const FOUND: Body = Body {
        found: Some(true),
        cut: false,
        kept: Vec::new(),
    };
    const FAST: Duration = Duration::from_millis(3);

    #[test]
    fn the_reasons_read_as_the_contract_says() {
        let r = rules("2xx", Some("ok"), Some(500.0));
        assert_eq!(judge(&r, 200, &FOUND, FAST), None);
        assert_eq!(
            judge(&r, 503, &FOUND, FAST).unwrap(),
            "expected 2xx, got 503"
        );
        let missing = Body {
            found: Some(false),
            cut: false,
            kept: Vec::new(),
        };
        assert_eq!(
            judge(&r, 200, &missing, FAST).unwrap(),
            "body does not contain \"ok\""
        );
        assert_eq!(
            judge(&r, 200, &FOUND, Duration::from_micros(812_300)).unwrap(),
            "latency 812.3 ms over 500 ms"
        );
    }

    #[test]
    fn json_rules_make_a_target_down_with_the_reason() {
        let r = Rules {
            json: vec![JsonRule::parse("/ready=true").unwrap()],
            ..rules("2xx", None, None)
        };
        let body = |text: &str| Body {
            found: None,
            cut: false,
            kept: text.as_bytes().to_vec(),
        };
        assert_eq!(judge(&r, 200, &body(r#"{"ready": true}"#), FAST), None);
        assert_eq!(
            judge(&r, 200, &body(r#"{"ready": false}"#), FAST).unwrap(),
            "expected /ready = true, got false"
        );
        let cut = Body {
            cut: true,
            ..body("{")
        };
        assert_eq!(
            judge(&r, 200, &cut, FAST).unwrap(),
            "expected a JSON body for --expect-json, got a body over 1 MiB"
        );
    }

    #[test]
    fn cert_days_counts_whole_days_left() {
        let facts = |not_after| TlsFacts {
            version: "TLSv1.3".into(),
            cipher: String::new(),
            alpn: None,
            cert: Some(crate::tls_facts::CertFacts {
                subject: String::new(),
                issuer: String::new(),
                names: Vec::new(),
                not_after,
            }),
        };
        let day = 86_400;
        let nine = facts(9 * day + 60);
        assert_eq!(
            expiring(Some(10), Some(&nine), 0).unwrap(),
            "certificate expires in 9 days"
        );
        assert_eq!(expiring(Some(9), Some(&nine), 0), None);
        assert_eq!(expiring(None, Some(&nine), 0), None);
        assert_eq!(expiring(Some(10), None, 0), None);
        assert_eq!(
            expiring(Some(1), Some(&facts(0)), 2 * day).unwrap(),
            "certificate expired 2 days ago"
        );
        let no_cert = TlsFacts { cert: None, ..nine };
        assert_eq!(expiring(Some(10), Some(&no_cert), 0), None);
    }

    #[test]
    fn the_body_is_read_up_to_the_limit() {
        let big = vec![b'a'; BODY_LIMIT + 10];
        let body = read_body(&mut &big[..], Some("b"), false).unwrap();
        assert_eq!(
            body,
            Body {
                found: Some(false),
                cut: true,
                kept: Vec::new(),
            }
        );
        let body = read_body(&mut &b"status: ok"[..], Some("ok"), true).unwrap();
        assert_eq!(body.found, Some(true));
        assert_eq!(body.kept, b"status: ok");
        assert_eq!(read_body(&mut &b""[..], None, false).unwrap().found, None);
        assert!(contains(b"x", b""));
    }

    #[test]
    fn failures_are_said_without_their_url() {
        let five = Duration::from_secs(5);
        let err = anyhow::Error::from(
            ExitError::new(Exit::Connect, "connection refused").about("http://127.0.0.1:1/"),
        );
        assert_eq!(failure_words(&err, five), "connection refused");
        let err = anyhow::Error::from(
            ExitError::new(Exit::Timeout, "timed out after 1s (--max-time)").about("http://x/"),
        );
        assert_eq!(failure_words(&err, five), "timed out after 5s");
        let err = anyhow::Error::from(
            ExitError::new(Exit::Timeout, "timed out after 1s while connecting")
                .about("http://x/")
                .in_phase(Phase::Connect),
        );
        assert_eq!(
            failure_words(&err, five),
            "timed out after 5s while connecting"
        );
    }
}
