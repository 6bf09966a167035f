//! `banli lint`: the sample items are clean; broken ones are reported, all
//! files at once.

use crate::{banli, stdout};

#[test]
fn the_sample_items_have_no_errors() {
    let output = banli(&["lint", "schemas/items"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("0个错误"), "{}", stdout(&output));
}

#[test]
fn broken_items_are_all_reported() {
    let output = banli(&["lint", "tests/fixtures/broken-items", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let reports: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let reports = reports.as_array().unwrap();
    assert_eq!(reports.len(), 8, "every file is reported");
    for report in reports {
        let errors = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .count();
        assert!(errors >= 1, "{} has errors", report["file"]);
    }
}

#[test]
fn the_deferral_margin_is_configurable() {
    // The energy item defers 10 of 15 promised working days: fine with a
    // margin of 5, a warning (not an error) with a margin of 6.
    let relaxed = banli(&[
        "lint",
        "schemas/items/energy-conservation-review.json",
        "--deferral-margin",
        "5",
    ]);
    assert!(
        !stdout(&relaxed).contains("definition.deferral_within_margin"),
        "{}",
        stdout(&relaxed)
    );
    let strict = banli(&[
        "lint",
        "schemas/items/energy-conservation-review.json",
        "--deferral-margin",
        "6",
    ]);
    assert_eq!(strict.status.code(), Some(0), "warnings do not fail lint");
    assert!(
        stdout(&strict).contains("definition.deferral_within_margin"),
        "{}",
        stdout(&strict)
    );
}

#[test]
fn every_lint_rule_has_a_failing_fixture() {
    // tests/fixtures/lint/<rule>.json breaks exactly the rule it is named
    // after: a quality rule (`lint.<rule>`) or, for the situations,
    // variants and per-item materials (issue 18), a loader rule that lint
    // reports with its hint (`definition.<rule>`).
    let rules = crate::json_stems("tests/fixtures/lint");
    assert_eq!(rules.len(), 25, "{rules:?}");
    for rule in rules {
        let path = format!("tests/fixtures/lint/{rule}.json");
        let output = banli(&["lint", &path, "--format", "json"]);
        let reports: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        let codes: Vec<&str> = reports[0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        let expected = if rule.contains("situation")
            || rule.contains("variant")
            || rule.starts_with("per_item")
        {
            format!("definition.{rule}")
        } else {
            format!("lint.{rule}")
        };
        assert!(
            !codes.is_empty() && codes.iter().all(|c| *c == expected),
            "{rule}: {codes:?}"
        );
        let diagnostic = &reports[0]["diagnostics"][0];
        assert!(
            diagnostic["line"].as_u64().unwrap() > 1,
            "{rule} has a line"
        );
        assert!(diagnostic["hint"].is_string(), "{rule} has a hint");
    }
}

#[test]
fn every_bundle_rule_has_a_failing_fixture() {
    // tests/fixtures/lint/bundles/<rule>.json: the shipped bundle with its
    // `when` conditions or questions broken for exactly that rule (issue 19).
    let rules = crate::json_stems("tests/fixtures/lint/bundles");
    assert_eq!(rules.len(), 3, "{rules:?}");
    for rule in rules {
        let path = format!("tests/fixtures/lint/bundles/{rule}.json");
        let output = banli(&["lint", &path, "--format", "json"]);
        let reports: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        let diagnostics = reports[0]["diagnostics"].as_array().unwrap();
        let codes: Vec<&str> = diagnostics
            .iter()
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, [format!("bundle.{rule}")], "{rule}");
        let diagnostic = &diagnostics[0];
        assert!(
            diagnostic["line"].as_u64().unwrap() > 1,
            "{rule} has a line"
        );
        assert!(diagnostic["hint"].is_string(), "{rule} has a hint");
        let error = diagnostic["severity"] == "error";
        assert_eq!(
            output.status.code(),
            Some(if error { 1 } else { 0 }),
            "{rule}"
        );
    }
}

#[test]
fn human_output_has_file_line_column_and_hint() {
    let output = banli(&[
        "lint",
        "tests/fixtures/lint/keyword_typo.json",
        "--lang",
        "en",
    ]);
    assert_eq!(output.status.code(), Some(1), "a typo is an error");
    insta::assert_snapshot!(stdout(&output), @r"
    tests/fixtures/lint/keyword_typo.json:262:21: error /form/properties/category/x-widgte: unknown keyword “x-widgte”; did you mean “x-widget”? A misspelt keyword is silently ignored [lint.keyword_typo]
        hint: correct the keyword's spelling
    tests/fixtures/lint/keyword_typo.json:320:21: error /form/properties/premises/requried: unknown keyword “requried”; did you mean “required”? A misspelt keyword is silently ignored [lint.keyword_typo]
        hint: correct the keyword's spelling
    1 file(s), 2 error(s), 0 warning(s)
    ");
}

#[test]
fn draft07_constructs_are_errors_with_their_new_spelling() {
    let output = banli(&[
        "lint",
        "tests/fixtures/lint/draft07_keyword.json",
        "--lang",
        "en",
    ]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "draft-07 constructs are errors"
    );
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn everything_under_schemas_is_clean() {
    // Items, the bundle (merged from its members), calendars and the
    // meta-schemas themselves: no errors and no warnings, except in the two
    // real guides (issue 18), which say "not stated" where their source is
    // silent (河南's "20日"/"3日" without a unit, so the limits cannot be
    // compared) and have no English yet: those warnings and no other.
    let output = banli(&["lint", "schemas/", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let reports: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let real = [
        "gx-feasibility-approval.json",
        "ha-road-passenger-licence.json",
    ];
    for report in reports.as_array().unwrap() {
        let file = report["file"].as_str().unwrap();
        for d in report["diagnostics"].as_array().unwrap() {
            let allowed = real.iter().any(|r| file.ends_with(r))
                && d["severity"] == "warning"
                && matches!(
                    d["code"].as_str(),
                    Some(
                        "lint.not_stated"
                            | "lint.missing_translation"
                            | "definition.time_limit_units_differ"
                    )
                );
            assert!(allowed, "{file}: {d}");
        }
    }
}

#[test]
fn a_bundle_whose_member_is_missing_is_an_error() {
    let dir = std::env::temp_dir().join(format!("banli-lint-bundle-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bundle.json");
    std::fs::write(
        &file,
        r#"{"format": "banli-bundle/1", "code": "X1", "basic_code": "YJS000000009", "version": "1",
            "name": "缺成员", "authority": {"name": "某中心"},
            "members": [{"key": "a", "item": "nowhere/a.json"}, {"key": "b", "item": "nowhere/b.json"}]}"#,
    )
    .unwrap();
    let output = banli(&["lint", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("bundle.invalid"),
        "{}",
        stdout(&output)
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn fields_declared_only_in_defs_are_linted_where_they_are_written() {
    // The form's fields reach `$defs/person` through two `$ref`s; lint
    // follows them, and reports the untitled field once, at its place in
    // `$defs`, named by the first data path that reaches it.
    let output = banli(&[
        "lint",
        "tests/fixtures/lint/through-refs/defs-field.json",
        "--lang",
        "en",
    ]);
    assert_eq!(output.status.code(), Some(0), "warnings do not fail lint");
    insta::assert_snapshot!(stdout(&output));
}
