//! One URL's transfer: attempts and retries (`attempt.rs` is one attempt,
//! `sink.rs` the `-o` file, `retry.rs` the waits), then `--write-out`,
//! after a response or a transfer error alike (`stats.rs`).

mod attempt;
mod interrupt;
pub mod names;
mod overlap;
mod retry;
mod sink;
mod stats;

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Result;

use crate::exit::{self, Exit, ExitError};
use crate::expect::Expectations;
use crate::output::dump::HeadCapture;
use crate::output::sanitize::{escape_line, Controls};
use crate::output::timings;
use crate::output::trace::Tracer;
use crate::output::writeout::{Stats, Template};
use crate::output::Policy;
use crate::spec::RequestSpec;
use crate::text::seconds;
use crate::transport::Client;
use attempt::{Attempt, Outcome};
pub use retry::Retry;
use retry::{Trigger, Verdict};
use sink::{FileSink, Naming};

/// Where the body of one response goes.
#[derive(Debug, Clone)]
pub enum Destination {
    Stdout,
    File(PathBuf),
}

/// One URL to fetch.
#[derive(Debug)]
pub struct Job {
    pub spec: RequestSpec,
    pub destination: Destination,
}

/// What every transfer of one command shares.
pub struct Shared {
    pub client: Client,
    pub policy: Policy,
    pub tracer: Option<Tracer>,
    pub write_out: Option<Template>,
    pub ignore_status: bool,
    /// `-f`: an HTTP error's body (and head) stays off stdout.
    pub fail: bool,
    /// The response heads as received, when they are printed so.
    pub heads: Option<Arc<HeadCapture>>,
    pub resume: bool,
    /// `-J`: files take the name the response gives.
    pub remote_header_name: bool,
    pub retry: Retry,
    /// `--expect*` and `--pick`.
    pub checks: Expectations,
}

/// Runs one job with its retries, then prints `-w` and `--timings` for it
/// (after a transfer error too); returns its exit code.
pub fn run(shared: &Shared, job: &Job, stdout: &mut impl Write) -> Result<Exit> {
    let mut retries = 0;
    shared.client.forget_reached();
    let result = transfer(shared, job, stdout, &mut retries);
    let result = write_out(shared, job, stdout, result, retries);
    if let Some(look) = shared.policy.timings {
        draw_timings(shared, &result, look, stdout);
    }
    result
}

/// `--timings`: every hop of every attempt, and why the last one failed
/// when the transfer did.
fn draw_timings(
    shared: &Shared,
    result: &Result<Exit>,
    look: timings::Look,
    stdout: &mut impl Write,
) {
    // What went to stdout comes before the picture on a terminal.
    let _ = stdout.flush();
    let failure = result
        .as_ref()
        .err()
        .map(|e| match exit::is_broken_pipe(e) {
            true => "stdout closed".to_string(),
            false => escape_line(&exit::cause(e)),
        });
    timings::draw(&shared.client.timeline(), failure.as_deref(), look);
}

/// `-w` after the transfer, whether it ended with a response or an error.
fn write_out(
    shared: &Shared,
    job: &Job,
    stdout: &mut impl Write,
    result: Result<(Exit, Stats)>,
    retries: u32,
) -> Result<Exit> {
    let Some(template) = &shared.write_out else {
        return result.map(|(code, _)| code);
    };
    let controls = Controls::for_terminal(shared.policy.terminal);
    match result {
        Ok((code, stats)) => {
            stdout.write_all(&template.render(&stats, controls))?;
            stdout.flush()?;
            Ok(code)
        }
        // A closed stdout has no room for it.
        Err(err) if exit::is_broken_pipe(&err) => Err(err),
        Err(err) => {
            let stats = stats::after_error(&shared.client, &job.spec, &err, retries);
            // The transfer's error is the one to report, not a second one
            // from writing this.
            let _ = stdout
                .write_all(&template.render(&stats, controls))
                .and_then(|()| stdout.flush());
            Err(err)
        }
    }
}

/// The attempts of one job: its exit code and what `-w` says about it;
/// `retries` counts the retries made, for `-w` after a failure.
fn transfer(
    shared: &Shared,
    job: &Job,
    stdout: &mut impl Write,
    retries: &mut u32,
) -> Result<(Exit, Stats)> {
    let started = Instant::now();
    let mut file = match &job.destination {
        Destination::File(path) => {
            let naming = match shared.remote_header_name {
                true => Naming::FromResponse,
                false => Naming::Given,
            };
            Some(FileSink::prepare(
                path,
                &shared.client.shown(&job.spec.url),
                naming,
            )?)
        }
        Destination::Stdout => None,
    };
    loop {
        let attempt = Attempt {
            shared,
            job,
            retries: *retries,
            started,
        };
        let mut out = Watched::new(stdout);
        let (why, pause) = match attempt.run(file.as_mut(), &mut out) {
            Ok(Outcome::Done(code, stats)) => {
                if let Some(file) = file {
                    file.commit()?;
                }
                return Ok((code, stats::with_exit(*stats, code)));
            }
            Ok(Outcome::Again { why, pause }) => (why, pause),
            Err(err) => {
                let verdict = ExitError::find(&err).map_or(Verdict::No, |e| {
                    shared.retry.verdict(&job.spec.method, Trigger::Failure(e))
                });
                // A body from stdin is gone after one attempt; once bytes
                // reached stdout, trying again would repeat them.
                let pause = (verdict != Verdict::No && job.spec.body.can_resend() && !out.wrote)
                    .then(|| shared.retry.pause(*retries, started, None))
                    .flatten();
                match (pause, verdict) {
                    (Some(pause), Verdict::Yes) => (exit::cause(&err), pause),
                    (Some(_), _) => {
                        let why = exit::cause(&err);
                        attempt::not_retrying(&shared.policy, &job.spec.method, &why);
                        return Err(err);
                    }
                    (None, _) => return Err(err),
                }
            }
        };
        *retries += 1;
        shared.policy.notices.say(format_args!(
            "retrying in {} (attempt {} of {}): {why}",
            seconds(pause),
            *retries + 1,
            shared.retry.times + 1
        ));
        std::thread::sleep(pause);
        if let Some(file) = &mut file {
            file.restart()?;
        }
    }
}

/// stdout as one attempt sees it, remembering whether anything was
/// written: once bytes are out, a retry would repeat them.
struct Watched<'w, W: Write> {
    inner: &'w mut W,
    wrote: bool,
}

impl<'w, W: Write> Watched<'w, W> {
    fn new(inner: &'w mut W) -> Self {
        Watched {
            inner,
            wrote: false,
        }
    }
}

impl<W: Write> Write for Watched<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.wrote |= !buf.is_empty();
        self.inner.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.wrote |= !buf.is_empty();
        self.inner.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
