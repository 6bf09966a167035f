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

/// A file reference as the widget's upload hook gives it.
fn upload(name: &str, byte: &str, media_type: &str) -> Value {
    json!({"name": name, "size": 2048, "sha256": byte.repeat(32), "type": media_type})
}

/// `POST` as the applicant with the access token.
async fn applicant_post(
    app: &TestApp,
    path: &str,
    token: &str,
    body: Value,
) -> (StatusCode, Value) {
    let auth = format!("Bearer {token}");
    let (status, _, body) = app
        .call(
            Method::POST,
            path,
            &[("authorization", &auth)],
            Some(body.to_string()),
        )
        .await;
    (status, body)
}

async fn a_deferred_material_is_handed_in_returned_and_accepted(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let (_, _, submitted) = app
        .submit(&fixture(FOOD, "deferred-floor-plan"), None)
        .await;
    let receipt = submitted["receipt"].as_str().unwrap().to_owned();
    let token = submitted["access_token"].as_str().unwrap().to_owned();
    let show = format!("/api/applications/{receipt}");
    let hand_in = format!("/api/applications/{receipt}/materials/floor-plan/supplements");

    let (_, view) = app.applicant_get(&show, &token).await;
    assert_eq!(view["deferred_materials"][0]["id"], "floor-plan");
    assert_eq!(view["deferred_materials"][0]["due"], "2026-11-26");
    assert_eq!(view["deferred_materials"][0]["uploads"], json!([]));

    // Only the applicant, only deferred materials, only well-formed files
    // within the material's limits.
    let (status, _) = applicant_post(
        &app,
        &hand_in,
        "wrong",
        upload("a.pdf", "ab", "application/pdf"),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = applicant_post(
        &app,
        &format!("/api/applications/{receipt}/materials/equipment-layout/supplements"),
        &token,
        upload("a.pdf", "ab", "application/pdf"),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "material_not_deferred");
    let (status, body) = applicant_post(
        &app,
        &hand_in,
        &token,
        upload("a.pdf", "zz", "application/pdf"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "upload_refused");
    let (status, body) = applicant_post(
        &app,
        &hand_in,
        &token,
        upload("a.docx", "ab", "application/msword"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("a.docx"),
        "{body}"
    );

    let (status, first) = applicant_post(
        &app,
        &hand_in,
        &token,
        upload("平面图.pdf", "ab", "application/pdf"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    assert_eq!(first["n"], 1);
    assert_eq!(first["lateness"], "on_time");
    assert_eq!(first["state"], "submitted");
    // A retry is the same upload; another file waits for the review.
    let (status, again) = applicant_post(
        &app,
        &hand_in,
        &token,
        upload("平面图.pdf", "ab", "application/pdf"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["n"], 1);
    let (status, body) = applicant_post(
        &app,
        &hand_in,
        &token,
        upload("b.pdf", "cd", "application/pdf"),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "followup.awaiting_review");

    let intake = official(&app, "wang", Role::Intake).await;
    let supervision = official(&app, "zhao", Role::Supervision).await;
    let review = |n: u32, verb: &str| {
        format!("/api/applications/{receipt}/materials/floor-plan/supplements/{n}/{verb}")
    };
    let (status, _) =
        as_session(&app, &supervision, Method::POST, &review(1, "accept"), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = as_session(
        &app,
        &intake,
        Method::POST,
        &review(1, "return"),
        Some(json!({"reason": " "})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "followup.return_reason_required");
    let reason = "平面图未标注排水设施";
    let (status, body) = as_session(
        &app,
        &intake,
        Method::POST,
        &review(1, "return"),
        Some(json!({"reason": reason})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["commitment"]["resolution"], "open");

    // The return keeps the commitment open, due on the same day, and the
    // applicant sees why.
    let (_, ledger) = as_session(&app, &supervision, Method::GET, "/api/commitments", None).await;
    assert_eq!(ledger["commitments"][0]["status"], "pending");
    assert_eq!(
        ledger["commitments"][0]["supplements"][0]["reviewed_by"],
        "wang"
    );
    let (_, view) = app.applicant_get(&show, &token).await;
    let material = &view["deferred_materials"][0];
    assert_eq!(material["status"], "pending");
    assert_eq!(material["due"], "2026-11-26");
    assert_eq!(material["uploads"][0]["state"], "returned");
    assert_eq!(material["uploads"][0]["return_reason"], reason);
    assert_eq!(material["uploads"][0]["state_label"]["zh-CN"], "已退回");
    assert!(
        material["uploads"][0].get("reviewed_by").is_none(),
        "{material}"
    );

    // Handed in again after the due date: taken, and marked late.
    let later = app.on("2026-11-27");
    let (status, second) = applicant_post(
        &later,
        &hand_in,
        &token,
        upload("平面图-改.pdf", "cd", "application/pdf"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{second}");
    assert_eq!(second["n"], 2);
    assert_eq!(second["lateness"], "late");
    let (status, body) =
        as_session(&later, &intake, Method::POST, &review(2, "accept"), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["commitment"]["resolution"], "fulfilled");
    let (status, body) =
        as_session(&later, &intake, Method::POST, &review(2, "accept"), None).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");

    // Accepting fulfilled the commitment, with the file's hash.
    let (_, ledger) = as_session(&later, &supervision, Method::GET, "/api/commitments", None).await;
    assert_eq!(ledger["commitments"][0]["status"], "fulfilled");
    assert_eq!(
        ledger["commitments"][0]["fulfilled_sha256"],
        "cd".repeat(32)
    );
    let (_, view) = later.applicant_get(&show, &token).await;
    assert_eq!(view["deferred_materials"][0]["status"], "fulfilled");
    let (status, body) = applicant_post(
        &later,
        &hand_in,
        &token,
        upload("c.pdf", "ef", "application/pdf"),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "followup.commitment_closed");

    let (_, trail) = as_session(
        &later,
        &supervision,
        Method::GET,
        &format!("/api/applications/{receipt}/audit"),
        None,
    )
    .await;
    let steps: Vec<(String, String)> = trail["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["official"]["login"].as_str().unwrap().to_owned(),
                e["action"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("wang".to_owned(), "return_material".to_owned()),
            ("wang".to_owned(), "accept_material".to_owned())
        ]
    );
}
on_both!(a_deferred_material_is_handed_in_returned_and_accepted);

async fn a_commitment_for_two_materials_is_fulfilled_when_both_are_accepted(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let (status, _, submitted) = app.submit(&fixture(FOOD, "deferred-at-limit"), None).await;
    assert_eq!(status, StatusCode::CREATED, "{submitted}");
    let receipt = submitted["receipt"].as_str().unwrap().to_owned();
    let token = submitted["access_token"].as_str().unwrap().to_owned();
    let intake = official(&app, "wang", Role::Intake).await;
    let mut resolutions = Vec::new();
    for (material, byte) in [("floor-plan", "ab"), ("safety-rules", "cd")] {
        let path = format!("/api/applications/{receipt}/materials/{material}/supplements");
        if material == "safety-rules" {
            // An accepted material is not handed in again while another
            // material of its commitment is still due.
            let (status, body) = applicant_post(
                &app,
                &format!("/api/applications/{receipt}/materials/floor-plan/supplements"),
                &token,
                upload("y.pdf", "ef", "application/pdf"),
            )
            .await;
            assert_eq!(status, StatusCode::CONFLICT, "{body}");
            assert_eq!(body["error"]["code"], "followup.material_accepted");
        }
        let (status, body) = applicant_post(
            &app,
            &path,
            &token,
            upload("x.pdf", byte, "application/pdf"),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let (status, body) = as_session(
            &app,
            &intake,
            Method::POST,
            &format!("{path}/1/accept"),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        resolutions.push(
            body["commitment"]["resolution"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    assert_eq!(resolutions, ["open", "fulfilled"]);
}
on_both!(a_commitment_for_two_materials_is_fulfilled_when_both_are_accepted);

async fn concurrent_uploads_take_one(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let (_, _, submitted) = app
        .submit(&fixture(FOOD, "deferred-floor-plan"), None)
        .await;
    let receipt = submitted["receipt"].as_str().unwrap().to_owned();
    let token = submitted["access_token"].as_str().unwrap().to_owned();
    let path = format!("/api/applications/{receipt}/materials/floor-plan/supplements");
    let handles: Vec<_> = ["a1", "b2", "c3", "d4", "e5", "f6"]
        .into_iter()
        .map(|byte| {
            let (app, path, token) = (app.on(app.today), path.clone(), token.clone());
            tokio::spawn(async move {
                applicant_post(
                    &app,
                    &path,
                    &token,
                    upload("x.pdf", byte, "application/pdf"),
                )
                .await
                .0
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for handle in handles {
        statuses.push(handle.await.unwrap());
    }
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    assert_eq!(created, 1, "{statuses:?}");
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::CREATED || *s == StatusCode::CONFLICT),
        "{statuses:?}"
    );
    let (_, view) = app
        .applicant_get(&format!("/api/applications/{receipt}"), &token)
        .await;
    assert_eq!(
        view["deferred_materials"][0]["uploads"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}
on_both!(concurrent_uploads_take_one);
