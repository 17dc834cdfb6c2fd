//! The integration tests: httpc run as a black box against local servers.
//! One test binary (`autotests = false` in Cargo.toml), so the support code
//! is compiled and linked once; `cargo test --test integration AREA` runs
//! one area.

/// Running httpc, asserting on its outcome, and the test servers.
mod support;

mod cases {
    /// The cookie engine: --cookie, -c, jars in curl's format.
    mod cookies;
    /// curl's data habits: --data-*, -G, -T, --max-filesize,
    /// --limit-rate, --path-as-is.
    mod curl_data;
    /// curl's habits as typed: -f, -S, -I, -o -, --url, -e, the -b and -q
    /// guards, `httpc URL` with a body.
    mod curl_habits;
    /// curl's network options: --proto, --proto-redir, TLS versions,
    /// --path-as-is, -U, SOCKS proxies.
    mod curl_net;
    /// -D/--dump-header: response heads as received.
    mod dump_header;
    /// Exit codes of statuses and transfer failures; error lines.
    mod errors;
    /// --expect, --expect-header, --expect-json, --pick (exit 22), and
    /// health --expect-json.
    mod expect;
    /// What -o leaves on disk: -C ranges, modes, owners, links, long names.
    mod files;
    /// The test server's own guarantees (what it records, how it fails).
    mod fixture;
    /// `httpc health`: checks, table and JSON output, --watch, --wait.
    mod health;
    /// HTTP/2: ALPN, --http1.1, h2c, bodies, one connection, 92 and 16.
    mod http2;
    /// HTTP/2 servers that misbehave: GOAWAY and the resend rule,
    /// floods, endless frames, windows never reopened.
    mod http2_hostile;
    /// HTTP/2 through proxies: SOCKS, and the CONNECT tunnel of an
    /// https:// proxy (TLS inside TLS).
    mod http2_proxy;
    /// Bodies of 4 MiB and more, read past ureq (and spliced to files).
    mod large_bodies;
    /// Any method: options, request METHOD, -X.
    mod methods;
    /// -n/--netrc, --netrc-file, --netrc-optional.
    mod netrc;
    /// What httpc prints and writes: modes, -o/-O/-C, colour, terminals.
    mod output;
    /// The progress bar on stderr.
    mod progress;
    /// Proxies: -x, --noproxy and the *_proxy environment variables.
    mod proxy;
    /// --resolve, --connect-to, -4/-6, --unix-socket.
    mod reach;
    /// Secret query values hidden in the trace, errors, -w and health.
    mod redaction;
    /// Redirects with -L: method and body rules, credentials, --max-redirs.
    mod redirects;
    /// -J with -O: names from Content-Disposition.
    mod remote_header_name;
    /// What goes on the wire: methods, URLs, headers, bodies, auth.
    mod request;
    /// --retry: what is retried, how often, how long httpc waits.
    mod retry;
    /// Which requests --retry may send again (methods, --idempotency-key,
    /// --retry-on, --retry-all-errors) and polling with --expect*.
    mod retry_rules;
    /// The code's own rules: no function in src/ over 80 lines.
    mod source_shape;
    /// `httpc status-codes`.
    mod status_codes;
    /// --connect-timeout, --timeout and --max-time.
    mod timeouts;
    /// --timings: the phases of each hop and attempt drawn on stderr.
    mod timings;
    /// TLS trust, certificate failures and client certificates.
    mod tls;
    /// The TLS facts: trace lines, health --json tls, --cert-days.
    mod tls_facts;
    /// The --debug trace.
    mod trace;
    /// Wire details: stale pooled connections, codings, chunk lines, CIDR NO_PROXY.
    mod wire;
    /// -w/--write-out.
    mod writeout;
}
