//! curl's data options: `-d`, `--data-binary`, `--data-raw` and
//! `--data-urlencode`, repeated and mixed, joined with `&` in the order
//! given. One `-d`-like part alone keeps `-d`'s rules (byte-exact, files
//! and stdin streamed, `application/octet-stream`); anything more is an
//! `application/x-www-form-urlencoded` body read into memory, or, with
//! `-G`, the URL's query.

use std::path::{Path, PathBuf};

use anyhow::Result;
use percent_encoding::{percent_encode, AsciiSet, NON_ALPHANUMERIC};

use ::url::Url;

use super::body::Body;
use super::BodyInput;
use crate::exit::usage;
use crate::files::{open_file, read_file_bytes, read_stdin};

/// Which option gave a data part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKind {
    /// `-d, --data`
    Data,
    /// `--data-binary`: the same as `-d`.
    Binary,
    /// `--data-raw`: a leading `@` is literal.
    Raw,
    /// `--data-urlencode`: curl's five forms, percent-encoded.
    UrlEncode,
}

/// One data option's value as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataPart {
    pub kind: DataKind,
    pub text: String,
}

impl DataPart {
    /// The file this part reads, as typed (`-` is stdin): `-d @FILE`,
    /// `--data-binary @FILE`, `--data-urlencode [NAME]@FILE`.
    pub fn file(&self) -> Option<&str> {
        match self.kind {
            DataKind::Data | DataKind::Binary => self.text.strip_prefix('@'),
            DataKind::UrlEncode => match url_form(&self.text) {
                (_, Content::File(path)) => Some(path),
                (_, Content::Text(_)) => None,
            },
            DataKind::Raw => None,
        }
    }
}

const FORM: &str = "application/x-www-form-urlencoded";
const OCTETS: &str = "application/octet-stream";

/// What curl's `curl_easy_escape` leaves alone: RFC 3986 unreserved.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The body the parts make, and its Content-Type.
pub(super) fn body(parts: &[DataPart]) -> Result<(Body, Option<String>)> {
    if let [part] = parts {
        if part.kind != DataKind::UrlEncode {
            return Ok((single(part)?, Some(OCTETS.into())));
        }
    }
    Ok((Body::Bytes(joined(parts)?), Some(FORM.into())))
}

/// The parts joined with `&`, each read or encoded as its option says
/// (`-G` puts these bytes in the query).
pub(super) fn joined(parts: &[DataPart]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push(b'&');
        }
        out.extend(part_bytes(part)?);
    }
    Ok(out)
}

/// One `-d`-like part alone: byte-exact, a file or stdin streamed.
fn single(part: &DataPart) -> Result<Body> {
    let flag = flag(part.kind);
    Ok(match part.file() {
        Some("-") => Body::Stdin,
        Some(path) => {
            let path = PathBuf::from(path);
            open_file(&path, flag)?;
            Body::File(path)
        }
        None => Body::Bytes(part.text.as_bytes().to_vec()),
    })
}

fn flag(kind: DataKind) -> &'static str {
    match kind {
        DataKind::Data => "-d",
        DataKind::Binary => "--data-binary",
        DataKind::Raw => "--data-raw",
        DataKind::UrlEncode => "--data-urlencode",
    }
}

fn part_bytes(part: &DataPart) -> Result<Vec<u8>> {
    if part.kind == DataKind::UrlEncode {
        return url_encoded(&part.text);
    }
    match part.file() {
        Some(path) => read_data_file(path, flag(part.kind)),
        None => Ok(part.text.as_bytes().to_vec()),
    }
}

fn read_data_file(path: &str, flag: &str) -> Result<Vec<u8>> {
    match path {
        "-" => read_stdin(flag),
        path => read_file_bytes(Path::new(path), flag),
    }
}

/// Where a `--data-urlencode` part's content is.
enum Content<'t> {
    Text(&'t str),
    /// A file (`-` is stdin) whose bytes are the content.
    File(&'t str),
}

/// `--data-urlencode` as curl reads it: the first `=` splits a name from
/// the content (an empty name sends the content alone); without `=`, the
/// first `@` splits a name from a file; without either, the whole text is
/// the content.
fn url_form(text: &str) -> (&str, Content<'_>) {
    match text.find('=').or_else(|| text.find('@')) {
        None => ("", Content::Text(text)),
        Some(at) if text.as_bytes()[at] == b'=' => (&text[..at], Content::Text(&text[at + 1..])),
        Some(at) => (&text[..at], Content::File(&text[at + 1..])),
    }
}

/// A `--data-urlencode` part as sent: the content percent-encoded (a space
/// as `+`), after the name as typed.
fn url_encoded(text: &str) -> Result<Vec<u8>> {
    let (name, content) = match url_form(text) {
        (name, Content::Text(content)) => (name, content.as_bytes().to_vec()),
        (name, Content::File(path)) => (name, read_data_file(path, "--data-urlencode")?),
    };
    let mut out = Vec::new();
    if !name.is_empty() {
        out.extend_from_slice(name.as_bytes());
        out.push(b'=');
    }
    out.extend(encode(&content).bytes());
    Ok(out)
}

/// Percent-encoding as curl's `curl_easy_escape` does it (uppercase hex,
/// RFC 3986 unreserved left alone), then `%20` as `+` (RFC 1866).
fn encode(content: &[u8]) -> String {
    percent_encode(content, UNRESERVED)
        .to_string()
        .replace("%20", "+")
}

/// `-G`: the data parts join the query, after what the URL and `-q` put
/// there, and the body input that is left is none.
pub(super) fn into_query<'i, 'a>(
    body: &'i BodyInput<'a>,
    data_in_query: bool,
    url: &mut Url,
) -> Result<&'i BodyInput<'a>> {
    let BodyInput::Data(parts) = body else {
        return Ok(body);
    };
    if !data_in_query {
        return Ok(body);
    }
    let data = query_text(joined(parts)?)?;
    let query = match url.query() {
        Some(q) if !q.is_empty() => format!("{q}&{data}"),
        _ => data,
    };
    url.set_query(Some(&query));
    Ok(&BodyInput::None)
}

/// The data as query text: a usage error when it is not UTF-8.
fn query_text(bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes)
        .map_err(|_| usage("-G: the data is not UTF-8 text, so it cannot go in the URL's query"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(kind: DataKind, text: &str) -> DataPart {
        DataPart {
            kind,
            text: text.to_string(),
        }
    }

    fn encoded(text: &str) -> String {
        String::from_utf8(url_encoded(text).unwrap()).unwrap()
    }

    #[test]
    fn urlencode_takes_curls_five_forms() {
        assert_eq!(encoded("a b&c"), "a+b%26c");
        assert_eq!(encoded("=a b=c"), "a+b%3Dc");
        assert_eq!(encoded("name=a b/ü"), "name=a+b%2F%C3%BC");
        // The first '=' splits, even after an '@'.
        assert_eq!(encoded("x@y=z"), "x@y=z");
        assert_eq!(encoded("-._~*"), "-._~%2A");
    }

    #[test]
    fn urlencode_reads_files_for_at_forms() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f.txt");
        std::fs::write(&file, "a b\n").unwrap();
        let path = file.display().to_string();
        assert_eq!(encoded(&format!("@{path}")), "a+b%0A");
        assert_eq!(encoded(&format!("n@{path}")), "n=a+b%0A");
        let missing = url_encoded("n@/no/such/file").unwrap_err();
        assert_eq!(crate::exit::exit_for(&missing), crate::exit::Exit::Usage);
    }

    #[test]
    fn one_data_part_keeps_d_rules() {
        let (body, ct) = body(&[part(DataKind::Binary, "a&b")]).unwrap();
        assert_eq!(body, Body::Bytes(b"a&b".to_vec()));
        assert_eq!(ct.as_deref(), Some(OCTETS));
        let (body, _) = super::body(&[part(DataKind::Data, "@-")]).unwrap();
        assert_eq!(body, Body::Stdin);
        let (body, _) = super::body(&[part(DataKind::Raw, "@-")]).unwrap();
        assert_eq!(body, Body::Bytes(b"@-".to_vec()));
    }

    #[test]
    fn several_parts_are_a_form_joined_in_order() {
        let parts = [
            part(DataKind::Data, "a=1"),
            part(DataKind::UrlEncode, "b=x y"),
            part(DataKind::Raw, "@c"),
        ];
        let (body, ct) = body(&parts).unwrap();
        assert_eq!(body, Body::Bytes(b"a=1&b=x+y&@c".to_vec()));
        assert_eq!(ct.as_deref(), Some(FORM));
        let (body, ct) = super::body(&[part(DataKind::UrlEncode, "q=1 2")]).unwrap();
        assert_eq!(body, Body::Bytes(b"q=1+2".to_vec()));
        assert_eq!(ct.as_deref(), Some(FORM));
    }

    #[test]
    fn get_moves_the_data_into_the_query() {
        let parts = [
            part(DataKind::Data, "a=1"),
            part(DataKind::UrlEncode, "b=x y"),
        ];
        let input = BodyInput::Data(&parts);
        let mut url = Url::parse("http://h/p?z=0").unwrap();
        let left = into_query(&input, true, &mut url).unwrap();
        assert!(matches!(left, BodyInput::None));
        assert_eq!(url.as_str(), "http://h/p?z=0&a=1&b=x+y");

        let mut url = Url::parse("http://h/p").unwrap();
        let left = into_query(&input, false, &mut url).unwrap();
        assert!(matches!(left, BodyInput::Data(_)));
        assert_eq!(url.as_str(), "http://h/p");
    }

    #[test]
    fn get_refuses_data_that_is_not_text() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bin");
        std::fs::write(&file, [0xff, 0xfe]).unwrap();
        let parts = [part(DataKind::Binary, &format!("@{}", file.display()))];
        let mut url = Url::parse("http://h/").unwrap();
        let err = into_query(&BodyInput::Data(&parts), true, &mut url).unwrap_err();
        assert_eq!(crate::exit::exit_for(&err), crate::exit::Exit::Usage);
    }
}
