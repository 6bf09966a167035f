//! One error type for every failed request ([`AppError`]), turned into a
//! JSON body with a stable `code`, a Chinese `message` and an English
//! `message_en`. Internal errors are logged with their cause and answered
//! with a generic message, so database details never reach a client.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use banli_core::bundle::BundleReport;
use banli_core::followup::decision::DecisionError;
use banli_core::followup::roles::{Action, Role};
use banli_core::followup::supplement::SupplementError;
use banli_core::ledger::Resolution;
use banli_core::messages::server as text;
use banli_core::{Report, Text};
use serde_json::json;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The body is not JSON of the expected shape; the reason in words.
    #[error("malformed request body: {}", .0.en)]
    BadRequest(Text),
    /// A query or path parameter is not acceptable.
    #[error("invalid parameter {name}: {}", .detail.en)]
    InvalidParameter { name: &'static str, detail: Text },
    /// The body is larger than the configured limit.
    #[error("request body too large")]
    PayloadTooLarge,
    /// The officials' bearer token is missing or wrong.
    #[error("missing or wrong official token")]
    Unauthorized,
    /// No such application for this token (deliberately the same answer
    /// whether the receipt exists or not).
    #[error("application not found")]
    ApplicationNotFound,
    #[error("commitment not found")]
    CommitmentNotFound,
    #[error("item {code} not found")]
    ItemNotFound {
        code: String,
        version: Option<String>,
    },
    /// An item was asked for by a bundle's code (a bundle envelope sent to
    /// an item's endpoint).
    #[error("{code} is a bundle, not an item")]
    ItemIsABundle { code: String },
    #[error("bundle {code} not found")]
    BundleNotFound {
        code: String,
        version: Option<String>,
    },
    /// The commitment is already fulfilled or terminated.
    #[error("commitment already {}", .0.as_str())]
    AlreadyResolved(Resolution),
    /// The idempotency key was used before for a different submission.
    #[error("idempotency key reused for a different submission")]
    IdempotencyConflict,
    /// The submission is invalid: the report says why.
    #[error("invalid submission")]
    Invalid(Box<Report>),
    /// A bundle submission with an invalid member (or not for this
    /// bundle): the bundle report says why, per member.
    #[error("invalid bundle submission")]
    BundleInvalid(Box<BundleReport>),
    /// The body exceeds one of the core's limits before it could be read
    /// as a submission (nesting); `code` is the core's `limit.*` code.
    #[error("{code}: {en}")]
    Limit {
        code: &'static str,
        zh: String,
        en: String,
    },
    /// This client submitted too often; it may try again after the delay.
    #[error("too many requests; retry after {retry_after_secs} s")]
    TooManyRequests { retry_after_secs: u64 },
    /// The request (its body included) took longer than the configured timeout.
    #[error("request timed out")]
    Timeout,
    #[error("not found")]
    RouteNotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The official's role does not permit the action.
    #[error("{} may not {}", .role.as_str(), .action.as_str())]
    Forbidden { role: Role, action: Action },
    /// A state-changing request of a session without its CSRF token.
    #[error("CSRF token missing or wrong")]
    CsrfRejected,
    /// Wrong login or password (the same answer for both).
    #[error("login failed")]
    LoginFailed,
    /// The material is not deferred in this application.
    #[error("material {0} is not deferred")]
    MaterialNotDeferred(String),
    #[error("handed-in material not found")]
    SupplementNotFound,
    /// The file reference is malformed or outside the material's limits.
    #[error("upload refused: {}", .0.en)]
    UploadRefused(Text),
    /// The core's rules refuse the 补交 or its review.
    #[error(transparent)]
    Supplement(SupplementError),
    /// The core's rules refuse the decision.
    #[error(transparent)]
    Decision(DecisionError),
    /// Another request changed the row first.
    #[error("changed meanwhile")]
    ChangedMeanwhile,
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Internal(anyhow::Error::new(e).context("database"))
    }
}

impl AppError {
    /// The HTTP status, the stable code and the message in both languages.
    fn parts(&self) -> (StatusCode, &'static str, Text) {
        use AppError as E;
        match self {
            E::BadRequest(detail) => (
                StatusCode::BAD_REQUEST,
                "bad_request",
                text::bad_request(detail),
            ),
            E::InvalidParameter { name, detail } => (
                StatusCode::BAD_REQUEST,
                "invalid_parameter",
                text::invalid_parameter(name, detail),
            ),
            E::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                text::payload_too_large(),
            ),
            E::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                text::unauthorized(),
            ),
            E::ApplicationNotFound => (
                StatusCode::NOT_FOUND,
                "application_not_found",
                text::application_not_found(),
            ),
            E::CommitmentNotFound => (
                StatusCode::NOT_FOUND,
                "commitment_not_found",
                text::commitment_not_found(),
            ),
            E::ItemNotFound { code, version } => (
                StatusCode::NOT_FOUND,
                "item_not_found",
                text::item_not_found(code, version.as_deref()),
            ),
            E::ItemIsABundle { code } => (
                StatusCode::NOT_FOUND,
                "item_not_found",
                text::item_is_a_bundle(code),
            ),
            E::BundleNotFound { code, version } => (
                StatusCode::NOT_FOUND,
                "bundle_not_found",
                text::bundle_not_found(code, version.as_deref()),
            ),
            E::AlreadyResolved(state) => (
                StatusCode::CONFLICT,
                "commitment_already_resolved",
                text::already_resolved(*state == Resolution::Fulfilled),
            ),
            E::IdempotencyConflict => (
                StatusCode::CONFLICT,
                "idempotency_key_reused",
                text::idempotency_conflict(),
            ),
            E::Invalid(_) | E::BundleInvalid(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_submission",
                text::invalid_submission(),
            ),
            E::Limit { code, zh, en } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                code,
                Text::new(zh.clone(), en.clone()),
            ),
            E::TooManyRequests { retry_after_secs } => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_requests",
                text::too_many_requests(*retry_after_secs),
            ),
            E::Timeout => (
                StatusCode::REQUEST_TIMEOUT,
                "request_timeout",
                text::timeout(),
            ),
            E::RouteNotFound => (StatusCode::NOT_FOUND, "not_found", text::not_found()),
            E::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                text::method_not_allowed(),
            ),
            E::Forbidden { role, action } => (
                StatusCode::FORBIDDEN,
                "forbidden",
                text::forbidden(&role.label(), &action.label()),
            ),
            E::CsrfRejected => (
                StatusCode::FORBIDDEN,
                "csrf_rejected",
                text::csrf_rejected(),
            ),
            E::LoginFailed => (
                StatusCode::UNAUTHORIZED,
                "login_failed",
                text::login_failed(),
            ),
            E::MaterialNotDeferred(material) => (
                StatusCode::CONFLICT,
                "material_not_deferred",
                text::material_not_deferred(material),
            ),
            E::SupplementNotFound => (
                StatusCode::NOT_FOUND,
                "supplement_not_found",
                text::supplement_not_found(),
            ),
            E::UploadRefused(reason) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "upload_refused",
                text::upload_refused(reason),
            ),
            E::Supplement(e) => {
                let status = match e {
                    SupplementError::ReasonRequired => StatusCode::UNPROCESSABLE_ENTITY,
                    _ => StatusCode::CONFLICT,
                };
                (status, e.code(), e.message())
            }
            E::Decision(e) => {
                let status = match e {
                    DecisionError::AlreadyDecided(_) => StatusCode::CONFLICT,
                    _ => StatusCode::UNPROCESSABLE_ENTITY,
                };
                (status, e.code(), e.message())
            }
            E::ChangedMeanwhile => (
                StatusCode::CONFLICT,
                "changed_meanwhile",
                text::changed_meanwhile(),
            ),
            E::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                text::internal(),
            ),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(cause) = &self {
            tracing::error!(error = format!("{cause:#}"), "internal error");
        }
        let (status, code, message) = self.parts();
        let error = json!({"code": code, "message": message.zh, "message_en": message.en});
        let retry_after = match &self {
            AppError::TooManyRequests { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        };
        let body = match self {
            AppError::Invalid(report) => json!({"error": error, "report": report}),
            AppError::BundleInvalid(report) => json!({"error": error, "report": report}),
            _ => json!({"error": error}),
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, seconds.into());
        }
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}
