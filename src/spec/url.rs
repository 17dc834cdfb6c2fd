//! The URL as the user typed it: shorthands (`:8080/x`, no scheme), only
//! http and https, query parameters from `-q`, and text that failed to
//! parse shown without its password.

use std::path::Path;

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

/// `--path-as-is`: the path of the URL as typed (up to its query or
/// fragment), when it has a `.` or `..` segment that parsing removed.
/// Characters a request target cannot carry (spaces, controls, non-ASCII)
/// are percent-encoded as `url` would; the dots stay.
pub(super) fn raw_path(input: &str) -> Option<String> {
    let trimmed = input.trim();
    let after_scheme = match trimmed.split_once("://") {
        Some((_, rest)) if has_scheme(trimmed) => rest,
        _ => trimmed.strip_prefix(':').unwrap_or(trimmed),
    };
    let path = &after_scheme[after_scheme.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let dotted = path.split('/').any(|segment| matches!(segment, "." | ".."));
    dotted.then(|| utf8_percent_encode(path, RAW_PATH).to_string())
}

/// What a path as typed may not carry on the wire (the WHATWG path set).
const RAW_PATH: &AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// `-T FILE` to a URL whose path ends in `/`: FILE's last path component
/// is appended, percent-encoded, as curl does (not for stdin); to the
/// path as typed too, with `--path-as-is`.
pub(super) fn append_file_name(url: &mut Url, raw_path: &mut Option<String>, file: &Path) {
    if file.as_os_str() == "-" || !url.path().ends_with('/') {
        return;
    }
    let Some(name) = file.file_name() else {
        return;
    };
    let name = utf8_percent_encode(&name.to_string_lossy(), QUERY).to_string();
    let path = format!("{}{name}", url.path());
    url.set_path(&path);
    if let Some(raw) = raw_path {
        raw.push_str(&name);
    }
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
    fn raw_paths_keep_dot_segments() {
        assert_eq!(raw_path("http://h/a/../b?x=1").as_deref(), Some("/a/../b"));
        assert_eq!(raw_path(":8080/./x/").as_deref(), Some("/./x/"));
        assert_eq!(raw_path("h/a/../b c").as_deref(), Some("/a/../b%20c"));
        assert_eq!(raw_path("http://h/a/b"), None);
        assert_eq!(raw_path("http://h"), None);
        assert_eq!(raw_path("http://h/a?x=/../"), None);
    }

    fn upload_to(url: &str, file: &str) -> String {
        let mut url = Url::parse(url).unwrap();
        append_file_name(&mut url, &mut None, Path::new(file));
        url.to_string()
    }

    #[test]
    fn uploads_to_a_directory_take_the_file_name() {
        assert_eq!(
            upload_to("http://h/dir/", "/tmp/a b.txt"),
            "http://h/dir/a%20b.txt"
        );
        assert_eq!(upload_to("http://h", "f"), "http://h/f");
        assert_eq!(upload_to("http://h/x", "f"), "http://h/x");
        assert_eq!(upload_to("http://h/", "-"), "http://h/");
        let mut url = Url::parse("http://h/a/../").unwrap();
        let mut raw = raw_path("http://h/a/../");
        append_file_name(&mut url, &mut raw, Path::new("f"));
        assert_eq!((url.path(), raw.as_deref()), ("/f", Some("/a/../f")));
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
