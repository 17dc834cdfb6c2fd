//! The HTTP status code registry: data, lookup and search.
//!
//! One table, [`REGISTRY`], holds every code of the IANA HTTP Status Code
//! Registry (RFC 9110, Section 16.2.1, and the RFCs that added codes since).
//! It is shared by `httpc status-codes`, by messages such as
//! `HTTP 404 Not Found`, and by the retry rules, so all three agree on a
//! reason phrase and on which statuses are transient.

use std::fmt;

/// One registered status code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusCode {
    pub code: u16,
    /// The registry's reason phrase (`Not Found`).
    pub reason: &'static str,
    /// One sentence saying what the status means.
    pub description: &'static str,
    /// Where it is defined (`RFC 9110, Section 15.5.5`).
    pub reference: &'static str,
    /// Whether `--retry` treats the status as a transient failure.
    pub retryable: bool,
}

impl StatusCode {
    /// The class of the code: every registered code is in 100–599.
    pub fn class(&self) -> Class {
        Class::of(self.code).expect("registered codes are 100-599 (see the registry tests)")
    }
}

/// The five classes, named by the first digit of a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Informational,
    Successful,
    Redirection,
    ClientError,
    ServerError,
}

impl Class {
    /// The class a code falls in, or `None` outside 100–599.
    pub fn of(code: u16) -> Option<Class> {
        match code {
            100..=199 => Some(Class::Informational),
            200..=299 => Some(Class::Successful),
            300..=399 => Some(Class::Redirection),
            400..=499 => Some(Class::ClientError),
            500..=599 => Some(Class::ServerError),
            _ => None,
        }
    }

    /// The class's name in RFC 9110, Section 15: `Client Error`.
    pub fn name(self) -> &'static str {
        match self {
            Class::Informational => "Informational",
            Class::Successful => "Successful",
            Class::Redirection => "Redirection",
            Class::ClientError => "Client Error",
            Class::ServerError => "Server Error",
        }
    }

    /// The short form: `4xx`.
    pub fn label(self) -> &'static str {
        match self {
            Class::Informational => "1xx",
            Class::Successful => "2xx",
            Class::Redirection => "3xx",
            Class::ClientError => "4xx",
            Class::ServerError => "5xx",
        }
    }
}

impl fmt::Display for Class {
    /// `4xx Client Error`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.label(), self.name())
    }
}

/// Every registered code, in code order.
pub static REGISTRY: &[StatusCode] = &[
    // 1xx Informational
    StatusCode {
        code: 100,
        reason: "Continue",
        description: "The server has seen the request headers and the client may go on to send the body.",
        reference: "RFC 9110, Section 15.2.1",
        retryable: false,
    },
    StatusCode {
        code: 101,
        reason: "Switching Protocols",
        description: "The server accepts the client's Upgrade header and will speak another protocol on this connection from now on.",
        reference: "RFC 9110, Section 15.2.2",
        retryable: false,
    },
    StatusCode {
        code: 102,
        reason: "Processing",
        description: "An interim reply from a WebDAV server saying that a slow request is still being worked on, so the client should keep waiting.",
        reference: "RFC 2518, Section 10.1",
        retryable: false,
    },
    StatusCode {
        code: 103,
        reason: "Early Hints",
        description: "An interim reply with headers, usually Link preloads, that the client may act on before the final response arrives.",
        reference: "RFC 8297, Section 2",
        retryable: false,
    },
    // 2xx Successful
    StatusCode {
        code: 200,
        reason: "OK",
        description: "The request worked; what the content holds depends on the method, such as the resource for GET or the outcome for POST.",
        reference: "RFC 9110, Section 15.3.1",
        retryable: false,
    },
    StatusCode {
        code: 201,
        reason: "Created",
        description: "The request made one or more new resources, the main one usually named by the Location header.",
        reference: "RFC 9110, Section 15.3.2",
        retryable: false,
    },
    StatusCode {
        code: 202,
        reason: "Accepted",
        description: "The request was queued for processing, which has not finished yet and may still fail.",
        reference: "RFC 9110, Section 15.3.3",
        retryable: false,
    },
    StatusCode {
        code: 203,
        reason: "Non-Authoritative Information",
        description: "The request worked, but a transforming proxy changed the content that the origin server sent.",
        reference: "RFC 9110, Section 15.3.4",
        retryable: false,
    },
    StatusCode {
        code: 204,
        reason: "No Content",
        description: "The request worked and there is on purpose no content in the response.",
        reference: "RFC 9110, Section 15.3.5",
        retryable: false,
    },
    StatusCode {
        code: 205,
        reason: "Reset Content",
        description: "The request worked and the client should clear the form or document view that sent it.",
        reference: "RFC 9110, Section 15.3.6",
        retryable: false,
    },
    StatusCode {
        code: 206,
        reason: "Partial Content",
        description: "The response carries only the byte ranges that the request's Range header asked for.",
        reference: "RFC 9110, Section 15.3.7",
        retryable: false,
    },
    StatusCode {
        code: 207,
        reason: "Multi-Status",
        description: "A WebDAV response whose XML body gives a separate status for each of several resources.",
        reference: "RFC 4918, Section 11.1",
        retryable: false,
    },
    StatusCode {
        code: 208,
        reason: "Already Reported",
        description: "Used inside a WebDAV multi-status body for members of a binding already listed earlier, so they are not repeated.",
        reference: "RFC 5842, Section 7.1",
        retryable: false,
    },
    StatusCode {
        code: 226,
        reason: "IM Used",
        description: "The server answers a GET with the result of instance manipulations, such as a delta, applied to the current resource.",
        reference: "RFC 3229, Section 10.4.1",
        retryable: false,
    },
    // 3xx Redirection
    StatusCode {
        code: 300,
        reason: "Multiple Choices",
        description: "The resource has several representations and the client or the user is invited to pick one.",
        reference: "RFC 9110, Section 15.4.1",
        retryable: false,
    },
    StatusCode {
        code: 301,
        reason: "Moved Permanently",
        description: "The resource has moved for good to the URL in Location, and clients may turn a POST into a GET when they follow it.",
        reference: "RFC 9110, Section 15.4.2",
        retryable: false,
    },
    StatusCode {
        code: 302,
        reason: "Found",
        description: "The resource is for now at the URL in Location, but later requests should still use the original URL.",
        reference: "RFC 9110, Section 15.4.3",
        retryable: false,
    },
    StatusCode {
        code: 303,
        reason: "See Other",
        description: "The outcome of the request is at the URL in Location, which the client should fetch with GET.",
        reference: "RFC 9110, Section 15.4.4",
        retryable: false,
    },
    StatusCode {
        code: 304,
        reason: "Not Modified",
        description: "The copy the client already holds, as named in its conditional request, is still current, so no content is sent.",
        reference: "RFC 9110, Section 15.4.5",
        retryable: false,
    },
    StatusCode {
        code: 305,
        reason: "Use Proxy",
        description: "Deprecated: it once told the client to repeat the request through a given proxy, which proved unsafe.",
        reference: "RFC 9110, Section 15.4.6",
        retryable: false,
    },
    StatusCode {
        code: 306,
        reason: "(Unused)",
        description: "Defined by an early draft of HTTP and then dropped; the code stays reserved and is not sent.",
        reference: "RFC 9110, Section 15.4.7",
        retryable: false,
    },
    StatusCode {
        code: 307,
        reason: "Temporary Redirect",
        description: "The resource is for now at the URL in Location, and the client must repeat the request there with the same method and body.",
        reference: "RFC 9110, Section 15.4.8",
        retryable: false,
    },
    StatusCode {
        code: 308,
        reason: "Permanent Redirect",
        description: "The resource has moved for good to the URL in Location, and the client must repeat the request there with the same method and body.",
        reference: "RFC 9110, Section 15.4.9",
        retryable: false,
    },
    // 4xx Client Error
    StatusCode {
        code: 400,
        reason: "Bad Request",
        description: "The server will not handle the request because it looks malformed or otherwise wrong on the client's side.",
        reference: "RFC 9110, Section 15.5.1",
        retryable: false,
    },
    StatusCode {
        code: 401,
        reason: "Unauthorized",
        description: "The request lacks valid credentials, and the WWW-Authenticate header says how to supply them.",
        reference: "RFC 9110, Section 15.5.2",
        retryable: false,
    },
    StatusCode {
        code: 402,
        reason: "Payment Required",
        description: "Set aside for future use; some APIs send it when a payment or a paid plan is needed.",
        reference: "RFC 9110, Section 15.5.3",
        retryable: false,
    },
    StatusCode {
        code: 403,
        reason: "Forbidden",
        description: "The server understood the request but refuses it, and other credentials would not change its mind.",
        reference: "RFC 9110, Section 15.5.4",
        retryable: false,
    },
    StatusCode {
        code: 404,
        reason: "Not Found",
        description: "The server has nothing at this URL, or does not want to say whether something is there.",
        reference: "RFC 9110, Section 15.5.5",
        retryable: false,
    },
    StatusCode {
        code: 405,
        reason: "Method Not Allowed",
        description: "The resource exists but does not take this method, and the Allow header lists the methods it does take.",
        reference: "RFC 9110, Section 15.5.6",
        retryable: false,
    },
    StatusCode {
        code: 406,
        reason: "Not Acceptable",
        description: "The server has no representation that fits the request's Accept headers and will not send a default one.",
        reference: "RFC 9110, Section 15.5.7",
        retryable: false,
    },
    StatusCode {
        code: 407,
        reason: "Proxy Authentication Required",
        description: "Like 401, but it is a proxy that wants credentials, as its Proxy-Authenticate header explains.",
        reference: "RFC 9110, Section 15.5.8",
        retryable: false,
    },
    StatusCode {
        code: 408,
        reason: "Request Timeout",
        description: "The server stopped waiting for the client to finish sending the request, which may be sent again.",
        reference: "RFC 9110, Section 15.5.9",
        retryable: true,
    },
    StatusCode {
        code: 409,
        reason: "Conflict",
        description: "The request clashes with the current state of the resource, such as an edit made to an outdated version.",
        reference: "RFC 9110, Section 15.5.10",
        retryable: false,
    },
    StatusCode {
        code: 410,
        reason: "Gone",
        description: "The resource was removed on purpose and has no new address, which is unlikely to change.",
        reference: "RFC 9110, Section 15.5.11",
        retryable: false,
    },
    StatusCode {
        code: 411,
        reason: "Length Required",
        description: "The server wants a Content-Length header and the request came without one.",
        reference: "RFC 9110, Section 15.5.12",
        retryable: false,
    },
    StatusCode {
        code: 412,
        reason: "Precondition Failed",
        description: "A condition in the request headers, such as If-Match, turned out false on the server.",
        reference: "RFC 9110, Section 15.5.13",
        retryable: false,
    },
    StatusCode {
        code: 413,
        reason: "Content Too Large",
        description: "The request body is bigger than the server is willing or able to take.",
        reference: "RFC 9110, Section 15.5.14",
        retryable: false,
    },
    StatusCode {
        code: 414,
        reason: "URI Too Long",
        description: "The request target is a longer URL than the server will read.",
        reference: "RFC 9110, Section 15.5.15",
        retryable: false,
    },
    StatusCode {
        code: 415,
        reason: "Unsupported Media Type",
        description: "The server does not handle the format or the content coding of the request body.",
        reference: "RFC 9110, Section 15.5.16",
        retryable: false,
    },
    StatusCode {
        code: 416,
        reason: "Range Not Satisfiable",
        description: "None of the byte ranges in the request's Range header fit the resource, for example because they start past its end.",
        reference: "RFC 9110, Section 15.5.17",
        retryable: false,
    },
    StatusCode {
        code: 417,
        reason: "Expectation Failed",
        description: "The server cannot meet what the request's Expect header asked for.",
        reference: "RFC 9110, Section 15.5.18",
        retryable: false,
    },
    StatusCode {
        code: 418,
        reason: "I'm a teapot",
        description: "An April Fools' code from the coffee-pot protocol of RFC 2324, kept reserved so that it is never given a real meaning.",
        reference: "RFC 9110, Section 15.5.19",
        retryable: false,
    },
    StatusCode {
        code: 421,
        reason: "Misdirected Request",
        description: "The request reached a server that cannot answer for its scheme and host, often over a reused connection, so another connection may work.",
        reference: "RFC 9110, Section 15.5.20",
        retryable: false,
    },
    StatusCode {
        code: 422,
        reason: "Unprocessable Content",
        description: "The request is well formed and of a supported type, but the server cannot act on what it says, as when validation fails.",
        reference: "RFC 9110, Section 15.5.21",
        retryable: false,
    },
    StatusCode {
        code: 423,
        reason: "Locked",
        description: "The WebDAV resource is locked, so it cannot be changed right now.",
        reference: "RFC 4918, Section 11.3",
        retryable: false,
    },
    StatusCode {
        code: 424,
        reason: "Failed Dependency",
        description: "The WebDAV action was not done because another action it relied on failed.",
        reference: "RFC 4918, Section 11.4",
        retryable: false,
    },
    StatusCode {
        code: 425,
        reason: "Too Early",
        description: "The server will not risk handling a request sent in TLS early data, because an attacker could replay it.",
        reference: "RFC 8470, Section 5.2",
        retryable: false,
    },
    StatusCode {
        code: 426,
        reason: "Upgrade Required",
        description: "The server refuses the request over the current protocol and names the one to switch to in its Upgrade header.",
        reference: "RFC 9110, Section 15.5.22",
        retryable: false,
    },
    StatusCode {
        code: 428,
        reason: "Precondition Required",
        description: "The server insists on a conditional request, such as one with If-Match, to avoid lost updates.",
        reference: "RFC 6585, Section 3",
        retryable: false,
    },
    StatusCode {
        code: 429,
        reason: "Too Many Requests",
        description: "The client went over a rate limit, and the Retry-After header may say when to try again.",
        reference: "RFC 6585, Section 4",
        retryable: true,
    },
    StatusCode {
        code: 431,
        reason: "Request Header Fields Too Large",
        description: "The server will not handle the request because one header, or all of them together, is too big.",
        reference: "RFC 6585, Section 5",
        retryable: false,
    },
    StatusCode {
        code: 451,
        reason: "Unavailable For Legal Reasons",
        description: "The server refuses to serve the resource because of a legal demand, such as a court order.",
        reference: "RFC 7725, Section 3",
        retryable: false,
    },
    // 5xx Server Error
    StatusCode {
        code: 500,
        reason: "Internal Server Error",
        description: "Something unexpected went wrong on the server and it could not complete the request.",
        reference: "RFC 9110, Section 15.6.1",
        retryable: true,
    },
    StatusCode {
        code: 501,
        reason: "Not Implemented",
        description: "The server lacks the feature the request needs, such as support for its method.",
        reference: "RFC 9110, Section 15.6.2",
        retryable: false,
    },
    StatusCode {
        code: 502,
        reason: "Bad Gateway",
        description: "A gateway or proxy got an invalid response from the server behind it.",
        reference: "RFC 9110, Section 15.6.3",
        retryable: true,
    },
    StatusCode {
        code: 503,
        reason: "Service Unavailable",
        description: "The server cannot take the request right now, because of overload or maintenance, and Retry-After may say for how long.",
        reference: "RFC 9110, Section 15.6.4",
        retryable: true,
    },
    StatusCode {
        code: 504,
        reason: "Gateway Timeout",
        description: "A gateway or proxy gave up waiting for an answer from the server behind it.",
        reference: "RFC 9110, Section 15.6.5",
        retryable: true,
    },
    StatusCode {
        code: 505,
        reason: "HTTP Version Not Supported",
        description: "The server refuses the major version of HTTP that the request used.",
        reference: "RFC 9110, Section 15.6.6",
        retryable: false,
    },
    StatusCode {
        code: 506,
        reason: "Variant Also Negotiates",
        description: "Content negotiation is misconfigured on the server: the variant it chose would itself negotiate, in a loop.",
        reference: "RFC 2295, Section 8.1",
        retryable: false,
    },
    StatusCode {
        code: 507,
        reason: "Insufficient Storage",
        description: "The WebDAV server has no room left to store what the request needs.",
        reference: "RFC 4918, Section 11.5",
        retryable: false,
    },
    StatusCode {
        code: 508,
        reason: "Loop Detected",
        description: "The WebDAV server stopped a Depth: infinity operation because it ran into a loop of bindings.",
        reference: "RFC 5842, Section 7.2",
        retryable: false,
    },
    StatusCode {
        code: 510,
        reason: "Not Extended",
        description: "The request lacks an extension the server requires under the HTTP Extension Framework, which is now historic.",
        reference: "RFC 2774, Section 7",
        retryable: false,
    },
    StatusCode {
        code: 511,
        reason: "Network Authentication Required",
        description: "A captive portal or similar network gate wants the client to sign in before it lets traffic through.",
        reference: "RFC 6585, Section 6",
        retryable: false,
    },
];

/// The registry entry of a code.
pub fn lookup(code: u16) -> Option<&'static StatusCode> {
    REGISTRY
        .binary_search_by_key(&code, |s| s.code)
        .ok()
        .map(|i| &REGISTRY[i])
}

/// The reason phrase of a registered code, for messages like
/// `HTTP 404 Not Found` and `retrying ...: 503 Service Unavailable`.
pub fn reason(code: u16) -> Option<&'static str> {
    lookup(code).map(|s| s.reason)
}

/// Whether `--retry` treats the status as transient: 408, 429, 500, 502,
/// 503 and 504 (the README, "Examples" and `--retry`). The retry rules call it,
/// so `--retry` and `status-codes --json` cannot disagree.
pub fn is_retryable(code: u16) -> bool {
    lookup(code).is_some_and(|s| s.retryable)
}

/// What a `status-codes` query asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// No words: the whole registry.
    All,
    /// A code in 100–599: `404`.
    Code(u16),
    /// A class: `4xx` (any case).
    Class(Class),
    /// Lower-cased words that must all occur in a reason phrase (or, when no
    /// phrase has them, in a description).
    Words(Vec<String>),
}

/// Why a query found nothing. [`QueryError::is_usage`] says which are
/// usage errors rather than plain misses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("'{0}' is not an HTTP status code (codes run from 100 to 599)")]
    NotACode(String),
    #[error("'{0}' is not a status class (classes run from 1xx to 5xx)")]
    NotAClass(String),
    #[error("{code} is not a registered status code (it would be {class})")]
    Unregistered { code: u16, class: Class },
    #[error("no status code matches '{0}'")]
    NoMatch(String),
}

impl QueryError {
    /// True for a query that cannot name a status at all (a number outside
    /// 100–599, a class outside 1xx–5xx), as opposed to one that merely
    /// matches nothing.
    pub fn is_usage(&self) -> bool {
        matches!(self, QueryError::NotACode(_) | QueryError::NotAClass(_))
    }
}

impl Query {
    /// Reads a query: all digits is a code, a digit and `xx` is a class,
    /// anything else is words (split on whitespace); blank is everything.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let text = text.trim();
        let bytes = text.as_bytes();
        if text.is_empty() {
            Ok(Query::All)
        } else if bytes.iter().all(u8::is_ascii_digit) {
            match text.parse::<u16>().ok().filter(|c| Class::of(*c).is_some()) {
                Some(code) => Ok(Query::Code(code)),
                None => Err(QueryError::NotACode(text.to_owned())),
            }
        } else if bytes.len() == 3
            && bytes[0].is_ascii_digit()
            && bytes[1..].eq_ignore_ascii_case(b"xx")
        {
            let first = u16::from(bytes[0] - b'0');
            Class::of(first * 100)
                .map(Query::Class)
                .ok_or_else(|| QueryError::NotAClass(text.to_owned()))
        } else {
            Ok(Query::Words(
                text.split_whitespace().map(str::to_lowercase).collect(),
            ))
        }
    }
}

/// The registry entries a query names, in code order; never empty.
pub type Matches = Vec<&'static StatusCode>;

/// Finds the entries for a query (see [`Query::parse`]).
pub fn search(text: &str) -> Result<Matches, QueryError> {
    match Query::parse(text)? {
        Query::All => Ok(REGISTRY.iter().collect()),
        Query::Code(code) => {
            lookup(code)
                .map(|s| vec![s])
                .ok_or_else(|| QueryError::Unregistered {
                    code,
                    class: Class::of(code).expect("Query::parse checked the range"),
                })
        }
        Query::Class(class) => Ok(REGISTRY.iter().filter(|s| s.class() == class).collect()),
        Query::Words(words) => {
            let has_all = |field: &str| {
                let field = field.to_lowercase();
                words.iter().all(|w| field.contains(w.as_str()))
            };
            let mut found: Matches = REGISTRY.iter().filter(|s| has_all(s.reason)).collect();
            if found.is_empty() {
                found = REGISTRY.iter().filter(|s| has_all(s.description)).collect();
            }
            if found.is_empty() {
                Err(QueryError::NoMatch(text.trim().to_owned()))
            } else {
                Ok(found)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(matches: &Matches) -> Vec<u16> {
        matches.iter().map(|s| s.code).collect()
    }

    /// The codes of the IANA HTTP Status Code Registry.
    fn registered_codes() -> Vec<u16> {
        let mut all = Vec::new();
        for range in [
            100..=103,
            200..=208,
            226..=226,
            300..=308,
            400..=418,
            421..=426,
            428..=429,
            431..=431,
            451..=451,
            500..=508,
            510..=511,
        ] {
            all.extend(range);
        }
        all
    }

    #[test]
    fn registry_holds_exactly_the_registered_codes_in_order() {
        let got: Vec<u16> = REGISTRY.iter().map(|s| s.code).collect();
        assert_eq!(got, registered_codes());
    }

    #[test]
    fn every_entry_is_well_formed() {
        for s in REGISTRY {
            assert!(Class::of(s.code).is_some(), "{}", s.code);
            assert!(!s.reason.is_empty(), "{}", s.code);
            let d = s.description;
            assert!(
                d.ends_with('.'),
                "{}: one sentence with a full stop",
                s.code
            );
            assert!(
                !d[..d.len() - 1].contains(". "),
                "{}: more than one sentence",
                s.code
            );
            assert!(
                d.starts_with(|c: char| c.is_ascii_uppercase()),
                "{}",
                s.code
            );
            let (rfc, section) = s.reference.split_once(", Section ").expect(s.reference);
            assert!(rfc
                .strip_prefix("RFC ")
                .is_some_and(|n| n.parse::<u32>().is_ok()));
            assert!(
                section.split('.').all(|n| n.parse::<u32>().is_ok()),
                "{}",
                s.reference
            );
        }
    }

    #[test]
    fn rfc_9110_references_follow_its_section_numbering() {
        // RFC 9110 numbers each class's codes in order: 15.2 is 1xx, 15.3 is
        // 2xx, ..., 15.6 is 5xx, and 15.N.k is the k-th code it defines.
        for class in [
            Class::Informational,
            Class::Successful,
            Class::Redirection,
            Class::ClientError,
            Class::ServerError,
        ] {
            let section = 2 + class as usize;
            let ours: Vec<&StatusCode> = REGISTRY
                .iter()
                .filter(|s| s.class() == class && s.reference.starts_with("RFC 9110,"))
                .collect();
            for (k, s) in ours.iter().enumerate() {
                assert_eq!(
                    s.reference,
                    format!("RFC 9110, Section 15.{section}.{}", k + 1),
                    "{}",
                    s.code
                );
            }
        }
    }

    #[test]
    fn well_known_references() {
        let reference = |code| lookup(code).unwrap().reference;
        assert_eq!(reference(200), "RFC 9110, Section 15.3.1");
        assert_eq!(reference(404), "RFC 9110, Section 15.5.5");
        assert_eq!(reference(418), "RFC 9110, Section 15.5.19");
        assert_eq!(reference(421), "RFC 9110, Section 15.5.20");
        assert_eq!(reference(426), "RFC 9110, Section 15.5.22");
        assert_eq!(reference(500), "RFC 9110, Section 15.6.1");
        assert_eq!(reference(103), "RFC 8297, Section 2");
        assert_eq!(reference(425), "RFC 8470, Section 5.2");
        assert_eq!(reference(429), "RFC 6585, Section 4");
        assert_eq!(reference(451), "RFC 7725, Section 3");
        assert_eq!(reference(510), "RFC 2774, Section 7");
    }

    #[test]
    fn rfc_9110_reason_phrases() {
        assert_eq!(reason(413), Some("Content Too Large"));
        assert_eq!(reason(422), Some("Unprocessable Content"));
        assert_eq!(reason(416), Some("Range Not Satisfiable"));
        assert_eq!(reason(306), Some("(Unused)"));
        assert_eq!(reason(418), Some("I'm a teapot"));
        assert_eq!(reason(404), Some("Not Found"));
        assert_eq!(reason(299), None);
    }

    #[test]
    fn retryable_is_exactly_the_transient_statuses() {
        let table: Vec<u16> = REGISTRY
            .iter()
            .filter(|s| s.retryable)
            .map(|s| s.code)
            .collect();
        assert_eq!(table, [408, 429, 500, 502, 503, 504]);
        let by_fn: Vec<u16> = (0..1000).filter(|&c| is_retryable(c)).collect();
        assert_eq!(by_fn, table);
    }

    #[test]
    fn lookup_finds_registered_codes_only() {
        assert_eq!(lookup(404).map(|s| s.reason), Some("Not Found"));
        assert_eq!(lookup(100).map(|s| s.code), Some(100));
        assert_eq!(lookup(511).map(|s| s.code), Some(511));
        assert!(lookup(419).is_none());
        assert!(lookup(0).is_none());
        assert!(lookup(u16::MAX).is_none());
    }

    #[test]
    fn query_parses_codes_classes_and_words() {
        assert_eq!(Query::parse("404"), Ok(Query::Code(404)));
        assert_eq!(Query::parse(" 4xx "), Ok(Query::Class(Class::ClientError)));
        assert_eq!(Query::parse("5XX"), Ok(Query::Class(Class::ServerError)));
        assert_eq!(Query::parse(""), Ok(Query::All));
        assert_eq!(Query::parse("  "), Ok(Query::All));
        assert_eq!(
            Query::parse("Not  FOUND"),
            Ok(Query::Words(vec!["not".into(), "found".into()]))
        );
        assert_eq!(Query::parse("4x"), Ok(Query::Words(vec!["4x".into()])));
    }

    #[test]
    fn numbers_outside_100_to_599_are_usage_errors() {
        for q in ["0", "99", "600", "999", "65536", "99999999999999999999"] {
            let err = search(q).unwrap_err();
            assert!(err.is_usage(), "{q}");
            assert_eq!(
                err.to_string(),
                format!("'{q}' is not an HTTP status code (codes run from 100 to 599)")
            );
        }
        let err = search("6xx").unwrap_err();
        assert!(err.is_usage());
        assert_eq!(
            err.to_string(),
            "'6xx' is not a status class (classes run from 1xx to 5xx)"
        );
    }

    #[test]
    fn unregistered_code_names_its_class() {
        let err = search("299").unwrap_err();
        assert!(!err.is_usage());
        assert_eq!(
            err.to_string(),
            "299 is not a registered status code (it would be 2xx Successful)"
        );
    }

    #[test]
    fn search_by_code_and_class() {
        assert_eq!(codes(&search("404").unwrap()), [404]);
        let client = search("4xx").unwrap();
        assert_eq!(client.len(), 29);
        assert!(client.iter().all(|s| (400..500).contains(&s.code)));
        assert_eq!(codes(&search("1XX").unwrap()), [100, 101, 102, 103]);
        assert_eq!(search("").unwrap().len(), REGISTRY.len());
    }

    #[test]
    fn search_by_words_is_case_insensitive_and_needs_every_word() {
        assert_eq!(codes(&search("teapot").unwrap()), [418]);
        assert_eq!(codes(&search("NOT FOUND").unwrap()), [404]);
        assert_eq!(codes(&search("found not").unwrap()), [404]);
        assert_eq!(codes(&search("timeout").unwrap()), [408, 504]);
        assert_eq!(codes(&search("unused").unwrap()), [306]);
        assert_eq!(
            search("not found teapot"),
            Err(QueryError::NoMatch("not found teapot".into()))
        );
    }

    #[test]
    fn words_fall_back_to_descriptions_only_when_no_phrase_matches() {
        // "rate limit" is in no reason phrase, only in 429's description.
        assert_eq!(codes(&search("rate limit").unwrap()), [429]);
        // "gateway" is in phrases (502, 504): descriptions are not searched.
        assert_eq!(codes(&search("gateway").unwrap()), [502, 504]);
        assert_eq!(
            search("abc-nothing"),
            Err(QueryError::NoMatch("abc-nothing".into()))
        );
    }
}
