//! [`WorkCalendar`]: calendar files laid over each other (the national one
//! first, then regional ones), ready to answer "is this a working day?" and
//! "which day is the Nth working day after acceptance?".
//!
//! A day in a year that no loaded file covers is an error
//! ([`CalendarError::YearNotCovered`]), never a weekends-only guess: a wrong
//! deadline told to an applicant is worse than none.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use time::{Date, Weekday};

use super::codes;
use super::date::format_date;
use super::file::{CalendarFile, CalendarYear};
use super::read::join;
use super::region::is_within;
use crate::diagnostic::Diagnostic;
use crate::messages::{Text, calendar as msg};

/// The national calendar (`schemas/calendars/cn.json`), built into the crate.
pub const NATIONAL_CALENDAR_JSON: &str = include_str!("../../../../schemas/calendars/cn.json");

/// Why a working-day question cannot be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// No loaded calendar has the holiday arrangement of `year`.
    #[error(
        "the public holidays for {year} are not loaded, so working days in {year} cannot be computed reliably"
    )]
    YearNotCovered { year: i32 },
}

impl CalendarError {
    /// The year whose holidays are missing.
    pub fn missing_year(&self) -> i32 {
        match self {
            CalendarError::YearNotCovered { year } => *year,
        }
    }

    /// The message for a person, in both languages.
    pub fn message(&self) -> Text {
        match self {
            CalendarError::YearNotCovered { year } => msg::year_not_covered(*year),
        }
    }
}

/// What kind of day a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DayKind<'a> {
    /// Monday to Friday, no holiday.
    Workday,
    /// A Saturday or Sunday worked to make up for a holiday (调休上班).
    MakeUpWorkday,
    /// Saturday or Sunday.
    Weekend,
    /// A day off of a holiday range, with the holiday's name and the region
    /// whose calendar declared it.
    Holiday { name: &'a str, region: &'a str },
}

impl DayKind<'_> {
    pub fn is_working_day(self) -> bool {
        matches!(self, DayKind::Workday | DayKind::MakeUpWorkday)
    }
}

/// A holiday day or a make-up day, with who declared it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Origin {
    name: String,
    region: String,
}

/// One year after merging every loaded file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct YearPlan {
    holidays: BTreeMap<Date, Origin>,
    /// Make-up working days, with the region that declared each.
    workdays: BTreeMap<Date, String>,
}

impl YearPlan {
    /// Whether `day` (a day of this plan's year) is a working day: what
    /// [`WorkCalendar::day_kind`] says, holidays first, asking a weekday
    /// only whether it is a holiday and a weekend day only whether it is a
    /// make-up day, so that counting working days looks each day up once.
    fn is_working_day(&self, day: Date) -> bool {
        match day.weekday() {
            Weekday::Saturday | Weekday::Sunday => {
                self.workdays.contains_key(&day) && !self.holidays.contains_key(&day)
            }
            _ => !self.holidays.contains_key(&day),
        }
    }

    /// The same days off and make-up days, whatever the holidays are called.
    fn same_days(&self, other: &YearPlan) -> bool {
        self.holidays.keys().eq(other.holidays.keys())
            && self.workdays.keys().eq(other.workdays.keys())
    }

    /// Lays `entry` (at `pointer` in the file of `region`) over this plan,
    /// reporting days where the two contradict each other.
    fn lay(
        &mut self,
        entry: &CalendarYear,
        region: &str,
        pointer: &str,
        errors: &mut Vec<Diagnostic>,
    ) {
        for (j, holiday) in entry.holidays.iter().enumerate() {
            if let Some((day, parent)) =
                holiday.days().find_map(|d| self.workdays.get_key_value(&d))
            {
                let message =
                    msg::holiday_on_inherited_workday(&holiday.name, &format_date(*day), parent);
                errors.push(Diagnostic::error(
                    join(&join(pointer, "holidays"), j),
                    codes::HOLIDAY_ON_WORKDAY,
                    message,
                ));
            }
        }
        for (j, day) in entry.workdays.iter().enumerate() {
            if let Some(origin) = self.holidays.get(day) {
                let message = msg::workday_in_inherited_holiday(
                    &format_date(*day),
                    &origin.name,
                    &origin.region,
                );
                errors.push(Diagnostic::error(
                    join(&join(pointer, "workdays"), j),
                    codes::WORKDAY_IN_HOLIDAY,
                    message,
                ));
            }
        }
        for holiday in &entry.holidays {
            for day in holiday.days() {
                self.holidays.entry(day).or_insert_with(|| Origin {
                    name: holiday.name.clone(),
                    region: region.to_owned(),
                });
            }
        }
        for day in &entry.workdays {
            self.workdays
                .entry(*day)
                .or_insert_with(|| region.to_owned());
        }
    }
}

/// Working days for one place: a base (national) calendar and the regional
/// calendars laid over it, from the parent down.
///
/// ```
/// use banli_core::calendar::{WorkCalendar, parse_date};
/// let calendar = WorkCalendar::national();
/// let accepted = parse_date("2025-09-26").unwrap();
/// let due = calendar.add_working_days(accepted, 5).unwrap();
/// assert_eq!(due, parse_date("2025-10-10").unwrap());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkCalendar {
    /// Loaded regions, the base first and the most specific last.
    regions: Vec<String>,
    years: BTreeMap<i32, YearPlan>,
}

impl WorkCalendar {
    /// The national calendar built into banli (`schemas/calendars/cn.json`).
    pub fn national() -> WorkCalendar {
        static NATIONAL: OnceLock<WorkCalendar> = OnceLock::new();
        NATIONAL
            .get_or_init(|| {
                let file = CalendarFile::from_str(NATIONAL_CALENDAR_JSON)
                    .expect("the built-in national calendar is checked by the tests");
                WorkCalendar::from_files(vec![file])
                    .expect("the built-in national calendar is a base calendar")
            })
            .clone()
    }

    /// Lays the files over each other in order: the first is a base file
    /// (no `extends`), each later one extends a region loaded before it.
    /// Stops at the first file that cannot be laid; its diagnostics point
    /// into that file (use [`extend`](Self::extend) to know which file it was).
    pub fn from_files(files: Vec<CalendarFile>) -> Result<WorkCalendar, Vec<Diagnostic>> {
        if files.is_empty() {
            return Err(vec![Diagnostic::error(
                "",
                codes::NO_FILES,
                msg::no_files(),
            )]);
        }
        let mut calendar = WorkCalendar {
            regions: Vec::new(),
            years: BTreeMap::new(),
        };
        for file in files {
            calendar.extend(file)?;
        }
        Ok(calendar)
    }

    /// Lays one more file over this calendar. The file must extend a loaded
    /// region and lie within the most specific region loaded so far. Each
    /// year entry adds its holidays and make-up days to the loaded ones, or
    /// with `replace` takes the year's place entirely. On error nothing
    /// changes; the diagnostics point into `file`.
    ///
    /// A file of the base region itself, while only the base is loaded,
    /// adds the years the base lacks (next year's notice published as a
    /// file of its own): a year already loaded is skipped when its
    /// arrangement is the same, and is an error when it differs, so two
    /// files never silently disagree about a day.
    pub fn extend(&mut self, file: CalendarFile) -> Result<(), Vec<Diagnostic>> {
        if self.adds_base_years(&file) {
            return self.add_base_years(file);
        }
        self.check_place(&file)?;
        let mut errors = Vec::new();
        let mut laid = BTreeMap::new();
        for (i, entry) in file.years.iter().enumerate() {
            let mut plan = if entry.replace {
                YearPlan::default()
            } else {
                self.years.get(&entry.year).cloned().unwrap_or_default()
            };
            plan.lay(entry, &file.region, &join("/years", i), &mut errors);
            laid.insert(entry.year, plan);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        self.years.extend(laid);
        self.regions.push(file.region);
        Ok(())
    }

    /// Whether `file` is more years of the base region, laid while the
    /// base is the only region loaded.
    fn adds_base_years(&self, file: &CalendarFile) -> bool {
        file.extends.is_none() && self.regions.len() == 1 && self.regions[0] == file.region
    }

    fn add_base_years(&mut self, file: CalendarFile) -> Result<(), Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut laid = BTreeMap::new();
        for (i, entry) in file.years.iter().enumerate() {
            let pointer = join("/years", i);
            let mut plan = YearPlan::default();
            plan.lay(entry, &file.region, &pointer, &mut errors);
            match self.years.get(&entry.year) {
                Some(loaded) if loaded.same_days(&plan) => {}
                Some(_) => errors.push(Diagnostic::error(
                    pointer,
                    codes::YEAR_CONFLICTS,
                    msg::year_conflicts(&file.region, entry.year),
                )),
                None => {
                    laid.insert(entry.year, plan);
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        self.years.extend(laid);
        Ok(())
    }

    /// Whether `file` may be laid over what is loaded.
    fn check_place(&self, file: &CalendarFile) -> Result<(), Vec<Diagnostic>> {
        let region = file.region.as_str();
        let error =
            |pointer: &str, code, message| Err(vec![Diagnostic::error(pointer, code, message)]);
        match (&file.extends, self.regions.first(), self.regions.last()) {
            (None, Some(base), _) => error(
                "",
                codes::BASE_ALREADY_LOADED,
                msg::base_already_loaded(region, base),
            ),
            (Some(parent), _, _) if !self.regions.contains(parent) => error(
                "/extends",
                codes::EXTENDS_NOT_LOADED,
                msg::extends_not_loaded(region, parent),
            ),
            _ if self.regions.iter().any(|r| r == region) => error(
                "/region",
                codes::REGION_ALREADY_LOADED,
                msg::region_already_loaded(region),
            ),
            (_, _, Some(current)) if !is_within(region, current) => error(
                "/region",
                codes::REGION_NOT_WITHIN,
                msg::region_not_within(region, current),
            ),
            _ => Ok(()),
        }
    }

    /// The loaded regions, the base first and the most specific last.
    pub fn regions(&self) -> &[String] {
        &self.regions
    }

    /// The most specific loaded region: the place this calendar describes.
    pub fn region(&self) -> &str {
        self.regions.last().map_or("", String::as_str)
    }

    /// The years whose holidays are loaded, in order.
    pub fn covered_years(&self) -> Vec<i32> {
        self.years.keys().copied().collect()
    }

    /// Whether the holidays of `year` are loaded.
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    /// What kind of day `date` is.
    pub fn day_kind(&self, date: Date) -> Result<DayKind<'_>, CalendarError> {
        let plan = self.plan(date.year())?;
        if let Some(origin) = plan.holidays.get(&date) {
            return Ok(DayKind::Holiday {
                name: &origin.name,
                region: &origin.region,
            });
        }
        if plan.workdays.contains_key(&date) {
            return Ok(DayKind::MakeUpWorkday);
        }
        Ok(match date.weekday() {
            Weekday::Saturday | Weekday::Sunday => DayKind::Weekend,
            _ => DayKind::Workday,
        })
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: Date) -> Result<bool, CalendarError> {
        self.day_kind(date).map(DayKind::is_working_day)
    }

    /// The `n`th working day after `date` ("自受理之日起 n 个工作日"): `date`
    /// itself is not counted, and `n = 0` gives `date` back.
    pub fn add_working_days(&self, date: Date, n: u32) -> Result<Date, CalendarError> {
        let mut days = self.days_after(date);
        let mut day = date;
        let mut left = n;
        while left > 0 {
            let working;
            (day, working) = days.next_day()?;
            if working {
                left -= 1;
            }
        }
        Ok(day)
    }

    /// The number of working days `d` with `from < d <= to`; 0 when `to <= from`.
    pub fn working_days_between(&self, from: Date, to: Date) -> Result<u32, CalendarError> {
        let mut days = self.days_after(from);
        let mut count = 0;
        let mut day = from;
        while day < to {
            let working;
            (day, working) = days.next_day()?;
            if working {
                count += 1;
            }
        }
        Ok(count)
    }

    /// The days after `date`, one at a time, each with whether it is a
    /// working day.
    fn days_after(&self, date: Date) -> DaysAfter<'_> {
        DaysAfter {
            calendar: self,
            day: date,
            plan: None,
        }
    }

    /// The number of working days in `year`.
    pub fn working_days_in_year(&self, year: i32) -> Result<u32, CalendarError> {
        self.plan(year)?;
        let first =
            Date::from_ordinal_date(year, 1).map_err(|_| CalendarError::YearNotCovered { year })?;
        let days =
            std::iter::successors(Some(first), |d| d.next_day()).take_while(|d| d.year() == year);
        let mut count = 0;
        for day in days {
            if self.is_working_day(day)? {
                count += 1;
            }
        }
        Ok(count)
    }

    /// The dates of `year` that are holidays, with their names.
    pub fn holidays(&self, year: i32) -> Result<impl Iterator<Item = (Date, &str)>, CalendarError> {
        Ok(self
            .plan(year)?
            .holidays
            .iter()
            .map(|(d, o)| (*d, o.name.as_str())))
    }

    /// The make-up working days of `year`.
    pub fn make_up_workdays(&self, year: i32) -> Result<BTreeSet<Date>, CalendarError> {
        Ok(self.plan(year)?.workdays.keys().copied().collect())
    }

    fn plan(&self, year: i32) -> Result<&YearPlan, CalendarError> {
        self.years
            .get(&year)
            .ok_or(CalendarError::YearNotCovered { year })
    }
}

/// A walk over the days after a date that looks a year's plan up once per
/// year, not once per day.
struct DaysAfter<'c> {
    calendar: &'c WorkCalendar,
    day: Date,
    /// The plan of `day`'s year, once a day of it has been asked about.
    plan: Option<(i32, &'c YearPlan)>,
}

impl DaysAfter<'_> {
    /// The next day and whether it is a working day.
    ///
    /// # Errors
    ///
    /// [`CalendarError::YearNotCovered`] when the next day's year is not
    /// loaded.
    fn next_day(&mut self) -> Result<(Date, bool), CalendarError> {
        self.day = next_day(self.day)?;
        let year = self.day.year();
        let plan = match self.plan {
            Some((loaded, plan)) if loaded == year => plan,
            _ => {
                let plan = self.calendar.plan(year)?;
                self.plan = Some((year, plan));
                plan
            }
        };
        Ok((self.day, plan.is_working_day(self.day)))
    }
}

/// The day after `day`; past the last representable date, the (uncovered)
/// year after it.
fn next_day(day: Date) -> Result<Date, CalendarError> {
    day.next_day().ok_or(CalendarError::YearNotCovered {
        year: day.year() + 1,
    })
}
