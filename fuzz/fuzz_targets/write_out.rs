//! The -w template parser and renderer: never a panic.
#![no_main]

use httpc::output::sanitize::Controls;
use httpc::output::writeout::{Stats, Template};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(template) = Template::parse(text) {
        let stats = Stats {
            http_code: 200,
            headers: vec![("content-type".into(), b"text/plain".to_vec())],
            ..Stats::default()
        };
        let _ = template.render(&stats, Controls::Escaped);
    }
});
