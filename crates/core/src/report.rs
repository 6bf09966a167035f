//! The verdict on a submission, exactly the JSON shape DESIGN.md fixes. The
//! report *is* the contract between browser and server, so it is a serde
//! type here and is serialised the same way natively and in wasm.

use serde::{Deserialize, Serialize};

use crate::commitment::Commitment;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub status: Status,
    /// Every problem, in document order (一次性告知).
    pub errors: Vec<ReportError>,
    /// Every material of the item, in the item's order.
    pub materials: Vec<MaterialStatus>,
    /// Working-day dates, when an acceptance date and calendar were given.
    pub deadlines: Option<Deadlines>,
    /// The commitment documents this submission needs.
    pub commitments: Vec<Commitment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Valid,
    /// Valid only because materials are deferred or replaced by commitments.
    ValidWithCommitments,
    Invalid,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Valid => "valid",
            Status::ValidWithCommitments => "valid_with_commitments",
            Status::Invalid => "invalid",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportError {
    /// JSON Pointer into the submission's `data`, or `/materials/<id>`,
    /// `/conditions/<id>`, `/commitment`, `/item` for the envelope.
    pub path: String,
    /// Stable code (`required`, `format.cn-id-card`, `material.missing`, ...).
    pub code: String,
    /// The field's label path, e.g. "经营者信息 › 身份证号码".
    pub label: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MaterialStatus {
    pub id: String,
    pub name: String,
    /// Whether this material is required for the data given.
    pub required: bool,
    pub disposition: Disposition,
}

/// What the submission does with a material; `missing` and `not_required`
/// describe materials absent from the submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    Provided,
    Shared,
    Deferred,
    InLieu,
    Missing,
    NotRequired,
}

impl Disposition {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "provided" => Disposition::Provided,
            "shared" => Disposition::Shared,
            "deferred" => Disposition::Deferred,
            "in_lieu" => Disposition::InLieu,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadlines {
    pub accepted_on: String,
    /// True for on-the-spot (即办) items, which have no completion date.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub on_the_spot: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub promised: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statutory: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deferred_due: Option<String>,
    /// The deadlines above whose date cannot be known yet because they end
    /// in a year whose holidays are not loaded: their date is absent, and
    /// each is listed here instead (an empty list is left out, so reports
    /// without pending deadlines are unchanged).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<PendingDeadline>,
}

/// Which deadline of [`Deadlines`] a [`PendingDeadline`] stands for; the
/// wire names are the keys of `deadlines`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// 承诺办结时限.
    Promised,
    /// 法定办结时限.
    Statutory,
    /// The due date of deferred materials (容缺材料补齐期限).
    DeferredDue,
}

impl DeadlineKind {
    /// The wire name: `promised`, `statutory` or `deferred_due`.
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineKind::Promised => "promised",
            DeadlineKind::Statutory => "statutory",
            DeadlineKind::DeferredDue => "deferred_due",
        }
    }
}

/// A deadline whose date is not known yet: N working days from acceptance,
/// ending in a year whose public holidays are not loaded. A date is never
/// guessed from weekends alone; it is set once the year's calendar is
/// loaded (the server then resolves stored pending dates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingDeadline {
    pub deadline: DeadlineKind,
    /// The length of the time limit, in working days from acceptance.
    pub working_days: u32,
    /// The first year whose holiday arrangement is missing.
    pub year: i32,
    /// Always `calendar.year_not_covered`.
    pub code: String,
    /// E.g. "法定办结时限：自受理之日起20个工作日（2027年节假日安排公布后确定具体日期）".
    pub message: String,
}

impl Report {
    /// The report as compact JSON, the byte-for-byte contract.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a report always serialises")
    }

    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serialises")
    }
}
