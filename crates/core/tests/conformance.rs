//! The official JSON-Schema-Test-Suite through the engine configuration every
//! banli schema is compiled with (`banli_core::schema::engine_options`):
//! formats asserted, the linear-time regex engine, Chinese formats.
//!
//! The suite is vendored in `tests/vendor/json-schema-test-suite/` (see
//! `tests/vendor/README.md` for its origin and how to update it), so a clone
//! alone passes. Only its remote references are served from its `remotes/`
//! folder; banli itself refuses every remote reference.
//!
//! Every case must pass except the known failures listed by name, each with
//! its reason, in `conformance-known-failures.json` beside this file. A case
//! that fails without being listed fails the test (a regression), and so does
//! a listed case that passes or no longer exists (a stale list: remove the
//! entry). Pass counts are printed (`cargo xtask test` shows them).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use banli_core::schema::engine_options;
use jsonschema::{Draft, Retrieve, Uri};
use serde_json::Value;

struct SuiteRemotes(PathBuf);

impl Retrieve for SuiteRemotes {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let path = uri.path().as_str().trim_start_matches('/');
        if uri.authority().map(|a| a.as_str()) != Some("localhost:1234") {
            return Err(format!("not a suite remote: {uri}").into());
        }
        let text = std::fs::read_to_string(self.0.join(path))?;
        Ok(serde_json::from_str(&text)?)
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn suite_root() -> PathBuf {
    workspace_root().join("tests/vendor/json-schema-test-suite")
}

/// One case of the suite: the file relative to `tests/` (for example
/// `draft2020-12/format.json`), the group's and the test's descriptions.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Case {
    file: String,
    group: String,
    test: String,
}

impl std::fmt::Display for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {} / {}", self.file, self.group, self.test)
    }
}

/// Every case run, with whether it gave the expected answer. A case named
/// twice in a file (the suite does not forbid it) passes only if every
/// occurrence passes.
type Outcomes = BTreeMap<Case, bool>;

fn run_file(path: &Path, draft: Draft, root: &Path, outcomes: &mut Outcomes) {
    let text = std::fs::read_to_string(path).unwrap();
    let groups: Vec<Value> = serde_json::from_str(&text).unwrap();
    let file = path
        .strip_prefix(root.join("tests"))
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    for group in groups {
        let tests = group["tests"].as_array().unwrap();
        let validator = engine_options(draft)
            .with_retriever(SuiteRemotes(root.join("remotes")))
            .build(&group["schema"]);
        for test in tests {
            let expected = test["valid"].as_bool().unwrap();
            let ok = match &validator {
                Ok(v) => v.is_valid(&test["data"]) == expected,
                Err(_) => false,
            };
            let case = Case {
                file: file.clone(),
                group: group["description"].as_str().unwrap().to_owned(),
                test: test["description"].as_str().unwrap().to_owned(),
            };
            *outcomes.entry(case).or_insert(true) &= ok;
        }
    }
}

/// Runs the `.json` files directly in `tests/<dir>` (not its subfolders).
fn run_dir(dir: &str, draft: Draft) -> Outcomes {
    let root = suite_root();
    let path = root.join("tests").join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&path)
        .unwrap_or_else(|e| {
            panic!(
                "the vendored JSON-Schema-Test-Suite is missing at {}: {e}",
                path.display()
            )
        })
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut outcomes = Outcomes::new();
    for file in files {
        run_file(&file, draft, &root, &mut outcomes);
    }
    outcomes
}

/// The known failures whose file lies directly in `tests/<dir>`, each with
/// its reason. Panics on a malformed entry: a list nobody can read guards
/// nothing.
fn known_failures(dir: &str) -> BTreeMap<Case, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance-known-failures.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let entries: Vec<Value> = serde_json::from_str(&text).unwrap();
    let mut known = BTreeMap::new();
    for entry in entries {
        let field = |name: &str| {
            entry[name]
                .as_str()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| panic!("known failure without “{name}”: {entry}"))
                .to_owned()
        };
        let case = Case {
            file: field("file"),
            group: field("group"),
            test: field("test"),
        };
        let reason = field("reason");
        if Path::new(&case.file).parent() != Some(Path::new(dir)) {
            continue;
        }
        assert!(
            known.insert(case.clone(), reason).is_none(),
            "known failure listed twice: {case}"
        );
    }
    known
}

/// Prints the counts, then fails on every difference between the outcomes
/// and the known failures, in both directions.
fn check(name: &str, dir: &str, outcomes: &Outcomes) {
    let known = known_failures(dir);
    let passed = outcomes.values().filter(|ok| **ok).count();
    let total = outcomes.len();
    eprintln!(
        "conformance {name}: {passed} of {total} passed ({} failed, {} of them known)",
        total - passed,
        known.len()
    );
    let unexpected: Vec<String> = outcomes
        .iter()
        .filter(|(case, ok)| !**ok && !known.contains_key(case))
        .map(|(case, _)| format!("  FAIL {case}"))
        .collect();
    let stale: Vec<String> = known
        .keys()
        .filter_map(|case| match outcomes.get(case) {
            Some(true) => Some(format!("  now passes: {case}")),
            None => Some(format!("  no such case: {case}")),
            Some(false) => None,
        })
        .collect();
    let mut problems = String::new();
    if !unexpected.is_empty() {
        problems += &format!(
            "\n{} case(s) fail that are not known failures (a regression; or list each with its reason in crates/core/tests/conformance-known-failures.json):\n{}",
            unexpected.len(),
            unexpected.join("\n")
        );
    }
    if !stale.is_empty() {
        problems += &format!(
            "\n{} known failure(s) are stale (remove them from crates/core/tests/conformance-known-failures.json):\n{}",
            stale.len(),
            stale.join("\n")
        );
    }
    assert!(problems.is_empty(), "{name}:{problems}");
}

#[test]
fn draft2020_12_required() {
    let outcomes = run_dir("draft2020-12", Draft::Draft202012);
    check("draft2020-12 (required)", "draft2020-12", &outcomes);
}

#[test]
fn draft7_required() {
    let outcomes = run_dir("draft7", Draft::Draft7);
    check("draft7 (required)", "draft7", &outcomes);
}

#[test]
fn draft2020_12_optional_formats() {
    let outcomes = run_dir("draft2020-12/optional/format", Draft::Draft202012);
    check(
        "draft2020-12 optional/format (asserted)",
        "draft2020-12/optional/format",
        &outcomes,
    );
}
