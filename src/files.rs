//! Reading the files a user names on the command line (`@FILE`s,
//! `--cacert`, `--key`): a file that cannot be read is a usage error that
//! names the option, so nothing is sent.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use anyhow::Result;

use crate::exit::usage;
use crate::text::io_words;

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
