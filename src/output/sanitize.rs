//! Text from a server never reaches a terminal with its control characters
//! live: ESC and the other C0 controls (but tab and newline), DEL, the C1
//! controls and bytes that are not UTF-8 are shown escaped (`\x1b`,
//! `\u{9b}`). Output that is not a terminal is never passed through here.
//! Text that must stay on one line (a `health` reason) has its tab and
//! newline escaped too ([`escape_line`]); it is the same escaping.

use std::fmt::Write as _;

/// What happens to control characters from a server on one stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Controls {
    /// Passed through as received (the stream is not a terminal).
    #[default]
    Kept,
    /// Shown escaped (the stream is a terminal).
    Escaped,
}

impl Controls {
    /// Escaped when the stream is a terminal.
    pub fn for_terminal(is_terminal: bool) -> Controls {
        if is_terminal {
            Controls::Escaped
        } else {
            Controls::Kept
        }
    }
}

/// Which whitespace controls are kept as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Tab and newline: text that may span lines (a body, a header).
    TabAndNewline,
    /// None: text that must stay on its line.
    Nothing,
}

/// Escapes `input` into `out`. `pending` carries the start of a UTF-8
/// sequence cut at the end of one chunk over to the next; `finish` flushes
/// it once the input ends.
#[derive(Debug, Default)]
pub struct Sanitizer {
    pending: Vec<u8>,
}

impl Sanitizer {
    pub fn push(&mut self, input: &[u8], out: &mut Vec<u8>) {
        let joined;
        let mut rest: &[u8] = if self.pending.is_empty() {
            input
        } else {
            self.pending.extend_from_slice(input);
            joined = std::mem::take(&mut self.pending);
            &joined
        };
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    escape_str(text, Keep::TabAndNewline, out);
                    return;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    // Safe: from_utf8 said these bytes are valid.
                    let valid = std::str::from_utf8(valid).unwrap_or_default();
                    escape_str(valid, Keep::TabAndNewline, out);
                    match e.error_len() {
                        Some(bad) => {
                            for b in &after[..bad] {
                                let _ = write!(VecWriter(out), "\\x{b:02x}");
                            }
                            rest = &after[bad..];
                        }
                        None => {
                            // An incomplete sequence at the end: wait for more.
                            self.pending = after.to_vec();
                            return;
                        }
                    }
                }
            }
        }
    }

    pub fn finish(&mut self, out: &mut Vec<u8>) {
        for b in std::mem::take(&mut self.pending) {
            let _ = write!(VecWriter(out), "\\x{b:02x}");
        }
    }
}

/// Escapes one whole piece of text (a header value, say).
pub fn escape_bytes(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut s = Sanitizer::default();
    s.push(input, &mut out);
    s.finish(&mut out);
    out
}

/// Escapes text for one line: every control character, tab and newline
/// included (`\x09`, `\x0a`, `\x1b`).
pub fn escape_line(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    escape_str(text, Keep::Nothing, &mut out);
    // Valid UTF-8: the text was, and the escapes are ASCII.
    String::from_utf8(out).unwrap_or_default()
}

fn escape_str(text: &str, keep: Keep, out: &mut Vec<u8>) {
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let escape = match c {
            '\t' | '\n' => keep == Keep::Nothing,
            c => c.is_control(),
        };
        if escape {
            out.extend_from_slice(&text.as_bytes()[start..i]);
            let code = c as u32;
            if code < 0x80 {
                let _ = write!(VecWriter(out), "\\x{code:02x}");
            } else {
                let _ = write!(VecWriter(out), "\\u{{{code:x}}}");
            }
            start = i + c.len_utf8();
        }
    }
    out.extend_from_slice(&text.as_bytes()[start..]);
}

/// `fmt::Write` into a byte vector, for `write!` of the escapes.
struct VecWriter<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for VecWriter<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_at_once(input: &[u8]) -> Vec<u8> {
        escape_bytes(input)
    }

    #[test]
    fn controls_are_escaped_text_is_kept() {
        assert_eq!(
            all_at_once(b"a\x1b[31mb\tc\nd\r"),
            b"a\\x1b[31mb\tc\nd\\x0d"
        );
        assert_eq!(all_at_once("é\u{9b}x".as_bytes()), "é\\u{9b}x".as_bytes());
        assert_eq!(all_at_once(b"\xffok\x7f"), b"\\xffok\\x7f");
    }

    #[test]
    fn one_line_text_loses_tab_and_newline_too() {
        assert_eq!(escape_line("a\x1b[31m\tb\nc"), "a\\x1b[31m\\x09b\\x0ac");
        assert_eq!(escape_line("é\u{9b}\x7f"), "é\\u{9b}\\x7f");
        assert_eq!(escape_line("plain text"), "plain text");
    }

    #[test]
    fn split_utf8_across_chunks_is_not_escaped() {
        let text = "aé€😀b".as_bytes();
        for cut in 0..=text.len() {
            let mut s = Sanitizer::default();
            let mut out = Vec::new();
            s.push(&text[..cut], &mut out);
            s.push(&text[cut..], &mut out);
            s.finish(&mut out);
            assert_eq!(out, text, "cut at {cut}");
        }
    }

    #[test]
    fn truncated_sequence_at_end_is_escaped() {
        let mut s = Sanitizer::default();
        let mut out = Vec::new();
        s.push(b"a\xe2\x82", &mut out);
        s.finish(&mut out);
        assert_eq!(out, b"a\\xe2\\x82");
    }
}
