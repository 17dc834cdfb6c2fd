//! `.netrc` files (`-n`, `--netrc-file`): `machine NAME` (or `default`)
//! followed by `login`, `password` and `account` pairs; `macdef NAME`
//! skips its macro up to the next blank line; `#` starts a comment.
//! Tokens are separated by white space; a token in double quotes may hold
//! spaces and the escapes `\"`, `\\`, `\n`, `\r` and `\t`, as curl reads
//! them. Anything else is an error naming its line, and no error quotes a
//! token of the file (it could be a password).

/// What a netrc gives for one host.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credentials {
    pub login: Option<String>,
    pub password: Option<String>,
}

/// A parsed netrc: machines in file order, and the `default` entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Netrc {
    machines: Vec<(String, Credentials)>,
    default: Option<Credentials>,
}

/// Where a netrc is malformed: the line (from 1) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetrcError {
    pub line: usize,
    pub problem: String,
}

impl Netrc {
    /// The credentials for `host`: the first `machine` of that name
    /// (case-insensitively), else `default`.
    pub fn lookup(&self, host: &str) -> Option<&Credentials> {
        self.machines
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(host))
            .map(|(_, c)| c)
            .or(self.default.as_ref())
    }

    pub fn parse(text: &str) -> Result<Netrc, NetrcError> {
        let mut tokens = Tokens::new(text);
        let mut netrc = Netrc::default();
        // The entry that login/password/account belong to.
        let mut current: Option<Credentials> = None;
        let mut current_name: Option<String> = None;
        fn finish(netrc: &mut Netrc, name: Option<String>, creds: Option<Credentials>) {
            match (name, creds) {
                (Some(name), Some(creds)) => netrc.machines.push((name, creds)),
                (None, Some(creds)) if netrc.default.is_none() => netrc.default = Some(creds),
                _ => {}
            }
        }
        while let Some((line, word)) = tokens.next()? {
            match word.as_str() {
                "machine" => {
                    finish(&mut netrc, current_name.take(), current.take());
                    current_name = Some(tokens.value(line, "machine")?);
                    current = Some(Credentials::default());
                }
                "default" => {
                    finish(&mut netrc, current_name.take(), current.take());
                    current = Some(Credentials::default());
                }
                "login" | "password" | "account" => {
                    let value = tokens.value(line, &word)?;
                    let Some(creds) = current.as_mut() else {
                        return Err(NetrcError {
                            line,
                            problem: format!("'{word}' before any 'machine' or 'default'"),
                        });
                    };
                    match word.as_str() {
                        "login" => creds.login = Some(value),
                        "password" => creds.password = Some(value),
                        _ => {}
                    }
                }
                "macdef" => {
                    tokens.value(line, "macdef")?;
                    tokens.skip_macro();
                }
                _ => {
                    return Err(NetrcError {
                        line,
                        problem: "unexpected word (expected machine, default, login, password, account or macdef)".into(),
                    })
                }
            }
        }
        finish(&mut netrc, current_name, current);
        Ok(netrc)
    }
}

/// The words of a netrc with the line each starts on.
struct Tokens<'t> {
    text: &'t str,
    pos: usize,
    line: usize,
}

impl<'t> Tokens<'t> {
    fn new(text: &'t str) -> Tokens<'t> {
        Tokens {
            text,
            pos: 0,
            line: 1,
        }
    }

    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    /// The next word, after white space and comments.
    fn next(&mut self) -> Result<Option<(usize, String)>, NetrcError> {
        loop {
            match self.peek() {
                None => return Ok(None),
                Some(c) if c.is_whitespace() => {
                    self.bump();
                }
                Some('#') => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                Some(_) => break,
            }
        }
        let line = self.line;
        let mut word = String::new();
        if self.peek() == Some('"') {
            self.bump();
            loop {
                match self.bump() {
                    None | Some('\n') => {
                        return Err(NetrcError {
                            line,
                            problem: "a quoted word has no closing quote".into(),
                        })
                    }
                    Some('"') => break,
                    Some('\\') => match self.bump() {
                        Some('n') => word.push('\n'),
                        Some('r') => word.push('\r'),
                        Some('t') => word.push('\t'),
                        Some(c @ ('"' | '\\')) => word.push(c),
                        _ => {
                            return Err(NetrcError {
                                line,
                                problem: "unknown escape in a quoted word".into(),
                            })
                        }
                    },
                    Some(c) => word.push(c),
                }
            }
        } else {
            while let Some(c) = self.peek().filter(|c| !c.is_whitespace()) {
                word.push(c);
                self.bump();
            }
        }
        Ok(Some((line, word)))
    }

    /// The word after a keyword, which must be there.
    fn value(&mut self, line: usize, keyword: &str) -> Result<String, NetrcError> {
        self.next()?.map(|(_, w)| w).ok_or_else(|| NetrcError {
            line,
            problem: format!("'{keyword}' has no value"),
        })
    }

    /// A macro runs from the line after `macdef NAME` to the first empty
    /// line (or the end of the file).
    fn skip_macro(&mut self) {
        while self.peek().is_some_and(|c| c != '\n') {
            self.bump();
        }
        self.bump();
        loop {
            let rest = &self.text[self.pos..];
            let end = rest.find('\n').map_or(rest.len(), |i| i + 1);
            let line = &rest[..end];
            if rest.is_empty() {
                return;
            }
            for _ in 0..line.chars().filter(|&c| c == '\n').count() {
                self.line += 1;
            }
            self.pos += end;
            if line.trim_end_matches(['\n', '\r']).is_empty() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(login: &str, password: &str) -> Credentials {
        Credentials {
            login: Some(login.into()),
            password: Some(password.into()),
        }
    }

    #[test]
    fn machines_and_default() {
        let netrc = Netrc::parse(
            "machine api.example.com login ci password s3cret\n\
             machine other.example login o\n\
             default login anon password guest\n",
        )
        .unwrap();
        assert_eq!(
            netrc.lookup("api.example.com"),
            Some(&creds("ci", "s3cret"))
        );
        assert_eq!(
            netrc.lookup("API.Example.com"),
            Some(&creds("ci", "s3cret"))
        );
        assert_eq!(
            netrc.lookup("other.example"),
            Some(&Credentials {
                login: Some("o".into()),
                password: None
            })
        );
        assert_eq!(netrc.lookup("elsewhere"), Some(&creds("anon", "guest")));
    }

    #[test]
    fn the_first_machine_of_a_name_wins_and_no_default_is_none() {
        let netrc =
            Netrc::parse("machine h login a password 1\nmachine h login b password 2").unwrap();
        assert_eq!(netrc.lookup("h"), Some(&creds("a", "1")));
        assert_eq!(netrc.lookup("x"), None);
    }

    #[test]
    fn one_line_or_many_and_comments() {
        let netrc = Netrc::parse(
            "# CI credentials\n\
             machine h   # the API\n\
             \tlogin u\n\
             \tpassword p\n",
        )
        .unwrap();
        assert_eq!(netrc.lookup("h"), Some(&creds("u", "p")));
    }

    #[test]
    fn quoted_words_hold_spaces_and_escapes() {
        let netrc = Netrc::parse(r#"machine h login "a user" password "p \"q\" \\ r\tx""#).unwrap();
        assert_eq!(netrc.lookup("h"), Some(&creds("a user", "p \"q\" \\ r\tx")));
    }

    #[test]
    fn macdef_is_skipped_to_the_blank_line() {
        let netrc = Netrc::parse(
            "machine a login u password p\n\
             macdef init\n\
             cd /pub\n\
             machine evil login x password y\n\
             \n\
             machine b login v password q\n",
        )
        .unwrap();
        assert_eq!(netrc.lookup("b"), Some(&creds("v", "q")));
        assert_eq!(netrc.lookup("evil"), None);
    }

    #[test]
    fn errors_name_the_line_and_never_a_token() {
        let cases = [
            (
                "machine h login u\npassword\n",
                2,
                "'password' has no value",
            ),
            ("login u\n", 1, "'login' before any 'machine'"),
            (
                "machine h\n\nlogin u passwd hunter2\n",
                3,
                "unexpected word",
            ),
            ("machine h password \"hunter2\n", 1, "no closing quote"),
            ("machine h password \"a\\qb\"", 1, "unknown escape"),
        ];
        for (text, line, problem) in cases {
            let err = Netrc::parse(text).unwrap_err();
            assert_eq!(err.line, line, "{text:?}: {err:?}");
            assert!(err.problem.contains(problem), "{text:?}: {err:?}");
            assert!(!err.problem.contains("hunter2"), "{err:?}");
        }
    }

    #[test]
    fn lines_are_counted_after_a_macro() {
        let err = Netrc::parse("macdef m\na\nb\n\nmachine\n").unwrap_err();
        assert_eq!(err.line, 5, "{err:?}");
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Netrc-ish text: keywords, secret-looking words, quotes,
        /// escapes, comments and blank lines in any order.
        fn netrc_text() -> impl Strategy<Value = String> {
            let word = prop::sample::select(vec![
                "machine",
                "default",
                "login",
                "password",
                "account",
                "macdef",
                "h",
                "PWsecret1",
                "\"PW quoted\"",
                "\"PW\\q",
                "#",
                "\n",
                "\n\n",
                " ",
                "\t",
                "\\",
            ]);
            prop::collection::vec(word, 0..40).prop_map(|w| w.join(" "))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            #[test]
            fn errors_name_a_line_of_the_file_and_never_a_secret(text in netrc_text()) {
                let lines = text.split('\n').count();
                if let Err(e) = Netrc::parse(&text) {
                    prop_assert!(e.line >= 1 && e.line <= lines, "{:?} of {}", e, lines);
                    prop_assert!(!e.problem.contains("PW"), "{:?}", e);
                }
            }

            #[test]
            fn any_text_parses_or_fails_without_panicking(text in "\\PC{0,200}") {
                let _ = Netrc::parse(&text);
            }
        }
    }
}
