//! Content-Encoding: httpc decodes gzip, deflate, br and zstd itself (ureq is built
//! without its gzip feature), so `--no-decompress` can hand out the bytes as
//! sent. Decoders stream: a small body that inflates without end is read
//! through fixed buffers like any other.

use std::io::{self, BufRead, BufReader, Read};
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::sync::Arc;

type Reader = Box<dyn Read + Send>;

/// A content coding httpc decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coding {
    Gzip,
    Deflate,
    Brotli,
    Zstd,
}

impl Coding {
    /// A coding by its name (RFC 9110 §8.4.1; `x-gzip` is gzip). `None`
    /// for one httpc does not know.
    fn named(name: &str) -> Option<Coding> {
        match name {
            "gzip" | "x-gzip" => Some(Coding::Gzip),
            "deflate" => Some(Coding::Deflate),
            "br" => Some(Coding::Brotli),
            "zstd" => Some(Coding::Zstd),
            _ => None,
        }
    }
}

/// Wraps `raw` in the decoders `content_encoding` names, last applied first.
/// An encoding httpc does not know gives `raw` back untouched as `Err`.
pub fn decoder(content_encoding: &str, raw: Reader) -> Result<Reader, Reader> {
    let Some(codings) = codings(content_encoding) else {
        return Err(raw);
    };
    let mut reader = raw;
    for coding in codings.into_iter().rev() {
        reader = Box::new(Lazy::new(coding, reader));
    }
    Ok(reader)
}

/// Whether `decoder` decodes a body of this `Content-Encoding`.
pub fn decodes(content_encoding: &str) -> bool {
    codings(content_encoding).is_some()
}

/// The codings `content_encoding` names, when httpc knows every one and
/// there is at least one besides `identity`.
fn codings(content_encoding: &str) -> Option<Vec<Coding>> {
    let codings: Option<Vec<Coding>> = content_encoding
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty() && c != "identity")
        .map(|n| Coding::named(&n))
        .collect();
    codings.filter(|c| !c.is_empty())
}

/// Builds the decoder on the first read, and only when the body is not
/// empty: an empty body labelled gzip (as some servers send for HEAD-like
/// answers) is an empty body, not a decoding error.
struct Lazy {
    coding: Coding,
    state: State,
    /// The body as sent ended where its framing said (not cut off): a
    /// decoder that still wants more then has a compressed stream that
    /// ended early, which is a different fault from a cut connection.
    raw_ended: Arc<AtomicBool>,
}

enum State {
    Pending(Option<BufReader<Ended>>),
    Active(Reader),
}

impl Lazy {
    fn new(coding: Coding, raw: Reader) -> Lazy {
        let raw_ended = Arc::new(AtomicBool::new(false));
        let raw = Ended {
            inner: raw,
            ended: raw_ended.clone(),
        };
        Lazy {
            coding,
            state: State::Pending(Some(BufReader::with_capacity(64 * 1024, raw))),
            raw_ended,
        }
    }

    fn start(&self, raw: BufReader<Ended>) -> Reader {
        match self.coding {
            Coding::Brotli => Box::new(brotli_decompressor::Decompressor::new(raw, 64 * 1024)),
            Coding::Deflate if is_zlib(raw.buffer()) => {
                Box::new(flate2::bufread::ZlibDecoder::new(raw))
            }
            // Many servers send "deflate" as a bare DEFLATE stream without
            // the zlib wrapper; curl and browsers accept both.
            Coding::Deflate => Box::new(flate2::bufread::DeflateDecoder::new(raw)),
            Coding::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(raw)),
            Coding::Zstd => Box::new(super::zstd::Decoder::new(raw)),
        }
    }
}

/// A zlib header (RFC 1950): method 8, a window of at most 32 KiB, and a
/// check value that makes the first two bytes a multiple of 31.
fn is_zlib(start: &[u8]) -> bool {
    match start {
        [cmf, flg, ..] => {
            cmf & 0x0f == 8 && cmf >> 4 <= 7 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0
        }
        _ => true,
    }
}

impl Read for Lazy {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let State::Pending(raw) = &mut self.state {
            let raw_ref = raw.as_mut().expect("pending holds the reader");
            if raw_ref.fill_buf()?.is_empty() {
                return Ok(0);
            }
            let raw = raw.take().expect("pending holds the reader");
            self.state = State::Active(self.start(raw));
        }
        let State::Active(decoder) = &mut self.state else {
            unreachable!("set to active above")
        };
        match decoder.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof && self.raw_ended.load(Relaxed) => {
                Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "the compressed body ended early",
                ))
            }
            other => other,
        }
    }
}

/// Notes when the body as sent ends cleanly.
struct Ended {
    inner: Reader,
    ended: Arc<AtomicBool>,
}

impl Read for Ended {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.ended.store(true, Relaxed);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    fn read_all(mut r: Reader) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        r.read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn gzip_is_decoded() {
        let raw: Reader = Box::new(io::Cursor::new(gzip(b"hello")));
        let decoded = decoder("gzip", raw).ok().unwrap();
        assert_eq!(read_all(decoded).unwrap(), b"hello");
    }

    #[test]
    fn empty_body_stays_empty() {
        let raw: Reader = Box::new(io::empty());
        let decoded = decoder("gzip", raw).ok().unwrap();
        assert_eq!(read_all(decoded).unwrap(), b"");
    }

    #[test]
    fn unknown_coding_is_left_alone() {
        let raw: Reader = Box::new(io::Cursor::new(b"abc".to_vec()));
        let back = decoder("compress", raw).err().unwrap();
        assert_eq!(read_all(back).unwrap(), b"abc");
    }

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    fn raw_deflate(data: &[u8]) -> Vec<u8> {
        let mut enc =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn deflate_is_decoded_with_or_without_its_zlib_wrapper() {
        let text = b"the same text, twice: the same text".repeat(50);
        for body in [zlib(&text), raw_deflate(&text)] {
            let decoded = decoder("deflate", Box::new(io::Cursor::new(body)))
                .ok()
                .unwrap();
            assert_eq!(read_all(decoded).unwrap(), text);
        }
    }

    #[test]
    fn a_compressed_body_that_ends_early_says_so() {
        let text: Vec<u8> = (0..200_000u32).flat_map(|i| i.to_le_bytes()).collect();
        for (coding, mut body) in [
            ("gzip", gzip(&text)),
            ("deflate", zlib(&text)),
            ("deflate", raw_deflate(&text)),
        ] {
            body.truncate(body.len() / 2);
            let decoded = decoder(coding, Box::new(io::Cursor::new(body)))
                .ok()
                .unwrap();
            let err = read_all(decoded).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidData, "{coding}");
            assert_eq!(err.to_string(), "the compressed body ended early");
        }
    }

    #[test]
    fn corrupt_gzip_is_an_error() {
        let raw: Reader = Box::new(io::Cursor::new(b"not gzip at all".to_vec()));
        let decoded = decoder("gzip", raw).ok().unwrap();
        assert!(read_all(decoded).is_err());
    }
}
