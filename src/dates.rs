//! Calendar dates in UTC, for the times httpc prints (certificate expiry,
//! `health --watch` rounds). No time zone database: UTC only. The calendar
//! arithmetic is the `time` crate's.

use std::time::{SystemTime, UNIX_EPOCH};

use time::{OffsetDateTime, PrimitiveDateTime};

/// Seconds since the Unix epoch, now.
pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// `2027-03-01` for a Unix time, in UTC.
pub fn date(secs: i64) -> String {
    day(&utc(secs))
}

/// `2027-03-01T12:00:00Z` (RFC 3339) for a Unix time.
pub fn rfc3339(secs: i64) -> String {
    let t = utc(secs);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        day(&t),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// `2024-05-01T12:03:04.123Z`.
pub fn rfc3339_millis(time: SystemTime) -> String {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = rfc3339(since.as_secs() as i64);
    format!(
        "{}.{:03}Z",
        secs.trim_end_matches('Z'),
        since.subsec_millis()
    )
}

/// `2027-03-01`.
fn day(t: &OffsetDateTime) -> String {
    format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day())
}

/// A Unix time as a UTC date and time. The times httpc shows (now, and a
/// certificate's dates, which x509-parser reads with `time` too) are within
/// `time`'s years ±9999; anything further is held at that edge.
fn utc(secs: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(secs).unwrap_or(match secs < 0 {
        true => PrimitiveDateTime::MIN.assume_utc(),
        false => PrimitiveDateTime::MAX.assume_utc(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc_calendar_days() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(rfc3339(1_936_742_400), "2031-05-17T00:00:00Z");
        assert_eq!(rfc3339(951_782_400 + 3661), "2000-02-29T01:01:01Z");
        assert_eq!(date(-86_400), "1969-12-31");
        assert_eq!(date(253_402_214_400), "9999-12-31");
    }

    #[test]
    fn times_before_the_epoch_keep_their_time_of_day() {
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
        assert_eq!(rfc3339(-2_208_988_800), "1900-01-01T00:00:00Z");
    }

    #[test]
    fn times_past_year_9999_stay_at_its_last_second() {
        assert_eq!(rfc3339(i64::MAX), "9999-12-31T23:59:59Z");
    }

    #[test]
    fn watch_times_have_milliseconds() {
        let t = UNIX_EPOCH + std::time::Duration::from_millis(1_714_564_984_123);
        assert_eq!(rfc3339_millis(t), "2024-05-01T12:03:04.123Z");
        assert_eq!(rfc3339_millis(UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
    }
}
