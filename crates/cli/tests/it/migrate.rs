//! `banli migrate`: a draft-07 form rewritten in JSON Schema 2020-12 means
//! what its author meant. The fixture `tests/fixtures/migrate/draft07.json`
//! (definitions, a percent-encoded `$ref`, a tuple with `additionalItems`,
//! both kinds of `dependencies`) is migrated, compared with its snapshot,
//! and the result checked against `tests/fixtures/migrate/cases/`.

use std::path::PathBuf;

use crate::{banli, json_stems, snapshot, stderr, stdout, workspace_root};

const INPUT: &str = "tests/fixtures/migrate/draft07.json";

/// A fresh folder under the temporary directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("banli-migrate-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_migrated_item_matches_its_snapshot_and_lists_its_changes() {
    let output = banli(&["migrate", INPUT, "--lang", "en"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    snapshot("migrate", "draft07.migrated", &stdout(&output));
    snapshot("migrate", "draft07.changes.en", &stderr(&output));
    let zh = banli(&["migrate", INPUT]);
    snapshot("migrate", "draft07.changes.zh", &stderr(&zh));
    assert_eq!(
        stdout(&zh),
        stdout(&output),
        "the JSON is the same in every language"
    );
}

#[test]
fn the_migrated_item_loads_and_its_conditions_fire() {
    // Before: the tuple stops the form from compiling.
    let before = banli(&["check", INPUT, "tests/fixtures/migrate/cases/valid.json"]);
    assert_eq!(before.status.code(), Some(2));
    assert!(
        stderr(&before).contains("/form/properties/location/items")
            && stderr(&before).contains("prefixItems")
            && !stderr(&before).contains("is not of types"),
        "{}",
        stderr(&before)
    );

    let dir = scratch("check");
    let migrated = dir.join("draft07.json");
    std::fs::write(&migrated, stdout(&banli(&["migrate", INPUT]))).unwrap();
    let lint = banli(&["lint", migrated.to_str().unwrap()]);
    assert_eq!(lint.status.code(), Some(0), "{}", stdout(&lint));

    let verdict = |case: &str| {
        let (code, json) = crate::check(
            migrated.to_str().unwrap(),
            &format!("tests/fixtures/migrate/cases/{case}.json"),
            "2026-11-20",
            &["--format", "json"],
        );
        let report: serde_json::Value =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{case}: {e}\n{json}"));
        (code, crate::error_pairs(&report))
    };
    assert_eq!(
        json_stems("tests/fixtures/migrate/cases"),
        ["invalid-dependencies", "invalid-tuple", "valid"]
    );
    assert_eq!(verdict("valid"), (0, vec![]));
    // `dependencies: {agent_name: ["agent_mobile"]}` was ignored under
    // 2020-12; as dependentRequired it fires.
    assert_eq!(
        verdict("invalid-dependencies"),
        (
            1,
            vec![("/agent_mobile".into(), "dependentRequired".into())]
        )
    );
    // The tuple's members, `additionalItems: false` (now `items`), and the
    // schema dependency's `$ref` into the former `definitions`.
    let (code, errors) = verdict("invalid-tuple");
    assert_eq!(code, 1);
    for expected in [
        ("/location/0", "maximum"),
        ("/location/2", "false"),
        ("/agent_mobile", "format.cn-mobile"),
    ] {
        assert!(
            errors
                .iter()
                .any(|(p, c)| p == expected.0 && c.starts_with(expected.1)),
            "{expected:?} in {errors:?}"
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn write_rewrites_the_file_in_place() {
    let dir = scratch("write");
    let file = dir.join("item.json");
    std::fs::copy(workspace_root().join(INPUT), &file).unwrap();
    let output = banli(&["migrate", file.to_str().unwrap(), "--write", "--lang", "en"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "", "nothing on stdout with --write");
    assert!(stderr(&output).contains("rewritten"), "{}", stderr(&output));
    let expected = stdout(&banli(&["migrate", INPUT]));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);
    let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    // Migrating again finds nothing and leaves the file alone.
    let again = banli(&["migrate", file.to_str().unwrap(), "--write", "--lang", "en"]);
    assert_eq!(again.status.code(), Some(0));
    assert!(
        stderr(&again).contains("nothing to migrate"),
        "{}",
        stderr(&again)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_broken_input_leaves_the_file_untouched() {
    let dir = scratch("broken");
    let file = dir.join("item.json");
    let text = "{\n  \"format\": \"banli-item/1\",\n  \"form\": {\n    \"properties\": {\n      \"a\": {\n        \"dependencies\": {\"b\": 3}\n      }\n    }\n  }\n}\n";
    std::fs::write(&file, text).unwrap();
    let output = banli(&["migrate", file.to_str().unwrap(), "--write", "--lang", "en"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains(&format!(
            "{}:6:31: /form/properties/a/dependencies/b: a dependencies value must be an array of property names or a schema",
            file.display()
        )) && message.contains("the file is unchanged"),
        "{message}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);

    let not_json = dir.join("item.json");
    std::fs::write(&not_json, "{\"form\": ").unwrap();
    let output = banli(&["migrate", not_json.to_str().unwrap(), "--write"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("not valid JSON"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&not_json).unwrap(), "{\"form\": ");
    let _ = std::fs::remove_dir_all(dir);
}
