//! A reader that stops early (`banli guide … | head`) closes the pipe under
//! `banli`: every command that prints must end quietly with its verdict,
//! never with a panic (exit 101, "failed printing to stdout").

use std::process::{Command, Output, Stdio};

use crate::{banli, stderr, workspace_root};

const ACCEPTED_ON: &[&str] = &["--accepted-on", "2026-11-23"];

/// Every command that prints, with arguments that make it print.
fn commands() -> Vec<Vec<&'static str>> {
    let food = "schemas/items/food-business-licence.json";
    let mut check_json = vec![
        "check",
        food,
        "tests/fixtures/food-business-licence/valid-organisation.json",
    ];
    check_json.extend_from_slice(ACCEPTED_ON);
    check_json.extend_from_slice(&["--format", "json"]);
    let mut check_human = check_json.clone();
    check_human.truncate(check_human.len() - 2);
    vec![
        check_json,
        check_human,
        vec!["lint", "schemas/items"],
        vec!["lint", "schemas/items", "--format", "json"],
        vec!["guide", food],
        vec!["guide", food, "--format", "md"],
        vec![
            "diff",
            food,
            "tests/fixtures/diff/breaking-field-removed.json",
        ],
        vec![
            "diff",
            food,
            "tests/fixtures/diff/breaking-field-removed.json",
            "--format",
            "json",
        ],
        vec!["bundle", "schemas/bundles/open-restaurant.json"],
        vec!["workdays", "add", "2026-11-23", "5"],
        vec!["calendar", "coverage", "--today", "2026-11-23"],
    ]
}

/// Runs `banli` with a standard output whose reading end is already
/// closed, so the first write fails however little the command prints (a
/// reader that takes a few bytes first would see nothing fail whenever the
/// whole output fits in the pipe's buffer).
fn with_closed_stdout(args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    Command::new(env!("CARGO_BIN_EXE_banli"))
        .args(args)
        .current_dir(workspace_root())
        .env("NO_COLOR", "1")
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .expect("the banli binary runs")
}

#[test]
fn every_command_ends_quietly_with_its_verdict_on_a_closed_pipe() {
    for args in commands() {
        let open = banli(&args);
        assert!(
            matches!(open.status.code(), Some(0 | 1)) && !open.stdout.is_empty(),
            "{args:?} must print and succeed: {}",
            stderr(&open)
        );
        let closed = with_closed_stdout(&args);
        assert_eq!(
            closed.status.code(),
            open.status.code(),
            "{args:?} on a closed pipe: {}",
            stderr(&closed)
        );
        assert_eq!(stderr(&closed), "", "{args:?} on a closed pipe");
    }
}
