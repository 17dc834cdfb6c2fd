//! `--proto LIST` and `--proto-redir LIST`: the schemes a transfer (or a
//! redirect hop) may use, in curl's syntax. The list is read left to right;
//! each entry is a scheme name or `all` after zero or more modifiers: `+`
//! adds it (also what no modifier means), `-` removes it, `=` allows it
//! alone. httpc speaks http and https only, so `all` is those two, and the
//! names of curl's other protocols (`ftp`, `file`, …) change nothing.

/// The schemes allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Protocols {
    pub http: bool,
    pub https: bool,
}

impl Default for Protocols {
    /// Without the option: every scheme httpc speaks.
    fn default() -> Protocols {
        Protocols::ALL
    }
}

/// Protocols curl knows besides http and https: naming one is no error
/// (a script may deny `file` or `ftp` to be safe), it just allows or
/// denies nothing httpc could use.
const OTHER_KNOWN: &[&str] = &[
    "dict", "file", "ftp", "ftps", "gopher", "gophers", "imap", "imaps", "ldap", "ldaps", "mqtt",
    "pop3", "pop3s", "rtmp", "rtmpe", "rtmps", "rtmpt", "rtmpte", "rtmpts", "rtsp", "scp", "sftp",
    "smb", "smbs", "smtp", "smtps", "telnet", "tftp", "ws", "wss",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Modifier {
    Add,
    Remove,
    Only,
}

impl Protocols {
    pub const ALL: Protocols = Protocols {
        http: true,
        https: true,
    };
    const NONE: Protocols = Protocols {
        http: false,
        https: false,
    };

    /// `LIST` as curl reads it, starting from every scheme. Returns the
    /// set and the names it did not know (curl warns about them and goes
    /// on). Modifiers with no name (`=`) are refused.
    pub fn parse(list: &str) -> Result<(Protocols, Vec<String>), String> {
        let mut set = Protocols::ALL;
        let mut unknown = Vec::new();
        // Empty entries (`https,`, ``) are skipped, as curl skips them.
        for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let name = entry.trim_start_matches(['+', '-', '=']);
            // The last modifier before the name decides, as in curl.
            let modifier = match entry[..entry.len() - name.len()].chars().last() {
                Some('-') => Modifier::Remove,
                Some('=') => Modifier::Only,
                _ => Modifier::Add,
            };
            if name.is_empty() {
                return Err(format!(
                    "'{list}' has an entry with no protocol name (expected e.g. =https or -all,+https)"
                ));
            }
            let named = match name.to_ascii_lowercase().as_str() {
                "all" => Protocols::ALL,
                "http" => Protocols {
                    http: true,
                    https: false,
                },
                "https" => Protocols {
                    http: false,
                    https: true,
                },
                other => {
                    if !OTHER_KNOWN.contains(&other) {
                        unknown.push(name.to_string());
                    }
                    Protocols::NONE
                }
            };
            set = set.apply(modifier, named);
        }
        Ok((set, unknown))
    }

    fn apply(self, modifier: Modifier, named: Protocols) -> Protocols {
        match modifier {
            Modifier::Add => Protocols {
                http: self.http || named.http,
                https: self.https || named.https,
            },
            Modifier::Remove => Protocols {
                http: self.http && !named.http,
                https: self.https && !named.https,
            },
            Modifier::Only => named,
        }
    }

    /// Whether a URL of this scheme may be used.
    pub fn allows(&self, scheme: &str) -> bool {
        match scheme {
            "http" => self.http,
            "https" => self.https,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(list: &str) -> (bool, bool) {
        let (p, _) = Protocols::parse(list).unwrap();
        (p.http, p.https)
    }

    #[test]
    fn curl_examples() {
        assert_eq!(set("=https"), (false, true));
        assert_eq!(set("-all,+https"), (false, true));
        assert_eq!(set("-all,https,+http"), (true, true));
        assert_eq!(set("=http,https"), (true, true));
        assert_eq!(set("-http"), (false, true));
        // No modifier adds: from every scheme, that is every scheme.
        assert_eq!(set("https"), (true, true));
        assert_eq!(set("http,https"), (true, true));
        assert_eq!(set("=ftp"), (false, false));
        assert_eq!(set("-all"), (false, false));
        assert_eq!(set("=all,-HTTPS"), (true, false));
    }

    #[test]
    fn other_protocols_are_known_and_nonsense_is_reported() {
        let (p, unknown) = Protocols::parse("=https,-ftp,+file").unwrap();
        assert_eq!((p.http, p.https), (false, true));
        assert!(unknown.is_empty());
        let (_, unknown) = Protocols::parse("=https,htps").unwrap();
        assert_eq!(unknown, ["htps"]);
    }

    #[test]
    fn modifiers_without_a_name_are_refused_and_empty_entries_skipped() {
        assert!(Protocols::parse("=").is_err());
        assert!(Protocols::parse("https,-").is_err());
        assert_eq!(set("https,"), (true, true));
        assert_eq!(set(""), (true, true));
        assert_eq!(set("=https,,"), (false, true));
    }

    #[test]
    fn allows_by_scheme() {
        let (p, _) = Protocols::parse("=https").unwrap();
        assert!(p.allows("https"));
        assert!(!p.allows("http"));
    }
}
