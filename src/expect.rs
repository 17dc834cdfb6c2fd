//! What a response must be: the status lists of `--expect`, `--retry-on`
//! and `health --expect`, `--expect-header`, `--expect-json` and the JSON
//! Pointers of `--pick`. Pure functions over plain data (a status, headers
//! as received, body bytes), shared by the request commands and `health`;
//! each unmet rule says in words what was expected and what came.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::value::RawValue;
use serde_json::Value;

/// `--pick` and `--expect-json` read at most this much of a body (64 MiB).
pub const JSON_BODY_LIMIT: usize = 64 << 20;

/// Text quoted from a server in an unmet expectation is cut after this
/// many characters, so one line stays one readable line.
const QUOTED: usize = 120;

// ---------------------------------------------------------------------------
// Status lists
// ---------------------------------------------------------------------------

/// One item of a status list: a status or a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    /// `204`
    Status(u16),
    /// `2xx`, kept as its first digit.
    Class(u16),
}

/// Statuses as the user wrote them (`200,3xx`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusList(Vec<Item>);

impl StatusList {
    /// Parses `200`, `2xx` or a comma-separated list of both, given to
    /// `option` (named in the error, which is the whole message of a usage
    /// error).
    pub fn parse(text: &str, option: &str) -> Result<StatusList, String> {
        let invalid = |why: &str| {
            format!(
                "invalid {option} '{text}': {why} (use a status such as 200, a class such as 2xx, or a list such as 200,204)"
            )
        };
        let mut items = Vec::new();
        for part in text.split(',') {
            let part = part.trim();
            let item = match part.as_bytes() {
                [] => return Err(invalid("empty item")),
                [d @ b'1'..=b'5', b'x' | b'X', b'x' | b'X'] => Item::Class(u16::from(d - b'0')),
                _ => match part.parse::<u16>() {
                    Ok(code) if part.len() == 3 && (100..=599).contains(&code) => {
                        Item::Status(code)
                    }
                    _ => return Err(invalid(&format!("'{part}' is not a status or class"))),
                },
            };
            if !items.contains(&item) {
                items.push(item);
            }
        }
        Ok(StatusList(items))
    }

    pub fn matches(&self, status: u16) -> bool {
        self.0.iter().any(|item| match *item {
            Item::Status(code) => code == status,
            Item::Class(class) => status / 100 == class,
        })
    }
}

impl fmt::Display for StatusList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            match item {
                Item::Status(code) => write!(f, "{code}")?,
                Item::Class(class) => write!(f, "{class}xx")?,
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// --expect-header
// ---------------------------------------------------------------------------

/// `--expect-header 'Name: VALUE'` (or `'Name:'`: present with any value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderRule {
    /// As the user typed it; compared without regard to case.
    name: String,
    value: Option<String>,
}

impl HeaderRule {
    pub fn parse(text: &str) -> Result<HeaderRule, String> {
        let invalid = |why: &str| format!("invalid --expect-header '{text}': {why}");
        let Some((name, value)) = text.split_once(':') else {
            return Err(invalid("expected 'Name: VALUE', or 'Name:' for any value"));
        };
        let name = name.trim();
        if name.is_empty() || !name.bytes().all(is_token_byte) {
            return Err(invalid(&format!("'{name}' is not a header name")));
        }
        if value.bytes().any(|b| matches!(b, b'\r' | b'\n' | 0)) {
            return Err(invalid("the value contains a line break (CR or LF)"));
        }
        let value = value.trim_matches([' ', '\t']);
        Ok(HeaderRule {
            name: name.to_string(),
            value: (!value.is_empty()).then(|| value.to_string()),
        })
    }

    /// Met when a header of that name is there (and, with a value, when
    /// any one of them equals it once trimmed); otherwise what came.
    pub fn check(&self, headers: &[(String, Vec<u8>)]) -> Result<(), String> {
        let values: Vec<&[u8]> = headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(&self.name))
            .map(|(_, v)| trim_ows(v))
            .collect();
        let Some(wanted) = &self.value else {
            return match values.is_empty() {
                false => Ok(()),
                true => Err(format!("expected header {}, got none", self.name)),
            };
        };
        if values.contains(&wanted.as_bytes()) {
            return Ok(());
        }
        let got = match values.as_slice() {
            [] => "none".to_string(),
            values => values
                .iter()
                .map(|v| format!("'{}'", quoted(&String::from_utf8_lossy(v))))
                .collect::<Vec<_>>()
                .join(", "),
        };
        Err(format!(
            "expected header {}: {wanted}, got {got}",
            self.name
        ))
    }
}

fn trim_ows(v: &[u8]) -> &[u8] {
    let start = v.iter().position(|b| !matches!(b, b' ' | b'\t'));
    let end = v.iter().rposition(|b| !matches!(b, b' ' | b'\t'));
    match (start, end) {
        (Some(s), Some(e)) => &v[s..=e],
        _ => &[],
    }
}

/// A byte of an RFC 9110 token.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

// ---------------------------------------------------------------------------
// JSON Pointers, --expect-json, --pick
// ---------------------------------------------------------------------------

/// An RFC 6901 JSON Pointer: `` (the whole document), `/a/0/b~1c`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pointer {
    /// As the user wrote it, for messages.
    text: String,
    /// The reference tokens, unescaped (`~1` is `/`, `~0` is `~`).
    tokens: Vec<String>,
}

impl Pointer {
    /// The error says what is wrong, without naming the option.
    pub fn parse(text: &str) -> Result<Pointer, String> {
        if text.is_empty() {
            return Ok(Pointer {
                text: String::new(),
                tokens: Vec::new(),
            });
        }
        let Some(rest) = text.strip_prefix('/') else {
            return Err(
                "a JSON Pointer starts with / (RFC 6901), such as /id or /items/0/name".into(),
            );
        };
        let mut tokens = Vec::new();
        for raw in rest.split('/') {
            let mut token = String::with_capacity(raw.len());
            let mut chars = raw.chars();
            while let Some(c) = chars.next() {
                match (c, c == '~') {
                    (_, false) => token.push(c),
                    (_, true) => match chars.next() {
                        Some('0') => token.push('~'),
                        Some('1') => token.push('/'),
                        _ => {
                            return Err(
                                "in a JSON Pointer ~ is written ~0, and / inside a key ~1".into()
                            )
                        }
                    },
                }
            }
            tokens.push(token);
        }
        Ok(Pointer {
            text: text.to_string(),
            tokens,
        })
    }

    /// The value this pointer refers to in `doc`, as its text in the body.
    fn find<'a>(&self, doc: &'a RawValue) -> Option<&'a RawValue> {
        let mut here = doc;
        for token in &self.tokens {
            here = match here.get().as_bytes().first()? {
                b'{' => {
                    // The last of duplicate keys wins, as with serde_json's Value.
                    let object: BTreeMap<String, &RawValue> =
                        serde_json::from_str(here.get()).ok()?;
                    *object.get(token)?
                }
                b'[' => {
                    let array: Vec<&RawValue> = serde_json::from_str(here.get()).ok()?;
                    let leading_zero = token.len() > 1 && token.starts_with('0');
                    if leading_zero || !token.bytes().all(|b| b.is_ascii_digit()) {
                        return None;
                    }
                    *array.get(token.parse::<usize>().ok()?)?
                }
                _ => return None,
            };
        }
        Some(here)
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.text.is_empty() {
            true => f.write_str("the whole body (pointer '')"),
            false => f.write_str(&self.text),
        }
    }
}

/// `--expect-json POINTER[=JSON]`.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonRule {
    pointer: Pointer,
    /// The value it must equal, and how the user wrote it.
    equals: Option<(Value, String)>,
}

impl JsonRule {
    /// The pointer ends at the first `=`; what follows is JSON.
    pub fn parse(text: &str) -> Result<JsonRule, String> {
        let invalid = |why: String| format!("invalid --expect-json '{text}': {why}");
        let (pointer, equals) = match text.split_once('=') {
            Some((pointer, json)) => (pointer, Some(json.trim())),
            None => (text, None),
        };
        let pointer = Pointer::parse(pointer).map_err(invalid)?;
        let equals = match equals {
            None => None,
            Some(json) => {
                let value: Value = serde_json::from_str(json).map_err(|e| {
                    invalid(format!(
                        "after = comes a JSON value (strings in quotes: /state=\"ready\"): {e}"
                    ))
                })?;
                Some((value, json.to_string()))
            }
        };
        Ok(JsonRule { pointer, equals })
    }

    /// Met when the value is there (and equal, when a value is given).
    pub fn check(&self, body: &JsonBody) -> Result<(), String> {
        let doc = body.document("--expect-json")?;
        let Some(found) = self.pointer.find(doc) else {
            return Err(format!("expected a value at {}, got none", self.pointer));
        };
        let Some((wanted, shown)) = &self.equals else {
            return Ok(());
        };
        let same = serde_json::from_str::<Value>(found.get()).is_ok_and(|v| same_json(&v, wanted));
        match same {
            true => Ok(()),
            false => Err(format!(
                "expected {} = {shown}, got {}",
                self.pointer,
                quoted(&compact(found.get()))
            )),
        }
    }
}

/// JSON values compared as values: numbers by their value (`3` equals
/// `3.0` and `3e0`), objects whatever their key order.
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            match (x.as_u64(), y.as_u64(), x.as_i64(), y.as_i64()) {
                (Some(x), Some(y), _, _) => x == y,
                (_, _, Some(x), Some(y)) => x == y,
                _ => x.as_f64() == y.as_f64(),
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// A body read for `--pick` and `--expect-json`: parsed once, at most
/// `JSON_BODY_LIMIT` bytes of it.
pub struct JsonBody<'a> {
    parsed: Result<&'a RawValue, String>,
}

impl<'a> JsonBody<'a> {
    /// `cut`: the body was longer than what was read (`limit` bytes).
    pub fn new(bytes: &'a [u8], cut: bool, limit: &str) -> JsonBody<'a> {
        let parsed = if cut {
            Err(format!("a body over {limit}"))
        } else if bytes.iter().all(u8::is_ascii_whitespace) {
            Err("an empty body".to_string())
        } else {
            std::str::from_utf8(bytes)
                .map_err(|_| "a body that is not JSON (not UTF-8)".to_string())
                .and_then(|text| {
                    serde_json::from_str::<&RawValue>(text)
                        .map_err(|e| format!("a body that is not JSON ({e})"))
                })
        };
        JsonBody { parsed }
    }

    fn document(&self, option: &str) -> Result<&'a RawValue, String> {
        self.parsed
            .as_ref()
            .copied()
            .map_err(|got| format!("expected a JSON body for {option}, got {got}"))
    }

    /// `--pick`: the value at `pointer` as printed: a string raw (no
    /// quotes, escapes decoded), anything else as compact JSON with its
    /// tokens as received (numbers exactly as sent).
    pub fn pick(&self, pointer: &Pointer) -> Result<String, String> {
        let doc = self.document("--pick")?;
        let found = pointer
            .find(doc)
            .ok_or_else(|| format!("expected a value at {pointer} for --pick, got none"))?;
        if found.get().starts_with('"') {
            if let Ok(text) = serde_json::from_str::<String>(found.get()) {
                return Ok(text);
            }
        }
        Ok(compact(found.get()))
    }
}

/// Everything one request's response must be, and what `--pick` takes
/// from it.
#[derive(Debug, Clone, Default)]
pub struct Expectations {
    pub status: Option<StatusList>,
    pub headers: Vec<HeaderRule>,
    pub json: Vec<JsonRule>,
    pub pick: Vec<Pointer>,
}

impl Expectations {
    /// Parses the options as given; the error is a usage error's message.
    pub fn parse(
        status: Option<&str>,
        headers: &[String],
        json: &[String],
        pick: &[String],
    ) -> Result<Expectations, String> {
        Ok(Expectations {
            status: status
                .map(|s| StatusList::parse(s, "--expect"))
                .transpose()?,
            headers: headers
                .iter()
                .map(|h| HeaderRule::parse(h))
                .collect::<Result<_, _>>()?,
            json: json
                .iter()
                .map(|j| JsonRule::parse(j))
                .collect::<Result<_, _>>()?,
            pick: pick
                .iter()
                .map(|p| Pointer::parse(p).map_err(|why| format!("invalid --pick '{p}': {why}")))
                .collect::<Result<_, _>>()?,
        })
    }

    /// Whether the body must be read (and held) before it is printed.
    pub fn reads_body(&self) -> bool {
        !self.json.is_empty() || !self.pick.is_empty()
    }

    /// The first header rule the headers do not meet.
    pub fn check_headers(&self, headers: &[(String, Vec<u8>)]) -> Result<(), String> {
        self.headers.iter().try_for_each(|rule| rule.check(headers))
    }

    /// The first JSON rule the body does not meet, then the picked values
    /// in the order given.
    pub fn check_body(&self, body: &JsonBody) -> Result<Vec<String>, String> {
        for rule in &self.json {
            rule.check(body)?;
        }
        self.pick.iter().map(|p| body.pick(p)).collect()
    }
}

/// JSON text without the whitespace between tokens; every token (numbers,
/// escapes, duplicate keys, key order) stays as it is.
pub fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in json.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}

/// Server text for a message, cut when long (the error line escapes its
/// control characters).
fn quoted(text: &str) -> String {
    match text.char_indices().nth(QUOTED) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_class_matches_its_hundred() {
        let list = StatusList::parse("2xx", "--expect").unwrap();
        assert!(list.matches(200));
        assert!(list.matches(299));
        assert!(!list.matches(301));
        assert_eq!(list.to_string(), "2xx");
    }

    #[test]
    fn lists_mix_statuses_and_classes() {
        let list = StatusList::parse("200, 3XX,204", "--expect").unwrap();
        assert!(list.matches(200));
        assert!(list.matches(204));
        assert!(list.matches(302));
        assert!(!list.matches(201));
        assert_eq!(list.to_string(), "200,3xx,204");
    }

    #[test]
    fn nonsense_is_refused_naming_the_option() {
        for bad in [
            "", "abc", "20", "2000", "099", "600", "6xx", "0xx", "200,", "2x", "+200",
        ] {
            let err = StatusList::parse(bad, "--retry-on").unwrap_err();
            assert!(err.starts_with("invalid --retry-on"), "{bad}: {err}");
        }
    }

    fn headers(list: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn header_rules_compare_names_without_case_and_values_trimmed() {
        let h = headers(&[("x-state", " ready\t"), ("etag", "\"1\"")]);
        assert_eq!(
            HeaderRule::parse("X-State: ready").unwrap().check(&h),
            Ok(())
        );
        assert_eq!(HeaderRule::parse("ETag:").unwrap().check(&h), Ok(()));
        assert_eq!(
            HeaderRule::parse("X-State: Ready").unwrap().check(&h),
            Err("expected header X-State: Ready, got 'ready'".into())
        );
        assert_eq!(
            HeaderRule::parse("Location:").unwrap().check(&h),
            Err("expected header Location, got none".into())
        );
    }

    #[test]
    fn any_of_repeated_headers_may_match() {
        let h = headers(&[("vary", "accept"), ("vary", "origin")]);
        assert_eq!(HeaderRule::parse("Vary: origin").unwrap().check(&h), Ok(()));
        assert_eq!(
            HeaderRule::parse("Vary: cookie").unwrap().check(&h),
            Err("expected header Vary: cookie, got 'accept', 'origin'".into())
        );
    }

    #[test]
    fn bad_header_rules_are_refused() {
        for bad in ["no colon", ": v", "Bad Name: v", "X: a\rb"] {
            let err = HeaderRule::parse(bad).unwrap_err();
            assert!(err.starts_with("invalid --expect-header"), "{bad}: {err}");
        }
    }

    fn body(text: &str) -> JsonBody<'_> {
        JsonBody::new(text.as_bytes(), false, "64 MiB")
    }

    fn pick(text: &str, pointer: &str) -> Result<String, String> {
        body(text).pick(&Pointer::parse(pointer).unwrap())
    }

    #[test]
    fn pointers_follow_rfc_6901() {
        let doc = r#"{"a/b": 1, "m~n": 2, "items": [{"id": 7}, 8], "": 3}"#;
        assert_eq!(pick(doc, "/a~1b").unwrap(), "1");
        assert_eq!(pick(doc, "/m~0n").unwrap(), "2");
        assert_eq!(pick(doc, "/items/0/id").unwrap(), "7");
        assert_eq!(pick(doc, "/items/1").unwrap(), "8");
        assert_eq!(pick(doc, "/").unwrap(), "3");
        assert!(pick(doc, "/items/01").is_err());
        assert!(pick(doc, "/items/-").is_err());
        assert!(pick(doc, "/items/2").is_err());
        assert!(pick(doc, "/items/0/id/x").is_err());
        assert_eq!(
            pick(doc, "").unwrap(),
            r#"{"a/b":1,"m~n":2,"items":[{"id":7},8],"":3}"#
        );
        for bad in ["a", "items/0", "/a~2", "/a~"] {
            assert!(Pointer::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn picks_keep_tokens_as_received() {
        let doc = "{\"big\": 123456789012345678901234567890, \"f\": 1.50, \"s\": \"a\\u00e9 \\\"q\\\"\",\n \"o\": {\"k\" : [1, \"x y\"], \"k\": 2}}";
        assert_eq!(pick(doc, "/big").unwrap(), "123456789012345678901234567890");
        assert_eq!(pick(doc, "/f").unwrap(), "1.50");
        assert_eq!(pick(doc, "/s").unwrap(), "aé \"q\"");
        assert_eq!(pick(doc, "/o").unwrap(), r#"{"k":[1,"x y"],"k":2}"#);
        // The last of duplicate keys is the one a pointer finds.
        assert_eq!(pick(doc, "/o/k").unwrap(), "2");
    }

    #[test]
    fn what_is_not_json_is_said() {
        assert_eq!(
            pick("<html>", "/id").unwrap_err(),
            "expected a JSON body for --pick, got a body that is not JSON (expected value at line 1 column 1)"
        );
        assert_eq!(
            pick(" \n", "/id").unwrap_err(),
            "expected a JSON body for --pick, got an empty body"
        );
        let cut = JsonBody::new(b"{", true, "64 MiB");
        assert_eq!(
            cut.pick(&Pointer::parse("/a").unwrap()).unwrap_err(),
            "expected a JSON body for --pick, got a body over 64 MiB"
        );
        assert_eq!(
            pick("{}", "/id").unwrap_err(),
            "expected a value at /id for --pick, got none"
        );
    }

    fn check(doc: &str, rule: &str) -> Result<(), String> {
        JsonRule::parse(rule).unwrap().check(&body(doc))
    }

    #[test]
    fn json_rules_compare_values() {
        let doc =
            r#"{"state": "ready", "count": 3, "ok": true, "tags": ["a"], "o": {"x": 1, "y": 2}}"#;
        assert_eq!(check(doc, "/state"), Ok(()));
        assert_eq!(check(doc, r#"/state="ready""#), Ok(()));
        assert_eq!(check(doc, "/count=3"), Ok(()));
        assert_eq!(check(doc, "/count=3.0"), Ok(()));
        assert_eq!(check(doc, "/count=3e0"), Ok(()));
        assert_eq!(check(doc, "/ok=true"), Ok(()));
        assert_eq!(check(doc, r#"/tags=["a"]"#), Ok(()));
        assert_eq!(check(doc, r#"/o={"y":2,"x":1.0}"#), Ok(()));
        assert_eq!(
            check(doc, r#"/state="done""#),
            Err(r#"expected /state = "done", got "ready""#.into())
        );
        assert_eq!(
            check(doc, "/count=4"),
            Err("expected /count = 4, got 3".into())
        );
        assert_eq!(
            check(doc, "/gone"),
            Err("expected a value at /gone, got none".into())
        );
        assert_eq!(
            check(doc, "/count=\"3\""),
            Err("expected /count = \"3\", got 3".into())
        );
    }

    #[test]
    fn bad_json_rules_are_refused() {
        for bad in ["state", "/state=ready", "/x={", "/a~9=1"] {
            let err = JsonRule::parse(bad).unwrap_err();
            assert!(err.starts_with("invalid --expect-json"), "{bad}: {err}");
        }
    }

    #[test]
    fn long_server_text_is_cut() {
        let long = format!(r#"{{"s": "{}"}}"#, "x".repeat(500));
        let err = check(&long, r#"/s="y""#).unwrap_err();
        assert!(err.ends_with("x…"), "{err}");
        assert!(err.len() < 200, "{err}");
    }
}
