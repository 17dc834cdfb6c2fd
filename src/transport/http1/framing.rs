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

/// The unfolding of one connection's response heads as their bytes
/// arrive, with the bytes held back until the next read decides them.
#[derive(Debug, Default)]
pub struct Unfolding {
    unfold: Unfold,
    carry: Vec<u8>,
}

impl Unfolding {
    /// `output` went out: when it is a request head, a response head comes
    /// next. (Body bytes never start a new exchange.)
    pub fn sent(&mut self, output: &[u8]) {
        let head = output.first().is_some_and(u8::is_ascii_uppercase)
            && output.windows(4).any(|w| w == HEAD_END);
        if head {
            self.unfold.expect_head();
        }
    }

    /// Fills `buf` by `read`, after the bytes held back last time, and
    /// unfolds it. Returns how many bytes at the start of `buf` are final,
    /// and whether anything arrived (`false`: the end of the stream).
    pub fn read(
        &mut self,
        buf: &mut [u8],
        read: impl FnOnce(&mut [u8]) -> std::io::Result<usize>,
    ) -> std::io::Result<(usize, bool)> {
        let held = self.carry.len().min(buf.len());
        buf[..held].copy_from_slice(&self.carry[..held]);
        let n = read(&mut buf[held..])?;
        let total = held + n;
        let wait = self.unfold.process(&mut buf[..total], n == 0);
        self.carry.clear();
        self.carry.extend_from_slice(&buf[total - wait..total]);
        Ok((total - wait, total > 0))
    }
}

/// Undoes obs-fold in response heads: a line break followed by a space or
/// tab inside a head continues the line before it, and RFC 9112 §5.2 lets
/// a user agent replace it with spaces. ureq-proto refuses such a head, so
/// httpc rewrites it before ureq parses it: in its TCP link for plain
/// http, in its TLS link for https (`Unfolding`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unfold {
    /// Inside a response head.
    active: bool,
    /// Bytes of the current head so far.
    pos: usize,
    /// The current head is an interim (1xx) one: another follows.
    interim: bool,
    /// How much of `\r\n\r\n` was just seen.
    crlfs: usize,
}

const HEAD_END: &[u8; 4] = b"\r\n\r\n";

impl Unfold {
    /// A request went out: its response head comes next.
    pub fn expect_head(&mut self) {
        *self = Unfold {
            active: true,
            ..Unfold::default()
        };
    }

    /// Rewrites folds in `buf` in place and returns how many bytes at its
    /// end must wait for the next read to be decided (a CR, or a CRLF that
    /// may be a fold). At the end of the stream nothing waits.
    pub fn process(&mut self, buf: &mut [u8], eof: bool) -> usize {
        let len = buf.len();
        let mut i = 0;
        while self.active && i < len {
            if self.crlfs == 0 && self.pos > 9 {
                // Past the status code and inside a line, only a CR can
                // change anything: the rest of the line is passed at once.
                let run = buf[i..].iter().position(|&b| b == b'\r').unwrap_or(len - i);
                self.pos += run;
                i += run;
                if i == len {
                    break;
                }
            }
            let b = buf[i];
            if b == b'\r' && !eof {
                // A CRLF at the end waits: a space after it makes it a
                // fold, unless it ends the head (a CRLF came just before;
                // after a lone CR it is still a line break).
                let last = i + 1 == len;
                let crlf_last = i + 2 == len && buf[i + 1] == b'\n';
                if last || (crlf_last && self.crlfs != 2) {
                    return len - i;
                }
            }
            if b == b'\n' && self.crlfs == 1 && i + 1 < len && matches!(buf[i + 1], b' ' | b'\t') {
                // CR LF SP: the line goes on.
                buf[i - 1] = b' ';
                buf[i] = b' ';
                self.crlfs = 0;
                self.pos += 1;
                i += 1;
                continue;
            }
            if self.pos == 9 {
                self.interim = b == b'1';
            }
            self.pos += 1;
            self.crlfs = match b {
                _ if b == HEAD_END[self.crlfs] => self.crlfs + 1,
                b'\r' => 1,
                _ => 0,
            };
            if self.crlfs == 4 {
                let interim = self.interim;
                *self = Unfold::default();
                self.active = interim;
            }
            i += 1;
        }
        0
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

    /// The head as ureq would see it, fed in reads of `size` bytes.
    fn unfold_in_reads(head: &[u8], size: usize) -> Vec<u8> {
        let mut u = Unfold::default();
        u.expect_head();
        let (mut out, mut carry) = (Vec::new(), Vec::new());
        let mut rest = head;
        loop {
            let take = size.min(rest.len());
            let mut buf = carry.clone();
            buf.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
            let eof = take == 0;
            let held = u.process(&mut buf, eof);
            carry = buf.split_off(buf.len() - held);
            out.extend_from_slice(&buf);
            if eof {
                return out;
            }
        }
    }

    #[test]
    fn folded_lines_become_spaces_however_the_head_is_split() {
        let head = b"HTTP/1.1 200 OK\r\nx-long: a\r\n  b\r\n\tc\r\nx: y\r\n\r\nbody\r\n more";
        let want = b"HTTP/1.1 200 OK\r\nx-long: a    b  \tc\r\nx: y\r\n\r\nbody\r\n more";
        for size in 1..=head.len() {
            assert_eq!(
                String::from_utf8_lossy(&unfold_in_reads(head, size)),
                String::from_utf8_lossy(want),
                "reads of {size}"
            );
        }
    }

    /// Found by the `framing` fuzz target: after a lone CR, a CRLF at the
    /// end of a read was passed on at once, so the fold it began was
    /// unfolded or not depending on where the read ended.
    #[test]
    fn a_fold_after_a_lone_cr_is_unfolded_however_the_head_is_split() {
        let head = b"HTTP/1.1 200 OK\r\nx: a\r\r\n b\r\n\r\nbody";
        let want = b"HTTP/1.1 200 OK\r\nx: a\r   b\r\n\r\nbody";
        for size in 1..=head.len() {
            assert_eq!(
                String::from_utf8_lossy(&unfold_in_reads(head, size)),
                String::from_utf8_lossy(want),
                "reads of {size}"
            );
        }
        let mut buf = b"\r\r\n".to_vec();
        let mut u = Unfold::default();
        u.expect_head();
        assert_eq!(u.process(&mut buf, false), 2, "the CRLF waits");
    }

    #[test]
    fn interim_heads_are_unfolded_too_and_the_body_never_is() {
        let head = b"HTTP/1.1 103 Early\r\nlink: a,\r\n b\r\n\r\nHTTP/1.1 200 OK\r\nx: 1\r\n 2\r\n\r\n\r\n x";
        let want =
            b"HTTP/1.1 103 Early\r\nlink: a,   b\r\n\r\nHTTP/1.1 200 OK\r\nx: 1   2\r\n\r\n\r\n x";
        for size in [1, 2, 3, 7, head.len()] {
            assert_eq!(
                unfold_in_reads(head, size),
                want.to_vec(),
                "reads of {size}"
            );
        }
    }

    /// `Unfold::process` as it was before lines were passed at once: one
    /// byte per step, the same rules.
    fn process_bytewise(u: &mut Unfold, buf: &mut [u8], eof: bool) -> usize {
        let len = buf.len();
        let mut i = 0;
        while u.active && i < len {
            let b = buf[i];
            if b == b'\r' && !eof {
                let last = i + 1 == len;
                let crlf_last = i + 2 == len && buf[i + 1] == b'\n';
                if last || (crlf_last && u.crlfs != 2) {
                    return len - i;
                }
            }
            if b == b'\n' && u.crlfs == 1 && i + 1 < len && matches!(buf[i + 1], b' ' | b'\t') {
                buf[i - 1] = b' ';
                buf[i] = b' ';
                u.crlfs = 0;
                u.pos += 1;
                i += 1;
                continue;
            }
            if u.pos == 9 {
                u.interim = b == b'1';
            }
            u.pos += 1;
            u.crlfs = match b {
                _ if b == HEAD_END[u.crlfs] => u.crlfs + 1,
                b'\r' => 1,
                _ => 0,
            };
            if u.crlfs == 4 {
                let interim = u.interim;
                *u = Unfold::default();
                u.active = interim;
            }
            i += 1;
        }
        0
    }

    proptest::proptest! {
        #[test]
        fn passing_lines_at_once_changes_nothing(
            pieces in proptest::collection::vec(0usize..9, 0..60),
            cuts in proptest::collection::vec(1usize..12, 1..20),
        ) {
            const PIECES: [&[u8]; 9] = [
                b"HTTP/1.1 200 OK\r\n", b"HTTP/1.1 103 E\r\n", b"x: y", b"\r\n",
                b" ", b"\t", b"\r", b"\n", b"abc",
            ];
            let input: Vec<u8> = pieces.iter().flat_map(|&p| PIECES[p].to_vec()).collect();
            let (mut fast, mut slow) = (Unfold::default(), Unfold::default());
            fast.expect_head();
            slow.expect_head();
            let (mut a, mut b) = (input.clone(), input.clone());
            let mut at = 0;
            for cut in cuts.iter().cycle().take(input.len() + 1) {
                let end = (at + cut).min(input.len());
                let eof = end == input.len();
                let held_fast = fast.process(&mut a[at..end], eof);
                let held_slow = process_bytewise(&mut slow, &mut b[at..end], eof);
                proptest::prop_assert_eq!(held_fast, held_slow);
                proptest::prop_assert_eq!(&a[at..end], &b[at..end]);
                proptest::prop_assert_eq!(&fast, &slow);
                // What waits is offered again with the next read.
                at = end - held_fast;
                if eof {
                    break;
                }
            }
        }
    }

    #[test]
    fn the_blank_line_that_ends_a_head_is_never_held_back() {
        let mut u = Unfold::default();
        u.expect_head();
        let mut buf = b"HTTP/1.1 204 No Content\r\nx: y\r\n\r\n".to_vec();
        assert_eq!(u.process(&mut buf, false), 0);
        assert_eq!(u, Unfold::default(), "done with the head");
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
