//! `httpc status-codes`: look up the status code registry.

use std::io::{self, BufWriter, Write};

use anyhow::Result;
use colored::{ColoredString, Colorize};
use serde::Serialize;

use crate::cli::StatusCodesArgs;
use crate::exit::{self, Exit, ExitError};
use crate::output;
use crate::status::{self, Class, QueryError, StatusCode};

pub fn run(args: StatusCodesArgs) -> Result<Exit> {
    let matches = status::search(&args.query.join(" ")).map_err(query_failure)?;
    let is_tty = output::stdout_is_tty();
    // JSON is for programs: never coloured.
    let color = !args.json && output::color_enabled(args.color, is_tty);
    colored::control::set_override(color);

    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        write_json(&mut out, &matches)?;
    } else if let [one] = matches[..] {
        write_one(&mut out, one, color)?;
    } else {
        write_list(&mut out, &matches, is_tty, color)?;
    }
    out.flush()?;
    Ok(Exit::Success)
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

/// One line per code, `404 Not Found`; `grouped` puts them under class
/// headings with a blank line between classes (the terminal layout).
fn write_list(
    out: &mut impl Write,
    entries: &[&StatusCode],
    grouped: bool,
    color: bool,
) -> io::Result<()> {
    let mut current = None;
    for s in entries {
        let class = s.class();
        if grouped && current != Some(class) {
            if current.is_some() {
                writeln!(out)?;
            }
            let heading = class.to_string();
            writeln!(out, "{}", paint(&heading, class, color, true))?;
            current = Some(class);
        }
        let indent = if grouped { "  " } else { "" };
        writeln!(out, "{indent}{} {}", paint_code(s, color), s.reason)?;
    }
    Ok(())
}

/// A single match: its line, then its description and its reference, then
/// retry advice when `--retry` would retry it.
fn write_one(out: &mut impl Write, s: &StatusCode, color: bool) -> io::Result<()> {
    let reason = if color {
        s.reason.bold().to_string()
    } else {
        s.reason.to_owned()
    };
    writeln!(out, "{} {reason}", paint_code(s, color))?;
    writeln!(out, "{}", s.description)?;
    if color {
        writeln!(out, "{}", s.reference.dimmed())?;
    } else {
        writeln!(out, "{}", s.reference)?;
    }
    if s.retryable {
        writeln!(out, "Transient: httpc --retry retries it.")?;
    }
    Ok(())
}

/// The JSON shape of one entry (CONTRACT.md, "status-codes").
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

fn paint_code(s: &StatusCode, color: bool) -> String {
    paint(&s.code.to_string(), s.class(), color, false)
}

/// Colours text by class; plain text when colour is off.
fn paint(text: &str, class: Class, color: bool, bold: bool) -> String {
    if !color {
        return text.to_owned();
    }
    let painted: ColoredString = match class {
        Class::Informational => text.cyan(),
        Class::Successful => text.green(),
        Class::Redirection => text.yellow(),
        Class::ClientError => text.red(),
        Class::ServerError => text.magenta(),
    };
    if bold {
        painted.bold().to_string()
    } else {
        painted.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(f: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut buf = Vec::new();
        f(&mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn plain_list_is_one_line_per_code() {
        let matches = status::search("1xx").unwrap();
        let text = written(|w| write_list(w, &matches, false, false));
        assert_eq!(
            text,
            "100 Continue\n101 Switching Protocols\n102 Processing\n103 Early Hints\n"
        );
    }

    #[test]
    fn grouped_list_has_class_headings() {
        let matches = status::search("").unwrap();
        let text = written(|w| write_list(w, &matches, true, false));
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
        let text = written(|w| write_one(w, s, false));
        assert_eq!(
            text,
            format!(
                "404 Not Found\n{}\nRFC 9110, Section 15.5.5\n",
                s.description
            )
        );
        let s = status::lookup(503).unwrap();
        let text = written(|w| write_one(w, s, false));
        assert!(text.ends_with("RFC 9110, Section 15.6.4\nTransient: httpc --retry retries it.\n"));
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
