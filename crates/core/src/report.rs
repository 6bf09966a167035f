//! The verdict on a submission: these types fix its JSON shape. The
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
    /// The variant (业务办理项) the answers chose, for an item with
    /// variants; absent otherwise, so other reports are unchanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<ReportVariant>,
}

/// The variant (业务办理项) a report was judged under: the code recorded
/// for the application and the deadlines' limits are the variant's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportVariant {
    pub id: String,
    /// 业务办理项编码, when the item gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Its name in the report's language.
    pub name: String,
    /// `decides` or `forwards` (初审转报).
    pub role: crate::definition::AuthorityRole,
    /// The deciding authority when not the item's, in the report's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
}

impl ReportVariant {
    pub fn of(variant: &crate::definition::Variant, lang: crate::messages::Lang) -> Self {
        ReportVariant {
            id: variant.id.clone(),
            code: variant.code.clone(),
            name: variant.localized_name(lang).to_owned(),
            role: variant.role,
            authority: variant
                .authority
                .as_ref()
                .map(|a| crate::definition::localized(&a.name, &a.i18n, "name", lang).to_owned()),
        }
    }
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

// Deserialize: the widget's view reads the errors its engine module
// judged (`FormJudge`) from JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// Which part of the submission an error's `path` is about. Form errors'
/// paths point into `data` without a prefix; the envelope's own parts
/// start with their key. This is the one place that tells them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A form field (or the whole form data).
    Form,
    /// `/item/…`: the item and version the envelope names.
    Item,
    /// `/materials` or `/materials/<id>`.
    Materials,
    /// `/conditions/<id>`: conditions met by commitment.
    Conditions,
    /// `/commitment/…`: the signature.
    Commitment,
}

impl Place {
    /// Classifies a report error's path (a JSON Pointer).
    pub fn of(path: &str) -> Place {
        let first = path
            .strip_prefix('/')
            .map(|rest| rest.split('/').next().unwrap_or(""));
        match first {
            Some("item") => Place::Item,
            Some("materials") => Place::Materials,
            Some("conditions") => Place::Conditions,
            Some("commitment") => Place::Commitment,
            _ => Place::Form,
        }
    }

    /// Whether it is about the materials step (materials, conditions met by
    /// commitment, the signature) rather than the form or the item.
    pub fn is_materials_step(self) -> bool {
        matches!(
            self,
            Place::Materials | Place::Conditions | Place::Commitment
        )
    }
}

impl ReportError {
    /// Which part of the submission this error is about.
    pub fn place(&self) -> Place {
        Place::of(&self.path)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MaterialStatus {
    pub id: String,
    pub name: String,
    /// Whether this material is required for the data given.
    pub required: bool,
    pub disposition: Disposition,
    /// For a material with alternatives ("A 或 B 或 C"): the one the
    /// envelope names, when it is one of the material's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternative: Option<ChosenAlternative>,
    /// For a per-item material (one per entry of an array of the form):
    /// each entry's copy, in the array's order, at
    /// `/materials/<id>/entries/<n>`; `disposition` above is then the one
    /// that most needs attention (missing, deferred, in lieu, provided,
    /// shared, generated, in that order), `not_required` when the array is
    /// empty. Absent for a material given once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entries: Option<Vec<EntryStatus>>,
}

/// One entry's copy of a per-item material.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryStatus {
    /// The entry as named in the report's language: "第2项（张三）".
    pub entry: String,
    pub disposition: Disposition,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternative: Option<ChosenAlternative>,
}

/// The alternative given for a material: its id and its name in the
/// report's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChosenAlternative {
    pub id: String,
    pub name: String,
}

/// What the submission does with a material; `missing`, `not_required` and
/// `generated` describe materials absent from the submission (the report's
/// words: an envelope cannot choose them, so serde does not read them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    Provided,
    Shared,
    Deferred,
    InLieu,
    #[serde(skip_deserializing)]
    Missing,
    #[serde(skip_deserializing)]
    NotRequired,
    /// Required, and produced from the form data (申请表, 承诺书): the
    /// applicant uploads nothing for it.
    #[serde(skip_deserializing)]
    Generated,
}

impl Disposition {
    /// The four an applicant can choose, in the order a form offers them.
    pub const CHOICES: [Disposition; 4] = [
        Disposition::Provided,
        Disposition::Shared,
        Disposition::Deferred,
        Disposition::InLieu,
    ];

    /// The wire name (`provided`, `in_lieu`, `not_required`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Disposition::Provided => "provided",
            Disposition::Shared => "shared",
            Disposition::Deferred => "deferred",
            Disposition::InLieu => "in_lieu",
            Disposition::Missing => "missing",
            Disposition::NotRequired => "not_required",
            Disposition::Generated => "generated",
        }
    }

    /// A choice an envelope can state, by its wire name; `missing`,
    /// `not_required` and `generated` are not choices.
    pub fn choice(s: &str) -> Option<Self> {
        Self::CHOICES.into_iter().find(|d| d.as_str() == s)
    }
}

impl std::fmt::Display for Disposition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Working-day deadlines. Every date is `YYYY-MM-DD` (the acceptance
/// date's calendar day in China).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadlines {
    /// The acceptance date (受理日期), `YYYY-MM-DD`.
    pub accepted_on: String,
    /// True for on-the-spot (即办) items, which have no completion date.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub on_the_spot: bool,
    /// The promised completion date (承诺办结), `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub promised: Option<String>,
    /// The statutory completion date (法定办结), `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statutory: Option<String>,
    /// When deferred materials are due (容缺补齐), `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deferred_due: Option<String>,
    /// The deadlines above whose date cannot be known yet because they end
    /// in a year whose holidays are not loaded: their date is absent, and
    /// each is listed here instead (an empty list is left out, so reports
    /// without pending deadlines are unchanged).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<PendingDeadline>,
}

/// One member of a merged bundle (一件事一次办) with the deadlines its own
/// office sets ([`crate::CompiledItem::member_deadlines`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberDeadlines {
    /// The member's key in the bundle.
    pub key: String,
    /// The member's name, in the report's language.
    pub name: String,
    /// The member's variant (业务办理项) its answers chose, as the member's
    /// own report gives it (its code, role and deciding authority); absent
    /// for a member without variants.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<ReportVariant>,
    /// The names of the member's required materials that are deferred
    /// (容缺后补), in the report's language; one entry of a per-item
    /// material as "拟聘用驾驶员 › 第2项（周敏） › 机动车驾驶证".
    pub deferred: Vec<String>,
    /// From the member's own time limits (its variant's, when the variant
    /// states its own); `deferred_due` only when one of its own materials
    /// is deferred, by its own deferral deadline.
    pub deadlines: Deadlines,
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
