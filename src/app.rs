//! Dispatch: argv to a command, with the terminal detected once and
//! handed to it (`output::Terminal`); each command refines it into its own
//! output policy.

use std::ffi::OsString;
use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::habits::{self, Implied};
use crate::cli::{self, Cli, Command};
use crate::commands;
use crate::exit::{self, Exit};
use crate::output::{self, Terminal};
use crate::spec::Method;

pub fn run(args: Vec<OsString>) -> Result<Exit> {
    let shorthand = cli::is_shorthand(&args);
    let args = cli::expand_shorthand(args);
    let args = curl_habits(args)?;
    let mut definition = Cli::command();
    let matches = match definition.try_get_matches_from_mut(&args) {
        Ok(matches) => matches,
        Err(err) => return clap_error(err),
    };
    let cli = match cli::from_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => return clap_error(err),
    };
    // Parsing defined `get`'s options, when `get` is the command.
    let get = definition.find_subcommand("get").expect("get is a command");
    // `httpc URL -d DATA` is a POST, as `curl -d` is; `httpc get` a GET.
    let get_method = match matches.subcommand_matches("get") {
        Some(m) if shorthand => match habits::implied_method(get, m) {
            Implied::Get => Method::Get,
            Implied::Post => Method::Post,
            Implied::Put => Method::Put,
        },
        _ => Method::Get,
    };
    let terminal = Terminal::detect();
    let t = &terminal;
    match cli.command {
        Command::Get(args) => commands::request::run_many(get_method, args, t),
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

/// curl's `-b` and `-q` refused where they meant something else, `-#`
/// read as `--progress` and `-C -` as `-C`: before clap, whose own error
/// would hide what they meant. Only a command line that has them pays for defining `get`.
fn curl_habits(args: Vec<OsString>) -> Result<Vec<OsString>> {
    if !habits::needs_definition(&args) {
        return Ok(args);
    }
    let get = cli::request_definition();
    habits::check_guards(&args, &get).map_err(exit::usage)?;
    let args = habits::rewrite_progress_bar(args, &get);
    habits::rewrite_continue_at(args, &get).map_err(exit::usage)
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
