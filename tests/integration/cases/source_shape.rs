//! The code's own rules that a test can hold: no function in src/ over
//! 80 lines (STYLE.md: functions read as steps; about 80 lines is where a
//! function stops reading as one).

use std::path::{Path, PathBuf};

const LIMIT: usize = 80;

/// Functions that stay long on purpose, by file and name, each with the
/// reason in a comment at the function itself.
const EXEMPT: &[(&str, &str)] = &[
    // The JSON formatter's hot loop keeps its position, output fill and
    // depth in registers across tokens; the comment above it gives the
    // benchmark behind that.
    ("src/output/json.rs", "fast"),
];

#[test]
fn no_function_in_src_is_over_80_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(files.len() > 10, "src/ has too few .rs files: {files:?}");
    let mut long = Vec::new();
    for file in files {
        let shown = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&file).unwrap();
        for f in functions(&text) {
            let exempt = EXEMPT.contains(&(shown.as_str(), f.name.as_str()));
            if f.lines > LIMIT && !exempt {
                long.push(format!(
                    "{shown}:{} fn {} is {} lines",
                    f.line, f.name, f.lines
                ));
            }
        }
    }
    assert!(
        long.is_empty(),
        "split these into named steps:\n{}",
        long.join("\n")
    );
}

/// The measure itself: a known function's length, nested braces, braces
/// in strings, chars and comments.
#[test]
fn function_lengths_are_counted_from_fn_to_its_closing_brace() {
    let text = "fn a() {\n    let s = \"}{\";\n    let c = '}';\n    // }\n    /* { */\n    let r = r#\"}\"#;\n    if x { y() }\n}\n\nfn b<'x>(v: &'x [u8; 2]) {}\n";
    let found = functions(text);
    let summary: Vec<_> = found
        .iter()
        .map(|f| (f.name.as_str(), f.line, f.lines))
        .collect();
    assert_eq!(summary, [("a", 1, 8), ("b", 10, 1)]);
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[derive(Debug)]
struct Function {
    name: String,
    /// Where `fn` is, from 1.
    line: usize,
    /// From the `fn` line to the line of its closing brace, both counted.
    lines: usize,
}

/// Every `fn NAME ... { ... }` in Rust source, by counting braces outside
/// comments, strings and char literals. A `fn` without a body (in a
/// trait) ends at its `;` before any brace opens.
fn functions(text: &str) -> Vec<Function> {
    let b = text.as_bytes();
    let mut found = Vec::new();
    // For each open brace, the function it opens, if it is a body.
    let mut open: Vec<Option<(String, usize)>> = Vec::new();
    let mut pending: Option<(String, usize)> = None;
    // Brackets of the pending signature (`[u8; 2]` is no end of it).
    let mut brackets = 0usize;
    let mut line = 1;
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        let word_start = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        match b[i] {
            b'\n' => line += 1,
            b'/' if rest.starts_with(b"//") => {
                i += rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len());
                continue;
            }
            b'/' if rest.starts_with(b"/*") => {
                let end = find(rest, b"*/") + 2;
                line += count_lines(&rest[..end]);
                i += end;
                continue;
            }
            b'r' if (word_start || i > 0 && b[i - 1] == b'b')
                && raw_string_hashes(rest).is_some() =>
            {
                let hashes = raw_string_hashes(rest).unwrap();
                let body = 2 + hashes;
                let closing = [b"\"".as_slice(), &vec![b'#'; hashes]].concat();
                let end = body + find(&rest[body..], &closing) + closing.len();
                line += count_lines(&rest[..end]);
                i += end;
                continue;
            }
            b'"' => {
                let mut j = 1;
                while j < rest.len() && rest[j] != b'"' {
                    j += if rest[j] == b'\\' { 2 } else { 1 };
                }
                line += count_lines(&rest[..j.min(rest.len())]);
                i += j + 1;
                continue;
            }
            b'\'' => {
                i += char_literal_len(rest).unwrap_or(1);
                continue;
            }
            b'f' if word_start && rest.starts_with(b"fn") => {
                let name: String = rest[2..]
                    .iter()
                    .skip_while(|c| c.is_ascii_whitespace())
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                    .map(|&c| c as char)
                    .collect();
                let after = rest.get(2).copied().unwrap_or(b' ');
                if !name.is_empty() && after.is_ascii_whitespace() {
                    pending = Some((name, line));
                    brackets = 0;
                }
                i += 2;
                continue;
            }
            b'[' | b'(' if pending.is_some() => brackets += 1,
            b']' | b')' if pending.is_some() => brackets = brackets.saturating_sub(1),
            b';' if brackets == 0 => pending = None,
            b'{' => open.push(pending.take()),
            b'}' => {
                if let Some(Some((name, start))) = open.pop() {
                    found.push(Function {
                        name,
                        line: start,
                        lines: line - start + 1,
                    });
                }
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// `r"`, `r#"`, `r##"`...: how many `#`s, when `rest` opens a raw string.
fn raw_string_hashes(rest: &[u8]) -> Option<usize> {
    let hashes = rest[1..].iter().take_while(|&&c| c == b'#').count();
    (rest.get(1 + hashes) == Some(&b'"')).then_some(hashes)
}

/// `'x'`, `'\n'`, `'\''`, `'\u{7f}'`: the literal's length; `None` for a
/// lifetime (`'a`).
fn char_literal_len(rest: &[u8]) -> Option<usize> {
    let close = match rest.get(1)? {
        b'\\' => 3 + rest.get(3..)?.iter().position(|&c| c == b'\'')?,
        // The width of one UTF-8 character, from its first byte.
        lead => match lead {
            0..=0x7f => 2,
            0xc0..=0xdf => 3,
            0xe0..=0xef => 4,
            _ => 5,
        },
    };
    (rest.get(close) == Some(&b'\'')).then_some(close + 1)
}

fn find(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len())
        .position(|w| w == needle)
        .unwrap_or(hay.len())
}

fn count_lines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&c| c == b'\n').count()
}
