//! The URL as the user typed it: shorthands (`:8080/x`, no scheme), only
//! http and https, query parameters from `-q`, and text that failed to
//! parse shown without its password.

use anyhow::Result;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use url::Url;

use crate::exit::usage;
use crate::text::{redact_url_text, Secrets};

/// Characters left as they are in a query component: RFC 3986 unreserved.
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Parses what the user typed as a URL: no scheme means `http://`, a
/// leading `:PORT` means localhost. Only http and https, with a host.
/// Errors quote the text with what `secrets` hides hidden.
pub fn parse_url(input: &str, secrets: &Secrets) -> Result<Url> {
    let trimmed = input.trim();
    let full = if let Some(rest) = trimmed.strip_prefix(':') {
        format!("http://localhost:{rest}")
    } else if has_scheme(trimmed) {
        trimmed.to_string()
    } else {
        format!("http://{trimmed}")
    };
    let mut url = Url::parse(&full).map_err(|e| {
        usage(format!(
            "invalid URL '{}': {e}",
            redact_url_text(input, secrets)
        ))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(usage(format!(
            "unsupported URL scheme '{}' in '{}' (only http and https)",
            url.scheme(),
            redact_url_text(input, secrets)
        )));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(usage(format!(
            "invalid URL '{}': no host",
            redact_url_text(input, secrets)
        )));
    }
    url.set_fragment(None);
    Ok(url)
}

/// `scheme://` at the start (RFC 3986 scheme characters), not merely
/// somewhere in the query.
fn has_scheme(url: &str) -> bool {
    url.split_once("://").is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

pub fn host_header(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

/// A URL's user-info as `user:pass`, percent-decoded (`None` without a
/// user): what Basic authentication sends, for the URL of a request or of
/// a proxy.
pub fn userinfo(url: &Url) -> Option<String> {
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    };
    (!url.username().is_empty()).then(|| {
        let pass = url.password().map(decode).unwrap_or_default();
        format!("{}:{pass}", decode(url.username()))
    })
}

/// `-q name=value`, percent-encoded, after any query the URL has.
pub(super) fn append_query(url: &mut Url, params: &[String]) -> Result<()> {
    if params.is_empty() {
        return Ok(());
    }
    let mut query = url.query().unwrap_or_default().to_string();
    for param in params {
        let encoded = match param.split_once('=') {
            Some((name, value)) => format!(
                "{}={}",
                utf8_percent_encode(name, QUERY),
                utf8_percent_encode(value, QUERY)
            ),
            None => utf8_percent_encode(param, QUERY).to_string(),
        };
        if encoded.is_empty() || encoded.starts_with('=') {
            return Err(usage(format!(
                "invalid query parameter '{param}': expected name=value"
            )));
        }
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(&encoded);
    }
    url.set_query(Some(&query));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_shorthands() {
        assert_eq!(
            parse_url(":8080/x", &Secrets::default()).unwrap().as_str(),
            "http://localhost:8080/x"
        );
        assert_eq!(
            parse_url("example.com", &Secrets::default())
                .unwrap()
                .as_str(),
            "http://example.com/"
        );
        assert_eq!(
            parse_url("HTTPS://h/a#frag", &Secrets::default())
                .unwrap()
                .as_str(),
            "https://h/a"
        );
        assert!(parse_url("ftp://h/", &Secrets::default()).is_err());
        assert!(parse_url("http://", &Secrets::default()).is_err());
        assert!(parse_url("http://[bad", &Secrets::default()).is_err());
        assert_eq!(
            parse_url("h/go?next=http://x/", &Secrets::default())
                .unwrap()
                .as_str(),
            "http://h/go?next=http://x/"
        );
    }

    #[test]
    fn bad_url_message_hides_password() {
        let err = parse_url("ftp://me:secret@h/", &Secrets::default())
            .unwrap_err()
            .to_string();
        assert!(!err.contains("secret"), "{err}");
        assert!(err.contains("me:***@h"), "{err}");
    }
}
