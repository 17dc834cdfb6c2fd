//! `RequestSpec`: the request as it will go on the wire, validated before
//! anything is sent. Everything a user can get wrong is caught here and is a
//! usage error (exit 2); the only I/O is reading the small `@FILE`s the user
//! names (and checking that streamed ones can be opened).

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use anyhow::Result;
use base64::Engine;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use url::Url;

use crate::exit::usage;
use crate::files::{open_file, read_file_bytes};
use crate::text::io_words;

/// A request method: any RFC 9110 token, sent exactly as given (methods are
/// case-sensitive). The ones httpc treats specially have their own variant,
/// so nothing compares method names as strings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Method {
    #[default]
    Get,
    Head,
    Post,
    Put,
    Patch,
    Delete,
    Options,
    /// Any other token (`QUERY`, `PROPFIND`, `PURGE`, or `get` in lower
    /// case, which is not GET).
    Other(String),
}

impl Method {
    /// A method as typed; anything that is not an RFC 9110 token is refused.
    pub fn parse(text: &str) -> Result<Method, String> {
        Ok(match text {
            "GET" => Method::Get,
            "HEAD" => Method::Head,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            "OPTIONS" => Method::Options,
            _ if !text.is_empty() && text.bytes().all(is_token_byte) => {
                Method::Other(text.to_string())
            }
            _ => {
                return Err(format!(
                    "invalid method '{}': a method is a token such as GET or PROPFIND",
                    text.escape_default()
                ))
            }
        })
    }

    pub fn as_str(&self) -> &str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Other(token) => token,
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the user asked for, in plain types (no clap).
#[derive(Debug, Default)]
pub struct Input<'a> {
    pub method: Method,
    pub url: &'a str,
    pub headers: &'a [String],
    pub query: &'a [String],
    pub body: BodyInput<'a>,
    pub user: Option<&'a str>,
    pub bearer: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    pub decompress: bool,
}

/// The body options; clap makes sure at most one is given.
#[derive(Debug, Default)]
pub enum BodyInput<'a> {
    #[default]
    None,
    Json(&'a str),
    Form(&'a [String]),
    Multipart(&'a [String]),
    Data(&'a str),
}

/// A validated request.
#[derive(Debug, Clone)]
pub struct RequestSpec {
    pub method: Method,
    pub url: Url,
    /// Headers in the order they are sent, lowercase names as on the wire.
    /// Host and the body framing (Content-Length or Transfer-Encoding) are
    /// added by the transport.
    pub headers: Vec<(String, String)>,
    pub body: Body,
}

/// Where the request body comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    None,
    /// In memory: --json, --form, -d TEXT.
    Bytes(Vec<u8>),
    /// Streamed from a file: -d @FILE.
    File(PathBuf),
    /// Streamed from stdin: -d @-.
    Stdin,
    /// multipart/form-data, streamed part by part.
    Multipart(Multipart),
}

/// A multipart body as a list of segments: literal bytes and files.
#[derive(Debug, Clone, PartialEq)]
pub struct Multipart {
    pub boundary: String,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    Bytes(Vec<u8>),
    File(PathBuf),
}

const DEFAULT_ACCEPT_ENCODING: &str = "gzip, br";

/// Characters left as they are in a query component: RFC 3986 unreserved.
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Parses what the user typed as a URL: no scheme means `http://`, a
/// leading `:PORT` means localhost. Only http and https, with a host.
pub fn parse_url(input: &str) -> Result<Url> {
    let trimmed = input.trim();
    let full = if let Some(rest) = trimmed.strip_prefix(':') {
        format!("http://localhost:{rest}")
    } else if has_scheme(trimmed) {
        trimmed.to_string()
    } else {
        format!("http://{trimmed}")
    };
    let mut url = Url::parse(&full)
        .map_err(|e| usage(format!("invalid URL '{}': {e}", redact_url_text(input))))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(usage(format!(
            "unsupported URL scheme '{}' in '{}' (only http and https)",
            url.scheme(),
            redact_url_text(input)
        )));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(usage(format!(
            "invalid URL '{}': no host",
            redact_url_text(input)
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

/// Best effort for text that did not parse as a URL: hide `user:pass@`.
fn redact_url_text(input: &str) -> String {
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

impl RequestSpec {
    pub fn build(input: &Input) -> Result<RequestSpec> {
        let method = input.method.clone();
        let mut url = parse_url(input.url)?;
        append_query(&mut url, input.query)?;

        // Credentials in the URL become Basic auth (unless -u says otherwise)
        // and never travel in the request target.
        let url_user = (!url.username().is_empty()).then(|| {
            let user = decode(url.username());
            let pass = url.password().map(decode).unwrap_or_default();
            format!("{user}:{pass}")
        });
        let _ = url.set_username("");
        let _ = url.set_password(None);

        let mut headers = Headers::default();
        headers.set(
            "user-agent",
            input.user_agent.map_or_else(
                || format!("httpc/{}", env!("CARGO_PKG_VERSION")),
                str::to_string,
            ),
        );
        let json = matches!(input.body, BodyInput::Json(_));
        headers.set("accept", if json { "application/json" } else { "*/*" });
        if input.decompress {
            headers.set("accept-encoding", DEFAULT_ACCEPT_ENCODING);
        }
        if let Some(user) = input.user.map(str::to_string).or(url_user) {
            let encoded = base64::engine::general_purpose::STANDARD.encode(user);
            headers.set("authorization", format!("Basic {encoded}"));
        }
        if let Some(token) = input.bearer {
            let token = read_arg_or_file(token, "--bearer")?;
            let token = token.trim_end_matches(['\r', '\n']);
            check_value("authorization", token)?;
            headers.set("authorization", format!("Bearer {token}"));
        }

        let (body, content_type) = build_body(&input.body)?;
        if let Some(content_type) = content_type {
            headers.set("content-type", content_type);
        }

        for arg in input.headers {
            apply_header_arg(&mut headers, arg)?;
        }

        if method == Method::Head && body != Body::None {
            return Err(usage("HEAD requests cannot carry a body"));
        }

        Ok(RequestSpec {
            method,
            url,
            headers: headers.0,
            body,
        })
    }

    /// The value of a header as it will be sent.
    #[cfg(test)]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `Host` as it goes on the wire: the port only when it is not the
    /// scheme's default.
    pub fn host_header(&self) -> String {
        host_header(&self.url)
    }
}

pub fn host_header(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Headers with "later replaces earlier" for defaults and "several allowed"
/// for what the user adds with -H.
#[derive(Debug, Default)]
struct Headers(Vec<(String, String)>);

impl Headers {
    /// Sets a header, replacing every earlier one of that name.
    fn set(&mut self, name: &str, value: impl Into<String>) {
        self.remove(name);
        self.0.push((name.to_ascii_lowercase(), value.into()));
    }

    fn remove(&mut self, name: &str) {
        self.0.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }
}

/// Applies one -H argument: `Name: value`, `Name:` (remove), or `@FILE`.
fn apply_header_arg(headers: &mut Headers, arg: &str) -> Result<()> {
    if let Some(path) = arg.strip_prefix('@') {
        let text = read_file(Path::new(path), "-H")?;
        for line in text.lines() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() {
                continue;
            }
            apply_header_line(headers, line)?;
        }
        return Ok(());
    }
    apply_header_line(headers, arg)
}

fn apply_header_line(headers: &mut Headers, line: &str) -> Result<()> {
    let Some((name, value)) = line.split_once(':') else {
        return Err(usage(format!(
            "invalid header '{line}': expected 'Name: value'"
        )));
    };
    let name = name.trim();
    if name.is_empty() || !name.bytes().all(is_token_byte) {
        return Err(usage(format!("invalid header name '{name}'")));
    }
    let value = value.trim_matches([' ', '\t']);
    check_value(name, value)?;
    if value.is_empty() {
        headers.remove(name);
        return Ok(());
    }
    let lower = name.to_ascii_lowercase();
    // A header httpc sets by default is replaced; anything else may repeat.
    let is_default =
        headers.0.iter().any(|(n, _)| *n == lower) && DEFAULTS.contains(&lower.as_str());
    if is_default {
        headers.set(&lower, value);
    } else {
        headers.0.push((lower, value.to_string()));
    }
    Ok(())
}

/// Headers httpc may set itself, which a -H of the same name replaces.
const DEFAULTS: &[&str] = &[
    "user-agent",
    "accept",
    "accept-encoding",
    "authorization",
    "content-type",
];

fn check_value(name: &str, value: &str) -> Result<()> {
    if value.bytes().any(|b| b == b'\r' || b == b'\n' || b == 0) {
        return Err(usage(format!(
            "the value of header '{name}' contains a line break (CR or LF)"
        )));
    }
    Ok(())
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn append_query(url: &mut Url, params: &[String]) -> Result<()> {
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

/// The body and the Content-Type it implies.
fn build_body(input: &BodyInput) -> Result<(Body, Option<String>)> {
    Ok(match input {
        BodyInput::None => (Body::None, None),
        BodyInput::Json(arg) => {
            let bytes = match arg.strip_prefix('@') {
                Some("-") => read_stdin("--json")?,
                Some(path) => read_file_bytes(Path::new(path), "--json")?,
                None => arg.as_bytes().to_vec(),
            };
            validate_json(&bytes)?;
            (Body::Bytes(bytes), Some("application/json".into()))
        }
        BodyInput::Form(fields) => {
            let mut form = Vec::new();
            for field in fields.iter() {
                let (name, value) = split_field(field, "--form")?;
                let value = match value.strip_prefix('@') {
                    Some(path) => read_file_bytes(Path::new(path), "--form")?,
                    None => value.as_bytes().to_vec(),
                };
                if !form.is_empty() {
                    form.push(b'&');
                }
                form.extend(
                    url::form_urlencoded::byte_serialize(name.as_bytes()).flat_map(str::bytes),
                );
                form.push(b'=');
                form.extend(url::form_urlencoded::byte_serialize(&value).flat_map(str::bytes));
            }
            (
                Body::Bytes(form),
                Some("application/x-www-form-urlencoded".into()),
            )
        }
        BodyInput::Multipart(parts) => {
            let multipart = build_multipart(parts)?;
            let content_type = format!("multipart/form-data; boundary={}", multipart.boundary);
            (Body::Multipart(multipart), Some(content_type))
        }
        BodyInput::Data(arg) => {
            let body = match arg.strip_prefix('@') {
                Some("-") => Body::Stdin,
                Some(path) => {
                    let path = PathBuf::from(path);
                    open_file(&path, "-d")?;
                    Body::File(path)
                }
                None => Body::Bytes(arg.as_bytes().to_vec()),
            };
            (body, Some("application/octet-stream".into()))
        }
    })
}

/// serde_json checks the syntax; the bytes are sent as they are.
fn validate_json(bytes: &[u8]) -> Result<()> {
    serde_json::from_slice::<serde::de::IgnoredAny>(bytes)
        .map(|_| ())
        .map_err(|e| {
            usage(format!(
                "invalid --json: {} (line {}, column {})",
                json_error_text(&e),
                e.line(),
                e.column()
            ))
        })
}

/// serde_json's message without its own " at line L column C" suffix.
fn json_error_text(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn split_field<'a>(field: &'a str, flag: &str) -> Result<(&'a str, &'a str)> {
    match field.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name, value)),
        _ => Err(usage(format!(
            "invalid {flag} '{field}': expected name=value"
        ))),
    }
}

fn build_multipart(parts: &[String]) -> Result<Multipart> {
    let boundary = new_boundary();
    let mut segments = Vec::new();
    let mut head = Vec::new();
    for part in parts {
        let (name, value) = split_field(part, "-F")?;
        check_part_text(name, "name")?;
        head.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match value.strip_prefix('@') {
            Some(spec) => {
                let mut params = spec.split(';');
                let path = PathBuf::from(params.next().unwrap_or_default());
                let mut content_type = None;
                let mut filename = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                for param in params {
                    match param.split_once('=') {
                        Some(("type", t)) => content_type = Some(t.to_string()),
                        Some(("filename", f)) => filename = f.to_string(),
                        _ => {
                            return Err(usage(format!(
                            "invalid -F '{part}': unknown parameter '{param}' (type=, filename=)"
                        )))
                        }
                    }
                }
                open_file(&path, "-F")?;
                check_part_text(&filename, "file name")?;
                let content_type =
                    content_type.unwrap_or_else(|| "application/octet-stream".into());
                check_part_text(&content_type, "type")?;
                head.extend_from_slice(
                    format!(
                        "content-disposition: form-data; name=\"{}\"; filename=\"{}\"\r\ncontent-type: {content_type}\r\n\r\n",
                        quote(name),
                        quote(&filename)
                    )
                    .as_bytes(),
                );
                segments.push(Segment::Bytes(std::mem::take(&mut head)));
                segments.push(Segment::File(path));
            }
            None => {
                head.extend_from_slice(
                    format!(
                        "content-disposition: form-data; name=\"{}\"\r\n\r\n",
                        quote(name)
                    )
                    .as_bytes(),
                );
                head.extend_from_slice(value.as_bytes());
            }
        }
        head.extend_from_slice(b"\r\n");
    }
    head.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    segments.push(Segment::Bytes(head));
    Ok(Multipart { boundary, segments })
}

fn check_part_text(text: &str, what: &str) -> Result<()> {
    if text.bytes().any(|b| b == b'\r' || b == b'\n') {
        return Err(usage(format!(
            "the multipart {what} '{text}' contains a line break"
        )));
    }
    Ok(())
}

/// Quotes a multipart parameter value (RFC 7578 §4.2: escape `"` and `\`).
fn quote(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

fn new_boundary() -> String {
    let mut bytes = [0u8; 12];
    // A fixed boundary is still correct, only less unique; never fail on it.
    let _ = getrandom::fill(&mut bytes);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("httpc-boundary-{hex}")
}

impl Multipart {
    /// The total length, when every file can still be measured.
    pub fn content_length(&self) -> io::Result<u64> {
        self.segments.iter().try_fold(0u64, |total, seg| {
            Ok(total
                + match seg {
                    Segment::Bytes(b) => b.len() as u64,
                    Segment::File(p) => std::fs::metadata(p)?.len(),
                })
        })
    }

    /// A reader over the whole body; files are opened as they are reached.
    pub fn reader(&self) -> MultipartReader {
        MultipartReader {
            segments: self.segments.clone().into_iter(),
            current: None,
        }
    }
}

pub struct MultipartReader {
    segments: std::vec::IntoIter<Segment>,
    current: Option<Box<dyn Read + Send>>,
}

impl Read for MultipartReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if let Some(current) = &mut self.current {
                let n = current.read(buf)?;
                if n > 0 || buf.is_empty() {
                    return Ok(n);
                }
            }
            self.current = match self.segments.next() {
                None => return Ok(0),
                Some(Segment::Bytes(b)) => Some(Box::new(io::Cursor::new(b))),
                Some(Segment::File(p)) => Some(Box::new(File::open(&p)?)),
            };
        }
    }
}

/// `TEXT` or `@FILE` for options whose value may be a secret.
fn read_arg_or_file(arg: &str, flag: &str) -> Result<String> {
    match arg.strip_prefix('@') {
        Some(path) => read_file(Path::new(path), flag),
        None => Ok(arg.to_string()),
    }
}

fn read_file(path: &Path, flag: &str) -> Result<String> {
    String::from_utf8(read_file_bytes(path, flag)?)
        .map_err(|_| usage(format!("{flag}: '{}' is not UTF-8 text", path.display())))
}

fn read_stdin(flag: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|e| usage(format!("{flag}: cannot read stdin: {}", io_words(&e))))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(method: Method, url: &str) -> RequestSpec {
        RequestSpec::build(&Input {
            method,
            url,
            decompress: true,
            ..Input::default()
        })
        .unwrap()
    }

    #[test]
    fn url_shorthands() {
        assert_eq!(
            parse_url(":8080/x").unwrap().as_str(),
            "http://localhost:8080/x"
        );
        assert_eq!(
            parse_url("example.com").unwrap().as_str(),
            "http://example.com/"
        );
        assert_eq!(
            parse_url("HTTPS://h/a#frag").unwrap().as_str(),
            "https://h/a"
        );
        assert!(parse_url("ftp://h/").is_err());
        assert!(parse_url("http://").is_err());
        assert!(parse_url("http://[bad").is_err());
        assert_eq!(
            parse_url("h/go?next=http://x/").unwrap().as_str(),
            "http://h/go?next=http://x/"
        );
    }

    #[test]
    fn bad_url_message_hides_password() {
        let err = parse_url("ftp://me:secret@h/").unwrap_err().to_string();
        assert!(!err.contains("secret"), "{err}");
        assert!(err.contains("me:***@h"), "{err}");
    }

    #[test]
    fn defaults_in_order() {
        let s = spec(Method::Get, "http://h:81/p");
        let names: Vec<_> = s.headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["user-agent", "accept", "accept-encoding"]);
        assert_eq!(s.header("accept-encoding"), Some("gzip, br"));
        assert_eq!(s.host_header(), "h:81");
    }

    #[test]
    fn header_args_replace_defaults_remove_and_repeat() {
        let headers = [
            "User-Agent:".to_string(),
            "Accept: text/plain".to_string(),
            "X-A: 1".to_string(),
            "x-a: 2".to_string(),
        ];
        let s = RequestSpec::build(&Input {
            method: Method::Get,
            url: "h",
            headers: &headers,
            ..Input::default()
        })
        .unwrap();
        assert_eq!(
            s.headers,
            [
                ("accept".to_string(), "text/plain".to_string()),
                ("x-a".to_string(), "1".to_string()),
                ("x-a".to_string(), "2".to_string()),
            ]
        );
    }

    #[test]
    fn header_with_line_break_is_refused() {
        let headers = ["X: a\rb".to_string()];
        let err = RequestSpec::build(&Input {
            method: Method::Get,
            url: "h",
            headers: &headers,
            ..Input::default()
        })
        .unwrap_err();
        assert_eq!(crate::exit::exit_for(&err), crate::exit::Exit::Usage);
    }

    #[test]
    fn query_is_percent_encoded_and_appended() {
        let query = ["a=b".to_string(), "c=d e&f".to_string()];
        let s = RequestSpec::build(&Input {
            method: Method::Get,
            url: "h/p?x=1",
            query: &query,
            ..Input::default()
        })
        .unwrap();
        assert_eq!(s.url.as_str(), "http://h/p?x=1&a=b&c=d%20e%26f");
    }

    #[test]
    fn url_credentials_become_basic_auth() {
        let s = spec(Method::Get, "http://user:pa%20ss@h/");
        assert_eq!(s.url.as_str(), "http://h/");
        let expected = base64::engine::general_purpose::STANDARD.encode("user:pa ss");
        assert_eq!(
            s.header("authorization"),
            Some(format!("Basic {expected}").as_str())
        );
    }

    #[test]
    fn invalid_json_names_line_and_column() {
        let err = RequestSpec::build(&Input {
            method: Method::Post,
            url: "h",
            body: BodyInput::Json("{\n \"a\": }"),
            ..Input::default()
        })
        .unwrap_err()
        .to_string();
        assert!(err.contains("line 2, column 7"), "{err}");
    }

    #[test]
    fn json_sets_content_type_and_accept() {
        let s = RequestSpec::build(&Input {
            method: Method::Post,
            url: "h",
            body: BodyInput::Json("[1, 2]"),
            ..Input::default()
        })
        .unwrap();
        assert_eq!(s.body, Body::Bytes(b"[1, 2]".to_vec()));
        assert_eq!(s.header("content-type"), Some("application/json"));
        assert_eq!(s.header("accept"), Some("application/json"));
    }

    #[test]
    fn form_is_urlencoded() {
        let fields = ["a=1".to_string(), "b=x y&z".to_string()];
        let s = RequestSpec::build(&Input {
            method: Method::Post,
            url: "h",
            body: BodyInput::Form(&fields),
            ..Input::default()
        })
        .unwrap();
        assert_eq!(s.body, Body::Bytes(b"a=1&b=x+y%26z".to_vec()));
    }

    #[test]
    fn multipart_reader_yields_the_whole_body() {
        let parts = ["a=1".to_string(), "b=two".to_string()];
        let s = RequestSpec::build(&Input {
            method: Method::Post,
            url: "h",
            body: BodyInput::Multipart(&parts),
            ..Input::default()
        })
        .unwrap();
        let Body::Multipart(m) = &s.body else {
            panic!("not multipart")
        };
        let mut text = String::new();
        m.reader().read_to_string(&mut text).unwrap();
        assert_eq!(text.len() as u64, m.content_length().unwrap());
        let b = &m.boundary;
        assert_eq!(
            text,
            format!(
                "--{b}\r\ncontent-disposition: form-data; name=\"a\"\r\n\r\n1\r\n--{b}\r\ncontent-disposition: form-data; name=\"b\"\r\n\r\ntwo\r\n--{b}--\r\n"
            )
        );
    }

    #[test]
    fn head_with_body_is_refused() {
        let err = RequestSpec::build(&Input {
            method: Method::Head,
            url: "h",
            body: BodyInput::Data("x"),
            ..Input::default()
        });
        assert!(err.is_err());
    }
}
