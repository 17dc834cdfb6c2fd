//! `-o FILE`: where a saved body goes. A temporary file beside FILE is
//! renamed over it only when the transfer succeeds, so a failure leaves no
//! partial FILE and an existing one untouched; `-C` with a 206 appends to
//! FILE itself. The copy overlaps reading the socket with writing the disk.

use std::fs::{File, OpenOptions};
use std::io::{self, Seek, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::interrupt::Guard;
use super::overlap::{self, Handoff};
use crate::exit::{Exit, ExitError};
use crate::files;
use crate::output::progress::Progress;
use crate::text::io_words;
use crate::transport::Response;

/// How a body that is kept reaches FILE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// The body replaces FILE (through the temporary file).
    Replace,
    /// `-C` with a 206: the body goes on the end of FILE.
    Append,
}

/// Who names the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// FILE as given (`-o`, `-O`): it is replaced.
    Given,
    /// `-J`: the response may name it (`Content-Disposition`); a file of
    /// that name is never replaced. FILE is the name when it gives none.
    FromResponse,
}

/// FILE, its temporary file, and whether the body should replace FILE.
pub struct FileSink {
    /// FILE as the user named it (for messages and `-C`'s append).
    path: PathBuf,
    /// Where the temporary file is renamed to: FILE, or its link's target.
    target: PathBuf,
    url: String,
    kind: SinkKind,
    /// The body was written to the temporary file and should replace FILE.
    saved: bool,
    /// `-J`: the name the last response gave, which the temporary file
    /// takes instead of FILE.
    response_name: Option<PathBuf>,
}

enum SinkKind {
    /// The temporary file, removed by a signal's guard if one ends httpc.
    Temp(tempfile::NamedTempFile, Guard),
    /// A FILE that exists and is not a regular file (`/dev/null`, a FIFO)
    /// is written directly.
    Direct(File),
}

impl FileSink {
    /// Opened before the request goes out, so an unwritable FILE costs no
    /// request.
    pub fn prepare(path: &Path, url: &str, naming: Naming) -> Result<FileSink> {
        let fail = |e| cannot_write(e, path, url);
        // A FILE that is a symbolic link is replaced at its target, as curl
        // writes through links.
        let target = files::through_links(path);
        // With -J the file is likely a new one, so FILE's mode is not
        // copied to it.
        let existing = std::fs::metadata(&target)
            .ok()
            .filter(|_| naming == Naming::Given);
        let kind = match &existing {
            Some(meta) if !meta.is_file() => {
                SinkKind::Direct(OpenOptions::new().write(true).open(path).map_err(fail)?)
            }
            _ => {
                let temp = temp_beside(&target, existing.as_ref()).map_err(fail)?;
                let guard = Guard::new(temp.path());
                SinkKind::Temp(temp, guard)
            }
        };
        Ok(FileSink {
            path: path.to_path_buf(),
            target,
            url: url.to_string(),
            kind,
            saved: false,
            response_name: None,
        })
    }

    /// FILE as the user (or the URL) named it.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `-J`: the name from this response, or none (FILE stays the name).
    pub fn name_from_response(&mut self, name: Option<PathBuf>) {
        self.response_name = name;
    }

    /// Copies the body to FILE as `keep` says; returns the bytes copied. A
    /// 304 says FILE is current: nothing replaces it.
    pub fn copy_from(
        &mut self,
        response: &mut Response,
        keep: Keep,
        chunk_size: usize,
        progress: &mut Progress,
    ) -> Result<u64> {
        let fail = |e| write_failure(e, &self.path, &self.url);
        let copied = match keep {
            Keep::Append => {
                // Opened at its end rather than with O_APPEND, which
                // splice(2) refuses.
                let mut file = OpenOptions::new()
                    .write(true)
                    .open(&self.path)
                    .and_then(|mut f| f.seek(io::SeekFrom::End(0)).map(|_| f))
                    .map_err(|e| cannot_write(e, &self.path, &self.url))?;
                copy_to_file(response, chunk_size, &mut file, progress).map_err(fail)?
            }
            Keep::Replace => match &mut self.kind {
                SinkKind::Temp(t, _) => {
                    copy_to_file(response, chunk_size, t.as_file_mut(), progress).map_err(fail)?
                }
                SinkKind::Direct(f) => {
                    copy_each_read(response, chunk_size, f, progress).map_err(fail)?
                }
            },
        };
        // Appended bytes are on the end of FILE already.
        self.saved = keep == Keep::Replace && response.status != 304;
        Ok(copied)
    }

    /// `-I -o FILE`: the head of a HEAD response is what FILE holds.
    pub fn write_head(&mut self, head: &[u8]) -> Result<u64> {
        let written = match &mut self.kind {
            SinkKind::Temp(t, _) => t.as_file_mut().write_all(head),
            SinkKind::Direct(f) => f.write_all(head),
        };
        written.map_err(|e| cannot_write(e, &self.path, &self.url))?;
        self.saved = true;
        Ok(head.len() as u64)
    }

    /// A retry starts the temporary file over.
    pub fn restart(&mut self) -> Result<()> {
        self.saved = false;
        if let SinkKind::Temp(t, _) = &mut self.kind {
            let file = t.as_file_mut();
            file.set_len(0)
                .and_then(|_| file.rewind())
                .map_err(|e| cannot_write(e, &self.path, &self.url))?;
        }
        Ok(())
    }

    /// Renames the temporary file over FILE. When the body was not saved
    /// (an error status, a resume that was already complete) FILE stays as
    /// it was and the temporary file goes.
    pub fn commit(self) -> Result<()> {
        let fail = |e| cannot_write(e, &self.path, &self.url);
        match self.kind {
            // No fsync: the promise is about failed transfers (no partial
            // FILE), as with curl; syncing 1 GiB to disk would double the
            // time of a download.
            SinkKind::Temp(t, _guard) if self.saved => match &self.response_name {
                // The temporary file is beside FILE, in the directory the
                // name is taken in; an existing file of that name stays.
                Some(name) => {
                    let dest = self.target.parent().unwrap_or(Path::new("")).join(name);
                    t.persist_noclobber(&dest)
                        .map_err(|e| match e.error.kind() {
                            io::ErrorKind::AlreadyExists => ExitError::new(
                                Exit::Failure,
                                format!(
                                    "-J: '{}' exists; not overwriting it with the server's file",
                                    dest.display()
                                ),
                            )
                            .about(&self.url),
                            _ => cannot_write(e.error, &dest, &self.url),
                        })?;
                }
                None => {
                    t.persist(&self.target).map_err(|e| fail(e.error))?;
                }
            },
            SinkKind::Temp(..) => {}
            SinkKind::Direct(mut f) => f.flush().map_err(fail)?,
        }
        Ok(())
    }
}

/// The temporary file beside FILE, named after it (`.FILE.XXXXXX.httpc-part`
/// within NAME_MAX: a long name is shortened in the temporary name only).
/// It gets the mode FILE will have: an existing FILE's mode, owner and
/// group (where this user may set them), else `0666 & ~umask`, as any new
/// file.
fn temp_beside(
    target: &Path,
    existing: Option<&std::fs::Metadata>,
) -> io::Result<tempfile::NamedTempFile> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let prefix = format!(".{}.", fit_name(&name));
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The umask applies when the file is created: 0644 under 022.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temp = builder.tempfile_in(dir)?;
    if let Some(meta) = existing {
        keep_owner_and_mode(temp.as_file(), meta);
    }
    Ok(temp)
}

const SUFFIX: &str = ".httpc-part";
/// What the temporary name adds to FILE's: two dots, six random
/// characters and the suffix.
const TEMP_EXTRA: usize = 2 + 6 + SUFFIX.len();
/// The longest file name most file systems take.
const NAME_MAX: usize = 255;

/// FILE's name cut (at a character boundary) so the temporary name fits.
fn fit_name(name: &str) -> &str {
    let room = NAME_MAX - TEMP_EXTRA;
    if name.len() <= room {
        return name;
    }
    let mut end = room;
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

/// Best effort: the owner and group need privileges to keep (a root
/// download of a user's file stays the user's); the mode is set after them,
/// since changing the owner may clear set-id bits.
#[cfg(unix)]
fn keep_owner_and_mode(file: &File, meta: &std::fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
    let _ = file.set_permissions(meta.permissions());
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &File, meta: &std::fs::Metadata) {
    let _ = file.set_permissions(meta.permissions());
}

/// Copies the body to a regular file: moved by the kernel from the socket
/// to the file where the body allows (`BodyReader::splice_into`), else
/// through memory, in turn or with reading overlapped (`overlap.rs` says
/// which is faster where).
fn copy_to_file(
    response: &mut Response,
    chunk_size: usize,
    file: &mut File,
    progress: &mut Progress,
) -> Result<u64> {
    #[cfg(target_os = "linux")]
    {
        let spliced = response
            .body
            .splice_into(file, |n| progress.advance(n as u64));
        if let Some(moved) = spliced {
            return Ok(moved?);
        }
    }
    let total = match overlap::spare_core() {
        false => overlap::copy_in_turn(&mut response.body, chunk_size, writing(file, progress))?,
        true => {
            let chunk_size = match response.content_length {
                Some(len) if len < LARGE_FILE => chunk_size,
                _ => chunk_size.max(LARGE_FILE_BUFFER),
            };
            let sink = writing(file, progress);
            overlap::copy_overlapped(&mut response.body, chunk_size, Handoff::Full, sink)?
        }
    };
    file.flush()?;
    Ok(total)
}

/// A body from this size (or of unknown length) goes to a file through
/// larger buffers when reading overlaps: over https, 512 KiB ones took
/// 1 GiB to a file in 1.21 s where 128 KiB ones took 1.36 s (alternating
/// runs; 256 KiB: 1.27 s), with half the writes and thread wake-ups.
const LARGE_FILE: u64 = 4 << 20;
const LARGE_FILE_BUFFER: usize = 512 * 1024;

/// Copies the body to a FIFO or a device with reading and writing
/// overlapped (`overlap.rs`), each read handed over at once. A read
/// failure is the transfer's; a write failure is the file's.
fn copy_each_read(
    response: &mut Response,
    chunk_size: usize,
    file: &mut impl Write,
    progress: &mut Progress,
) -> Result<u64> {
    let sink = writing(file, progress);
    let total = overlap::copy_overlapped(&mut response.body, chunk_size, Handoff::EachRead, sink)?;
    file.flush()?;
    Ok(total)
}

/// The sink that writes a body's bytes to `file` and shows them on the
/// progress bar.
fn writing<'a>(
    file: &'a mut impl Write,
    progress: &'a mut Progress,
) -> impl FnMut(&[u8]) -> io::Result<()> + 'a {
    |bytes| {
        file.write_all(bytes)?;
        progress.advance(bytes.len() as u64);
        Ok(())
    }
}

/// A write error to a file is exit 1 and names the file; a transfer error
/// keeps its own code.
fn write_failure(err: anyhow::Error, path: &Path, url: &str) -> anyhow::Error {
    match err.downcast::<io::Error>() {
        Ok(io) => cannot_write(io, path, url).into(),
        Err(other) => other,
    }
}

fn cannot_write(e: io::Error, path: &Path, url: &str) -> ExitError {
    ExitError::new(
        Exit::Failure,
        format!("cannot write '{}': {}", path.display(), io_words(&e)),
    )
    .about(url)
}
