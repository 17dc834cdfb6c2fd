//! The tap: the top link of the HTTP/1.1 engine's chain. It sees the
//! request and response heads exactly as they cross the wire (for the
//! trace, the timings and `-D`/`-i` as received), follows a chunked body
//! to bound it (`framing.rs`), claims the new connection's peer and TLS
//! facts for the attempt, and rewrites a request head into absolute-form
//! for a forward proxy (`forward.rs`).

use std::sync::Arc;

use ureq::unversioned::transport::{Buffers, ConnectionDetails, Connector, NextTimeout, Transport};
use ureq::Error;

use super::direct::Conn;
use super::forward;
use super::framing::{Chunks, Malformed};
use crate::tls_facts::TlsFacts;
use crate::transport::connect::proxy::Forward;
use crate::transport::connect::socks::Socks;
use crate::transport::connect::Peer;
use crate::transport::probe::{Probe, TraceEvent};

/// How an agent reaches servers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Direct,
    /// Through a proxy's CONNECT tunnel (https URLs): ureq runs the
    /// connector chain twice.
    Tunnel,
    /// To a forward proxy in absolute-form (http URLs).
    Forward(Forward),
    /// Through a SOCKS proxy (http and https URLs alike).
    Socks(Socks),
}

#[derive(Debug)]
pub struct TapConnector {
    pub probe: Probe,
    pub tunnel: bool,
    /// Forwarding: the request heads are rewritten, with these proxy
    /// credentials.
    pub forward: Option<Option<String>>,
}

impl<In: Transport> Connector<In> for TapConnector {
    type Out = Tap<In>;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Tap<In>>, Error> {
        // ureq runs the chain for the proxy socket with the proxy taken out
        // of the config: that run's tap is the silent one.
        let silent = self.tunnel && details.config.proxy().is_none();
        let (peer, tls, conn) = {
            let mut s = self.probe.lock();
            let tls = if silent { None } else { s.handshake.take() };
            let conn = match silent {
                true => None,
                false => s
                    .fresh_conn
                    .take()
                    .and_then(|c| c.upgrade())
                    .and_then(|c| c.downcast::<Conn>().ok()),
            };
            (s.fresh.clone(), tls, conn)
        };
        Ok(chained.map(|inner| Tap {
            tls,
            conn,
            inner,
            probe: self.probe.clone(),
            silent,
            forward: self.forward.clone(),
            peer,
            awaiting: false,
            head: Vec::new(),
            head_total: 0,
            head_request: false,
            chunks: None,
        }))
    }
}

/// Sees the bytes of every exchange on one connection.
#[derive(Debug)]
pub struct Tap<T> {
    inner: T,
    probe: Probe,
    /// Passes bytes through without tracing (the socket to a proxy).
    silent: bool,
    /// Rewrites request heads for a forward proxy, adding these credentials.
    forward: Option<Option<String>>,
    peer: Option<Peer>,
    /// The TLS handshake of this connection, for https.
    tls: Option<Arc<TlsFacts>>,
    /// This connection, for a body reader to read past ureq.
    conn: Option<Arc<Conn>>,
    /// A request went out and its response head has not been read yet.
    awaiting: bool,
    /// The response head read so far.
    head: Vec<u8>,
    /// Bytes of the whole response heads (interim 1xx ones) read since
    /// the request went out: with the head read so far, bounded, so an
    /// endless stream of `102 Processing` cannot keep httpc reading for
    /// ever.
    head_total: usize,
    /// The request that went out was a HEAD (its answer has no body).
    head_request: bool,
    /// Following the chunked body of the response, to bound it.
    chunks: Option<Chunks>,
}

impl<T: Transport> Transport for Tap<T> {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.inner.buffers()
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), Error> {
        let amount = match (&self.forward, self.awaiting) {
            (Some(auth), false) => {
                to_absolute_form(self.inner.buffers().output(), amount, auth.as_deref())
            }
            _ => amount,
        };
        if !self.awaiting && !self.silent {
            let (peer, reused) = {
                let mut s = self.probe.lock();
                let fresh = s.fresh.take();
                s.reused = fresh.is_none();
                s.tls = self.tls.clone();
                s.conn = self.conn.clone().map(|c| {
                    let c: Arc<dyn std::any::Any + Send + Sync> = c;
                    Arc::downgrade(&c)
                });
                s.peer = fresh.or_else(|| self.peer.clone());
                (s.peer.clone(), s.reused)
            };
            let output = &self.inner.buffers().output()[..amount];
            self.head_request = output.starts_with(b"HEAD ");
            if self.probe.tracing() {
                let addr = peer.map_or_else(|| "?".into(), |p| p.to_string());
                self.probe.emit(TraceEvent::Connected { addr, reused });
                if let (false, Some(tls)) = (reused, &self.tls) {
                    self.probe.emit(TraceEvent::Tls(tls.clone()));
                }
                self.probe.emit(TraceEvent::RequestHead(output.to_vec()));
            }
            self.chunks = None;
            self.awaiting = true;
            self.head.clear();
            self.head_total = 0;
        }
        self.inner.transmit_output(amount, timeout)
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, Error> {
        let before = self.inner.buffers().input().len();
        let progress = self.inner.await_input(timeout)?;
        if self.awaiting && !self.silent {
            let input = self.inner.buffers().input();
            let new = input.get(before..).unwrap_or_default();
            if !new.is_empty() && self.head.is_empty() {
                let elapsed = self.probe.elapsed();
                let mut s = self.probe.lock();
                if s.timings.first_byte.is_none() {
                    s.timings.first_byte = elapsed;
                }
            }
            self.head.extend_from_slice(new);
            // The heads are bounded, not the bytes after them: one read can
            // bring the final head and much of the body with it.
            while let Some(end) = find_head_end(&self.head) {
                self.head_total += end;
                if self.head_total > MAX_HEADS {
                    return Err(heads_overflow());
                }
                let head: Vec<u8> = self.head.drain(..end).collect();
                // A 1xx answer is followed by the real one.
                let interim = head.get(9) == Some(&b'1');
                if !interim {
                    self.awaiting = false;
                    let rest = std::mem::take(&mut self.head);
                    if let Some(conn) = &self.conn {
                        conn.body_starts(rest.len());
                    }
                    if !self.head_request && chunked_body(&head) {
                        let mut chunks = Chunks::default();
                        chunks.feed(&rest).map_err(Error::Io)?;
                        self.chunks = (!chunks.done()).then_some(chunks);
                    }
                    self.probe.emit(TraceEvent::ResponseHead(head));
                    break;
                }
                self.probe.emit(TraceEvent::ResponseHead(head));
            }
            if self.awaiting && self.head_total + self.head.len() > MAX_HEADS {
                return Err(heads_overflow());
            }
        } else if !self.silent {
            let input = self.inner.buffers().input();
            let new = input.get(before..).unwrap_or_default();
            if let Some(conn) = &self.conn {
                conn.body_arrived(new.len());
            }
            if let Some(chunks) = &mut self.chunks {
                chunks.feed(new).map_err(Error::Io)?;
                if chunks.done() {
                    self.chunks = None;
                }
            }
        }
        Ok(progress)
    }

    fn is_open(&mut self) -> bool {
        self.inner.is_open()
    }

    fn is_tls(&self) -> bool {
        self.inner.is_tls()
    }
}

/// Rewrites the request head at the start of `output[..amount]` in place
/// for a forward proxy; returns the new amount. The bytes after the head
/// (a body that went out with it) move along. A head that does not fit or
/// is not ureq's is sent as it is.
fn to_absolute_form(output: &mut [u8], amount: usize, auth: Option<&str>) -> usize {
    let Some(end) = find_head_end(&output[..amount]) else {
        return amount;
    };
    let Some(head) = forward::absolute_form(&output[..end], auth) else {
        return amount;
    };
    let grown = head.len() - end;
    if amount + grown > output.len() {
        return amount;
    }
    output.copy_within(end..amount, head.len());
    output[..head.len()].copy_from_slice(&head);
    amount + grown
}

/// A final response head that announces a chunked body (not 204 or 304).
fn chunked_body(head: &[u8]) -> bool {
    if matches!(head.get(9..12), Some(b"204" | b"304")) {
        return false;
    }
    // Once per response: no allocation, no case-folded copy of the head.
    head.split(|&b| b == b'\n').skip(1).any(|line| {
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return false;
        };
        let (name, value) = (line[..colon].trim_ascii(), &line[colon + 1..]);
        name.eq_ignore_ascii_case(b"transfer-encoding")
            && value.windows(7).any(|w| w.eq_ignore_ascii_case(b"chunked"))
    })
}

/// The response heads of one exchange, 1xx included, may not be larger.
pub const MAX_HEADS: usize = 300 * 1024;

fn heads_overflow() -> Error {
    Error::Io(Malformed::io(format!(
        "the response head (with its interim responses) is over {} KiB",
        MAX_HEADS / 1024
    )))
}

/// The length of the head including its blank line, once it is complete.
fn find_head_end(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| i + 4)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ureq::unversioned::transport::LazyBuffers;

    #[test]
    fn a_forwarded_head_is_rewritten_in_place_with_what_follows_it() {
        let mut buf = vec![0u8; 256];
        let sent = b"POST /x HTTP/1.1\r\nhost: h:81\r\n\r\nBODY";
        buf[..sent.len()].copy_from_slice(sent);
        let n = to_absolute_form(&mut buf, sent.len(), Some("Basic dTpw"));
        assert_eq!(
            &buf[..n],
            b"POST http://h:81/x HTTP/1.1\r\nhost: h:81\r\nproxy-authorization: Basic dTpw\r\n\r\nBODY"
        );
        // No room: sent as it is.
        let mut small = sent.to_vec();
        assert_eq!(to_absolute_form(&mut small, sent.len(), None), sent.len());
        assert_eq!(small, sent);
    }

    /// A transport that hands out one canned piece per read.
    #[derive(Debug)]
    struct Canned {
        buffers: LazyBuffers,
        reads: std::collections::VecDeque<Vec<u8>>,
    }

    impl Transport for Canned {
        fn buffers(&mut self) -> &mut dyn Buffers {
            &mut self.buffers
        }
        fn transmit_output(&mut self, _: usize, _: NextTimeout) -> Result<(), Error> {
            Ok(())
        }
        fn await_input(&mut self, _: NextTimeout) -> Result<bool, Error> {
            let piece = self.reads.pop_front().unwrap_or_default();
            let buf = self.buffers.input_append_buf();
            buf[..piece.len()].copy_from_slice(&piece);
            self.buffers.input_appended(piece.len());
            Ok(!piece.is_empty())
        }
        fn is_open(&mut self) -> bool {
            true
        }
    }

    /// A tap that waits for a response head, over `reads`.
    fn awaiting_tap(reads: Vec<Vec<u8>>) -> Tap<Canned> {
        Tap {
            inner: Canned {
                buffers: LazyBuffers::new(MAX_HEADS + 16 * 1024, 1024),
                reads: reads.into(),
            },
            probe: Probe::new(None),
            silent: false,
            forward: None,
            peer: None,
            tls: None,
            conn: None,
            awaiting: true,
            head: Vec::new(),
            head_total: 0,
            head_request: false,
            chunks: None,
        }
    }

    fn no_timeout() -> NextTimeout {
        NextTimeout {
            after: ureq::unversioned::transport::time::Duration::NotHappening,
            reason: ureq::Timeout::Global,
            per_read: None,
            per_write: None,
        }
    }

    #[test]
    fn a_head_read_with_much_of_its_body_is_not_over_the_bound() {
        // One read can bring the head and 300 KiB of body after it (a
        // grown TCP window, or TLS records decrypted at once).
        let mut read = b"HTTP/1.1 200 OK\r\ncontent-length: 1000000\r\n\r\n".to_vec();
        read.resize(MAX_HEADS + 8 * 1024, b'x');
        let mut tap = awaiting_tap(vec![read]);
        assert!(tap.await_input(no_timeout()).unwrap());
        assert!(!tap.awaiting);
    }

    #[test]
    fn interim_heads_over_the_bound_are_refused_with_the_final_head_in_view() {
        let interims = |kib: usize| b"HTTP/1.1 102 Processing\r\n\r\n".repeat(kib * 1024 / 27);
        let mut last = interims(20);
        last.extend_from_slice(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nhi");
        let mut tap = awaiting_tap(vec![interims(290), last]);
        assert!(tap.await_input(no_timeout()).unwrap());
        let error = tap.await_input(no_timeout()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "io: the response head (with its interim responses) is over 300 KiB"
        );
    }

    #[test]
    fn a_head_that_never_ends_is_refused_past_the_bound() {
        let mut reads = vec![b"HTTP/1.1 200 OK\r\n".to_vec()];
        reads.extend((0..40).map(|_| b"x-filler: 0123456789\r\n".repeat(400)));
        let mut tap = awaiting_tap(reads);
        let error = loop {
            if let Err(e) = tap.await_input(no_timeout()) {
                break e;
            }
        };
        assert!(tap.head_total + tap.head.len() > MAX_HEADS);
        assert_eq!(
            error.to_string(),
            "io: the response head (with its interim responses) is over 300 KiB"
        );
    }

    #[test]
    fn head_end_includes_the_blank_line() {
        assert_eq!(find_head_end(b"HTTP/1.1 200 OK\r\n\r\nbody"), Some(19));
        assert_eq!(find_head_end(b"HTTP/1.1 200 OK\r\n"), None);
    }
}
