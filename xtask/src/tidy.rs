//! Repository hygiene, checked as tests: every Rust module says why it
//! exists in a `//!` doc comment, and every sample item has fixtures.

use std::path::Path;

use crate::project_root;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path
                .file_name()
                .is_some_and(|n| n != "target" && n != "snapshots")
            {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_has_a_doc_comment() {
    let root = project_root();
    let mut files = Vec::new();
    rust_files(&root.join("crates"), &mut files);
    rust_files(&root.join("xtask"), &mut files);
    let missing: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            !text.trim_start().starts_with("//!")
        })
        .map(|f| f.strip_prefix(&root).unwrap().display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "these files need a `//!` module doc saying why they exist: {missing:#?}"
    );
}

#[test]
fn every_sample_item_has_fixtures() {
    let root = project_root();
    for entry in std::fs::read_dir(root.join("schemas/items")).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(
            root.join("tests/fixtures").join(&stem).is_dir(),
            "schemas/items/{stem}.json has no tests/fixtures/{stem}/"
        );
    }
}
