//! curl's habits read from the command line itself (issue 24), around
//! clap: the guards for curl's `-b` and `-q`, which mean something else in
//! httpc and must not send anything unintended, and the method `httpc URL`
//! takes from its body options. No I/O but asking whether a file exists.

use std::ffi::OsString;
use std::path::Path;

use clap::parser::ValueSource;
use clap::{ArgAction, ArgMatches, Command};

/// What the `-b` guard says.
pub const C_OFFSET: &str =
    "httpc resumes where the file ends: -C takes no offset (-C - is the same as -C)";
pub const B_IS_BODY: &str = "-b is --body in httpc; send cookies with --cookie";
/// What the `-q` guard says.
pub const Q_IS_QUERY: &str =
    "-q is --query in httpc (httpc reads no config file, so curl's -q is not needed)";

/// The options of `httpc URL` that carry a body: with one of them (and
/// none of `METHOD_CHOSEN`) the request is a POST, as `curl -d` is.
/// Names that no option has (yet) are simply never given.
pub const POST_OPTIONS: &[&str] = &[
    "data",
    "data-binary",
    "data-raw",
    "data-urlencode",
    "json",
    "form",
    "multipart",
];

/// The options of `httpc URL` that upload a file: a PUT, as `curl -T`.
pub const PUT_OPTIONS: &[&str] = &["upload-file"];

/// Options that choose the method themselves (`-X`, `-G`).
pub const METHOD_CHOSEN: &[&str] = &["request", "get"];

/// The commands with `-b` and `-q` (and the others the guards read).
const REQUEST_COMMANDS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "head", "options", "request",
];

/// The method `httpc URL` sends, by the options given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Implied {
    Get,
    Post,
    Put,
}

/// `httpc URL` (rewritten to `get`): PUT with `-T`, POST with a body
/// option, GET otherwise or when `-X`/`-G` decide. `matches` are the
/// `get` subcommand's, `get` its definition.
pub fn implied_method(get: &Command, matches: &ArgMatches) -> Implied {
    let given = |names: &[&str]| {
        get.get_arguments().any(|arg| {
            arg.get_long().is_some_and(|long| names.contains(&long))
                && matches.value_source(arg.get_id().as_str()) == Some(ValueSource::CommandLine)
        })
    };
    if given(METHOD_CHOSEN) {
        Implied::Get
    } else if given(PUT_OPTIONS) {
        Implied::Put
    } else if given(POST_OPTIONS) {
        Implied::Post
    } else {
        Implied::Get
    }
}

/// curl's `-#` is `--progress`: `-#` alone, or in a bundle of flags
/// (`-#L`), becomes `--progress` (after the rest of the bundle). Nothing
/// after `--` is touched.
pub fn rewrite_progress_bar(args: Vec<OsString>, get: &Command) -> Vec<OsString> {
    let mut out = Vec::with_capacity(args.len() + 1);
    let mut rest = args.into_iter();
    for arg in rest.by_ref() {
        if arg == "--" {
            out.push(arg);
            break;
        }
        let text = arg.to_string_lossy();
        let Some(letters) = text.strip_prefix('-').filter(|l| !l.starts_with('-')) else {
            out.push(arg);
            continue;
        };
        let flags_before = letters.split('#').next().unwrap_or_default();
        let all_flags = flags_before.chars().all(|c| {
            get.get_arguments()
                .find(|a| a.get_short() == Some(c))
                .is_some_and(|a| !takes_value(a))
        });
        if !letters.contains('#') || !all_flags {
            out.push(arg);
            continue;
        }
        let others: String = letters.chars().filter(|&c| c != '#').collect();
        if !others.is_empty() {
            out.push(OsString::from(format!("-{others}")));
        }
        out.push(OsString::from("--progress"));
    }
    out.extend(rest);
    out
}

/// curl's `-C -` and `--continue-at -` (resume where the file ends) are
/// httpc's `-C`, which always resumes there: the `-` is dropped, and
/// `--continue-at -` becomes `--continue`. An offset (`-C 100`) is a usage
/// error rather than a URL named `100`. Nothing after `--` is touched.
pub fn rewrite_continue_at(
    args: Vec<OsString>,
    get: &Command,
) -> Result<Vec<OsString>, &'static str> {
    let command = args.get(1).and_then(|a| a.to_str()).unwrap_or_default();
    if !REQUEST_COMMANDS.contains(&command) {
        return Ok(args);
    }
    let mut out = Vec::with_capacity(args.len());
    let mut rest = args.into_iter().peekable();
    while let Some(arg) = rest.next() {
        let text = arg.to_string_lossy().into_owned();
        if text == "--" {
            out.push(arg);
            break;
        }
        let next = rest.peek().map(|n| n.to_string_lossy().into_owned());
        match continue_at(&text, next.as_deref(), get)? {
            Resume::AsIs => {
                out.push(arg);
                if long_takes_value(&text, get)
                    || matches!(last_short(&text, get), Some(Short::Takes(_)))
                {
                    out.extend(rest.next());
                }
            }
            Resume::Replaced(with, dash_taken) => {
                out.push(OsString::from(with));
                if dash_taken {
                    rest.next();
                }
            }
        }
    }
    out.extend(rest);
    Ok(out)
}

/// What one argument becomes: itself, or a replacement (and whether the
/// `-` after it was taken with it).
enum Resume {
    AsIs,
    Replaced(String, bool),
}

fn continue_at(arg: &str, next: Option<&str>, get: &Command) -> Result<Resume, &'static str> {
    let offset = |value: Option<&str>| match value {
        Some("-") => Ok(()),
        _ => Err(C_OFFSET),
    };
    if let Some(value) = arg.strip_prefix("--continue-at=") {
        offset(Some(value))?;
        return Ok(Resume::Replaced("--continue".into(), false));
    }
    if arg == "--continue-at" {
        offset(next)?;
        return Ok(Resume::Replaced("--continue".into(), true));
    }
    // `-C-`, `-sSC-`: the `-` attached to a bundle that ends with -C.
    if let Some(bundle) = arg.strip_suffix('-').filter(|b| b.len() > 1) {
        if matches!(last_short(bundle, get), Some(Short::Flag('C'))) {
            return Ok(Resume::Replaced(bundle.to_string(), false));
        }
    }
    if matches!(last_short(arg, get), Some(Short::Flag('C'))) || arg == "--continue" {
        return match next {
            Some("-") => Ok(Resume::Replaced(arg.to_string(), true)),
            Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => Err(C_OFFSET),
            _ => Ok(Resume::AsIs),
        };
    }
    Ok(Resume::AsIs)
}

/// Whether `check_guards`, `rewrite_progress_bar` or `rewrite_continue_at`
/// can change anything: only a bundle of short options with a `b`, a `q`,
/// a `#` or a `C`, or `--continue`/`--continue-at`, can, so the other
/// command lines need no definition of `get` to be checked.
pub fn needs_definition(args: &[OsString]) -> bool {
    args.iter().skip(1).any(|arg| {
        let arg = arg.to_string_lossy();
        let bundle = arg.strip_prefix('-').is_some_and(|letters| {
            !letters.starts_with('-') && letters.contains(['b', 'q', '#', 'C'])
        });
        bundle || arg.starts_with("--continue")
    })
}

/// The guards, on the argument list after the shorthand is expanded:
/// an argument right after `-b` that looks like a cookie (an `=` before
/// any `/` or `:`) or names an existing file, and a `-q` value that
/// starts with `-`, are usage errors. `get` is the definition the request
/// commands share (which short options are flags, which take values).
pub fn check_guards(args: &[OsString], get: &Command) -> Result<(), &'static str> {
    let command = args.get(1).and_then(|a| a.to_str()).unwrap_or_default();
    if !REQUEST_COMMANDS.contains(&command) {
        return Ok(());
    }
    let mut rest = args.iter().skip(1).map(|a| a.to_string_lossy()).peekable();
    while let Some(arg) = rest.next() {
        if arg == "--" {
            break;
        }
        match last_short(&arg, get) {
            Some(Short::Flag('b')) => {
                if rest.peek().is_some_and(|next| looks_like_cookie(next)) {
                    return Err(B_IS_BODY);
                }
            }
            Some(Short::Takes('q')) => {
                if rest.peek().is_some_and(|next| next.starts_with('-')) {
                    return Err(Q_IS_QUERY);
                }
            }
            Some(Short::Takes(_)) => {
                rest.next();
            }
            Some(Short::Flag(_)) | None => {
                if long_takes_value(&arg, get) {
                    rest.next();
                }
            }
        }
    }
    Ok(())
}

/// The last option of a bundle of short options (`-sb` ends with `-b`),
/// when nothing is attached to it: a flag, or an option whose value is
/// the next argument.
enum Short {
    Flag(char),
    Takes(char),
}

fn last_short(arg: &str, get: &Command) -> Option<Short> {
    let letters = arg.strip_prefix('-').filter(|l| !l.starts_with('-'))?;
    let mut chars = letters.chars().peekable();
    while let Some(c) = chars.next() {
        let takes = takes_value(get.get_arguments().find(|a| a.get_short() == Some(c))?);
        match (takes, chars.peek().is_none()) {
            (false, true) => return Some(Short::Flag(c)),
            (true, true) => return Some(Short::Takes(c)),
            // `-qfoo`: the value is attached; nothing follows to check.
            (true, false) => return None,
            (false, false) => {}
        }
    }
    None
}

/// `--long VALUE` (not `--long=VALUE`): the next argument is its value.
fn long_takes_value(arg: &str, get: &Command) -> bool {
    let Some(long) = arg.strip_prefix("--").filter(|l| !l.contains('=')) else {
        return false;
    };
    get.get_arguments()
        .find(|a| {
            a.get_long() == Some(long)
                || a.get_all_aliases()
                    .is_some_and(|aliases| aliases.contains(&long))
        })
        .is_some_and(takes_value)
}

fn takes_value(arg: &clap::Arg) -> bool {
    matches!(arg.get_action(), ArgAction::Set | ArgAction::Append)
}

/// curl's `-b name=value`, `-b 'a=1; b=2'` or `-b cookies.txt`: an `=`
/// before any `/` or `:` (so a URL with a query is not one), or a file
/// that exists. An option (`-b --cookie=a=1`) is httpc's own line.
fn looks_like_cookie(next: &str) -> bool {
    if next.starts_with('-') {
        return false;
    }
    let cookie_text = next
        .find(['=', '/', ':'])
        .is_some_and(|i| next.as_bytes()[i] == b'=');
    cookie_text || Path::new(next).is_file()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::request_definition;

    fn guard(args: &[&str]) -> Result<(), &'static str> {
        let get = request_definition();
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        let checked = check_guards(&args, &get);
        // A line the guards refuse is never one they are skipped for.
        assert!(checked.is_ok() || needs_definition(&args), "{args:?}");
        checked
    }

    fn resume(args: &[&str]) -> Result<Vec<String>, &'static str> {
        let get = request_definition();
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        let changes = needs_definition(&args);
        let out = rewrite_continue_at(args.clone(), &get)?;
        // A line the rewrite changes is never one it is skipped for.
        assert!(out == args || changes, "{args:?}");
        Ok(out
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect())
    }

    #[test]
    fn continue_at_dash_is_continue() {
        let ok = |args: &[&str], want: &[&str]| assert_eq!(resume(args).unwrap(), want);
        ok(
            &["httpc", "get", "-C", "-", "-o", "f", "u"],
            &["httpc", "get", "-C", "-o", "f", "u"],
        );
        ok(
            &["httpc", "get", "-sSLC", "-", "u"],
            &["httpc", "get", "-sSLC", "u"],
        );
        ok(&["httpc", "get", "-C-", "u"], &["httpc", "get", "-C", "u"]);
        ok(
            &["httpc", "get", "--continue-at", "-", "u"],
            &["httpc", "get", "--continue", "u"],
        );
        ok(
            &["httpc", "get", "--continue-at=-", "u"],
            &["httpc", "get", "--continue", "u"],
        );
        // `-o -` is stdout, not a resume; nothing after `--` is touched.
        ok(
            &["httpc", "get", "-o", "-", "-C", "u"],
            &["httpc", "get", "-o", "-", "-C", "u"],
        );
        ok(
            &["httpc", "get", "--", "-C", "-"],
            &["httpc", "get", "--", "-C", "-"],
        );
    }

    #[test]
    fn continue_at_an_offset_is_refused() {
        assert_eq!(resume(&["httpc", "get", "-C", "100", "u"]), Err(C_OFFSET));
        assert_eq!(
            resume(&["httpc", "get", "--continue-at", "5", "u"]),
            Err(C_OFFSET)
        );
        assert_eq!(
            resume(&["httpc", "get", "--continue-at=5", "u"]),
            Err(C_OFFSET)
        );
        assert_eq!(
            resume(&["httpc", "status-codes", "-C", "100"])
                .unwrap()
                .len(),
            4
        );
    }

    #[test]
    fn b_before_a_cookie_is_refused() {
        assert_eq!(guard(&["httpc", "get", "-b", "sid=1", "u"]), Err(B_IS_BODY));
        assert_eq!(
            guard(&["httpc", "get", "-b", "a=1; b=2", "u"]),
            Err(B_IS_BODY)
        );
        assert_eq!(
            guard(&["httpc", "get", "-sb", "sid=1", "u"]),
            Err(B_IS_BODY)
        );
        assert_eq!(
            guard(&["httpc", "get", "-b", "Cargo.toml", "u"]),
            Err(B_IS_BODY)
        );
    }

    #[test]
    fn b_as_body_passes() {
        assert_eq!(guard(&["httpc", "get", "-b", "http://h/?a=1"]), Ok(()));
        assert_eq!(guard(&["httpc", "get", "u", "-b"]), Ok(()));
        assert_eq!(guard(&["httpc", "get", "-bs", "u"]), Ok(()));
        assert_eq!(guard(&["httpc", "get", "-b", ":8080/x"]), Ok(()));
        assert_eq!(guard(&["httpc", "get", "-b", "--cookie=a=1", "u"]), Ok(()));
        // A value of another option is not what follows -b.
        assert_eq!(guard(&["httpc", "get", "u", "-H", "-b", "x"]), Ok(()));
        assert_eq!(
            guard(&["httpc", "get", "u", "-d", "x", "--", "-b", "a=1"]),
            Ok(())
        );
    }

    #[test]
    fn hash_is_progress() {
        let get = request_definition();
        let rewrite = |args: &[&str]| {
            let args: Vec<OsString> = args.iter().map(OsString::from).collect();
            let rewritten = rewrite_progress_bar(args.clone(), &get);
            assert!(rewritten == args || needs_definition(&args), "{args:?}");
            rewritten
                .into_iter()
                .map(|a| a.into_string().unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            rewrite(&["httpc", "get", "-#", "u"]),
            ["httpc", "get", "--progress", "u"]
        );
        assert_eq!(
            rewrite(&["httpc", "get", "-L#", "u"]),
            ["httpc", "get", "-L", "--progress", "u"]
        );
        // A value that holds a '#', and anything after `--`, stay.
        assert_eq!(
            rewrite(&["httpc", "get", "-H#", "u"]),
            ["httpc", "get", "-H#", "u"]
        );
        assert_eq!(
            rewrite(&["httpc", "get", "--", "-#"]),
            ["httpc", "get", "--", "-#"]
        );
    }

    #[test]
    fn q_before_an_option_is_refused() {
        assert_eq!(guard(&["httpc", "get", "-q", "-s", "u"]), Err(Q_IS_QUERY));
        assert_eq!(guard(&["httpc", "get", "-sq", "-L", "u"]), Err(Q_IS_QUERY));
        assert_eq!(guard(&["httpc", "get", "-q", "a=1", "u"]), Ok(()));
        assert_eq!(guard(&["httpc", "get", "-qa=-1", "u"]), Ok(()));
        assert_eq!(guard(&["httpc", "get", "--query", "a=-1", "u"]), Ok(()));
    }

    #[test]
    fn most_lines_need_no_definition() {
        let needs = |args: &[&str]| {
            let args: Vec<OsString> = args.iter().map(OsString::from).collect();
            needs_definition(&args)
        };
        assert!(!needs(&["httpc", "get", "-s", "http://h/?b=q#x"]));
        assert!(!needs(&["httpc", "get", "-Ls", "--cookie", "a=1", "u"]));
        assert!(!needs(&["httpc", "status-codes", "200"]));
        assert!(needs(&["httpc", "get", "-sb", "a=1", "u"]));
        assert!(needs(&["httpc", "post", "u", "-q", "-x"]));
        assert!(needs(&["httpc", "get", "-#", "u"]));
    }
}
