//! httpc: parse, run, turn the outcome into a message and an exit code.

use std::process::ExitCode;

use httpc::{app, exit, output};

fn main() -> ExitCode {
    match app::run(std::env::args_os().collect()) {
        Ok(code) => code.into(),
        Err(err) if exit::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            output::notice::error(&err);
            exit::exit_for(&err).into()
        }
    }
}
