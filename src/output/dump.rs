//! `-D/--dump-header FILE`: the status line and headers of every response
//! (interim 1xx ones, each redirect hop and each retry attempt), byte for
//! byte as received and in that order: CRLF line ends and the blank line
//! that ends each head, as curl writes them. The heads come from the wire
//! tap as they arrive, so a hop whose successor fails is still written.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Mutex;

use anyhow::Result;

use super::sanitize::{escape_bytes, Controls};
use crate::exit::{Exit, ExitError};
use crate::text::io_words;

/// Where heads are dumped; the first write error is kept for the end of
/// the run (the transport that hands heads over cannot take one back).
pub struct HeadDump {
    shown: String,
    /// `-D -` to a terminal: no raw control characters from the server.
    controls: Controls,
    sink: Mutex<Sink>,
}

struct Sink {
    out: Box<dyn Write + Send>,
    failed: Option<io::Error>,
}

impl HeadDump {
    /// `-` is stdout; a FILE is created (or emptied) now, so one that
    /// cannot be written costs no request. On a terminal (`-D -`) the
    /// heads are shown with `\n` line ends and control characters escaped.
    pub fn open(path: &Path, stdout_terminal: bool) -> Result<HeadDump> {
        let to_stdout = path == Path::new("-");
        let (out, shown): (Box<dyn Write + Send>, String) = if to_stdout {
            (Box::new(io::stdout()), "stdout".into())
        } else {
            let file = File::create(path).map_err(|e| {
                ExitError::new(
                    Exit::Failure,
                    format!("-D: cannot write '{}': {}", path.display(), io_words(&e)),
                )
            })?;
            (Box::new(file), format!("'{}'", path.display()))
        };
        Ok(HeadDump {
            shown,
            controls: Controls::for_terminal(to_stdout && stdout_terminal),
            sink: Mutex::new(Sink { out, failed: None }),
        })
    }

    /// One response head as received, its blank line included.
    pub fn head(&self, bytes: &[u8]) {
        let mut sink = self.sink.lock().unwrap_or_else(|e| e.into_inner());
        if sink.failed.is_some() {
            return;
        }
        let shown;
        let bytes = match self.controls {
            Controls::Kept => bytes,
            Controls::Escaped => {
                shown = escape_bytes(&without_crlf(bytes));
                &shown
            }
        };
        if let Err(e) = sink.out.write_all(bytes).and_then(|_| sink.out.flush()) {
            sink.failed = Some(e);
        }
    }

    /// The first write that failed, as the run's error: a closed pipe
    /// stays a closed pipe (a quiet exit 0), anything else is exit 1.
    pub fn check(&self) -> Result<()> {
        let mut sink = self.sink.lock().unwrap_or_else(|e| e.into_inner());
        match sink.failed.take() {
            None => Ok(()),
            Some(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(e.into()),
            Some(e) => Err(ExitError::new(
                Exit::Failure,
                format!("-D: cannot write {}: {}", self.shown, io_words(&e)),
            )
            .into()),
        }
    }
}

/// The heads of one attempt, kept as received for `-i`, `-I` and `head`
/// when their head does not go to a terminal: printed as `-D` writes them
/// (every interim and redirect head, CRLF line ends), where the body goes.
#[derive(Default)]
pub struct HeadCapture {
    heads: Mutex<Vec<u8>>,
}

impl HeadCapture {
    /// One response head as received, its blank line included. The wire
    /// bounds each head and `--max-redirs` their number.
    pub fn head(&self, bytes: &[u8]) {
        let mut heads = self.heads.lock().unwrap_or_else(|e| e.into_inner());
        heads.extend_from_slice(bytes);
    }

    /// The heads so far, leaving none: a new attempt starts empty.
    pub fn take(&self) -> Vec<u8> {
        let mut heads = self.heads.lock().unwrap_or_else(|e| e.into_inner());
        std::mem::take(&mut *heads)
    }
}

/// CRLF line ends as `\n`; a CR anywhere else stays (and is escaped).
fn without_crlf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for (i, &b) in bytes.iter().enumerate() {
        if !(b == b'\r' && bytes.get(i + 1) == Some(&b'\n')) {
            out.push(b);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_written_as_received_one_after_another() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("heads");
        let dump = HeadDump::open(&path, true).unwrap();
        dump.head(b"HTTP/1.1 302 Found\r\nLocation: /b\r\n\r\n");
        dump.head(b"HTTP/1.1 200 OK\r\n\r\n");
        dump.check().unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"HTTP/1.1 302 Found\r\nLocation: /b\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"
        );
    }

    #[test]
    fn a_terminal_gets_plain_line_ends_and_escaped_controls() {
        assert_eq!(
            escape_bytes(&without_crlf(b"HTTP/1.1 200 OK\r\nX: a\x1b[31m\rb\r\n\r\n")),
            b"HTTP/1.1 200 OK\nX: a\\x1b[31m\\x0db\n\n"
        );
    }

    #[test]
    fn an_unwritable_file_is_refused_before_anything_is_sent() {
        let err = HeadDump::open(Path::new("/no/such/dir/heads"), false)
            .err()
            .unwrap();
        assert_eq!(crate::exit::exit_for(&err), Exit::Failure);
        assert!(err
            .to_string()
            .starts_with("-D: cannot write '/no/such/dir/heads': "));
    }
}
