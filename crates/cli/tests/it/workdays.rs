//! `banli workdays add`, with worked examples across weekends and public holidays.

use crate::{banli, stderr, stdout};

fn add(date: &str, days: &str) -> std::process::Output {
    banli(&["workdays", "add", date, days])
}

#[test]
fn worked_examples() {
    for (date, days, expected) in [
        ("2025-09-30", "3", "2025-10-11"),
        ("2025-09-26", "5", "2025-10-10"),
        ("2026-11-20", "5", "2026-11-27"),
    ] {
        let output = add(date, days);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(stdout(&output), format!("{expected}\n"));
    }
}

#[test]
fn an_uncovered_year_exits_2_naming_it() {
    let output = add("2023-06-01", "3");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("2023"), "{}", stderr(&output));
    let output = add("2026-12-28", "10");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("2027"), "{}", stderr(&output));
}

#[test]
fn a_regional_calendar_adds_a_holiday() {
    // 2026-03-18..20 are local holidays there, and Sunday 03-22 a make-up working day.
    assert_eq!(stdout(&add("2026-03-17", "3")), "2026-03-20\n");
    let regional = banli(&[
        "workdays",
        "add",
        "2026-03-17",
        "3",
        "--calendar",
        "schemas/calendars/example-regional.json",
    ]);
    assert_eq!(regional.status.code(), Some(0), "{}", stderr(&regional));
    assert_eq!(stdout(&regional), "2026-03-24\n");
}

#[test]
fn a_bad_date_is_refused() {
    let output = add("2025-13-01", "1");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("2025-13-01"));
}
