//! `httpc status-codes` (docs/usage.md, "`httpc status-codes`").

use assert_cmd::Command;

use crate::support::{httpc, run};

/// The IANA HTTP Status Code Registry (RFC 9110 and its updates), with 418,
/// written out here independently of src/status.rs.
const REGISTRY: &str = "\
100 Continue
101 Switching Protocols
102 Processing
103 Early Hints
200 OK
201 Created
202 Accepted
203 Non-Authoritative Information
204 No Content
205 Reset Content
206 Partial Content
207 Multi-Status
208 Already Reported
226 IM Used
300 Multiple Choices
301 Moved Permanently
302 Found
303 See Other
304 Not Modified
305 Use Proxy
306 (Unused)
307 Temporary Redirect
308 Permanent Redirect
400 Bad Request
401 Unauthorized
402 Payment Required
403 Forbidden
404 Not Found
405 Method Not Allowed
406 Not Acceptable
407 Proxy Authentication Required
408 Request Timeout
409 Conflict
410 Gone
411 Length Required
412 Precondition Failed
413 Content Too Large
414 URI Too Long
415 Unsupported Media Type
416 Range Not Satisfiable
417 Expectation Failed
418 I'm a teapot
421 Misdirected Request
422 Unprocessable Content
423 Locked
424 Failed Dependency
425 Too Early
426 Upgrade Required
428 Precondition Required
429 Too Many Requests
431 Request Header Fields Too Large
451 Unavailable For Legal Reasons
500 Internal Server Error
501 Not Implemented
502 Bad Gateway
503 Service Unavailable
504 Gateway Timeout
505 HTTP Version Not Supported
506 Variant Also Negotiates
507 Insufficient Storage
508 Loop Detected
510 Not Extended
511 Network Authentication Required
";

const HEADINGS: [&str; 5] = [
    "1xx Informational",
    "2xx Successful",
    "3xx Redirection",
    "4xx Client Error",
    "5xx Server Error",
];

const RETRYABLE: [u64; 6] = [408, 429, 500, 502, 503, 504];

/// `httpc status-codes` with stdout piped and the clean environment of
/// `support::httpc`.
fn status_codes() -> Command {
    let mut cmd = httpc();
    cmd.arg("status-codes");
    cmd
}

/// The lines of REGISTRY whose code starts with `digit`.
fn registry_class(digit: char) -> String {
    REGISTRY
        .lines()
        .filter(|l| l.starts_with(digit))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// stdout of a run that must succeed quietly (and print UTF-8).
fn stdout_of(cmd: &mut Command) -> String {
    let out = run(cmd);
    out.assert_success().assert_stderr_empty();
    out.stdout_str().to_string()
}

/// Removes SGR escape sequences (`ESC [ ... m`).
fn strip_ansi(text: &str) -> String {
    let mut plain = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            plain.push(c);
        }
    }
    plain
}

#[test]
fn no_query_lists_every_registered_code_one_per_line() {
    run(&mut status_codes())
        .assert_success()
        .assert_stdout(REGISTRY)
        .assert_stderr_empty();
}

#[test]
fn code_prints_phrase_description_and_reference() {
    run(status_codes().arg("404"))
        .assert_success()
        .assert_stderr_empty()
        .assert_stdout(
            "404 Not Found\n\
         The server has nothing at this URL, or does not want to say whether something is there.\n\
         RFC 9110, Section 15.5.5\n",
        );
}

#[test]
fn references_use_rfc_9110_section_numbers() {
    for (code, reference) in [
        ("200", "RFC 9110, Section 15.3.1"),
        ("500", "RFC 9110, Section 15.6.1"),
        ("418", "RFC 9110, Section 15.5.19"),
        ("421", "RFC 9110, Section 15.5.20"),
        ("103", "RFC 8297, Section 2"),
        ("425", "RFC 8470, Section 5.2"),
        ("451", "RFC 7725, Section 3"),
        ("511", "RFC 6585, Section 6"),
    ] {
        let out = stdout_of(status_codes().arg(code));
        assert_eq!(out.lines().nth(2), Some(reference), "{code}");
    }
}

#[test]
fn a_retryable_code_says_retry_retries_it() {
    run(status_codes().arg("503"))
        .assert_success()
        .assert_stderr_empty()
        .assert_stdout(
            "503 Service Unavailable\n\
         The server cannot take the request right now, because of overload or maintenance, \
         and Retry-After may say for how long.\n\
         RFC 9110, Section 15.6.4\n\
         Transient: httpc --retry retries it.\n",
        );
}

#[test]
fn class_lists_only_that_class() {
    run(status_codes().arg("4xx"))
        .assert_success()
        .assert_stderr_empty()
        .assert_stdout(registry_class('4'));
}

#[test]
fn class_is_case_insensitive() {
    run(status_codes().arg("5XX"))
        .assert_success()
        .assert_stderr_empty()
        .assert_stdout(registry_class('5'));
}

#[test]
fn teapot_finds_418() {
    let out = stdout_of(status_codes().arg("teapot"));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(lines[0], "418 I'm a teapot");
    assert_eq!(lines[2], "RFC 9110, Section 15.5.19");
}

#[test]
fn words_match_reason_phrases_case_insensitively() {
    let one_arg = stdout_of(status_codes().arg("NOT FOUND"));
    assert!(one_arg.starts_with("404 Not Found\n"), "{one_arg}");
    let two_args = stdout_of(status_codes().args(["not", "found"]));
    assert_eq!(two_args, one_arg);
}

#[test]
fn words_that_match_several_phrases_list_them() {
    run(status_codes().arg("timeout"))
        .assert_success()
        .assert_stderr_empty()
        .assert_stdout("408 Request Timeout\n504 Gateway Timeout\n");
}

#[test]
fn words_in_no_phrase_match_descriptions() {
    let out = stdout_of(status_codes().arg("rate limit"));
    assert!(out.starts_with("429 Too Many Requests\n"), "{out}");
}

#[test]
fn json_lists_every_code_with_its_fields() {
    let out = stdout_of(status_codes().arg("--json"));
    assert!(out.ends_with("]\n"));
    let array: serde_json::Value = serde_json::from_str(&out).unwrap();
    let array = array.as_array().unwrap();
    let expected: Vec<&str> = REGISTRY.lines().collect();
    assert_eq!(array.len(), expected.len());
    for (item, line) in array.iter().zip(expected) {
        let object = item.as_object().unwrap();
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "code",
                "reason",
                "class",
                "description",
                "reference",
                "retryable"
            ]
        );
        let code = item["code"].as_u64().unwrap();
        let reason = item["reason"].as_str().unwrap();
        assert_eq!(format!("{code} {reason}"), line);
        assert_eq!(item["class"], format!("{}xx", code / 100));
        assert!(item["description"].as_str().unwrap().ends_with('.'));
        assert!(item["reference"].as_str().unwrap().starts_with("RFC "));
        assert_eq!(
            item["retryable"].as_bool(),
            Some(RETRYABLE.contains(&code)),
            "{code}"
        );
    }
}

#[test]
fn json_is_an_array_even_for_one_match() {
    let out = stdout_of(status_codes().args(["404", "--json"]));
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        value,
        serde_json::json!([{
            "code": 404,
            "reason": "Not Found",
            "class": "4xx",
            "description": "The server has nothing at this URL, or does not want to say whether something is there.",
            "reference": "RFC 9110, Section 15.5.5",
            "retryable": false
        }])
    );
}

#[test]
fn json_retryable_is_true_exactly_for_the_transient_statuses() {
    let out = stdout_of(status_codes().arg("--json"));
    let array: serde_json::Value = serde_json::from_str(&out).unwrap();
    let retryable: Vec<u64> = array
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| item["retryable"] == true)
        .map(|item| item["code"].as_u64().unwrap())
        .collect();
    assert_eq!(retryable, RETRYABLE);
}

#[test]
fn json_is_never_coloured() {
    run(status_codes().args(["--json", "--color", "always"]))
        .assert_success()
        .assert_stdout_lacks("\x1b");
}

#[test]
fn unregistered_code_exits_1_and_names_its_class() {
    run(status_codes().arg("299"))
        .assert_code(1)
        .assert_stdout("")
        .assert_stderr(
            "httpc: error: 299 is not a registered status code (it would be 2xx Successful)\n",
        );
}

#[test]
fn no_match_exits_1_with_one_line() {
    run(status_codes().arg("abc-nothing"))
        .assert_code(1)
        .assert_stdout("")
        .assert_stderr("httpc: error: no status code matches 'abc-nothing'\n");
}

#[test]
fn number_outside_100_to_599_is_a_usage_error() {
    for number in ["999", "99", "600", "0"] {
        run(status_codes().arg(number))
            .assert_code(2)
            .assert_stdout("")
            .assert_stderr(&format!(
                "httpc: error: '{number}' is not an HTTP status code (codes run from 100 to 599)\n"
            ));
    }
}

#[test]
fn piped_output_has_no_colour() {
    run(status_codes().env("TERM", "xterm-256color"))
        .assert_success()
        .assert_stdout_lacks("\x1b");
}

#[test]
fn color_always_colours_piped_output() {
    let out = stdout_of(status_codes().args(["--color", "always"]));
    assert!(out.contains("\x1b["), "{out}");
    assert_eq!(strip_ansi(&out), REGISTRY);
}

#[test]
fn clicolor_force_colours_piped_output() {
    let out = stdout_of(status_codes().env("CLICOLOR_FORCE", "1"));
    assert!(out.contains("\x1b["), "{out}");
}

/// REGISTRY under class headings, as printed to a terminal.
fn grouped_registry() -> String {
    let mut text = String::new();
    for (i, heading) in HEADINGS.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str(heading);
        text.push('\n');
        for line in registry_class(heading.chars().next().unwrap()).lines() {
            text.push_str("  ");
            text.push_str(line);
            text.push('\n');
        }
    }
    text
}

#[test]
fn terminal_list_is_grouped_under_class_headings() {
    run(status_codes()
        .args(["--color", "never"])
        .env("HTTPC_TEST_PRETEND_TTY", "1"))
    .assert_success()
    .assert_stderr_empty()
    .assert_stdout(grouped_registry());
}

#[test]
fn terminal_list_is_coloured() {
    let out = stdout_of(
        status_codes()
            .env("HTTPC_TEST_PRETEND_TTY", "1")
            .env("TERM", "xterm-256color"),
    );
    assert!(out.contains("\x1b["), "{out}");
    assert_eq!(strip_ansi(&out), grouped_registry());
}

#[test]
fn no_color_turns_terminal_colour_off() {
    run(status_codes()
        .env("HTTPC_TEST_PRETEND_TTY", "1")
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1"))
    .assert_success()
    .assert_stdout(grouped_registry());
}
