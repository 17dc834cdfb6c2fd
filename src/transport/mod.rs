//! The only module that imports ureq and h2. Three layers: the connection
//! layer (`connect/`: proxies, routes, sockets, SOCKS, TLS), which speaks
//! no HTTP; two engines on it, HTTP/1.1 on ureq (`http1/`) and HTTP/2 on
//! h2 (`http2/`), which do not import each other; and the client here,
//! which picks the engine a connection settled on, sends again, follows
//! redirects and decodes bodies. What leaves this module is plain data
//! (`Response`) and `ExitError`s.

mod connect;
pub mod decode;
mod exchange;
mod http1;
mod http2;
mod limits;
mod probe;
mod redirect;
mod zstd;

pub use connect::{proxy, route};
pub use http1::framing;
pub use http2::frames;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io::{self, Read};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Result;
use ureq::Agent;
use url::Url;

use crate::cookies::Jar;
use crate::exit::{Exit, ExitError};
use crate::spec::proto::Protocols;
use crate::spec::{Method, RequestSpec};
use crate::text::{display_url, Secrets};
use crate::timings::{HopTimes, Timings};
use crate::tls_facts::TlsFacts;
use connect::proxy::Proxy;
use http1::tap::Route;
use probe::Probe;
use redirect::Hop;

pub use connect::tls::{Tls, TlsOptions, TlsVersion, TlsVersions};
pub use connect::Peer;
pub use probe::{TraceEvent, TraceFn};

/// How the transfer behaves; settled from the options before sending.
/// A zero limit is no limit, as in curl (`--timeout 0`).
#[derive(Clone)]
pub struct Settings {
    /// Connecting (with the TLS handshake); zero: no limit.
    pub connect_timeout: Duration,
    /// No byte for this long is a timeout; zero: no limit.
    pub idle_timeout: Duration,
    /// The whole of one attempt; `None` or zero: no limit.
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
    /// `--resolve`, `--connect-to`.
    pub route: Arc<route::Rules>,
    /// `-4`, `-6`.
    pub family: Family,
    /// What URLs in errors (and `Client::shown`) hide.
    pub secrets: Secrets,
    /// Keep every hop's phase times for `Client::timeline` (`--timings`);
    /// off, a request makes none of its strings.
    pub timeline: bool,
    /// `--max-filesize`: the largest response body, in bytes.
    pub max_filesize: Option<u64>,
    /// `--limit-rate`: bytes per second a response body is read at.
    pub limit_rate: Option<u64>,
    /// Sees the request body go out (`-T`'s progress bar).
    pub upload: Option<UploadFn>,
    /// `-e ';auto'`: each redirect hop sends the URL it came from as its
    /// Referer.
    pub auto_referer: bool,
    /// `--proto`: the schemes every hop may use.
    pub protocols: Protocols,
    /// `--proto-redir`: the schemes a redirect may go to.
    pub redirect_protocols: Protocols,
    /// `-U USER:PASS`: the proxy's credentials, whatever its URL says.
    pub proxy_user: Option<String>,
    /// `--http1.1`, `--http2`, `--http2-prior-knowledge`.
    pub http: HttpVersion,
}

/// The HTTP versions a connection may speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HttpVersion {
    /// https: ALPN offers h2 and http/1.1, the server chooses; http:
    /// HTTP/1.1 (`--http2` says this explicitly).
    #[default]
    Negotiate,
    /// `--http1.1`: ALPN offers only http/1.1.
    Http1Only,
    /// `--http2-prior-knowledge`: h2c on http, ALPN h2 only on https.
    Http2Only,
}

/// Told how the sending of a request body goes.
pub type UploadFn = Arc<dyn Fn(Upload) + Send + Sync>;

/// One step of sending a request body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upload {
    /// The body is about to go out; its length when known.
    Start(Option<u64>),
    /// These many more bytes were handed over for sending.
    Sent(u64),
    /// The body is done with (sent, or the request failed).
    End,
}

/// The address families a connection may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Family {
    #[default]
    Any,
    /// `-4`
    V4,
    /// `-6`
    V6,
}

impl Settings {
    /// The defaults of a request command (`--connect-timeout 10`,
    /// `--timeout 30`, no `--max-time`, no redirects followed, decoded
    /// bodies, proxies from the environment, no trace) with this trust.
    /// Callers change what their options say with struct update syntax.
    pub fn new(tls: Tls) -> Settings {
        Settings {
            connect_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
            max_time: None,
            follow: false,
            max_redirs: 10,
            decompress: true,
            tls,
            proxy: None,
            noproxy: None,
            trace: None,
            route: Arc::default(),
            family: Family::Any,
            secrets: Secrets::default(),
            timeline: false,
            max_filesize: None,
            limit_rate: None,
            upload: None,
            auto_referer: false,
            protocols: Protocols::ALL,
            redirect_protocols: Protocols::ALL,
            proxy_user: None,
            http: HttpVersion::Negotiate,
        }
    }

    /// One limit for connecting, for silence and for the whole attempt
    /// (`health --timeout`); zero is no limit.
    pub fn with_timeout(self, limit: Duration) -> Settings {
        Settings {
            connect_timeout: limit,
            idle_timeout: limit,
            max_time: Some(limit),
            ..self
        }
    }
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
    pub method: Method,
    pub status: u16,
    pub version: &'static str,
    /// Lowercase names, values as received, in the order received.
    pub headers: Vec<(String, Vec<u8>)>,
    /// The URL that answered (after redirects).
    pub url: Url,
    pub redirects: u32,
    /// Phase times of the last hop, from the start of the first.
    pub timings: Timings,
    /// What the TLS handshake of the last hop's connection settled
    /// (https only).
    pub tls: Option<Arc<TlsFacts>>,
    /// Request body bytes sent, over all hops.
    pub uploaded: u64,
    /// The connection the last hop went over.
    pub peer: Option<Peer>,
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

    /// Reads up to `limit` bytes of the body, keeping them to be read
    /// again first: the body then reads as if nothing had been taken.
    /// Returns a copy of what was read and whether the body goes on past
    /// `limit`.
    pub fn peek_body(&mut self, limit: usize) -> Result<(Peeked, bool)> {
        let mut kept = Vec::new();
        (&mut self.body)
            .take(limit as u64 + 1)
            .read_to_end(&mut kept)
            .map_err(failure_of)?;
        let cut = kept.len() > limit;
        self.body.limits.unread(kept.len());
        let kept = Peeked(Arc::new(kept));
        let rest = std::mem::replace(&mut self.body.inner, Inner::Any(Box::new(io::empty())));
        let rest: Box<dyn Read + Send> = match rest {
            Inner::Direct(body) => Box::new(body),
            Inner::Any(reader) => reader,
        };
        self.body.inner = Inner::Any(Box::new(io::Cursor::new(kept.clone()).chain(rest)));
        Ok((kept, cut))
    }

    /// The URL that answered, as it may be shown.
    pub fn url_shown(&self) -> String {
        self.body.url.clone()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| std::str::from_utf8(v).ok())
    }
}

/// The start of a body read ahead by `Response::peek_body`, shared with
/// the body that reads it again.
#[derive(Debug, Clone)]
pub struct Peeked(Arc<Vec<u8>>);

impl AsRef<[u8]> for Peeked {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// The response body: decoded if asked, with transfer errors mapped to a
/// `ExitError` inside the io::Error (see `failure_of`).
pub struct BodyReader {
    inner: Inner,
    url: String,
    settings: Settings,
    probe: Probe,
    /// `--max-filesize`, `--limit-rate`.
    limits: limits::BodyLimits,
}

enum Inner {
    /// A large body as sent, which may be read past ureq.
    Direct(http1::direct::Body),
    Any(Box<dyn Read + Send>),
}

impl BodyReader {
    fn failure(&self, e: io::Error) -> io::Error {
        self.probe.body_failed();
        // The HTTP/2 engine's failures are ours already.
        if e.get_ref().is_some_and(|e| e.is::<ExitError>()) {
            let err = *failure_of_io(e);
            return io::Error::other(match err.subject {
                Some(_) => err,
                None => err.about(&self.url),
            });
        }
        io::Error::other(http1::errors::body_failure(
            e,
            &self.url,
            &self.settings,
            self.probe.was_reset(),
        ))
    }

    /// Moves the rest of the body into `file` (a regular file) with
    /// `splice(2)`, so it never passes through httpc's memory: a plain
    /// (not TLS) body as sent, of `http1::direct::DIRECT_MIN` or more. `None`:
    /// this body cannot go that way, and nothing of it was read. `each`
    /// sees every count moved.
    #[cfg(target_os = "linux")]
    pub fn splice_into(
        &mut self,
        file: &std::fs::File,
        each: impl FnMut(usize),
    ) -> Option<Result<u64, Spliced>> {
        use std::os::fd::AsFd;
        self.splice_out(file.as_fd(), false, each)
    }

    /// As `splice_into`, into a pipe (stdout, when it is one): straight
    /// from the socket, with no pipe of httpc's between.
    #[cfg(target_os = "linux")]
    pub fn splice_to_pipe(
        &mut self,
        pipe: std::os::fd::BorrowedFd<'_>,
        each: impl FnMut(usize),
    ) -> Option<Result<u64, Spliced>> {
        self.splice_out(pipe, true, each)
    }

    /// Whether `splice_into` and `splice_to_pipe` can move this body.
    #[cfg(target_os = "linux")]
    pub fn can_splice(&self) -> bool {
        self.limits.is_off() && matches!(&self.inner, Inner::Direct(b) if b.can_splice())
    }

    #[cfg(target_os = "linux")]
    fn splice_out(
        &mut self,
        out: std::os::fd::BorrowedFd<'_>,
        is_pipe: bool,
        mut each: impl FnMut(usize),
    ) -> Option<Result<u64, Spliced>> {
        if !self.can_splice() {
            return None;
        }
        let mut total = 0u64;
        // What ureq holds of the body goes first, through memory.
        let mut buf = vec![0u8; 64 * 1024];
        while matches!(&self.inner, Inner::Direct(b) if b.in_ureq()) {
            let n = match self.read(&mut buf) {
                Ok(0) => return Some(Ok(total)),
                Ok(n) => n,
                Err(e) => return Some(Err(Spliced::Read(e))),
            };
            if let Err(e) = write_all(out, &buf[..n]) {
                return Some(Err(Spliced::Write(e)));
            }
            total += n as u64;
            each(n);
        }
        let Inner::Direct(body) = &mut self.inner else {
            unreachable!("checked above")
        };
        let probe = self.probe.clone();
        let mut each = |n| {
            probe.count_download(n);
            each(n);
        };
        let moved = match is_pipe {
            true => body.splice_to_pipe(out, &mut each),
            false => body.splice_rest(out, &mut each),
        };
        Some(match moved {
            Ok(n) => Ok(total + n),
            Err(Spliced::Read(e)) => Err(Spliced::Read(self.failure(e))),
            Err(write) => Err(write),
        })
    }
}

/// Writes all of `bytes` to `fd`.
#[cfg(target_os = "linux")]
fn write_all(fd: std::os::fd::BorrowedFd<'_>, mut bytes: &[u8]) -> io::Result<()> {
    while !bytes.is_empty() {
        match rustix::io::write(fd, bytes) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e == rustix::io::Errno::INTR => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// How moving a body into a file or pipe failed: reading the connection (a
/// transfer error, as `BodyReader::read` gives it) or writing out.
#[cfg(target_os = "linux")]
#[derive(Debug)]
pub enum Spliced {
    Read(io::Error),
    Write(io::Error),
}

/// A read failure keeps the transfer's exit code (`failure_of`); a write
/// failure stays an `io::Error` for the caller to name its file or stdout.
#[cfg(target_os = "linux")]
impl From<Spliced> for anyhow::Error {
    fn from(failure: Spliced) -> anyhow::Error {
        match failure {
            Spliced::Read(e) => failure_of(e),
            Spliced::Write(e) => e.into(),
        }
    }
}

impl Read for BodyReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let want = match buf.is_empty() {
            true => 0,
            false => self.limits.before_read(buf.len()),
        };
        let buf = &mut buf[..want];
        let read = match &mut self.inner {
            Inner::Direct(body) => body.read(buf),
            Inner::Any(reader) => reader.read(buf),
        };
        let n = read.map_err(|e| self.failure(e))?;
        self.probe.count_download(n);
        self.limits.after_read(n).map_err(|cause| {
            io::Error::other(ExitError::new(Exit::TooLarge, cause).about(&self.url))
        })?;
        Ok(n)
    }
}

/// How far the last `send` got, for `-w` after a transfer error: the
/// connection, the phase times, and the response head when one came (a
/// body that failed after it).
#[derive(Debug, Clone, Default)]
pub struct Reached {
    pub timings: Timings,
    pub peer: Option<Peer>,
    /// Since the attempt began.
    pub elapsed: Duration,
    pub uploaded: u64,
    /// Body bytes read before the failure.
    pub downloaded: u64,
    pub answer: Option<Answered>,
}

/// The head of the response a failed transfer got, in plain data.
#[derive(Debug, Clone)]
pub struct Answered {
    pub method: Method,
    pub status: u16,
    pub version: &'static str,
    pub headers: Vec<(String, Vec<u8>)>,
    pub url: Url,
    pub redirects: u32,
}

/// The `ExitError` in an io::Error known to carry one.
fn failure_of_io(e: io::Error) -> Box<ExitError> {
    let inner = e.into_inner().expect("checked by the caller");
    inner
        .downcast::<ExitError>()
        .expect("checked by the caller")
}

/// The `ExitError` a body read error carries, if it is one of ours.
pub fn failure_of(err: io::Error) -> anyhow::Error {
    match err.get_ref().is_some_and(|e| e.is::<ExitError>()) {
        true => {
            let inner = err.into_inner().expect("checked above");
            anyhow::Error::from(*inner.downcast::<ExitError>().expect("checked above"))
        }
        false => err.into(),
    }
}

/// Sends requests; several requests reuse keep-alive connections.
pub struct Client {
    settings: Settings,
    /// One agent (and so one connection pool) per proxy choice and scheme:
    /// through a proxy, an http URL is forwarded and an https one tunnelled,
    /// and an agent's route is fixed when it is made.
    /// (And one for HTTP/1.1 only, when an HTTP/2 server asks for it.)
    agents: RefCell<HashMap<AgentKey, Agent>>,
    probe: Probe,
    /// The cookie engine (`--cookie FILE`, `-c`): every hop of every
    /// request of the run sends what matches it and keeps what
    /// `Set-Cookie` says.
    jar: Option<RefCell<Jar>>,
    /// The head of the response the last `send` returned.
    answered: RefCell<Option<Answered>>,
    /// Every hop of every `send` since `forget_reached` (`--timings`).
    hops: RefCell<Vec<HopTimes>>,
    /// The last of `hops` has a body that may still be read.
    hop_open: Cell<bool>,
    /// `send` calls since `forget_reached`: the attempts of one URL.
    sends: Cell<u32>,
    /// The proxy variables of the environment, each read once: every
    /// request asks for up to six of them, twice (12 `getenv` calls).
    environment: RefCell<HashMap<String, Option<String>>>,
    /// The HTTP/2 engine: its runtime and connections, made the first time
    /// a connection speaks HTTP/2.
    h2: RefCell<http2::Engine>,
}

impl Client {
    pub fn new(settings: Settings) -> Client {
        let probe = Probe::new(settings.trace.clone());
        Client {
            settings,
            agents: RefCell::new(HashMap::new()),
            probe,
            jar: None,
            answered: RefCell::new(None),
            hops: RefCell::new(Vec::new()),
            hop_open: Cell::new(false),
            sends: Cell::new(0),
            environment: RefCell::new(HashMap::new()),
            h2: RefCell::default(),
        }
    }

    /// The versions a connection to `url` through `proxy` (or none) may
    /// speak, when it may speak HTTP/2: a direct connection (TCP or a Unix
    /// socket), one through a SOCKS proxy, or a CONNECT tunnel (through an
    /// http:// or https:// proxy); not a request forwarded to a proxy.
    fn h2_for(&self, proxy: Option<&Proxy>, url: &Url) -> Option<HttpVersion> {
        let s = &self.settings;
        let reachable = match &s.route.unix_socket {
            Some(_) => proxy.is_none(),
            None => proxy.is_none_or(|p| p.forward(url).is_none()),
        };
        (reachable && s.http != HttpVersion::Http1Only).then_some(s.http)
    }

    /// What URLs shown to people hide.
    pub fn secrets(&self) -> &Secrets {
        &self.settings.secrets
    }

    /// A URL as it may be shown.
    pub fn shown(&self, url: &Url) -> String {
        display_url(url, &self.settings.secrets)
    }

    /// Forgets the last `send`: a job that fails before it sends anything
    /// (its `-O` file cannot be made) has reached nothing.
    pub fn forget_reached(&self) {
        self.answered.replace(None);
        self.probe.forget();
        self.hops.replace(Vec::new());
        self.hop_open.set(false);
        self.sends.set(0);
    }

    /// Every hop of every attempt since `forget_reached`, with the phase
    /// times each reached (`--timings`).
    pub fn timeline(&self) -> Vec<HopTimes> {
        self.close_hop();
        self.hops.borrow().clone()
    }

    /// The hop whose body was being read is over: its receiving ended at
    /// the last read (the probe still measures it).
    fn close_hop(&self) {
        if self.hop_open.replace(false) {
            if let Some(last) = self.hops.borrow_mut().last_mut() {
                last.body_end = self.probe.body_end();
            }
        }
    }

    /// A hop just sent, with how far it got.
    fn record_hop(&self, hop: &Hop, began: Duration, result: &Result<Response>) {
        if !self.settings.timeline {
            return;
        }
        let failed_at = result.is_err().then(|| self.probe.elapsed()).flatten();
        self.hops.borrow_mut().push(HopTimes {
            attempt: self.sends.get(),
            method: hop.method.to_string(),
            url: self.shown(&hop.url),
            status: result.as_ref().ok().map(|r| r.status),
            reused: self.probe.reused(),
            began,
            timings: self.probe.timings(),
            body_end: None,
            failed_at,
        });
        self.hop_open.set(result.is_ok());
    }

    /// How far the last `send` got, and what it read of the body since.
    pub fn reached(&self) -> Reached {
        Reached {
            timings: self.probe.timings(),
            peer: self.probe.peer(),
            elapsed: self.probe.elapsed().unwrap_or_default(),
            uploaded: self.probe.uploaded(),
            downloaded: self.probe.downloaded(),
            answer: self.answered.borrow().clone(),
        }
    }

    /// Turns the cookie engine on, starting from `jar`.
    pub fn with_cookies(self, jar: Jar) -> Client {
        Client {
            jar: Some(RefCell::new(jar)),
            ..self
        }
    }

    /// The cookies held now, when the engine is on (for `-c`).
    pub fn cookies(&self) -> Option<std::cell::Ref<'_, Jar>> {
        self.jar.as_ref().map(RefCell::borrow)
    }

    /// The proxy a URL goes through, checked: an unusable one (from `-x`
    /// or the environment) is a usage error.
    fn proxy_for(&self, url: &Url) -> Result<Option<Proxy>, ExitError> {
        let choice = proxy::choose(
            url,
            self.settings.proxy.as_deref(),
            self.settings.noproxy.as_deref(),
            &|name| {
                self.environment
                    .borrow_mut()
                    .entry(name.to_string())
                    .or_insert_with(|| std::env::var(name).ok())
                    .clone()
            },
        );
        let proxy = choice.as_ref().map(Proxy::parse).transpose()?;
        Ok(match (proxy, &self.settings.proxy_user) {
            (Some(proxy), Some(user)) => Some(proxy.with_user(user)),
            (proxy, _) => proxy,
        })
    }

    /// Refuses, before anything is sent, a request that could not be sent
    /// as given (today: its proxy is unusable).
    pub fn check(&self, spec: &RequestSpec) -> Result<()> {
        self.proxy_for(&spec.url)
            .map_err(|e| e.about(self.shown(&spec.url)))?;
        Ok(())
    }

    /// The agent for a URL through `proxy` (or none).
    fn agent(&self, proxy: Option<&Proxy>, url: &Url, h1_only: bool) -> Result<Agent> {
        let https = url.scheme() == "https";
        let key = (proxy.map(|p| p.url.to_string()), https, h1_only);
        if let Some(agent) = self.agents.borrow().get(&key) {
            return Ok(agent.clone());
        }
        let route = match proxy {
            None => Route::Direct,
            Some(p) => match (p.socks(), p.forward(url)) {
                (Some(socks), _) => Route::Socks(socks),
                (None, Some(forward)) => Route::Forward(forward),
                (None, None) => Route::Tunnel,
            },
        };
        // A forwarded request stays HTTP/1.1: `h2_for` says so.
        let h2 = self.h2_for(proxy, url).filter(|_| !h1_only);
        // ureq tunnels every proxied request; a forwarded one is sent to
        // the proxy by httpc's resolver and tap instead (forward.rs).
        let proxy = match (proxy, &route) {
            (Some(p), Route::Tunnel) => Some(
                ureq::Proxy::new(p.url.as_str())
                    .map_err(|e| ExitError::usage(format!("invalid proxy '{}': {e}", p.shown())))?,
            ),
            _ => None,
        };
        let s = &self.settings;
        let config = Agent::config_builder()
            .http_status_as_error(false)
            // QUERY, PROPFIND, PURGE: any token the user typed.
            .allow_non_standard_methods(true)
            .max_redirects(0)
            .max_redirects_will_error(false)
            // httpc sends its own User-Agent, Accept and Accept-Encoding.
            .user_agent("")
            .accept("")
            .accept_encoding("")
            .proxy(proxy)
            // A zero limit is no limit (ureq would time out at once).
            .timeout_connect(Some(s.connect_timeout).filter(|d| !d.is_zero()))
            .timeout_per_read(Some(s.idle_timeout).filter(|d| !d.is_zero()))
            .timeout_global(s.max_time.filter(|d| !d.is_zero()))
            // RFC 9112 sets no limit; curl takes 300 KiB of head, ureq 64.
            .max_response_header_size(http1::tap::MAX_HEADS)
            // ureq parses a head whole from its input buffer (128 KiB by
            // default), so the buffer must hold the largest head allowed.
            .input_buffer_size(http1::tap::MAX_HEADS + 16 * 1024)
            .ip_family(match s.family {
                Family::Any => ureq::config::IpFamily::Any,
                Family::V4 => ureq::config::IpFamily::Ipv4Only,
                Family::V6 => ureq::config::IpFamily::Ipv6Only,
            })
            .build();
        let resolver = http1::chain::resolver(&self.probe, &route, s.route.clone());
        let agent = Agent::with_parts(
            config,
            // httpc's own TLS link does the handshake (http1/chain.rs), so
            // ureq's TlsConfig is left at its default, unused.
            http1::chain::connector(&self.probe, route, s.route.clone(), s.tls.clone(), h2),
            resolver,
        );
        self.agents.borrow_mut().insert(key, agent.clone());
        Ok(agent)
    }

    /// Sends the request, following redirects when asked. Times are
    /// measured from `start`.
    pub fn send(&self, spec: &RequestSpec, start: Instant) -> Result<Response> {
        self.allowed(&spec.url, None)
            .map_err(|e| e.about(self.shown(&spec.url)))?;
        let mut hop = Hop::first(spec);
        let mut redirects = 0;
        let mut uploaded = 0;
        self.sends.set(self.sends.get() + 1);
        loop {
            self.answered.replace(None);
            let sent = self.with_jar_cookies(&hop);
            let sent = sent.as_ref().unwrap_or(&hop);
            self.close_hop();
            let began = start.elapsed();
            self.probe.begin(start);
            let result = match self.send_once(sent) {
                Err(err) if self.closed_while_idle(&err, sent) => {
                    self.probe.note(
                        "the server had closed the reused connection; sending again on a new one",
                    );
                    self.probe.begin(start);
                    self.send_once(sent)
                }
                other => other,
            };
            self.record_hop(sent, began, &result);
            uploaded += self.probe.uploaded();
            let mut response = Response {
                redirects,
                uploaded,
                timings: self.probe.timings(),
                tls: self.probe.tls(),
                peer: self.probe.peer(),
                ..result?
            };
            self.keep_cookies(&response);
            let status = response.status;
            // A redirect that cannot be followed (too many, a bad Location)
            // leaves this head as the answer the transfer got.
            self.answered.replace(Some(Answered {
                method: response.method.clone(),
                status,
                version: response.version,
                headers: response.headers.clone(),
                url: response.url.clone(),
                redirects,
            }));
            let location = match response.header("location") {
                Some(l) if self.settings.follow && redirect::is_redirect(status) => l.to_string(),
                _ => return Ok(self.within_max_filesize(response)?),
            };
            response.discard_body();
            if redirects >= self.settings.max_redirs {
                return Err(ExitError::new(
                    Exit::TooManyRedirects,
                    format!(
                        "too many redirects (more than {})",
                        self.settings.max_redirs
                    ),
                )
                .about(self.shown(&spec.url))
                .into());
            }
            redirects += 1;
            let from = hop.url.clone();
            hop = redirect::next_hop(&hop, &spec.url, status, &location, &self.settings.secrets)?;
            self.allowed(&hop.url, Some(&response.url))
                .map_err(|e| e.about(self.shown(&response.url)))?;
            if self.settings.auto_referer {
                redirect::set_referer(&mut hop, &from);
            }
        }
    }

    /// `--max-filesize`: a final response that says its body is larger is
    /// refused before the body is read (exit 63).
    fn within_max_filesize(&self, response: Response) -> Result<Response, ExitError> {
        let no_body = exchange::without_body(&response.method, response.status);
        let declared = match no_body || response.header("transfer-encoding").is_some() {
            true => None,
            false => response
                .header("content-length")
                .and_then(|v| v.trim().parse::<u64>().ok()),
        };
        response
            .body
            .limits
            .check_declared(declared)
            .map_err(|e| e.about(response.url_shown()))?;
        Ok(response)
    }

    /// `--proto` (and for a redirect from `from`, `--proto-redir`): a URL
    /// of a scheme outside the list is refused before anything is sent to
    /// it, exit 1 as in curl.
    fn allowed(&self, url: &Url, from: Option<&Url>) -> Result<(), ExitError> {
        let scheme = url.scheme();
        let refused_by = match from {
            _ if !self.settings.protocols.allows(scheme) => "--proto",
            Some(_) if !self.settings.redirect_protocols.allows(scheme) => "--proto-redir",
            _ => return Ok(()),
        };
        let mut cause = format!("protocol {scheme} not allowed by {refused_by}");
        if from.is_some() {
            cause.push_str(&format!(" (redirect to {})", self.shown(url)));
        }
        Err(ExitError::new(Exit::Failure, cause))
    }

    /// The hop with the jar's cookies for its URL, when there are any:
    /// added to a `Cookie` the user gave (`-H`, `--cookie n=v`), so one
    /// header goes out (RFC 6265 §5.4). The hop itself stays as it was, so
    /// the next hop starts from the user's headers, not this hop's jar.
    fn with_jar_cookies(&self, hop: &Hop) -> Option<Hop> {
        let cookies = self.jar.as_ref()?.borrow().header_for(&hop.url)?;
        let mut sent = hop.clone();
        crate::cookies::join_cookie_header(&mut sent.headers, &cookies);
        Some(sent)
    }

    /// Every response, redirects and retried statuses included, may set
    /// cookies.
    fn keep_cookies(&self, response: &Response) {
        if let Some(jar) = &self.jar {
            let set_cookies = response
                .headers
                .iter()
                .filter(|(name, _)| name == "set-cookie")
                .map(|(_, value)| value.as_slice());
            jar.borrow_mut().store_from(&response.url, set_cookies);
        }
    }

    /// A request that failed on a pooled connection before any byte of a
    /// response came back (reset, or closed with no reply) is sent once
    /// more on a new connection when its body can be sent again: the
    /// server closed the idle connection, as every idle timeout does,
    /// without having seen the request (RFC 9112 §9.3.1). This is not a
    /// `--retry` attempt. ureq takes the dead connection out of its pool,
    /// so the second try opens a new one.
    fn closed_while_idle(&self, err: &anyhow::Error, hop: &Hop) -> bool {
        let closed = ExitError::find(err).is_some_and(|e| {
            e.exit == Exit::EmptyReply || (e.exit == Exit::Receive && e.transient)
        });
        closed && hop.body.can_resend() && self.probe.stale_reuse()
    }

    /// One request and its response head: over HTTP/2 when a pooled
    /// connection to the origin speaks it or the new connection settles on
    /// it, else over this hop's agent (HTTP/1.1).
    fn send_once(&self, hop: &Hop) -> Result<Response> {
        self.send_over(hop, Engines::Any)
    }

    /// `send_once` over these engines.
    fn send_over(&self, hop: &Hop, engines: Engines) -> Result<Response> {
        let shown = self.shown(&hop.url);
        let proxy = self.proxy_for(&hop.url).map_err(|e| e.about(&shown))?;
        let sent_at = Instant::now();
        let h1_only = engines == Engines::Http1;
        let pooled = match self.h2_for(proxy.as_ref(), &hop.url) {
            Some(_) if !h1_only => self
                .h2
                .borrow_mut()
                .pooled(&origin_of(&hop.url), &self.probe),
            _ => None,
        };
        if let Some(via) = pooled {
            return self.send_h2(hop, via, sent_at, engines);
        }
        let agent = self.agent(proxy.as_ref(), &hop.url, h1_only)?;
        let request = exchange::request(hop, &self.probe, self.settings.upload.as_ref())
            .map_err(|e| e.about(&shown))?;
        let response = match agent.run(request) {
            Err(e) if probe::diverted(&e) => match self.probe.take_parked() {
                Some(parked) => {
                    let via = http2::Via::New(Box::new(parked));
                    return self.send_h2(hop, via, sent_at, engines);
                }
                None => {
                    let lost = ExitError::new(Exit::Http2, "the HTTP/2 connection was lost");
                    return Err(lost.about(shown).into());
                }
            },
            Err(e) => {
                let proxy = proxy.as_ref().map(Proxy::shown);
                return Err(http1::errors::request_failure(
                    e,
                    &shown,
                    &self.settings,
                    proxy.as_deref(),
                )
                .into());
            }
            Ok(response) => response,
        };
        let head = exchange::Head::of(&response).map_err(|e| e.about(&shown))?;
        let raw: Box<dyn Read + Send> = Box::new(response.into_body().into_reader());
        let (inner, content_length) = self.h1_body(hop, &head, raw, sent_at)?;
        Ok(self.response(hop, head, inner, content_length))
    }

    /// A request over the HTTP/2 engine. One the server did not process
    /// is sent once more when its body can be sent again: on a new
    /// connection, or over HTTP/1.1 when the server asks for it.
    fn send_h2(
        &self,
        hop: &Hop,
        via: http2::Via,
        sent_at: Instant,
        engines: Engines,
    ) -> Result<Response> {
        let shown = self.shown(&hop.url);
        let exchange = http2::Exchange {
            probe: &self.probe,
            upload: self.settings.upload.as_ref(),
            limits: http2::Limits::new(&self.settings, sent_at),
        };
        let sent = self
            .h2
            .borrow_mut()
            .send(via, hop, &origin_of(&hop.url), &exchange);
        let (head, body) = match sent {
            Ok(sent) => sent,
            Err(failure) => return self.h2_again(hop, failure, engines),
        };
        let no_body = exchange::without_body(&hop.method, head.status);
        let (reader, len) = exchange::body(body, &head, no_body, self.settings.decompress)
            .map_err(|e| e.about(&shown))?;
        Ok(self.response(hop, head, Inner::Any(reader), len))
    }

    /// After a request failed on HTTP/2: sent once more when the server did
    /// not process it and its body can be sent again, else the error.
    fn h2_again(&self, hop: &Hop, failure: http2::Failure, engines: Engines) -> Result<Response> {
        use http2::Again;
        let first = engines == Engines::Any && hop.body.can_resend();
        let (note, engines) = match failure.again {
            Again::Http1 if first => (
                "the server asks for HTTP/1.1; sending again over it",
                Engines::Http1,
            ),
            Again::Unprocessed if first => ("sending again on a new connection", Engines::Again),
            Again::NewConnection | Again::IfReused if first => (
                "the server did not process the request; sending again on a new connection",
                Engines::Again,
            ),
            _ => return Err(failure.error.about(self.shown(&hop.url)).into()),
        };
        self.probe
            .note(&format!("{}: {note}", failure.cause_for_trace()));
        self.probe.restart();
        self.send_over(hop, engines)
    }

    /// The body of an HTTP/1.1 response as it will be read: a large one as
    /// sent may be read past ureq (`direct.rs`).
    fn h1_body(
        &self,
        hop: &Hop,
        head: &exchange::Head,
        raw: Box<dyn Read + Send>,
        sent_at: Instant,
    ) -> Result<(Inner, Option<u64>)> {
        let shown = self.shown(&hop.url);
        let no_body = exchange::without_body(&hop.method, head.status);
        let s = &self.settings;
        Ok(
            match (exchange::length_delimited(head, no_body), self.probe.conn()) {
                (Some(len), Some(conn)) if len >= http1::direct::DIRECT_MIN => {
                    let limits = http1::direct::Limits {
                        idle: Some(s.idle_timeout).filter(|d| !d.is_zero()),
                        deadline: s.max_time.filter(|d| !d.is_zero()).map(|d| sent_at + d),
                    };
                    let body = http1::direct::Body::new(raw, conn, len, limits);
                    match exchange::decodes_content(head, s.decompress) {
                        false => (Inner::Direct(body), Some(len)),
                        true => {
                            let (decoded, _) = exchange::body(body, head, no_body, s.decompress)
                                .map_err(|e| e.about(&shown))?;
                            (Inner::Any(decoded), None)
                        }
                    }
                }
                _ => {
                    let (reader, len) = exchange::body(raw, head, no_body, s.decompress)
                        .map_err(|e| e.about(&shown))?;
                    (Inner::Any(reader), len)
                }
            },
        )
    }

    /// The response of one hop, in plain data.
    fn response(
        &self,
        hop: &Hop,
        head: exchange::Head,
        inner: Inner,
        content_length: Option<u64>,
    ) -> Response {
        let s = &self.settings;
        let shown = self.shown(&hop.url);
        Response {
            method: hop.method.clone(),
            status: head.status,
            version: head.version,
            headers: head.headers,
            url: hop.url.clone(),
            redirects: 0,
            timings: Timings::default(),
            tls: None,
            uploaded: 0,
            peer: None,
            content_length,
            body: BodyReader {
                inner,
                url: shown,
                settings: self.settings.clone(),
                probe: self.probe.clone(),
                limits: limits::BodyLimits::new(s.max_filesize, s.limit_rate),
            },
        }
    }
}

/// An agent's proxy (its URL), whether it is for https, and whether it
/// speaks HTTP/1.1 only.
type AgentKey = (Option<String>, bool, bool);

/// Which engines a request may go over: it goes again only once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Engines {
    /// Either, as the connection settles (the first try).
    Any,
    /// Either, sent again on a new connection.
    Again,
    /// HTTP/1.1 only: the server asked for it.
    Http1,
}

/// The origin a pooled HTTP/2 connection is kept for.
fn origin_of(url: &Url) -> String {
    url[..url::Position::BeforePath].to_string()
}
