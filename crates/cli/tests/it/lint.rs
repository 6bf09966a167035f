//! `banli lint`: the sample items are clean; broken ones are reported, all
//! files at once.

use crate::{banli, stdout};

#[test]
fn the_sample_items_have_no_errors() {
    let output = banli(&["lint", "schemas/items"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("0 error(s)"),
        "{}",
        stdout(&output)
    );
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
