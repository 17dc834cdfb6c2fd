//! Printing a response: the head (status line and headers) and the body,
//! written to any `impl Write` so tests can print into a `Vec<u8>`.

use std::io::{self, Write};

use colored::Colorize;

use super::sanitize::{escape_bytes, Sanitizer};

/// The response head in plain data.
#[derive(Debug, Clone, Copy)]
pub struct Head<'a> {
    pub version: &'a str,
    pub status: u16,
    pub reason: &'a str,
    pub headers: &'a [(String, Vec<u8>)],
}

/// How the head is printed.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    /// Escape control characters (the output is a terminal).
    pub terminal: bool,
}

/// `HTTP/1.1 200 OK`, then `name: value` lines. Lines end with `\n`.
pub fn write_head(w: &mut impl Write, head: &Head, style: Style) -> io::Result<()> {
    let status = format!("{} {}", head.status, head.reason);
    let status = status.trim_end();
    if style.color {
        let status = match head.status {
            200..=299 => status.green(),
            300..=399 => status.yellow(),
            400..=599 => status.red(),
            _ => status.normal(),
        }
        .bold();
        writeln!(w, "{} {status}", head.version.blue())?;
    } else {
        writeln!(w, "{} {status}", head.version)?;
    }
    for (name, value) in head.headers {
        let shown;
        let value: &[u8] = if style.terminal {
            shown = escape_bytes(value);
            &shown
        } else {
            value
        };
        if style.color {
            write!(w, "{}: ", name.cyan())?;
        } else {
            write!(w, "{name}: ")?;
        }
        w.write_all(value)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes a body chunk by chunk: byte-exact, or with control characters
/// escaped for a terminal.
pub struct BodyPrinter {
    sanitizer: Option<Sanitizer>,
    scratch: Vec<u8>,
    last: Option<u8>,
}

impl BodyPrinter {
    pub fn new(terminal: bool) -> BodyPrinter {
        BodyPrinter {
            sanitizer: terminal.then(Sanitizer::default),
            scratch: Vec::new(),
            last: None,
        }
    }

    pub fn write(&mut self, chunk: &[u8], w: &mut impl Write) -> io::Result<()> {
        if chunk.is_empty() {
            return Ok(());
        }
        self.last = chunk.last().copied();
        match &mut self.sanitizer {
            None => w.write_all(chunk),
            Some(s) => {
                self.scratch.clear();
                s.push(chunk, &mut self.scratch);
                w.write_all(&self.scratch)
            }
        }
    }

    /// Ends the body. On a terminal a body that does not end with a newline
    /// gets one, so the prompt starts on its own line.
    pub fn finish(&mut self, w: &mut impl Write) -> io::Result<()> {
        if let Some(s) = &mut self.sanitizer {
            self.scratch.clear();
            s.finish(&mut self.scratch);
            w.write_all(&self.scratch)?;
            if self.last.is_some_and(|b| b != b'\n') {
                w.write_all(b"\n")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(headers: &[(String, Vec<u8>)]) -> Head<'_> {
        Head {
            version: "HTTP/1.1",
            status: 404,
            reason: "Not Found",
            headers,
        }
    }

    #[test]
    fn plain_head() {
        let headers = vec![("content-type".to_string(), b"text/plain".to_vec())];
        let mut out = Vec::new();
        let style = Style {
            color: false,
            terminal: false,
        };
        write_head(&mut out, &head(&headers), style).unwrap();
        assert_eq!(out, b"HTTP/1.1 404 Not Found\ncontent-type: text/plain\n");
    }

    #[test]
    fn terminal_head_escapes_controls() {
        let headers = vec![("x".to_string(), b"a\x1b[2Jb".to_vec())];
        let mut out = Vec::new();
        let style = Style {
            color: false,
            terminal: true,
        };
        write_head(&mut out, &head(&headers), style).unwrap();
        assert_eq!(out, b"HTTP/1.1 404 Not Found\nx: a\\x1b[2Jb\n");
    }

    #[test]
    fn piped_body_is_byte_exact() {
        let all: Vec<u8> = (0..=255).collect();
        let mut p = BodyPrinter::new(false);
        let mut out = Vec::new();
        p.write(&all, &mut out).unwrap();
        p.finish(&mut out).unwrap();
        assert_eq!(out, all);
    }

    #[test]
    fn terminal_body_ends_with_newline() {
        let mut p = BodyPrinter::new(true);
        let mut out = Vec::new();
        p.write(b"hi\x07", &mut out).unwrap();
        p.finish(&mut out).unwrap();
        assert_eq!(out, b"hi\\x07\n");
    }
}
