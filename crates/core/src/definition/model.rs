//! The typed form of a `banli-item/1` definition. Shapes mirror
//! `schemas/item-definition.schema.json`; the meta-schema is checked before
//! these types are filled, so deserialisation errors are rare and still
//! reported as diagnostics, never panics.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::messages::Lang;

/// Translations of an object's texts: `{"en": {"name": "..."}}`.
pub type I18n = BTreeMap<String, BTreeMap<String, String>>;

/// A text in the requested language, falling back to the default (Chinese).
pub fn localized<'a>(default: &'a str, i18n: &'a I18n, key: &str, lang: Lang) -> &'a str {
    lang.i18n_key()
        .and_then(|tag| i18n.get(tag))
        .and_then(|texts| texts.get(key))
        .map_or(default, String::as_str)
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ItemDefinition {
    pub format: String,
    pub code: String,
    pub basic_code: String,
    pub version: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub i18n: I18n,
    pub item_type: ItemType,
    pub authority: Authority,
    #[serde(default)]
    pub legal_basis: Vec<String>,
    #[serde(default)]
    pub conditions: Vec<Condition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling_type: Option<HandlingType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online_depth: Option<String>,
    pub time_limits: TimeLimits,
    pub visits: Visits,
    pub fees: Fees,
    pub form: Value,
    #[serde(default)]
    pub ui: Ui,
    #[serde(default)]
    pub materials: Vec<Material>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deferral: Option<Deferral>,
    /// Only in a merged bundle (一件事一次办): the member items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<BundleMember>,
}

/// A member item of a merged bundle: it keeps its own identity and time
/// limits; `materials` and `conditions` are ids in the merged definition.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BundleMember {
    pub key: String,
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basic_code: Option<String>,
    pub version: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "I18n::is_empty")]
    pub i18n: I18n,
    pub authority: Authority,
    pub time_limits: TimeLimits,
    #[serde(default)]
    pub materials: Vec<String>,
    #[serde(default)]
    pub conditions: Vec<String>,
}

impl ItemDefinition {
    pub fn localized_name(&self, lang: Lang) -> &str {
        localized(&self.name, &self.i18n, "name", lang)
    }

    pub fn material(&self, id: &str) -> Option<&Material> {
        self.materials.iter().find(|m| m.id == id)
    }

    pub fn is_on_the_spot(&self) -> bool {
        self.time_limits.promised.on_the_spot || self.time_limits.statutory.on_the_spot
    }

    /// The deferral settings when the item allows deferral at all.
    pub fn allowed_deferral(&self) -> Option<&Deferral> {
        self.deferral.as_ref().filter(|d| d.allowed)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ItemType {
    pub code: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Authority {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default)]
    pub i18n: I18n,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Condition {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub i18n: I18n,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_lieu: Option<InLieu>,
}

impl Condition {
    pub fn localized_text(&self, lang: Lang) -> &str {
        localized(&self.text, &self.i18n, "text", lang)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandlingType {
    OnTheSpot,
    Commitment,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TimeLimits {
    pub statutory: TimeLimit,
    pub promised: TimeLimit,
    #[serde(default)]
    pub excluded_periods: Vec<String>,
}

/// Either a number of working days or "on the spot" (即办).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TimeLimit {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days: Option<u32>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub on_the_spot: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    #[serde(default, skip_serializing_if = "I18n::is_empty")]
    pub i18n: I18n,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Visits {
    pub count: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "I18n::is_empty")]
    pub i18n: I18n,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fees {
    pub charged: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    #[serde(default)]
    pub items: Vec<FeeItem>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FeeItem {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_yuan: Option<f64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Ui {
    #[serde(default)]
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Step {
    pub title: String,
    #[serde(default)]
    pub i18n: I18n,
    #[serde(default)]
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Material {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub i18n: I18n,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_kind: Option<CopyKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medium: Option<Medium>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copies: Option<u32>,
    pub source: Source,
    pub required: Requirement,
    #[serde(default)]
    pub core: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deferrable: Option<Deferrable>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_lieu: Option<InLieu>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub templates: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept: Option<Value>,
}

impl Material {
    pub fn localized_name(&self, lang: Lang) -> &str {
        localized(&self.name, &self.i18n, "name", lang)
    }

    /// Sources the portal can supply from government data (免提交).
    pub fn is_shareable(&self) -> bool {
        matches!(self.source, Source::Government | Source::ELicense)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CopyKind {
    Original,
    Copy,
    OriginalAndCopy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Medium {
    Paper,
    Electronic,
    PaperAndElectronic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Applicant,
    Government,
    ELicense,
    Intermediary,
    Other,
}

impl CopyKind {
    /// The wire name (`original`, `copy`, `original_and_copy`).
    pub fn as_str(self) -> &'static str {
        match self {
            CopyKind::Original => "original",
            CopyKind::Copy => "copy",
            CopyKind::OriginalAndCopy => "original_and_copy",
        }
    }
}

impl Medium {
    /// The wire name (`paper`, `electronic`, `paper_and_electronic`).
    pub fn as_str(self) -> &'static str {
        match self {
            Medium::Paper => "paper",
            Medium::Electronic => "electronic",
            Medium::PaperAndElectronic => "paper_and_electronic",
        }
    }
}

impl Source {
    /// The wire name (`applicant`, `government`, `e_license`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Applicant => "applicant",
            Source::Government => "government",
            Source::ELicense => "e_license",
            Source::Intermediary => "intermediary",
            Source::Other => "other",
        }
    }
}

/// `true`, `false`, or `{"when": SCHEMA}` evaluated against the form data.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Requirement {
    Always(bool),
    When { when: Value },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Deferrable {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default)]
    pub i18n: I18n,
}

/// 告知承诺: the proof may be replaced by a signed commitment.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InLieu {
    pub notice: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proves: Option<String>,
    pub liability: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<String>,
    #[serde(default)]
    pub i18n: I18n,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Deferral {
    pub allowed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_working_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_materials: Option<u32>,
    #[serde(default)]
    pub withhold_result: bool,
    #[serde(default)]
    pub i18n: I18n,
}

impl Deferral {
    pub fn localized_reason(&self, lang: Lang) -> Option<&str> {
        self.reason
            .as_deref()
            .map(|reason| localized(reason, &self.i18n, "reason", lang))
    }
}
