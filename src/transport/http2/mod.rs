//! The HTTP/2 engine, on the `h2` crate, beside the HTTP/1.1 one (ureq):
//! it takes a connection the connection layer made and settled on HTTP/2
//! (`connect::Parked`), speaks HTTP/2 over it and hands back the same plain
//! head and body reader as HTTP/1.1. The runtime that drives h2 (tokio,
//! one thread) is built the first time a connection speaks HTTP/2: an
//! HTTP/1.1 transfer builds none.

mod errors;
pub mod frames;
mod io;
mod nested;

pub use errors::{Again, Failure};

use std::collections::HashMap;
use std::future::{poll_fn, Future};
use std::io::Read;
use std::sync::Arc;
use std::task::Poll;
use std::time::{Duration, Instant};

use bytes::{Buf, Bytes};
use h2::client::SendRequest;
use h2::{RecvStream, SendStream};
use tokio::runtime::Runtime;

use self::errors::At;
use self::frames::{Seen, Watched};
use super::connect::{Parked, Peer};
use super::exchange::{self, H2Request, Head};
use super::probe::{Probe, TraceEvent};
use super::redirect::Hop;
use super::{Settings, UploadFn};
use crate::exit::{Exit, ExitError, Phase};
use crate::text::seconds as describe_duration;
use crate::tls_facts::TlsFacts;

/// Each stream's receive window: curl's figure, so a large download is not
/// held back on a fast link; also what a slow reader keeps in memory.
const STREAM_WINDOW: u32 = 10 << 20;
/// The connection's: one stream at a time, with room.
const CONNECTION_WINDOW: u32 = 32 << 20;
/// The largest response head, as over HTTP/1.1 (curl's 300 KiB).
const MAX_HEADER_LIST: u32 = 300 << 10;
/// Request body bytes read per DATA frame sent.
const UPLOAD_CHUNK: usize = 16 << 10;
/// Empty DATA frames in a row a body may bring before httpc gives up.
const MAX_EMPTY_FRAMES: u32 = 1000;

/// An HTTP/2 connection, kept for the next request to its origin.
#[derive(Clone)]
pub struct Connection {
    send: SendRequest<Bytes>,
    peer: Option<Peer>,
    tls: Option<Arc<TlsFacts>>,
    /// What the frame watcher saw on it.
    seen: Arc<Seen>,
}

/// Where a request goes: over a pooled connection, or a new one.
pub enum Via {
    Pooled(Connection),
    New(Box<Parked>),
}

/// The runtime (once one connection spoke HTTP/2) and the connections
/// kept, one per origin.
#[derive(Default)]
pub struct Engine {
    runtime: Option<Arc<Runtime>>,
    pool: HashMap<String, Connection>,
}

/// What one exchange needs besides the request: the probe, the upload
/// callback and the time limits.
pub struct Exchange<'a> {
    pub probe: &'a Probe,
    pub upload: Option<&'a UploadFn>,
    pub limits: Limits,
}

/// `--timeout` (no byte for this long) and `-m` (the attempt's end).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    idle: Option<Duration>,
    max_time: Option<Duration>,
    deadline: Option<Instant>,
}

impl Limits {
    pub fn new(settings: &Settings, sent_at: Instant) -> Limits {
        let max_time = settings.max_time.filter(|d| !d.is_zero());
        Limits {
            idle: Some(settings.idle_timeout).filter(|d| !d.is_zero()),
            max_time,
            deadline: max_time.map(|d| sent_at + d),
        }
    }

    /// How long the next wait may last.
    fn wait(&self) -> Option<Duration> {
        let left = self
            .deadline
            .map(|d| d.saturating_duration_since(Instant::now()));
        match (self.idle, left) {
            (Some(idle), Some(left)) => Some(idle.min(left)),
            (idle, left) => idle.or(left),
        }
    }

    fn timed_out(&self, phase: Phase) -> ExitError {
        let past_deadline = self.deadline.is_some_and(|d| Instant::now() >= d);
        let idle = self.idle.map(describe_duration).unwrap_or_default();
        let cause = match (past_deadline, self.max_time, phase) {
            (true, Some(max), _) => {
                format!("timed out after {} (--max-time)", describe_duration(max))
            }
            (_, _, Phase::Body) => format!("timed out: no data for {idle} while reading the body"),
            _ => format!("timed out after {idle} waiting for the response"),
        };
        ExitError {
            transient: true,
            ..ExitError::new(Exit::Timeout, cause).in_phase(phase)
        }
    }
}

/// Waits for `fut` within the limits.
async fn within<F: Future>(limits: Limits, phase: Phase, fut: F) -> Result<F::Output, ExitError> {
    match limits.wait() {
        None => Ok(fut.await),
        Some(wait) => tokio::time::timeout(wait, fut)
            .await
            .map_err(|_| limits.timed_out(phase)),
    }
}

impl Engine {
    /// The runtime, built the first time it is needed.
    fn runtime(&mut self) -> Result<Arc<Runtime>, ExitError> {
        if let Some(runtime) = &self.runtime {
            return Ok(runtime.clone());
        }
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| ExitError::new(Exit::Failure, format!("cannot start HTTP/2: {e}")))?;
        Ok(self.runtime.insert(Arc::new(runtime)).clone())
    }

    /// The pooled connection to `origin`, unless it has closed (the trace
    /// names the GOAWAY that closed it).
    pub fn pooled(&mut self, origin: &str, probe: &Probe) -> Option<Via> {
        let conn = self.pool.get(origin)?.clone();
        let runtime = self.runtime.clone()?;
        let mut send = conn.send.clone();
        let closed = runtime.block_on(async move {
            // The connection task reads what came meanwhile (a GOAWAY).
            tokio::task::yield_now().await;
            poll_fn(|cx| Poll::Ready(send.poll_ready(cx).is_ready_and_err())).await
        });
        match closed {
            false => Some(Via::Pooled(conn)),
            true => {
                if let Some(goaway) = conn.seen.goaway_untraced() {
                    probe.note(&format!("GOAWAY from the server: {goaway}"));
                }
                self.pool.remove(origin);
                None
            }
        }
    }

    /// Sends `hop` over HTTP/2 and waits for the response head.
    pub fn send(
        &mut self,
        via: Via,
        hop: &Hop,
        origin: &str,
        x: &Exchange<'_>,
    ) -> Result<(Head, Body), Failure> {
        let runtime = self.runtime()?;
        let (conn, reused) = match via {
            Via::Pooled(conn) => (conn, true),
            Via::New(parked) => (runtime.block_on(handshake(*parked, x.limits))?, false),
        };
        x.probe.h2_request(&conn.peer, conn.tls.as_ref(), reused);
        let request = exchange::h2_request(hop, x.probe, x.upload)?;
        self.pool.insert(origin.to_string(), conn.clone());
        let seen = conn.seen.clone();
        let sent = runtime.block_on(exchange_once(conn.send, request, &seen, x));
        let (head, recv) = sent.map_err(|failure| {
            self.pool.remove(origin);
            match (failure.again, reused) {
                (Again::IfReused, false) => Failure {
                    again: Again::No,
                    ..failure
                },
                _ => failure,
            }
        })?;
        let body = Body {
            runtime,
            stream: recv.stream_id().into(),
            seen,
            content_length: exchange::length_delimited(&head, false),
            probe: x.probe.clone(),
            recv,
            pending: Bytes::new(),
            limits: x.limits,
            read_any: false,
            deferred: None,
        };
        Ok((head, body))
    }
}

trait ReadyErr {
    fn is_ready_and_err(&self) -> bool;
}

impl<E> ReadyErr for Poll<Result<(), E>> {
    fn is_ready_and_err(&self) -> bool {
        matches!(self, Poll::Ready(Err(_)))
    }
}

/// The HTTP/2 preface and settings over a parked connection; the
/// connection's task then runs whenever the runtime does.
async fn handshake(parked: Parked, limits: Limits) -> Result<Connection, Failure> {
    let stream = io::Stream::adopt(parked.socket, parked.tls, parked.outer).map_err(|e| {
        ExitError::new(
            Exit::Http2,
            format!("cannot use the connection for HTTP/2: {e}"),
        )
    })?;
    let (stream, seen) = Watched::new(stream);
    let failed = |e| errors::failure(e, At::new(Phase::Connect, None), &seen);
    let handshake = h2::client::Builder::new()
        .initial_window_size(STREAM_WINDOW)
        .initial_connection_window_size(CONNECTION_WINDOW)
        .max_header_list_size(MAX_HEADER_LIST)
        .enable_push(false)
        .handshake::<_, Bytes>(stream);
    let (send, connection) = within(limits, Phase::Connect, handshake)
        .await?
        .map_err(failed)?;
    tokio::spawn(async move {
        // Its failures reach the streams on it.
        let _ = connection.await;
    });
    Ok(Connection {
        send,
        peer: parked.peer,
        tls: parked.facts,
        seen,
    })
}

/// One request, its body, and the response head.
async fn exchange_once(
    send: SendRequest<Bytes>,
    request: H2Request,
    seen: &Seen,
    x: &Exchange<'_>,
) -> Result<(Head, RecvStream), Failure> {
    let unsent = |e| errors::failure(e, At::new(Phase::Response, None), seen);
    let mut send = within(x.limits, Phase::Response, send.ready())
        .await?
        .map_err(unsent)?;
    let trace = trace_request(&request);
    let (response, mut stream) = send
        .send_request(request.head, request.body.is_none())
        .map_err(unsent)?;
    let id: u32 = response.stream_id().into();
    let failed = |e| errors::failure(e, At::new(Phase::Response, Some(id)), seen);
    x.probe.note(&format!("using HTTP/2, stream {id}"));
    for name in &request.left_out {
        x.probe
            .note(&format!("{name}: left out (not sent over HTTP/2)"));
    }
    x.probe.trace_head(|| TraceEvent::RequestHead(trace));
    let answer = async {
        if let Some(body) = request.body {
            upload(&mut stream, body, x.limits, failed).await?;
        }
        within(x.limits, Phase::Response, response)
            .await?
            .map_err(failed)
    };
    let response = answer.await.inspect_err(|f| {
        if let Some(event) = f.event {
            x.probe.note(&event.line(id));
        }
    })?;
    x.probe.first_byte();
    let head = Head::of(&response)?;
    x.probe
        .trace_head(|| TraceEvent::ResponseHead(head_bytes(&head)));
    Ok((head, response.into_body()))
}

/// The request as the trace shows it: an HTTP/1-style head with the
/// `:authority` as `host`, as curl shows it.
fn trace_request(request: &H2Request) -> Vec<u8> {
    let head = &request.head;
    let uri = head.uri();
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    let authority = uri.authority().map_or("", |a| a.as_str());
    let mut out = format!("{} {path} HTTP/2\r\nhost: {authority}\r\n", head.method()).into_bytes();
    for (name, value) in head.headers() {
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    out
}

/// The response head as received, curl's way: `HTTP/2 200`, no reason.
fn head_bytes(head: &Head) -> Vec<u8> {
    let mut out = format!("HTTP/2 {}\r\n", head.status).into_bytes();
    for (name, value) in &head.headers {
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    out
}

/// Sends the request body as the server's windows allow. A server that
/// answers before taking all of it ends the stream: the answer counts.
async fn upload(
    stream: &mut SendStream<Bytes>,
    mut body: Box<dyn Read + Send>,
    limits: Limits,
    failed: impl Fn(h2::Error) -> Failure + Copy,
) -> Result<(), Failure> {
    let mut buf = vec![0u8; UPLOAD_CHUNK];
    loop {
        let n = body.read(&mut buf).map_err(|e| {
            ExitError::new(Exit::Failure, format!("cannot read the request body: {e}"))
        })?;
        if n == 0 {
            return stream.send_data(Bytes::new(), true).map_err(failed);
        }
        let mut chunk = Bytes::copy_from_slice(&buf[..n]);
        while !chunk.is_empty() {
            stream.reserve_capacity(chunk.len());
            let granted = within(
                limits,
                Phase::Response,
                poll_fn(|cx| stream.poll_capacity(cx)),
            );
            let granted = match granted.await? {
                None => return Ok(()),
                Some(granted) => granted.map_err(failed)?,
            };
            let part = chunk.split_to(granted.min(chunk.len()));
            stream.send_data(part, false).map_err(failed)?;
        }
    }
}

/// A response body over HTTP/2: DATA frames as they come, their window
/// given back as they are read.
pub struct Body {
    runtime: Arc<Runtime>,
    stream: u32,
    probe: Probe,
    recv: RecvStream,
    seen: Arc<Seen>,
    content_length: Option<u64>,
    pending: Bytes,
    limits: Limits,
    read_any: bool,
    /// The end or failure `next_ready` met, for the next read.
    deferred: Option<Option<Result<Bytes, h2::Error>>>,
}

impl Body {
    /// Waits for the next DATA frame with bytes in it; `None` at the end.
    fn next_frame(&mut self) -> Result<Option<Bytes>, ExitError> {
        for _ in 0..MAX_EMPTY_FRAMES {
            let next = match self.deferred.take() {
                Some(next) => next,
                None => {
                    let (recv, limits) = (&mut self.recv, self.limits);
                    self.runtime
                        .block_on(within(limits, Phase::Body, recv.data()))?
                }
            };
            match self.frame_of(next)? {
                None => return Ok(None),
                Some(data) if !data.is_empty() => return Ok(Some(data)),
                Some(_) => {}
            }
        }
        Err(ExitError::new(
            Exit::Http2,
            "malformed HTTP/2 response: endless empty DATA frames; try --http1.1",
        ))
    }

    /// A frame's bytes, their window given back; `None` at the end (the
    /// trailers, if any, go to the trace).
    fn frame_of(
        &mut self,
        next: Option<Result<Bytes, h2::Error>>,
    ) -> Result<Option<Bytes>, ExitError> {
        match next {
            None => {
                self.trace_trailers();
                Ok(None)
            }
            Some(Ok(data)) => {
                let _ = self.recv.flow_control().release_capacity(data.len());
                Ok(Some(data))
            }
            Some(Err(e)) => {
                let at = At {
                    body_read: self.read_any,
                    content_length: self.content_length,
                    ..At::new(Phase::Body, Some(self.stream))
                };
                let failure = errors::failure(e, at, &self.seen);
                if let Some(event) = failure.event {
                    self.probe.note(&event.line(self.stream));
                }
                Err(failure.error)
            }
        }
    }
}

impl Body {
    /// Trailers that came with the end of the body, for the trace: they
    /// are at hand then, so nothing is waited for.
    fn trace_trailers(&mut self) {
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        let Poll::Ready(Ok(Some(fields))) = self.recv.poll_trailers(&mut cx) else {
            return;
        };
        self.probe.trace_head(|| {
            let mut out = Vec::new();
            for (name, value) in &fields {
                out.extend_from_slice(name.as_str().as_bytes());
                out.extend_from_slice(b": ");
                out.extend_from_slice(value.as_bytes());
                out.extend_from_slice(b"\r\n");
            }
            TraceEvent::Trailers(out)
        });
    }

    /// The next frame that already arrived, as `pending`, without
    /// waiting (the runtime does not run: only frames read before are
    /// there). `false` when none is: the end, a failure (both kept for
    /// the next read) or frames still to come.
    fn next_ready(&mut self) -> bool {
        if self.deferred.is_some() {
            return false;
        }
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        match self.recv.poll_data(&mut cx) {
            Poll::Ready(Some(Ok(data))) => {
                let _ = self.recv.flow_control().release_capacity(data.len());
                self.pending = data;
                true
            }
            Poll::Ready(next) => {
                self.deferred = Some(next);
                false
            }
            Poll::Pending => false,
        }
    }

    /// Copies what fits of `pending` into `buf`.
    fn take_pending(&mut self, buf: &mut [u8]) -> usize {
        let n = buf.len().min(self.pending.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.advance(n);
        n
    }
}

/// One read waits for a frame only when it has nothing, then copies the
/// frames that already arrived straight into `buf` until it is full: one
/// copy of each byte, no buffer of its own.
impl Read for Body {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.pending.is_empty() {
            match self.next_frame().map_err(std::io::Error::other)? {
                None => return Ok(0),
                Some(data) => self.pending = data,
            }
        }
        let mut n = self.take_pending(buf);
        while n < buf.len() && self.next_ready() {
            n += self.take_pending(&mut buf[n..]);
        }
        self.read_any |= n > 0;
        Ok(n)
    }
}
