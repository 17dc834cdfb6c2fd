//! The netrc parser behind `-n` and `--netrc-file`: any text parses or is
//! refused with a line inside the file and a message that quotes no word
//! of the file (it could be a password), never a panic. What parses gives
//! the same credentials as the same file with CRLF line ends.
#![no_main]

use httpc::spec::netrc::Netrc;
use libfuzzer_sys::fuzz_target;

/// Every message the parser has, with the keyword it may name.
fn known(problem: &str) -> bool {
    let keywords = [
        "machine", "default", "login", "password", "account", "macdef",
    ];
    problem == "a quoted word has no closing quote"
        || problem == "unknown escape in a quoted word"
        || problem
            == "unexpected word (expected machine, default, login, password, account or macdef)"
        || keywords.iter().any(|k| {
            problem == format!("'{k}' has no value")
                || problem == format!("'{k}' before any 'machine' or 'default'")
        })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Netrc::parse(text) {
        Err(error) => {
            assert!(
                error.line >= 1 && error.line <= text.split('\n').count(),
                "{error:?}"
            );
            assert!(known(&error.problem), "{error:?}");
        }
        Ok(netrc) => {
            // Lookups of names from the file never fail.
            for word in text.split_whitespace().take(64) {
                let _ = netrc.lookup(word);
            }
            if !text.contains('\r') && !text.contains('"') {
                let crlf = text.replace('\n', "\r\n");
                assert_eq!(Netrc::parse(&crlf), Ok(netrc));
            }
        }
    }
});
