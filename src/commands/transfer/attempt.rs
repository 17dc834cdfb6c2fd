//! One attempt at one URL, as named steps: send (with a Range to resume),
//! decide whether a retryable status is tried again, the exit code, the
//! head, then the body to stdout or to the file.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use anyhow::Result;

use super::names;
use super::overlap::{self, Handoff};
use super::retry::{retry_after, Trigger, Verdict};
use super::sink::{FileSink, Keep};
use super::stats;
use super::{Destination, Job, Shared};
use crate::exit::{Exit, ExitError};
use crate::expect::{JsonBody, JSON_BODY_LIMIT};
use crate::output::notice;
use crate::output::printer::{self, BodyPrinter, Format, Head, Style};
use crate::output::progress::Progress;
use crate::output::sanitize::{escape_bytes, escape_line, Controls};
use crate::output::writeout::Stats;
use crate::output::{self, Policy};
use crate::spec::{Method, RequestSpec};
use crate::status;
use crate::transport::Response;

/// How an attempt ended, when it did not fail.
pub enum Outcome {
    Done(Exit, Box<Stats>),
    /// A retryable status with a retry granted: nothing was printed.
    Again {
        why: String,
        pause: Duration,
    },
}

/// One attempt: the job, and how many retries came before it.
pub struct Attempt<'a> {
    pub shared: &'a Shared,
    pub job: &'a Job,
    pub retries: u32,
    /// When the first attempt started (`--retry-max-time` counts from it).
    pub started: Instant,
}

impl Attempt<'_> {
    pub fn run(&self, file: Option<&mut FileSink>, out: &mut impl Write) -> Result<Outcome> {
        let begun = Instant::now();
        // Heads of an attempt before this one were never printed.
        self.take_heads();
        let (spec, resume_from) = self.request();
        let mut response = self.shared.client.send(&spec, begun)?;
        let resume = Resume {
            complete: response.status == 416
                && resume_from.is_some_and(|have| already_complete(&response, have)),
            from: resume_from,
        };
        let judged = self.judge(&mut response, resume.complete)?;
        if let Some(again) = self.again(&mut response, &judged, begun) {
            return Ok(again);
        }
        self.show_head(&response, judged.exit, file.is_some(), out)?;
        let downloaded = match (&spec.method, file) {
            (Method::Head, Some(file)) if judged.exit == Exit::Success => {
                file.write_head(&self.take_heads())?
            }
            (Method::Head, _) => 0,
            (_, None) => self.body_to_out(&mut response, &judged, out)?,
            (_, Some(file)) => self.body_to_file(&mut response, &judged, resume, file, out)?,
        };
        out.flush()?;
        self.trace_timings(&response, begun);
        let mut stats = self.stats(&spec, &response, downloaded, begun);
        self.report(&response, &judged, &mut stats);
        Ok(Outcome::Done(judged.exit, Box::new(stats)))
    }

    /// Without a file: the body to stdout, or with `--pick` the picked
    /// values (and an error's body to stderr). Returns the bytes copied.
    fn body_to_out(
        &self,
        response: &mut Response,
        judged: &Judged,
        out: &mut impl Write,
    ) -> Result<u64> {
        let policy = &self.shared.policy;
        if self.withheld(judged.exit) {
            error_body_to_stderr(response, policy);
            response.discard_body();
            return Ok(0);
        }
        if self.shared.checks.pick.is_empty() {
            return body_to_stdout(response, policy, out);
        }
        if judged.exit == Exit::Success {
            print_picks(&judged.picks, policy, out)?;
        } else {
            error_body_to_stderr(response, policy);
        }
        response.discard_body();
        Ok(0)
    }

    /// With `-o`/`-O`: a success goes to FILE (appended after a 206 to a
    /// Range, renamed by `-J`); an error status, or a resume that is
    /// already complete, leaves FILE alone, and what the server said about
    /// an error is shown. Returns the bytes copied.
    fn body_to_file(
        &self,
        response: &mut Response,
        judged: &Judged,
        resume: Resume,
        file: &mut FileSink,
        out: &mut impl Write,
    ) -> Result<u64> {
        let policy = &self.shared.policy;
        if judged.exit != Exit::Success || resume.complete {
            if judged.exit != Exit::Success {
                error_body_to_stderr(response, policy);
            }
            response.discard_body();
            return Ok(0);
        }
        let keep = match resume.from {
            Some(have) if response.status == 206 => {
                check_range(response, have)?;
                Keep::Append
            }
            _ => Keep::Replace,
        };
        if self.shared.remote_header_name {
            let name = response_name(response, policy, file.path());
            file.name_from_response(name);
        }
        let mut progress = Progress::new(policy.progress, response.content_length);
        let n = file.copy_from(response, keep, policy.chunk_size, &mut progress)?;
        progress.finish();
        if !self.shared.checks.pick.is_empty() {
            print_picks(&judged.picks, policy, out)?;
        }
        Ok(n)
    }

    /// What `-w` prints, made only for `-w`: its strings (URLs shown,
    /// every header, the addresses) cost a keep-alive GET a tenth of its
    /// instructions.
    fn stats(
        &self,
        spec: &RequestSpec,
        response: &Response,
        downloaded: u64,
        begun: Instant,
    ) -> Stats {
        match self.shared.write_out {
            Some(_) => stats::of_response(
                &self.shared.client,
                spec,
                response,
                downloaded,
                self.retries,
                begun,
            ),
            None => Stats::default(),
        }
    }

    /// After the body: an unmet expectation's error line (whatever -s
    /// says; `-w`'s `%{errormsg}` is that line without `httpc: error: `),
    /// or the warning for an error status.
    fn report(&self, response: &Response, judged: &Judged, stats: &mut Stats) {
        let policy = &self.shared.policy;
        match (&judged.unmet, judged.exit) {
            (_, Exit::Success) => {}
            (Some(unmet), _) => {
                let error =
                    ExitError::new(Exit::Expectation, unmet.clone()).about(response.url_shown());
                stats.errormsg = error.to_string();
                notice::error(&anyhow::Error::from(error));
            }
            (None, _) if policy.warn_status => {
                let status = response.status;
                // The policy has weighed -s and -S already.
                let reason = status::reason(status).unwrap_or("");
                let notices = notice::Notices { silent: false };
                notices.warn(format_args!("HTTP {status} {reason}"));
            }
            (None, _) => {}
        }
    }

    /// The request of this attempt: with `-C`, a Range from the end of
    /// FILE as it is now.
    fn request(&self) -> (RequestSpec, Option<u64>) {
        let mut spec = self.job.spec.clone();
        let resume_from = match &self.job.destination {
            Destination::File(path) if self.shared.resume => existing_len(path),
            _ => None,
        };
        if let Some(offset) = resume_from {
            spec.headers
                .push(("range".into(), format!("bytes={offset}-")));
        }
        (spec, resume_from)
    }

    /// The exit code the response earns: its status (or `--expect`) first,
    /// then `--expect-header`, then `--expect-json` and `--pick` on the
    /// body, which is read ahead (at most `JSON_BODY_LIMIT`) and still
    /// printed as received.
    fn judge(&self, response: &mut Response, complete: bool) -> Result<Judged> {
        let checks = &self.shared.checks;
        let status = response.status;
        let unmet = |why: String| Judged {
            exit: Exit::Expectation,
            unmet: Some(why),
            picks: Vec::new(),
        };
        // clap keeps --expect and --ignore-status apart.
        let by_status = match &checks.status {
            _ if self.shared.ignore_status || complete => Exit::Success,
            Some(list) if list.matches(status) => Exit::Success,
            Some(list) => {
                let got = format!("{status} {}", status::reason(status).unwrap_or(""));
                return Ok(unmet(format!(
                    "expected status {list}, got {}",
                    got.trim_end()
                )));
            }
            None => Exit::for_status(status),
        };
        if by_status != Exit::Success {
            return Ok(Judged {
                exit: by_status,
                unmet: None,
                picks: Vec::new(),
            });
        }
        if let Err(why) = checks.check_headers(&response.headers) {
            return Ok(unmet(why));
        }
        if !checks.reads_body() {
            return Ok(Judged::met(Vec::new()));
        }
        let (bytes, cut) = response.peek_body(JSON_BODY_LIMIT)?;
        let body = JsonBody::new(bytes.as_ref(), cut, "64 MiB");
        Ok(match checks.check_body(&body) {
            Ok(picks) => Judged::met(picks),
            Err(why) => unmet(why),
        })
    }

    /// A retryable status or an unmet expectation with a retry left: the
    /// body is dropped and the attempt ends here. A request that must not
    /// be sent twice says why it is not retried.
    fn again(&self, response: &mut Response, judged: &Judged, begun: Instant) -> Option<Outcome> {
        let status = response.status;
        let retry = &self.shared.retry;
        let method = &self.job.spec.method;
        let expected = self
            .shared
            .checks
            .status
            .as_ref()
            .is_some_and(|list| list.matches(status));
        let retry_after = response
            .header("retry-after")
            .and_then(|v| retry_after(v, SystemTime::now()));
        let reason = status::reason(status).unwrap_or("");
        let as_status = Trigger::Status {
            code: status,
            retry_after: retry_after.is_some(),
        };
        // A status --expect names is no failure, whatever the registry says.
        let by_status = match expected {
            true => Verdict::No,
            false => retry.verdict(method, as_status),
        };
        let (verdict, why) = match by_status {
            Verdict::No => match &judged.unmet {
                Some(unmet) => (retry.verdict(method, Trigger::Unmet), escape_line(unmet)),
                None => return None,
            },
            verdict => (verdict, format!("{status} {reason}").trim_end().to_string()),
        };
        if verdict == Verdict::No || !self.job.spec.body.can_resend() {
            return None;
        }
        let pause = retry.pause(self.retries, self.started, retry_after)?;
        if verdict == Verdict::Unsafe {
            not_retrying(&self.shared.policy, method, &why);
            return None;
        }
        response.discard_body();
        self.trace_timings(response, begun);
        Some(Outcome::Again { why, pause })
    }

    /// `-f`: the head and body of an HTTP error stay off stdout.
    fn withheld(&self, exit: Exit) -> bool {
        self.shared.fail && matches!(exit, Exit::Redirect | Exit::ClientError | Exit::ServerError)
    }

    /// The heads this attempt received, as received (empty when they are
    /// not kept).
    fn take_heads(&self) -> Vec<u8> {
        self.shared
            .heads
            .as_ref()
            .map(|h| h.take())
            .unwrap_or_default()
    }

    /// The head on stdout when the policy prints one: as received when
    /// stdout is not a terminal, formatted when it is. A HEAD's head goes
    /// to its `-o` file instead, and `-f` keeps an error's off stdout.
    fn show_head(
        &self,
        response: &Response,
        exit: Exit,
        to_file: bool,
        out: &mut impl Write,
    ) -> Result<()> {
        let policy = &self.shared.policy;
        let head_to_file = response.method == Method::Head && to_file;
        if !policy.head || head_to_file || self.withheld(exit) {
            return Ok(());
        }
        let raw = self.take_heads();
        if policy.raw_head && !raw.is_empty() {
            out.write_all(&raw)?;
            out.flush()?;
            return Ok(());
        }
        print_head(response, policy, out)
    }

    fn trace_timings(&self, r: &Response, begun: Instant) {
        if let Some(tracer) = &self.shared.tracer {
            tracer.timings(&r.timings, begun.elapsed());
        }
    }
}

/// Where an attempt stands on `-C`: the length FILE had when the Range
/// was sent, and whether the server said (416) it is whole already.
#[derive(Clone, Copy)]
struct Resume {
    from: Option<u64>,
    complete: bool,
}

/// What an attempt's response earned: its exit code, the unmet
/// expectation behind an exit 22, and the values `--pick` took.
struct Judged {
    exit: Exit,
    unmet: Option<String>,
    picks: Vec<String>,
}

impl Judged {
    fn met(picks: Vec<String>) -> Judged {
        Judged {
            exit: Exit::Success,
            unmet: None,
            picks,
        }
    }
}

/// The one line that says a transient failure was not retried because the
/// request may have done its work already (RFC 9110 §9.2.2).
pub fn not_retrying(policy: &Policy, method: &Method, why: &str) {
    policy.notices.note(format_args!(
        "note: not retrying {method} ({}): it may have reached the server \
         (--idempotency-key or --retry-all-errors allow the retry)",
        escape_line(why)
    ));
}

/// `--pick`: each value on its own line, escaped on a terminal.
fn print_picks(picks: &[String], policy: &Policy, out: &mut impl Write) -> Result<()> {
    for value in picks {
        match policy.terminal {
            true => out.write_all(&escape_bytes(value.as_bytes()))?,
            false => out.write_all(value.as_bytes())?,
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// `-J`: the name `Content-Disposition` gives, when it passes the checks
/// `-O` names pass; otherwise FILE (the URL's name) stays, with a warning
/// when the server gave a name that was refused.
fn response_name(response: &Response, policy: &Policy, fallback: &Path) -> Option<PathBuf> {
    let value = response.header("content-disposition")?;
    let name = names::disposition_filename(value)?;
    if names::is_safe_name(&name) {
        return Some(PathBuf::from(name));
    }
    policy.notices.warn(format_args!(
        "-J: not using the name '{}' from Content-Disposition (empty, hidden or unsafe); saving as '{}'",
        name.escape_default(),
        fallback.display()
    ));
    None
}

/// The status line and headers, then the blank line.
fn print_head(response: &Response, policy: &Policy, out: &mut impl Write) -> Result<()> {
    let head = Head {
        version: response.version,
        status: response.status,
        // HTTP/2 has no reason phrase; curl shows none either.
        reason: match response.version {
            "HTTP/2" => "",
            _ => status::reason(response.status).unwrap_or(""),
        },
        headers: &response.headers,
    };
    let style = Style {
        color: policy.color,
        terminal: policy.terminal,
    };
    printer::write_head(out, &head, style)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// The body to stdout as it arrives, formatted as the policy says; a note
/// from the printer (invalid JSON, a binary body held back) goes to stderr
/// after it.
fn body_to_stdout(response: &mut Response, policy: &Policy, out: &mut impl Write) -> Result<u64> {
    let json = policy.pretty && response.header("content-type").is_some_and(output::is_json);
    let format = if json { Format::Json } else { Format::Raw };
    let style = Style {
        color: policy.color,
        terminal: policy.terminal,
    };
    #[cfg(target_os = "linux")]
    if let Some(moved) = splice_to_stdout(response, policy, format, out) {
        return moved;
    }
    let mut printer = BodyPrinter::new(style, format);
    let mut progress = Progress::new(policy.progress, response.content_length);
    let chunk_size = policy.stdout_chunk(response.content_length);
    let downloaded = copy_body(response, chunk_size, |chunk| {
        progress.advance(chunk.len() as u64);
        printer.write(chunk, out)?;
        out.flush()
    })?;
    progress.finish();
    if let Some(warning) = printer.finish(out)? {
        out.flush()?;
        policy.notices.warn(warning);
    }
    Ok(downloaded)
}

/// A body printed as it came, into a pipe on stdout: moved by the kernel
/// from the socket into the pipe where the body allows it
/// (`BodyReader::splice_to_pipe`). `None`: it does not, and nothing of the
/// body was read.
#[cfg(target_os = "linux")]
fn splice_to_stdout(
    response: &mut Response,
    policy: &Policy,
    format: Format,
    out: &mut impl Write,
) -> Option<Result<u64>> {
    use std::os::fd::AsFd;
    if format != Format::Raw || policy.terminal || !policy.body_to_pipe {
        return None;
    }
    if !response.body.can_splice() || !output::stdout_is_fifo() {
        return None;
    }
    // A wide pipe takes more per splice and wakes the reader less often:
    // into the default 64 KiB one, splicing was slower than copying.
    output::widen_stdout_pipe();
    // What went before (a head with -i) reaches the pipe first.
    if let Err(e) = out.flush() {
        return Some(Err(e.into()));
    }
    let mut progress = Progress::new(policy.progress, response.content_length);
    let stdout = io::stdout();
    let moved = response
        .body
        .splice_to_pipe(stdout.as_fd(), |n| progress.advance(n as u64))?;
    progress.finish();
    Some(moved.map_err(Into::into))
}

/// With `-o` and an error status FILE is not written; the first 4 KiB of
/// the body go to stderr (escaped on a terminal, marked when cut) so a CI
/// log shows what the server said, not only `HTTP 500`. A body that cannot
/// be read is not an error of its own here: the status already is one.
fn error_body_to_stderr(response: &mut Response, policy: &Policy) {
    if policy.notices.silent {
        return;
    }
    let mut shown = Vec::with_capacity(ERROR_BODY_SHOWN + 1);
    let _ = (&mut response.body)
        .take(ERROR_BODY_SHOWN as u64 + 1)
        .read_to_end(&mut shown);
    let cut = shown.len() > ERROR_BODY_SHOWN;
    shown.truncate(ERROR_BODY_SHOWN);
    let controls = Controls::for_terminal(policy.stderr_terminal);
    policy.notices.quote(&shown, controls);
    if cut {
        policy
            .notices
            .note("(the body goes on; its first 4 KiB are shown above)");
    }
}

/// How much of an error body `-o` shows on stderr.
const ERROR_BODY_SHOWN: usize = 4096;

/// Copies the body through fixed buffers. A read failure is the
/// transfer's (its own exit code); a write failure is the sink's. A large
/// body (or one of unknown length) is read on a second thread while this
/// one formats and writes what came before: on 100 MB of JSON, reading
/// the socket (and decrypting, over https) was a sixth of the time spent
/// in turn with the formatter.
fn copy_body(
    response: &mut Response,
    chunk_size: usize,
    sink: impl FnMut(&[u8]) -> io::Result<()>,
) -> Result<u64> {
    match response.content_length {
        Some(len) if len < OVERLAP_FROM => copy_in_turn(response, chunk_size, sink),
        _ => overlap::copy_overlapped(&mut response.body, chunk_size, Handoff::EachRead, sink),
    }
}

/// The body length from which reading overlaps writing: below it the
/// second thread costs more than it saves.
const OVERLAP_FROM: u64 = 1 << 20;

fn copy_in_turn(
    response: &mut Response,
    chunk_size: usize,
    sink: impl FnMut(&[u8]) -> io::Result<()>,
) -> Result<u64> {
    // No larger than the body: zeroing a 128 KiB buffer for every small
    // body was half of the instructions of 500 keep-alive GETs.
    let size = match response.content_length {
        Some(len) => (len as usize).clamp(1, chunk_size),
        None => chunk_size,
    };
    overlap::copy_in_turn(&mut response.body, size, sink)
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

/// `-C` appends a 206 to FILE only when it is the rest of FILE: its
/// `Content-Range` starts at FILE's length and runs to the end of a total
/// it states. Anything else would splice other bytes into FILE (exit 33,
/// curl's code; FILE is left as it was).
fn check_range(response: &mut Response, have: u64) -> Result<(), ExitError> {
    let range = response
        .header("content-range")
        .unwrap_or_default()
        .to_string();
    let fits = parse_content_range(&range).is_some_and(|(start, end, total)| {
        start == have && end >= start && total.is_none_or(|t| t == end + 1)
    });
    if fits {
        return Ok(());
    }
    response.discard_body();
    let got = match range.trim() {
        "" => "no Content-Range".to_string(),
        text => format!("'{text}'"),
    };
    Err(ExitError::new(
        Exit::CannotResume,
        format!("cannot resume: asked for bytes {have}- and the server sent {got}; the file is unchanged"),
    )
    .about(response.url_shown()))
}

/// `bytes START-END/TOTAL` (TOTAL may be `*`).
fn parse_content_range(text: &str) -> Option<(u64, u64, Option<u64>)> {
    let spec = text.trim().strip_prefix("bytes")?.trim_start();
    let (span, total) = spec.split_once('/')?;
    let (start, end) = span.trim().split_once('-')?;
    let total = match total.trim() {
        "*" => None,
        n => Some(n.parse().ok()?),
    };
    Some((start.trim().parse().ok()?, end.trim().parse().ok()?, total))
}

fn existing_len(path: &Path) -> Option<u64> {
    std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_file() && m.len() > 0)
        .map(|m| m.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_ranges_are_read() {
        assert_eq!(
            parse_content_range("bytes 307200-1048575/1048576"),
            Some((307_200, 1_048_575, Some(1_048_576)))
        );
        assert_eq!(parse_content_range(" bytes 5-9/*"), Some((5, 9, None)));
        assert_eq!(parse_content_range("bytes */100"), None);
        assert_eq!(parse_content_range("items 1-2/3"), None);
        assert_eq!(parse_content_range(""), None);
    }
}
