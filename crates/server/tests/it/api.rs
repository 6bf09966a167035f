//! The API on a fresh database per test: re-validation with the server's
//! date, idempotency, authorisation, the ledger, limits and errors.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::on_both;
use crate::support::{Backend, FOOD, OFFICIAL_TOKEN, TestApp, fixture};

/// Deferral of the floor plan: 3 working days after Mon 2026-11-23.
const DEFERRED_DUE: &str = "2026-11-26";

async fn tampered_deadline_is_stored_with_the_servers_deadline(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let mut envelope = fixture(FOOD, "deferred-floor-plan");
    envelope["deadlines"] = json!({"accepted_on": "2026-01-05", "promised": "2099-12-31",
        "statutory": "2099-12-31", "deferred_due": "2099-12-31"});
    envelope["commitments"] = json!([{"kind": "deferral", "due": "2099-12-31"}]);
    envelope["materials"]["floor-plan"]["due"] = json!("2099-12-31");
    let (status, _, body) = app.submit(&envelope, None).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["accepted_on"], "2026-11-23");
    assert_eq!(body["deadlines"]["deferred_due"], DEFERRED_DUE);

    let receipt = body["receipt"].as_str().unwrap();
    let auth = format!("Bearer {}", body["access_token"].as_str().unwrap());
    let (status, _, stored) = app
        .call(
            Method::GET,
            &format!("/api/applications/{receipt}"),
            &[("authorization", &auth)],
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{stored}");
    assert_eq!(stored["accepted_on"], "2026-11-23");
    assert_eq!(stored["deadlines"]["deferred_due"], DEFERRED_DUE);
    assert_eq!(stored["deadlines"]["promised"], "2026-11-30");
    assert_eq!(stored["commitments"][0]["due"], DEFERRED_DUE);
    assert_eq!(stored["report"]["deadlines"]["deferred_due"], DEFERRED_DUE);

    let (status, ledger) = app.official_get("/api/commitments").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ledger["commitments"][0]["due"], DEFERRED_DUE);
}
on_both!(tampered_deadline_is_stored_with_the_servers_deadline);

async fn duplicate_submit_with_the_same_key_returns_the_first_receipt(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let envelope = fixture(FOOD, "deferred-floor-plan");
    let (first, _, one) = app.submit(&envelope, Some("key-0001")).await;
    assert_eq!(first, StatusCode::CREATED, "{one}");
    let (again, headers, two) = app.submit(&envelope, Some("key-0001")).await;
    assert_eq!(again, StatusCode::OK, "{two}");
    assert_eq!(headers["idempotent-replayed"], "true");
    assert_eq!(one["receipt"], two["receipt"]);
    assert_eq!(one["access_token"], two["access_token"]);
    assert_eq!(app.count().await, 1);

    // The same key for a different submission is a conflict, not a replay.
    let mut other = envelope.clone();
    other["data"]["premises"]["area_m2"] = json!(321);
    let (conflict, _, body) = app.submit(&other, Some("key-0001")).await;
    assert_eq!(conflict, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "idempotency_key_reused");
    // Without a key, every submit is a new application.
    let (status, _, three) = app.submit(&envelope, None).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_ne!(three["receipt"], one["receipt"]);
    assert_eq!(app.count().await, 2);
}
on_both!(duplicate_submit_with_the_same_key_returns_the_first_receipt);

async fn concurrent_duplicates_create_one_application(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let envelope = fixture(FOOD, "deferred-floor-plan");
    let submits = (0..6).map(|_| {
        let (app, envelope) = (app.on(app.today), envelope.clone());
        async move { app.submit(&envelope, Some("same-key")).await }
    });
    let answers = join_all(submits).await;
    let receipts: std::collections::BTreeSet<String> = answers
        .iter()
        .map(|(status, _, body)| {
            assert!(status.is_success(), "{status} {body}");
            body["receipt"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(receipts.len(), 1);
    assert_eq!(app.count().await, 1);
}
on_both!(concurrent_duplicates_create_one_application);

/// Runs futures concurrently (no extra dependency).
async fn join_all<F: std::future::Future + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output>
where
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}

async fn unauthenticated_ledger_requests_are_refused(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let (_, _, submitted) = app
        .submit(&fixture(FOOD, "deferred-floor-plan"), None)
        .await;
    let id = format!("{}-1", submitted["receipt"].as_str().unwrap());
    let fulfil = format!("/api/commitments/{id}/fulfil");
    let hash = json!({"sha256": "ab".repeat(32)}).to_string();
    for auth in [
        None,
        Some("Bearer wrong"),
        Some("Basic dGVzdA=="),
        Some("Bearer "),
    ] {
        let headers: Vec<(&str, &str)> = auth.map(|a| ("authorization", a)).into_iter().collect();
        let (status, response_headers, body) = app
            .call(Method::GET, "/api/commitments", &headers, None)
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{auth:?}");
        assert_eq!(body["error"]["code"], "unauthorized");
        assert_eq!(response_headers["www-authenticate"], "Bearer");
        let (status, _, _) = app
            .call(Method::POST, &fulfil, &headers, Some(hash.clone()))
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    // The applicant's token is not an official's.
    let applicant = format!("Bearer {}", submitted["access_token"].as_str().unwrap());
    let (status, _, _) = app
        .call(
            Method::GET,
            "/api/commitments",
            &[("authorization", &applicant)],
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (_, ledger) = app.official_get("/api/commitments").await;
    assert_eq!(ledger["commitments"][0]["status"], "pending");
}
on_both!(unauthenticated_ledger_requests_are_refused);

async fn an_applicant_cannot_read_anothers_application(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let (_, _, a) = app
        .submit(&fixture(FOOD, "deferred-floor-plan"), None)
        .await;
    let (_, _, b) = app.submit(&fixture(FOOD, "valid-organisation"), None).await;
    let path = |x: &Value| format!("/api/applications/{}", x["receipt"].as_str().unwrap());
    let auth = |x: &Value| format!("Bearer {}", x["access_token"].as_str().unwrap());

    let (status, _, own) = app
        .call(
            Method::GET,
            &path(&a),
            &[("authorization", &auth(&a))],
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(own["receipt"], a["receipt"]);
    for headers in [
        vec![("authorization", auth(&b))],
        vec![("authorization", format!("Bearer {OFFICIAL_TOKEN}"))],
        vec![],
    ] {
        let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let (status, _, body) = app.call(Method::GET, &path(&a), &headers, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body["error"]["code"], "application_not_found");
        assert!(body.get("report").is_none());
    }
    // An unknown receipt answers exactly like a wrong token.
    let (status, _, _) = app
        .call(
            Method::GET,
            "/api/applications/BL20261123-0000000000",
            &[("authorization", &auth(&a))],
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
on_both!(an_applicant_cannot_read_anothers_application);

async fn an_invalid_submission_gets_422_with_the_report(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let (status, _, body) = app
        .submit(&fixture(FOOD, "invalid-person-multiple"), Some("k-invalid"))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["code"], "invalid_submission");
    assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    assert!(!body["error"]["message_en"].as_str().unwrap().is_empty());
    assert_eq!(body["report"]["status"], "invalid");
    assert!(body["report"]["errors"].as_array().unwrap().len() > 1);
    assert_eq!(app.count().await, 0);

    // In English on request.
    let (status, _, en) = app
        .call(
            Method::POST,
            "/api/applications?lang=en",
            &[],
            Some(fixture(FOOD, "invalid-person-multiple").to_string()),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_ne!(
        en["report"]["errors"][0]["message"],
        body["report"]["errors"][0]["message"]
    );
}
on_both!(an_invalid_submission_gets_422_with_the_report);

async fn the_ledger_follows_the_calendar_and_records_actions(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let (_, _, a) = app
        .submit(&fixture(FOOD, "deferred-floor-plan"), None)
        .await;
    let (_, _, b) = app
        .submit(&fixture(FOOD, "deferred-floor-plan"), None)
        .await;
    let id_a = format!("{}-1", a["receipt"].as_str().unwrap());
    let id_b = format!("{}-1", b["receipt"].as_str().unwrap());

    let statuses = |ledger: &Value| -> Vec<String> {
        ledger["commitments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["status"].as_str().unwrap().to_owned())
            .collect()
    };
    // Mon 11-23: 3 working days left. Tue 11-24: 2 left. Fri 11-27: overdue.
    let (_, ledger) = app.official_get("/api/commitments").await;
    assert_eq!(statuses(&ledger), ["pending", "pending"]);
    let (_, ledger) = app
        .on("2026-11-24")
        .official_get("/api/commitments?status=due_soon")
        .await;
    assert_eq!(statuses(&ledger), ["due_soon", "due_soon"]);
    // The filter really filters: both are due soon, so none is merely pending.
    let (_, ledger) = app
        .on("2026-11-24")
        .official_get("/api/commitments?status=pending")
        .await;
    assert_eq!(statuses(&ledger), Vec::<String>::new());
    let (_, ledger) = app
        .on("2026-11-26")
        .official_get("/api/commitments?status=overdue")
        .await;
    assert_eq!(statuses(&ledger), Vec::<String>::new());

    let later = app.on("2026-11-27");
    let (status, body) = later
        .official_post(
            &format!("/api/commitments/{id_a}/fulfil"),
            json!({"sha256": "AB".repeat(32)}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = later
        .official_post(
            &format!("/api/commitments/{id_a}/terminate"),
            json!({"reason": "逾期未补正"}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "commitment_already_resolved");

    let (_, ledger) = later.official_get("/api/commitments").await;
    assert_eq!(statuses(&ledger), ["overdue", "fulfilled"], "overdue first");
    assert_eq!(ledger["commitments"][0]["id"], id_b.as_str());
    assert_eq!(
        ledger["commitments"][1]["fulfilled_sha256"],
        "ab".repeat(32)
    );
    let ids = |ledger: &serde_json::Value| -> Vec<String> {
        ledger["commitments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let (_, fulfilled) = later
        .official_get("/api/commitments?status=fulfilled")
        .await;
    assert_eq!(ids(&fulfilled), [id_a.as_str()]);
    let (_, overdue) = later.official_get("/api/commitments?status=overdue").await;
    assert_eq!(ids(&overdue), [id_b.as_str()]);

    let (status, _) = later
        .official_post(
            &format!("/api/commitments/{id_b}/terminate"),
            json!({"reason": "  "}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = later
        .official_post(
            &format!("/api/commitments/{id_b}/terminate"),
            json!({"reason": "逾期未补正材料，退办"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, ledger) = later
        .official_get("/api/commitments?status=terminated")
        .await;
    assert_eq!(ids(&ledger), [id_b.as_str()]);
    let (_, overdue) = later.official_get("/api/commitments?status=overdue").await;
    assert_eq!(ids(&overdue), Vec::<String>::new());
    assert_eq!(
        ledger["commitments"][0]["termination_reason"],
        "逾期未补正材料，退办"
    );

    let (status, body) = later
        .official_post(
            "/api/commitments/nope/fulfil",
            json!({"sha256": "ab".repeat(32)}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "commitment_not_found");
    let (status, body) = later.official_get("/api/commitments?status=late").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "invalid_parameter");
}
on_both!(the_ledger_follows_the_calendar_and_records_actions);

async fn bad_requests_get_json_errors(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let big = format!("{{\"pad\": \"{}\"}}", "x".repeat(300 * 1024));
    let (status, _, body) = app
        .call(Method::POST, "/api/applications", &[], Some(big))
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["error"]["code"], "payload_too_large");

    let (status, _, body) = app
        .call(
            Method::POST,
            "/api/applications",
            &[],
            Some("{not json".to_owned()),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "bad_request");
    // The place and the reason in banli's words, never the parser's English.
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("第1行第2列"), "{message}");
    assert!(message.contains("双引号"), "{message}");
    let message_en = body["error"]["message_en"].as_str().unwrap_or_default();
    assert!(
        message_en.contains("line 1, column 2") && !message_en.contains("at line"),
        "{message_en}"
    );

    let mut unknown = fixture(FOOD, "deferred-floor-plan");
    unknown["item"]["version"] = json!("1999.1");
    let (status, _, body) = app.submit(&unknown, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "item_not_found");
    assert_eq!(
        body["error"]["message_en"],
        format!(
            "No item {} (version 1999.1)",
            unknown["item"]["code"].as_str().unwrap()
        )
    );
    let (status, _, body) = app.call(Method::GET, "/api/items/NOPE", &[], None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["message"], "未找到事项 NOPE");

    // A bundle's application sent to the items' endpoint is told where it goes.
    let bundle = fixture("bundles/open-restaurant", "deferred-floor-plan");
    let (status, _, body) = app.submit(&bundle, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(body["error"]["code"], "item_not_found");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("/api/bundle-applications"),
        "{body}"
    );
    assert!(
        body["error"]["message_en"].as_str().unwrap().contains(
            "a bundle's application is checked and filed through /api/bundle-applications"
        ),
        "{body}"
    );

    let (status, _, body) = app.call(Method::GET, "/api/nothing-here", &[], None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "not_found");
    let (status, _, body) = app
        .call(Method::DELETE, "/api/applications", &[], None)
        .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(body["error"]["code"], "method_not_allowed");
    assert_eq!(app.count().await, 0);
}
on_both!(bad_requests_get_json_errors);

/// Each invalid parameter is explained in each language alone: the date's
/// own reason was English inside the Chinese message.
async fn invalid_parameters_are_explained_in_both_languages(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let valid = fixture(FOOD, "valid-organisation").to_string();
    let cases = [
        (
            "/api/validate?accepted_on=2026-13-40",
            "accepted_on",
            "2026-13-40",
        ),
        ("/api/validate?lang=fr", "lang", "fr"),
    ];
    for (path, name, given) in cases {
        let (status, _, body) = app.call(Method::POST, path, &[], Some(valid.clone())).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
        assert_eq!(body["error"]["code"], "invalid_parameter", "{path}: {body}");
        let zh = body["error"]["message"].as_str().unwrap();
        let en = body["error"]["message_en"].as_str().unwrap();
        assert!(zh.starts_with(&format!("参数 {name} 无效：")), "{zh}");
        assert!(
            en.starts_with(&format!("Parameter {name} is invalid: ")),
            "{en}"
        );
        let detail = zh.split_once('：').unwrap().1;
        assert!(
            detail
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                && detail.contains(given),
            "{zh}"
        );
        assert!(
            !detail.contains("The ") && !detail.contains(" does not"),
            "{zh}"
        );
        assert!(
            !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{en}"
        );
    }
    let (status, body) = app.official_get("/api/commitments?status=late").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["error"]["message"],
        "参数 status 无效：“late”（可选 pending | due_soon | overdue | undetermined | fulfilled | terminated）"
    );
    assert_eq!(
        body["error"]["message_en"],
        "Parameter status is invalid: “late” (pending | due_soon | overdue | undetermined | fulfilled | terminated)"
    );
}
on_both!(invalid_parameters_are_explained_in_both_languages);

#[tokio::test]
async fn items_have_etags_and_validate_matches_the_core() {
    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    let (status, _, items) = app.call(Method::GET, "/api/items", &[], None).await;
    assert_eq!(status, StatusCode::OK);
    let code = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["file"] == "food-business-licence.json")
        .unwrap()["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/items/{code}");
    let (status, headers, item) = app.call(Method::GET, &path, &[], None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(item["code"], code.as_str());
    let etag = headers["etag"].to_str().unwrap().to_owned();
    let (status, _, _) = app
        .call(Method::GET, &path, &[("if-none-match", &etag)], None)
        .await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);

    // POST /api/validate gives the core's report byte for byte.
    let envelope = fixture(FOOD, "invalid-organisation-multiple");
    let (status, _, report) = app
        .call(
            Method::POST,
            "/api/validate?accepted_on=2026-11-20",
            &[],
            Some(envelope.to_string()),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let text = std::fs::read_to_string(
        crate::support::root().join("schemas/items/food-business-licence.json"),
    )
    .unwrap();
    let compiled = banli_core::CompiledItem::from_json(&text).unwrap();
    let calendar = banli_core::calendar::WorkCalendar::national();
    let date = banli_core::calendar::parse_date("2026-11-20").unwrap();
    let expected = compiled
        .validate(
            &envelope,
            &banli_core::ValidationContext::new(banli_core::Lang::ZhCn)
                .accepted_on(date, &calendar),
        )
        .unwrap();
    assert_eq!(
        report,
        serde_json::from_str::<Value>(&expected.to_json()).unwrap()
    );

    let (status, headers, openapi) = app.call(Method::GET, "/api/openapi.json", &[], None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(openapi["openapi"], "3.1.0");
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("'wasm-unsafe-eval'")
    );

    let (status, headers, _) = app.call(Method::GET, "/ledger/", &[], None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-security-policy"], banli_server::web::CSP);
}

#[tokio::test]
async fn the_printed_guide_comes_from_the_same_definition() {
    use axum::body::Body;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    let definition = fixture_item_text("food-business-licence");
    let item = banli_core::CompiledItem::from_json(&definition).unwrap();
    let code = item.definition().code.clone();
    let request = axum::http::Request::get(format!("/api/items/{code}/guide"))
        .body(Body::empty())
        .unwrap();
    let response = app.router().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/html; charset=utf-8"
    );
    let html = String::from_utf8(
        response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    )
    .unwrap();
    let expected = banli_core::guide::html::render(&banli_core::guide::build(
        item.definition(),
        banli_core::Lang::ZhCn,
    ));
    assert_eq!(html, expected);

    let (status, _, body) = app
        .call(Method::GET, "/api/items/NOSUCHITEM/guide", &[], None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["error"]["code"].is_string(), "{body}");
}

fn fixture_item_text(name: &str) -> String {
    std::fs::read_to_string(
        crate::support::root()
            .join("schemas/items")
            .join(format!("{name}.json")),
    )
    .unwrap()
}

/// Issue 15: the server hashed the data as received while the core's
/// commitments hashed the normalised data, so a blank string made two
/// different hashes for one application. Now both are the core's RFC 8785
/// hash of the submitted data, and the stored envelope holds that data.
async fn one_data_hash_for_the_stored_application_and_its_commitment(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let mut envelope = fixture(FOOD, "deferred-floor-plan");
    envelope["data"]["contact"]["note_left_blank"] = json!("   ");
    let (status, _, body) = app.submit(&envelope, None).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let committed = body["report"]["commitments"][0]["data_sha256"]
        .as_str()
        .unwrap()
        .to_owned();
    let receipt = body["receipt"].as_str().unwrap();
    let row = sqlx::query("SELECT data_sha256, envelope FROM applications WHERE receipt = $1")
        .bind(receipt)
        .fetch_one(&app.state().db)
        .await
        .unwrap();
    use sqlx::Row;
    let stored_hash: String = row.try_get("data_sha256").unwrap();
    assert_eq!(stored_hash, committed);
    let stored: Value =
        serde_json::from_str(&row.try_get::<String, _>("envelope").unwrap()).unwrap();
    assert!(
        stored["data"]["contact"].get("note_left_blank").is_none(),
        "{stored}"
    );
    assert_eq!(
        stored_hash,
        banli_core::commitment::data_sha256(&stored["data"]),
        "another back end recomputes it from the stored data with any RFC 8785 library"
    );
}
on_both!(one_data_hash_for_the_stored_application_and_its_commitment);

/// Issue 15: the portal's item page built the materials table in
/// JavaScript and showed 可容缺后补 for every deferrable material, even in
/// an item that does not allow deferral. The table now comes from the
/// core's guide through `GET /api/items/{code}/materials`, which offers
/// deferral only where the item allows it.
#[tokio::test]
async fn an_item_that_disallows_deferral_never_offers_it_on_the_portal() {
    use tower::ServiceExt;

    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    let mut item: Value =
        serde_json::from_str(&fixture_item_text("food-business-licence")).unwrap();
    let code = item["code"].as_str().unwrap().to_owned();
    let deferred = |table: &Value| {
        table["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|row| row.to_string().contains("可容缺后补"))
            .count()
    };

    // As published, the item allows deferral: some rows offer it.
    let (status, _, table) = app
        .call(
            Method::GET,
            &format!("/api/items/{code}/materials"),
            &[],
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{table}");
    assert!(deferred(&table) > 0, "{table}");
    assert_eq!(table["columns"].as_array().unwrap().len(), 9, "{table}");

    // The same materials (still marked deferrable) in an item that does not
    // allow deferral: no row offers it.
    item["deferral"] = json!({"allowed": false, "reason": "测试"});
    let scratch = crate::support::scratch_dir("items");
    let dir = scratch.path();
    std::fs::write(dir.join("food.json"), item.to_string()).unwrap();
    let state = banli_server::AppState::new(
        app.pool.clone(),
        banli_server::Catalog::load_dir(dir).unwrap(),
        crate::support::OFFICIAL_TOKEN,
        banli_server::Clock::Fixed(banli_core::calendar::parse_date(app.today).unwrap()),
        crate::support::root(),
        256 * 1024,
    );
    let request = axum::http::Request::get(format!("/api/items/{code}/materials?lang=zh-CN"))
        .body(axum::body::Body::empty())
        .unwrap();
    let response = banli_server::app(state).oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    let table: Value = serde_json::from_slice(&body).unwrap();
    assert!(!table["rows"].as_array().unwrap().is_empty(), "{table}");
    assert_eq!(deferred(&table), 0, "{table}");
}
