//! The follow-up loop (issue 20) through the API: officials one by one
//! (sessions, CSRF, roles, the audit log), 补交 and its review, decisions
//! and the timeliness report.

use axum::http::{Method, StatusCode};
use banli_core::followup::roles::Role;
use banli_server::officials;
use serde_json::{Value, json};

use crate::on_both;
use crate::support::{Backend, FOOD, OFFICIAL_TOKEN, TestApp, fixture};

pub const PASSWORD: &str = "correct-horse-battery";

/// A logged-in official: the cookie header and the CSRF token.
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

impl Session {
    pub fn headers(&self) -> Vec<(&str, &str)> {
        vec![("cookie", &self.cookie), ("x-csrf-token", &self.csrf)]
    }
}

/// Adds an account with `role` and logs it in.
pub async fn official(app: &TestApp, login: &str, role: Role) -> Session {
    officials::add(
        &app.pool,
        login,
        login,
        role,
        PASSWORD,
        "2026-11-23T09:00:00+08:00",
    )
    .await
    .unwrap();
    let (status, headers, body) = app
        .call(
            Method::POST,
            "/api/officials/login",
            &[],
            Some(json!({"login": login, "password": PASSWORD}).to_string()),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let cookies: Vec<String> = headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .collect();
    let session_cookie = headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|c| c.starts_with("banli_session="))
        .unwrap();
    assert!(session_cookie.contains("HttpOnly"), "{session_cookie}");
    assert!(
        session_cookie.contains("SameSite=Strict"),
        "{session_cookie}"
    );
    assert_eq!(body["official"]["role"], role.as_str());
    Session {
        cookie: cookies.join("; "),
        csrf: body["csrf_token"].as_str().unwrap().to_owned(),
    }
}

/// `method path` as the session, with the CSRF header.
pub async fn as_session(
    app: &TestApp,
    session: &Session,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let (status, _, body) = app
        .call(
            method,
            path,
            &session.headers(),
            body.map(|b| b.to_string()),
        )
        .await;
    (status, body)
}

async fn officials_log_in_act_by_role_and_are_audited(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let (_, _, a) = app
        .submit(&fixture(FOOD, "deferred-floor-plan"), None)
        .await;
    let receipt = a["receipt"].as_str().unwrap().to_owned();
    let commitment = format!("{receipt}-1");
    let terminate = format!("/api/commitments/{commitment}/terminate");
    let reason = json!({"reason": "逾期未补正材料，退办"});

    // A wrong password and an unknown login get the same answer.
    let intake = official(&app, "wang", Role::Intake).await;
    for (login, password) in [("wang", "wrong-password-123"), ("nobody", PASSWORD)] {
        let (status, _, body) = app
            .call(
                Method::POST,
                "/api/officials/login",
                &[],
                Some(json!({"login": login, "password": password}).to_string()),
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{login}");
        assert_eq!(body["error"]["code"], "login_failed");
    }

    // 督办 reads, and gets 403 on any action.
    let supervision = official(&app, "zhao", Role::Supervision).await;
    let (status, ledger) =
        as_session(&app, &supervision, Method::GET, "/api/commitments", None).await;
    assert_eq!(status, StatusCode::OK, "{ledger}");
    assert_eq!(ledger["commitments"][0]["id"], commitment.as_str());
    for (path, body) in [
        (terminate.clone(), reason.clone()),
        (
            format!("/api/commitments/{commitment}/fulfil"),
            json!({"sha256": "ab".repeat(32)}),
        ),
    ] {
        let (status, body) = as_session(&app, &supervision, Method::POST, &path, Some(body)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path} {body}");
        assert_eq!(body["error"]["code"], "forbidden");
        assert!(
            body["error"]["message"].as_str().unwrap().contains("督办"),
            "{body}"
        );
    }

    // A state-changing request of a session needs its CSRF token, in the
    // header and the cookie alike.
    for headers in [
        vec![("cookie", intake.cookie.as_str())],
        vec![
            ("cookie", intake.cookie.as_str()),
            ("x-csrf-token", supervision.csrf.as_str()),
        ],
    ] {
        let (status, _, body) = app
            .call(Method::POST, &terminate, &headers, Some(reason.to_string()))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        assert_eq!(body["error"]["code"], "csrf_rejected");
    }
    let (status, body) = as_session(&app, &intake, Method::POST, &terminate, Some(reason)).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // The audit trail names the account; nothing of the refused attempts.
    let (status, trail) = as_session(
        &app,
        &supervision,
        Method::GET,
        &format!("/api/applications/{receipt}/audit"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{trail}");
    let entries = trail["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{trail}");
    assert_eq!(entries[0]["official"]["login"], "wang");
    assert_eq!(entries[0]["action"], "terminate");
    assert_eq!(entries[0]["action_label"]["zh-CN"], "终止办理");
    assert_eq!(entries[0]["commitment_id"], commitment.as_str());

    // The shared bearer token still works (single-account mode), audited as such.
    let (_, _, b) = app
        .submit(&fixture(FOOD, "deferred-floor-plan"), None)
        .await;
    let other = b["receipt"].as_str().unwrap();
    let (status, _) = app
        .official_post(
            &format!("/api/commitments/{other}-1/fulfil"),
            json!({"sha256": "cd".repeat(32)}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, trail) = app
        .official_get(&format!("/api/applications/{other}/audit"))
        .await;
    assert_eq!(trail["entries"][0]["official"]["login"], "shared-token");
    assert_eq!(trail["entries"][0]["action"], "accept_material");
    assert!(!OFFICIAL_TOKEN.is_empty());

    // Logging out ends the session everywhere (it lives in the database).
    let (status, _) = as_session(&app, &intake, Method::POST, "/api/officials/logout", None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = as_session(&app, &intake, Method::GET, "/api/officials/me", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let (status, me) = as_session(&app, &supervision, Method::GET, "/api/officials/me", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["permits"], json!(["read", "export"]));
}
on_both!(officials_log_in_act_by_role_and_are_audited);
