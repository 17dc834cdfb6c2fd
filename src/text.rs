//! Wording shared by every layer: durations, io errors, counts and URLs as
//! they may be shown. Nothing here knows about requests or terminals.

use std::io;
use std::time::Duration;

use url::Url;

/// A duration as people write it: `0.5s`, `10s`, `1.25s`.
pub fn seconds(d: Duration) -> String {
    let text = format!("{:.3}", d.as_secs_f64());
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}s")
}

/// Rounded up to the tenth of a second, for messages: a wait of 1.01 s is
/// said as `1.1s`, never as less than it was.
pub fn tenths_up(d: Duration) -> Duration {
    Duration::from_millis((d.as_millis() as u64).div_ceil(100) * 100)
}

/// `1 target`, `3 targets`.
pub fn count(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

/// An io error in words, without Rust's `(os error 2)` tail.
pub fn io_words(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

/// The URL as it may be shown: any password replaced by `***`.
pub fn display_url(url: &Url) -> String {
    if url.password().is_some() {
        let mut shown = url.clone();
        let _ = shown.set_password(Some("***"));
        shown.to_string()
    } else {
        url.to_string()
    }
}

/// Best effort for text that did not parse as a URL: hide `user:pass@`.
pub fn redact_url_text(input: &str) -> String {
    let start = input.find("://").map_or(0, |i| i + 3);
    let authority_end = input[start..]
        .find(['/', '?', '#'])
        .map_or(input.len(), |i| start + i);
    match input[start..authority_end].rfind('@') {
        Some(at) => {
            let userinfo = &input[start..start + at];
            match userinfo.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &input[..start],
                    &userinfo[..colon],
                    &input[start + at..]
                ),
                None => input.to_string(),
            }
        }
        None => input.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(seconds(Duration::from_secs(10)), "10s");
        assert_eq!(seconds(Duration::from_millis(500)), "0.5s");
        assert_eq!(seconds(Duration::from_millis(1250)), "1.25s");
    }

    #[test]
    fn tenths_round_up() {
        assert_eq!(
            tenths_up(Duration::from_millis(1010)),
            Duration::from_millis(1100)
        );
        assert_eq!(
            tenths_up(Duration::from_millis(1000)),
            Duration::from_secs(1)
        );
        assert_eq!(tenths_up(Duration::ZERO), Duration::ZERO);
    }

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(count(1, "target"), "1 target");
        assert_eq!(count(0, "target"), "0 targets");
        assert_eq!(count(2, "target"), "2 targets");
    }

    #[test]
    fn io_errors_lose_the_os_error_tail() {
        let e = io::Error::from_raw_os_error(28);
        assert_eq!(io_words(&e), "No space left on device");
        assert_eq!(
            io_words(&io::Error::from(io::ErrorKind::NotFound)),
            "no such file or directory"
        );
    }

    #[test]
    fn passwords_are_hidden_in_text_that_is_not_a_url() {
        assert_eq!(
            redact_url_text("gopher://u:SECRET@h:x/"),
            "gopher://u:***@h:x/"
        );
        assert_eq!(redact_url_text("u:SECRET@h"), "u:***@h");
        assert_eq!(redact_url_text("http://h/a@b"), "http://h/a@b");
    }

    #[test]
    fn passwords_are_never_shown() {
        let url = Url::parse("http://u:secret@h/p").unwrap();
        assert_eq!(display_url(&url), "http://u:***@h/p");
        let url = Url::parse("http://h/p").unwrap();
        assert_eq!(display_url(&url), "http://h/p");
    }
}
