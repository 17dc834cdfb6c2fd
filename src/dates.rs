//! Calendar dates in UTC, for the times httpc prints (certificate expiry,
//! `health --watch` rounds). No time zone database: UTC only.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch, now.
pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// `2027-03-01` for a Unix time, in UTC.
pub fn date(secs: i64) -> String {
    let (y, m, d) = civil(secs.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// `2027-03-01T12:00:00Z` (RFC 3339) for a Unix time.
pub fn rfc3339(secs: i64) -> String {
    let t = secs.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        date(secs),
        t / 3600,
        t / 60 % 60,
        t % 60
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

/// The proleptic Gregorian date of a day count from 1970-01-01 (H.
/// Hinnant's era-based conversion: 400-year eras of 146,097 days).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
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
    fn watch_times_have_milliseconds() {
        let t = UNIX_EPOCH + std::time::Duration::from_millis(1_714_564_984_123);
        assert_eq!(rfc3339_millis(t), "2024-05-01T12:03:04.123Z");
        assert_eq!(rfc3339_millis(UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
    }
}
