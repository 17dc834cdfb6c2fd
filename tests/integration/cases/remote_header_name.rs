//! `-J/--remote-header-name` with `-O`: the file takes the name the
//! server's `Content-Disposition` gives (RFC 6266, `filename*` per RFC
//! 8187 first), checked like `-O` names; an existing file of that name is
//! never replaced; no usable name falls back to the URL's.

use std::fs;
use std::path::Path;

use crate::support::*;

/// A download at `/download?id=7` that answers with this
/// Content-Disposition (none when `None`).
fn download(disposition: Option<&'static str>) -> TestServer {
    TestServer::new(move |_| {
        let reply = Reply::ok("file body");
        match disposition {
            Some(value) => reply.header("Content-Disposition", value),
            None => reply,
        }
    })
}

/// Runs `httpc get URL -O -J ARGS...` in a fresh directory.
fn fetch(server: &TestServer, args: &[&str]) -> (tempfile::TempDir, Outcome) {
    let dir = tempdir();
    let out = run(httpc()
        .current_dir(dir.path())
        .args(["get", &server.url("/download?id=7"), "-O", "-J"])
        .args(args));
    (dir, out)
}

#[track_caller]
fn assert_saved_as(dir: &Path, name: &str) {
    assert_eq!(listing(dir), [name]);
    assert_eq!(fs::read_to_string(dir.join(name)).unwrap(), "file body");
}

#[test]
fn the_quoted_filename_names_the_file() {
    let server = download(Some(r#"attachment; filename="release 1.2.tar.gz""#));
    let (dir, out) = fetch(&server, &[]);
    out.assert_success().assert_stdout("").assert_stderr_empty();
    assert_saved_as(dir.path(), "release 1.2.tar.gz");
}

#[test]
fn a_token_filename_names_the_file() {
    let server = download(Some("attachment; filename=report.csv"));
    let (dir, out) = fetch(&server, &[]);
    out.assert_success();
    assert_saved_as(dir.path(), "report.csv");
}

#[test]
fn an_rfc_8187_name_wins_over_filename() {
    let server = download(Some(
        r#"attachment; filename="naive.txt"; filename*=UTF-8''na%C3%AFve%20r%C3%A9sum%C3%A9.txt"#,
    ));
    let (dir, out) = fetch(&server, &[]);
    out.assert_success();
    assert_saved_as(dir.path(), "naïve résumé.txt");
}

#[test]
fn no_content_disposition_keeps_the_urls_name() {
    let server = download(None);
    let (dir, out) = fetch(&server, &[]);
    out.assert_success().assert_stderr_empty();
    assert_saved_as(dir.path(), "download");
}

#[test]
fn unsafe_names_fall_back_to_the_urls_name_with_a_warning() {
    for value in [
        r#"attachment; filename="../escaped.txt""#,
        r#"attachment; filename="/etc/passwd""#,
        r#"attachment; filename=".bashrc""#,
        r#"attachment; filename="dir\\sub.txt""#,
        "attachment; filename*=UTF-8''..%2Fescaped.txt",
        "attachment; filename*=UTF-8''bell%07.txt",
    ] {
        let parent = tempdir();
        let work = parent.path().join("work");
        fs::create_dir(&work).unwrap();
        let server = download(Some(value));
        let out = run(httpc().current_dir(&work).args([
            "get",
            &server.url("/download?id=7"),
            "-O",
            "-J",
        ]));
        out.assert_success()
            .assert_stderr_contains("httpc: warning: -J: not using the name '")
            .assert_stderr_contains("saving as 'download'");
        assert_saved_as(&work, "download");
        assert_eq!(listing(parent.path()), ["work"], "{value}");
    }
}

#[test]
fn an_existing_file_of_that_name_is_not_overwritten() {
    let server = download(Some("attachment; filename=data.bin"));
    let dir = tempdir();
    fs::write(dir.path().join("data.bin"), "mine").unwrap();
    let out = run(httpc().current_dir(dir.path()).args([
        "get",
        &server.url("/download?id=7"),
        "-O",
        "-J",
    ]));
    out.assert_code(1)
        .assert_one_error_line(&["'data.bin' exists", "not overwriting"]);
    assert_eq!(
        fs::read_to_string(dir.path().join("data.bin")).unwrap(),
        "mine"
    );
    // No temporary file and no file under the URL's name either.
    assert_eq!(listing(dir.path()), ["data.bin"]);
}

#[test]
fn an_error_status_writes_no_file() {
    let server = TestServer::new(|_| {
        Reply::status(404)
            .header("Content-Disposition", "attachment; filename=nope.txt")
            .body("not here")
    });
    let (dir, out) = fetch(&server, &[]);
    out.assert_code(4);
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn j_needs_o() {
    let server = download(None);
    let dir = tempdir();
    let out = run(httpc()
        .current_dir(dir.path())
        .args(["get", &server.url("/x"), "-J"]));
    out.assert_code(2).assert_stderr_contains("--remote-name");
    server.assert_nothing_received();
}

#[test]
fn j_and_c_do_not_combine() {
    let server = download(None);
    let (dir, out) = fetch(&server, &["-C"]);
    out.assert_code(2)
        .assert_one_error_line(&["-C and -J cannot be combined"]);
    server.assert_nothing_received();
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn each_url_takes_its_own_name() {
    let server = TestServer::new(|req| {
        let name = format!("attachment; filename=\"{}.txt\"", &req.path()[1..]);
        Reply::ok("file body").header("Content-Disposition", &name)
    });
    let dir = tempdir();
    run(httpc().current_dir(dir.path()).args([
        "get",
        &server.url("/a"),
        &server.url("/b"),
        "-O",
        "-J",
    ]))
    .assert_success();
    assert_eq!(listing(dir.path()), ["a.txt", "b.txt"]);
}
