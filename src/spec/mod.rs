//! `RequestSpec`: the request as it will go on the wire, validated before
//! anything is sent. Everything a user can get wrong is caught here and is a
//! usage error (exit 2); the only I/O is reading the small `@FILE`s the user
//! names (and checking that streamed ones can be opened).

mod body;
mod data;
mod headers;
pub mod netrc;
pub mod proto;
mod url;

use ::url::Url;
use anyhow::Result;
use base64::Engine;

use crate::exit::usage;
use crate::files::read_arg_or_file;
use crate::text::Secrets;
pub use body::{Body, Multipart, MultipartReader, Segment};
pub use data::{DataKind, DataPart};
use headers::{apply_header_arg, check_value, is_token_byte, Headers};
use netrc::Netrc;
use url::append_query;
pub use url::userinfo;
pub use url::{host_header, parse_url};

/// A request method: any RFC 9110 token, sent exactly as given (methods are
/// case-sensitive). The ones httpc treats specially have their own variant,
/// so nothing compares method names as strings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Method {
    #[default]
    Get,
    Head,
    Post,
    Put,
    Patch,
    Delete,
    Options,
    /// Any other token (`QUERY`, `PROPFIND`, `PURGE`, or `get` in lower
    /// case, which is not GET).
    Other(String),
}

impl Method {
    /// A method as typed; anything that is not an RFC 9110 token is refused.
    pub fn parse(text: &str) -> Result<Method, String> {
        Ok(match text {
            "GET" => Method::Get,
            "HEAD" => Method::Head,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            "OPTIONS" => Method::Options,
            _ if !text.is_empty() && text.bytes().all(is_token_byte) => {
                Method::Other(text.to_string())
            }
            _ => {
                return Err(format!(
                    "invalid method '{}': a method is a token such as GET or PROPFIND",
                    text.escape_default()
                ))
            }
        })
    }

    /// GET, HEAD, OPTIONS, TRACE, PUT and DELETE (RFC 9110 §9.2.2): sending
    /// one twice does what sending it once does, so a retry is safe.
    pub fn is_idempotent(&self) -> bool {
        match self {
            Method::Get | Method::Head | Method::Options | Method::Put | Method::Delete => true,
            Method::Post | Method::Patch => false,
            Method::Other(token) => token == "TRACE",
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Other(token) => token,
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the user asked for, in plain types (no clap).
#[derive(Debug, Default)]
pub struct Input<'a> {
    pub method: Method,
    pub url: &'a str,
    pub headers: &'a [String],
    pub query: &'a [String],
    pub body: BodyInput<'a>,
    pub user: Option<&'a str>,
    pub bearer: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    pub decompress: bool,
    /// `--cookie n=v; n2=v2` (and `Cookie:` lines read from files), sent
    /// with the request.
    pub cookie: Option<&'a str>,
    /// `-n`, `--netrc-file`: credentials for the URL's host when neither
    /// the URL nor `-u` gives them.
    pub netrc: Option<&'a Netrc>,
    /// What an error quoting the URL hides.
    pub secrets: Secrets,
    /// `--idempotency-key` (`auto` already made a key).
    pub idempotency_key: Option<&'a str>,
    /// `-G`: the data parts go into the query, and there is no body.
    pub data_in_query: bool,
    /// `--path-as-is`: the path goes out with its `.` and `..` segments.
    pub path_as_is: bool,
}

/// The body options; clap makes sure at most one is given.
#[derive(Debug, Default)]
pub enum BodyInput<'a> {
    #[default]
    None,
    Json(&'a str),
    Form(&'a [String]),
    Multipart(&'a [String]),
    /// `-d`, `--data-binary`, `--data-raw`, `--data-urlencode`, in the
    /// order given.
    Data(&'a [DataPart]),
    /// `-T FILE` (`-` is stdin).
    Upload(&'a std::path::Path),
}

/// A validated request.
#[derive(Debug, Clone)]
pub struct RequestSpec {
    pub method: Method,
    pub url: Url,
    /// Headers in the order they are sent, lowercase names as on the wire.
    /// Host and the body framing (Content-Length or Transfer-Encoding) are
    /// added by the transport.
    pub headers: Vec<(String, String)>,
    pub body: Body,
    /// `--path-as-is`: the request target's path as typed, when it has
    /// dot segments that `url` would have removed.
    pub raw_path: Option<String>,
}

const DEFAULT_ACCEPT_ENCODING: &str = "gzip, br, zstd";

/// `Basic base64(user:pass)`, the value of an Authorization (or
/// Proxy-Authorization) header (RFC 7617).
pub fn basic_authorization(user_pass: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(user_pass)
    )
}

impl RequestSpec {
    pub fn build(input: &Input) -> Result<RequestSpec> {
        let method = input.method.clone();
        let Target {
            url,
            url_user,
            raw_path,
            body: body_input,
        } = target(input)?;
        let mut headers = default_headers(input);
        add_authorization(&mut headers, input, url_user)?;

        let (body, content_type) = body::build_body(body_input)?;
        if let Some(content_type) = content_type {
            headers.set("content-type", content_type);
        }

        for arg in input.headers {
            apply_header_arg(&mut headers, arg)?;
        }
        if let Some(key) = input.idempotency_key {
            add_idempotency_key(&mut headers, key)?;
        }
        if let Some(cookie) = input.cookie {
            add_cookies(&mut headers, cookie)?;
        }

        if method == Method::Head && body != Body::None {
            return Err(usage("HEAD requests cannot carry a body"));
        }

        Ok(RequestSpec {
            method,
            url,
            headers: headers.0,
            body,
            raw_path,
        })
    }

    /// The value of a header as it will be sent.
    #[cfg(test)]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `Host` as it goes on the wire: the port only when it is not the
    /// scheme's default.
    pub fn host_header(&self) -> String {
        host_header(&self.url)
    }

    /// The `Host` line that goes first on the wire: the URL's, unless a
    /// `-H Host` replaces it (that one goes where `-H` put it, among
    /// `headers`).
    pub fn default_host(&self) -> Option<String> {
        let given = self.headers.iter().any(|(n, _)| n == "host");
        (!given).then(|| self.host_header())
    }
}

/// Where the request goes, after `-q`, `-G` and `-T` had their say.
struct Target<'i, 'a> {
    url: Url,
    /// Credentials from the URL's user-info, or the netrc.
    url_user: Option<String>,
    /// `--path-as-is`: the path as typed.
    raw_path: Option<String>,
    /// The body that is left once `-G` moved the data into the query.
    body: &'i BodyInput<'a>,
}

/// The URL with `-q` and `-G`'s query and `-T`'s file name; credentials
/// in it become Basic auth (unless -u says otherwise) and never travel in
/// the request target. A netrc comes after both, and gives the password
/// of a URL that names only its user.
fn target<'i, 'a>(input: &'i Input<'a>) -> Result<Target<'i, 'a>> {
    let mut url = parse_url(input.url, &input.secrets)?;
    append_query(&mut url, input.query)?;
    let mut raw_path = match input.path_as_is {
        true => url::raw_path(input.url),
        false => None,
    };
    let body = data::into_query(&input.body, input.data_in_query, &mut url)?;
    if let BodyInput::Upload(path) = input.body {
        url::append_file_name(&mut url, &mut raw_path, path);
    }
    let url_user = match url.password() {
        Some(_) => userinfo(&url),
        None => netrc_user(input.netrc, &url).or_else(|| userinfo(&url)),
    };
    let _ = url.set_username("");
    let _ = url.set_password(None);
    Ok(Target {
        url,
        url_user,
        raw_path,
        body,
    })
}

/// User-Agent, Accept and Accept-Encoding, before anything the user adds.
fn default_headers(input: &Input) -> Headers {
    let mut headers = Headers::default();
    headers.set(
        "user-agent",
        input.user_agent.map_or_else(
            || format!("httpc/{}", env!("CARGO_PKG_VERSION")),
            str::to_string,
        ),
    );
    let json = matches!(input.body, BodyInput::Json(_));
    headers.set("accept", if json { "application/json" } else { "*/*" });
    if input.decompress {
        headers.set("accept-encoding", DEFAULT_ACCEPT_ENCODING);
    }
    headers
}

/// Authorization: `-u` beats the URL's (or the netrc's) user, and
/// `--bearer` beats both.
fn add_authorization(headers: &mut Headers, input: &Input, url_user: Option<String>) -> Result<()> {
    if let Some(user) = flag_user(input.user)?.or(url_user) {
        headers.set("authorization", basic_authorization(&user));
    }
    if let Some(token) = input.bearer {
        let token = read_arg_or_file(token, "--bearer")?;
        let token = token.trim_end_matches(['\r', '\n']);
        check_value("authorization", token)?;
        headers.set("authorization", format!("Bearer {token}"));
    }
    Ok(())
}

/// `-u user` is `user:` with an empty password (RFC 7617 needs the colon;
/// Go's BasicAuth() rejects a value without one). `-u @FILE` reads
/// USER:PASS from a file, as -H @FILE and --bearer @FILE do, so the
/// password stays out of `ps`.
fn flag_user(arg: Option<&str>) -> Result<Option<String>> {
    let Some(arg) = arg else {
        return Ok(None);
    };
    let user = read_arg_or_file(arg, "-u")?;
    let user = user.trim_end_matches(['\r', '\n']).to_string();
    Ok(Some(match user.contains(':') {
        true => user,
        false => format!("{user}:"),
    }))
}

/// `--idempotency-key KEY`: one header, and not a second one from `-H`.
fn add_idempotency_key(headers: &mut Headers, key: &str) -> Result<()> {
    if headers.0.iter().any(|(n, _)| n == "idempotency-key") {
        return Err(usage(
            "Idempotency-Key is given twice: use --idempotency-key or -H, not both",
        ));
    }
    if key.trim().is_empty() {
        return Err(usage("--idempotency-key needs a key (or auto)"));
    }
    check_value("idempotency-key", key)?;
    headers.0.push(("idempotency-key".into(), key.to_string()));
    Ok(())
}

/// `USER:PASS` from a netrc for the URL's host: its login and password
/// (an empty password when it has none). A URL that names a user takes
/// only an entry for that login.
fn netrc_user(netrc: Option<&Netrc>, url: &Url) -> Option<String> {
    let creds = netrc?.lookup(url.host_str()?)?;
    let login = creds.login.as_deref()?;
    let named = userinfo(url).map(|u| u.trim_end_matches(':').to_string());
    if named.is_some_and(|user| user != login) {
        return None;
    }
    let password = creds.password.as_deref().unwrap_or_default();
    Some(format!("{login}:{password}"))
}

/// `--cookie n=v`: joins a `Cookie` given with -H, so one header goes out
/// (RFC 6265 §5.4).
fn add_cookies(headers: &mut Headers, cookie: &str) -> Result<()> {
    check_value("cookie", cookie)?;
    crate::cookies::join_cookie_header(&mut headers.0, cookie);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn spec(method: Method, url: &str) -> RequestSpec {
        RequestSpec::build(&Input {
            method,
            url,
            decompress: true,
            ..Input::default()
        })
        .unwrap()
    }

    #[test]
    fn defaults_in_order() {
        let s = spec(Method::Get, "http://h:81/p");
        let names: Vec<_> = s.headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["user-agent", "accept", "accept-encoding"]);
        assert_eq!(s.header("accept-encoding"), Some("gzip, br, zstd"));
        assert_eq!(s.host_header(), "h:81");
        assert_eq!(s.default_host().as_deref(), Some("h:81"));
    }

    #[test]
    fn header_args_replace_defaults_remove_and_repeat() {
        let headers = [
            "User-Agent:".to_string(),
            "Accept: text/plain".to_string(),
            "X-A: 1".to_string(),
            "x-a: 2".to_string(),
        ];
        let s = RequestSpec::build(&Input {
            method: Method::Get,
            url: "h",
            headers: &headers,
            ..Input::default()
        })
        .unwrap();
        assert_eq!(
            s.headers,
            [
                ("accept".to_string(), "text/plain".to_string()),
                ("x-a".to_string(), "1".to_string()),
                ("x-a".to_string(), "2".to_string()),
            ]
        );
    }

    #[test]
    fn a_host_header_replaces_the_urls_and_an_earlier_one() {
        let headers = ["Host: a.example".to_string(), "host: b.example".to_string()];
        let s = RequestSpec::build(&Input {
            method: Method::Get,
            url: "h",
            headers: &headers,
            ..Input::default()
        })
        .unwrap();
        let hosts: Vec<_> = s.headers.iter().filter(|(n, _)| n == "host").collect();
        assert_eq!(hosts, [&("host".to_string(), "b.example".to_string())]);
        assert_eq!(s.default_host(), None);
    }

    #[test]
    fn cookie_pairs_join_a_cookie_header_from_h() {
        let headers = ["Cookie: a=1".to_string()];
        let s = RequestSpec::build(&Input {
            url: "h",
            headers: &headers,
            cookie: Some("b=2; c=3"),
            ..Input::default()
        })
        .unwrap();
        assert_eq!(s.header("cookie"), Some("a=1; b=2; c=3"));
        assert_eq!(s.headers.iter().filter(|(n, _)| n == "cookie").count(), 1);
        let alone = RequestSpec::build(&Input {
            url: "h",
            cookie: Some("b=2"),
            ..Input::default()
        })
        .unwrap();
        assert_eq!(alone.header("cookie"), Some("b=2"));
    }

    #[test]
    fn header_with_line_break_is_refused() {
        let headers = ["X: a\rb".to_string()];
        let err = RequestSpec::build(&Input {
            method: Method::Get,
            url: "h",
            headers: &headers,
            ..Input::default()
        })
        .unwrap_err();
        assert_eq!(crate::exit::exit_for(&err), crate::exit::Exit::Usage);
    }

    #[test]
    fn query_is_percent_encoded_and_appended() {
        let query = ["a=b".to_string(), "c=d e&f".to_string()];
        let s = RequestSpec::build(&Input {
            method: Method::Get,
            url: "h/p?x=1",
            query: &query,
            ..Input::default()
        })
        .unwrap();
        assert_eq!(s.url.as_str(), "http://h/p?x=1&a=b&c=d%20e%26f");
    }

    #[test]
    fn url_credentials_become_basic_auth() {
        let s = spec(Method::Get, "http://user:pa%20ss@h/");
        assert_eq!(s.url.as_str(), "http://h/");
        let expected = base64::engine::general_purpose::STANDARD.encode("user:pa ss");
        assert_eq!(
            s.header("authorization"),
            Some(format!("Basic {expected}").as_str())
        );
    }

    #[test]
    fn netrc_credentials_come_after_the_url_and_u() {
        let netrc = Netrc::parse("machine h login n password np\nmachine g login x").unwrap();
        let auth = |url: &str, user: Option<&str>| {
            RequestSpec::build(&Input {
                url,
                user,
                netrc: Some(&netrc),
                ..Input::default()
            })
            .unwrap()
            .header("authorization")
            .map(|v| {
                let b64 = v.strip_prefix("Basic ").unwrap();
                let raw = base64::engine::general_purpose::STANDARD
                    .decode(b64)
                    .unwrap();
                String::from_utf8(raw).unwrap()
            })
        };
        assert_eq!(auth("http://h/", None).as_deref(), Some("n:np"));
        assert_eq!(auth("http://h/", Some("u:p")).as_deref(), Some("u:p"));
        assert_eq!(auth("http://a:b@h/", None).as_deref(), Some("a:b"));
        // A URL user without a password: the netrc's password for that login.
        assert_eq!(auth("http://n@h/", None).as_deref(), Some("n:np"));
        assert_eq!(auth("http://other@h/", None).as_deref(), Some("other:"));
        assert_eq!(auth("http://g/", None).as_deref(), Some("x:"));
        assert_eq!(auth("http://elsewhere/", None), None);
    }

    #[test]
    fn invalid_json_names_line_and_column() {
        let err = RequestSpec::build(&Input {
            method: Method::Post,
            url: "h",
            body: BodyInput::Json("{\n \"a\": }"),
            ..Input::default()
        })
        .unwrap_err()
        .to_string();
        assert!(err.contains("line 2, column 7"), "{err}");
    }

    #[test]
    fn json_sets_content_type_and_accept() {
        let s = RequestSpec::build(&Input {
            method: Method::Post,
            url: "h",
            body: BodyInput::Json("[1, 2]"),
            ..Input::default()
        })
        .unwrap();
        assert_eq!(s.body, Body::Bytes(b"[1, 2]".to_vec()));
        assert_eq!(s.header("content-type"), Some("application/json"));
        assert_eq!(s.header("accept"), Some("application/json"));
    }

    #[test]
    fn form_is_urlencoded() {
        let fields = ["a=1".to_string(), "b=x y&z".to_string()];
        let s = RequestSpec::build(&Input {
            method: Method::Post,
            url: "h",
            body: BodyInput::Form(&fields),
            ..Input::default()
        })
        .unwrap();
        assert_eq!(s.body, Body::Bytes(b"a=1&b=x+y%26z".to_vec()));
    }

    #[test]
    fn multipart_reader_yields_the_whole_body() {
        let parts = ["a=1".to_string(), "b=two".to_string()];
        let s = RequestSpec::build(&Input {
            method: Method::Post,
            url: "h",
            body: BodyInput::Multipart(&parts),
            ..Input::default()
        })
        .unwrap();
        let Body::Multipart(m) = &s.body else {
            panic!("not multipart")
        };
        let mut text = String::new();
        m.reader().read_to_string(&mut text).unwrap();
        assert_eq!(text.len() as u64, m.content_length().unwrap());
        let b = &m.boundary;
        assert_eq!(
            text,
            format!(
                "--{b}\r\ncontent-disposition: form-data; name=\"a\"\r\n\r\n1\r\n--{b}\r\ncontent-disposition: form-data; name=\"b\"\r\n\r\ntwo\r\n--{b}--\r\n"
            )
        );
    }

    #[test]
    fn head_with_body_is_refused() {
        let err = RequestSpec::build(&Input {
            method: Method::Head,
            url: "h",
            body: BodyInput::Data(&[DataPart {
                kind: DataKind::Data,
                text: "x".to_string(),
            }]),
            ..Input::default()
        })
        .unwrap_err();
        assert_eq!(crate::exit::exit_for(&err), crate::exit::Exit::Usage);
        assert_eq!(err.to_string(), "HEAD requests cannot carry a body");
    }

    #[test]
    fn any_token_is_a_method_and_is_kept_as_typed() {
        assert_eq!(Method::parse("GET"), Ok(Method::Get));
        assert_eq!(Method::parse("OPTIONS"), Ok(Method::Options));
        for token in ["PROPFIND", "QUERY", "get", "M-SEARCH"] {
            let method = Method::parse(token).unwrap();
            assert_eq!(method, Method::Other(token.to_string()));
            assert_eq!(method.as_str(), token);
        }
    }

    #[test]
    fn a_method_that_is_not_a_token_is_refused() {
        for bad in ["", "GET /", "A\r\nB", "(x)"] {
            let err = Method::parse(bad).unwrap_err();
            assert!(err.starts_with("invalid method '"), "{err}");
            assert!(!err.contains('\r'), "control characters are escaped: {err}");
        }
    }
}
