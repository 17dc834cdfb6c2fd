//! `httpc health`: check endpoints once, `--watch` them, or `--wait` until
//! every one is UP (and then run a command).
//!
//! Everything the user can get wrong is checked before the first request
//! (exit 2, nothing sent); then each round checks all targets at once on a
//! bounded number of threads and prints them in the order given.

mod check;
mod report;
mod targets;

use std::ffi::OsString;
use std::io::{self, Write};
#[cfg(not(unix))]
use std::process::ExitStatus;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context, Result};

use crate::cli::{HealthArgs, HealthMethod};
use crate::dates;
use crate::exit::{usage, Exit, ExitError};
use crate::expect::{JsonRule, StatusList};
use crate::output::paint::{self, Colors};
use crate::output::{self, notice::Notices, Terminal};
use crate::spec::{Method, RequestSpec};
use crate::text::{self, display_url, Secrets};
use crate::transport::{Client, Settings};
use check::{Outcome, Rules, Target};
use report::{Row, Screen};

/// `--interval` when not given.
const WATCH_INTERVAL: Duration = Duration::from_secs(5);
const WAIT_INTERVAL: Duration = Duration::from_secs(1);

/// Near the `--wait-timeout` deadline a check still gets this long.
const MIN_CHECK_TIME: Duration = Duration::from_millis(100);

pub fn run(args: HealthArgs, terminal: &Terminal) -> Result<Exit> {
    let plan = Plan::new(args, terminal)?;
    if plan.insecure {
        plan.view.notices.warn_insecure();
    }
    let mut out = output::stdout();
    match &plan.mode {
        Mode::Once => once(&plan, &mut out),
        Mode::Watch { interval, count } => watch(&plan, *interval, *count, &mut out),
        Mode::Wait {
            interval,
            timeout,
            command,
        } => wait(&plan, *interval, *timeout, command, &mut out),
    }
}

/// What to do, settled from the options before anything is sent.
struct Plan {
    targets: Vec<Target>,
    rules: Rules,
    /// `--timeout`: a check never takes longer.
    timeout: Duration,
    insecure: bool,
    mode: Mode,
    view: View,
}

/// What a round prints while it runs.
enum Live<'a> {
    Quiet,
    /// Table lines.
    Lines(&'a mut dyn Write),
    /// `--watch --json`: NDJSON records of round `round`, started at `time`.
    Records {
        out: &'a mut dyn Write,
        round: u64,
        time: String,
    },
}

enum Mode {
    Once,
    Watch {
        interval: Duration,
        count: Option<u64>,
    },
    Wait {
        interval: Duration,
        timeout: Duration,
        command: Vec<OsString>,
    },
}

/// health's output policy: the run's terminal, refined by the options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct View {
    json: bool,
    colors: Colors,
    /// stdout is a terminal: `--watch` redraws in place.
    stdout_tty: bool,
    /// stderr is a terminal: `--wait` progress is one updating line.
    stderr_tty: bool,
    /// `-s`: no progress lines.
    notices: Notices,
}

impl View {
    fn for_health(terminal: &Terminal, args: &HealthArgs) -> View {
        View {
            json: args.json,
            // JSON is for programs: never coloured.
            colors: if args.json {
                Colors::Off
            } else {
                terminal.stdout_colors(args.color.map(Into::into))
            },
            stdout_tty: terminal.stdout_tty,
            stderr_tty: terminal.stderr_tty,
            notices: Notices {
                silent: args.silent,
            },
        }
    }
}

impl Plan {
    fn new(args: HealthArgs, terminal: &Terminal) -> Result<Plan> {
        let method = match args.method {
            HealthMethod::Get => Method::Get,
            HealthMethod::Head => Method::Head,
        };
        let (expect, json) = check_options(&args, &method)?;
        let targets = build_targets(&args, &method)?;
        let tls = super::load_tls(&args.shared, None, None)?;
        // Each round sets the three timeouts to its own.
        let settings = Settings {
            follow: args.shared.location,
            route: Arc::new(super::route_rules(&args.shared)?),
            family: super::family(&args.shared),
            http: super::http_version(&args.shared),
            ..Settings::new(tls).with_timeout(args.timeout)
        };
        // An unusable proxy from the environment is refused before any check.
        let client = Client::new(settings.clone());
        for target in &targets {
            client.check(&target.spec)?;
        }
        let view = View::for_health(terminal, &args);
        Ok(Plan {
            targets,
            rules: Rules {
                expect,
                contains: args.contains,
                json,
                max_latency_ms: args.max_latency,
                cert_days: args.cert_days,
                settings,
            },
            timeout: args.timeout,
            insecure: args.shared.insecure,
            mode: Mode::of(
                args.watch,
                args.wait,
                args.interval,
                args.count,
                args.wait_timeout,
                args.command,
            ),
            view,
        })
    }

    /// One round, printing each result as soon as it and those before it
    /// are known (as `live` says).
    fn round(&self, timeout: Duration, live: Live) -> io::Result<Vec<Outcome>> {
        let colors = self.view.colors;
        let targets = &self.targets;
        match live {
            Live::Quiet => check::round(targets, &self.rules, timeout, |_, _| Ok(())),
            Live::Lines(out) => check::round(targets, &self.rules, timeout, |i, outcome| {
                writeln!(out, "{}", report::line(&targets[i], outcome, colors))?;
                out.flush()
            }),
            Live::Records { out, round, time } => {
                check::round(targets, &self.rules, timeout, |i, outcome| {
                    report::write_ndjson(&mut *out, &targets[i], outcome, round, &time)?;
                    out.flush()
                })
            }
        }
    }

    /// The final state on stdout: the table, or the JSON array.
    fn print(&self, outcomes: &[Outcome], out: &mut impl Write) -> io::Result<()> {
        if self.view.json {
            report::write_json(out, &self.targets, outcomes)?;
        } else {
            for (target, outcome) in self.targets.iter().zip(outcomes) {
                writeln!(out, "{}", report::line(target, outcome, self.view.colors))?;
            }
        }
        out.flush()
    }
}

/// The options that cannot work together, refused before anything is
/// sent; the parsed `--expect` and `--expect-json`.
fn check_options(args: &HealthArgs, method: &Method) -> Result<(StatusList, Vec<JsonRule>)> {
    let expect = StatusList::parse(&args.expect, "--expect").map_err(usage)?;
    let json = args
        .expect_json
        .iter()
        .map(|rule| JsonRule::parse(rule))
        .collect::<Result<Vec<_>, _>>()
        .map_err(usage)?;
    if !json.is_empty() && *method == Method::Head {
        return Err(usage(
            "--expect-json reads the body: it cannot be used with --method HEAD",
        ));
    }
    if let Some(ms) = args.max_latency {
        if !ms.is_finite() || ms < 0.0 {
            return Err(usage(format!(
                "invalid --max-latency '{ms}': give milliseconds, such as 500"
            )));
        }
    }
    if args.contains.is_some() && *method == Method::Head {
        return Err(usage(
            "--contains reads the body: it cannot be used with --method HEAD",
        ));
    }
    if args.interval.is_some() && !args.watch && !args.wait {
        return Err(usage("--interval needs --watch or --wait"));
    }
    if args.count == Some(0) {
        return Err(usage("--count must be at least 1"));
    }
    Ok((expect, json))
}

/// Every target from the arguments and `--file`, each a checked request;
/// an error in a line of `--file` names the line.
fn build_targets(args: &HealthArgs, method: &Method) -> Result<Vec<Target>> {
    let entries = targets::collect(&args.urls, args.file.as_deref())?;
    let mut targets = Vec::with_capacity(entries.len());
    for entry in &entries {
        let built = RequestSpec::build(&super::shared_input(
            &args.shared,
            method.clone(),
            &entry.url,
        ));
        let spec = match &entry.origin {
            Some(origin) => built.with_context(|| origin.clone())?,
            None => built?,
        };
        targets.push(Target {
            // health has no --show-secrets: its URLs are always redacted.
            shown: display_url(&spec.url, &Secrets::default()),
            spec,
        });
    }
    Ok(targets)
}

impl Mode {
    fn of(
        watch: bool,
        wait: bool,
        interval: Option<Duration>,
        count: Option<u64>,
        timeout: Duration,
        command: Vec<OsString>,
    ) -> Mode {
        if watch {
            Mode::Watch {
                interval: interval.unwrap_or(WATCH_INTERVAL),
                count,
            }
        } else if wait {
            Mode::Wait {
                interval: interval.unwrap_or(WAIT_INTERVAL),
                timeout,
                command,
            }
        } else {
            Mode::Once
        }
    }
}

fn all_up(outcomes: &[Outcome]) -> bool {
    outcomes.iter().all(Outcome::up)
}

fn exit_for(outcomes: &[Outcome]) -> Exit {
    if all_up(outcomes) {
        Exit::Success
    } else {
        Exit::Failure
    }
}

/// Check every target once.
fn once(plan: &Plan, out: &mut impl Write) -> Result<Exit> {
    let outcomes = if plan.view.json {
        let outcomes = plan.round(plan.timeout, Live::Quiet)?;
        plan.print(&outcomes, out)?;
        outcomes
    } else {
        plan.round(plan.timeout, Live::Lines(out))?
    };
    Ok(exit_for(&outcomes))
}

/// Check every `interval` until interrupted or `count` rounds; the exit
/// code is the last round's.
fn watch(
    plan: &Plan,
    interval: Duration,
    count: Option<u64>,
    out: &mut impl Write,
) -> Result<Exit> {
    let redraw = plan.view.stdout_tty && !plan.view.json;
    let mut screen = Screen::new();
    // Per target: UP or not, and since when.
    let mut states: Vec<(bool, Instant)> = Vec::new();
    let mut round = 0;
    loop {
        round += 1;
        let started = Instant::now();
        let live = if redraw {
            Live::Quiet
        } else if plan.view.json {
            Live::Records {
                out: &mut *out,
                round,
                time: dates::rfc3339_millis(SystemTime::now()),
            }
        } else {
            Live::Lines(&mut *out)
        };
        let outcomes = plan.round(plan.timeout, live)?;
        let now = Instant::now();
        if states.is_empty() {
            states = outcomes.iter().map(|o| (o.up(), now)).collect();
        }
        for (state, outcome) in states.iter_mut().zip(&outcomes) {
            if state.0 != outcome.up() {
                *state = (outcome.up(), now);
            }
        }
        if redraw {
            let rows: Vec<Row> = plan
                .targets
                .iter()
                .zip(&outcomes)
                .zip(&states)
                .map(|((target, outcome), &(_, since))| Row {
                    target,
                    outcome,
                    unchanged_for: now - since,
                })
                .collect();
            let heading = watch_heading(interval, round, count, &outcomes);
            out.write_all(&screen.frame(&heading, &rows, plan.view.colors))?;
            out.flush()?;
        }
        if count == Some(round) {
            return Ok(exit_for(&outcomes));
        }
        std::thread::sleep((started + interval).saturating_duration_since(Instant::now()));
    }
}

/// `every 5s · round 3 of 10 · 2 UP, 1 DOWN`
fn watch_heading(
    interval: Duration,
    round: u64,
    count: Option<u64>,
    outcomes: &[Outcome],
) -> String {
    let up = outcomes.iter().filter(|o| o.up()).count();
    let of = count.map_or_else(String::new, |n| format!(" of {n}"));
    let stop = if count.is_none() {
        " · Ctrl-C to stop"
    } else {
        ""
    };
    format!(
        "httpc health · every {} · round {round}{of} · {up} UP, {} DOWN{stop}",
        text::seconds(interval),
        outcomes.len() - up
    )
}

/// Check every `interval` until all are UP (exit 0, or run `command`) or
/// `give_up_after` passes (exit 1, after the final state).
fn wait(
    plan: &Plan,
    interval: Duration,
    give_up_after: Duration,
    command: &[OsString],
    out: &mut impl Write,
) -> Result<Exit> {
    let start = Instant::now();
    let deadline = start + give_up_after;
    let mut progress = WaitLine {
        terminal: plan.view.stderr_tty,
        notices: plan.view.notices,
        drawn: false,
    };
    loop {
        let round_start = Instant::now();
        // A check never runs past the deadline (by more than a moment),
        // also with `--timeout 0` (no limit of its own).
        let left = deadline
            .saturating_duration_since(round_start)
            .max(MIN_CHECK_TIME);
        let check_time = if plan.timeout.is_zero() {
            left
        } else {
            plan.timeout.min(left)
        };
        let outcomes = plan.round(check_time, Live::Quiet)?;
        let now = Instant::now();

        if all_up(&outcomes) {
            progress.clear();
            if command.is_empty() {
                plan.print(&outcomes, out)?;
                return Ok(Exit::Success);
            }
            out.flush()?;
            let all = if plan.targets.len() == 1 { "" } else { "all " };
            plan.view.notices.note(format_args!(
                "{all}{} UP after {}; running: {}",
                text::count(plan.targets.len(), "target"),
                text::seconds(text::tenths_up(now - start)),
                show_command(command)
            ));
            return run_command(command);
        }
        if now >= deadline {
            progress.clear();
            plan.print(&outcomes, out)?;
            let down = outcomes.iter().filter(|o| !o.up()).count();
            let message = format!(
                "gave up after {} (--wait-timeout): {down} of {} still DOWN",
                text::seconds(give_up_after),
                text::count(plan.targets.len(), "target")
            );
            return Err(ExitError::new(Exit::Failure, message).into());
        }
        progress.show(&report::progress(&plan.targets, &outcomes, deadline - now));
        let next = (round_start + interval).min(deadline);
        std::thread::sleep(next.saturating_duration_since(Instant::now()));
    }
}

/// The command as a shell would read it back: `sh -c 'exit 3'`.
fn show_command(command: &[OsString]) -> String {
    let quote = |arg: &OsString| {
        let arg = arg.to_string_lossy();
        let plain = !arg.is_empty()
            && arg
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
        if plain {
            arg.into_owned()
        } else {
            format!("'{}'", arg.replace('\'', "'\\''"))
        }
    };
    command.iter().map(quote).collect::<Vec<_>>().join(" ")
}

/// The `--wait` progress on stderr: one line per round, or one updating
/// line on a terminal. A closed stderr is ignored.
struct WaitLine {
    terminal: bool,
    notices: Notices,
    /// An updating line is on the screen.
    drawn: bool,
}

impl WaitLine {
    fn show(&mut self, text: &str) {
        if self.notices.silent {
            return;
        }
        let mut err = io::stderr().lock();
        let _ = if self.terminal {
            self.drawn = true;
            // Autowrap off, so the line stays one row that \r can rewrite.
            let (off, clear, on) = (paint::AUTOWRAP_OFF, paint::CLEAR_LINE, paint::AUTOWRAP_ON);
            write!(err, "{off}{clear}httpc: {text}{on}")
        } else {
            writeln!(err, "httpc: {text}")
        };
        let _ = err.flush();
    }

    fn clear(&mut self) {
        if self.drawn {
            let _ = write!(io::stderr().lock(), "{}", paint::CLEAR_LINE);
            self.drawn = false;
        }
    }
}

/// Becomes CMD (exec), with the PID, terminal and streams of httpc: a
/// signal sent to httpc reaches CMD, killing httpc leaves no orphan, and
/// the exit status is CMD's (ended by signal N, the shell sees 128 + N).
/// Returns only when CMD cannot be run.
#[cfg(unix)]
fn run_command(command: &[OsString]) -> Result<Exit> {
    use std::os::unix::process::CommandExt;
    // exec discards whatever is still buffered.
    let _ = io::stdout().flush();
    let _ = io::stderr().flush();
    // std resets the signal mask and SIGPIPE (which Rust ignores) for CMD;
    // httpc's own descriptors are close-on-exec.
    let err = std::process::Command::new(&command[0])
        .args(&command[1..])
        .exec();
    Err(cannot_run(&command[0], &err).into())
}

/// Runs CMD with the terminal and streams of httpc and ends httpc with its
/// exit code (1 when it has none).
#[cfg(not(unix))]
fn run_command(command: &[OsString]) -> Result<Exit> {
    let status = std::process::Command::new(&command[0])
        .args(&command[1..])
        .status()
        .map_err(|e| cannot_run(&command[0], &e))?;
    Ok(Exit::Command(exit_code(status)))
}

/// `cannot run 'CMD': command not found`, exit 1.
fn cannot_run(program: &OsString, err: &io::Error) -> ExitError {
    let why = match err.kind() {
        io::ErrorKind::NotFound => "command not found".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => err.to_string(),
    };
    ExitError::new(
        Exit::Failure,
        format!("cannot run '{}': {why}", program.to_string_lossy()),
    )
}

#[cfg(not(unix))]
fn exit_code(status: ExitStatus) -> u8 {
    match status.code() {
        Some(code) => u8::try_from(code & 0xff).unwrap_or(1),
        None => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(argv: &[&str]) -> HealthArgs {
        use clap::Parser;
        let argv = ["httpc", "health"].iter().chain(argv);
        match crate::cli::Cli::try_parse_from(argv).unwrap().command {
            crate::cli::Command::Health(args) => args,
            other => panic!("not health: {other:?}"),
        }
    }

    const TTY: Terminal = Terminal {
        stdout_tty: true,
        stderr_tty: true,
        stdout_pipe: false,
        pretend_tty: false,
        env: output::ColorEnv {
            no_color: false,
            clicolor_force: false,
            term_dumb: false,
        },
    };

    #[test]
    fn the_view_follows_the_terminal() {
        let view = View::for_health(&TTY, &args(&["a.example"]));
        assert_eq!(view.colors, Colors::On);
        assert!(view.stdout_tty && view.stderr_tty && !view.json);
        let piped = View::for_health(&Terminal::default(), &args(&["-s", "a.example"]));
        assert_eq!(piped.colors, Colors::Off);
        assert!(!piped.stdout_tty && !piped.stderr_tty && piped.notices.silent);
    }

    #[test]
    fn json_is_never_coloured() {
        let view = View::for_health(&TTY, &args(&["--json", "--color", "always", "a.example"]));
        assert_eq!(view.colors, Colors::Off);
        assert!(view.json);
    }

    #[test]
    fn no_color_turns_auto_off_but_not_always() {
        let no_color = Terminal {
            env: output::ColorEnv {
                no_color: true,
                ..output::ColorEnv::default()
            },
            ..TTY
        };
        let view = View::for_health(&no_color, &args(&["a.example"]));
        assert_eq!(view.colors, Colors::Off);
        let view = View::for_health(&no_color, &args(&["--color", "always", "a.example"]));
        assert_eq!(view.colors, Colors::On);
    }
}
