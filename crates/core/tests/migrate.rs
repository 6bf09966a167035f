//! A draft-07 form means the same after `migrate::draft07` (what `banli
//! migrate` prints): every case of `tests/fixtures/migrate/same-verdicts/`
//! (definitions, a tuple with `additionalItems`, both kinds of
//! `dependencies`) gets the same verdict, with the same failing fields, from
//! a draft-07 engine on the original form (banli's engine configuration,
//! `Draft::Draft7`) as from banli on the migrated item.

use std::collections::BTreeSet;
use std::path::PathBuf;

use banli_core::{CompiledItem, Lang, ValidationContext};
use jsonschema::{Draft, error::ValidationErrorKind};
use serde_json::Value;

fn workspace_file(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn read_json(path: &str) -> Value {
    let file = workspace_file(path);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// The top-level field of a place in the data: draft-07's
/// `additionalItems: false` is reported at the array, 2020-12's `items:
/// false` at the extra entry, so places are compared by field.
fn field(place: &str) -> String {
    place.split('/').nth(1).unwrap_or_default().to_owned()
}

#[test]
fn migrated_forms_give_the_draft07_verdicts() {
    let original = read_json("tests/fixtures/migrate/same-verdicts/item.json");
    let draft07 = banli_core::schema::engine_options(Draft::Draft7)
        .build(&original["form"])
        .expect("the draft-07 form compiles as draft-07");
    let migrated = banli_core::migrate::draft07(&original).expect("it migrates");
    let item = CompiledItem::from_value(&migrated.value).expect("the migrated item loads");

    let dir = workspace_file("tests/fixtures/migrate/same-verdicts/cases");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 6, "{cases:?}");
    let (mut valid, mut invalid) = (0, 0);
    for case in cases {
        let submission: Value =
            serde_json::from_str(&std::fs::read_to_string(&case).unwrap()).unwrap();
        let data = item.normalize(&submission["data"]).into_owned();
        let expected: BTreeSet<String> = draft07
            .iter_errors(&data)
            .map(|e| match e.kind() {
                // Reported at the object by the engine, at the field by banli.
                ValidationErrorKind::Required { property } => {
                    property.as_str().unwrap_or_default().to_owned()
                }
                _ => field(&e.instance_path().to_string()),
            })
            .collect();
        let report = item
            .validate(&submission, &ValidationContext::new(Lang::En))
            .unwrap();
        let found: BTreeSet<String> = report.errors.iter().map(|e| field(&e.path)).collect();
        assert_eq!(found, expected, "{}", case.display());
        if expected.is_empty() {
            valid += 1;
        } else {
            invalid += 1;
        }
    }
    assert!(valid > 0 && invalid > 0, "both verdicts are compared");
}
