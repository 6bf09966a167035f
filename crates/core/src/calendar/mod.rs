//! Working-day calendars: which days count when a time limit is given in
//! working days (行政许可法 art. 82), kept as data that maintainers extend.
//!
//! - [`CalendarFile`] is one `banli-calendar/1` file as written in
//!   `schemas/calendars/`, loaded and checked with every problem reported at
//!   once;
//! - [`WorkCalendar`] lays the national file and any regional files over
//!   each other and counts working days. A date in a year no file covers is
//!   a [`CalendarError`], never a guess;
//! - [`parse_date`] and [`format_date`] read and write `YYYY-MM-DD`.
//!
//! Counting follows 民法典 art. 201: "自受理之日起 N 个工作日" ends on the Nth
//! working day *after* acceptance.
//!
//! ```
//! use banli_core::Diagnostic;
//! use banli_core::calendar::{CalendarFile, WorkCalendar, format_date, parse_date};
//!
//! /// The promised deadline in a city, or what is wrong.
//! fn due(city_json: &str, accepted: &str, days: u32) -> Result<String, String> {
//!     let describe = |diagnostics: Vec<Diagnostic>| {
//!         diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
//!     };
//!     let mut calendar = WorkCalendar::national();
//!     calendar.extend(CalendarFile::from_str(city_json).map_err(describe)?).map_err(describe)?;
//!     let accepted = parse_date(accepted).map_err(|e| e.message().zh)?;
//!     let due = calendar.add_working_days(accepted, days).map_err(|e| e.message().zh)?;
//!     Ok(format_date(due))
//! }
//!
//! let city = r#"{"format": "banli-calendar/1", "region": "CN-99", "extends": "CN", "name": "示例",
//!     "years": [{"year": 2026, "holidays": [{"from": "2026-03-18", "to": "2026-03-18", "name": "纪念日"}]}]}"#;
//! assert_eq!(due(city, "2026-03-17", 1).as_deref(), Ok("2026-03-19"));
//! assert_eq!(due(city, "2026-12-30", 5), Err("2027年的节假日安排尚未载入，无法可靠计算工作日".to_owned()));
//! ```

mod check;
pub mod codes;
mod coverage;
mod date;
mod file;
mod load;
mod natural;
mod read;
mod region;
mod work;

mod zone;
pub use coverage::{COVERAGE_WARNING_DAYS, Coverage};
pub use date::{DateParseError, format_date, parse_date};
pub use file::{CalendarFile, CalendarYear, FORMAT, Holiday};
pub use load::{CalendarSource, FileProblems, describe, describe_text, load};
pub use natural::add_natural_days;
pub use work::{CalendarError, DayKind, NATIONAL_CALENDAR_JSON, WorkCalendar};
pub use zone::{CHINA_STANDARD_TIME, date_in_china, instant_from_unix_millis, rfc3339_in_china};

#[cfg(test)]
mod tests;
