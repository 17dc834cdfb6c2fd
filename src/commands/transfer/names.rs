//! File names that come from elsewhere: the URL's last segment (`-O`) and
//! the server's `Content-Disposition` (`-J`). Both pass the same check
//! before httpc creates a file by that name in the current directory.

use percent_encoding::percent_decode_str;

/// The longest file name most file systems take.
const NAME_MAX: usize = 255;

/// A name that can only mean a new file in the current directory: not
/// empty, `.` or `..`, not hidden, no path separator or control
/// character, at most 255 bytes.
pub fn is_safe_name(name: &str) -> bool {
    !(name.is_empty()
        || name == "."
        || name == ".."
        // `-` means stdout to `-o`; as a name it would be a trap.
        || name == "-"
        || name.starts_with('.')
        || name.contains(['/', '\\'])
        || name.chars().any(char::is_control)
        || name.len() > NAME_MAX)
}

/// The file name a `Content-Disposition` value gives (RFC 6266): the
/// `filename*` parameter first (RFC 8187: `UTF-8''na%C3%AFve.txt`, or
/// ISO-8859-1), then `filename` (a token or a quoted string). The name is
/// as the server wrote it: the caller checks it with `is_safe_name`.
pub fn disposition_filename(value: &str) -> Option<String> {
    let params = parameters(value);
    let extended = params
        .iter()
        .filter(|(name, _)| name == "filename*")
        .find_map(|(_, v)| decode_ext_value(v));
    extended.or_else(|| {
        params
            .into_iter()
            .find(|(name, _)| name == "filename")
            .map(|(_, v)| v)
    })
}

/// The parameters after the disposition type, names lowercased, quoted
/// values unquoted. Malformed parts are skipped; the loop consumes at
/// least one character per turn, so it ends.
fn parameters(value: &str) -> Vec<(String, String)> {
    let mut params = Vec::new();
    let Some((_, mut rest)) = value.split_once(';') else {
        return params;
    };
    loop {
        rest = rest.trim_start_matches([' ', '\t', ';']);
        if rest.is_empty() {
            return params;
        }
        let end = rest.find(['=', ';']).unwrap_or(rest.len());
        let name = rest[..end].trim().to_ascii_lowercase();
        rest = &rest[end..];
        let Some(after) = rest.strip_prefix('=') else {
            continue;
        };
        let after = after.trim_start_matches([' ', '\t']);
        let (value, next) = match after.strip_prefix('"') {
            Some(quoted) => unquote(quoted),
            None => {
                let end = after.find(';').unwrap_or(after.len());
                (after[..end].trim().to_string(), &after[end..])
            }
        };
        rest = next;
        if !name.is_empty() {
            params.push((name, value));
        }
    }
}

/// A quoted string's content (after its opening quote) with `\x` as `x`,
/// and what follows the closing quote (or nothing, when it is missing).
fn unquote(text: &str) -> (String, &str) {
    let mut out = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (out, &text[i + 1..]),
            '\\' => {
                if let Some((_, escaped)) = chars.next() {
                    out.push(escaped);
                }
            }
            c => out.push(c),
        }
    }
    (out, "")
}

/// `charset'language'percent-encoded` (RFC 8187 §3.2). UTF-8 and
/// ISO-8859-1 are the charsets RFC 8187 asks for; any other is not read.
fn decode_ext_value(value: &str) -> Option<String> {
    let mut parts = value.splitn(3, '\'');
    let charset = parts.next()?.trim();
    let _language = parts.next()?;
    let encoded = parts.next()?;
    let bytes: Vec<u8> = percent_decode_str(encoded).collect();
    if charset.eq_ignore_ascii_case("utf-8") {
        String::from_utf8(bytes).ok()
    } else if charset.eq_ignore_ascii_case("iso-8859-1") {
        Some(bytes.into_iter().map(char::from).collect())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(value: &str) -> Option<String> {
        disposition_filename(value)
    }

    #[test]
    fn filename_as_token_or_quoted_string() {
        assert_eq!(
            name("attachment; filename=report.csv").as_deref(),
            Some("report.csv")
        );
        assert_eq!(
            name(r#"attachment; filename="annual report; 2026.pdf""#).as_deref(),
            Some("annual report; 2026.pdf")
        );
        assert_eq!(
            name(r#"attachment;filename="say \"hi\".txt";size=3"#).as_deref(),
            Some(r#"say "hi".txt"#)
        );
        assert_eq!(
            name("ATTACHMENT; FileName = x.bin ").as_deref(),
            Some("x.bin")
        );
    }

    #[test]
    fn the_extended_name_comes_first() {
        assert_eq!(
            name(r#"attachment; filename="naive.txt"; filename*=UTF-8''na%C3%AFve%20report.txt"#)
                .as_deref(),
            Some("naïve report.txt")
        );
        assert_eq!(
            name("attachment; filename*=iso-8859-1'en'%A3%20rates.txt").as_deref(),
            Some("£ rates.txt")
        );
    }

    #[test]
    fn an_unreadable_extended_name_falls_back_to_filename() {
        for value in [
            "attachment; filename*=UTF-8''%FF%FE.txt; filename=plain.txt",
            "attachment; filename*=KOI8-R''%C1.txt; filename=plain.txt",
            "attachment; filename*=no-quotes; filename=plain.txt",
        ] {
            assert_eq!(name(value).as_deref(), Some("plain.txt"), "{value}");
        }
    }

    #[test]
    fn no_name_is_none() {
        for value in [
            "inline",
            "attachment",
            "attachment; size=10",
            "",
            "attachment; filename",
        ] {
            assert_eq!(name(value), None, "{value:?}");
        }
    }

    #[test]
    fn an_unclosed_quote_takes_the_rest() {
        assert_eq!(
            name(r#"attachment; filename="open.txt"#).as_deref(),
            Some("open.txt")
        );
    }

    #[test]
    fn unsafe_names_are_refused() {
        for bad in [
            "",
            ".",
            "..",
            ".bashrc",
            "../x",
            "a/b",
            "a\\b",
            "x\u{1b}[31m",
            "tab\there",
        ] {
            assert!(!is_safe_name(bad), "{bad:?}");
        }
        assert!(!is_safe_name(&"a".repeat(256)));
        for good in ["report.csv", "naïve report.txt", "a..b", &"a".repeat(255)] {
            assert!(is_safe_name(good), "{good:?}");
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            #[test]
            fn a_quoted_name_comes_back_as_written(name in "[^\"\\\\\\p{C}]{1,40}") {
                let value = format!("attachment; filename=\"{name}\"; size=1");
                prop_assert_eq!(disposition_filename(&value), Some(name));
            }

            #[test]
            fn any_value_is_read_without_panicking(value in "\\PC{0,200}") {
                let _ = disposition_filename(&value);
            }
        }
    }
}
