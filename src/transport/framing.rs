//! Bounds on what ureq reads without one: a chunked body is followed in
//! the wire tap, so a chunk-size line over 64 KiB or a trailer section over
//! 64 KiB (an endless one never ends otherwise) is a malformed response.
//! Chunk data is skipped by its length, so following a body costs a few
//! comparisons per chunk.

use std::fmt;

/// Longest chunk-size line (with its extensions) httpc reads.
pub const MAX_CHUNK_LINE: usize = 64 * 1024;
/// Largest trailer section httpc reads.
pub const MAX_TRAILERS: usize = 64 * 1024;

/// A response that breaks a bound, in words; carried inside an io::Error
/// so the error mapping can tell it from other invalid data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed(pub String);

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Malformed {}

impl Malformed {
    pub fn io(text: impl Into<String>) -> std::io::Error {
        std::io::Error::new(std::io::ErrorKind::InvalidData, Malformed(text.into()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// In a chunk-size line: its length so far, the size so far, and
    /// whether the hex digits have ended (an extension or CR follows).
    Size {
        len: usize,
        size: u64,
        digits_done: bool,
    },
    /// Chunk data still to come.
    Data(u64),
    /// The CRLF after chunk data.
    DataEnd,
    /// In the trailer section: the current line's length and the total.
    Trailer {
        line: usize,
        total: usize,
    },
    Done,
}

/// Follows a chunked body as its bytes arrive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunks {
    state: State,
}

impl Default for Chunks {
    fn default() -> Chunks {
        Chunks {
            state: State::Size {
                len: 0,
                size: 0,
                digits_done: false,
            },
        }
    }
}

impl Chunks {
    /// The body has ended (the last chunk and the trailers are in).
    pub fn done(&self) -> bool {
        self.state == State::Done
    }

    pub fn feed(&mut self, mut bytes: &[u8]) -> Result<(), std::io::Error> {
        while let Some((&b, rest)) = bytes.split_first() {
            match &mut self.state {
                State::Data(left) => {
                    let skip = (*left).min(bytes.len() as u64);
                    *left -= skip;
                    bytes = &bytes[skip as usize..];
                    if *left == 0 {
                        self.state = State::DataEnd;
                    }
                    continue;
                }
                State::DataEnd => {
                    if b == b'\n' {
                        self.state = Chunks::default().state;
                    }
                }
                State::Size {
                    len,
                    size,
                    digits_done,
                } => {
                    *len += 1;
                    if *len > MAX_CHUNK_LINE {
                        return Err(Malformed::io(format!(
                            "a chunk-size line over {} KiB",
                            MAX_CHUNK_LINE / 1024
                        )));
                    }
                    match (b, (b as char).to_digit(16)) {
                        (b'\n', _) => {
                            self.state = match *size {
                                0 => State::Trailer { line: 0, total: 0 },
                                n => State::Data(n),
                            };
                        }
                        (_, Some(d)) if !*digits_done => {
                            *size = size
                                .checked_mul(16)
                                .and_then(|s| s.checked_add(u64::from(d)))
                                .ok_or_else(|| Malformed::io("a chunk size too large to read"))?;
                        }
                        _ => *digits_done = true,
                    }
                }
                State::Trailer { line, total } => {
                    *total += 1;
                    if *total > MAX_TRAILERS {
                        return Err(Malformed::io(format!(
                            "a trailer section over {} KiB",
                            MAX_TRAILERS / 1024
                        )));
                    }
                    match b {
                        b'\n' if *line == 0 => self.state = State::Done,
                        b'\n' => *line = 0,
                        b'\r' => {}
                        _ => *line += 1,
                    }
                }
                State::Done => return Ok(()),
            }
            bytes = rest;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed_split(body: &[u8], at: usize) -> Result<Chunks, String> {
        let mut c = Chunks::default();
        let (a, b) = body.split_at(at.min(body.len()));
        c.feed(a).map_err(|e| e.to_string())?;
        c.feed(b).map_err(|e| e.to_string())?;
        Ok(c)
    }

    #[test]
    fn a_chunked_body_is_followed_to_its_end_however_it_is_split() {
        let body = b"5;ext=1\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nx-t: 1\r\n\r\n";
        for at in 0..=body.len() {
            assert!(feed_split(body, at).unwrap().done(), "split at {at}");
        }
        assert!(!feed_split(b"5\r\nhel", 3).unwrap().done());
    }

    #[test]
    fn long_lines_and_endless_trailers_are_malformed() {
        let mut long = vec![b'0'; MAX_CHUNK_LINE];
        long.extend_from_slice(b"5\r\nhello\r\n");
        assert_eq!(
            feed_split(&long, 100).unwrap_err(),
            "a chunk-size line over 64 KiB"
        );
        let mut trailers = b"0\r\n".to_vec();
        while trailers.len() < MAX_TRAILERS + 100 {
            trailers.extend_from_slice(b"x-trailer: yes\r\n");
        }
        assert_eq!(
            feed_split(&trailers, 7).unwrap_err(),
            "a trailer section over 64 KiB"
        );
        assert_eq!(
            feed_split(b"fffffffffffffffffff\r\n", 3).unwrap_err(),
            "a chunk size too large to read"
        );
    }
}
