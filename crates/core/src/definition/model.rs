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
    pub legal_basis: Vec<LegalBasis>,
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
    /// 受理/办理机构, when the window that handles the item is not the
    /// implementing body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling_body: Option<Authority>,
    /// 服务对象: who may apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applicants: Option<Applicants>,
    /// 办理结果: the documents the item issues.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub results: Vec<ItemResult>,
    /// 办理流程: the steps in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub process: Vec<ProcessStep>,
    /// 办理地点: the windows where one applies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offices: Vec<Office>,
    /// 咨询/投诉/进度查询 lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    /// 办理形式: window, online, post.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
    /// 网上办理深度 as the list of what can be done online.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online_services: Option<OnlineServices>,
    /// 前置/后续/联办 items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related_items: Vec<RelatedItem>,
    /// 常见问题.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub faq: Vec<FaqEntry>,
    /// 行政复议/行政诉讼.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remedies: Option<Remedies>,
    /// The dates of this version of the guide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity: Option<Validity>,
    /// 办理情形: the situation questions, asked first, and the situations
    /// their answers stand for, each selecting materials.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub situations: Vec<SituationQuestion>,
    /// 业务办理项: the item's sub-kinds, each chosen by a situation, with
    /// its own code, name, time limits, authority and results.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
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
    /// The member's `when` from the bundle file (a condition on the merged
    /// data, paths from its root); absent when the member always applies.
    /// See [`crate::bundle::member_applies`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Value>,
    /// The member's own deadline for deferred materials (容缺补齐, working
    /// days after acceptance) when it allows deferral; the merged
    /// `deferral` is the strictest of all members'.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deferral_working_days: Option<u32>,
    /// The member's own results (办理结果: the documents its office issues,
    /// as in its `results`), for the review page and the guide; empty when
    /// the member declares none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub results: Vec<ItemResult>,
    /// The member's own cap on deferred materials (容缺, its
    /// `deferral.max_materials`), when it allows deferral with a cap; the
    /// merged `deferral` states the smallest, but a verdict counts each
    /// member's own deferred materials against its own cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deferral_max_materials: Option<u32>,
    /// The member's own terms for each of its materials (its requirement in
    /// terms of the merged data, `when` ANDed in; whether it lets the
    /// material be deferred or replaced by a commitment). The merged
    /// material is their union; a verdict on the merged definition reads
    /// the terms of the members that apply, so it is the members' own
    /// verdict ([`crate::bundle::Bundle::validate`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub material_terms: Vec<MemberMaterial>,
    /// The member's own variants (业务办理项), as in its definition; empty
    /// when it has none. The merged definition has no variants of its own:
    /// each member's report and review follow the variant its answers
    /// choose ([`BundleMember::variant_for`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
    /// The member's situation questions whose situations choose one of its
    /// variants, as they stand in the merged `situations` (fields as JSON
    /// Pointers into the merged data, such as `/feasibility/situation/x`;
    /// ids prefixed `<key>-`), with only the cases that choose a variant
    /// and without their `materials`/`exempts` (the merged situations carry
    /// those). `variant` names one of this member's `variants`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub situations: Vec<SituationQuestion>,
    /// The member's own descriptive facts (its offices, contacts, 办理流程,
    /// channels, FAQ, remedies, ...), under the item's key names, for the
    /// bundle's guide, which prints them under the member's name.
    #[serde(flatten)]
    pub described: Described,
}

/// The descriptive facts of a guide (办事指南要素) that are neither rules
/// nor results: what a bundle member keeps of its own definition (flattened
/// into its record, under the item's key names) and what a bundle file may
/// declare for the 一件事 as a whole (merged into the item-level keys). Each
/// key has the shape of the item key of the same name.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Described {
    /// 受理/办理机构, e.g. the 一件事 综合窗口.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling_body: Option<Authority>,
    /// 服务对象.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applicants: Option<Applicants>,
    /// 办理流程, e.g. 一表申请 → 并联审批 → 统一出件.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub process: Vec<ProcessStep>,
    /// 办理地点: address, hours (办公时间), phone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offices: Vec<Office>,
    /// 咨询/投诉/进度查询 lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    /// 办理形式: window, online, post.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
    /// 网上办理深度 as the list of what can be done online.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online_services: Option<OnlineServices>,
    /// 前置/后续/联办 items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related_items: Vec<RelatedItem>,
    /// 常见问题.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub faq: Vec<FaqEntry>,
    /// 行政复议/行政诉讼.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remedies: Option<Remedies>,
    /// The dates of this version of the guide (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity: Option<Validity>,
}

impl Described {
    /// The item-level keys [`Described`] names, in the meta-schema's order.
    pub const KEYS: [&'static str; 11] = [
        "handling_body",
        "applicants",
        "process",
        "offices",
        "contacts",
        "channels",
        "online_services",
        "related_items",
        "faq",
        "remedies",
        "validity",
    ];

    /// A copy of `item`'s descriptive facts.
    pub fn of(item: &ItemDefinition) -> Described {
        Described {
            handling_body: item.handling_body.clone(),
            applicants: item.applicants.clone(),
            process: item.process.clone(),
            offices: item.offices.clone(),
            contacts: item.contacts.clone(),
            channels: item.channels.clone(),
            online_services: item.online_services.clone(),
            related_items: item.related_items.clone(),
            faq: item.faq.clone(),
            remedies: item.remedies.clone(),
            validity: item.validity.clone(),
        }
    }

    /// Writes these facts into `item`'s keys of the same names.
    pub fn apply_to(self, item: &mut ItemDefinition) {
        item.handling_body = self.handling_body;
        item.applicants = self.applicants;
        item.process = self.process;
        item.offices = self.offices;
        item.contacts = self.contacts;
        item.channels = self.channels;
        item.online_services = self.online_services;
        item.related_items = self.related_items;
        item.faq = self.faq;
        item.remedies = self.remedies;
        item.validity = self.validity;
    }
}

/// How one member of a merged bundle treats one of its materials.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MemberMaterial {
    /// The material's id in the merged definition.
    pub id: String,
    /// Whether this member requires it, in terms of the merged data.
    pub required: Requirement,
    /// Whether this member lets it be deferred (容缺后补): the member
    /// allows deferral, is not decided on the spot, and the material is
    /// deferrable and not core.
    #[serde(default)]
    pub deferrable: bool,
    /// Whether this member accepts a commitment in lieu of it (告知承诺).
    #[serde(default)]
    pub in_lieu: bool,
}

impl BundleMember {
    pub fn localized_name(&self, lang: Lang) -> &str {
        localized(&self.name, &self.i18n, "name", lang)
    }

    /// The member's variant (业务办理项) the answers in `data` (the merged
    /// form's data) choose, by the rule of [`ItemDefinition::variant_for`].
    pub fn variant_for(&self, data: &Value) -> Option<&Variant> {
        variant_chosen(&self.situations, &self.variants, data)
    }

    /// The member's time limits under `variant`, by the rule of
    /// [`ItemDefinition::time_limits_under`].
    pub fn time_limits_under<'a>(&'a self, variant: Option<&'a Variant>) -> &'a TimeLimits {
        limits_under(&self.time_limits, variant)
    }

    /// The member's results under `variant`, by the rule of
    /// [`ItemDefinition::results_under`].
    pub fn results_under<'a>(&'a self, variant: Option<&'a Variant>) -> &'a [ItemResult] {
        results_under(&self.results, variant)
    }
}

/// The variant named by the first situation of `situations`, in order,
/// that holds for `data` (form data; a situation holds when the answer at
/// its question's JSON Pointer equals its `value`) and names one of
/// `variants`. The one rule for an item and for a bundle's member.
fn variant_chosen<'a>(
    situations: &'a [SituationQuestion],
    variants: &'a [Variant],
    data: &Value,
) -> Option<&'a Variant> {
    situations
        .iter()
        .flat_map(|q| q.cases.iter().map(move |c| (q, c)))
        .filter(|(q, c)| {
            c.variant.is_some() && crate::pointer::get(data, &q.field) == Some(&c.value)
        })
        .find_map(|(_, c)| {
            let id = c.variant.as_deref()?;
            variants.iter().find(|v| v.id == id)
        })
}

/// `limits` (an item's or a member's) under `variant`: the variant's own
/// when it states them, else `limits`.
fn limits_under<'a>(limits: &'a TimeLimits, variant: Option<&'a Variant>) -> &'a TimeLimits {
    variant
        .and_then(|v| v.time_limits.as_ref())
        .unwrap_or(limits)
}

/// `results` (an item's or a member's) under `variant`: the variant's own
/// when it has some; none when it forwards the application (the deciding
/// authority issues the result, and `results` are not it); else `results`.
fn results_under<'a>(results: &'a [ItemResult], variant: Option<&'a Variant>) -> &'a [ItemResult] {
    match variant {
        Some(v) if !v.results.is_empty() => &v.results,
        Some(v) if v.role == AuthorityRole::Forwards => &[],
        _ => results,
    }
}

impl ItemDefinition {
    pub fn localized_name(&self, lang: Lang) -> &str {
        localized(&self.name, &self.i18n, "name", lang)
    }

    pub fn material(&self, id: &str) -> Option<&Material> {
        self.materials.iter().find(|m| m.id == id)
    }

    /// In a merged bundle: the members that need the material `id` and
    /// apply to `submitted` (the merged form's data as submitted,
    /// `CompiledItem::submitted_data`), in the bundle's order. Empty for an
    /// ordinary item.
    pub fn members_using(&self, id: &str, submitted: &Value) -> Vec<&BundleMember> {
        self.members
            .iter()
            .filter(|m| m.materials.iter().any(|x| x == id))
            .filter(|m| crate::bundle::member_applies(m.when.as_ref(), submitted))
            .collect()
    }

    /// Every situation with the question (its field's JSON Pointer) it
    /// answers, in the order of the file.
    pub fn all_situations(&self) -> impl Iterator<Item = (&SituationQuestion, &Situation)> {
        self.situations
            .iter()
            .flat_map(|q| q.cases.iter().map(move |c| (q, c)))
    }

    /// The situations that select (`materials`) and that exempt
    /// (`exempts`) the material with this id.
    pub fn situations_of(&self, material: &str) -> (Vec<SituationOf<'_>>, Vec<SituationOf<'_>>) {
        let select = self
            .all_situations()
            .filter(|(_, c)| c.materials.iter().any(|m| m == material))
            .collect();
        let exempt = self
            .all_situations()
            .filter(|(_, c)| c.exempts.iter().any(|m| m == material))
            .collect();
        (select, exempt)
    }

    /// The requirement of material `index` as a condition on the form
    /// data: a `"by_situation"` material becomes `{"when": …}`, required
    /// when one of the situations selecting it holds (any, if none does:
    /// then only exemptions decide) and none exempting it holds. Every
    /// reader of requirements (validation, bundles, diff) goes through here,
    /// so a situation means the same everywhere.
    pub fn requirement(&self, index: usize) -> Requirement {
        let material = &self.materials[index];
        if !matches!(material.required, Requirement::BySituation(_)) {
            return material.required.clone();
        }
        let (select, exempt) = self.situations_of(&material.id);
        let mut all = Vec::new();
        match select.as_slice() {
            [] => {}
            [(q, c)] => all.push(answer_condition(&q.field, &c.value, true)),
            many => all.push(serde_json::json!({
                "anyOf": many
                    .iter()
                    .map(|(q, c)| answer_condition(&q.field, &c.value, true))
                    .collect::<Vec<_>>()
            })),
        }
        all.extend(
            exempt
                .iter()
                .map(|(q, c)| answer_condition(&q.field, &c.value, false)),
        );
        match all.len() {
            0 => Requirement::Always(false),
            1 => Requirement::When {
                when: all.remove(0),
            },
            _ => Requirement::When {
                when: serde_json::json!({ "allOf": all }),
            },
        }
    }

    /// Whether the situations decide material `index`: it is
    /// `"by_situation"`, or, in a merged bundle, its requirement is the
    /// `when` its members' situations stand for: every member that lists
    /// it has a situation (of the merged `situations`, by `member`) that
    /// selects or exempts it. The guide words such a material by its
    /// situations and the checklist decides it from their answers.
    pub fn is_situational(&self, index: usize) -> bool {
        let material = &self.materials[index];
        match material.required {
            Requirement::BySituation(_) => true,
            Requirement::When { .. } => {
                let id = material.id.as_str();
                let mut owners = self
                    .members
                    .iter()
                    .filter(|m| m.materials.iter().any(|x| x == id))
                    .peekable();
                owners.peek().is_some()
                    && owners.all(|m| {
                        self.situations
                            .iter()
                            .filter(|q| q.member.as_deref() == Some(m.key.as_str()))
                            .flat_map(|q| &q.cases)
                            .any(|c| c.materials.iter().chain(&c.exempts).any(|x| x == id))
                    })
            }
            Requirement::Always(_) => false,
        }
    }

    /// The variant (业务办理项) the answers in `data` (form data) choose:
    /// the one named by the first situation, in the file's order, that
    /// holds; `None` when the item has no variants or none is chosen yet.
    pub fn variant_for(&self, data: &Value) -> Option<&Variant> {
        variant_chosen(&self.situations, &self.variants, data)
    }

    pub fn variant(&self, id: &str) -> Option<&Variant> {
        self.variants.iter().find(|v| v.id == id)
    }

    /// The time limits under `variant` (from [`variant_for`](Self::variant_for)):
    /// the variant's when it states its own, else the item's.
    pub fn time_limits_under<'a>(&'a self, variant: Option<&'a Variant>) -> &'a TimeLimits {
        limits_under(&self.time_limits, variant)
    }

    /// The results (办理结果) under `variant`: the variant's own when it
    /// lists some, none when it forwards the application upward (the
    /// deciding authority's result is not the item's), else the item's.
    pub fn results_under<'a>(&'a self, variant: Option<&'a Variant>) -> &'a [ItemResult] {
        results_under(&self.results, variant)
    }

    pub fn is_on_the_spot(&self) -> bool {
        self.time_limits.promised.on_the_spot || self.time_limits.statutory.on_the_spot
    }

    /// The deferral settings when the item allows deferral at all.
    pub fn allowed_deferral(&self) -> Option<&Deferral> {
        self.deferral.as_ref().filter(|d| d.allowed)
    }
}

/// One entry of 设定依据: a citation as text, or structured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum LegalBasis {
    Text(String),
    Citation(Citation),
}

/// A structured legal citation: 法律法规名称, 文号, 条款号, 条款内容.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause_text: Option<String>,
}

/// 服务对象: kinds of applicant (wire names of the meta-schema, e.g.
/// `public_institution`) and the guide's own words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Applicants {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Translations of its texts: `{"en": {"name": "..."}}`.
    #[serde(default, skip_serializing_if = "I18n::is_empty")]
    pub i18n: I18n,
}

/// One result document (办理结果).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemResult {
    pub name: String,
    pub kind: ResultKind,
    /// A URL or the guide's words saying where the sample is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<String>,
    /// `None` when the guide does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e_licence: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Translations of its texts: `{"en": {"name": "..."}}`.
    #[serde(default, skip_serializing_if = "I18n::is_empty")]
    pub i18n: I18n,
}

impl ItemResult {
    /// The result's name in `lang`, falling back to the Chinese name.
    pub fn localized_name(&self, lang: Lang) -> &str {
        localized(&self.name, &self.i18n, "name", lang)
    }
}

/// 结果类型: 证照, 批文, 其他.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultKind {
    Licence,
    Approval,
    Other,
}

impl ResultKind {
    /// The wire name (`licence`, `approval`, `other`).
    pub fn as_str(self) -> &'static str {
        match self {
            ResultKind::Licence => "licence",
            ResultKind::Approval => "approval",
            ResultKind::Other => "other",
        }
    }
}

/// One step of 办理流程.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcessStep {
    /// Wire name: `receive`, `accept`, `review`, `decide`, `conclude`, `other`.
    pub step: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<TimeLimit>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// Translations of its texts: `{"en": {"name": "..."}}`.
    #[serde(default, skip_serializing_if = "I18n::is_empty")]
    pub i18n: I18n,
}

/// One place to apply (办理地点).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Office {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub address: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directions: Option<String>,
    /// A URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub map: Option<String>,
    /// Translations of its texts: `{"en": {"name": "..."}}`.
    #[serde(default, skip_serializing_if = "I18n::is_empty")]
    pub i18n: I18n,
}

/// One consultation, complaint or progress-enquiry line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    /// Wire name: `consultation`, `complaint`, `progress`.
    pub purpose: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Translations of its texts: `{"en": {"name": "..."}}`.
    #[serde(default, skip_serializing_if = "I18n::is_empty")]
    pub i18n: I18n,
}

/// One channel (办理形式): its visits and how the result is delivered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Channel {
    /// Wire name: `window`, `online`, `post`.
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visits: Option<Visits>,
    /// Wire names: `window`, `post`, `online`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub result_delivery: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Translations of its texts: `{"en": {"name": "..."}}`.
    #[serde(default, skip_serializing_if = "I18n::is_empty")]
    pub i18n: I18n,
}

/// What can be done online; wire names as in the meta-schema
/// (`consultation`, `receipt`, `pre_review`, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OnlineServices {
    pub capabilities: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A related item: `relation` is `prerequisite`, `follow_up` or `joint`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelatedItem {
    pub relation: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Translations of its texts: `{"en": {"name": "..."}}`.
    #[serde(default, skip_serializing_if = "I18n::is_empty")]
    pub i18n: I18n,
}

/// One question of 常见问题.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaqEntry {
    pub question: String,
    pub answer: String,
    /// Translations of its texts: `{"en": {"name": "..."}}`.
    #[serde(default, skip_serializing_if = "I18n::is_empty")]
    pub i18n: I18n,
}

/// 行政复议 and 行政诉讼, in the guide's words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Remedies {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reconsideration: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub litigation: Option<String>,
    /// Translations of its texts: `{"en": {"name": "..."}}`.
    #[serde(default, skip_serializing_if = "I18n::is_empty")]
    pub i18n: I18n,
}

/// The dates of this version of the guide, each `YYYY-MM-DD` (the
/// meta-schema checks the format).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Validity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portal_version: Option<String>,
}

/// 特别程序: described, never subtracted from the deadlines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpecialProcedure {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<TimeLimit>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Translations of its texts: `{"en": {"name": "..."}}`.
    #[serde(default, skip_serializing_if = "I18n::is_empty")]
    pub i18n: I18n,
}

/// A cost paid to someone other than the authority (第三方费用).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThirdPartyCost {
    pub name: String,
    /// Yuan (元).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_yuan: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payee: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Translations of its texts: `{"en": {"name": "..."}}`.
    #[serde(default, skip_serializing_if = "I18n::is_empty")]
    pub i18n: I18n,
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub special_procedures: Vec<SpecialProcedure>,
    /// Translations of the excluded periods as one text:
    /// `{"en": {"excluded_periods": "on-site inspection"}}`.
    #[serde(default, skip_serializing_if = "I18n::is_empty")]
    pub i18n: I18n,
}

/// Exactly one of: a number of working days (工作日), a number of natural
/// days (自然日), "on the spot" (即办), a number of days whose unit the
/// guide does not state, no limit at all, or not stated (the meta-schema
/// allows one per limit).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TimeLimit {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub natural_days: Option<u32>,
    /// Days as the guide writes them ("20日"), unit not stated: no date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// 无法定办结时限: the law sets none.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_limit: bool,
    /// 未载明: the guide gives no limit.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_stated: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub on_the_spot: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    #[serde(default, skip_serializing_if = "I18n::is_empty")]
    pub i18n: I18n,
}

/// The unit a limit counts its days in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayUnit {
    /// 工作日 (`working_days`).
    Working,
    /// 自然日 (`natural_days`).
    Natural,
    /// The guide writes "N日" without saying which (`days`).
    Unstated,
}

impl DayUnit {
    /// The key of [`TimeLimit`] that holds days in this unit, which is also
    /// its wire name (`working_days`, `natural_days`, `days`).
    pub fn key(self) -> &'static str {
        match self {
            DayUnit::Working => "working_days",
            DayUnit::Natural => "natural_days",
            DayUnit::Unstated => "days",
        }
    }
}

impl TimeLimit {
    /// The number of days and their unit; `None` for 即办, no limit or
    /// not stated, which count no days.
    pub fn counted(&self) -> Option<(u32, DayUnit)> {
        // The meta-schema allows one of the three keys per limit.
        self.working_days
            .map(|d| (d, DayUnit::Working))
            .or(self.natural_days.map(|d| (d, DayUnit::Natural)))
            .or(self.days.map(|d| (d, DayUnit::Unstated)))
    }
}

/// Visits to the office: a count, or 未载明 (`not_stated`, count 0 then,
/// which no rule reads as "no visit": the guide says nothing).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Visits {
    #[serde(default)]
    pub count: u32,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_stated: bool,
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub third_party_costs: Vec<ThirdPartyCost>,
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
    /// 出具单位, when it is not who brings the material.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// 签章要求, e.g. 单位盖章.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal: Option<String>,
    /// 纸张规格, e.g. A4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper: Option<String>,
    /// Separate numbers of originals and copies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<Counts>,
    /// Produced from the form data (申请表, 承诺书): never uploaded.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub generated: bool,
    /// "A 或 B 或 C": any one of these satisfies the material (two or
    /// more; empty for an ordinary material).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Alternative>,
    /// One of this material per entry of an array of the form (每名拟聘用
    /// 驾驶员各一份); absent for a material given once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_item: Option<PerItem>,
}

/// A material needed once per entry of an array field of the form (one
/// 机动车驾驶证 per driver listed): the envelope gives it as `entries`, one
/// choice per entry, in the array's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PerItem {
    /// JSON Pointer to the array field in the form data, e.g. `/drivers`.
    pub array: String,
    /// How an entry is named in messages and the widget; without it, by
    /// its position only ("第2项").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_label: Option<EntryLabel>,
    /// The guide's own words for the quantity, e.g. "每名拟聘用驾驶员各一份";
    /// without them the guide says "按“拟聘用驾驶员”每项各一份".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub each: Option<String>,
    /// Translations of `each`: `{"en": {"each": "one per driver"}}`.
    #[serde(default, skip_serializing_if = "I18n::is_empty")]
    pub i18n: I18n,
}

/// How to name an entry of a per-item material's array.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryLabel {
    /// JSON Pointer inside one entry, e.g. `/name`: the entry is named by
    /// that field's text (or number), and by its position when it is blank.
    pub field: String,
}

impl PerItem {
    /// The number of entries of the array in `data` (0 when it is absent or
    /// not an array).
    pub fn count(&self, data: &Value) -> usize {
        crate::pointer::get(data, &self.array)
            .and_then(Value::as_array)
            .map_or(0, Vec::len)
    }

    /// Entry `index` (from 0) named in both languages: "第2项（张三）" /
    /// "entry 2 (张三)", or "第2项" / "entry 2" without a label.
    pub fn entry_name(&self, data: &Value, index: usize) -> crate::messages::Text {
        crate::messages::validation::entry_name(index + 1, self.entry_text(data, index).as_deref())
    }

    /// The label field's value of entry `index` as text (strings trimmed,
    /// numbers written), when it has one.
    pub fn entry_text(&self, data: &Value, index: usize) -> Option<String> {
        let field = &self.entry_label.as_ref()?.field;
        let entry = crate::pointer::get(data, &self.array)?.get(index)?;
        match crate::pointer::get(entry, field)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }
}

/// One of a material's alternatives (身份证 / 护照 / 港澳台居民居住证).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alternative {
    /// Unique within the material; the envelope's `alternative`.
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "I18n::is_empty")]
    pub i18n: I18n,
}

impl Alternative {
    pub fn localized_name(&self, lang: Lang) -> &str {
        localized(&self.name, &self.i18n, "name", lang)
    }
}

/// 原件份数 and 复印件份数.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub originals: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copies: Option<u32>,
}

impl Material {
    pub fn localized_name(&self, lang: Lang) -> &str {
        localized(&self.name, &self.i18n, "name", lang)
    }

    /// "A、B 或 C（任选其一）" in both languages, for a material with
    /// alternatives.
    pub fn alternatives_text(&self) -> Option<crate::messages::Text> {
        if self.alternatives.is_empty() {
            return None;
        }
        let names = |lang| -> Vec<&str> {
            self.alternatives
                .iter()
                .map(|a| a.localized_name(lang))
                .collect()
        };
        Some(crate::messages::validation::any_one_of(
            &names(Lang::ZhCn),
            &names(Lang::En),
        ))
    }

    /// The alternative with this id, if the material has it.
    pub fn alternative(&self, id: &str) -> Option<&Alternative> {
        self.alternatives.iter().find(|a| a.id == id)
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
    /// 未载明: the guide does not say where the material comes from.
    NotStated,
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
            Source::NotStated => "not_stated",
        }
    }
}

/// `true`, `false`, `{"when": SCHEMA}` evaluated against the form data, or
/// `"by_situation"`: required exactly when a situation that selects the
/// material holds (and none that exempts it does); see
/// [`ItemDefinition::requirement`].
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Requirement {
    Always(bool),
    When { when: Value },
    BySituation(BySituation),
}

/// The wire value `"by_situation"` of a material's `required`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BySituation {
    #[serde(rename = "by_situation")]
    BySituation,
}

/// One 业务办理项 (variant): a sub-kind of the item with its own code,
/// name, time limits, authority and results. A situation chooses it
/// (`variant` of a case); what it leaves out is the item's.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Variant {
    /// Unique among the item's variants; named by a situation's `variant`.
    pub id: String,
    /// 业务办理项名称.
    pub name: String,
    #[serde(default, skip_serializing_if = "I18n::is_empty")]
    pub i18n: I18n,
    /// 业务办理项编码, when the guide gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Who decides, when not the item's authority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<Authority>,
    /// Whether the item's authority decides or reviews and forwards the
    /// application to the deciding authority (初审转报).
    #[serde(default)]
    pub role: AuthorityRole,
    /// Its own 承诺/法定办结时限; absent: the item's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limits: Option<TimeLimits>,
    /// Its own 办理结果; empty: the item's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub results: Vec<ItemResult>,
}

impl Variant {
    pub fn localized_name(&self, lang: Lang) -> &str {
        localized(&self.name, &self.i18n, "name", lang)
    }
}

/// What the item's authority does with a variant's application.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorityRole {
    /// It decides (审批).
    #[default]
    Decides,
    /// It reviews and forwards to the deciding authority (初审转报).
    Forwards,
}

/// A situation with the question whose answer it stands for.
pub type SituationOf<'a> = (&'a SituationQuestion, &'a Situation);

/// A situation question (情形问题): a boolean or enum field of the form,
/// named by its JSON Pointer into the data (`/situation/agricultural`),
/// whose answers stand for the guide's situations. It is asked before the
/// rest of the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SituationQuestion {
    /// JSON Pointer into the form data, e.g. `/situation/upper_level_authority`.
    pub field: String,
    /// Only in a merged bundle: the key of the member whose question it is
    /// (the guide lists it under that member).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// The situations (情形) this question's answers stand for.
    pub cases: Vec<Situation>,
}

/// One situation (办理情形) in the guide's own wording: it holds when the
/// question's answer equals `value`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Situation {
    /// Unique among the item's situations.
    pub id: String,
    /// The answer (a `const` of the field) for which the situation holds.
    pub value: Value,
    /// The guide's wording, e.g. "属上一级发展改革部门审批权限的项目".
    pub text: String,
    #[serde(default, skip_serializing_if = "I18n::is_empty")]
    pub i18n: I18n,
    /// The id of the variant (业务办理项) this situation chooses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// Ids of the materials required when the situation holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub materials: Vec<String>,
    /// Ids of the materials not needed when it holds ("农口项目可免").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exempts: Vec<String>,
}

impl Situation {
    pub fn localized_text(&self, lang: Lang) -> &str {
        localized(&self.text, &self.i18n, "text", lang)
    }
}

/// The condition (a `when` schema over the form data) that the answer at
/// `field` (a JSON Pointer) is `value` (`holds`) or is given and is not
/// `value` (`!holds`). An unanswered question satisfies neither.
pub fn answer_condition(field: &str, value: &Value, holds: bool) -> Value {
    let test = match (holds, value) {
        (true, _) => serde_json::json!({ "const": value }),
        // A yes/no question answered otherwise is answered with the other
        // value: written so, a situation reads exactly as the `when` a
        // maintainer would write (and `banli diff` sees no change).
        (false, Value::Bool(answer)) => serde_json::json!({ "const": !answer }),
        (false, _) => serde_json::json!({ "not": { "const": value } }),
    };
    let segments = crate::pointer::parse(field);
    segments.iter().rev().fold(test, |inner, segment| {
        let name = segment.as_key().into_owned();
        serde_json::json!({
            "properties": { name.clone(): inner },
            "required": [name],
        })
    })
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

/// 容缺受理 settings; `not_stated` (the guide is silent) reads as not
/// allowed, the only reading that promises nothing the guide does not.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Deferral {
    #[serde(default)]
    pub allowed: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_stated: bool,
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
