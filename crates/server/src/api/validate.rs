//! `POST /api/validate`: the report for an envelope, exactly as
//! `banli check --format json` prints it (acceptance date today in
//! Asia/Shanghai unless `?accepted_on=` says otherwise). Also the one place
//! that finds an envelope's item and calls the core, for
//! `POST /api/applications` too.

use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::{Router, routing::post};
use banli_core::calendar::parse_date;
use banli_core::envelope::ItemRef;
use banli_core::{Lang, Report, ValidationContext};
use serde::Deserialize;
use serde_json::Value;
use time::Date;

use super::{LangQuery, SubmissionBody};
use crate::items::ItemVersion;
use crate::{AppError, AppState};

pub fn router() -> Router<AppState> {
    Router::new().route("/api/validate", post(validate))
}

#[derive(Deserialize)]
struct ValidateQuery {
    lang: Option<String>,
    accepted_on: Option<String>,
}

async fn validate(
    State(state): State<AppState>,
    Query(query): Query<ValidateQuery>,
    SubmissionBody(envelope): SubmissionBody,
) -> Result<Response, AppError> {
    let lang = LangQuery { lang: query.lang }.lang()?;
    let accepted_on = match &query.accepted_on {
        Some(text) => parse_date(text).map_err(|e| AppError::InvalidParameter {
            name: "accepted_on",
            detail: e.message(),
        })?,
        None => state.clock.today(),
    };
    let (_, report) = check(&state, &envelope, lang, accepted_on)?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        report.to_json(),
    )
        .into_response())
}

/// The item an envelope names (`item.code`, `item.version`).
pub fn item_for<'s>(state: &'s AppState, envelope: &Value) -> Result<&'s ItemVersion, AppError> {
    let ItemRef { code, version } = named(envelope)?;
    if let Some(item) = state.catalog.get(&code, Some(&version)) {
        return Ok(item);
    }
    if state.bundles.get(&code, None).is_some() {
        return Err(AppError::ItemIsABundle { code });
    }
    Err(AppError::ItemNotFound {
        code,
        version: Some(version),
    })
}

/// The item or bundle an envelope names; both `item.code` and
/// `item.version` must be non-empty strings.
///
/// # Errors
///
/// [`AppError::BadRequest`] when either is missing.
pub fn named(envelope: &Value) -> Result<ItemRef, AppError> {
    let named = ItemRef::read(envelope);
    if named.code.is_empty() || named.version.is_empty() {
        return Err(AppError::BadRequest(
            banli_core::messages::server::envelope_names_no_item(),
        ));
    }
    Ok(named)
}

/// Validates `envelope` against its item, accepted on `accepted_on`, on
/// the server's calendar.
pub fn check<'s>(
    state: &'s AppState,
    envelope: &Value,
    lang: Lang,
    accepted_on: Date,
) -> Result<(&'s ItemVersion, Report), AppError> {
    let item = item_for(state, envelope)?;
    let calendar = state.calendar.current();
    let ctx = ValidationContext::new(lang)
        .accepted_on(accepted_on, &calendar)
        .with_limits(state.limits.submission);
    let report = item
        .compiled
        .validate(envelope, &ctx)
        .map_err(|failure| AppError::BadRequest(failure.message()))?;
    Ok((item, report))
}
