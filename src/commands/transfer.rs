//! One URL's transfer: attempts and retries, the response printed or saved,
//! the trace's timing line and `--write-out`.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use anyhow::Result;

use crate::exit::{Exit, Failure};
use crate::output::printer::{self, BodyPrinter, Head, Style};
use crate::output::progress::Progress;
use crate::output::trace::{PhaseTimes, Tracer};
use crate::output::writeout::{Stats, Template};
use crate::output::{self, Policy};
use crate::spec::{self, RequestSpec};
use crate::status;
use crate::transport::{self, Client, Response};

/// Backoff doubles up to this.
const MAX_BACKOFF: Duration = Duration::from_secs(30);
/// A server's Retry-After is honoured up to this.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// Where the body of one response goes.
#[derive(Debug, Clone)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

/// One URL to fetch.
#[derive(Debug)]
pub struct Job {
    pub spec: RequestSpec,
    pub target: Target,
}

/// What every transfer of one command shares.
pub struct Context {
    pub client: Client,
    pub policy: Policy,
    pub tracer: Option<Tracer>,
    pub write_out: Option<Template>,
    pub ignore_status: bool,
    pub resume: bool,
    pub retry: Retry,
}

/// `--retry`, `--retry-delay`, `--retry-max-time`.
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    pub times: u32,
    pub delay: Duration,
    pub max_time: Option<Duration>,
}

impl Retry {
    /// The pause before retry number `done + 1`, or None when no retry is
    /// left or it would start after `--retry-max-time`.
    fn pause(
        &self,
        done: u32,
        started: Instant,
        retry_after: Option<Duration>,
    ) -> Option<Duration> {
        if done >= self.times {
            return None;
        }
        let backoff = self
            .delay
            .saturating_mul(1u32.checked_shl(done).unwrap_or(u32::MAX))
            .min(MAX_BACKOFF);
        let pause = match retry_after {
            Some(asked) => backoff.max(asked.min(MAX_RETRY_AFTER)),
            None => backoff,
        };
        match self.max_time {
            Some(max) if started.elapsed() + pause > max => None,
            _ => Some(pause),
        }
    }
}

enum Attempt {
    Done(Exit, Stats),
    /// A retryable status with a retry granted: nothing was printed.
    Again {
        why: String,
        pause: Duration,
    },
}

/// Runs one job with its retries; returns its exit code.
pub fn run(ctx: &Context, job: &Job, stdout: &mut impl Write) -> Result<Exit> {
    let started = Instant::now();
    let shown = spec::display_url(&job.spec.url);
    let mut file = match &job.target {
        Target::File(path) => Some(FileSink::prepare(path, &shown)?),
        Target::Stdout => None,
    };
    let mut retries = 0;
    loop {
        let mut wrote = false;
        let result = attempt(
            ctx,
            job,
            file.as_mut(),
            stdout,
            &mut wrote,
            retries,
            started,
        );
        let (why, pause) = match result {
            Ok(Attempt::Done(code, stats)) => {
                if let Some(template) = &ctx.write_out {
                    stdout.write_all(&template.render(&stats))?;
                    stdout.flush()?;
                }
                if let Some(file) = file {
                    file.commit()?;
                }
                return Ok(code);
            }
            Ok(Attempt::Again { why, pause }) => (why, pause),
            Err(err) => {
                let transient = err
                    .chain()
                    .find_map(|c| c.downcast_ref::<Failure>())
                    .is_some_and(|f| f.transient);
                // Once bytes reached stdout, trying again would repeat them.
                let pause = (transient && !wrote)
                    .then(|| ctx.retry.pause(retries, started, None))
                    .flatten();
                match pause {
                    Some(pause) => (cause_of(&err, &shown), pause),
                    None => return Err(err),
                }
            }
        };
        retries += 1;
        if !ctx.policy.silent {
            eprintln!(
                "retrying in {} (attempt {} of {}): {why}",
                output::seconds(pause),
                retries + 1,
                ctx.retry.times + 1
            );
        }
        std::thread::sleep(pause);
        if let Some(file) = &mut file {
            file.restart()?;
        }
    }
}

/// An error's cause without the URL the message starts with.
fn cause_of(err: &anyhow::Error, shown: &str) -> String {
    let line = format!("{err:#}");
    line.strip_prefix(shown)
        .and_then(|rest| rest.strip_prefix(": "))
        .unwrap_or(&line)
        .to_string()
}

#[allow(clippy::too_many_arguments)]
fn attempt(
    ctx: &Context,
    job: &Job,
    file: Option<&mut FileSink>,
    stdout: &mut impl Write,
    wrote: &mut bool,
    retries: u32,
    started: Instant,
) -> Result<Attempt> {
    let begun = Instant::now();
    let mut spec = job.spec.clone();
    let resume_from = match &job.target {
        Target::File(path) if ctx.resume => existing_len(path),
        _ => None,
    };
    if let Some(offset) = resume_from {
        spec.headers
            .push(("range".into(), format!("bytes={offset}-")));
    }

    let mut response = ctx.client.send(&spec, begun)?;
    let status = response.status;
    let reason = status::reason(status).unwrap_or("");

    if status::is_retryable(status) {
        if let Some(pause) = ctx.retry.pause(retries, started, retry_after(&response)) {
            response.discard_body();
            trace_timings(ctx, &response, begun);
            return Ok(Attempt::Again {
                why: format!("{status} {reason}").trim_end().to_string(),
                pause,
            });
        }
    }

    let resumed_complete =
        status == 416 && resume_from.is_some_and(|have| already_complete(&response, have));
    let code = if ctx.ignore_status || resumed_complete {
        Exit::Success
    } else {
        Exit::for_status(status)
    };
    let policy = &ctx.policy;
    let has_body = spec.method != "HEAD";
    if policy.head {
        let head = Head {
            version: response.version,
            status,
            reason,
            headers: &response.headers,
        };
        let style = Style {
            color: policy.color,
            terminal: policy.terminal,
        };
        *wrote = true;
        printer::write_head(stdout, &head, style)?;
        stdout.write_all(b"\n")?;
        stdout.flush()?;
    }

    let mut downloaded = 0;
    if has_body {
        let total = response.content_length;
        match (&job.target, file) {
            (Target::Stdout, _) => {
                let json =
                    policy.pretty && response.header("content-type").is_some_and(output::is_json);
                let mut printer = BodyPrinter::new(policy.terminal, json, policy.color);
                let mut progress = Progress::new(policy.progress, total);
                downloaded = copy_body(&mut response, policy.chunk_size, |chunk| {
                    *wrote = true;
                    progress.advance(chunk.len() as u64);
                    printer.write(chunk, stdout)?;
                    stdout.flush()
                })?;
                progress.finish();
                let warning = printer.finish(stdout)?;
                if let (Some(warning), false) = (warning, policy.silent) {
                    stdout.flush()?;
                    eprintln!("httpc: warning: {warning}");
                }
            }
            (Target::File(_), Some(_)) if resumed_complete => response.discard_body(),
            (Target::File(path), Some(file)) if code == Exit::Success => {
                let mut progress = Progress::new(policy.progress, total);
                let append = resume_from.is_some() && status == 206;
                let mut appended;
                let sink: &mut (dyn Write + Send) = if append {
                    appended = FileSink::append(path, &response.url_shown())?;
                    &mut appended
                } else {
                    file.writer()
                };
                let url = response.url_shown();
                downloaded = copy_overlapped(&mut response, policy.chunk_size, sink, &mut progress)
                    .map_err(|e| write_failure(e, path, &url))?;
                progress.finish();
                // Appended bytes went on the end of FILE, and a 304 says
                // FILE is current: the temporary file is not needed.
                file.saved = !append && status != 304;
            }
            // An error status leaves FILE alone.
            (Target::File(_), _) => response.discard_body(),
        }
    }
    stdout.flush()?;
    trace_timings(ctx, &response, begun);

    if policy.warn_status && code != Exit::Success {
        eprintln!("httpc: warning: HTTP {status} {reason}");
    }
    Ok(Attempt::Done(
        code,
        stats(&spec, &response, downloaded, retries, begun),
    ))
}

fn stats(spec: &RequestSpec, r: &Response, downloaded: u64, retries: u32, begun: Instant) -> Stats {
    let at = |d: Option<Duration>| d.map_or(0.0, |d| d.as_secs_f64());
    Stats {
        http_code: r.status,
        http_version: r.version.trim_start_matches("HTTP/").to_string(),
        method: r.method.clone(),
        url: spec::display_url(&spec.url),
        url_effective: r.url_shown(),
        num_redirects: r.redirects,
        num_retries: retries,
        content_type: r.header("content-type").unwrap_or_default().to_string(),
        size_download: downloaded,
        size_upload: r.uploaded,
        time_namelookup: at(r.timings.dns),
        time_connect: at(r.timings.connect),
        time_appconnect: at(r.timings.tls),
        time_starttransfer: at(r.timings.first_byte),
        time_total: begun.elapsed().as_secs_f64(),
        headers: r.headers.clone(),
    }
}

fn trace_timings(ctx: &Context, r: &Response, begun: Instant) {
    if let Some(tracer) = &ctx.tracer {
        tracer.timings(&PhaseTimes {
            dns: r.timings.dns,
            connect: r.timings.connect,
            tls: r.timings.tls,
            first_byte: r.timings.first_byte,
            total: begun.elapsed(),
        });
    }
}

/// `Retry-After` in seconds or as an HTTP date.
fn retry_after(r: &Response) -> Option<Duration> {
    let value = r.header("retry-after")?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(SystemTime::now()).unwrap_or_default())
}

/// A 416 to a resume means FILE is complete when the server's length
/// (`Content-Range: bytes */N`) is what FILE has, or when it gives none.
fn already_complete(r: &Response, have: u64) -> bool {
    match r.header("content-range") {
        Some(range) => {
            range
                .trim()
                .strip_prefix("bytes */")
                .and_then(|n| n.trim().parse::<u64>().ok())
                == Some(have)
        }
        None => true,
    }
}

fn existing_len(path: &Path) -> Option<u64> {
    std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_file() && m.len() > 0)
        .map(|m| m.len())
}

/// Copies the body through a fixed buffer. A read failure is the
/// transfer's (its own exit code); a write failure is the sink's.
fn copy_body(
    response: &mut Response,
    chunk_size: usize,
    mut sink: impl FnMut(&[u8]) -> io::Result<()>,
) -> Result<u64> {
    let mut buf = vec![0u8; chunk_size];
    let mut total = 0u64;
    loop {
        let n = match response.body.read(&mut buf) {
            Ok(0) => return Ok(total),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(transport::failure_of(e)),
        };
        sink(&buf[..n])?;
        total += n as u64;
    }
}

/// Copies the body to a file with reading and writing overlapped: a writer
/// thread drains filled buffers while this thread reads the next, so the
/// socket and the disk work at once (a third faster than taking turns, on
/// 1 GiB over loopback). Three buffers go round; nothing is allocated per
/// chunk. A read failure is the transfer's; a write failure is the file's.
fn copy_overlapped(
    response: &mut Response,
    chunk_size: usize,
    file: &mut (dyn Write + Send),
    progress: &mut Progress,
) -> Result<u64> {
    use std::sync::mpsc::{channel, sync_channel};
    std::thread::scope(|scope| {
        let (full_tx, full_rx) = sync_channel::<(Vec<u8>, usize)>(2);
        let (empty_tx, empty_rx) = channel::<Vec<u8>>();
        for _ in 0..3 {
            let _ = empty_tx.send(vec![0u8; chunk_size]);
        }
        let writer = scope.spawn(move || -> io::Result<()> {
            for (buf, n) in full_rx {
                file.write_all(&buf[..n])?;
                // The reader may be gone already; then the buffer just goes.
                let _ = empty_tx.send(buf);
            }
            file.flush()
        });
        let mut total = 0u64;
        // Ends when the body ends, a read fails, or the writer stopped (its
        // error is the one reported).
        let read: Result<()> = 'reading: loop {
            let Ok(mut buf) = empty_rx.recv() else {
                break Ok(());
            };
            let n = loop {
                match response.body.read(&mut buf) {
                    Ok(0) => break 'reading Ok(()),
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => break 'reading Err(transport::failure_of(e)),
                }
            };
            total += n as u64;
            progress.advance(n as u64);
            if full_tx.send((buf, n)).is_err() {
                break Ok(());
            }
        };
        drop(full_tx);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the file writer stopped")));
        read?;
        written?;
        Ok(total)
    })
}

/// A write error to a file is exit 1 and names the file; a transfer error
/// keeps its own code.
fn write_failure(err: anyhow::Error, path: &Path, url: &str) -> anyhow::Error {
    match err.downcast::<io::Error>() {
        Ok(io) => cannot_write(io, path, url).into(),
        Err(other) => other,
    }
}

fn cannot_write(e: io::Error, path: &Path, url: &str) -> Failure {
    Failure::new(
        Exit::Failure,
        format!(
            "{url}: cannot write '{}': {}",
            path.display(),
            spec::io_words(&e)
        ),
    )
}

/// `-o FILE`: a temporary file beside FILE, renamed over it only when the
/// transfer succeeds, so a failure leaves no partial FILE and an existing
/// one untouched. A FILE that exists and is not a regular file
/// (`/dev/null`, a FIFO) is written directly.
struct FileSink {
    path: PathBuf,
    url: String,
    kind: SinkKind,
    /// The body was written here and should replace FILE.
    saved: bool,
}

enum SinkKind {
    Temp(tempfile::NamedTempFile),
    Direct(File),
}

impl FileSink {
    /// Opened before the request goes out, so an unwritable FILE costs no
    /// request.
    fn prepare(path: &Path, url: &str) -> Result<FileSink> {
        let fail = |e| cannot_write(e, path, url);
        let special = std::fs::metadata(path).is_ok_and(|m| !m.is_file());
        let kind = if special {
            SinkKind::Direct(OpenOptions::new().write(true).open(path).map_err(fail)?)
        } else {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            SinkKind::Temp(
                tempfile::Builder::new()
                    .prefix(&format!(".{name}."))
                    .suffix(".httpc-part")
                    .tempfile_in(dir)
                    .map_err(fail)?,
            )
        };
        Ok(FileSink {
            path: path.to_path_buf(),
            url: url.to_string(),
            kind,
            saved: false,
        })
    }

    /// `-C` with a 206: the new bytes go on the end of FILE itself.
    fn append(path: &Path, url: &str) -> Result<File> {
        OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|e| cannot_write(e, path, url).into())
    }

    fn writer(&mut self) -> &mut (dyn Write + Send) {
        match &mut self.kind {
            SinkKind::Temp(t) => t.as_file_mut(),
            SinkKind::Direct(f) => f,
        }
    }

    /// A retry starts the temporary file over.
    fn restart(&mut self) -> Result<()> {
        if let SinkKind::Temp(t) = &mut self.kind {
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
    fn commit(self) -> Result<()> {
        let fail = |e| cannot_write(e, &self.path, &self.url);
        match self.kind {
            // No fsync: the promise is about failed transfers (no partial
            // FILE), as with curl; syncing 1 GiB to disk would double the
            // time of a download.
            SinkKind::Temp(t) if self.saved => {
                t.persist(&self.path).map_err(|e| fail(e.error))?;
            }
            SinkKind::Temp(_) => {}
            SinkKind::Direct(mut f) => f.flush().map_err(fail)?,
        }
        Ok(())
    }
}
