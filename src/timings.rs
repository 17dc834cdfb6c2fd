//! The phase times of one attempt, as offsets from its start (as curl's
//! `time_*` count them). Measured by the transport, printed by the trace,
//! `-w` and `health`, each converting to its own unit where it prints.

use std::time::Duration;

/// `None` where the phase did not happen or was not measured (a reused
/// connection has no DNS, connect or TLS of its own).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Timings {
    pub dns: Option<Duration>,
    pub connect: Option<Duration>,
    pub tls: Option<Duration>,
    pub first_byte: Option<Duration>,
}
