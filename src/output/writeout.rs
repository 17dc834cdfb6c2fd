//! `-w/--write-out`: a template parsed before anything is sent (an unknown
//! variable is a usage error) and rendered after the body, or after the
//! transfer failed (`http_code` 000, as in curl).

use std::time::Duration;

use serde_json::{json, Map, Value};

use super::sanitize::{escape_bytes, Controls};
use crate::text::Secrets;
use crate::timings::Timings;

/// Facts about one finished (or failed) transfer, in plain data. After a
/// failure the fields hold what the transfer got to: zero and empty for
/// what never came.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub http_code: u16,
    pub http_version: String,
    pub method: String,
    pub url: String,
    pub url_effective: String,
    pub num_redirects: u32,
    pub num_retries: u32,
    pub content_type: String,
    pub size_download: u64,
    pub size_upload: u64,
    /// Phase times from the start of the attempt, as curl counts them.
    pub timings: Timings,
    pub time_total: Duration,
    /// The response headers as received (a URL in `Location` with its
    /// secret query values hidden), as `%{header.NAME}` shows them.
    pub headers: Vec<(String, Vec<u8>)>,
    /// What `%{header_json}` hides of `headers` (`--show-secrets`,
    /// `--redact`), as the trace does.
    pub secrets: Secrets,
    /// The far end: an IP address, or a Unix socket's path; empty when no
    /// request went out.
    pub remote_ip: String,
    /// 0 when there is none (no connection, a Unix socket).
    pub remote_port: u16,
    pub local_ip: String,
    pub local_port: u16,
    /// Where a 3xx that was not followed points, resolved; empty otherwise.
    pub redirect_url: String,
    /// The exit code this URL gives.
    pub exitcode: u8,
    /// The error line's text, without `httpc: error: `; empty on success.
    pub errormsg: String,
}

/// A `-w` variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Variable {
    HttpCode,
    HttpVersion,
    Method,
    Url,
    UrlEffective,
    NumRedirects,
    NumRetries,
    ContentType,
    SizeDownload,
    SizeUpload,
    SpeedDownload,
    TimeNamelookup,
    TimeConnect,
    TimeAppconnect,
    TimeStarttransfer,
    TimeTotal,
    RemoteIp,
    RemotePort,
    LocalIp,
    LocalPort,
    RedirectUrl,
    Exitcode,
    Errormsg,
    HeaderJson,
}

/// The variables by name, in the order `%{json}` lists them.
const VARIABLES: &[(&str, Variable)] = &[
    ("http_code", Variable::HttpCode),
    ("http_version", Variable::HttpVersion),
    ("method", Variable::Method),
    ("url", Variable::Url),
    ("url_effective", Variable::UrlEffective),
    ("num_redirects", Variable::NumRedirects),
    ("num_retries", Variable::NumRetries),
    ("content_type", Variable::ContentType),
    ("size_download", Variable::SizeDownload),
    ("size_upload", Variable::SizeUpload),
    ("speed_download", Variable::SpeedDownload),
    ("time_namelookup", Variable::TimeNamelookup),
    ("time_connect", Variable::TimeConnect),
    ("time_appconnect", Variable::TimeAppconnect),
    ("time_starttransfer", Variable::TimeStarttransfer),
    ("time_total", Variable::TimeTotal),
    ("remote_ip", Variable::RemoteIp),
    ("remote_port", Variable::RemotePort),
    ("local_ip", Variable::LocalIp),
    ("local_port", Variable::LocalPort),
    ("redirect_url", Variable::RedirectUrl),
    ("exitcode", Variable::Exitcode),
    ("errormsg", Variable::Errormsg),
    ("header_json", Variable::HeaderJson),
];

#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    Var(Variable),
    Header(String),
    Json,
    /// `%{onerror}`: what follows is printed only when the transfer failed.
    OnError,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Template(Vec<Piece>);

impl Template {
    /// `%{name}`, `%%`, `\n`, `\t`, `\r`, `\\`; anything else is literal.
    pub fn parse(format: &str) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut chars = format.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek()) {
                ('%', Some('%')) => {
                    chars.next();
                    text.push('%');
                }
                ('%', Some('{')) => {
                    chars.next();
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => name.push(c),
                            None => {
                                return Err(format!(
                                    "--write-out: '%{{{name}' is not closed with '}}'"
                                ))
                            }
                        }
                    }
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(variable(&name)?);
                }
                ('\\', Some(&e)) if matches!(e, 'n' | 't' | 'r' | '\\') => {
                    chars.next();
                    text.push(match e {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        _ => '\\',
                    });
                }
                (c, _) => text.push(c),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(Template(pieces))
    }

    /// The template with the transfer's values. On a terminal (`controls`
    /// escaped) the values, which can come from the server (a header, the
    /// content type), have their control characters escaped; in JSON
    /// (`%{json}`, `%{header_json}`) as JSON escapes, so it still parses.
    /// `%{onerror}` ends the output there when the exit code is 0.
    pub fn render(&self, stats: &Stats, controls: Controls) -> Vec<u8> {
        let shown = |value: &[u8]| match controls {
            Controls::Kept => value.to_vec(),
            Controls::Escaped => escape_bytes(value),
        };
        let mut out = Vec::new();
        for piece in &self.0 {
            match piece {
                Piece::Text(t) => out.extend_from_slice(t.as_bytes()),
                Piece::OnError if stats.exitcode == 0 => break,
                Piece::OnError => {}
                Piece::Var(Variable::HeaderJson) => {
                    out.extend(json_text(&header_json(stats), controls).as_bytes())
                }
                Piece::Var(var) => out.extend(shown(text_of(*var, stats).as_bytes())),
                Piece::Header(name) => {
                    if let Some((_, v)) = stats
                        .headers
                        .iter()
                        .find(|(n, _)| n.eq_ignore_ascii_case(name))
                    {
                        out.extend(shown(v));
                    }
                }
                Piece::Json => out.extend(json_text(&to_json(stats), controls).as_bytes()),
            }
        }
        out
    }
}

fn variable(name: &str) -> Result<Piece, String> {
    match name {
        "json" => return Ok(Piece::Json),
        "onerror" => return Ok(Piece::OnError),
        _ => {}
    }
    if let Some(header) = name.strip_prefix("header.") {
        if !header.is_empty() {
            return Ok(Piece::Header(header.to_string()));
        }
    }
    VARIABLES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, var)| Piece::Var(var))
        .ok_or_else(|| format!("--write-out: unknown variable '%{{{name}}}'"))
}

fn value_of(var: Variable, s: &Stats) -> Value {
    use Variable as V;
    let secs = |d: Option<Duration>| json!(d.map_or(0.0, |d| d.as_secs_f64()));
    match var {
        V::HttpCode => json!(s.http_code),
        V::HttpVersion => json!(s.http_version),
        V::Method => json!(s.method),
        V::Url => json!(s.url),
        V::UrlEffective => json!(s.url_effective),
        V::NumRedirects => json!(s.num_redirects),
        V::NumRetries => json!(s.num_retries),
        V::ContentType => json!(s.content_type),
        V::SizeDownload => json!(s.size_download),
        V::SizeUpload => json!(s.size_upload),
        V::SpeedDownload => json!(speed(s)),
        V::TimeNamelookup => secs(s.timings.dns),
        V::TimeConnect => secs(s.timings.connect),
        V::TimeAppconnect => secs(s.timings.tls),
        V::TimeStarttransfer => secs(s.timings.first_byte),
        V::TimeTotal => secs(Some(s.time_total)),
        V::RemoteIp => json!(s.remote_ip),
        V::RemotePort => json!(s.remote_port),
        V::LocalIp => json!(s.local_ip),
        V::LocalPort => json!(s.local_port),
        V::RedirectUrl => json!(s.redirect_url),
        V::Exitcode => json!(s.exitcode),
        V::Errormsg => json!(s.errormsg),
        V::HeaderJson => header_json(s),
    }
}

/// Every response header as curl 7.83+ gives them: lowercase names, each
/// with the array of its values in the order received; secret values
/// (`Set-Cookie`, `--redact` names) hidden as in the trace, unless
/// `--show-secrets`.
fn header_json(s: &Stats) -> Value {
    let mut map = Map::new();
    for (name, value) in &s.headers {
        let value = s.secrets.header_value(name, value);
        let value = Value::String(String::from_utf8_lossy(&value).into_owned());
        let entry = map
            .entry(name.to_ascii_lowercase())
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(values) = entry {
            values.push(value);
        }
    }
    Value::Object(map)
}

/// JSON as one line. serde_json escapes the C0 controls; on a terminal DEL
/// and the C1 controls (which can only be inside strings) become `\u00XX`
/// too, so the text is still JSON.
fn json_text(value: &Value, controls: Controls) -> String {
    let text = value.to_string();
    match controls {
        Controls::Kept => text,
        Controls::Escaped => {
            let mut out = String::with_capacity(text.len());
            for c in text.chars() {
                match c {
                    '\u{7f}'..='\u{9f}' => out.push_str(&format!("\\u{:04x}", c as u32)),
                    c => out.push(c),
                }
            }
            out
        }
    }
}

/// Times print with six decimals, as curl's do.
fn text_of(var: Variable, s: &Stats) -> String {
    use Variable as V;
    let is_time = matches!(
        var,
        V::TimeNamelookup
            | V::TimeConnect
            | V::TimeAppconnect
            | V::TimeStarttransfer
            | V::TimeTotal
    );
    match value_of(var, s) {
        // curl's `000` when no response came.
        Value::Number(n) if var == V::HttpCode => format!("{:03}", n.as_u64().unwrap_or_default()),
        Value::String(t) => t,
        Value::Number(n) if is_time => format!("{:.6}", n.as_f64().unwrap_or_default()),
        other => other.to_string(),
    }
}

/// Bytes per second, as a whole number like curl's.
fn speed(s: &Stats) -> u64 {
    let total = s.time_total.as_secs_f64();
    if total > 0.0 {
        (s.size_download as f64 / total) as u64
    } else {
        0
    }
}

fn to_json(s: &Stats) -> Value {
    let map: Map<String, Value> = VARIABLES
        .iter()
        .map(|&(name, var)| (name.to_string(), value_of(var, s)))
        .collect();
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats() -> Stats {
        Stats {
            http_code: 200,
            http_version: "1.1".into(),
            method: "GET".into(),
            url: "http://h/".into(),
            size_download: 10,
            time_total: Duration::from_millis(500),
            headers: vec![("content-type".into(), b"text/plain".to_vec())],
            ..Stats::default()
        }
    }

    #[test]
    fn variables_escapes_and_headers() {
        let t =
            Template::parse("%{http_code} %% %{header.Content-Type}\\t%{time_total}\\n").unwrap();
        assert_eq!(
            t.render(&stats(), Controls::Kept),
            b"200 % text/plain\t0.500000\n"
        );
    }

    #[test]
    fn server_text_is_escaped_on_a_terminal() {
        let t = Template::parse("%{header.x}|%{content_type}|%{http_code}").unwrap();
        let s = Stats {
            content_type: "text/\u{9b}31m".into(),
            headers: vec![("x".into(), b"\x1b[2J".to_vec())],
            ..stats()
        };
        assert_eq!(
            t.render(&s, Controls::Escaped),
            b"\\x1b[2J|text/\\u{9b}31m|200"
        );
        assert_eq!(
            t.render(&s, Controls::Kept),
            "\x1b[2J|text/\u{9b}31m|200".as_bytes()
        );
    }

    #[test]
    fn speed_is_bytes_per_second() {
        let t = Template::parse("%{speed_download}").unwrap();
        assert_eq!(t.render(&stats(), Controls::Kept), b"20");
    }

    #[test]
    fn unknown_variable_is_an_error() {
        let err = Template::parse("%{nope}").unwrap_err();
        assert!(err.contains("'%{nope}'"), "{err}");
        assert!(Template::parse("%{http_code").is_err());
    }

    #[test]
    fn onerror_ends_the_output_unless_the_transfer_failed() {
        let t = Template::parse("a%{onerror}b").unwrap();
        assert_eq!(t.render(&stats(), Controls::Kept), b"a");
        let failed = Stats {
            exitcode: 7,
            ..stats()
        };
        assert_eq!(t.render(&failed, Controls::Kept), b"ab");
    }

    #[test]
    fn no_response_is_http_code_000() {
        let t = Template::parse("%{http_code}").unwrap();
        assert_eq!(t.render(&Stats::default(), Controls::Kept), b"000");
    }

    #[test]
    fn header_json_groups_the_values_of_a_name() {
        let t = Template::parse("%{header_json}").unwrap();
        let s = Stats {
            headers: vec![
                ("link".into(), b"a=1".to_vec()),
                ("x".into(), b"y".to_vec()),
                ("link".into(), b"b=2".to_vec()),
            ],
            ..stats()
        };
        assert_eq!(
            t.render(&s, Controls::Kept),
            br#"{"link":["a=1","b=2"],"x":["y"]}"#
        );
    }

    #[test]
    fn header_json_hides_secret_values_unless_shown() {
        let s = Stats {
            headers: vec![
                ("set-cookie".into(), b"sid=abc".to_vec()),
                ("x-token".into(), b"t0k".to_vec()),
                ("x".into(), b"y".to_vec()),
            ],
            secrets: Secrets::redacted(&["X-Token".to_string()]),
            ..stats()
        };
        let t = Template::parse("%{header_json} %{header.set-cookie}").unwrap();
        assert_eq!(
            t.render(&s, Controls::Kept),
            br#"{"set-cookie":["<redacted, 7 bytes>"],"x-token":["<redacted, 3 bytes>"],"x":["y"]} sid=abc"#
        );
        let json = Template::parse("%{json}")
            .unwrap()
            .render(&s, Controls::Kept);
        let v: Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(v["header_json"]["set-cookie"][0], "<redacted, 7 bytes>");
        let shown = Stats {
            secrets: Secrets::shown(),
            ..s
        };
        assert_eq!(
            t.render(&shown, Controls::Kept),
            br#"{"set-cookie":["sid=abc"],"x-token":["t0k"],"x":["y"]} sid=abc"#
        );
    }

    #[test]
    fn json_text_escapes_c1_controls_only_on_a_terminal() {
        let v = json!({"x": "a\u{9b}\u{1b}b"});
        assert_eq!(
            json_text(&v, Controls::Escaped),
            r#"{"x":"a\u009b\u001bb"}"#
        );
        assert_eq!(json_text(&v, Controls::Kept), "{\"x\":\"a\u{9b}\\u001bb\"}");
    }

    #[test]
    fn json_has_every_variable() {
        let t = Template::parse("%{json}").unwrap();
        let v: Value = serde_json::from_slice(&t.render(&stats(), Controls::Kept)).unwrap();
        let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        let names: Vec<_> = VARIABLES.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(keys, names);
        assert_eq!(v["http_code"], 200);
    }
}
