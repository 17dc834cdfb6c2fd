//! get/post/put/patch/delete/head: args to spec, send, print.

use anyhow::Result;

use crate::cli::{MultiUrl, SingleUrl};
use crate::exit::Exit;

pub fn run_many(_method: &str, _args: MultiUrl) -> Result<Exit> {
    Ok(Exit::Success)
}

pub fn run_one(_method: &str, _args: SingleUrl) -> Result<Exit> {
    Ok(Exit::Success)
}
