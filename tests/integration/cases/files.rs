//! What `-o` leaves on disk: `-C` refuses a range that is not the rest of
//! FILE (exit 33, FILE unchanged), a new FILE gets `0666 & ~umask`, a
//! replaced FILE keeps its mode (and owner and group, for root), a link is
//! written through, and names up to 255 bytes work.

use std::fs;
use std::path::Path;

use crate::support::{self, httpc, httpc_path, listing, run, Reply, TestServer, LEAKY_ENV};

fn serving(body: &'static str) -> TestServer {
    TestServer::new(move |_| Reply::ok(body))
}

/// httpc under this umask, through `sh` (the test process's own umask
/// cannot be changed without libc).
#[cfg(unix)]
fn with_umask(umask: &str, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new("sh");
    cmd.arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(httpc_path())
        .args(args);
    for name in LEAKY_ENV {
        cmd.env_remove(name);
    }
    cmd
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

// ---------------------------------------------------------------------------
// -C and the range the server sends
// ---------------------------------------------------------------------------

fn partial_file(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("part.bin");
    fs::write(&file, b"0123456789").unwrap();
    file
}

#[test]
fn a_206_that_does_not_start_at_the_file_end_is_exit_33_and_the_file_is_untouched() {
    let dir = support::tempdir();
    let file = partial_file(dir.path());
    let server = TestServer::new(|_| {
        Reply::status(206)
            .header("content-range", "bytes 0-19/20")
            .body("ABCDEFGHIJKLMNOPQRST")
    });
    let url = server.url("/f");
    let out = run(httpc().args(["get", &url, "-o", file.to_str().unwrap(), "-C"]));
    out.assert_code(33).assert_stdout("").assert_stderr(&format!(
        "httpc: error: {url}: cannot resume: asked for bytes 10- and the server sent 'bytes 0-19/20'; the file is unchanged\n"
    ));
    assert_eq!(fs::read(&file).unwrap(), b"0123456789");
    assert_eq!(listing(dir.path()), ["part.bin"]);
    assert_eq!(server.only_request().header("range"), Some("bytes=10-"));
}

#[test]
fn a_206_whose_total_disagrees_is_exit_33() {
    let dir = support::tempdir();
    let file = partial_file(dir.path());
    let server = TestServer::new(|_| {
        Reply::status(206)
            .header("content-range", "bytes 10-14/99")
            .body("ABCDE")
    });
    let out = run(httpc().args(["get", &server.url("/f"), "-o", file.to_str().unwrap(), "-C"]));
    out.assert_code(33);
    assert_eq!(fs::read(&file).unwrap(), b"0123456789");
    assert_eq!(listing(dir.path()), ["part.bin"]);
}

#[test]
fn a_206_without_content_range_is_exit_33() {
    let dir = support::tempdir();
    let file = partial_file(dir.path());
    let server = TestServer::new(|_| Reply::status(206).body("ABCDE"));
    let url = server.url("/f");
    let out = run(httpc().args(["get", &url, "-o", file.to_str().unwrap(), "-C"]));
    out.assert_code(33).assert_stderr(&format!(
        "httpc: error: {url}: cannot resume: asked for bytes 10- and the server sent no Content-Range; the file is unchanged\n"
    ));
    assert_eq!(fs::read(&file).unwrap(), b"0123456789");
}

#[test]
fn the_rest_of_the_file_is_appended() {
    let dir = support::tempdir();
    let file = partial_file(dir.path());
    let server = TestServer::new(|_| {
        Reply::status(206)
            .header("content-range", "bytes 10-14/15")
            .body("ABCDE")
    });
    run(httpc().args(["get", &server.url("/f"), "-o", file.to_str().unwrap(), "-C"]))
        .assert_success()
        .assert_stderr_empty();
    assert_eq!(fs::read(&file).unwrap(), b"0123456789ABCDE");
    assert_eq!(listing(dir.path()), ["part.bin"]);
}

// ---------------------------------------------------------------------------
// Modes, owners, links, long names
// ---------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn a_new_file_gets_0666_less_the_umask() {
    let dir = support::tempdir();
    let server = serving("new\n");
    for (umask, want) in [("022", 0o644), ("027", 0o640), ("077", 0o600)] {
        let file = dir.path().join(format!("new-{umask}.txt"));
        run(&mut with_umask(
            umask,
            &["get", &server.url("/"), "-o", file.to_str().unwrap()],
        ))
        .assert_success();
        assert_eq!(mode(&file), want, "umask {umask}");
        assert_eq!(fs::read(&file).unwrap(), b"new\n");
    }
}

#[cfg(unix)]
#[test]
fn a_replaced_file_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = support::tempdir();
    let file = dir.path().join("run.sh");
    fs::write(&file, "old").unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o755)).unwrap();
    let server = serving("#!/bin/sh\necho new\n");
    run(&mut with_umask(
        "077",
        &["get", &server.url("/"), "-o", file.to_str().unwrap()],
    ))
    .assert_success();
    assert_eq!(mode(&file), 0o755);
    assert_eq!(fs::read(&file).unwrap(), b"#!/bin/sh\necho new\n");
    assert_eq!(listing(dir.path()), ["run.sh"]);
}

#[cfg(unix)]
#[test]
fn root_replacing_a_users_file_keeps_its_owner_and_group() {
    use std::os::unix::fs::MetadataExt;
    let dir = support::tempdir();
    let file = dir.path().join("owned.txt");
    fs::write(&file, "old").unwrap();
    if std::os::unix::fs::chown(&file, Some(1000), Some(1000)).is_err() {
        eprintln!("skipped: only root can give a file away");
        return;
    }
    let server = serving("new");
    run(httpc().args(["get", &server.url("/"), "-o", file.to_str().unwrap()])).assert_success();
    let meta = fs::metadata(&file).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (1000, 1000));
    assert_eq!(fs::read(&file).unwrap(), b"new");
}

#[cfg(unix)]
#[test]
fn a_link_is_written_through_to_its_target() {
    let dir = support::tempdir();
    let target = dir.path().join("real.txt");
    let link = dir.path().join("link.txt");
    fs::write(&target, "old").unwrap();
    std::os::unix::fs::symlink("real.txt", &link).unwrap();
    let server = serving("through the link");
    run(httpc().args(["get", &server.url("/"), "-o", link.to_str().unwrap()])).assert_success();
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("real.txt"));
    assert_eq!(fs::read(&target).unwrap(), b"through the link");
    assert_eq!(listing(dir.path()), ["link.txt", "real.txt"]);
}

#[test]
fn names_up_to_255_bytes_can_be_downloaded() {
    let dir = support::tempdir();
    let server = serving("long");
    for len in [236, 237, 250, 255] {
        let name = "n".repeat(len);
        let file = dir.path().join(&name);
        run(httpc().args(["get", &server.url("/"), "-o", file.to_str().unwrap()]))
            .assert_success()
            .assert_stderr_empty();
        assert_eq!(fs::read(&file).unwrap(), b"long", "{len} bytes");
        fs::remove_file(&file).unwrap();
    }
    assert!(listing(dir.path()).is_empty());
}

// ---------------------------------------------------------------------------
// Signals
// ---------------------------------------------------------------------------

/// Starts a download into `dir` that takes a long while, waits until its
/// temporary file is there, sends `signal` (by name, with kill) and returns
/// how httpc ended.
#[cfg(unix)]
fn interrupted_download(dir: &Path, file: &Path, signal: &str) -> std::process::ExitStatus {
    use std::time::{Duration, Instant};
    let server = TestServer::replying(Reply::trickle(100_000, Duration::from_millis(20)));
    let mut child = support::std_httpc()
        .args(["get", &server.url("/slow"), "-o", file.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !listing(dir).iter().any(|n| n.ends_with(".httpc-part")) {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no temporary file appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // Let some of the body arrive first.
    std::thread::sleep(Duration::from_millis(200));
    let killed = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    child.wait().unwrap()
}

#[cfg(unix)]
#[test]
fn a_signal_removes_the_temporary_file_and_ends_httpc_by_that_signal() {
    use std::os::unix::process::ExitStatusExt;
    for (name, number) in [("TERM", 15), ("INT", 2), ("HUP", 1)] {
        let dir = support::tempdir();
        let file = dir.path().join("big.iso");
        let status = interrupted_download(dir.path(), &file, name);
        assert_eq!(status.signal(), Some(number), "SIG{name}: {status:?}");
        assert!(
            listing(dir.path()).is_empty(),
            "SIG{name} left {:?}",
            listing(dir.path())
        );
    }
}

#[cfg(unix)]
#[test]
fn a_signal_leaves_an_existing_file_as_it_was() {
    let dir = support::tempdir();
    let file = dir.path().join("keep.txt");
    fs::write(&file, "the old contents").unwrap();
    interrupted_download(dir.path(), &file, "TERM");
    assert_eq!(fs::read(&file).unwrap(), b"the old contents");
    assert_eq!(listing(dir.path()), ["keep.txt"]);
}

// ---------------------------------------------------------------------------
// What the server said when -o does not write FILE
// ---------------------------------------------------------------------------

#[test]
fn an_error_body_goes_to_stderr_when_o_leaves_the_file_alone() {
    let dir = support::tempdir();
    let file = dir.path().join("report.csv");
    let server = TestServer::new(|_| Reply::status(500).body("database is down\n"));
    run(httpc().args(["get", &server.url("/"), "-o", file.to_str().unwrap()]))
        .assert_code(5)
        .assert_stdout("")
        .assert_stderr("database is down\nhttpc: warning: HTTP 500 Internal Server Error\n");
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn a_long_error_body_is_cut_at_4_kib_and_says_so() {
    let dir = support::tempdir();
    let file = dir.path().join("out.bin");
    let body: String = "0123456789abcdef".repeat(1000);
    let sent = body.clone();
    let server = TestServer::new(move |_| Reply::status(503).body(sent.clone()));
    let out = run(httpc().args(["get", &server.url("/"), "-o", file.to_str().unwrap()]));
    out.assert_code(5).assert_stderr(&format!(
        "{}\nhttpc: (the body goes on; its first 4 KiB are shown above)\nhttpc: warning: HTTP 503 Service Unavailable\n",
        &body[..4096]
    ));
}

#[test]
fn silent_keeps_the_error_body_off_stderr() {
    let dir = support::tempdir();
    let file = dir.path().join("out.bin");
    let server = TestServer::new(|_| Reply::status(404).body("no such thing"));
    run(httpc().args(["get", "-s", &server.url("/"), "-o", file.to_str().unwrap()]))
        .assert_code(4)
        .assert_stderr_empty();
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn an_error_body_is_escaped_on_a_terminal() {
    let dir = support::tempdir();
    let file = dir.path().join("out.bin");
    let server = TestServer::new(|_| Reply::status(400).body("bad \u{1b}[31mrequest"));
    run(support::tty().args(["get", &server.url("/"), "-o", file.to_str().unwrap()]))
        .assert_code(4)
        .assert_stderr_contains("bad \\x1b[31mrequest\n");
}
