//! One exchange with ureq's types: the `http::Request` built from a hop,
//! and the response head and body turned back into plain data.

use std::fs::File;
use std::io::{self, Read};

use ureq::http;
use ureq::SendBody;

use super::decode;
use super::probe::Probe;
use super::redirect::Hop;
use super::{Upload, UploadFn};
use crate::exit::{Exit, ExitError};
use crate::spec::{Body, Method};

/// Bodies from this size on are sent with `Expect: 100-continue`.
const EXPECT_CONTINUE_FROM: u64 = 1 << 20;

fn has_header(hop: &Hop, name: &str) -> bool {
    hop.headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case(name))
}

/// The request as ureq takes it. Its body is read as ureq sends it, and
/// counted on the way (`-w %{size_upload}`). The error has no subject yet:
/// the caller names the URL.
pub fn request(
    hop: &Hop,
    probe: &Probe,
    upload: Option<&UploadFn>,
) -> Result<http::Request<SendBody<'static>>, ExitError> {
    let mut request = http::Request::builder()
        .method(hop.method.as_str())
        .uri(target(hop));
    for (name, value) in &hop.headers {
        request = request.header(name.as_str(), value.as_str());
    }
    let (reader, len) = open_framed(hop)?;
    if let Some(length) = content_length(hop, &reader, len) {
        request = request.header("content-length", length);
    }
    // A large body, or one of unknown length, first asks whether the server
    // wants it (curl's rule): ureq waits up to 1 s for `100 Continue`, and
    // a server that refuses early (401, 413) is heard instead of cutting
    // the upload off with a reset.
    let large = len.is_none_or(|n| n >= EXPECT_CONTINUE_FROM);
    if reader.is_some() && large && !has_header(hop, "expect") {
        request = request.header("expect", "100-continue");
    }
    let send_body = match reader {
        Some(inner) => {
            SendBody::from_owned_reader(Counted::new(inner, probe.clone(), upload.cloned(), len))
        }
        None => SendBody::none(),
    };
    request
        .body(send_body)
        .map_err(|e| ExitError::usage(format!("cannot build the request: {e}")))
}

/// Fields that belong to one HTTP/1.1 connection and have no place in an
/// HTTP/2 request (RFC 9113 §8.2.2), with `Host` (it becomes
/// `:authority`) and `Expect` (no `100-continue` over HTTP/2, as in curl).
fn left_out_of_h2(name: &str, value: &str) -> bool {
    const DROPPED: [&str; 7] = [
        "connection",
        "keep-alive",
        "proxy-connection",
        "transfer-encoding",
        "upgrade",
        "host",
        "expect",
    ];
    let name = name.to_ascii_lowercase();
    DROPPED.contains(&name.as_str()) || name == "te" && !value.eq_ignore_ascii_case("trailers")
}

/// A request for the HTTP/2 engine: its head (absolute URI, so h2 makes
/// `:scheme`, `:authority` and `:path` of it), its body reader (counted as
/// for HTTP/1.1) and the fields left out of it, for the trace.
pub struct H2Request {
    pub head: http::Request<()>,
    pub body: Option<Box<dyn Read + Send>>,
    pub left_out: Vec<String>,
}

/// The request of `hop` as the HTTP/2 engine sends it. The error has no
/// subject yet: the caller names the URL.
pub fn h2_request(
    hop: &Hop,
    probe: &Probe,
    upload: Option<&UploadFn>,
) -> Result<H2Request, ExitError> {
    let host = hop
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("host"))
        .map(|(_, v)| v.trim().to_string());
    let mut request = http::Request::builder()
        .method(hop.method.as_str())
        .version(http::Version::HTTP_2)
        .uri(h2_target(hop, host));
    let mut left_out = Vec::new();
    for (name, value) in &hop.headers {
        match left_out_of_h2(name, value) {
            true if !name.eq_ignore_ascii_case("host") => left_out.push(name.to_ascii_lowercase()),
            true => {}
            false => request = request.header(name.as_str(), value.as_str()),
        }
    }
    let (reader, len) = open_framed(hop)?;
    if let Some(length) = content_length(hop, &reader, len) {
        request = request.header("content-length", length);
    }
    let body = reader.map(|inner| {
        Box::new(Counted::new(inner, probe.clone(), upload.cloned(), len)) as Box<dyn Read + Send>
    });
    let head = request
        .body(())
        .map_err(|e| ExitError::usage(format!("cannot build the request: {e}")))?;
    Ok(H2Request {
        head,
        body,
        left_out,
    })
}

/// The absolute URI of an HTTP/2 request: the URL's scheme, the `Host`
/// the user gave or else the URL's host and port (never its user info),
/// and the path (as typed, with `--path-as-is`) and query.
fn h2_target(hop: &Hop, host: Option<String>) -> String {
    let url = &hop.url;
    let authority = host.unwrap_or_else(|| {
        let host = url.host_str().unwrap_or_default();
        match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_string(),
        }
    });
    let path = hop.raw_path.as_deref().unwrap_or(url.path());
    match url.query() {
        Some(query) => format!("{}://{authority}{path}?{query}", url.scheme()),
        None => format!("{}://{authority}{path}", url.scheme()),
    }
}

/// The URL to send: with `--path-as-is`, its path as typed.
fn target(hop: &Hop) -> String {
    let Some(path) = &hop.raw_path else {
        return hop.url.as_str().to_string();
    };
    let url = &hop.url;
    let origin = &url[..url::Position::BeforePath];
    match url.query() {
        Some(query) => format!("{origin}{path}?{query}"),
        None => format!("{origin}{path}"),
    }
}

/// The response head in plain types.
pub struct Head {
    pub status: u16,
    pub version: &'static str,
    /// Lowercase names, values as received, in the order received.
    pub headers: Vec<(String, Vec<u8>)>,
}

impl Head {
    /// The head of a response, refused when its status is outside 100–599
    /// (`HTTP/1.1 600 …` is not a response a client can act on).
    pub fn of<B>(response: &http::Response<B>) -> Result<Head, ExitError> {
        let status = response.status().as_u16();
        if !(100..=599).contains(&status) {
            return Err(ExitError::new(
                Exit::Receive,
                format!("malformed response: status {status} is outside 100-599"),
            ));
        }
        let version = match response.version() {
            http::Version::HTTP_10 => "HTTP/1.0",
            http::Version::HTTP_09 => "HTTP/0.9",
            http::Version::HTTP_2 => "HTTP/2",
            _ => "HTTP/1.1",
        };
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_string(), v.as_bytes().to_vec()))
            .collect();
        Ok(Head {
            status,
            version,
            headers,
        })
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| std::str::from_utf8(v).ok())
    }
}

/// The body as it will be read (decoded when asked and the coding is
/// known), and its length when that is known in advance: Content-Length
/// for a body as sent, 0 where there can be none (HEAD, 204, 304), none
/// for a decoded body.
///
/// A transfer coding besides chunked (`Transfer-Encoding: gzip, chunked`)
/// is part of the message framing, not of the content: ureq removes the
/// chunked framing only, so httpc decodes the rest whatever
/// `--no-decompress` says, and refuses a coding it does not know rather
/// than print compressed bytes.
pub fn body(
    raw: impl Read + Send + 'static,
    head: &Head,
    no_body: bool,
    decompress: bool,
) -> Result<(Box<dyn Read + Send>, Option<u64>), ExitError> {
    let raw_len = head
        .header("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok());
    let mut reader: Box<dyn Read + Send> = Box::new(raw);
    let mut decoded = false;
    if let Some(codings) = head.header("transfer-encoding").and_then(transfer_codings) {
        if !no_body {
            reader = decode::decoder(&codings, reader).map_err(|_| {
                ExitError::new(
                    Exit::Receive,
                    format!("malformed response: unknown transfer coding '{codings}'"),
                )
            })?;
            decoded = true;
        }
    }
    if let Some(coding) = head.header("content-encoding") {
        if decompress && !no_body {
            reader = match decode::decoder(coding, reader) {
                Ok(r) => {
                    decoded = true;
                    r
                }
                Err(raw) => raw,
            };
        }
    }
    let len = match (no_body, decoded) {
        (true, _) => Some(0),
        (false, true) => None,
        (false, false) => raw_len,
    };
    Ok((reader, len))
}

/// A response that has no body whatever its head says: to HEAD, or a
/// 204 or 304 (RFC 9110 §6.4.1).
pub fn without_body(method: &Method, status: u16) -> bool {
    *method == Method::Head || matches!(status, 204 | 304)
}

/// The length of a body framed by Content-Length alone (no
/// Transfer-Encoding, which would override it: RFC 9112 §6.3), when the
/// response has a body.
pub fn length_delimited(head: &Head, no_body: bool) -> Option<u64> {
    if no_body || head.header("transfer-encoding").is_some() {
        return None;
    }
    head.header("content-length")?.trim().parse().ok()
}

/// Whether `body` decodes a length-delimited body (no Transfer-Encoding):
/// a Content-Encoding httpc knows, and decoding asked for.
pub fn decodes_content(head: &Head, decompress: bool) -> bool {
    decompress && head.header("content-encoding").is_some_and(decode::decodes)
}

/// The transfer codings other than chunked (which ureq undoes), if any.
fn transfer_codings(value: &str) -> Option<String> {
    let rest: Vec<&str> = value
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty() && !c.eq_ignore_ascii_case("chunked"))
        .collect();
    (!rest.is_empty()).then(|| rest.join(", "))
}

/// Counts the request body's bytes as ureq reads them for sending, and
/// tells `upload` (a progress bar) how it goes.
struct Counted {
    inner: Box<dyn Read + Send>,
    probe: Probe,
    upload: Option<UploadFn>,
}

impl Counted {
    fn new(
        inner: Box<dyn Read + Send>,
        probe: Probe,
        upload: Option<UploadFn>,
        len: Option<u64>,
    ) -> Counted {
        if let Some(upload) = &upload {
            upload(Upload::Start(len));
        }
        Counted {
            inner,
            probe,
            upload,
        }
    }
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.probe.count_upload(n);
        if let Some(upload) = &self.upload {
            upload(Upload::Sent(n as u64));
        }
        Ok(n)
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        if let Some(upload) = &self.upload {
            upload(Upload::End);
        }
    }
}

/// The reader for a request body and its length when known (else chunked).
type BodySource = (Option<Box<dyn Read + Send>>, Option<u64>);

/// The body of `hop`, opened for sending, and its length when known.
fn open_framed(hop: &Hop) -> Result<BodySource, ExitError> {
    open_body(&hop.body)
        .map_err(|e| ExitError::new(Exit::Failure, format!("cannot read the request body: {e}")))
}

/// The Content-Length a request announces: the body's length, or 0 for a
/// POST, PUT or PATCH without a body (ureq would send an empty chunked
/// body, and RFC 9110 §8.6 asks for Content-Length: 0); none for a body of
/// unknown length, which goes chunked (HTTP/1.1) or in DATA frames.
fn content_length<R>(hop: &Hop, reader: &Option<R>, len: Option<u64>) -> Option<u64> {
    let needs_framing = matches!(hop.method, Method::Post | Method::Put | Method::Patch);
    match len {
        Some(len) => Some(len),
        None if reader.is_none() && needs_framing => Some(0),
        None => None,
    }
}

fn open_body(body: &Body) -> io::Result<BodySource> {
    Ok(match body {
        Body::None => (None, None),
        Body::Bytes(b) => (
            Some(Box::new(io::Cursor::new(b.clone()))),
            Some(b.len() as u64),
        ),
        Body::File(path) => {
            let file = File::open(path)?;
            let meta = file.metadata()?;
            // A pipe or device has no length to announce: send it chunked.
            let len = meta.is_file().then_some(meta.len());
            (Some(Box::new(file)), len)
        }
        Body::Stdin => (Some(Box::new(io::stdin())), None),
        Body::Multipart(m) => (Some(Box::new(m.reader())), Some(m.content_length()?)),
    })
}
