//! 限时办结: each application against its promised (承诺) and statutory
//! (法定) deadlines, and the timeliness report per item and period.
//!
//! A decided application is judged by its decision date: within the limit
//! when decided on or before the deadline's date. An open one is judged on
//! `today` with the ledger's rules ([`crate::ledger::status`]): overdue
//! from the first working day after the deadline, due soon within
//! [`DUE_SOON_WORKING_DAYS`](crate::ledger::DUE_SOON_WORKING_DAYS). A
//! deadline that ends in a year whose holidays are not loaded is counted
//! in working days from acceptance when the calendar can tell, and is
//! otherwise *undetermined*, never guessed.

use std::collections::BTreeMap;

use serde::Serialize;
use time::Date;

use crate::Lang;
use crate::calendar::{WorkCalendar, format_date};
use crate::ledger::{self, CommitmentStatus, Resolution};
use crate::messages::followup as text;

use super::decision::Decision;

/// One deadline of an application, as stored with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// No such limit (an on-the-spot item; no statutory limit stated).
    None,
    /// Ends on this day (`YYYY-MM-DD`), inclusive.
    On(Date),
    /// Ends `working_days` working days after acceptance, in a year whose
    /// holidays were not loaded when the application was accepted.
    Pending { working_days: u32 },
}

/// What the report needs to know about one application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationFacts {
    /// The receipt number (受理编号), to list the late and overdue ones.
    pub receipt: String,
    /// The item's implementation code (实施编码).
    pub item_code: String,
    pub accepted_on: Date,
    pub promised: Deadline,
    pub statutory: Deadline,
    /// The decision and its date, once recorded.
    pub decision: Option<(Decision, Date)>,
}

/// Where one application stands against one deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Decided on or before the deadline.
    DecidedInTime,
    /// Decided after the deadline (超期办结).
    DecidedLate,
    /// Open; more than the due-soon margin left.
    OnTrack,
    /// Open; at most the due-soon margin left.
    DueSoon,
    /// Open and past the deadline (超期未办结).
    Overdue,
    /// The calendar cannot tell yet.
    Undetermined,
    /// The application has no such deadline.
    NoLimit,
}

/// `facts` against `deadline` on `today`.
pub fn standing(
    facts: &ApplicationFacts,
    deadline: Deadline,
    today: Date,
    calendar: &WorkCalendar,
) -> Standing {
    let due = match deadline {
        Deadline::None => return Standing::NoLimit,
        Deadline::On(date) => Some(date),
        // The date may be known by now (the year's calendar loaded since).
        Deadline::Pending { working_days } => calendar
            .add_working_days(facts.accepted_on, working_days)
            .ok(),
    };
    match (facts.decision, due) {
        (Some((_, decided_on)), Some(due)) => {
            if decided_on <= due {
                Standing::DecidedInTime
            } else {
                Standing::DecidedLate
            }
        }
        (Some((_, decided_on)), None) => {
            // The date is unknown, but the working days up to the decision
            // may already settle it.
            let Deadline::Pending { working_days } = deadline else {
                unreachable!("only a pending deadline has no date")
            };
            match ledger::working_days_at_least(
                calendar,
                facts.accepted_on,
                decided_on,
                working_days + 1,
            ) {
                Some(used) if used <= working_days => Standing::DecidedInTime,
                Some(_) => Standing::DecidedLate,
                None => Standing::Undetermined,
            }
        }
        (None, due) => {
            let due = due.map_or(ledger::Due::Pending, ledger::Due::On);
            match ledger::status(due, Resolution::Open, today, calendar) {
                CommitmentStatus::Overdue => Standing::Overdue,
                CommitmentStatus::DueSoon => Standing::DueSoon,
                CommitmentStatus::Undetermined => Standing::Undetermined,
                _ => Standing::OnTrack,
            }
        }
    }
}

/// The counts for one deadline (promised or statutory) of one item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub decided_in_time: u32,
    pub decided_late: u32,
    pub on_track: u32,
    pub due_soon: u32,
    pub overdue: u32,
    pub undetermined: u32,
    pub no_limit: u32,
    /// Receipts decided late, in receipt order.
    pub late: Vec<String>,
    /// Receipts open past the deadline, in receipt order.
    pub overdue_receipts: Vec<String>,
    /// Receipts open with at most the due-soon margin left, in receipt
    /// order: what the office should decide first.
    pub due_soon_receipts: Vec<String>,
}

impl Counts {
    fn add(&mut self, standing: Standing, receipt: &str) {
        match standing {
            Standing::DecidedInTime => self.decided_in_time += 1,
            Standing::DecidedLate => {
                self.decided_late += 1;
                self.late.push(receipt.to_owned());
            }
            Standing::OnTrack => self.on_track += 1,
            Standing::DueSoon => {
                self.due_soon += 1;
                self.due_soon_receipts.push(receipt.to_owned());
            }
            Standing::Overdue => {
                self.overdue += 1;
                self.overdue_receipts.push(receipt.to_owned());
            }
            Standing::Undetermined => self.undetermined += 1,
            Standing::NoLimit => self.no_limit += 1,
        }
    }
}

/// One item's line of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemTimeliness {
    pub item_code: String,
    /// Applications accepted in the period.
    pub accepted: u32,
    /// Of those, decided (by any decision).
    pub decided: u32,
    pub promised: Counts,
    pub statutory: Counts,
}

/// The timeliness report: every application accepted from `from` to `to`
/// (inclusive, `YYYY-MM-DD`), per item in code order, judged on `today`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelinessReport {
    /// `YYYY-MM-DD`.
    pub from: String,
    /// `YYYY-MM-DD`.
    pub to: String,
    /// The day open applications were judged on, `YYYY-MM-DD`.
    pub today: String,
    pub items: Vec<ItemTimeliness>,
}

/// The report over `applications` (any order; those accepted outside the
/// period are left out).
pub fn report(
    applications: &[ApplicationFacts],
    from: Date,
    to: Date,
    today: Date,
    calendar: &WorkCalendar,
) -> TimelinessReport {
    let mut sorted: Vec<&ApplicationFacts> = applications
        .iter()
        .filter(|a| (from..=to).contains(&a.accepted_on))
        .collect();
    sorted.sort_by(|a, b| a.receipt.cmp(&b.receipt));
    let mut items: BTreeMap<&str, ItemTimeliness> = BTreeMap::new();
    for facts in sorted {
        let line = items
            .entry(&facts.item_code)
            .or_insert_with(|| ItemTimeliness {
                item_code: facts.item_code.clone(),
                accepted: 0,
                decided: 0,
                promised: Counts::default(),
                statutory: Counts::default(),
            });
        line.accepted += 1;
        if facts.decision.is_some() {
            line.decided += 1;
        }
        line.promised.add(
            standing(facts, facts.promised, today, calendar),
            &facts.receipt,
        );
        line.statutory.add(
            standing(facts, facts.statutory, today, calendar),
            &facts.receipt,
        );
    }
    TimelinessReport {
        from: format_date(from),
        to: format_date(to),
        today: format_date(today),
        items: items.into_values().collect(),
    }
}

/// The columns of [`table`], by wire name (`promised.` and `statutory.`
/// name a deadline's [`Counts`] field); their headings are the
/// catalogue's (`messages::followup::timeliness_column`).
pub const COLUMNS: &[&str] = &[
    "item_code",
    "accepted",
    "decided",
    "promised.decided_in_time",
    "promised.decided_late",
    "promised.on_track",
    "promised.due_soon",
    "promised.overdue",
    "promised.undetermined",
    "promised.no_limit",
    "statutory.decided_in_time",
    "statutory.decided_late",
    "statutory.on_track",
    "statutory.due_soon",
    "statutory.overdue",
    "statutory.undetermined",
    "statutory.no_limit",
    "promised.late",
    "promised.overdue_receipts",
    "promised.due_soon_receipts",
    "statutory.late",
    "statutory.overdue_receipts",
    "statutory.due_soon_receipts",
];

/// The report as a table for a spreadsheet (CSV): the header row in
/// `lang`, then one row per item in the report's order; lists of receipts
/// are joined with spaces.
pub fn table(report: &TimelinessReport, lang: Lang) -> Vec<Vec<String>> {
    let mut rows = vec![
        COLUMNS
            .iter()
            .map(|c| text::timeliness_column(c).get(lang).to_owned())
            .collect(),
    ];
    for line in &report.items {
        rows.push(
            COLUMNS
                .iter()
                .map(|column| match column.split_once('.') {
                    None => match *column {
                        "item_code" => line.item_code.clone(),
                        "accepted" => line.accepted.to_string(),
                        _ => line.decided.to_string(),
                    },
                    Some((deadline, field)) => {
                        let counts = if deadline == "promised" {
                            &line.promised
                        } else {
                            &line.statutory
                        };
                        counts.cell(field)
                    }
                })
                .collect(),
        );
    }
    rows
}

impl Counts {
    /// One field as a table cell.
    fn cell(&self, field: &str) -> String {
        match field {
            "decided_in_time" => self.decided_in_time.to_string(),
            "decided_late" => self.decided_late.to_string(),
            "on_track" => self.on_track.to_string(),
            "due_soon" => self.due_soon.to_string(),
            "overdue" => self.overdue.to_string(),
            "undetermined" => self.undetermined.to_string(),
            "no_limit" => self.no_limit.to_string(),
            "late" => self.late.join(" "),
            "due_soon_receipts" => self.due_soon_receipts.join(" "),
            _ => self.overdue_receipts.join(" "),
        }
    }
}
