//! The `Content-Disposition` parser behind `-J`: any header value gives a
//! name or none, never a panic, and what it gives passes or fails
//! `is_safe_name` (the check before a file is created). A name written as
//! a quoted `filename` or an RFC 8187 `filename*` comes back exactly.
#![no_main]

use httpc::commands::names::{disposition_filename, is_safe_name};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(name) = disposition_filename(&text) {
        if is_safe_name(&name) {
            assert!(!name.contains(['/', '\\']) && !name.starts_with('.'));
            assert!(!name.chars().any(char::is_control));
        }
    }

    // Round trips: a quoted string with `\` escapes, and percent-encoding.
    let quoted: String = text
        .chars()
        .flat_map(|c| match c {
            '"' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    assert_eq!(
        disposition_filename(&format!("attachment; filename=\"{quoted}\"")).as_deref(),
        Some(&*text),
    );
    let encoded: String = text.bytes().map(|b| format!("%{b:02X}")).collect();
    assert_eq!(
        disposition_filename(&format!(
            "attachment; filename=\"fallback\"; filename*=UTF-8'en'{encoded}"
        ))
        .as_deref(),
        Some(&*text),
    );
});
