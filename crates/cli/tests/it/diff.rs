//! `banli diff`: version pairs of the food business licence under
//! `tests/fixtures/diff/` (each file a new version of
//! `schemas/items/food-business-licence.json`), named by the verdict they
//! must get: `breaking-*` exits 1, `compatible-*` exits 0.

use crate::{banli, stderr, stdout, workspace_root};

const OLD: &str = "schemas/items/food-business-licence.json";

#[test]
fn version_pairs_are_classified_as_their_names_say() {
    let dir = workspace_root().join("tests/fixtures/diff");
    let mut pairs: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            (path.extension()? == "json")
                .then(|| path.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    pairs.sort();
    assert!(pairs.len() >= 7, "{pairs:?}");
    for pair in pairs {
        let new = format!("tests/fixtures/diff/{pair}.json");
        let output = banli(&["diff", OLD, &new, "--format", "json"]);
        let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        let breaking = pair.starts_with("breaking");
        assert_eq!(report["breaking"], breaking, "{pair}: {report:#}");
        assert_eq!(output.status.code(), Some(i32::from(breaking)), "{pair}");
        // The kind the name promises is among the changes.
        if let Some(kind) = pair.strip_prefix("breaking-") {
            let kinds: Vec<&str> = report["changes"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["impact"] == "breaking")
                .map(|c| c["kind"].as_str().unwrap())
                .collect();
            let expected = match kind {
                "field-renamed" => "field_renamed",
                "field-removed" => "field_removed",
                "enum-value-removed" => "enum_value_removed",
                "material-not-deferrable" => "material_no_longer_deferrable",
                "new-required-field" => "newly_required",
                "type-narrowed" => "type_narrowed",
                other => panic!("no expectation for {other}"),
            };
            assert_eq!(kinds, [expected], "{pair}");
        } else {
            // A compatible pair must still report what changed, every change compatible.
            let changes: Vec<(&str, &str)> = report["changes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| (c["kind"].as_str().unwrap(), c["impact"].as_str().unwrap()))
                .collect();
            let expected: &[&str] = match pair.as_str() {
                "compatible-additions" => &[
                    "enum_value_added",
                    "field_added",
                    "material_no_longer_required",
                    "version_changed",
                ],
                // Issue 18's descriptive keys change the guide, not drafts.
                "compatible-guide-elements" => &[
                    "channel_added",
                    "material_now_generated",
                    "guide_changed",
                    "guide_changed",
                    "version_changed",
                ],
                other => panic!("no expectation for {other}"),
            };
            let kinds: Vec<&str> = changes.iter().map(|(kind, _)| *kind).collect();
            assert_eq!(kinds, expected, "{pair}");
            assert!(
                changes.iter().all(|(_, impact)| *impact == "compatible"),
                "{pair}: {changes:?}"
            );
        }
    }
}

#[test]
fn an_item_against_itself_has_no_changes() {
    let output = banli(&["diff", OLD, OLD]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "共0处修改，其中0处不兼容\n");
}

/// Issue 18: the 广西 item as it was before situations (its situational
/// materials written with `when`, kept in tests/fixtures/situations/) and as
/// it is now: the situations mean exactly those conditions, so nothing
/// changes for an applicant or a draft.
#[test]
fn situations_mean_exactly_the_conditions_they_replace() {
    let output = banli(&[
        "diff",
        "tests/fixtures/situations/gx-feasibility-approval-with-when.json",
        "schemas/items/gx-feasibility-approval.json",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let diff: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    // The variants (业务办理项) came with the situations that choose them: a
    // guide change, and the only one.
    let changes: Vec<(&str, &str)> = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["kind"].as_str().unwrap(), c["path"].as_str().unwrap()))
        .collect();
    assert_eq!(changes, [("guide_changed", "/variants")], "{diff}");
}

#[test]
fn the_human_format_names_every_change() {
    let output = banli(&[
        "diff",
        OLD,
        "tests/fixtures/diff/breaking-field-renamed.json",
        "--lang",
        "en",
    ]);
    insta::assert_snapshot!(stdout(&output), @r"
    breaking /kitchen_area_m2: the field /kitchen_area_m2 was renamed to /kitchen_area [field_renamed]
    compatible /version: version 2026.1 → 2026.2 [version_changed]
    2 change(s), 1 breaking
    ");
}

#[test]
fn unusable_input_exits_2() {
    let output = banli(&["diff", OLD, "tests/fixtures/broken-items/malformed.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("malformed.json"),
        "{}",
        stderr(&output)
    );
}
