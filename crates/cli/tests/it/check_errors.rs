//! `banli check` with input it cannot use: exit 2, and a message naming the
//! file and the place of every problem.

use crate::{banli, stderr};

fn check_broken(name: &str) -> String {
    let item = format!("tests/fixtures/broken-items/{name}.json");
    let output = banli(&[
        "check",
        &item,
        "tests/fixtures/food-business-licence/valid-organisation.json",
    ]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{name}: exit 2 for an unusable definition"
    );
    stderr(&output)
}

#[test]
fn malformed_json_names_line_and_column() {
    let message = check_broken("malformed");
    assert!(
        message.contains("tests/fixtures/broken-items/malformed.json:13:3"),
        "{message}"
    );
    assert!(message.contains("not valid JSON"), "{message}");
    // banli's words for the reason, not the parser's sentence.
    assert!(message.contains("不是有效的 JSON："), "{message}");
    assert!(!message.contains(" at line "), "{message}");
}

#[test]
fn a_missing_file_is_named_in_words() {
    let output = banli(&["check", "no-such-item.json", "no-such-submission.json"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("no-such-item.json: 无法读取：文件不存在 (cannot read: no such file)"),
        "{message}"
    );
    assert!(!message.contains("os error"), "{message}");
}

#[test]
fn a_typo_in_a_when_condition_is_named() {
    let message = check_broken("material-when-typo");
    assert!(
        message.contains("/materials/1/required/when/properties/catgory"),
        "{message}"
    );
    assert!(message.contains("definition.unknown_field"), "{message}");
}

#[test]
fn a_deferrable_core_material_is_named() {
    let message = check_broken("core-deferrable");
    assert!(message.contains("/deferrable"), "{message}");
    assert!(message.contains("definition.core_deferrable"), "{message}");
}

#[test]
fn every_broken_definition_lists_all_its_problems() {
    for (name, expected) in [
        (
            "duplicate-material-id",
            vec!["definition.duplicate_material_id"],
        ),
        (
            "deferral-beyond-promised",
            vec![
                "/deferral/deadline_working_days",
                "definition.deferral_beyond_promised",
            ],
        ),
        (
            "deferral-on-the-spot",
            vec!["/deferral/allowed", "definition.deferral_on_the_spot"],
        ),
        (
            "step-unknown-field",
            vec!["/ui/steps/", "definition.unknown_field", "/nonexistent"],
        ),
        (
            "meta-schema-violations",
            vec![
                "/basic_code",
                "/materials/2/source",
                "/matrials",
                "definition.unknown_key",
            ],
        ),
    ] {
        let message = check_broken(name);
        for needle in expected {
            assert!(
                message.contains(needle),
                "{name}: expected “{needle}” in\n{message}"
            );
        }
        insta::with_settings!({prepend_module_to_snapshot => false, omit_expression => true}, {
            insta::assert_snapshot!(format!("broken-{name}"), message);
        });
    }
}

#[test]
fn a_missing_file_is_named() {
    let output = banli(&[
        "check",
        "schemas/items/food-business-licence.json",
        "no/such/submission.json",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no/such/submission.json"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_malformed_submission_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken-submission.json");
    std::fs::write(
        &path,
        "{\n  \"item\": {\"code\": \"x\"},\n  \"data\": {,}\n}\n",
    )
    .unwrap();
    let output = banli(&[
        "check",
        "schemas/items/food-business-licence.json",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("broken-submission.json:3:12"), "{message}");
}

#[test]
fn a_bad_acceptance_date_is_refused() {
    let output = banli(&[
        "check",
        "schemas/items/food-business-licence.json",
        "tests/fixtures/food-business-licence/valid-organisation.json",
        "--accepted-on",
        "2026-02-30",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("--accepted-on 2026-02-30"), "{err}");
    // In both languages, as every other date the CLI refuses.
    assert!(
        err.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            && err.contains("does not exist"),
        "{err}"
    );
}

#[test]
fn a_deadline_beyond_every_calendar_is_pending_not_an_error_nor_a_guess() {
    let output = banli(&[
        "check",
        "schemas/items/food-business-licence.json",
        "tests/fixtures/food-business-licence/valid-organisation.json",
        "--accepted-on",
        "2026-12-20",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&crate::stdout(&output)).unwrap();
    assert_eq!(report["status"], "valid");
    let deadlines = &report["deadlines"];
    // From Sunday 2026-12-20, the 5 promised days end on Friday 12-25; the
    // 20 statutory days end in 2027, whose holidays are not loaded.
    assert_eq!(deadlines["promised"], "2026-12-25");
    assert!(deadlines.get("statutory").is_none());
    let pending: Vec<(&str, i64)> = deadlines["pending"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["deadline"].as_str().unwrap(), p["year"].as_i64().unwrap()))
        .collect();
    assert_eq!(pending, [("statutory", 2027)]);
}
