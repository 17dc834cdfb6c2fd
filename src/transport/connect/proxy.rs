//! Which proxy a URL goes through: `-x` first, else the environment by the
//! target's scheme as curl does (`https_proxy`/`HTTPS_PROXY` for https,
//! `http_proxy`/`HTTP_PROXY` for http, then `ALL_PROXY`), unless the host is
//! excluded by `--noproxy` or `NO_PROXY`. ureq's own detection uses one
//! proxy for every scheme and does not trim NO_PROXY entries, so httpc
//! decides itself and hands ureq the answer.

use std::net::IpAddr;

use url::Url;

use super::socks::{Kind, Socks};
use crate::exit::ExitError;
use crate::spec::{basic_authorization, userinfo};
use crate::text::{display_url, redact_url_text, Secrets};

/// Where and how to forward: the proxy's `host:port` and its credentials as
/// a header value (`Basic …`), if it has any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forward {
    pub host: String,
    pub port: u16,
    pub authorization: Option<String>,
}

/// The proxy text chosen for a URL and where it came from (`-x` or the
/// name of the environment variable), for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub text: String,
    pub from: &'static str,
}

/// A proxy URL, checked: http or https, a host, and an explicit port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proxy {
    pub url: Url,
}

impl Proxy {
    /// What the user (or the environment) wrote, as curl reads it: no
    /// scheme means `http://`, no port means 1080 (443 for an https
    /// proxy). Anything else that does not parse is a usage error, before
    /// anything is sent; its message never shows the password.
    pub fn parse(choice: &Choice) -> Result<Proxy, ExitError> {
        let text = choice.text.trim();
        let refused = |shown: &str, why: &str| {
            ExitError::usage(format!(
                "invalid proxy '{shown}' (from {}): {why}",
                choice.from
            ))
        };
        let full = match text.contains("://") {
            true => text.to_string(),
            false => format!("http://{text}"),
        };
        let mut url = Url::parse(&full)
            .map_err(|e| refused(&redact_url_text(text, &Secrets::default()), &e.to_string()))?;
        // Shown as the URL reads it, so the password is hidden wherever the
        // URL finds one (`//user:pass@host` has one; the text alone does
        // not say so).
        let shown = display_url(&url, &Secrets::default());
        let invalid = |why: &str| refused(&shown, why);
        let default_port = match url.scheme() {
            "http" => 1080,
            "https" => 443,
            scheme if Kind::of_scheme(scheme).is_some() => 1080,
            other => {
                return Err(invalid(&format!(
                    "unsupported scheme '{other}' (http, https, socks4, socks4a, socks5 and socks5h proxies)"
                )))
            }
        };
        if url.host_str().is_none_or(str::is_empty) {
            return Err(invalid("no host"));
        }
        if !matches!(url.path(), "" | "/") || url.query().is_some() {
            return Err(invalid("a proxy URL has no path or query"));
        }
        if url.port().is_none() {
            let _ = url.set_port(Some(default_port));
        }
        Ok(Proxy { url })
    }

    /// The proxy with `-U USER:PASS` as its credentials, in place of any
    /// its URL has (then shown, and sent, as a URL's would be).
    pub fn with_user(mut self, user_pass: &str) -> Proxy {
        let (user, pass) = user_pass.split_once(':').unwrap_or((user_pass, ""));
        let _ = self.url.set_username(user);
        let _ = self.url.set_password(Some(pass).filter(|p| !p.is_empty()));
        self
    }

    /// The SOCKS proxy this is, with its credentials.
    pub fn socks(&self) -> Option<Socks> {
        let kind = Kind::of_scheme(self.url.scheme())?;
        let user = userinfo(&self.url).map(|u| {
            let (user, pass) = u.split_once(':').unwrap_or((&u, ""));
            (user.to_string(), pass.to_string())
        });
        Some(Socks {
            kind,
            host: self
                .url
                .host_str()
                .unwrap_or_default()
                .trim_start_matches('[')
                .trim_end_matches(']')
                .to_string(),
            port: self.url.port_or_known_default().unwrap_or(1080),
            user,
        })
    }

    /// How an `http://` URL goes through this proxy: forwarded in
    /// absolute-form, with the proxy's credentials, when the proxy speaks
    /// plain http. An https URL (or an https proxy) goes through CONNECT.
    pub fn forward(&self, url: &Url) -> Option<Forward> {
        if url.scheme() != "http" || self.url.scheme() != "http" {
            return None;
        }
        let authorization = userinfo(&self.url).map(|u| basic_authorization(&u));
        Some(Forward {
            host: self.url.host_str().unwrap_or_default().to_string(),
            port: self.url.port_or_known_default().unwrap_or(1080),
            authorization,
        })
    }

    /// The proxy as it may be shown: no password (a proxy URL has no
    /// query to hide).
    pub fn shown(&self) -> String {
        display_url(&self.url, &Secrets::default())
    }
}

pub fn choose(
    url: &Url,
    flag: Option<&str>,
    noproxy_flag: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<Choice> {
    let env_any = |names: &[&'static str]| {
        names.iter().find_map(|&n| {
            env(n)
                .filter(|v| !v.trim().is_empty())
                .map(|text| Choice { text, from: n })
        })
    };
    let host = url.host_str().unwrap_or_default();
    let noproxy = noproxy_flag
        .map(str::to_string)
        .or_else(|| env_any(&["no_proxy", "NO_PROXY"]).map(|c| c.text));
    if noproxy.is_some_and(|list| excluded(host, &list)) {
        return None;
    }
    if let Some(p) = flag {
        return (!p.is_empty()).then(|| Choice {
            text: p.to_string(),
            from: "-x",
        });
    }
    let by_scheme: &[&'static str] = match url.scheme() {
        "https" => &["https_proxy", "HTTPS_PROXY"],
        _ => &["http_proxy", "HTTP_PROXY"],
    };
    env_any(by_scheme).or_else(|| env_any(&["all_proxy", "ALL_PROXY"]))
}

/// NO_PROXY: comma-separated, spaces ignored; `*` matches every host; an
/// entry matches the host itself and its subdomains (`.corp` and `corp`
/// both match `a.corp`); a CIDR range (`10.0.0.0/8`, `::1/128`) matches
/// the IP addresses in it, as curl 7.86 and later, Go and Python do.
fn excluded(host: &str, list: &str) -> bool {
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase();
    let ip = host.parse::<IpAddr>().ok();
    list.split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .any(|entry| {
            if entry == "*" {
                return true;
            }
            if let (Some(ip), Some((net, bits))) = (ip, entry.split_once('/')) {
                return in_range(ip, net.trim_start_matches('[').trim_end_matches(']'), bits);
            }
            let entry = entry
                .trim_start_matches("*.")
                .trim_start_matches('.')
                .trim_start_matches('[')
                .trim_end_matches(']')
                .to_ascii_lowercase();
            host == entry || host.ends_with(&format!(".{entry}"))
        })
}

/// `ip` is inside `net/bits` (an unparsable range matches nothing).
fn in_range(ip: IpAddr, net: &str, bits: &str) -> bool {
    let (Ok(net), Ok(bits)) = (net.parse::<IpAddr>(), bits.parse::<u32>()) else {
        return false;
    };
    match (ip, net) {
        (IpAddr::V4(ip), IpAddr::V4(net)) if bits <= 32 => {
            let mask = u32::MAX.checked_shl(32 - bits).unwrap_or(0);
            u32::from(ip) & mask == u32::from(net) & mask
        }
        (IpAddr::V6(ip), IpAddr::V6(net)) if bits <= 128 => {
            let mask = u128::MAX.checked_shl(128 - bits).unwrap_or(0);
            u128::from(ip) & mask == u128::from(net) & mask
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    fn pick(
        url: &str,
        flag: Option<&str>,
        noproxy: Option<&str>,
        env: &'static [(&'static str, &'static str)],
    ) -> Option<String> {
        choose(&Url::parse(url).unwrap(), flag, noproxy, &env_of(env)).map(|c| c.text)
    }

    #[test]
    fn cidr_ranges_bypass_the_proxy() {
        let env = &[
            ("NO_PROXY", "127.0.0.0/8, ::1/128,10.1.0.0/16"),
            ("http_proxy", "http://p:2"),
        ];
        assert_eq!(pick("http://127.0.0.1:8080/", None, None, env), None);
        assert_eq!(pick("http://127.200.3.4/", None, None, env), None);
        assert_eq!(pick("http://[::1]:8080/", None, None, env), None);
        assert_eq!(pick("http://10.1.200.1/", None, None, env), None);
        assert!(pick("http://10.2.0.1/", None, None, env).is_some());
        assert!(pick("http://[::2]/", None, None, env).is_some());
        assert!(pick("http://128.0.0.1/", None, None, env).is_some());
        // A name is not an address in a range.
        assert!(pick("http://localhost/", None, None, env).is_some());
        assert!(in_range("1.2.3.4".parse().unwrap(), "0.0.0.0", "0"));
        assert!(!in_range("1.2.3.4".parse().unwrap(), "1.2.3.0", "33"));
    }

    fn parse(text: &str) -> Result<String, String> {
        let choice = Choice {
            text: text.to_string(),
            from: "-x",
        };
        Proxy::parse(&choice)
            .map(|p| p.url.to_string())
            .map_err(|e| e.cause)
    }

    #[test]
    fn proxies_are_read_as_curl_reads_them() {
        assert_eq!(parse("127.0.0.1").unwrap(), "http://127.0.0.1:1080/");
        assert_eq!(parse("http://p:3128").unwrap(), "http://p:3128/");
        // 443 is https's own default, which a URL leaves unwritten.
        assert_eq!(parse("https://p").unwrap(), "https://p/");
        assert_eq!(parse("u:pw@p:8").unwrap(), "http://u:pw@p:8/");
    }

    #[test]
    fn a_bad_proxy_is_refused_without_its_password() {
        assert_eq!(
            parse("http://127.0.0.1:notaport").unwrap_err(),
            "invalid proxy 'http://127.0.0.1:notaport' (from -x): invalid port number"
        );
        let err = parse("gopher://u:SECRET@p:70").unwrap_err();
        assert_eq!(
            err,
            "invalid proxy 'gopher://u:***@p:70' (from -x): unsupported scheme 'gopher' (http, https, socks4, socks4a, socks5 and socks5h proxies)"
        );
        assert!(parse("http://p:1/path").is_err());
        assert!(parse("http://").is_err());
        // Wherever the URL finds the password, the message hides it. The
        // first was found by the route_args fuzz target.
        for text in [
            "//u:SECRET@p/x",
            "/u:SECRET@p/x",
            "u:SECRET@p/x",
            "http://u:SECRET@p\\x",
        ] {
            assert_eq!(
                parse(text).unwrap_err(),
                "invalid proxy 'http://u:***@p/x' (from -x): a proxy URL has no path or query"
            );
        }
    }

    #[test]
    fn proxy_user_replaces_the_url_credentials() {
        let choice = Choice {
            text: "http://a:b@p:3128".to_string(),
            from: "-x",
        };
        let proxy = Proxy::parse(&choice).unwrap().with_user("me:p@ss:w");
        assert_eq!(userinfo(&proxy.url).as_deref(), Some("me:p@ss:w"));
        assert!(!proxy.shown().contains("p@ss"), "{}", proxy.shown());
        let proxy = Proxy::parse(&choice).unwrap().with_user("me:");
        assert_eq!(userinfo(&proxy.url).as_deref(), Some("me:"));
    }

    #[test]
    fn env_is_chosen_by_scheme() {
        let env = &[("HTTPS_PROXY", "http://s:1"), ("http_proxy", "http://p:2")];
        assert_eq!(
            pick("https://h/", None, None, env).as_deref(),
            Some("http://s:1")
        );
        assert_eq!(
            pick("http://h/", None, None, env).as_deref(),
            Some("http://p:2")
        );
    }

    #[test]
    fn all_proxy_is_the_fallback() {
        let env = &[("ALL_PROXY", "http://a:1")];
        assert_eq!(
            pick("http://h/", None, None, env).as_deref(),
            Some("http://a:1")
        );
    }

    #[test]
    fn flag_beats_env_and_noproxy_trims_entries() {
        let env = &[
            ("NO_PROXY", "localhost, .corp"),
            ("http_proxy", "http://p:2"),
        ];
        assert_eq!(
            pick("http://h/", Some("http://x:3"), None, env).as_deref(),
            Some("http://x:3")
        );
        assert_eq!(pick("http://a.corp/", None, None, env), None);
        assert_eq!(pick("http://corp/", None, None, env), None);
        assert_eq!(
            pick("http://notcorp/", None, None, env).as_deref(),
            Some("http://p:2")
        );
        assert_eq!(pick("http://h/", None, Some("*"), env), None);
    }
}
