//! The `banli-server` binary: read the configuration, load the items, open
//! the database (migrating it), and serve until Ctrl-C or SIGTERM. Prints
//! `listening on http://ADDR/` once the socket is bound (tests wait for it).

use std::process::ExitCode;

use anyhow::Context;
use banli_server::{AppState, Catalog, Clock, app, config::Config, db, ids};
use clap::Parser;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
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
    let catalog = Catalog::load_dir(&config.root.join("schemas/items"))?;
    let url = config.database_url();
    let pool = db::connect(&url).await?;
    let token = match &config.official_token {
        Some(token) => token.clone(),
        None => {
            let token = ids::token();
            println!("开发模式：工作人员令牌 / dev mode, officials' bearer token: {token}");
            token
        }
    };
    let state = AppState::new(
        pool,
        catalog,
        &token,
        Clock::System,
        config.root.clone(),
        config.body_limit,
    )
    .with_limits(config.server_limits());
    let listener = tokio::net::TcpListener::bind((config.bind, config.port))
        .await
        .with_context(|| format!("cannot listen on {}:{}", config.bind, config.port))?;
    let address = listener.local_addr()?;
    tracing::info!(database = %db::redact(&url), items = state.catalog.len(), "ready");
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
