//! The streaming JSON formatter: never a panic; nothing received is lost
//! (with the whitespace between tokens taken out, the output holds the
//! input's bytes up to the error and the raw rest after it); the output
//! does not depend on where chunks end; and valid output re-parses.
#![no_main]

use httpc::output::json::JsonFormatter;
use httpc::output::paint::Colors;
use libfuzzer_sys::fuzz_target;

fn format(chunks: &[&[u8]], color: bool) -> (Vec<u8>, bool) {
    let mut f = JsonFormatter::new(if color { Colors::On } else { Colors::Off });
    let mut out = Vec::new();
    for chunk in chunks {
        f.write(chunk, &mut out).expect("writing to a Vec cannot fail");
    }
    let error = f.finish(&mut out).expect("writing to a Vec cannot fail");
    (out, error.is_none())
}

fuzz_target!(|data: &[u8]| {
    let Some((&cut, input)) = data.split_first() else {
        return;
    };
    let (whole, valid) = format(&[input], false);
    let at = cut as usize % (input.len() + 1);
    let (split, split_valid) = format(&[&input[..at], &input[at..]], false);
    assert_eq!(whole, split);
    assert_eq!(valid, split_valid);
    if valid {
        let mut values = serde_json::Deserializer::from_slice(&whole).into_iter::<serde::de::IgnoredAny>();
        assert!(values.all(|v| v.is_ok()));
    }
    let strip = |bytes: &[u8]| -> Vec<u8> {
        bytes.iter().copied().filter(|b| !b" \t\r\n".contains(b)).collect()
    };
    if valid {
        assert_eq!(strip(&whole), strip(input));
    }
    // Colour never changes the text (checked where the input has no ESC of
    // its own, which invalid input would pass through).
    if input.contains(&0x1b) {
        return;
    }
    let (colored, _) = format(&[input], true);
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
