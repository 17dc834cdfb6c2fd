//! `-n/--netrc`, `--netrc-file`, `--netrc-optional`: Basic credentials for
//! the URL's host from a netrc, after those of the URL and `-u`, and never
//! to another origin after a redirect.

use std::fs;
use std::path::Path;

use base64::Engine;

use crate::support::*;

/// The `user:password` of a request's Basic Authorization, if any.
fn basic(req: &Request) -> Option<String> {
    let value = req.header("authorization")?;
    let b64 = value.strip_prefix("Basic ").expect("Basic");
    let raw = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap();
    Some(String::from_utf8(raw).unwrap())
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// Runs `httpc get URL --netrc-file FILE ARGS...` with `text` as FILE and
/// returns the credentials the server saw.
fn sent_with(text: &str, url_of: impl Fn(&TestServer) -> String, args: &[&str]) -> Option<String> {
    let server = TestServer::ok("ok");
    let dir = tempdir();
    let file = write(dir.path(), "netrc", text);
    run(httpc()
        .arg("get")
        .arg(url_of(&server))
        .args(["--netrc-file", &file])
        .args(args))
    .assert_success();
    basic(&server.only_request())
}

fn plain(server: &TestServer) -> String {
    server.url("/")
}

#[test]
fn a_machine_entry_gives_basic_auth() {
    let got = sent_with("machine 127.0.0.1 login ci password s3cret\n", plain, &[]);
    assert_eq!(got.as_deref(), Some("ci:s3cret"));
}

#[test]
fn the_default_entry_serves_other_hosts() {
    let got = sent_with(
        "machine elsewhere.test login no password no\ndefault login anon password guest\n",
        plain,
        &[],
    );
    assert_eq!(got.as_deref(), Some("anon:guest"));
}

#[test]
fn a_macro_is_skipped() {
    let got = sent_with(
        "machine other login o password o\n\
         macdef init\n\
         machine 127.0.0.1 login macro password inside\n\
         \n\
         machine 127.0.0.1 login real password one\n",
        plain,
        &[],
    );
    assert_eq!(got.as_deref(), Some("real:one"));
}

#[test]
fn quoted_words_keep_spaces_and_escapes() {
    let got = sent_with(
        "machine 127.0.0.1 login \"build bot\" password \"pa ss\\\"word\"\n",
        plain,
        &[],
    );
    assert_eq!(got.as_deref(), Some("build bot:pa ss\"word"));
}

#[test]
fn credentials_in_the_url_win() {
    let got = sent_with(
        "machine 127.0.0.1 login ci password s3cret\n",
        |s| format!("http://me:mine@127.0.0.1:{}/", s.port()),
        &[],
    );
    assert_eq!(got.as_deref(), Some("me:mine"));
}

#[test]
fn u_wins() {
    let got = sent_with(
        "machine 127.0.0.1 login ci password s3cret\n",
        plain,
        &["-u", "flag:given"],
    );
    assert_eq!(got.as_deref(), Some("flag:given"));
}

#[test]
fn n_reads_home_netrc_and_netrc_env_wins() {
    let server = TestServer::ok("ok");
    let home = tempdir();
    write(
        home.path(),
        ".netrc",
        "machine 127.0.0.1 login home password h\n",
    );
    run(get(&server.url("/"), &["-n"]).env("HOME", home.path())).assert_success();
    let other = tempdir();
    let env_file = write(
        other.path(),
        "ci-netrc",
        "machine 127.0.0.1 login env password e\n",
    );
    run(get(&server.url("/"), &["-n"])
        .env("HOME", home.path())
        .env("NETRC", &env_file))
    .assert_success();
    let seen: Vec<Option<String>> = server.requests().iter().map(basic).collect();
    assert_eq!(seen, [Some("home:h".into()), Some("env:e".into())]);
}

#[test]
fn a_missing_netrc_is_a_usage_error_and_nothing_is_sent() {
    let server = TestServer::ok("ok");
    let home = tempdir();
    let expected = format!("{}/.netrc", home.path().display());
    run(get(&server.url("/"), &["-n"]).env("HOME", home.path()))
        .assert_code(2)
        .assert_one_error_line(&["-n", &expected]);
    server.assert_nothing_received();
}

#[test]
fn an_optional_netrc_may_be_missing() {
    let server = TestServer::ok("ok");
    let home = tempdir();
    run(get(&server.url("/"), &["--netrc-optional"]).env("HOME", home.path()))
        .assert_success()
        .assert_stderr_empty();
    assert_eq!(basic(&server.only_request()), None);
}

#[test]
fn a_malformed_netrc_names_file_and_line_but_not_the_password() {
    let server = TestServer::ok("ok");
    let dir = tempdir();
    let file = write(
        dir.path(),
        "netrc",
        "machine 127.0.0.1\n  login ci\n  passwrd hunter2\n",
    );
    let out = run(&mut get(&server.url("/"), &["--netrc-file", &file]));
    out.assert_code(2)
        .assert_one_error_line(&[&format!("{file}:3"), "unexpected word"])
        .assert_stderr_lacks("hunter2");
    server.assert_nothing_received();
}

#[test]
fn credentials_are_not_sent_after_a_redirect_to_another_origin() {
    let target = TestServer::ok("there");
    let target_url = format!("http://b.test:{}/land", target.port());
    let start = TestServer::new(move |req| match req.path() {
        "/go" => Reply::redirect(302, "/same"),
        _ => Reply::redirect(302, &target_url),
    });
    let dir = tempdir();
    let file = write(
        dir.path(),
        "netrc",
        "machine a.test login ci password s3cret\nmachine b.test login b password b\n",
    );
    run(httpc().args([
        "get",
        &format!("http://a.test:{}/go", start.port()),
        "-L",
        "--netrc-file",
        &file,
        "--resolve",
        &format!("a.test:{}:127.0.0.1", start.port()),
        "--resolve",
        &format!("b.test:{}:127.0.0.1", target.port()),
    ]))
    .assert_success()
    .assert_stdout("there");
    let seen: Vec<Option<String>> = start.requests().iter().map(basic).collect();
    assert_eq!(seen, [Some("ci:s3cret".into()), Some("ci:s3cret".into())]);
    // Not a.test's credentials, and not b.test's either: the contract
    // drops netrc credentials once the origin changes.
    assert_eq!(target.only_request().header("authorization"), None);
}

#[test]
fn each_url_of_a_get_takes_its_own_host_entry() {
    let server = TestServer::ok("ok");
    let dir = tempdir();
    let file = write(dir.path(), "netrc", "machine a.test login a password 1\n");
    let port = server.port();
    run(httpc().args([
        "get",
        &format!("http://a.test:{port}/"),
        &format!("http://b.test:{port}/"),
        "--netrc-file",
        &file,
        "--resolve",
        &format!("a.test:{port}:127.0.0.1"),
        "--resolve",
        &format!("b.test:{port}:127.0.0.1"),
    ]))
    .assert_success();
    let seen: Vec<Option<String>> = server.requests().iter().map(basic).collect();
    assert_eq!(seen, [Some("a:1".into()), None]);
}

#[test]
fn the_password_stays_out_of_the_trace() {
    let server = TestServer::ok("ok");
    let dir = tempdir();
    let file = write(
        dir.path(),
        "netrc",
        "machine 127.0.0.1 login ci password hunter2\n",
    );
    let encoded = base64::engine::general_purpose::STANDARD.encode("ci:hunter2");
    run(&mut get(&server.url("/"), &["-v", "--netrc-file", &file]))
        .assert_success()
        .assert_stderr_contains("> authorization: <redacted")
        .assert_stderr_lacks("hunter2")
        .assert_stderr_lacks(&encoded);
}
