//! get/post/put/patch/delete/head: args to specs, send, print.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::cli::{MultiUrl, OutputArgs, RequestArgs, SingleUrl};
use crate::exit::{self, usage, Exit, Failure};
use crate::output::printer::{self, BodyPrinter, Head, Style};
use crate::output::{Policy, PolicyInput};
use crate::spec::{self, Body, BodyInput, Input, RequestSpec};
use crate::transport::{self, Client, Response, Settings};

pub fn run_many(method: &str, args: MultiUrl) -> Result<Exit> {
    run(method, &args.urls, &args.request, &args.output)
}

pub fn run_one(method: &str, args: SingleUrl) -> Result<Exit> {
    run(
        method,
        std::slice::from_ref(&args.url),
        &args.request,
        &args.output,
    )
}

/// Where the body of one response goes.
#[derive(Debug, Clone)]
enum Target {
    Stdout,
    File(PathBuf),
}

fn run(method: &str, urls: &[String], req: &RequestArgs, out: &OutputArgs) -> Result<Exit> {
    refuse_unsupported(req, out)?;
    if out.output.is_some() && urls.len() > 1 {
        return Err(usage("-o names one file; with several URLs use -O"));
    }
    if out.resume && out.output.is_none() && !out.remote_name {
        return Err(usage("-C resumes a download to a file: add -o FILE or -O"));
    }

    // Every URL is checked before the first request goes out.
    let mut jobs = Vec::with_capacity(urls.len());
    for url in urls {
        let spec = RequestSpec::build(&spec_input(method, url, req))?;
        let target = match (&out.output, out.remote_name) {
            (Some(path), _) => Target::File(path.clone()),
            (None, true) => Target::File(remote_name(&spec)?),
            (None, false) => Target::Stdout,
        };
        jobs.push((spec, target));
    }

    let mut stdout = BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    if req.offline {
        for (spec, _) in &jobs {
            write_offline(spec, &mut stdout)?;
        }
        stdout.flush()?;
        return Ok(Exit::Success);
    }

    let policy = Policy::decide(&PolicyInput {
        include: out.include,
        body_only: out.body,
        head_method: method == "HEAD",
        color: out.color,
        silent: out.silent,
    });
    if req.insecure && !out.silent {
        eprintln!("httpc: warning: --insecure: TLS certificates are not verified");
    }
    let client = Client::new(settings(req));
    let mut first_failure = Exit::Success;
    for (spec, target) in &jobs {
        let code = match transfer(&client, spec, target, req, out, &policy, &mut stdout) {
            Ok(code) => code,
            Err(err) => {
                // Whatever was printed so far belongs before the message.
                stdout.flush()?;
                if exit::is_broken_pipe(&err) || jobs.len() == 1 {
                    return Err(err);
                }
                eprintln!("{}", exit::error_line(&err));
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

/// Flags whose issues have not landed yet fail loudly instead of being
/// ignored.
fn refuse_unsupported(req: &RequestArgs, out: &OutputArgs) -> Result<()> {
    let mut unsupported = Vec::new();
    if out.debug {
        unsupported.push("--debug");
    }
    if out.write_out.is_some() {
        unsupported.push("--write-out");
    }
    if req.retry > 0 {
        unsupported.push("--retry");
    }
    if req.cacert.is_some() {
        unsupported.push("--cacert");
    }
    if req.cert.is_some() {
        unsupported.push("--cert/--key");
    }
    if out.progress {
        unsupported.push("--progress");
    }
    match unsupported.first() {
        Some(flag) => Err(usage(format!("{flag} is not yet supported"))),
        None => Ok(()),
    }
}

fn spec_input<'a>(method: &'a str, url: &'a str, req: &'a RequestArgs) -> Input<'a> {
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
        method,
        url,
        headers: &req.headers,
        query: &req.query,
        body,
        user: req.user.as_deref(),
        bearer: req.bearer.as_deref(),
        user_agent: req.user_agent.as_deref(),
        decompress: !req.no_decompress,
    }
}

fn settings(req: &RequestArgs) -> Settings {
    Settings {
        connect_timeout: req.connect_timeout,
        idle_timeout: req.timeout,
        max_time: req.max_time,
        follow: req.location,
        max_redirs: req.max_redirs,
        decompress: !req.no_decompress,
        insecure: req.insecure,
        proxy: req.proxy.clone(),
        noproxy: req.noproxy.clone(),
    }
}

/// `-O`: the last path segment of the URL, refused when it could name
/// something other than a new file in the current directory.
fn remote_name(spec: &RequestSpec) -> Result<PathBuf> {
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
            spec::display_url(&spec.url),
            name.escape_default()
        )));
    }
    Ok(PathBuf::from(name))
}

fn transfer(
    client: &Client,
    spec: &RequestSpec,
    target: &Target,
    req: &RequestArgs,
    out: &OutputArgs,
    policy: &Policy,
    stdout: &mut impl Write,
) -> Result<Exit> {
    let mut spec = spec.clone();
    let resume_from = match target {
        Target::File(path) if out.resume => existing_len(path),
        _ => None,
    };
    if let Some(offset) = resume_from {
        spec.headers
            .push(("range".into(), format!("bytes={offset}-")));
    }

    let mut response = client.send(&spec)?;
    let status = response.status;
    let resumed_complete = resume_from.is_some() && status == 416;
    let code = if req.ignore_status || resumed_complete {
        Exit::Success
    } else {
        Exit::for_status(status)
    };

    let reason = transport::reason(status);
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
        printer::write_head(stdout, &head, style)?;
        if has_body && matches!(target, Target::Stdout) {
            stdout.write_all(b"\n")?;
        }
    }

    if has_body {
        match target {
            Target::Stdout => {
                let mut printer = BodyPrinter::new(policy.terminal);
                copy_body(&mut response, |chunk| {
                    printer.write(chunk, stdout)?;
                    stdout.flush()
                })?;
                printer.finish(stdout)?;
            }
            Target::File(_) if resumed_complete => {}
            Target::File(path) if code == Exit::Success => {
                let append = resume_from.is_some() && status == 206;
                save(&mut response, path, append)?;
            }
            // An error status leaves the file alone.
            Target::File(_) => {}
        }
    }
    stdout.flush()?;

    if policy.warn_status && code != Exit::Success {
        eprintln!("httpc: warning: HTTP {status} {reason}");
    }
    Ok(code)
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
    mut sink: impl FnMut(&[u8]) -> io::Result<()>,
) -> Result<u64> {
    let mut buf = vec![0u8; 128 * 1024];
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

/// Writes the body to `path`: through a temporary file beside it that is
/// renamed on success, so a failed transfer leaves no partial file and an
/// existing one untouched. A path that exists and is not a regular file
/// (`/dev/null`, a FIFO) is written directly; a resumed download appends.
fn save(response: &mut Response, path: &Path, append: bool) -> Result<()> {
    let cannot = |e: io::Error| {
        Failure::new(
            Exit::Failure,
            format!("cannot write '{}': {}", path.display(), spec::io_words(&e)),
        )
    };
    let special = std::fs::metadata(path).is_ok_and(|m| !m.is_file());
    if append || special {
        let mut file = OpenOptions::new()
            .append(append)
            .write(true)
            .open(path)
            .map_err(cannot)?;
        copy_body(response, |chunk| file.write_all(chunk)).map_err(|e| write_context(e, path))?;
        return file.flush().map_err(|e| cannot(e).into());
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".httpc-part")
        .tempfile_in(dir)
        .map_err(cannot)?;
    copy_body(response, |chunk| tmp.write_all(chunk)).map_err(|e| write_context(e, path))?;
    tmp.flush().map_err(cannot)?;
    tmp.persist(path).map_err(|e| cannot(e.error))?;
    Ok(())
}

/// A write error to a file is exit 1 and names the file; a transfer error
/// keeps its own code.
fn write_context(err: anyhow::Error, path: &Path) -> anyhow::Error {
    match err.downcast::<io::Error>() {
        Ok(io) => Failure::new(
            Exit::Failure,
            format!("cannot write '{}': {}", path.display(), spec::io_words(&io)),
        )
        .into(),
        Err(other) => other,
    }
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
        Body::Multipart(m) => writeln!(out, "content-length: {}", m.len()?)?,
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
