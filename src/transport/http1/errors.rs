//! ureq's errors, as they really arrive (not always the variant their name
//! suggests: a DNS failure is an `Io` whose text says so), mapped
//! to an exit code and a cause in words.

use std::io;

use ureq::Error;

use super::framing::Malformed;
use crate::exit::{Exit, ExitError, Phase};
use crate::text::{io_words, seconds as describe_duration};
use crate::transport::connect::socket::Unreachable;
use crate::transport::Settings;

/// A failure before the response head arrived; `proxy` is the proxy as
/// shown, when the request went through one.
pub fn request_failure(
    err: Error,
    url: &str,
    settings: &Settings,
    proxy: Option<&str>,
) -> ExitError {
    let (exit, mut cause) = classify(&err, Phase::Response, settings);
    // Through a proxy every connection goes to the proxy: say so.
    if let Some(proxy) = proxy {
        if matches!(exit, Exit::Connect | Exit::Resolve)
            && !matches!(err, Error::ConnectProxyFailed(_))
        {
            cause = format!("proxy {proxy}: {cause}");
        }
    }
    ExitError {
        transient: is_transient(&err, exit),
        phase: Some(phase_of(&err)),
        ..ExitError::new(exit, cause).about(url)
    }
}

/// A failure while reading the body.
pub fn body_failure(err: io::Error, url: &str, settings: &Settings, reset: bool) -> ExitError {
    let err = Error::from(err);
    if reset && matches!(&err, Error::Io(io) if io.kind() == io::ErrorKind::UnexpectedEof) {
        // ureq reports a reset inside a body as an early end.
        return ExitError {
            transient: true,
            ..ExitError::new(Exit::Receive, "connection reset by the server")
                .about(url)
                .in_phase(Phase::Body)
        };
    }
    let (exit, cause) = classify(&err, Phase::Body, settings);
    ExitError {
        transient: is_transient(&err, exit),
        ..ExitError::new(exit, cause).about(url).in_phase(Phase::Body)
    }
}

/// Before the head: was the connection still being set up?
fn phase_of(err: &Error) -> Phase {
    use ureq::Timeout as T;
    match err {
        Error::Timeout(T::Resolve | T::Connect)
        | Error::HostNotFound
        | Error::ConnectionFailed
        | Error::ConnectProxyFailed(_)
        | Error::Tls(_)
        | Error::Rustls(_)
        | Error::Pem(_)
        | Error::TlsRequired => Phase::Connect,
        Error::Io(io) if io.kind() == io::ErrorKind::ConnectionRefused => Phase::Connect,
        _ => Phase::Response,
    }
}

/// What `--retry` tries again: refused or reset connections, timeouts and
/// DNS failures (the statuses are the registry's business). A broken pipe
/// is a reset met while sending: the server had closed the connection
/// (a Unix socket reports a closed peer so, at the first write).
fn is_transient(err: &Error, exit: Exit) -> bool {
    let reset = matches!(err, Error::Io(io) if matches!(
        io.kind(),
        io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::BrokenPipe
    ));
    reset || matches!(exit, Exit::Connect | Exit::Resolve | Exit::Timeout)
}

fn classify(err: &Error, phase: Phase, s: &Settings) -> (Exit, String) {
    use ureq::Timeout as T;
    match err {
        Error::Timeout(t) => {
            let what = match t {
                T::Resolve | T::Connect => {
                    format!(
                        "timed out after {} while connecting",
                        describe_duration(s.connect_timeout)
                    )
                }
                T::Global | T::PerCall => match s.max_time {
                    Some(max) => format!("timed out after {} (--max-time)", describe_duration(max)),
                    None => "timed out".to_string(),
                },
                T::PerRead if phase == Phase::Body => format!(
                    "timed out: no data for {} while reading the body",
                    describe_duration(s.idle_timeout)
                ),
                T::PerRead | T::RecvResponse => format!(
                    "timed out after {} waiting for the response",
                    describe_duration(s.idle_timeout)
                ),
                T::RecvBody => "timed out while reading the body".to_string(),
                _ => "timed out while sending the request".to_string(),
            };
            (Exit::Timeout, what)
        }
        Error::HostNotFound => (Exit::Resolve, "could not resolve host".into()),
        Error::ConnectionFailed => (Exit::Connect, "could not connect".into()),
        Error::TooManyRedirects => (Exit::TooManyRedirects, "too many redirects".into()),
        Error::Protocol(p) => (Exit::Receive, protocol_words(&p.to_string())),
        Error::LargeResponseHeader(_, max) => (
            Exit::Receive,
            format!("malformed response: the response head is larger than {max} bytes"),
        ),
        Error::Tls(m) => (Exit::Tls, format!("TLS failure: {m}")),
        Error::Rustls(e) => (Exit::Tls, tls_words(e)),
        Error::Pem(e) => (Exit::Tls, format!("TLS failure: {e}")),
        Error::TlsRequired => (Exit::Tls, "TLS required".into()),
        Error::ConnectProxyFailed(m) => (Exit::Connect, proxy_refusal(m)),
        // ureq's reader gives up when input arrives that it cannot use: a
        // chunk-size line or extension longer than its buffer.
        Error::BodyStalled => (
            Exit::Receive,
            "malformed response: invalid chunked encoding".into(),
        ),
        Error::InvalidProxyUrl => (Exit::Usage, "invalid proxy URL".into()),
        Error::BadUri(m) => (Exit::Usage, format!("invalid URL: {m}")),
        Error::Http(e) => (Exit::Usage, format!("invalid request: {e}")),
        Error::Io(io) => classify_io(io, phase),
        other => (Exit::Failure, other.to_string()),
    }
}

fn classify_io(io: &io::Error, phase: Phase) -> (Exit, String) {
    use io::ErrorKind as K;
    if let Some(tls) = io.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>()) {
        return (Exit::Tls, tls_words(tls));
    }
    if let Some(unreachable) = io.get_ref().and_then(|e| e.downcast_ref::<Unreachable>()) {
        return (Exit::Connect, unreachable.to_string());
    }
    if let Some(bound) = io.get_ref().and_then(|e| e.downcast_ref::<Malformed>()) {
        return (Exit::Receive, format!("malformed response: {bound}"));
    }
    let text = io.to_string();
    match io.kind() {
        K::ConnectionRefused => (Exit::Connect, "connection refused".into()),
        K::HostUnreachable | K::NetworkUnreachable | K::NetworkDown | K::AddrNotAvailable => (
            Exit::Connect,
            format!("could not connect: {}", io_words(io)),
        ),
        K::TimedOut => (Exit::Timeout, "timed out".into()),
        K::UnexpectedEof if phase == Phase::Body => (
            Exit::PartialBody,
            "the body ended early: the connection closed before all of it arrived".into(),
        ),
        K::UnexpectedEof => (
            Exit::EmptyReply,
            "empty reply: the server closed the connection without a response".into(),
        ),
        K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe => {
            (Exit::Receive, "connection reset by the server".into())
        }
        K::InvalidData | K::InvalidInput if phase == Phase::Body => (
            Exit::Receive,
            format!("cannot decode the body: {}", io_words(io)),
        ),
        K::InvalidData => (
            Exit::Receive,
            format!("malformed response: {}", io_words(io)),
        ),
        _ if text.starts_with("failed to lookup address") => {
            (Exit::Resolve, "could not resolve host".into())
        }
        _ => (Exit::Receive, io_words(io)),
    }
}

/// ureq-proto's parse errors, in words. It reads at most 128 header lines:
/// `MAX_RESPONSE_HEADERS` (ureq-proto 0.7.1, `src/client/mod.rs`) is a
/// `pub const`, the size of the httparse array `try_parse_response` makes
/// on the stack, and no ureq `Config` setting reaches it. The wire tap
/// could join repeated fields into one line before ureq parses the head
/// (RFC 9110 §5.3), but not `Set-Cookie` nor fields of different names,
/// the usual cause of a long head; and `-i`, `-D`, `-w` and the
/// `--expect-header` checks would then see joined values instead of the
/// lines received. So the limit stays, and the message names it.
fn protocol_words(text: &str) -> String {
    match text {
        "http parse resulted in too many headers" => {
            "malformed response: more than 128 header lines (the limit of ureq, httpc's HTTP library)"
                .to_string()
        }
        _ => format!("malformed response: {text}"),
    }
}

/// ureq says `proxy server responded 407/407`; httpc says
/// `proxy refused the tunnel: 407 Proxy Authentication Required`.
fn proxy_refusal(message: &str) -> String {
    let code = message
        .strip_prefix("proxy server responded ")
        .and_then(|rest| rest.split('/').next())
        .and_then(|c| c.trim().parse::<u16>().ok());
    match code {
        Some(code) => {
            let reason = crate::status::reason(code).unwrap_or_default();
            format!("proxy refused the tunnel: {code} {reason}")
                .trim_end()
                .to_string()
        }
        None => format!("proxy failed: {message}"),
    }
}

/// A rustls error in words a user can act on.
fn tls_words(e: &rustls::Error) -> String {
    use rustls::CertificateError as C;
    match e {
        rustls::Error::InvalidCertificate(c) => match c {
            C::UnknownIssuer => "certificate not trusted (unknown issuer; see --cacert)".into(),
            C::Expired | C::ExpiredContext { .. } => "certificate expired".into(),
            C::NotValidYet | C::NotValidYetContext { .. } => "certificate not valid yet".into(),
            C::NotValidForNameContext {
                expected,
                presented,
            } => {
                let names: Vec<String> = presented.iter().map(|p| plain_name(p)).collect();
                format!(
                    "certificate is for {}, not {}",
                    names.join(", "),
                    server_name(expected)
                )
            }
            C::NotValidForName => "certificate is not valid for this host".into(),
            C::Revoked => "certificate revoked".into(),
            C::BadSignature => "certificate has a bad signature".into(),
            C::Other(o) if o.to_string().contains("CaUsedAsEndEntity") => {
                "certificate rejected: the server presented a CA certificate as its own".into()
            }
            C::UnknownRevocationStatus => "certificate revocation status unknown".into(),
            C::InvalidPurpose | C::InvalidPurposeContext { .. } => {
                "certificate is not for server authentication".into()
            }
            C::BadEncoding => "certificate is malformed".into(),
            C::UnhandledCriticalExtension => {
                "certificate has an unsupported critical extension".into()
            }
            _ => format!("certificate rejected: {e}"),
        },
        other => format!("TLS failure: {other}"),
    }
}

/// `DnsName("a.example")` as rustls lists presented names → `a.example`.
/// A name the certificate presents, as rustls shows it (`DnsName("a")`,
/// `IpAddress(127.0.0.1)`), without the wrapping.
fn plain_name(presented: &str) -> String {
    if let Some(ip) = presented
        .strip_prefix("IpAddress(")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        return ip.to_string();
    }
    match (presented.find('"'), presented.rfind('"')) {
        (Some(a), Some(b)) if b > a => presented[a + 1..b].to_string(),
        _ => presented.to_string(),
    }
}

fn server_name(name: &rustls::pki_types::ServerName) -> String {
    match name {
        rustls::pki_types::ServerName::DnsName(d) => d.as_ref().to_string(),
        rustls::pki_types::ServerName::IpAddress(ip) => std::net::IpAddr::from(*ip).to_string(),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::plain_name;

    #[test]
    fn presented_names_lose_rustls_wrapping() {
        assert_eq!(plain_name("DnsName(\"example.com\")"), "example.com");
        assert_eq!(plain_name("IpAddress(127.0.0.1)"), "127.0.0.1");
        assert_eq!(plain_name("IpAddress(::1)"), "::1");
        assert_eq!(plain_name("something else"), "something else");
    }
}
