//! `--expect`: which statuses count as UP.

use std::fmt;

/// One item of `--expect`: a status or a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    /// `204`
    Status(u16),
    /// `2xx`, kept as its first digit.
    Class(u16),
}

/// The statuses that count as UP, as the user wrote them (`200,3xx`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expect(Vec<Item>);

impl Expect {
    /// Parses `200`, `2xx` or a comma-separated list of both. The error is
    /// the whole message of a usage error.
    pub fn parse(text: &str) -> Result<Expect, String> {
        let invalid = |why: &str| {
            format!(
                "invalid --expect '{text}': {why} (use a status such as 200, a class such as 2xx, or a list such as 200,204)"
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
        Ok(Expect(items))
    }

    pub fn matches(&self, status: u16) -> bool {
        self.0.iter().any(|item| match *item {
            Item::Status(code) => code == status,
            Item::Class(class) => status / 100 == class,
        })
    }
}

impl fmt::Display for Expect {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_class_matches_its_hundred() {
        let expect = Expect::parse("2xx").unwrap();
        assert!(expect.matches(200));
        assert!(expect.matches(299));
        assert!(!expect.matches(301));
        assert_eq!(expect.to_string(), "2xx");
    }

    #[test]
    fn lists_mix_statuses_and_classes() {
        let expect = Expect::parse("200, 3XX,204").unwrap();
        assert!(expect.matches(200));
        assert!(expect.matches(204));
        assert!(expect.matches(302));
        assert!(!expect.matches(201));
        assert_eq!(expect.to_string(), "200,3xx,204");
    }

    #[test]
    fn nonsense_is_refused() {
        for bad in [
            "", "abc", "20", "2000", "099", "600", "6xx", "0xx", "200,", "2x", "+200",
        ] {
            let err = Expect::parse(bad).unwrap_err();
            assert!(err.starts_with("invalid --expect"), "{bad}: {err}");
        }
    }
}
