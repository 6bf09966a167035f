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
