//! Bundles (一件事一次办) through the API: the list and the merged
//! definition, a bundle refused whole when one member is invalid, one
//! application per member with its own deadlines, idempotent replays, and
//! the ledger naming the bundle of a commitment.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::on_both;
use crate::support::{Backend, TestApp, fixture};

const BUNDLE_CODE: &str = "11339900MB1000001Q9000000001000";
const BUNDLES: &str = "bundles/open-restaurant";

fn keys(members: &Value) -> Vec<&str> {
    members
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["key"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn bundles_are_listed_and_served_merged_with_an_etag() {
    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    let (status, _, list) = app.call(Method::GET, "/api/bundles", &[], None).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let listed = list
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["code"] == BUNDLE_CODE)
        .unwrap_or_else(|| panic!("open-restaurant is listed: {list}"));
    assert_eq!(listed["file"], "open-restaurant.json");
    assert_eq!(listed["name"], "开办餐馆一件事");
    assert_eq!(
        keys(&listed["members"]),
        ["registration", "food", "signage"]
    );

    let path = format!("/api/bundles/{BUNDLE_CODE}");
    let (status, headers, merged) = app.call(Method::GET, &path, &[], None).await;
    assert_eq!(status, StatusCode::OK, "{merged}");
    assert_eq!(merged["format"], "banli-item/1");
    assert_eq!(merged["code"], BUNDLE_CODE);
    assert_eq!(merged["members"].as_array().unwrap().len(), 3, "{merged}");
    // The premises proof two members need is one material of the merged definition.
    let proofs = merged["materials"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["id"] == "premises-proof")
        .count();
    assert_eq!(proofs, 1, "{merged}");
    let etag = headers["etag"].to_str().unwrap().to_owned();
    let (status, _, _) = app
        .call(Method::GET, &path, &[("if-none-match", &etag)], None)
        .await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);

    let (status, _, table) = app
        .call(Method::GET, &format!("{path}/materials"), &[], None)
        .await;
    assert_eq!(status, StatusCode::OK, "{table}");
    assert_eq!(
        table["rows"].as_array().unwrap().len(),
        merged["materials"].as_array().unwrap().len(),
        "one row per material of the merged definition: {table}"
    );
    let (status, headers, _) = app
        .call(Method::GET, &format!("{path}/guide"), &[], None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");

    let (status, _, body) = app
        .call(Method::GET, "/api/bundles/NOSUCHBUNDLE", &[], None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "bundle_not_found");
}

async fn an_invalid_member_refuses_the_whole_bundle(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let (status, _, body) = app
        .submit_bundle(&fixture(BUNDLES, "invalid-signage"), Some("k-invalid"))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "invalid_submission");
    assert_eq!(body["report"]["status"], "invalid");
    let statuses: Vec<&str> = body["report"]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["report"]["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["valid", "valid", "invalid"], "{body}");
    // Two members were valid; nothing of the bundle is stored.
    assert_eq!(app.count().await, 0);
    assert_eq!(app.count_bundles().await, 0);
    let (_, ledger) = app.official_get("/api/commitments").await;
    assert_eq!(ledger["commitments"], json!([]));
    // The key was not spent: the corrected bundle is accepted under it.
    let (status, _, body) = app
        .submit_bundle(&fixture(BUNDLES, "valid"), Some("k-invalid"))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}
on_both!(an_invalid_member_refuses_the_whole_bundle);

/// Issue 19: without an outdoor sign the sign permit does not apply; the
/// bundle is stored with an application for each member that does.
async fn a_member_that_does_not_apply_gets_no_application(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let (status, _, answer) = app
        .submit_bundle(&fixture(BUNDLES, "no-signage"), Some("n-1"))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(keys(&answer["members"]), ["registration", "food"]);
    let applies: Vec<&Value> = answer["report"]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["applies"])
        .collect();
    assert_eq!(applies, [&json!(true), &json!(true), &json!(false)]);
    assert_eq!(app.count().await, 2);
    assert_eq!(app.count_bundles().await, 1);
}
on_both!(a_member_that_does_not_apply_gets_no_application);

async fn a_bundle_is_stored_as_one_application_per_member(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let (status, _, answer) = app
        .submit_bundle(&fixture(BUNDLES, "deferred-floor-plan"), Some("b-1"))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let receipt = answer["receipt"].as_str().unwrap();
    let token = answer["access_token"].as_str().unwrap();
    assert!(receipt.starts_with("YJ20261123-"), "{receipt}");
    assert_eq!(answer["status"], "valid_with_commitments");
    assert_eq!(
        keys(&answer["members"]),
        ["registration", "food", "signage"]
    );
    assert_eq!(app.count().await, 3);
    assert_eq!(app.count_bundles().await, 1);

    // Each member's deadlines from its own item's limits, accepted on
    // Mon 2026-11-23: registration 1/3 working days, the food licence 5/20
    // with the floor plan deferred 3, the shop sign 5/20.
    let deadlines = |members: &Value, key: &str| -> Value {
        let member = members
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["key"] == key)
            .unwrap();
        let d = &member["deadlines"];
        json!([
            d["promised"],
            d["statutory"],
            d.get("deferred_due").unwrap_or(&Value::Null)
        ])
    };
    let expected = [
        ("registration", json!(["2026-11-24", "2026-11-26", null])),
        ("food", json!(["2026-11-30", "2026-12-21", "2026-11-26"])),
        ("signage", json!(["2026-11-30", "2026-12-21", null])),
    ];
    for (key, dates) in &expected {
        assert_eq!(
            &deadlines(&answer["members"], key),
            dates,
            "{key}: {answer}"
        );
    }

    // The applicant's view: the bundle and its three member applications.
    let (status, shown) = app
        .applicant_get(&format!("/api/bundle-applications/{receipt}"), token)
        .await;
    assert_eq!(status, StatusCode::OK, "{shown}");
    assert_eq!(keys(&shown["members"]), ["registration", "food", "signage"]);
    let receipts: Vec<&str> = shown["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["receipt"].as_str().unwrap())
        .collect();
    let answered: Vec<&str> = answer["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["receipt"].as_str().unwrap())
        .collect();
    assert_eq!(receipts, answered);
    assert_eq!(
        receipts
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        3,
        "each member has its own receipt"
    );
    for (key, dates) in &expected {
        assert_eq!(&deadlines(&shown["members"], key), dates, "{key}: {shown}");
    }
    let statuses: Vec<&str> = shown["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["valid", "valid_with_commitments", "valid"]);
    // One commitment, for the deferring member only.
    let commitments: Vec<usize> = shown["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["commitments"].as_array().unwrap().len())
        .collect();
    assert_eq!(commitments, [0, 1, 0], "{shown}");

    // A member application links back to its bundle, for the same token only.
    let food = receipts[1];
    let (status, member) = app
        .applicant_get(&format!("/api/applications/{food}"), token)
        .await;
    assert_eq!(status, StatusCode::OK, "{member}");
    assert_eq!(
        member["bundle"],
        json!({"receipt": receipt, "member": "food"})
    );
    assert_eq!(member["item"]["name"], "食品经营许可（新办）");
    let (status, _) = app
        .applicant_get(&format!("/api/bundle-applications/{receipt}"), "wrong")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The ledger shows the bundle the commitment belongs to.
    let (status, ledger) = app.official_get("/api/commitments").await;
    assert_eq!(status, StatusCode::OK);
    let entries = ledger["commitments"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{ledger}");
    assert_eq!(entries[0]["receipt"], food);
    assert_eq!(entries[0]["due"], "2026-11-26");
    assert_eq!(
        entries[0]["bundle"],
        json!({"receipt": receipt, "code": BUNDLE_CODE, "name": "开办餐馆一件事", "member": "food"})
    );
    assert_eq!(entries[0]["materials"][0]["id"], "floor-plan", "{ledger}");
}
on_both!(a_bundle_is_stored_as_one_application_per_member);

async fn a_replayed_bundle_returns_the_first_receipts(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let envelope = fixture(BUNDLES, "deferred-floor-plan");
    let (first, _, one) = app.submit_bundle(&envelope, Some("b-key")).await;
    assert_eq!(first, StatusCode::CREATED, "{one}");
    let (again, headers, two) = app.submit_bundle(&envelope, Some("b-key")).await;
    assert_eq!(again, StatusCode::OK, "{two}");
    assert_eq!(headers["idempotent-replayed"], "true");
    assert_eq!(
        one, two,
        "the first answer, member receipts and token included"
    );
    assert_eq!(app.count().await, 3);
    assert_eq!(app.count_bundles().await, 1);

    let mut other = envelope.clone();
    other["data"]["premises_address"] = json!("云溪市临湖区湖滨路14号");
    let (conflict, _, body) = app.submit_bundle(&other, Some("b-key")).await;
    assert_eq!(conflict, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "idempotency_key_reused");
    // Without a key, every submit is a new bundle.
    let (status, _, three) = app.submit_bundle(&envelope, None).await;
    assert_eq!(status, StatusCode::CREATED, "{three}");
    assert_ne!(three["receipt"], one["receipt"]);
    assert_eq!(app.count().await, 6);
    assert_eq!(app.count_bundles().await, 2);
}
on_both!(a_replayed_bundle_returns_the_first_receipts);

/// Versions of one bundle are kept side by side, the newest current, as
/// items are; two files with one code and version would make one of them
/// unreachable: the start stops, naming the code, the version and the first
/// file.
#[test]
fn bundle_versions_side_by_side_and_one_file_per_version() {
    let root = crate::support::root();
    let scratch = crate::support::scratch_dir("bundles");
    let dir = scratch.path();
    std::fs::create_dir_all(dir.join("bundles")).unwrap();
    std::fs::create_dir_all(dir.join("items")).unwrap();
    for item in ["business-registration", "shop-sign-permit"] {
        let name = format!("{item}.json");
        std::fs::copy(
            root.join("schemas/items").join(&name),
            dir.join("items").join(&name),
        )
        .unwrap();
    }
    let bundle = root.join("schemas/bundles/open-restaurant.json");
    let catalog = banli_server::Catalog::load_dir(&root.join("schemas/items")).unwrap();
    std::fs::copy(&bundle, dir.join("bundles/a.json")).unwrap();
    let text = std::fs::read_to_string(&bundle).unwrap();
    let newer = text.replacen("\"version\": \"2026.1\"", "\"version\": \"2026.10\"", 1);
    assert_ne!(newer, text);
    std::fs::write(dir.join("bundles/c.json"), newer).unwrap();
    let both = banli_server::Bundles::load_dir(&dir.join("bundles"), &catalog).unwrap();
    assert_eq!(both.len(), 2);
    assert_eq!(both.get(BUNDLE_CODE, None).unwrap().file, "c.json");
    assert_eq!(
        both.get(BUNDLE_CODE, Some("2026.1")).unwrap().file,
        "a.json"
    );
    let (latest, versions) = both.latest().next().unwrap();
    assert_eq!(
        (latest.file.as_str(), versions),
        ("c.json", vec!["2026.1", "2026.10"])
    );

    std::fs::copy(&bundle, dir.join("bundles/b.json")).unwrap();
    let error = match banli_server::Bundles::load_dir(&dir.join("bundles"), &catalog) {
        Ok(_) => panic!("two bundles with one code and version were loaded"),
        Err(e) => format!("{e:#}"),
    };
    assert!(error.contains("b.json"), "{error}");
    assert!(error.contains(BUNDLE_CODE), "{error}");
    assert!(error.contains("2026.1"), "{error}");
    assert!(error.contains("a.json"), "{error}");
}
