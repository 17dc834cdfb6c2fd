//! Following a redirect, as a pure function: from the request that was
//! sent and the redirect response, the request to send next (RFC 9110
//! §15.4). The loop that sends and counts hops is `Client::send`.

use url::Url;

use crate::exit::{Exit, ExitError};
use crate::spec::{Body, Method, RequestSpec};
use crate::text::{display_url, redact_url_text, Secrets};

/// One request of a redirect chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Hop {
    pub method: Method,
    pub url: Url,
    pub headers: Vec<(String, String)>,
    pub body: Body,
}

impl Hop {
    pub fn first(spec: &RequestSpec) -> Hop {
        Hop {
            method: spec.method.clone(),
            url: spec.url.clone(),
            headers: spec.headers.clone(),
            body: spec.body.clone(),
        }
    }
}

/// The statuses `-L` follows (304 is not a redirect to follow).
pub fn is_redirect(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

/// Credentials that stay with the origin they were given for.
const ORIGIN_BOUND: &[&str] = &["authorization", "proxy-authorization", "cookie"];

/// The hop after `hop` was answered with `status` and `location`.
/// `first` is the URL the user gave: credentials are dropped once a hop
/// leaves its origin (scheme, host and port), and stay dropped. URLs in
/// errors hide what `secrets` says.
///
/// - 303 turns any method but HEAD into GET, and 301/302 turn POST into
///   GET, as browsers and curl do; the body and its Content-Type go.
/// - Other redirects send the same method and body again; a body read
///   from stdin cannot be read twice, so that is an error.
pub fn next_hop(
    hop: &Hop,
    first: &Url,
    status: u16,
    location: &str,
    secrets: &Secrets,
) -> Result<Hop, ExitError> {
    let shown = display_url(&hop.url, secrets);
    let url = hop.url.join(location).map_err(|e| {
        ExitError::new(
            Exit::Receive,
            format!(
                "invalid redirect Location '{}': {e}",
                redact_url_text(location, secrets)
            ),
        )
        .about(&shown)
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(ExitError::new(
            Exit::Failure,
            format!(
                "refusing to follow a redirect to '{}'",
                display_url(&url, secrets)
            ),
        )
        .about(&shown));
    }
    let mut next = Hop { url, ..hop.clone() };
    if origin(&next.url) != origin(first) {
        next.headers
            .retain(|(name, _)| !ORIGIN_BOUND.contains(&name.as_str()));
    }
    let to_get = status == 303 && hop.method != Method::Head
        || matches!(status, 301 | 302) && hop.method == Method::Post;
    if to_get {
        next.method = Method::Get;
        next.body = Body::None;
        next.headers.retain(|(name, _)| name != "content-type");
    } else if !hop.body.can_resend() {
        return Err(ExitError::new(
            Exit::Failure,
            format!(
                "cannot follow the {status} redirect: the body came from stdin and cannot be sent again"
            ),
        )
        .about(&shown));
    }
    Ok(next)
}

fn origin(url: &Url) -> (&str, Option<&str>, Option<u16>) {
    (url.scheme(), url.host_str(), url.port_or_known_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hop(method: Method, url: &str, body: Body) -> Hop {
        Hop {
            method,
            url: Url::parse(url).unwrap(),
            headers: vec![
                ("authorization".into(), "Basic dTpw".into()),
                ("cookie".into(), "a=b".into()),
                ("content-type".into(), "application/json".into()),
                ("x-trace".into(), "1".into()),
            ],
            body,
        }
    }

    fn names(hop: &Hop) -> Vec<&str> {
        hop.headers.iter().map(|(n, _)| n.as_str()).collect()
    }

    fn first() -> Url {
        Url::parse("http://a.example/start").unwrap()
    }

    #[test]
    fn see_other_turns_a_post_into_a_get_without_its_body() {
        let post = hop(
            Method::Post,
            "http://a.example/start",
            Body::Bytes(b"{}".to_vec()),
        );
        let next = next_hop(&post, &first(), 303, "/done", &Secrets::default()).unwrap();
        assert_eq!(next.method, Method::Get);
        assert_eq!(next.body, Body::None);
        assert_eq!(next.url.as_str(), "http://a.example/done");
        assert_eq!(names(&next), ["authorization", "cookie", "x-trace"]);
    }

    #[test]
    fn a_head_stays_a_head_after_see_other() {
        let head = hop(Method::Head, "http://a.example/start", Body::None);
        assert_eq!(
            next_hop(&head, &first(), 303, "/x", &Secrets::default())
                .unwrap()
                .method,
            Method::Head
        );
    }

    #[test]
    fn moved_and_found_turn_only_post_into_get() {
        for status in [301, 302] {
            let post = hop(
                Method::Post,
                "http://a.example/start",
                Body::Bytes(b"x".to_vec()),
            );
            assert_eq!(
                next_hop(&post, &first(), status, "/n", &Secrets::default())
                    .unwrap()
                    .method,
                Method::Get
            );
            let put = hop(
                Method::Put,
                "http://a.example/start",
                Body::Bytes(b"x".to_vec()),
            );
            let next = next_hop(&put, &first(), status, "/n", &Secrets::default()).unwrap();
            assert_eq!(next.method, Method::Put);
            assert_eq!(next.body, Body::Bytes(b"x".to_vec()));
        }
    }

    #[test]
    fn temporary_and_permanent_redirects_resend_the_body() {
        for status in [307, 308] {
            let post = hop(
                Method::Post,
                "http://a.example/start",
                Body::Bytes(b"x".to_vec()),
            );
            let next = next_hop(&post, &first(), status, "b", &Secrets::default()).unwrap();
            assert_eq!(next.method, Method::Post);
            assert_eq!(next.body, Body::Bytes(b"x".to_vec()));
            assert_eq!(next.url.as_str(), "http://a.example/b");
            assert!(names(&next).contains(&"content-type"));
        }
    }

    #[test]
    fn a_body_from_stdin_cannot_be_sent_twice() {
        let post = hop(Method::Post, "http://a.example/start", Body::Stdin);
        let err = next_hop(&post, &first(), 307, "/again", &Secrets::default()).unwrap_err();
        assert_eq!(err.exit, Exit::Failure);
        assert_eq!(err.subject.as_deref(), Some("http://a.example/start"));
        assert_eq!(
            err.cause,
            "cannot follow the 307 redirect: the body came from stdin and cannot be sent again"
        );
        // A 303 drops the body, so stdin is no obstacle.
        assert!(next_hop(&post, &first(), 303, "/again", &Secrets::default()).is_ok());
    }

    #[test]
    fn credentials_stay_with_their_origin() {
        let get = hop(Method::Get, "http://a.example/start", Body::None);
        for elsewhere in [
            "http://b.example/",
            "https://a.example/",
            "http://a.example:8080/",
        ] {
            let next = next_hop(&get, &first(), 302, elsewhere, &Secrets::default()).unwrap();
            assert_eq!(names(&next), ["content-type", "x-trace"], "{elsewhere}");
        }
        let same = next_hop(
            &get,
            &first(),
            302,
            "http://a.example:80/other",
            &Secrets::default(),
        )
        .unwrap();
        assert_eq!(names(&same), names(&get));
    }

    #[test]
    fn only_http_and_https_are_followed() {
        let get = hop(Method::Get, "http://u:secret@a.example/start", Body::None);
        let err = next_hop(
            &get,
            &first(),
            302,
            "ftp://u:pw@files.example/x",
            &Secrets::default(),
        )
        .unwrap_err();
        assert_eq!(err.exit, Exit::Failure);
        assert_eq!(err.subject.as_deref(), Some("http://u:***@a.example/start"));
        assert_eq!(
            err.cause,
            "refusing to follow a redirect to 'ftp://u:***@files.example/x'"
        );
    }

    #[test]
    fn an_unusable_location_is_a_malformed_response() {
        let get = hop(Method::Get, "http://a.example/start", Body::None);
        let err = next_hop(&get, &first(), 302, "http://[::1", &Secrets::default()).unwrap_err();
        assert_eq!(err.exit, Exit::Receive);
        assert!(
            err.cause
                .starts_with("invalid redirect Location 'http://[::1': "),
            "{}",
            err.cause
        );
    }

    #[test]
    fn only_the_five_redirect_statuses_are_followed() {
        let followed: Vec<u16> = (300..=309).filter(|&s| is_redirect(s)).collect();
        assert_eq!(followed, [301, 302, 303, 307, 308]);
    }
}
