//! banli-server: the reference back end. It re-validates every submission
//! with banli-core (the browser's check is a convenience), stores accepted
//! applications with the deadlines and commitments *it* computed, and keeps
//! the officials' ledger of deferred materials and commitments in lieu.
//! It also serves the demo portal (`www/`), `schemas/` and the WebAssembly
//! package, under a strict Content-Security-Policy.
//!
//! The router is built by [`app`] from an [`AppState`], so tests drive it
//! with `tower::ServiceExt::oneshot` without a socket. Handlers only parse,
//! call the core and persist: the rules (validation, deadlines, ledger
//! status) live in banli-core.

pub mod api;
pub mod clock;
pub mod config;
pub mod db;
pub mod error;
pub mod guard;
pub mod ids;
pub mod items;
pub mod web;

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use banli_core::calendar::WorkCalendar;
use banli_core::commitment::sha256_hex;
use sqlx::AnyPool;

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
    pub calendar: WorkCalendar,
    /// SHA-256 of the officials' bearer token (the token itself is not kept).
    pub official_token_sha256: String,
    pub clock: Clock,
    /// The repository root (`www/`, `schemas/`, `target/pkg/banli-wasm/`).
    pub root: PathBuf,
    pub body_limit: usize,
    /// Timeouts, the submission rate and the core's submission limits.
    pub limits: ServerLimits,
    /// One token bucket per client for `POST /api/applications`.
    pub rate_limiter: Option<guard::RateLimiter>,
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
            calendar: WorkCalendar::national(),
            official_token_sha256: sha256_hex(official_token),
            clock,
            root,
            body_limit,
            limits: ServerLimits::default(),
            rate_limiter: ServerLimits::default()
                .submit_rate
                .map(guard::RateLimiter::new),
        }))
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
/// request within the time limit and with the security headers. Serve it
/// `into_make_service_with_connect_info::<SocketAddr>()` so that the
/// submission rate is counted per client.
pub fn app(state: AppState) -> Router {
    let timeout = axum::middleware::from_fn_with_state(state.clone(), guard::timeout);
    web::harden(web::router(&state).merge(api::router(state)).layer(timeout))
}
