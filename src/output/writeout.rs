//! `-w/--write-out`: a template parsed before anything is sent (an unknown
//! variable is a usage error) and rendered after the body.

use serde_json::{json, Map, Value};

/// Facts about one finished transfer, in plain data.
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
    /// Seconds from the start of the transfer, as curl counts them.
    pub time_namelookup: f64,
    pub time_connect: f64,
    pub time_appconnect: f64,
    pub time_starttransfer: f64,
    pub time_total: f64,
    pub headers: Vec<(String, Vec<u8>)>,
}

/// The variables, in the order `%{json}` lists them.
const VARIABLES: &[&str] = &[
    "http_code",
    "http_version",
    "method",
    "url",
    "url_effective",
    "num_redirects",
    "num_retries",
    "content_type",
    "size_download",
    "size_upload",
    "speed_download",
    "time_namelookup",
    "time_connect",
    "time_appconnect",
    "time_starttransfer",
    "time_total",
];

#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    Var(&'static str),
    Header(String),
    Json,
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

    pub fn render(&self, stats: &Stats) -> Vec<u8> {
        let mut out = Vec::new();
        for piece in &self.0 {
            match piece {
                Piece::Text(t) => out.extend_from_slice(t.as_bytes()),
                Piece::Var(name) => out.extend_from_slice(text_of(name, stats).as_bytes()),
                Piece::Header(name) => {
                    if let Some((_, v)) = stats
                        .headers
                        .iter()
                        .find(|(n, _)| n.eq_ignore_ascii_case(name))
                    {
                        out.extend_from_slice(v);
                    }
                }
                Piece::Json => out.extend_from_slice(to_json(stats).to_string().as_bytes()),
            }
        }
        out
    }
}

fn variable(name: &str) -> Result<Piece, String> {
    if name == "json" {
        return Ok(Piece::Json);
    }
    if let Some(header) = name.strip_prefix("header.") {
        if !header.is_empty() {
            return Ok(Piece::Header(header.to_string()));
        }
    }
    VARIABLES
        .iter()
        .find(|v| **v == name)
        .map(|v| Piece::Var(v))
        .ok_or_else(|| format!("--write-out: unknown variable '%{{{name}}}'"))
}

fn value_of(name: &str, s: &Stats) -> Value {
    match name {
        "http_code" => json!(s.http_code),
        "http_version" => json!(s.http_version),
        "method" => json!(s.method),
        "url" => json!(s.url),
        "url_effective" => json!(s.url_effective),
        "num_redirects" => json!(s.num_redirects),
        "num_retries" => json!(s.num_retries),
        "content_type" => json!(s.content_type),
        "size_download" => json!(s.size_download),
        "size_upload" => json!(s.size_upload),
        "speed_download" => json!(speed(s)),
        "time_namelookup" => json!(s.time_namelookup),
        "time_connect" => json!(s.time_connect),
        "time_appconnect" => json!(s.time_appconnect),
        "time_starttransfer" => json!(s.time_starttransfer),
        "time_total" => json!(s.time_total),
        _ => Value::Null,
    }
}

fn text_of(name: &str, s: &Stats) -> String {
    match value_of(name, s) {
        Value::String(t) => t,
        Value::Number(n) if name.starts_with("time_") => {
            format!("{:.6}", n.as_f64().unwrap_or_default())
        }
        other => other.to_string(),
    }
}

/// Bytes per second, as a whole number like curl's.
fn speed(s: &Stats) -> u64 {
    if s.time_total > 0.0 {
        (s.size_download as f64 / s.time_total) as u64
    } else {
        0
    }
}

fn to_json(s: &Stats) -> Value {
    let map: Map<String, Value> = VARIABLES
        .iter()
        .map(|v| (v.to_string(), value_of(v, s)))
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
            time_total: 0.5,
            headers: vec![("content-type".into(), b"text/plain".to_vec())],
            ..Stats::default()
        }
    }

    #[test]
    fn variables_escapes_and_headers() {
        let t =
            Template::parse("%{http_code} %% %{header.Content-Type}\\t%{time_total}\\n").unwrap();
        assert_eq!(t.render(&stats()), b"200 % text/plain\t0.500000\n");
    }

    #[test]
    fn speed_is_bytes_per_second() {
        let t = Template::parse("%{speed_download}").unwrap();
        assert_eq!(t.render(&stats()), b"20");
    }

    #[test]
    fn unknown_variable_is_an_error() {
        let err = Template::parse("%{nope}").unwrap_err();
        assert!(err.contains("'%{nope}'"), "{err}");
        assert!(Template::parse("%{http_code").is_err());
    }

    #[test]
    fn json_has_every_variable() {
        let t = Template::parse("%{json}").unwrap();
        let v: Value = serde_json::from_slice(&t.render(&stats())).unwrap();
        let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, VARIABLES);
        assert_eq!(v["http_code"], 200);
    }
}
