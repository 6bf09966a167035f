//! The verdict on a submission, exactly the JSON shape DESIGN.md fixes. The
//! report *is* the contract between browser and server, so it is a serde
//! type here and is serialised the same way natively and in wasm.

use serde::Serialize;

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
