//! The guard for the tests' fixed date (`tests/fixtures/today.txt`): the
//! built-in calendars must reach at least 60 days past it, or the tests
//! that count deadlines from it would silently start testing the
//! pending-deadline path instead of the dates they expect.

use banli_core::calendar::{COVERAGE_WARNING_DAYS, WorkCalendar, parse_date};

#[test]
fn calendar_reaches_past_the_tests_date() {
    let text = include_str!("../../../tests/fixtures/today.txt").trim();
    let today = parse_date(text).expect("tests/fixtures/today.txt holds one YYYY-MM-DD date");
    let coverage = WorkCalendar::national().coverage(today);
    assert!(
        !coverage.ends_soon,
        "the built-in calendar ends on {:?}, within {COVERAGE_WARNING_DAYS} days of the tests' date {text}: \
         load next year's calendar (docs/calendars.md) before moving the date",
        coverage.last_covered_day
    );
}

#[test]
fn the_guard_fires_within_60_days_of_the_end() {
    let calendar = WorkCalendar::national();
    let last = calendar.covered_years().last().copied().expect("a year");
    let near_end = parse_date(&format!("{last}-11-15")).unwrap();
    let coverage = calendar.coverage(near_end);
    assert!(coverage.ends_soon, "{coverage:?}");
    assert_eq!(coverage.days_left, Some(46));
    assert!(coverage.warning(near_end).is_some());
    let well_before = parse_date(&format!("{last}-10-01")).unwrap();
    assert!(!calendar.coverage(well_before).ends_soon);
}
