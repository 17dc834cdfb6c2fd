//! curl's habits as the request commands read them (issue 24): `--url`,
//! `-I`, `-o -`, `--output-dir`, `--create-dirs`, `--remote-name-all` and
//! `-e`. Each is a small step `request.rs` calls; the options themselves
//! are in `cli.rs`'s "curl's habits" blocks.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::cli::{OutputArgs, RequestArgs};
use crate::exit::{usage, Exit, ExitError};
use crate::output::Policy;
use crate::spec::{Method, RequestSpec};
use crate::text::io_words;

/// The URLs given as arguments, then those of `--url`, in order.
pub fn all_urls(positional: &[String], req: &RequestArgs) -> Vec<String> {
    positional.iter().chain(&req.url_args).cloned().collect()
}

/// The method sent: `-X` beats everything (as in curl), then `-I`; `-G`
/// sends GET (a HEAD stays HEAD, as `curl -G -I` does); else the
/// command's own.
pub fn method(command: Method, req: &RequestArgs) -> Result<Method> {
    match (&req.method_override, req.head) {
        (Some(text), _) => Method::parse(text).map_err(usage),
        (None, true) => Ok(Method::Head),
        (None, false) if req.get && command != Method::Head => Ok(Method::Get),
        (None, false) => Ok(command),
    }
}

/// `-o FILE`, with `-o -` meaning stdout (no file at all).
pub fn output_file(out: &OutputArgs) -> Option<&Path> {
    out.output.as_deref().filter(|p| *p != Path::new("-"))
}

/// `-O` or `--remote-name-all`: each URL names its file.
pub fn remote_names(out: &OutputArgs) -> bool {
    out.remote_name || out.remote_name_all
}

/// The body goes to a file rather than stdout.
pub fn to_file(out: &OutputArgs) -> bool {
    output_file(out).is_some() || remote_names(out)
}

/// `-J` names files from the response: it goes with `-O` or
/// `--remote-name-all`.
pub fn check_remote_header_name(out: &OutputArgs) -> Result<()> {
    if out.remote_header_name && !remote_names(out) {
        return Err(usage(
            "-J takes the file name from the response: add -O (or --remote-name-all)",
        ));
    }
    Ok(())
}

/// `--output-dir DIR` must exist before anything is sent; `--create-dirs`
/// makes it (mode `0777 & ~umask`, as every new directory here).
pub fn check_output_dir(out: &OutputArgs) -> Result<()> {
    let Some(dir) = &out.output_dir else {
        return Ok(());
    };
    if dir.is_dir() {
        return Ok(());
    }
    if !out.create_dirs {
        return Err(usage(format!(
            "--output-dir: '{}' is not a directory (add --create-dirs to create it)",
            dir.display()
        )));
    }
    create_dirs(dir, "--output-dir")
}

/// Where a file of `-o`, `-O` or `-J` is written: in `--output-dir` when
/// given (an absolute FILE stays where it is), its missing directories
/// made first with `--create-dirs`.
pub fn place(out: &OutputArgs, file: PathBuf) -> Result<PathBuf> {
    let path = match &out.output_dir {
        Some(dir) => dir.join(file),
        None => file,
    };
    if out.create_dirs {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            create_dirs(parent, "--create-dirs")?;
        }
    }
    Ok(path)
}

fn create_dirs(dir: &Path, option: &str) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| {
        ExitError::new(
            Exit::Failure,
            format!(
                "{option}: cannot create '{}': {}",
                dir.display(),
                io_words(&e)
            ),
        )
        .into()
    })
}

/// Whether the response heads are kept as received for printing: a head
/// printed where stdout is not a terminal, or a HEAD's head that may go to
/// a file (`-I -o FILE`).
pub fn wants_raw_heads(method: &Method, policy: &Policy) -> bool {
    *method == Method::Head || policy.head && policy.raw_head
}

/// `-e URL`, `-e 'URL;auto'` or `-e ';auto'`: the Referer of the first
/// request (if any) and whether redirect hops set their own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Referer {
    pub first: Option<String>,
    pub auto: bool,
}

impl Referer {
    pub fn parse(arg: Option<&str>) -> Referer {
        let Some(arg) = arg else {
            return Referer::default();
        };
        let (url, auto) = match arg.strip_suffix(";auto") {
            Some(url) => (url, true),
            None => (arg, false),
        };
        Referer {
            first: (!url.is_empty()).then(|| url.to_string()),
            auto,
        }
    }

    /// Adds the header to the request, unless `-H Referer:` gave one.
    pub fn apply(&self, spec: &mut RequestSpec) {
        let Some(url) = &self.first else { return };
        if spec.headers.iter().any(|(name, _)| name == "referer") {
            return;
        }
        spec.headers.push(("referer".into(), url.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn referer_forms() {
        let r = |a| Referer::parse(Some(a));
        assert_eq!(
            r("http://a/"),
            Referer {
                first: Some("http://a/".into()),
                auto: false
            }
        );
        assert_eq!(
            r("http://a/;auto"),
            Referer {
                first: Some("http://a/".into()),
                auto: true
            }
        );
        assert_eq!(
            r(";auto"),
            Referer {
                first: None,
                auto: true
            }
        );
        assert_eq!(Referer::parse(None), Referer::default());
    }
}
