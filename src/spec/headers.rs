//! `-H` and the headers httpc sets itself: defaults a `-H` of the same
//! name replaces, `Name:` to remove one, `@FILE` for one per line, and no
//! value with a line break.

use std::path::Path;

use anyhow::Result;

use crate::exit::usage;
use crate::files::read_file;

/// Headers with "later replaces earlier" for defaults and "several allowed"
/// for what the user adds with -H.
#[derive(Debug, Default)]
pub(super) struct Headers(pub(super) Vec<(String, String)>);

impl Headers {
    /// Sets a header, replacing every earlier one of that name.
    pub(super) fn set(&mut self, name: &str, value: impl Into<String>) {
        self.remove(name);
        self.0.push((name.to_ascii_lowercase(), value.into()));
    }

    fn remove(&mut self, name: &str) {
        self.0.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }
}

/// Applies one -H argument: `Name: value`, `Name:` (remove), or `@FILE`.
pub(super) fn apply_header_arg(headers: &mut Headers, arg: &str) -> Result<()> {
    if let Some(path) = arg.strip_prefix('@') {
        let text = read_file(Path::new(path), "-H")?;
        for line in text.lines() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() {
                continue;
            }
            apply_header_line(headers, line)?;
        }
        return Ok(());
    }
    apply_header_line(headers, arg)
}

fn apply_header_line(headers: &mut Headers, line: &str) -> Result<()> {
    let Some((name, value)) = line.split_once(':') else {
        return Err(usage(format!(
            "invalid header '{line}': expected 'Name: value'"
        )));
    };
    let name = name.trim();
    if name.is_empty() || !name.bytes().all(is_token_byte) {
        return Err(usage(format!("invalid header name '{name}'")));
    }
    let value = value.trim_matches([' ', '\t']);
    check_value(name, value)?;
    if value.is_empty() {
        headers.remove(name);
        return Ok(());
    }
    let lower = name.to_ascii_lowercase();
    // A header httpc sets by default is replaced; anything else may repeat.
    let is_default =
        headers.0.iter().any(|(n, _)| *n == lower) && DEFAULTS.contains(&lower.as_str());
    if is_default {
        headers.set(&lower, value);
    } else {
        headers.0.push((lower, value.to_string()));
    }
    Ok(())
}

/// Headers httpc may set itself, which a -H of the same name replaces
/// (`host` too: a request has one Host, and ureq refuses to send two).
const DEFAULTS: &[&str] = &[
    "host",
    "user-agent",
    "accept",
    "accept-encoding",
    "authorization",
    "content-type",
];

pub(super) fn check_value(name: &str, value: &str) -> Result<()> {
    if value.bytes().any(|b| b == b'\r' || b == b'\n' || b == 0) {
        return Err(usage(format!(
            "the value of header '{name}' contains a line break (CR or LF)"
        )));
    }
    Ok(())
}

/// A byte of an RFC 9110 token (header names, methods).
pub(super) fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}
