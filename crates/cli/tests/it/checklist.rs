//! `banli checklist`: the applicant's own checklist (办事指引) for the
//! answers in `tests/fixtures/<item>/checklists/<case>.json`, snapshotted as
//! JSON in both languages (the wasm build's `Item.checklist` must give the
//! same, see tests/wasm/parity.test.mjs) and in words.

use crate::{banli, items, json_stems, snapshot, stdout};

#[test]
fn checklists_match_their_snapshots() {
    let mut checked = 0;
    for item in items() {
        let dir = format!("tests/fixtures/{item}/checklists");
        if !crate::workspace_root().join(&dir).is_dir() {
            continue;
        }
        for case in json_stems(&dir) {
            let path = format!("schemas/items/{item}.json");
            let answers = format!("{dir}/{case}.json");
            let run = |extra: &[&str]| {
                let mut args = vec!["checklist", &path, "--answers", &answers];
                args.extend_from_slice(extra);
                let output = banli(&args);
                assert_eq!(output.status.code(), Some(0), "{item}/{case}");
                stdout(&output)
            };
            snapshot(
                &item,
                &format!("checklist-{case}"),
                &run(&["--format", "json"]),
            );
            snapshot(
                &item,
                &format!("checklist-{case}.en"),
                &run(&["--format", "json", "--lang", "en"]),
            );
            snapshot(&item, &format!("checklist-{case}.human"), &run(&[]));
            checked += 1;
        }
    }
    assert!(checked >= 3, "the real items' checklists ({checked})");
}
