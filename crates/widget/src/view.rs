//! What the components show, derived from the state once per change by the
//! reducer ([`crate::state::FormState`] keeps it in `view`): the layout as
//! a tree of shared nodes, the errors shown beside fields, and what the
//! materials and review pages list. Components only read this; no core
//! call happens while rendering.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use banli_core::layout::{Control, Field};
use banli_core::messages::validation::{array_item, entry_material};
use banli_core::messages::{Lang, widget as text};
use banli_core::prefill::{Prefill, Provenance};
use banli_core::report::{Deadlines, Disposition, MemberDeadlines, ReportError};
use banli_core::{CompiledItem, Text, pointer};
use serde_json::Value;

use crate::model::{MaterialChoice, entry_key};
use crate::pages::{Page, Pages};
use crate::shared::Shared;
use crate::validation::{self, Answers};

/// Error messages shown beside fields, by JSON Pointer (or `/materials`,
/// `/commitment/...`).
pub type ErrorMap = BTreeMap<String, String>;

/// Root fields (or a group's, an entry's).
pub type Nodes = Shared<[Shared<Node>]>;

/// One field of the layout, its nested fields as shared nodes so that a
/// component's properties compare in one pointer comparison.
#[derive(Debug, PartialEq)]
pub struct Node {
    /// The core's field; its `Group` and `List` children are in
    /// `children` and `entries` instead (emptied here).
    pub field: Field,
    /// Where a prefilled value came from.
    pub provenance: Option<Provenance>,
    /// A group's fields.
    pub children: Nodes,
    /// A list's entries, each the fields of one entry.
    pub entries: Vec<Nodes>,
}

/// Turns the core's layout into nodes.
pub fn nodes(fields: Vec<Field>, prefill: &Prefill) -> Nodes {
    fields
        .into_iter()
        .map(|field| Shared::new(node(field, prefill)))
        .collect::<Vec<_>>()
        .into()
}

fn node(mut field: Field, prefill: &Prefill) -> Node {
    let mut children = Vec::new().into();
    let mut entries = Vec::new();
    match &mut field.control {
        Control::Group { fields } => children = nodes(std::mem::take(fields), prefill),
        Control::List { items, .. } => {
            entries = std::mem::take(items)
                .into_iter()
                .map(|entry| nodes(entry, prefill))
                .collect();
        }
        _ => {}
    }
    Node {
        provenance: prefill.provenance_of(&field.pointer).cloned(),
        field,
        children,
        entries,
    }
}

/// Keeps the old node wherever the new one equals it, so that unchanged
/// fields keep comparing by pointer after a new layout.
pub fn reuse(old: &Nodes, new: Nodes) -> Nodes {
    let reused: Vec<Shared<Node>> = new
        .iter()
        .map(|n| {
            old.iter()
                .find(|o| o.field.pointer == n.field.pointer && **o == *n)
                .unwrap_or(n)
                .clone()
        })
        .collect();
    reused.into()
}

/// The fields on a form page (`fields`: its JSON Pointers), inside the
/// groups above them: a group that holds a listed field but is not listed
/// itself keeps its heading and only the listed fields (a bundle's step
/// `/food/contact` shows the food licence's heading around its contact
/// group), without the situation questions (`asked` first, on the 办事指引
/// page). Empty when none of the fields is laid out for the answers given.
pub fn on_page(layout: &Nodes, fields: &[String], asked: &[String]) -> Nodes {
    let picked: Vec<Shared<Node>> = layout.iter().filter_map(|n| picked(n, fields)).collect();
    without(&picked.into(), asked)
}

/// `nodes` without the fields at `asked`, and without groups left empty;
/// a node that holds none of them is kept as it is (same pointer).
fn without(nodes: &Nodes, asked: &[String]) -> Nodes {
    let holds = |n: &Node| {
        asked
            .iter()
            .any(|q| q.starts_with(&format!("{}/", n.field.pointer)))
    };
    if !nodes
        .iter()
        .any(|n| asked.contains(&n.field.pointer) || holds(n))
    {
        return nodes.clone();
    }
    nodes
        .iter()
        .filter(|n| !asked.contains(&n.field.pointer))
        .filter_map(|n| {
            if !holds(n) || !matches!(n.field.control, Control::Group { .. }) {
                return Some(n.clone());
            }
            let children = without(&n.children, asked);
            (!children.is_empty()).then(|| {
                Shared::new(Node {
                    field: n.field.clone(),
                    provenance: n.provenance.clone(),
                    children,
                    entries: n.entries.clone(),
                })
            })
        })
        .collect::<Vec<_>>()
        .into()
}

/// The situation questions' own fields, found in the layout, in the
/// order of `questions`.
pub fn questions(layout: &Nodes, questions: &[String]) -> Nodes {
    fn find(nodes: &Nodes, pointer: &str) -> Option<Shared<Node>> {
        nodes.iter().find_map(|n| {
            if n.field.pointer == pointer {
                Some(n.clone())
            } else if pointer.starts_with(&format!("{}/", n.field.pointer)) {
                find(&n.children, pointer)
            } else {
                None
            }
        })
    }
    questions
        .iter()
        .filter_map(|q| find(layout, q))
        .collect::<Vec<_>>()
        .into()
}

fn picked(node: &Shared<Node>, fields: &[String]) -> Option<Shared<Node>> {
    let at = &node.field.pointer;
    if fields.iter().any(|f| pointer::is_within(at, f)) {
        return Some(node.clone());
    }
    if !fields.iter().any(|f| pointer::is_within(f, at)) {
        return None;
    }
    let children: Vec<Shared<Node>> = node
        .children
        .iter()
        .filter_map(|child| picked(child, fields))
        .collect();
    // A new node each time: `Shared` then compares by value, which stops
    // at the children's pointers, so an unchanged group still re-renders
    // nothing.
    (!children.is_empty()).then(|| {
        Shared::new(Node {
            field: node.field.clone(),
            provenance: node.provenance.clone(),
            children: children.into(),
            entries: Vec::new(),
        })
    })
}

/// The pages shown for the layout (indices into `pages`): a form page none
/// of whose fields is laid out (a member that does not apply, fields
/// hidden by the answers) is skipped.
pub fn shown_pages(pages: &Pages, layout: &Nodes) -> Vec<usize> {
    let asked = asked(pages);
    pages
        .iter()
        .enumerate()
        .filter(|(_, p)| match p {
            Page::Form { fields, .. } => !on_page(layout, fields, &asked).is_empty(),
            _ => true,
        })
        .map(|(i, _)| i)
        .collect()
}

/// What the current page shows besides the fields.
#[derive(Debug, Clone, PartialEq)]
pub enum PageView {
    /// 办事指引: the situation questions, then the applicant's checklist.
    Guide {
        questions: Nodes,
        checklist: Shared<banli_core::checklist::Checklist>,
    },
    Form {
        fields: Nodes,
    },
    Materials(Shared<MaterialsView>),
    Review(Shared<ReviewView>),
    /// A page made from the report (materials, review) while the engine is
    /// pending: a draft restored onto it before the engine arrived.
    Waiting,
}

#[derive(Debug, PartialEq)]
pub struct MaterialsView {
    pub materials: Vec<Shared<MaterialView>>,
    /// The commitment texts to read and sign, in the page's language;
    /// empty when nothing needs a commitment.
    pub commitments: Vec<String>,
    /// In a bundle: each deferring member's materials and due date, from
    /// the core, in the page's language (under the commitment).
    pub member_dues: Vec<String>,
    pub needs_signature: bool,
}

#[derive(Debug, PartialEq)]
pub struct MaterialView {
    /// The material's key among the choices: its id, or for one entry's
    /// copy of a per-item material `<id>/entries/<n>`
    /// ([`crate::model::entry_key`]).
    pub id: String,
    /// The material's id in the definition.
    pub material: String,
    /// Where the report puts its errors: `/materials/<id>` or
    /// `/materials/<id>/entries/<n>`.
    pub path: String,
    pub name: String,
    pub required: bool,
    /// Shared from e-licences by the host's prefill: nothing to choose.
    pub shared: bool,
    /// Copy kind, medium, copies, in the page's language.
    pub facts: Vec<String>,
    pub notes: Option<String>,
    pub allowed: Vec<Disposition>,
    /// "A 或 B 或 C": the alternatives (id, name in the page's language)
    /// of which the upload is one; empty for an ordinary material.
    pub alternatives: Vec<(String, String)>,
    /// In a bundle, a material several applying members need (given
    /// once): "用于：A、B", in the page's language.
    pub used_by: Option<String>,
    /// Working days for a deferral (容缺).
    pub deferral_days: Option<u32>,
    /// The file types accepted (the `accept` attribute).
    pub accept: Option<String>,
    pub choice: Option<MaterialChoice>,
    pub upload_problem: Option<Text>,
    pub error: Option<String>,
}

#[derive(Debug, PartialEq)]
pub struct ReviewView {
    pub sections: Vec<ReviewSection>,
    /// The materials page's index and every required material with how it is provided.
    pub materials: Option<(usize, Vec<ReviewMaterial>)>,
    pub deadlines: Option<Deadlines>,
    /// In a bundle: each applying member with its own deadlines and
    /// results.
    pub members: Vec<MemberReview>,
}

/// One applying member of a bundle on the review page.
#[derive(Debug, PartialEq)]
pub struct MemberReview {
    /// Its own dates, as its office sets them.
    pub deadlines: MemberDeadlines,
    /// Its results (办理结果), in the order of its definition.
    pub results: Vec<ResultView>,
}

/// One result (办理结果) of a member, in the page's language.
#[derive(Debug, PartialEq)]
pub struct ResultView {
    /// The result's name in the page's language.
    pub name: String,
    /// Its kind, whether it is also an electronic licence, and its
    /// validity ("未说明" / "not stated" where the definition is silent).
    pub facts: Vec<String>,
}

#[derive(Debug, PartialEq)]
pub struct ReviewSection {
    pub page: usize,
    pub title: String,
    pub rows: Vec<ReviewRow>,
}

#[derive(Debug, PartialEq)]
pub struct ReviewRow {
    /// The labels from the root to the field, joined with " › ".
    pub label: String,
    pub pointer: String,
    /// The answer as a person reads it; `None` when not answered.
    pub value: Option<String>,
}

#[derive(Debug, PartialEq)]
pub struct ReviewMaterial {
    pub id: String,
    pub name: String,
    pub how: String,
}

/// Errors to show beside fields: on touched fields, and on every field of
/// a page where Next or Submit was pressed.
pub fn visible(errors: &[ReportError], attempted: bool, touched: &BTreeSet<String>) -> ErrorMap {
    let mut shown = ErrorMap::new();
    for e in errors {
        if attempted || touched.contains(&e.path) {
            shown
                .entry(e.path.clone())
                .or_insert_with(|| e.message.clone());
        }
    }
    shown
}

/// The materials page: requirements, choices and the commitment to sign.
/// Returns the view and the page's errors; `None` while the engine is
/// pending.
pub fn materials_page(
    answers: &Answers<'_>,
    prefill: &Prefill,
    upload_problems: &BTreeMap<String, Text>,
    visible_of: impl Fn(&[ReportError]) -> ErrorMap,
    lang: Lang,
) -> Option<(MaterialsView, Vec<ReportError>)> {
    let item = answers.item;
    let envelope = validation::envelope(answers, None);
    let report = validation::report(answers, &envelope, lang)?;
    let needs_signature = item.needs_commitment(&envelope);
    let errors = validation::materials_page_errors(answers, &report, needs_signature, lang);
    let shown = visible_of(&errors);
    let statuses = item.material_requirements(answers.submitted, lang);
    let definition = item.definition();
    let deferral_days = definition
        .allowed_deferral()
        .and_then(|d| d.deadline_working_days);
    let shared = prefill.shared_materials(item);
    let materials = statuses
        .iter()
        .enumerate()
        .flat_map(|(index, status)| {
            let material = &definition.materials[index];
            let facts = [
                material
                    .copy_kind
                    .map(|k| text::copy_kind(k.as_str()).get(lang).to_owned()),
                material
                    .medium
                    .map(|m| text::medium(m.as_str()).get(lang).to_owned()),
                material
                    .copies
                    .map(|c| text::copies(c).get(lang).to_owned()),
            ]
            .into_iter()
            .flatten()
            .collect();
            let accept = material
                .accept
                .as_ref()
                .and_then(|a| a.get("types"))
                .and_then(Value::as_array)
                .map(|t| {
                    t.iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(",")
                });
            let users = definition.members_using(&material.id, answers.submitted);
            let used_by = (users.len() > 1).then(|| {
                let names = |l: Lang| {
                    users
                        .iter()
                        .map(|m| m.localized_name(l))
                        .collect::<Vec<_>>()
                };
                text::used_by(&names(Lang::ZhCn), &names(Lang::En))
                    .get(lang)
                    .to_owned()
            });
            let view = MaterialView {
                id: material.id.clone(),
                material: material.id.clone(),
                path: pointer::join("/materials", &material.id),
                used_by,
                name: status.name.clone(),
                required: status.required,
                shared: shared.contains(&material.id),
                facts,
                notes: material.notes.clone(),
                allowed: banli_core::materials::allowed_dispositions(
                    item,
                    index,
                    answers.submitted,
                ),
                alternatives: material
                    .alternatives
                    .iter()
                    .map(|a| (a.id.clone(), a.localized_name(lang).to_owned()))
                    .collect(),
                deferral_days,
                accept,
                choice: answers.materials.get(&material.id).cloned(),
                upload_problem: upload_problems.get(&material.id).cloned(),
                error: shown
                    .get(&pointer::join("/materials", &material.id))
                    .cloned(),
            };
            let Some(per_item) = &material.per_item else {
                return vec![Shared::new(view)];
            };
            // One slot per entry of the array, named by the entry
            // ("张三的机动车驾驶证"), its errors at its own place.
            (0..per_item.count(answers.submitted))
                .map(|i| {
                    let key = entry_key(&material.id, i);
                    let path = format!("/materials/{key}");
                    let who = per_item
                        .entry_text(answers.submitted, i)
                        .unwrap_or_else(|| array_item(i + 1).get(lang).to_owned());
                    Shared::new(MaterialView {
                        name: entry_material(&who, &view.name).get(lang).to_owned(),
                        choice: answers.materials.get(&key).cloned(),
                        upload_problem: upload_problems.get(&key).cloned(),
                        error: shown.get(&path).cloned(),
                        id: key,
                        path,
                        shared: false,
                        alternatives: view.alternatives.clone(),
                        allowed: view.allowed.clone(),
                        facts: view.facts.clone(),
                        notes: view.notes.clone(),
                        used_by: view.used_by.clone(),
                        accept: view.accept.clone(),
                        material: view.material.clone(),
                        required: view.required,
                        deferral_days: view.deferral_days,
                    })
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let commitments = if needs_signature {
        report
            .commitments
            .iter()
            .map(|c| {
                if lang == Lang::ZhCn {
                    c.text.zh.clone()
                } else {
                    c.text.en.clone()
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let member_dues = if needs_signature {
        validation::member_deadlines(answers, &envelope, lang)
            .iter()
            .filter_map(|m| {
                let due = m.deadlines.deferred_due.as_ref()?;
                let separator = if lang == Lang::ZhCn { "、" } else { ", " };
                Some(
                    text::member_deferred_due(&m.name, &m.deferred.join(separator), due)
                        .get(lang)
                        .to_owned(),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    Some((
        MaterialsView {
            materials,
            commitments,
            member_dues,
            needs_signature,
        },
        errors,
    ))
}

/// The review page: every answer by page, the materials, the deadlines;
/// `None` while the engine is pending.
pub fn review_page(
    answers: &Answers<'_>,
    layout: &Nodes,
    data: &Value,
    lang: Lang,
) -> Option<ReviewView> {
    let envelope = validation::envelope(answers, None);
    let report = validation::report(answers, &envelope, lang)?;
    let pages = answers.pages;
    let sections = pages
        .iter()
        .enumerate()
        .filter_map(|(page, p)| match p {
            Page::Guide { questions: asked } => {
                let mut rows = Vec::new();
                for node in questions(layout, asked).iter() {
                    leaves(node, &mut Vec::new(), data, lang, &mut rows);
                }
                Some(ReviewSection {
                    page,
                    title: pages.title(page, lang),
                    rows,
                })
            }
            Page::Form { fields, .. } => {
                let nodes = on_page(layout, fields, &asked(pages));
                if nodes.is_empty() {
                    // A skipped page has nothing to review.
                    return None;
                }
                let mut rows = Vec::new();
                for node in nodes.iter() {
                    leaves(node, &mut Vec::new(), data, lang, &mut rows);
                }
                Some(ReviewSection {
                    page,
                    title: pages.title(page, lang),
                    rows,
                })
            }
            _ => None,
        })
        .collect();
    let deferral_days = answers
        .item
        .definition()
        .allowed_deferral()
        .and_then(|d| d.deadline_working_days);
    let materials = pages
        .iter()
        .position(|p| *p == Page::Materials)
        .map(|page| {
            let listed = report
                .materials
                .iter()
                .filter(|m| m.required)
                .flat_map(|m| match &m.entries {
                    // A per-item material: each entry's copy on its own line.
                    Some(entries) => entries
                        .iter()
                        .enumerate()
                        .map(|(i, e)| ReviewMaterial {
                            id: entry_key(&m.id, i),
                            name: entry_material(&e.entry, &m.name).get(lang).to_owned(),
                            how: disposition_text(e.disposition, deferral_days, lang),
                        })
                        .collect(),
                    None => vec![ReviewMaterial {
                        id: m.id.clone(),
                        name: m.name.clone(),
                        how: disposition_text(m.disposition, deferral_days, lang),
                    }],
                })
                .collect();
            (page, listed)
        });
    Some(ReviewView {
        sections,
        materials,
        deadlines: report.deadlines,
        members: member_reviews(answers, &envelope, lang),
    })
}

/// In a bundle: each applying member's deadlines (the core's) with its
/// results from the merged definition's `members[]`.
fn member_reviews(
    answers: &Answers<'_>,
    envelope: &banli_core::envelope::Envelope,
    lang: Lang,
) -> Vec<MemberReview> {
    let definition = answers.item.definition();
    validation::member_deadlines(answers, envelope, lang)
        .into_iter()
        .map(|deadlines| {
            let results = definition
                .members
                .iter()
                .find(|m| m.key == deadlines.key)
                .map(|m| {
                    // The results of the variant the answers chose, as the
                    // member's own checklist gives them.
                    m.results_under(m.variant_for(&envelope.data))
                        .iter()
                        .map(|r| ResultView {
                            name: r.localized_name(lang).to_owned(),
                            facts: vec![
                                text::result_kind(r.kind.as_str()).get(lang).to_owned(),
                                text::result_e_licence(r.e_licence).get(lang).to_owned(),
                                text::result_validity(r.validity.as_deref().map(|v| {
                                    banli_core::definition::localized(v, &r.i18n, "validity", lang)
                                }))
                                .get(lang)
                                .to_owned(),
                            ],
                        })
                        .collect()
                })
                .unwrap_or_default();
            MemberReview { deadlines, results }
        })
        .collect()
}

/// The leaf fields under `node`, each with its label path and answer.
fn leaves(
    node: &Node,
    parents: &mut Vec<String>,
    data: &Value,
    lang: Lang,
    out: &mut Vec<ReviewRow>,
) {
    let field = &node.field;
    parents.push(field.label.clone());
    match &field.control {
        Control::Group { .. } => node
            .children
            .iter()
            .for_each(|n| leaves(n, parents, data, lang, out)),
        // Not started: nothing was given, and nothing is asked.
        Control::Unstarted => {}
        Control::List { item_label, .. } => {
            for (i, entry) in node.entries.iter().enumerate() {
                parents.push(format!("{item_label} {}", i + 1));
                entry
                    .iter()
                    .for_each(|n| leaves(n, parents, data, lang, out));
                parents.pop();
            }
        }
        _ => out.push(ReviewRow {
            label: parents.join(" › "),
            pointer: field.pointer.clone(),
            value: data
                .pointer(&field.pointer)
                .map(|v| field.display_value(v, lang))
                .filter(|v| !v.trim().is_empty()),
        }),
    }
    parents.pop();
}

/// How a material is provided, as the applicant reads it.
pub fn disposition_text(
    disposition: Disposition,
    deferral_days: Option<u32>,
    lang: Lang,
) -> String {
    match disposition {
        Disposition::Provided => text::provide_upload(),
        Disposition::Shared => text::provide_shared(),
        Disposition::Deferred => text::provide_deferred(deferral_days),
        Disposition::InLieu => text::provide_in_lieu(),
        Disposition::Missing => text::not_answered(),
        Disposition::NotRequired => text::material_not_needed(),
        Disposition::Generated => text::material_generated(),
    }
    .get(lang)
    .to_owned()
}

/// Everything derived from the state that the components show.
#[derive(Debug, Clone)]
pub struct View {
    /// Every root field, for `layout_lang`.
    pub layout: Nodes,
    pub layout_lang: Lang,
    /// The pages shown for this layout ([`shown_pages`]), in order.
    pub shown: Shared<Vec<usize>>,
    /// The current page's problems, all of them (the summary shows these).
    pub page_errors: Rc<Vec<ReportError>>,
    /// The problems shown beside fields now.
    pub visible: Shared<ErrorMap>,
    pub page: PageView,
}

/// The core's layout for `data`, as nodes.
pub fn layout_of(item: &CompiledItem, data: &Value, lang: Lang, prefill: &Prefill) -> Nodes {
    nodes(item.layout(data, lang), prefill)
}

/// The situation questions asked on the 办事指引 page, if there is one.
pub fn asked(pages: &crate::pages::Pages) -> Vec<String> {
    pages
        .iter()
        .find_map(|p| match p {
            Page::Guide { questions } => Some(questions.clone()),
            _ => None,
        })
        .unwrap_or_default()
}
