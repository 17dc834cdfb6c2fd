//! What a response must be: the status lists of `--expect` and `health
//! --expect`, and `--expect-header`. Pure functions over plain data (a
//! status, headers as received), shared by the request commands and
//! `health`; each unmet rule says in words what was expected and what came.

use std::fmt;

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
// What one request's response must be
// ---------------------------------------------------------------------------

/// Everything one request's response must be.
#[derive(Debug, Clone, Default)]
pub struct Expectations {
    pub status: Option<StatusList>,
    pub headers: Vec<HeaderRule>,
}

impl Expectations {
    /// Parses the options as given; the error is a usage error's message.
    pub fn parse(status: Option<&str>, headers: &[String]) -> Result<Expectations, String> {
        Ok(Expectations {
            status: status
                .map(|s| StatusList::parse(s, "--expect"))
                .transpose()?,
            headers: headers
                .iter()
                .map(|h| HeaderRule::parse(h))
                .collect::<Result<_, _>>()?,
        })
    }

    /// The first header rule the headers do not meet.
    pub fn check_headers(&self, headers: &[(String, Vec<u8>)]) -> Result<(), String> {
        self.headers.iter().try_for_each(|rule| rule.check(headers))
    }
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
}
