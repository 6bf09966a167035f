//! The stable codes of calendar diagnostics, in one place so that tools and
//! tests can match on them. Codes are part of the public contract: add new
//! ones, never rename.

/// The text is not JSON.
pub const JSON: &str = "calendar.json";
/// A value has the wrong JSON type.
pub const TYPE: &str = "calendar.type";
/// A required key is missing.
pub const MISSING: &str = "calendar.missing";
/// A key the format does not define (often a typo).
pub const UNKNOWN_KEY: &str = "calendar.unknown_key";
/// A name that is empty or only white space.
pub const EMPTY: &str = "calendar.empty";
/// `format` is not `banli-calendar/1`.
pub const FORMAT: &str = "calendar.format";
/// `region` or `extends` is not a region code.
pub const REGION: &str = "calendar.region";
/// A regional file (region with a subdivision) has no `extends`.
pub const EXTENDS_MISSING: &str = "calendar.extends_missing";
/// `extends` is not a parent region of `region`.
pub const EXTENDS_NOT_PARENT: &str = "calendar.extends_not_parent";
/// `years` is empty.
pub const NO_YEARS: &str = "calendar.no_years";
/// `replace` in a file that extends nothing.
pub const REPLACE_WITHOUT_EXTENDS: &str = "calendar.replace_without_extends";
/// A year that is not an integer from 1 to 9999.
pub const YEAR: &str = "calendar.year";
/// The same year appears twice in one file.
pub const DUPLICATE_YEAR: &str = "calendar.duplicate_year";
/// A string that is not a `YYYY-MM-DD` date, or a day that does not exist.
pub const DATE: &str = "calendar.date";
/// A date outside the year of its entry.
pub const DATE_OUTSIDE_YEAR: &str = "calendar.date_outside_year";
/// A holiday range that ends before it starts.
pub const REVERSED_RANGE: &str = "calendar.reversed_range";
/// Two holiday ranges of one year share a day.
pub const OVERLAPPING_HOLIDAYS: &str = "calendar.overlapping_holidays";
/// A make-up working day that is not a Saturday or Sunday.
pub const WORKDAY_NOT_WEEKEND: &str = "calendar.workday_not_weekend";
/// A make-up working day inside a holiday range (of this file or, when
/// extending, of the parent).
pub const WORKDAY_IN_HOLIDAY: &str = "calendar.workday_in_holiday";
/// A make-up working day listed twice.
pub const DUPLICATE_WORKDAY: &str = "calendar.duplicate_workday";
/// A regional holiday that covers a make-up working day of the parent.
pub const HOLIDAY_ON_WORKDAY: &str = "calendar.holiday_on_workday";
/// No calendar file was given to build a working calendar.
pub const NO_FILES: &str = "calendar.no_files";
/// The region named in `extends` has not been loaded before this file.
pub const EXTENDS_NOT_LOADED: &str = "calendar.extends_not_loaded";
/// A second file without `extends`.
pub const BASE_ALREADY_LOADED: &str = "calendar.base_already_loaded";
/// The same region loaded twice.
pub const REGION_ALREADY_LOADED: &str = "calendar.region_already_loaded";
/// A region outside the most specific region loaded so far.
pub const REGION_NOT_WITHIN: &str = "calendar.region_not_within";
/// A year already loaded for the region, with other days off or make-up days.
pub const YEAR_CONFLICTS: &str = "calendar.year_conflicts";
/// A deadline or due date falls in a year whose holidays are not loaded:
/// the date is pending (in reports, never a diagnostic of a file).
pub const YEAR_NOT_COVERED: &str = "calendar.year_not_covered";
/// Two calendar files with the same file name.
pub const DUPLICATE_FILE: &str = "calendar.duplicate_file";
