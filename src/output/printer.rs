//! Printing a response: the head (status line and headers) and the body,
//! written to any `impl Write` so tests can print into a `Vec<u8>`.

use std::io::{self, Write};

use super::json::JsonFormatter;
use super::paint::{paint, Color, Colors, Paint};
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
    pub color: Colors,
    /// The output is a terminal: escape control characters, and end the
    /// body with a newline.
    pub terminal: bool,
}

impl Style {
    /// Bytes as received: no colour, nothing escaped (stdout is piped).
    pub const PLAIN: Style = Style {
        color: Colors::Off,
        terminal: false,
    };
}

/// What a body is printed as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// As received.
    Raw,
    /// Re-indented as JSON, coloured as the style says.
    Json,
}

/// `HTTP/1.1 200 OK`, then `name: value` lines. Lines end with `\n`.
pub fn write_head(w: &mut impl Write, head: &Head, style: Style) -> io::Result<()> {
    let status = format!("{} {}", head.status, head.reason);
    let status_paint = match head.status {
        200..=299 => Paint::fg(Color::Green).bold(),
        300..=399 => Paint::fg(Color::Yellow).bold(),
        400..=599 => Paint::fg(Color::Red).bold(),
        _ => Paint::BOLD,
    };
    writeln!(
        w,
        "{} {}",
        paint(head.version, Paint::fg(Color::Blue), style.color),
        paint(status.trim_end(), status_paint, style.color)
    )?;
    for (name, value) in head.headers {
        let shown;
        let value: &[u8] = if style.terminal {
            shown = escape_bytes(value);
            &shown
        } else {
            value
        };
        write!(w, "{}: ", paint(name, Paint::fg(Color::Cyan), style.color))?;
        w.write_all(value)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes a body chunk by chunk: byte-exact, with control characters
/// escaped for a terminal, and/or re-indented as JSON.
pub struct BodyPrinter {
    sanitizer: Option<Sanitizer>,
    json: Option<JsonFormatter>,
    terminal: bool,
    scratch: Vec<u8>,
    /// The last byte written, to end a terminal's output with a newline.
    last: Option<u8>,
}

/// Remembers the last byte that went through.
struct Track<'a, W: Write> {
    inner: &'a mut W,
    last: &'a mut Option<u8>,
}

impl<W: Write> Write for Track<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        if n > 0 {
            *self.last = Some(buf[n - 1]);
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl BodyPrinter {
    pub fn new(style: Style, format: Format) -> BodyPrinter {
        BodyPrinter {
            sanitizer: style.terminal.then(Sanitizer::default),
            json: (format == Format::Json).then(|| JsonFormatter::new(style.color)),
            terminal: style.terminal,
            scratch: Vec::new(),
            last: None,
        }
    }

    pub fn write(&mut self, chunk: &[u8], w: &mut impl Write) -> io::Result<()> {
        if chunk.is_empty() {
            return Ok(());
        }
        let data: &[u8] = match &mut self.sanitizer {
            None => chunk,
            Some(s) => {
                self.scratch.clear();
                s.push(chunk, &mut self.scratch);
                &self.scratch
            }
        };
        let mut out = Track {
            inner: w,
            last: &mut self.last,
        };
        match &mut self.json {
            Some(f) => f.write(data, &mut out),
            None => out.write_all(data),
        }
    }

    /// Ends the body. Returns the warning for a JSON body that was not
    /// valid JSON (an empty body is no JSON and no warning). On a terminal
    /// a body that does not end with a newline gets one, so the prompt
    /// starts on its own line.
    pub fn finish(&mut self, w: &mut impl Write) -> io::Result<Option<String>> {
        if let Some(s) = &mut self.sanitizer {
            self.scratch.clear();
            s.finish(&mut self.scratch);
        }
        let mut out = Track {
            inner: w,
            last: &mut self.last,
        };
        let mut warning = None;
        match &mut self.json {
            Some(f) => {
                f.write(&self.scratch, &mut out)?;
                if let Some(err) = f.finish(&mut out)? {
                    if !err.is_empty_body() {
                        warning = Some(format!("{err}; printed as received"));
                    }
                }
            }
            None => out.write_all(&self.scratch)?,
        }
        if self.terminal && self.last.is_some_and(|b| b != b'\n') {
            w.write_all(b"\n")?;
        }
        Ok(warning)
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
        write_head(&mut out, &head(&headers), Style::PLAIN).unwrap();
        assert_eq!(out, b"HTTP/1.1 404 Not Found\ncontent-type: text/plain\n");
    }

    #[test]
    fn terminal_head_escapes_controls() {
        let headers = vec![("x".to_string(), b"a\x1b[2Jb".to_vec())];
        let mut out = Vec::new();
        let style = Style {
            color: Colors::Off,
            terminal: true,
        };
        write_head(&mut out, &head(&headers), style).unwrap();
        assert_eq!(out, b"HTTP/1.1 404 Not Found\nx: a\\x1b[2Jb\n");
    }

    #[test]
    fn coloured_head_paints_version_status_and_names() {
        let headers = vec![("x".to_string(), b"1".to_vec())];
        let mut out = Vec::new();
        let style = Style {
            color: Colors::On,
            terminal: true,
        };
        write_head(&mut out, &head(&headers), style).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\x1b[34mHTTP/1.1\x1b[0m \x1b[1;31m404 Not Found\x1b[0m\n\x1b[36mx\x1b[0m: 1\n"
        );
    }

    #[test]
    fn piped_body_is_byte_exact() {
        let all: Vec<u8> = (0..=255).collect();
        let mut p = BodyPrinter::new(Style::PLAIN, Format::Raw);
        let mut out = Vec::new();
        p.write(&all, &mut out).unwrap();
        p.finish(&mut out).unwrap();
        assert_eq!(out, all);
    }

    #[test]
    fn terminal_body_ends_with_newline() {
        let terminal = Style {
            color: Colors::Off,
            terminal: true,
        };
        let mut p = BodyPrinter::new(terminal, Format::Raw);
        let mut out = Vec::new();
        p.write(b"hi\x07", &mut out).unwrap();
        p.finish(&mut out).unwrap();
        assert_eq!(out, b"hi\\x07\n");
    }

    #[test]
    fn json_is_formatted_and_invalid_json_warned() {
        let mut p = BodyPrinter::new(Style::PLAIN, Format::Json);
        let mut out = Vec::new();
        p.write(b"{\"a\":", &mut out).unwrap();
        p.write(b"[1]}", &mut out).unwrap();
        assert_eq!(p.finish(&mut out).unwrap(), None);
        assert_eq!(out, b"{\n  \"a\": [\n    1\n  ]\n}\n");

        let mut p = BodyPrinter::new(Style::PLAIN, Format::Json);
        let mut out = Vec::new();
        p.write(b"{\"a\" 1}", &mut out).unwrap();
        let warning = p.finish(&mut out).unwrap().unwrap();
        assert!(warning.contains("line 1, column 6"), "{warning}");
        assert!(out.ends_with(b"1}"));
    }

    #[test]
    fn empty_json_body_is_not_warned() {
        let mut p = BodyPrinter::new(Style::PLAIN, Format::Json);
        let mut out = Vec::new();
        assert_eq!(p.finish(&mut out).unwrap(), None);
        assert!(out.is_empty());
    }
}
