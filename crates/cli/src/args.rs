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
    /// Check item definitions (and bundles, calendars, schemas): every problem of every file at once.
    Lint(LintArgs),
    /// Print the service guide (办事指南) of an item as HTML or Markdown.
    Guide(GuideArgs),
    /// The applicant's own checklist (办事指引) for the answers to the
    /// item's situation questions: which materials, how to get each.
    Checklist(ChecklistArgs),
    /// What changed between two versions of an item (exit 1 if anything breaks drafts).
    Diff(DiffArgs),
    /// Rewrite an item's draft-07 form (ajv, RJSF) in JSON Schema 2020-12: prints the
    /// definition (changes on stderr), or rewrites the file with --write.
    Migrate(MigrateArgs),
    /// Merge a bundle (一件事一次办) into one definition and print it.
    Bundle(BundleArgs),
    /// Working-day arithmetic on the official holiday calendar.
    Workdays {
        #[command(subcommand)]
        command: WorkdaysCommand,
    },
    /// The holiday calendar itself: how far the loaded files reach.
    Calendar {
        #[command(subcommand)]
        command: CalendarCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Print the years covered and the last covered day, with a warning when
    /// it is less than 60 days away (exit 0 either way).
    Coverage(CalendarCoverageArgs),
}

#[derive(Debug, Args)]
pub struct CalendarCoverageArgs {
    /// Calendar files laid over the built-in national calendar (next
    /// year's notice, regional files), as `check --calendar` takes them.
    #[arg(long = "calendar", value_name = "FILE")]
    pub calendars: Vec<PathBuf>,
    /// The day to look from (default: today in Asia/Shanghai).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Language of messages.
    #[arg(long, default_value = "zh-CN")]
    pub lang: banli_core::Lang,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
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
    #[arg(long, default_value = "zh-CN")]
    pub lang: banli_core::Lang,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Calendar files laid over the built-in national calendar: next
    /// year's national notice, a regional calendar extending the national one.
    #[arg(long = "calendar", value_name = "FILE")]
    pub calendars: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Item definitions, bundles or calendars, or directories (searched for *.json).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[arg(long, default_value = "zh-CN")]
    pub lang: banli_core::Lang,
    /// Warn when a deferral deadline leaves fewer working days than this
    /// before the promised time limit (Shenzhen's rule is 2).
    #[arg(long, value_name = "DAYS", default_value_t = 2)]
    pub deferral_margin: u32,
}

#[derive(Debug, Args)]
pub struct GuideArgs {
    /// The item definition (banli-item/1), or a bundle file
    /// (banli-bundle/1), whose members are merged as `banli bundle` does.
    pub item: PathBuf,
    #[arg(long, value_enum, default_value_t = GuideFormat::Html)]
    pub format: GuideFormat,
    #[arg(long, default_value = "zh-CN")]
    pub lang: banli_core::Lang,
}

#[derive(Debug, Args)]
pub struct ChecklistArgs {
    /// The item definition (banli-item/1), or a bundle file, merged.
    pub item: PathBuf,
    /// Form data (a JSON object) with the answers to the situation
    /// questions; only those answers are read. Without it, none is answered.
    #[arg(long, value_name = "DATA.json")]
    pub answers: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[arg(long, default_value = "zh-CN")]
    pub lang: banli_core::Lang,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GuideFormat {
    Html,
    Md,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older version of the item definition (or of a bundle file,
    /// merged as `banli bundle` does).
    pub old: PathBuf,
    /// The newer version.
    pub new: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[arg(long, default_value = "zh-CN")]
    pub lang: banli_core::Lang,
}

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The item definition (banli-item/1).
    pub item: PathBuf,
    /// Rewrite the file in place (atomically) instead of printing it.
    #[arg(long)]
    pub write: bool,
    /// Language of the list of changes and of errors.
    #[arg(long, default_value = "zh-CN")]
    pub lang: banli_core::Lang,
}

#[derive(Debug, Args)]
pub struct BundleArgs {
    /// The bundle file (banli-bundle/1).
    pub bundle: PathBuf,
    /// Where members named by code are looked up (default: ../items beside the bundle).
    #[arg(long, value_name = "DIR")]
    pub items: Option<PathBuf>,
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
    /// Calendar files laid over the built-in national calendar: next
    /// year's national notice, a regional calendar extending the national one.
    #[arg(long = "calendar", value_name = "FILE")]
    pub calendars: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}
