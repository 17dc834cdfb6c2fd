//! URL parsing and shorthands: never a panic; whatever parses is http(s)
//! with a host, and shows no password and no secret query value.
#![no_main]

use httpc::text::Secrets;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let secrets = Secrets::default();
    if let Ok(url) = httpc::spec::parse_url(text, &secrets) {
        assert!(matches!(url.scheme(), "http" | "https"));
        assert!(url.host_str().is_some_and(|h| !h.is_empty()));
        // A password is shown as `***`, whatever it was (the same text may
        // legitimately appear elsewhere in the URL, so look at the userinfo).
        let shown = httpc::text::display_url(&url, &secrets);
        let reparsed = url::Url::parse(&shown).expect("a shown URL parses again");
        if url.password().is_some() {
            assert_eq!(reparsed.password(), Some("***"));
        }
        // Hiding is stable: what is shown has nothing left to hide.
        assert_eq!(httpc::text::display_url(&reparsed, &secrets), shown);
    }
});
