//! `banli bundle`: the shipped bundle (开办餐馆一件事) merges into one
//! definition that itself lints clean, and broken bundles exit 2.

use crate::{banli, stderr, stdout};

#[test]
fn the_restaurant_bundle_merges_into_a_clean_item() {
    let output = banli(&["bundle", "schemas/bundles/open-restaurant.json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let merged: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(merged["format"], "banli-item/1");
    let members: Vec<&str> = merged["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["code"].as_str().unwrap())
        .collect();
    assert_eq!(members.len(), 3);
    let dir = std::env::temp_dir().join(format!("banli-bundle-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("merged.json");
    std::fs::write(&file, stdout(&output)).unwrap();
    let lint = banli(&["lint", file.to_str().unwrap()]);
    assert_eq!(lint.status.code(), Some(0), "{}", stdout(&lint));
    assert!(
        stdout(&lint).ends_with("0个错误，0个警告\n"),
        "{}",
        stdout(&lint)
    );
    // One guide for the whole bundle, listing its member items.
    let guide = banli(&["guide", file.to_str().unwrap(), "--format", "md"]);
    assert_eq!(guide.status.code(), Some(0));
    // The bundle file itself gives the same guide, merged on the way,
    // rather than the item format's complaints about a bundle.
    let direct = banli(&[
        "guide",
        "schemas/bundles/open-restaurant.json",
        "--format",
        "md",
    ]);
    assert_eq!(direct.status.code(), Some(0), "{}", stderr(&direct));
    assert_eq!(stdout(&direct), stdout(&guide));
    // So do the other commands that read one definition.
    let bundle = "schemas/bundles/open-restaurant.json";
    let checklist = banli(&["checklist", bundle]);
    assert_eq!(checklist.status.code(), Some(0), "{}", stderr(&checklist));
    let diff = banli(&["diff", bundle, bundle]);
    assert_eq!(
        stdout(&diff),
        "共0处修改，其中0处不兼容\n",
        "{}",
        stderr(&diff)
    );
    let snapshots = crate::workspace_root().join("tests/fixtures/bundles/snapshots");
    insta::with_settings!({snapshot_path => snapshots, prepend_module_to_snapshot => false, omit_expression => true}, {
        // The merged definition itself, so a change to any phase of the
        // merge shows as a diff.
        insta::assert_snapshot!("open-restaurant.merged.json", stdout(&output));
        insta::assert_snapshot!("open-restaurant.guide.md", stdout(&guide));
    });
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_missing_member_names_the_bundle() {
    let dir = std::env::temp_dir().join(format!("banli-bundle-missing-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("broken.json");
    let items = crate::workspace_root().join("schemas/items");
    let items = items.to_str().unwrap();
    let text = std::fs::read_to_string(
        crate::workspace_root().join("schemas/bundles/open-restaurant.json"),
    )
    .unwrap()
    .replace(
        "../items/shop-sign-permit.json",
        "../items/no-such-item.json",
    )
    .replace("../items", items);
    std::fs::write(&file, text).unwrap();
    let output = banli(&["bundle", file.to_str().unwrap(), "--items", items]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("signage"), "{}", stderr(&output));
    let _ = std::fs::remove_dir_all(dir);
}

/// `banli check BUNDLE SUBMISSION` on the bundle's fixtures
/// (`tests/fixtures/bundles/open-restaurant/*.json`): the verdict the name
/// promises, each member's report snapshotted (English too for invalid ones).
#[test]
fn bundle_submissions_are_checked_member_by_member() {
    let cases = crate::json_stems("tests/fixtures/bundles/open-restaurant");
    assert!(cases.len() >= 3, "{cases:?}");
    let check = |case: &str, extra: &[&str]| {
        let mut args = vec!["--format", "json"];
        args.extend_from_slice(extra);
        crate::check(
            "schemas/bundles/open-restaurant.json",
            &format!("tests/fixtures/bundles/open-restaurant/{case}.json"),
            "2026-10-20",
            &args,
        )
    };
    for case in &cases {
        let (code, json) = check(case, &[]);
        let report: serde_json::Value = serde_json::from_str(&json).unwrap();
        let expected = crate::status_named_by(case);
        assert_eq!(report["status"], expected, "{case}: {json}");
        assert_eq!(code, i32::from(expected == "invalid"), "{case}");
        let keys: Vec<&str> = report["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["key"].as_str().unwrap())
            .collect();
        assert_eq!(keys, ["registration", "food", "signage"], "{case}");
        crate::snapshot("bundles", &format!("open-restaurant.{case}"), &json);
        if expected == "invalid" {
            let (_, english) = check(case, &["--lang", "en"]);
            crate::snapshot("bundles", &format!("open-restaurant.{case}.en"), &english);
        }
    }
}

/// A bundle envelope that names another bundle is refused as a whole, at
/// `/item/code`, even though every member's own envelope would pass.
#[test]
fn an_envelope_for_another_bundle_is_invalid() {
    let dir = std::env::temp_dir().join(format!("banli-bundle-other-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = crate::workspace_root().join("tests/fixtures/bundles/open-restaurant/valid.json");
    let mut envelope: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    envelope["item"]["code"] = serde_json::json!("11339900MB1000001Q9000000009999");
    let file = dir.join("other.json");
    std::fs::write(&file, envelope.to_string()).unwrap();
    let output = banli(&[
        "check",
        "schemas/bundles/open-restaurant.json",
        file.to_str().unwrap(),
        "--accepted-on",
        "2026-10-20",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["status"], "invalid");
    assert_eq!(report["errors"][0]["path"], "/item/code");
    assert_eq!(report["errors"][0]["code"], "envelope.item_mismatch");
    let _ = std::fs::remove_dir_all(dir);
}

/// The test bundle of `tests/fixtures/bundles/project-approval.json`: the
/// real 广西 item (offices, contacts, 办理流程, channels, FAQ, remedies...)
/// and the energy review as members, with the 一件事's own (fictitious)
/// window, lines, 一表申请→并联审批→统一出件 process, channels and FAQ.
const PROJECT: &str = "tests/fixtures/bundles/project-approval.json";

/// Issue 18: the bundle's guide prints the bundle's own descriptive facts
/// and, under each member's name, the member's own, as its guide does, in
/// both formats and both languages.
#[test]
fn a_bundle_guide_shows_its_own_facts_and_each_members() {
    let snapshots = crate::workspace_root().join("tests/fixtures/bundles/snapshots");
    for (name, args) in [
        ("project-approval.guide.md", &["--format", "md"][..]),
        (
            "project-approval.guide.en.md",
            &["--format", "md", "--lang", "en"][..],
        ),
        ("project-approval.guide.html", &["--format", "html"][..]),
    ] {
        let mut all = vec!["guide", PROJECT];
        all.extend_from_slice(args);
        let output = banli(&all);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        insta::with_settings!({snapshot_path => &snapshots, prepend_module_to_snapshot => false, omit_expression => true}, {
            insta::assert_snapshot!(name, stdout(&output));
        });
    }
}

/// The bundle's own guide keys have an item's shapes: a broken one is an
/// error at its place, in the file's lines, and `banli bundle` refuses the
/// file naming every problem; a text without English is a warning, as in
/// an item.
#[test]
fn a_bundles_own_guide_keys_are_linted_as_an_items() {
    let findings = |path: &str| {
        let output = banli(&["lint", path, "--format", "json"]);
        let reports: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        let found: Vec<(String, String, String, u64)> = reports[0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["severity"].as_str().unwrap().to_owned(),
                    d["code"].as_str().unwrap().to_owned(),
                    d["pointer"].as_str().unwrap().to_owned(),
                    d["line"].as_u64().unwrap_or(0),
                )
            })
            .collect();
        (output.status.code(), found)
    };
    assert_eq!(findings(PROJECT), (Some(0), vec![]));
    let dir = "tests/fixtures/bundles/project-approval";
    let (code, found) = findings(&format!("{dir}/office-without-address.json"));
    assert_eq!(code, Some(1));
    let found: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|(s, c, p, line)| {
            assert!(*line > 1, "{p} has its line");
            (s.as_str(), c.as_str(), p.as_str())
        })
        .collect();
    assert_eq!(
        found,
        [
            ("error", "definition.missing_key", "/offices/0/address"),
            ("error", "definition.unknown_value", "/contacts/1/purpose"),
        ]
    );
    let (code, found) = findings(&format!("{dir}/office-hours-untranslated.json"));
    assert_eq!(code, Some(0));
    assert_eq!(
        found
            .iter()
            .map(|(s, c, p, _)| (s.as_str(), c.as_str(), p.as_str()))
            .collect::<Vec<_>>(),
        [("warning", "lint.missing_translation", "/offices/0")]
    );
    let refused = banli(&["bundle", &format!("{dir}/office-without-address.json")]);
    assert_eq!(refused.status.code(), Some(2));
    let message = stderr(&refused);
    for expected in [
        "office-without-address.json",
        "/offices/0/address",
        "/contacts/1/purpose",
    ] {
        assert!(message.contains(expected), "{expected}: {message}");
    }
}

/// A bundle-level office that moved changes the guide, not drafts.
#[test]
fn a_moved_bundle_office_is_a_guide_change() {
    let output = banli(&[
        "diff",
        PROJECT,
        "tests/fixtures/bundles/project-approval/office-moved.json",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let diff: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let changes: Vec<(&str, &str)> = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["kind"].as_str().unwrap(), c["path"].as_str().unwrap()))
        .collect();
    assert_eq!(changes, [("guide_changed", "/offices")], "{diff}");
}

/// A bundle whose member has situations (办理情形) and variants (业务办理项),
/// the test bundle `tests/fixtures/bundles/project-approval.json`: its
/// merged definition lints clean and carries the member's situations
/// (rebased, ids prefixed) and, in the member's record, its variants; the
/// guide words the situations under their member (its snapshots: above);
/// the checklist decides the member's materials from the answers; each
/// submission (`project-approval/submissions/`) is checked member by
/// member, the feasibility member's report naming the variant the answers
/// chose. Merged definition, checklist and reports are snapshotted.
#[test]
fn a_bundle_carries_its_members_situations_and_variants() {
    let bundle = PROJECT;
    let output = banli(&["bundle", bundle]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let merged: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        merged["situations"][2]["field"],
        "/feasibility/situation/upper_level_authority"
    );
    assert_eq!(
        merged["situations"][2]["cases"][1]["id"],
        "feasibility-upper-level-authority"
    );
    assert_eq!(
        merged["members"][0]["variants"][1]["id"],
        "forwarded-upward"
    );
    let dir = std::env::temp_dir().join(format!("banli-bundle-situations-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("merged.json");
    std::fs::write(&file, stdout(&output)).unwrap();
    let lint = banli(&["lint", file.to_str().unwrap()]);
    assert!(
        stdout(&lint).ends_with("0个错误，0个警告\n"),
        "{}",
        stdout(&lint)
    );
    let checklist = banli(&[
        "checklist",
        bundle,
        "--answers",
        "tests/fixtures/bundles/project-approval/checklists/allocated-land-upper-level.json",
    ]);
    assert_eq!(checklist.status.code(), Some(0), "{}", stderr(&checklist));
    let snapshots = crate::workspace_root().join("tests/fixtures/bundles/snapshots");
    insta::with_settings!({snapshot_path => snapshots, prepend_module_to_snapshot => false, omit_expression => true}, {
        insta::assert_snapshot!("project-approval.merged.json", stdout(&output));
        insta::assert_snapshot!("project-approval.checklist.allocated-land-upper-level", stdout(&checklist));
    });
    for case in crate::json_stems("tests/fixtures/bundles/project-approval/submissions") {
        let (code, json) = crate::check(
            bundle,
            &format!("tests/fixtures/bundles/project-approval/submissions/{case}.json"),
            "2026-10-20",
            &["--format", "json"],
        );
        let report: serde_json::Value = serde_json::from_str(&json).unwrap();
        let expected = crate::status_named_by(&case);
        assert_eq!(report["status"], expected, "{case}: {json}");
        assert_eq!(code, i32::from(expected == "invalid"), "{case}");
        let upper =
            case.contains("upper-level") || case.contains("missing") || case.contains("deferred");
        let variant = if upper {
            "forwarded-upward"
        } else {
            "county-approval"
        };
        assert_eq!(
            report["members"][0]["report"]["variant"]["id"], variant,
            "{case}"
        );
        crate::snapshot("bundles", &format!("project-approval.{case}"), &json);
    }
    let _ = std::fs::remove_dir_all(dir);
}
