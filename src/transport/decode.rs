//! Content-Encoding: httpc decodes gzip, deflate and br itself (ureq is built
//! without its gzip feature), so `--no-decompress` can hand out the bytes as
//! sent. Decoders stream: a small body that inflates without end is read
//! through fixed buffers like any other.

use std::io::{self, BufRead, BufReader, Read};

type Reader = Box<dyn Read + Send>;

/// A content coding httpc decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coding {
    Gzip,
    Deflate,
    Brotli,
}

impl Coding {
    /// A coding by its name (RFC 9110 §8.4.1; `x-gzip` is gzip). `None`
    /// for one httpc does not know.
    fn named(name: &str) -> Option<Coding> {
        match name {
            "gzip" | "x-gzip" => Some(Coding::Gzip),
            "deflate" => Some(Coding::Deflate),
            "br" => Some(Coding::Brotli),
            _ => None,
        }
    }
}

/// Wraps `raw` in the decoders `content_encoding` names, last applied first.
/// An encoding httpc does not know gives `raw` back untouched as `Err`.
pub fn decoder(content_encoding: &str, raw: Reader) -> Result<Reader, Reader> {
    let names: Vec<String> = content_encoding
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty() && c != "identity")
        .collect();
    let codings: Option<Vec<Coding>> = names.iter().map(|n| Coding::named(n)).collect();
    let codings = match codings {
        Some(codings) if !codings.is_empty() => codings,
        _ => return Err(raw),
    };
    let mut reader = raw;
    for coding in codings.into_iter().rev() {
        reader = Box::new(Lazy::new(coding, reader));
    }
    Ok(reader)
}

/// Builds the decoder on the first read, and only when the body is not
/// empty: an empty body labelled gzip (as some servers send for HEAD-like
/// answers) is an empty body, not a decoding error.
struct Lazy {
    coding: Coding,
    state: State,
}

enum State {
    Pending(Option<BufReader<Reader>>),
    Active(Reader),
}

impl Lazy {
    fn new(coding: Coding, raw: Reader) -> Lazy {
        Lazy {
            coding,
            state: State::Pending(Some(BufReader::with_capacity(64 * 1024, raw))),
        }
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
            let active: Reader = match self.coding {
                Coding::Brotli => Box::new(brotli_decompressor::Decompressor::new(raw, 64 * 1024)),
                Coding::Deflate => Box::new(flate2::bufread::ZlibDecoder::new(raw)),
                Coding::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(raw)),
            };
            self.state = State::Active(active);
        }
        match &mut self.state {
            State::Active(r) => r.read(buf),
            State::Pending(_) => unreachable!("set to active above"),
        }
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
        let back = decoder("zstd", raw).err().unwrap();
        assert_eq!(read_all(back).unwrap(), b"abc");
    }

    #[test]
    fn corrupt_gzip_is_an_error() {
        let raw: Reader = Box::new(io::Cursor::new(b"not gzip at all".to_vec()));
        let decoded = decoder("gzip", raw).ok().unwrap();
        assert!(read_all(decoded).is_err());
    }
}
