//! `--retry`: how long to wait before the next attempt, if there is one.
//! Which failures may be tried again is decided where they happen (the
//! transport marks an `ExitError` transient; the status registry names the
//! retryable statuses).

use std::time::{Duration, Instant, SystemTime};

/// Backoff doubles up to this.
const MAX_BACKOFF: Duration = Duration::from_secs(30);
/// A server's Retry-After is honoured up to this.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// `--retry`, `--retry-delay`, `--retry-max-time`.
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    pub times: u32,
    pub delay: Duration,
    pub max_time: Option<Duration>,
}

impl Retry {
    /// The pause before retry number `done + 1`, or None when no retry is
    /// left or it would start after `--retry-max-time`. `asked` is the
    /// server's Retry-After.
    pub fn pause(&self, done: u32, started: Instant, asked: Option<Duration>) -> Option<Duration> {
        if done >= self.times {
            return None;
        }
        let backoff = self
            .delay
            .saturating_mul(1u32.checked_shl(done).unwrap_or(u32::MAX))
            .min(MAX_BACKOFF);
        let pause = match asked {
            Some(asked) => backoff.max(asked.min(MAX_RETRY_AFTER)),
            None => backoff,
        };
        match self.max_time {
            Some(max) if started.elapsed() + pause > max => None,
            _ => Some(pause),
        }
    }
}

/// A `Retry-After` value, in seconds or as an HTTP date (a date in the past
/// is no wait).
pub fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEC: Duration = Duration::from_secs(1);

    fn retry(times: u32) -> Retry {
        Retry {
            times,
            delay: SEC,
            max_time: None,
        }
    }

    #[test]
    fn backoff_doubles_up_to_its_cap() {
        let r = retry(10);
        let now = Instant::now();
        let pauses: Vec<u64> = (0..7)
            .map(|done| r.pause(done, now, None).unwrap().as_secs())
            .collect();
        assert_eq!(pauses, [1, 2, 4, 8, 16, 30, 30]);
        // A huge count does not overflow the shift.
        assert_eq!(retry(u32::MAX).pause(40, now, None), Some(MAX_BACKOFF));
    }

    #[test]
    fn no_retry_is_left_after_the_last() {
        let r = retry(2);
        let now = Instant::now();
        assert!(r.pause(1, now, None).is_some());
        assert_eq!(r.pause(2, now, None), None);
        assert_eq!(retry(0).pause(0, now, None), None);
    }

    #[test]
    fn retry_after_is_honoured_up_to_a_minute() {
        let r = retry(3);
        let now = Instant::now();
        assert_eq!(r.pause(0, now, Some(5 * SEC)), Some(5 * SEC));
        // The backoff wins when it is longer than what the server asked.
        assert_eq!(r.pause(2, now, Some(SEC)), Some(4 * SEC));
        assert_eq!(r.pause(0, now, Some(3600 * SEC)), Some(MAX_RETRY_AFTER));
    }

    #[test]
    fn no_attempt_starts_after_retry_max_time() {
        let r = Retry {
            max_time: Some(3 * SEC),
            ..retry(5)
        };
        let now = Instant::now();
        assert_eq!(r.pause(0, now, None), Some(SEC));
        assert_eq!(r.pause(2, now, None), None, "4s would end past 3s");
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        assert_eq!(retry_after(" 7 ", now), Some(7 * SEC));
        let later = httpdate::fmt_http_date(now + 90 * SEC);
        assert_eq!(retry_after(&later, now), Some(90 * SEC));
        let earlier = httpdate::fmt_http_date(now - 90 * SEC);
        assert_eq!(retry_after(&earlier, now), Some(Duration::ZERO));
        assert_eq!(retry_after("soon", now), None);
    }
}
