//! End-to-end tests of the `banli` binary: one test binary (for link time),
//! one module per command. Fixture data lives in the workspace's `tests/`.

mod bundle;
mod check_errors;
mod checklist;
mod closed_pipe;
mod diff;
mod fixtures;
mod guide;
mod lint;
mod migrate;
mod pending;
mod workdays;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace root exists")
}

/// Runs `banli` from the workspace root, so paths in output are relative.
pub fn banli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_banli"))
        .args(args)
        .current_dir(workspace_root())
        .env("NO_COLOR", "1")
        .output()
        .expect("the banli binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// The names (without `.json`) of the JSON files in a workspace folder, sorted.
pub fn json_stems(folder: &str) -> Vec<String> {
    let dir = workspace_root().join(folder);
    let mut stems: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| {
            let path = e.unwrap().path();
            (path.extension()? == "json")
                .then(|| path.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    stems.sort();
    stems
}

/// The sample items (`schemas/items/*.json`).
pub fn items() -> Vec<String> {
    json_stems("schemas/items")
}

/// `banli check ITEM SUBMISSION --accepted-on DATE` and `extra`: the exit
/// code and stdout. Paths are relative to the workspace root.
pub fn check(item: &str, submission: &str, accepted_on: &str, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["check", item, submission, "--accepted-on", accepted_on];
    args.extend_from_slice(extra);
    let output = banli(&args);
    (output.status.code().unwrap_or(-1), stdout(&output))
}

/// The status a submission fixture's name promises (tests/fixtures/README.md):
/// `invalid-*` invalid, `deferred-*` and `in-lieu-*` valid with
/// commitments, anything else valid.
pub fn status_named_by(case: &str) -> &'static str {
    if case.starts_with("invalid") {
        "invalid"
    } else if case.starts_with("deferred") || case.starts_with("in-lieu") {
        "valid_with_commitments"
    } else {
        "valid"
    }
}

/// `(path, code)` of each error of a report (`banli check --format json`).
pub fn error_pairs(report: &serde_json::Value) -> Vec<(String, String)> {
    report["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            (
                e["path"].as_str().unwrap_or_default().to_owned(),
                e["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// Compares `contents` with the snapshot `name` in `tests/fixtures/<item>/snapshots/`.
pub fn snapshot(item: &str, name: &str, contents: &str) {
    let dir = workspace_root()
        .join("tests/fixtures")
        .join(item)
        .join("snapshots");
    insta::with_settings!({snapshot_path => dir, prepend_module_to_snapshot => false, omit_expression => true}, {
        insta::assert_snapshot!(name, contents);
    });
}
