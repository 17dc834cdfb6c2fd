//! Reading the files a user names on the command line (`@FILE`s,
//! `--cacert`, `--key`): a file that cannot be read is a usage error that
//! names the option, so nothing is sent.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::exit::usage;
use crate::text::io_words;

/// A file to stream later, opened now so a missing one costs no request.
pub fn open_file(path: &Path, flag: &str) -> Result<File> {
    let file = File::open(path).map_err(|e| {
        usage(format!(
            "{flag}: cannot read '{}': {}",
            path.display(),
            io_words(&e)
        ))
    })?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(usage(format!(
            "{flag}: cannot read '{}': it is a directory",
            path.display()
        )));
    }
    Ok(file)
}

/// The whole of a file.
pub fn read_file_bytes(path: &Path, flag: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open_file(path, flag)?
        .read_to_end(&mut bytes)
        .map_err(|e| {
            usage(format!(
                "{flag}: cannot read '{}': {}",
                path.display(),
                io_words(&e)
            ))
        })?;
    Ok(bytes)
}

/// `TEXT` or `@FILE` for options whose value may be a secret.
pub fn read_arg_or_file(arg: &str, flag: &str) -> Result<String> {
    match arg.strip_prefix('@') {
        Some(path) => read_file(Path::new(path), flag),
        None => Ok(arg.to_string()),
    }
}

/// A file of UTF-8 text (`-H @FILE`, `--bearer @FILE`).
pub fn read_file(path: &Path, flag: &str) -> Result<String> {
    String::from_utf8(read_file_bytes(path, flag)?)
        .map_err(|_| usage(format!("{flag}: '{}' is not UTF-8 text", path.display())))
}

/// Writes FILE whole or not at all: a temporary file beside it (mode
/// 0600, as tempfile creates them) renamed over it. For files that hold
/// secrets (`-c` cookie jars). A FILE that is a symbolic link is replaced
/// at the link's target, as `-o` does.
pub fn write_private_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let path = &through_links(path);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".httpc-")
        .suffix(".part")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A link's final target (which may not exist yet); any other path as is.
pub fn through_links(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    // A bound, so a loop of links ends (the open then fails as it should).
    for _ in 0..40 {
        match std::fs::read_link(&path) {
            Ok(next) => {
                path = match path.parent() {
                    Some(dir) if next.is_relative() => dir.join(next),
                    _ => next,
                }
            }
            Err(_) => break,
        }
    }
    path
}

/// All of stdin (`--json @-`).
pub fn read_stdin(flag: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|e| usage(format!("{flag}: cannot read stdin: {}", io_words(&e))))?;
    Ok(bytes)
}
