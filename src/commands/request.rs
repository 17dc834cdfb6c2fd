//! get/post/put/patch/delete/head/options/request: args to specs, send,
//! print.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};

use super::transfer::{self, Destination, Job, Retry, Shared};
use crate::cli::{MultiUrl, OutputArgs, RequestArgs, SingleUrl};
use crate::exit::{self, usage, Exit, ExitError};
use crate::files;
use crate::output::notice;
use crate::output::sanitize::Controls;
use crate::output::trace::Tracer;
use crate::output::writeout::Template;
use crate::output::{self, Policy, PolicyInput, Terminal};
use crate::spec::{Body, BodyInput, Input, Method, RequestSpec};
use crate::text::{display_url, io_words, Secrets};
use crate::transport::{Client, Settings, TraceEvent, TraceFn};

/// get and head: every URL in turn, over kept-alive connections.
pub fn run_many(method: Method, args: MultiUrl, terminal: &Terminal) -> Result<Exit> {
    run(method, &args.urls, &args.request, &args.output, terminal)
}

/// post, put, patch and delete: one URL.
pub fn run_one(method: Method, args: SingleUrl, terminal: &Terminal) -> Result<Exit> {
    run(
        method,
        std::slice::from_ref(&args.url),
        &args.request,
        &args.output,
        terminal,
    )
}

fn run(
    method: Method,
    urls: &[String],
    req: &RequestArgs,
    out: &OutputArgs,
    terminal: &Terminal,
) -> Result<Exit> {
    // `-X` beats the command's own method, as in curl.
    let method = match &req.method_override {
        Some(text) => Method::parse(text).map_err(usage)?,
        None => method,
    };
    if out.output.is_some() && urls.len() > 1 {
        return Err(usage("-o names one file; with several URLs use -O"));
    }
    if out.resume && out.output.is_none() && !out.remote_name {
        return Err(usage("-C resumes a download to a file: add -o FILE or -O"));
    }
    let write_out = write_out(out, req)?;
    let secrets = secrets(out);
    let jobs = plan(&method, urls, req, out, &secrets)?;
    let mut stdout = output::stdout();
    if req.offline {
        for job in &jobs {
            write_offline(&job.spec, &mut stdout)?;
        }
        stdout.flush()?;
        return Ok(Exit::Success);
    }

    let policy = policy(terminal, &method, out);
    if req.shared.insecure {
        policy.notices.warn_insecure();
    }
    let tracer = out.debug.then(|| tracer(&secrets, &policy));
    let shared = Shared {
        client: Client::new(Settings {
            secrets,
            ..settings(req, tracer.clone())?
        }),
        policy,
        tracer,
        write_out,
        ignore_status: req.ignore_status,
        resume: out.resume,
        retry: Retry {
            times: req.retry,
            delay: req.retry_delay,
            max_time: req.retry_max_time,
        },
    };
    // An unusable proxy for any URL stops the run before the first request.
    for job in &jobs {
        shared.client.check(&job.spec)?;
    }
    send_all(&shared, &jobs, &mut stdout)
}

/// Every URL as a checked request with its destination, before the first
/// request goes out.
fn plan(
    method: &Method,
    urls: &[String],
    req: &RequestArgs,
    out: &OutputArgs,
    secrets: &Secrets,
) -> Result<Vec<Job>> {
    let mut jobs = Vec::with_capacity(urls.len());
    for url in urls {
        let input = Input {
            secrets: secrets.clone(),
            ..spec_input(method.clone(), url, req)
        };
        let spec = RequestSpec::build(&input)?;
        let destination = match (&out.output, out.remote_name) {
            (Some(path), _) => Destination::File(path.clone()),
            (None, true) => Destination::File(remote_name(&spec, secrets)?),
            (None, false) => Destination::Stdout,
        };
        jobs.push(Job { spec, destination });
    }
    Ok(jobs)
}

/// Every job in turn, even after a failure; the exit code is the first
/// that is not success. With one URL its error is the run's; with several,
/// each failed URL gets its error line and the run goes on.
fn send_all(shared: &Shared, jobs: &[Job], stdout: &mut impl Write) -> Result<Exit> {
    let mut first_failure = Exit::Success;
    for job in jobs {
        let code = match transfer::run(shared, job, stdout) {
            Ok(code) => code,
            Err(err) => {
                // Whatever was printed so far belongs before the message.
                let err = match stdout.flush() {
                    Err(e) => anyhow::Error::from(e),
                    Ok(()) => err,
                };
                let err = stdout_failure(err, &shared.client.shown(&job.spec.url));
                if exit::is_broken_pipe(&err) || jobs.len() == 1 {
                    return Err(err);
                }
                notice::error(&err);
                exit::exit_for(&err)
            }
        };
        if first_failure == Exit::Success {
            first_failure = code;
        }
    }
    stdout.flush()?;
    Ok(first_failure)
}

/// `-w FORMAT`, `-w @FILE` or `-w @-` (stdin, unless the body comes
/// from there), parsed before anything is sent. The file's text is the
/// FORMAT as it is, line ends included.
fn write_out(out: &OutputArgs, req: &RequestArgs) -> Result<Option<Template>> {
    let Some(arg) = out.write_out.as_deref() else {
        return Ok(None);
    };
    let format = match arg.strip_prefix('@') {
        Some("-") => {
            let body_from_stdin = [&req.data, &req.json]
                .iter()
                .any(|b| b.as_deref() == Some("@-"));
            if body_from_stdin {
                return Err(usage(
                    "-w @-: stdin is the body already; put FORMAT in a file (-w @FILE)",
                ));
            }
            String::from_utf8(files::read_stdin("--write-out")?)
                .map_err(|_| usage("--write-out: stdin is not UTF-8 text"))?
        }
        Some(path) => files::read_file(Path::new(path), "--write-out")?,
        None => arg.to_string(),
    };
    Template::parse(&format).map(Some).map_err(usage)
}

/// The run's terminal refined by the output options.
fn policy(terminal: &Terminal, method: &Method, out: &OutputArgs) -> Policy {
    Policy::for_request(
        terminal,
        &PolicyInput {
            include: out.include,
            body_only: out.body,
            head_method: *method == Method::Head,
            color: out.color.map(Into::into),
            silent: out.silent,
            progress: match (out.progress, out.no_progress) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            },
            to_file: out.output.is_some() || out.remote_name,
            pretty: out.pretty.map(Into::into),
        },
    )
}

/// What every place that shows the request hides: the conventional
/// secrets and `--redact`'s names, unless `--show-secrets`.
fn secrets(out: &OutputArgs) -> Secrets {
    if out.show_secrets {
        Secrets::shown()
    } else {
        Secrets::redacted(&out.redact)
    }
}

/// `--debug`: secrets redacted as `secrets` says, control characters
/// escaped when stderr is a terminal.
fn tracer(secrets: &Secrets, policy: &Policy) -> Tracer {
    let controls = Controls::for_terminal(policy.stderr_terminal);
    Tracer::new(secrets.clone(), controls)
}

/// A bare io error here came from writing stdout (transfer failures and
/// file errors are `ExitError`s already): say so, and name the URL.
fn stdout_failure(err: anyhow::Error, url_shown: &str) -> anyhow::Error {
    if exit::is_broken_pipe(&err) {
        return err;
    }
    match err.downcast::<io::Error>() {
        Ok(e) => ExitError::new(
            Exit::Failure,
            format!("cannot write to stdout: {}", io_words(&e)),
        )
        .about(url_shown)
        .into(),
        Err(other) => other,
    }
}

fn spec_input<'a>(method: Method, url: &'a str, req: &'a RequestArgs) -> Input<'a> {
    let body = if let Some(json) = &req.json {
        BodyInput::Json(json)
    } else if !req.form.is_empty() {
        BodyInput::Form(&req.form)
    } else if !req.multipart.is_empty() {
        BodyInput::Multipart(&req.multipart)
    } else if let Some(data) = &req.data {
        BodyInput::Data(data)
    } else {
        BodyInput::None
    };
    Input {
        query: &req.query,
        body,
        user_agent: req.user_agent.as_deref(),
        decompress: !req.no_decompress,
        ..super::shared_input(&req.shared, method, url)
    }
}

fn settings(req: &RequestArgs, tracer: Option<Tracer>) -> Result<Settings> {
    let trace: Option<TraceFn> = tracer.map(|t| {
        Arc::new(move |event: TraceEvent| match event {
            TraceEvent::Connected { addr, reused } => t.connected(&addr, reused),
            TraceEvent::RequestHead(head) => t.request_head(&head),
            TraceEvent::ResponseHead(head) => t.response_head(&head),
            TraceEvent::Note(text) => t.note(&text),
        }) as TraceFn
    });
    let tls = super::load_tls(&req.shared, req.cert.clone(), req.key.clone())?;
    Ok(Settings {
        connect_timeout: req.connect_timeout,
        idle_timeout: req.timeout,
        max_time: req.max_time,
        follow: req.shared.location,
        max_redirs: req.max_redirs,
        decompress: !req.no_decompress,
        proxy: req.proxy.clone(),
        noproxy: req.noproxy.clone(),
        trace,
        route: Arc::new(super::route_rules(&req.shared)?),
        family: super::family(&req.shared),
        ..Settings::new(tls)
    })
}

/// `-O`: the last path segment of the URL, refused when it could name
/// something other than a new file in the current directory.
fn remote_name(spec: &RequestSpec, secrets: &Secrets) -> Result<PathBuf> {
    let segment = spec
        .url
        .path_segments()
        .and_then(|mut s| s.next_back())
        .unwrap_or_default();
    let name = percent_encoding::percent_decode_str(segment)
        .decode_utf8_lossy()
        .into_owned();
    let bad = name.is_empty()
        || name == "."
        || name == ".."
        || name.starts_with('.')
        || name.contains(['/', '\\'])
        || name.chars().any(char::is_control);
    if bad {
        return Err(usage(format!(
            "-O: cannot name a file after '{}': the last path segment '{}' is empty, hidden or unsafe; use -o FILE",
            display_url(&spec.url, secrets),
            name.escape_default()
        )));
    }
    Ok(PathBuf::from(name))
}

/// `--offline`: the request as it would go out, then its body.
fn write_offline(spec: &RequestSpec, out: &mut impl Write) -> Result<()> {
    let target = match spec.url.query() {
        Some(q) => format!("{}?{q}", spec.url.path()),
        None => spec.url.path().to_string(),
    };
    writeln!(out, "{} {target} HTTP/1.1", spec.method)?;
    writeln!(out, "host: {}", spec.host_header())?;
    for (name, value) in &spec.headers {
        writeln!(out, "{name}: {value}")?;
    }
    match &spec.body {
        Body::None => {}
        Body::Bytes(b) => writeln!(out, "content-length: {}", b.len())?,
        Body::File(p) => match std::fs::metadata(p) {
            Ok(m) if m.is_file() => writeln!(out, "content-length: {}", m.len())?,
            _ => writeln!(out, "transfer-encoding: chunked")?,
        },
        Body::Stdin => writeln!(out, "transfer-encoding: chunked")?,
        Body::Multipart(m) => writeln!(out, "content-length: {}", m.content_length()?)?,
    }
    writeln!(out)?;
    let mut reader: Box<dyn Read> = match &spec.body {
        Body::None => return Ok(()),
        Body::Bytes(b) => Box::new(&b[..]),
        Body::File(p) => {
            Box::new(File::open(p).with_context(|| format!("cannot read '{}'", p.display()))?)
        }
        Body::Stdin => Box::new(io::stdin().lock()),
        Body::Multipart(m) => Box::new(m.reader()),
    };
    io::copy(&mut reader, out)?;
    Ok(())
}
