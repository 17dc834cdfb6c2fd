//! The command-line definition: clap types only, no I/O.
//!
//! Guideline (as in xh): `short` only with an explicit letter, uppercase
//! `value_name` for every option that takes a value, the first doc line is
//! the short help and the rest is the long help.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgMatches, Args, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::output::Choice;
use crate::spec::{DataKind, DataPart};

pub mod habits;

/// When to do something that suits a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum When {
    /// When the output is a terminal
    Auto,
    /// Always
    Always,
    /// Never
    Never,
}

impl From<When> for Choice {
    fn from(when: When) -> Choice {
        match when {
            When::Auto => Choice::Auto,
            When::Always => Choice::Always,
            When::Never => Choice::Never,
        }
    }
}

/// A curl-like HTTP client for shell one-liners and CI pipelines.
///
/// `httpc URL` is the same as `httpc get URL`. Exit codes: 0 success, 2 usage,
/// 3/4/5 for an HTTP 3xx/4xx/5xx response, curl's codes for transfer errors
/// (listed below).
#[derive(Debug, Parser)]
#[command(
    name = "httpc",
    version,
    max_term_width = 100,
    propagate_version = true,
    after_help = crate::exit::help_table()
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// Each command's options are defined when parsing reaches that command
// (or help, completions and man pages ask for them), not at every start:
// defining all eleven took most of a small GET's start-up. So the structs
// of options carry plain comments, not doc comments: clap would apply those
// when the command is defined, as its description, over the variant's.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Send GET requests; several URLs reuse keep-alive connections
    Get(MultiUrl),
    /// Send a POST request with a body
    Post(SingleUrl),
    /// Send a PUT request
    Put(SingleUrl),
    /// Send a PATCH request
    Patch(SingleUrl),
    /// Send a DELETE request
    Delete(SingleUrl),
    /// Send HEAD requests; prints the status line and headers
    Head(MultiUrl),
    /// Send OPTIONS requests (a CORS preflight: add -H Origin and
    /// -H Access-Control-Request-Method)
    Options(MultiUrl),
    /// Send requests with any method (QUERY, PROPFIND, PURGE, ...), as typed
    Request(AnyMethod),
    /// Check whether endpoints are up: status, latency, UP/DOWN
    Health(HealthArgs),
    /// Look up HTTP status codes: reason phrase, description, reference
    StatusCodes(StatusCodesArgs),
    /// Print a shell completion script to stdout
    Completions {
        /// The shell to generate the script for
        #[arg(value_enum, value_name = "SHELL")]
        shell: Shell,
    },
}

/// The names of the subcommands, for the `httpc URL` shorthand.
pub const SUBCOMMANDS: &[&str] = &[
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "options",
    "request",
    "health",
    "status-codes",
    "completions",
    "help",
];

/// Rewrites `httpc URL ...` (and `httpc -i URL ...`) into `httpc get URL ...`.
///
/// The first argument decides: a subcommand name, `-h`/`--help` or
/// `-V`/`--version` keeps the line as it is; anything else is a GET.
pub fn expand_shorthand(mut args: Vec<OsString>) -> Vec<OsString> {
    if is_shorthand(&args) {
        args.insert(1, OsString::from("get"));
    }
    args
}

/// The `Cli` of parsed argv, with the `-d`/`--data-*` values of a
/// request command in the order typed: clap keeps one list per option,
/// and curl joins them in argv order.
pub fn from_matches(matches: &ArgMatches) -> Result<Cli, clap::Error> {
    let in_order = matches
        .subcommand()
        .map(|(_, sub)| data_in_order(sub))
        .unwrap_or_default();
    let mut cli = Cli::from_arg_matches(matches)?;
    if let Some(request) = cli.command.request_args_mut() {
        request.data_in_order = in_order;
    }
    Ok(cli)
}

/// The values of every data option of a subcommand, sorted by their
/// place on the command line (nothing for commands without them).
fn data_in_order(matches: &ArgMatches) -> Vec<DataPart> {
    let options = [
        ("data", DataKind::Data),
        ("data_binary", DataKind::Binary),
        ("data_raw", DataKind::Raw),
        ("data_urlencode", DataKind::UrlEncode),
    ];
    let mut placed = Vec::new();
    for (id, kind) in options {
        let Ok(Some(values)) = matches.try_get_many::<String>(id) else {
            continue;
        };
        let Some(indices) = matches.indices_of(id) else {
            continue;
        };
        placed.extend(indices.zip(values).map(|(index, text)| {
            let part = DataPart {
                kind,
                text: text.clone(),
            };
            (index, part)
        }));
    }
    placed.sort_by_key(|(index, _)| *index);
    placed.into_iter().map(|(_, part)| part).collect()
}

impl Command {
    /// The request options of a request command.
    fn request_args_mut(&mut self) -> Option<&mut RequestArgs> {
        match self {
            Command::Get(a) | Command::Head(a) | Command::Options(a) => Some(&mut a.request),
            Command::Request(a) => Some(&mut a.target.request),
            Command::Post(a) | Command::Put(a) | Command::Patch(a) | Command::Delete(a) => {
                Some(&mut a.request)
            }
            Command::Health(_) | Command::StatusCodes(_) | Command::Completions { .. } => None,
        }
    }
}

/// The options of `get`, which every request command shares, defined on
/// their own: the full definition defers them until parsing reaches a
/// command (`habits` reads them before that).
pub fn request_definition() -> clap::Command {
    MultiUrl::augment_args(clap::Command::new("get"))
}

/// `httpc URL ...`: no command named (see `expand_shorthand`).
pub fn is_shorthand(args: &[OsString]) -> bool {
    let Some(first) = args.get(1).and_then(|a| a.to_str()) else {
        return false;
    };
    !(SUBCOMMANDS.contains(&first) || matches!(first, "-h" | "--help" | "-V" | "--version"))
}

// A request command that takes one or more URLs.
#[derive(Debug, Args)]
pub struct MultiUrl {
    /// The URLs to request, in order (`:8080/x` is http://localhost:8080/x)
    #[arg(value_name = "URL", required_unless_present = "url_args")]
    pub urls: Vec<String>,
    #[command(flatten)]
    pub request: RequestArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

// `httpc request METHOD URL...`.
#[derive(Debug, Args)]
pub struct AnyMethod {
    /// The method, sent exactly as typed: any RFC 9110 token
    #[arg(value_name = "METHOD")]
    pub method: String,
    #[command(flatten)]
    pub target: MultiUrl,
}

// A request command that takes exactly one URL.
#[derive(Debug, Args)]
pub struct SingleUrl {
    /// The URL to request (`:8080/x` is http://localhost:8080/x)
    #[arg(value_name = "URL", required_unless_present = "url_args")]
    pub url: Option<String>,
    #[command(flatten)]
    pub request: RequestArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// The options whose values `parse` joins into one body, in argv order:
/// they mix with each other, not with the other body options.
const DATA_OPTIONS: [&str; 4] = ["data", "data_binary", "data_raw", "data_urlencode"];

// Options that shape the request and the transfer.
#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "Request options")]
pub struct RequestArgs {
    #[command(flatten)]
    pub shared: SharedArgs,

    /// Append a percent-encoded query parameter, name=value (repeatable)
    #[arg(short = 'q', long = "query", value_name = "NAME=VALUE")]
    pub query: Vec<String>,

    /// JSON body: text, @FILE or @- (stdin); validated before sending
    ///
    /// Sets Content-Type and Accept to application/json unless given with -H.
    #[arg(
        long,
        value_name = "JSON",
        group = "request_body",
        conflicts_with_all = DATA_OPTIONS
    )]
    pub json: Option<String>,

    /// Form field for an x-www-form-urlencoded body, name=value or name=@FILE
    #[arg(
        long,
        value_name = "NAME=VALUE",
        group = "request_body",
        conflicts_with_all = DATA_OPTIONS
    )]
    pub form: Vec<String>,

    /// Multipart part: name=value or name=@FILE[;type=MIME] (repeatable)
    #[arg(
        short = 'F',
        long = "multipart",
        value_name = "NAME=VALUE",
        group = "request_body",
        conflicts_with_all = DATA_OPTIONS
    )]
    pub multipart: Vec<String>,

    /// Raw body, byte-exact: text, @FILE or @- (stdin), streamed
    ///
    /// Content-Type comes from -H, else application/octet-stream. Repeated
    /// or mixed with --data-*, the parts are joined with & as
    /// application/x-www-form-urlencoded, as curl does.
    #[arg(short = 'd', long, value_name = "DATA", allow_hyphen_values = true)]
    pub data: Vec<String>,

    /// User-Agent header (default: httpc/VERSION)
    #[arg(short = 'A', long, value_name = "UA")]
    pub user_agent: Option<String>,

    /// How many redirects -L may follow; one more is exit 47
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub max_redirs: u32,

    /// Give up connecting after SECS (0: no limit)
    #[arg(long, value_name = "SECS", default_value = "10", value_parser = parse_secs)]
    pub connect_timeout: Duration,

    /// Give up when no byte arrives for SECS (0: no limit)
    #[arg(long, value_name = "SECS", default_value = "30", value_parser = parse_secs)]
    pub timeout: Duration,

    /// Give up when one attempt takes longer than SECS in all (0: no limit)
    #[arg(short = 'm', long, value_name = "SECS", value_parser = parse_secs)]
    pub max_time: Option<Duration>,

    /// Retry transient failures N times
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub retry: u32,

    /// First retry backoff, doubled each attempt (capped at 30s)
    #[arg(long, value_name = "SECS", default_value = "1", value_parser = parse_secs)]
    pub retry_delay: Duration,

    /// Start no new attempt after SECS
    #[arg(long, value_name = "SECS", value_parser = parse_secs)]
    pub retry_max_time: Option<Duration>,

    /// Also retry these statuses: 404,409 or 4xx
    #[arg(long, value_name = "STATUSES")]
    pub retry_on: Option<String>,

    /// Retry every transfer error and failed expectation, whatever the method
    ///
    /// Without it (or --idempotency-key) a POST, PATCH or other method that
    /// is not idempotent is retried only when it cannot have reached the
    /// server, or on 429 and on 503 with Retry-After.
    #[arg(long)]
    pub retry_all_errors: bool,

    /// Send Idempotency-Key: KEY on every attempt (auto: a random UUID)
    ///
    /// Lets --retry try a POST or PATCH again.
    #[arg(long, value_name = "auto|KEY")]
    pub idempotency_key: Option<String>,

    /// Exit 0 for any complete HTTP response
    #[arg(long)]
    pub ignore_status: bool,

    /// The status must be one of STATUSES (201, 2xx, 200,204); else exit 22
    ///
    /// Replaces the 3xx/4xx/5xx exit codes for this request.
    #[arg(long, value_name = "STATUSES", conflicts_with = "ignore_status")]
    pub expect: Option<String>,

    /// A response header must equal VALUE ('Name:' alone: be present); else exit 22
    ///
    /// Names without regard to case, values exact after trimming spaces;
    /// a repeated header passes when any one of its values is equal.
    /// Repeatable.
    #[arg(long, value_name = "NAME: VALUE")]
    pub expect_header: Vec<String>,

    /// The JSON body must have a value at POINTER, equal to JSON if given; else exit 22
    ///
    /// POINTER is an RFC 6901 JSON Pointer (/items/0/id); JSON is compared
    /// as a value, so strings need quotes: /state="ready", /count=3.
    /// Repeatable.
    #[arg(long, value_name = "POINTER[=JSON]")]
    pub expect_json: Vec<String>,

    /// Print the JSON value at POINTER instead of the body (repeatable)
    ///
    /// Strings raw, other values as compact JSON, one line each. A missing
    /// value or a body that is not JSON is exit 22.
    #[arg(long, value_name = "POINTER")]
    pub pick: Vec<String>,

    /// Client certificate (PEM); goes with --key
    #[arg(long, value_name = "FILE", requires = "key")]
    pub cert: Option<PathBuf>,

    /// Private key of the client certificate (PEM)
    #[arg(long, value_name = "FILE", requires = "cert")]
    pub key: Option<PathBuf>,

    /// Send requests through this proxy
    #[arg(short = 'x', long, value_name = "URL")]
    pub proxy: Option<String>,

    /// Hosts that bypass the proxy, comma-separated
    #[arg(long, value_name = "HOSTS")]
    pub noproxy: Option<String>,

    /// Do not ask for or decode gzip/br; the body bytes as sent
    #[arg(long)]
    pub no_decompress: bool,

    /// Print the request that would be sent; send nothing
    #[arg(long)]
    pub offline: bool,

    /// Send this method instead of the command's (any RFC 9110 token)
    #[arg(short = 'X', long = "request", value_name = "METHOD")]
    pub method_override: Option<String>,

    /// Send cookies, 'n=v; n2=v2', or load a cookie jar FILE (repeatable)
    ///
    /// Text with '=' is sent as it is with every URL. Anything else is a
    /// file: a Netscape/curl cookie jar, or one 'Cookie:' line, and it turns
    /// the cookie engine on ('' turns it on with no cookies). A file that
    /// does not exist yet is an empty jar, as in curl, so --cookie jar.txt
    /// -c jar.txt works on the first run. No short form: -b is --body here,
    /// as in xh.
    #[arg(long = "cookie", value_name = "DATA|FILE")]
    pub cookies: Vec<String>,

    /// Turn the cookie engine on and write every cookie held to FILE at the end
    ///
    /// Netscape format, as curl writes it; atomically, mode 0600.
    #[arg(short = 'c', long = "cookie-jar", value_name = "FILE")]
    pub cookie_jar: Option<PathBuf>,

    /// Take credentials for the URL's host from ~/.netrc ($NETRC if set)
    ///
    /// Credentials in the URL or from -u win. They are sent to that host
    /// only: a redirect to another scheme, host or port drops them.
    #[arg(short = 'n', long)]
    pub netrc: bool,

    /// Like -n, from FILE
    #[arg(long, value_name = "FILE")]
    pub netrc_file: Option<PathBuf>,

    /// Like -n (or --netrc-file), and a missing file is no error
    #[arg(long)]
    pub netrc_optional: bool,

    // curl's habits: data (--data-*, -G, -T, --max-filesize, --limit-rate,
    // --path-as-is)
    /// The same as -d (curl's name for it)
    #[arg(long, value_name = "DATA", allow_hyphen_values = true)]
    pub data_binary: Vec<String>,

    /// Like -d, but a leading @ is literal
    #[arg(long, value_name = "DATA", allow_hyphen_values = true)]
    pub data_raw: Vec<String>,

    /// A percent-encoded form part: content, =content, name=content, @FILE or name@FILE
    ///
    /// As curl encodes it (a space is +); the parts of every -d/--data-*
    /// are joined with & in the order given, as
    /// application/x-www-form-urlencoded unless -H Content-Type says
    /// otherwise.
    #[arg(long, value_name = "DATA", allow_hyphen_values = true)]
    pub data_urlencode: Vec<String>,

    /// Put the -d/--data-* data in the URL's query and send GET
    #[arg(short = 'G', long = "get")]
    pub get: bool,

    /// PUT FILE (- for stdin), streamed; a URL ending in / gets FILE's name
    #[arg(
        short = 'T',
        long = "upload-file",
        value_name = "FILE",
        group = "request_body",
        conflicts_with_all = DATA_OPTIONS
    )]
    pub upload_file: Option<PathBuf>,

    /// A body larger than BYTES is exit 63 (K, M, G suffixes: powers of 1024)
    #[arg(long, value_name = "BYTES", value_parser = parse_bytes)]
    pub max_filesize: Option<u64>,

    /// Read the body no faster than RATE bytes per second (K, M, G suffixes)
    #[arg(long, value_name = "RATE", value_parser = parse_rate)]
    pub limit_rate: Option<u64>,

    /// Send the path as typed, without removing . and .. segments
    #[arg(long)]
    pub path_as_is: bool,

    /// Every -d/--data-* value, in the order given (filled by `parse`).
    #[arg(skip)]
    pub data_in_order: Vec<DataPart>,

    // curl's habits: request (issue 24). Options as curl users type them.
    /// Send HEAD and print the status line and headers, as `httpc head`
    ///
    /// The head goes where a body would go: stdout, or the file of -o.
    #[arg(short = 'I', long = "head")]
    pub head: bool,

    /// A URL, as if given as an argument (repeatable)
    #[arg(long = "url", value_name = "URL")]
    pub url_args: Vec<String>,

    /// Send Referer: URL; 'URL;auto' (or ';auto') also sets it on each redirect
    ///
    /// With ';auto' each hop that -L follows sends the URL it was
    /// redirected from.
    #[arg(short = 'e', long, value_name = "URL")]
    pub referer: Option<String>,

    /// Accepted for curl: compressed bodies are asked for and decoded already
    #[arg(long)]
    pub compressed: bool,

    /// Accepted for curl: --retry already retries a refused connection
    #[arg(long)]
    pub retry_connrefused: bool,

    // curl's habits: network (--proto, TLS versions, -U, SOCKS)
    #[command(flatten)]
    pub net: NetArgs,
}

// curl's habits: network (schemes, TLS versions, paths, proxies).
// curl's options for what a connection may use, as typed.
#[derive(Debug, Args, Clone, Default)]
pub struct NetArgs {
    /// Schemes the URL may use, in curl's syntax: =https, -all,+https
    ///
    /// Read left to right: a name (http, https or all) after '+' or no
    /// modifier is allowed, after '-' denied, after '=' allowed alone. A URL
    /// outside the list is exit 1 and nothing is sent. Also applies to
    /// redirect hops.
    #[arg(long, value_name = "LIST", allow_hyphen_values = true)]
    pub proto: Vec<String>,

    /// Schemes a redirect may go to (-L), in --proto's syntax
    #[arg(long, value_name = "LIST", allow_hyphen_values = true)]
    pub proto_redir: Vec<String>,

    /// Accept TLS 1.2 or later (1.0 and 1.1: the same; rustls has nothing older)
    #[arg(short = '1', long = "tlsv1", overrides_with_all = TLS_MIN_FLAGS)]
    pub tlsv1: bool,

    /// Accept TLS 1.2 or later (rustls has nothing older)
    #[arg(long = "tlsv1.0", overrides_with_all = TLS_MIN_FLAGS)]
    pub tlsv1_0: bool,

    /// Accept TLS 1.2 or later (rustls has nothing older)
    #[arg(long = "tlsv1.1", overrides_with_all = TLS_MIN_FLAGS)]
    pub tlsv1_1: bool,

    /// Accept TLS 1.2 or later
    #[arg(long = "tlsv1.2", overrides_with_all = TLS_MIN_FLAGS)]
    pub tlsv1_2: bool,

    /// Accept TLS 1.3 only
    #[arg(long = "tlsv1.3", overrides_with_all = TLS_MIN_FLAGS)]
    pub tlsv1_3: bool,

    /// The highest TLS version to offer: 1.2 or 1.3 (default: 1.3)
    #[arg(long, value_name = "VERSION")]
    pub tls_max: Option<String>,

    /// Credentials for the proxy, USER:PASS (Proxy-Authorization: Basic)
    #[arg(short = 'U', long, value_name = "USER:PASS")]
    pub proxy_user: Option<String>,

    /// Use this SOCKS5 proxy (the client resolves names), HOST:PORT
    #[arg(long, value_name = "HOST:PORT", conflicts_with = "socks5_hostname")]
    pub socks5: Option<String>,

    /// Use this SOCKS5 proxy and let it resolve names, HOST:PORT
    #[arg(long, value_name = "HOST:PORT")]
    pub socks5_hostname: Option<String>,
}

/// The flags that set the lowest TLS version: the last one given wins.
const TLS_MIN_FLAGS: [&str; 5] = ["tlsv1", "tlsv1_0", "tlsv1_1", "tlsv1_2", "tlsv1_3"];

// Options that request commands and `health` share: what is sent to the
// server and how it is trusted.
#[derive(Debug, Args, Clone)]
pub struct SharedArgs {
    /// Add a header, 'Name: value' (repeatable)
    ///
    /// 'Name:' removes a default header. '@FILE' reads one header per line,
    /// which keeps secrets out of `ps`.
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    pub headers: Vec<String>,

    /// Basic authentication, USER[:PASS] or @FILE (keeps the password out of `ps`)
    #[arg(short = 'u', long, value_name = "USER[:PASS]")]
    pub user: Option<String>,

    /// Bearer token for the Authorization header: TOKEN or @FILE
    #[arg(long, value_name = "TOKEN", visible_alias = "oauth2-bearer")]
    pub bearer: Option<String>,

    /// Follow redirects
    #[arg(short = 'L', long)]
    pub location: bool,

    /// Skip TLS certificate verification
    #[arg(short = 'k', long)]
    pub insecure: bool,

    /// Trust the certificates in this PEM bundle too
    #[arg(long, value_name = "FILE")]
    pub cacert: Option<PathBuf>,
    /// Connect to ADDR for HOST:PORT (HOST:PORT:ADDR[,ADDR...]; repeatable)
    ///
    /// The Host header, SNI and the certificate check stay HOST's.
    #[arg(long, value_name = "HOST:PORT:ADDR")]
    pub resolve: Vec<String>,

    /// Connect to HOST2:PORT2 for HOST1:PORT1 (an empty part matches any)
    #[arg(long, value_name = "HOST1:PORT1:HOST2:PORT2")]
    pub connect_to: Vec<String>,

    /// Connect to this Unix domain socket instead of TCP (http and https)
    #[arg(long, value_name = "PATH")]
    pub unix_socket: Option<PathBuf>,

    /// Use IPv4 addresses only
    #[arg(short = '4', long, conflicts_with = "ipv6")]
    pub ipv4: bool,

    /// Use IPv6 addresses only
    #[arg(short = '6', long)]
    pub ipv6: bool,

    /// Speak HTTP/1.1 only (ALPN offers only http/1.1)
    #[arg(long = "http1.1", conflicts_with_all = ["http2", "http2_prior_knowledge"])]
    pub http1_1: bool,

    /// HTTP/2 by ALPN on https (the default); http:// stays HTTP/1.1
    #[arg(long, conflicts_with = "http2_prior_knowledge")]
    pub http2: bool,

    /// HTTP/2 without negotiation: h2c on http://, ALPN h2 only on https://
    #[arg(long)]
    pub http2_prior_knowledge: bool,
}

// Options that shape what is printed.
#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "Output options")]
pub struct OutputArgs {
    /// Print the status line and headers before the body, also when piped
    ///
    /// Piped, every head is printed as received (CRLF, names in their
    /// case), as -D writes it; on a terminal it is formatted.
    #[arg(short = 'i', long, conflicts_with = "body")]
    pub include: bool,

    /// Print the body only, also on a terminal
    #[arg(short = 'b', long)]
    pub body: bool,

    /// Format JSON bodies
    #[arg(long, value_enum, value_name = "WHEN")]
    pub pretty: Option<When>,

    /// Colour the output
    #[arg(long, value_enum, value_name = "WHEN")]
    pub color: Option<When>,

    /// Write the body to FILE (atomically: a failed transfer leaves no FILE)
    #[arg(short = 'o', long, value_name = "FILE", conflicts_with = "remote_name")]
    pub output: Option<PathBuf>,

    /// Like -o, named after the last path segment of the URL
    #[arg(short = 'O', long)]
    pub remote_name: bool,

    /// Write the status line and headers of every response to FILE (- for stdout)
    ///
    /// Each redirect hop and retry attempt, as received (CRLF line ends),
    /// each head followed by its blank line.
    #[arg(short = 'D', long = "dump-header", value_name = "FILE")]
    pub dump_header: Option<PathBuf>,

    /// With -O: name the file as the server's Content-Disposition says
    ///
    /// filename* (RFC 8187) first, then filename; checked like -O's names.
    /// An existing file of that name is not overwritten (exit 1); without a
    /// usable name the URL's is used.
    // Checked in commands/habits.rs: -O or --remote-name-all.
    #[arg(short = 'J', long)]
    pub remote_header_name: bool,

    /// Resume a partial download of -o/-O with a Range request
    #[arg(short = 'C', long = "continue")]
    pub resume: bool,

    /// No progress bar and no notices; errors still go to stderr
    #[arg(short = 's', long)]
    pub silent: bool,

    /// Always draw the progress bar on stderr (also -#, as in curl)
    // `-#` is read before clap (cli::habits::rewrite_progress_bar): as a
    // clap short it would start a comment in the fish completions.
    #[arg(long, visible_alias = "progress-bar", overrides_with = "no_progress")]
    pub progress: bool,

    /// Never draw the progress bar
    #[arg(long, visible_alias = "no-progress-meter", overrides_with = "progress")]
    pub no_progress: bool,

    /// After the body (or a transfer error), print FORMAT with %{variables} to stdout
    ///
    /// FORMAT may be @FILE or @- (stdin). %{json} prints every variable as
    /// one JSON object; %{onerror} prints the rest only when the transfer
    /// failed.
    #[arg(short = 'w', long, value_name = "FORMAT")]
    pub write_out: Option<String>,

    /// After each URL, draw the phases of the transfer on stderr (also with -s)
    ///
    /// One group per redirect hop and retry attempt: DNS, connect, TLS,
    /// waiting for the first byte and receiving the body, each a bar to
    /// scale with its milliseconds, then the total. Coloured on a terminal,
    /// plain text otherwise; after a transfer error, the phases it reached.
    #[arg(long)]
    pub timings: bool,

    /// Trace the exchange on stderr (secrets redacted)
    #[arg(short = 'v', long)]
    pub debug: bool,

    /// Do not redact secrets in the trace, error lines and -w URLs
    #[arg(long)]
    pub show_secrets: bool,

    /// Redact this header or query parameter too (repeatable)
    ///
    /// Without it, the values of Authorization, Proxy-Authorization, Cookie
    /// and Set-Cookie and of query parameters such as access_token, token,
    /// key, sig and X-Amz-Signature are shown as *** (names matched without
    /// regard to case).
    #[arg(long, value_name = "NAME")]
    pub redact: Vec<String>,

    // curl's habits: output (issue 24).
    /// Keep the body of an HTTP error off stdout (its first 4 KiB go to stderr)
    ///
    /// The exit code stays 3, 4 or 5, so `httpc -fsSL URL | sh` never runs
    /// an error page.
    #[arg(short = 'f', long, conflicts_with = "fail_with_body")]
    pub fail: bool,

    /// Accepted for curl: the body of an HTTP error is printed already
    #[arg(long)]
    pub fail_with_body: bool,

    /// With -s, still warn about an HTTP error status (errors always show)
    #[arg(short = 'S', long)]
    pub show_error: bool,

    /// Like -O for every URL
    #[arg(long, conflicts_with = "output")]
    pub remote_name_all: bool,

    /// Create the missing directories of the -o file (and --output-dir)
    #[arg(long)]
    pub create_dirs: bool,

    /// Put the files of -o, -O and -J in DIR
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
}

/// Shells for `httpc completions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// Bash
    Bash,
    /// Zsh
    Zsh,
    /// Fish
    Fish,
    /// PowerShell
    Powershell,
    /// Elvish
    Elvish,
}

// Options of `httpc health`.
#[derive(Debug, Args)]
pub struct HealthArgs {
    /// The endpoints to check
    #[arg(value_name = "URL")]
    pub urls: Vec<String>,

    /// Read more URLs from FILE (- for stdin), one per line; # comments
    #[arg(long, value_name = "FILE")]
    pub file: Option<String>,

    /// Statuses that count as UP: 200, 2xx or a list such as 200,204
    #[arg(long, value_name = "STATUSES", default_value = "2xx")]
    pub expect: String,

    /// The body must contain TEXT
    #[arg(long, value_name = "TEXT")]
    pub contains: Option<String>,

    /// The JSON body must have a value at POINTER, equal to JSON if given
    ///
    /// As for the request commands: /ready=true, /state="ok". Repeatable.
    #[arg(long, value_name = "POINTER[=JSON]")]
    pub expect_json: Vec<String>,

    /// Slower than MS milliseconds is DOWN
    #[arg(long, value_name = "MS")]
    pub max_latency: Option<f64>,

    /// An https target whose certificate expires in fewer than N days is DOWN
    #[arg(long, value_name = "N")]
    pub cert_days: Option<u32>,

    /// Give up on a check after SECS (0: no limit)
    #[arg(long, value_name = "SECS", default_value = "5", value_parser = parse_secs)]
    pub timeout: Duration,

    /// The method of the check
    #[arg(long, value_enum, value_name = "METHOD", default_value = "GET")]
    pub method: HealthMethod,

    #[command(flatten)]
    pub shared: SharedArgs,

    /// Print JSON (NDJSON per round with --watch)
    #[arg(long)]
    pub json: bool,

    /// Check again every --interval until interrupted or --count rounds
    #[arg(long, conflicts_with = "wait")]
    pub watch: bool,

    /// Poll until every target is UP (exit 0) or --wait-timeout passes (exit 1)
    #[arg(long)]
    pub wait: bool,

    /// Seconds between rounds, at least 0.1 (default: 5 with --watch, 1 with --wait)
    #[arg(long, value_name = "SECS", value_parser = parse_interval)]
    pub interval: Option<Duration>,

    /// Stop --watch after N rounds
    #[arg(long, value_name = "N", requires = "watch")]
    pub count: Option<u64>,

    /// Give up --wait after SECS
    #[arg(long, value_name = "SECS", default_value = "60", value_parser = parse_secs, requires = "wait")]
    pub wait_timeout: Duration,

    /// No progress lines while waiting
    #[arg(short = 's', long)]
    pub silent: bool,

    /// Colour the table
    #[arg(long, value_enum, value_name = "WHEN")]
    pub color: Option<When>,

    /// With --wait: the command to run once every target is UP
    #[arg(last = true, value_name = "CMD", requires = "wait")]
    pub command: Vec<OsString>,
}

/// Methods `health` may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HealthMethod {
    /// GET (reads the body, needed for --contains)
    #[value(name = "GET", alias = "get")]
    Get,
    /// HEAD
    #[value(name = "HEAD", alias = "head")]
    Head,
}

// Options of `httpc status-codes`.
#[derive(Debug, Args)]
pub struct StatusCodesArgs {
    /// A code (404), a class (4xx) or words of a reason phrase (not found)
    #[arg(value_name = "QUERY", num_args = 0..)]
    pub query: Vec<String>,

    /// Print a JSON array
    #[arg(long)]
    pub json: bool,

    /// Colour the list
    #[arg(long, value_enum, value_name = "WHEN")]
    pub color: Option<When>,
}

/// Parses seconds with an optional fraction: `10`, `0.5`.
pub fn parse_secs(s: &str) -> Result<Duration, String> {
    let secs: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a number of seconds"))?;
    if !secs.is_finite() || secs < 0.0 {
        return Err(format!("'{s}' is not a number of seconds"));
    }
    Duration::try_from_secs_f64(secs).map_err(|_| format!("'{s}' seconds is too long"))
}

/// Parses a size in bytes with curl's suffixes: `K`, `M`, `G` (powers of
/// 1024, either case): `--max-filesize 10M`.
pub fn parse_bytes(s: &str) -> Result<u64, String> {
    let text = s.trim();
    let (digits, unit) = match text.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => (&text[..i], Some(c.to_ascii_uppercase())),
        _ => (text, None),
    };
    let shift = match unit {
        None => 0,
        Some('K') => 10,
        Some('M') => 20,
        Some('G') => 30,
        Some(_) => return Err(format!("'{s}' is not a size: use a number with K, M or G")),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("'{s}' is not a size: use a number with K, M or G"))?;
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("'{s}' is too large"))
}

/// `--limit-rate`: a size per second, more than zero.
pub fn parse_rate(s: &str) -> Result<u64, String> {
    match parse_bytes(s)? {
        0 => Err("a rate of 0 would never finish".to_string()),
        n => Ok(n),
    }
}

/// The shortest `health --interval`: shorter would hammer the targets
/// (`--interval 0` is thousands of requests a second).
pub const MIN_INTERVAL: Duration = Duration::from_millis(100);

/// Parses `health --interval`: seconds, at least `MIN_INTERVAL`.
pub fn parse_interval(s: &str) -> Result<Duration, String> {
    let interval = parse_secs(s)?;
    if interval < MIN_INTERVAL {
        return Err("must be at least 0.1 seconds".to_string());
    }
    Ok(interval)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    fn expand(args: &[&str]) -> Vec<String> {
        let args = args.iter().map(OsString::from).collect();
        expand_shorthand(args)
            .into_iter()
            .map(|a| a.into_string().unwrap())
            .collect()
    }

    #[test]
    fn bare_url_is_get() {
        assert_eq!(expand(&["httpc", ":8080/x"]), ["httpc", "get", ":8080/x"]);
        assert_eq!(expand(&["httpc", "-i", "x"]), ["httpc", "get", "-i", "x"]);
        assert_eq!(expand(&["httpc", "post", "x"]), ["httpc", "post", "x"]);
        assert_eq!(expand(&["httpc", "--help"]), ["httpc", "--help"]);
        assert_eq!(expand(&["httpc"]), ["httpc"]);
    }

    #[test]
    fn sizes_take_powers_of_1024() {
        assert_eq!(parse_bytes("100"), Ok(100));
        assert_eq!(parse_bytes("2K"), Ok(2048));
        assert_eq!(parse_bytes("2k"), Ok(2048));
        assert_eq!(parse_bytes("1M"), Ok(1 << 20));
        assert_eq!(parse_bytes("3G"), Ok(3 << 30));
        for bad in ["", "K", "1.5M", "-1", "1T", "12KB"] {
            assert!(parse_bytes(bad).is_err(), "{bad}");
        }
        assert!(parse_bytes("99999999999999999999G").is_err());
        assert!(parse_rate("0").is_err());
        assert_eq!(parse_rate("1K"), Ok(1024));
    }

    fn parsed_data(args: &[&str]) -> Vec<(DataKind, String)> {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        let matches = Cli::command()
            .try_get_matches_from(expand_shorthand(args))
            .unwrap();
        let cli = from_matches(&matches).unwrap();
        let Command::Get(get) = cli.command else {
            panic!("not get")
        };
        get.request
            .data_in_order
            .into_iter()
            .map(|p| (p.kind, p.text))
            .collect()
    }

    #[test]
    fn data_options_keep_the_order_typed() {
        let parts = parsed_data(&[
            "httpc",
            "h",
            "--data-urlencode",
            "a b",
            "-d",
            "x=1",
            "--data-raw",
            "@r",
            "-d",
            "y=2",
            "--data-binary",
            "@f",
        ]);
        assert_eq!(
            parts,
            [
                (DataKind::UrlEncode, "a b".to_string()),
                (DataKind::Data, "x=1".to_string()),
                (DataKind::Raw, "@r".to_string()),
                (DataKind::Data, "y=2".to_string()),
                (DataKind::Binary, "@f".to_string()),
            ]
        );
        assert!(parsed_data(&["httpc", "h"]).is_empty());
    }

    #[test]
    fn seconds_accept_fractions() {
        assert_eq!(parse_secs("0.5"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_secs("10"), Ok(Duration::from_secs(10)));
        assert!(parse_secs("-1").is_err());
        assert!(parse_secs("abc").is_err());
        assert!(parse_secs("inf").is_err());
    }

    #[test]
    fn zero_seconds_parse_as_zero() {
        // Zero means no limit; the transport reads it so.
        assert_eq!(parse_secs("0"), Ok(Duration::ZERO));
        assert_eq!(parse_secs("0.0"), Ok(Duration::ZERO));
    }

    #[test]
    fn intervals_start_at_a_tenth_of_a_second() {
        assert_eq!(parse_interval("0.1"), Ok(MIN_INTERVAL));
        assert_eq!(parse_interval("2"), Ok(Duration::from_secs(2)));
        for short in ["0", "0.0", "0.05", "0.0999"] {
            let err = parse_interval(short).unwrap_err();
            assert!(err.contains("0.1 seconds"), "{short}: {err}");
        }
        assert!(parse_interval("soon").is_err());
    }
}
