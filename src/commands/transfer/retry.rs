//! `--retry`: what may be tried again, and how long to wait before the
//! next attempt, if there is one. A failure is transient where it happens
//! (the transport marks an `ExitError` transient; the status registry names
//! the retryable statuses; a failed `--expect*` always is); whether this
//! request may be sent again is decided here, from its method.

use std::time::{Duration, Instant, SystemTime};

use crate::exit::{Exit, ExitError};
use crate::expect::StatusList;
use crate::spec::Method;
use crate::status;

/// Backoff doubles up to this.
const MAX_BACKOFF: Duration = Duration::from_secs(30);
/// A server's Retry-After is honoured up to this.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// `--retry`, `--retry-delay`, `--retry-max-time`, `--retry-on`,
/// `--retry-all-errors`, and whether `--idempotency-key` was given.
#[derive(Debug, Clone, Default)]
pub struct Retry {
    pub times: u32,
    pub delay: Duration,
    pub max_time: Option<Duration>,
    pub on: Option<StatusList>,
    pub all_errors: bool,
    pub keyed: bool,
}

/// What an attempt ended with, as a retry sees it.
#[derive(Debug, Clone, Copy)]
pub enum Trigger<'a> {
    /// A status that was not expected; `retry_after`: the response said
    /// when to come back.
    Status { code: u16, retry_after: bool },
    /// A transfer failure.
    Failure(&'a ExitError),
    /// A response that did not meet `--expect-header`, `--expect-json`,
    /// `--pick` (or `--expect`, for a status `--retry` would not retry).
    Unmet,
}

/// Whether a trigger is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Not something `--retry` retries.
    No,
    Yes,
    /// Transient, but the request is not idempotent and may have reached
    /// the server: sending it again could do its work twice.
    Unsafe,
}

impl Retry {
    /// Whether `trigger` is tried again for a request of `method`.
    pub fn verdict(&self, method: &Method, trigger: Trigger) -> Verdict {
        let transient = match trigger {
            Trigger::Status { code, .. } => {
                status::is_retryable(code) || self.on.as_ref().is_some_and(|on| on.matches(code))
            }
            Trigger::Failure(e) => e.transient || (self.all_errors && is_transfer_error(e)),
            Trigger::Unmet => true,
        };
        if !transient {
            return Verdict::No;
        }
        // RFC 9110 §9.2.2: only an idempotent request may be sent again
        // blindly; any other only when it cannot have been processed, or
        // when the server asked for it to come back.
        let safe = method.is_idempotent()
            || self.keyed
            || self.all_errors
            || match trigger {
                Trigger::Status { code, retry_after } => {
                    code == 429 || (code == 503 && retry_after)
                }
                Trigger::Failure(e) => e.before_sending(),
                Trigger::Unmet => false,
            };
        match safe {
            true => Verdict::Yes,
            false => Verdict::Unsafe,
        }
    }

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

/// A failure of the exchange itself, which `--retry-all-errors` retries
/// (not a usage error, a file that cannot be written or a redirect loop).
fn is_transfer_error(e: &ExitError) -> bool {
    matches!(
        e.exit,
        Exit::Resolve
            | Exit::Connect
            | Exit::PartialBody
            | Exit::Timeout
            | Exit::Tls
            | Exit::EmptyReply
            | Exit::Receive
    )
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
            ..Retry::default()
        }
    }

    fn status(code: u16, retry_after: bool) -> Trigger<'static> {
        Trigger::Status { code, retry_after }
    }

    #[test]
    fn a_post_is_retried_only_when_safe() {
        let r = retry(3);
        let post = Method::Post;
        assert_eq!(r.verdict(&Method::Get, status(500, false)), Verdict::Yes);
        assert_eq!(r.verdict(&post, status(500, false)), Verdict::Unsafe);
        assert_eq!(r.verdict(&post, status(503, false)), Verdict::Unsafe);
        assert_eq!(r.verdict(&post, status(503, true)), Verdict::Yes);
        assert_eq!(r.verdict(&post, status(429, false)), Verdict::Yes);
        assert_eq!(r.verdict(&post, status(404, false)), Verdict::No);
        assert_eq!(r.verdict(&post, Trigger::Unmet), Verdict::Unsafe);
        let trace = Method::Other("TRACE".into());
        assert_eq!(r.verdict(&trace, Trigger::Unmet), Verdict::Yes);
        let purge = Method::Other("PURGE".into());
        assert_eq!(r.verdict(&purge, status(502, false)), Verdict::Unsafe);
        let keyed = Retry {
            keyed: true,
            ..retry(3)
        };
        assert_eq!(keyed.verdict(&post, status(500, false)), Verdict::Yes);
        let all = Retry {
            all_errors: true,
            ..retry(3)
        };
        assert_eq!(all.verdict(&Method::Patch, Trigger::Unmet), Verdict::Yes);
    }

    #[test]
    fn failures_before_sending_are_safe_to_retry() {
        use crate::exit::Phase;
        let r = retry(3);
        let failure = |exit, phase| ExitError {
            transient: true,
            phase: Some(phase),
            ..ExitError::new(exit, "x")
        };
        let refused = failure(Exit::Connect, Phase::Connect);
        let dns = failure(Exit::Resolve, Phase::Response);
        let connecting = failure(Exit::Timeout, Phase::Connect);
        let waiting = failure(Exit::Timeout, Phase::Response);
        let reset = failure(Exit::Receive, Phase::Response);
        for safe in [&refused, &dns, &connecting] {
            assert_eq!(
                r.verdict(&Method::Post, Trigger::Failure(safe)),
                Verdict::Yes
            );
        }
        for unsafe_ in [&waiting, &reset] {
            assert_eq!(
                r.verdict(&Method::Post, Trigger::Failure(unsafe_)),
                Verdict::Unsafe
            );
        }
        // --retry-all-errors also retries what is not transient.
        let empty = ExitError::new(Exit::EmptyReply, "empty reply");
        assert_eq!(
            r.verdict(&Method::Get, Trigger::Failure(&empty)),
            Verdict::No
        );
        let all = Retry {
            all_errors: true,
            ..retry(3)
        };
        assert_eq!(
            all.verdict(&Method::Post, Trigger::Failure(&empty)),
            Verdict::Yes
        );
        let usage = ExitError::usage("bad");
        assert_eq!(
            all.verdict(&Method::Get, Trigger::Failure(&usage)),
            Verdict::No
        );
    }

    #[test]
    fn retry_on_adds_statuses() {
        let r = Retry {
            on: Some(StatusList::parse("404,409", "--retry-on").unwrap()),
            ..retry(3)
        };
        assert_eq!(r.verdict(&Method::Get, status(404, false)), Verdict::Yes);
        assert_eq!(r.verdict(&Method::Get, status(410, false)), Verdict::No);
        assert_eq!(
            r.verdict(&Method::Post, status(409, false)),
            Verdict::Unsafe
        );
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
