//! The HTTP/1.1 engine: ureq, and httpc's links around it in ureq's
//! connector chain (`chain.rs`: resolver, TCP, TLS; `link.rs` and
//! `tls_link.rs`: the transports ureq reads and writes; `tap.rs`: the
//! heads as they cross the wire), the bounds on what ureq would read
//! without one (`framing.rs`), large bodies read past ureq (`direct.rs`),
//! absolute-form requests to a forward proxy (`forward.rs`), and ureq's
//! errors as exit codes (`errors.rs`).

pub mod buffers;
pub mod chain;
pub mod direct;
pub mod errors;
pub mod forward;
pub mod framing;
pub mod link;
pub mod tap;
pub mod tls_link;
