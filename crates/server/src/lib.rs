//! banli-server: the reference back end. It re-validates every submission
//! with banli-core (the browser's check is a convenience), stores accepted
//! applications with the deadlines and commitments *it* computed, and keeps
//! the officials' ledger of deferred materials and commitments in lieu.
//! It also serves the demo portal (`www/`), `schemas/` and the WebAssembly
//! packages (precompressed, revalidated: `statics`), under a strict
//! Content-Security-Policy, with CORS for the allowed origins (`cors`).
//!
//! The router is built by [`app`] from an [`AppState`], so tests drive it
//! with `tower::ServiceExt::oneshot` without a socket. Handlers only parse,
//! call the core and persist: the rules (validation, deadlines, ledger
//! status) live in banli-core.

pub mod api;
pub mod bundles;
pub mod calendars;
pub mod clock;
pub mod config;
pub mod cors;
pub mod db;
pub mod error;
pub mod guard;
pub mod ids;
pub mod items;
pub mod officials;
pub mod outbox;
pub mod pending;
pub mod statics;
pub mod versions;
pub mod web;

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use banli_core::commitment::sha256_hex;
use sqlx::AnyPool;

pub use bundles::Bundles;
pub use clock::Clock;
pub use error::AppError;
pub use guard::ServerLimits;
pub use items::Catalog;

/// Everything a request may need; cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub db: AnyPool,
    pub catalog: Catalog,
    /// The bundles (一件事一次办), merged from the catalogue's items.
    pub bundles: Bundles,
    /// The working-day calendar in use; replaced whole on reload.
    pub calendar: calendars::SharedCalendar,
    /// Where the calendar files come from, read again on reload.
    pub calendar_files: calendars::CalendarFiles,
    /// SHA-256 of the officials' bearer token (the token itself is not kept).
    pub official_token_sha256: String,
    pub clock: Clock,
    /// The repository root (`www/`, `schemas/`, `target/pkg/banli-wasm/`).
    pub root: PathBuf,
    pub body_limit: usize,
    /// Timeouts, the submission rate and the core's submission limits.
    pub limits: ServerLimits,
    /// One token bucket per client for `POST /api/applications` and
    /// `POST /api/bundle-applications`.
    pub rate_limiter: Option<guard::RateLimiter>,
    /// The origins whose pages may load the widget and call the API (CORS).
    pub allowed_origins: cors::AllowedOrigins,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(
        db: AnyPool,
        catalog: Catalog,
        official_token: &str,
        clock: Clock,
        root: PathBuf,
        body_limit: usize,
    ) -> AppState {
        AppState(Arc::new(Inner {
            db,
            catalog,
            bundles: Bundles::default(),
            calendar: calendars::SharedCalendar::new(calendars::Loaded::national()),
            calendar_files: calendars::CalendarFiles::default(),
            official_token_sha256: sha256_hex(official_token),
            clock,
            root,
            body_limit,
            limits: ServerLimits::default(),
            rate_limiter: ServerLimits::default()
                .submit_rate
                .map(guard::RateLimiter::new),
            allowed_origins: cors::AllowedOrigins::default(),
        }))
    }

    /// The same state allowing `origins` (checked by [`cors::parse_origin`])
    /// cross-origin access. Call it before the state is shared.
    pub fn with_allowed_origins(mut self, origins: &[String]) -> AppState {
        let inner =
            Arc::get_mut(&mut self.0).expect("with_allowed_origins before the state is shared");
        inner.allowed_origins = cors::AllowedOrigins::new(origins);
        self
    }

    /// The same state serving `bundles`. Call it before the state is shared.
    pub fn with_bundles(mut self, bundles: Bundles) -> AppState {
        let inner = Arc::get_mut(&mut self.0).expect("with_bundles before the state is shared");
        inner.bundles = bundles;
        self
    }

    /// The same state with the calendar files of the configuration,
    /// loaded. Call it before the state is shared.
    ///
    /// # Errors
    ///
    /// Every problem of every calendar file that does not load.
    pub fn with_calendar_files(
        mut self,
        files: calendars::CalendarFiles,
    ) -> anyhow::Result<AppState> {
        let loaded = files.load()?;
        let inner =
            Arc::get_mut(&mut self.0).expect("with_calendar_files before the state is shared");
        inner.calendar = calendars::SharedCalendar::new(loaded);
        inner.calendar_files = files;
        Ok(self)
    }

    /// Reads the calendar files again and, when they load, uses them for
    /// every later request and fills in the stored deadlines that were
    /// pending for a year now covered. When they do not load, the calendar
    /// in use stays and the error says why. Safe while requests run.
    ///
    /// # Errors
    ///
    /// Calendar files that do not load (nothing changes), or a database
    /// error while storing resolved dates (the new calendar is in use).
    pub async fn reload_calendars(&self) -> anyhow::Result<banli_core::calendar::Coverage> {
        let loaded = self.calendar_files.load()?;
        self.replace_calendar(loaded).await
    }

    /// Uses `calendar` from now on and resolves the pending deadlines it covers.
    ///
    /// # Errors
    ///
    /// A database error while storing resolved dates.
    pub async fn replace_calendar(
        &self,
        loaded: calendars::Loaded,
    ) -> anyhow::Result<banli_core::calendar::Coverage> {
        let coverage = loaded.calendar.coverage(self.clock.today());
        self.calendar.replace(loaded);
        let resolved = pending::resolve(&self.db, &self.calendar.current()).await?;
        tracing::info!(
            years = ?coverage.years,
            resolved_applications = resolved,
            "calendar loaded"
        );
        Ok(coverage)
    }

    /// The same state with other limits. Call it before the state is
    /// shared (cloned), as `main` and the tests do.
    pub fn with_limits(mut self, limits: ServerLimits) -> AppState {
        let inner = Arc::get_mut(&mut self.0).expect("with_limits before the state is shared");
        inner.limits = limits;
        inner.rate_limiter = limits.submit_rate.map(guard::RateLimiter::new);
        self
    }
}

/// The whole application: the API under `/api`, the files elsewhere; every
/// request within the time limit, CORS for the allowed origins, and the
/// security headers. Serve it
/// `into_make_service_with_connect_info::<SocketAddr>()` so that the
/// submission rate is counted per client.
pub fn app(state: AppState) -> Router {
    let timeout = axum::middleware::from_fn_with_state(state.clone(), guard::timeout);
    // Inside `harden`, so preflight answers get the security headers too,
    // and outside the timeout: a preflight does no work worth limiting.
    let cors = axum::middleware::from_fn_with_state(state.allowed_origins.clone(), cors::cors);
    web::harden(
        web::router(&state)
            .merge(api::router(state))
            .layer(timeout)
            .layer(cors),
    )
}
