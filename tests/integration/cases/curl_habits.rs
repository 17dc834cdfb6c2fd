//! curl's habits, as typed (issue 24): a curl command line with `curl`
//! replaced by `httpc` runs and does what it did, where httpc's design
//! allows.

use std::fs;

use crate::support::*;

/// `/missing` is a 404 with a body that would run in a shell; `/script`
/// a 200 with a header of the server's casing; `/moved` a 302.
fn site() -> TestServer {
    TestServer::new(|req| match req.path() {
        "/missing" => Reply::status(404).body("echo error page\n"),
        "/moved" => Reply::redirect(302, "/script").header("X-Hop", "One"),
        _ => Reply::ok("echo hello\n").header("X-Custom-Case", "Yes"),
    })
}

fn bare(args: &[&str]) -> assert_cmd::Command {
    let mut cmd = httpc();
    cmd.args(args);
    cmd
}

// --- -f, --fail-with-body, -S ----------------------------------------------

#[test]
fn fail_keeps_an_error_body_off_stdout_and_shows_it_on_stderr() {
    let server = site();
    run(&mut bare(&["-f", &server.url("/missing")]))
        .assert_code(4)
        .assert_stdout("")
        .assert_stderr("echo error page\nhttpc: warning: HTTP 404 Not Found\n");
}

#[test]
fn fail_silent_show_error_prints_only_the_status_line() {
    let server = site();
    run(&mut bare(&["-fsSL", &server.url("/missing")]))
        .assert_code(4)
        .assert_stdout("")
        .assert_stderr("httpc: warning: HTTP 404 Not Found\n");
}

#[test]
fn fail_silent_prints_nothing_at_all() {
    let server = site();
    run(&mut bare(&["-fs", &server.url("/missing")]))
        .assert_code(4)
        .assert_stdout("")
        .assert_stderr_empty();
}

#[test]
fn fail_on_success_prints_the_body_as_always() {
    let server = site();
    run(&mut bare(&["-fsSL", &server.url("/script")]))
        .assert_success()
        .assert_stdout("echo hello\n")
        .assert_stderr_empty();
}

#[test]
fn fail_keeps_the_head_of_an_error_off_stdout_too() {
    let server = site();
    run(&mut bare(&["-fi", &server.url("/missing")]))
        .assert_code(4)
        .assert_stdout("");
}

#[test]
fn fail_with_body_is_the_default_and_excludes_fail() {
    let server = site();
    run(&mut bare(&[
        "--fail-with-body",
        "-s",
        &server.url("/missing"),
    ]))
    .assert_code(4)
    .assert_stdout("echo error page\n");
    run(&mut bare(&[
        "--fail-with-body",
        "-f",
        &server.url("/missing"),
    ]))
    .assert_code(2);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn silent_hides_the_status_warning_unless_show_error() {
    let server = site();
    run(&mut bare(&["-s", &server.url("/missing")]))
        .assert_code(4)
        .assert_stderr_empty();
    run(&mut bare(&["-sS", &server.url("/missing")]))
        .assert_code(4)
        .assert_stdout("echo error page\n")
        .assert_stderr("httpc: warning: HTTP 404 Not Found\n");
}

#[test]
fn compressed_and_retry_connrefused_are_accepted() {
    let server = site();
    run(&mut bare(&[
        "--compressed",
        "--retry-connrefused",
        &server.url("/script"),
    ]))
    .assert_success()
    .assert_stdout("echo hello\n");
    run(&mut bare(&[&server.url("/script")])).assert_success();
    let sent = server.requests();
    assert_eq!(
        sent[0].header("accept-encoding"),
        sent[1].header("accept-encoding")
    );
}

// --- -o - -------------------------------------------------------------------

#[test]
fn output_dash_is_stdout_not_a_file() {
    let server = site();
    let dir = tempdir();
    run(bare(&["-o", "-", &server.url("/script")]).current_dir(dir.path()))
        .assert_success()
        .assert_stdout("echo hello\n");
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn output_dash_takes_several_urls() {
    let server = site();
    run(&mut bare(&[
        "-o",
        "-",
        &server.url("/script"),
        &server.url("/script"),
    ]))
    .assert_success()
    .assert_stdout("echo hello\necho hello\n");
}

#[test]
fn remote_name_refuses_a_dash() {
    let dir = tempdir();
    // Nothing is sent: no server is needed.
    run(bare(&["-O", "http://127.0.0.1:9/dir/-"]).current_dir(dir.path()))
        .assert_code(2)
        .assert_one_error_line(&["-O", "'-'"]);
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn remote_header_name_refuses_a_dash_and_keeps_the_url_name() {
    let server = TestServer::new(|_| {
        Reply::ok("data").header("Content-Disposition", "attachment; filename=\"-\"")
    });
    let dir = tempdir();
    run(bare(&["-OJ", &server.url("/report.csv")]).current_dir(dir.path()))
        .assert_success()
        .assert_stderr_contains("not using the name '-'");
    assert_eq!(listing(dir.path()), ["report.csv"]);
}

// --- -I and head ------------------------------------------------------------

const SCRIPT_HEAD: &str = "HTTP/1.1 200 OK\r\nX-Custom-Case: Yes\r\ncontent-length: 11\r\n\r\n";

#[test]
fn head_option_sends_head_and_prints_the_head_as_received() {
    let server = site();
    run(&mut bare(&["-sI", &server.url("/script")]))
        .assert_success()
        .assert_stdout(SCRIPT_HEAD);
    assert_eq!(server.only_request().method, "HEAD");
}

#[test]
fn head_option_piped_to_grep_finds_location_in_its_case() {
    let server = site();
    let out = run(&mut bare(&["-sI", &server.url("/moved")]));
    out.assert_code(3);
    let stdout = String::from_utf8_lossy(out.stdout()).into_owned();
    assert!(stdout.contains("\r\nlocation: /script\r\nX-Hop: One\r\n"));
}

#[test]
fn head_option_with_output_dev_null_prints_only_the_write_out() {
    let server = site();
    run(&mut bare(&[
        "-I",
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
        &server.url("/script"),
    ]))
    .assert_success()
    .assert_stdout("200")
    .assert_stderr_empty();
}

#[test]
fn head_command_writes_the_head_to_the_output_file() {
    let server = site();
    let dir = tempdir();
    let file = dir.path().join("head.txt");
    run(httpc().args(["head", &server.url("/script"), "-o", file.to_str().unwrap()]))
        .assert_success()
        .assert_stdout("");
    assert_eq!(fs::read_to_string(&file).unwrap(), SCRIPT_HEAD);
}

#[test]
fn include_piped_prints_every_head_as_received_before_the_body() {
    let server = site();
    let out = run(&mut bare(&["-iL", &server.url("/moved")]));
    out.assert_success().assert_stdout(format!(
        "HTTP/1.1 302 Found\r\nlocation: /script\r\nX-Hop: One\r\ncontent-length: 0\r\n\r\n\
         {SCRIPT_HEAD}echo hello\n"
    ));
}

#[test]
fn include_on_a_terminal_stays_formatted() {
    let server = site();
    let out = run(tty().args(["-i", "--color", "never", &server.url("/script")]));
    out.assert_success()
        .assert_stdout_contains("HTTP/1.1 200 OK\n")
        .assert_stdout_lacks("\r\n");
}

// --- the -b and -q guards ------------------------------------------------------

#[test]
fn b_before_a_cookie_is_refused_and_nothing_is_sent() {
    let server = site();
    for cookie in ["sid=abc", "a=1; b=2"] {
        run(&mut bare(&["-b", cookie, &server.url("/script")]))
            .assert_code(2)
            .assert_stdout("")
            .assert_stderr("httpc: error: -b is --body in httpc; send cookies with --cookie\n");
    }
    server.assert_nothing_received();
}

#[test]
fn b_before_an_existing_file_is_refused() {
    let server = site();
    let dir = tempdir();
    fs::write(dir.path().join("cookies.txt"), "").unwrap();
    run(bare(&["-sb", "cookies.txt", &server.url("/script")]).current_dir(dir.path()))
        .assert_code(2)
        .assert_one_error_line(&["-b is --body in httpc"]);
    server.assert_nothing_received();
}

#[test]
fn b_as_body_still_works() {
    let server = site();
    run(&mut bare(&["-b", &server.url("/script")]))
        .assert_success()
        .assert_stdout("echo hello\n");
    run(&mut bare(&[&server.url("/script"), "-b"]))
        .assert_success()
        .assert_stdout("echo hello\n");
}

#[test]
fn q_before_an_option_is_refused_and_nothing_is_sent() {
    let server = site();
    run(&mut bare(&["-q", "-s", &server.url("/script")]))
        .assert_code(2)
        .assert_one_error_line(&["-q is --query in httpc"]);
    server.assert_nothing_received();
    let server = site();
    run(&mut bare(&["-q", "a=-1", &server.url("/script")])).assert_success();
    assert_eq!(server.only_request().target, "/script?a=-1");
}

// --- httpc URL with a body -----------------------------------------------------

#[test]
fn bare_url_with_a_body_option_sends_post() {
    for body in [
        &["-d", "x=1"][..],
        &["--json", "{}"],
        &["--form", "a=1"],
        &["-F", "a=1"],
    ] {
        let server = site();
        run(bare(&[&server.url("/script")]).args(body).arg("-s")).assert_success();
        assert_eq!(server.only_request().method, "POST", "{body:?}");
    }
}

#[test]
fn bare_url_with_the_data_habits_sends_post_and_with_upload_file_put() {
    for body in [
        &["--data-binary", "x=1"][..],
        &["--data-raw", "@x"],
        &["--data-urlencode", "q=a b"],
    ] {
        let server = site();
        run(bare(&[&server.url("/script")]).args(body).arg("-s")).assert_success();
        assert_eq!(server.only_request().method, "POST", "{body:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("up.txt");
    std::fs::write(&file, "hello\n").unwrap();
    let server = site();
    run(&mut bare(&[
        "-s",
        "-T",
        file.to_str().unwrap(),
        &server.url("/dir/"),
    ]))
    .assert_success();
    let request = server.only_request();
    assert_eq!(request.method, "PUT");
    assert_eq!(request.path(), "/dir/up.txt");
    assert_eq!(request.body, b"hello\n");
}

#[test]
fn bare_url_with_g_sends_get_with_the_data_in_the_query() {
    let server = site();
    run(&mut bare(&[
        "-s",
        "-G",
        "-d",
        "a=1",
        "--data-urlencode",
        "b=x y",
        &server.url("/script"),
    ]))
    .assert_success();
    let request = server.only_request();
    assert_eq!(request.method, "GET");
    assert_eq!(request.target, "/script?a=1&b=x+y");
    assert!(request.body.is_empty());
}

#[test]
fn bare_url_with_a_body_and_x_sends_that_method() {
    let server = site();
    run(&mut bare(&[
        "-X",
        "PATCH",
        "-d",
        "x",
        &server.url("/script"),
    ]))
    .assert_success();
    assert_eq!(server.only_request().method, "PATCH");
}

#[test]
fn get_command_with_a_body_stays_get() {
    let server = site();
    run(httpc().args(["get", &server.url("/script"), "-d", "x"])).assert_success();
    assert_eq!(server.only_request().method, "GET");
}

// --- --url, progress aliases, --remote-name-all, --create-dirs, --output-dir ---

#[test]
fn url_option_adds_urls_as_if_given_as_arguments() {
    let server = TestServer::new(|req| Reply::ok(req.path().to_string()));
    run(&mut bare(&[
        &server.url("/a"),
        "--url",
        &server.url("/b"),
        "--url",
        &server.url("/c"),
    ]))
    .assert_success()
    .assert_stdout("/a/b/c");
    let server = site();
    run(httpc().args(["post", "--url", &server.url("/script"), "-d", "x"])).assert_success();
    assert_eq!(server.only_request().method, "POST");
}

#[test]
fn url_option_alone_is_enough_and_one_url_commands_take_one() {
    let server = site();
    run(&mut bare(&["--url", &server.url("/script")]))
        .assert_success()
        .assert_stdout("echo hello\n");
    run(httpc().args([
        "put",
        &server.url("/script"),
        "--url",
        &server.url("/script"),
    ]))
    .assert_code(2)
    .assert_one_error_line(&["put takes one URL"]);
    assert_eq!(server.requests().len(), 1);
}

/// A body of 40 bytes in pieces, so a progress bar has time to show.
fn slow() -> TestServer {
    TestServer::new(|_| Reply::trickle(40, std::time::Duration::from_millis(25)))
}

#[test]
fn progress_bar_forms_draw_the_bar() {
    for flag in ["-#", "--progress-bar", "-L#"] {
        let server = slow();
        let out = run(tty().args([&server.url("/"), flag, "-b"]));
        out.assert_success();
        assert!(out.stderr_text().contains("/ 40 B"), "{flag}: {out:?}");
    }
}

#[test]
fn no_progress_meter_draws_no_bar() {
    let server = slow();
    run(tty().args(["--no-progress-meter", "-o", "/dev/null", &server.url("/")]))
        .assert_success()
        .assert_stderr_empty();
}

#[test]
fn remote_name_all_saves_every_url_under_its_name() {
    let server = TestServer::new(|req| Reply::ok(req.path().to_string()));
    let dir = tempdir();
    run(bare(&[
        "--remote-name-all",
        &server.url("/one.txt"),
        &server.url("/two.txt"),
    ])
    .current_dir(dir.path()))
    .assert_success()
    .assert_stdout("");
    assert_eq!(listing(dir.path()), ["one.txt", "two.txt"]);
    assert_eq!(
        fs::read_to_string(dir.path().join("two.txt")).unwrap(),
        "/two.txt"
    );
}

#[test]
fn create_dirs_makes_the_missing_directories_of_the_output_file() {
    use std::os::unix::fs::PermissionsExt;
    let server = site();
    let dir = tempdir();
    let file = dir.path().join("a/b/out.sh");
    run(&mut bare(&[
        "--create-dirs",
        "-o",
        file.to_str().unwrap(),
        &server.url("/script"),
    ]))
    .assert_success();
    assert_eq!(fs::read_to_string(&file).unwrap(), "echo hello\n");
    let mode = fs::metadata(dir.path().join("a"))
        .unwrap()
        .permissions()
        .mode();
    // 0777 less the umask; the test runs with the usual 022 or stricter.
    assert_eq!(mode & 0o700, 0o700);
    assert_eq!(mode & 0o022, 0);
}

#[test]
fn output_dir_holds_the_files_of_o_and_remote_names() {
    let server = TestServer::new(|req| Reply::ok(req.path().to_string()));
    let dir = tempdir();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    run(bare(&["--output-dir", "out", "-O", &server.url("/page.html")]).current_dir(dir.path()))
        .assert_success();
    run(bare(&["--output-dir", "out", "-o", "x.txt", &server.url("/x")]).current_dir(dir.path()))
        .assert_success();
    assert_eq!(listing(&out), ["page.html", "x.txt"]);
    assert_eq!(listing(dir.path()), ["out"]);
}

#[test]
fn a_missing_output_dir_is_exit_2_unless_create_dirs() {
    let server = site();
    let dir = tempdir();
    run(bare(&["--output-dir", "new", "-O", &server.url("/f.txt")]).current_dir(dir.path()))
        .assert_code(2)
        .assert_one_error_line(&["--output-dir", "'new'", "--create-dirs"]);
    assert!(server.requests().is_empty());
    run(bare(&[
        "--output-dir",
        "new/sub",
        "--create-dirs",
        "-O",
        &server.url("/f.txt"),
    ])
    .current_dir(dir.path()))
    .assert_success();
    assert_eq!(listing(&dir.path().join("new/sub")), ["f.txt"]);
}

#[test]
fn remote_header_name_goes_with_remote_name_all_too() {
    let server = TestServer::new(|_| {
        Reply::ok("data").header("Content-Disposition", "attachment; filename=\"r.csv\"")
    });
    let dir = tempdir();
    run(bare(&["--remote-name-all", "-J", &server.url("/x")]).current_dir(dir.path()))
        .assert_success();
    assert_eq!(listing(dir.path()), ["r.csv"]);
    run(bare(&["-J", &server.url("/x")]).current_dir(dir.path()))
        .assert_code(2)
        .assert_one_error_line(&["-J", "-O"]);
    assert_eq!(server.requests().len(), 1);
}

// --- -e, --oauth2-bearer ---------------------------------------------------------

#[test]
fn referer_is_sent() {
    let server = site();
    run(&mut bare(&[
        "-e",
        "http://from.example/",
        &server.url("/script"),
    ]))
    .assert_success();
    assert_eq!(
        server.only_request().header("referer"),
        Some("http://from.example/")
    );
}

#[test]
fn referer_auto_sets_each_redirect_hop_to_the_previous_url() {
    let server = site();
    run(&mut bare(&[
        "-L",
        "-e",
        "http://from.example/;auto",
        &server.url("/moved"),
    ]))
    .assert_success();
    let sent = server.requests();
    assert_eq!(sent[0].header("referer"), Some("http://from.example/"));
    assert_eq!(
        sent[1].header("referer"),
        Some(server.url("/moved").as_str())
    );
    let server = site();
    run(&mut bare(&["-L", "-e", ";auto", &server.url("/moved")])).assert_success();
    let sent = server.requests();
    assert_eq!(sent[0].header("referer"), None);
    assert_eq!(
        sent[1].header("referer"),
        Some(server.url("/moved").as_str())
    );
}

#[test]
fn referer_without_auto_stays_the_same_on_redirects() {
    let server = site();
    run(&mut bare(&[
        "-L",
        "-e",
        "http://from.example/",
        &server.url("/moved"),
    ]))
    .assert_success();
    for sent in server.requests() {
        assert_eq!(sent.header("referer"), Some("http://from.example/"));
    }
}

#[test]
fn oauth2_bearer_is_bearer() {
    let server = site();
    run(&mut bare(&[
        "--oauth2-bearer",
        "tok",
        &server.url("/script"),
    ]))
    .assert_success();
    assert_eq!(
        server.only_request().header("authorization"),
        Some("Bearer tok")
    );
}

// --- --cookie FILE that does not exist yet; -F types -------------------------------

#[test]
fn cookie_jar_that_does_not_exist_yet_works_on_the_first_run() {
    let server = TestServer::new(|req| match req.header("cookie") {
        Some(c) => Reply::ok(format!("got {c}")),
        None => Reply::ok("first").header("Set-Cookie", "sid=42; Path=/"),
    });
    let dir = tempdir();
    let jar = dir.path().join("jar.txt");
    let jar = jar.to_str().unwrap();
    let first = run(&mut bare(&["--cookie", jar, "-c", jar, &server.url("/")]));
    first.assert_success().assert_stdout("first");
    assert!(fs::read_to_string(jar).unwrap().contains("\tsid\t42"));
    run(&mut bare(&["--cookie", jar, "-c", jar, &server.url("/")]))
        .assert_success()
        .assert_stdout("got sid=42");
}

#[test]
fn file_parts_get_the_type_of_their_extension() {
    let server = TestServer::new(|_| Reply::ok("ok"));
    let dir = tempdir();
    for name in ["a.json", "b.png", "c.jpg", "d.unknownext"] {
        fs::write(dir.path().join(name), "x").unwrap();
    }
    run(bare(&[
        &server.url("/up"),
        "-F",
        "a=@a.json",
        "-F",
        "b=@b.png",
        "-F",
        "c=@c.jpg",
        "-F",
        "d=@d.unknownext",
        "-F",
        "e=@a.json;type=text/x-mine",
    ])
    .current_dir(dir.path()))
    .assert_success();
    let sent = server.only_request();
    assert_eq!(sent.method, "POST");
    let parts = parse_multipart(sent.header("content-type").unwrap(), &sent.body);
    let types: Vec<_> = parts.iter().map(|p| p.content_type.clone()).collect();
    assert_eq!(
        types,
        [
            Some("application/json".to_string()),
            Some("image/png".to_string()),
            Some("image/jpeg".to_string()),
            Some("application/octet-stream".to_string()),
            Some("text/x-mine".to_string()),
        ]
    );
}

// --- -C - ------------------------------------------------------------------

/// `curl -C - -o FILE URL`: resume where FILE ends, as httpc's -C does.
#[test]
fn continue_at_dash_resumes_where_the_file_ends() {
    let dir = tempdir();
    let file = dir.path().join("dl.txt");
    fs::write(&file, "hello ").unwrap();
    let server = TestServer::new(|req| match req.header("range") {
        Some("bytes=6-") => Reply::status(206)
            .header("content-range", "bytes 6-10/11")
            .body("world"),
        _ => Reply::ok("hello world"),
    });
    let path = file.to_str().unwrap();
    run(&mut bare(&[
        "-sSL",
        "-C",
        "-",
        "-o",
        path,
        &server.url("/dl.txt"),
    ]))
    .assert_success()
    .assert_stdout("")
    .assert_stderr_empty();
    assert_eq!(server.only_request().headers_named("range"), ["bytes=6-"]);
    assert_eq!(fs::read_to_string(&file).unwrap(), "hello world");
}

/// `-C 100`: httpc resumes only where the file ends; an offset is a usage
/// error, and nothing is sent.
#[test]
fn continue_at_an_offset_is_a_usage_error() {
    let server = site();
    run(&mut bare(&["-C", "100", "-o", "x", &server.url("/script")]))
        .assert_code(2)
        .assert_stderr(
            "httpc: error: httpc resumes where the file ends: -C takes no offset \
             (-C - is the same as -C)\n",
        );
    server.assert_nothing_received();
}
