//! The JSON API under `/api`: one router per resource, merged, plus the
//! extractors every handler shares (a JSON body whose rejection is an
//! [`AppError`], the language, the bearer tokens). Documented by the
//! hand-written OpenAPI file served at `/api/openapi.json`.

mod applications;
mod bundles;
mod health;
mod items;
mod ledger;
mod validate;

use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::{Router, routing::any, routing::get};
use banli_core::Lang;
use banli_core::commitment::sha256_hex;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::{AppError, AppState};

/// The OpenAPI 3.1 description of this API.
pub const OPENAPI_JSON: &str = include_str!("openapi.json");

pub fn router(state: AppState) -> Router {
    let limit = state.body_limit;
    Router::new()
        .merge(items::router())
        .merge(validate::router())
        .merge(applications::router(&state))
        .merge(bundles::router(&state))
        .merge(ledger::router())
        .merge(health::router())
        .route("/api/openapi.json", get(openapi))
        .route("/api", get(not_found))
        .route("/api/{*rest}", any(not_found))
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(limit))
        .with_state(state)
}

async fn openapi() -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        OPENAPI_JSON,
    )
}

async fn not_found() -> AppError {
    AppError::RouteNotFound
}

async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}

/// The whole body within the body limit; an oversized one is 413.
async fn read_body<S: Send + Sync>(req: Request, state: &S) -> Result<axum::body::Bytes, AppError> {
    axum::body::Bytes::from_request(req, state)
        .await
        .map_err(|rejection| {
            if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                AppError::PayloadTooLarge
            } else {
                tracing::debug!(%rejection, "request body not received");
                AppError::BadRequest(banli_core::messages::server::body_unreadable())
            }
        })
}

/// A JSON body; malformed or oversized bodies become [`AppError`]s.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let bytes = read_body(req, state).await?;
        let text = std::str::from_utf8(&bytes)
            .map_err(|_| AppError::BadRequest(banli_core::messages::server::body_not_utf8()))?;
        banli_core::json_text::read(text)
            .map(JsonBody)
            .map_err(|e| AppError::BadRequest(e.message()))
    }
}

/// A submission envelope: the body read within the body limit, then parsed
/// by the core within its limits (size and nesting are checked on the
/// bytes, before any recursive parser sees them).
pub struct SubmissionBody(pub serde_json::Value);

impl FromRequest<AppState> for SubmissionBody {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, AppError> {
        let bytes = read_body(req, state).await?;
        let text = std::str::from_utf8(&bytes)
            .map_err(|_| AppError::BadRequest(banli_core::messages::server::body_not_utf8()))?;
        match state.limits.submission.parse_submission(text) {
            Ok(value) => Ok(SubmissionBody(value)),
            Err(banli_core::limits::InputError::Limit(violation)) => {
                if matches!(
                    violation,
                    banli_core::limits::LimitViolation::DocumentTooLarge { .. }
                ) {
                    return Err(AppError::PayloadTooLarge);
                }
                let text = violation.message();
                Err(AppError::Limit {
                    code: violation.code(),
                    zh: text.zh,
                    en: text.en,
                })
            }
            Err(banli_core::limits::InputError::Syntax(syntax)) => {
                Err(AppError::BadRequest(syntax.message()))
            }
        }
    }
}

/// `?lang=zh-CN|en` (Chinese by default).
#[derive(Debug, Default, Deserialize)]
pub struct LangQuery {
    pub lang: Option<String>,
}

impl LangQuery {
    pub fn lang(&self) -> Result<Lang, AppError> {
        match &self.lang {
            None => Ok(Lang::ZhCn),
            Some(tag) => tag.parse().map_err(|_| AppError::InvalidParameter {
                name: "lang",
                detail: format!("“{tag}” (zh-CN | en)"),
            }),
        }
    }
}

/// The bearer token of the request, if any.
fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// An official, proven by the configured bearer token.
pub struct Official;

impl FromRequestParts<AppState> for Official {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        match bearer(parts) {
            Some(token) if sha256_hex(token) == state.official_token_sha256 => Ok(Official),
            _ => Err(AppError::Unauthorized),
        }
    }
}

/// The SHA-256 of the applicant's access token (`Authorization: Bearer`).
pub struct ApplicantToken(pub Option<String>);

impl ApplicantToken {
    /// `record` when this token is its token (`token_of` gives the stored
    /// SHA-256); otherwise the same 404 whether the receipt exists or not,
    /// so a wrong token learns nothing.
    ///
    /// # Errors
    ///
    /// [`AppError::ApplicationNotFound`] for no record, no token or another token.
    pub fn owns<R>(&self, record: Option<R>, token_of: impl Fn(&R) -> &str) -> Result<R, AppError> {
        match (record, &self.0) {
            (Some(record), Some(token)) if token_of(&record) == token => Ok(record),
            _ => Err(AppError::ApplicationNotFound),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ApplicantToken {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        Ok(ApplicantToken(bearer(parts).map(sha256_hex)))
    }
}
