//! The phase times of one attempt, as offsets from its start (as curl's
//! `time_*` count them). Measured by the transport, printed by the trace,
//! `-w` and `health`, each converting to its own unit where it prints, and
//! drawn hop by hop by `--timings` (`HopTimes`).

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

/// One request and its response as `--timings` draws it: a redirect hop,
/// or the one hop of an attempt. Times are offsets from the start of the
/// attempt the hop belongs to, as `Timings` are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HopTimes {
    /// Which attempt (`--retry`) of the URL it belongs to, from 1.
    pub attempt: u32,
    pub method: String,
    /// The URL as it may be shown (secrets redacted).
    pub url: String,
    /// The status of its response; `None` when none came.
    pub status: Option<u16>,
    /// It went over a pooled connection: no DNS, connect or TLS of its own.
    pub reused: bool,
    /// When it began.
    pub began: Duration,
    pub timings: Timings,
    /// The last read of its body (or the read that failed): the end of
    /// receiving. `None` when no body was read (HEAD).
    pub body_end: Option<Duration>,
    /// When it failed before its response came.
    pub failed_at: Option<Duration>,
}

impl HopTimes {
    /// When it ended: its failure, the end of its body, or the last phase
    /// it reached.
    pub fn end(&self) -> Duration {
        let t = &self.timings;
        [
            self.failed_at,
            self.body_end,
            t.first_byte,
            t.tls,
            t.connect,
            t.dns,
        ]
        .into_iter()
        .flatten()
        .next()
        .unwrap_or(self.began)
        .max(self.began)
    }
}
