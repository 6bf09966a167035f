//! The follow-up loop (issue 20) through the API: officials one by one
//! (sessions, CSRF, roles, the audit log), 补交 and its review, decisions
//! and the timeliness report.

use axum::http::{Method, StatusCode};
use banli_core::followup::roles::Role;
use serde_json::{Value, json};

use crate::on_both;
use crate::support::{Backend, FOOD, OFFICIAL_TOKEN, PASSWORD, TestApp, fixture, official};

async fn officials_log_in_act_by_role_and_are_audited(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let (receipt, _) = app.receipt_and_token(FOOD, "deferred-floor-plan").await;
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
    let (status, ledger) = supervision.get(&app, "/api/commitments").await;
    assert_eq!(status, StatusCode::OK, "{ledger}");
    assert_eq!(ledger["commitments"][0]["id"], commitment.as_str());
    for (path, body) in [
        (terminate.clone(), reason.clone()),
        (
            format!("/api/commitments/{commitment}/fulfil"),
            json!({"sha256": "ab".repeat(32)}),
        ),
    ] {
        let (status, body) = supervision.post(&app, &path, Some(body)).await;
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
    let (status, body) = intake.post(&app, &terminate, Some(reason)).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // The audit trail names the account; nothing of the refused attempts.
    let (status, trail) = supervision
        .get(&app, &format!("/api/applications/{receipt}/audit"))
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
    let (status, _) = intake.post(&app, "/api/officials/logout", None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = intake.get(&app, "/api/officials/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let (status, me) = supervision.get(&app, "/api/officials/me").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["permits"], json!(["read", "export"]));
}
on_both!(officials_log_in_act_by_role_and_are_audited);

/// A file reference as the widget's upload hook gives it.
fn upload(name: &str, byte: &str, media_type: &str) -> Value {
    json!({"name": name, "size": 2048, "sha256": byte.repeat(32), "type": media_type})
}

/// A PDF's file reference, as [`upload`] gives it.
fn pdf(name: &str, byte: &str) -> Value {
    upload(name, byte, "application/pdf")
}

async fn a_deferred_material_is_handed_in_returned_and_accepted(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let (receipt, token) = app.receipt_and_token(FOOD, "deferred-floor-plan").await;
    let show = format!("/api/applications/{receipt}");
    let hand_in = format!("/api/applications/{receipt}/materials/floor-plan/supplements");

    let (_, view) = app.applicant_get(&show, &token).await;
    assert_eq!(view["deferred_materials"][0]["id"], "floor-plan");
    assert_eq!(view["deferred_materials"][0]["due"], "2026-11-26");
    assert_eq!(view["deferred_materials"][0]["uploads"], json!([]));

    // Only the applicant, only deferred materials, only well-formed files
    // within the material's limits.
    let (status, _) = app
        .applicant_post(&hand_in, "wrong", pdf("a.pdf", "ab"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = app
        .applicant_post(
            &format!("/api/applications/{receipt}/materials/equipment-layout/supplements"),
            &token,
            pdf("a.pdf", "ab"),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "material_not_deferred");
    let (status, body) = app
        .applicant_post(&hand_in, &token, pdf("a.pdf", "zz"))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "upload_refused");
    let (status, body) = app
        .applicant_post(
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

    let (status, first) = app
        .applicant_post(&hand_in, &token, pdf("平面图.pdf", "ab"))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    assert_eq!(first["n"], 1);
    assert_eq!(first["lateness"], "on_time");
    assert_eq!(first["state"], "submitted");
    // A retry is the same upload; another file waits for the review.
    let (status, again) = app
        .applicant_post(&hand_in, &token, pdf("平面图.pdf", "ab"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["n"], 1);
    let (status, body) = app
        .applicant_post(&hand_in, &token, pdf("b.pdf", "cd"))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "followup.awaiting_review");

    let intake = official(&app, "wang", Role::Intake).await;
    let supervision = official(&app, "zhao", Role::Supervision).await;
    let review = |n: u32, verb: &str| {
        format!("/api/applications/{receipt}/materials/floor-plan/supplements/{n}/{verb}")
    };
    let (status, _) = supervision.post(&app, &review(1, "accept"), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = intake
        .post(&app, &review(1, "return"), Some(json!({"reason": " "})))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "followup.return_reason_required");
    let reason = "平面图未标注排水设施";
    let (status, body) = intake
        .post(&app, &review(1, "return"), Some(json!({"reason": reason})))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["commitment"]["resolution"], "open");

    // The return keeps the commitment open, due on the same day, and the
    // applicant sees why.
    let (_, ledger) = supervision.get(&app, "/api/commitments").await;
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
    let (status, second) = later
        .applicant_post(&hand_in, &token, pdf("平面图-改.pdf", "cd"))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{second}");
    assert_eq!(second["n"], 2);
    assert_eq!(second["lateness"], "late");
    let (status, body) = intake.post(&later, &review(2, "accept"), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["commitment"]["resolution"], "fulfilled");
    let (status, body) = intake.post(&later, &review(2, "accept"), None).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");

    // Accepting fulfilled the commitment, with the file's hash.
    let (_, ledger) = supervision.get(&later, "/api/commitments").await;
    assert_eq!(ledger["commitments"][0]["status"], "fulfilled");
    assert_eq!(
        ledger["commitments"][0]["fulfilled_sha256"],
        "cd".repeat(32)
    );
    let (_, view) = later.applicant_get(&show, &token).await;
    assert_eq!(view["deferred_materials"][0]["status"], "fulfilled");
    let (status, body) = later
        .applicant_post(&hand_in, &token, pdf("c.pdf", "ef"))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "followup.commitment_closed");

    let (_, trail) = supervision
        .get(&later, &format!("/api/applications/{receipt}/audit"))
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
            let (status, body) = app
                .applicant_post(
                    &format!("/api/applications/{receipt}/materials/floor-plan/supplements"),
                    &token,
                    pdf("y.pdf", "ef"),
                )
                .await;
            assert_eq!(status, StatusCode::CONFLICT, "{body}");
            assert_eq!(body["error"]["code"], "followup.material_accepted");
        }
        let (status, body) = app.applicant_post(&path, &token, pdf("x.pdf", byte)).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let (status, body) = intake.post(&app, &format!("{path}/1/accept"), None).await;
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

/// Issue 18: two drivers' licences (one per-item material) deferred are
/// followed up entry by entry, each under its key `<id>/entries/<n>` as
/// one path segment: the ledger and the applicant's view name each driver,
/// and accepting 周敏's licence leaves 李四's owed and the commitment open.
async fn each_entry_of_a_per_item_material_is_handed_in_on_its_own(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let app = app.with_item("tests/fixtures/kinds/per-item-deferral/item.json");
    let envelope = fixture(
        "kinds/per-item-deferral/cases",
        "deferred-both-licences-count-once",
    );
    let (status, _, submitted) = app.submit(&envelope, None).await;
    assert_eq!(status, StatusCode::CREATED, "{submitted}");
    let receipt = submitted["receipt"].as_str().unwrap().to_owned();
    let token = submitted["access_token"].as_str().unwrap().to_owned();
    let (status, view) = app
        .applicant_get(&format!("/api/applications/{receipt}"), &token)
        .await;
    assert_eq!(status, StatusCode::OK, "{view}");
    let owed: Vec<(&str, &str)> = view["deferred_materials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["id"].as_str().unwrap(), m["name"].as_str().unwrap()))
        .collect();
    assert_eq!(
        owed,
        [
            (
                "driving-licence/entries/0",
                "拟聘用驾驶员 › 第1项（李四） › 机动车驾驶证"
            ),
            (
                "driving-licence/entries/1",
                "拟聘用驾驶员 › 第2项（周敏） › 机动车驾驶证"
            )
        ]
    );
    let intake = official(&app, "wang", Role::Intake).await;
    let path = |n: usize| {
        format!("/api/applications/{receipt}/materials/driving-licence%2Fentries%2F{n}/supplements")
    };
    let (status, body) = app
        .applicant_post(&path(1), &token, pdf("zhou.pdf", "ab"))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["material_id"], "driving-licence/entries/1");
    let (status, body) = intake
        .post(&app, &format!("{}/1/accept", path(1)), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["commitment"]["resolution"], "open",
        "李四's is still owed"
    );
    let (status, body) = app
        .applicant_post(&path(1), &token, pdf("zhou2.pdf", "cd"))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "followup.material_accepted");
    let (status, body) = app
        .applicant_post(&path(0), &token, pdf("li.pdf", "ef"))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = intake
        .post(&app, &format!("{}/1/accept", path(0)), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["commitment"]["resolution"], "fulfilled");
}
on_both!(each_entry_of_a_per_item_material_is_handed_in_on_its_own);

async fn concurrent_uploads_take_one(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let (receipt, token) = app.receipt_and_token(FOOD, "deferred-floor-plan").await;
    let path = format!("/api/applications/{receipt}/materials/floor-plan/supplements");
    let handles: Vec<_> = ["a1", "b2", "c3", "d4", "e5", "f6"]
        .into_iter()
        .map(|byte| {
            let (app, path, token) = (app.on(app.today), path.clone(), token.clone());
            tokio::spawn(async move {
                app.applicant_post(&path, &token, pdf("x.pdf", byte))
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

/// `GET path` with extra headers: status, content type and the body as text.
async fn get_text(
    app: &TestApp,
    path: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, String, String) {
    use axum::body::Body;
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let mut request = axum::http::Request::get(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .router()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        content_type,
        String::from_utf8(bytes.to_vec()).unwrap(),
    )
}

/// A CSV export as `GET path` (with `headers`) gives it.
struct Csv {
    status: StatusCode,
    content_type: String,
    /// The first line, without the byte order mark.
    header: String,
    /// How many lines, the header's included.
    lines: usize,
    text: String,
}

async fn get_csv(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Csv {
    let (status, content_type, text) = get_text(app, path, headers).await;
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    Csv {
        status,
        content_type,
        header: lines.first().copied().unwrap_or_default().to_owned(),
        lines: lines.len(),
        text: text.clone(),
    }
}

async fn a_decision_is_recorded_once_by_the_review_role(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let (receipt, token) = app.receipt_and_token(FOOD, "valid-organisation").await;
    let path = format!("/api/applications/{receipt}/decision");
    let later = app.on("2026-11-27");
    let intake = official(&later, "wang", Role::Intake).await;
    let supervision = official(&later, "zhao", Role::Supervision).await;
    let review = official(&later, "chen", Role::Review).await;
    let approve = json!({"decision": "approved"});

    for session in [&intake, &supervision] {
        let (status, body) = session.post(&later, &path, Some(approve.clone())).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    }
    for (body, code) in [
        (
            json!({"decision": "refused"}),
            "followup.decision_reason_required",
        ),
        (
            json!({"decision": "approved", "decided_on": "2026-11-20"}),
            "followup.decided_before_acceptance",
        ),
        (
            json!({"decision": "approved", "decided_on": "2026-11-30"}),
            "followup.decided_in_the_future",
        ),
    ] {
        let (status, answer) = review.post(&later, &path, Some(body)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        assert_eq!(answer["error"]["code"], code);
    }
    for (body, expected, code) in [
        (json!({"decision": "maybe"}), StatusCode::BAD_REQUEST, None),
        (
            json!({"decision": "approved", "decided_on": "2026-11-26"}),
            StatusCode::OK,
            None,
        ),
        // Final: another decision, even another outcome, is refused.
        (
            json!({"decision": "refused", "reason": "重新审查"}),
            StatusCode::CONFLICT,
            Some("followup.already_decided"),
        ),
    ] {
        let (status, body) = review.post(&later, &path, Some(body)).await;
        assert_eq!(status, expected, "{body}");
        if let Some(code) = code {
            assert_eq!(body["error"]["code"], code);
        }
    }

    let (_, view) = later
        .applicant_get(&format!("/api/applications/{receipt}"), &token)
        .await;
    assert_eq!(view["decision"]["decision"], "approved");
    assert_eq!(view["decision"]["decided_on"], "2026-11-26");
    assert_eq!(view["decision"]["label"]["zh-CN"], "准予");
    let (_, trail) = supervision
        .get(&later, &format!("/api/applications/{receipt}/audit"))
        .await;
    assert_eq!(trail["entries"].as_array().unwrap().len(), 1, "{trail}");
    assert_eq!(trail["entries"][0]["action"], "decide");
    assert_eq!(trail["entries"][0]["official"]["login"], "chen");
}
on_both!(a_decision_is_recorded_once_by_the_review_role);

async fn concurrent_decisions_record_one(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let (_, _, submitted) = app.submit(&fixture(FOOD, "valid-organisation"), None).await;
    let path = format!(
        "/api/applications/{}/decision",
        submitted["receipt"].as_str().unwrap()
    );
    let handles: Vec<_> = ["approved", "refused", "returned", "withdrawn"]
        .into_iter()
        .map(|decision| {
            let (app, path) = (app.on(app.today), path.clone());
            tokio::spawn(async move {
                app.official_post(&path, json!({"decision": decision, "reason": "理由"}))
                    .await
                    .0
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for handle in handles {
        statuses.push(handle.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::OK || *s == StatusCode::CONFLICT),
        "{statuses:?}"
    );
}
on_both!(concurrent_decisions_record_one);

async fn the_timeliness_report_counts_a_seeded_set(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    // Judged on Wed 2026-12-02, a working day.
    const JUDGED_ON: &str = "2026-12-02";
    // Accepted Mon 2026-11-23; one accepted before the period is left out.
    let (_, _, outside) = app
        .on("2026-11-20")
        .submit(&fixture(FOOD, "valid-organisation"), None)
        .await;
    assert_eq!(outside["accepted_on"], "2026-11-20");
    // (fixture, decided on): the promised limit ends 2026-11-30, the
    // statutory one in December; decided on the last day counts in time.
    let plan: [(&str, &str, Option<&str>); 6] = [
        (FOOD, "valid-organisation", Some("2026-11-25")),
        (FOOD, "valid-organisation", Some("2026-11-30")),
        (FOOD, "valid-person-retail", Some("2026-12-01")),
        (FOOD, "deferred-floor-plan", None),
        (FOOD, "valid-organisation", None),
        (
            "utility-connection-permit",
            "deferred-traffic-plan",
            Some("2026-12-02"),
        ),
    ];
    let judged = app.on(JUDGED_ON);
    let mut seeded = Vec::new();
    for (item, name, decided_on) in plan {
        let (status, _, body) = app.submit(&fixture(item, name), None).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let receipt = body["receipt"].as_str().unwrap().to_owned();
        if let Some(on) = decided_on {
            let (status, answer) = judged
                .official_post(
                    &format!("/api/applications/{receipt}/decision"),
                    json!({"decision": "approved", "decided_on": on}),
                )
                .await;
            assert_eq!(status, StatusCode::OK, "{answer}");
        }
        seeded.push((
            body["item"]["code"].as_str().unwrap().to_owned(),
            receipt,
            body["deadlines"]["promised"].as_str().map(str::to_owned),
            body["deadlines"]["statutory"].as_str().map(str::to_owned),
            decided_on,
        ));
    }

    // Counted here by comparing ISO dates: decided on or before the due
    // date is in time; open on a working day after the due date is
    // overdue; open with more than a week left is on track (the seeded
    // dates are chosen so that nothing is due soon or undetermined).
    let count = |code: &str, promised: bool| {
        let mut counts = json!({"decided_in_time": 0, "decided_late": 0, "on_track": 0, "overdue": 0, "no_limit": 0});
        for s in seeded.iter().filter(|s| s.0 == code) {
            let due = if promised { &s.2 } else { &s.3 };
            let key = match (due, s.4) {
                (None, _) => "no_limit",
                (Some(due), Some(on)) if on <= due.as_str() => "decided_in_time",
                (Some(_), Some(_)) => "decided_late",
                (Some(due), None) if JUDGED_ON > due.as_str() => "overdue",
                (Some(due), None) => {
                    assert!(due.as_str() > "2026-12-09", "{due} would be due soon");
                    "on_track"
                }
            };
            counts[key] = json!(counts[key].as_u64().unwrap() + 1);
        }
        counts
    };
    let (status, report) = judged
        .official_get("/api/reports/timeliness?from=2026-11-23&to=2026-11-30")
        .await;
    assert_eq!(status, StatusCode::OK, "{report}");
    let items = report["items"].as_array().unwrap();
    let codes: std::collections::BTreeSet<&String> = seeded.iter().map(|s| &s.0).collect();
    assert_eq!(items.len(), codes.len(), "{report}");
    for line in items {
        let code = line["item_code"].as_str().unwrap();
        let mine: Vec<_> = seeded.iter().filter(|s| s.0 == code).collect();
        assert_eq!(line["accepted"], mine.len());
        assert_eq!(
            line["decided"],
            mine.iter().filter(|s| s.4.is_some()).count()
        );
        for (deadline, promised) in [("promised", true), ("statutory", false)] {
            let expected = count(code, promised);
            for (key, value) in expected.as_object().unwrap() {
                assert_eq!(
                    &line[deadline][key], value,
                    "{code} {deadline} {key}: {line}"
                );
            }
            assert_eq!(line[deadline]["due_soon"], 0);
            assert_eq!(line[deadline]["undetermined"], 0);
        }
    }
    // The food item's promised limit: one decided late, two open past it.
    let food = items
        .iter()
        .find(|l| l["item_code"] == seeded[0].0)
        .unwrap();
    assert_eq!(food["promised"]["decided_late"], 1, "{food}");
    assert_eq!(food["promised"]["overdue"], 2, "{food}");

    // The same report as CSV: the catalogue's header row, one row per item.
    let auth = format!("Bearer {OFFICIAL_TOKEN}");
    for (path, accept) in [
        (
            "/api/reports/timeliness?from=2026-11-23&to=2026-11-30&format=csv",
            "*/*",
        ),
        (
            "/api/reports/timeliness?from=2026-11-23&to=2026-11-30",
            "text/csv",
        ),
    ] {
        let csv = get_csv(
            &judged,
            path,
            &[("authorization", &auth), ("accept", accept)],
        )
        .await;
        assert_eq!(csv.status, StatusCode::OK, "{}", csv.text);
        assert_eq!(csv.content_type, "text/csv; charset=utf-8");
        let header = "实施编码,受理件数,已办结件数,承诺时限内办结,";
        assert!(csv.header.starts_with(header), "{}", csv.header);
        assert_eq!(csv.lines, 1 + codes.len(), "{}", csv.text);
    }
    let english = get_csv(
        &judged,
        "/api/reports/timeliness?from=2026-11-23&to=2026-11-30&format=csv&lang=en",
        &[("authorization", &auth)],
    )
    .await;
    let header = "Item code,Accepted,Decided,";
    assert!(english.header.starts_with(header), "{}", english.text);
    let ledger = get_csv(
        &judged,
        "/api/commitments?format=csv",
        &[("authorization", &auth)],
    )
    .await;
    assert_eq!(ledger.status, StatusCode::OK);
    assert_eq!(ledger.content_type, "text/csv; charset=utf-8");
    let header = "承诺编号,受理编号,实施编码,事项名称,";
    assert!(ledger.header.starts_with(header), "{}", ledger.header);
    assert_eq!(ledger.lines, 3, "two deferral commitments: {}", ledger.text);

    // A supervisor may export; the export is audited (not per application).
    let supervision = official(&judged, "zhao", Role::Supervision).await;
    let cookie = supervision.cookie.clone();
    let export = get_csv(
        &judged,
        "/api/commitments?format=csv",
        &[("cookie", &cookie)],
    )
    .await;
    assert_eq!(export.status, StatusCode::OK);
    let (status, body) = judged
        .official_get("/api/reports/timeliness?from=2026-12-01&to=2026-11-01")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}
on_both!(the_timeliness_report_counts_a_seeded_set);

/// A loopback webhook that answers 503 to its first `fail_first` requests
/// and records every request's idempotency key and body; it answers after
/// `slow` (so that a second instance looks for work while the first is
/// still delivering).
struct Receiver {
    url: String,
    seen: std::sync::Arc<std::sync::Mutex<Vec<(String, Value)>>>,
}

async fn receiver(fail_first: usize, slow: std::time::Duration) -> Receiver {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};
    let seen: Arc<Mutex<Vec<(String, Value)>>> = Arc::default();
    let calls = Arc::new(AtomicUsize::new(0));
    let record = seen.clone();
    let hook = axum::routing::post(move |headers: axum::http::HeaderMap, body: String| {
        let (record, calls) = (record.clone(), calls.clone());
        async move {
            let key = headers["idempotency-key"].to_str().unwrap().to_owned();
            record
                .lock()
                .unwrap()
                .push((key, serde_json::from_str(&body).unwrap()));
            tokio::time::sleep(slow).await;
            if calls.fetch_add(1, Ordering::SeqCst) < fail_first {
                StatusCode::SERVICE_UNAVAILABLE
            } else {
                StatusCode::NO_CONTENT
            }
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/notices", listener.local_addr().unwrap());
    tokio::spawn(async move {
        axum::serve(listener, axum::Router::new().route("/notices", hook))
            .await
            .unwrap();
    });
    Receiver { url, seen }
}

async fn reminders_are_queued_once_delivered_and_retried(backend: Backend) {
    use banli_core::calendar::parse_date;
    use banli_server::outbox;
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    // Accepted Mon 2026-11-23; the floor plan is due Thu 2026-11-26.
    let (receipt, token) = app.receipt_and_token(FOOD, "deferred-floor-plan").await;
    let commitment = format!("{receipt}-1");
    let queue = |day: &'static str| {
        let state = app.on(day).state();
        async move {
            outbox::queue_due(&state, parse_date(day).unwrap(), 2)
                .await
                .unwrap()
        }
    };
    // Two working days ahead (the due day counted), once; overdue on the
    // first working day after the due date, once; nothing in between.
    assert_eq!(queue("2026-11-23").await, 0, "three working days left");
    assert_eq!(queue("2026-11-24").await, 1);
    assert_eq!(queue("2026-11-25").await, 0, "queued already");
    assert_eq!(queue("2026-11-26").await, 0);
    assert_eq!(queue("2026-11-27").await, 1);
    assert_eq!(queue("2026-11-30").await, 0);

    // Delivered to a loopback webhook, retried after a failure, with a
    // clock the test sets (seconds since the epoch).
    let hook = receiver(1, std::time::Duration::ZERO).await;
    let state = app.on("2026-11-30").state();
    let t0 = 1_800_000_000;
    let round = outbox::deliver_due(&state, &hook.url, t0).await.unwrap();
    assert_eq!(
        round,
        outbox::Round {
            delivered: 1,
            failed: 1
        }
    );
    let round = outbox::deliver_due(&state, &hook.url, t0 + 1)
        .await
        .unwrap();
    assert_eq!(round, outbox::Round::default(), "the failed one waits");
    let round = outbox::deliver_due(&state, &hook.url, t0 + outbox::backoff(1))
        .await
        .unwrap();
    assert_eq!(
        round,
        outbox::Round {
            delivered: 1,
            failed: 0
        }
    );

    // A restart (a new state on the same database) queues and sends nothing again.
    let restarted = app.on("2026-11-30").state();
    assert_eq!(
        outbox::queue_due(&restarted, parse_date("2026-11-30").unwrap(), 2)
            .await
            .unwrap(),
        0
    );
    let round = outbox::deliver_due(&restarted, &hook.url, t0 + 10_000)
        .await
        .unwrap();
    assert_eq!(round, outbox::Round::default());

    let seen = hook.seen.lock().unwrap().clone();
    let keys: Vec<&str> = seen.iter().map(|(k, _)| k.as_str()).collect();
    let due_in = format!("commitment:{commitment}:due_in");
    let overdue = format!("commitment:{commitment}:overdue");
    // The first attempt (the due-in reminder) failed and was retried.
    assert_eq!(
        keys,
        [due_in.as_str(), overdue.as_str(), due_in.as_str()],
        "one retry"
    );
    assert_eq!(seen[0].1["working_days_left"], 2);
    assert!(
        seen[0].1["text"]["zh-CN"]
            .as_str()
            .unwrap()
            .contains("2026-11-26"),
        "{}",
        seen[0].1
    );
    assert_eq!(seen[1].1["kind"], "overdue");

    // Events are queued by their actions: a return, a decision.
    let hand_in = format!("/api/applications/{receipt}/materials/floor-plan/supplements");
    let later = app.on("2026-11-30");
    let (status, _) = later
        .applicant_post(&hand_in, &token, pdf("p.pdf", "ab"))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = later
        .official_post(
            &format!("{hand_in}/1/return"),
            json!({"reason": "缺少比例尺"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = later
        .official_post(
            &format!("/api/applications/{receipt}/decision"),
            json!({"decision": "returned", "reason": "逾期未补齐材料"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let round = outbox::deliver_due(&restarted, &hook.url, t0 + 20_000)
        .await
        .unwrap();
    assert_eq!(round.delivered, 2);
    let (_, trail) = later
        .official_get(&format!("/api/applications/{receipt}/audit"))
        .await;
    let notices: Vec<(&str, bool)> = trail["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["kind"].as_str().unwrap(), n["delivered_at"].is_string()))
        .collect();
    assert_eq!(notices.len(), 4, "{trail}");
    assert!(
        notices.iter().all(|(_, delivered)| *delivered),
        "{notices:?}"
    );
    let kinds: std::collections::BTreeSet<&str> = notices.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        kinds,
        ["decision_made", "due_in", "material_returned", "overdue"].into()
    );
    let seen = hook.seen.lock().unwrap().clone();
    let returned = &seen
        .iter()
        .find(|(_, body)| body["kind"] == "material_returned")
        .unwrap()
        .1;
    assert!(
        returned["text"]["zh-CN"]
            .as_str()
            .unwrap()
            .contains("缺少比例尺"),
        "{returned}"
    );
}
on_both!(reminders_are_queued_once_delivered_and_retried);

async fn two_instances_deliver_each_notice_once(backend: Backend) {
    use banli_core::calendar::parse_date;
    use banli_server::outbox;
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    for _ in 0..8 {
        let (status, _, _) = app
            .submit(&fixture(FOOD, "deferred-floor-plan"), None)
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let day = "2026-11-24";
    let queued = outbox::queue_due(&app.on(day).state(), parse_date(day).unwrap(), 2)
        .await
        .unwrap();
    assert_eq!(queued, 8);
    // Two instances (two states, two pools' worth of requests) on one database.
    let hook = receiver(0, std::time::Duration::from_millis(50)).await;
    let start = |app: &TestApp| {
        let (state, url) = (app.on(day).state(), hook.url.clone());
        tokio::spawn(async move {
            outbox::deliver_due(&state, &url, 1_800_000_000)
                .await
                .unwrap()
        })
    };
    // The second instance looks for work once the first is delivering.
    let first = start(&app);
    while hook.seen.lock().unwrap().is_empty() {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let second = start(&app);
    let delivered = first.await.unwrap().delivered + second.await.unwrap().delivered;
    assert_eq!(delivered, 8);
    let seen = hook.seen.lock().unwrap().clone();
    let keys: std::collections::BTreeSet<&String> = seen.iter().map(|(k, _)| k).collect();
    assert_eq!((seen.len(), keys.len()), (8, 8), "each notice once");
}
on_both!(two_instances_deliver_each_notice_once);
