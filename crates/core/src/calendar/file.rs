//! One calendar file (`banli-calendar/1`) as a maintainer wrote it: loaded
//! from JSON and checked, with every problem reported at once.
//!
//! A [`CalendarFile`] that exists has passed every check of a single file;
//! its years, holidays and make-up days are in the order of the file, so a
//! JSON Pointer such as `/years/1/holidays/0` names the same thing in both.
//! Laying files over each other is [`WorkCalendar`](super::WorkCalendar)'s job.

use std::collections::BTreeSet;
use std::str::FromStr;

use serde_json::Value;
use time::Date;

use super::check::check_year;
use super::codes;
use super::read::{Reader, join, sort_in_document_order};
use super::region::{is_region_code, is_subdivision, is_within};
use crate::diagnostic::Diagnostic;
use crate::messages::calendar as msg;

/// The format tag every calendar file carries.
pub const FORMAT: &str = "banli-calendar/1";

const FILE_KEYS: &[&str] = &[
    "$schema", "format", "region", "extends", "name", "source", "years",
];
const YEAR_KEYS: &[&str] = &["year", "replace", "source", "holidays", "workdays"];
const HOLIDAY_KEYS: &[&str] = &["from", "to", "name"];

/// A checked calendar file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CalendarFile {
    /// `CN`, or a subdivision such as `CN-44-SZ`.
    pub region: String,
    /// The parent region this file extends; `None` for a base (national) file.
    pub extends: Option<String>,
    pub name: String,
    pub source: Option<String>,
    /// In file order, each year once.
    pub years: Vec<CalendarYear>,
}

/// One year's arrangement in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CalendarYear {
    pub year: i32,
    /// Replace the parent's arrangement for this year instead of adding to it.
    pub replace: bool,
    pub source: Option<String>,
    /// In file order; inside the year, reversed and overlapping ranges excluded.
    pub holidays: Vec<Holiday>,
    /// Make-up working days: Saturdays and Sundays that are worked, in file order.
    pub workdays: Vec<Date>,
}

/// A holiday range, both ends included.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Holiday {
    pub from: Date,
    pub to: Date,
    pub name: String,
}

impl Holiday {
    /// True when `date` is one of the days off.
    pub fn contains(&self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }

    /// The days off, in order.
    pub fn days(&self) -> impl Iterator<Item = Date> + '_ {
        std::iter::successors(Some(self.from), |d| d.next_day()).take_while(|d| *d <= self.to)
    }
}

impl CalendarFile {
    /// Loads and checks a calendar file, returning every problem found.
    pub fn from_value(value: &Value) -> Result<Self, Vec<Diagnostic>> {
        let mut reader = Reader::default();
        let file = read_file(&mut reader, value);
        match file {
            Some(file) if reader.diagnostics.is_empty() => Ok(file),
            _ => {
                sort_in_document_order(value, &mut reader.diagnostics);
                Err(reader.diagnostics)
            }
        }
    }

    /// Parses JSON text, then loads it as [`from_value`](Self::from_value) does.
    #[allow(clippy::should_implement_trait)] // FromStr is implemented too; this needs no import.
    pub fn from_str(text: &str) -> Result<Self, Vec<Diagnostic>> {
        let value: Value = crate::json_text::parse(text)
            .map_err(|e| vec![Diagnostic::error("", codes::JSON, e.message())])?;
        Self::from_value(&value)
    }

    /// The entry for `year`, if this file has one.
    pub fn year(&self, year: i32) -> Option<&CalendarYear> {
        self.years.iter().find(|y| y.year == year)
    }
}

impl FromStr for CalendarFile {
    type Err = Vec<Diagnostic>;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        CalendarFile::from_str(text)
    }
}

fn read_file(r: &mut Reader, value: &Value) -> Option<CalendarFile> {
    let map = r.object(value, "", FILE_KEYS)?;
    if let Some(schema) = map.get("$schema") {
        r.string(schema, "/$schema");
    }
    if let Some(format) = r
        .required(map, "", "format")
        .and_then(|v| r.string(v, "/format"))
        && format != FORMAT
    {
        r.error("/format", codes::FORMAT, msg::bad_format(format));
    }
    let region = r
        .required(map, "", "region")
        .and_then(|v| region_code(r, v, "/region"));
    let extends = map.get("extends").map(|v| region_code(r, v, "/extends"));
    match (&region, &extends) {
        (Some(region), None) if is_subdivision(region) => {
            r.error("", codes::EXTENDS_MISSING, msg::extends_missing(region));
        }
        (Some(region), Some(Some(parent))) if region == parent || !is_within(region, parent) => {
            r.error(
                "/extends",
                codes::EXTENDS_NOT_PARENT,
                msg::extends_not_parent(region, parent),
            );
        }
        _ => {}
    }
    let name = r
        .required(map, "", "name")
        .and_then(|v| r.text(v, "/name", "name"));
    let source = map
        .get("source")
        .and_then(|v| r.string(v, "/source"))
        .map(str::to_owned);
    let years = r
        .required(map, "", "years")
        .and_then(|v| read_years(r, v, extends.is_some()));
    let extends = match extends {
        Some(parent) => Some(parent?),
        None => None,
    };
    Some(CalendarFile {
        region: region?,
        extends,
        name: name?,
        source,
        years: years?,
    })
}

fn region_code(r: &mut Reader, value: &Value, pointer: &str) -> Option<String> {
    let code = r.string(value, pointer)?;
    if !is_region_code(code) {
        r.error(pointer, codes::REGION, msg::bad_region(code));
        return None;
    }
    Some(code.to_owned())
}

fn read_years(r: &mut Reader, value: &Value, extends: bool) -> Option<Vec<CalendarYear>> {
    let items = r.array(value, "/years")?;
    if items.is_empty() {
        r.error("/years", codes::NO_YEARS, msg::no_years());
    }
    let mut seen = BTreeSet::new();
    let mut years = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let pointer = join("/years", i);
        let Some(year) = read_year(r, item, &pointer, extends) else {
            continue;
        };
        if !seen.insert(year.year) {
            r.error(
                join(&pointer, "year"),
                codes::DUPLICATE_YEAR,
                msg::duplicate_year(year.year),
            );
        }
        years.push(year);
    }
    Some(years)
}

fn read_year(r: &mut Reader, value: &Value, pointer: &str, extends: bool) -> Option<CalendarYear> {
    let map = r.object(value, pointer, YEAR_KEYS)?;
    let year = r
        .required(map, pointer, "year")
        .and_then(|v| year_number(r, v, &join(pointer, "year")));
    let replace = match map.get("replace") {
        None => false,
        Some(v) => {
            let replace = r.boolean(v, &join(pointer, "replace")).unwrap_or_default();
            if replace && !extends {
                let code = codes::REPLACE_WITHOUT_EXTENDS;
                r.error(
                    join(pointer, "replace"),
                    code,
                    msg::replace_without_extends(),
                );
            }
            replace
        }
    };
    let source = map
        .get("source")
        .and_then(|v| r.string(v, &join(pointer, "source")))
        .map(str::to_owned);
    let holidays = map
        .get("holidays")
        .map(|v| read_holidays(r, v, &join(pointer, "holidays")))
        .unwrap_or_default();
    let workdays = map
        .get("workdays")
        .map(|v| read_workdays(r, v, &join(pointer, "workdays")))
        .unwrap_or_default();
    let year = year?;
    check_year(r, pointer, year, &holidays, &workdays);
    Some(CalendarYear {
        year,
        replace,
        source,
        holidays: holidays.into_iter().map(|(_, h)| h).collect(),
        workdays: workdays.into_iter().map(|(_, d)| d).collect(),
    })
}

fn year_number(r: &mut Reader, value: &Value, pointer: &str) -> Option<i32> {
    let n = r.integer(value, pointer)?;
    match i32::try_from(n) {
        Ok(year) if (1..=9999).contains(&year) => Some(year),
        _ => {
            r.error(pointer, codes::YEAR, msg::bad_year(&n.to_string()));
            None
        }
    }
}

/// The holidays that could be read, each with its index in the array (the
/// others have left a diagnostic, so the file will be rejected anyway).
fn read_holidays(r: &mut Reader, value: &Value, pointer: &str) -> Vec<(usize, Holiday)> {
    let Some(items) = r.array(value, pointer) else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| Some((i, read_holiday(r, item, &join(pointer, i))?)))
        .collect()
}

fn read_holiday(r: &mut Reader, value: &Value, pointer: &str) -> Option<Holiday> {
    let map = r.object(value, pointer, HOLIDAY_KEYS)?;
    let from = r
        .required(map, pointer, "from")
        .and_then(|v| r.date(v, &join(pointer, "from")));
    let to = r
        .required(map, pointer, "to")
        .and_then(|v| r.date(v, &join(pointer, "to")));
    let name = r
        .required(map, pointer, "name")
        .and_then(|v| r.text(v, &join(pointer, "name"), "name"));
    Some(Holiday {
        from: from?,
        to: to?,
        name: name?,
    })
}

/// The make-up days that could be read, each with its index in the array.
fn read_workdays(r: &mut Reader, value: &Value, pointer: &str) -> Vec<(usize, Date)> {
    let Some(items) = r.array(value, pointer) else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| Some((i, r.date(item, &join(pointer, i))?)))
        .collect()
}
