//! The commitment ledger's rules: what state a commitment is in on a given
//! day, and which changes an official may make to it. Audits keep finding
//! deferred materials nobody chased, so the status is computed
//! from the due date on the working-day calendar, never stored.
//!
//! - A deferral commitment is **overdue** from the first working day after
//!   its due date (a due date on Friday becomes overdue on Monday, or later
//!   after a holiday);
//! - it is **due soon** when at most [`DUE_SOON_WORKING_DAYS`] working days
//!   are left (including the due day itself and the days off right after it);
//! - otherwise it is **pending**, as is a commitment in lieu of proof, which
//!   has no due date (it is checked afterwards);
//! - it is **undetermined** (待定) while its due date, or a day between the
//!   due date and today, lies in a year whose holidays are not loaded;
//! - **fulfilled** and **terminated** are final.
//!
//! ```
//! use banli_core::calendar::{WorkCalendar, parse_date};
//! use banli_core::ledger::{CommitmentStatus, Due, Resolution, status};
//!
//! let calendar = WorkCalendar::national();
//! let due = parse_date("2026-11-20").unwrap(); // a Friday
//! let on = |d| status(Due::On(due), Resolution::Open, parse_date(d).unwrap(), &calendar);
//! assert_eq!(on("2026-11-16"), CommitmentStatus::Pending);
//! assert_eq!(on("2026-11-19"), CommitmentStatus::DueSoon);
//! assert_eq!(on("2026-11-22"), CommitmentStatus::DueSoon); // the Sunday after
//! assert_eq!(on("2026-11-23"), CommitmentStatus::Overdue); // the next working day
//! ```

use serde::{Deserialize, Serialize};
use time::Date;

use crate::calendar::WorkCalendar;

/// A commitment is "due soon" when at most this many working days are left.
pub const DUE_SOON_WORKING_DAYS: u32 = 2;

/// What an official has recorded about a commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// Nothing recorded yet.
    Open,
    /// The deferred material arrived (or the in-lieu commitment was verified).
    Fulfilled,
    /// The application was terminated (退办), e.g. the material never came.
    Terminated,
}

impl Resolution {
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::Open => "open",
            Resolution::Fulfilled => "fulfilled",
            Resolution::Terminated => "terminated",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "open" => Some(Resolution::Open),
            "fulfilled" => Some(Resolution::Fulfilled),
            "terminated" => Some(Resolution::Terminated),
            _ => None,
        }
    }
}

/// The status shown in the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentStatus {
    // The order is the ledger's display order: the most urgent first.
    Overdue,
    DueSoon,
    /// The calendar cannot tell yet (待定): a due date in a year whose
    /// public holidays are not loaded.
    Undetermined,
    Pending,
    Fulfilled,
    Terminated,
}

impl CommitmentStatus {
    pub const ALL: [CommitmentStatus; 6] = [
        CommitmentStatus::Overdue,
        CommitmentStatus::DueSoon,
        CommitmentStatus::Undetermined,
        CommitmentStatus::Pending,
        CommitmentStatus::Fulfilled,
        CommitmentStatus::Terminated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CommitmentStatus::Pending => "pending",
            CommitmentStatus::DueSoon => "due_soon",
            CommitmentStatus::Undetermined => "undetermined",
            CommitmentStatus::Overdue => "overdue",
            CommitmentStatus::Fulfilled => "fulfilled",
            CommitmentStatus::Terminated => "terminated",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == s)
    }
}

/// When a commitment is due, as stored with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// A commitment in lieu of proof: no due date (it is checked afterwards).
    NotApplicable,
    /// A deferral due on this day.
    On(Date),
    /// A deferral whose due date ends in a year whose public holidays are
    /// not loaded yet (`deadlines.pending` in the report).
    Pending,
}

/// The status of a commitment with `due` and `resolution`, on `today`.
///
/// When the calendar cannot tell (the due date is pending, or the days
/// between the due date and today lie in a year not loaded) the status is
/// [`CommitmentStatus::Undetermined`] (待定): never "overdue" from a guess.
pub fn status(
    due: Due,
    resolution: Resolution,
    today: Date,
    calendar: &WorkCalendar,
) -> CommitmentStatus {
    match resolution {
        Resolution::Fulfilled => return CommitmentStatus::Fulfilled,
        Resolution::Terminated => return CommitmentStatus::Terminated,
        Resolution::Open => {}
    }
    let due = match due {
        Due::NotApplicable => return CommitmentStatus::Pending,
        Due::Pending => return CommitmentStatus::Undetermined,
        Due::On(due) => due,
    };
    if today > due {
        return match working_days_at_least(calendar, due, today, 1) {
            Some(0) => CommitmentStatus::DueSoon,
            Some(_) => CommitmentStatus::Overdue,
            None => CommitmentStatus::Undetermined,
        };
    }
    match working_days_at_least(calendar, today, due, DUE_SOON_WORKING_DAYS + 1) {
        Some(left) if left <= DUE_SOON_WORKING_DAYS => CommitmentStatus::DueSoon,
        Some(_) => CommitmentStatus::Pending,
        None => CommitmentStatus::Undetermined,
    }
}

/// The working days `d` with `from < d <= to`, counted only up to `enough`:
/// a count that reaches `enough` before a day of an uncovered year is
/// certain, so the missing year does not matter then. `None` when the
/// calendar cannot tell.
pub(crate) fn working_days_at_least(
    calendar: &WorkCalendar,
    from: Date,
    to: Date,
    enough: u32,
) -> Option<u32> {
    let mut count = 0;
    let mut day = from;
    while day < to && count < enough {
        day = day.next_day()?;
        if calendar.is_working_day(day).ok()? {
            count += 1;
        }
    }
    Some(count)
}

/// An official tried to change a commitment that is already closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the commitment is already {}", .0.as_str())]
pub struct AlreadyResolved(pub Resolution);

/// Checks that a commitment with `current` resolution may be fulfilled or
/// terminated: only open commitments change; fulfilled and terminated are final.
pub fn resolve(current: Resolution, to: Resolution) -> Result<Resolution, AlreadyResolved> {
    match current {
        Resolution::Open => Ok(to),
        closed => Err(AlreadyResolved(closed)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::parse_date;

    fn on(due: &str, today: &str) -> CommitmentStatus {
        let calendar = WorkCalendar::national();
        status(
            Due::On(parse_date(due).unwrap()),
            Resolution::Open,
            parse_date(today).unwrap(),
            &calendar,
        )
    }

    #[test]
    fn overdue_only_from_the_working_day_after_the_due_date() {
        // Due Wed 2026-09-30; 10-01..10-07 are the National Day holiday and
        // Sat 10-10 is a make-up working day.
        assert_eq!(on("2026-09-30", "2026-09-30"), CommitmentStatus::DueSoon);
        assert_eq!(on("2026-09-30", "2026-10-07"), CommitmentStatus::DueSoon);
        assert_eq!(on("2026-09-30", "2026-10-08"), CommitmentStatus::Overdue);
    }

    #[test]
    fn due_soon_counts_working_days() {
        // Due Mon 2026-11-23: two working days before is Thu 11-19.
        assert_eq!(on("2026-11-23", "2026-11-18"), CommitmentStatus::Pending);
        assert_eq!(on("2026-11-23", "2026-11-19"), CommitmentStatus::DueSoon);
        assert_eq!(on("2026-11-23", "2026-11-21"), CommitmentStatus::DueSoon);
    }

    #[test]
    fn final_states_and_in_lieu() {
        let calendar = WorkCalendar::national();
        let today = parse_date("2026-11-23").unwrap();
        let due = Due::On(parse_date("2026-01-05").unwrap());
        assert_eq!(
            status(due, Resolution::Fulfilled, today, &calendar),
            CommitmentStatus::Fulfilled
        );
        assert_eq!(
            status(due, Resolution::Terminated, today, &calendar),
            CommitmentStatus::Terminated
        );
        assert_eq!(
            status(Due::NotApplicable, Resolution::Open, today, &calendar),
            CommitmentStatus::Pending
        );
        assert_eq!(
            resolve(Resolution::Fulfilled, Resolution::Terminated),
            Err(AlreadyResolved(Resolution::Fulfilled))
        );
        assert_eq!(
            resolve(Resolution::Open, Resolution::Terminated),
            Ok(Resolution::Terminated)
        );
    }

    #[test]
    fn undetermined_instead_of_a_guess_when_a_year_is_missing() {
        let calendar = WorkCalendar::national();
        let on =
            |due, today: &str| status(due, Resolution::Open, parse_date(today).unwrap(), &calendar);
        // A pending due date, whatever the day.
        assert_eq!(
            on(Due::Pending, "2026-12-10"),
            CommitmentStatus::Undetermined
        );
        assert_eq!(
            on(Due::Pending, "2027-06-01"),
            CommitmentStatus::Undetermined
        );
        // Due in 2026, seen from 2027 (not loaded): whether a working day
        // has passed since is unknown.
        let due = Due::On(parse_date("2026-12-31").unwrap());
        assert_eq!(on(due, "2027-01-04"), CommitmentStatus::Undetermined);
        // ...but a working day in 2026 after the due date settles it.
        let due = Due::On(parse_date("2026-12-29").unwrap());
        assert_eq!(on(due, "2027-01-04"), CommitmentStatus::Overdue);
        assert_eq!(on(due, "2026-12-30"), CommitmentStatus::Overdue);
        // Due soon: two working days left are certain only when the days up
        // to the due date are known.
        let due = Due::On(parse_date("2027-01-05").unwrap());
        assert_eq!(on(due, "2026-12-28"), CommitmentStatus::Pending);
        assert_eq!(on(due, "2026-12-31"), CommitmentStatus::Undetermined);
    }
}
