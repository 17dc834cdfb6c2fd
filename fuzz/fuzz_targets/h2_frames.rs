//! httpc's HTTP/2 frame watcher (`transport::frames`), which reads every
//! byte an HTTP/2 server sends before h2 does. It may not panic, and what
//! it concludes may not depend on where the reads end: fed in three reads
//! cut anywhere, it ends in the same state (the same flood, GOAWAY, DATA
//! and header block counts) as fed whole. Frames built from the input are
//! counted exactly.
#![no_main]

use httpc::transport::frames::{Reader, Seen};
use libfuzzer_sys::fuzz_target;

/// Feeds `parts` in turn, stopping at a flood as the connection does;
/// everything the watcher concluded, as text.
fn watch(parts: &[&[u8]]) -> String {
    let (mut reader, seen) = (Reader::new(), Seen::default());
    let mut result = Ok(());
    for part in parts {
        result = reader.take(part, &seen);
        if result.is_err() {
            break;
        }
    }
    format!("{result:?} {reader:?} {seen:?}")
}

/// A DATA frame of `body` on `stream`, padded with `pad` bytes.
fn data(stream: u32, body: &[u8], pad: u8) -> Vec<u8> {
    let len = body.len() + usize::from(pad) + usize::from(pad > 0);
    let mut out = (len as u32).to_be_bytes()[1..].to_vec();
    out.extend_from_slice(&[0x0, if pad > 0 { 0x8 } else { 0 }]);
    out.extend_from_slice(&stream.to_be_bytes());
    if pad > 0 {
        out.push(pad);
    }
    out.extend_from_slice(body);
    out.extend(std::iter::repeat_n(0, usize::from(pad)));
    out
}

fuzz_target!(|input: &[u8]| {
    let Some((&[a, b, pad], bytes)) = input.split_first_chunk::<3>() else {
        return;
    };
    let a = usize::from(a).min(bytes.len());
    let b = (a + usize::from(b)).min(bytes.len());
    let whole = watch(&[bytes]);
    let cut = watch(&[&bytes[..a], &bytes[a..b], &bytes[b..]]);
    assert_eq!(whole, cut, "cut at {a} and {b}");

    // The input as the body of one stream, in two padded DATA frames:
    // every body byte counted, no padding byte.
    let stream = 1 + 2 * u32::from(pad);
    let (first, second) = bytes.split_at(a);
    let mut frames = data(stream, first, pad);
    frames.extend(data(stream, second, pad / 2));
    let (mut reader, seen) = (Reader::new(), Seen::default());
    assert_eq!(reader.take(&frames, &seen), Ok(()));
    assert_eq!(seen.data_bytes(stream), bytes.len() as u64);
});
