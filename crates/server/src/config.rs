//! Configuration from the command line and the environment (clap): where to
//! listen, which database, the officials' token and where the files to serve
//! are. Loopback and an SQLite file under `./data/` by default, so a plain
//! `banli-server` is a safe local demo.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use clap::Parser;

use crate::guard::{Rate, ServerLimits};
use std::time::Duration;

/// The reference back end of banli: re-validation, applications and the
/// commitment ledger, plus the demo portal's files.
#[derive(Debug, Clone, Parser)]
#[command(name = "banli-server", version)]
pub struct Config {
    /// Without a command, the server runs.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Address to listen on (loopback by default).
    #[arg(long, env = "BANLI_BIND", default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
    /// Port to listen on (0 picks a free one; the chosen port is printed).
    #[arg(long, env = "BANLI_PORT", default_value_t = 8080)]
    pub port: u16,
    /// `sqlite://...` or `postgres://...`; default: an SQLite file
    /// `banli.db` in --data-dir, created on first start.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Folder for the default SQLite database.
    #[arg(long, env = "BANLI_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,
    /// The officials' bearer token for the ledger. Without it the server
    /// runs in dev mode: it generates one and prints it at start.
    #[arg(long, env = "BANLI_OFFICIAL_TOKEN", hide_env_values = true)]
    pub official_token: Option<String>,
    /// The repository root: `www/`, `schemas/items/` and
    /// `target/pkg/banli-wasm/` are found below it.
    #[arg(long, env = "BANLI_ROOT", default_value = ".")]
    pub root: PathBuf,
    /// Largest accepted request body, in bytes.
    #[arg(long, env = "BANLI_BODY_LIMIT", default_value_t = 1024 * 1024)]
    pub body_limit: usize,
    /// The longest a request may take, reading its body included, in seconds.
    #[arg(long, env = "BANLI_REQUEST_TIMEOUT", default_value_t = 30)]
    pub request_timeout: u64,
    /// Submissions (`POST /api/applications`) per minute per client IP
    /// address, after a burst of --submit-burst; 0 turns the limit off.
    #[arg(long, env = "BANLI_SUBMIT_RATE", default_value_t = 60)]
    pub submit_rate: u32,
    /// Submissions a client may make at once before the rate applies.
    #[arg(long, env = "BANLI_SUBMIT_BURST", default_value_t = 20)]
    pub submit_burst: u32,
    /// A calendar file (`banli-calendar/1`) laid over the built-in national
    /// calendar: next year's national notice, or a regional calendar.
    /// Repeatable. Read again on SIGHUP.
    #[arg(long = "calendar", value_name = "FILE")]
    pub calendars: Vec<PathBuf>,
    /// A folder whose `*.json` files are calendar files, loaded after the
    /// --calendar files. Read again on SIGHUP.
    #[arg(long, env = "BANLI_CALENDAR_DIR", value_name = "DIR")]
    pub calendar_dir: Option<PathBuf>,
    /// Use this date (`YYYY-MM-DD`) as today instead of the clock: the
    /// acceptance date of every application and the day the ledger is
    /// computed for. For tests, training and rehearsing a year change;
    /// never in production.
    #[arg(long, env = "BANLI_TODAY", value_name = "YYYY-MM-DD", value_parser = parse_today)]
    pub today: Option<time::Date>,
    /// An origin (`scheme://host[:port]`) whose pages may load the widget,
    /// the WebAssembly package and /schemas/ and call the API (CORS).
    /// Repeatable; BANLI_ALLOW_ORIGIN takes a comma-separated list.
    /// Default: none, same-origin only.
    #[arg(
        long = "allow-origin",
        env = "BANLI_ALLOW_ORIGIN",
        value_name = "ORIGIN",
        value_delimiter = ',',
        value_parser = crate::cors::parse_origin
    )]
    pub allow_origins: Vec<String>,
    /// Where reminders and notices are delivered: `http://host[:port]/path`
    /// (a `POST` of each notice's JSON, key in `Idempotency-Key`). Without
    /// it notices are queued (and shown in the audit view) but not sent.
    #[arg(long, env = "BANLI_WEBHOOK_URL", value_name = "URL", value_parser = parse_webhook)]
    pub webhook_url: Option<String>,
    /// Remind applicants this many working days before a deferred
    /// material is due.
    #[arg(long, env = "BANLI_REMINDER_DAYS", default_value_t = 3)]
    pub reminder_days: u32,
    /// Seconds between two looks at the outbox.
    #[arg(long, env = "BANLI_OUTBOX_POLL", default_value_t = 30)]
    pub outbox_poll: u64,
}

/// What to do instead of serving.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Command {
    /// Officials' accounts.
    #[command(subcommand)]
    Officials(OfficialsCommand),
}

#[derive(Debug, Clone, clap::Subcommand)]
pub enum OfficialsCommand {
    /// Adds an account (the first one, or another). The password is read
    /// from the first line of standard input, or of --password-file; it is
    /// stored only as its Argon2id hash.
    Add {
        /// The login name.
        #[arg(long)]
        login: String,
        /// The name shown in the audit log (e.g. 张三).
        #[arg(long)]
        name: String,
        /// intake (窗口受理), review (审核) or supervision (督办, read-only).
        #[arg(long, value_parser = parse_role)]
        role: banli_core::followup::roles::Role,
        /// A file whose first line is the password (instead of stdin).
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
    },
}

fn parse_webhook(text: &str) -> Result<String, String> {
    match text.parse::<hyper::Uri>() {
        Ok(uri) if uri.scheme_str() == Some("http") && uri.host().is_some() => Ok(text.to_owned()),
        _ => Err(banli_core::messages::server::webhook_url_invalid(text).both()),
    }
}

fn parse_role(text: &str) -> Result<banli_core::followup::roles::Role, String> {
    banli_core::followup::roles::Role::parse(text)
        .ok_or_else(|| "intake | review | supervision".to_owned())
}

fn parse_today(text: &str) -> Result<time::Date, String> {
    banli_core::calendar::parse_date(text).map_err(|e| {
        let m = e.message();
        format!("{} / {}", m.zh, m.en)
    })
}

impl Config {
    /// Where the calendar files come from.
    pub fn calendar_files(&self) -> crate::calendars::CalendarFiles {
        crate::calendars::CalendarFiles {
            files: self.calendars.clone(),
            dir: self.calendar_dir.clone(),
        }
    }

    /// The clock: fixed by --today, the system's otherwise.
    pub fn clock(&self) -> crate::Clock {
        self.today.map_or(crate::Clock::System, crate::Clock::Fixed)
    }

    /// The timeout, the submission rate and the core's default limits.
    pub fn server_limits(&self) -> ServerLimits {
        ServerLimits {
            request_timeout: Duration::from_secs(self.request_timeout.max(1)),
            submit_rate: (self.submit_rate > 0).then_some(Rate {
                per_minute: self.submit_rate,
                burst: self.submit_burst.max(1),
            }),
            ..ServerLimits::default()
        }
    }

    /// How notices are delivered.
    pub fn outbox(&self) -> crate::outbox::OutboxConfig {
        crate::outbox::OutboxConfig {
            webhook: self.webhook_url.clone(),
            days_before: self.reminder_days,
            poll: Duration::from_secs(self.outbox_poll.max(1)),
        }
    }

    /// The database URL to connect to.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}/banli.db?mode=rwc", self.data_dir.display()),
        }
    }
}
