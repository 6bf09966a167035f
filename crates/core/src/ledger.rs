//! The commitment ledger's rules: what state a commitment is in on a given
//! day, and which changes an official may make to it. Audits keep finding
//! deferred materials nobody chased (DOMAIN.md), so the status is computed
//! from the due date on the working-day calendar, never stored.
//!
//! - A deferral commitment is **overdue** from the first working day after
//!   its due date (a due date on Friday becomes overdue on Monday, or later
//!   after a holiday);
//! - it is **due soon** when at most [`DUE_SOON_WORKING_DAYS`] working days
//!   are left (including the due day itself and the days off right after it);
//! - otherwise it is **pending**, as is a commitment in lieu of proof, which
//!   has no due date (it is checked afterwards);
//! - **fulfilled** and **terminated** are final.
//!
//! ```
//! use banli_core::calendar::{WorkCalendar, parse_date};
//! use banli_core::ledger::{CommitmentStatus, Resolution, status};
//!
//! let calendar = WorkCalendar::national();
//! let due = parse_date("2026-11-20").unwrap(); // a Friday
//! let on = |d| status(Some(due), Resolution::Open, parse_date(d).unwrap(), &calendar).unwrap();
//! assert_eq!(on("2026-11-16"), CommitmentStatus::Pending);
//! assert_eq!(on("2026-11-19"), CommitmentStatus::DueSoon);
//! assert_eq!(on("2026-11-22"), CommitmentStatus::DueSoon); // the Sunday after
//! assert_eq!(on("2026-11-23"), CommitmentStatus::Overdue); // the next working day
//! ```

use serde::{Deserialize, Serialize};
use time::Date;

use crate::calendar::{CalendarError, WorkCalendar};

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
    Pending,
    Fulfilled,
    Terminated,
}

impl CommitmentStatus {
    pub const ALL: [CommitmentStatus; 5] = [
        CommitmentStatus::Overdue,
        CommitmentStatus::DueSoon,
        CommitmentStatus::Pending,
        CommitmentStatus::Fulfilled,
        CommitmentStatus::Terminated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CommitmentStatus::Pending => "pending",
            CommitmentStatus::DueSoon => "due_soon",
            CommitmentStatus::Overdue => "overdue",
            CommitmentStatus::Fulfilled => "fulfilled",
            CommitmentStatus::Terminated => "terminated",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == s)
    }
}

/// The status of a commitment due on `due` (none for one in lieu of proof)
/// with `resolution`, on `today`.
pub fn status(
    due: Option<Date>,
    resolution: Resolution,
    today: Date,
    calendar: &WorkCalendar,
) -> Result<CommitmentStatus, CalendarError> {
    match resolution {
        Resolution::Fulfilled => return Ok(CommitmentStatus::Fulfilled),
        Resolution::Terminated => return Ok(CommitmentStatus::Terminated),
        Resolution::Open => {}
    }
    let Some(due) = due else {
        return Ok(CommitmentStatus::Pending);
    };
    if today > due {
        return Ok(if calendar.working_days_between(due, today)? >= 1 {
            CommitmentStatus::Overdue
        } else {
            CommitmentStatus::DueSoon
        });
    }
    Ok(
        if calendar.working_days_between(today, due)? <= DUE_SOON_WORKING_DAYS {
            CommitmentStatus::DueSoon
        } else {
            CommitmentStatus::Pending
        },
    )
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
            Some(parse_date(due).unwrap()),
            Resolution::Open,
            parse_date(today).unwrap(),
            &calendar,
        )
        .unwrap()
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
        let due = Some(parse_date("2026-01-05").unwrap());
        assert_eq!(
            status(due, Resolution::Fulfilled, today, &calendar),
            Ok(CommitmentStatus::Fulfilled)
        );
        assert_eq!(
            status(due, Resolution::Terminated, today, &calendar),
            Ok(CommitmentStatus::Terminated)
        );
        assert_eq!(
            status(None, Resolution::Open, today, &calendar),
            Ok(CommitmentStatus::Pending)
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
}
