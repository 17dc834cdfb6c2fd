//! URL parsing and shorthands: never a panic; whatever parses is http(s)
//! with a host, and shows no password.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(url) = httpc::spec::parse_url(text) {
        assert!(matches!(url.scheme(), "http" | "https"));
        assert!(url.host_str().is_some_and(|h| !h.is_empty()));
        let shown = httpc::spec::display_url(&url);
        if let Some(password) = url.password() {
            if password != "***" && password.len() > 3 {
                assert!(!shown.contains(&format!(":{password}@")));
            }
        }
    }
});
