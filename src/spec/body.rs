//! The request body: `--json` (validated), `--form`, `-F` multipart
//! (streamed part by part) and `-d` (byte-exact, files and stdin streamed).

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::BodyInput;
use crate::exit::usage;
use crate::files::{open_file, read_file_bytes, read_stdin};

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

/// The body and the Content-Type it implies.
pub(super) fn build_body(input: &BodyInput) -> Result<(Body, Option<String>)> {
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
        BodyInput::Data(parts) => super::data::body(parts)?,
        BodyInput::Upload(path) if path.as_os_str() == "-" => (Body::Stdin, None),
        BodyInput::Upload(path) => {
            open_file(path, "-T")?;
            (Body::File(path.to_path_buf()), None)
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
                let FilePart {
                    path,
                    filename,
                    content_type,
                } = FilePart::parse(part, spec)?;
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

/// `-F name=@FILE;type=MIME;filename=NAME`, after the `@`.
struct FilePart {
    path: PathBuf,
    filename: String,
    content_type: String,
}

impl FilePart {
    /// The file must open now; the name and type may not break a line.
    fn parse(part: &str, spec: &str) -> Result<FilePart> {
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
        let content_type = content_type.unwrap_or_else(|| guess_type(&path));
        check_part_text(&content_type, "type")?;
        Ok(FilePart {
            path,
            filename,
            content_type,
        })
    }
}

/// A file part's media type by its extension, as curl and xh guess it
/// (`.json`: application/json, `.png`: image/png);
/// application/octet-stream when the extension says nothing.
fn guess_type(path: &Path) -> String {
    mime_guess::from_path(path)
        .first_raw()
        .unwrap_or("application/octet-stream")
        .to_string()
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

impl Body {
    /// Whether the body can be sent a second time (a retry, a 307, a
    /// connection the server had closed): stdin can be read only once.
    pub fn can_resend(&self) -> bool {
        !matches!(self, Body::Stdin)
    }
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
