//! Redirects with `-L` (contract: "Redirects with `-L`"): each code's
//! method and body rule, relative Locations, credentials dropped when the
//! scheme, host or port changes, `--max-redirs`.

mod common;

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use common::*;

/// A server where `/start` answers `status` with `Location: /next` and
/// `/next` answers 200 `done`.
fn redirecting(status: u16) -> TestServer {
    TestServer::new(move |req| match req.path() {
        "/start" => Reply::redirect(status, "/next").body("redirect body"),
        _ => Reply::ok("done"),
    })
}

/// Runs `httpc ARGS...` against `/start` with `-L` and returns the two
/// requests the server saw.
fn follow(status: u16, args: &[&str]) -> (Outcome, Request, Request) {
    let server = redirecting(status);
    let out = run(httpc().args(args).arg(server.url("/start")).arg("-L"));
    out.assert_success().assert_stdout("done");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2, "{out:?}\n{reqs:#?}");
    let mut reqs = reqs.into_iter();
    (out, reqs.next().unwrap(), reqs.next().unwrap())
}

/// The second hop is a GET with no body and nothing that describes one.
#[track_caller]
fn assert_bodiless_get(req: &Request) {
    assert_eq!(req.method, "GET", "{req:#?}");
    assert_eq!(req.path(), "/next");
    assert!(req.body.is_empty(), "{req:#?}");
    for name in ["content-length", "transfer-encoding", "content-type"] {
        assert_eq!(
            req.header(name),
            None,
            "{name} on a GET without body\n{req:#?}"
        );
    }
}

/// The second hop repeats the method and the body exactly.
#[track_caller]
fn assert_resent(first: &Request, second: &Request, method: &str, body: &[u8]) {
    assert_eq!(first.method, method);
    assert_eq!(first.body, body);
    assert_eq!(second.method, method, "{second:#?}");
    assert_eq!(second.path(), "/next");
    assert_eq!(second.body, body, "{second:#?}");
    assert_eq!(
        second.header("content-type"),
        first.header("content-type"),
        "{second:#?}"
    );
}

// ---------------------------------------------------------------------------
// Each code's method and body rule
// ---------------------------------------------------------------------------

#[test]
fn post_with_301_becomes_get_without_body() {
    let (_, first, second) = follow(301, &["post", "-d", "payload"]);
    assert_eq!(first.method, "POST");
    assert_eq!(first.body, b"payload");
    assert_bodiless_get(&second);
}

#[test]
fn post_with_302_becomes_get_without_body() {
    let (_, first, second) = follow(302, &["post", "--json", r#"{"a":1}"#]);
    assert_eq!(first.method, "POST");
    assert_bodiless_get(&second);
}

#[test]
fn post_with_303_becomes_get_without_body() {
    let (_, _, second) = follow(303, &["post", "--form", "a=b"]);
    assert_bodiless_get(&second);
}

#[test]
fn put_and_delete_with_303_become_get_without_body() {
    let (_, first, second) = follow(303, &["put", "-d", "replace"]);
    assert_eq!(first.method, "PUT");
    assert_bodiless_get(&second);
    let (_, first, second) = follow(303, &["delete"]);
    assert_eq!(first.method, "DELETE");
    assert_bodiless_get(&second);
}

#[test]
fn head_with_303_stays_head() {
    let server = redirecting(303);
    let out = run(httpc().args(["head", &server.url("/start"), "-L"]));
    out.assert_success();
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2, "{out:?}");
    assert_eq!(reqs[1].method, "HEAD");
    assert_eq!(reqs[1].path(), "/next");
}

#[test]
fn put_with_301_and_302_keeps_method_and_body() {
    // Only POST turns into GET on 301/302.
    for status in [301, 302] {
        let (_, first, second) = follow(status, &["put", "-d", "same bytes"]);
        assert_resent(&first, &second, "PUT", b"same bytes");
    }
}
