//! The HTTP/1.1 framing followers that read a response before ureq does:
//! the chunked-body follower (`Chunks`) and obs-fold unfolding of response
//! heads (`Unfolding`). Neither may panic or depend on where the reads
//! end: fed in three reads cut anywhere, each ends in the same state (the
//! same error) as fed whole, and the unfolded bytes are the same. A
//! chunked body built from the input is followed to its end exactly, and
//! unfolding never changes a byte after the head.
#![no_main]

use httpc::transport::framing::{Chunks, Unfolding};
use libfuzzer_sys::fuzz_target;

/// Feeds `parts` in turn; the state and the first error (nothing is fed
/// after an error, as the wire tap stops there).
fn follow(parts: &[&[u8]]) -> (Chunks, Option<String>) {
    let mut chunks = Chunks::default();
    for part in parts {
        if let Err(e) = chunks.feed(part) {
            return (chunks, Some(e.to_string()));
        }
    }
    (chunks, None)
}

/// The response as ureq sees it, with the reads ending at `cuts`.
fn unfold(input: &[u8], cuts: &[usize]) -> Vec<u8> {
    let mut unfolding = Unfolding::default();
    unfolding.sent(b"GET / HTTP/1.1\r\nhost: x\r\n\r\n");
    let mut out = Vec::new();
    let mut at = 0;
    let mut ends = cuts.iter().copied().chain(std::iter::repeat(input.len()));
    let mut buf = vec![0u8; input.len() + 8];
    // Each turn takes at least one byte or sees the end, so this ends.
    for _ in 0..=input.len() * 2 + 2 {
        let end = ends.next().unwrap_or(input.len()).clamp(at, input.len());
        if end == at && at < input.len() {
            // An empty read would be the end of the stream.
            continue;
        }
        let (n, more) = unfolding
            .read(&mut buf, |b| {
                let take = (end - at).min(b.len());
                b[..take].copy_from_slice(&input[at..at + take]);
                at += take;
                Ok(take)
            })
            .expect("reading from memory cannot fail");
        out.extend_from_slice(&buf[..n]);
        if !more {
            return out;
        }
    }
    panic!("unfolding did not end");
}

/// A chunked body made of the pieces of `data`, with sizes in mixed case
/// and extensions, ending with a last chunk and a trailer.
fn chunked_body(data: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    for (n, piece) in data.chunks(7).enumerate() {
        let size = format!("{:x}", piece.len());
        let size = if n % 2 == 1 {
            size.to_uppercase()
        } else {
            size
        };
        body.extend_from_slice(size.as_bytes());
        if n % 3 == 2 {
            body.extend_from_slice(b";ext=\"a\"");
        }
        body.extend_from_slice(b"\r\n");
        body.extend_from_slice(piece);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(b"0\r\nx-trailer: 1\r\n\r\n");
    body
}

fuzz_target!(|data: &[u8]| {
    let Some((&[a, b], input)) = data.split_first_chunk::<2>() else {
        return;
    };
    let x = a as usize % (input.len() + 1);
    let y = (x + b as usize) % (input.len() + 1);
    let (x, y) = (x.min(y), x.max(y));

    // The chunked follower over arbitrary bytes.
    let whole = follow(&[input]);
    assert_eq!(follow(&[&input[..x], &input[x..y], &input[y..]]), whole);

    // A well-formed body is done exactly at its end, however it is cut.
    let body = chunked_body(input);
    let x = x % (body.len() + 1);
    let (done, error) = follow(&[&body[..x], &body[x..]]);
    assert_eq!(error, None);
    assert!(done.done());
    let (short, error) = follow(&[&body[..body.len() - 1]]);
    assert_eq!(error, None);
    assert!(!short.done());

    // Unfolding, over arbitrary bytes and over a head that has a body.
    let unfolded = unfold(input, &[]);
    assert_eq!(unfolded.len(), input.len());
    assert_eq!(unfold(input, &[x, y]), unfolded);
    let mut response = b"HTTP/1.1 200 OK\r\nx-a: 1\r\n 2\r\n\r\n".to_vec();
    let head = response.len();
    response.extend_from_slice(input);
    let unfolded = unfold(&response, &[x % response.len(), y % response.len()]);
    assert_eq!(&unfolded[head..], input, "a body is never unfolded");
    assert_eq!(&unfolded[..head], b"HTTP/1.1 200 OK\r\nx-a: 1   2\r\n\r\n");
});
