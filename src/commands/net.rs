//! curl's network options as typed (`--proto`, `--proto-redir`, the TLS
//! version flags, `-U`, SOCKS): checked, then turned into the transport's
//! settings. Everything wrong here is a usage error, before anything is
//! sent.

use anyhow::Result;

use crate::cli::NetArgs;
use crate::exit::usage;
use crate::output::notice::Notices;
use crate::spec::proto::Protocols;
use crate::transport::{Settings, TlsVersion, TlsVersions};

/// `settings` with what the network options change.
pub fn apply(net: &NetArgs, notices: &Notices, settings: Settings) -> Result<Settings> {
    let versions = tls_versions(net)?;
    Ok(Settings {
        protocols: protocols(&net.proto, "--proto", notices)?,
        redirect_protocols: protocols(&net.proto_redir, "--proto-redir", notices)?,
        tls: settings.tls.clone().with_versions(versions),
        proxy_user: proxy_user(net.proxy_user.as_deref())?,
        proxy: socks_proxy(net)?.or(settings.proxy.clone()),
        ..settings
    })
}

/// `--socks5 HOST:PORT` and `--socks5-hostname HOST:PORT`: the proxy, as
/// if given with `-x socks5://` or `socks5h://` (they win over `-x`, as
/// in curl).
fn socks_proxy(net: &NetArgs) -> Result<Option<String>> {
    let (scheme, flag, arg) = match (&net.socks5, &net.socks5_hostname) {
        (Some(arg), _) => ("socks5", "--socks5", arg),
        (None, Some(arg)) => ("socks5h", "--socks5-hostname", arg),
        (None, None) => return Ok(None),
    };
    let arg = arg.trim();
    if arg.is_empty() || arg.contains("://") && !arg.starts_with("socks") {
        return Err(usage(format!(
            "{flag}: expected HOST:PORT, got '{}'",
            crate::text::redact_url_text(arg, &Default::default())
        )));
    }
    Ok(Some(match arg.contains("://") {
        true => arg.to_string(),
        false => format!("{scheme}://{arg}"),
    }))
}

/// `--proto LIST` (repeated: the lists one after the other, as curl
/// reads them). Names curl would not know earn a warning, as in curl.
fn protocols(lists: &[String], flag: &str, notices: &Notices) -> Result<Protocols> {
    if lists.is_empty() {
        return Ok(Protocols::ALL);
    }
    let (set, unknown) =
        Protocols::parse(&lists.join(",")).map_err(|e| usage(format!("{flag}: {e}")))?;
    for name in unknown {
        notices.warn(format_args!("{flag}: unrecognized protocol '{name}'"));
    }
    Ok(set)
}

/// `--tlsv1.x` (the last one given; clap keeps only it) and `--tls-max`.
/// A lowest version above the highest is a usage error.
fn tls_versions(net: &NetArgs) -> Result<TlsVersions> {
    let min = match net.tlsv1_3 {
        true => TlsVersion::V1_3,
        false => TlsVersion::V1_2,
    };
    let max = match net.tls_max.as_deref().map(str::trim) {
        None | Some("default") | Some("1.3") => TlsVersion::V1_3,
        Some("1.2") => TlsVersion::V1_2,
        Some(old @ ("1.0" | "1.1")) => {
            return Err(usage(format!(
                "--tls-max {old}: TLS {old} is not supported (rustls speaks TLS 1.2 and 1.3)"
            )))
        }
        Some(other) => {
            return Err(usage(format!(
                "--tls-max: '{other}' is not a TLS version (1.2, 1.3 or default)"
            )))
        }
    };
    if min > max {
        return Err(usage(
            "--tlsv1.3 asks for TLS 1.3 or later, --tls-max 1.2 for 1.2 or earlier: no version is left",
        ));
    }
    Ok(TlsVersions { min, max })
}

/// `-U USER:PASS` (`-U USER`: an empty password, as `-u USER`).
fn proxy_user(arg: Option<&str>) -> Result<Option<String>> {
    let Some(user) = arg else {
        return Ok(None);
    };
    if user.contains(['\r', '\n']) {
        return Err(usage("-U: the credentials hold a line break"));
    }
    Ok(Some(match user.contains(':') {
        true => user.to_string(),
        false => format!("{user}:"),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn versions(min13: bool, max: Option<&str>) -> Result<TlsVersions> {
        tls_versions(&NetArgs {
            tlsv1_3: min13,
            tls_max: max.map(str::to_string),
            ..NetArgs::default()
        })
    }

    #[test]
    fn tls_versions_are_a_range() {
        let v = versions(false, None).unwrap();
        assert_eq!((v.min, v.max), (TlsVersion::V1_2, TlsVersion::V1_3));
        let v = versions(false, Some("1.2")).unwrap();
        assert_eq!((v.min, v.max), (TlsVersion::V1_2, TlsVersion::V1_2));
        let v = versions(true, Some("1.3")).unwrap();
        assert_eq!((v.min, v.max), (TlsVersion::V1_3, TlsVersion::V1_3));
    }

    #[test]
    fn impossible_tls_versions_are_usage_errors() {
        for (min13, max) in [(true, "1.2"), (false, "1.1"), (false, "1.0"), (false, "2")] {
            let err = versions(min13, Some(max)).unwrap_err();
            assert_eq!(
                crate::exit::exit_for(&err),
                crate::exit::Exit::Usage,
                "{err}"
            );
        }
    }

    #[test]
    fn proxy_user_without_a_colon_has_an_empty_password() {
        assert_eq!(proxy_user(Some("u")).unwrap().as_deref(), Some("u:"));
        assert_eq!(proxy_user(Some("u:p:q")).unwrap().as_deref(), Some("u:p:q"));
        assert!(proxy_user(Some("u:p\r\nX: y")).is_err());
    }
}
