//! `httpc status-codes`.

use anyhow::Result;

use crate::cli::StatusCodesArgs;
use crate::exit::{Exit, Failure};

pub fn run(_args: StatusCodesArgs) -> Result<Exit> {
    Err(Failure::new(Exit::Failure, "`httpc status-codes` is not yet supported").into())
}
