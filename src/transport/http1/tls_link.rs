//! The HTTP/1.1 engine's TLS link, in place of ureq's `RustlsConnector`:
//! the connection stays in view after the handshake (`chain.rs`), so that
//! - response heads are unfolded (obs-fold) as over plain http;
//! - a read hands ureq every decrypted byte already at hand, not one TLS
//!   record (at most 16 KiB) per call;
//! - a large body can be read past ureq (`direct.rs`).

use std::io::{self, Read, Write};
use std::sync::{Arc, Mutex, MutexGuard};

use rustls::ClientConnection;
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, NextTimeout, Transport, TransportAdapter,
};
use ureq::Error;

use super::buffers::LinkBuffers;
use super::chain::take_buffered;
use super::direct::{self, Conn};
use super::framing::Unfolding;
use super::link::head_overflow;
use crate::transport::probe::{OuterTls, Probe};

/// A TLS connection as a ureq transport.
pub struct TlsLink<In: Transport> {
    buffers: LinkBuffers,
    /// Shared with a body reader that may read past ureq (`direct.rs`).
    core: Arc<Mutex<Core<In>>>,
    /// The decrypted stream as that reader takes it: it lives as long as
    /// the link (the probe only points at it).
    _direct: Arc<Conn>,
    unfold: Unfolding,
}

/// The TLS state and the transport it runs over.
struct Core<In: Transport> {
    conn: ClientConnection,
    sock: TransportAdapter<In>,
}

fn lock<In: Transport>(core: &Mutex<Core<In>>) -> MutexGuard<'_, Core<In>> {
    core.lock().unwrap_or_else(|e| e.into_inner())
}

impl<In: Transport> TlsLink<In> {
    /// The link over a handshaken connection; its decrypted stream is
    /// what a body reader reads past ureq.
    pub fn new(
        conn: ClientConnection,
        sock: TransportAdapter<In>,
        details: &ConnectionDetails,
        probe: &Probe,
    ) -> TlsLink<In> {
        let core = Arc::new(Mutex::new(Core { conn, sock }));
        let direct = Conn::new(Decrypted(core.clone()));
        probe.fresh_conn(&direct);
        TlsLink {
            buffers: LinkBuffers::new(
                details.config.input_buffer_size(),
                details.config.output_buffer_size(),
            ),
            core,
            _direct: direct,
            unfold: Unfolding::default(),
        }
    }
}

impl<In: Transport> TlsLink<In> {
    /// This link's TLS as the TLS to an https:// proxy, for the HTTP/2
    /// engine to take over once ureq lets go of it.
    pub fn outer(&self) -> Box<dyn OuterTls> {
        Box::new(Outer(self.core.clone()))
    }
}

/// The TLS to an https:// proxy, shared with its link while ureq holds
/// it.
struct Outer<In: Transport>(Arc<Mutex<Core<In>>>);

impl<In: Transport> OuterTls for Outer<In> {
    fn into_conn(self: Box<Self>) -> Option<ClientConnection> {
        let core = Arc::try_unwrap(self.0).ok()?;
        let Core { mut conn, mut sock } = core.into_inner().unwrap_or_else(|e| e.into_inner());
        // Records read from the socket but not yet given to rustls.
        take_buffered(&mut conn, &mut sock);
        Some(conn)
    }
}

impl<In: Transport> std::fmt::Debug for TlsLink<In> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsLink").finish_non_exhaustive()
    }
}

/// The decrypted stream of a TLS connection, read below ureq.
struct Decrypted<In: Transport>(Arc<Mutex<Core<In>>>);

impl<In: Transport> direct::Link for Decrypted<In> {
    fn read(&mut self, buf: &mut [u8], timeout: NextTimeout) -> Result<usize, Error> {
        let mut core = lock(&self.0);
        let Core { conn, sock } = &mut *core;
        sock.set_timeout(timeout);
        Ok(fill(conn, sock, buf)?)
    }
}

impl<In: Transport> Transport for TlsLink<In> {
    fn buffers(&mut self) -> &mut dyn Buffers {
        &mut self.buffers
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), Error> {
        let mut core = lock(&self.core);
        let Core { conn, sock } = &mut *core;
        sock.set_timeout(timeout);
        let output = &self.buffers.output()[..amount];
        self.unfold.sent(output);
        rustls::Stream::new(conn, sock).write_all(output)?;
        Ok(())
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, Error> {
        let mut core = lock(&self.core);
        let Core { conn, sock } = &mut *core;
        sock.set_timeout(timeout);
        if self.buffers.input_append_buf().is_empty() {
            return Err(head_overflow(self.buffers.input().len()));
        }
        let buf = self.buffers.input_append_buf();
        let (ready, progress) = self.unfold.read(buf, |buf| fill(conn, sock, buf))?;
        self.buffers.input_appended(ready);
        Ok(progress)
    }

    fn is_open(&mut self) -> bool {
        lock(&self.core).sock.get_mut().is_open()
    }

    fn is_tls(&self) -> bool {
        true
    }
}

/// Reads decrypted bytes into `buf`: waits for the first, then takes
/// every one that the bytes already received hold, without waiting again.
/// 0 is the end of the stream.
fn fill<In: Transport>(
    conn: &mut ClientConnection,
    sock: &mut TransportAdapter<In>,
    buf: &mut [u8],
) -> io::Result<usize> {
    let mut n = rustls::Stream::new(conn, sock).read(buf)?;
    while n > 0 && n < buf.len() {
        match conn.reader().read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(m) => {
                n += m;
                continue;
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            // The next read reports it, after these bytes.
            Err(_) => break,
        }
        if sock.get_mut().buffers().input().is_empty() {
            break;
        }
        if conn.read_tls(sock).is_err() || conn.process_new_packets().is_err() {
            break;
        }
    }
    Ok(n)
}
