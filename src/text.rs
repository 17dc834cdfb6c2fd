//! Wording shared by every layer: durations, io errors, counts and URLs as
//! they may be shown, with the secrets they hide. Nothing here knows about
//! requests or terminals.

use std::borrow::Cow;
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

/// Headers whose values are secret (the trace shows their length only).
const SECRET_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
];

/// Response headers whose value is a URL, shown with its secret query
/// values hidden.
const URL_HEADERS: &[&str] = &["location", "content-location"];

/// Query parameters whose values carry secrets by convention: OAuth
/// tokens, API keys, and the signatures and credentials of pre-signed S3
/// and GCS URLs. Compared without regard to case.
pub const SECRET_QUERY: &[&str] = &[
    "access_token",
    "refresh_token",
    "id_token",
    "token",
    "api_key",
    "apikey",
    "key",
    "secret",
    "client_secret",
    "password",
    "sig",
    "signature",
    "X-Amz-Signature",
    "X-Amz-Credential",
    "X-Amz-Security-Token",
    "X-Goog-Signature",
    "X-Goog-Credential",
];

/// What is hidden wherever a request is shown (the trace, error and retry
/// lines, `-w` URLs, `health`): one value, made once from `--show-secrets`
/// and `--redact`, handed to each of them. The default hides the
/// conventional secrets. A URL's user-info password is hidden whatever it
/// says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Secrets {
    /// `--show-secrets`: header and query values are shown.
    shown: bool,
    /// `--redact NAME`s, lowercase: header or query parameter names.
    named: Vec<String>,
}

impl Default for Secrets {
    fn default() -> Secrets {
        Secrets::redacted(&[])
    }
}

impl Secrets {
    /// The conventional secrets and these names (`--redact`) are hidden.
    pub fn redacted(named: &[String]) -> Secrets {
        Secrets {
            shown: false,
            named: named
                .iter()
                .map(|n| n.trim().to_ascii_lowercase())
                .collect(),
        }
    }

    /// `--show-secrets`.
    pub fn shown() -> Secrets {
        Secrets {
            shown: true,
            named: Vec::new(),
        }
    }

    /// The value of this header is hidden.
    pub fn hides_header(&self, name: &str) -> bool {
        let name = name.trim();
        !self.shown
            && (SECRET_HEADERS.iter().any(|s| s.eq_ignore_ascii_case(name))
                || self.named.iter().any(|n| n.eq_ignore_ascii_case(name)))
    }

    /// The value of this query parameter (its name as in the URL, maybe
    /// percent-encoded, `+` for a space) is hidden.
    pub fn hides_query(&self, raw_name: &str) -> bool {
        if self.shown {
            return false;
        }
        let spaced = raw_name.replace('+', " ");
        let name = percent_encoding::percent_decode_str(&spaced).decode_utf8_lossy();
        SECRET_QUERY.iter().any(|s| s.eq_ignore_ascii_case(&name))
            || self.named.iter().any(|n| n.eq_ignore_ascii_case(&name))
    }

    /// The value of a header that carries a URL (`Location`) with its
    /// secret query values hidden; `None` when nothing is hidden (or it is
    /// not UTF-8), so the value is shown as received.
    pub fn in_url_header(&self, name: &str, value: &[u8]) -> Option<String> {
        if !URL_HEADERS
            .iter()
            .any(|h| h.eq_ignore_ascii_case(name.trim()))
        {
            return None;
        }
        let text = std::str::from_utf8(value).ok()?.trim();
        let shown = redact_url_text(text, self);
        (shown != text).then_some(shown)
    }

    /// A header's value as it may be shown: a secret one as `<redacted,
    /// N bytes>`, a URL (`Location`) with its secret query values hidden,
    /// any other as received (borrowed, so the caller can tell). The trace
    /// and `-w`'s `%{header_json}` show headers through this.
    pub fn header_value<'v>(&self, name: &str, value: &'v [u8]) -> Cow<'v, [u8]> {
        if let Some(url) = self.in_url_header(name, value) {
            return Cow::Owned(url.into_bytes());
        }
        match self.hides_header(name) {
            true => Cow::Owned(format!("<redacted, {} bytes>", value.len()).into_bytes()),
            false => Cow::Borrowed(value),
        }
    }

    /// A query string (without `?`) with the secret values as `***`; the
    /// rest stays byte for byte. An empty value hides nothing and stays.
    pub fn query<'q>(&self, query: &'q str) -> Cow<'q, str> {
        let secret = |pair: &str| {
            pair.split_once('=')
                .is_some_and(|(name, value)| !value.is_empty() && self.hides_query(name))
        };
        if !query.split('&').any(secret) {
            return Cow::Borrowed(query);
        }
        let pairs: Vec<Cow<str>> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((name, _)) if secret(pair) => Cow::Owned(format!("{name}=***")),
                _ => Cow::Borrowed(pair),
            })
            .collect();
        Cow::Owned(pairs.join("&"))
    }
}

/// The URL as it may be shown: any password replaced by `***`, and the
/// values of secret query parameters unless `secrets` shows them.
pub fn display_url(url: &Url, secrets: &Secrets) -> String {
    let query = url.query().map(|q| secrets.query(q));
    let hidden_query = matches!(query, Some(Cow::Owned(_)));
    if url.password().is_none() && !hidden_query {
        return url.to_string();
    }
    let mut shown = url.clone();
    if url.password().is_some() {
        let _ = shown.set_password(Some("***"));
    }
    if let Some(Cow::Owned(q)) = &query {
        shown.set_query(Some(q));
    }
    shown.to_string()
}

/// Best effort for text that did not parse as a URL (or a request target
/// in the trace): hide the password of `user:pass@` and the secret query
/// values.
pub fn redact_url_text(input: &str, secrets: &Secrets) -> String {
    // The query starts at the first `?`, the fragment at the first `#`.
    let (before_fragment, fragment) = match input.find('#') {
        Some(i) => input.split_at(i),
        None => (input, ""),
    };
    match before_fragment.split_once('?') {
        Some((base, query)) => {
            format!("{}?{}{fragment}", hide_password(base), secrets.query(query))
        }
        None => format!("{}{fragment}", hide_password(before_fragment)),
    }
}

/// `scheme://user:pass@host/path` (no query) with the password as `***`.
fn hide_password(input: &str) -> String {
    // `scheme://`, or `//` before an authority with no scheme (RFC 3986
    // §4.2), which a URL parser reads as `http://`.
    let start = match input.find("://") {
        Some(i) => i + 3,
        None if input.starts_with("//") => 2,
        None => 0,
    };
    let authority_end = input[start..].find('/').map_or(input.len(), |i| start + i);
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
        let s = Secrets::default();
        assert_eq!(
            redact_url_text("gopher://u:SECRET@h:x/", &s),
            "gopher://u:***@h:x/"
        );
        assert_eq!(redact_url_text("u:SECRET@h", &s), "u:***@h");
        assert_eq!(redact_url_text("//u:SECRET@h:x", &s), "//u:***@h:x");
        assert_eq!(redact_url_text("http://h/a@b", &s), "http://h/a@b");
        // A `://` in the query is not an authority.
        assert_eq!(
            redact_url_text("/cb?next=http://u:p@h&token=t#f", &s),
            "/cb?next=http://u:p@h&token=***#f"
        );
    }

    #[test]
    fn passwords_are_never_shown() {
        let url = Url::parse("http://u:secret@h/p").unwrap();
        assert_eq!(display_url(&url, &Secrets::default()), "http://u:***@h/p");
        assert_eq!(display_url(&url, &Secrets::shown()), "http://u:***@h/p");
        let url = Url::parse("http://h/p").unwrap();
        assert_eq!(display_url(&url, &Secrets::default()), "http://h/p");
    }

    #[test]
    fn secret_query_values_are_hidden_and_the_rest_kept() {
        let s = Secrets::default();
        let url = Url::parse("https://h/p?a=1&access_token=abc&b=%20x&token=&sig").unwrap();
        assert_eq!(
            display_url(&url, &s),
            "https://h/p?a=1&access_token=***&b=%20x&token=&sig"
        );
        assert_eq!(display_url(&url, &Secrets::shown()), url.as_str());
    }

    #[test]
    fn query_names_match_without_case_and_after_percent_decoding() {
        let s = Secrets::default();
        for name in SECRET_QUERY {
            assert!(s.hides_query(name), "{name}");
            assert!(s.hides_query(&name.to_ascii_lowercase()), "{name}");
            assert!(s.hides_query(&name.to_ascii_uppercase()), "{name}");
        }
        assert!(s.hides_query("X%2DAmz%2DSignature"));
        assert!(s.hides_query("access%5Ftoken"));
        assert!(!s.hides_query("tokens"));
        assert!(!s.hides_query("monkey"));
        assert!(!s.hides_query("page"));
    }

    #[test]
    fn redact_names_headers_and_query_parameters() {
        let s = Secrets::redacted(&["MyParam".to_string()]);
        assert!(s.hides_query("myparam"));
        assert!(s.hides_header("MYPARAM"));
        assert!(s.hides_header("Authorization"));
        assert!(!s.hides_header("x-other"));
        assert_eq!(s.query("myparam=1&other=2"), "myparam=***&other=2");
        let shown = Secrets::shown();
        assert!(!shown.hides_header("authorization"));
        assert!(!shown.hides_query("token"));
    }
}
