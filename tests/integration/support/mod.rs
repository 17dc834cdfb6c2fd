//! Test support shared by every area: running the `httpc` binary with a
//! clean environment, the one way to assert on what it did (`Outcome`), and
//! decoders for bodies the client sent. The servers live in `server` (plain
//! HTTP) and `tls` (HTTPS, certificates, a CONNECT proxy).

pub mod h2raw;
pub mod h2server;
pub mod server;
pub mod socks;
pub mod tls;

pub use server::*;

use std::process::Output;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------
// Running httpc
// ---------------------------------------------------------------------------

/// Environment variables that would change httpc's behaviour if they leaked
/// in from the developer's shell or CI: colour, terminal, proxies, the trust
/// store, the help width, and the test hook. Every command builder clears
/// them; a test that wants one sets it.
pub const LEAKY_ENV: &[&str] = &[
    "NO_COLOR",
    "CLICOLOR_FORCE",
    "CLICOLOR",
    "TERM",
    "COLUMNS",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
    "HTTPC_TEST_PRETEND_TTY",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "NETRC",
];

/// The path of the built binary.
pub fn httpc_path() -> &'static str {
    env!("CARGO_BIN_EXE_httpc")
}

/// `httpc` with a clean environment, stdout and stderr piped (not a
/// terminal), and a timeout so a hang fails the test.
pub fn httpc() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::from_std(std_httpc());
    cmd.timeout(Duration::from_secs(20));
    cmd
}

/// `httpc` as above, believing stdout and stderr are terminals.
pub fn tty() -> assert_cmd::Command {
    let mut cmd = httpc();
    cmd.env("HTTPC_TEST_PRETEND_TTY", "1")
        .env("TERM", "xterm-256color");
    cmd
}

/// A `std::process::Command` for httpc with the same clean environment.
pub fn std_httpc() -> std::process::Command {
    let mut cmd = std::process::Command::new(httpc_path());
    for name in LEAKY_ENV {
        cmd.env_remove(name);
    }
    cmd
}

/// Runs the command and returns its outcome (panics if it could not start).
pub fn run(cmd: &mut assert_cmd::Command) -> Outcome {
    let started = Instant::now();
    let output = cmd.output().expect("run httpc");
    let out = Outcome {
        output,
        elapsed: started.elapsed(),
    };
    // Shown with --nocapture, or when the test fails.
    eprintln!("{out:?}");
    out
}

/// `httpc get URL ARGS...`
pub fn get(url: &str, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = httpc();
    cmd.arg("get").arg(url).args(args);
    cmd
}

/// The result of running httpc, with assertions that print everything on
/// failure.
pub struct Outcome {
    pub output: Output,
    pub elapsed: Duration,
}

impl std::fmt::Debug for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit: {:?} (after {:?})\n--- stdout ({} bytes) ---\n{}\n--- stderr ---\n{}",
            self.output.status.code(),
            self.elapsed,
            self.output.stdout.len(),
            show_bytes(&self.output.stdout),
            String::from_utf8_lossy(&self.output.stderr),
        )
    }
}

/// Text for a failure message: printable as is, other bytes escaped, long
/// outputs shortened.
pub fn show_bytes(bytes: &[u8]) -> String {
    let shown = &bytes[..bytes.len().min(2000)];
    let mut s = String::new();
    for chunk in shown.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c.is_control() && c != '\n' && c != '\t' {
                s.push_str(&c.escape_default().to_string());
            } else {
                s.push(c);
            }
        }
        for b in chunk.invalid() {
            s.push_str(&format!("\\x{b:02x}"));
        }
    }
    if bytes.len() > shown.len() {
        s.push_str(&format!("... ({} more bytes)", bytes.len() - shown.len()));
    }
    s
}

impl Outcome {
    pub fn code(&self) -> Option<i32> {
        self.output.status.code()
    }

    pub fn stdout(&self) -> &[u8] {
        &self.output.stdout
    }

    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    /// stdout as text; panics (showing everything) unless it is UTF-8.
    #[track_caller]
    pub fn stdout_str(&self) -> &str {
        std::str::from_utf8(&self.output.stdout)
            .unwrap_or_else(|e| panic!("stdout is not UTF-8: {e}\n{self:?}"))
    }

    /// stderr as text; panics (showing everything) unless it is UTF-8.
    #[track_caller]
    pub fn stderr_str(&self) -> &str {
        std::str::from_utf8(&self.output.stderr)
            .unwrap_or_else(|e| panic!("stderr is not UTF-8: {e}\n{self:?}"))
    }

    /// The lines of stdout (which must be UTF-8).
    #[track_caller]
    pub fn stdout_lines(&self) -> Vec<&str> {
        self.stdout_str().lines().collect()
    }

    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(self.code(), Some(code), "wrong exit code\n{self:?}");
        self
    }

    #[track_caller]
    pub fn assert_success(&self) -> &Self {
        self.assert_code(0)
    }

    #[track_caller]
    pub fn assert_stdout(&self, expected: impl AsRef<[u8]>) -> &Self {
        let expected = expected.as_ref();
        assert!(
            self.stdout() == expected,
            "stdout differs\nexpected ({} bytes):\n{}\n{self:?}",
            expected.len(),
            show_bytes(expected)
        );
        self
    }

    #[track_caller]
    pub fn assert_stdout_contains(&self, needle: &str) -> &Self {
        assert!(
            self.stdout_text().contains(needle),
            "stdout lacks {needle:?}\n{self:?}"
        );
        self
    }

    #[track_caller]
    pub fn assert_stdout_lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.stdout_text().contains(needle),
            "stdout must not contain {needle:?}\n{self:?}"
        );
        self
    }

    #[track_caller]
    pub fn assert_stderr(&self, expected: &str) -> &Self {
        assert_eq!(self.stderr_text(), expected, "stderr differs\n{self:?}");
        self
    }

    #[track_caller]
    pub fn assert_stderr_empty(&self) -> &Self {
        self.assert_stderr("")
    }

    #[track_caller]
    pub fn assert_stderr_contains(&self, needle: &str) -> &Self {
        assert!(
            self.stderr_text().contains(needle),
            "stderr lacks {needle:?}\n{self:?}"
        );
        self
    }

    #[track_caller]
    pub fn assert_stderr_lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.stderr_text().contains(needle),
            "stderr must not contain {needle:?}\n{self:?}"
        );
        self
    }

    /// stderr is exactly one line `httpc: error: ...` that contains each of
    /// `needles` (case-insensitively).
    #[track_caller]
    pub fn assert_one_error_line(&self, needles: &[&str]) -> &Self {
        let err = self.stderr_text();
        assert!(
            err.starts_with("httpc: error: ") && err.ends_with('\n') && err.lines().count() == 1,
            "stderr must be one line starting 'httpc: error: '\n{self:?}"
        );
        let lower = err.to_lowercase();
        for needle in needles {
            assert!(
                lower.contains(&needle.to_lowercase()),
                "error line lacks {needle:?}\n{self:?}"
            );
        }
        self
    }
}

// ---------------------------------------------------------------------------
// Decoding bodies the client sent
// ---------------------------------------------------------------------------

/// One part of a multipart/form-data body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub name: Option<String>,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

/// Splits a multipart body using the boundary from its Content-Type.
pub fn parse_multipart(content_type: &str, body: &[u8]) -> Vec<Part> {
    let boundary = content_type
        .split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("boundary="))
        .unwrap_or_else(|| panic!("no boundary in {content_type:?}"))
        .trim_matches('"');
    let delim = format!("--{boundary}").into_bytes();
    let mut parts = Vec::new();
    let mut pos = find(body, &delim).expect("first boundary") + delim.len();
    loop {
        if body[pos..].starts_with(b"--") {
            break; // closing boundary
        }
        assert!(body[pos..].starts_with(b"\r\n"), "CRLF after boundary");
        pos += 2;
        let head_end = find(&body[pos..], b"\r\n\r\n").expect("part head") + pos;
        let head = String::from_utf8_lossy(&body[pos..head_end]).into_owned();
        let data_start = head_end + 4;
        let mut next_delim = b"\r\n".to_vec();
        next_delim.extend_from_slice(&delim);
        let data_end = find(&body[data_start..], &next_delim).expect("next boundary") + data_start;
        let mut part = Part {
            name: None,
            filename: None,
            content_type: None,
            data: body[data_start..data_end].to_vec(),
        };
        for line in head.split("\r\n") {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            if name.eq_ignore_ascii_case("content-disposition") {
                for param in value.split(';').map(str::trim) {
                    if let Some(v) = param.strip_prefix("name=") {
                        part.name = Some(v.trim_matches('"').to_string());
                    } else if let Some(v) = param.strip_prefix("filename=") {
                        part.filename = Some(v.trim_matches('"').to_string());
                    }
                }
            } else if name.eq_ignore_ascii_case("content-type") {
                part.content_type = Some(value.to_string());
            }
        }
        parts.push(part);
        pos = data_end + next_delim.len();
    }
    parts
}

/// Decodes an x-www-form-urlencoded body.
pub fn parse_form(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

/// A fresh temporary directory.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

/// The names in a directory, sorted: what a test expects left behind.
pub fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every byte value 0..=255, twice over, so a body is obviously binary.
pub fn all_bytes() -> Vec<u8> {
    (0..=255u8).chain(0..=255u8).collect()
}
