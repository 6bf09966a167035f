//! The command line's shape, and nothing else: parsing happens here, the
//! commands that act on it live in their own modules.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "banli",
    version,
    about = "banli (办理): check applications and item definitions for government-service items"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a submission against an item definition (exit 0 valid, 1 invalid, 2 unusable input).
    Check(CheckArgs),
    /// Check item definitions: every problem of every file at once.
    Lint(LintArgs),
    /// Working-day arithmetic on the official holiday calendar.
    Workdays {
        #[command(subcommand)]
        command: WorkdaysCommand,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The item definition (banli-item/1).
    pub item: PathBuf,
    /// The submission envelope.
    pub submission: PathBuf,
    /// Acceptance date for deadlines (default: today in Asia/Shanghai).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub accepted_on: Option<String>,
    /// Language of messages.
    #[arg(long, default_value = "zh-CN", value_parser = parse_lang)]
    pub lang: banli_core::Lang,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Extra calendar files (a regional calendar extending the national one).
    #[arg(long = "calendar", value_name = "FILE")]
    pub calendars: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Item definition files or directories (searched for *.json).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[arg(long, default_value = "zh-CN", value_parser = parse_lang)]
    pub lang: banli_core::Lang,
    /// Warn when a deferral deadline leaves fewer working days than this
    /// before the promised time limit (Shenzhen's rule is 2).
    #[arg(long, value_name = "DAYS", default_value_t = 2)]
    pub deferral_margin: u32,
}

#[derive(Debug, Subcommand)]
pub enum WorkdaysCommand {
    /// Print the Nth working day after a date (the date itself is not counted).
    Add(WorkdaysAddArgs),
}

#[derive(Debug, Args)]
pub struct WorkdaysAddArgs {
    #[arg(value_name = "YYYY-MM-DD")]
    pub date: String,
    pub days: u32,
    /// Calendar files to load instead of the built-in national calendar;
    /// a regional file may follow the national one it extends.
    #[arg(long = "calendar", value_name = "FILE")]
    pub calendars: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

fn parse_lang(tag: &str) -> Result<banli_core::Lang, String> {
    banli_core::Lang::parse(tag)
        .ok_or_else(|| format!("unsupported language “{tag}” (use zh-CN or en)"))
}
