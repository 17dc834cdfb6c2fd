//! The streaming JSON pretty-printer.
//!
//! A token-level state machine that re-indents JSON bytes as they arrive: it
//! never builds a tree, so every token (numbers, string escapes, raw UTF-8,
//! duplicate keys, key order) comes out byte for byte as received; only the
//! whitespace between tokens changes. Memory does not grow with the body: the
//! state is a few fields plus one bit per nesting level (at most
//! [`MAX_DEPTH`] levels), a fixed output buffer that is handed to the writer
//! at the end of every [`JsonFormatter::write`], the first [`WINDOW`]
//! (64 KiB) of a body while it is judged, and a few hundred bytes of
//! whitespace held back.
//!
//! Layout is that of `jq .`: two spaces of indent, `"key": value`, `,` at the
//! end of a line, `{}`/`[]` for empty containers, a newline after every
//! top-level value (NDJSON and concatenated JSON are printed value by value).
//! The layout before a token is written when the token begins (the newline
//! after a top-level value as soon as the value is known to be complete), so
//! the output is always "formatted tokens so far".
//!
//! What a user sees depends only on the bytes of the body, never on how the
//! network cut it into reads. The first [`WINDOW`] bytes (64 KiB) are held
//! and judged as one chunk: a body that is invalid within them (or nests
//! deeper than [`MAX_DEPTH`]) is written exactly as received, without
//! colour, and so a small invalid body always is. Past the window output
//! streams, one chunk (one [`JsonFormatter::write`], one read) at a time: a
//! chunk is formatted into the output buffer and handed to the writer once
//! every byte of it has been found to go on the JSON so far. A bad byte
//! past the window cuts over there: the input before it is formatted, and
//! the input from it on is written as received, from the whitespace just
//! before it (at most [`WS_KEEP`] bytes of it, held back across chunks), so
//! the raw part is always an exact suffix of the input and two tokens never
//! run together (`[1 2]` shows `1 2]`, not `12]`). [`JsonFormatter::finish`]
//! then says where and why. Input that ends inside a value has been
//! formatted as far as it went; `finish` reports it.
//!
//! The output buffer holds the output of a whole chunk ([`HOLD`] bytes, far
//! more than the reads of a body expand to), so a chunk is scanned once. A
//! chunk whose output does not fit is scanned on with its output dropped,
//! to validate it, and formatted again from its start once it is known to be
//! valid (only pathological input, such as long runs of deep indent, does
//! that).
//!
//! Speed: inside containers a fast path (`Scan::fast`) formats whole
//! tokens with its state in registers and the place in the grammar as the
//! place in the code; it reads each token to its end before writing any of
//! it, so it can stop before anything unusual (a token cut by the end of the
//! read, invalid input, the top-level close) and leave the state as the
//! main loop would have it, and the main loop, which handles every case,
//! takes that token. String content, digits and runs of spaces are found
//! eight bytes at a time, each token is copied with one copy, and output
//! goes into a fixed buffer with headroom, so short pieces (indent, colour
//! codes, short tokens) are copied with fixed-size copies. A test checks
//! that the fast path changes no output and no error.

use std::fmt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Once;

use super::paint::{self, Color, Colors, Paint};

/// Deepest nesting that is formatted. Deeper input is copied through as
/// received (pretty-printing it would write quadratic amounts of indent).
pub const MAX_DEPTH: usize = 1024;

/// Words of the bit stack of open containers.
const WORDS: usize = MAX_DEPTH / 64;

/// The output of one chunk that is held until the whole chunk is known to be
/// valid: enough for the reads of a body (32 or 128 KiB) even when coloured
/// and deeply indented. Pages of it that are never written are never
/// touched, so the memory a body uses is what its chunks expand to.
pub const HOLD: usize = 1 << 20;

/// Gathered output is handed on (or, while a chunk is held, found not to
/// fit) once it is this large.
const FLUSH_AT: usize = HOLD;

/// Output is handed to the writer in pieces of at most this size, so the
/// output of one read goes in one write. Pieces of 64 KiB or more pass
/// stdout's 64 KiB buffer straight to fd 1 (smaller ones are copied into it
/// first). A large body widens a pipe on stdout to 1 MiB and is read 128 KiB
/// at a time, so its output (some 180 to 300 KiB a read) fits in the pipe;
/// a pipe that stays at 64 KiB gets 32 KiB reads. In `bench/bench.py`
/// (100 MB, the pipe widened) one write per read took about 4% less time
/// than 128 KiB pieces, and those 5-7% less than 32 KiB ones, plain and
/// coloured.
const WRITE_AT: usize = HOLD;

/// Room after `FLUSH_AT` for what one step of the loop writes: the deepest
/// indent, a colour code, a few bytes and fixed-size copies of up to 32.
const HEADROOM: usize = 4096;
const _: () = assert!(HEADROOM >= 1 + 2 * MAX_DEPTH + 128);

/// The size of the output buffer.
const BUF: usize = FLUSH_AT + HEADROOM;

/// A newline followed by the indent of the deepest level.
static NEWLINE_INDENT: [u8; 1 + 2 * MAX_DEPTH] = {
    let mut bytes = [b' '; 1 + 2 * MAX_DEPTH];
    bytes[0] = b'\n';
    bytes
};

/// An SGR colour code (from `paint`): up to seven bytes in the low bytes
/// of one word and its length in the top byte, so that writing it is one
/// load and one fixed-size copy. The words are filled from `paint` (that
/// is, by `colored`) once per run, when the first formatter that colours is
/// made ([`load_palette`]); until then they are empty.
struct Sgr(AtomicU64);

impl Sgr {
    const fn unset() -> Sgr {
        Sgr(AtomicU64::new(0))
    }

    fn set(&self, code: &str) {
        let mut bytes = [0; 8];
        assert!(code.len() < 8, "an SGR sequence of {} bytes", code.len());
        bytes[..code.len()].copy_from_slice(code.as_bytes());
        bytes[7] = code.len() as u8;
        self.0.store(u64::from_le_bytes(bytes), Ordering::Relaxed);
    }

    /// The sequence padded to eight bytes, and its length.
    #[inline(always)]
    fn get(&self) -> ([u8; 8], usize) {
        let bytes = self.0.load(Ordering::Relaxed).to_le_bytes();
        (bytes, usize::from(bytes[7]))
    }
}

/// Colours by token kind; punctuation stays plain.
static KEY: Sgr = Sgr::unset();
static STRING: Sgr = Sgr::unset();
static NUMBER: Sgr = Sgr::unset();
static BOOLEAN: Sgr = Sgr::unset();
static NULL: Sgr = Sgr::unset();
static RESET: Sgr = Sgr::unset();

/// Fills the token colours from `paint`, the first time a formatter that
/// colours is made (`Once` orders the stores before any formatter reads
/// them).
fn load_palette() {
    static LOADED: Once = Once::new();
    LOADED.call_once(|| {
        KEY.set(&Paint::fg(Color::Blue).bold().sgr());
        STRING.set(&Paint::fg(Color::Green).sgr());
        NUMBER.set(&Paint::fg(Color::Cyan).sgr());
        BOOLEAN.set(&Paint::fg(Color::Yellow).sgr());
        NULL.set(&Paint::fg(Color::Magenta).sgr());
        RESET.set(&paint::reset());
    });
}

/// Where the formatter is in the grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Before the first top-level value or between two of them.
    TopValue,
    /// A top-level number or literal has ended: whitespace, `"`, `[`, `{` or
    /// the end of the input must follow.
    TopAfterScalar,
    /// After `[`: a value or `]`.
    FirstItem,
    /// After `,` in an array.
    Item,
    /// After `:`.
    MemberValue,
    /// After `{`: a key or `}`.
    FirstKey,
    /// After `,` in an object.
    Key,
    /// After a key.
    Colon,
    /// After a value in a container: `,` or the closing bracket.
    AfterValue,
    /// Inside a string (a key when `Machine::key`).
    Str,
    /// After a `\` in a string.
    Escape,
    /// Inside `\uXXXX`, with this many hex digits still to come.
    Hex(u8),
    /// Number states, named after what was read last.
    Minus,
    Zero,
    Int,
    Dot,
    Frac,
    Exp,
    ExpSign,
    ExpInt,
    /// Inside `true`, `false` or `null`.
    Literal,
    /// The input was invalid: everything is copied through.
    Failed,
}

impl State {
    /// Whether the state is between two tokens inside a container: where
    /// the fast path (`Scan::fast`) starts and stops.
    fn between_tokens(self) -> bool {
        matches!(
            self,
            State::FirstItem
                | State::Item
                | State::MemberValue
                | State::FirstKey
                | State::Key
                | State::Colon
                | State::AfterValue
        )
    }

    /// Whether a token (and so its colour) is open.
    fn in_token(self) -> bool {
        matches!(
            self,
            State::Str
                | State::Escape
                | State::Hex(_)
                | State::Minus
                | State::Zero
                | State::Int
                | State::Dot
                | State::Frac
                | State::Exp
                | State::ExpSign
                | State::ExpInt
                | State::Literal
        )
    }
}

/// The state carried from one chunk to the next (copied into locals while a
/// chunk is formatted).
#[derive(Clone, Copy)]
struct Machine {
    state: State,
    /// The open string is a key.
    key: bool,
    /// The literal being read, and how much of it has been read.
    literal: &'static [u8],
    literal_pos: usize,
    depth: usize,
    /// A top-level value has begun.
    started: bool,
    /// 1-based line of the input, and the offset where it starts.
    line: u64,
    line_start: u64,
}

const START: Machine = Machine {
    state: State::TopValue,
    key: false,
    literal: b"",
    literal_pos: 0,
    depth: 0,
    started: false,
    line: 1,
    line_start: 0,
};

/// Re-indents (and optionally colours) JSON as it arrives; see the module docs.
pub struct JsonFormatter {
    color: bool,
    /// The fast path is used (off only in tests, which compare the two).
    fast: bool,
    m: Machine,
    /// One bit per open container: set for an object, clear for an array.
    objects: [u64; WORDS],
    /// Input bytes before the current chunk.
    consumed: u64,
    error: Option<JsonError>,
    /// Output gathered for the writer (`FLUSH_AT + HEADROOM` bytes).
    buf: Box<[u8; BUF]>,
    /// The whitespace at the end of the committed input that the formatter
    /// skipped without writing anything (its last `WS_KEEP` bytes at most):
    /// written before a chunk that turns out invalid, so that the bytes
    /// printed as received are an exact suffix of the input.
    held: Vec<u8>,
    /// How many bytes at the start of a body are judged as one
    /// ([`WINDOW`] but in tests), and those of them received so far.
    window: usize,
    pending: Vec<u8>,
}

/// The first bytes of a body that are held back and judged as one: a
/// body that is invalid within them is printed exactly as received, however
/// the network cut it. Past them, output streams, and a bad byte ends the
/// formatting there: the formatted output of the bytes before it stays and
/// the input follows as received from the whitespace before that byte (up
/// to [`WS_KEEP`] bytes of it). Both depend only on the bytes, so the
/// output never depends on how the body was split into reads.
pub const WINDOW: usize = 64 * 1024;

/// How much of a skipped whitespace run is held back for an invalid chunk
/// that follows it.
pub const WS_KEEP: usize = 256;

impl JsonFormatter {
    /// A formatter for one body (or several, one after another: `finish`
    /// makes it ready for the next), colouring tokens when `colors` is on.
    pub fn new(colors: Colors) -> Self {
        JsonFormatter::with_window(colors, WINDOW)
    }

    /// A formatter that holds the first `window` bytes instead of
    /// [`WINDOW`] (for tests and fuzzing: 0 streams from the first byte).
    pub fn with_window(colors: Colors, window: usize) -> Self {
        if colors.is_on() {
            load_palette();
        }
        JsonFormatter {
            color: colors.is_on(),
            fast: true,
            m: START,
            objects: [0; WORDS],
            consumed: 0,
            error: None,
            buf: vec![0; BUF]
                .into_boxed_slice()
                .try_into()
                .expect("the length is BUF"),
            held: Vec::with_capacity(WS_KEEP),
            window,
            pending: Vec::new(),
        }
    }

    /// The formatting of `chunk`: the machine copied out, the rest of the
    /// state borrowed. While `hold` is set nothing reaches `out`: a full
    /// buffer is dropped and `Scan::overflowed` set.
    fn scan<'s, W>(&'s mut self, chunk: &'s [u8], out: &'s mut W, hold: bool) -> Scan<'s, W> {
        Scan {
            m: self.m,
            objects: &mut self.objects,
            color: self.color,
            fast: self.fast,
            consumed: self.consumed,
            chunk,
            i: 0,
            buf: &mut self.buf,
            pos: 0,
            w: out,
            hold,
            overflowed: false,
        }
    }

    /// Formats the next chunk of the body. Chunks may end anywhere, even
    /// inside a token, a UTF-8 sequence or an escape. The first `window`
    /// bytes are held and judged as one chunk; after them each chunk is
    /// formatted as it comes (see [`WINDOW`] for what invalid input gives).
    /// Everything written is handed to `out` before this returns (after an
    /// I/O error the formatter must not be used again).
    pub fn write<W: Write>(&mut self, mut chunk: &[u8], out: &mut W) -> io::Result<()> {
        let seen = self.consumed as usize + self.pending.len();
        if self.m.state != State::Failed && seen < self.window {
            let take = chunk.len().min(self.window - seen);
            self.pending.extend_from_slice(&chunk[..take]);
            chunk = &chunk[take..];
            if self.pending.len() < self.window {
                return Ok(());
            }
            self.judge_window(out)?;
        }
        self.commit(chunk, false, out)
    }

    /// Commits the held start of the body as one chunk.
    fn judge_window<W: Write>(&mut self, out: &mut W) -> io::Result<()> {
        let pending = std::mem::take(&mut self.pending);
        self.commit(&pending, true, out)
    }

    /// Formats `chunk` and hands the output on when all of it goes on the
    /// JSON so far. Otherwise the input from the bad byte on is written as
    /// received: all of `chunk` when it is `whole` (the held start of a
    /// body), else from the point `cut_over` finds; every later chunk is
    /// written as received too.
    fn commit<W: Write>(&mut self, chunk: &[u8], whole: bool, out: &mut W) -> io::Result<()> {
        if self.m.state == State::Failed {
            self.consumed += chunk.len() as u64;
            return out.write_all(chunk);
        }
        if chunk.is_empty() {
            return Ok(());
        }
        let before = self.m;
        let objects = self.objects;
        let mut scan = self.scan(chunk, out, true);
        match scan.run() {
            Ok(()) if !scan.overflowed => {
                scan.hold = false;
                scan.flush()?;
                self.m = scan.m;
            }
            Ok(()) => {
                // Valid, but its output did not fit: format it again, now
                // handing the output on as it fills.
                self.objects = objects;
                let mut scan = self.scan(chunk, out, false);
                scan.run().map_err(Stop::into_io)?;
                scan.flush()?;
                self.m = scan.m;
            }
            Err(Stop::Io(error)) => return Err(error),
            Err(Stop::Invalid(kind)) => {
                let kind = kind.unwrap_or_else(|| ErrorKind::Unexpected(scan.expected()));
                let at = scan.i;
                let error = error_at(&scan.m, scan.consumed + at as u64, kind);
                if whole {
                    // Nothing has been written yet: the chunk as received.
                    out.write_all(chunk)?;
                } else {
                    self.m = before;
                    self.objects = objects;
                    self.cut_over(chunk, at, out)?;
                }
                self.held.clear();
                self.m.state = State::Failed;
                self.error = Some(error);
                self.consumed += chunk.len() as u64;
                return Ok(());
            }
        }
        self.hold_back(&before, chunk);
        self.consumed += chunk.len() as u64;
        Ok(())
    }

    /// `chunk[at]` is the first bad byte of the body, past the window, and
    /// the machine is as it was before `chunk`: writes the formatted output
    /// of the input up to the whitespace run before `at` (in a string the
    /// bad byte itself), closes an open colour, and writes the rest as
    /// received, with at most `WS_KEEP` bytes of that whitespace, taken
    /// from the held-back bytes when the run began in earlier chunks. The
    /// byte after a top-level number or literal, which wrote its newline,
    /// counts as formatted, as in `hold_back`.
    fn cut_over<W: Write>(&mut self, chunk: &[u8], at: usize, out: &mut W) -> io::Result<()> {
        let before = self.m;
        let objects = self.objects;
        // Where the machine is just before the bad byte.
        let mut probe = self.scan(&chunk[..at], out, true);
        probe.run().map_err(Stop::into_io)?;
        let (state, depth) = (probe.m.state, probe.m.depth);
        let run = if matches!(state, State::Str | State::Escape | State::Hex(_)) {
            0
        } else {
            chunk[..at]
                .iter()
                .rev()
                .take_while(|&&b| is_space(b))
                .count()
        };
        let start = at - run;
        let after_scalar = if start > 0 {
            depth == 0 && !matches!(chunk[start - 1], b'"' | b']' | b'}')
        } else {
            before.depth == 0
                && matches!(
                    before.state,
                    State::TopAfterScalar | State::Zero | State::Int | State::Frac | State::ExpInt
                )
        };
        let from = start + usize::from(after_scalar && run > 0);
        let cut = from.max(at.saturating_sub(WS_KEEP));
        let held_from = if start == 0 && !after_scalar {
            self.held.len().saturating_sub(WS_KEEP - (at - cut))
        } else {
            self.held.len()
        };
        self.m = before;
        self.objects = objects;
        let mut scan = self.scan(&chunk[..cut], out, false);
        scan.run().map_err(Stop::into_io)?;
        if scan.color && scan.m.state.in_token() {
            scan.color(&RESET);
        }
        scan.flush()?;
        out.write_all(&self.held[held_from..])?;
        out.write_all(&chunk[cut..])
    }

    /// After `chunk` has been committed (it began with the machine
    /// `before`): keeps the whitespace at its end that was skipped without
    /// output, joined to what was held before when the whole chunk is such
    /// whitespace. The first whitespace byte after a top-level number or
    /// literal wrote the newline that ends the value, so it is committed
    /// output, not held.
    fn hold_back(&mut self, before: &Machine, chunk: &[u8]) {
        if self.m.state.in_token() {
            // The chunk ends in a token (whitespace there is string content).
            self.held.clear();
            return;
        }
        let run = chunk
            .iter()
            .rev()
            .take(WS_KEEP)
            .take_while(|&&b| is_space(b))
            .count();
        let start = chunk.len() - run;
        if start > 0 {
            // The run begins in this chunk (or is longer than is kept); at
            // the top level only a number or literal ends in another byte
            // than these.
            let after_scalar = self.m.depth == 0
                && !matches!(chunk[start - 1], b'"' | b']' | b'}')
                && !is_space(chunk[start - 1]);
            self.held.clear();
            self.held
                .extend_from_slice(&chunk[start + usize::from(after_scalar && run > 0)..]);
        } else {
            // All of the chunk is whitespace: the run goes on from before.
            let ends_scalar = matches!(
                before.state,
                State::TopAfterScalar | State::Zero | State::Int | State::Frac | State::ExpInt
            );
            let from = if ends_scalar && before.depth == 0 {
                self.held.clear();
                1
            } else {
                0
            };
            self.held.extend_from_slice(&chunk[from..]);
            let over = self.held.len().saturating_sub(WS_KEEP);
            self.held.drain(..over);
        }
    }

    /// Ends the input: closes a pending token (a number at the very end) and
    /// writes the last newline. Returns `Ok(None)` when the whole input was
    /// JSON (one or more values), `Ok(Some(error))` when it was not: invalid,
    /// empty or cut short. Either way everything received has been written.
    /// The formatter is then ready for a new body.
    pub fn finish<W: Write>(&mut self, out: &mut W) -> io::Result<Option<JsonError>> {
        if !self.pending.is_empty() {
            self.judge_window(out)?;
        }
        let taken = self.error.take();
        let mut scan = self.scan(b"", out, false);
        let m = scan.m;
        let error = match m.state {
            State::Failed => taken,
            State::TopValue if !m.started => Some(error_at(&m, scan.consumed, ErrorKind::Empty)),
            State::TopValue => None,
            State::TopAfterScalar => {
                scan.byte(b'\n');
                None
            }
            state => {
                if state.in_token() {
                    scan.color(&RESET);
                }
                let complete = matches!(
                    state,
                    State::Zero | State::Int | State::Frac | State::ExpInt
                );
                if complete && m.depth == 0 {
                    scan.byte(b'\n');
                    None
                } else {
                    let expected = if complete {
                        expected_after_value(&m, scan.objects)
                    } else {
                        scan.expected()
                    };
                    Some(error_at(&m, scan.consumed, ErrorKind::EndOfInput(expected)))
                }
            }
        };
        scan.flush()?;
        self.m = START;
        self.consumed = 0;
        self.held.clear();
        Ok(error)
    }
}

/// Why formatting a chunk stopped early.
enum Stop {
    /// `chunk[i]` is not JSON (`None`: it is not what the state expects).
    Invalid(Option<ErrorKind>),
    Io(io::Error),
}

impl From<io::Error> for Stop {
    fn from(error: io::Error) -> Self {
        Stop::Io(error)
    }
}

impl Stop {
    /// The I/O error of a scan over input already known to be valid.
    fn into_io(self) -> io::Error {
        match self {
            Stop::Io(error) => error,
            Stop::Invalid(_) => unreachable!("the input was validated"),
        }
    }
}

type Step = Result<(), Stop>;

/// What a raw control character in a string should have been.
const CONTROL: &str = "an escape such as \\n or \\u001f, not a raw control character";

/// One chunk being formatted: the machine's state copied out of the
/// formatter (so that writes into the buffer cannot be taken to change it),
/// the input with the position in it, and the output buffer with its fill.
///
/// Between steps of the main loop `pos < FLUSH_AT`; the only big writes
/// (indent, runs of a token) check again, so the writes in between fit in
/// `HEADROOM`, and short pieces are written with fixed-size copies.
struct Scan<'a, W> {
    m: Machine,
    objects: &'a mut [u64; WORDS],
    color: bool,
    fast: bool,
    consumed: u64,
    chunk: &'a [u8],
    i: usize,
    buf: &'a mut [u8; BUF],
    pos: usize,
    w: &'a mut W,
    /// Output is held: `flush` drops it (and sets `overflowed`) instead of
    /// writing it.
    hold: bool,
    overflowed: bool,
}

impl<W: Write> Scan<'_, W> {
    /// The main loop. Each step dispatches on the state once and then reads
    /// on as far as the common case goes without another dispatch: a whole
    /// `"key": value,` in an object or `value,` in an array.
    #[inline(always)]
    fn run(&mut self) -> Step {
        // The fast path runs at every token boundary in a container, except
        // right after it stopped: the main loop then takes the next token.
        let mut fast = self.fast;
        while let Some(&b) = self.chunk.get(self.i) {
            if self.pos >= FLUSH_AT {
                self.flush()?;
            }
            if fast && self.m.state.between_tokens() {
                self.fast_path();
                fast = false;
                continue;
            }
            fast = self.fast;
            match self.m.state {
                State::Str => {
                    self.string()?;
                    self.after_key()?;
                    self.after_value()?;
                }
                State::Escape | State::Hex(_) => self.escape()?,
                State::Minus
                | State::Zero
                | State::Int
                | State::Dot
                | State::Frac
                | State::Exp
                | State::ExpSign
                | State::ExpInt => {
                    self.number()?;
                    self.after_value()?;
                }
                State::Literal => {
                    self.literal()?;
                    self.after_value()?;
                }
                _ if is_space(b) => {
                    if self.m.state == State::TopAfterScalar {
                        self.byte(b'\n');
                        self.m.state = State::TopValue;
                    }
                    self.skip_space();
                }
                State::FirstItem if b == b']' => {
                    self.close(b, false)?;
                    self.after_value()?;
                }
                State::TopValue | State::FirstItem | State::Item | State::MemberValue => {
                    self.value(b)?;
                    self.after_value()?;
                }
                State::FirstKey if b == b'}' => {
                    self.close(b, false)?;
                    self.after_value()?;
                }
                State::FirstKey | State::Key if b == b'"' => self.member()?,
                State::Colon => {
                    self.after_key()?;
                    self.after_value()?;
                }
                State::AfterValue => self.punctuation(b)?,
                State::TopAfterScalar if matches!(b, b'"' | b'[' | b'{') => {
                    self.byte(b'\n');
                    self.m.state = State::TopValue;
                }
                State::FirstKey | State::Key | State::TopAfterScalar => {
                    return Err(Stop::Invalid(None))
                }
                State::Failed => unreachable!("a failed formatter copies chunks through"),
            }
        }
        Ok(())
    }

    /// The fast path, with or without colour.
    #[inline(always)]
    fn fast_path(&mut self) {
        if self.color {
            self.fast::<true>();
        } else {
            self.fast::<false>();
        }
    }

    /// A member of an object, from the `"` of its key: the key, the colon
    /// and as much of the value as the chunk holds.
    #[inline(always)]
    fn member(&mut self) -> Step {
        self.indent()?;
        self.color(&KEY);
        self.byte(b'"');
        self.i += 1;
        self.m.key = true;
        self.m.state = State::Str;
        self.string()?;
        self.after_key()?;
        self.after_value()
    }

    /// The fast path for the inside of containers: from a token boundary
    /// (the state `FirstItem`, `Item`, `MemberValue`, `FirstKey`, `Key`,
    /// `Colon` or `AfterValue`) it formats whole tokens with the position,
    /// the output fill and the depth in registers, and the place in the
    /// grammar as the place in the code. It writes exactly what the main
    /// loop writes for the same tokens. Each token is read to its end and
    /// checked before anything of it is written, so the fast path can stop
    /// before any token and leave the state as the main loop would have it
    /// there: it stops (and the main loop takes the next token) before a
    /// token that the chunk does not hold whole, anything that is not
    /// valid JSON (the main loop finds and reports the error), the closing
    /// bracket of a top-level container, a container that would nest deeper
    /// than `MAX_DEPTH`, a long token that does not fit in the buffer, and
    /// when the buffer is full.
    ///
    /// It stays one function of about 200 lines, over the 80 of the style
    /// guide, for speed: the position, the output fill, the depth and the
    /// kind of the open container live in registers across tokens, and the
    /// place in the grammar is the place in the code (`break 'fast STATE`),
    /// which calls that return a state would turn into stores and a
    /// dispatch. What does not touch those registers is taken out
    /// (`scalar_end`, `settle`, inlined): pretty-printing `bench/bench.py`'s
    /// 100 MB file to a pipe took a median 0.178 s plain and 0.208 s
    /// coloured after that, against 0.186 s and 0.221 s before, 15
    /// alternating runs each on the same machine.
    #[inline(never)]
    fn fast<const COLOR: bool>(&mut self) {
        let chunk = self.chunk;
        let start = self.i;
        let mut i = start;
        let mut pos = self.pos;
        let mut depth = self.m.depth;
        let color = COLOR;
        let buf = &mut *self.buf;
        let objects = &mut *self.objects;
        let mut object = is_object(objects, depth - 1);

        // The layout of the next value: after a colon, or else the first
        // in an array (where `]` may come instead) or a later one.
        let (mut member, mut first) = (false, false);
        // Whether a value has just ended.
        let mut after = false;
        let state = 'fast: {
            // The next byte after whitespace; stops in `$state` at the end of
            // the chunk or when the buffer is full.
            macro_rules! next {
                ($state:expr) => {{
                    i = space_end(chunk, i);
                    match chunk.get(i) {
                        Some(&b) if pos < FLUSH_AT => b,
                        _ => break 'fast $state,
                    }
                }};
            }
            macro_rules! byte {
                ($b:expr) => {{
                    buf[pos] = $b;
                    pos += 1;
                    i += 1;
                }};
            }
            // `[]` or `{}` (the bracket is next), unless it closes a top-level
            // container.
            macro_rules! close_empty {
                ($b:expr, $state:expr) => {{
                    if depth == 1 {
                        break 'fast $state;
                    }
                    byte!($b);
                    depth -= 1;
                    object = is_object(objects, depth - 1);
                }};
            }
            macro_rules! open {
                ($b:expr, $member:expr, $state:expr) => {{
                    if depth == MAX_DEPTH {
                        break 'fast $state;
                    }
                    layout(buf, &mut pos, $member, depth);
                    byte!($b);
                    let bit = 1 << (depth % 64);
                    object = $b == b'{';
                    if object {
                        objects[depth / 64] |= bit;
                    } else {
                        objects[depth / 64] &= !bit;
                    }
                    depth += 1;
                }};
            }
            // A key (its `"` is next), then the colon.
            macro_rules! key {
                ($state:expr) => {{
                    let Some(end) = string_end(chunk, i + 1) else {
                        break 'fast $state;
                    };
                    let len = end + 1 - i;
                    if !fits(pos, len) {
                        break 'fast $state;
                    }
                    newline_indent(buf, &mut pos, depth);
                    paint(buf, &mut pos, color, &KEY);
                    put(buf, &mut pos, chunk, i, len);
                    paint(buf, &mut pos, color, &RESET);
                    i = end + 1;
                    if next!(State::Colon) != b':' {
                        break 'fast State::Colon;
                    }
                    byte!(b':');
                }};
            }

            match self.m.state {
                State::FirstItem => first = true,
                State::Item => {}
                State::MemberValue => member = true,
                State::AfterValue => after = true,
                State::FirstKey => match next!(State::FirstKey) {
                    b'}' => {
                        close_empty!(b'}', State::FirstKey);
                        after = true;
                    }
                    b'"' => {
                        key!(State::FirstKey);
                        member = true;
                    }
                    _ => break 'fast State::FirstKey,
                },
                State::Key => {
                    if next!(State::Key) != b'"' {
                        break 'fast State::Key;
                    }
                    key!(State::Key);
                    member = true;
                }
                State::Colon => {
                    if next!(State::Colon) != b':' {
                        break 'fast State::Colon;
                    }
                    byte!(b':');
                    member = true;
                }
                _ => break 'fast self.m.state,
            }
            loop {
                if !after {
                    let here = if member {
                        State::MemberValue
                    } else if first {
                        State::FirstItem
                    } else {
                        State::Item
                    };
                    let b = next!(here);
                    let (end, code) = match b {
                        b'{' => {
                            open!(b'{', member, here);
                            match next!(State::FirstKey) {
                                b'}' => {
                                    close_empty!(b'}', State::FirstKey);
                                    (member, first) = (false, false);
                                    after = true;
                                    continue;
                                }
                                b'"' => {
                                    key!(State::FirstKey);
                                    (member, first) = (true, false);
                                    continue;
                                }
                                _ => break 'fast State::FirstKey,
                            }
                        }
                        b'[' => {
                            open!(b'[', member, here);
                            (member, first) = (false, true);
                            continue;
                        }
                        b']' if first => {
                            close_empty!(b']', here);
                            (member, first) = (false, false);
                            after = true;
                            continue;
                        }
                        _ => match scalar_end(chunk, i) {
                            Some(token) => token,
                            None => break 'fast here,
                        },
                    };
                    let len = end - i;
                    if !fits(pos, len) {
                        break 'fast here;
                    }
                    layout(buf, &mut pos, member, depth);
                    paint(buf, &mut pos, color, code);
                    put(buf, &mut pos, chunk, i, len);
                    paint(buf, &mut pos, color, &RESET);
                    i = end;
                }
                // After a value: closing brackets, then `,` and what
                // follows it up to the next value.
                after = false;
                loop {
                    let b = next!(State::AfterValue);
                    if b == b',' {
                        byte!(b',');
                        if object {
                            if next!(State::Key) != b'"' {
                                break 'fast State::Key;
                            }
                            key!(State::Key);
                            (member, first) = (true, false);
                        } else {
                            (member, first) = (false, false);
                        }
                        break;
                    }
                    if b != if object { b'}' } else { b']' } || depth == 1 {
                        break 'fast State::AfterValue;
                    }
                    depth -= 1;
                    newline_indent(buf, &mut pos, depth);
                    byte!(b);
                    object = is_object(objects, depth - 1);
                }
            }
        };
        self.settle(start, i, pos, depth, state);
    }

    /// Takes back what the fast path kept in registers: it read
    /// `chunk[start..i]`, filled the buffer to `pos`, and stopped at
    /// `depth` in `state`.
    #[inline(always)]
    fn settle(&mut self, start: usize, i: usize, pos: usize, depth: usize, state: State) {
        // Raw newlines only come between tokens (in a string they are
        // invalid), so the lines passed are the newlines read.
        let read = &self.chunk[start..i];
        let lines = count_newlines(read);
        if lines > 0 {
            self.m.line += lines as u64;
            let last = read.iter().rposition(|&b| b == b'\n').unwrap_or(0);
            self.m.line_start = self.consumed + (start + last) as u64 + 1;
        }
        self.i = i;
        self.pos = pos;
        self.m.depth = depth;
        self.m.state = state;
    }

    /// Begins the value whose first byte is `b`, and reads as much of it as
    /// the chunk holds.
    #[inline(always)]
    fn value(&mut self, b: u8) -> Step {
        let (code, state) = match b {
            b'"' => (&STRING, State::Str),
            b'-' => (&NUMBER, State::Minus),
            b'0' => (&NUMBER, State::Zero),
            b'1'..=b'9' => (&NUMBER, State::Int),
            b't' => (&BOOLEAN, State::Literal),
            b'f' => (&BOOLEAN, State::Literal),
            b'n' => (&NULL, State::Literal),
            b'[' | b'{' => return self.open(b),
            _ => return Err(Stop::Invalid(None)),
        };
        self.layout()?;
        self.color(code);
        self.byte(b);
        self.i += 1;
        self.m.state = state;
        match b {
            b'"' => {
                self.m.key = false;
                self.string()
            }
            b't' | b'f' | b'n' => {
                self.m.literal = match b {
                    b't' => b"true",
                    b'f' => b"false",
                    _ => b"null",
                };
                self.m.literal_pos = 1;
                self.literal()
            }
            _ => self.number(),
        }
    }

    /// What goes before a value: nothing at the top level, a space after a
    /// colon, else a new line.
    #[inline(always)]
    fn layout(&mut self) -> io::Result<()> {
        match self.m.state {
            State::TopValue => {
                self.m.started = true;
                Ok(())
            }
            State::MemberValue => {
                self.byte(b' ');
                Ok(())
            }
            _ => self.indent(),
        }
    }

    #[inline(always)]
    fn open(&mut self, b: u8) -> Step {
        let depth = self.m.depth;
        if depth == MAX_DEPTH {
            return Err(Stop::Invalid(Some(ErrorKind::TooDeep)));
        }
        self.layout()?;
        self.byte(b);
        self.i += 1;
        let bit = 1 << (depth % 64);
        if b == b'{' {
            self.objects[depth / 64] |= bit;
            self.m.state = State::FirstKey;
        } else {
            self.objects[depth / 64] &= !bit;
            self.m.state = State::FirstItem;
        }
        self.m.depth = depth + 1;
        Ok(())
    }

    /// Closes the innermost container with `b`; `after_value` says whether it
    /// has members (and so its closing bracket goes on a line of its own).
    #[inline(always)]
    fn close(&mut self, b: u8, after_value: bool) -> Step {
        self.m.depth -= 1;
        if after_value {
            self.indent()?;
        }
        self.byte(b);
        self.i += 1;
        self.end_value(false);
        Ok(())
    }

    /// What follows a value that has just ended (and the newline after a
    /// top-level string or container).
    #[inline(always)]
    fn end_value(&mut self, scalar: bool) {
        self.m.state = if self.m.depth > 0 {
            State::AfterValue
        } else if scalar {
            // Only known to be complete when a delimiter follows.
            State::TopAfterScalar
        } else {
            self.byte(b'\n');
            State::TopValue
        };
    }

    /// The `,` or closing bracket after a value in a container, if next.
    #[inline(always)]
    fn after_value(&mut self) -> Step {
        if self.m.state == State::AfterValue {
            if let Some(b) = self.peek() {
                return self.punctuation(b);
            }
        }
        Ok(())
    }

    /// `b` after a value in a container.
    #[inline(always)]
    fn punctuation(&mut self, b: u8) -> Step {
        let object = is_object(self.objects, self.m.depth - 1);
        match b {
            b',' => {
                self.byte(b',');
                self.i += 1;
                self.m.state = if object { State::Key } else { State::Item };
                Ok(())
            }
            b'}' if object => self.close(b, true),
            b']' if !object => self.close(b, true),
            _ => Err(Stop::Invalid(None)),
        }
    }

    /// The colon and the value after a key, as far as they are there.
    #[inline(always)]
    fn after_key(&mut self) -> Step {
        if self.m.state != State::Colon {
            return Ok(());
        }
        match self.peek() {
            Some(b':') => {
                self.byte(b':');
                self.i += 1;
                self.m.state = State::MemberValue;
            }
            Some(_) => return Err(Stop::Invalid(None)),
            None => return Ok(()),
        }
        match self.peek() {
            Some(b) => self.value(b),
            None => Ok(()),
        }
    }

    /// Reads string content up to the closing quote or the end of the chunk.
    #[inline(always)]
    fn string(&mut self) -> Step {
        loop {
            let len = string_run(&self.chunk[self.i..]);
            self.copy(len)?;
            match self.chunk.get(self.i) {
                None => return Ok(()),
                Some(b'"') => {
                    self.byte(b'"');
                    self.color(&RESET);
                    self.i += 1;
                    if self.m.key {
                        self.m.state = State::Colon;
                    } else {
                        self.end_value(false);
                    }
                    return Ok(());
                }
                Some(b'\\') => {
                    self.byte(b'\\');
                    self.i += 1;
                    self.m.state = State::Escape;
                    self.escape()?;
                    if self.m.state != State::Str {
                        return Ok(());
                    }
                }
                Some(_) => return Err(Stop::Invalid(Some(ErrorKind::Unexpected(CONTROL)))),
            }
        }
    }

    /// Reads the rest of an escape, as far as the chunk goes; the state is
    /// `Str` again once it is complete.
    #[inline(always)]
    fn escape(&mut self) -> Step {
        while let Some(&b) = self.chunk.get(self.i) {
            let next = match (self.m.state, b) {
                (State::Escape, b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                    State::Str
                }
                (State::Escape, b'u') => State::Hex(4),
                (State::Hex(1), _) if b.is_ascii_hexdigit() => State::Str,
                (State::Hex(left), _) if b.is_ascii_hexdigit() => State::Hex(left - 1),
                _ => return Err(Stop::Invalid(None)),
            };
            self.byte(b);
            self.i += 1;
            self.m.state = next;
            if next == State::Str {
                break;
            }
        }
        Ok(())
    }

    /// Reads number bytes as far as the chunk goes; a byte that cannot go on
    /// the number ends it (if it is complete) and is looked at again.
    #[inline(always)]
    fn number(&mut self) -> Step {
        let chunk = self.chunk;
        let start = self.i;
        let mut i = self.i;
        let mut state = self.m.state;
        loop {
            if matches!(state, State::Int | State::Frac | State::ExpInt) {
                while chunk.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
            }
            let Some(&b) = chunk.get(i) else { break };
            state = match (state, b) {
                (State::Minus, b'1'..=b'9') => State::Int,
                (State::Minus, b'0') => State::Zero,
                (State::Zero | State::Int, b'.') => State::Dot,
                (State::Dot, b'0'..=b'9') => State::Frac,
                (State::Zero | State::Int | State::Frac, b'e' | b'E') => State::Exp,
                (State::Exp, b'+' | b'-') => State::ExpSign,
                (State::Exp | State::ExpSign, b'0'..=b'9') => State::ExpInt,
                _ => break,
            };
            i += 1;
        }
        self.i = start;
        self.copy(i - start)?;
        self.m.state = state;
        let Some(&b) = self.chunk.get(i) else {
            return Ok(());
        };
        match state {
            State::Zero if b.is_ascii_digit() => Err(Stop::Invalid(Some(ErrorKind::Unexpected(
                "a number without leading zeros",
            )))),
            State::Zero | State::Int | State::Frac | State::ExpInt => {
                self.color(&RESET);
                self.end_value(true);
                Ok(())
            }
            _ => Err(Stop::Invalid(None)),
        }
    }

    /// Reads the rest of `true`, `false` or `null`, as far as the chunk goes.
    #[inline(always)]
    fn literal(&mut self) -> Step {
        let literal = self.m.literal;
        while let Some(&b) = self.chunk.get(self.i) {
            if self.m.literal_pos == literal.len() {
                break;
            }
            if b != literal[self.m.literal_pos] {
                return Err(Stop::Invalid(None));
            }
            self.byte(b);
            self.i += 1;
            self.m.literal_pos += 1;
        }
        if self.m.literal_pos == literal.len() {
            self.color(&RESET);
            self.end_value(true);
        }
        Ok(())
    }

    /// The next byte after any whitespace.
    #[inline(always)]
    fn peek(&mut self) -> Option<u8> {
        let b = *self.chunk.get(self.i)?;
        if !is_space(b) {
            return Some(b);
        }
        self.skip_space();
        self.chunk.get(self.i).copied()
    }

    /// Skips whitespace, counting lines for error positions.
    #[inline(always)]
    fn skip_space(&mut self) {
        while let Some(&b) = self.chunk.get(self.i) {
            match b {
                b' ' | b'\t' | b'\r' => {}
                b'\n' => {
                    self.m.line += 1;
                    self.m.line_start = self.consumed + self.i as u64 + 1;
                }
                _ => break,
            }
            self.i += 1;
        }
    }

    #[inline(always)]
    fn byte(&mut self, b: u8) {
        self.buf[self.pos] = b;
        self.pos += 1;
    }

    /// Writes a colour code (when colour is on).
    #[inline(always)]
    fn color(&mut self, code: &Sgr) {
        if self.color {
            let (bytes, len) = code.get();
            self.buf[self.pos..self.pos + 8].copy_from_slice(&bytes);
            self.pos += len;
        }
    }

    /// A newline and the indent of the current depth.
    #[inline(always)]
    fn indent(&mut self) -> io::Result<()> {
        if self.pos >= FLUSH_AT {
            self.flush()?;
        }
        let len = 1 + 2 * self.m.depth;
        if len <= 32 {
            self.buf[self.pos..self.pos + 32].copy_from_slice(&NEWLINE_INDENT[..32]);
        } else {
            self.buf[self.pos..self.pos + len].copy_from_slice(&NEWLINE_INDENT[..len]);
        }
        self.pos += len;
        Ok(())
    }

    /// Copies the next `len` input bytes through and moves past them.
    #[inline(always)]
    fn copy(&mut self, len: usize) -> io::Result<()> {
        if self.pos >= FLUSH_AT {
            self.flush()?;
        }
        let src = &self.chunk[self.i..];
        self.i += len;
        if len <= 32 && src.len() >= 32 {
            self.buf[self.pos..self.pos + 32].copy_from_slice(&src[..32]);
        } else if self.pos + len <= FLUSH_AT {
            self.buf[self.pos..self.pos + len].copy_from_slice(&src[..len]);
        } else {
            self.flush()?;
            if len >= FLUSH_AT {
                return self.pass(&src[..len]);
            }
            self.buf[..len].copy_from_slice(&src[..len]);
        }
        self.pos += len;
        Ok(())
    }

    /// Hands the gathered output on, or drops it while output is held.
    #[inline(always)]
    fn flush(&mut self) -> io::Result<()> {
        let filled = self.pos;
        self.pos = 0;
        if self.hold {
            self.overflowed = true;
            return Ok(());
        }
        for piece in self.buf[..filled].chunks(WRITE_AT) {
            self.w.write_all(piece)?;
        }
        Ok(())
    }

    /// Writes `bytes` past the buffer (after a `flush`).
    fn pass(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.hold {
            self.overflowed = true;
            return Ok(());
        }
        self.w.write_all(bytes)
    }

    /// What the state expects next.
    fn expected(&self) -> &'static str {
        expected(&self.m, self.objects)
    }
}

#[inline(always)]
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

#[inline(always)]
fn is_object(objects: &[u64; WORDS], level: usize) -> bool {
    objects[level / 64] & (1 << (level % 64)) != 0
}

/// What the state expects next.
fn expected(m: &Machine, objects: &[u64; WORDS]) -> &'static str {
    match m.state {
        State::TopValue if !m.started => "a JSON value",
        State::TopValue => "end of input or another JSON value",
        State::TopAfterScalar => "whitespace or end of input",
        State::FirstItem => "a value or ']'",
        State::FirstKey => "a string key or '}'",
        State::Key => "a string key",
        State::Colon => "':'",
        State::MemberValue | State::Item => "a value",
        State::AfterValue => expected_after_value(m, objects),
        State::Str => "'\"' to end the string",
        State::Escape => "an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX",
        State::Hex(_) => "a hex digit in \\uXXXX",
        State::Minus => "a digit after '-'",
        State::Dot => "a digit after '.'",
        State::Exp => "a digit or sign in the exponent",
        State::ExpSign => "a digit in the exponent",
        State::Zero | State::Int | State::Frac | State::ExpInt => "the rest of the number",
        State::Literal => match m.literal {
            b"true" => "'true'",
            b"false" => "'false'",
            _ => "'null'",
        },
        State::Failed => "nothing (the input was already invalid)",
    }
}

fn expected_after_value(m: &Machine, objects: &[u64; WORDS]) -> &'static str {
    if m.depth == 0 {
        "whitespace or end of input"
    } else if is_object(objects, m.depth - 1) {
        "',' or '}'"
    } else {
        "',' or ']'"
    }
}

fn error_at(m: &Machine, offset: u64, kind: ErrorKind) -> JsonError {
    JsonError {
        offset,
        line: m.line,
        column: offset - m.line_start + 1,
        kind,
    }
}

/// Length of the leading run of `s` that is plain string content: no `"`,
/// no `\` and no control character. Eight bytes at a time.
#[inline(always)]
fn string_run(s: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while let Some(word) = s.get(i..i + 8) {
        let x = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        // Flipping bit 1 turns `"` into 0x20 and keeps the control
        // characters below it, so one subtraction finds both; a second
        // finds the zero bytes that were `\`. A byte's high bit is then set
        // where it was one of them (ASCII: `& !x`); bits above the first
        // hit may be wrong (borrows), the lowest one is exact.
        let low = x ^ (ONES * 0x02);
        let backslash = x ^ (ONES * u64::from(b'\\'));
        let hits = (low.wrapping_sub(ONES * 0x21) | backslash.wrapping_sub(ONES)) & !x & HIGHS;
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = s.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            return i;
        }
        i += 1;
    }
    s.len()
}

/// The end (one past it) and colour of the string, number or literal that
/// starts at `chunk[i]`, when the chunk holds all of it and it is valid
/// (the fast path reads a token to its end before writing any of it).
#[inline(always)]
fn scalar_end(chunk: &[u8], i: usize) -> Option<(usize, &'static Sgr)> {
    match chunk[i] {
        b'"' => string_end(chunk, i + 1).map(|end| (end + 1, &STRING)),
        b'-' | b'0'..=b'9' => number_end(chunk, i).map(|end| (end, &NUMBER)),
        b't' | b'f' | b'n' => {
            let (len, code) = match chunk.get(i..i + 4) {
                Some(b"true") => (4, &BOOLEAN),
                Some(b"null") => (4, &NULL),
                Some(b"fals") if chunk.get(i + 4) == Some(&b'e') => (5, &BOOLEAN),
                _ => return None,
            };
            Some((i + len, code))
        }
        _ => None,
    }
}

/// The index of the `"` that ends the string whose content starts at
/// `from`, if the chunk holds it and the content is valid (else the main
/// loop reads the string).
#[inline(always)]
fn string_end(chunk: &[u8], from: usize) -> Option<usize> {
    let mut j = from;
    loop {
        j += string_run(&chunk[j..]);
        match *chunk.get(j)? {
            b'"' => return Some(j),
            b'\\' => match *chunk.get(j + 1)? {
                b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => j += 2,
                b'u' if chunk.get(j + 2..j + 6)?.iter().all(u8::is_ascii_hexdigit) => j += 6,
                _ => return None,
            },
            _ => return None,
        }
    }
}

/// The end of the number that starts at `from`, if it is a whole valid
/// number that the chunk shows to have ended (a byte follows it that cannot
/// go on it); else the main loop reads the number.
#[inline(always)]
fn number_end(chunk: &[u8], from: usize) -> Option<usize> {
    let mut j = from + usize::from(chunk[from] == b'-');
    match *chunk.get(j)? {
        b'0' => j += 1,
        b'1'..=b'9' => j = digits_from(chunk, j + 1),
        _ => return None,
    }
    if chunk.get(j) == Some(&b'.') {
        let k = digits_from(chunk, j + 1);
        if k == j + 1 {
            return None;
        }
        j = k;
    }
    if matches!(chunk.get(j), Some(b'e' | b'E')) {
        j += 1 + usize::from(matches!(chunk.get(j + 1), Some(b'+' | b'-')));
        let k = digits_from(chunk, j);
        if k == j {
            return None;
        }
        j = k;
    }
    // After a leading `0` a digit is an error.
    match chunk.get(j) {
        Some(b) if !b.is_ascii_digit() => Some(j),
        _ => None,
    }
}

/// How many `\n` bytes `s` holds, 64 at a time (a loop that compilers
/// turn into vector compares).
fn count_newlines(s: &[u8]) -> usize {
    let mut blocks = s.chunks_exact(64);
    let mut count = 0;
    for block in &mut blocks {
        let mut n = 0u8;
        for &b in block {
            n += u8::from(b == b'\n');
        }
        count += usize::from(n);
    }
    count + blocks.remainder().iter().filter(|&&b| b == b'\n').count()
}

/// Whether a token of `len` bytes may be put at `pos` by the fast path:
/// a short one always (it is copied with a fixed-size copy into the
/// headroom), a long one while it fits before `FLUSH_AT`.
#[inline(always)]
fn fits(pos: usize, len: usize) -> bool {
    len <= 32 || pos + len <= FLUSH_AT
}

/// Copies `src[from..from + len]` to `buf[*pos..]`: 32 bytes at once when
/// the token is short and the source has them.
#[inline(always)]
fn put(buf: &mut [u8; BUF], pos: &mut usize, src: &[u8], from: usize, len: usize) {
    if len <= 32 && from + 32 <= src.len() {
        buf[*pos..*pos + 32].copy_from_slice(&src[from..from + 32]);
    } else {
        buf[*pos..*pos + len].copy_from_slice(&src[from..from + len]);
    }
    *pos += len;
}

/// Writes a colour code when colour is on.
#[inline(always)]
fn paint(buf: &mut [u8; BUF], pos: &mut usize, color: bool, code: &Sgr) {
    if color {
        let (bytes, len) = code.get();
        buf[*pos..*pos + 8].copy_from_slice(&bytes);
        *pos += len;
    }
}

/// A newline and the indent of `depth`.
#[inline(always)]
fn newline_indent(buf: &mut [u8; BUF], pos: &mut usize, depth: usize) {
    let len = 1 + 2 * depth;
    if len <= 32 {
        buf[*pos..*pos + 32].copy_from_slice(&NEWLINE_INDENT[..32]);
    } else {
        buf[*pos..*pos + len].copy_from_slice(&NEWLINE_INDENT[..len]);
    }
    *pos += len;
}

/// What goes before a value in a container: a space after a colon, else a
/// new line.
#[inline(always)]
fn layout(buf: &mut [u8; BUF], pos: &mut usize, member: bool, depth: usize) {
    if member {
        buf[*pos] = b' ';
        *pos += 1;
    } else {
        newline_indent(buf, pos, depth);
    }
}

/// Where the whitespace that starts at `i` ends. A run of spaces (the
/// indent of JSON that is already pretty) is skipped eight bytes at a time.
#[inline(always)]
fn space_end(chunk: &[u8], mut i: usize) -> usize {
    const SPACES: u64 = 0x2020_2020_2020_2020;
    while chunk.get(i).copied().is_some_and(is_space) {
        i += 1;
        if chunk.get(i) == Some(&b' ') {
            while let Some(word) = chunk.get(i..i + 8) {
                let x = u64::from_le_bytes(word.try_into().expect("eight bytes")) ^ SPACES;
                if x != 0 {
                    i += (x.trailing_zeros() / 8) as usize;
                    break;
                }
                i += 8;
            }
        }
    }
    i
}

/// Where the run of digits that starts at `j` ends.
#[inline(always)]
fn digits_from(chunk: &[u8], j: usize) -> usize {
    j + digit_run(chunk.get(j..).unwrap_or_default())
}

/// Length of the leading run of ASCII digits in `s`, eight bytes at a time.
#[inline(always)]
fn digit_run(s: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while let Some(word) = s.get(i..i + 8) {
        let x = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        // A byte's high bit is set where it is below '0' (the subtraction)
        // or above '9' (the addition); as in `string_run`, the lowest hit
        // is exact.
        let hits = (x.wrapping_sub(ONES * 0x30) | x.wrapping_add(ONES * 0x46)) & HIGHS;
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while s.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

/// Why and where the input stopped being JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Byte offset of the offending byte (the input's length when it ended early).
    offset: u64,
    /// 1-based line and column (in bytes) of that byte.
    line: u64,
    column: u64,
    kind: ErrorKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ErrorKind {
    /// No value at all (empty or whitespace-only input).
    Empty,
    /// This byte is not what was expected.
    Unexpected(&'static str),
    /// The input ended where this was expected.
    EndOfInput(&'static str),
    /// Nested deeper than `MAX_DEPTH`.
    TooDeep,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, column) = (self.line, self.column);
        match self.kind {
            ErrorKind::Empty => f.write_str("empty body is not JSON"),
            ErrorKind::Unexpected(expected) => {
                write!(f, "invalid JSON at line {line}, column {column}: expected {expected}")
            }
            ErrorKind::EndOfInput(expected) => write!(
                f,
                "invalid JSON at line {line}, column {column}: unexpected end of input, expected {expected}"
            ),
            ErrorKind::TooDeep => write!(
                f,
                "JSON nested deeper than {MAX_DEPTH} levels at line {line}, column {column}"
            ),
        }
    }
}

impl JsonError {
    /// Byte offset of the offending byte (the input's length when it
    /// ended early).
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// The body held no value at all (it was empty or whitespace).
    pub fn is_empty_body(&self) -> bool {
        self.kind == ErrorKind::Empty
    }

    /// The body ended inside a value: what came was valid, and formatted.
    pub fn ended_early(&self) -> bool {
        matches!(self.kind, ErrorKind::EndOfInput(_))
    }
}

impl std::error::Error for JsonError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Formats `chunks` one after another; returns the output and the error.
    fn colors(on: bool) -> Colors {
        if on {
            Colors::On
        } else {
            Colors::Off
        }
    }

    fn run(chunks: &[&[u8]], color: bool) -> (Vec<u8>, Option<JsonError>) {
        run_window(chunks, color, WINDOW)
    }

    /// `run` with the first `window` bytes held (0: streaming from the
    /// first byte, as past the window of a large body).
    fn run_window(chunks: &[&[u8]], color: bool, window: usize) -> (Vec<u8>, Option<JsonError>) {
        let mut formatter = JsonFormatter::with_window(colors(color), window);
        let mut out = Vec::new();
        for chunk in chunks {
            formatter.write(chunk, &mut out).unwrap();
        }
        let error = formatter.finish(&mut out).unwrap();
        (out, error)
    }

    /// `run` with the main loop alone (no fast path): the reference.
    fn run_main_loop(chunks: &[&[u8]], color: bool) -> (Vec<u8>, Option<JsonError>) {
        let mut formatter = JsonFormatter::with_window(colors(color), 0);
        formatter.fast = false;
        let mut out = Vec::new();
        for chunk in chunks {
            formatter.write(chunk, &mut out).unwrap();
        }
        let error = formatter.finish(&mut out).unwrap();
        (out, error)
    }

    /// The fast path changes nothing: for `chunks`, with and without
    /// colour, the output and the error are those of the main loop alone
    /// (both streaming from the first byte, where a bad byte cuts over).
    fn assert_fast_path_invisible(chunks: &[&[u8]]) {
        for color in [false, true] {
            let fast = run_window(chunks, color, 0);
            let main = run_main_loop(chunks, color);
            if fast != main {
                let lens: Vec<usize> = chunks.iter().map(|c| c.len()).collect();
                panic!(
                    "colour {color}, cut into {lens:?}:\nfast path {:?}\nmain loop {:?}\ninput {:?}",
                    (String::from_utf8_lossy(&fast.0), &fast.1),
                    (String::from_utf8_lossy(&main.0), &main.1),
                    String::from_utf8_lossy(&chunks.concat()),
                );
            }
        }
    }

    /// `assert_fast_path_invisible` for `input` whole, cut at every byte,
    /// and byte by byte.
    fn assert_fast_path_invisible_at_every_cut(input: &[u8]) {
        assert_fast_path_invisible(&[input]);
        for at in 0..=input.len() {
            let (a, b) = input.split_at(at);
            assert_fast_path_invisible(&[a, b]);
        }
        let bytes: Vec<&[u8]> = input.chunks(1).collect();
        assert_fast_path_invisible(&bytes);
    }

    fn pretty(input: &str) -> (String, Option<JsonError>) {
        let (out, error) = run(&[input.as_bytes()], false);
        (String::from_utf8(out).unwrap(), error)
    }

    /// The output for valid JSON (and checks every chunking gives it).
    fn ok(input: &str) -> String {
        let (out, error) = pretty(input);
        assert_eq!(error, None, "input {input:?}");
        assert_chunking_invariant(input.as_bytes());
        out
    }

    /// The output and error for invalid JSON (a small body: all of it in
    /// the window). Checks that every chunking gives the same, that a bad
    /// byte gives the input exactly as received, and what every chunking
    /// gives when it streams from the first byte: `assert_cut_over`.
    fn bad(input: &str) -> (String, JsonError) {
        let (out, error) = pretty(input);
        let error = error.unwrap_or_else(|| panic!("{input:?} was accepted"));
        let input = input.as_bytes();
        if !error.ended_early() && !error.is_empty_body() {
            assert_eq!(out.as_bytes(), input, "as received: {out:?}");
        }
        for color in [false, true] {
            let whole = run(&[input], color);
            for at in 0..=input.len() {
                let (a, b) = input.split_at(at);
                assert_eq!(run(&[a, b], color), whole, "{}", show(input, &[a, b]));
                assert_cut_over(input, &[a, b], color, &error);
            }
            let bytes: Vec<&[u8]> = input.chunks(1).collect();
            assert_eq!(run(&bytes, color), whole, "{}", show(input, &bytes));
            assert_cut_over(input, &bytes, color, &error);
        }
        (out, error)
    }

    /// Formats `chunks` without finishing, streaming from the first byte:
    /// what has been written so far.
    fn run_open(chunks: &[&[u8]], color: bool) -> Vec<u8> {
        let mut formatter = JsonFormatter::with_window(colors(color), 0);
        let mut out = Vec::new();
        for chunk in chunks {
            formatter.write(chunk, &mut out).unwrap();
        }
        out
    }

    /// Past the window (here from the first byte) a bad byte cuts over.
    /// For `input` (invalid, with `error` when whole) cut into `chunks`:
    /// the output and the error are those of the input whole; input that is
    /// cut short comes out formatted; otherwise the output is the formatted
    /// input up to some point `c`, then the input exactly as received from
    /// `c` on. `c` is the bad byte less the whitespace before it that was
    /// skipped without output (up to WS_KEEP bytes of it), so that tokens
    /// never run together. In colour the same holds, with the colour of a
    /// token left open closed before the raw bytes, so without colour codes
    /// it is the plain output.
    fn assert_cut_over(input: &[u8], chunks: &[&[u8]], color: bool, error: &JsonError) {
        let (out, chunk_error) = run_window(chunks, color, 0);
        let shown = show(input, chunks);
        assert_eq!(chunk_error.as_ref(), Some(error), "error of {shown}");
        assert_eq!(out, run_window(&[input], color, 0).0, "split: {shown}");
        let offset = error.offset as usize;
        if offset == input.len() {
            return;
        }
        let cut_at = |c: usize| {
            let head = run_open(&[&input[..c]], color);
            let rest = out.strip_prefix(&head[..])?;
            let rest = if color {
                rest.strip_prefix(b"\x1b[0m").unwrap_or(rest)
            } else {
                rest
            };
            (rest == &input[c..]).then_some(head)
        };
        let lowest = offset.saturating_sub(WS_KEEP + 1);
        let c = (lowest..=offset)
            .rev()
            .find(|&c| cut_at(c).is_some())
            .unwrap_or_else(|| panic!("no cut-over point: {shown}"));
        let head = cut_at(c).unwrap();
        assert!(offset - c <= WS_KEEP + 1, "{c}: {shown}");
        assert!(
            input[c..offset].iter().all(|&b| is_space(b)),
            "{c}: {shown}"
        );
        // (The byte after a number writes its colour's reset, but no layout.)
        let silent = |at: usize| strip_ansi(&run_open(&[&input[..at]], color)) == strip_ansi(&head);
        assert!(
            c == 0 || offset - c >= WS_KEEP || !is_space(input[c - 1]) || !silent(c - 1),
            "whitespace before {c} is held back: {shown}"
        );
        if color {
            assert_eq!(
                strip_ansi(&out),
                run_window(chunks, false, 0).0,
                "colour of {shown}"
            );
        }
    }

    fn show(input: &[u8], chunks: &[&[u8]]) -> String {
        let lens: Vec<usize> = chunks.iter().map(|c| c.len()).collect();
        format!("{:?} cut into {lens:?}", String::from_utf8_lossy(input))
    }

    /// What the error says was expected, if that is the problem.
    fn expected_of(error: &JsonError) -> Option<&'static str> {
        match error.kind {
            ErrorKind::Unexpected(what) | ErrorKind::EndOfInput(what) => Some(what),
            ErrorKind::Empty | ErrorKind::TooDeep => None,
        }
    }

    fn strip_ansi(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == 0x1b {
                while bytes[i] != b'm' {
                    i += 1;
                }
            } else {
                out.push(bytes[i]);
            }
            i += 1;
        }
        out
    }

    /// Splitting the input at any byte, or feeding it byte by byte, changes
    /// neither the output nor the error, with or without colour; and the
    /// coloured output without its colour codes is the plain output.
    fn assert_chunking_invariant(input: &[u8]) {
        for color in [false, true] {
            let whole = run(&[input], color);
            for at in 0..=input.len() {
                let (a, b) = input.split_at(at);
                assert_eq!(run(&[a, b], color), whole, "split at {at} of {input:?}");
            }
            let bytes: Vec<&[u8]> = input.chunks(1).collect();
            assert_eq!(run(&bytes, color), whole, "byte by byte: {input:?}");
        }
        let (plain, plain_error) = run(&[input], false);
        let (colored, colored_error) = run(&[input], true);
        assert_eq!(strip_ansi(&colored), plain, "colour of {input:?}");
        assert_eq!(colored_error, plain_error);
    }

    #[test]
    fn nested_containers_are_indented_by_two() {
        assert_eq!(
            ok(r#"{"a":1,"b":[true,false,null],"c":{"d":"e","f":[[1,2],{}]}}"#),
            r#"{
  "a": 1,
  "b": [
    true,
    false,
    null
  ],
  "c": {
    "d": "e",
    "f": [
      [
        1,
        2
      ],
      {}
    ]
  }
}
"#
        );
    }

    #[test]
    fn empty_containers_stay_on_one_line() {
        assert_eq!(ok("{}"), "{}\n");
        assert_eq!(ok("[]"), "[]\n");
        assert_eq!(ok("[ \n ]"), "[]\n");
        assert_eq!(ok("{\t\r\n}"), "{}\n");
        assert_eq!(ok("[{}]"), "[\n  {}\n]\n");
        assert_eq!(ok(r#"{"a":[]}"#), "{\n  \"a\": []\n}\n");
        assert_eq!(
            ok(r#"[[],{},[[]]]"#),
            "[\n  [],\n  {},\n  [\n    []\n  ]\n]\n"
        );
    }

    #[test]
    fn every_escape_is_copied_as_received() {
        let input = r#"["\" \\ \/ \b \f \n \r \t \u00e9 \u00E9 \ud83d\ude00 \uD800 \u0000"]"#;
        let inner = &input[1..input.len() - 1];
        assert_eq!(ok(input), format!("[\n  {inner}\n]\n"));
    }

    #[test]
    fn numbers_are_copied_as_received() {
        let numbers = [
            "123456789012345678901234567890",
            "1.5e400",
            "-0",
            "0",
            "0.0",
            "-0.000",
            "1E+2",
            "1e-2",
            "-1.25e-7",
            "0e0",
            "0E00",
            "12.50",
            "-123456789012345678901234567890.123456789e-999999",
        ];
        let input = format!("[{}]", numbers.join(","));
        let expected = format!("[\n  {}\n]\n", numbers.join(",\n  "));
        assert_eq!(ok(&input), expected);
        for number in numbers {
            assert_eq!(ok(number), format!("{number}\n"));
        }
    }

    #[test]
    fn strings_keep_their_spaces_utf8_duplicate_keys_and_order() {
        assert_eq!(
            ok(r#"{"z":"  two  spaces  ","a":"é 日本 😀","z":"again","k e y":""}"#),
            "{\n  \"z\": \"  two  spaces  \",\n  \"a\": \"é 日本 😀\",\n  \"z\": \"again\",\n  \"k e y\": \"\"\n}\n"
        );
        // Punctuation inside strings is content, not structure.
        assert_eq!(ok(r#"["{[,:]}"]"#), "[\n  \"{[,:]}\"\n]\n");
    }

    #[test]
    fn whitespace_between_tokens_is_relaid() {
        let ws = " \t\r\n";
        let spaced = format!(
            "{ws}{{{ws}\"a\"{ws}:{ws}[{ws}1{ws},{ws}\"x\"{ws},{ws}true{ws},{ws}{{{ws}}}{ws}]{ws},{ws}\"b\"{ws}:{ws}null{ws}}}{ws}"
        );
        let compact = r#"{"a":[1,"x",true,{}],"b":null}"#;
        assert_eq!(ok(&spaced), ok(compact));
        assert_eq!(
            ok(compact),
            "{\n  \"a\": [\n    1,\n    \"x\",\n    true,\n    {}\n  ],\n  \"b\": null\n}\n"
        );
    }

    #[test]
    fn top_level_scalars_are_on_their_own_line() {
        assert_eq!(ok("1"), "1\n");
        assert_eq!(ok(" 42 \n"), "42\n");
        assert_eq!(ok(r#""s""#), "\"s\"\n");
        assert_eq!(ok("true"), "true\n");
        assert_eq!(ok("false"), "false\n");
        assert_eq!(ok("null"), "null\n");
        assert_eq!(ok("-0.5e3"), "-0.5e3\n");
    }

    #[test]
    fn several_top_level_values_are_printed_in_turn() {
        assert_eq!(
            ok("{\"a\":1}\n{\"a\":2}\n"),
            "{\n  \"a\": 1\n}\n{\n  \"a\": 2\n}\n"
        );
        assert_eq!(ok("1 2\t3\r\n4"), "1\n2\n3\n4\n");
        assert_eq!(ok("[1][2]{}"), "[\n  1\n]\n[\n  2\n]\n{}\n");
        assert_eq!(ok(r#""a""b""#), "\"a\"\n\"b\"\n");
        assert_eq!(ok(r#"1"a"true[]null{}"#), "1\n\"a\"\ntrue\n[]\nnull\n{}\n");
    }

    /// A small invalid body is printed exactly as received, however it is
    /// cut (and streaming, as `assert_cut_over` says).
    #[test]
    fn a_small_invalid_body_is_printed_as_received_however_it_is_cut() {
        // (input, line, column, expected)
        let cases: &[(&str, u64, u64, &str)] = &[
            ("{1}", 1, 2, "a string key or '}'"),
            ("[1.]", 1, 4, "a digit after '.'"),
            ("[01]", 1, 3, "a number without leading zeros"),
            ("01", 1, 2, "a number without leading zeros"),
            ("[-]", 1, 3, "a digit after '-'"),
            ("[1e]", 1, 4, "a digit or sign in the exponent"),
            ("[1e+]", 1, 5, "a digit in the exponent"),
            ("[.5]", 1, 2, "a value or ']'"),
            ("[+1]", 1, 2, "a value or ']'"),
            ("[tru]", 1, 5, "'true'"),
            ("[fals e]", 1, 6, "'false'"),
            ("nul1", 1, 4, "'null'"),
            ("truex", 1, 5, "whitespace or end of input"),
            ("1x", 1, 2, "whitespace or end of input"),
            ("1-2", 1, 2, "whitespace or end of input"),
            ("]", 1, 1, "a JSON value"),
            ("[1]]", 1, 4, "end of input or another JSON value"),
            ("{\"a\":1}x", 1, 8, "end of input or another JSON value"),
            ("[1,]", 1, 4, "a value"),
            ("[1 2]", 1, 4, "',' or ']'"),
            ("[1}", 1, 3, "',' or ']'"),
            ("{\"a\":1]", 1, 7, "',' or '}'"),
            ("{\"a\":1,}", 1, 8, "a string key"),
            ("{\"a\" 1}", 1, 6, "':'"),
            ("{\"a\"::1}", 1, 6, "a value"),
            ("{a:1}", 1, 2, "a string key or '}'"),
            (
                "[\"\\x\"]",
                1,
                4,
                "an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX",
            ),
            ("[\"\\u12G4\"]", 1, 7, "a hex digit in \\uXXXX"),
            ("[\"a\tb\"]", 1, 4, CONTROL),
            ("{\"a\nb\":1}", 1, 4, CONTROL),
            ("{\n  \"a\": 1,\n  \"b\" 2\n}", 3, 7, "':'"),
            ("[1,\r\n\t\"\u{7f}\x01\"]", 2, 4, CONTROL),
        ];
        for &(input, line, column, expected) in cases {
            let (out, error) = bad(input);
            assert_eq!(out, input, "output of {input:?}");
            assert_eq!(
                (error.line, error.column, expected_of(&error)),
                (line, column, Some(expected)),
                "error of {input:?}"
            );
        }
        let (out, error) = bad(r#"{"a": 1,, "b": [1 2]}"#);
        assert_eq!(out, r#"{"a": 1,, "b": [1 2]}"#);
        assert_eq!(
            error.to_string(),
            "invalid JSON at line 1, column 9: expected a string key"
        );
        let long = format!("[1{}2]", " ".repeat(WS_KEEP + 44));
        assert_eq!(bad(&long).0, long);
    }

    /// Past the window: the input before the bad byte stays formatted, and
    /// the output goes on exactly as received from the bad byte, or from
    /// the whitespace skipped just before it, wherever the reads end.
    #[test]
    fn past_the_window_a_bad_byte_cuts_over_to_the_input_as_received() {
        let cases: &[(&[&str], &str)] = &[
            (
                &[r#"{"a": 1,"#, r#", "b": [1 2]}"#],
                r#"{
  "a": 1,, "b": [1 2]}"#,
            ),
            (
                &[r#"{"a": 1, "b": [1"#, r#" 2]}"#],
                "{\n  \"a\": 1,\n  \"b\": [\n    1 2]}",
            ),
            (
                &[r#"{"a": 1, "b": [1 2]}"#],
                "{\n  \"a\": 1,\n  \"b\": [\n    1 2]}",
            ),
            // Whitespace before the bad byte is printed with it, so tokens
            // do not run together: `1 2`, not `12`.
            (&["[1 ", "2]"], "[\n  1 2]"),
            (&["[1", " ", "\t", "2]"], "[\n  1 \t2]"),
            (&["[1 ", " ,", "]"], "[\n  1,]"),
            (&["[1, 2 3]"], "[\n  1,\n  2 3]"),
            // ...but not the byte after a top-level value that wrote its newline.
            (&["1 ", " x"], "1\n x"),
            (&["1", "  ", "x"], "1\n x"),
            (&["1", " ", "x"], "1\nx"),
            (&["1 x"], "1\nx"),
            (&["{}\n ", "x"], "{}\n\n x"),
            // Inside a string whitespace is content, already written.
            (&["[\"a ", "\x01\"]"], "[\n  \"a \x01\"]"),
            (&["[\"a \x01\"]"], "[\n  \"a \x01\"]"),
            (&["[1,", "]"], "[\n  1,]"),
            (&["[", "1,]"], "[\n  1,]"),
        ];
        for (chunks, expected) in cases {
            let bytes: Vec<&[u8]> = chunks.iter().map(|c| c.as_bytes()).collect();
            let whole = chunks.concat();
            for input in [&bytes[..], &[whole.as_bytes()]] {
                let (out, error) = run_window(input, false, 0);
                assert!(error.is_some(), "{chunks:?}");
                assert_eq!(String::from_utf8(out).unwrap(), *expected, "{chunks:?}");
            }
        }
        // Of a long run the last WS_KEEP bytes are printed.
        let spaces = " ".repeat(WS_KEEP + 44);
        let want = format!("[\n  1{}2]", &spaces[44..]);
        let (out, _) = run_window(&[b"[1", spaces.as_bytes(), b"2]"], false, 0);
        assert_eq!(out, want.as_bytes());
        let (out, _) = run_window(
            &[
                b"[1",
                &spaces.as_bytes()[..100],
                &spaces.as_bytes()[100..],
                b"2]",
            ],
            false,
            0,
        );
        assert_eq!(out, want.as_bytes());
        let whole = format!("[1{spaces}2]");
        assert_eq!(run_window(&[whole.as_bytes()], false, 0).0, want.as_bytes());
    }

    /// The window: a body is held until its first `window` bytes are in; an
    /// invalid one is printed as received when the bad byte is among them,
    /// and cut over at the bad byte when it comes later; reads are split
    /// where the window ends.
    #[test]
    fn the_window_decides_between_as_received_and_cut_over() {
        let input = b"[1, 2, 3, x]";
        let cut_over = b"[\n  1,\n  2,\n  3, x]";
        for window in 0..=input.len() + 1 {
            let want: &[u8] = if window > 10 { input } else { cut_over };
            for at in 0..=input.len() {
                let (a, b) = input.split_at(at);
                let (out, error) = run_window(&[a, b], false, window);
                assert_eq!(error.unwrap().offset(), 10);
                assert_eq!(out, want, "window {window}, split at {at}");
            }
        }
        // Nothing is written until the window is full or the body ends.
        let mut formatter = JsonFormatter::with_window(Colors::Off, 4);
        let mut out = Vec::new();
        formatter.write(b"[1,", &mut out).unwrap();
        assert_eq!(out, b"");
        formatter.write(b" 2", &mut out).unwrap();
        assert_eq!(out, b"[\n  1,\n  2");
        assert_eq!(WINDOW, 64 * 1024);
    }

    #[test]
    fn input_that_ends_inside_a_value_is_reported_and_printed() {
        // (input, output, column, expected)
        let cases: &[(&str, &str, u64, &str)] = &[
            ("{", "{", 2, "a string key or '}'"),
            ("[", "[", 2, "a value or ']'"),
            ("{\"a\": 1", "{\n  \"a\": 1", 8, "',' or '}'"),
            ("[1,", "[\n  1,", 4, "a value"),
            ("[[1]", "[\n  [\n    1\n  ]", 5, "',' or ']'"),
            ("{\"a\"", "{\n  \"a\"", 5, "':'"),
            ("{\"a\":", "{\n  \"a\":", 6, "a value"),
            ("\"abc", "\"abc", 5, "'\"' to end the string"),
            (
                "\"a\\",
                "\"a\\",
                4,
                "an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX",
            ),
            ("\"\\u00", "\"\\u00", 6, "a hex digit in \\uXXXX"),
            ("1.", "1.", 3, "a digit after '.'"),
            ("-", "-", 2, "a digit after '-'"),
            ("1e", "1e", 3, "a digit or sign in the exponent"),
            ("tru", "tru", 4, "'true'"),
            ("1 [", "1\n[", 4, "a value or ']'"),
        ];
        for &(input, output, column, expected) in cases {
            let (out, error) = bad(input);
            assert_eq!(out, output, "output of {input:?}");
            assert_eq!(
                (error.offset, error.line, error.column, expected_of(&error)),
                (input.len() as u64, 1, column, Some(expected)),
                "error of {input:?}"
            );
            assert!(error.to_string().contains("unexpected end of input"));
        }
    }

    #[test]
    fn empty_or_blank_input_is_an_error_and_prints_nothing() {
        for input in ["", " ", "\n\t\r\n  "] {
            let (out, error) = bad(input);
            assert_eq!(out, "");
            assert_eq!(error.to_string(), "empty body is not JSON");
            assert_eq!(expected_of(&error), None);
        }
    }

    #[test]
    fn errors_say_where_and_what_was_expected() {
        let (_, error) = bad("{\n  \"a\": 1\n  \"b\": 2\n}");
        assert_eq!(
            error.to_string(),
            "invalid JSON at line 3, column 3: expected ',' or '}'"
        );
        assert_eq!(error.offset, 13);
        let (_, error) = bad("{\"a\": 1");
        assert_eq!(
            error.to_string(),
            "invalid JSON at line 1, column 8: unexpected end of input, expected ',' or '}'"
        );
    }

    #[test]
    fn once_invalid_later_chunks_are_copied_through() {
        let chunks: [&[u8]; 4] = [b"[1,", b"]", b" {\"a\": ", b"\x1b\xff]"];
        let (out, error) = run(&chunks, true);
        assert_eq!(out, chunks.concat());
        assert_eq!(error.unwrap().column, 4);
        let (out, error) = run_window(&chunks, true, 0);
        assert_eq!(out, b"[\n  \x1b[36m1\x1b[0m,] {\"a\": \x1b\xff]");
        assert_eq!(error.unwrap().column, 4);
    }

    #[test]
    fn colours_tokens_by_kind_and_resets_after_each() {
        let (out, error) = run(&[br#"{"k":["s",-1.5,true,false,null,{},[]]}"#], true);
        assert_eq!(error, None);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\n  \x1b[1;34m\"k\"\x1b[0m: [\n    \x1b[32m\"s\"\x1b[0m,\n    \x1b[36m-1.5\x1b[0m,\n    \
             \x1b[33mtrue\x1b[0m,\n    \x1b[33mfalse\x1b[0m,\n    \x1b[35mnull\x1b[0m,\n    {},\n    []\n  ]\n}\n"
        );
        // A number at the very end is closed by finish.
        assert_eq!(run(&[b"12"], true).0, b"\x1b[36m12\x1b[0m\n");
        // An error past the window inside a token closes the colour
        // before the raw bytes.
        assert_eq!(
            run_window(&[b"[\"ab", b"\x01\"]"], true, 0).0,
            b"[\n  \x1b[32m\"ab\x1b[0m\x01\"]"
        );
        assert_eq!(
            run_window(&[b"[1", b"2x"], true, 0).0,
            b"[\n  \x1b[36m12\x1b[0mx"
        );
        // Invalid in the window: no colour at all.
        assert_eq!(run(&[b"[1", b"2x"], true).0, b"[12x");
        assert_eq!(run(&[b"[\"ab\x01\"]"], true).0, b"[\"ab\x01\"]");
        assert_eq!(run(&[b"[tr"], true).0, b"[\n  \x1b[33mtr\x1b[0m");
        // No colour codes at all when colour is off.
        let (plain, _) = run(&[br#"{"k":["s",-1.5,true,null]}"#], false);
        assert!(!plain.contains(&0x1b));
    }

    #[test]
    fn deep_nesting_up_to_the_limit_is_formatted() {
        let input = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        let (out, error) = pretty(&input);
        assert_eq!(error, None);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2 * MAX_DEPTH - 1);
        assert_eq!(
            lines[MAX_DEPTH - 1],
            format!("{}[]", " ".repeat(2 * (MAX_DEPTH - 1)))
        );
    }

    #[test]
    fn deeper_nesting_is_passed_through() {
        let input = format!(
            "{}{{\"a\":1}}{}",
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        let (out, error) = pretty(&input);
        let error = error.unwrap();
        assert_eq!(error.offset, MAX_DEPTH as u64);
        assert_eq!(
            error.to_string(),
            format!(
                "JSON nested deeper than {MAX_DEPTH} levels at line 1, column {}",
                MAX_DEPTH + 1
            )
        );
        assert_eq!(out, input);
        // Past the window, formatted up to the bracket too deep.
        let input = input.as_bytes();
        let (out, _) = run_window(&[&input[..2], &input[2..]], false, 0);
        let head = run_open(&[&input[..MAX_DEPTH]], false);
        assert_eq!(out, [&head[..], &input[MAX_DEPTH..]].concat());
    }

    #[test]
    fn the_formatter_can_be_reused_after_finish() {
        let mut formatter = JsonFormatter::new(Colors::Off);
        let mut out = Vec::new();
        formatter.write(b"[1,", &mut out).unwrap();
        assert!(formatter.finish(&mut out).unwrap().is_some());
        formatter.write(b"{\"a\":", &mut out).unwrap();
        formatter.write(b"2}", &mut out).unwrap();
        assert_eq!(formatter.finish(&mut out).unwrap(), None);
        assert_eq!(out, b"[\n  1,{\n  \"a\": 2\n}\n");
    }

    #[test]
    fn the_fast_path_writes_what_the_main_loop_writes() {
        let long = "x".repeat(40);
        let valid = [
            r#"{"a":1,"b":[true,false,null],"c":{"d":"e","f":[[1,2],{}]}}"#.to_string(),
            r#"[ [ ] , { } , [[]] , {"":{}} , "" ]"#.to_string(),
            format!(r#"{{"{long}":"{long}","k\u00e9\n\"":["\\ \/ \b \f \r \t \ud83d\ude00"]}}"#),
            r#"[-0,0,0.0,-0.000,1E+2,1e-2,-1.25e-7,0e0,12.50,123456789012345678901234567890123]"#
                .to_string(),
            "{\n  \"a\": [\n    1,\n    \"é日😀\"\n  ]\n}\n[1]\n{}".to_string(),
            format!("{}{}", "[{\"a\":".repeat(20), "1}]".repeat(20)),
            // Runs of spaces, skipped eight at a time.
            format!(
                "[\n{}1,\n{}\t {}2 ,{}{{}} ]",
                " ".repeat(23),
                " ".repeat(9),
                " ".repeat(8),
                " ".repeat(16)
            ),
        ];
        // Each bad where the fast path reads, in a token it stops before.
        let invalid = [
            "[1,2,]",
            "[01]",
            "[1.]",
            "[1e]",
            "[-]",
            "[1.5.2]",
            "[tru]",
            "[trUe]",
            "[falsy]",
            "[nul]",
            r#"{"a" 1}"#,
            r#"{"a":1,}"#,
            r#"{"a":1]"#,
            "[1}",
            "{1:2}",
            r#"["\x"]"#,
            r#"["\u12G4"]"#,
            "[\"a\u{1}\"]",
            "[1 2]",
            r#"{"a":{"b":[1,{"c":"d"}]}x"#,
            "[[],[}]",
            "{,}",
            "[,1]",
            "[\"a\nb\"]",
            "[1]]",
            "{}}",
            // Lines and columns counted over what the fast path read.
            "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\" 3\n}",
            "[\r\n1,\r\n\t2,\n\n  x]",
            "[\n                   1,\n           x]",
        ];
        for input in valid.iter().map(String::as_str).chain(invalid) {
            assert_fast_path_invisible_at_every_cut(input.as_bytes());
        }
        // Nesting at the limit and past it, and tokens longer than the
        // buffer (which the fast path leaves to the main loop).
        let deep = |n: usize| format!("{}1{}", "[{\"k\":".repeat(n / 2), "}]".repeat(n / 2));
        for input in [deep(MAX_DEPTH), deep(MAX_DEPTH + 2)] {
            let pieces: Vec<&[u8]> = input.as_bytes().chunks(977).collect();
            assert_fast_path_invisible(&[input.as_bytes()]);
            assert_fast_path_invisible(&pieces);
        }
        let huge = format!(r#"["{}",{},"#, "s".repeat(HOLD + 5), "9".repeat(HOLD + 5));
        let huge = format!("{huge}{}]", vec!["[1]"; 70_000].join(","));
        let pieces: Vec<&[u8]> = huge.as_bytes().chunks(128 * 1024).collect();
        assert_fast_path_invisible(&[huge.as_bytes()]);
        assert_fast_path_invisible(&pieces);
    }

    #[test]
    fn large_input_is_handed_over_in_pieces_and_unchanged() {
        let item =
            r#"{"id":12345,"name":"a name with \"escapes\" \u00e9","tags":["x","y"],"ok":true}"#;
        let input = format!("[{}]", vec![item; 5000].join(","));
        let (out, error) = pretty(&input);
        assert_eq!(error, None);
        let compact: String = out
            .lines()
            .map(str::trim_start)
            .map(|l| l.replace("\": ", "\":"))
            .collect();
        assert_eq!(compact, input);
    }

    #[test]
    fn a_chunk_whose_output_does_not_fit_is_validated_before_any_is_written() {
        let item = format!("{}1{}", "[".repeat(20), "]".repeat(20));
        let valid = format!("[{}]", vec![item; 2000].join(","));
        let (whole, error) = run(&[valid.as_bytes()], true);
        assert_eq!(error, None);
        assert!(whole.len() > HOLD, "{}", whole.len());
        let pieces: Vec<&[u8]> = valid.as_bytes().chunks(1000).collect();
        assert_eq!(run(&pieces, true), (whole, None));
        // The bad byte last, in the window: nothing formatted was written.
        let invalid = format!("{}x", &valid[..valid.len() - 1]);
        let (out, error) = run_window(&[invalid.as_bytes()], true, usize::MAX);
        assert_eq!(error.unwrap().offset, invalid.len() as u64 - 1);
        assert_eq!(out, invalid.as_bytes());
    }

    #[test]
    fn digit_run_stops_at_the_first_byte_that_is_no_digit() {
        let digits = b"0123456789012345678";
        for len in 0..digits.len() {
            assert_eq!(digit_run(&digits[..len]), len);
            for at in 0..len {
                for byte in 0..=255u8 {
                    let mut s = digits[..len].to_vec();
                    s[at] = byte;
                    let expected = if byte.is_ascii_digit() { len } else { at };
                    assert_eq!(digit_run(&s), expected, "{s:?}");
                }
            }
        }
    }

    #[test]
    fn string_run_stops_at_the_first_special_byte() {
        let text = b"abcdefghijklmnopqrstuvwxyz0123456789";
        for len in 0..text.len() {
            assert_eq!(string_run(&text[..len]), len);
            for at in 0..len {
                for special in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
                    let mut s = text[..len].to_vec();
                    s[at] = special;
                    if at + 1 < len {
                        s[at + 1] = b'"';
                    }
                    assert_eq!(string_run(&s), at, "{s:?}");
                }
            }
        }
        // High bytes (UTF-8) and DEL are content.
        let utf8 = "é日本😀\u{7f}é日本😀".as_bytes();
        assert_eq!(string_run(utf8), utf8.len());
        // Every byte value at every place of a run of plain bytes.
        for len in 1..20 {
            for at in 0..len {
                for byte in 0..=255u8 {
                    let mut s = text[..len].to_vec();
                    s[at] = byte;
                    let special = byte == b'"' || byte == b'\\' || byte < 0x20;
                    assert_eq!(string_run(&s), if special { at } else { len }, "{s:?}");
                }
            }
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// A JSON value with its tokens as raw text.
        #[derive(Clone, Debug)]
        enum Tree {
            Scalar(String),
            Array(Vec<Tree>),
            Object(Vec<(String, Tree)>),
        }

        fn string() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                "[^\"\\\\\\x00-\\x1f]{1,6}",
                Just(" ".to_string()),
                prop::sample::select(vec![
                    r#"\""#,
                    r"\\",
                    r"\/",
                    r"\b",
                    r"\f",
                    r"\n",
                    r"\r",
                    r"\t",
                    r"\ud83d\ude00"
                ])
                .prop_map(String::from),
                "\\\\u[0-9a-fA-F]{4}",
            ];
            prop::collection::vec(piece, 0..6).prop_map(|pieces| format!("\"{}\"", pieces.concat()))
        }

        fn key() -> impl Strategy<Value = String> {
            prop_oneof![
                string(),
                // Few names, so that keys repeat.
                prop::sample::select(vec!["\"a\"", "\"b\"", "\"\""]).prop_map(String::from),
            ]
        }

        fn tree() -> impl Strategy<Value = Tree> {
            let scalar = prop_oneof![
                "-?(0|[1-9][0-9]{0,40})(\\.[0-9]{1,20})?([eE][+-]?[0-9]{1,4})?",
                string(),
                prop::sample::select(vec!["true", "false", "null"]).prop_map(String::from),
            ]
            .prop_map(Tree::Scalar);
            scalar.prop_recursive(5, 64, 6, |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..6).prop_map(Tree::Array),
                    prop::collection::vec((key(), inner), 0..6).prop_map(Tree::Object),
                ]
            })
        }

        fn tokens(tree: &Tree, out: &mut Vec<String>) {
            match tree {
                Tree::Scalar(token) => out.push(token.clone()),
                Tree::Array(items) => {
                    out.push("[".into());
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            out.push(",".into());
                        }
                        tokens(item, out);
                    }
                    out.push("]".into());
                }
                Tree::Object(members) => {
                    out.push("{".into());
                    for (i, (key, value)) in members.iter().enumerate() {
                        if i > 0 {
                            out.push(",".into());
                        }
                        out.push(key.clone());
                        out.push(":".into());
                        tokens(value, out);
                    }
                    out.push("}".into());
                }
            }
        }

        /// The expected layout, written the obvious recursive way.
        fn reference(tree: &Tree, depth: usize, out: &mut String) {
            let indent = |depth: usize| "  ".repeat(depth);
            match tree {
                Tree::Scalar(token) => out.push_str(token),
                Tree::Array(items) if items.is_empty() => out.push_str("[]"),
                Tree::Object(members) if members.is_empty() => out.push_str("{}"),
                Tree::Array(items) => {
                    out.push('[');
                    for (i, item) in items.iter().enumerate() {
                        out.push_str(if i > 0 { ",\n" } else { "\n" });
                        out.push_str(&indent(depth + 1));
                        reference(item, depth + 1, out);
                    }
                    out.push('\n');
                    out.push_str(&indent(depth));
                    out.push(']');
                }
                Tree::Object(members) => {
                    out.push('{');
                    for (i, (key, value)) in members.iter().enumerate() {
                        out.push_str(if i > 0 { ",\n" } else { "\n" });
                        out.push_str(&indent(depth + 1));
                        out.push_str(key);
                        out.push_str(": ");
                        reference(value, depth + 1, out);
                    }
                    out.push('\n');
                    out.push_str(&indent(depth));
                    out.push('}');
                }
            }
        }

        /// A small tokenizer for checking: the tokens of JSON text, whitespace dropped.
        fn tokenize(text: &[u8]) -> Vec<Vec<u8>> {
            let mut tokens = Vec::new();
            let mut i = 0;
            while i < text.len() {
                let start = i;
                match text[i] {
                    b' ' | b'\t' | b'\r' | b'\n' => {
                        i += 1;
                        continue;
                    }
                    b'"' => {
                        i += 1;
                        while text[i] != b'"' {
                            i += if text[i] == b'\\' { 2 } else { 1 };
                        }
                        i += 1;
                    }
                    b'{' | b'}' | b'[' | b']' | b',' | b':' => i += 1,
                    _ => {
                        while i < text.len() && !b" \t\r\n{}[],:\"".contains(&text[i]) {
                            i += 1;
                        }
                    }
                }
                tokens.push(text[start..i].to_vec());
            }
            tokens
        }

        /// Input text: the values' tokens with random whitespace between
        /// them (at least one whitespace byte between top-level values).
        fn layout(values: &[Tree], spaces: &[String]) -> String {
            let mut spaces = spaces.iter().cycle();
            let mut text = String::new();
            for (n, value) in values.iter().enumerate() {
                if n > 0 {
                    text.push('\n');
                }
                let mut list = Vec::new();
                tokens(value, &mut list);
                for token in list {
                    text.push_str(spaces.next().unwrap());
                    text.push_str(&token);
                }
                text.push_str(spaces.next().unwrap());
            }
            text
        }

        fn chunked<'a>(input: &'a [u8], cuts: &[usize]) -> Vec<&'a [u8]> {
            let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (input.len() + 1)).collect();
            cuts.sort_unstable();
            let mut chunks = Vec::new();
            let mut from = 0;
            for cut in cuts {
                chunks.push(&input[from..cut]);
                from = cut;
            }
            chunks.push(&input[from..]);
            chunks
        }

        /// serde_json's verdict on a stream of values (duplicate keys allowed).
        fn serde_accepts(text: &[u8]) -> bool {
            let mut count = 0;
            for value in
                serde_json::Deserializer::from_slice(text).into_iter::<serde::de::IgnoredAny>()
            {
                if value.is_err() {
                    return false;
                }
                count += 1;
            }
            count > 0
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            #[test]
            fn the_fast_path_is_invisible_for_any_input_and_cut(
                values in prop::collection::vec(tree(), 1..3),
                spaces in prop::collection::vec("[ \t\r\n]{0,3}", 1..8),
                damage in prop::option::of((any::<usize>(), prop::sample::select(
                    b"{}[],:\"\\ \n0123456789.eE+-tfnulx\x01".to_vec()))),
                cuts in prop::collection::vec(any::<usize>(), 0..8),
            ) {
                let mut input = layout(&values, &spaces).into_bytes();
                if let Some((at, byte)) = damage {
                    let at = at % input.len();
                    input[at] = byte;
                }
                assert_fast_path_invisible(&chunked(&input, &cuts));
            }

            #[test]
            fn valid_json_is_reindented_token_for_token(
                values in prop::collection::vec(tree(), 1..4),
                spaces in prop::collection::vec("[ \t\r\n]{0,3}", 1..16),
                cuts in prop::collection::vec(any::<usize>(), 0..8),
            ) {
                let input = layout(&values, &spaces);
                let (out, error) = run(&[input.as_bytes()], false);
                prop_assert_eq!(error, None);

                let mut expected = String::new();
                for value in &values {
                    reference(value, 0, &mut expected);
                    expected.push('\n');
                }
                prop_assert_eq!(String::from_utf8(out.clone()).unwrap(), expected);
                prop_assert_eq!(tokenize(&out), tokenize(input.as_bytes()));
                prop_assert!(serde_accepts(&out));

                let chunks = chunked(input.as_bytes(), &cuts);
                prop_assert_eq!(run(&chunks, false), (out.clone(), None));
                let (colored, error) = run(&chunks, true);
                prop_assert_eq!(error, None);
                prop_assert_eq!(strip_ansi(&colored), out);
            }

            #[test]
            fn damaged_json_is_judged_like_serde_and_nothing_is_lost(
                value in tree(),
                spaces in prop::collection::vec("[ \t\r\n]{0,2}", 1..8),
                at in any::<usize>(),
                damage in prop_oneof![
                    prop::sample::select(b"{}[],:\"\\ \t\n0123456789.eE+-tfnulx\x01".to_vec()).prop_map(Some),
                    Just(None),
                ],
                cut in any::<bool>(),
                cuts in prop::collection::vec(any::<usize>(), 0..6),
            ) {
                let mut input = layout(&[value], &spaces).into_bytes();
                let at = at % input.len();
                match (cut, damage) {
                    (true, _) => input.truncate(at),
                    (false, Some(byte)) => input[at] = byte,
                    (false, None) => { input.remove(at); }
                }
                let (out, error) = run(&[&input], false);
                prop_assert_eq!(error.is_none(), serde_accepts(&input), "{:?}", String::from_utf8_lossy(&input));
                let chunks = chunked(&input, &cuts);
                match &error {
                    None => {
                        prop_assert_eq!(run(&chunks, false), (out.clone(), None));
                        let (colored, colored_error) = run(&chunks, true);
                        prop_assert_eq!(colored_error, None);
                        prop_assert_eq!(strip_ansi(&colored), out);
                    }
                    Some(error) => {
                        if !error.ended_early() && !error.is_empty_body() {
                            // Invalid in the window: exactly as received.
                            prop_assert_eq!(&out, &input);
                        }
                        prop_assert_eq!(run(&chunks, false), (out.clone(), Some(error.clone())));
                        // Streaming, cut anywhere: formatted up to the bad
                        // byte, then the rest of the input as received.
                        for color in [false, true] {
                            assert_cut_over(&input, &chunks, color, error);
                        }
                    }
                }
            }
        }
    }

    /// Speed on a generated ~100 MB array, plain and coloured: `bench/json/run.sh`
    /// (`cargo test --release bench_pretty_print -- --ignored --nocapture`).
    #[test]
    #[ignore = "benchmark: run in release mode"]
    fn bench_pretty_print() {
        let input = bench_input(100 << 20);
        for color in [false, true] {
            let mut best = f64::MAX;
            let mut written = 0;
            for _ in 0..3 {
                let mut sink = Counter(0);
                let start = std::time::Instant::now();
                let mut formatter = JsonFormatter::new(colors(color));
                for chunk in input.chunks(64 * 1024) {
                    formatter.write(chunk, &mut sink).unwrap();
                }
                assert_eq!(formatter.finish(&mut sink).unwrap(), None);
                best = best.min(start.elapsed().as_secs_f64());
                written = sink.0;
            }
            let _ = writeln!(
                io::stderr(),
                "color={color}: {} MB in, {} MB out in {best:.3}s: {:.0} MB/s",
                input.len() >> 20,
                written >> 20,
                input.len() as f64 / best / 1e6
            );
        }
    }

    /// An array of objects with strings, numbers, literals and nested arrays.
    pub(super) fn bench_input(size: usize) -> Vec<u8> {
        let mut input = b"[".to_vec();
        let mut n: u64 = 0;
        while input.len() < size {
            if n > 0 {
                input.push(b',');
            }
            n += 1;
            let item = format!(
                r#"{{"id":{n},"name":"user {n}","email":"user{n}@example.com","score":{}.{},"active":{},"tags":["alpha","beta \"quoted\"","caf\u00e9"],"address":{{"street":"{n} Main Street","city":"Springfield","zip":"{:05}"}},"matrix":[[1,2,3],[4.5e-3,-6,null]],"note":null}}"#,
                n % 1000,
                n % 97,
                n % 3 == 0,
                n % 100000
            );
            input.extend_from_slice(item.as_bytes());
        }
        input.push(b']');
        input
    }

    struct Counter(usize);

    impl Write for Counter {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
}
