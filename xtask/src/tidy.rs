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

/// ARCHITECTURE.md's code map names every module of the crates' and
/// xtask's sources (as `name.rs`, `name/`, `` `name` `` or `::name`), so a
/// new file cannot go unmapped. `lib.rs`, `main.rs` and `mod.rs` are named
/// by their crate or folder; test folders are mapped by their crate.
#[test]
fn architecture_names_every_module() {
    let root = project_root();
    let map = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let mut files = Vec::new();
    for krate in std::fs::read_dir(root.join("crates")).unwrap() {
        rust_files(&krate.unwrap().path().join("src"), &mut files);
    }
    rust_files(&root.join("xtask/src"), &mut files);
    let unnamed: Vec<String> = files
        .iter()
        .filter(|f| !f.components().any(|c| c.as_os_str() == "tests"))
        .filter_map(|f| {
            let stem = f.file_stem()?.to_str()?;
            if matches!(stem, "lib" | "main" | "mod") {
                return None;
            }
            let named = [
                format!("{stem}.rs"),
                format!("{stem}/"),
                format!("`{stem}`"),
                format!("::{stem}"),
            ]
            .iter()
            .any(|form| map.contains(form.as_str()));
            (!named).then(|| f.strip_prefix(&root).unwrap().display().to_string())
        })
        .collect();
    assert!(
        unnamed.is_empty(),
        "ARCHITECTURE.md's code map does not name: {unnamed:#?}"
    );
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
