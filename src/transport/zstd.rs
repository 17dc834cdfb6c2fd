//! `Content-Encoding: zstd` (RFC 8878), decoded by ruzstd (pure Rust).
//! A body may hold several frames one after another, and skippable frames
//! among them (§3.1): each is decoded (or skipped) in turn, and a frame's
//! content checksum, when it has one, is checked as libzstd checks it.
//! Memory is bounded by the frame's window, which ruzstd caps at 128 MiB,
//! as libzstd (and so curl) does by default.

use std::io::{self, BufRead, Read};

use ruzstd::decoding::errors::{FrameDecoderError, ReadFrameHeaderError};
use ruzstd::decoding::{BlockDecodingStrategy, FrameDecoder};

/// Reads the decoded content of every frame of `source`.
pub struct Decoder<R> {
    source: R,
    frame: FrameDecoder,
    /// A frame has been started and not yet read to its end.
    in_frame: bool,
}

impl<R: BufRead> Decoder<R> {
    pub fn new(source: R) -> Decoder<R> {
        Decoder {
            source,
            frame: FrameDecoder::new(),
            in_frame: false,
        }
    }

    /// Starts the next frame; `false` at the end of the body. A skippable
    /// frame is read past.
    fn next_frame(&mut self) -> io::Result<bool> {
        loop {
            if self.source.fill_buf()?.is_empty() {
                return Ok(false);
            }
            match self.frame.reset(&mut self.source) {
                Ok(()) => return Ok(true),
                Err(FrameDecoderError::ReadFrameHeaderError(ReadFrameHeaderError::SkipFrame {
                    length,
                    ..
                })) => {
                    let skipped = io::copy(
                        &mut (&mut self.source).take(u64::from(length)),
                        &mut io::sink(),
                    )?;
                    if skipped < u64::from(length) {
                        return Err(io::ErrorKind::UnexpectedEof.into());
                    }
                }
                Err(e) => return Err(self.failure(e)),
            }
        }
    }

    /// A decoding error; one met at the end of the input is a stream that
    /// ended early (`UnexpectedEof`, which the caller words).
    fn failure(&mut self, e: FrameDecoderError) -> io::Error {
        let words = match e {
            FrameDecoderError::ReadFrameHeaderError(ReadFrameHeaderError::BadMagicNumber(_)) => {
                "not zstd data (no zstd frame starts here)"
            }
            FrameDecoderError::WindowSizeTooBig { .. } => {
                "invalid zstd data: its window is larger than 128 MiB"
            }
            _ => "invalid zstd data",
        };
        match self.source.fill_buf() {
            Ok([]) => io::ErrorKind::UnexpectedEof.into(),
            _ => io::Error::new(io::ErrorKind::InvalidData, words),
        }
    }

    /// The frame's checksum, when it carries one, against its content.
    fn check_sum(&self) -> io::Result<()> {
        match (
            self.frame.get_checksum_from_data(),
            self.frame.get_calculated_checksum(),
        ) {
            (Some(sent), Some(computed)) if sent != computed => Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "invalid zstd data: the content checksum does not match",
            )),
            _ => Ok(()),
        }
    }
}

impl<R: BufRead> Read for Decoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        // Each turn either decodes blocks (reading input), or ends a frame:
        // the loop ends with the input.
        loop {
            if !self.in_frame {
                if !self.next_frame()? {
                    return Ok(0);
                }
                self.in_frame = true;
            }
            while self.frame.can_collect() < buf.len() && !self.frame.is_finished() {
                let wanted = buf.len() - self.frame.can_collect();
                self.frame
                    .decode_blocks(&mut self.source, BlockDecodingStrategy::UptoBytes(wanted))
                    .map_err(|e| self.failure(e))?;
            }
            let n = self.frame.read(buf)?;
            if n > 0 {
                return Ok(n);
            }
            self.check_sum()?;
            self.in_frame = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A frame by hand (RFC 8878 §3.1.1): single segment, content size in
    /// one byte, a checksum when `sum` is given, one raw block.
    fn raw_frame(content: &[u8], sum: Option<u32>) -> Vec<u8> {
        assert!(content.len() < 256);
        let mut f = vec![0x28, 0xb5, 0x2f, 0xfd];
        f.push(0x20 | if sum.is_some() { 0x04 } else { 0 });
        f.push(content.len() as u8);
        // Last block, raw, its size in the upper 21 bits.
        let header = 1 | (content.len() as u32) << 3;
        f.extend_from_slice(&header.to_le_bytes()[..3]);
        f.extend_from_slice(content);
        if let Some(sum) = sum {
            f.extend_from_slice(&sum.to_le_bytes());
        }
        f
    }

    fn decode(body: &[u8]) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        Decoder::new(body).read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn frames_and_skippable_frames_follow_one_another() {
        let mut body = raw_frame(b"hello, ", None);
        // A skippable frame: magic 0x184D2A50..5F, a length, that many bytes.
        body.extend_from_slice(&[0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 9, 9, 9]);
        body.extend_from_slice(&raw_frame(b"world", None));
        assert_eq!(decode(&body).unwrap(), b"hello, world");
        assert_eq!(decode(b"").unwrap(), b"");
    }

    #[test]
    fn a_wrong_checksum_is_invalid_data() {
        let err = decode(&raw_frame(b"hello", Some(0xdead_beef))).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData, "{err}");
    }

    #[test]
    fn a_window_over_128_mib_is_refused_before_any_memory_is_taken() {
        // Window descriptor 0xa0: 2^(10 + 20) bytes, 1 GiB; then a raw block.
        let mut frame = vec![0x28, 0xb5, 0x2f, 0xfd, 0x00, 0xa0];
        frame.extend_from_slice(&[0x29, 0, 0, b'h', b'e', b'l', b'l', b'o']);
        let err = decode(&frame).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData, "{err}");
        assert!(err.to_string().contains("128 MiB"), "{err}");
    }

    #[test]
    fn a_cut_frame_ends_early_and_garbage_is_invalid() {
        let frame = raw_frame(b"hello", None);
        let err = decode(&frame[..frame.len() - 2]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof, "{err}");
        let err = decode(b"not zstd at all, not at all").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData, "{err}");
    }
}
