//! Deadlines in a year whose holidays are not loaded are pending, never an
//! error: the cases of `tests/fixtures/pending-deadlines/cases.json`
//! through `banli check`, in both languages, against their snapshots (the
//! wasm parity test compares the same snapshots).

use std::process::Output;

use serde_json::Value;

use crate::{banli, stdout, workspace_root};

fn snapshot(name: &str, contents: &str) {
    crate::snapshot("pending-deadlines", name, contents);
}

fn cases() -> Vec<Value> {
    let path = workspace_root().join("tests/fixtures/pending-deadlines/cases.json");
    let text = std::fs::read_to_string(path).unwrap();
    let file: Value = serde_json::from_str(&text).unwrap();
    file["cases"].as_array().unwrap().clone()
}

fn check(case: &Value, extra: &[&str]) -> (i32, String) {
    let fixtures = "tests/fixtures/";
    let mut args: Vec<String> = Vec::new();
    for calendar in case["calendars"].as_array().into_iter().flatten() {
        args.push("--calendar".to_owned());
        args.push(format!("{fixtures}{}", calendar.as_str().unwrap()));
    }
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    crate::check(
        &format!("schemas/items/{}.json", case["item"].as_str().unwrap()),
        &format!("{fixtures}{}", case["submission"].as_str().unwrap()),
        case["accepted_on"].as_str().unwrap(),
        &args,
    )
}

#[test]
fn pending_deadlines_match_their_snapshots() {
    let cases = cases();
    assert!(cases.len() >= 4);
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let (code, json) = check(case, &["--format", "json"]);
        let report: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
        let invalid = report["status"] == "invalid";
        assert_eq!(
            code,
            i32::from(invalid),
            "{name}: a pending deadline never makes exit 2"
        );
        let pending = report["deadlines"]["pending"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if case.get("calendars").is_some() {
            assert!(
                pending.is_empty(),
                "{name}: the 2027 calendar dates every deadline"
            );
        } else {
            assert!(!pending.is_empty(), "{name}: something is pending");
            for p in &pending {
                assert_eq!(p["code"], "calendar.year_not_covered");
                assert_eq!(p["year"], 2027);
                let kind = p["deadline"].as_str().unwrap();
                assert!(
                    report["deadlines"].get(kind).is_none(),
                    "{name}: a pending {kind} has no date"
                );
            }
        }
        snapshot(name, &json);
        let (_, english) = check(case, &["--format", "json", "--lang", "en"]);
        snapshot(&format!("{name}.en"), &english);
    }
}

#[test]
fn a_valid_application_in_the_gap_exits_0_with_the_promised_date_and_the_statutory_limit_pending() {
    let case = &cases()[0];
    let (code, human) = check(case, &[]);
    assert_eq!(code, 0, "{human}");
    assert!(human.contains("承诺办结：2026-12-"), "{human}");
    assert!(
        human
            .contains("法定办结时限：自受理之日起20个工作日（2027年节假日安排公布后确定具体日期）"),
        "{human}"
    );
    assert!(human.contains("[calendar.year_not_covered]"), "{human}");
}

#[test]
fn calendar_coverage_names_the_years_and_the_last_day() {
    let output = coverage_on_2026_12_10(&[]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("2024, 2025, 2026"), "{text}");
    assert!(text.contains("2026-12-31（还剩21天）"), "{text}");
    assert!(text.contains("请尽快载入下一年的节假日安排"), "{text}");
    let output = coverage_on_2026_12_10(&[
        "--calendar",
        "tests/fixtures/calendars/cn-2027-test.json",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    let value: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(value["coverage"]["last_covered_day"], "2027-12-31");
    assert_eq!(value["coverage"]["ends_soon"], false);
    assert_eq!(value["warning"], Value::Null);
}

#[test]
fn a_national_file_that_contradicts_a_loaded_year_is_refused_with_its_name() {
    // Removed when the test ends, passed or failed.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cn-2026-wrong.json");
    std::fs::write(
        &path,
        r#"{"format": "banli-calendar/1", "region": "CN", "name": "错的", "years": [{"year": 2026, "holidays": [{"from": "2026-01-01", "to": "2026-01-02", "name": "元旦"}]}]}"#,
    )
    .unwrap();
    let output = day_after_2026_12_30(path.to_str().unwrap());
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cn-2026-wrong.json"), "{stderr}");
    assert!(stderr.contains("calendar.year_conflicts"), "{stderr}");
    // The built-in file itself adds nothing and contradicts nothing.
    let output = day_after_2026_12_30("schemas/calendars/cn.json");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output).trim(), "2026-12-31");
}

/// `banli calendar coverage --today 2026-12-10`, then `extra`.
fn coverage_on_2026_12_10(extra: &[&str]) -> Output {
    let mut args = vec!["calendar", "coverage", "--today", "2026-12-10"];
    args.extend_from_slice(extra);
    banli(&args)
}

/// `banli workdays add 2026-12-30 1 --calendar calendar`: the working day
/// after 2026-12-30 with `calendar` loaded as well.
fn day_after_2026_12_30(calendar: &str) -> Output {
    banli(&["workdays", "add", "2026-12-30", "1", "--calendar", calendar])
}
