//! SOCKS proxies (`-x socks5://`, `socks5h://`, `socks4://`, `socks4a://`,
//! `--socks5`, `--socks5-hostname`): the CONNECT handshake, done on the TCP
//! stream to the proxy before httpc's link, TLS and tap take it over, so
//! an https URL's TLS runs inside the SOCKS connection and the trace, the
//! timings and the body reader see it as any other connection.
//!
//! SOCKS4 (no RFC; the 1992 NEC protocol) and its 4a name extension,
//! SOCKS5 (RFC 1928) with no authentication or username/password
//! (RFC 1929). Every read is of a known, small length, so a proxy cannot
//! make httpc read without end.

use std::io::{self, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

use ureq::unversioned::transport::ConnectionDetails;
use ureq::Error;

use super::route::Rules;
use super::socket::Unreachable;

/// A SOCKS version and who resolves the target's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `socks4://`: httpc resolves, IPv4 only.
    Socks4,
    /// `socks4a://`: the proxy resolves.
    Socks4a,
    /// `socks5://`, `--socks5`: httpc resolves.
    Socks5,
    /// `socks5h://`, `--socks5-hostname`: the proxy resolves.
    Socks5h,
}

impl Kind {
    /// The kind a proxy URL's scheme names (`socks` is socks5, as in curl).
    pub fn of_scheme(scheme: &str) -> Option<Kind> {
        Some(match scheme {
            "socks4" => Kind::Socks4,
            "socks4a" => Kind::Socks4a,
            "socks5" | "socks" => Kind::Socks5,
            "socks5h" => Kind::Socks5h,
            _ => return None,
        })
    }

    /// Whether the proxy is given the name to resolve.
    pub fn remote_names(self) -> bool {
        matches!(self, Kind::Socks4a | Kind::Socks5h)
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Socks4 => "SOCKS4",
            Kind::Socks4a => "SOCKS4a",
            Kind::Socks5 => "SOCKS5",
            Kind::Socks5h => "SOCKS5h",
        }
    }
}

/// A SOCKS proxy, as an agent's route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Socks {
    pub kind: Kind,
    /// The proxy's host and port, as its URL says.
    pub host: String,
    pub port: u16,
    /// `USER:PASS` from the proxy URL or `-U` (SOCKS4: the user id).
    pub user: Option<(String, String)>,
}

/// Where the proxy is asked to connect: an address httpc resolved, or a
/// name for the proxy to resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Addr(SocketAddr),
    Name(String, u16),
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Addr(addr) => write!(f, "{addr}"),
            Target::Name(host, port) => write!(f, "{host}:{port}"),
        }
    }
}

/// Why a handshake failed, in words for the error line.
#[derive(Debug)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

impl Socks {
    /// Asks the proxy on `stream` to connect to `target`. An io error
    /// (a timeout, a reset) comes back as it is; a refusal or a reply that
    /// is not SOCKS as `Refused` words.
    pub fn handshake<S: Read + Write>(
        &self,
        stream: &mut S,
        target: &Target,
    ) -> io::Result<Result<(), Refused>> {
        match self.kind {
            Kind::Socks4 | Kind::Socks4a => self.socks4(stream, target),
            Kind::Socks5 | Kind::Socks5h => self.socks5(stream, target),
        }
    }

    fn refused(&self, target: &Target, why: impl std::fmt::Display) -> Refused {
        Refused(format!(
            "the {} proxy could not connect to {target}: {why}",
            self.kind.name()
        ))
    }

    fn bad_reply(&self, why: &str) -> Refused {
        Refused(format!(
            "the {} proxy answered with {why}",
            self.kind.name()
        ))
    }

    fn socks4<S: Read + Write>(
        &self,
        stream: &mut S,
        target: &Target,
    ) -> io::Result<Result<(), Refused>> {
        let mut request = vec![4, 1];
        let user = self.user.as_ref().map_or("", |(u, _)| u.as_str());
        match target {
            Target::Addr(SocketAddr::V4(addr)) => {
                request.extend_from_slice(&addr.port().to_be_bytes());
                request.extend_from_slice(&addr.ip().octets());
                request.extend_from_slice(user.as_bytes());
                request.push(0);
            }
            Target::Addr(SocketAddr::V6(_)) => {
                return Ok(Err(self.refused(target, "SOCKS4 has no IPv6")));
            }
            Target::Name(host, port) => {
                // 0.0.0.x (x not 0): the name follows the user id (4a).
                request.extend_from_slice(&port.to_be_bytes());
                request.extend_from_slice(&[0, 0, 0, 1]);
                request.extend_from_slice(user.as_bytes());
                request.push(0);
                request.extend_from_slice(host.as_bytes());
                request.push(0);
            }
        }
        stream.write_all(&request)?;
        let mut reply = [0u8; 8];
        stream.read_exact(&mut reply)?;
        Ok(match reply {
            [0, 90, ..] => Ok(()),
            [0, 91, ..] => Err(self.refused(target, "request rejected or failed")),
            [0, 92 | 93, ..] => Err(self.refused(target, "the user id was not accepted")),
            [0, code, ..] => Err(self.refused(target, format!("reply code {code}"))),
            _ => Err(self.bad_reply("something that is not a SOCKS4 reply")),
        })
    }

    fn socks5<S: Read + Write>(
        &self,
        stream: &mut S,
        target: &Target,
    ) -> io::Result<Result<(), Refused>> {
        // Methods offered: no authentication, and username/password when
        // there are credentials.
        let greeting: &[u8] = match self.user {
            Some(_) => &[5, 2, 0, 2],
            None => &[5, 1, 0],
        };
        stream.write_all(greeting)?;
        let mut choice = [0u8; 2];
        stream.read_exact(&mut choice)?;
        match (choice, &self.user) {
            ([5, 0], _) => {}
            ([5, 2], Some((user, pass))) => {
                if let Err(refused) = self.login(stream, user, pass)? {
                    return Ok(Err(refused));
                }
            }
            ([5, 0xff], None) => {
                return Ok(Err(self.bad_reply(
                    "no acceptable authentication method (it may want a user: -U USER:PASS)",
                )))
            }
            ([5, _], _) => {
                return Ok(Err(self.bad_reply("no authentication method httpc offered")))
            }
            _ => return Ok(Err(self.bad_reply("something that is not a SOCKS5 reply"))),
        }
        stream.write_all(&connect_request(target)?)?;
        self.connect_reply(stream, target)
    }

    /// RFC 1929: version 1, the user and the password, each at most 255
    /// bytes.
    fn login<S: Read + Write>(
        &self,
        stream: &mut S,
        user: &str,
        pass: &str,
    ) -> io::Result<Result<(), Refused>> {
        if user.len() > 255 || pass.len() > 255 {
            return Ok(Err(Refused(
                "a SOCKS5 user name and password are at most 255 bytes each".into(),
            )));
        }
        let mut request = vec![1, user.len() as u8];
        request.extend_from_slice(user.as_bytes());
        request.push(pass.len() as u8);
        request.extend_from_slice(pass.as_bytes());
        stream.write_all(&request)?;
        let mut status = [0u8; 2];
        stream.read_exact(&mut status)?;
        Ok(match status[1] {
            0 => Ok(()),
            _ => Err(self.bad_reply("a refusal of the user name and password")),
        })
    }

    /// The reply to CONNECT: version, status, reserved, then the bound
    /// address (read and dropped: its length is in the reply).
    fn connect_reply<S: Read>(
        &self,
        stream: &mut S,
        target: &Target,
    ) -> io::Result<Result<(), Refused>> {
        let mut head = [0u8; 4];
        stream.read_exact(&mut head)?;
        if head[0] != 5 {
            return Ok(Err(self.bad_reply("something that is not a SOCKS5 reply")));
        }
        if head[1] != 0 {
            return Ok(Err(self.refused(target, reply_words(head[1]))));
        }
        let rest = match head[3] {
            1 => 4 + 2,
            4 => 16 + 2,
            3 => {
                let mut len = [0u8; 1];
                stream.read_exact(&mut len)?;
                usize::from(len[0]) + 2
            }
            _ => return Ok(Err(self.bad_reply("an unknown address type"))),
        };
        let mut bound = [0u8; 258];
        stream.read_exact(&mut bound[..rest])?;
        Ok(Ok(()))
    }
}

/// The target of a connection through `socks`: the URL's host and port
/// (after `--connect-to`), resolved here (`--resolve`, `-4`/`-6` kept)
/// unless the proxy resolves names.
pub fn target(socks: &Socks, details: &ConnectionDetails, rules: &Rules) -> Result<Target, Error> {
    let uri = details.uri;
    let https = uri.scheme_str() == Some("https");
    let port = uri.port_u16().unwrap_or(if https { 443 } else { 80 });
    let host = uri.host().unwrap_or_default();
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let (host, port) = rules.target(host, port);
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Ok(Target::Addr(SocketAddr::new(ip, port)));
    }
    if socks.kind.remote_names() {
        return Ok(Target::Name(host, port));
    }
    let addrs: Vec<SocketAddr> = match rules.addresses(&host, port) {
        Some(addrs) => addrs,
        None => (host.as_str(), port)
            .to_socket_addrs()
            .map_err(|_| Error::HostNotFound)?
            .collect(),
    };
    let wanted: Vec<SocketAddr> = details
        .config
        .ip_family()
        .keep_wanted(addrs.into_iter())
        .collect();
    // SOCKS4 carries IPv4 addresses only.
    let pick = match socks.kind {
        Kind::Socks4 => wanted.iter().find(|a| a.is_ipv4()).or(wanted.first()),
        _ => wanted.first(),
    };
    pick.map(|a| Target::Addr(*a)).ok_or(Error::HostNotFound)
}

/// The handshake on a fresh connection to the proxy, within what is left
/// of the connect budget. A refusal, or a proxy that closes, is "could
/// not connect" in words; silence is a connect timeout.
pub fn handshake(
    socks: &Socks,
    stream: &mut TcpStream,
    target: &Target,
    left: Option<Duration>,
) -> Result<(), Error> {
    if left.is_some_and(|d| d.is_zero()) {
        return Err(Error::Timeout(ureq::Timeout::Connect));
    }
    stream.set_read_timeout(left)?;
    stream.set_write_timeout(left)?;
    let result = socks.handshake(stream, target);
    // httpc's link sets its own timeouts, believing none is set.
    stream.set_read_timeout(None)?;
    stream.set_write_timeout(None)?;
    let refused = |words: String| {
        Error::Io(io::Error::new(
            io::ErrorKind::ConnectionRefused,
            Unreachable(words),
        ))
    };
    match result {
        Ok(Ok(())) => Ok(()),
        Ok(Err(Refused(words))) => Err(refused(words)),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
            ) =>
        {
            Err(Error::Timeout(ureq::Timeout::Connect))
        }
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Err(refused(format!(
            "the {} proxy closed the connection during the handshake",
            socks.kind.name()
        ))),
        Err(e) => Err(Error::Io(e)),
    }
}

/// SOCKS5 CONNECT for `target`.
fn connect_request(target: &Target) -> io::Result<Vec<u8>> {
    let mut request = vec![5, 1, 0];
    let port = match target {
        Target::Addr(addr) => {
            match addr.ip() {
                IpAddr::V4(ip) => {
                    request.push(1);
                    request.extend_from_slice(&ip.octets());
                }
                IpAddr::V6(ip) => {
                    request.push(4);
                    request.extend_from_slice(&ip.octets());
                }
            }
            addr.port()
        }
        Target::Name(host, port) => {
            let len = u8::try_from(host.len()).map_err(|_| {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "a host name for a SOCKS5 proxy is at most 255 bytes",
                )
            })?;
            request.push(3);
            request.push(len);
            request.extend_from_slice(host.as_bytes());
            *port
        }
    };
    request.extend_from_slice(&port.to_be_bytes());
    Ok(request)
}

/// RFC 1928 §6's reply codes, in words.
fn reply_words(code: u8) -> String {
    match code {
        1 => "general SOCKS server failure".into(),
        2 => "connection not allowed by ruleset".into(),
        3 => "network unreachable".into(),
        4 => "host unreachable".into(),
        5 => "connection refused".into(),
        6 => "TTL expired".into(),
        7 => "command not supported".into(),
        8 => "address type not supported".into(),
        other => format!("reply code {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream that reads `replies` and keeps what is written.
    struct Canned {
        replies: io::Cursor<Vec<u8>>,
        sent: Vec<u8>,
    }

    impl Read for Canned {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.replies.read(buf)
        }
    }

    impl Write for Canned {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.sent.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn socks(kind: Kind, user: Option<(&str, &str)>) -> Socks {
        Socks {
            kind,
            host: "p".into(),
            port: 1080,
            user: user.map(|(u, p)| (u.into(), p.into())),
        }
    }

    fn shake(s: &Socks, target: &Target, replies: &[u8]) -> (Result<(), String>, Vec<u8>) {
        let mut stream = Canned {
            replies: io::Cursor::new(replies.to_vec()),
            sent: Vec::new(),
        };
        let result = s.handshake(&mut stream, target);
        let result = match result {
            Ok(Ok(())) => Ok(()),
            Ok(Err(refused)) => Err(refused.0),
            Err(e) => Err(format!("io: {e}")),
        };
        (result, stream.sent)
    }

    #[test]
    fn socks5h_sends_the_name_and_reads_the_whole_reply() {
        let target = Target::Name("example.com".into(), 443);
        let reply = [5, 0, 5, 0, 0, 3, 4, b'a', b'b', b'c', b'd', 0, 80];
        let (result, sent) = shake(&socks(Kind::Socks5h, None), &target, &reply);
        assert_eq!(result, Ok(()));
        let mut expected = vec![5, 1, 0, 5, 1, 0, 3, 11];
        expected.extend_from_slice(b"example.com");
        expected.extend_from_slice(&[1, 187]);
        assert_eq!(sent, expected);
    }

    #[test]
    fn socks5_with_a_user_logs_in_first() {
        let target = Target::Addr("10.0.0.1:80".parse().unwrap());
        let reply = [5, 2, 1, 0, 5, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        let (result, sent) = shake(&socks(Kind::Socks5, Some(("u", "pw"))), &target, &reply);
        assert_eq!(result, Ok(()));
        assert_eq!(
            sent,
            [5, 2, 0, 2, 1, 1, b'u', 2, b'p', b'w', 5, 1, 0, 1, 10, 0, 0, 1, 0, 80]
        );
    }

    #[test]
    fn socks5_refusals_are_in_words() {
        let target = Target::Name("h".into(), 80);
        let (result, _) = shake(
            &socks(Kind::Socks5h, None),
            &target,
            &[5, 0, 5, 4, 0, 1, 0, 0, 0, 0, 0, 0],
        );
        assert_eq!(
            result.unwrap_err(),
            "the SOCKS5h proxy could not connect to h:80: host unreachable"
        );
        let (result, _) = shake(&socks(Kind::Socks5h, None), &target, &[5, 0xff]);
        assert!(result.unwrap_err().contains("-U USER:PASS"));
        let (result, _) = shake(&socks(Kind::Socks5h, None), &target, b"HTTP/1.1 400");
        assert!(result.unwrap_err().contains("not a SOCKS5 reply"));
        // A reply cut short is an io error, not a hang.
        let (result, _) = shake(&socks(Kind::Socks5h, None), &target, &[5, 0, 5]);
        assert!(result.unwrap_err().starts_with("io: "));
    }

    #[test]
    fn socks4_and_4a() {
        let addr = Target::Addr("10.0.0.2:8080".parse().unwrap());
        let ok = [0, 90, 0, 0, 0, 0, 0, 0];
        let (result, sent) = shake(&socks(Kind::Socks4, Some(("me", ""))), &addr, &ok);
        assert_eq!(result, Ok(()));
        assert_eq!(sent, [4, 1, 0x1f, 0x90, 10, 0, 0, 2, b'm', b'e', 0]);
        let name = Target::Name("h.example".into(), 80);
        let (result, sent) = shake(&socks(Kind::Socks4a, None), &name, &ok);
        assert_eq!(result, Ok(()));
        let mut expected = vec![4, 1, 0, 80, 0, 0, 0, 1, 0];
        expected.extend_from_slice(b"h.example\0");
        assert_eq!(sent, expected);
        let (result, _) = shake(
            &socks(Kind::Socks4, None),
            &addr,
            &[0, 91, 0, 0, 0, 0, 0, 0],
        );
        assert!(result.unwrap_err().contains("rejected"));
        let v6 = Target::Addr("[::1]:80".parse().unwrap());
        let (result, sent) = shake(&socks(Kind::Socks4, None), &v6, &ok);
        assert!(result.unwrap_err().contains("IPv6"));
        assert!(sent.is_empty());
    }
}
