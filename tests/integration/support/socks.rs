//! A small SOCKS4/4a/5 proxy on 127.0.0.1 that records what it was asked
//! (a name or an address, the user) and relays every connection to one
//! origin address, whatever the target: so a test can ask for a name that
//! does not resolve and still reach its local server.

use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// What a client asked the proxy for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SocksRequest {
    /// 4 or 5.
    pub version: u8,
    /// `name example.test:80` or `addr 127.0.0.1:80`.
    pub target: String,
    /// The SOCKS4 user id, or the SOCKS5 user name and password.
    pub user: Option<String>,
}

#[derive(Default)]
struct Shared {
    requests: Mutex<Vec<SocksRequest>>,
    connections: AtomicUsize,
    stop: AtomicBool,
}

pub struct SocksProxy {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

impl SocksProxy {
    /// Relays every connection to `origin`; with `login` (`user:pass`),
    /// SOCKS5 clients must log in with it.
    pub fn new(origin: SocketAddr, login: Option<&str>) -> SocksProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Shared::default());
        let accept = Arc::clone(&shared);
        let login = login.map(str::to_string);
        thread::spawn(move || {
            for stream in listener.incoming() {
                if accept.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                accept.connections.fetch_add(1, Ordering::SeqCst);
                let shared = Arc::clone(&accept);
                let login = login.clone();
                thread::spawn(move || {
                    let _ = serve(stream, origin, login.as_deref(), &shared);
                });
            }
        });
        SocksProxy { addr, shared }
    }

    /// `127.0.0.1:PORT`
    pub fn host_port(&self) -> String {
        format!("127.0.0.1:{}", self.addr.port())
    }

    /// `SCHEME://127.0.0.1:PORT`
    pub fn url(&self, scheme: &str) -> String {
        format!("{scheme}://{}", self.host_port())
    }

    pub fn requests(&self) -> Vec<SocksRequest> {
        self.shared.requests.lock().unwrap().clone()
    }

    pub fn only_request(&self) -> SocksRequest {
        let reqs = self.requests();
        assert_eq!(reqs.len(), 1, "expected one SOCKS request: {reqs:#?}");
        reqs.into_iter().next().unwrap()
    }

    pub fn connection_count(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }
}

impl Drop for SocksProxy {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
    }
}

fn byte(s: &mut TcpStream) -> io::Result<u8> {
    let mut b = [0u8; 1];
    s.read_exact(&mut b)?;
    Ok(b[0])
}

fn bytes(s: &mut TcpStream, n: usize) -> io::Result<Vec<u8>> {
    let mut b = vec![0u8; n];
    s.read_exact(&mut b)?;
    Ok(b)
}

/// A NUL-terminated string, at most 255 bytes.
fn cstring(s: &mut TcpStream) -> io::Result<String> {
    let mut out = Vec::new();
    loop {
        match byte(s)? {
            0 => return Ok(String::from_utf8_lossy(&out).into_owned()),
            _ if out.len() > 255 => return Err(io::ErrorKind::InvalidData.into()),
            b => out.push(b),
        }
    }
}

fn serve(
    mut client: TcpStream,
    origin: SocketAddr,
    login: Option<&str>,
    shared: &Shared,
) -> io::Result<()> {
    client.set_read_timeout(Some(Duration::from_secs(10)))?;
    let request = match byte(&mut client)? {
        4 => socks4(&mut client)?,
        5 => match socks5(&mut client, login)? {
            Some(request) => request,
            None => return Ok(()),
        },
        _ => return Ok(()),
    };
    shared.requests.lock().unwrap().push(request.clone());
    let upstream = TcpStream::connect(origin)?;
    let ok: &[u8] = match request.version {
        4 => &[0, 90, 0, 0, 0, 0, 0, 0],
        _ => &[5, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    };
    client.write_all(ok)?;
    client.set_read_timeout(None)?;
    relay(client, upstream);
    Ok(())
}

fn socks4(client: &mut TcpStream) -> io::Result<SocksRequest> {
    let _command = byte(client)?;
    let port = u16::from_be_bytes(bytes(client, 2)?.try_into().unwrap());
    let ip = bytes(client, 4)?;
    let user = cstring(client)?;
    let target = match ip[..3] == [0, 0, 0] && ip[3] != 0 {
        true => format!("name {}:{port}", cstring(client)?),
        false => format!("addr {}:{port}", Ipv4Addr::new(ip[0], ip[1], ip[2], ip[3])),
    };
    Ok(SocksRequest {
        version: 4,
        target,
        user: (!user.is_empty()).then_some(user),
    })
}

/// The SOCKS5 greeting, login and CONNECT; `None` when the client did
/// not log in as asked (it has been told).
fn socks5(client: &mut TcpStream, login: Option<&str>) -> io::Result<Option<SocksRequest>> {
    let count = byte(client)?;
    let methods = bytes(client, usize::from(count))?;
    let mut user = None;
    match login {
        Some(wanted) => {
            if !methods.contains(&2) {
                client.write_all(&[5, 0xff])?;
                return Ok(None);
            }
            client.write_all(&[5, 2])?;
            let _version = byte(client)?;
            let len = byte(client)?;
            let name = String::from_utf8_lossy(&bytes(client, usize::from(len))?).into_owned();
            let len = byte(client)?;
            let pass = String::from_utf8_lossy(&bytes(client, usize::from(len))?).into_owned();
            let given = format!("{name}:{pass}");
            let accepted = given == wanted;
            client.write_all(&[1, if accepted { 0 } else { 1 }])?;
            if !accepted {
                return Ok(None);
            }
            user = Some(given);
        }
        None => client.write_all(&[5, 0])?,
    }
    let head = bytes(client, 4)?;
    let host = match head[3] {
        1 => {
            let ip = bytes(client, 4)?;
            format!("addr {}", Ipv4Addr::new(ip[0], ip[1], ip[2], ip[3]))
        }
        4 => {
            let ip: [u8; 16] = bytes(client, 16)?.try_into().unwrap();
            format!("addr [{}]", Ipv6Addr::from(ip))
        }
        _ => {
            let len = byte(client)?;
            let name = bytes(client, usize::from(len))?;
            format!("name {}", String::from_utf8_lossy(&name))
        }
    };
    let port = u16::from_be_bytes(bytes(client, 2)?.try_into().unwrap());
    Ok(Some(SocksRequest {
        version: 5,
        target: format!("{host}:{port}"),
        user,
    }))
}

/// Bytes both ways until either side closes.
fn relay(client: TcpStream, upstream: TcpStream) {
    let (Ok(client2), Ok(upstream2)) = (client.try_clone(), upstream.try_clone()) else {
        return;
    };
    let down = thread::spawn(move || pump(upstream2, client2));
    pump(client, upstream);
    let _ = down.join();
}

fn pump(mut from: TcpStream, mut to: TcpStream) {
    let _ = io::copy(&mut from, &mut to);
    let _ = to.shutdown(Shutdown::Write);
}
