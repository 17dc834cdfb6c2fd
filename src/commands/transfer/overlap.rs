//! Copying a body with reading overlapped: a second thread reads the body
//! into recycled buffers while this one hands each filled buffer to a sink
//! (a file, or stdout through the formatter), so the socket (and TLS) and
//! the sink work at once. Three buffers go round; nothing is allocated per
//! chunk.

use std::io::{self, Read};

use anyhow::Result;

use crate::transport::{self, BodyReader};

/// When a buffer of the body goes to the sink.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handoff {
    /// Once it is full, or the body ends: a regular file, which nobody
    /// reads while it grows. Over https a read brings one TLS record
    /// (16 KiB); handing each over on its own cost a write and two thread
    /// wake-ups per record (1 GiB: 65,536 writes and 187,000 futex calls,
    /// now 8,192 and 24,000, and a third less CPU time).
    Full,
    /// After every read: a FIFO, a device (`-o /dev/stdout`) or stdout,
    /// where what arrived goes on at once.
    EachRead,
}

/// Copies `body` to `sink` through buffers of `chunk_size`; the bytes
/// copied. A read failure is the transfer's (its own exit code), reported
/// after every byte read before it went to `sink` (`-C` resumes from
/// them); a failure of `sink` is its own, and stops the reading.
pub fn copy_overlapped(
    body: &mut BodyReader,
    chunk_size: usize,
    handoff: Handoff,
    mut sink: impl FnMut(&[u8]) -> io::Result<()>,
) -> Result<u64> {
    use std::sync::mpsc::{channel, sync_channel};
    std::thread::scope(|scope| {
        let (full_tx, full_rx) = sync_channel::<(Vec<u8>, usize)>(2);
        let (empty_tx, empty_rx) = channel::<Vec<u8>>();
        for _ in 0..3 {
            let _ = empty_tx.send(vec![0u8; chunk_size]);
        }
        // Ends at the end of the body, on a read error (the bytes before
        // it are handed over first), or when the sink is gone.
        let reader = scope.spawn(move || -> io::Result<()> {
            for mut buf in empty_rx {
                let (n, ended) = fill(body, &mut buf, handoff);
                if n > 0 && full_tx.send((buf, n)).is_err() {
                    return Ok(());
                }
                if let Some(end) = ended {
                    return end;
                }
            }
            Ok(())
        });
        let mut total = 0u64;
        let mut written = Ok(());
        while let Ok((buf, n)) = full_rx.recv() {
            if let Err(e) = sink(&buf[..n]) {
                written = Err(e);
                break;
            }
            total += n as u64;
            // The reader may be done already; then the buffer just goes.
            let _ = empty_tx.send(buf);
        }
        // A reader waiting for a buffer, or to hand one over, stops now.
        drop(empty_tx);
        drop(full_rx);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the body reader stopped")));
        written?;
        read.map_err(transport::failure_of)?;
        Ok(total)
    })
}

/// Reads into `buf` until the handoff is due. Returns the bytes in `buf`
/// and, when reading is over, how it ended: the end of the body or the
/// read error. Bytes read before an error are in `buf`, so they are still
/// written.
fn fill(body: &mut impl Read, buf: &mut [u8], handoff: Handoff) -> (usize, Option<io::Result<()>>) {
    let mut filled = 0;
    while filled < buf.len() {
        match body.read(&mut buf[filled..]) {
            Ok(0) => return (filled, Some(Ok(()))),
            Ok(n) => {
                filled += n;
                if handoff == Handoff::EachRead {
                    break;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return (filled, Some(Err(e))),
        }
    }
    (filled, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gives out `pieces` one read each (as TLS records come), then fails.
    struct Pieces(Vec<&'static [u8]>);

    impl Read for Pieces {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.0.is_empty() {
                return Err(io::Error::other("cut"));
            }
            let piece = self.0.remove(0);
            buf[..piece.len()].copy_from_slice(piece);
            Ok(piece.len())
        }
    }

    #[test]
    fn a_file_buffer_goes_over_full() {
        let mut body = Pieces(vec![b"ab", b"cd", b"ef"]);
        let mut buf = [0u8; 4];
        let (n, ended) = fill(&mut body, &mut buf, Handoff::Full);
        assert_eq!((n, &buf[..n], ended.is_none()), (4, &b"abcd"[..], true));
        // Two reads filled it; the third piece waits.
        assert_eq!(body.0, [b"ef"]);
    }

    #[test]
    fn bytes_before_a_read_error_are_kept() {
        let mut body = Pieces(vec![b"ab"]);
        let mut buf = [0u8; 8];
        let (n, ended) = fill(&mut body, &mut buf, Handoff::Full);
        assert_eq!(&buf[..n], b"ab");
        assert!(matches!(ended, Some(Err(_))));
    }

    #[test]
    fn a_fifo_gets_every_read_at_once() {
        let mut body = Pieces(vec![b"ab", b"cd"]);
        let mut buf = [0u8; 8];
        let (n, ended) = fill(&mut body, &mut buf, Handoff::EachRead);
        assert_eq!((&buf[..n], ended.is_none()), (&b"ab"[..], true));
    }
}
