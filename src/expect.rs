//! What a response must be: the status lists of `--expect` and `health
//! --expect`. Pure functions over plain data, shared by the request
//! commands and `health`; each unmet rule says in words what was expected
//! and what came.

use std::fmt;

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
// What one request's response must be
// ---------------------------------------------------------------------------

/// Everything one request's response must be.
#[derive(Debug, Clone, Default)]
pub struct Expectations {
    pub status: Option<StatusList>,
}

impl Expectations {
    /// Parses the options as given; the error is a usage error's message.
    pub fn parse(status: Option<&str>) -> Result<Expectations, String> {
        Ok(Expectations {
            status: status
                .map(|s| StatusList::parse(s, "--expect"))
                .transpose()?,
        })
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
}
