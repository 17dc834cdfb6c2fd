//! The socket under a connection: TCP to the first address that answers
//! within the connect budget, or a Unix domain socket (`--unix-socket`).

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

use ureq::Error;

/// Connects to `addrs` in order, sharing the connect budget between those
/// left; the stream and the address that answered. (`reason`: what a
/// budget spent before the last address is called.)
pub fn open_tcp(
    addrs: &[SocketAddr],
    budget: Option<Duration>,
    reason: ureq::Timeout,
) -> Result<(TcpStream, SocketAddr), Error> {
    let began = Instant::now();
    let count = addrs.len();
    let mut last = None;
    for (i, addr) in addrs.iter().enumerate() {
        let attempt = match budget {
            Some(total) => {
                let left = total.saturating_sub(began.elapsed());
                if left.is_zero() {
                    return Err(Error::Timeout(reason));
                }
                TcpStream::connect_timeout(addr, left / (count - i) as u32)
            }
            None => TcpStream::connect(addr),
        };
        match attempt {
            Ok(stream) => return Ok((stream, *addr)),
            Err(e) if e.kind() == io::ErrorKind::TimedOut => {
                last = Some(Error::Timeout(ureq::Timeout::Connect));
            }
            Err(e) => last = Some(Error::Io(e)),
        }
    }
    Err(last.unwrap_or(Error::HostNotFound))
}

/// `--unix-socket PATH`. A socket that cannot be reached is "could not
/// connect", naming it.
#[cfg(unix)]
pub fn open_unix(path: &Path) -> Result<Socket, Error> {
    let stream = std::os::unix::net::UnixStream::connect(path).map_err(|e| {
        Error::Io(io::Error::new(
            io::ErrorKind::ConnectionRefused,
            Unreachable(format!(
                "cannot connect to the socket {}: {}",
                path.display(),
                crate::text::io_words(&e)
            )),
        ))
    })?;
    Ok(Socket::Unix(stream))
}

#[cfg(not(unix))]
pub fn open_unix(_: &Path) -> Result<Socket, Error> {
    Err(Error::Io(io::Error::new(
        io::ErrorKind::Unsupported,
        "--unix-socket needs a Unix system",
    )))
}

/// A connection that could not be made, in words (a Unix socket's path).
#[derive(Debug)]
pub struct Unreachable(pub String);

impl std::fmt::Display for Unreachable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unreachable {}

/// The socket under a link: TCP, or a Unix domain socket.
#[derive(Debug)]
pub enum Socket {
    Tcp(TcpStream),
    #[cfg(unix)]
    Unix(std::os::unix::net::UnixStream),
}

#[cfg(unix)]
impl std::os::fd::AsFd for Socket {
    fn as_fd(&self) -> std::os::fd::BorrowedFd<'_> {
        match self {
            Socket::Tcp(s) => s.as_fd(),
            Socket::Unix(s) => s.as_fd(),
        }
    }
}

impl Socket {
    /// A second handle on the same socket.
    pub fn try_clone(&self) -> io::Result<Socket> {
        Ok(match self {
            Socket::Tcp(s) => Socket::Tcp(s.try_clone()?),
            #[cfg(unix)]
            Socket::Unix(s) => Socket::Unix(s.try_clone()?),
        })
    }

    pub fn read(&self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Socket::Tcp(s) => (&*s).read(buf),
            #[cfg(unix)]
            Socket::Unix(s) => (&*s).read(buf),
        }
    }

    pub fn write_all(&self, buf: &[u8]) -> io::Result<()> {
        match self {
            Socket::Tcp(s) => (&*s).write_all(buf),
            #[cfg(unix)]
            Socket::Unix(s) => (&*s).write_all(buf),
        }
    }

    pub fn set_read_timeout(&self, d: Option<Duration>) -> io::Result<()> {
        match self {
            Socket::Tcp(s) => s.set_read_timeout(d),
            #[cfg(unix)]
            Socket::Unix(s) => s.set_read_timeout(d),
        }
    }

    pub fn set_write_timeout(&self, d: Option<Duration>) -> io::Result<()> {
        match self {
            Socket::Tcp(s) => s.set_write_timeout(d),
            #[cfg(unix)]
            Socket::Unix(s) => s.set_write_timeout(d),
        }
    }

    /// Open means: nothing is waiting to be read and the peer has not
    /// closed. On Linux one `recv(MSG_PEEK | MSG_DONTWAIT)` tells, for TCP
    /// and Unix sockets alike; ureq asks twice per request on a pooled
    /// connection, and toggling `O_NONBLOCK` around a peek made that six
    /// system calls instead of two.
    #[cfg(target_os = "linux")]
    pub fn is_open(&self) -> bool {
        use rustix::net::{recv, RecvFlags};
        use std::os::fd::AsFd;
        let mut byte = [0u8; 1];
        matches!(
            recv(
                self.as_fd(),
                &mut byte,
                RecvFlags::PEEK | RecvFlags::DONTWAIT
            ),
            Err(rustix::io::Errno::AGAIN)
        )
    }

    /// Elsewhere a TCP socket is peeked at without blocking; a Unix socket
    /// cannot be on stable Rust: it counts as open, and a request that then
    /// finds it closed is sent again on a new connection (`Client::send`).
    #[cfg(not(target_os = "linux"))]
    pub fn is_open(&self) -> bool {
        match self {
            Socket::Tcp(s) => {
                if s.set_nonblocking(true).is_err() {
                    return false;
                }
                let open = matches!(
                    s.peek(&mut [0u8; 1]),
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock
                );
                open && s.set_nonblocking(false).is_ok()
            }
            #[cfg(unix)]
            Socket::Unix(_) => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An idle connection is open; one the peer closed, or that holds
    /// bytes nobody asked for, is not: over TCP and (on Linux, where it
    /// can be peeked at) a Unix socket.
    #[test]
    fn a_connection_is_open_while_idle_and_not_once_closed_or_holding_bytes() {
        use std::net::TcpListener;
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let tcp_pair = || {
            let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
            let (server, _) = listener.accept().unwrap();
            (client, server)
        };
        let (client, _server) = tcp_pair();
        let idle = Socket::Tcp(client);
        assert!(idle.is_open());
        // A blocking peek waits until the byte (or the close) is there.
        let (client, mut server) = tcp_pair();
        server.write_all(b"x").unwrap();
        assert_eq!(client.peek(&mut [0u8; 1]).unwrap(), 1);
        assert!(!Socket::Tcp(client).is_open(), "bytes nobody asked for");
        let (client, server) = tcp_pair();
        drop(server);
        assert_eq!(client.peek(&mut [0u8; 1]).unwrap(), 0);
        assert!(!Socket::Tcp(client).is_open(), "closed by the peer");
        assert!(idle.is_open(), "the idle one stays open");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_unix_socket_connection_is_peeked_at_too() {
        use std::os::unix::net::UnixStream;
        let (a, _b) = UnixStream::pair().unwrap();
        let idle = Socket::Unix(a);
        assert!(idle.is_open());
        let (a, mut b) = UnixStream::pair().unwrap();
        b.write_all(b"x").unwrap();
        assert!(!Socket::Unix(a).is_open(), "bytes nobody asked for");
        let (a, b) = UnixStream::pair().unwrap();
        drop(b);
        assert!(!Socket::Unix(a).is_open(), "closed by the peer");
        assert!(idle.is_open(), "the idle one stays open");
    }
}
