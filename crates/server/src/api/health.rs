//! `GET /api/health`: the server is up, and how far its holiday calendar
//! reaches. A load balancer reads the status; an operator's monitoring
//! reads `calendar.ends_soon` and the warning, which appear 60 days before
//! the last covered day (`banli_core::calendar::COVERAGE_WARNING_DAYS`).

use axum::extract::State;
use axum::{Json, Router, routing::get};
use banli_core::calendar::format_date;
use serde_json::{Value, json};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/health", get(health))
        .route("/api/calendars", get(calendars))
}

/// The calendar files the server loaded beyond the built-in national one,
/// as objects, for a portal to pass to the widget's `calendars` option so
/// that the browser counts deadlines on the same days as the server.
async fn calendars(State(state): State<AppState>) -> Json<Value> {
    let loaded = state.calendar.loaded();
    let files: Vec<Value> = loaded
        .files
        .iter()
        .filter_map(|(_, text)| serde_json::from_str(text).ok())
        .collect();
    Json(json!({ "files": files }))
}

async fn health(State(state): State<AppState>) -> Json<Value> {
    let today = state.clock.today();
    let calendar = state.calendar.current();
    let coverage = calendar.coverage(today);
    let warning = coverage
        .warning(today)
        .map(|w| json!({"zh-CN": w.zh, "en": w.en}));
    Json(json!({
        "status": "ok",
        "today": format_date(today),
        "calendar": {
            "regions": calendar.regions(),
            "coverage": coverage,
            "warning": warning,
        },
    }))
}
