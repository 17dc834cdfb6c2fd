//! What httpc parses of a response: Content-Encoding decoding (gzip,
//! deflate, br over arbitrary bytes: an error, never a panic or unbounded
//! memory), the terminal sanitizer (no raw control byte ever comes out, and
//! the result does not depend on where chunks end) and the trace's head
//! formatting with redaction.
#![no_main]

use std::io::Read;

use httpc::output::sanitize::{escape_bytes, Controls, Sanitizer};
use httpc::output::trace::Tracer;
use httpc::text::Secrets;
use httpc::transport::decode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };

    let coding = ["gzip", "deflate", "br", "gzip, br", "x-gzip"][selector as usize % 5];
    let raw: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(body.to_vec()));
    if let Ok(mut reader) = decode::decoder(coding, raw) {
        let mut buf = [0u8; 4096];
        let mut total = 0usize;
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || total > 64 << 20 {
                break;
            }
            total += n;
        }
    }

    let whole = escape_bytes(body);
    assert!(!whole
        .iter()
        .any(|&b| (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7f));
    let cut = selector as usize % (body.len() + 1);
    let mut s = Sanitizer::default();
    let mut parts = Vec::new();
    s.push(&body[..cut], &mut parts);
    s.push(&body[cut..], &mut parts);
    s.finish(&mut parts);
    assert_eq!(whole, parts);

    let tracer = Tracer::new(
        Secrets::redacted(&["x-secret".to_string()]),
        Controls::Escaped,
    );
    let _ = tracer.head(b"< ", body);
});
