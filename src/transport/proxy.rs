//! Which proxy a URL goes through: `-x` first, else the environment by the
//! target's scheme as curl does (`https_proxy`/`HTTPS_PROXY` for https,
//! `http_proxy`/`HTTP_PROXY` for http, then `ALL_PROXY`), unless the host is
//! excluded by `--noproxy` or `NO_PROXY`. ureq's own detection uses one
//! proxy for every scheme and does not trim NO_PROXY entries, so httpc
//! decides itself and hands ureq the answer.

use url::Url;

pub fn choose(
    url: &Url,
    flag: Option<&str>,
    noproxy_flag: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    let env_any = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| env(n).filter(|v| !v.trim().is_empty()))
    };
    let host = url.host_str().unwrap_or_default();
    let noproxy = noproxy_flag
        .map(str::to_string)
        .or_else(|| env_any(&["no_proxy", "NO_PROXY"]));
    if noproxy.is_some_and(|list| excluded(host, &list)) {
        return None;
    }
    if let Some(p) = flag {
        return (!p.is_empty()).then(|| p.to_string());
    }
    let by_scheme: &[&str] = match url.scheme() {
        "https" => &["https_proxy", "HTTPS_PROXY"],
        _ => &["http_proxy", "HTTP_PROXY"],
    };
    env_any(by_scheme).or_else(|| env_any(&["all_proxy", "ALL_PROXY"]))
}

/// NO_PROXY: comma-separated, spaces ignored; `*` matches every host; an
/// entry matches the host itself and its subdomains (`.corp` and `corp`
/// both match `a.corp`).
fn excluded(host: &str, list: &str) -> bool {
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase();
    list.split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .any(|entry| {
            if entry == "*" {
                return true;
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
        choose(&Url::parse(url).unwrap(), flag, noproxy, &env_of(env))
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
