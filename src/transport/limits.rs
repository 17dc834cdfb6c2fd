//! `--max-filesize` and `--limit-rate`: what a response body may be, kept
//! as it is read. The size counts the body as it comes out of the reader
//! (decoded, when it is decoded), which is what lands in `-o FILE`.

use std::thread;
use std::time::{Duration, Instant};

use crate::exit::{Exit, ExitError};

/// A rate's reads are at most a tenth of a second of it, so a slow rate
/// is spread over the second rather than taken at its start.
const READS_PER_SECOND: u64 = 10;

/// After a stall, reading may catch up on at most this much time: the
/// rate holds averaged over a second, not over the whole transfer.
const CATCH_UP: Duration = Duration::from_secs(1);

/// The limits of one body and what was read of it.
#[derive(Debug, Clone, Default)]
pub struct BodyLimits {
    max_size: Option<u64>,
    rate: Option<u64>,
    read: u64,
    /// When the pace started (moved on after a stall).
    paced_from: Option<Instant>,
}

impl BodyLimits {
    pub fn new(max_size: Option<u64>, rate: Option<u64>) -> BodyLimits {
        BodyLimits {
            max_size,
            rate: rate.filter(|&r| r > 0),
            ..BodyLimits::default()
        }
    }

    /// No limit: the body may take any path (splice(2) included).
    pub fn is_off(&self) -> bool {
        self.max_size.is_none() && self.rate.is_none()
    }

    /// Waits until the rate allows more, and says how many bytes (at most
    /// `want`, at least 1) the next read may take.
    pub fn before_read(&mut self, want: usize) -> usize {
        let Some(rate) = self.rate else {
            return want;
        };
        let now = Instant::now();
        let from = *self.paced_from.get_or_insert(now);
        let due = from + Duration::from_secs_f64(self.read as f64 / rate as f64);
        if due > now {
            thread::sleep(due - now);
        } else if now - due > CATCH_UP {
            self.paced_from = Some(from + (now - due - CATCH_UP));
        }
        let piece = (rate / READS_PER_SECOND).max(1);
        want.min(usize::try_from(piece).unwrap_or(usize::MAX))
            .max(1)
    }

    /// Counts `n` bytes read; past `--max-filesize` the cause of exit 63.
    pub fn after_read(&mut self, n: usize) -> Result<(), String> {
        self.read += n as u64;
        match self.max_size {
            Some(max) if self.read > max => Err(too_large(max)),
            _ => Ok(()),
        }
    }

    /// Bytes read ahead that will be read again (`peek_body`): counted once.
    pub fn unread(&mut self, n: usize) {
        self.read = self.read.saturating_sub(n as u64);
    }

    /// A body whose Content-Length is over `--max-filesize` is refused
    /// before any of it is read, as curl does.
    pub fn check_declared(&self, length: Option<u64>) -> Result<(), ExitError> {
        match (self.max_size, length) {
            (Some(max), Some(len)) if len > max => Err(ExitError::new(
                Exit::TooLarge,
                format!(
                    "the body is {len} bytes (Content-Length), larger than --max-filesize {max}"
                ),
            )),
            _ => Ok(()),
        }
    }
}

fn too_large(max: u64) -> String {
    format!("the body is larger than --max-filesize {max}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_counts_every_read_and_peeks_once() {
        let mut limits = BodyLimits::new(Some(10), None);
        assert_eq!(limits.before_read(100), 100);
        assert!(limits.after_read(6).is_ok());
        limits.unread(6);
        assert!(limits.after_read(10).is_ok());
        let err = limits.after_read(1).unwrap_err();
        assert_eq!(err, "the body is larger than --max-filesize 10");
    }

    #[test]
    fn declared_lengths_over_the_limit_are_refused() {
        let limits = BodyLimits::new(Some(10), None);
        assert!(limits.check_declared(Some(10)).is_ok());
        assert!(limits.check_declared(None).is_ok());
        assert_eq!(
            limits.check_declared(Some(11)).unwrap_err().exit,
            Exit::TooLarge
        );
        assert!(BodyLimits::default().check_declared(Some(u64::MAX)).is_ok());
    }

    #[test]
    fn a_rate_takes_small_reads() {
        let mut limits = BodyLimits::new(None, Some(2048));
        assert!(!limits.is_off());
        assert_eq!(limits.before_read(65536), 204);
        assert_eq!(BodyLimits::new(None, Some(5)).before_read(64), 1);
        assert!(BodyLimits::new(None, None).is_off());
    }
}
