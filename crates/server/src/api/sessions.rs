//! Officials' sessions and the audit trail:
//! `POST /api/officials/login` (login and password → the session cookie,
//! `HttpOnly`, `SameSite=Strict`, and the CSRF token, in the body and a
//! readable cookie), `POST /api/officials/logout`, `GET /api/officials/me`
//! (who is logged in, with the role), and
//! `GET /api/applications/{receipt}/audit` (every recorded action on an
//! application, oldest first). The rules of who may do what are the
//! core's `followup::roles`; accounts and tokens are `crate::officials`.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router, routing::get, routing::post};
use banli_core::commitment::sha256_hex;
use banli_core::followup::roles::{Action, Role};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{JsonBody, Official};
use crate::{AppError, AppState, db, officials};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/officials/login", post(login))
        .route("/api/officials/logout", post(logout))
        .route("/api/officials/me", get(me))
        .route("/api/applications/{receipt}/audit", get(audit))
}

#[derive(Deserialize)]
struct LoginBody {
    login: String,
    password: String,
}

/// An official as the pages show them.
fn official_json(id: Option<&str>, login: &str, name: &str, role: Option<Role>) -> Value {
    json!({
        "id": id,
        "login": login,
        "name": name,
        "role": role.map(Role::as_str),
        "role_label": role.map(|r| { let l = r.label(); json!({"zh-CN": l.zh, "en": l.en}) }),
        "permits": Action::ALL
            .iter()
            .filter(|a| role.is_none_or(|r| r.permits(**a)))
            .map(|a| a.as_str())
            .collect::<Vec<_>>(),
    })
}

fn with_cookies(status: StatusCode, body: Value, cookies: [String; 2]) -> Response {
    let mut response = (status, Json(body)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.append(header::SET_COOKIE, value);
        }
    }
    response
}

async fn login(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<LoginBody>,
) -> Result<Response, AppError> {
    let account = db::official_by_login(&state.db, body.login.trim()).await?;
    // The same work and the same answer for an unknown login and a wrong
    // password: a caller cannot find out which logins exist.
    let hash = account
        .as_ref()
        .map_or(officials::decoy_hash(), |a| a.password_hash.as_str())
        .to_owned();
    let password = body.password;
    let matches = tokio::task::spawn_blocking(move || officials::verify_password(&hash, &password))
        .await
        .map_err(anyhow::Error::new)?;
    let Some(account) = account.filter(|_| matches) else {
        tracing::info!(login = %body.login.trim(), "official login failed");
        return Err(AppError::LoginFailed);
    };
    let session = officials::start_session(
        &state.db,
        &account.id,
        officials::now_unix(),
        &state.clock.now_rfc3339(),
    )
    .await?;
    tracing::info!(official = %account.login, "official logged in");
    let role = Role::parse(&account.role);
    Ok(with_cookies(
        StatusCode::OK,
        json!({
            "official": official_json(Some(&account.id), &account.login, &account.display_name, role),
            "csrf_token": session.csrf,
            "expires_in_seconds": officials::SESSION_SECONDS,
        }),
        officials::session_cookies(&session),
    ))
}

async fn logout(
    official: Official,
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
) -> Result<Response, AppError> {
    if official.id.is_some() {
        let cookies = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join("; ");
        if let Some(token) = officials::cookie(&cookies, officials::SESSION_COOKIE) {
            db::delete_session(&state.db, &sha256_hex(token), officials::now_unix()).await?;
        }
    }
    Ok(with_cookies(
        StatusCode::OK,
        json!({"logged_out": true}),
        officials::cleared_cookies(),
    ))
}

async fn me(official: Official) -> Json<Value> {
    Json(official_json(
        official.id.as_deref(),
        &official.login,
        &official.display_name,
        official.role,
    ))
}

/// One audit-log entry as the ledger page shows it.
pub fn audit_json(entry: &db::AuditEntry) -> Value {
    let label = Action::parse(&entry.action).map(|a| {
        let l = a.label();
        json!({"zh-CN": l.zh, "en": l.en})
    });
    json!({
        "at": entry.at,
        "official": {"id": entry.official_id, "login": entry.official_login},
        "action": entry.action,
        "action_label": label,
        "receipt": entry.receipt,
        "commitment_id": entry.commitment_id,
        "detail": serde_json::from_str::<Value>(&entry.detail).unwrap_or(Value::Null),
    })
}

async fn audit(
    official: Official,
    State(state): State<AppState>,
    Path(receipt): Path<String>,
) -> Result<Json<Value>, AppError> {
    official.permit(Action::Read)?;
    if db::application(&state.db, &receipt).await?.is_none() {
        return Err(AppError::ApplicationNotFound);
    }
    let entries: Vec<Value> = db::audit_of(&state.db, &receipt)
        .await?
        .iter()
        .map(audit_json)
        .collect();
    // The notices queued for the applicant and whether they went out.
    let notices: Vec<Value> = db::outbox_of(&state.db, Some(&receipt))
        .await?
        .iter()
        .map(|n| {
            json!({
                "key": n.key,
                "kind": n.kind,
                "created_at": n.created_at,
                "attempts": n.attempts,
                "delivered_at": n.delivered_at,
                "last_error": n.last_error,
                "payload": serde_json::from_str::<Value>(&n.payload).unwrap_or(Value::Null),
            })
        })
        .collect();
    Ok(Json(
        json!({"receipt": receipt, "entries": entries, "notices": notices}),
    ))
}
