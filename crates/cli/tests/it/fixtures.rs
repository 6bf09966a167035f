//! Every fixture submission of every sample item through `banli check
//! --format json`, compared with its snapshot report in
//! `tests/fixtures/<item>/snapshots/`. Invalid cases are also snapshotted in
//! English, and one case per item in the human format.
//!
//! After an intended change: `cargo insta review` (or `INSTA_UPDATE=always`).

use std::path::Path;

use crate::{banli, items, json_stems, snapshot, stdout, workspace_root};

fn cases(item: &str) -> Vec<String> {
    json_stems(&format!("tests/fixtures/{item}"))
}

const ACCEPTED_ON: &str = "2026-11-20";

fn check(item: &str, case: &str, extra: &[&str]) -> (i32, String) {
    let item_path = format!("schemas/items/{item}.json");
    let case_path = format!("tests/fixtures/{item}/{case}.json");
    let mut args = vec![
        "check",
        &item_path,
        &case_path,
        "--accepted-on",
        ACCEPTED_ON,
    ];
    args.extend_from_slice(extra);
    let output = banli(&args);
    (output.status.code().unwrap_or(-1), stdout(&output))
}

#[test]
fn every_item_has_valid_and_invalid_fixtures() {
    let items = items();
    assert!(
        items.len() >= 6,
        "at least six sample items, found {items:?}"
    );
    for item in &items {
        let cases = cases(item);
        assert!(
            cases.iter().any(|c| c.starts_with("valid")),
            "{item} has a valid fixture"
        );
        assert!(
            cases.iter().any(|c| c.starts_with("invalid")),
            "{item} has an invalid fixture"
        );
    }
}

#[test]
fn reports_match_their_snapshots() {
    for item in items() {
        for case in cases(&item) {
            let (code, json) = check(&item, &case, &["--format", "json"]);
            let report: serde_json::Value = serde_json::from_str(&json)
                .unwrap_or_else(|e| panic!("{item}/{case}: {e}\n{json}"));
            let status = report["status"].as_str().unwrap();
            let expected_code = if status == "invalid" { 1 } else { 0 };
            assert_eq!(
                code, expected_code,
                "{item}/{case}: exit code for status {status}"
            );
            let expected_status = if case.starts_with("invalid") {
                "invalid"
            } else if case.starts_with("deferred") || case.starts_with("in-lieu") {
                "valid_with_commitments"
            } else {
                "valid"
            };
            assert_eq!(
                status, expected_status,
                "{item}/{case}: the fixture's name says its status"
            );
            if status == "invalid" {
                assert!(!report["errors"].as_array().unwrap().is_empty());
                let (_, english) = check(&item, &case, &["--format", "json", "--lang", "en"]);
                snapshot(&item, &format!("{case}.en"), &english);
            }
            snapshot(&item, &case, &json);
        }
    }
}

#[test]
fn human_format_for_one_case_per_item() {
    for item in items() {
        let case = cases(&item)
            .into_iter()
            .find(|c| c.starts_with("invalid"))
            .unwrap();
        let (_, human) = check(&item, &case, &[]);
        assert!(
            !human.contains('\u{1b}'),
            "no colour codes when not a terminal"
        );
        snapshot(&item, &format!("{case}.human"), &human);
    }
}

#[test]
fn invalid_fixtures_name_the_field_in_every_chinese_message() {
    for item in items() {
        for case in cases(&item)
            .into_iter()
            .filter(|c| c.starts_with("invalid"))
        {
            let (_, json) = check(&item, &case, &["--format", "json"]);
            let report: serde_json::Value = serde_json::from_str(&json).unwrap();
            for error in report["errors"].as_array().unwrap() {
                let label = error["label"].as_str().unwrap();
                let leaf = label.rsplit(" › ").next().unwrap();
                let message = error["message"].as_str().unwrap();
                let path = error["path"].as_str().unwrap();
                if !path.starts_with("/materials")
                    && !path.starts_with("/commitment")
                    && !path.starts_with("/conditions")
                {
                    assert!(
                        message.contains(leaf),
                        "{item}/{case}: “{message}” names “{leaf}”"
                    );
                }
            }
        }
    }
}

#[test]
fn the_same_input_gives_byte_identical_reports() {
    let (_, first) = check(
        "utility-connection-permit",
        "deferred-and-in-lieu",
        &["--format", "json"],
    );
    let (_, second) = check(
        "utility-connection-permit",
        "deferred-and-in-lieu",
        &["--format", "json"],
    );
    assert_eq!(first, second);
    assert!(Path::new(&workspace_root()).exists());
}
