//! Where a connection goes, when the user says so: `--resolve
//! HOST:PORT:ADDR[,ADDR...]` gives the addresses of a name, `--connect-to
//! HOST1:PORT1:HOST2:PORT2` sends connections for one host and port to
//! another (an empty part matches any, or keeps the URL's), and `-4`/`-6`
//! keep one address family. Only resolution changes: the Host header, SNI
//! and the certificate check stay the URL's host, and pooled connections
//! stay keyed by the URL's origin (ureq keys them by the URL).

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

/// Addresses for one host and port (`--resolve`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolve {
    host: String,
    port: u16,
    addrs: Vec<IpAddr>,
}

/// Another host and port to connect to (`--connect-to`); `None` matches
/// any (on the left) or keeps the URL's (on the right).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectTo {
    from_host: Option<String>,
    from_port: Option<u16>,
    to_host: Option<String>,
    to_port: Option<u16>,
}

/// The user's rules for finding a server.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rules {
    pub resolve: Vec<Resolve>,
    pub connect_to: Vec<ConnectTo>,
    /// `--unix-socket`: every connection goes to this socket.
    pub unix_socket: Option<PathBuf>,
}

impl Rules {
    /// The host and port to resolve for `host:port`: the first
    /// `--connect-to` that matches, else the same.
    pub fn target(&self, host: &str, port: u16) -> (String, u16) {
        for rule in &self.connect_to {
            let host_matches = rule
                .from_host
                .as_deref()
                .is_none_or(|h| h.eq_ignore_ascii_case(host));
            if host_matches && rule.from_port.is_none_or(|p| p == port) {
                return (
                    rule.to_host.clone().unwrap_or_else(|| host.to_string()),
                    rule.to_port.unwrap_or(port),
                );
            }
        }
        (host.to_string(), port)
    }

    /// The addresses `--resolve` gives for `host:port`, if any.
    pub fn addresses(&self, host: &str, port: u16) -> Option<Vec<SocketAddr>> {
        self.resolve
            .iter()
            .find(|r| r.port == port && r.host.eq_ignore_ascii_case(host))
            .map(|r| {
                r.addrs
                    .iter()
                    .map(|ip| SocketAddr::new(*ip, port))
                    .collect()
            })
    }
}

/// `HOST`, or `[IPv6]` as a host, without its brackets; `None` when empty.
/// Brackets anywhere else, or nothing inside them, make no host.
fn host_of(text: &str) -> Result<Option<String>, String> {
    let host = unbracket(text);
    if text.is_empty() {
        return Ok(None);
    }
    match host.is_empty() || host.contains(['[', ']']) {
        true => Err(format!("'{text}' is not a host")),
        false => Ok(Some(host.to_ascii_lowercase())),
    }
}

/// Splits `a:b:c` on the colons outside brackets (`[::1]:443:…`).
fn fields(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in text.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            ':' if depth == 0 => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

fn port(text: &str, what: &str) -> Result<u16, String> {
    text.parse::<u16>()
        .ok()
        .filter(|p| *p > 0)
        .ok_or_else(|| format!("{what} '{text}' is not a port"))
}

impl Resolve {
    /// `HOST:PORT:ADDR[,ADDR...]` as curl takes it: everything after the
    /// port is the address list, so an IPv6 address may go with brackets
    /// (`[::1]`) or without (`::1`), alone or mixed with others.
    pub fn parse(text: &str) -> Result<Resolve, String> {
        let invalid = |why: String| {
            format!("invalid --resolve '{text}': {why} (use HOST:PORT:ADDR[,ADDR...])")
        };
        let (host, rest) = split_field(text);
        let Some((port_text, Some(addrs))) = rest.map(split_field) else {
            return Err(invalid("three parts are needed".into()));
        };
        let Some(host) = host_of(host).map_err(invalid)? else {
            return Err(invalid("no host".into()));
        };
        let addrs = addrs
            .split(',')
            .map(|a| {
                let a = a.trim();
                unbracket(a)
                    .parse::<IpAddr>()
                    .map_err(|_| invalid(format!("'{a}' is not an IP address")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Resolve {
            host,
            port: port(port_text, "the port").map_err(invalid)?,
            addrs,
        })
    }
}

/// Shown as it parses back: `HOST:PORT:ADDR,...`, IPv6 in brackets.
impl std::fmt::Display for Resolve {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let addrs = self
            .addrs
            .iter()
            .map(|ip| match ip {
                IpAddr::V4(v4) => v4.to_string(),
                IpAddr::V6(v6) => format!("[{v6}]"),
            })
            .collect::<Vec<_>>()
            .join(",");
        match self.host.contains(':') {
            true => write!(f, "[{}]:{}:{addrs}", self.host, self.port),
            false => write!(f, "{}:{}:{addrs}", self.host, self.port),
        }
    }
}

/// Shown as it parses back: `HOST1:PORT1:HOST2:PORT2`, empty parts for
/// "any" and "keep", IPv6 in brackets.
impl std::fmt::Display for ConnectTo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let host = |h: &Option<String>| match h.as_deref() {
            Some(h) if h.contains(':') => format!("[{h}]"),
            h => h.unwrap_or_default().to_string(),
        };
        let port = |p: Option<u16>| p.map(|p| p.to_string()).unwrap_or_default();
        write!(
            f,
            "{}:{}:{}:{}",
            host(&self.from_host),
            port(self.from_port),
            host(&self.to_host),
            port(self.to_port)
        )
    }
}

/// `[IPv6]` without its one pair of brackets; anything else as it is.
fn unbracket(text: &str) -> &str {
    text.strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(text)
}

/// The text before the first colon outside brackets, and the rest after
/// it (`None` without such a colon).
fn split_field(text: &str) -> (&str, Option<&str>) {
    let first = fields(text)[0];
    match text.len() > first.len() {
        true => (first, Some(&text[first.len() + 1..])),
        false => (text, None),
    }
}

impl ConnectTo {
    pub fn parse(text: &str) -> Result<ConnectTo, String> {
        let invalid = |why: String| {
            format!("invalid --connect-to '{text}': {why} (use HOST1:PORT1:HOST2:PORT2)")
        };
        let parts = fields(text);
        let [from_host, from_port, to_host, to_port] = parts[..] else {
            return Err(invalid("four parts are needed".into()));
        };
        let port = |p: &str| match p {
            "" => Ok(None),
            p => port(p, "the port").map(Some),
        };
        Ok(ConnectTo {
            from_host: host_of(from_host).map_err(invalid)?,
            from_port: port(from_port).map_err(invalid)?,
            to_host: host_of(to_host).map_err(invalid)?,
            to_port: port(to_port).map_err(invalid)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_rules_give_addresses_for_their_host_and_port() {
        let rules = Rules {
            resolve: vec![
                Resolve::parse("example.test:443:127.0.0.1,[::1]").unwrap(),
                Resolve::parse("Other.Test:80:10.0.0.9").unwrap(),
            ],
            ..Rules::default()
        };
        assert_eq!(
            rules.addresses("example.test", 443).unwrap(),
            [
                "127.0.0.1:443".parse::<SocketAddr>().unwrap(),
                "[::1]:443".parse().unwrap()
            ]
        );
        assert_eq!(rules.addresses("other.test", 80).unwrap().len(), 1);
        assert_eq!(rules.addresses("example.test", 80), None);
    }

    #[test]
    fn connect_to_rules_match_with_empty_parts() {
        let rules = Rules {
            connect_to: vec![
                ConnectTo::parse("a.test:443:127.0.0.1:8443").unwrap(),
                ConnectTo::parse("::b.test:").unwrap(),
            ],
            ..Rules::default()
        };
        assert_eq!(rules.target("a.test", 443), ("127.0.0.1".into(), 8443));
        assert_eq!(rules.target("c.test", 81), ("b.test".into(), 81));
    }

    #[test]
    fn resolve_takes_ipv6_addresses_with_or_without_brackets() {
        let v6 = |text: &str| Resolve::parse(text).unwrap().addrs;
        let both: Vec<IpAddr> = vec!["::1".parse().unwrap(), "127.0.0.1".parse().unwrap()];
        assert_eq!(v6("dual.test:8080:::1,127.0.0.1"), both);
        assert_eq!(v6("dual.test:8080:[::1],127.0.0.1"), both);
        assert_eq!(v6("dual.test:8080:[::1], 127.0.0.1"), both);
        assert_eq!(
            v6("dual.test:8080:127.0.0.1,fe80::1,[2001:db8::2]"),
            ["127.0.0.1", "fe80::1", "2001:db8::2"].map(|a| a.parse::<IpAddr>().unwrap())
        );
        assert_eq!(v6("[::1]:443:::1"), vec!["::1".parse::<IpAddr>().unwrap()]);
        assert!(Resolve::parse("h:80:[::1").is_err());
        assert!(Resolve::parse("h:80:[[::1]]").is_err());
        assert!(Resolve::parse("h:80:::1,").is_err());
    }

    #[test]
    fn resolve_rules_show_as_they_parse_back() {
        for text in [
            "dual.test:8080:::1,127.0.0.1",
            "[::1]:443:[fe80::1]",
            "h:1:1.2.3.4",
        ] {
            let rule = Resolve::parse(text).unwrap();
            assert_eq!(Resolve::parse(&rule.to_string()), Ok(rule));
        }
        assert_eq!(
            Resolve::parse("Dual.Test:8080:::1,127.0.0.1")
                .unwrap()
                .to_string(),
            "dual.test:8080:[::1],127.0.0.1"
        );
    }

    #[test]
    fn connect_to_rules_show_as_they_parse_back() {
        for text in [
            "a.test:80:[::1]:8080",
            ":::",
            "[::1]:1:b.test:",
            "A.Test::b:2",
        ] {
            let rule = ConnectTo::parse(text).unwrap();
            assert_eq!(ConnectTo::parse(&rule.to_string()), Ok(rule));
        }
    }

    #[test]
    fn connect_to_takes_a_bracketed_ipv6_host() {
        let rules = Rules {
            connect_to: vec![ConnectTo::parse("a.test:80:[::1]:8080").unwrap()],
            ..Rules::default()
        };
        assert_eq!(rules.target("a.test", 80), ("::1".into(), 8080));
    }

    #[test]
    fn bad_rules_say_what_is_wrong() {
        assert_eq!(
            Resolve::parse("h:x:127.0.0.1").unwrap_err(),
            "invalid --resolve 'h:x:127.0.0.1': the port 'x' is not a port (use HOST:PORT:ADDR[,ADDR...])"
        );
        assert!(Resolve::parse("h:80:not-an-ip")
            .unwrap_err()
            .contains("'not-an-ip' is not an IP address"));
        assert!(Resolve::parse("h:80").is_err());
        assert!(ConnectTo::parse("a:1:b").is_err());
        // Found by the route_args fuzz target: these read as hosts that
        // did not show as they parsed.
        assert_eq!(
            ConnectTo::parse("a.test:80:[]:8080").unwrap_err(),
            "invalid --connect-to 'a.test:80:[]:8080': '[]' is not a host (use HOST1:PORT1:HOST2:PORT2)"
        );
        assert!(Resolve::parse("[]:80:127.0.0.1").is_err());
        assert!(Resolve::parse("x]:[:80:127.0.0.1").is_err());
        assert!(ConnectTo::parse("a[:1:]b:2").is_err());
        assert!(ConnectTo::parse("a:0:b:2").is_err());
    }
}
