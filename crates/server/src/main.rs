//! The `banli-server` binary: read the configuration, load the items and
//! the bundles, open
//! the database (migrating it), and serve until Ctrl-C or SIGTERM. Prints
//! `listening on http://ADDR/` once the socket is bound (tests wait for it).

use std::process::ExitCode;

use anyhow::Context;
use banli_server::config::{Command, Config, OfficialsCommand};
use banli_server::{AppState, Bundles, Catalog, Clock, app, db, ids, officials};
use clap::Parser;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        // Colour codes only on a terminal: a log written to a file or a
        // collector's pipe kept them as `[2m…[32m INFO` noise.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    match run(Config::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("banli-server: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(config: Config) -> anyhow::Result<()> {
    if let Some(Command::Officials(OfficialsCommand::Add {
        login,
        name,
        role,
        password_file,
    })) = &config.command
    {
        return add_official(&config, login, name, *role, password_file.as_deref()).await;
    }
    let catalog = Catalog::load_dir(&config.root.join("schemas/items"))?;
    let bundles = Bundles::load_dir(&config.root.join("schemas/bundles"), &catalog)?;
    let url = config.database_url();
    let pool = db::connect(&url).await?;
    let token = match &config.official_token {
        Some(token) => token.clone(),
        None => {
            let token = ids::token();
            println!("{}", banli_core::messages::server::dev_token(&token).both());
            token
        }
    };
    let state = AppState::new(
        pool,
        catalog,
        &token,
        config.clock(),
        config.root.clone(),
        config.body_limit,
    )
    .with_bundles(bundles)
    .with_limits(config.server_limits())
    .with_allowed_origins(&config.allow_origins)
    .with_calendar_files(config.calendar_files())?;
    if let Clock::Fixed(today) = state.clock {
        tracing::warn!(today = %banli_core::calendar::format_date(today), "the date is fixed (--today / BANLI_TODAY)");
    }
    // Deadlines left pending before a restart with a newer calendar.
    let coverage = state
        .replace_calendar((*state.calendar.loaded()).clone())
        .await?;
    warn_if_ending(&state, &coverage);
    reload_on_hangup(state.clone());
    banli_server::outbox::spawn(state.clone(), config.outbox());
    let listener = tokio::net::TcpListener::bind((config.bind, config.port))
        .await
        .with_context(|| format!("cannot listen on {}:{}", config.bind, config.port))?;
    let address = listener.local_addr()?;
    tracing::info!(database = %db::redact(&url), items = state.catalog.len(), bundles = state.bundles.len(), "ready");
    println!("listening on http://{address}/");
    // The peer address is the key of the submission rate limit.
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown())
    .await
    .context("server failed")
}

/// `banli-server officials add`: the password from the first line of the
/// file or of standard input, never from the command line (it would show in
/// the process list and the shell's history).
async fn add_official(
    config: &Config,
    login: &str,
    name: &str,
    role: banli_core::followup::roles::Role,
    password_file: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    use banli_core::messages::server as text;
    let (source, read) = match password_file {
        Some(path) => (path.display().to_string(), std::fs::read_to_string(path)),
        None => {
            let mut line = String::new();
            (
                "stdin".to_owned(),
                std::io::stdin().read_line(&mut line).map(|_| line),
            )
        }
    };
    let password =
        read.map_err(|e| anyhow::anyhow!("{}: {e}", text::password_unreadable(&source).both()))?;
    let password = password.lines().next().unwrap_or_default();
    let pool = db::connect(&config.database_url()).await?;
    let now = banli_core::calendar::rfc3339_in_china(time::OffsetDateTime::now_utc());
    match officials::add(&pool, login, name, role, password, &now).await {
        Ok(_) => {
            println!(
                "{}",
                text::official_added(login.trim(), &role.label()).both()
            );
            Ok(())
        }
        Err(e) => Err(anyhow::anyhow!("{}", e.message().both())),
    }
}

fn warn_if_ending(state: &AppState, coverage: &banli_core::calendar::Coverage) {
    if let Some(warning) = coverage.warning(state.clock.today()) {
        tracing::warn!(last_covered_day = ?coverage.last_covered_day, "{} / {}", warning.zh, warning.en);
    }
}

/// SIGHUP reads the calendar files again (an operator adds next year's
/// notice without a restart); a file that does not load is logged and the
/// calendar in use stays.
fn reload_on_hangup(state: AppState) {
    #[cfg(unix)]
    tokio::spawn(async move {
        let Ok(mut hangup) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())
        else {
            return;
        };
        while hangup.recv().await.is_some() {
            match state.reload_calendars().await {
                Ok(coverage) => {
                    println!("calendars reloaded: {:?}", coverage.years);
                    warn_if_ending(&state, &coverage);
                }
                Err(e) => {
                    tracing::error!("calendar reload failed, the calendar in use stays: {e:#}")
                }
            }
        }
    });
    #[cfg(not(unix))]
    let _ = state;
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
