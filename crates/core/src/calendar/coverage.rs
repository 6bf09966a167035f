//! How far the loaded calendars reach, so that a deployment sees the end of
//! its holiday data coming before deadlines turn pending
//! (`banli calendar coverage`, the server's start-up warning and
//! `GET /api/health`, the officials' ledger page).

use serde::Serialize;
use time::{Date, Month};

use super::date::format_date;
use super::work::WorkCalendar;
use crate::messages::Text;
use crate::messages::calendar as msg;

/// A deployment is warned when its calendars end within this many days
/// (calendar days, not working days). The State Council publishes next
/// year's arrangement in October or November, so 60 days before the end
/// of the year leaves time to deploy it.
pub const COVERAGE_WARNING_DAYS: i64 = 60;

/// The reach of a calendar seen from one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// The years whose holidays are loaded, in order.
    pub years: Vec<i32>,
    /// `YYYY-MM-DD`: the last day of the unbroken run of covered years that
    /// contains `today`; absent when today's year itself is not covered.
    pub last_covered_day: Option<String>,
    /// Calendar days from `today` to `last_covered_day` (0 when it is
    /// today); absent with it.
    pub days_left: Option<i64>,
    /// True when `days_left` is below [`COVERAGE_WARNING_DAYS`] or today's
    /// year is not covered.
    pub ends_soon: bool,
}

impl Coverage {
    /// What to tell an operator, when `ends_soon`.
    pub fn warning(&self, today: Date) -> Option<Text> {
        if !self.ends_soon {
            return None;
        }
        Some(match (&self.last_covered_day, self.days_left) {
            (Some(last), Some(days)) => msg::coverage_ends(last, days),
            _ => msg::coverage_missing(today.year()),
        })
    }
}

impl WorkCalendar {
    /// How far this calendar reaches from `today`.
    pub fn coverage(&self, today: Date) -> Coverage {
        let years = self.covered_years();
        let mut last_year = None;
        let mut year = today.year();
        while self.covers(year) {
            last_year = Some(year);
            year += 1;
        }
        let last = last_year.and_then(|y| Date::from_calendar_date(y, Month::December, 31).ok());
        let days_left = last.map(|last| (last - today).whole_days());
        Coverage {
            years,
            last_covered_day: last.map(format_date),
            days_left,
            ends_soon: days_left.is_none_or(|d| d < COVERAGE_WARNING_DAYS),
        }
    }
}
