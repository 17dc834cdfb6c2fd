//! HTTP/2 servers that misbehave, on the raw frame server
//! (`support::h2raw`, h2c with prior knowledge): a GOAWAY and which
//! streams go again, floods and endless frames (exit 16, never a hang, even
//! though bytes keep coming so `--timeout` never fires), bodies that do not
//! match their `content-length`, windows never reopened (exit 28), and the
//! SETTINGS httpc sends.

use crate::support::h2raw::*;
use crate::support::{get, httpc, run, Outcome};

const PRIOR: &str = "--http2-prior-knowledge";

fn fetch(server: &RawH2, args: &[&str]) -> Outcome {
    let url = server.url("/x");
    let mut all = vec![PRIOR, "--timeout", "2"];
    all.extend_from_slice(args);
    run(&mut get(&url, &all))
}

fn post(server: &RawH2, args: &[&str]) -> Outcome {
    let url = server.url("/x");
    let mut cmd = httpc();
    cmd.args(["post", &url, PRIOR, "--timeout", "2"]).args(args);
    run(&mut cmd)
}

/// The HEADERS frames of requests the client sent, per connection.
fn requests(server: &RawH2) -> Vec<usize> {
    server
        .received()
        .iter()
        .map(|frames| frames.iter().filter(|f| f.kind == HEADERS).count())
        .collect()
}

/// The request body bytes the client sent on connection `n`.
fn body_on(server: &RawH2, n: usize) -> Vec<u8> {
    server.received()[n]
        .iter()
        .filter(|f| f.kind == DATA)
        .flat_map(|f| f.payload.clone())
        .collect()
}

/// Answers the request with `body` and a `content-length`.
fn answer(conn: &mut Conn, stream: u32, body: &[u8]) {
    let len = body.len().to_string();
    conn.send(&head(stream, 200, &[("content-length", &len)], false));
    conn.send(&data(stream, body, true));
    conn.await_close();
}

// ---------------------------------------------------------------------------
// GOAWAY and the resend rule
// ---------------------------------------------------------------------------

/// The first connection answers the request with a GOAWAY whose last
/// stream is below it (with `code`), the second with a body.
fn goaway_then_answer(code: u32) -> RawH2 {
    RawH2::start(move |n, conn| {
        let Some(stream) = conn.await_request() else {
            return;
        };
        match n {
            0 => {
                conn.send(&goaway(stream - 1, code));
            }
            _ => answer(conn, stream, b"second"),
        }
    })
}

#[test]
fn a_stream_above_the_goaways_last_stream_is_sent_again() {
    let server = goaway_then_answer(NO_ERROR);
    let out = post(&server, &["-d", "payload", "-v"]);
    out.assert_success().assert_stdout("second");
    out.assert_stderr_contains("* GOAWAY from the server: NO_ERROR (0x0), last stream 0\n")
        .assert_stderr_contains(
            "* the server did not process the request (GOAWAY NO_ERROR (0x0), last stream 0): sending again on a new connection\n",
        );
    assert_eq!(requests(&server), [1, 1], "one request on each connection");
    // The first connection may or may not have taken the body before its
    // GOAWAY; the second took all of it.
    assert_eq!(body_on(&server, 1), b"payload");
}

#[test]
fn a_stream_not_processed_goes_again_whatever_the_goaways_code() {
    let server = goaway_then_answer(INTERNAL_ERROR);
    let out = fetch(&server, &["-v"]);
    out.assert_success().assert_stdout("second");
    out.assert_stderr_contains("* GOAWAY from the server: INTERNAL_ERROR (0x2), last stream 0\n");
    assert_eq!(requests(&server), [1, 1]);
}

#[test]
fn a_stream_not_processed_whose_body_cannot_go_again_is_16() {
    let server = goaway_then_answer(NO_ERROR);
    let url = server.url("/x");
    let mut cmd = httpc();
    cmd.args(["post", &url, PRIOR, "--timeout", "2", "-d", "@-"])
        .write_stdin("from stdin");
    let out = run(&mut cmd);
    out.assert_code(16)
        .assert_stdout("")
        .assert_one_error_line(&[
            &url,
            "did not process the request",
            "GOAWAY NO_ERROR (0x0), last stream 0",
            "--http1.1",
        ]);
    assert_eq!(requests(&server), [1]);
}

#[test]
fn a_stream_at_the_goaways_last_stream_that_fails_is_16() {
    // The server takes the request (last stream = its stream), sends part
    // of the body and closes: the request was processed, so it does not go
    // again.
    let server = RawH2::start(|_, conn| {
        let Some(stream) = conn.await_request() else {
            return;
        };
        conn.send(&goaway(stream, NO_ERROR));
        conn.send(&head(stream, 200, &[("content-length", "10")], false));
        conn.send(&data(stream, b"abc", false));
    });
    let url = server.url("/x");
    let out = run(&mut get(&url, &[PRIOR, "--timeout", "2"]));
    out.assert_code(16)
        .assert_stdout("abc")
        .assert_one_error_line(&[
            &url,
            "GOAWAY NO_ERROR (0x0), last stream 1",
            "before stream 1 was complete",
            "--http1.1",
        ]);
    assert_eq!(requests(&server), [1], "not sent again");
}

#[test]
fn after_a_goaway_the_next_url_goes_on_a_new_connection() {
    // The first connection answers stream 1, then says it takes no more:
    // the second URL goes on a new connection, whether httpc saw the
    // GOAWAY before sending it or after (then stream 3 was not processed).
    let server = RawH2::start(|n, conn| {
        let Some(stream) = conn.await_request() else {
            return;
        };
        let body: &[u8] = if n == 0 { b"one\n" } else { b"two\n" };
        conn.send(&head(stream, 200, &[("content-length", "4")], false));
        conn.send(&data(stream, body, true));
        if n == 0 {
            conn.send(&goaway(stream, NO_ERROR));
        }
        conn.await_close();
    });
    let mut cmd = get(&server.url("/1"), &[PRIOR, "--timeout", "2", "-v"]);
    cmd.arg(server.url("/2"));
    let out = run(&mut cmd);
    out.assert_success().assert_stdout("one\ntwo\n");
    out.assert_stderr_contains("* GOAWAY from the server: NO_ERROR (0x0), last stream 1\n");
    let requests = requests(&server);
    assert_eq!(requests.len(), 2, "{requests:?}");
    assert_eq!(requests[1], 1, "{requests:?}");
}

// ---------------------------------------------------------------------------
// Floods and endless frames: exit 16 while bytes keep coming
// ---------------------------------------------------------------------------

/// A server that answers the request by sending `frame(i)` until the
/// client leaves.
fn flooding(frame: impl Fn(u32, usize) -> Vec<u8> + Send + Sync + 'static) -> RawH2 {
    RawH2::start(move |_, conn| {
        if let Some(stream) = conn.await_request() {
            conn.flood(1_000_000, |i| frame(stream, i));
        }
    })
}

#[track_caller]
fn assert_flood(server: &RawH2, words: &[&str]) {
    let url = server.url("/x");
    let out = fetch(server, &[]);
    let mut needles = vec![url.as_str(), "--http1.1"];
    needles.extend_from_slice(words);
    out.assert_code(16)
        .assert_stdout("")
        .assert_one_error_line(&needles);
}

#[test]
fn a_ping_flood_is_16() {
    let server = flooding(|_, i| ping(i as u64));
    assert_flood(&server, &["more than 1000 PING frames"]);
}

#[test]
fn a_settings_flood_is_16() {
    let server = flooding(|_, _| settings());
    assert_flood(&server, &["more than 1000 SETTINGS frames"]);
}

#[test]
fn a_flood_of_priority_frames_is_16() {
    // PRIORITY (0x2): h2 reads and drops them.
    let server = flooding(|stream, _| frame(0x2, 0, stream, &[0, 0, 0, 0, 16]));
    assert_flood(
        &server,
        &["more than 1000 PRIORITY, RST_STREAM or unknown frames"],
    );
}

#[test]
fn a_window_update_flood_is_16() {
    // One byte more window each time, on the connection: nothing for
    // httpc to send, and no response.
    let server = flooding(|_, _| frame(0x8, 0, 0, &1u32.to_be_bytes()));
    assert_flood(&server, &["more than 1000 WINDOW_UPDATE frames"]);
}

#[test]
fn a_flood_of_empty_data_frames_is_16() {
    let server = RawH2::start(|_, conn| {
        if let Some(stream) = conn.await_request() {
            conn.send(&head(stream, 200, &[], false));
            conn.flood(1_000_000, |_| data(stream, b"", false));
        }
    });
    assert_flood(&server, &["too many empty or tiny DATA frames"]);
}

#[test]
fn a_flood_of_resets_for_a_finished_stream_is_16() {
    // The first URL is answered on stream 1; while the second waits on
    // stream 3, the server resets stream 1 again and again.
    let server = RawH2::start(|_, conn| {
        if let Some(stream) = conn.await_request() {
            conn.send(&head(stream, 200, &[("content-length", "2")], false));
            conn.send(&data(stream, b"ok", true));
            if conn
                .await_frame(|f| f.kind == HEADERS && f.stream > stream)
                .is_some()
            {
                conn.flood(1_000_000, |_| rst_stream(stream, 0x8));
            }
        }
    });
    let (first, second) = (server.url("/x"), server.url("/y"));
    run(&mut get(&first, &[PRIOR, "--timeout", "2", &second]))
        .assert_code(16)
        .assert_stdout("ok")
        .assert_one_error_line(&[&second, "more than 1000 PRIORITY, RST_STREAM", "--http1.1"]);
}

#[test]
fn a_ping_flood_inside_the_body_is_16() {
    let server = RawH2::start(|_, conn| {
        if let Some(stream) = conn.await_request() {
            conn.send(&head(stream, 200, &[("content-length", "10")], false));
            conn.send(&data(stream, b"abc", false));
            conn.flood(1_000_000, |i| ping(i as u64));
        }
    });
    let url = server.url("/x");
    fetch(&server, &[])
        .assert_code(16)
        .assert_stdout("abc")
        .assert_one_error_line(&[&url, "more than 1000 PING frames", "--http1.1"]);
}

#[test]
fn endless_interim_heads_are_16() {
    let server = flooding(|stream, _| head(stream, 103, &[("link", "</a.css>")], false));
    assert_flood(&server, &["more than 100 heads on stream 1"]);
}

#[test]
fn endless_continuation_frames_are_16() {
    let server = RawH2::start(|_, conn| {
        let Some(stream) = conn.await_request() else {
            return;
        };
        conn.send(&frame(HEADERS, 0, stream, &hpack(200, &[])));
        let field = fields_block(&[("x-more", "yes")]);
        conn.flood(1_000_000, |_| frame(CONTINUATION, 0, stream, &field));
    });
    assert_flood(&server, &["too many CONTINUATION frames"]);
}

#[test]
fn endless_trailers_are_16() {
    let server = RawH2::start(|_, conn| {
        let Some(stream) = conn.await_request() else {
            return;
        };
        conn.send(&head(stream, 200, &[], false));
        conn.send(&data(stream, b"body", false));
        let field = fields_block(&[("x-trailer", "again")]);
        conn.send(&frame(HEADERS, END_STREAM, stream, &field));
        conn.flood(1_000_000, |_| frame(CONTINUATION, 0, stream, &field));
    });
    let url = server.url("/x");
    let out = fetch(&server, &[]);
    out.assert_code(16)
        .assert_one_error_line(&[&url, "too many CONTINUATION frames", "--http1.1"]);
}

/// A head of `fields` in a HEADERS frame and CONTINUATION frames of
/// 16 KiB, the most a frame may carry unless the client says more.
fn split_head(stream: u32, status: u16, fields: &[(&str, &str)], end: bool) -> Vec<u8> {
    let block = hpack(status, fields);
    let mut parts = block.chunks(16 << 10).peekable();
    let first = parts.next().unwrap();
    let whole = if parts.peek().is_none() {
        END_HEADERS
    } else {
        0
    };
    let flags = whole | if end { END_STREAM } else { 0 };
    let mut out = frame(HEADERS, flags, stream, first);
    while let Some(part) = parts.next() {
        let flags = if parts.peek().is_none() {
            END_HEADERS
        } else {
            0
        };
        out.extend(frame(CONTINUATION, flags, stream, part));
    }
    out
}

#[test]
fn a_header_list_over_300_kib_is_16() {
    let server = RawH2::start(|_, conn| {
        let Some(stream) = conn.await_request() else {
            return;
        };
        // 40 fields of 8 KiB: 320 KiB.
        let value = "v".repeat(8 << 10);
        let names: Vec<String> = (0..40).map(|i| format!("x-big-{i}")).collect();
        let fields: Vec<(&str, &str)> =
            names.iter().map(|n| (n.as_str(), value.as_str())).collect();
        conn.send(&split_head(stream, 200, &fields, true));
        conn.await_close();
    });
    assert_flood(&server, &["response head is over 300 KiB"]);
}

#[test]
fn interim_heads_over_1_mib_together_are_16() {
    // Each 200 KiB interim head is within the bound; five are not.
    let server = RawH2::start(|_, conn| {
        let Some(stream) = conn.await_request() else {
            return;
        };
        let value = "v".repeat(200 << 10);
        let interim = split_head(stream, 103, &[("link", &value)], false);
        conn.flood(10, |_| interim.clone());
        conn.await_close();
    });
    assert_flood(&server, &["more than 1024 KiB of heads on stream 1"]);
}

#[test]
fn a_connection_specific_field_in_a_response_is_16() {
    // RFC 9113 §8.2.2: a response carrying `connection` is malformed.
    let server = RawH2::start(|_, conn| {
        if let Some(stream) = conn.await_request() {
            conn.send(&head(stream, 200, &[("connection", "close")], true));
            conn.await_close();
        }
    });
    let url = server.url("/x");
    fetch(&server, &[])
        .assert_code(16)
        .assert_stdout("")
        .assert_one_error_line(&[
            &url,
            "malformed HTTP/2 response head: PROTOCOL_ERROR (0x1)",
            "--http1.1",
        ]);
}

// ---------------------------------------------------------------------------
// Bodies and content-length
// ---------------------------------------------------------------------------

#[test]
fn more_data_than_content_length_is_16() {
    let server = RawH2::start(|_, conn| {
        if let Some(stream) = conn.await_request() {
            conn.send(&head(stream, 200, &[("content-length", "3")], false));
            conn.send(&data(stream, b"abcdef", true));
            conn.await_close();
        }
    });
    let url = server.url("/x");
    fetch(&server, &[])
        .assert_code(16)
        .assert_stdout("")
        .assert_one_error_line(&[
            &url,
            "more body than its content-length (3 bytes)",
            "--http1.1",
        ]);
}

#[test]
fn less_data_than_content_length_is_18() {
    let server = RawH2::start(|_, conn| {
        if let Some(stream) = conn.await_request() {
            conn.send(&head(stream, 200, &[("content-length", "10")], false));
            conn.send(&data(stream, b"abc", true));
            conn.await_close();
        }
    });
    let url = server.url("/x");
    fetch(&server, &[])
        .assert_code(18)
        .assert_one_error_line(&[&url, "ended early"]);
}

#[test]
fn a_reset_with_no_error_inside_the_body_is_18() {
    let server = RawH2::start(|_, conn| {
        if let Some(stream) = conn.await_request() {
            conn.send(&head(stream, 200, &[("content-length", "10")], false));
            conn.send(&data(stream, b"abc", false));
            conn.send(&rst_stream(stream, NO_ERROR));
            conn.await_close();
        }
    });
    let url = server.url("/x");
    fetch(&server, &[])
        .assert_code(18)
        .assert_stdout("abc")
        .assert_one_error_line(&[&url, "ended early", "NO_ERROR"]);
}

// ---------------------------------------------------------------------------
// Windows never reopened, servers that stop
// ---------------------------------------------------------------------------

/// A server that takes the request head and then never answers, never
/// opens a window, until the client leaves.
fn silent() -> RawH2 {
    RawH2::start(|_, conn| {
        conn.await_request();
        conn.await_close();
    })
}

#[test]
fn an_upload_whose_window_never_reopens_times_out() {
    let server = silent();
    let dir = crate::support::tempdir();
    let file = dir.path().join("big");
    std::fs::write(&file, vec![b'u'; 200_000]).unwrap();
    let upload = format!("@{}", file.display());
    let url = server.url("/x");
    post(&server, &["--data-binary", &upload])
        .assert_code(28)
        .assert_stdout("")
        .assert_one_error_line(&[&url, "timed out after 2s"]);
    // The initial window, and not a byte more.
    assert_eq!(body_on(&server, 0).len(), 65_535);
}

#[test]
fn an_upload_whose_window_never_reopens_ends_at_max_time() {
    let server = silent();
    let dir = crate::support::tempdir();
    let file = dir.path().join("big");
    std::fs::write(&file, vec![b'u'; 200_000]).unwrap();
    let upload = format!("@{}", file.display());
    let url = server.url("/x");
    let mut cmd = httpc();
    cmd.args(["post", &url, PRIOR, "--data-binary", &upload, "-m", "2"]);
    run(&mut cmd)
        .assert_code(28)
        .assert_one_error_line(&[&url, "--max-time"]);
}

#[test]
fn a_server_that_stops_inside_the_body_times_out() {
    let server = RawH2::start(|_, conn| {
        if let Some(stream) = conn.await_request() {
            conn.send(&head(stream, 200, &[("content-length", "10")], false));
            conn.send(&data(stream, b"abc", false));
            conn.await_close();
        }
    });
    let url = server.url("/x");
    fetch(&server, &[])
        .assert_code(28)
        .assert_stdout("abc")
        .assert_one_error_line(&[&url, "no data for 2s while reading the body"]);
}

// ---------------------------------------------------------------------------
// What httpc says in its SETTINGS
// ---------------------------------------------------------------------------

#[test]
fn server_push_is_refused_in_the_settings() {
    let server = RawH2::start(|_, conn| {
        if let Some(stream) = conn.await_request() {
            answer(conn, stream, b"ok");
        }
    });
    fetch(&server, &[]).assert_success().assert_stdout("ok");
    let frames = &server.received()[0];
    let first = frames.first().expect("a frame after the preface");
    assert_eq!((first.kind, first.flags), (SETTINGS, 0), "{frames:?}");
    let settings = first.settings();
    // SETTINGS_ENABLE_PUSH (0x2) = 0.
    assert!(settings.contains(&(0x2, 0)), "{settings:?}");
    // SETTINGS_MAX_HEADER_LIST_SIZE (0x6) = 300 KiB.
    assert!(settings.contains(&(0x6, 300 << 10)), "{settings:?}");
}
