//! get/post/put/patch/delete/head/options/request: args to specs, send,
//! print.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};

use super::habits;
use super::transfer::{self, names, Destination, Job, Retry, Shared};
use crate::cli::{MultiUrl, OutputArgs, RequestArgs, SingleUrl};
use crate::cookies::{self, CookieLine, Jar};
use crate::dates;
use crate::exit::{self, usage, Exit, ExitError};
use crate::expect::{Expectations, StatusList};
use crate::files::{self, read_file, write_private_atomically};
use crate::output::dump::{HeadCapture, HeadDump};
use crate::output::notice;
use crate::output::progress::{Bar, UploadBar};
use crate::output::sanitize::Controls;
use crate::output::trace::Tracer;
use crate::output::writeout::Template;
use crate::output::{self, Policy, PolicyInput, Terminal};
use crate::spec::netrc::Netrc;
use crate::spec::{Body, BodyInput, Input, Method, RequestSpec};
use crate::text::{display_url, io_words, Secrets};
use crate::transport::{Client, Settings, TraceEvent, TraceFn, Upload, UploadFn};

/// get and head: every URL in turn, over kept-alive connections.
pub fn run_many(method: Method, args: MultiUrl, terminal: &Terminal) -> Result<Exit> {
    let urls = habits::all_urls(&args.urls, &args.request);
    run(method, &urls, &args.request, &args.output, terminal)
}

/// post, put, patch and delete: one URL.
pub fn run_one(method: Method, args: SingleUrl, terminal: &Terminal) -> Result<Exit> {
    let urls = habits::all_urls(args.url.as_slice(), &args.request);
    if urls.len() != 1 {
        let command = method.as_str().to_ascii_lowercase();
        return Err(usage(format!(
            "{command} takes one URL, and {} were given (--url counts too)",
            urls.len()
        )));
    }
    run(method, &urls, &args.request, &args.output, terminal)
}

fn run(
    method: Method,
    urls: &[String],
    req: &RequestArgs,
    out: &OutputArgs,
    terminal: &Terminal,
) -> Result<Exit> {
    let method = habits::method(method, req)?;
    check_destinations(urls, out)?;
    let rules = Rules::parse(req, out)?;
    let secrets = secrets(out);
    let cookies = cookie_setup(req)?;
    let netrc = load_netrc(req, &|name| std::env::var_os(name))?;
    let given = Given {
        cookie: cookies.pairs.as_deref(),
        netrc: netrc.as_ref(),
    };
    let jobs = plan(&method, urls, req, out, &given, &secrets)?;
    let mut stdout = output::stdout();
    if req.offline {
        return offline(&jobs, cookies.jar.as_ref(), &mut stdout);
    }

    let policy = policy(terminal, &method, out);
    if req.shared.insecure {
        policy.notices.warn_insecure();
    }
    let tracer = out.debug.then(|| tracer(&secrets, &policy));
    let dump = open_dump(out, &policy)?;
    let heads = habits::wants_raw_heads(&method, &policy).then(|| Arc::new(HeadCapture::default()));
    let settings = Settings {
        secrets,
        timeline: out.timings,
        upload: upload_bar(req, &policy),
        ..settings(req, tracer.clone(), dump.clone(), heads.clone())?
    };
    let settings = super::net::apply(&req.net, &policy.notices, settings)?;
    let client = client(settings, cookies.jar);
    let shared = rules.into_shared(client, policy, tracer, heads);
    // An unusable proxy for any URL stops the run before the first request.
    for job in &jobs {
        shared.client.check(&job.spec)?;
    }
    let sent = send_all(&shared, &jobs, &mut stdout);
    let sent = match (sent, &dump) {
        (Ok(code), Some(dump)) => dump.check().map(|()| code),
        (sent, _) => sent,
    };
    save_jar_after(sent, req, &shared.client)
}

/// `-o`, `-O`, `-C` and `-J` combinations that name no file, or one that
/// cannot be known in time.
fn check_destinations(urls: &[String], out: &OutputArgs) -> Result<()> {
    if habits::output_file(out).is_some() && urls.len() > 1 {
        return Err(usage("-o names one file; with several URLs use -O"));
    }
    habits::check_remote_header_name(out)?;
    habits::check_output_dir(out)?;
    if out.resume && !habits::to_file(out) {
        return Err(usage("-C resumes a download to a file: add -o FILE or -O"));
    }
    if out.resume && out.remote_header_name {
        return Err(usage(
            "-C and -J cannot be combined: the file to resume is not known before the response names it",
        ));
    }
    Ok(())
}

/// What every transfer of the run follows, parsed from the options before
/// anything is read or sent.
struct Rules {
    write_out: Option<Template>,
    checks: Expectations,
    retry: Retry,
    ignore_status: bool,
    fail: bool,
    resume: bool,
    remote_header_name: bool,
}

impl Rules {
    fn parse(req: &RequestArgs, out: &OutputArgs) -> Result<Rules> {
        let write_out = write_out(out, req)?;
        let checks = Expectations::parse(
            req.expect.as_deref(),
            &req.expect_header,
            &req.expect_json,
            &req.pick,
        )
        .map_err(usage)?;
        let retry_on = req
            .retry_on
            .as_deref()
            .map(|text| StatusList::parse(text, "--retry-on"))
            .transpose()
            .map_err(usage)?;
        Ok(Rules {
            write_out,
            checks,
            retry: Retry {
                times: req.retry,
                delay: req.retry_delay,
                max_time: req.retry_max_time,
                on: retry_on,
                all_errors: req.retry_all_errors,
                keyed: req.idempotency_key.is_some(),
            },
            ignore_status: req.ignore_status,
            fail: out.fail,
            resume: out.resume,
            remote_header_name: out.remote_header_name,
        })
    }

    /// The rules with what the transfers share at run time.
    fn into_shared(
        self,
        client: Client,
        policy: Policy,
        tracer: Option<Tracer>,
        heads: Option<Arc<HeadCapture>>,
    ) -> Shared {
        Shared {
            client,
            policy,
            tracer,
            write_out: self.write_out,
            ignore_status: self.ignore_status,
            fail: self.fail,
            heads,
            resume: self.resume,
            remote_header_name: self.remote_header_name,
            retry: self.retry,
            checks: self.checks,
        }
    }
}

/// `--offline`: every request as it would go out, and nothing sent.
fn offline(jobs: &[Job], jar: Option<&Jar>, stdout: &mut impl Write) -> Result<Exit> {
    for job in jobs {
        write_offline(&job.spec, jar, stdout)?;
    }
    stdout.flush()?;
    Ok(Exit::Success)
}

/// `-D FILE`: opened before the first request.
fn open_dump(out: &OutputArgs, policy: &Policy) -> Result<Option<Arc<HeadDump>>> {
    Ok(out
        .dump_header
        .as_deref()
        .map(|path| HeadDump::open(path, policy.terminal))
        .transpose()?
        .map(Arc::new))
}

/// The run's one client: its settings, and the jar when cookies are on.
fn client(settings: Settings, jar: Option<Jar>) -> Client {
    let client = Client::new(settings);
    match jar {
        Some(jar) => client.with_cookies(jar),
        None => client,
    }
}

/// `-c FILE` is written whatever the transfers did: a login that worked
/// before a later URL failed keeps its session. The transfers' error wins;
/// a jar error then gets its own line.
fn save_jar_after(sent: Result<Exit>, req: &RequestArgs, client: &Client) -> Result<Exit> {
    let saved = match &req.cookie_jar {
        Some(path) => save_jar(client, path),
        None => Ok(()),
    };
    match (sent, saved) {
        (Ok(code), Ok(())) => Ok(code),
        (Ok(_), Err(e)) => Err(e),
        (Err(e), Ok(())) => Err(e),
        (Err(e), Err(jar)) => {
            notice::error(&jar);
            Err(e)
        }
    }
}

/// What every URL's request takes from files read once per run.
struct Given<'a> {
    /// `--cookie n=v` pairs.
    cookie: Option<&'a str>,
    netrc: Option<&'a Netrc>,
}

/// `-n`, `--netrc-file FILE`, `--netrc-optional`: the netrc, read once.
/// `-n` reads `$NETRC` when it is set, else `~/.netrc`, as curl does. A
/// missing file is a usage error unless optional; a malformed one names
/// FILE:LINE (and never a token of it).
fn load_netrc(
    req: &RequestArgs,
    env: &dyn Fn(&str) -> Option<std::ffi::OsString>,
) -> Result<Option<Netrc>> {
    if !(req.netrc || req.netrc_file.is_some() || req.netrc_optional) {
        return Ok(None);
    }
    let path = match (&req.netrc_file, env("NETRC").filter(|v| !v.is_empty())) {
        (Some(file), _) => file.clone(),
        (None, Some(file)) => file.into(),
        (None, None) => match env("HOME").filter(|v| !v.is_empty()) {
            Some(home) => std::path::PathBuf::from(home).join(".netrc"),
            None => {
                return Err(usage(
                    "-n: no home directory for ~/.netrc (set HOME or NETRC)",
                ))
            }
        },
    };
    let bytes = match std::fs::read(&path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound && req.netrc_optional => return Ok(None),
        Err(e) => {
            return Err(usage(format!(
                "-n: cannot read '{}': {}",
                path.display(),
                io_words(&e)
            )))
        }
        Ok(bytes) => bytes,
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| usage(format!("-n: '{}' is not UTF-8 text", path.display())))?;
    Netrc::parse(&text)
        .map(Some)
        .map_err(|e| usage(format!("-n: {}:{}: {}", path.display(), e.line, e.problem)))
}

/// What `--cookie` and `-c` ask for: the pairs every URL sends, and the
/// jar when the cookie engine is on.
struct CookieSetup {
    pairs: Option<String>,
    jar: Option<Jar>,
}

/// `--cookie n=v` (text with `=`) is sent as it is and does not turn the
/// engine on, as in curl; `--cookie FILE` loads a jar (or one `Cookie:`
/// line) and turns it on, and so does `--cookie ''` (no file) and `-c`. A
/// FILE that does not exist yet is an empty jar (curl's rule); one that
/// cannot be read or is not a jar is a usage error naming it (curl would
/// carry on with no cookies; a CI job should hear of it).
fn cookie_setup(req: &RequestArgs) -> Result<CookieSetup> {
    let mut pairs = Vec::new();
    let mut jar: Option<Jar> = None;
    for arg in &req.cookies {
        if arg.contains('=') {
            pairs.push(arg.trim().to_string());
            continue;
        }
        let jar = jar.get_or_insert_with(Jar::default);
        if arg.is_empty() || jar_not_there_yet(Path::new(arg)) {
            continue;
        }
        let text = read_file(Path::new(arg), "--cookie")?;
        let line = jar
            .read(&text)
            .map_err(|e| usage(format!("--cookie: {arg}:{}: {}", e.line, e.problem)))?;
        if let Some(CookieLine(line)) = line {
            pairs.push(line);
        }
    }
    if req.cookie_jar.is_some() {
        jar.get_or_insert_with(Jar::default);
    }
    let pairs = (!pairs.is_empty()).then(|| pairs.join("; "));
    Ok(CookieSetup { pairs, jar })
}

/// `--cookie FILE` where FILE does not exist: an empty jar, as in curl, so
/// `--cookie jar.txt -c jar.txt` works on the first run too.
fn jar_not_there_yet(path: &Path) -> bool {
    matches!(std::fs::symlink_metadata(path), Err(e) if e.kind() == io::ErrorKind::NotFound)
}

/// `-c FILE`: every cookie held, written whole or not at all, mode 0600
/// (cookies are credentials).
fn save_jar(client: &Client, path: &std::path::Path) -> Result<()> {
    let Some(jar) = client.cookies() else {
        return Ok(());
    };
    if path.as_os_str() == "-" {
        // `-c -`: the jar on stdout after the bodies, as curl does.
        let mut stdout = output::stdout();
        stdout.write_all(jar.to_netscape().as_bytes())?;
        stdout.flush()?;
        return Ok(());
    }
    write_private_atomically(path, jar.to_netscape().as_bytes()).map_err(|e| {
        ExitError::new(
            Exit::Failure,
            format!("-c: cannot write '{}': {}", path.display(), io_words(&e)),
        )
        .into()
    })
}

/// Every URL as a checked request with its destination, before the first
/// request goes out.
fn plan(
    method: &Method,
    urls: &[String],
    req: &RequestArgs,
    out: &OutputArgs,
    given: &Given,
    secrets: &Secrets,
) -> Result<Vec<Job>> {
    let mut jobs = Vec::with_capacity(urls.len());
    let referer = habits::Referer::parse(req.referer.as_deref());
    for url in urls {
        // `auto`: a key of its own for each request.
        let key = match req.idempotency_key.as_deref() {
            Some("auto") => Some(random_uuid()?),
            other => other.map(str::to_string),
        };
        let input = Input {
            idempotency_key: key.as_deref(),
            cookie: given.cookie,
            netrc: given.netrc,
            secrets: secrets.clone(),
            ..spec_input(method.clone(), url, req)
        };
        let mut spec = RequestSpec::build(&input)?;
        referer.apply(&mut spec);
        let destination = match (habits::output_file(out), habits::remote_names(out)) {
            (Some(path), _) => Destination::File(habits::place(out, path.to_path_buf())?),
            (None, true) => Destination::File(habits::place(out, remote_name(&spec, secrets)?)?),
            (None, false) => Destination::Stdout,
        };
        jobs.push(Job { spec, destination });
    }
    Ok(jobs)
}

/// A random (version 4) UUID, RFC 9562 §5.4: `--idempotency-key auto`.
fn random_uuid() -> Result<String> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).map_err(|e| {
        ExitError::new(
            Exit::Failure,
            format!("--idempotency-key auto: no random numbers from the system: {e}"),
        )
    })?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    ))
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
            if body_reads_stdin(req) {
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

/// Whether a body option reads stdin: `--json @-`, `-d @-` (and
/// `--data-binary @-`, `--data-urlencode name@-`), `-T -`.
fn body_reads_stdin(req: &RequestArgs) -> bool {
    let data = req
        .data_in_order
        .iter()
        .any(|part| part.file() == Some("-"));
    data || req.json.as_deref() == Some("@-") || req.upload_file.as_deref() == Some(Path::new("-"))
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
            to_file: habits::to_file(out),
            pretty: out.pretty.map(Into::into),
            timings: out.timings,
            fail: out.fail,
            show_error: out.show_error,
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
    } else if !req.data_in_order.is_empty() {
        BodyInput::Data(&req.data_in_order)
    } else if let Some(path) = &req.upload_file {
        BodyInput::Upload(path)
    } else {
        BodyInput::None
    };
    Input {
        query: &req.query,
        body,
        data_in_query: req.get,
        path_as_is: req.path_as_is,
        user_agent: req.user_agent.as_deref(),
        decompress: !req.no_decompress,
        ..super::shared_input(&req.shared, method, url)
    }
}

/// The transport's settings. Its wire events go to the trace (`-v`) and
/// the response heads also to `-D`.
fn settings(
    req: &RequestArgs,
    tracer: Option<Tracer>,
    dump: Option<Arc<HeadDump>>,
    heads: Option<Arc<HeadCapture>>,
) -> Result<Settings> {
    let wanted = tracer.is_some() || dump.is_some() || heads.is_some();
    let trace: Option<TraceFn> = wanted.then(|| {
        Arc::new(move |event: TraceEvent| {
            if let (Some(dump), TraceEvent::ResponseHead(head)) = (&dump, &event) {
                dump.head(head);
            }
            if let (Some(heads), TraceEvent::ResponseHead(head)) = (&heads, &event) {
                heads.head(head);
            }
            let Some(t) = &tracer else { return };
            match event {
                TraceEvent::Connected { addr, reused } => t.connected(&addr, reused),
                TraceEvent::RequestHead(head) => t.request_head(&head),
                TraceEvent::ResponseHead(head) => t.response_head(&head),
                TraceEvent::Trailers(fields) => t.trailers(&fields),
                TraceEvent::Note(text) => t.note(&text),
                TraceEvent::Tls(facts) => t.tls(&facts, dates::unix_now()),
            }
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
        http: super::http_version(&req.shared),
        max_filesize: req.max_filesize,
        limit_rate: req.limit_rate,
        auto_referer: super::habits::Referer::parse(req.referer.as_deref()).auto,
        ..Settings::new(tls)
    })
}

/// `-T`: the upload's progress bar, where the policy draws one.
fn upload_bar(req: &RequestArgs, policy: &Policy) -> Option<UploadFn> {
    if req.upload_file.is_none() || policy.upload_progress == Bar::Off {
        return None;
    }
    let bar = UploadBar::new(policy.upload_progress);
    Some(Arc::new(move |step: Upload| match step {
        Upload::Start(total) => bar.start(total),
        Upload::Sent(bytes) => bar.advance(bytes),
        Upload::End => bar.end(),
    }))
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
    if !names::is_safe_name(&name) {
        return Err(usage(format!(
            "-O: cannot name a file after '{}': the last path segment '{}' is empty, hidden or unsafe; use -o FILE",
            display_url(&spec.url, secrets),
            name.escape_default()
        )));
    }
    Ok(PathBuf::from(name))
}

/// `--offline`: the request as it would go out (with the jar's cookies for
/// its URL), then its body.
fn write_offline(spec: &RequestSpec, jar: Option<&Jar>, out: &mut impl Write) -> Result<()> {
    let mut headers = spec.headers.clone();
    if let Some(cookies) = jar.and_then(|j| j.header_for(&spec.url)) {
        cookies::join_cookie_header(&mut headers, &cookies);
    }
    let path = spec.raw_path.as_deref().unwrap_or(spec.url.path());
    let target = match spec.url.query() {
        Some(q) => format!("{path}?{q}"),
        None => path.to_string(),
    };
    writeln!(out, "{} {target} HTTP/1.1", spec.method)?;
    if let Some(host) = spec.default_host() {
        writeln!(out, "host: {host}")?;
    }
    for (name, value) in &headers {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_keys_are_version_4_uuids() {
        let a = random_uuid().unwrap();
        let b = random_uuid().unwrap();
        assert_ne!(a, b);
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('4'), "{a}");
        assert!(matches!(&parts[3][..1], "8" | "9" | "a" | "b"), "{a}");
        assert!(a
            .bytes()
            .all(|c| c == b'-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    }
}
