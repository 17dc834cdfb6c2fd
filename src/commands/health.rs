//! `httpc health`.

use anyhow::Result;

use crate::cli::HealthArgs;
use crate::exit::{Exit, Failure};

pub fn run(_args: HealthArgs) -> Result<Exit> {
    Err(Failure::new(Exit::Failure, "`httpc health` is not yet supported").into())
}
