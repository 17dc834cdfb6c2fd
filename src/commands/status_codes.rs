//! `httpc status-codes`: look up the status code registry. On a terminal
//! a list is grouped under class headings; colour is decided from the
//! terminal and `--color` like everywhere else.

use std::io::{self, Write};

use anyhow::Result;
use serde::Serialize;

use crate::cli::StatusCodesArgs;
use crate::exit::{self, Exit, ExitError};
use crate::output::paint::{paint, Color, Colors, Paint};
use crate::output::{self, Terminal};
use crate::status::{self, Class, QueryError, StatusCode};

/// How a list of codes is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// One line per code (for pipes).
    Flat,
    /// Under class headings, a blank line between classes (a terminal).
    Grouped,
}

pub fn run(args: StatusCodesArgs, terminal: &Terminal) -> Result<Exit> {
    let matches = status::search(&args.query.join(" ")).map_err(query_failure)?;
    let (layout, colors) = presentation(&args, terminal);
    let mut out = output::stdout();
    if args.json {
        write_json(&mut out, &matches)?;
    } else if let [one] = matches[..] {
        write_one(&mut out, one, colors)?;
    } else {
        write_list(&mut out, &matches, layout, colors)?;
    }
    out.flush()?;
    Ok(Exit::Success)
}

/// The terminal refined by the options: a terminal gets the grouped
/// layout; JSON is for programs and never coloured.
fn presentation(args: &StatusCodesArgs, terminal: &Terminal) -> (Layout, Colors) {
    let layout = if terminal.stdout_tty {
        Layout::Grouped
    } else {
        Layout::Flat
    };
    let colors = if args.json {
        Colors::Off
    } else {
        terminal.stdout_colors(args.color.map(Into::into))
    };
    (layout, colors)
}

/// A query that cannot name a status is a usage error (exit 2); one that
/// names nothing registered is a plain failure (exit 1).
fn query_failure(err: QueryError) -> anyhow::Error {
    if err.is_usage() {
        exit::usage(err.to_string())
    } else {
        ExitError::new(Exit::Failure, err.to_string()).into()
    }
}

/// One line per code, `404 Not Found`, laid out as `layout` says.
fn write_list(
    out: &mut impl Write,
    entries: &[&StatusCode],
    layout: Layout,
    colors: Colors,
) -> io::Result<()> {
    let grouped = layout == Layout::Grouped;
    let mut current = None;
    for s in entries {
        let class = s.class();
        if grouped && current != Some(class) {
            if current.is_some() {
                writeln!(out)?;
            }
            writeln!(out, "{}", paint(class, class_paint(class).bold(), colors))?;
            current = Some(class);
        }
        let indent = if grouped { "  " } else { "" };
        writeln!(out, "{indent}{} {}", paint_code(s, colors), s.reason)?;
    }
    Ok(())
}

/// A single match: its line, then its description and its reference, then
/// retry advice when `--retry` would retry it.
fn write_one(out: &mut impl Write, s: &StatusCode, colors: Colors) -> io::Result<()> {
    let reason = paint(s.reason, Paint::BOLD, colors);
    writeln!(out, "{} {reason}", paint_code(s, colors))?;
    writeln!(out, "{}", s.description)?;
    writeln!(out, "{}", paint(s.reference, Paint::DIM, colors))?;
    if s.retryable {
        writeln!(out, "Transient: httpc --retry retries it.")?;
    }
    Ok(())
}

/// The JSON shape of one entry (docs/usage.md, "`httpc status-codes`").
#[derive(Serialize)]
struct JsonEntry {
    code: u16,
    reason: &'static str,
    class: &'static str,
    description: &'static str,
    reference: &'static str,
    retryable: bool,
}

/// A JSON array, also for a single match, pretty-printed, ending with a
/// newline.
fn write_json(out: &mut impl Write, entries: &[&StatusCode]) -> io::Result<()> {
    let array: Vec<JsonEntry> = entries
        .iter()
        .map(|s| JsonEntry {
            code: s.code,
            reason: s.reason,
            class: s.class().label(),
            description: s.description,
            reference: s.reference,
            retryable: s.retryable,
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &array)?;
    writeln!(out)
}

fn paint_code(s: &StatusCode, colors: Colors) -> impl std::fmt::Display {
    paint(s.code, class_paint(s.class()), colors)
}

/// The colour of a class.
fn class_paint(class: Class) -> Paint {
    Paint::fg(match class {
        Class::Informational => Color::Cyan,
        Class::Successful => Color::Green,
        Class::Redirection => Color::Yellow,
        Class::ClientError => Color::Red,
        Class::ServerError => Color::Magenta,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(f: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut buf = Vec::new();
        f(&mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    fn args(argv: &[&str]) -> StatusCodesArgs {
        use clap::Parser;
        let argv = ["httpc", "status-codes"].iter().chain(argv);
        match crate::cli::Cli::try_parse_from(argv).unwrap().command {
            crate::cli::Command::StatusCodes(args) => args,
            other => panic!("not status-codes: {other:?}"),
        }
    }

    #[test]
    fn a_terminal_gets_groups_and_colour_a_pipe_neither() {
        let tty = Terminal {
            stdout_tty: true,
            ..Terminal::default()
        };
        let (layout, colors) = presentation(&args(&[]), &tty);
        assert_eq!((layout, colors), (Layout::Grouped, Colors::On));
        let piped = Terminal::default();
        let (layout, colors) = presentation(&args(&[]), &piped);
        assert_eq!((layout, colors), (Layout::Flat, Colors::Off));
        let (_, colors) = presentation(&args(&["--color", "always"]), &piped);
        assert_eq!(colors, Colors::On);
    }

    #[test]
    fn json_is_never_coloured() {
        let tty = Terminal {
            stdout_tty: true,
            ..Terminal::default()
        };
        let (_, colors) = presentation(&args(&["--json", "--color", "always"]), &tty);
        assert_eq!(colors, Colors::Off);
    }

    #[test]
    fn plain_list_is_one_line_per_code() {
        let matches = status::search("1xx").unwrap();
        let text = written(|w| write_list(w, &matches, Layout::Flat, Colors::Off));
        assert_eq!(
            text,
            "100 Continue\n101 Switching Protocols\n102 Processing\n103 Early Hints\n"
        );
    }

    #[test]
    fn grouped_list_has_class_headings() {
        let matches = status::search("").unwrap();
        let text = written(|w| write_list(w, &matches, Layout::Grouped, Colors::Off));
        assert!(text.starts_with("1xx Informational\n  100 Continue\n"));
        assert!(text.contains("  103 Early Hints\n\n2xx Successful\n  200 OK\n"));
        assert!(text.ends_with("  511 Network Authentication Required\n"));
        for heading in [
            "1xx Informational",
            "2xx Successful",
            "3xx Redirection",
            "4xx Client Error",
            "5xx Server Error",
        ] {
            assert_eq!(text.lines().filter(|l| *l == heading).count(), 1);
        }
    }

    #[test]
    fn one_match_adds_description_reference_and_retry_advice() {
        let s = status::lookup(404).unwrap();
        let text = written(|w| write_one(w, s, Colors::Off));
        assert_eq!(
            text,
            format!(
                "404 Not Found\n{}\nRFC 9110, Section 15.5.5\n",
                s.description
            )
        );
        let s = status::lookup(503).unwrap();
        let text = written(|w| write_one(w, s, Colors::Off));
        assert!(text.ends_with("RFC 9110, Section 15.6.4\nTransient: httpc --retry retries it.\n"));
    }

    #[test]
    fn coloured_lines_paint_codes_by_class_and_headings_bold() {
        let matches = status::search("1xx").unwrap();
        let text = written(|w| write_list(w, &matches[..1], Layout::Grouped, Colors::On));
        assert_eq!(
            text,
            "\x1b[1;36m1xx Informational\x1b[0m\n  \x1b[36m100\x1b[0m Continue\n"
        );
        let s = status::lookup(404).unwrap();
        let text = written(|w| write_one(w, s, Colors::On));
        assert!(text.starts_with("\x1b[31m404\x1b[0m \x1b[1mNot Found\x1b[0m\n"));
        assert!(text.ends_with("\x1b[2mRFC 9110, Section 15.5.5\x1b[0m\n"));
    }

    #[test]
    fn json_is_an_array_of_objects_in_contract_order() {
        let matches = status::search("teapot").unwrap();
        let text = written(|w| write_json(w, &matches));
        assert!(text.ends_with("]\n"));
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let object = value[0].as_object().unwrap();
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "code",
                "reason",
                "class",
                "description",
                "reference",
                "retryable"
            ]
        );
        assert_eq!(value[0]["code"], 418);
        assert_eq!(value[0]["class"], "4xx");
        assert_eq!(value[0]["retryable"], false);
    }
}
