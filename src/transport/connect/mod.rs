//! The connection layer: where a connection goes (`route.rs`, `proxy.rs`),
//! the socket (`socket.rs`, TCP or Unix), a SOCKS proxy's handshake
//! (`socks.rs`), and TLS: trust and identity (`tls.rs`), what ALPN offers
//! and what a handshake settled (`handshake.rs`). It speaks no HTTP: the
//! HTTP/1.1 engine (`http1/`) reaches it through ureq's connector chain,
//! and hands a connection that settled on HTTP/2 to that engine
//! (`http2/`) as a `Parked` one.

pub mod handshake;
pub mod proxy;
pub mod route;
pub mod socket;
pub mod socks;
pub mod tls;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use crate::tls_facts::TlsFacts;
use socket::Socket;

/// The far end of a connection, and this end of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Peer {
    Tcp {
        remote: SocketAddr,
        /// `None` when the system would not say.
        local: Option<SocketAddr>,
    },
    /// `--unix-socket PATH`: no addresses, only the socket's path.
    Unix(PathBuf),
}

impl std::fmt::Display for Peer {
    /// As the trace's `* Connected to` line names it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Peer::Tcp { remote, .. } => write!(f, "{remote}"),
            Peer::Unix(path) => write!(f, "{}", path.display()),
        }
    }
}

/// A new connection that settled on HTTP/2 (by ALPN, or h2c with prior
/// knowledge), taken out of ureq's chain for the HTTP/2 engine: the
/// socket, and the TLS state over it (to the origin; through an https://
/// proxy, inside the TLS to the proxy).
pub struct Parked {
    pub socket: Socket,
    pub tls: Option<rustls::ClientConnection>,
    /// The TLS to an https:// proxy, which the origin's runs inside.
    pub outer: Option<rustls::ClientConnection>,
    pub peer: Option<Peer>,
    pub facts: Option<Arc<TlsFacts>>,
}
