//! An `http://` URL through a forward proxy: the request goes to the proxy
//! as it is, with the whole URL in its request line (absolute-form, RFC
//! 9112 §3.2.2), as curl sends it. ureq 3.5 tunnels every proxied request
//! with CONNECT, which stock squid refuses for port 80; so for these
//! requests httpc gives ureq no proxy, resolves the proxy's address in its
//! own resolver, and rewrites the request head in its wire tap. Credentials
//! of the proxy go in a Proxy-Authorization header on that request only.

/// The request head in absolute-form: `GET /p?q HTTP/1.1` with `host: h:8`
/// becomes `GET http://h:8/p?q HTTP/1.1`, and the proxy's credentials are
/// added before the blank line. `None` when the head is not one ureq
/// writes (no origin-form target or no Host), which is then sent as it is.
pub fn absolute_form(head: &[u8], authorization: Option<&str>) -> Option<Vec<u8>> {
    let line_end = head.windows(2).position(|w| w == b"\r\n")?;
    let line = std::str::from_utf8(&head[..line_end]).ok()?;
    let mut parts = line.splitn(3, ' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    if !target.starts_with('/') {
        return None;
    }
    let rest = head.get(line_end + 2..)?;
    let fields = rest.strip_suffix(b"\r\n")?;
    let host = fields
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .find_map(|l| {
            let colon = l.iter().position(|&b| b == b':')?;
            l[..colon]
                .eq_ignore_ascii_case(b"host")
                .then(|| l[colon + 1..].trim_ascii())
        })?;
    let host = std::str::from_utf8(host).ok()?;
    let mut out = Vec::with_capacity(head.len() + host.len() + 64);
    out.extend_from_slice(format!("{method} http://{host}{target} {version}\r\n").as_bytes());
    out.extend_from_slice(fields);
    if let Some(auth) = authorization {
        out.extend_from_slice(format!("proxy-authorization: {auth}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_becomes_the_whole_url() {
        let head = b"GET /p?q=1 HTTP/1.1\r\nhost: example.test:8080\r\nuser-agent: x\r\n\r\n";
        let out = absolute_form(head, None).unwrap();
        assert_eq!(
            out,
            b"GET http://example.test:8080/p?q=1 HTTP/1.1\r\nhost: example.test:8080\r\nuser-agent: x\r\n\r\n"
        );
    }

    #[test]
    fn the_proxy_credentials_go_before_the_blank_line() {
        let head = b"POST / HTTP/1.1\r\nHost: h\r\ncontent-length: 0\r\n\r\n";
        let out = absolute_form(head, Some("Basic dTpw")).unwrap();
        assert_eq!(
            out,
            b"POST http://h/ HTTP/1.1\r\nHost: h\r\ncontent-length: 0\r\nproxy-authorization: Basic dTpw\r\n\r\n"
        );
    }

    #[test]
    fn a_head_that_is_not_origin_form_is_left_alone() {
        assert_eq!(
            absolute_form(b"GET http://h/ HTTP/1.1\r\nhost: h\r\n\r\n", None),
            None
        );
        assert_eq!(absolute_form(b"GET / HTTP/1.1\r\nx: y\r\n\r\n", None), None);
        assert_eq!(absolute_form(b"GET / HTTP/1.1", None), None);
    }
}
