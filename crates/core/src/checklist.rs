//! The applicant's own checklist (一次性告知清单): from the answers to the
//! situation questions alone, before anything else of the form is filled,
//! which materials this applicant needs and how to get each, whether each
//! may be deferred, replaced by a commitment, shared from government data or
//! is generated from the form, and the item's time limits, visits, fees and
//! results. The widget's first page ("办事指引") and banli-wasm show it;
//! the printed guide words situational materials through
//! [`situational_necessity`], so both say the same.
//!
//! A material's need is decided the way validation decides it
//! ([`CompiledItem::material_required`] on the answers alone), so the
//! checklist can never promise less than the form later asks for: a material
//! whose requirement reads other fields of the form is "depends on the
//! form", and one whose situation question is unanswered is "unanswered".

use serde::Serialize;
use serde_json::{Map, Value};

use crate::definition::{CompiledItem, ItemDefinition, Requirement, localized};
use crate::guide::described;
use crate::messages::{Lang, Text, checklist as words_of, guide as words};

/// Whether one material is needed, for the answers given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    /// Always needed, or a situation that holds selects it.
    Required,
    /// Never required (非必要): may be given.
    Optional,
    /// Its situations do not hold (or one that holds exempts it).
    NotNeeded,
    /// A situation question it depends on has no answer yet.
    Unanswered,
    /// Its requirement reads fields of the form beyond the situation
    /// questions; the form decides.
    DependsOnForm,
}

impl Need {
    /// The wire name (`required`, `optional`, `not_needed`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Need::Required => "required",
            Need::Optional => "optional",
            Need::NotNeeded => "not_needed",
            Need::Unanswered => "unanswered",
            Need::DependsOnForm => "depends_on_form",
        }
    }
}

/// One material of the checklist, in the item's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChecklistMaterial {
    pub id: String,
    /// The material's name, with its alternatives ("A、B 或 C（任选其一）").
    pub name: String,
    pub need: Need,
    /// The necessity in the guide's words ("属上一级…的项目时需要", "必要").
    pub necessity: String,
    /// The situations that hold and decide this material, in their wording.
    pub because: Vec<String>,
    /// Where it comes from (来源渠道), in words.
    pub source: String,
    /// Who issues it (出具单位), when the item says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// 原件/复印件 and the number of copies, in words, when the item says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// For a per-item material, how many copies: "每名拟聘用驾驶员各一份"
    /// (the guide's 份数 in the same words).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub each: Option<String>,
    /// Produced by banli from the form data: nothing to bring.
    pub generated: bool,
    /// The portal may fetch it from government data (电子证照共享).
    pub shareable: bool,
    /// May be handed in after acceptance (容缺后补).
    pub deferrable: bool,
    /// May be replaced by a signed commitment (告知承诺).
    pub in_lieu: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// The applicant's checklist for some answers to the situation questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checklist {
    pub lang: Lang,
    /// The situations that hold for the answers, in the guide's wording.
    pub situations: Vec<String>,
    /// JSON Pointers of the situation questions not answered yet.
    pub unanswered: Vec<String>,
    /// Their titles in `lang`, in the same order (the pointer when a
    /// question's field has no title).
    pub unanswered_titles: Vec<String>,
    pub materials: Vec<ChecklistMaterial>,
    /// 承诺办结时限 in words.
    pub promised: String,
    /// 法定办结时限 in words.
    pub statutory: String,
    /// 到办事现场次数 in words.
    pub visits: String,
    /// 收费 in words.
    pub fees: String,
    /// 办理结果: the names of the documents issued.
    pub results: Vec<String>,
    /// The name of the variant (业务办理项) the answers chose, whose time
    /// limits and results the list gives; absent for an item without
    /// variants or before a choosing question is answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// In a merged bundle: for each member with variants whose choosing
    /// question is answered, the variant the answers chose, worded with
    /// the member's name ("业务办理项（…）：…"), in `lang`; empty (and left
    /// out) otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub member_variants: Vec<String>,
}

/// The necessity of a `"by_situation"` material in the guide's words:
/// "属上一级发展改革部门审批权限的项目时需要", "必要，农口项目除外".
pub fn situational_necessity(item: &ItemDefinition, material: &str) -> Text {
    let (select, exempt) = item.situations_of(material);
    let join = |cases: &[crate::definition::SituationOf<'_>], lang: Lang| {
        cases
            .iter()
            .map(|(_, c)| c.localized_text(lang))
            .collect::<Vec<_>>()
            .join(words::situations_or().get(lang))
    };
    let both = |f: &dyn Fn(Lang) -> Text| Text::new(f(Lang::ZhCn).zh, f(Lang::En).en);
    match (select.is_empty(), exempt.is_empty()) {
        (false, true) => both(&|lang| words::required_in_situations(&join(&select, lang))),
        (true, false) => both(&|lang| words::required_except_situations(&join(&exempt, lang))),
        (false, false) => both(&|lang| {
            words::required_in_situations_except(&join(&select, lang), &join(&exempt, lang))
        }),
        (true, true) => words::optional(),
    }
}

impl CompiledItem {
    /// The applicant's checklist for `data` (form data; only the answers to
    /// the item's situation questions are read, at their JSON Pointers), in
    /// `lang`. An item without situations gets its materials as the guide
    /// lists them, each `required`, `optional` or `depends_on_form`.
    pub fn checklist(&self, data: &Value, lang: Lang) -> Checklist {
        let item = self.definition();
        let answers = situation_answers(item, data);
        let answered = |field: &str| crate::pointer::get(&answers, field).is_some();
        let holds =
            |field: &str, value: &Value| crate::pointer::get(&answers, field) == Some(value);
        let situations = item
            .all_situations()
            .filter(|(q, c)| holds(&q.field, &c.value))
            .map(|(_, c)| c.localized_text(lang).to_owned())
            .collect();
        let nodes = crate::schema::visit::form(&item.form);
        let open: Vec<&str> = item
            .situations
            .iter()
            .filter(|q| !answered(&q.field))
            .map(|q| q.field.as_str())
            .collect();
        let unanswered = open.iter().map(|f| (*f).to_owned()).collect();
        let unanswered_titles = open
            .iter()
            .map(|f| crate::guide::question_title(&nodes, f, lang))
            .collect();
        let deferral = item.allowed_deferral().is_some();
        let materials = item
            .materials
            .iter()
            .enumerate()
            .map(|(index, m)| {
                let (select, exempt) = item.situations_of(&m.id);
                let deciding = select.iter().chain(&exempt);
                let because = deciding
                    .clone()
                    .filter(|(q, c)| holds(&q.field, &c.value))
                    .map(|(_, c)| c.localized_text(lang).to_owned())
                    .collect();
                let by_situations = || {
                    let need = if deciding.clone().any(|(q, _)| !answered(&q.field)) {
                        Need::Unanswered
                    } else if self.material_required(index, &answers) {
                        Need::Required
                    } else if item
                        .members
                        .iter()
                        .any(|o| o.when.is_some() && o.materials.contains(&m.id))
                    {
                        // In a bundle, a member applying only for some
                        // answers of the form (its `when`) ANDs that into
                        // the requirement: the situations alone do not
                        // rule the material out.
                        Need::DependsOnForm
                    } else {
                        Need::NotNeeded
                    };
                    (need, situational_necessity(item, &m.id))
                };
                let (need, necessity) = match &m.required {
                    Requirement::BySituation(_) => by_situations(),
                    // A merged bundle's situational material.
                    Requirement::When { .. } if item.is_situational(index) => by_situations(),
                    Requirement::Always(true) => (Need::Required, words::necessary()),
                    Requirement::Always(false) => (Need::Optional, words::optional()),
                    Requirement::When { when } => (
                        Need::DependsOnForm,
                        words::required_when(&crate::guide::describe(when, &nodes, lang)),
                    ),
                };
                let necessity = necessity.get(lang).to_owned();
                let form = m.copy_kind.map(|kind| {
                    let mut text = words::copy_kind(kind.as_str()).get(lang).to_owned();
                    if let Some(copies) = m.copies {
                        text.push_str(words::list_separator().get(lang));
                        text.push_str(crate::messages::widget::copies(copies).get(lang));
                    }
                    text
                });
                ChecklistMaterial {
                    id: m.id.clone(),
                    name: match m.alternatives_text() {
                        Some(list) => words::material_with_alternatives(
                            m.localized_name(lang),
                            list.get(lang),
                        )
                        .get(lang)
                        .to_owned(),
                        None => m.localized_name(lang).to_owned(),
                    },
                    need,
                    necessity,
                    because,
                    source: words::source(m.source.as_str()).get(lang).to_owned(),
                    issuer: m
                        .issuer
                        .as_deref()
                        .map(|i| localized(i, &m.i18n, "issuer", lang).to_owned()),
                    form,
                    each: crate::guide::per_item_each(item, m, lang),
                    generated: m.generated,
                    shareable: m.is_shareable(),
                    deferrable: deferral && m.deferrable.is_some() && !m.core,
                    in_lieu: m.in_lieu.is_some(),
                    notes: m
                        .notes
                        .as_deref()
                        .map(|n| localized(n, &m.i18n, "notes", lang).to_owned()),
                }
            })
            .collect();
        let variant = item.variant_for(&answers);
        let limits = item.time_limits_under(variant);
        let results = item.results_under(variant);
        // A bundle member's variant, chosen by its own situations (at their
        // merged places) as when it is applied for alone.
        let member_variants = item
            .members
            .iter()
            .filter_map(|m| {
                let chosen = m.variant_for(&answers)?;
                let line =
                    words_of::member_variant(m.localized_name(lang), chosen.localized_name(lang));
                Some(line.get(lang).to_owned())
            })
            .collect();
        Checklist {
            lang,
            situations,
            unanswered,
            unanswered_titles,
            materials,
            promised: described::limit_text(&limits.promised, lang),
            statutory: described::limit_text(&limits.statutory, lang),
            visits: described::visits_text(&item.visits, lang),
            fees: described::fees_text(item, lang),
            results: results
                .iter()
                .map(|r| r.localized_name(lang).to_owned())
                .collect(),
            variant: variant.map(|v| v.localized_name(lang).to_owned()),
            member_variants,
        }
    }
}

/// The data reduced to the answers of the situation questions, so nothing
/// else the applicant may have typed decides the checklist.
fn situation_answers(item: &ItemDefinition, data: &Value) -> Value {
    let mut answers = Value::Object(Map::new());
    for question in &item.situations {
        let Some(answer) = crate::pointer::get(data, &question.field) else {
            continue;
        };
        let segments = crate::pointer::parse(&question.field);
        let mut here = &mut answers;
        for (i, segment) in segments.iter().enumerate() {
            let key = segment.as_key().into_owned();
            let Value::Object(map) = here else { break };
            if i + 1 == segments.len() {
                map.insert(key, answer.clone());
                break;
            }
            here = map.entry(key).or_insert_with(|| Value::Object(Map::new()));
        }
    }
    answers
}

impl Checklist {
    /// The materials grouped by need, in the order a person reads them
    /// (needed, decided by answers still to give, depending on the form,
    /// optional, not needed), each group with its heading; empty groups
    /// left out. `banli checklist` and the widget's 办事指引 page show these.
    pub fn groups(&self) -> Vec<(Text, Vec<&ChecklistMaterial>)> {
        [
            (Need::Required, words_of::needed()),
            (Need::Unanswered, words_of::undecided()),
            (Need::DependsOnForm, words_of::depends()),
            (Need::Optional, words_of::optional()),
            (Need::NotNeeded, words_of::not_needed()),
        ]
        .into_iter()
        .filter_map(|(need, heading)| {
            let listed: Vec<&ChecklistMaterial> =
                self.materials.iter().filter(|m| m.need == need).collect();
            (!listed.is_empty()).then_some((heading, listed))
        })
        .collect()
    }

    /// The item's facts as lines: time limits, visits, fees, results.
    pub fn facts(&self) -> Vec<String> {
        let lang = self.lang;
        let mut lines: Vec<String> = self
            .variant
            .iter()
            .map(|v| words_of::variant(v).get(lang).to_owned())
            .chain(self.member_variants.iter().cloned())
            .collect();
        lines.extend([
            words_of::promised(&self.promised).get(lang).to_owned(),
            words_of::statutory(&self.statutory).get(lang).to_owned(),
            words_of::visits(&self.visits).get(lang).to_owned(),
            words_of::fees(&self.fees).get(lang).to_owned(),
        ]);
        if !self.results.is_empty() {
            let list = self.results.join(words::list_separator().get(lang));
            lines.push(words_of::results(&list).get(lang).to_owned());
        }
        lines
    }
}

impl ChecklistMaterial {
    /// What the applicant should know about getting it, as short phrases:
    /// the source, the issuer, and generated / shareable / deferrable / in
    /// lieu where they apply.
    pub fn marks(&self, lang: Lang) -> Vec<String> {
        let mut marks = Vec::new();
        if self.generated {
            marks.push(words_of::generated().get(lang).to_owned());
        } else {
            marks.push(words_of::source(&self.source).get(lang).to_owned());
        }
        if let Some(issuer) = &self.issuer {
            marks.push(words_of::issuer(issuer).get(lang).to_owned());
        }
        if let Some(form) = &self.form {
            marks.push(form.clone());
        }
        if let Some(each) = &self.each {
            marks.push(each.clone());
        }
        for (on, text) in [
            (self.shareable, words_of::shareable()),
            (self.deferrable, words_of::deferrable()),
            (self.in_lieu, words_of::in_lieu()),
        ] {
            if on {
                marks.push(text.get(lang).to_owned());
            }
        }
        marks
    }
}
