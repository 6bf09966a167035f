//! One error type for every failed request ([`AppError`]), turned into a
//! JSON body with a stable `code`, a Chinese `message` and an English
//! `message_en`. Internal errors are logged with their cause and answered
//! with a generic message, so database details never reach a client.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use banli_core::Report;
use serde_json::json;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The body is not JSON of the expected shape.
    #[error("malformed request body: {0}")]
    BadRequest(String),
    /// A query or path parameter is not acceptable.
    #[error("invalid parameter {name}: {detail}")]
    InvalidParameter { name: &'static str, detail: String },
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
    #[error("item {code} {version} not found")]
    ItemNotFound { code: String, version: String },
    /// The commitment is already fulfilled or terminated.
    #[error("commitment already {0}")]
    AlreadyResolved(&'static str),
    /// The idempotency key was used before for a different submission.
    #[error("idempotency key reused for a different submission")]
    IdempotencyConflict,
    /// The submission is invalid: the report says why.
    #[error("invalid submission")]
    Invalid(Box<Report>),
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
    fn parts(&self) -> (StatusCode, &'static str, String, String) {
        use AppError as E;
        match self {
            E::BadRequest(detail) => (
                StatusCode::BAD_REQUEST,
                "bad_request",
                format!("请求内容不是有效的 JSON 或格式不符：{detail}"),
                format!("The request body is not valid JSON of the expected shape: {detail}"),
            ),
            E::InvalidParameter { name, detail } => (
                StatusCode::BAD_REQUEST,
                "invalid_parameter",
                format!("参数 {name} 无效：{detail}"),
                format!("Parameter {name} is invalid: {detail}"),
            ),
            E::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "请求内容过大".to_owned(),
                "The request body is too large".to_owned(),
            ),
            E::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "需要有效的工作人员令牌".to_owned(),
                "A valid official's bearer token is required".to_owned(),
            ),
            E::ApplicationNotFound => (
                StatusCode::NOT_FOUND,
                "application_not_found",
                "未找到该受理编号对应的申请，或访问令牌不正确".to_owned(),
                "No application with this receipt number for this access token".to_owned(),
            ),
            E::CommitmentNotFound => (
                StatusCode::NOT_FOUND,
                "commitment_not_found",
                "未找到该承诺".to_owned(),
                "No such commitment".to_owned(),
            ),
            E::ItemNotFound { code, version } => (
                StatusCode::NOT_FOUND,
                "item_not_found",
                format!("未找到事项 {code}（版本 {version}）"),
                format!("No item {code} (version {version})"),
            ),
            E::AlreadyResolved(state) => (
                StatusCode::CONFLICT,
                "commitment_already_resolved",
                format!(
                    "该承诺已{}，不能再次处理",
                    if *state == "fulfilled" {
                        "履行"
                    } else {
                        "终止"
                    }
                ),
                format!("The commitment is already {state}"),
            ),
            E::IdempotencyConflict => (
                StatusCode::CONFLICT,
                "idempotency_key_reused",
                "该幂等键已用于另一份不同的申请".to_owned(),
                "This idempotency key was already used for a different submission".to_owned(),
            ),
            E::Invalid(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_submission",
                "申请未通过校验，请按报告逐项修改".to_owned(),
                "The submission is invalid; the report lists every problem".to_owned(),
            ),
            E::Limit { code, zh, en } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                code,
                zh.clone(),
                en.clone(),
            ),
            E::TooManyRequests { retry_after_secs } => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_requests",
                format!("提交过于频繁，请 {retry_after_secs} 秒后再试"),
                format!("Too many submissions; please try again in {retry_after_secs} s"),
            ),
            E::Timeout => (
                StatusCode::REQUEST_TIMEOUT,
                "request_timeout",
                "请求超时，请重试".to_owned(),
                "The request timed out; please try again".to_owned(),
            ),
            E::RouteNotFound => (
                StatusCode::NOT_FOUND,
                "not_found",
                "未找到".to_owned(),
                "Not found".to_owned(),
            ),
            E::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "不支持该请求方法".to_owned(),
                "Method not allowed".to_owned(),
            ),
            E::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "服务器内部错误，请稍后重试".to_owned(),
                "Internal server error; please try again later".to_owned(),
            ),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(cause) = &self {
            tracing::error!(error = format!("{cause:#}"), "internal error");
        }
        let (status, code, message, message_en) = self.parts();
        let error = json!({"code": code, "message": message, "message_en": message_en});
        let retry_after = match &self {
            AppError::TooManyRequests { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        };
        let body = match self {
            AppError::Invalid(report) => json!({"error": error, "report": report}),
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
