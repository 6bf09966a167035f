//! `banli`: the command line for schema maintainers and back ends.
//!
//! `main` only maps the outcome of [`run`] to an exit code: 0 for a usable,
//! valid result, 1 for an invalid submission or definition, 2 for input that
//! cannot be used (with a message on stderr naming the file and the place).

mod args;
mod bundle;
mod calendar;
mod check;
mod check_bundle;
mod checklist;
mod diff;
mod guide;
mod input;
mod lint;
mod migrate;
mod out;
mod style;
mod workdays;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{CalendarCommand, Cli, Command, WorkdaysCommand};

/// What a command concluded; the exit code is chosen from it in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Valid (or lint found no errors).
    Clean,
    /// The input was usable and is invalid.
    Invalid,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Outcome::Clean) => ExitCode::from(0),
        Ok(Outcome::Invalid) => ExitCode::from(1),
        Err(error) => {
            anstream::eprintln!(
                "{}error{}: {error:#}",
                style::ERROR.render(),
                style::ERROR.render_reset()
            );
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Lint(args) => lint::run(&args),
        Command::Guide(args) => guide::run(&args),
        Command::Checklist(args) => checklist::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Migrate(args) => migrate::run(&args),
        Command::Bundle(args) => bundle::run(&args),
        Command::Workdays {
            command: WorkdaysCommand::Add(args),
        } => workdays::add(&args),
        Command::Calendar {
            command: CalendarCommand::Coverage(args),
        } => calendar::coverage(&args),
    }
}
