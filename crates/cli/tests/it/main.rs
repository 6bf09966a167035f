//! End-to-end tests of the `banli` binary: one test binary (for link time),
//! one module per command. Fixture data lives in the workspace's `tests/`.

mod bundle;
mod check_errors;
mod diff;
mod fixtures;
mod guide;
mod lint;
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
