//! Headers (-H), query parameters (-q), form fields and multipart parts as
//! the user types them: never a panic, and no header value that reaches
//! the spec carries CR, LF or NUL.
#![no_main]

use httpc::spec::{BodyInput, Input, Method, RequestSpec};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The first byte picks what the rest of the lines are.
    let mut lines = text.lines();
    let kind = lines.next().unwrap_or_default();
    let items: Vec<String> = lines.map(str::to_string).collect();
    let (headers, query, body): (&[String], &[String], BodyInput) = match kind.len() % 4 {
        0 => (&items, &[], BodyInput::None),
        1 => (&[], &items, BodyInput::None),
        2 => (&[], &[], BodyInput::Form(&items)),
        _ => (&[], &[], BodyInput::Multipart(&items)),
    };
    let input = Input {
        method: Method::Post,
        url: "http://h/p?x=1",
        headers,
        query,
        body,
        decompress: true,
        ..Input::default()
    };
    if let Ok(spec) = RequestSpec::build(&input) {
        for (name, value) in &spec.headers {
            assert!(!name.is_empty());
            assert!(!value.bytes().any(|b| matches!(b, b'\r' | b'\n' | 0)));
        }
    }
});
