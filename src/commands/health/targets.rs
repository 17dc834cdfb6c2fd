//! The list of targets: URLs from the command line, then from `--file`.

use std::io::{self, Read};

use anyhow::Result;

use crate::exit::usage;

/// A URL and where it came from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub url: String,
    /// `urls.txt line 3`, or `None` for the command line.
    pub origin: Option<String>,
}

/// The command-line URLs, then those of `--file` (`-` is stdin).
pub fn collect(urls: &[String], file: Option<&str>) -> Result<Vec<Entry>> {
    let mut entries: Vec<Entry> = urls
        .iter()
        .map(|url| Entry {
            url: url.clone(),
            origin: None,
        })
        .collect();
    if let Some(file) = file {
        let (name, text) = read_list(file)?;
        entries.extend(parse_list(&name, &text));
    }
    if entries.is_empty() {
        return Err(usage(match file {
            Some("-") => "no URLs to check: stdin lists none".to_string(),
            Some(file) => format!("no URLs to check: '{file}' lists none"),
            None => "no URLs to check: give URL... or --file FILE".to_string(),
        }));
    }
    Ok(entries)
}

fn read_list(file: &str) -> Result<(String, String)> {
    let mut bytes = Vec::new();
    let (name, read) = if file == "-" {
        (
            "stdin".to_string(),
            io::stdin().lock().read_to_end(&mut bytes),
        )
    } else {
        (
            file.to_string(),
            std::fs::File::open(file).and_then(|mut f| f.read_to_end(&mut bytes)),
        )
    };
    read.map_err(|e| usage(format!("--file: cannot read '{name}': {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| usage(format!("--file: '{name}' is not UTF-8 text")))?;
    Ok((name, text))
}

/// One URL per line; blank lines and `#` comments (whole lines, or after
/// whitespace at the end of a line) are skipped.
fn parse_list(name: &str, text: &str) -> Vec<Entry> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let line = strip_comment(line).trim();
            (!line.is_empty()).then(|| Entry {
                url: line.to_string(),
                origin: Some(format!("{name} line {}", i + 1)),
            })
        })
        .collect()
}

fn strip_comment(line: &str) -> &str {
    let line = line.trim_start();
    if line.starts_with('#') {
        return "";
    }
    match line.find([' ', '\t']) {
        Some(space) if line[space..].trim_start().starts_with('#') => &line[..space],
        _ => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let text = "# services\n\nhttp://a/\n  :8080/health   # local\r\n\t# indented comment\nb.example/x#frag\n";
        let entries = parse_list("urls.txt", text);
        let urls: Vec<_> = entries.iter().map(|e| e.url.as_str()).collect();
        assert_eq!(urls, ["http://a/", ":8080/health", "b.example/x#frag"]);
        assert_eq!(entries[1].origin.as_deref(), Some("urls.txt line 4"));
    }

    #[test]
    fn no_urls_at_all_is_a_usage_error() {
        let err = collect(&[], None).unwrap_err();
        assert_eq!(crate::exit::exit_for(&err), crate::exit::Exit::Usage);
    }
}
