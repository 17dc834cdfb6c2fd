//! Copying a body to a sink (a file, or stdout through the formatter),
//! in one of two ways: in turn on this thread, a read and then a write
//! through one buffer; or with reading overlapped, where a second thread
//! reads the body into recycled buffers while this one hands each filled
//! buffer to the sink, so the socket (and TLS) and the sink work at once.
//! Three buffers go round; nothing is allocated per chunk.

use std::io::{self, Read};

use anyhow::Result;

use crate::transport;

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

/// Whether a second thread would have a core of its own. On two cores
/// it shares them with the other end's work whenever the server runs on
/// the same machine, and with whatever else runs: there, 1 GiB over
/// https to a file (`bench/bench.py`, nginx on loopback) took 0.95 s in
/// turn against 1.03 s overlapped over HTTP/2 and 0.74 s against 0.81 s
/// over HTTP/1.1 (medians of 11 and 9 alternating runs), for the same
/// CPU time. Asked once (it reads the affinity mask and cgroup limits).
pub fn spare_core() -> bool {
    static SPARE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *SPARE.get_or_init(|| std::thread::available_parallelism().is_ok_and(|n| n.get() > 2))
}

/// Copies `body` to `sink` on this thread through one buffer of `size`;
/// the bytes copied. A read failure is the transfer's (its own exit
/// code), and comes after every byte before it went to `sink`; a failure
/// of `sink` is its own.
pub fn copy_in_turn(
    body: &mut impl Read,
    size: usize,
    mut sink: impl FnMut(&[u8]) -> io::Result<()>,
) -> Result<u64> {
    let mut buf = vec![0u8; size];
    let mut total = 0u64;
    loop {
        let n = match body.read(&mut buf) {
            Ok(0) => return Ok(total),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(transport::failure_of(e)),
        };
        sink(&buf[..n])?;
        total += n as u64;
    }
}

/// Copies `body` to `sink` through buffers of `chunk_size`; the bytes
/// copied. A read failure is the transfer's (its own exit code), reported
/// after every byte read before it went to `sink` (`-C` resumes from
/// them); a failure of `sink` is its own, and stops the reading.
pub fn copy_overlapped(
    body: &mut (impl Read + Send),
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

    /// Gives out `pieces` one read each (as TLS records come; what does
    /// not fit waits for the next read), then fails; an empty piece is
    /// the end of the body.
    struct Pieces(Vec<&'static [u8]>);

    impl Read for Pieces {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let Some(piece) = self.0.first_mut() else {
                return Err(io::Error::other("cut"));
            };
            let n = piece.len().min(buf.len());
            buf[..n].copy_from_slice(&piece[..n]);
            *piece = &piece[n..];
            if piece.is_empty() && n > 0 {
                self.0.remove(0);
            }
            Ok(n)
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

    /// Copies `pieces` both ways into one Vec; the bytes the sink got and
    /// the error, if any, from each.
    fn both_ways(pieces: Vec<&'static [u8]>) -> [(Vec<u8>, Result<u64, String>); 2] {
        let mut overlapped = Vec::new();
        let mut in_turn = Vec::new();
        let a = copy_overlapped(&mut Pieces(pieces.clone()), 4, Handoff::Full, |b| {
            overlapped.extend_from_slice(b);
            Ok(())
        });
        let b = copy_in_turn(&mut Pieces(pieces), 4, |b| {
            in_turn.extend_from_slice(b);
            Ok(())
        });
        let words = |r: Result<u64>| r.map_err(|e| e.to_string());
        [(overlapped, words(a)), (in_turn, words(b))]
    }

    #[test]
    fn both_ways_copy_every_byte_in_order() {
        for (got, result) in both_ways(vec![b"abc", b"defgh", b"i", b""]) {
            assert_eq!((got.as_slice(), result), (&b"abcdefghi"[..], Ok(9)));
        }
    }

    #[test]
    fn both_ways_hand_over_the_bytes_before_a_read_error() {
        for (got, result) in both_ways(vec![b"abc", b"defgh"]) {
            assert_eq!(
                (got.as_slice(), result),
                (&b"abcdefgh"[..], Err("cut".into()))
            );
        }
    }

    #[test]
    fn a_failing_sink_stops_both_ways() {
        let failing = |_: &[u8]| Err(io::Error::other("disk full"));
        let a = copy_overlapped(
            &mut Pieces(vec![b"abcdefgh"; 100]),
            4,
            Handoff::Full,
            failing,
        );
        let b = copy_in_turn(&mut Pieces(vec![b"abcdefgh"; 100]), 4, failing);
        for r in [a, b] {
            assert_eq!(r.unwrap_err().to_string(), "disk full");
        }
    }
}
