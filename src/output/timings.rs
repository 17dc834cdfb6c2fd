//! `--timings`: the phases of a transfer drawn as bars on stderr, one group
//! per redirect hop and retry attempt. Each group is headed by its request
//! and outcome; under it one line per phase the hop reached (DNS, connect,
//! TLS, waiting for the first byte, receiving the body) with a bar that
//! starts where the phase started and is as long as it lasted, then the
//! hop's total. All groups of a URL share one scale, so a slow hop looks
//! slow next to a fast one. Every line fits in `WIDTH` columns.

use std::io::{self, Write};
use std::time::Duration;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::paint::{paint, Color, Colors, Paint};
use crate::status;
use crate::timings::HopTimes;

/// How the picture is drawn, as the output policy decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// Colour on stderr.
    pub colors: Colors,
    pub glyphs: Glyphs,
}

/// The characters bars and headers are drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glyphs {
    /// A terminal: block elements to the eighth of a column (`█▏▎▍▌▋▊▉`),
    /// `→` and `…`.
    Blocks,
    /// A log or a pipe: `#` per column, `|` for a phase too short for one,
    /// `->` and `...`.
    Ascii,
}

impl Glyphs {
    fn arrow(self) -> &'static str {
        match self {
            Glyphs::Blocks => "→",
            Glyphs::Ascii => "->",
        }
    }

    fn ellipsis(self) -> &'static str {
        match self {
            Glyphs::Blocks => "…",
            Glyphs::Ascii => "...",
        }
    }
}

/// The widest line drawn, in columns: an 80-column terminal shows every
/// line whole, with room to spare for the cursor.
pub const WIDTH: usize = 78;

/// Indent plus the phase-name column.
const NAME_COLUMNS: usize = 12;

/// The narrowest the milliseconds column gets (`12345 ms`).
const MS_COLUMNS: usize = 8;

/// The picture for one URL on stderr, drawn whole at once; a closed or
/// full stderr is ignored, as for every notice.
pub fn draw(hops: &[HopTimes], failure: Option<&str>, look: Look) {
    let mut picture = Vec::new();
    if write(&mut picture, hops, failure, look).is_ok() {
        let _ = io::stderr().lock().write_all(&picture);
    }
}

/// The picture for one URL's hops: `failure` is why the last of them
/// failed, when the transfer did.
pub fn write(
    w: &mut impl Write,
    hops: &[HopTimes],
    failure: Option<&str>,
    look: Look,
) -> io::Result<()> {
    let groups: Vec<Vec<Phase>> = hops.iter().map(phases).collect();
    let longest = hops.iter().map(|h| h.end() - h.began).max();
    let ms_columns = groups
        .iter()
        .flatten()
        .map(|p| millis(p.to - p.from).len())
        .chain(hops.iter().map(|h| millis(h.end() - h.began).len()))
        .fold(MS_COLUMNS, usize::max);
    let scale = Scale {
        cells: WIDTH - NAME_COLUMNS - 1 - ms_columns,
        total: longest.unwrap_or_default().max(Duration::from_micros(1)),
        glyphs: look.glyphs,
    };
    let attempts = hops.iter().map(|h| h.attempt).max().unwrap_or(1);
    for (i, (hop, phases)) in hops.iter().zip(&groups).enumerate() {
        let failure = failure.filter(|_| i + 1 == hops.len());
        write_header(w, hop, failure, attempts > 1, look)?;
        let line = Line {
            scale: &scale,
            ms_columns,
            colors: look.colors,
        };
        if hop.reused {
            let note = "(reused connection: no DNS, connect or TLS)";
            writeln!(w, "  {}", paint(note, Paint::DIM, look.colors))?;
        }
        for phase in phases {
            line.write(w, phase)?;
        }
        let total = Phase {
            name: "total",
            from: Duration::ZERO,
            to: hop.end() - hop.began,
            paint: Paint::DIM,
        };
        line.write(w, &total)?;
    }
    Ok(())
}

/// One phase of a hop, as offsets from the hop's start.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Phase {
    name: &'static str,
    from: Duration,
    to: Duration,
    paint: Paint,
}

/// The phases a hop reached, each from the end of the one before (or the
/// hop's start): one not reached is left out. Receiving is shown when
/// the body was read.
fn phases(hop: &HopTimes) -> Vec<Phase> {
    let t = &hop.timings;
    let ends = [
        ("DNS", t.dns, Color::Cyan),
        ("connect", t.connect, Color::Yellow),
        ("TLS", t.tls, Color::Magenta),
        ("waiting", t.first_byte, Color::Blue),
        (
            "receiving",
            hop.body_end.filter(|_| t.first_byte.is_some()),
            Color::Green,
        ),
    ];
    let mut at = hop.began;
    let mut phases = Vec::new();
    for (name, end, color) in ends {
        let Some(end) = end else { continue };
        let end = end.max(at);
        phases.push(Phase {
            name,
            from: at - hop.began,
            to: end - hop.began,
            paint: Paint::fg(color),
        });
        at = end;
    }
    phases
}

/// `attempt 2: GET https://host/path → 200 OK`, cut to `WIDTH` columns:
/// the URL gives way first (its middle), then the end of a long outcome.
fn write_header(
    w: &mut impl Write,
    hop: &HopTimes,
    failure: Option<&str>,
    numbered: bool,
    look: Look,
) -> io::Result<()> {
    let prefix = match numbered {
        true => format!("attempt {}: ", hop.attempt),
        false => String::new(),
    };
    let (outcome, outcome_paint) = outcome(hop, failure);
    let arrow = look.glyphs.arrow();
    let ellipsis = look.glyphs.ellipsis();
    let method = fit_end(&hop.method, MAX_METHOD_COLUMNS, ellipsis);
    let fixed = format!("{prefix}{method}  {arrow} ");
    let room = WIDTH.saturating_sub(fixed.width());
    let kept = outcome.width().min(MIN_OUTCOME_COLUMNS);
    let url = fit_middle(&hop.url, room.saturating_sub(kept), ellipsis);
    let outcome = fit_end(&outcome, room.saturating_sub(url.width()), ellipsis);
    let colors = look.colors;
    writeln!(
        w,
        "{prefix}{} {url} {arrow} {}",
        paint(method, Paint::BOLD, colors),
        paint(outcome, outcome_paint, colors),
    )
}

/// A method (any token `-X` takes) is cut to this many columns.
const MAX_METHOD_COLUMNS: usize = 16;

/// The URL gives way to the outcome up to this many columns of it (a
/// status and its reason, or the start of a failure).
const MIN_OUTCOME_COLUMNS: usize = 32;

/// What the hop came to, and its colour: the status (green, yellow for a
/// redirect, red for an error), or the failure.
fn outcome(hop: &HopTimes, failure: Option<&str>) -> (String, Paint) {
    let red = Paint::fg(Color::Red).bold();
    match (hop.status, failure) {
        (Some(code), failure) => {
            let text = format!("{code} {}", status::reason(code).unwrap_or(""));
            let text = text.trim_end();
            let paint = match code {
                200..=299 if failure.is_none() => Paint::fg(Color::Green).bold(),
                300..=399 if failure.is_none() => Paint::fg(Color::Yellow).bold(),
                100..=399 if failure.is_none() => Paint::BOLD,
                _ => red,
            };
            match failure {
                Some(why) => (format!("{text}, then {why}"), paint),
                None => (text.to_string(), paint),
            }
        }
        (None, Some(why)) => (why.to_string(), red),
        (None, None) => ("no response".to_string(), red),
    }
}

/// The bar area: `cells` columns stand for `total`.
struct Scale {
    cells: usize,
    total: Duration,
    glyphs: Glyphs,
}

impl Scale {
    /// A bar from `from` to `to`, with the blank columns before it: it
    /// starts at the column nearest `from` and is at least a sliver long,
    /// so a phase of no time still shows where it happened.
    fn bar(&self, from: Duration, to: Duration) -> (String, String) {
        let units = match self.glyphs {
            Glyphs::Blocks => 8,
            Glyphs::Ascii => 1,
        };
        let at = |d: Duration| {
            let share = d.as_secs_f64() / self.total.as_secs_f64();
            (share * (self.cells * units) as f64).round() as usize
        };
        let start = ((at(from) + units / 2) / units).min(self.cells - 1);
        let room = (self.cells - start) * units;
        let length = at(to).saturating_sub(start * units).clamp(1, room);
        let bar = match self.glyphs {
            Glyphs::Blocks => {
                let mut bar = "█".repeat(length / 8);
                bar.push_str(EIGHTHS[length % 8]);
                bar
            }
            Glyphs::Ascii if at(to) <= start => "|".to_string(),
            Glyphs::Ascii => "#".repeat(length),
        };
        (" ".repeat(start), bar)
    }
}

/// A block of n eighths of a column, left-aligned (none for 0).
const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/// One phase line: `  connect   ████▍          1.25 ms`.
struct Line<'s> {
    scale: &'s Scale,
    ms_columns: usize,
    colors: Colors,
}

impl Line<'_> {
    fn write(&self, w: &mut impl Write, phase: &Phase) -> io::Result<()> {
        let (blank, bar) = self.scale.bar(phase.from, phase.to);
        let pad = self.scale.cells - blank.len() - bar.chars().count();
        let name = format!("{:<width$}", phase.name, width = NAME_COLUMNS - 2);
        let ms = millis(phase.to - phase.from);
        let name_paint = match phase.name {
            "total" => Paint::BOLD,
            _ => Paint::PLAIN,
        };
        let name = paint(name, name_paint, self.colors);
        writeln!(
            w,
            "  {name}{blank}{}{:pad$} {ms:>width$}",
            paint(bar, phase.paint, self.colors),
            "",
            width = self.ms_columns,
        )
    }
}

/// Milliseconds with two decimals below 10, one below 1000, none above:
/// `0.42 ms`, `12.3 ms`, `2041 ms`.
fn millis(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    match ms {
        ms if ms < 9.995 => format!("{ms:.2} ms"),
        ms if ms < 999.95 => format!("{ms:.1} ms"),
        ms => format!("{ms:.0} ms"),
    }
}

/// `text` in at most `columns` columns, its end cut off for `ellipsis`.
fn fit_end(text: &str, columns: usize, ellipsis: &str) -> String {
    if text.width() <= columns {
        return text.to_string();
    }
    let room = columns.saturating_sub(ellipsis.width());
    let mut kept = take_columns(text.chars(), room);
    if !kept.is_empty() || columns >= ellipsis.width() {
        kept.push_str(ellipsis);
    }
    kept
}

/// `text` in at most `columns` columns, its middle cut out for `ellipsis`:
/// a URL keeps its host and the end of its path.
fn fit_middle(text: &str, columns: usize, ellipsis: &str) -> String {
    if text.width() <= columns {
        return text.to_string();
    }
    let room = columns.saturating_sub(ellipsis.width());
    let head = take_columns(text.chars(), room - room / 2);
    let tail: String = take_columns(text.chars().rev(), room / 2)
        .chars()
        .rev()
        .collect();
    format!("{head}{ellipsis}{tail}")
}

/// The first characters of `chars` that fit in `columns` columns.
fn take_columns(chars: impl Iterator<Item = char>, columns: usize) -> String {
    let mut used = 0;
    chars
        .take_while(|c| {
            used += c.width().unwrap_or(0);
            used <= columns
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timings::Timings;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    /// A fresh http hop 5 ms into its attempt: DNS 10 ms, connect 10,
    /// waiting 40, receiving 40.
    fn hop() -> HopTimes {
        HopTimes {
            attempt: 1,
            method: "GET".into(),
            url: "http://127.0.0.1:8000/a".into(),
            status: Some(200),
            began: ms(5),
            timings: Timings {
                dns: Some(ms(15)),
                connect: Some(ms(25)),
                tls: None,
                first_byte: Some(ms(65)),
            },
            body_end: Some(ms(105)),
            ..HopTimes::default()
        }
    }

    const PLAIN: Look = Look {
        colors: Colors::Off,
        glyphs: Glyphs::Ascii,
    };
    const TERMINAL: Look = Look {
        colors: Colors::On,
        glyphs: Glyphs::Blocks,
    };

    fn draw(hops: &[HopTimes], failure: Option<&str>, look: Look) -> String {
        let mut out = Vec::new();
        write(&mut out, hops, failure, look).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The columns a line takes on a terminal: SGR sequences take none.
    fn columns(line: &str) -> usize {
        let mut plain = String::new();
        let mut rest = line;
        while let Some(i) = rest.find('\x1b') {
            plain.push_str(&rest[..i]);
            let end = rest[i..].find('m').expect("an SGR ends with m");
            rest = &rest[i + end + 1..];
        }
        plain.push_str(rest);
        plain.width()
    }

    /// The line of a phase: where its bar starts and how long it is.
    fn bar_of(picture: &str, name: &str) -> (usize, usize) {
        let line = picture
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("no {name} line in\n{picture}"));
        let bars = &line[NAME_COLUMNS..];
        let start = bars.find(['#', '|']).expect("a bar");
        let length = bars[start..].chars().take_while(|&c| c == '#').count();
        (start, length)
    }

    #[test]
    fn plain_picture_of_one_hop() {
        let picture = draw(&[hop()], None, PLAIN);
        let lines: Vec<&str> = picture.lines().collect();
        assert_eq!(lines[0], "GET http://127.0.0.1:8000/a -> 200 OK");
        let names: Vec<&str> = lines[1..]
            .iter()
            .map(|l| l.split_whitespace().next().unwrap())
            .collect();
        assert_eq!(names, ["DNS", "connect", "waiting", "receiving", "total"]);
        assert!(lines[1].ends_with(" 10.0 ms"), "{}", lines[1]);
        assert!(lines[3].ends_with(" 40.0 ms"), "{}", lines[3]);
        assert!(lines[5].ends_with("100.0 ms"), "{}", lines[5]);
        assert!(!picture.contains('\x1b'));
        assert!(picture.is_ascii());
    }

    #[test]
    fn bars_are_to_scale_and_follow_one_another() {
        let picture = draw(&[hop()], None, PLAIN);
        let cells = WIDTH - NAME_COLUMNS - 1 - MS_COLUMNS;
        let (dns_at, dns) = bar_of(&picture, "DNS");
        let (connect_at, connect) = bar_of(&picture, "connect");
        let (waiting_at, waiting) = bar_of(&picture, "waiting");
        let (receiving_at, receiving) = bar_of(&picture, "receiving");
        let (total_at, total) = bar_of(&picture, "total");
        assert_eq!((dns_at, total_at), (0, 0));
        assert_eq!(total, cells);
        let tenth = cells as f64 / 10.0;
        for (got, tenths) in [(dns, 1.0), (connect, 1.0), (waiting, 4.0), (receiving, 4.0)] {
            assert!(
                (got as f64 - tenths * tenth).abs() <= 1.0,
                "{got} {picture}"
            );
        }
        assert_eq!(connect_at, dns_at + dns);
        assert_eq!(waiting_at, connect_at + connect);
        assert_eq!(receiving_at, waiting_at + waiting);
    }

    #[test]
    fn hops_share_one_scale() {
        let mut fast = hop();
        fast.timings = Timings {
            first_byte: Some(ms(25)),
            ..Timings::default()
        };
        fast.body_end = Some(ms(30));
        fast.reused = true;
        let picture = draw(&[hop(), fast], None, PLAIN);
        let totals: Vec<usize> = picture
            .lines()
            .filter(|l| l.trim_start().starts_with("total"))
            .map(|l| l.matches('#').count())
            .collect();
        let cells = WIDTH - NAME_COLUMNS - 1 - MS_COLUMNS;
        assert_eq!(totals, [cells, (cells as f64 / 4.0).round() as usize]);
        assert!(picture
            .contains("-> 200 OK\n  (reused connection: no DNS, connect or TLS)\n  waiting "));
    }

    #[test]
    fn phases_not_reached_are_left_out() {
        let refused = HopTimes {
            status: None,
            timings: Timings {
                dns: Some(ms(6)),
                ..Timings::default()
            },
            body_end: None,
            failed_at: Some(ms(7)),
            ..hop()
        };
        let picture = draw(&[refused], Some("connection refused"), PLAIN);
        let lines: Vec<&str> = picture.lines().collect();
        assert_eq!(
            lines[0],
            "GET http://127.0.0.1:8000/a -> connection refused"
        );
        assert_eq!(lines.len(), 3, "{picture}");
        assert!(lines[1].starts_with("  DNS "));
        assert!(lines[2].starts_with("  total ") && lines[2].ends_with(" 2.00 ms"));
    }

    #[test]
    fn a_body_cut_short_shows_the_status_then_the_failure() {
        let picture = draw(&[hop()], Some("connection reset"), PLAIN);
        assert!(
            picture.starts_with("GET http://127.0.0.1:8000/a -> 200 OK, then connection reset\n")
        );
        assert!(picture.contains("  receiving "));
    }

    #[test]
    fn attempts_are_numbered_when_there_were_several() {
        let first = HopTimes {
            status: Some(503),
            ..hop()
        };
        let second = HopTimes {
            attempt: 2,
            ..hop()
        };
        let picture = draw(&[first, second], None, PLAIN);
        let headers: Vec<&str> = picture.lines().filter(|l| !l.starts_with(' ')).collect();
        assert_eq!(
            headers,
            [
                "attempt 1: GET http://127.0.0.1:8000/a -> 503 Service Unavailable",
                "attempt 2: GET http://127.0.0.1:8000/a -> 200 OK",
            ]
        );
    }

    #[test]
    fn every_line_fits_with_long_urls_and_causes() {
        let long_url = format!("https://example.test/{}?q=日本語", "segment/".repeat(40));
        let slow = HopTimes {
            url: long_url.clone(),
            timings: Timings {
                dns: Some(ms(3)),
                connect: Some(ms(40)),
                tls: Some(ms(900)),
                first_byte: Some(ms(90_000)),
            },
            body_end: Some(ms(3_600_000)),
            ..hop()
        };
        let odd = HopTimes {
            attempt: 12,
            reused: true,
            method: "PROPFIND-ALL-THE-THINGS-PLEASE".into(),
            ..slow.clone()
        };
        let cause = "a failure that goes on and on ".repeat(5);
        for look in [PLAIN, TERMINAL] {
            for failure in [None, Some(cause.as_str())] {
                let picture = draw(&[hop(), slow.clone(), odd.clone()], failure, look);
                for line in picture.lines() {
                    assert!(columns(line) <= WIDTH, "{} columns: {line}", columns(line));
                }
                let header = picture.lines().nth(6).unwrap();
                assert!(
                    header.contains("https://example.test/seg") && header.contains("/?q=日本語 "),
                    "{header}"
                );
                assert!(header.contains(look.glyphs.ellipsis()), "{header}");
                assert!(header.contains("200 OK"), "{header}");
            }
        }
    }

    #[test]
    fn a_terminal_gets_colours_and_eighth_blocks() {
        let picture = draw(&[hop()], None, TERMINAL);
        assert!(picture
            .starts_with("\x1b[1mGET\x1b[0m http://127.0.0.1:8000/a → \x1b[1;32m200 OK\x1b[0m"));
        assert!(picture.contains("\x1b[36m█"), "DNS in cyan: {picture}");
        for line in picture.lines() {
            assert!(columns(line) <= WIDTH);
        }
    }

    #[test]
    fn a_phase_of_no_time_is_a_sliver_where_it_happened() {
        let mut instant = hop();
        instant.timings.dns = Some(ms(5));
        let picture = draw(&[instant.clone()], None, PLAIN);
        assert_eq!(bar_of(&picture, "DNS").0, 0);
        assert!(picture.lines().nth(1).unwrap().contains(" | "));
        let picture = draw(&[instant], None, TERMINAL);
        assert!(picture.lines().nth(1).unwrap().contains("▏"));
    }

    #[test]
    fn milliseconds_keep_three_figures_or_so() {
        assert_eq!(millis(Duration::from_micros(420)), "0.42 ms");
        assert_eq!(millis(Duration::from_micros(12_340)), "12.3 ms");
        assert_eq!(millis(Duration::from_micros(2_041_200)), "2041 ms");
    }

    #[test]
    fn cutting_keeps_what_matters() {
        assert_eq!(
            fit_middle("http://host/abcdefghij/end", 16, "..."),
            "http://...ij/end"
        );
        assert_eq!(fit_middle("short", 16, "…"), "short");
        assert_eq!(fit_end("connection refused", 10, "…"), "connectio…");
        assert_eq!(fit_end("日本語日本語", 7, "…"), "日本語…");
    }
}
