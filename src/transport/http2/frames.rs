//! httpc's own look at the HTTP/2 frames a server sends, beside h2: the
//! facts h2 keeps to itself (a GOAWAY's last stream id, how much DATA a
//! stream brought) and the bounds h2 does not set (floods of PING,
//! SETTINGS, WINDOW_UPDATE and other frames that ask nothing of a client,
//! endless interim heads). It reads only frame headers, as the
//! bytes pass on to h2: its state is one 9-byte header and a GOAWAY's
//! first 8 payload bytes, whatever the server sends.

use std::fmt;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use h2::Reason;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// PING or SETTINGS frames (not acknowledgements), frames httpc has no
/// use for (PRIORITY, RST_STREAM for a stream already over, unknown
/// types), or WINDOW_UPDATEs while httpc sends nothing, in a row with no
/// response bytes between them before httpc ends the connection.
/// nghttp2 (under curl) fails a session whose peer makes it queue more
/// than 1000 such acknowledgements; a server that keeps a connection alive
/// sends one every few seconds, so 1000 in a row is a flood.
pub const MAX_CONTROL_FRAMES: u32 = 1000;
/// HEADERS frames on one stream: 1xx heads, the head, trailers. Servers
/// send one or two interim heads (100, 103); more than 100 is a server
/// that never answers but keeps the connection busy, which `--timeout`
/// (no byte for this long) would never catch.
pub const MAX_HEADS_PER_STREAM: u32 = 100;
/// Header block bytes (as sent, compressed) on one stream: interim heads,
/// the head and trailers together. The head and the trailers may each
/// decode to 300 KiB; over HTTP/1.1 all heads of an exchange share 300 KiB.
/// Without it, 100 interim heads near the bound would sit in h2's buffers.
pub const MAX_HEAD_BYTES_PER_STREAM: u64 = 1 << 20;

const HEADER_LEN: usize = 9;
const DATA: u8 = 0x0;
const HEADERS: u8 = 0x1;
const PRIORITY: u8 = 0x2;
const RST_STREAM: u8 = 0x3;
const SETTINGS: u8 = 0x4;
const PING: u8 = 0x6;
const GOAWAY: u8 = 0x7;
const WINDOW_UPDATE: u8 = 0x8;
const CONTINUATION: u8 = 0x9;
const ACK: u8 = 0x1;
const PADDED: u8 = 0x8;

/// A GOAWAY the server sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoAway {
    pub last_stream: u32,
    pub reason: Reason,
}

impl fmt::Display for GoAway {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = u32::from(self.reason);
        write!(
            f,
            "{:?} (0x{code:x}), last stream {}",
            self.reason, self.last_stream
        )
    }
}

/// A bound the server went past.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flood {
    Pings,
    Settings,
    /// PRIORITY and RST_STREAM frames, and frames of unknown types.
    Unused,
    /// WINDOW_UPDATE frames while httpc sent nothing.
    WindowUpdates,
    Heads {
        stream: u32,
    },
    HeadBytes {
        stream: u32,
    },
}

impl fmt::Display for Flood {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Flood::Pings => write!(
                f,
                "the server sent more than {MAX_CONTROL_FRAMES} PING frames in a row and no response"
            ),
            Flood::Settings => write!(
                f,
                "the server sent more than {MAX_CONTROL_FRAMES} SETTINGS frames in a row and no response"
            ),
            Flood::Unused => write!(
                f,
                "the server sent more than {MAX_CONTROL_FRAMES} PRIORITY, RST_STREAM or unknown frames in a row and no response"
            ),
            Flood::WindowUpdates => write!(
                f,
                "the server sent more than {MAX_CONTROL_FRAMES} WINDOW_UPDATE frames in a row while httpc sent nothing, and no response"
            ),
            Flood::Heads { stream } => write!(
                f,
                "the server sent more than {MAX_HEADS_PER_STREAM} heads on stream {stream} (endless interim responses or trailers)"
            ),
            Flood::HeadBytes { stream } => write!(
                f,
                "the server sent more than {} KiB of heads on stream {stream} (interim responses, head and trailers)",
                MAX_HEAD_BYTES_PER_STREAM >> 10
            ),
        }
    }
}

impl std::error::Error for Flood {}

/// What the watcher saw, shared with the streams of its connection.
#[derive(Debug, Default)]
pub struct Seen {
    inner: Mutex<Facts>,
}

#[derive(Debug, Default)]
struct Facts {
    goaway: Option<GoAway>,
    goaway_traced: bool,
    flood: Option<Flood>,
    /// DATA bytes (padding left out) of the latest stream that sent any.
    data: (u32, u64),
    /// Encoded bytes of the latest header block and its stream.
    block: (u32, u64),
}

impl Seen {
    fn facts(&self) -> std::sync::MutexGuard<'_, Facts> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The latest GOAWAY from the server, if any.
    pub fn goaway(&self) -> Option<GoAway> {
        self.facts().goaway
    }

    /// The GOAWAY, the first time it is asked for (for the trace's line).
    pub fn goaway_untraced(&self) -> Option<GoAway> {
        let mut facts = self.facts();
        let goaway = facts.goaway.filter(|_| !facts.goaway_traced)?;
        facts.goaway_traced = true;
        Some(goaway)
    }

    /// The bound the server went past, if it did.
    pub fn flood(&self) -> Option<Flood> {
        self.facts().flood
    }

    /// Encoded bytes of the latest header block on `stream`: its decoded
    /// size (what the 300 KiB bound counts) is at least that.
    pub fn head_block(&self, stream: u32) -> u64 {
        match self.facts().block {
            (id, bytes) if id == stream => bytes,
            _ => 0,
        }
    }

    /// DATA bytes stream `stream` brought.
    pub fn data_bytes(&self, stream: u32) -> u64 {
        match self.facts().data {
            (id, bytes) if id == stream => bytes,
            _ => 0,
        }
    }
}

/// Where the reader is in the server's byte stream.
#[derive(Debug, Default)]
pub struct Reader {
    header: [u8; HEADER_LEN],
    filled: usize,
    /// The current frame's payload bytes still to pass.
    left: u32,
    kind: u8,
    flags: u8,
    stream: u32,
    /// Payload bytes of the current frame seen so far.
    offset: u32,
    /// A GOAWAY's first 8 payload bytes.
    goaway: [u8; 8],
    /// A padded DATA frame's padding length.
    pad: u8,
    pings: u32,
    settings: u32,
    unused: u32,
    /// Reset by httpc's own writes too: a server opens windows for what
    /// httpc sends.
    window_updates: u32,
    /// HEADERS frames and header block bytes on the latest stream that
    /// sent any.
    heads: Heads,
}

impl Reader {
    pub fn new() -> Reader {
        Reader::default()
    }

    /// Takes in bytes the server sent; a bound passed is the error.
    pub fn take(&mut self, mut bytes: &[u8], seen: &Seen) -> Result<(), Flood> {
        while !bytes.is_empty() {
            if self.filled < HEADER_LEN {
                let n = (HEADER_LEN - self.filled).min(bytes.len());
                self.header[self.filled..self.filled + n].copy_from_slice(&bytes[..n]);
                self.filled += n;
                bytes = &bytes[n..];
                if self.filled == HEADER_LEN {
                    self.start_frame(seen)?;
                }
                continue;
            }
            let n = (self.left as usize).min(bytes.len());
            self.payload(&bytes[..n], seen);
            bytes = &bytes[n..];
        }
        Ok(())
    }

    /// A frame header is complete: count the frame.
    fn start_frame(&mut self, seen: &Seen) -> Result<(), Flood> {
        let h = self.header;
        self.left = u32::from_be_bytes([0, h[0], h[1], h[2]]);
        self.kind = h[3];
        self.flags = h[4];
        self.stream = u32::from_be_bytes([h[5], h[6], h[7], h[8]]) & 0x7fff_ffff;
        self.offset = 0;
        self.pad = 0;
        self.count(seen)?;
        self.header_block(seen);
        if self.left == 0 {
            self.end_frame(seen);
        }
        Ok(())
    }

    fn count(&mut self, seen: &Seen) -> Result<(), Flood> {
        let ack = self.flags & ACK != 0;
        match self.kind {
            PING if !ack => self.pings += 1,
            SETTINGS if !ack => self.settings += 1,
            // RST_STREAM for a stream that is over (h2 drops them): one
            // for a stream still open ends it.
            PRIORITY | RST_STREAM | 0xa.. => self.unused += 1,
            WINDOW_UPDATE => self.window_updates += 1,
            HEADERS => {
                self.progress();
                if self.heads.stream != self.stream {
                    self.heads = Heads {
                        stream: self.stream,
                        ..Heads::default()
                    };
                }
                self.heads.frames += 1;
                self.heads.bytes += u64::from(self.left);
            }
            CONTINUATION if self.heads.stream == self.stream => {
                self.heads.bytes += u64::from(self.left);
            }
            _ => {}
        }
        let stream = self.heads.stream;
        let flood = match () {
            _ if self.pings > MAX_CONTROL_FRAMES => Some(Flood::Pings),
            _ if self.settings > MAX_CONTROL_FRAMES => Some(Flood::Settings),
            _ if self.unused > MAX_CONTROL_FRAMES => Some(Flood::Unused),
            _ if self.window_updates > MAX_CONTROL_FRAMES => Some(Flood::WindowUpdates),
            _ if self.heads.frames > MAX_HEADS_PER_STREAM => Some(Flood::Heads { stream }),
            _ if self.heads.bytes > MAX_HEAD_BYTES_PER_STREAM => Some(Flood::HeadBytes { stream }),
            _ => None,
        };
        match flood {
            None => Ok(()),
            Some(flood) => {
                seen.facts().flood = Some(flood);
                Err(flood)
            }
        }
    }

    /// Adds a HEADERS or CONTINUATION frame to the header block it is of.
    fn header_block(&self, seen: &Seen) {
        if !matches!(self.kind, HEADERS | CONTINUATION) {
            return;
        }
        let len = u64::from(self.left);
        let mut facts = seen.facts();
        facts.block = match (self.kind, facts.block) {
            (HEADERS, _) => (self.stream, len),
            (CONTINUATION, (id, n)) if id == self.stream => (id, n + len),
            (_, block) => block,
        };
    }

    /// Response bytes came: the control frames before them were no flood.
    fn progress(&mut self) {
        self.pings = 0;
        self.settings = 0;
        self.unused = 0;
        self.window_updates = 0;
    }

    /// Payload bytes of the current frame.
    fn payload(&mut self, bytes: &[u8], seen: &Seen) {
        match self.kind {
            GOAWAY => {
                let at = (self.offset as usize).min(self.goaway.len());
                let n = (self.goaway.len() - at).min(bytes.len());
                self.goaway[at..at + n].copy_from_slice(&bytes[..n]);
            }
            DATA if self.offset == 0 && self.flags & PADDED != 0 => {
                // The pad length, then body, then that many padding bytes.
                self.pad = bytes[0];
                self.add_data(seen, bytes.len() as u64 - 1);
            }
            DATA => self.add_data(seen, bytes.len() as u64),
            _ => {}
        }
        self.offset += bytes.len() as u32;
        self.left -= bytes.len() as u32;
        if self.left == 0 {
            self.end_frame(seen);
        }
    }

    /// Counts DATA payload bytes; the padding comes off as the frame ends.
    fn add_data(&mut self, seen: &Seen, bytes: u64) {
        let mut facts = seen.facts();
        facts.data = match facts.data {
            (id, n) if id == self.stream => (id, n + bytes),
            _ => (self.stream, bytes),
        };
    }

    /// The current frame is complete.
    fn end_frame(&mut self, seen: &Seen) {
        match self.kind {
            GOAWAY if self.offset >= 8 => {
                let g = self.goaway;
                let mut facts = seen.facts();
                // A later GOAWAY (a graceful shutdown sends two) is news.
                facts.goaway = Some(GoAway {
                    last_stream: u32::from_be_bytes([g[0], g[1], g[2], g[3]]) & 0x7fff_ffff,
                    reason: Reason::from(u32::from_be_bytes([g[4], g[5], g[6], g[7]])),
                });
                facts.goaway_traced = false;
            }
            DATA => {
                let framing = u32::from(self.flags & PADDED != 0) + u32::from(self.pad);
                let mut facts = seen.facts();
                if facts.data.0 == self.stream {
                    facts.data.1 = facts.data.1.saturating_sub(u64::from(self.pad));
                }
                drop(facts);
                if self.offset > framing {
                    self.progress();
                }
            }
            _ => {}
        }
        self.filled = 0;
    }
}

/// The heads one stream brought.
#[derive(Debug, Default, Clone, Copy)]
struct Heads {
    stream: u32,
    frames: u32,
    bytes: u64,
}

/// A connection whose incoming bytes the watcher sees on their way to h2.
pub struct Watched<T> {
    inner: T,
    reader: Reader,
    seen: Arc<Seen>,
}

impl<T> Watched<T> {
    pub fn new(inner: T) -> (Watched<T>, Arc<Seen>) {
        let seen = Arc::new(Seen::default());
        let watched = Watched {
            inner,
            reader: Reader::new(),
            seen: seen.clone(),
        };
        (watched, seen)
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Watched<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        std::task::ready!(Pin::new(&mut this.inner).poll_read(cx, buf))?;
        let new = &buf.filled()[before..];
        Poll::Ready(
            this.reader
                .take(new, &this.seen)
                .map_err(|flood| io::Error::new(io::ErrorKind::InvalidData, flood)),
        )
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Watched<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let written = std::task::ready!(Pin::new(&mut this.inner).poll_write(cx, buf))?;
        if written > 0 {
            this.reader.window_updates = 0;
        }
        Poll::Ready(Ok(written))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(kind: u8, flags: u8, stream: u32, payload: &[u8]) -> Vec<u8> {
        let mut out = (payload.len() as u32).to_be_bytes()[1..].to_vec();
        out.extend_from_slice(&[kind, flags]);
        out.extend_from_slice(&stream.to_be_bytes());
        out.extend_from_slice(payload);
        out
    }

    /// Feeds `bytes` in pieces of `step` bytes.
    fn feed(bytes: &[u8], step: usize) -> (Result<(), Flood>, Seen) {
        let (mut reader, seen) = (Reader::new(), Seen::default());
        let result = bytes.chunks(step).try_for_each(|c| reader.take(c, &seen));
        (result, seen)
    }

    #[test]
    fn a_goaway_split_anywhere_is_read_whole() {
        let mut payload = 7u32.to_be_bytes().to_vec();
        payload.extend_from_slice(&0xbu32.to_be_bytes());
        payload.extend_from_slice(b"debug data the watcher skips");
        let mut bytes = frame(DATA, 0, 1, b"abc");
        bytes.extend(frame(GOAWAY, 0, 0, &payload));
        for step in [1, 2, 5, 9, 10, 1000] {
            let (result, seen) = feed(&bytes, step);
            assert_eq!(result, Ok(()));
            let goaway = seen.goaway().unwrap();
            assert_eq!(goaway.last_stream, 7);
            assert_eq!(goaway.to_string(), "ENHANCE_YOUR_CALM (0xb), last stream 7");
            assert_eq!(seen.data_bytes(1), 3);
        }
    }

    #[test]
    fn padding_is_not_body() {
        // Pad length 4, then "hello", then 4 bytes of padding.
        let bytes = frame(DATA, PADDED, 3, b"\x04hello\0\0\0\0");
        for step in [1, 3, 100] {
            let (_, seen) = feed(&bytes, step);
            assert_eq!(seen.data_bytes(3), 5);
            assert_eq!(seen.data_bytes(1), 0);
        }
    }

    #[test]
    fn pings_are_a_flood_only_without_response_bytes_between() {
        let ping = frame(PING, 0, 0, &[0; 8]);
        let pong = frame(PING, ACK, 0, &[0; 8]);
        let mut calm = Vec::new();
        for _ in 0..3 {
            calm.extend(ping.repeat(MAX_CONTROL_FRAMES as usize));
            calm.extend(pong.repeat(10));
            calm.extend(frame(DATA, 0, 1, b"x"));
        }
        assert_eq!(feed(&calm, 4096).0, Ok(()));
        let flood = ping.repeat(MAX_CONTROL_FRAMES as usize + 1);
        let (result, seen) = feed(&flood, 4096);
        assert_eq!(result, Err(Flood::Pings));
        assert_eq!(seen.flood(), Some(Flood::Pings));
    }

    #[test]
    fn priority_and_unknown_frames_are_bounded_too() {
        let mut bytes = frame(PRIORITY, 0, 1, &[0; 5]).repeat(600);
        bytes.extend(frame(0xfa, 0, 0, b"ext").repeat(400));
        assert_eq!(feed(&bytes, 100).0, Ok(()));
        bytes.extend(frame(0xb, 0, 0, &[]));
        assert_eq!(feed(&bytes, 100).0, Err(Flood::Unused));
    }

    #[test]
    fn resets_count_as_unused_frames() {
        let mut bytes = frame(RST_STREAM, 0, 1, &8u32.to_be_bytes()).repeat(999);
        bytes.extend(frame(PRIORITY, 0, 3, &[0; 5]));
        assert_eq!(feed(&bytes, 64).0, Ok(()));
        bytes.extend(frame(RST_STREAM, 0, 1, &8u32.to_be_bytes()));
        assert_eq!(feed(&bytes, 64).0, Err(Flood::Unused));
    }

    #[test]
    fn window_updates_are_a_flood_only_while_nothing_is_sent() {
        let update = frame(WINDOW_UPDATE, 0, 0, &1u32.to_be_bytes());
        let (mut reader, seen) = (Reader::new(), Seen::default());
        let thousand = update.repeat(MAX_CONTROL_FRAMES as usize);
        // What httpc writes resets the count (see `Watched::poll_write`).
        for _ in 0..3 {
            assert_eq!(reader.take(&thousand, &seen), Ok(()));
            reader.window_updates = 0;
        }
        // So do response bytes.
        assert_eq!(reader.take(&thousand, &seen), Ok(()));
        assert_eq!(reader.take(&frame(DATA, 0, 1, b"x"), &seen), Ok(()));
        assert_eq!(reader.take(&thousand, &seen), Ok(()));
        assert_eq!(reader.take(&update, &seen), Err(Flood::WindowUpdates));
        assert_eq!(seen.flood(), Some(Flood::WindowUpdates));
    }

    #[test]
    fn heads_are_counted_per_stream() {
        let head = |stream| frame(HEADERS, 0x4, stream, &[0x88]);
        let mut bytes = Vec::new();
        for stream in [1, 3, 5] {
            bytes.extend(head(stream).repeat(MAX_HEADS_PER_STREAM as usize));
        }
        assert_eq!(feed(&bytes, 7).0, Ok(()));
        bytes.extend(head(5));
        assert_eq!(feed(&bytes, 7).0, Err(Flood::Heads { stream: 5 }));
    }

    #[test]
    fn head_bytes_are_counted_per_stream_with_continuations() {
        let kib = |n: usize| vec![0u8; n << 10];
        // 15 + 60 x 16 = 975 KiB on each stream: within the bound.
        let block = |stream| {
            let mut out = frame(HEADERS, 0, stream, &kib(15));
            for _ in 0..60 {
                out.extend(frame(CONTINUATION, 0, stream, &kib(16)));
            }
            out
        };
        let mut bytes = block(1);
        bytes.extend(block(3));
        // Trailers on stream 3: 975 + 15 + 2 x 16 = 1022 KiB.
        bytes.extend(frame(HEADERS, 0, 3, &kib(15)));
        bytes.extend(frame(CONTINUATION, 0, 3, &kib(16)).repeat(2));
        assert_eq!(feed(&bytes, 4096).0, Ok(()));
        bytes.extend(frame(CONTINUATION, 0, 3, &kib(16)));
        assert_eq!(feed(&bytes, 4096).0, Err(Flood::HeadBytes { stream: 3 }));
    }

    #[test]
    fn a_header_block_counts_its_continuations() {
        let mut bytes = frame(HEADERS, 0, 1, &[0; 100]);
        bytes.extend(frame(CONTINUATION, 0, 1, &[0; 50]));
        bytes.extend(frame(CONTINUATION, 0x4, 1, &[0; 25]));
        let (_, seen) = feed(&bytes, 13);
        assert_eq!(seen.head_block(1), 175);
        assert_eq!(seen.head_block(3), 0);
    }
}
