//! The JSON API under `/api`: one router per resource, merged, plus the
//! extractors every handler shares (a JSON body whose rejection is an
//! [`AppError`], the language, the bearer tokens). Documented by the
//! hand-written OpenAPI file served at `/api/openapi.json`.

mod applications;
mod bundles;
mod decisions;
mod health;
mod items;
mod ledger;
mod sessions;
mod supplements;
mod validate;

use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::{Router, routing::any, routing::get};
use banli_core::Lang;
use banli_core::commitment::sha256_hex;
use banli_core::followup::roles::{Action, Role};
use banli_core::messages::server as text;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::{AppError, AppState, officials};

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
        .merge(sessions::router())
        .merge(supplements::router())
        .merge(decisions::router())
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
                detail: text::not_one_of(tag, "zh-CN | en"),
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

/// An official: a session of an account (cookie, and for a state-changing
/// request the CSRF header), or the configured shared bearer token (the
/// single-account mode, permitted everything). Handlers ask
/// [`Official::permit`] before acting and write [`Official::audit`] with
/// the change.
pub struct Official {
    /// The account's id; `None` for the shared token.
    pub id: Option<String>,
    pub login: String,
    pub display_name: String,
    /// `None` for the shared token.
    pub role: Option<Role>,
}

impl Official {
    /// Ok when this official's role permits `action` (the core's table).
    ///
    /// # Errors
    ///
    /// [`AppError::Forbidden`] otherwise.
    pub fn permit(&self, action: Action) -> Result<(), AppError> {
        match self.role {
            Some(role) if !role.permits(action) => Err(AppError::Forbidden { role, action }),
            _ => Ok(()),
        }
    }

    /// The audit-log entry of `action` by this official, now.
    pub fn audit(
        &self,
        state: &AppState,
        action: Action,
        receipt: Option<&str>,
        commitment_id: Option<&str>,
        detail: serde_json::Value,
    ) -> crate::db::AuditEntry {
        crate::db::AuditEntry {
            id: crate::ids::audit_id(),
            official_id: self.id.clone(),
            official_login: self.login.clone(),
            action: action.as_str().to_owned(),
            receipt: receipt.map(str::to_owned),
            commitment_id: commitment_id.map(str::to_owned),
            detail: detail.to_string(),
            at: state.clock.now_rfc3339(),
        }
    }
}

impl FromRequestParts<AppState> for Official {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if let Some(token) = bearer(parts) {
            return if sha256_hex(token) == state.official_token_sha256 {
                Ok(Official {
                    id: None,
                    login: officials::SHARED_TOKEN_LOGIN.to_owned(),
                    display_name: officials::SHARED_TOKEN_LOGIN.to_owned(),
                    role: None,
                })
            } else {
                Err(AppError::Unauthorized)
            };
        }
        let cookies = parts
            .headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join("; ");
        let token =
            officials::cookie(&cookies, officials::SESSION_COOKIE).ok_or(AppError::Unauthorized)?;
        let session = crate::db::session(&state.db, &sha256_hex(token), officials::now_unix())
            .await?
            .ok_or(AppError::Unauthorized)?;
        if !parts.method.is_safe() {
            // Double submit: the header must echo the readable cookie, and
            // both must be this session's token (a page of another origin
            // can neither read the cookie nor set the header).
            let sent = parts
                .headers
                .get(officials::CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .ok_or(AppError::CsrfRejected)?;
            let cookie = officials::cookie(&cookies, officials::CSRF_COOKIE);
            if cookie != Some(sent) || sha256_hex(sent) != session.csrf_sha256 {
                return Err(AppError::CsrfRejected);
            }
        }
        let role = Role::parse(&session.official.role).ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!(
                "stored role unreadable: {}",
                session.official.id
            ))
        })?;
        Ok(Official {
            id: Some(session.official.id),
            login: session.official.login,
            display_name: session.official.display_name,
            role: Some(role),
        })
    }
}

/// The SHA-256 of the applicant's access token (`Authorization: Bearer`).
pub struct ApplicantToken(pub Option<String>);

/// A stored record an applicant reaches by its receipt with their access
/// token.
pub trait Owned: Sized + Send {
    /// The SHA-256 (hex) of the access token stored with it.
    fn token_sha256(&self) -> &str;

    /// The record stored under `receipt`, if any.
    fn load(
        pool: &sqlx::AnyPool,
        receipt: &str,
    ) -> impl Future<Output = sqlx::Result<Option<Self>>> + Send;
}

impl Owned for crate::db::ApplicationRecord {
    fn token_sha256(&self) -> &str {
        &self.token_sha256
    }

    async fn load(pool: &sqlx::AnyPool, receipt: &str) -> sqlx::Result<Option<Self>> {
        crate::db::application(pool, receipt).await
    }
}

impl Owned for crate::db::BundleRecord {
    fn token_sha256(&self) -> &str {
        &self.token_sha256
    }

    async fn load(pool: &sqlx::AnyPool, receipt: &str) -> sqlx::Result<Option<Self>> {
        crate::db::bundle_application(pool, receipt).await
    }
}

/// The record the path's `{receipt}` names, for its applicant's access
/// token only: any other token gets the same 404 as a wrong receipt.
pub struct Applicant<R>(pub R);

impl<R: Owned> FromRequestParts<AppState> for Applicant<R> {
    type Rejection = axum::response::Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, axum::response::Response> {
        let axum::extract::Path(receipt) =
            axum::extract::Path::<String>::from_request_parts(parts, state)
                .await
                .map_err(IntoResponse::into_response)?;
        let token = ApplicantToken::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let record = R::load(&state.db, &receipt)
            .await
            .map_err(|e| AppError::from(e).into_response())?;
        token
            .owns(record)
            .map(Applicant)
            .map_err(IntoResponse::into_response)
    }
}

impl ApplicantToken {
    /// `record` when this token is its token; otherwise the same 404
    /// whether the receipt exists or not, so a wrong token learns nothing.
    ///
    /// # Errors
    ///
    /// [`AppError::ApplicationNotFound`] for no record, no token or another token.
    pub fn owns<R: Owned>(&self, record: Option<R>) -> Result<R, AppError> {
        match (record, &self.0) {
            (Some(record), Some(token)) if record.token_sha256() == token => Ok(record),
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
