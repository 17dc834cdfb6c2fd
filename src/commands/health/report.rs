//! How outcomes are printed: the table line, JSON, the `--watch` screen and
//! the `--wait` progress line. Everything writes to `impl Write` or returns
//! text, and colour is a value, so it is tested without a terminal. A
//! reason that quotes a server is escaped as everywhere in httpc
//! (`output::sanitize`).

use std::fmt::Write as _;
use std::io::{self, Write};
use std::time::Duration;

use serde::Serialize;

use super::check::{millis, Outcome, Target};
use crate::dates;
use crate::output::paint::{self, paint, Color, Colors, Direction, Paint};
use crate::output::sanitize::escape_line;
use crate::text;
use crate::timings::Timings;
use crate::tls_facts::TlsFacts;

/// `UP    200    12.3 ms  http://localhost:8080/health`, and for DOWN the
/// reason after the URL. No newline.
pub fn line(target: &Target, outcome: &Outcome, colors: Colors) -> String {
    let (state, color) = if outcome.up() {
        ("UP", Color::Green)
    } else {
        ("DOWN", Color::Red)
    };
    // Colour the word only, so the columns stay aligned.
    let state = format!(
        "{}{:pad$}",
        paint(state, Paint::fg(color).bold(), colors),
        "",
        pad = 6 - state.len()
    );
    let status = outcome
        .status
        .map_or_else(|| "-".to_string(), |s| s.to_string());
    let mut text = format!(
        "{state}{status:<3}{:>8.1} ms  {}",
        outcome.latency_ms(),
        target.shown
    );
    if let Some(reason) = &outcome.down {
        // Reasons can quote what a server sent: no control characters
        // reach the output, and the line stays one line.
        let _ = write!(text, " ({})", escape_line(reason));
    }
    text
}

/// One target's outcome as JSON.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    pub url: &'a str,
    pub up: bool,
    pub status: Option<u16>,
    /// `"2"` or `"1.1"`; `null` when no response came.
    pub http_version: Option<&'a str>,
    pub latency_ms: f64,
    pub error: Option<&'a str>,
    pub timings: PhaseMillis,
    /// https targets only: the handshake, `null` when none was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls: Option<Option<TlsRecord>>,
    /// `--watch` only: which round (from 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub round: Option<u64>,
    /// `--watch` only: when the round started (RFC 3339, UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<&'a str>,
}

/// The TLS facts of an https target.
#[derive(Debug, Serialize)]
pub struct TlsRecord {
    pub version: String,
    /// RFC 3339, UTC.
    pub cert_not_after: Option<String>,
    pub cert_days_left: Option<i64>,
}

impl TlsRecord {
    fn of(facts: &TlsFacts, now: i64) -> TlsRecord {
        let cert = facts.cert.as_ref();
        TlsRecord {
            version: facts.version.clone(),
            cert_not_after: cert.map(|c| dates::rfc3339(c.not_after)),
            cert_days_left: cert.map(|c| c.days_left(now)),
        }
    }
}

/// Phase times in milliseconds from the start of the check (as curl's
/// `time_*`, to the microsecond); `null` when the phase did not happen.
#[derive(Debug, Serialize)]
pub struct PhaseMillis {
    pub dns_ms: Option<f64>,
    pub connect_ms: Option<f64>,
    pub tls_ms: Option<f64>,
    pub first_byte_ms: Option<f64>,
}

impl From<Timings> for PhaseMillis {
    fn from(t: Timings) -> PhaseMillis {
        let ms = |d: Option<Duration>| d.map(|d| round3(millis(d)));
        PhaseMillis {
            dns_ms: ms(t.dns),
            connect_ms: ms(t.connect),
            tls_ms: ms(t.tls),
            first_byte_ms: ms(t.first_byte),
        }
    }
}

/// Milliseconds to the microsecond.
fn round3(ms: f64) -> f64 {
    (ms * 1000.0).round() / 1000.0
}

impl<'a> Record<'a> {
    pub fn new(target: &'a Target, outcome: &'a Outcome) -> Record<'a> {
        Record {
            url: &target.shown,
            up: outcome.up(),
            status: outcome.status,
            http_version: outcome.version.map(|v| v.trim_start_matches("HTTP/")),
            latency_ms: round3(outcome.latency_ms()),
            error: outcome.down.as_deref(),
            timings: outcome.timings.into(),
            tls: (target.spec.url.scheme() == "https").then(|| {
                let now = dates::unix_now();
                outcome
                    .tls
                    .as_deref()
                    .map(|facts| TlsRecord::of(facts, now))
            }),
            round: None,
            time: None,
        }
    }
}

/// The `--json` array, indented like every JSON httpc prints.
pub fn write_json(w: &mut impl Write, targets: &[Target], outcomes: &[Outcome]) -> io::Result<()> {
    let records: Vec<Record> = targets
        .iter()
        .zip(outcomes)
        .map(|(t, o)| Record::new(t, o))
        .collect();
    serde_json::to_writer_pretty(&mut *w, &records)?;
    w.write_all(b"\n")
}

/// `--watch --json`: one compact object on a line, with its round and
/// the time the round started.
pub fn write_ndjson(
    w: &mut (impl Write + ?Sized),
    target: &Target,
    outcome: &Outcome,
    round: u64,
    time: &str,
) -> io::Result<()> {
    let record = Record {
        round: Some(round),
        time: Some(time),
        ..Record::new(target, outcome)
    };
    serde_json::to_writer(&mut *w, &record)?;
    w.write_all(b"\n")
}

/// The `--watch` table on a terminal: a heading, then one line per target
/// with how long it has been in its state.
pub struct Screen {
    /// Rows drawn last time, to move back over.
    drawn: usize,
}

/// One target's line on the screen.
pub struct Row<'a> {
    pub target: &'a Target,
    pub outcome: &'a Outcome,
    /// Since its last change (or the first round).
    pub unchanged_for: Duration,
}

impl Screen {
    pub fn new() -> Screen {
        Screen { drawn: 0 }
    }

    /// The bytes that redraw the table in place: back up over the last
    /// frame and rewrite it line by line. Autowrap is off while drawing, so
    /// a long line takes one row (cut at the edge) and the count stays
    /// right; it is back on at the end of the same write.
    pub fn frame(&mut self, heading: &str, rows: &[Row], colors: Colors) -> Vec<u8> {
        let clear = paint::CLEAR_LINE;
        let mut out = paint::cursor(self.drawn, Direction::Up);
        out.push_str(paint::AUTOWRAP_OFF);
        let _ = writeln!(out, "{clear}{}", paint(heading, Paint::DIM, colors));
        for row in rows {
            let since = format!("for {}", age(row.unchanged_for));
            let _ = writeln!(
                out,
                "{clear}{}  {}",
                line(row.target, row.outcome, colors),
                paint(since, Paint::DIM, colors)
            );
        }
        out.push_str(paint::CLEAR_BELOW);
        out.push_str(paint::AUTOWRAP_ON);
        self.drawn = rows.len() + 1;
        out.into_bytes()
    }
}

/// `12s`, `3m05s`, `2h07m`.
pub fn age(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m{:02}s", s / 60, s % 60),
        _ => format!("{}h{:02}m", s / 3600, s % 3600 / 60),
    }
}

/// `waiting for 2 of 3 targets (52s left): http://a/ (connection refused), …`
pub fn progress(targets: &[Target], outcomes: &[Outcome], left: Duration) -> String {
    let down: Vec<String> = targets
        .iter()
        .zip(outcomes)
        .filter_map(|(t, o)| {
            o.down
                .as_ref()
                .map(|why| format!("{} ({})", t.shown, escape_line(why)))
        })
        .collect();
    let mut text = format!(
        "waiting for {} of {} ({} left): ",
        down.len(),
        text::count(targets.len(), "target"),
        age_rounded_up(left)
    );
    const SHOWN: usize = 3;
    text.push_str(&down[..down.len().min(SHOWN)].join(", "));
    if down.len() > SHOWN {
        let _ = write!(text, " and {} more", down.len() - SHOWN);
    }
    text
}

/// Time left, rounded up: `0.4s` under ten seconds, else `52s`, `3m05s`.
fn age_rounded_up(d: Duration) -> String {
    if d < Duration::from_secs(10) {
        return text::seconds(text::tenths_up(d));
    }
    let whole = Duration::from_secs(d.as_secs() + u64::from(d.subsec_nanos() > 0));
    age(whole)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Input, RequestSpec};

    fn target(url: &str) -> Target {
        let spec = RequestSpec::build(&Input {
            method: crate::spec::Method::Get,
            url,
            decompress: true,
            ..Input::default()
        })
        .unwrap();
        Target {
            shown: crate::text::display_url(&spec.url, &crate::text::Secrets::default()),
            spec,
        }
    }

    fn outcome(status: Option<u16>, ms: f64, down: Option<&str>) -> Outcome {
        Outcome {
            status,
            version: status.map(|_| "HTTP/1.1"),
            latency: Duration::from_secs_f64(ms / 1000.0),
            down: down.map(str::to_string),
            timings: Timings::default(),
            tls: None,
        }
    }

    #[test]
    fn lines_follow_the_contract_columns() {
        let t = target(":8080/health");
        assert_eq!(
            line(&t, &outcome(Some(200), 12.3, None), Colors::Off),
            "UP    200    12.3 ms  http://localhost:8080/health"
        );
        assert_eq!(
            line(
                &t,
                &outcome(Some(503), 4.1, Some("expected 2xx, got 503")),
                Colors::Off
            ),
            "DOWN  503     4.1 ms  http://localhost:8080/health (expected 2xx, got 503)"
        );
        assert_eq!(
            line(
                &t,
                &outcome(None, 0.3, Some("connection refused")),
                Colors::Off
            ),
            "DOWN  -       0.3 ms  http://localhost:8080/health (connection refused)"
        );
    }

    /// Without SGR escapes.
    fn strip(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find("\x1b[") {
            out.push_str(&rest[..at]);
            let end = rest[at..].find('m').expect("an SGR sequence");
            rest = &rest[at + end + 1..];
        }
        out + rest
    }

    #[test]
    fn colour_does_not_move_the_columns() {
        let t = target("a.example");
        for o in [
            outcome(Some(200), 1.0, None),
            outcome(None, 1.0, Some("connection refused")),
        ] {
            let coloured = line(&t, &o, Colors::On);
            assert_ne!(coloured, line(&t, &o, Colors::Off));
            assert_eq!(strip(&coloured), line(&t, &o, Colors::Off));
        }
    }

    #[test]
    fn the_state_word_alone_is_coloured() {
        let t = target("a.example");
        let up = line(&t, &outcome(Some(200), 1.0, None), Colors::On);
        assert!(up.starts_with("\x1b[1;32mUP\x1b[0m    200"), "{up:?}");
        let down = line(&t, &outcome(None, 1.0, Some("refused")), Colors::On);
        assert!(down.starts_with("\x1b[1;31mDOWN\x1b[0m  -"), "{down:?}");
    }

    #[test]
    fn reasons_lose_control_characters() {
        let t = target("a.example");
        let reason = Some("bad \x1b[31m\nnext");
        let text = line(&t, &outcome(None, 1.0, reason), Colors::Off);
        assert!(text.ends_with("(bad \\x1b[31m\\x0anext)"), "{text:?}");
    }

    #[test]
    fn json_has_the_contract_fields() {
        let t = target("a.example");
        let mut out = Vec::new();
        write_json(
            &mut out,
            &[t],
            &[outcome(None, 0.25, Some("connection refused"))],
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            v,
            serde_json::json!([{
                "url": "http://a.example/",
                "up": false,
                "status": null,
                "http_version": null,
                "latency_ms": 0.25,
                "error": "connection refused",
                "timings": {"dns_ms": null, "connect_ms": null, "tls_ms": null, "first_byte_ms": null}
            }])
        );
    }

    #[test]
    fn the_screen_moves_back_over_its_last_frame() {
        let t = target("a.example");
        let o = outcome(Some(200), 1.0, None);
        let rows = [Row {
            target: &t,
            outcome: &o,
            unchanged_for: Duration::from_secs(65),
        }];
        let mut screen = Screen::new();
        let first = String::from_utf8(screen.frame("round 1", &rows, Colors::Off)).unwrap();
        assert!(!first.contains("\x1b[2A"));
        assert!(first.contains("http://a.example/  for 1m05s\n"));
        let second = String::from_utf8(screen.frame("round 2", &rows, Colors::Off)).unwrap();
        assert!(second.starts_with("\x1b[2A"));
        assert!(second.ends_with("\x1b[?7h"));
    }

    #[test]
    fn progress_names_what_is_still_down() {
        let targets = [target("a.example"), target("b.example")];
        let outcomes = [
            outcome(Some(200), 1.0, None),
            outcome(None, 1.0, Some("connection refused")),
        ];
        assert_eq!(
            progress(&targets, &outcomes, Duration::from_millis(51_200)),
            "waiting for 1 of 2 targets (52s left): http://b.example/ (connection refused)"
        );
    }

    #[test]
    fn ages_are_short() {
        assert_eq!(age(Duration::from_secs(7_620)), "2h07m");
    }
}
