//! Tests of the calendar module: the national data against the check figures
//! of the State Council notices, every diagnostic of a broken file, regional calendars, and
//! properties of working-day arithmetic.

mod national;
mod props;
mod regional;
mod validation;

use serde_json::Value;
use time::Date;

use super::{CalendarFile, parse_date};
use crate::diagnostic::Diagnostic;

fn day(s: &str) -> Date {
    parse_date(s).unwrap()
}

fn load(value: Value) -> CalendarFile {
    CalendarFile::from_value(&value).unwrap_or_else(|d| panic!("{d:#?}"))
}

/// The (pointer, code) pairs of a file's diagnostics, in report order.
fn problems(value: Value) -> Vec<(String, &'static str)> {
    pointers_and_codes(&CalendarFile::from_value(&value).expect_err("the file should be rejected"))
}

fn pointers_and_codes(diagnostics: &[Diagnostic]) -> Vec<(String, &'static str)> {
    diagnostics
        .iter()
        .map(|d| (d.pointer.clone(), d.code))
        .collect()
}
