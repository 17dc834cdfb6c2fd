//! The cookie jar behind `--cookie FILE` and `-c FILE`: the `cookie_store`
//! crate does the RFC 6265 work (parsing `Set-Cookie`, domain and
//! host-only matching, paths, `Secure`, `Expires` and `Max-Age`); this
//! module reads and writes the Netscape jar format that curl, browsers'
//! exports and CI caches use, which `cookie_store` does not know.
//!
//! A jar line is seven tab-separated fields: domain, whether subdomains
//! match (`TRUE`/`FALSE`), path, secure (`TRUE`/`FALSE`), expiry in Unix
//! seconds (`0`: a session cookie), name, value. A domain written
//! `#HttpOnly_example.com` is an HttpOnly cookie; other `#` lines are
//! comments.

use cookie_store::{CookieDomain, CookieError, CookieExpiration, CookieStore, RawCookie};
use time::OffsetDateTime;
use url::{Host, Url};

/// Cookies held during one run.
#[derive(Debug, Default)]
pub struct Jar {
    store: CookieStore,
}

/// Why a jar file could not be read: the line (from 1) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JarError {
    pub line: usize,
    pub problem: String,
}

const HTTP_ONLY_PREFIX: &str = "#HttpOnly_";

/// A `Cookie:`-style line of `name=value` pairs, read from a file, to be
/// sent as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CookieLine(pub String);

/// Adds cookies to a request's headers: to the `Cookie` header already
/// there (from `-H` or `--cookie n=v`), so one goes out (RFC 6265 §5.4),
/// else as a new one. Names are lowercase, as in a `RequestSpec`.
pub fn join_cookie_header(headers: &mut Vec<(String, String)>, cookies: &str) {
    match headers.iter_mut().find(|(name, _)| name == "cookie") {
        Some((_, given)) => *given = format!("{given}; {cookies}"),
        None => headers.push(("cookie".into(), cookies.into())),
    }
}

fn is_comment(line: &str) -> bool {
    line.starts_with('#') && !line.starts_with(HTTP_ONLY_PREFIX)
}

impl Jar {
    /// Reads a `--cookie FILE`: the cookies of a jar are added; a file with
    /// one `Cookie:` line (`n=v; n2=v2`, with or without the `Cookie:`
    /// name) is returned as that line. An empty file adds nothing.
    pub fn read(&mut self, text: &str) -> Result<Option<CookieLine>, JarError> {
        let mut lines = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
            .filter(|(_, l)| !l.trim().is_empty() && !is_comment(l));
        if let Some((_, line)) = lines.next() {
            if !line.contains('\t') && line.contains('=') {
                if let Some((extra, _)) = lines.next() {
                    return Err(JarError {
                        line: extra,
                        problem: "a file of Cookie: pairs has one line".into(),
                    });
                }
                let pairs = match line.split_once(':') {
                    Some((name, rest)) if name.trim().eq_ignore_ascii_case("cookie") => rest,
                    _ => line,
                };
                return Ok(Some(CookieLine(pairs.trim().to_string())));
            }
        }
        self.load(text)?;
        Ok(None)
    }

    /// Adds the cookies of a Netscape jar. Cookies that have expired are
    /// left out, as curl does.
    pub fn load(&mut self, text: &str) -> Result<(), JarError> {
        let now = OffsetDateTime::now_utc();
        for (index, line) in text.lines().enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() || is_comment(line) {
                continue;
            }
            let fail = |problem: &str| JarError {
                line: index + 1,
                problem: problem.to_string(),
            };
            let entry = Entry::parse(line).map_err(fail)?;
            if entry.expires.is_some_and(|t| t <= now) {
                continue;
            }
            let (cookie, url) = entry.into_cookie().map_err(fail)?;
            match self.store.insert_raw(&cookie, &url) {
                Ok(_) | Err(CookieError::Expired) => {}
                Err(e) => return Err(fail(&format!("cannot hold this cookie: {e}"))),
            }
        }
        Ok(())
    }

    /// The value of the `Cookie` header for a request to `url`: the
    /// cookies that match it, longer paths first (RFC 6265 §5.4), or none.
    pub fn header_for(&self, url: &Url) -> Option<String> {
        let mut cookies = self.store.matches(url);
        if cookies.is_empty() {
            return None;
        }
        // Stable: cookies of the same path length keep the order they
        // were stored in.
        cookies.sort_by_key(|c| std::cmp::Reverse(c.path.len()));
        let pairs: Vec<String> = cookies
            .iter()
            .map(|c| format!("{}={}", c.name(), c.value()))
            .collect();
        Some(pairs.join("; "))
    }

    /// Takes the `Set-Cookie` headers of a response from `url`. A cookie
    /// the rules refuse (another domain, a public suffix such as
    /// `Domain=com`, an unparsable line) is dropped, as browsers and curl
    /// drop them.
    pub fn store_from<'h>(&mut self, url: &Url, set_cookies: impl Iterator<Item = &'h [u8]>) {
        for value in set_cookies {
            let Ok(text) = std::str::from_utf8(value) else {
                continue;
            };
            let Ok(cookie) = RawCookie::parse(text.to_string()) else {
                continue;
            };
            if too_wide(&cookie, url) {
                continue;
            }
            let _ = self.store.insert_raw(&cookie, url);
        }
    }

    /// Every cookie held, in the Netscape format: session cookies included
    /// (expiry 0), as curl writes them.
    pub fn to_netscape(&self) -> String {
        let mut out = String::from(
            "# Netscape HTTP Cookie File\n\
             # Written by httpc; curl -b reads it. Fields: domain, subdomains, path,\n\
             # secure, expires (Unix seconds, 0: session), name, value.\n\n",
        );
        for cookie in self.store.iter_unexpired() {
            let (domain, subdomains) = match &cookie.domain {
                CookieDomain::HostOnly(host) => (host.clone(), "FALSE"),
                CookieDomain::Suffix(suffix) if is_name(suffix) => (format!(".{suffix}"), "TRUE"),
                CookieDomain::Suffix(suffix) => (suffix.clone(), "TRUE"),
                CookieDomain::NotPresent | CookieDomain::Empty => continue,
            };
            let prefix = match cookie.http_only() {
                Some(true) => HTTP_ONLY_PREFIX,
                _ => "",
            };
            let expires = match &cookie.expires {
                // 0 is a session cookie: a cookie that expires at the epoch
                // has expired and is not here.
                CookieExpiration::AtUtc(t) => t.unix_timestamp().max(1),
                CookieExpiration::SessionEnd => 0,
            };
            let secure = match cookie.secure() {
                Some(true) => "TRUE",
                _ => "FALSE",
            };
            out.push_str(&format!(
                "{prefix}{domain}\t{subdomains}\t{}\t{secure}\t{expires}\t{}\t{}\n",
                String::from(&cookie.path),
                cookie.name(),
                cookie.value()
            ));
        }
        out
    }

    /// How many cookies are held (expired ones aside).
    pub fn len(&self) -> usize {
        self.store.iter_unexpired().count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A `Domain` attribute with no dot in it (`Domain=com`, `Domain=local`)
/// other than the host itself would hand the cookie to every site under
/// that label. Without a public suffix list this is the rule curl applies
/// when it is built without one.
fn too_wide(cookie: &RawCookie, url: &Url) -> bool {
    let Some(domain) = cookie.domain() else {
        return false;
    };
    let domain = domain.trim().trim_start_matches('.').to_ascii_lowercase();
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    !domain.contains('.') && domain != host
}

fn is_name(host: &str) -> bool {
    !matches!(Host::parse(host), Ok(Host::Ipv4(_) | Host::Ipv6(_))) && !host.starts_with('[')
}

/// One line of a jar.
struct Entry<'l> {
    domain: &'l str,
    subdomains: bool,
    path: &'l str,
    secure: bool,
    http_only: bool,
    /// `None`: a session cookie (0).
    expires: Option<OffsetDateTime>,
    name: &'l str,
    value: &'l str,
}

impl<'l> Entry<'l> {
    fn parse(line: &'l str) -> Result<Entry<'l>, &'static str> {
        let (http_only, line) = match line.strip_prefix(HTTP_ONLY_PREFIX) {
            Some(rest) => (true, rest),
            None => (false, line),
        };
        // curl refuses control characters in cookies too; one in a value
        // would break the Cookie header, a CR would not read back.
        if line.chars().any(|c| c.is_control() && c != '\t') {
            return Err("a control character (other than the tabs between fields)");
        }
        let fields: Vec<&str> = line.split('\t').collect();
        // curl writes a cookie with an empty value as six fields.
        let (domain, subdomains, path, secure, expires, name, value) = match fields[..] {
            [d, s, p, sec, e, n, v] => (d, s, p, sec, e, n, v),
            [d, s, p, sec, e, n] => (d, s, p, sec, e, n, ""),
            _ => return Err("expected 7 tab-separated fields (domain, subdomains, path, secure, expires, name, value)"),
        };
        let flag = |text: &str| match text {
            "TRUE" => Ok(true),
            "FALSE" => Ok(false),
            _ => Err("the subdomains and secure fields are TRUE or FALSE"),
        };
        let expires: i64 = expires
            .trim()
            .parse()
            .map_err(|_| "the expires field is not a number of seconds")?;
        let domain = domain.trim();
        if domain.is_empty() || name.is_empty() {
            return Err("a cookie needs a domain and a name");
        }
        Ok(Entry {
            domain,
            subdomains: flag(subdomains)?,
            path,
            secure: flag(secure)?,
            http_only,
            expires: match expires {
                0 => None,
                secs => Some(
                    OffsetDateTime::from_unix_timestamp(secs).unwrap_or(OffsetDateTime::UNIX_EPOCH),
                ),
            },
            name,
            value,
        })
    }

    /// The cookie as if `Set-Cookie` had said it, and the URL it came from.
    fn into_cookie(self) -> Result<(RawCookie<'static>, Url), &'static str> {
        let host = self.domain.trim_start_matches('.');
        let path = match self.path.starts_with('/') {
            true => self.path,
            false => "/",
        };
        let scheme = if self.secure { "https" } else { "http" };
        // The field must be a host and nothing else: `user@host`,
        // `host:port` or `host/path` would make the URL below name
        // another host than the field does.
        let not_host = "the domain field is not a host name";
        let parsed = Host::parse(host).map_err(|_| not_host)?;
        let url = Url::parse(&format!("{scheme}://{host}{path}")).map_err(|_| not_host)?;
        if url.host().map(|h| h.to_owned()) != Some(parsed) {
            return Err(not_host);
        }
        let mut cookie = RawCookie::build((self.name.to_string(), self.value.to_string()))
            .path(path.to_string())
            .secure(self.secure)
            .http_only(self.http_only);
        if self.subdomains {
            cookie = cookie.domain(host.to_string());
        }
        if let Some(at) = self.expires {
            cookie = cookie.expires(at);
        }
        Ok((cookie.build(), url))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    fn jar_with(from: &str, set_cookies: &[&str]) -> Jar {
        let mut jar = Jar::default();
        jar.store_from(&url(from), set_cookies.iter().map(|s| s.as_bytes()));
        jar
    }

    fn future() -> i64 {
        OffsetDateTime::now_utc().unix_timestamp() + 86_400
    }

    #[test]
    fn host_only_cookies_match_their_host_alone() {
        let jar = jar_with("http://app.example/login", &["sid=1; Path=/"]);
        assert_eq!(
            jar.header_for(&url("http://app.example/x")).as_deref(),
            Some("sid=1")
        );
        assert_eq!(jar.header_for(&url("http://sub.app.example/x")), None);
        assert_eq!(jar.header_for(&url("http://other.example/x")), None);
    }

    #[test]
    fn domain_cookies_match_subdomains() {
        let jar = jar_with("http://www.example.com/", &["a=1; Domain=example.com"]);
        for to in ["http://example.com/", "http://api.example.com/x"] {
            assert_eq!(jar.header_for(&url(to)).as_deref(), Some("a=1"), "{to}");
        }
        assert_eq!(jar.header_for(&url("http://badexample.com/")), None);
    }

    #[test]
    fn a_cookie_for_another_domain_or_a_bare_label_is_dropped() {
        let jar = jar_with(
            "http://www.example.com/",
            &[
                "a=1; Domain=other.com",
                "b=2; Domain=com",
                "c=3; Domain=.com",
            ],
        );
        assert!(jar.is_empty(), "{}", jar.to_netscape());
    }

    #[test]
    fn paths_match_by_prefix_and_longer_paths_go_first() {
        let jar = jar_with(
            "http://h.example/",
            &["root=1; Path=/", "api=2; Path=/api", "apix=3; Path=/apix"],
        );
        assert_eq!(
            jar.header_for(&url("http://h.example/api/items"))
                .as_deref(),
            Some("api=2; root=1")
        );
        assert_eq!(
            jar.header_for(&url("http://h.example/other")).as_deref(),
            Some("root=1")
        );
    }

    #[test]
    fn secure_cookies_go_over_https_only() {
        let jar = jar_with("https://h.example/", &["s=1; Secure", "p=2"]);
        assert_eq!(
            jar.header_for(&url("http://h.example/")).as_deref(),
            Some("p=2")
        );
        assert_eq!(
            jar.header_for(&url("https://h.example/")).as_deref(),
            Some("s=1; p=2")
        );
    }

    #[test]
    fn expired_and_max_age_zero_cookies_are_not_sent() {
        let jar = jar_with(
            "http://h.example/",
            &[
                "old=1; Expires=Thu, 01 Jan 1970 00:00:10 GMT",
                "gone=2; Max-Age=0",
                "kept=3; Max-Age=3600",
            ],
        );
        assert_eq!(
            jar.header_for(&url("http://h.example/")).as_deref(),
            Some("kept=3")
        );
    }

    #[test]
    fn max_age_wins_over_expires_and_can_remove_a_cookie() {
        let mut jar = jar_with(
            "http://h.example/",
            &["a=1; Max-Age=3600; Expires=Thu, 01 Jan 1970 00:00:10 GMT"],
        );
        assert_eq!(
            jar.header_for(&url("http://h.example/")).as_deref(),
            Some("a=1")
        );
        jar.store_from(
            &url("http://h.example/"),
            [&b"a=x; Max-Age=0"[..]].into_iter(),
        );
        assert_eq!(jar.header_for(&url("http://h.example/")), None);
    }

    #[test]
    fn a_saved_jar_reads_back_the_same() {
        let jar = jar_with(
            "https://www.example.com/app/login",
            &[
                "sid=abc; Path=/; HttpOnly",
                "pref=dark; Domain=example.com; Path=/app; Max-Age=3600",
                "tok=t; Secure",
            ],
        );
        let text = jar.to_netscape();
        assert!(text.starts_with("# Netscape HTTP Cookie File\n"), "{text}");
        let line = |name: &str| -> Vec<String> {
            let found = text
                .lines()
                .find(|l| l.split('\t').nth(5) == Some(name))
                .unwrap_or_else(|| panic!("no {name} in {text}"));
            found.split('\t').map(str::to_string).collect()
        };
        assert_eq!(
            line("sid"),
            [
                "#HttpOnly_www.example.com",
                "FALSE",
                "/",
                "FALSE",
                "0",
                "sid",
                "abc"
            ]
        );
        let pref = line("pref");
        assert_eq!(pref[..4], [".example.com", "TRUE", "/app", "FALSE"]);
        assert!(pref[4].parse::<i64>().unwrap() > future() - 86_400);
        assert_eq!(pref[5..], ["pref", "dark"]);
        // No Path attribute: the default path of /app/login is /app.
        assert_eq!(
            line("tok"),
            ["www.example.com", "FALSE", "/app", "TRUE", "0", "tok", "t"]
        );

        let mut back = Jar::default();
        assert_eq!(back.read(&text), Ok(None));
        assert_eq!(back.to_netscape(), text);
    }

    /// Found by the `cookie_jar` fuzz target: a domain field with `@` in
    /// it was read as a URL's user name and host, so `127.@.0r.` held a
    /// cookie for the host `.0r.`; such a field now names its line.
    #[test]
    fn a_domain_field_that_is_not_a_host_is_refused() {
        for domain in [
            "127.@.0r.",
            "user@bank.example",
            "a.example:8080",
            "a.example/x",
            "a b",
        ] {
            let mut jar = Jar::default();
            let error = jar
                .read(&format!("# jar\n{domain}\tFALSE\t/\tFALSE\t0\tk\tv\n"))
                .unwrap_err();
            assert_eq!(
                error,
                JarError {
                    line: 2,
                    problem: "the domain field is not a host name".into()
                },
                "{domain}"
            );
        }
        let mut jar = Jar::default();
        jar.read("[::1]\tFALSE\t/\tFALSE\t0\tk\tv\n").unwrap();
        assert_eq!(
            jar.header_for(&url("http://[::1]/")).as_deref(),
            Some("k=v")
        );
    }

    /// Found by the `cookie_jar` fuzz target: a value that ended in CRs
    /// lost one each time the jar was written and read again (a line's
    /// last CR is its line end); a control character in a cookie would
    /// also break the Cookie header.
    #[test]
    fn a_jar_line_with_a_control_character_is_refused() {
        for value in ["a\rb", "v\r\r", "a\0b", "a\x1bb", "a\u{7f}"] {
            let mut jar = Jar::default();
            let error = jar
                .read(&format!("h.example\tFALSE\t/\tFALSE\t0\tk\t{value}\r\n"))
                .unwrap_err();
            assert_eq!(error.line, 1, "{value:?}");
            assert_eq!(
                error.problem, "a control character (other than the tabs between fields)",
                "{value:?}"
            );
        }
        let mut jar = Jar::default();
        jar.read("h.example\tFALSE\t/\tFALSE\t0\tk\tv w\r\n")
            .unwrap();
        assert_eq!(
            jar.header_for(&url("http://h.example/")).as_deref(),
            Some("k=v w")
        );
    }

    #[test]
    fn curl_jar_lines_are_read() {
        let text = format!(
            "# Netscape HTTP Cookie File\n\
             # https://curl.se/docs/http-cookies.html\n\n\
             #HttpOnly_127.0.0.1\tFALSE\t/\tFALSE\t0\tsid\ts1\n\
             .example.com\tTRUE\t/\tFALSE\t{}\tlang\ten\n\
             example.com\tFALSE\t/\tFALSE\t0\tempty\n\
             example.com\tFALSE\t/\tFALSE\t100\told\tx\n",
            future()
        );
        let mut jar = Jar::default();
        assert_eq!(jar.read(&text), Ok(None));
        assert_eq!(
            jar.header_for(&url("http://127.0.0.1:8080/x")).as_deref(),
            Some("sid=s1")
        );
        assert_eq!(
            jar.header_for(&url("http://example.com/")).as_deref(),
            Some("lang=en; empty=")
        );
        assert_eq!(
            jar.header_for(&url("http://www.example.com/")).as_deref(),
            Some("lang=en")
        );
    }

    #[test]
    fn a_bad_jar_line_is_named() {
        let read = |text: &str| Jar::default().read(text);
        let err = read("# c\n\nexample.com\tFALSE\t/\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.problem.contains("7 tab-separated fields"), "{err:?}");
        let err = read("h\tYES\t/\tFALSE\t0\tn\tv\n").unwrap_err();
        assert_eq!(err.line, 1);
        let err = read("h\tFALSE\t/\tFALSE\tsoon\tn\tv\n").unwrap_err();
        assert!(err.problem.contains("expires"), "{err:?}");
    }

    #[test]
    fn a_cookie_line_file_is_sent_as_it_is() {
        for text in [
            "a=1; b=2\n",
            "Cookie: a=1; b=2\r\n",
            "# mine\ncookie:a=1; b=2",
        ] {
            let mut jar = Jar::default();
            assert_eq!(
                jar.read(text),
                Ok(Some(CookieLine("a=1; b=2".into()))),
                "{text:?}"
            );
            assert!(jar.is_empty());
        }
        let err = Jar::default().read("a=1\nb=2\n").unwrap_err();
        assert_eq!(err.line, 2);
    }

    #[test]
    fn an_empty_file_is_an_empty_jar() {
        let mut jar = Jar::default();
        assert_eq!(jar.read("# Netscape HTTP Cookie File\n\n"), Ok(None));
        assert!(jar.is_empty());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// A Set-Cookie line: a name, a value, and some of the attributes.
        fn set_cookie() -> impl Strategy<Value = String> {
            (
                "[a-zA-Z][a-zA-Z0-9_]{0,6}",
                "[a-zA-Z0-9%._~-]{0,10}",
                prop::sample::select(vec!["", "; Domain=example.com", "; Domain=www.example.com"]),
                prop::sample::select(vec!["", "; Path=/", "; Path=/a", "; Path=/a/b/c"]),
                prop::sample::select(vec!["", "; Secure", "; HttpOnly", "; Secure; HttpOnly"]),
                prop::sample::select(vec![
                    "",
                    "; Max-Age=600",
                    "; Expires=Fri, 01 Jan 2100 00:00:00 GMT",
                ]),
            )
                .prop_map(|(n, v, d, p, f, e)| format!("{n}={v}{d}{p}{f}{e}"))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            #[test]
            fn a_written_jar_reads_back_the_same(lines in prop::collection::vec(set_cookie(), 0..8)) {
                let jar = jar_with("https://www.example.com/a/b", &lines.iter().map(String::as_str).collect::<Vec<_>>());
                let text = jar.to_netscape();
                let mut back = Jar::default();
                prop_assert_eq!(back.read(&text), Ok(None));
                prop_assert_eq!(back.to_netscape(), text);
                for to in ["https://www.example.com/a/b/c", "http://example.com/", "https://sub.www.example.com/a"] {
                    prop_assert_eq!(back.header_for(&url(to)), jar.header_for(&url(to)));
                }
            }

            #[test]
            fn any_file_is_read_or_names_a_line_within_it(text in "[\\PC\t\n#=;]{0,300}") {
                let lines = text.lines().count().max(1);
                if let Err(e) = Jar::default().read(&text) {
                    prop_assert!(e.line >= 1 && e.line <= lines, "{:?} of {}", e, lines);
                }
            }
        }
    }
}
