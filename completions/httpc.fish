# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_httpc_global_optspecs
    string join \n h/help V/version
end

function __fish_httpc_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_httpc_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_httpc_using_subcommand
    set -l cmd (__fish_httpc_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c httpc -n "__fish_httpc_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c httpc -n "__fish_httpc_needs_command" -s V -l version -d 'Print version'
complete -c httpc -n "__fish_httpc_needs_command" -f -a "get" -d 'Send GET requests; several URLs reuse keep-alive connections'
complete -c httpc -n "__fish_httpc_needs_command" -f -a "post" -d 'Send a POST request with a body'
complete -c httpc -n "__fish_httpc_needs_command" -f -a "put" -d 'Send a PUT request'
complete -c httpc -n "__fish_httpc_needs_command" -f -a "patch" -d 'Send a PATCH request'
complete -c httpc -n "__fish_httpc_needs_command" -f -a "delete" -d 'Send a DELETE request'
complete -c httpc -n "__fish_httpc_needs_command" -f -a "head" -d 'Send HEAD requests; prints the status line and headers'
complete -c httpc -n "__fish_httpc_needs_command" -f -a "options" -d 'Send OPTIONS requests (a CORS preflight: add -H Origin and -H Access-Control-Request-Method)'
complete -c httpc -n "__fish_httpc_needs_command" -f -a "request" -d 'Send requests with any method (QUERY, PROPFIND, PURGE, ...), as typed'
complete -c httpc -n "__fish_httpc_needs_command" -f -a "health" -d 'Check whether endpoints are up: status, latency, UP/DOWN'
complete -c httpc -n "__fish_httpc_needs_command" -f -a "status-codes" -d 'Look up HTTP status codes: reason phrase, description, reference'
complete -c httpc -n "__fish_httpc_needs_command" -f -a "completions" -d 'Print a shell completion script to stdout'
complete -c httpc -n "__fish_httpc_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c httpc -n "__fish_httpc_using_subcommand get" -s H -l header -d 'Add a header, \'Name: value\' (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -s u -l user -d 'Basic authentication, USER[:PASS] or @FILE (keeps the password out of `ps`)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l bearer -l oauth2-bearer -d 'Bearer token for the Authorization header: TOKEN or @FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l cacert -d 'Trust the certificates in this PEM bundle too' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand get" -l resolve -d 'Connect to ADDR for HOST:PORT (HOST:PORT:ADDR[,ADDR...]; repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l connect-to -d 'Connect to HOST2:PORT2 for HOST1:PORT1 (an empty part matches any)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l unix-socket -d 'Connect to this Unix domain socket instead of TCP (http and https)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand get" -s q -l query -d 'Append a percent-encoded query parameter, name=value (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l json -d 'JSON body: text, @FILE or @- (stdin); validated before sending' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l form -d 'Form field for an x-www-form-urlencoded body, name=value or name=@FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -s F -l multipart -d 'Multipart part: name=value or name=@FILE[;type=MIME] (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -s d -l data -d 'Raw body, byte-exact: text, @FILE or @- (stdin), streamed' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -s A -l user-agent -d 'User-Agent header (default: httpc/VERSION)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l max-redirs -d 'How many redirects -L may follow; one more is exit 47' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l connect-timeout -d 'Give up connecting after SECS (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l timeout -d 'Give up when no byte arrives for SECS (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -s m -l max-time -d 'Give up when one attempt takes longer than SECS in all (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l retry -d 'Retry transient failures N times' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l retry-delay -d 'First retry backoff, doubled each attempt (capped at 30s)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l retry-max-time -d 'Start no new attempt after SECS' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l retry-on -d 'Also retry these statuses: 404,409 or 4xx' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l idempotency-key -d 'Send Idempotency-Key: KEY on every attempt (auto: a random UUID)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l expect -d 'The status must be one of STATUSES (201, 2xx, 200,204); else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l expect-header -d 'A response header must equal VALUE (\'Name:\' alone: be present); else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l expect-json -d 'The JSON body must have a value at POINTER, equal to JSON if given; else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l pick -d 'Print the JSON value at POINTER instead of the body (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l cert -d 'Client certificate (PEM); goes with --key' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand get" -l key -d 'Private key of the client certificate (PEM)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand get" -s x -l proxy -d 'Send requests through this proxy' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l noproxy -d 'Hosts that bypass the proxy, comma-separated' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -s X -l request -d 'Send this method instead of the command\'s (any RFC 9110 token)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l cookie -d 'Send cookies, \'n=v; n2=v2\', or load a cookie jar FILE (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -s c -l cookie-jar -d 'Turn the cookie engine on and write every cookie held to FILE at the end' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand get" -l netrc-file -d 'Like -n, from FILE' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand get" -l data-binary -d 'The same as -d (curl\'s name for it)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l data-raw -d 'Like -d, but a leading @ is literal' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l data-urlencode -d 'A percent-encoded form part: content, =content, name=content, @FILE or name@FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -s T -l upload-file -d 'PUT FILE (- for stdin), streamed; a URL ending in / gets FILE\'s name' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand get" -l max-filesize -d 'A body larger than BYTES is exit 63 (K, M, G suffixes: powers of 1024)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l limit-rate -d 'Read the body no faster than RATE bytes per second (K, M, G suffixes)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l url -d 'A URL, as if given as an argument (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -s e -l referer -d 'Send Referer: URL; \'URL;auto\' (or \';auto\') also sets it on each redirect' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l proto -d 'Schemes the URL may use, in curl\'s syntax: =https, -all,+https' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l proto-redir -d 'Schemes a redirect may go to (-L), in --proto\'s syntax' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l tls-max -d 'The highest TLS version to offer: 1.2 or 1.3 (default: 1.3)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -s U -l proxy-user -d 'Credentials for the proxy, USER:PASS (Proxy-Authorization: Basic)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l socks5 -d 'Use this SOCKS5 proxy (the client resolves names), HOST:PORT' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l socks5-hostname -d 'Use this SOCKS5 proxy and let it resolve names, HOST:PORT' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l pretty -d 'Format JSON bodies' -r -f -a "auto\t'When the output is a terminal'
always\t'Always'
never\t'Never'"
complete -c httpc -n "__fish_httpc_using_subcommand get" -l color -d 'Colour the output' -r -f -a "auto\t'When the output is a terminal'
always\t'Always'
never\t'Never'"
complete -c httpc -n "__fish_httpc_using_subcommand get" -s o -l output -d 'Write the body to FILE (atomically: a failed transfer leaves no FILE)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand get" -s D -l dump-header -d 'Write the status line and headers of every response to FILE (- for stdout)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand get" -s w -l write-out -d 'After the body (or a transfer error), print FORMAT with %{variables} to stdout' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l redact -d 'Redact this header or query parameter too (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand get" -l output-dir -d 'Put the files of -o, -O and -J in DIR' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand get" -s L -l location -d 'Follow redirects'
complete -c httpc -n "__fish_httpc_using_subcommand get" -s k -l insecure -d 'Skip TLS certificate verification'
complete -c httpc -n "__fish_httpc_using_subcommand get" -s 4 -l ipv4 -d 'Use IPv4 addresses only'
complete -c httpc -n "__fish_httpc_using_subcommand get" -s 6 -l ipv6 -d 'Use IPv6 addresses only'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l http1.1 -d 'Speak HTTP/1.1 only (ALPN offers only http/1.1)'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l http2 -d 'HTTP/2 by ALPN on https (the default); http:// stays HTTP/1.1'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l http2-prior-knowledge -d 'HTTP/2 without negotiation: h2c on http://, ALPN h2 only on https://'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l retry-all-errors -d 'Retry every transfer error and failed expectation, whatever the method'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l ignore-status -d 'Exit 0 for any complete HTTP response'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l no-decompress -d 'Do not ask for or decode gzip/br; the body bytes as sent'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l offline -d 'Print the request that would be sent; send nothing'
complete -c httpc -n "__fish_httpc_using_subcommand get" -s n -l netrc -d 'Take credentials for the URL\'s host from ~/.netrc ($NETRC if set)'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l netrc-optional -d 'Like -n (or --netrc-file), and a missing file is no error'
complete -c httpc -n "__fish_httpc_using_subcommand get" -s G -l get -d 'Put the -d/--data-* data in the URL\'s query and send GET'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l path-as-is -d 'Send the path as typed, without removing . and .. segments'
complete -c httpc -n "__fish_httpc_using_subcommand get" -s I -l head -d 'Send HEAD and print the status line and headers, as `httpc head`'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l compressed -d 'Accepted for curl: compressed bodies are asked for and decoded already'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l retry-connrefused -d 'Accepted for curl: --retry already retries a refused connection'
complete -c httpc -n "__fish_httpc_using_subcommand get" -s 1 -l tlsv1 -d 'Accept TLS 1.2 or later (1.0 and 1.1: the same; rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l tlsv1.0 -d 'Accept TLS 1.2 or later (rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l tlsv1.1 -d 'Accept TLS 1.2 or later (rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l tlsv1.2 -d 'Accept TLS 1.2 or later'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l tlsv1.3 -d 'Accept TLS 1.3 only'
complete -c httpc -n "__fish_httpc_using_subcommand get" -s i -l include -d 'Print the status line and headers before the body, also when piped'
complete -c httpc -n "__fish_httpc_using_subcommand get" -s b -l body -d 'Print the body only, also on a terminal'
complete -c httpc -n "__fish_httpc_using_subcommand get" -s O -l remote-name -d 'Like -o, named after the last path segment of the URL'
complete -c httpc -n "__fish_httpc_using_subcommand get" -s J -l remote-header-name -d 'With -O: name the file as the server\'s Content-Disposition says'
complete -c httpc -n "__fish_httpc_using_subcommand get" -s C -l continue -d 'Resume a partial download of -o/-O with a Range request'
complete -c httpc -n "__fish_httpc_using_subcommand get" -s s -l silent -d 'No progress bar and no notices; errors still go to stderr'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l progress -l progress-bar -d 'Always draw the progress bar on stderr (also -#, as in curl)'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l no-progress -l no-progress-meter -d 'Never draw the progress bar'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l timings -d 'After each URL, draw the phases of the transfer on stderr (also with -s)'
complete -c httpc -n "__fish_httpc_using_subcommand get" -s v -l debug -d 'Trace the exchange on stderr (secrets redacted)'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l show-secrets -d 'Do not redact secrets in the trace, error lines and -w URLs'
complete -c httpc -n "__fish_httpc_using_subcommand get" -s f -l fail -d 'Keep the body of an HTTP error off stdout (its first 4 KiB go to stderr)'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l fail-with-body -d 'Accepted for curl: the body of an HTTP error is printed already'
complete -c httpc -n "__fish_httpc_using_subcommand get" -s S -l show-error -d 'With -s, still warn about an HTTP error status (errors always show)'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l remote-name-all -d 'Like -O for every URL'
complete -c httpc -n "__fish_httpc_using_subcommand get" -l create-dirs -d 'Create the missing directories of the -o file (and --output-dir)'
complete -c httpc -n "__fish_httpc_using_subcommand get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c httpc -n "__fish_httpc_using_subcommand get" -s V -l version -d 'Print version'
complete -c httpc -n "__fish_httpc_using_subcommand post" -s H -l header -d 'Add a header, \'Name: value\' (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -s u -l user -d 'Basic authentication, USER[:PASS] or @FILE (keeps the password out of `ps`)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l bearer -l oauth2-bearer -d 'Bearer token for the Authorization header: TOKEN or @FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l cacert -d 'Trust the certificates in this PEM bundle too' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand post" -l resolve -d 'Connect to ADDR for HOST:PORT (HOST:PORT:ADDR[,ADDR...]; repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l connect-to -d 'Connect to HOST2:PORT2 for HOST1:PORT1 (an empty part matches any)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l unix-socket -d 'Connect to this Unix domain socket instead of TCP (http and https)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand post" -s q -l query -d 'Append a percent-encoded query parameter, name=value (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l json -d 'JSON body: text, @FILE or @- (stdin); validated before sending' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l form -d 'Form field for an x-www-form-urlencoded body, name=value or name=@FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -s F -l multipart -d 'Multipart part: name=value or name=@FILE[;type=MIME] (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -s d -l data -d 'Raw body, byte-exact: text, @FILE or @- (stdin), streamed' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -s A -l user-agent -d 'User-Agent header (default: httpc/VERSION)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l max-redirs -d 'How many redirects -L may follow; one more is exit 47' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l connect-timeout -d 'Give up connecting after SECS (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l timeout -d 'Give up when no byte arrives for SECS (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -s m -l max-time -d 'Give up when one attempt takes longer than SECS in all (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l retry -d 'Retry transient failures N times' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l retry-delay -d 'First retry backoff, doubled each attempt (capped at 30s)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l retry-max-time -d 'Start no new attempt after SECS' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l retry-on -d 'Also retry these statuses: 404,409 or 4xx' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l idempotency-key -d 'Send Idempotency-Key: KEY on every attempt (auto: a random UUID)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l expect -d 'The status must be one of STATUSES (201, 2xx, 200,204); else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l expect-header -d 'A response header must equal VALUE (\'Name:\' alone: be present); else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l expect-json -d 'The JSON body must have a value at POINTER, equal to JSON if given; else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l pick -d 'Print the JSON value at POINTER instead of the body (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l cert -d 'Client certificate (PEM); goes with --key' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand post" -l key -d 'Private key of the client certificate (PEM)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand post" -s x -l proxy -d 'Send requests through this proxy' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l noproxy -d 'Hosts that bypass the proxy, comma-separated' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -s X -l request -d 'Send this method instead of the command\'s (any RFC 9110 token)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l cookie -d 'Send cookies, \'n=v; n2=v2\', or load a cookie jar FILE (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -s c -l cookie-jar -d 'Turn the cookie engine on and write every cookie held to FILE at the end' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand post" -l netrc-file -d 'Like -n, from FILE' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand post" -l data-binary -d 'The same as -d (curl\'s name for it)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l data-raw -d 'Like -d, but a leading @ is literal' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l data-urlencode -d 'A percent-encoded form part: content, =content, name=content, @FILE or name@FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -s T -l upload-file -d 'PUT FILE (- for stdin), streamed; a URL ending in / gets FILE\'s name' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand post" -l max-filesize -d 'A body larger than BYTES is exit 63 (K, M, G suffixes: powers of 1024)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l limit-rate -d 'Read the body no faster than RATE bytes per second (K, M, G suffixes)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l url -d 'A URL, as if given as an argument (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -s e -l referer -d 'Send Referer: URL; \'URL;auto\' (or \';auto\') also sets it on each redirect' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l proto -d 'Schemes the URL may use, in curl\'s syntax: =https, -all,+https' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l proto-redir -d 'Schemes a redirect may go to (-L), in --proto\'s syntax' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l tls-max -d 'The highest TLS version to offer: 1.2 or 1.3 (default: 1.3)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -s U -l proxy-user -d 'Credentials for the proxy, USER:PASS (Proxy-Authorization: Basic)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l socks5 -d 'Use this SOCKS5 proxy (the client resolves names), HOST:PORT' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l socks5-hostname -d 'Use this SOCKS5 proxy and let it resolve names, HOST:PORT' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l pretty -d 'Format JSON bodies' -r -f -a "auto\t'When the output is a terminal'
always\t'Always'
never\t'Never'"
complete -c httpc -n "__fish_httpc_using_subcommand post" -l color -d 'Colour the output' -r -f -a "auto\t'When the output is a terminal'
always\t'Always'
never\t'Never'"
complete -c httpc -n "__fish_httpc_using_subcommand post" -s o -l output -d 'Write the body to FILE (atomically: a failed transfer leaves no FILE)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand post" -s D -l dump-header -d 'Write the status line and headers of every response to FILE (- for stdout)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand post" -s w -l write-out -d 'After the body (or a transfer error), print FORMAT with %{variables} to stdout' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l redact -d 'Redact this header or query parameter too (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand post" -l output-dir -d 'Put the files of -o, -O and -J in DIR' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand post" -s L -l location -d 'Follow redirects'
complete -c httpc -n "__fish_httpc_using_subcommand post" -s k -l insecure -d 'Skip TLS certificate verification'
complete -c httpc -n "__fish_httpc_using_subcommand post" -s 4 -l ipv4 -d 'Use IPv4 addresses only'
complete -c httpc -n "__fish_httpc_using_subcommand post" -s 6 -l ipv6 -d 'Use IPv6 addresses only'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l http1.1 -d 'Speak HTTP/1.1 only (ALPN offers only http/1.1)'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l http2 -d 'HTTP/2 by ALPN on https (the default); http:// stays HTTP/1.1'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l http2-prior-knowledge -d 'HTTP/2 without negotiation: h2c on http://, ALPN h2 only on https://'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l retry-all-errors -d 'Retry every transfer error and failed expectation, whatever the method'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l ignore-status -d 'Exit 0 for any complete HTTP response'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l no-decompress -d 'Do not ask for or decode gzip/br; the body bytes as sent'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l offline -d 'Print the request that would be sent; send nothing'
complete -c httpc -n "__fish_httpc_using_subcommand post" -s n -l netrc -d 'Take credentials for the URL\'s host from ~/.netrc ($NETRC if set)'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l netrc-optional -d 'Like -n (or --netrc-file), and a missing file is no error'
complete -c httpc -n "__fish_httpc_using_subcommand post" -s G -l get -d 'Put the -d/--data-* data in the URL\'s query and send GET'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l path-as-is -d 'Send the path as typed, without removing . and .. segments'
complete -c httpc -n "__fish_httpc_using_subcommand post" -s I -l head -d 'Send HEAD and print the status line and headers, as `httpc head`'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l compressed -d 'Accepted for curl: compressed bodies are asked for and decoded already'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l retry-connrefused -d 'Accepted for curl: --retry already retries a refused connection'
complete -c httpc -n "__fish_httpc_using_subcommand post" -s 1 -l tlsv1 -d 'Accept TLS 1.2 or later (1.0 and 1.1: the same; rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l tlsv1.0 -d 'Accept TLS 1.2 or later (rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l tlsv1.1 -d 'Accept TLS 1.2 or later (rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l tlsv1.2 -d 'Accept TLS 1.2 or later'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l tlsv1.3 -d 'Accept TLS 1.3 only'
complete -c httpc -n "__fish_httpc_using_subcommand post" -s i -l include -d 'Print the status line and headers before the body, also when piped'
complete -c httpc -n "__fish_httpc_using_subcommand post" -s b -l body -d 'Print the body only, also on a terminal'
complete -c httpc -n "__fish_httpc_using_subcommand post" -s O -l remote-name -d 'Like -o, named after the last path segment of the URL'
complete -c httpc -n "__fish_httpc_using_subcommand post" -s J -l remote-header-name -d 'With -O: name the file as the server\'s Content-Disposition says'
complete -c httpc -n "__fish_httpc_using_subcommand post" -s C -l continue -d 'Resume a partial download of -o/-O with a Range request'
complete -c httpc -n "__fish_httpc_using_subcommand post" -s s -l silent -d 'No progress bar and no notices; errors still go to stderr'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l progress -l progress-bar -d 'Always draw the progress bar on stderr (also -#, as in curl)'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l no-progress -l no-progress-meter -d 'Never draw the progress bar'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l timings -d 'After each URL, draw the phases of the transfer on stderr (also with -s)'
complete -c httpc -n "__fish_httpc_using_subcommand post" -s v -l debug -d 'Trace the exchange on stderr (secrets redacted)'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l show-secrets -d 'Do not redact secrets in the trace, error lines and -w URLs'
complete -c httpc -n "__fish_httpc_using_subcommand post" -s f -l fail -d 'Keep the body of an HTTP error off stdout (its first 4 KiB go to stderr)'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l fail-with-body -d 'Accepted for curl: the body of an HTTP error is printed already'
complete -c httpc -n "__fish_httpc_using_subcommand post" -s S -l show-error -d 'With -s, still warn about an HTTP error status (errors always show)'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l remote-name-all -d 'Like -O for every URL'
complete -c httpc -n "__fish_httpc_using_subcommand post" -l create-dirs -d 'Create the missing directories of the -o file (and --output-dir)'
complete -c httpc -n "__fish_httpc_using_subcommand post" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c httpc -n "__fish_httpc_using_subcommand post" -s V -l version -d 'Print version'
complete -c httpc -n "__fish_httpc_using_subcommand put" -s H -l header -d 'Add a header, \'Name: value\' (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -s u -l user -d 'Basic authentication, USER[:PASS] or @FILE (keeps the password out of `ps`)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l bearer -l oauth2-bearer -d 'Bearer token for the Authorization header: TOKEN or @FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l cacert -d 'Trust the certificates in this PEM bundle too' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand put" -l resolve -d 'Connect to ADDR for HOST:PORT (HOST:PORT:ADDR[,ADDR...]; repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l connect-to -d 'Connect to HOST2:PORT2 for HOST1:PORT1 (an empty part matches any)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l unix-socket -d 'Connect to this Unix domain socket instead of TCP (http and https)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand put" -s q -l query -d 'Append a percent-encoded query parameter, name=value (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l json -d 'JSON body: text, @FILE or @- (stdin); validated before sending' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l form -d 'Form field for an x-www-form-urlencoded body, name=value or name=@FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -s F -l multipart -d 'Multipart part: name=value or name=@FILE[;type=MIME] (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -s d -l data -d 'Raw body, byte-exact: text, @FILE or @- (stdin), streamed' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -s A -l user-agent -d 'User-Agent header (default: httpc/VERSION)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l max-redirs -d 'How many redirects -L may follow; one more is exit 47' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l connect-timeout -d 'Give up connecting after SECS (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l timeout -d 'Give up when no byte arrives for SECS (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -s m -l max-time -d 'Give up when one attempt takes longer than SECS in all (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l retry -d 'Retry transient failures N times' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l retry-delay -d 'First retry backoff, doubled each attempt (capped at 30s)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l retry-max-time -d 'Start no new attempt after SECS' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l retry-on -d 'Also retry these statuses: 404,409 or 4xx' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l idempotency-key -d 'Send Idempotency-Key: KEY on every attempt (auto: a random UUID)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l expect -d 'The status must be one of STATUSES (201, 2xx, 200,204); else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l expect-header -d 'A response header must equal VALUE (\'Name:\' alone: be present); else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l expect-json -d 'The JSON body must have a value at POINTER, equal to JSON if given; else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l pick -d 'Print the JSON value at POINTER instead of the body (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l cert -d 'Client certificate (PEM); goes with --key' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand put" -l key -d 'Private key of the client certificate (PEM)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand put" -s x -l proxy -d 'Send requests through this proxy' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l noproxy -d 'Hosts that bypass the proxy, comma-separated' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -s X -l request -d 'Send this method instead of the command\'s (any RFC 9110 token)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l cookie -d 'Send cookies, \'n=v; n2=v2\', or load a cookie jar FILE (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -s c -l cookie-jar -d 'Turn the cookie engine on and write every cookie held to FILE at the end' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand put" -l netrc-file -d 'Like -n, from FILE' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand put" -l data-binary -d 'The same as -d (curl\'s name for it)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l data-raw -d 'Like -d, but a leading @ is literal' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l data-urlencode -d 'A percent-encoded form part: content, =content, name=content, @FILE or name@FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -s T -l upload-file -d 'PUT FILE (- for stdin), streamed; a URL ending in / gets FILE\'s name' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand put" -l max-filesize -d 'A body larger than BYTES is exit 63 (K, M, G suffixes: powers of 1024)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l limit-rate -d 'Read the body no faster than RATE bytes per second (K, M, G suffixes)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l url -d 'A URL, as if given as an argument (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -s e -l referer -d 'Send Referer: URL; \'URL;auto\' (or \';auto\') also sets it on each redirect' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l proto -d 'Schemes the URL may use, in curl\'s syntax: =https, -all,+https' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l proto-redir -d 'Schemes a redirect may go to (-L), in --proto\'s syntax' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l tls-max -d 'The highest TLS version to offer: 1.2 or 1.3 (default: 1.3)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -s U -l proxy-user -d 'Credentials for the proxy, USER:PASS (Proxy-Authorization: Basic)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l socks5 -d 'Use this SOCKS5 proxy (the client resolves names), HOST:PORT' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l socks5-hostname -d 'Use this SOCKS5 proxy and let it resolve names, HOST:PORT' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l pretty -d 'Format JSON bodies' -r -f -a "auto\t'When the output is a terminal'
always\t'Always'
never\t'Never'"
complete -c httpc -n "__fish_httpc_using_subcommand put" -l color -d 'Colour the output' -r -f -a "auto\t'When the output is a terminal'
always\t'Always'
never\t'Never'"
complete -c httpc -n "__fish_httpc_using_subcommand put" -s o -l output -d 'Write the body to FILE (atomically: a failed transfer leaves no FILE)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand put" -s D -l dump-header -d 'Write the status line and headers of every response to FILE (- for stdout)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand put" -s w -l write-out -d 'After the body (or a transfer error), print FORMAT with %{variables} to stdout' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l redact -d 'Redact this header or query parameter too (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand put" -l output-dir -d 'Put the files of -o, -O and -J in DIR' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand put" -s L -l location -d 'Follow redirects'
complete -c httpc -n "__fish_httpc_using_subcommand put" -s k -l insecure -d 'Skip TLS certificate verification'
complete -c httpc -n "__fish_httpc_using_subcommand put" -s 4 -l ipv4 -d 'Use IPv4 addresses only'
complete -c httpc -n "__fish_httpc_using_subcommand put" -s 6 -l ipv6 -d 'Use IPv6 addresses only'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l http1.1 -d 'Speak HTTP/1.1 only (ALPN offers only http/1.1)'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l http2 -d 'HTTP/2 by ALPN on https (the default); http:// stays HTTP/1.1'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l http2-prior-knowledge -d 'HTTP/2 without negotiation: h2c on http://, ALPN h2 only on https://'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l retry-all-errors -d 'Retry every transfer error and failed expectation, whatever the method'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l ignore-status -d 'Exit 0 for any complete HTTP response'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l no-decompress -d 'Do not ask for or decode gzip/br; the body bytes as sent'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l offline -d 'Print the request that would be sent; send nothing'
complete -c httpc -n "__fish_httpc_using_subcommand put" -s n -l netrc -d 'Take credentials for the URL\'s host from ~/.netrc ($NETRC if set)'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l netrc-optional -d 'Like -n (or --netrc-file), and a missing file is no error'
complete -c httpc -n "__fish_httpc_using_subcommand put" -s G -l get -d 'Put the -d/--data-* data in the URL\'s query and send GET'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l path-as-is -d 'Send the path as typed, without removing . and .. segments'
complete -c httpc -n "__fish_httpc_using_subcommand put" -s I -l head -d 'Send HEAD and print the status line and headers, as `httpc head`'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l compressed -d 'Accepted for curl: compressed bodies are asked for and decoded already'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l retry-connrefused -d 'Accepted for curl: --retry already retries a refused connection'
complete -c httpc -n "__fish_httpc_using_subcommand put" -s 1 -l tlsv1 -d 'Accept TLS 1.2 or later (1.0 and 1.1: the same; rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l tlsv1.0 -d 'Accept TLS 1.2 or later (rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l tlsv1.1 -d 'Accept TLS 1.2 or later (rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l tlsv1.2 -d 'Accept TLS 1.2 or later'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l tlsv1.3 -d 'Accept TLS 1.3 only'
complete -c httpc -n "__fish_httpc_using_subcommand put" -s i -l include -d 'Print the status line and headers before the body, also when piped'
complete -c httpc -n "__fish_httpc_using_subcommand put" -s b -l body -d 'Print the body only, also on a terminal'
complete -c httpc -n "__fish_httpc_using_subcommand put" -s O -l remote-name -d 'Like -o, named after the last path segment of the URL'
complete -c httpc -n "__fish_httpc_using_subcommand put" -s J -l remote-header-name -d 'With -O: name the file as the server\'s Content-Disposition says'
complete -c httpc -n "__fish_httpc_using_subcommand put" -s C -l continue -d 'Resume a partial download of -o/-O with a Range request'
complete -c httpc -n "__fish_httpc_using_subcommand put" -s s -l silent -d 'No progress bar and no notices; errors still go to stderr'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l progress -l progress-bar -d 'Always draw the progress bar on stderr (also -#, as in curl)'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l no-progress -l no-progress-meter -d 'Never draw the progress bar'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l timings -d 'After each URL, draw the phases of the transfer on stderr (also with -s)'
complete -c httpc -n "__fish_httpc_using_subcommand put" -s v -l debug -d 'Trace the exchange on stderr (secrets redacted)'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l show-secrets -d 'Do not redact secrets in the trace, error lines and -w URLs'
complete -c httpc -n "__fish_httpc_using_subcommand put" -s f -l fail -d 'Keep the body of an HTTP error off stdout (its first 4 KiB go to stderr)'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l fail-with-body -d 'Accepted for curl: the body of an HTTP error is printed already'
complete -c httpc -n "__fish_httpc_using_subcommand put" -s S -l show-error -d 'With -s, still warn about an HTTP error status (errors always show)'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l remote-name-all -d 'Like -O for every URL'
complete -c httpc -n "__fish_httpc_using_subcommand put" -l create-dirs -d 'Create the missing directories of the -o file (and --output-dir)'
complete -c httpc -n "__fish_httpc_using_subcommand put" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c httpc -n "__fish_httpc_using_subcommand put" -s V -l version -d 'Print version'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s H -l header -d 'Add a header, \'Name: value\' (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s u -l user -d 'Basic authentication, USER[:PASS] or @FILE (keeps the password out of `ps`)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l bearer -l oauth2-bearer -d 'Bearer token for the Authorization header: TOKEN or @FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l cacert -d 'Trust the certificates in this PEM bundle too' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l resolve -d 'Connect to ADDR for HOST:PORT (HOST:PORT:ADDR[,ADDR...]; repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l connect-to -d 'Connect to HOST2:PORT2 for HOST1:PORT1 (an empty part matches any)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l unix-socket -d 'Connect to this Unix domain socket instead of TCP (http and https)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s q -l query -d 'Append a percent-encoded query parameter, name=value (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l json -d 'JSON body: text, @FILE or @- (stdin); validated before sending' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l form -d 'Form field for an x-www-form-urlencoded body, name=value or name=@FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s F -l multipart -d 'Multipart part: name=value or name=@FILE[;type=MIME] (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s d -l data -d 'Raw body, byte-exact: text, @FILE or @- (stdin), streamed' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s A -l user-agent -d 'User-Agent header (default: httpc/VERSION)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l max-redirs -d 'How many redirects -L may follow; one more is exit 47' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l connect-timeout -d 'Give up connecting after SECS (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l timeout -d 'Give up when no byte arrives for SECS (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s m -l max-time -d 'Give up when one attempt takes longer than SECS in all (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l retry -d 'Retry transient failures N times' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l retry-delay -d 'First retry backoff, doubled each attempt (capped at 30s)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l retry-max-time -d 'Start no new attempt after SECS' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l retry-on -d 'Also retry these statuses: 404,409 or 4xx' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l idempotency-key -d 'Send Idempotency-Key: KEY on every attempt (auto: a random UUID)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l expect -d 'The status must be one of STATUSES (201, 2xx, 200,204); else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l expect-header -d 'A response header must equal VALUE (\'Name:\' alone: be present); else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l expect-json -d 'The JSON body must have a value at POINTER, equal to JSON if given; else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l pick -d 'Print the JSON value at POINTER instead of the body (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l cert -d 'Client certificate (PEM); goes with --key' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l key -d 'Private key of the client certificate (PEM)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s x -l proxy -d 'Send requests through this proxy' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l noproxy -d 'Hosts that bypass the proxy, comma-separated' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s X -l request -d 'Send this method instead of the command\'s (any RFC 9110 token)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l cookie -d 'Send cookies, \'n=v; n2=v2\', or load a cookie jar FILE (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s c -l cookie-jar -d 'Turn the cookie engine on and write every cookie held to FILE at the end' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l netrc-file -d 'Like -n, from FILE' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l data-binary -d 'The same as -d (curl\'s name for it)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l data-raw -d 'Like -d, but a leading @ is literal' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l data-urlencode -d 'A percent-encoded form part: content, =content, name=content, @FILE or name@FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s T -l upload-file -d 'PUT FILE (- for stdin), streamed; a URL ending in / gets FILE\'s name' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l max-filesize -d 'A body larger than BYTES is exit 63 (K, M, G suffixes: powers of 1024)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l limit-rate -d 'Read the body no faster than RATE bytes per second (K, M, G suffixes)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l url -d 'A URL, as if given as an argument (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s e -l referer -d 'Send Referer: URL; \'URL;auto\' (or \';auto\') also sets it on each redirect' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l proto -d 'Schemes the URL may use, in curl\'s syntax: =https, -all,+https' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l proto-redir -d 'Schemes a redirect may go to (-L), in --proto\'s syntax' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l tls-max -d 'The highest TLS version to offer: 1.2 or 1.3 (default: 1.3)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s U -l proxy-user -d 'Credentials for the proxy, USER:PASS (Proxy-Authorization: Basic)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l socks5 -d 'Use this SOCKS5 proxy (the client resolves names), HOST:PORT' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l socks5-hostname -d 'Use this SOCKS5 proxy and let it resolve names, HOST:PORT' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l pretty -d 'Format JSON bodies' -r -f -a "auto\t'When the output is a terminal'
always\t'Always'
never\t'Never'"
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l color -d 'Colour the output' -r -f -a "auto\t'When the output is a terminal'
always\t'Always'
never\t'Never'"
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s o -l output -d 'Write the body to FILE (atomically: a failed transfer leaves no FILE)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s D -l dump-header -d 'Write the status line and headers of every response to FILE (- for stdout)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s w -l write-out -d 'After the body (or a transfer error), print FORMAT with %{variables} to stdout' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l redact -d 'Redact this header or query parameter too (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l output-dir -d 'Put the files of -o, -O and -J in DIR' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s L -l location -d 'Follow redirects'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s k -l insecure -d 'Skip TLS certificate verification'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s 4 -l ipv4 -d 'Use IPv4 addresses only'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s 6 -l ipv6 -d 'Use IPv6 addresses only'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l http1.1 -d 'Speak HTTP/1.1 only (ALPN offers only http/1.1)'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l http2 -d 'HTTP/2 by ALPN on https (the default); http:// stays HTTP/1.1'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l http2-prior-knowledge -d 'HTTP/2 without negotiation: h2c on http://, ALPN h2 only on https://'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l retry-all-errors -d 'Retry every transfer error and failed expectation, whatever the method'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l ignore-status -d 'Exit 0 for any complete HTTP response'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l no-decompress -d 'Do not ask for or decode gzip/br; the body bytes as sent'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l offline -d 'Print the request that would be sent; send nothing'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s n -l netrc -d 'Take credentials for the URL\'s host from ~/.netrc ($NETRC if set)'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l netrc-optional -d 'Like -n (or --netrc-file), and a missing file is no error'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s G -l get -d 'Put the -d/--data-* data in the URL\'s query and send GET'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l path-as-is -d 'Send the path as typed, without removing . and .. segments'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s I -l head -d 'Send HEAD and print the status line and headers, as `httpc head`'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l compressed -d 'Accepted for curl: compressed bodies are asked for and decoded already'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l retry-connrefused -d 'Accepted for curl: --retry already retries a refused connection'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s 1 -l tlsv1 -d 'Accept TLS 1.2 or later (1.0 and 1.1: the same; rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l tlsv1.0 -d 'Accept TLS 1.2 or later (rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l tlsv1.1 -d 'Accept TLS 1.2 or later (rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l tlsv1.2 -d 'Accept TLS 1.2 or later'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l tlsv1.3 -d 'Accept TLS 1.3 only'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s i -l include -d 'Print the status line and headers before the body, also when piped'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s b -l body -d 'Print the body only, also on a terminal'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s O -l remote-name -d 'Like -o, named after the last path segment of the URL'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s J -l remote-header-name -d 'With -O: name the file as the server\'s Content-Disposition says'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s C -l continue -d 'Resume a partial download of -o/-O with a Range request'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s s -l silent -d 'No progress bar and no notices; errors still go to stderr'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l progress -l progress-bar -d 'Always draw the progress bar on stderr (also -#, as in curl)'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l no-progress -l no-progress-meter -d 'Never draw the progress bar'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l timings -d 'After each URL, draw the phases of the transfer on stderr (also with -s)'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s v -l debug -d 'Trace the exchange on stderr (secrets redacted)'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l show-secrets -d 'Do not redact secrets in the trace, error lines and -w URLs'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s f -l fail -d 'Keep the body of an HTTP error off stdout (its first 4 KiB go to stderr)'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l fail-with-body -d 'Accepted for curl: the body of an HTTP error is printed already'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s S -l show-error -d 'With -s, still warn about an HTTP error status (errors always show)'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l remote-name-all -d 'Like -O for every URL'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -l create-dirs -d 'Create the missing directories of the -o file (and --output-dir)'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c httpc -n "__fish_httpc_using_subcommand patch" -s V -l version -d 'Print version'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s H -l header -d 'Add a header, \'Name: value\' (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s u -l user -d 'Basic authentication, USER[:PASS] or @FILE (keeps the password out of `ps`)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l bearer -l oauth2-bearer -d 'Bearer token for the Authorization header: TOKEN or @FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l cacert -d 'Trust the certificates in this PEM bundle too' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l resolve -d 'Connect to ADDR for HOST:PORT (HOST:PORT:ADDR[,ADDR...]; repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l connect-to -d 'Connect to HOST2:PORT2 for HOST1:PORT1 (an empty part matches any)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l unix-socket -d 'Connect to this Unix domain socket instead of TCP (http and https)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s q -l query -d 'Append a percent-encoded query parameter, name=value (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l json -d 'JSON body: text, @FILE or @- (stdin); validated before sending' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l form -d 'Form field for an x-www-form-urlencoded body, name=value or name=@FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s F -l multipart -d 'Multipart part: name=value or name=@FILE[;type=MIME] (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s d -l data -d 'Raw body, byte-exact: text, @FILE or @- (stdin), streamed' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s A -l user-agent -d 'User-Agent header (default: httpc/VERSION)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l max-redirs -d 'How many redirects -L may follow; one more is exit 47' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l connect-timeout -d 'Give up connecting after SECS (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l timeout -d 'Give up when no byte arrives for SECS (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s m -l max-time -d 'Give up when one attempt takes longer than SECS in all (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l retry -d 'Retry transient failures N times' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l retry-delay -d 'First retry backoff, doubled each attempt (capped at 30s)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l retry-max-time -d 'Start no new attempt after SECS' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l retry-on -d 'Also retry these statuses: 404,409 or 4xx' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l idempotency-key -d 'Send Idempotency-Key: KEY on every attempt (auto: a random UUID)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l expect -d 'The status must be one of STATUSES (201, 2xx, 200,204); else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l expect-header -d 'A response header must equal VALUE (\'Name:\' alone: be present); else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l expect-json -d 'The JSON body must have a value at POINTER, equal to JSON if given; else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l pick -d 'Print the JSON value at POINTER instead of the body (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l cert -d 'Client certificate (PEM); goes with --key' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l key -d 'Private key of the client certificate (PEM)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s x -l proxy -d 'Send requests through this proxy' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l noproxy -d 'Hosts that bypass the proxy, comma-separated' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s X -l request -d 'Send this method instead of the command\'s (any RFC 9110 token)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l cookie -d 'Send cookies, \'n=v; n2=v2\', or load a cookie jar FILE (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s c -l cookie-jar -d 'Turn the cookie engine on and write every cookie held to FILE at the end' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l netrc-file -d 'Like -n, from FILE' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l data-binary -d 'The same as -d (curl\'s name for it)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l data-raw -d 'Like -d, but a leading @ is literal' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l data-urlencode -d 'A percent-encoded form part: content, =content, name=content, @FILE or name@FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s T -l upload-file -d 'PUT FILE (- for stdin), streamed; a URL ending in / gets FILE\'s name' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l max-filesize -d 'A body larger than BYTES is exit 63 (K, M, G suffixes: powers of 1024)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l limit-rate -d 'Read the body no faster than RATE bytes per second (K, M, G suffixes)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l url -d 'A URL, as if given as an argument (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s e -l referer -d 'Send Referer: URL; \'URL;auto\' (or \';auto\') also sets it on each redirect' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l proto -d 'Schemes the URL may use, in curl\'s syntax: =https, -all,+https' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l proto-redir -d 'Schemes a redirect may go to (-L), in --proto\'s syntax' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l tls-max -d 'The highest TLS version to offer: 1.2 or 1.3 (default: 1.3)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s U -l proxy-user -d 'Credentials for the proxy, USER:PASS (Proxy-Authorization: Basic)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l socks5 -d 'Use this SOCKS5 proxy (the client resolves names), HOST:PORT' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l socks5-hostname -d 'Use this SOCKS5 proxy and let it resolve names, HOST:PORT' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l pretty -d 'Format JSON bodies' -r -f -a "auto\t'When the output is a terminal'
always\t'Always'
never\t'Never'"
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l color -d 'Colour the output' -r -f -a "auto\t'When the output is a terminal'
always\t'Always'
never\t'Never'"
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s o -l output -d 'Write the body to FILE (atomically: a failed transfer leaves no FILE)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s D -l dump-header -d 'Write the status line and headers of every response to FILE (- for stdout)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s w -l write-out -d 'After the body (or a transfer error), print FORMAT with %{variables} to stdout' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l redact -d 'Redact this header or query parameter too (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l output-dir -d 'Put the files of -o, -O and -J in DIR' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s L -l location -d 'Follow redirects'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s k -l insecure -d 'Skip TLS certificate verification'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s 4 -l ipv4 -d 'Use IPv4 addresses only'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s 6 -l ipv6 -d 'Use IPv6 addresses only'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l http1.1 -d 'Speak HTTP/1.1 only (ALPN offers only http/1.1)'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l http2 -d 'HTTP/2 by ALPN on https (the default); http:// stays HTTP/1.1'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l http2-prior-knowledge -d 'HTTP/2 without negotiation: h2c on http://, ALPN h2 only on https://'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l retry-all-errors -d 'Retry every transfer error and failed expectation, whatever the method'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l ignore-status -d 'Exit 0 for any complete HTTP response'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l no-decompress -d 'Do not ask for or decode gzip/br; the body bytes as sent'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l offline -d 'Print the request that would be sent; send nothing'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s n -l netrc -d 'Take credentials for the URL\'s host from ~/.netrc ($NETRC if set)'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l netrc-optional -d 'Like -n (or --netrc-file), and a missing file is no error'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s G -l get -d 'Put the -d/--data-* data in the URL\'s query and send GET'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l path-as-is -d 'Send the path as typed, without removing . and .. segments'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s I -l head -d 'Send HEAD and print the status line and headers, as `httpc head`'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l compressed -d 'Accepted for curl: compressed bodies are asked for and decoded already'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l retry-connrefused -d 'Accepted for curl: --retry already retries a refused connection'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s 1 -l tlsv1 -d 'Accept TLS 1.2 or later (1.0 and 1.1: the same; rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l tlsv1.0 -d 'Accept TLS 1.2 or later (rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l tlsv1.1 -d 'Accept TLS 1.2 or later (rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l tlsv1.2 -d 'Accept TLS 1.2 or later'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l tlsv1.3 -d 'Accept TLS 1.3 only'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s i -l include -d 'Print the status line and headers before the body, also when piped'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s b -l body -d 'Print the body only, also on a terminal'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s O -l remote-name -d 'Like -o, named after the last path segment of the URL'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s J -l remote-header-name -d 'With -O: name the file as the server\'s Content-Disposition says'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s C -l continue -d 'Resume a partial download of -o/-O with a Range request'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s s -l silent -d 'No progress bar and no notices; errors still go to stderr'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l progress -l progress-bar -d 'Always draw the progress bar on stderr (also -#, as in curl)'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l no-progress -l no-progress-meter -d 'Never draw the progress bar'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l timings -d 'After each URL, draw the phases of the transfer on stderr (also with -s)'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s v -l debug -d 'Trace the exchange on stderr (secrets redacted)'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l show-secrets -d 'Do not redact secrets in the trace, error lines and -w URLs'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s f -l fail -d 'Keep the body of an HTTP error off stdout (its first 4 KiB go to stderr)'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l fail-with-body -d 'Accepted for curl: the body of an HTTP error is printed already'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s S -l show-error -d 'With -s, still warn about an HTTP error status (errors always show)'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l remote-name-all -d 'Like -O for every URL'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -l create-dirs -d 'Create the missing directories of the -o file (and --output-dir)'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c httpc -n "__fish_httpc_using_subcommand delete" -s V -l version -d 'Print version'
complete -c httpc -n "__fish_httpc_using_subcommand head" -s H -l header -d 'Add a header, \'Name: value\' (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -s u -l user -d 'Basic authentication, USER[:PASS] or @FILE (keeps the password out of `ps`)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l bearer -l oauth2-bearer -d 'Bearer token for the Authorization header: TOKEN or @FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l cacert -d 'Trust the certificates in this PEM bundle too' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand head" -l resolve -d 'Connect to ADDR for HOST:PORT (HOST:PORT:ADDR[,ADDR...]; repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l connect-to -d 'Connect to HOST2:PORT2 for HOST1:PORT1 (an empty part matches any)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l unix-socket -d 'Connect to this Unix domain socket instead of TCP (http and https)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand head" -s q -l query -d 'Append a percent-encoded query parameter, name=value (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l json -d 'JSON body: text, @FILE or @- (stdin); validated before sending' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l form -d 'Form field for an x-www-form-urlencoded body, name=value or name=@FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -s F -l multipart -d 'Multipart part: name=value or name=@FILE[;type=MIME] (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -s d -l data -d 'Raw body, byte-exact: text, @FILE or @- (stdin), streamed' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -s A -l user-agent -d 'User-Agent header (default: httpc/VERSION)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l max-redirs -d 'How many redirects -L may follow; one more is exit 47' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l connect-timeout -d 'Give up connecting after SECS (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l timeout -d 'Give up when no byte arrives for SECS (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -s m -l max-time -d 'Give up when one attempt takes longer than SECS in all (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l retry -d 'Retry transient failures N times' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l retry-delay -d 'First retry backoff, doubled each attempt (capped at 30s)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l retry-max-time -d 'Start no new attempt after SECS' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l retry-on -d 'Also retry these statuses: 404,409 or 4xx' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l idempotency-key -d 'Send Idempotency-Key: KEY on every attempt (auto: a random UUID)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l expect -d 'The status must be one of STATUSES (201, 2xx, 200,204); else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l expect-header -d 'A response header must equal VALUE (\'Name:\' alone: be present); else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l expect-json -d 'The JSON body must have a value at POINTER, equal to JSON if given; else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l pick -d 'Print the JSON value at POINTER instead of the body (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l cert -d 'Client certificate (PEM); goes with --key' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand head" -l key -d 'Private key of the client certificate (PEM)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand head" -s x -l proxy -d 'Send requests through this proxy' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l noproxy -d 'Hosts that bypass the proxy, comma-separated' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -s X -l request -d 'Send this method instead of the command\'s (any RFC 9110 token)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l cookie -d 'Send cookies, \'n=v; n2=v2\', or load a cookie jar FILE (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -s c -l cookie-jar -d 'Turn the cookie engine on and write every cookie held to FILE at the end' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand head" -l netrc-file -d 'Like -n, from FILE' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand head" -l data-binary -d 'The same as -d (curl\'s name for it)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l data-raw -d 'Like -d, but a leading @ is literal' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l data-urlencode -d 'A percent-encoded form part: content, =content, name=content, @FILE or name@FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -s T -l upload-file -d 'PUT FILE (- for stdin), streamed; a URL ending in / gets FILE\'s name' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand head" -l max-filesize -d 'A body larger than BYTES is exit 63 (K, M, G suffixes: powers of 1024)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l limit-rate -d 'Read the body no faster than RATE bytes per second (K, M, G suffixes)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l url -d 'A URL, as if given as an argument (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -s e -l referer -d 'Send Referer: URL; \'URL;auto\' (or \';auto\') also sets it on each redirect' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l proto -d 'Schemes the URL may use, in curl\'s syntax: =https, -all,+https' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l proto-redir -d 'Schemes a redirect may go to (-L), in --proto\'s syntax' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l tls-max -d 'The highest TLS version to offer: 1.2 or 1.3 (default: 1.3)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -s U -l proxy-user -d 'Credentials for the proxy, USER:PASS (Proxy-Authorization: Basic)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l socks5 -d 'Use this SOCKS5 proxy (the client resolves names), HOST:PORT' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l socks5-hostname -d 'Use this SOCKS5 proxy and let it resolve names, HOST:PORT' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l pretty -d 'Format JSON bodies' -r -f -a "auto\t'When the output is a terminal'
always\t'Always'
never\t'Never'"
complete -c httpc -n "__fish_httpc_using_subcommand head" -l color -d 'Colour the output' -r -f -a "auto\t'When the output is a terminal'
always\t'Always'
never\t'Never'"
complete -c httpc -n "__fish_httpc_using_subcommand head" -s o -l output -d 'Write the body to FILE (atomically: a failed transfer leaves no FILE)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand head" -s D -l dump-header -d 'Write the status line and headers of every response to FILE (- for stdout)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand head" -s w -l write-out -d 'After the body (or a transfer error), print FORMAT with %{variables} to stdout' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l redact -d 'Redact this header or query parameter too (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand head" -l output-dir -d 'Put the files of -o, -O and -J in DIR' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand head" -s L -l location -d 'Follow redirects'
complete -c httpc -n "__fish_httpc_using_subcommand head" -s k -l insecure -d 'Skip TLS certificate verification'
complete -c httpc -n "__fish_httpc_using_subcommand head" -s 4 -l ipv4 -d 'Use IPv4 addresses only'
complete -c httpc -n "__fish_httpc_using_subcommand head" -s 6 -l ipv6 -d 'Use IPv6 addresses only'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l http1.1 -d 'Speak HTTP/1.1 only (ALPN offers only http/1.1)'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l http2 -d 'HTTP/2 by ALPN on https (the default); http:// stays HTTP/1.1'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l http2-prior-knowledge -d 'HTTP/2 without negotiation: h2c on http://, ALPN h2 only on https://'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l retry-all-errors -d 'Retry every transfer error and failed expectation, whatever the method'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l ignore-status -d 'Exit 0 for any complete HTTP response'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l no-decompress -d 'Do not ask for or decode gzip/br; the body bytes as sent'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l offline -d 'Print the request that would be sent; send nothing'
complete -c httpc -n "__fish_httpc_using_subcommand head" -s n -l netrc -d 'Take credentials for the URL\'s host from ~/.netrc ($NETRC if set)'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l netrc-optional -d 'Like -n (or --netrc-file), and a missing file is no error'
complete -c httpc -n "__fish_httpc_using_subcommand head" -s G -l get -d 'Put the -d/--data-* data in the URL\'s query and send GET'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l path-as-is -d 'Send the path as typed, without removing . and .. segments'
complete -c httpc -n "__fish_httpc_using_subcommand head" -s I -l head -d 'Send HEAD and print the status line and headers, as `httpc head`'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l compressed -d 'Accepted for curl: compressed bodies are asked for and decoded already'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l retry-connrefused -d 'Accepted for curl: --retry already retries a refused connection'
complete -c httpc -n "__fish_httpc_using_subcommand head" -s 1 -l tlsv1 -d 'Accept TLS 1.2 or later (1.0 and 1.1: the same; rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l tlsv1.0 -d 'Accept TLS 1.2 or later (rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l tlsv1.1 -d 'Accept TLS 1.2 or later (rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l tlsv1.2 -d 'Accept TLS 1.2 or later'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l tlsv1.3 -d 'Accept TLS 1.3 only'
complete -c httpc -n "__fish_httpc_using_subcommand head" -s i -l include -d 'Print the status line and headers before the body, also when piped'
complete -c httpc -n "__fish_httpc_using_subcommand head" -s b -l body -d 'Print the body only, also on a terminal'
complete -c httpc -n "__fish_httpc_using_subcommand head" -s O -l remote-name -d 'Like -o, named after the last path segment of the URL'
complete -c httpc -n "__fish_httpc_using_subcommand head" -s J -l remote-header-name -d 'With -O: name the file as the server\'s Content-Disposition says'
complete -c httpc -n "__fish_httpc_using_subcommand head" -s C -l continue -d 'Resume a partial download of -o/-O with a Range request'
complete -c httpc -n "__fish_httpc_using_subcommand head" -s s -l silent -d 'No progress bar and no notices; errors still go to stderr'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l progress -l progress-bar -d 'Always draw the progress bar on stderr (also -#, as in curl)'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l no-progress -l no-progress-meter -d 'Never draw the progress bar'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l timings -d 'After each URL, draw the phases of the transfer on stderr (also with -s)'
complete -c httpc -n "__fish_httpc_using_subcommand head" -s v -l debug -d 'Trace the exchange on stderr (secrets redacted)'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l show-secrets -d 'Do not redact secrets in the trace, error lines and -w URLs'
complete -c httpc -n "__fish_httpc_using_subcommand head" -s f -l fail -d 'Keep the body of an HTTP error off stdout (its first 4 KiB go to stderr)'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l fail-with-body -d 'Accepted for curl: the body of an HTTP error is printed already'
complete -c httpc -n "__fish_httpc_using_subcommand head" -s S -l show-error -d 'With -s, still warn about an HTTP error status (errors always show)'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l remote-name-all -d 'Like -O for every URL'
complete -c httpc -n "__fish_httpc_using_subcommand head" -l create-dirs -d 'Create the missing directories of the -o file (and --output-dir)'
complete -c httpc -n "__fish_httpc_using_subcommand head" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c httpc -n "__fish_httpc_using_subcommand head" -s V -l version -d 'Print version'
complete -c httpc -n "__fish_httpc_using_subcommand options" -s H -l header -d 'Add a header, \'Name: value\' (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -s u -l user -d 'Basic authentication, USER[:PASS] or @FILE (keeps the password out of `ps`)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l bearer -l oauth2-bearer -d 'Bearer token for the Authorization header: TOKEN or @FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l cacert -d 'Trust the certificates in this PEM bundle too' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand options" -l resolve -d 'Connect to ADDR for HOST:PORT (HOST:PORT:ADDR[,ADDR...]; repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l connect-to -d 'Connect to HOST2:PORT2 for HOST1:PORT1 (an empty part matches any)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l unix-socket -d 'Connect to this Unix domain socket instead of TCP (http and https)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand options" -s q -l query -d 'Append a percent-encoded query parameter, name=value (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l json -d 'JSON body: text, @FILE or @- (stdin); validated before sending' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l form -d 'Form field for an x-www-form-urlencoded body, name=value or name=@FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -s F -l multipart -d 'Multipart part: name=value or name=@FILE[;type=MIME] (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -s d -l data -d 'Raw body, byte-exact: text, @FILE or @- (stdin), streamed' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -s A -l user-agent -d 'User-Agent header (default: httpc/VERSION)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l max-redirs -d 'How many redirects -L may follow; one more is exit 47' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l connect-timeout -d 'Give up connecting after SECS (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l timeout -d 'Give up when no byte arrives for SECS (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -s m -l max-time -d 'Give up when one attempt takes longer than SECS in all (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l retry -d 'Retry transient failures N times' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l retry-delay -d 'First retry backoff, doubled each attempt (capped at 30s)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l retry-max-time -d 'Start no new attempt after SECS' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l retry-on -d 'Also retry these statuses: 404,409 or 4xx' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l idempotency-key -d 'Send Idempotency-Key: KEY on every attempt (auto: a random UUID)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l expect -d 'The status must be one of STATUSES (201, 2xx, 200,204); else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l expect-header -d 'A response header must equal VALUE (\'Name:\' alone: be present); else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l expect-json -d 'The JSON body must have a value at POINTER, equal to JSON if given; else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l pick -d 'Print the JSON value at POINTER instead of the body (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l cert -d 'Client certificate (PEM); goes with --key' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand options" -l key -d 'Private key of the client certificate (PEM)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand options" -s x -l proxy -d 'Send requests through this proxy' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l noproxy -d 'Hosts that bypass the proxy, comma-separated' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -s X -l request -d 'Send this method instead of the command\'s (any RFC 9110 token)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l cookie -d 'Send cookies, \'n=v; n2=v2\', or load a cookie jar FILE (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -s c -l cookie-jar -d 'Turn the cookie engine on and write every cookie held to FILE at the end' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand options" -l netrc-file -d 'Like -n, from FILE' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand options" -l data-binary -d 'The same as -d (curl\'s name for it)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l data-raw -d 'Like -d, but a leading @ is literal' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l data-urlencode -d 'A percent-encoded form part: content, =content, name=content, @FILE or name@FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -s T -l upload-file -d 'PUT FILE (- for stdin), streamed; a URL ending in / gets FILE\'s name' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand options" -l max-filesize -d 'A body larger than BYTES is exit 63 (K, M, G suffixes: powers of 1024)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l limit-rate -d 'Read the body no faster than RATE bytes per second (K, M, G suffixes)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l url -d 'A URL, as if given as an argument (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -s e -l referer -d 'Send Referer: URL; \'URL;auto\' (or \';auto\') also sets it on each redirect' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l proto -d 'Schemes the URL may use, in curl\'s syntax: =https, -all,+https' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l proto-redir -d 'Schemes a redirect may go to (-L), in --proto\'s syntax' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l tls-max -d 'The highest TLS version to offer: 1.2 or 1.3 (default: 1.3)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -s U -l proxy-user -d 'Credentials for the proxy, USER:PASS (Proxy-Authorization: Basic)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l socks5 -d 'Use this SOCKS5 proxy (the client resolves names), HOST:PORT' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l socks5-hostname -d 'Use this SOCKS5 proxy and let it resolve names, HOST:PORT' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l pretty -d 'Format JSON bodies' -r -f -a "auto\t'When the output is a terminal'
always\t'Always'
never\t'Never'"
complete -c httpc -n "__fish_httpc_using_subcommand options" -l color -d 'Colour the output' -r -f -a "auto\t'When the output is a terminal'
always\t'Always'
never\t'Never'"
complete -c httpc -n "__fish_httpc_using_subcommand options" -s o -l output -d 'Write the body to FILE (atomically: a failed transfer leaves no FILE)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand options" -s D -l dump-header -d 'Write the status line and headers of every response to FILE (- for stdout)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand options" -s w -l write-out -d 'After the body (or a transfer error), print FORMAT with %{variables} to stdout' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l redact -d 'Redact this header or query parameter too (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand options" -l output-dir -d 'Put the files of -o, -O and -J in DIR' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand options" -s L -l location -d 'Follow redirects'
complete -c httpc -n "__fish_httpc_using_subcommand options" -s k -l insecure -d 'Skip TLS certificate verification'
complete -c httpc -n "__fish_httpc_using_subcommand options" -s 4 -l ipv4 -d 'Use IPv4 addresses only'
complete -c httpc -n "__fish_httpc_using_subcommand options" -s 6 -l ipv6 -d 'Use IPv6 addresses only'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l http1.1 -d 'Speak HTTP/1.1 only (ALPN offers only http/1.1)'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l http2 -d 'HTTP/2 by ALPN on https (the default); http:// stays HTTP/1.1'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l http2-prior-knowledge -d 'HTTP/2 without negotiation: h2c on http://, ALPN h2 only on https://'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l retry-all-errors -d 'Retry every transfer error and failed expectation, whatever the method'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l ignore-status -d 'Exit 0 for any complete HTTP response'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l no-decompress -d 'Do not ask for or decode gzip/br; the body bytes as sent'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l offline -d 'Print the request that would be sent; send nothing'
complete -c httpc -n "__fish_httpc_using_subcommand options" -s n -l netrc -d 'Take credentials for the URL\'s host from ~/.netrc ($NETRC if set)'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l netrc-optional -d 'Like -n (or --netrc-file), and a missing file is no error'
complete -c httpc -n "__fish_httpc_using_subcommand options" -s G -l get -d 'Put the -d/--data-* data in the URL\'s query and send GET'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l path-as-is -d 'Send the path as typed, without removing . and .. segments'
complete -c httpc -n "__fish_httpc_using_subcommand options" -s I -l head -d 'Send HEAD and print the status line and headers, as `httpc head`'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l compressed -d 'Accepted for curl: compressed bodies are asked for and decoded already'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l retry-connrefused -d 'Accepted for curl: --retry already retries a refused connection'
complete -c httpc -n "__fish_httpc_using_subcommand options" -s 1 -l tlsv1 -d 'Accept TLS 1.2 or later (1.0 and 1.1: the same; rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l tlsv1.0 -d 'Accept TLS 1.2 or later (rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l tlsv1.1 -d 'Accept TLS 1.2 or later (rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l tlsv1.2 -d 'Accept TLS 1.2 or later'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l tlsv1.3 -d 'Accept TLS 1.3 only'
complete -c httpc -n "__fish_httpc_using_subcommand options" -s i -l include -d 'Print the status line and headers before the body, also when piped'
complete -c httpc -n "__fish_httpc_using_subcommand options" -s b -l body -d 'Print the body only, also on a terminal'
complete -c httpc -n "__fish_httpc_using_subcommand options" -s O -l remote-name -d 'Like -o, named after the last path segment of the URL'
complete -c httpc -n "__fish_httpc_using_subcommand options" -s J -l remote-header-name -d 'With -O: name the file as the server\'s Content-Disposition says'
complete -c httpc -n "__fish_httpc_using_subcommand options" -s C -l continue -d 'Resume a partial download of -o/-O with a Range request'
complete -c httpc -n "__fish_httpc_using_subcommand options" -s s -l silent -d 'No progress bar and no notices; errors still go to stderr'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l progress -l progress-bar -d 'Always draw the progress bar on stderr (also -#, as in curl)'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l no-progress -l no-progress-meter -d 'Never draw the progress bar'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l timings -d 'After each URL, draw the phases of the transfer on stderr (also with -s)'
complete -c httpc -n "__fish_httpc_using_subcommand options" -s v -l debug -d 'Trace the exchange on stderr (secrets redacted)'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l show-secrets -d 'Do not redact secrets in the trace, error lines and -w URLs'
complete -c httpc -n "__fish_httpc_using_subcommand options" -s f -l fail -d 'Keep the body of an HTTP error off stdout (its first 4 KiB go to stderr)'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l fail-with-body -d 'Accepted for curl: the body of an HTTP error is printed already'
complete -c httpc -n "__fish_httpc_using_subcommand options" -s S -l show-error -d 'With -s, still warn about an HTTP error status (errors always show)'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l remote-name-all -d 'Like -O for every URL'
complete -c httpc -n "__fish_httpc_using_subcommand options" -l create-dirs -d 'Create the missing directories of the -o file (and --output-dir)'
complete -c httpc -n "__fish_httpc_using_subcommand options" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c httpc -n "__fish_httpc_using_subcommand options" -s V -l version -d 'Print version'
complete -c httpc -n "__fish_httpc_using_subcommand request" -s H -l header -d 'Add a header, \'Name: value\' (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -s u -l user -d 'Basic authentication, USER[:PASS] or @FILE (keeps the password out of `ps`)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l bearer -l oauth2-bearer -d 'Bearer token for the Authorization header: TOKEN or @FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l cacert -d 'Trust the certificates in this PEM bundle too' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand request" -l resolve -d 'Connect to ADDR for HOST:PORT (HOST:PORT:ADDR[,ADDR...]; repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l connect-to -d 'Connect to HOST2:PORT2 for HOST1:PORT1 (an empty part matches any)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l unix-socket -d 'Connect to this Unix domain socket instead of TCP (http and https)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand request" -s q -l query -d 'Append a percent-encoded query parameter, name=value (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l json -d 'JSON body: text, @FILE or @- (stdin); validated before sending' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l form -d 'Form field for an x-www-form-urlencoded body, name=value or name=@FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -s F -l multipart -d 'Multipart part: name=value or name=@FILE[;type=MIME] (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -s d -l data -d 'Raw body, byte-exact: text, @FILE or @- (stdin), streamed' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -s A -l user-agent -d 'User-Agent header (default: httpc/VERSION)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l max-redirs -d 'How many redirects -L may follow; one more is exit 47' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l connect-timeout -d 'Give up connecting after SECS (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l timeout -d 'Give up when no byte arrives for SECS (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -s m -l max-time -d 'Give up when one attempt takes longer than SECS in all (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l retry -d 'Retry transient failures N times' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l retry-delay -d 'First retry backoff, doubled each attempt (capped at 30s)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l retry-max-time -d 'Start no new attempt after SECS' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l retry-on -d 'Also retry these statuses: 404,409 or 4xx' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l idempotency-key -d 'Send Idempotency-Key: KEY on every attempt (auto: a random UUID)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l expect -d 'The status must be one of STATUSES (201, 2xx, 200,204); else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l expect-header -d 'A response header must equal VALUE (\'Name:\' alone: be present); else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l expect-json -d 'The JSON body must have a value at POINTER, equal to JSON if given; else exit 22' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l pick -d 'Print the JSON value at POINTER instead of the body (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l cert -d 'Client certificate (PEM); goes with --key' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand request" -l key -d 'Private key of the client certificate (PEM)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand request" -s x -l proxy -d 'Send requests through this proxy' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l noproxy -d 'Hosts that bypass the proxy, comma-separated' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -s X -l request -d 'Send this method instead of the command\'s (any RFC 9110 token)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l cookie -d 'Send cookies, \'n=v; n2=v2\', or load a cookie jar FILE (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -s c -l cookie-jar -d 'Turn the cookie engine on and write every cookie held to FILE at the end' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand request" -l netrc-file -d 'Like -n, from FILE' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand request" -l data-binary -d 'The same as -d (curl\'s name for it)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l data-raw -d 'Like -d, but a leading @ is literal' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l data-urlencode -d 'A percent-encoded form part: content, =content, name=content, @FILE or name@FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -s T -l upload-file -d 'PUT FILE (- for stdin), streamed; a URL ending in / gets FILE\'s name' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand request" -l max-filesize -d 'A body larger than BYTES is exit 63 (K, M, G suffixes: powers of 1024)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l limit-rate -d 'Read the body no faster than RATE bytes per second (K, M, G suffixes)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l url -d 'A URL, as if given as an argument (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -s e -l referer -d 'Send Referer: URL; \'URL;auto\' (or \';auto\') also sets it on each redirect' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l proto -d 'Schemes the URL may use, in curl\'s syntax: =https, -all,+https' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l proto-redir -d 'Schemes a redirect may go to (-L), in --proto\'s syntax' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l tls-max -d 'The highest TLS version to offer: 1.2 or 1.3 (default: 1.3)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -s U -l proxy-user -d 'Credentials for the proxy, USER:PASS (Proxy-Authorization: Basic)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l socks5 -d 'Use this SOCKS5 proxy (the client resolves names), HOST:PORT' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l socks5-hostname -d 'Use this SOCKS5 proxy and let it resolve names, HOST:PORT' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l pretty -d 'Format JSON bodies' -r -f -a "auto\t'When the output is a terminal'
always\t'Always'
never\t'Never'"
complete -c httpc -n "__fish_httpc_using_subcommand request" -l color -d 'Colour the output' -r -f -a "auto\t'When the output is a terminal'
always\t'Always'
never\t'Never'"
complete -c httpc -n "__fish_httpc_using_subcommand request" -s o -l output -d 'Write the body to FILE (atomically: a failed transfer leaves no FILE)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand request" -s D -l dump-header -d 'Write the status line and headers of every response to FILE (- for stdout)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand request" -s w -l write-out -d 'After the body (or a transfer error), print FORMAT with %{variables} to stdout' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l redact -d 'Redact this header or query parameter too (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand request" -l output-dir -d 'Put the files of -o, -O and -J in DIR' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand request" -s L -l location -d 'Follow redirects'
complete -c httpc -n "__fish_httpc_using_subcommand request" -s k -l insecure -d 'Skip TLS certificate verification'
complete -c httpc -n "__fish_httpc_using_subcommand request" -s 4 -l ipv4 -d 'Use IPv4 addresses only'
complete -c httpc -n "__fish_httpc_using_subcommand request" -s 6 -l ipv6 -d 'Use IPv6 addresses only'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l http1.1 -d 'Speak HTTP/1.1 only (ALPN offers only http/1.1)'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l http2 -d 'HTTP/2 by ALPN on https (the default); http:// stays HTTP/1.1'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l http2-prior-knowledge -d 'HTTP/2 without negotiation: h2c on http://, ALPN h2 only on https://'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l retry-all-errors -d 'Retry every transfer error and failed expectation, whatever the method'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l ignore-status -d 'Exit 0 for any complete HTTP response'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l no-decompress -d 'Do not ask for or decode gzip/br; the body bytes as sent'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l offline -d 'Print the request that would be sent; send nothing'
complete -c httpc -n "__fish_httpc_using_subcommand request" -s n -l netrc -d 'Take credentials for the URL\'s host from ~/.netrc ($NETRC if set)'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l netrc-optional -d 'Like -n (or --netrc-file), and a missing file is no error'
complete -c httpc -n "__fish_httpc_using_subcommand request" -s G -l get -d 'Put the -d/--data-* data in the URL\'s query and send GET'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l path-as-is -d 'Send the path as typed, without removing . and .. segments'
complete -c httpc -n "__fish_httpc_using_subcommand request" -s I -l head -d 'Send HEAD and print the status line and headers, as `httpc head`'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l compressed -d 'Accepted for curl: compressed bodies are asked for and decoded already'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l retry-connrefused -d 'Accepted for curl: --retry already retries a refused connection'
complete -c httpc -n "__fish_httpc_using_subcommand request" -s 1 -l tlsv1 -d 'Accept TLS 1.2 or later (1.0 and 1.1: the same; rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l tlsv1.0 -d 'Accept TLS 1.2 or later (rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l tlsv1.1 -d 'Accept TLS 1.2 or later (rustls has nothing older)'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l tlsv1.2 -d 'Accept TLS 1.2 or later'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l tlsv1.3 -d 'Accept TLS 1.3 only'
complete -c httpc -n "__fish_httpc_using_subcommand request" -s i -l include -d 'Print the status line and headers before the body, also when piped'
complete -c httpc -n "__fish_httpc_using_subcommand request" -s b -l body -d 'Print the body only, also on a terminal'
complete -c httpc -n "__fish_httpc_using_subcommand request" -s O -l remote-name -d 'Like -o, named after the last path segment of the URL'
complete -c httpc -n "__fish_httpc_using_subcommand request" -s J -l remote-header-name -d 'With -O: name the file as the server\'s Content-Disposition says'
complete -c httpc -n "__fish_httpc_using_subcommand request" -s C -l continue -d 'Resume a partial download of -o/-O with a Range request'
complete -c httpc -n "__fish_httpc_using_subcommand request" -s s -l silent -d 'No progress bar and no notices; errors still go to stderr'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l progress -l progress-bar -d 'Always draw the progress bar on stderr (also -#, as in curl)'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l no-progress -l no-progress-meter -d 'Never draw the progress bar'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l timings -d 'After each URL, draw the phases of the transfer on stderr (also with -s)'
complete -c httpc -n "__fish_httpc_using_subcommand request" -s v -l debug -d 'Trace the exchange on stderr (secrets redacted)'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l show-secrets -d 'Do not redact secrets in the trace, error lines and -w URLs'
complete -c httpc -n "__fish_httpc_using_subcommand request" -s f -l fail -d 'Keep the body of an HTTP error off stdout (its first 4 KiB go to stderr)'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l fail-with-body -d 'Accepted for curl: the body of an HTTP error is printed already'
complete -c httpc -n "__fish_httpc_using_subcommand request" -s S -l show-error -d 'With -s, still warn about an HTTP error status (errors always show)'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l remote-name-all -d 'Like -O for every URL'
complete -c httpc -n "__fish_httpc_using_subcommand request" -l create-dirs -d 'Create the missing directories of the -o file (and --output-dir)'
complete -c httpc -n "__fish_httpc_using_subcommand request" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c httpc -n "__fish_httpc_using_subcommand request" -s V -l version -d 'Print version'
complete -c httpc -n "__fish_httpc_using_subcommand health" -l file -d 'Read more URLs from FILE (- for stdin), one per line; # comments' -r
complete -c httpc -n "__fish_httpc_using_subcommand health" -l expect -d 'Statuses that count as UP: 200, 2xx or a list such as 200,204' -r
complete -c httpc -n "__fish_httpc_using_subcommand health" -l contains -d 'The body must contain TEXT' -r
complete -c httpc -n "__fish_httpc_using_subcommand health" -l expect-json -d 'The JSON body must have a value at POINTER, equal to JSON if given' -r
complete -c httpc -n "__fish_httpc_using_subcommand health" -l max-latency -d 'Slower than MS milliseconds is DOWN' -r
complete -c httpc -n "__fish_httpc_using_subcommand health" -l cert-days -d 'An https target whose certificate expires in fewer than N days is DOWN' -r
complete -c httpc -n "__fish_httpc_using_subcommand health" -l timeout -d 'Give up on a check after SECS (0: no limit)' -r
complete -c httpc -n "__fish_httpc_using_subcommand health" -l method -d 'The method of the check' -r -f -a "GET\t'GET (reads the body, needed for --contains)'
HEAD\t'HEAD'"
complete -c httpc -n "__fish_httpc_using_subcommand health" -s H -l header -d 'Add a header, \'Name: value\' (repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand health" -s u -l user -d 'Basic authentication, USER[:PASS] or @FILE (keeps the password out of `ps`)' -r
complete -c httpc -n "__fish_httpc_using_subcommand health" -l bearer -l oauth2-bearer -d 'Bearer token for the Authorization header: TOKEN or @FILE' -r
complete -c httpc -n "__fish_httpc_using_subcommand health" -l cacert -d 'Trust the certificates in this PEM bundle too' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand health" -l resolve -d 'Connect to ADDR for HOST:PORT (HOST:PORT:ADDR[,ADDR...]; repeatable)' -r
complete -c httpc -n "__fish_httpc_using_subcommand health" -l connect-to -d 'Connect to HOST2:PORT2 for HOST1:PORT1 (an empty part matches any)' -r
complete -c httpc -n "__fish_httpc_using_subcommand health" -l unix-socket -d 'Connect to this Unix domain socket instead of TCP (http and https)' -r -F
complete -c httpc -n "__fish_httpc_using_subcommand health" -l interval -d 'Seconds between rounds, at least 0.1 (default: 5 with --watch, 1 with --wait)' -r
complete -c httpc -n "__fish_httpc_using_subcommand health" -l count -d 'Stop --watch after N rounds' -r
complete -c httpc -n "__fish_httpc_using_subcommand health" -l wait-timeout -d 'Give up --wait after SECS' -r
complete -c httpc -n "__fish_httpc_using_subcommand health" -l color -d 'Colour the table' -r -f -a "auto\t'When the output is a terminal'
always\t'Always'
never\t'Never'"
complete -c httpc -n "__fish_httpc_using_subcommand health" -s L -l location -d 'Follow redirects'
complete -c httpc -n "__fish_httpc_using_subcommand health" -s k -l insecure -d 'Skip TLS certificate verification'
complete -c httpc -n "__fish_httpc_using_subcommand health" -s 4 -l ipv4 -d 'Use IPv4 addresses only'
complete -c httpc -n "__fish_httpc_using_subcommand health" -s 6 -l ipv6 -d 'Use IPv6 addresses only'
complete -c httpc -n "__fish_httpc_using_subcommand health" -l http1.1 -d 'Speak HTTP/1.1 only (ALPN offers only http/1.1)'
complete -c httpc -n "__fish_httpc_using_subcommand health" -l http2 -d 'HTTP/2 by ALPN on https (the default); http:// stays HTTP/1.1'
complete -c httpc -n "__fish_httpc_using_subcommand health" -l http2-prior-knowledge -d 'HTTP/2 without negotiation: h2c on http://, ALPN h2 only on https://'
complete -c httpc -n "__fish_httpc_using_subcommand health" -l json -d 'Print JSON (NDJSON per round with --watch)'
complete -c httpc -n "__fish_httpc_using_subcommand health" -l watch -d 'Check again every --interval until interrupted or --count rounds'
complete -c httpc -n "__fish_httpc_using_subcommand health" -l wait -d 'Poll until every target is UP (exit 0) or --wait-timeout passes (exit 1)'
complete -c httpc -n "__fish_httpc_using_subcommand health" -s s -l silent -d 'No progress lines while waiting'
complete -c httpc -n "__fish_httpc_using_subcommand health" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c httpc -n "__fish_httpc_using_subcommand health" -s V -l version -d 'Print version'
complete -c httpc -n "__fish_httpc_using_subcommand status-codes" -l color -d 'Colour the list' -r -f -a "auto\t'When the output is a terminal'
always\t'Always'
never\t'Never'"
complete -c httpc -n "__fish_httpc_using_subcommand status-codes" -l json -d 'Print a JSON array'
complete -c httpc -n "__fish_httpc_using_subcommand status-codes" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c httpc -n "__fish_httpc_using_subcommand status-codes" -s V -l version -d 'Print version'
complete -c httpc -n "__fish_httpc_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c httpc -n "__fish_httpc_using_subcommand completions" -s V -l version -d 'Print version'
complete -c httpc -n "__fish_httpc_using_subcommand help; and not __fish_seen_subcommand_from get post put patch delete head options request health status-codes completions help" -f -a "get" -d 'Send GET requests; several URLs reuse keep-alive connections'
complete -c httpc -n "__fish_httpc_using_subcommand help; and not __fish_seen_subcommand_from get post put patch delete head options request health status-codes completions help" -f -a "post" -d 'Send a POST request with a body'
complete -c httpc -n "__fish_httpc_using_subcommand help; and not __fish_seen_subcommand_from get post put patch delete head options request health status-codes completions help" -f -a "put" -d 'Send a PUT request'
complete -c httpc -n "__fish_httpc_using_subcommand help; and not __fish_seen_subcommand_from get post put patch delete head options request health status-codes completions help" -f -a "patch" -d 'Send a PATCH request'
complete -c httpc -n "__fish_httpc_using_subcommand help; and not __fish_seen_subcommand_from get post put patch delete head options request health status-codes completions help" -f -a "delete" -d 'Send a DELETE request'
complete -c httpc -n "__fish_httpc_using_subcommand help; and not __fish_seen_subcommand_from get post put patch delete head options request health status-codes completions help" -f -a "head" -d 'Send HEAD requests; prints the status line and headers'
complete -c httpc -n "__fish_httpc_using_subcommand help; and not __fish_seen_subcommand_from get post put patch delete head options request health status-codes completions help" -f -a "options" -d 'Send OPTIONS requests (a CORS preflight: add -H Origin and -H Access-Control-Request-Method)'
complete -c httpc -n "__fish_httpc_using_subcommand help; and not __fish_seen_subcommand_from get post put patch delete head options request health status-codes completions help" -f -a "request" -d 'Send requests with any method (QUERY, PROPFIND, PURGE, ...), as typed'
complete -c httpc -n "__fish_httpc_using_subcommand help; and not __fish_seen_subcommand_from get post put patch delete head options request health status-codes completions help" -f -a "health" -d 'Check whether endpoints are up: status, latency, UP/DOWN'
complete -c httpc -n "__fish_httpc_using_subcommand help; and not __fish_seen_subcommand_from get post put patch delete head options request health status-codes completions help" -f -a "status-codes" -d 'Look up HTTP status codes: reason phrase, description, reference'
complete -c httpc -n "__fish_httpc_using_subcommand help; and not __fish_seen_subcommand_from get post put patch delete head options request health status-codes completions help" -f -a "completions" -d 'Print a shell completion script to stdout'
complete -c httpc -n "__fish_httpc_using_subcommand help; and not __fish_seen_subcommand_from get post put patch delete head options request health status-codes completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
