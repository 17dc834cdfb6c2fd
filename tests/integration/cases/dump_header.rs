//! `-D/--dump-header FILE|-`: every response head (each redirect hop and
//! retry attempt) as received, CRLF line ends, a blank line after each.

use std::fs;

use crate::support::*;

/// `/a` redirects to `/b` with a header of the server's casing, `/b`
/// answers 200 with a body.
fn hops() -> TestServer {
    TestServer::new(|req| match req.path() {
        "/a" => Reply::redirect(302, "/b").header("X-Hop", "One"),
        _ => Reply::ok("final body").header("Content-Type", "text/plain"),
    })
}

const HEADS: &str = "HTTP/1.1 302 Found\r\nlocation: /b\r\nX-Hop: One\r\ncontent-length: 0\r\n\r\n\
                     HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\ncontent-length: 10\r\n\r\n";

#[test]
fn every_hop_of_a_redirect_is_dumped_byte_for_byte() {
    let server = hops();
    let dir = tempdir();
    let file = dir.path().join("heads.txt");
    run(&mut get(
        &server.url("/a"),
        &["-L", "-D", file.to_str().unwrap()],
    ))
    .assert_success()
    .assert_stdout("final body")
    .assert_stderr_empty();
    assert_eq!(fs::read_to_string(&file).unwrap(), HEADS);
}

#[test]
fn dump_to_stdout_comes_before_the_body() {
    let server = hops();
    let out = run(&mut get(&server.url("/a"), &["-L", "-D", "-"]));
    out.assert_success()
        .assert_stdout(format!("{HEADS}final body"));
}

#[test]
fn each_retry_attempt_is_dumped() {
    let server = TestServer::script([Reply::status(503), Reply::ok("ok")]);
    let dir = tempdir();
    let file = dir.path().join("heads.txt");
    run(&mut get(
        &server.url("/"),
        &[
            "--retry",
            "1",
            "--retry-delay",
            "0",
            "-s",
            "-D",
            file.to_str().unwrap(),
        ],
    ))
    .assert_success();
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\n\r\n\
         HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n"
    );
}

#[test]
fn every_url_of_a_get_is_dumped_in_order() {
    let server = TestServer::new(|req| Reply::ok(req.path().to_string()));
    let dir = tempdir();
    let file = dir.path().join("heads.txt");
    run(httpc().args([
        "get",
        &server.url("/one"),
        &server.url("/three"),
        "-D",
        file.to_str().unwrap(),
    ]))
    .assert_success()
    .assert_stdout("/one/three");
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        "HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 6\r\n\r\n"
    );
}

#[test]
fn a_hop_before_a_failure_is_still_dumped() {
    let server = TestServer::new(|_| Reply::redirect(302, &closed_port_url("/gone")));
    let dir = tempdir();
    let file = dir.path().join("heads.txt");
    run(&mut get(
        &server.url("/"),
        &["-L", "-D", file.to_str().unwrap()],
    ))
    .assert_code(7);
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("HTTP/1.1 302 Found\r\nlocation: http://"),
        "{text:?}"
    );
    assert!(text.ends_with("\r\n\r\n"), "{text:?}");
}

#[test]
fn an_unwritable_dump_file_is_exit_1_and_nothing_is_sent() {
    let server = TestServer::ok("x");
    let dir = tempdir();
    let file = dir.path().join("no-dir/heads.txt");
    run(&mut get(&server.url("/"), &["-D", file.to_str().unwrap()]))
        .assert_code(1)
        .assert_one_error_line(&["-D", "heads.txt"]);
    server.assert_nothing_received();
}

#[test]
fn head_requests_dump_their_heads_too() {
    let server = TestServer::ok("unused");
    let dir = tempdir();
    let file = dir.path().join("heads.txt");
    run(httpc().args(["head", &server.url("/"), "-D", file.to_str().unwrap()])).assert_success();
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 6\r\n\r\n"
    );
}

#[test]
fn dump_to_a_terminal_has_plain_line_ends() {
    let server = hops();
    let out = run(tty().args([
        "get",
        &server.url("/a"),
        "-L",
        "-D",
        "-",
        "--color",
        "never",
    ]));
    out.assert_success();
    let text = out.stdout_text();
    assert!(
        text.starts_with(
            "HTTP/1.1 302 Found\nlocation: /b\nX-Hop: One\ncontent-length: 0\n\nHTTP/1.1 200 OK\n"
        ),
        "{text:?}"
    );
    assert!(!text.contains('\r'), "{text:?}");
}
