//! The streaming JSON formatter against the rule for what a user sees:
//! the output and the error depend only on the bytes, never on how the
//! body was split into reads (here: three reads, cut anywhere). A body
//! that is invalid within its first `window` bytes (the window is
//! `WINDOW`, 64 KiB, in httpc; here it varies so that both sides of it are
//! reached) comes out exactly as received. Past the window a bad byte cuts
//! over: the output is the formatted input up to a point `c` and the input
//! as received from `c` on, where `input[c..bad]` is whitespace (at most
//! `WS_KEEP` bytes). A body cut short comes out formatted, an empty one as
//! nothing. Nothing received is lost (with whitespace taken out, the
//! output is the input); valid output re-parses; colour never changes the
//! text.
#![no_main]

use httpc::output::json::{JsonError, JsonFormatter, WS_KEEP};
use httpc::output::paint::Colors;
use libfuzzer_sys::fuzz_target;

fn format(chunks: &[&[u8]], window: usize, color: bool) -> (Vec<u8>, Option<JsonError>) {
    let colors = if color { Colors::On } else { Colors::Off };
    let mut f = JsonFormatter::with_window(colors, window);
    let mut out = Vec::new();
    for chunk in chunks {
        f.write(chunk, &mut out)
            .expect("writing to a Vec cannot fail");
    }
    let error = f.finish(&mut out).expect("writing to a Vec cannot fail");
    (out, error)
}

/// What the formatter has written for `input` before the end of the body,
/// streaming from the first byte.
fn open(input: &[u8]) -> Vec<u8> {
    let mut f = JsonFormatter::with_window(Colors::Off, 0);
    let mut out = Vec::new();
    f.write(input, &mut out)
        .expect("writing to a Vec cannot fail");
    out
}

fn strip(bytes: &[u8]) -> Vec<u8> {
    bytes
        .iter()
        .copied()
        .filter(|b| !b" \t\r\n".contains(b))
        .collect()
}

fn is_space(b: u8) -> bool {
    b" \t\r\n".contains(&b)
}

fuzz_target!(|data: &[u8]| {
    let Some((&[a, b, w], input)) = data.split_first_chunk::<3>() else {
        return;
    };
    // Windows 0..=len+1, so both sides of the cut-over are reached.
    let window = w as usize % (input.len() + 2);
    let (whole, error) = format(&[input], window, false);
    let x = a as usize % (input.len() + 1);
    let y = (x + b as usize) % (input.len() + 1);
    let (x, y) = (x.min(y), x.max(y));
    let split = format(&[&input[..x], &input[x..y], &input[y..]], window, false);
    assert_eq!(
        split,
        (whole.clone(), error.clone()),
        "split at {x} and {y}"
    );
    assert_eq!(strip(&whole), strip(input), "nothing is lost");
    match &error {
        None => {
            let mut values =
                serde_json::Deserializer::from_slice(&whole).into_iter::<serde::de::IgnoredAny>();
            assert!(values.all(|v| v.is_ok()));
        }
        Some(e) if e.is_empty_body() => assert!(whole.is_empty()),
        Some(e) if e.ended_early() => assert_eq!(e.offset() as usize, input.len()),
        Some(e) if (e.offset() as usize) < window => assert_eq!(whole, input, "as received"),
        Some(e) => {
            // Past the window: formatted up to `c`, as received from it.
            let bad = e.offset() as usize;
            let lowest = bad.saturating_sub(WS_KEEP + 1);
            let c = (lowest..=bad)
                .rev()
                .find(|&c| whole.strip_suffix(&input[c..]) == Some(&open(&input[..c])[..]))
                .expect("formatted up to a point, then as received");
            assert!(input[c..bad].iter().all(|&b| is_space(b)));
        }
    }
    // Colour never changes the text (checked where the input has no ESC of
    // its own, which invalid input would pass through).
    if input.contains(&0x1b) {
        return;
    }
    let (colored, colored_error) = format(&[&input[..x], &input[x..]], window, true);
    assert_eq!(colored_error, error);
    let mut plain = Vec::new();
    let mut i = 0;
    while i < colored.len() {
        if colored[i] == 0x1b {
            while i < colored.len() && colored[i] != b'm' {
                i += 1;
            }
            i += 1;
        } else {
            plain.push(colored[i]);
            i += 1;
        }
    }
    assert_eq!(plain, whole);
});
