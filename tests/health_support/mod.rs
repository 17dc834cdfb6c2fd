//! Test support for `tests/health.rs`: small loopback HTTP servers (std
//! only, one thread per connection) that answer a status and a body, maybe
//! after a delay, record what they received, and a port that only starts
//! listening later; plus `httpc` with a clean environment.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    /// Lowercase names.
    pub headers: Vec<(String, String)>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the server answers.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: String,
    pub delay: Duration,
    pub location: Option<String>,
}

impl Reply {
    pub fn ok(body: &str) -> Reply {
        Reply::status(200).body(body)
    }

    pub fn status(status: u16) -> Reply {
        Reply {
            status,
            body: String::new(),
            delay: Duration::ZERO,
            location: None,
        }
    }

    pub fn body(mut self, body: &str) -> Reply {
        self.body = body.to_string();
        self
    }

    /// Wait this long before answering.
    pub fn after(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }

    pub fn redirect(status: u16, location: &str) -> Reply {
        let mut reply = Reply::status(status);
        reply.location = Some(location.to_string());
        reply
    }
}

type Handler = dyn Fn(&Seen) -> Reply + Send + Sync;

/// A server on 127.0.0.1 that answers every request with its handler.
pub struct Server {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    pub fn start(handler: impl Fn(&Seen) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        Server::serve(listener, Arc::new(handler))
    }

    /// Always the same reply.
    pub fn replying(reply: Reply) -> Server {
        Server::start(move |_| reply.clone())
    }

    fn serve(listener: TcpListener, handler: Arc<Handler>) -> Server {
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let handler = Arc::clone(&handler);
                let log = Arc::clone(&log);
                thread::spawn(move || answer(stream, &*handler, &log));
            }
        });
        Server { addr, seen }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn answer(mut stream: TcpStream, handler: &Handler, log: &Mutex<Vec<Seen>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let mut lines = text.split("\r\n");
    let mut request_line = lines.next().unwrap_or("").split(' ');
    let method = request_line.next().unwrap_or("").to_string();
    let path = request_line.next().unwrap_or("").to_string();
    let headers = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let seen = Seen {
        method,
        path,
        headers,
    };
    log.lock().unwrap().push(seen.clone());
    let reply = handler(&seen);
    thread::sleep(reply.delay);
    let mut response = format!(
        "HTTP/1.1 {} Whatever\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reply.body.len()
    );
    if let Some(location) = &reply.location {
        response.push_str(&format!("Location: {location}\r\n"));
    }
    response.push_str("\r\n");
    if seen.method != "HEAD" {
        response.push_str(&reply.body);
    }
    let _ = stream.write_all(response.as_bytes());
}

/// A loopback port with nothing listening: connections are refused.
pub fn refused_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}/")
}

/// A loopback URL whose port starts listening (and answering 200 "ok")
/// only after `delay`.
pub fn late_url(delay: Duration) -> String {
    let url = refused_url();
    let addr: SocketAddr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()
        .unwrap();
    thread::spawn(move || {
        thread::sleep(delay);
        let listener = TcpListener::bind(addr).expect("bind the late port");
        let server = Server::serve(listener, Arc::new(|_: &Seen| Reply::ok("ok")));
        // Keep serving for the rest of the test process.
        std::mem::forget(server);
    });
    url
}

/// `httpc` with a clean environment (no colour or proxy settings, no
/// pretend terminal), stdout and stderr piped, and a timeout.
pub fn httpc() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_httpc"));
    for name in [
        "NO_COLOR",
        "CLICOLOR_FORCE",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "NO_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "no_proxy",
        "HTTPC_TEST_PRETEND_TTY",
    ] {
        cmd.env_remove(name);
    }
    cmd.arg("health").timeout(Duration::from_secs(20));
    cmd
}

/// As `httpc`, believing stdout and stderr are terminals.
pub fn tty() -> assert_cmd::Command {
    let mut cmd = httpc();
    cmd.env("HTTPC_TEST_PRETEND_TTY", "1")
        .env("TERM", "xterm-256color");
    cmd
}
