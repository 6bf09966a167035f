//! Every fixture submission of every sample item through `banli check
//! --format json`, compared with its snapshot report in
//! `tests/fixtures/<item>/snapshots/`. Invalid cases are also snapshotted in
//! English, and one case per item in the human format. The fixtures of
//! `tests/fixtures/kinds/` (one small item per kind of fault) run the same
//! way.
//!
//! After an intended change: `cargo insta review` (or `INSTA_UPDATE=always`).

use crate::{banli, items, json_stems, snapshot, stdout, workspace_root};

fn cases(item: &str) -> Vec<String> {
    json_stems(&format!("tests/fixtures/{item}"))
}

const ACCEPTED_ON: &str = "2026-11-20";

fn check(item: &str, case: &str, extra: &[&str]) -> (i32, String) {
    crate::check(
        &format!("schemas/items/{item}.json"),
        &format!("tests/fixtures/{item}/{case}.json"),
        ACCEPTED_ON,
        extra,
    )
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
            let expected_status = crate::status_named_by(&case);
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
    // Two empty or failed runs would be identical too: the comparison means
    // something only for a report that carries the generated parts
    // (deadlines, commitment texts and their data digest).
    let report: serde_json::Value = serde_json::from_str(&first).expect("a JSON report");
    assert_eq!(report["status"], "valid_with_commitments", "{first}");
    assert!(
        report["commitments"]
            .as_array()
            .is_some_and(|c| !c.is_empty()),
        "no commitments to compare: {first}"
    );
}

/// The kinds of fault fixed once for all inputs, one directory each in
/// `tests/fixtures/kinds/` (see the README there): `item.json`, its
/// submissions in `cases/` named by the status they must get, and the
/// snapshot reports (zh-CN, and English for invalid ones) and the item's
/// Markdown guide in `snapshots/`.
fn kinds() -> Vec<String> {
    let dir = workspace_root().join("tests/fixtures/kinds");
    let mut kinds: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| {
            let path = e.unwrap().path();
            path.join("item.json")
                .is_file()
                .then(|| path.file_name().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    kinds.sort();
    kinds
}

fn check_kind(kind: &str, case: &str, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    crate::check(
        &format!("tests/fixtures/kinds/{kind}/item.json"),
        &format!("tests/fixtures/kinds/{kind}/cases/{case}.json"),
        ACCEPTED_ON,
        &args,
    )
}

#[test]
fn kind_fixtures_match_their_snapshots() {
    let kinds = kinds();
    assert!(
        kinds.len() >= 3,
        "identifier dates, divisions, ref fragments: {kinds:?}"
    );
    for kind in kinds {
        let lint = banli(&["lint", &format!("tests/fixtures/kinds/{kind}/item.json")]);
        assert!(
            stdout(&lint).contains("0个错误，0个警告"),
            "{kind}: the item lints clean\n{}",
            stdout(&lint)
        );
        let item = format!("tests/fixtures/kinds/{kind}/item.json");
        let guide = banli(&["guide", &item, "--format", "md"]);
        snapshot(&format!("kinds/{kind}"), "guide.md", &stdout(&guide));
        let cases = json_stems(&format!("tests/fixtures/kinds/{kind}/cases"));
        assert!(!cases.is_empty(), "{kind} has cases");
        for case in cases {
            let (code, json) = check_kind(&kind, &case, &[]);
            let report: serde_json::Value = serde_json::from_str(&json)
                .unwrap_or_else(|e| panic!("{kind}/{case}: {e}\n{json}"));
            let expected = crate::status_named_by(&case);
            assert_eq!(report["status"], expected, "{kind}/{case}: {json}");
            assert_eq!(code, i32::from(expected == "invalid"), "{kind}/{case}");
            let folder = format!("kinds/{kind}");
            if expected == "invalid" {
                let (_, english) = check_kind(&kind, &case, &["--lang", "en"]);
                snapshot(&folder, &format!("{case}.en"), &english);
            }
            snapshot(&folder, &case, &json);
        }
    }
}

/// The five inputs of issue 14, each with exactly the error it must get.
#[test]
fn issue_14_inputs_get_exactly_their_own_error() {
    let errors = |kind: &str, case: &str| {
        let (_, json) = check_kind(kind, case, &[]);
        let report: serde_json::Value = serde_json::from_str(&json).unwrap();
        report["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["path"].as_str().unwrap().to_owned(),
                    e["code"].as_str().unwrap().to_owned(),
                    e["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        errors("identifier-dates", "invalid-born-after-acceptance"),
        [(
            "/person/id_number".to_owned(),
            "format.cn-id-card".to_owned(),
            "申请人 › 身份证号码出生日期晚于受理日期".to_owned()
        )]
    );
    assert_eq!(
        errors("identifier-divisions", "invalid-id-province-00"),
        [(
            "/id_number".to_owned(),
            "format.cn-id-card".to_owned(),
            "身份证号码第1至2位不是有效的省级行政区划代码".to_owned()
        )]
    );
    assert_eq!(
        errors("identifier-divisions", "valid-id-retired-county-342401"),
        []
    );
    assert_eq!(
        errors("ref-fragments", "invalid-mobile-through-encoded-ref"),
        [(
            "/contact/mobile".to_owned(),
            "format.cn-mobile".to_owned(),
            "联系方式 › 手机号码格式不正确，应为以13至19开头的11位数字".to_owned()
        )]
    );
}

#[test]
fn a_bad_percent_encoding_in_a_ref_is_a_definition_error() {
    let output = banli(&[
        "check",
        "tests/fixtures/kinds/ref-fragments/broken-item-bad-percent-encoding.json",
        "tests/fixtures/kinds/ref-fragments/cases/valid-through-encoded-refs.json",
    ]);
    assert_eq!(output.status.code(), Some(2), "an unusable definition");
    let message = crate::stderr(&output);
    assert!(message.contains("/form/properties/share/$ref"), "{message}");
    assert!(
        message.contains("definition.ref_fragment_invalid"),
        "{message}"
    );
}
