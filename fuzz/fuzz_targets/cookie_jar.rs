//! The Netscape cookie-jar reader behind `--cookie FILE`: any text is read
//! or refused with a line number inside the file, never a panic; and a jar
//! that was read, written out as `-c` writes it and read again, holds the
//! same cookies (so httpc reads back what it writes).
#![no_main]

use httpc::cookies::Jar;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut jar = Jar::default();
    match jar.read(text) {
        Err(error) => {
            assert!(error.line >= 1 && error.line <= text.lines().count());
            assert!(!error.problem.is_empty());
        }
        Ok(Some(line)) => {
            assert!(!line.0.contains('\n'));
            assert!(jar.is_empty());
        }
        Ok(None) => {
            let written = jar.to_netscape();
            let mut again = Jar::default();
            again
                .load(&written)
                .unwrap_or_else(|e| panic!("httpc cannot read its own jar: {e:?}\n{written}"));
            assert_eq!(again.len(), jar.len(), "{written}");
            assert_eq!(again.to_netscape(), written);
            for url in [
                "http://example.com/",
                "https://a.example.com/x/y",
                "http://127.0.0.1/",
            ] {
                let url = url::Url::parse(url).unwrap();
                assert_eq!(jar.header_for(&url), again.header_for(&url));
            }
        }
    }
});
