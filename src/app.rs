//! Dispatch: argv to a command, with the terminal detected once and
//! handed to it (`output::Terminal`); each command refines it into its own
//! output policy.

use std::ffi::OsString;
use std::io::Write;

use anyhow::Result;

use crate::cli::{self, Command};
use crate::commands;
use crate::exit::{self, Exit};
use crate::output::{self, Terminal};
use crate::spec::Method;

pub fn run(args: Vec<OsString>) -> Result<Exit> {
    let cli = match cli::parse(args) {
        Ok(cli) => cli,
        Err(err) => return clap_error(err),
    };
    let terminal = Terminal::detect();
    let t = &terminal;
    match cli.command {
        Command::Get(args) => commands::request::run_many(Method::Get, args, t),
        Command::Head(args) => commands::request::run_many(Method::Head, args, t),
        Command::Options(args) => commands::request::run_many(Method::Options, args, t),
        Command::Request(args) => {
            let method = Method::parse(&args.method).map_err(exit::usage)?;
            commands::request::run_many(method, args.target, t)
        }
        Command::Post(args) => commands::request::run_one(Method::Post, args, t),
        Command::Put(args) => commands::request::run_one(Method::Put, args, t),
        Command::Patch(args) => commands::request::run_one(Method::Patch, args, t),
        Command::Delete(args) => commands::request::run_one(Method::Delete, args, t),
        Command::Health(args) => commands::health::run(args, t),
        Command::StatusCodes(args) => commands::status_codes::run(args, t),
        Command::Completions { shell } => {
            let mut out = output::stdout();
            crate::generate::completion(shell, &mut out)?;
            out.flush()?;
            Ok(Exit::Success)
        }
    }
}

/// Help and version go to stdout with exit 0; a usage error becomes one line
/// on stderr and exit 2.
fn clap_error(err: clap::Error) -> Result<Exit> {
    use clap::error::ErrorKind;
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let mut out = output::stdout();
            write!(out, "{}", err.render())?;
            out.flush()?;
            Ok(Exit::Success)
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // A closed stderr must not turn the usage error into exit 0.
            let _ = write!(std::io::stderr().lock(), "{}", err.render());
            Ok(Exit::Usage)
        }
        _ => {
            // clap's message up to its usage block, folded into one line
            // ("required arguments were not provided: --watch").
            let text = err.render().to_string();
            let message: Vec<&str> = text
                .lines()
                .map(str::trim)
                .take_while(|l| !l.is_empty() && !l.starts_with("Usage:"))
                .collect();
            let message = message.join(" ");
            let message = message.strip_prefix("error: ").unwrap_or(&message);
            Err(exit::usage(format!("{message} (see 'httpc --help')")))
        }
    }
}
