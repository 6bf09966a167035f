//! Which reminders are due on a day. A deployment runs this for every open
//! deferral (and every open application's promised deadline) once a day,
//! or at start-up, and queues what it returns in an outbox keyed by
//! [`Reminder::key`]: the key is the same however often the rule runs, so
//! a reminder is queued once even when two servers run it at the same time
//! or one restarts (the outbox's unique key does the rest).
//!
//! - **due in N working days**: from the first day on which at most N
//!   working days remain until the due date (the due day counted, today
//!   not), until the due date; once.
//! - **overdue**: from the first working day after the due date; once.
//!
//! A day the calendar cannot place (a year whose holidays are not loaded)
//! queues nothing: no reminder from a guess. Reminders of events (a
//! material returned, a decision made) are queued by the action itself,
//! with [`event_key`].

use serde::{Deserialize, Serialize};
use time::Date;

use crate::ledger::{self, CommitmentStatus, Due, Resolution};

/// What a reminder says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// The deadline is near (N working days or fewer left).
    DueIn,
    /// The deadline has passed.
    Overdue,
    /// A handed-in material was returned with a reason.
    MaterialReturned,
    /// The application was decided.
    DecisionMade,
}

impl ReminderKind {
    /// The wire name (`due_in`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            ReminderKind::DueIn => "due_in",
            ReminderKind::Overdue => "overdue",
            ReminderKind::MaterialReturned => "material_returned",
            ReminderKind::DecisionMade => "decision_made",
        }
    }

    /// The kind with the wire name `s`, if any.
    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::DueIn,
            Self::Overdue,
            Self::MaterialReturned,
            Self::DecisionMade,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A reminder to queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reminder {
    pub kind: ReminderKind,
    /// `SUBJECT:KIND`, the outbox's unique key.
    pub key: String,
    /// Working days left until the due date (for `due_in`), the due day
    /// counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_days_left: Option<u32>,
}

/// The reminders due on `today` for a deadline `due` of `subject` (a stable
/// name such as `commitment:42` or `application:R2026…:promised`), with
/// `resolution`, warning `days_before` working days ahead.
pub fn due_on(
    subject: &str,
    due: Due,
    resolution: Resolution,
    today: Date,
    calendar: &crate::calendar::WorkCalendar,
    days_before: u32,
) -> Vec<Reminder> {
    let Due::On(due_date) = due else {
        return Vec::new();
    };
    if resolution != Resolution::Open {
        return Vec::new();
    }
    if ledger::status(due, resolution, today, calendar) == CommitmentStatus::Overdue {
        return vec![Reminder {
            kind: ReminderKind::Overdue,
            key: format!("{subject}:{}", ReminderKind::Overdue.as_str()),
            working_days_left: None,
        }];
    }
    if today > due_date {
        // After the due date but before the next working day: neither.
        return Vec::new();
    }
    match ledger::working_days_at_least(calendar, today, due_date, days_before + 1) {
        Some(left) if left <= days_before => vec![Reminder {
            kind: ReminderKind::DueIn,
            key: format!("{subject}:{}", ReminderKind::DueIn.as_str()),
            working_days_left: Some(left),
        }],
        _ => Vec::new(),
    }
}

/// The outbox key of an event's reminder: `SUBJECT:KIND:EVENT`, where
/// `event` names the one event (the returned upload's id, the decision).
pub fn event_key(subject: &str, kind: ReminderKind, event: &str) -> String {
    format!("{subject}:{}:{event}", kind.as_str())
}
