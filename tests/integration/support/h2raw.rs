//! A raw HTTP/2 test server (h2c, prior knowledge) for servers that
//! misbehave: each connection runs a script that writes frames byte for
//! byte as built here, while a reader records every frame the client
//! sent. No HTTP/2 library on this side: nothing corrects the script.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

pub const DATA: u8 = 0x0;
pub const HEADERS: u8 = 0x1;
pub const RST_STREAM: u8 = 0x3;
pub const SETTINGS: u8 = 0x4;
pub const PING: u8 = 0x6;
pub const GOAWAY: u8 = 0x7;
pub const CONTINUATION: u8 = 0x9;

pub const END_STREAM: u8 = 0x1;
pub const END_HEADERS: u8 = 0x4;

pub const NO_ERROR: u32 = 0x0;
pub const INTERNAL_ERROR: u32 = 0x2;

const PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
/// How long a script waits for the client.
const PATIENCE: Duration = Duration::from_secs(15);

/// One frame as the client sent it.
#[derive(Debug, Clone)]
pub struct Frame {
    pub kind: u8,
    pub flags: u8,
    pub stream: u32,
    pub payload: Vec<u8>,
}

impl Frame {
    /// A SETTINGS frame's (identifier, value) pairs.
    pub fn settings(&self) -> Vec<(u16, u32)> {
        self.payload
            .chunks_exact(6)
            .map(|c| {
                (
                    u16::from_be_bytes([c[0], c[1]]),
                    u32::from_be_bytes([c[2], c[3], c[4], c[5]]),
                )
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------
// Building frames
// ---------------------------------------------------------------------------

/// A frame: 24-bit length, type, flags, 31-bit stream id, payload.
pub fn frame(kind: u8, flags: u8, stream: u32, payload: &[u8]) -> Vec<u8> {
    let len = payload.len() as u32;
    let mut out = len.to_be_bytes()[1..].to_vec();
    out.extend_from_slice(&[kind, flags]);
    out.extend_from_slice(&stream.to_be_bytes());
    out.extend_from_slice(payload);
    out
}

/// An empty SETTINGS frame (the server's preface).
pub fn settings() -> Vec<u8> {
    frame(SETTINGS, 0, 0, &[])
}

pub fn ping(n: u64) -> Vec<u8> {
    frame(PING, 0, 0, &n.to_be_bytes())
}

pub fn goaway(last_stream: u32, code: u32) -> Vec<u8> {
    let mut payload = last_stream.to_be_bytes().to_vec();
    payload.extend_from_slice(&code.to_be_bytes());
    frame(GOAWAY, 0, 0, &payload)
}

pub fn rst_stream(stream: u32, code: u32) -> Vec<u8> {
    frame(RST_STREAM, 0, stream, &code.to_be_bytes())
}

pub fn data(stream: u32, bytes: &[u8], end: bool) -> Vec<u8> {
    frame(DATA, if end { END_STREAM } else { 0 }, stream, bytes)
}

/// A whole head in one HEADERS frame.
pub fn head(stream: u32, status: u16, fields: &[(&str, &str)], end: bool) -> Vec<u8> {
    let flags = END_HEADERS | if end { END_STREAM } else { 0 };
    frame(HEADERS, flags, stream, &hpack(status, fields))
}

/// A header block: `:status` and fields as literals (no indexing, no
/// Huffman), so the bytes are plain to read.
pub fn hpack(status: u16, fields: &[(&str, &str)]) -> Vec<u8> {
    // `:status` is static table entry 8: a literal with that name.
    let mut out = vec![0x08];
    string(&mut out, status.to_string().as_bytes());
    out.extend_from_slice(&fields_block(fields));
    out
}

/// Fields as literals without indexing, new names.
pub fn fields_block(fields: &[(&str, &str)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, value) in fields {
        out.push(0x00);
        string(&mut out, name.as_bytes());
        string(&mut out, value.as_bytes());
    }
    out
}

/// An HPACK string literal: 7-bit prefixed length, no Huffman.
fn string(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut len = bytes.len();
    if len < 127 {
        out.push(len as u8);
    } else {
        out.push(127);
        len -= 127;
        while len >= 128 {
            out.push((len % 128) as u8 | 0x80);
            len /= 128;
        }
        out.push(len as u8);
    }
    out.extend_from_slice(bytes);
}

// ---------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------

/// What the client sent on one connection, and whether it has closed.
#[derive(Default)]
struct Log {
    frames: Vec<Frame>,
    closed: bool,
}

type Shared = Arc<(Mutex<Log>, Condvar)>;

/// One accepted connection, as a script sees it.
pub struct Conn {
    stream: TcpStream,
    log: Shared,
}

impl Conn {
    /// Writes bytes; false once the client has gone.
    pub fn send(&mut self, bytes: &[u8]) -> bool {
        self.stream.write_all(bytes).is_ok()
    }

    /// Waits for a frame the client sent that matches `wanted`.
    pub fn await_frame(&self, wanted: impl Fn(&Frame) -> bool) -> Option<Frame> {
        let (lock, cvar) = &*self.log;
        let deadline = Instant::now() + PATIENCE;
        let mut log = lock.lock().unwrap();
        loop {
            if let Some(f) = log.frames.iter().find(|f| wanted(f)) {
                return Some(f.clone());
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            if log.closed {
                return None;
            }
            log = cvar.wait_timeout(log, left).unwrap().0;
        }
    }

    /// Waits for the request's HEADERS (stream 1 unless said otherwise).
    pub fn await_request(&self) -> Option<u32> {
        self.await_frame(|f| f.kind == HEADERS).map(|f| f.stream)
    }

    /// Waits until the client closes the connection.
    pub fn await_close(&self) {
        let (lock, cvar) = &*self.log;
        let deadline = Instant::now() + PATIENCE;
        let mut log = lock.lock().unwrap();
        while !log.closed {
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                return;
            };
            log = cvar.wait_timeout(log, left).unwrap().0;
        }
    }

    /// Writes `frame` again and again until the client goes (at most
    /// `limit` times, so the server thread always ends).
    pub fn flood(&mut self, limit: usize, frame: impl Fn(usize) -> Vec<u8>) -> usize {
        (0..limit).take_while(|&i| self.send(&frame(i))).count()
    }
}

/// The server: a script run for each connection, in order.
pub struct RawH2 {
    addr: SocketAddr,
    logs: Arc<Mutex<Vec<Shared>>>,
}

impl RawH2 {
    /// Runs `script(n, conn)` for the n-th connection (from 0).
    pub fn start(script: impl Fn(usize, &mut Conn) + Send + Sync + 'static) -> RawH2 {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let logs: Arc<Mutex<Vec<Shared>>> = Arc::default();
        let script = Arc::new(script);
        let kept = logs.clone();
        thread::spawn(move || {
            for (n, stream) in listener.incoming().enumerate() {
                let Ok(stream) = stream else { return };
                let log: Shared = Arc::default();
                kept.lock().unwrap().push(log.clone());
                let reader = stream.try_clone().unwrap();
                let log_in = log.clone();
                thread::spawn(move || record(reader, log_in));
                let script = script.clone();
                thread::spawn(move || {
                    let mut conn = Conn { stream, log };
                    // Preface sent first: a server's first frame is SETTINGS.
                    if conn.send(&settings()) {
                        script(n, &mut conn);
                    }
                    // The reader holds a clone: close for both.
                    let _ = conn.stream.shutdown(std::net::Shutdown::Both);
                });
            }
        });
        RawH2 { addr, logs }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The frames the client sent, per connection.
    pub fn received(&self) -> Vec<Vec<Frame>> {
        self.logs
            .lock()
            .unwrap()
            .iter()
            .map(|log| log.0.lock().unwrap().frames.clone())
            .collect()
    }
}

/// Reads the client's preface and frames into the log until it closes.
fn record(mut stream: TcpStream, log: Shared) {
    let mut preface = [0u8; 24];
    if stream.read_exact(&mut preface).is_ok() && preface == PREFACE {
        while let Some(frame) = read_frame(&mut stream) {
            log.0.lock().unwrap().frames.push(frame);
            log.1.notify_all();
        }
    }
    log.0.lock().unwrap().closed = true;
    log.1.notify_all();
}

fn read_frame(stream: &mut TcpStream) -> Option<Frame> {
    let mut header = [0u8; 9];
    stream.read_exact(&mut header).ok()?;
    let len = u32::from_be_bytes([0, header[0], header[1], header[2]]) as usize;
    let mut payload = vec![0u8; len];
    stream.read_exact(&mut payload).ok()?;
    Some(Frame {
        kind: header[3],
        flags: header[4],
        stream: u32::from_be_bytes([header[5], header[6], header[7], header[8]]) & 0x7fff_ffff,
        payload,
    })
}
