//! One exchange with ureq's types: the `http::Request` built from a hop,
//! and the response head and body turned back into plain data.

use std::fs::File;
use std::io::{self, Read};

use ureq::http;
use ureq::SendBody;

use super::decode;
use super::redirect::Hop;
use super::wire::Probe;
use crate::exit::{Exit, ExitError};
use crate::spec::Body;

/// The request as ureq takes it. Its body is read as ureq sends it, and
/// counted on the way (`-w %{size_upload}`). The error has no subject yet:
/// the caller names the URL.
pub fn request(hop: &Hop, probe: &Probe) -> Result<http::Request<SendBody<'static>>, ExitError> {
    let mut request = http::Request::builder()
        .method(hop.method.as_str())
        .uri(hop.url.as_str());
    for (name, value) in &hop.headers {
        request = request.header(name.as_str(), value.as_str());
    }
    let (reader, len) = open_body(&hop.body)
        .map_err(|e| ExitError::new(Exit::Failure, format!("cannot read the request body: {e}")))?;
    if let Some(len) = len {
        request = request.header("content-length", len);
    }
    let send_body = match reader {
        Some(inner) => SendBody::from_owned_reader(Counted {
            inner,
            probe: probe.clone(),
        }),
        None => SendBody::none(),
    };
    request
        .body(send_body)
        .map_err(|e| ExitError::usage(format!("cannot build the request: {e}")))
}

/// The response head in plain types.
pub struct Head {
    pub status: u16,
    pub version: &'static str,
    /// Lowercase names, values as received, in the order received.
    pub headers: Vec<(String, Vec<u8>)>,
}

impl Head {
    pub fn of<B>(response: &http::Response<B>) -> Head {
        let version = match response.version() {
            http::Version::HTTP_10 => "HTTP/1.0",
            http::Version::HTTP_09 => "HTTP/0.9",
            _ => "HTTP/1.1",
        };
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_string(), v.as_bytes().to_vec()))
            .collect();
        Head {
            status: response.status().as_u16(),
            version,
            headers,
        }
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
pub fn body(
    raw: impl Read + Send + 'static,
    head: &Head,
    no_body: bool,
    decompress: bool,
) -> (Box<dyn Read + Send>, Option<u64>) {
    let raw_len = head
        .header("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok());
    match head.header("content-encoding") {
        Some(coding) if decompress && !no_body => match decode::decoder(coding, Box::new(raw)) {
            Ok(decoded) => (decoded, None),
            Err(raw) => (raw, raw_len),
        },
        _ => (Box::new(raw), if no_body { Some(0) } else { raw_len }),
    }
}

/// Counts the request body's bytes as ureq reads them for sending.
struct Counted {
    inner: Box<dyn Read + Send>,
    probe: Probe,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.probe.count_upload(n);
        Ok(n)
    }
}

/// The reader for a request body and its length when known (else chunked).
type BodySource = (Option<Box<dyn Read + Send>>, Option<u64>);

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
