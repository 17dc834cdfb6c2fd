//! `--resolve`, `--connect-to` and proxy URLs (`-x`, `*_proxy`) as the user
//! types them: never a panic; a parsed rule shows as text that parses back
//! to the same rule; a proxy's password is never shown, neither in its
//! display form nor in the error that refuses it.
#![no_main]

use httpc::transport::proxy::{Choice, Proxy};
use httpc::transport::route::{ConnectTo, Resolve, Rules};
use libfuzzer_sys::fuzz_target;

/// A password no input would show by chance.
const MARKER: &str = "Pw0rdMarker7";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    resolve(text);
    connect_to(text);
    proxy(text);
    // The same text with a password put before its last `@` (whole, and
    // with a tab inside, which a URL drops), for when the URL reads it as
    // the password.
    if let Some(at) = text.rfind('@') {
        if !text.contains(MARKER) {
            let (before, after) = text.split_at(at);
            proxy(&format!("{before}:{MARKER}{after}"));
            let (head, tail) = MARKER.split_at(5);
            proxy(&format!("{before}:{head}\t{tail}{after}"));
        }
    }
});

fn resolve(text: &str) {
    let Ok(rule) = Resolve::parse(text) else {
        return;
    };
    let shown = rule.to_string();
    assert_eq!(Resolve::parse(&shown).as_ref(), Ok(&rule), "{shown}");
}

fn connect_to(text: &str) {
    let Ok(rule) = ConnectTo::parse(text) else {
        return;
    };
    let shown = rule.to_string();
    assert_eq!(ConnectTo::parse(&shown).as_ref(), Ok(&rule), "{shown}");
    let rules = Rules {
        connect_to: vec![rule],
        ..Rules::default()
    };
    let _ = rules.target("example.test", 443);
}

fn proxy(text: &str) {
    let choice = Choice {
        text: text.to_string(),
        from: "-x",
    };
    let full = match text.trim().contains("://") {
        true => text.trim().to_string(),
        false => format!("http://{}", text.trim()),
    };
    let password = url::Url::parse(&full)
        .ok()
        .and_then(|u| u.password().map(str::to_string));
    // Only a marker that is the password's alone: the same letters may
    // also be in a path or a query, which are shown.
    let plain = text.replace(['\t', '\n', '\r'], "");
    let secret = password.as_deref().is_some_and(|p| p.contains(MARKER))
        && plain.matches(MARKER).count() == 1;
    match Proxy::parse(&choice) {
        Ok(proxy) => {
            let shown = proxy.shown();
            let reparsed = url::Url::parse(&shown).expect("a shown proxy parses again");
            assert!(matches!(reparsed.password(), None | Some("***")), "{shown}");
            assert!(!secret || !shown.contains(MARKER), "{shown}");
        }
        Err(err) => {
            let message = err.to_string().replace(['\t', '\n', '\r'], "");
            assert!(!secret || !message.contains(MARKER), "{message}");
        }
    }
}
