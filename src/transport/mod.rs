//! The only module that imports ureq: agent configuration, proxies,
//! redirects, decompression and the mapping of ureq's errors to exit codes.
//! What leaves this module is plain data (`Response`) and `Failure`s.

pub mod decode;
mod errors;
mod proxy;
mod tls;
mod wire;

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read};
use std::time::{Duration, Instant};

use anyhow::Result;
use ureq::http;
use ureq::tls::TlsConfig;
use ureq::{Agent, SendBody};
use url::Url;

use crate::exit::{Exit, Failure};
use crate::spec::{display_url, Body, RequestSpec};

pub use tls::{Tls, TlsOptions};
pub use wire::{Timings, TraceEvent, TraceFn};

/// How the transfer behaves; settled from the options before sending.
#[derive(Clone)]
pub struct Settings {
    pub connect_timeout: Duration,
    /// No byte for this long is a timeout.
    pub idle_timeout: Duration,
    /// The whole of one attempt.
    pub max_time: Option<Duration>,
    pub follow: bool,
    pub max_redirs: u32,
    pub decompress: bool,
    /// Trust store, `-k` and the client certificate, loaded and checked.
    pub tls: Tls,
    pub proxy: Option<String>,
    pub noproxy: Option<String>,
    /// Receives the wire trace (`--debug`).
    pub trace: Option<TraceFn>,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("follow", &self.follow)
            .field("max_redirs", &self.max_redirs)
            .finish_non_exhaustive()
    }
}

/// A response whose head has arrived; the body is read from `body`.
pub struct Response {
    /// The method of the last hop (a 303 turns POST into GET).
    pub method: String,
    pub status: u16,
    pub version: &'static str,
    /// Lowercase names, values as received, in the order received.
    pub headers: Vec<(String, Vec<u8>)>,
    /// The URL that answered (after redirects).
    pub url: Url,
    pub redirects: u32,
    /// Phase times of the last hop, from the start of the first.
    pub timings: Timings,
    /// Request body bytes sent, over all hops.
    pub uploaded: u64,
    /// The length of the body as it will be read: Content-Length, unless
    /// the body is decoded.
    pub content_length: Option<u64>,
    pub body: BodyReader,
}

impl Response {
    /// Reads what is left of a body nobody will see, so the connection can
    /// be reused; a large (over 1 MiB) or broken one is simply dropped.
    pub fn discard_body(&mut self) {
        let _ = io::copy(&mut (&mut self.body).take(1 << 20), &mut io::sink());
    }

    /// The URL that answered, as it may be shown.
    pub fn url_shown(&self) -> String {
        display_url(&self.url)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| std::str::from_utf8(v).ok())
    }
}

/// The response body: decoded if asked, with transfer errors mapped to a
/// `Failure` inside the io::Error (see `failure_of`).
pub struct BodyReader {
    inner: Box<dyn Read + Send>,
    url: String,
    settings: Settings,
    probe: wire::Probe,
}

impl Read for BodyReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).map_err(|e| {
            let failure =
                errors::body_failure(e, &self.url, &self.settings, self.probe.was_reset());
            io::Error::other(failure)
        })
    }
}

/// Counts the request body's bytes as ureq reads them for sending.
struct Counted {
    inner: Box<dyn Read + Send>,
    probe: wire::Probe,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.probe.count_upload(n);
        Ok(n)
    }
}

/// The `Failure` a body read error carries, if it is one of ours.
pub fn failure_of(err: io::Error) -> anyhow::Error {
    match err.get_ref().is_some_and(|e| e.is::<Failure>()) {
        true => {
            let inner = err.into_inner().expect("checked above");
            anyhow::Error::from(*inner.downcast::<Failure>().expect("checked above"))
        }
        false => err.into(),
    }
}

/// Sends requests; several requests reuse keep-alive connections.
pub struct Client {
    settings: Settings,
    /// One agent (and so one connection pool) per proxy choice and scheme:
    /// the trust store is read only once an https URL needs it.
    agents: RefCell<HashMap<(Option<String>, bool), Agent>>,
    probe: wire::Probe,
}

impl Client {
    pub fn new(settings: Settings) -> Client {
        let probe = wire::Probe::new(settings.trace.clone());
        Client {
            settings,
            agents: RefCell::new(HashMap::new()),
            probe,
        }
    }

    fn agent(&self, proxy: Option<&str>, https: bool) -> Result<Agent> {
        let key = (proxy.map(str::to_string), https);
        if let Some(agent) = self.agents.borrow().get(&key) {
            return Ok(agent.clone());
        }
        let proxy = match proxy {
            Some(p) => Some(
                ureq::Proxy::new(p)
                    .map_err(|e| Failure::usage(format!("invalid proxy '{p}': {e}")))?,
            ),
            None => None,
        };
        let s = &self.settings;
        let tls = if https {
            s.tls.config()
        } else {
            TlsConfig::default()
        };
        let config = Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            // httpc sends its own User-Agent, Accept and Accept-Encoding.
            .user_agent("")
            .accept("")
            .accept_encoding("")
            .proxy(proxy)
            .timeout_connect(Some(s.connect_timeout))
            .timeout_per_read(Some(s.idle_timeout))
            .timeout_global(s.max_time)
            .tls_config(tls)
            .build();
        let proxied = key.0.is_some();
        let agent = Agent::with_parts(config, self.probe.connector(proxied), self.probe.resolver());
        self.agents.borrow_mut().insert(key, agent.clone());
        Ok(agent)
    }

    /// Sends the request, following redirects when asked. Times are
    /// measured from `start`.
    pub fn send(&self, spec: &RequestSpec, start: Instant) -> Result<Response> {
        let mut method = spec.method.clone();
        let mut url = spec.url.clone();
        let mut headers = spec.headers.clone();
        let mut body = spec.body.clone();
        let mut redirects = 0;
        let mut uploaded = 0;
        loop {
            self.probe.begin(start);
            let result = self.send_once(&method, &url, &headers, &body);
            uploaded += self.probe.uploaded();
            let mut response = Response {
                redirects,
                uploaded,
                timings: self.probe.timings(),
                ..result?
            };
            let status = response.status;
            let location = match response.header("location") {
                Some(l) if self.settings.follow && is_redirect(status) => l.to_string(),
                _ => return Ok(response),
            };
            response.discard_body();
            if redirects >= self.settings.max_redirs {
                return Err(Failure::new(
                    Exit::TooManyRedirects,
                    format!(
                        "{}: too many redirects (more than {})",
                        display_url(&spec.url),
                        self.settings.max_redirs
                    ),
                )
                .into());
            }
            redirects += 1;
            let next = url.join(&location).map_err(|e| {
                Failure::new(
                    Exit::Receive,
                    format!(
                        "{}: invalid redirect Location '{location}': {e}",
                        display_url(&url)
                    ),
                )
            })?;
            if !matches!(next.scheme(), "http" | "https") {
                return Err(Failure::new(
                    Exit::Failure,
                    format!(
                        "{}: refusing to follow a redirect to '{}'",
                        display_url(&url),
                        display_url(&next)
                    ),
                )
                .into());
            }
            if origin(&next) != origin(&spec.url) {
                headers.retain(|(n, _)| {
                    !matches!(
                        n.as_str(),
                        "authorization" | "proxy-authorization" | "cookie"
                    )
                });
            }
            let to_get = status == 303 && method != "HEAD"
                || matches!(status, 301 | 302) && method == "POST";
            if to_get {
                method = "GET".into();
                body = Body::None;
                headers.retain(|(n, _)| n != "content-type");
            } else if body == Body::Stdin {
                return Err(Failure::new(
                    Exit::Failure,
                    format!(
                        "{}: cannot follow the {status} redirect: the body came from stdin and cannot be sent again",
                        display_url(&url)
                    ),
                )
                .into());
            }
            url = next;
        }
    }

    fn send_once(
        &self,
        method: &str,
        url: &Url,
        headers: &[(String, String)],
        body: &Body,
    ) -> Result<Response> {
        let shown = display_url(url);
        let proxy = proxy::choose(
            url,
            self.settings.proxy.as_deref(),
            self.settings.noproxy.as_deref(),
            &|name| std::env::var(name).ok(),
        );
        let agent = self.agent(proxy.as_deref(), url.scheme() == "https")?;

        let mut request = http::Request::builder().method(method).uri(url.as_str());
        for (name, value) in headers {
            request = request.header(name.as_str(), value.as_str());
        }
        let (reader, len) = open_body(body).map_err(|e| {
            Failure::new(
                Exit::Failure,
                format!("{shown}: cannot read the request body: {e}"),
            )
        })?;
        if let Some(len) = len {
            request = request.header("content-length", len);
        }
        let send_body = match reader {
            Some(inner) => SendBody::from_owned_reader(Counted {
                inner,
                probe: self.probe.clone(),
            }),
            None => SendBody::none(),
        };
        let request = request
            .body(send_body)
            .map_err(|e| Failure::usage(format!("{shown}: cannot build the request: {e}")))?;

        let response = agent
            .run(request)
            .map_err(|e| errors::request_failure(e, &shown, &self.settings, proxy.as_deref()))?;

        let status = response.status().as_u16();
        let version = match response.version() {
            http::Version::HTTP_10 => "HTTP/1.0",
            http::Version::HTTP_09 => "HTTP/0.9",
            _ => "HTTP/1.1",
        };
        let response_headers: Vec<(String, Vec<u8>)> = response
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_string(), v.as_bytes().to_vec()))
            .collect();
        let encoding = response
            .headers()
            .get("content-encoding")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let raw_len = response
            .headers()
            .get("content-length")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let raw = response.into_body().into_reader();
        let no_body = method == "HEAD" || matches!(status, 204 | 304);
        let (inner, content_length): (Box<dyn Read + Send>, _) = match encoding {
            Some(enc) if self.settings.decompress && !no_body => {
                match decode::decoder(&enc, Box::new(raw)) {
                    Ok(decoded) => (decoded, None),
                    Err(raw) => (raw, raw_len),
                }
            }
            _ => (Box::new(raw), if no_body { Some(0) } else { raw_len }),
        };
        Ok(Response {
            method: method.to_string(),
            status,
            version,
            headers: response_headers,
            url: url.clone(),
            redirects: 0,
            timings: Timings::default(),
            uploaded: 0,
            content_length,
            body: BodyReader {
                inner,
                url: shown,
                settings: self.settings.clone(),
                probe: self.probe.clone(),
            },
        })
    }
}

fn is_redirect(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

fn origin(url: &Url) -> (String, Option<String>, Option<u16>) {
    (
        url.scheme().to_string(),
        url.host_str().map(str::to_string),
        url.port_or_known_default(),
    )
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
