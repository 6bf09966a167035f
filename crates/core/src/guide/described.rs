//! The guide's sections for the descriptive elements of issue 18 (办理结果,
//! 办理流程, 办理形式, 办理地点, 咨询/投诉, 关联事项, 常见问题, 行政复议/诉讼,
//! 服务对象, material requirements, 特别程序). Each returns nothing when the
//! item does not have the element, so a guide without the keys is
//! unchanged; every word comes from `messages::guide`.

use super::{Block, Section};
use crate::Text;
use crate::definition::{
    Applicants, Authority, AuthorityRole, BundleMember, Channel, Citation, Contact, FaqEntry, I18n,
    ItemDefinition, ItemResult, LegalBasis, Material, Office, OnlineServices, ProcessStep,
    RelatedItem, Remedies, SpecialProcedure, TimeLimit, Validity, Visits, localized,
};
use crate::messages::{Lang, guide as text};

/// The descriptive facts one set of sections is built from, borrowed from
/// an item or from a bundle member's record (which keeps its own under the
/// same names), so both are printed by the same code.
pub struct Facts<'a> {
    pub handling_body: Option<&'a Authority>,
    pub applicants: Option<&'a Applicants>,
    pub results: &'a [ItemResult],
    pub process: &'a [ProcessStep],
    pub offices: &'a [Office],
    pub contacts: &'a [Contact],
    pub channels: &'a [Channel],
    pub online_services: Option<&'a OnlineServices>,
    pub related_items: &'a [RelatedItem],
    pub faq: &'a [FaqEntry],
    pub remedies: Option<&'a Remedies>,
    pub validity: Option<&'a Validity>,
}

impl<'a> Facts<'a> {
    /// An item's own facts.
    pub fn of_item(item: &'a ItemDefinition) -> Self {
        Facts {
            handling_body: item.handling_body.as_ref(),
            applicants: item.applicants.as_ref(),
            results: &item.results,
            process: &item.process,
            offices: &item.offices,
            contacts: &item.contacts,
            channels: &item.channels,
            online_services: item.online_services.as_ref(),
            related_items: &item.related_items,
            faq: &item.faq,
            remedies: item.remedies.as_ref(),
            validity: item.validity.as_ref(),
        }
    }

    /// A bundle member's own facts, as its record keeps them.
    pub fn of_member(member: &'a BundleMember) -> Self {
        let d = &member.described;
        Facts {
            handling_body: d.handling_body.as_ref(),
            applicants: d.applicants.as_ref(),
            results: &member.results,
            process: &d.process,
            offices: &d.offices,
            contacts: &d.contacts,
            channels: &d.channels,
            online_services: d.online_services.as_ref(),
            related_items: &d.related_items,
            faq: &d.faq,
            remedies: d.remedies.as_ref(),
            validity: d.validity.as_ref(),
        }
    }
}

fn s(t: Text, lang: Lang) -> String {
    t.get(lang).to_owned()
}

/// `text` in `lang` from the object's `i18n`, else as written.
fn tr(text: &str, i18n: &I18n, key: &str, lang: Lang) -> String {
    localized(text, i18n, key, lang).to_owned()
}

fn tr_opt(text: &Option<String>, i18n: &I18n, key: &str, lang: Lang) -> Option<String> {
    text.as_deref().map(|t| tr(t, i18n, key, lang))
}

fn joined(parts: impl IntoIterator<Item = String>, lang: Lang) -> String {
    parts
        .into_iter()
        .collect::<Vec<_>>()
        .join(text::list_separator().get(lang))
}

/// A time limit in words: "20个工作日", "30个自然日", "即办", "20日（未载明…）",
/// "无法定办结时限", "未载明", with its explanation after a sentence break.
pub fn limit_text(l: &TimeLimit, lang: Lang) -> String {
    let mut value = if l.on_the_spot {
        s(text::on_the_spot(), lang)
    } else if let Some(days) = l.working_days {
        s(text::working_days(days), lang)
    } else if let Some(days) = l.natural_days {
        s(text::natural_days(days), lang)
    } else if let Some(days) = l.days {
        s(text::days_unit_not_stated(days), lang)
    } else if l.no_limit {
        s(text::no_limit(), lang)
    } else if l.not_stated {
        s(text::not_stated(), lang)
    } else {
        String::new()
    };
    if let Some(explanation) = &l.explanation {
        let explanation = localized(explanation, &l.i18n, "explanation", lang);
        value.push_str(&format!(
            "{}{explanation}",
            text::sentence_break().get(lang)
        ));
    }
    value
}

/// The limit alone, without its explanation (for table cells of members).
pub fn limit_value(l: &TimeLimit, lang: Lang) -> String {
    limit_text(
        &TimeLimit {
            explanation: None,
            ..l.clone()
        },
        lang,
    )
}

/// Each fee as a line: "名称：N元", or the name alone.
pub fn fee_lines(item: &ItemDefinition, lang: Lang) -> Vec<String> {
    item.fees
        .items
        .iter()
        .map(|f| match f.amount_yuan {
            Some(amount) => format!("{}：{}", f.name, s(text::yuan(amount), lang)),
            None => f.name.clone(),
        })
        .collect()
}

/// Fees in one line: "不收费。", or the fees joined.
pub fn fees_text(item: &ItemDefinition, lang: Lang) -> String {
    if item.fees.charged {
        joined(fee_lines(item, lang), lang)
    } else {
        s(text::free(), lang)
    }
}

/// Visits in words: "1次（现场核验材料）" or "未载明".
pub fn visits_text(visits: &Visits, lang: Lang) -> String {
    let mut value = if visits.not_stated {
        s(text::visits_not_stated(), lang)
    } else {
        s(text::visit_count(visits.count), lang)
    };
    if let Some(reason) = &visits.reason {
        let reason = localized(reason, &visits.i18n, "reason", lang);
        value.push_str(text::parenthesised(reason).get(lang));
    }
    value
}

/// One entry of 设定依据 as a line: a text as written; a citation as
/// 《名称》（文号）条款：条款内容.
pub fn legal_basis_line(basis: &LegalBasis, lang: Lang) -> String {
    match basis {
        LegalBasis::Text(line) => line.clone(),
        LegalBasis::Citation(Citation {
            name,
            document_number,
            clause,
            clause_text,
        }) => {
            let mut line = name.clone();
            if let Some(number) = document_number {
                line.push_str(text::citation_document_number(number).get(lang));
            }
            if let Some(clause) = clause {
                line.push_str(clause);
            }
            if let Some(clause_text) = clause_text {
                line.push_str(text::citation_clause_text(clause_text).get(lang));
            }
            line
        }
    }
}

/// Rows for the basic-information table: handling body and version dates.
pub fn basic_rows(facts: &Facts, lang: Lang) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    if let Some(body) = facts.handling_body {
        rows.push(vec![
            s(text::handling_body(), lang),
            localized(&body.name, &body.i18n, "name", lang).to_owned(),
        ]);
    }
    if let Some(validity) = facts.validity {
        let dates = [
            (text::portal_version(), &validity.portal_version),
            (text::published_on(), &validity.published_on),
            (text::valid_from(), &validity.from),
            (text::valid_until(), &validity.until),
        ];
        for (label, value) in dates {
            if let Some(value) = value {
                rows.push(vec![s(label, lang), value.clone()]);
            }
        }
    }
    rows
}

/// 服务对象.
pub fn applicants(facts: &Facts, lang: Lang) -> Option<Section> {
    let applicants = facts.applicants?;
    let mut blocks = Vec::new();
    if !applicants.kinds.is_empty() {
        blocks.push(Block::Paragraph(joined(
            applicants
                .kinds
                .iter()
                .map(|k| s(text::applicant_kind(k), lang)),
            lang,
        )));
    }
    if let Some(words) = tr_opt(&applicants.text, &applicants.i18n, "text", lang) {
        blocks.push(Block::Paragraph(words));
    }
    Some(Section {
        heading: s(text::applicants(), lang),
        blocks,
    })
}

fn has_requirements(m: &Material) -> bool {
    m.issuer.is_some() || m.seal.is_some() || m.paper.is_some() || m.counts.is_some() || m.generated
}

/// 材料要求: issuer, seal, paper, separate counts and "generated", for the
/// materials that have any (the materials table itself keeps its columns,
/// which portals show cell for cell).
pub fn material_requirements(item: &ItemDefinition, lang: Lang) -> Option<Section> {
    let rows: Vec<Vec<String>> = item
        .materials
        .iter()
        .enumerate()
        .filter(|(_, m)| has_requirements(m))
        .map(|(i, m)| {
            let count = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
            vec![
                (i + 1).to_string(),
                m.localized_name(lang).to_owned(),
                tr_opt(&m.issuer, &m.i18n, "issuer", lang).unwrap_or_default(),
                tr_opt(&m.seal, &m.i18n, "seal", lang).unwrap_or_default(),
                tr_opt(&m.paper, &m.i18n, "paper", lang).unwrap_or_default(),
                count(m.counts.and_then(|c| c.originals)),
                count(m.counts.and_then(|c| c.copies)),
                if m.generated {
                    s(text::generated(), lang)
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    Some(Section {
        heading: s(text::material_requirements(), lang),
        blocks: vec![Block::Table(
            vec![
                s(text::column_number(), lang),
                s(text::column_material(), lang),
                s(text::column_issuer(), lang),
                s(text::column_seal(), lang),
                s(text::column_paper(), lang),
                s(text::column_originals(), lang),
                s(text::column_photocopies(), lang),
                s(text::column_how(), lang),
            ],
            rows,
        )],
    })
}

/// The 特别程序 table of the time-limits section.
pub fn special_procedures(procedures: &[SpecialProcedure], lang: Lang) -> Vec<Block> {
    if procedures.is_empty() {
        return Vec::new();
    }
    let rows = procedures
        .iter()
        .map(|p| {
            vec![
                tr(&p.name, &p.i18n, "name", lang),
                p.duration
                    .as_ref()
                    .map(|d| limit_text(d, lang))
                    .unwrap_or_default(),
                tr_opt(&p.basis, &p.i18n, "basis", lang).unwrap_or_default(),
                tr_opt(&p.run_by, &p.i18n, "run_by", lang).unwrap_or_default(),
                p.phone.clone().unwrap_or_default(),
            ]
        })
        .collect();
    vec![
        Block::Paragraph(s(text::special_procedures(), lang)),
        Block::Table(
            vec![
                s(text::column_procedure(), lang),
                s(text::column_duration(), lang),
                s(text::column_basis(), lang),
                s(text::column_run_by(), lang),
                s(text::column_phone(), lang),
            ],
            rows,
        ),
    ]
}

/// Third-party costs, after the fees.
pub fn third_party_costs(item: &ItemDefinition, lang: Lang) -> Vec<Block> {
    let costs = &item.fees.third_party_costs;
    if costs.is_empty() {
        return Vec::new();
    }
    let lines = costs
        .iter()
        .map(|c| {
            let mut line = tr(&c.name, &c.i18n, "name", lang);
            if let Some(amount) = c.amount_yuan {
                line.push_str(&format!("：{}", s(text::yuan(amount), lang)));
            }
            if let Some(payee) = tr_opt(&c.payee, &c.i18n, "payee", lang) {
                line.push_str(text::paid_to(&payee).get(lang));
            }
            if let Some(note) = tr_opt(&c.note, &c.i18n, "note", lang) {
                line.push_str(text::parenthesised(&note).get(lang));
            }
            line
        })
        .collect();
    vec![
        Block::Paragraph(s(text::third_party_costs(), lang)),
        Block::List(lines),
    ]
}

/// 业务办理项: each variant with the situations that choose it, who
/// decides, its limits and its results ("同本事项" where it keeps the
/// item's). In a merged bundle, whose variants stay with their members
/// (`members[].variants`), one table per member that has some, under the
/// member's name.
pub fn variants(item: &ItemDefinition, lang: Lang) -> Option<Section> {
    let head = || {
        vec![
            s(text::column_variant(), lang),
            s(text::column_variant_code(), lang),
            s(text::column_chosen_when(), lang),
            s(text::column_decided_by(), lang),
            s(text::promised(), lang),
            s(text::statutory(), lang),
            s(text::column_result(), lang),
        ]
    };
    let mut blocks = vec![Block::Paragraph(s(text::variants_intro(), lang))];
    if !item.variants.is_empty() {
        let rows = variant_rows(&item.variants, &item.situations, &item.authority, lang);
        blocks.push(Block::Table(head(), rows));
    }
    for member in item.members.iter().filter(|m| !m.variants.is_empty()) {
        blocks.push(Block::Paragraph(s(
            text::member_heading(member.localized_name(lang)),
            lang,
        )));
        let rows = variant_rows(
            &member.variants,
            &member.situations,
            &member.authority,
            lang,
        );
        blocks.push(Block::Table(head(), rows));
    }
    (blocks.len() > 1).then(|| Section {
        heading: s(text::variants(), lang),
        blocks,
    })
}

/// One row per variant: its name, code, the situations (of `situations`)
/// that choose it, who decides (`authority`, the item's or the member's,
/// forwards), its limits and its results.
fn variant_rows(
    variants: &[crate::definition::Variant],
    situations: &[crate::definition::SituationQuestion],
    own_authority: &crate::definition::Authority,
    lang: Lang,
) -> Vec<Vec<String>> {
    let same = || s(text::as_for_the_item(), lang);
    let authority = |a: &crate::definition::Authority| tr(&a.name, &a.i18n, "name", lang);
    variants
        .iter()
        .map(|v| {
            let when = joined(
                situations
                    .iter()
                    .flat_map(|q| &q.cases)
                    .filter(|c| c.variant.as_deref() == Some(v.id.as_str()))
                    .map(|c| c.localized_text(lang).to_owned()),
                lang,
            );
            let decider = v.authority.as_ref().map(authority);
            let decided_by = match (v.role, decider) {
                (AuthorityRole::Forwards, to) => {
                    let to = to.unwrap_or_else(|| s(text::not_stated(), lang));
                    s(text::forwarded_to(&authority(own_authority), &to), lang)
                }
                (AuthorityRole::Decides, Some(by)) => by,
                (AuthorityRole::Decides, None) => same(),
            };
            let (promised, statutory) = match &v.time_limits {
                Some(l) => (
                    limit_text(&l.promised, lang),
                    limit_text(&l.statutory, lang),
                ),
                None => (same(), same()),
            };
            // A forwarded application's result is the deciding authority's,
            // not the item's: without its own, the guide does not say.
            let results = if v.results.is_empty() && v.role == AuthorityRole::Forwards {
                s(text::not_stated(), lang)
            } else if v.results.is_empty() {
                same()
            } else {
                joined(
                    v.results.iter().map(|r| r.localized_name(lang).to_owned()),
                    lang,
                )
            };
            vec![
                v.localized_name(lang).to_owned(),
                v.code.clone().unwrap_or_default(),
                when,
                decided_by,
                promised,
                statutory,
                results,
            ]
        })
        .collect()
}

/// The sections that follow 到办事现场次数, in the 实施清单's order.
pub fn sections(facts: &Facts, lang: Lang) -> Vec<Section> {
    [
        results(facts, lang),
        process(facts, lang),
        channels(facts, lang),
        offices(facts, lang),
        contacts(facts, lang),
        related(facts, lang),
        faq(facts, lang),
        remedies(facts, lang),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn results(facts: &Facts, lang: Lang) -> Option<Section> {
    if facts.results.is_empty() {
        return None;
    }
    let rows = facts
        .results
        .iter()
        .map(|r| {
            let e_licence = match r.e_licence {
                Some(true) => s(text::yes(), lang),
                Some(false) => s(text::no(), lang),
                None => s(text::not_stated(), lang),
            };
            let mut name = tr(&r.name, &r.i18n, "name", lang);
            if let Some(note) = tr_opt(&r.note, &r.i18n, "note", lang) {
                name.push_str(text::parenthesised(&note).get(lang));
            }
            vec![
                name,
                s(text::result_kind(r.kind.as_str()), lang),
                tr_opt(&r.sample, &r.i18n, "sample", lang).unwrap_or_default(),
                e_licence,
                tr_opt(&r.validity, &r.i18n, "validity", lang)
                    .unwrap_or_else(|| s(text::not_stated(), lang)),
            ]
        })
        .collect();
    Some(Section {
        heading: s(text::results(), lang),
        blocks: vec![Block::Table(
            vec![
                s(text::column_result(), lang),
                s(text::column_result_kind(), lang),
                s(text::column_sample(), lang),
                s(text::column_e_licence(), lang),
                s(text::column_validity(), lang),
            ],
            rows,
        )],
    })
}

fn process(facts: &Facts, lang: Lang) -> Option<Section> {
    if facts.process.is_empty() {
        return None;
    }
    let rows = facts
        .process
        .iter()
        .map(|p| {
            vec![
                tr_opt(&p.name, &p.i18n, "name", lang)
                    .unwrap_or_else(|| s(text::step(&p.step), lang)),
                tr_opt(&p.review_method, &p.i18n, "review_method", lang).unwrap_or_default(),
                p.time
                    .as_ref()
                    .map(|t| limit_text(t, lang))
                    .unwrap_or_default(),
                tr_opt(&p.by, &p.i18n, "by", lang).unwrap_or_default(),
            ]
        })
        .collect();
    Some(Section {
        heading: s(text::process(), lang),
        blocks: vec![Block::Table(
            vec![
                s(text::column_step(), lang),
                s(text::column_review_method(), lang),
                s(text::column_step_time(), lang),
                s(text::column_by(), lang),
            ],
            rows,
        )],
    })
}

fn channels(facts: &Facts, lang: Lang) -> Option<Section> {
    if facts.channels.is_empty() && facts.online_services.is_none() {
        return None;
    }
    let mut blocks = Vec::new();
    if !facts.channels.is_empty() {
        let rows = facts
            .channels
            .iter()
            .map(|c| {
                let mut note = c.url.clone().unwrap_or_default();
                if let Some(words) = tr_opt(&c.note, &c.i18n, "note", lang) {
                    if !note.is_empty() {
                        note.push_str(text::list_separator().get(lang));
                    }
                    note.push_str(&words);
                }
                vec![
                    s(text::channel(&c.kind), lang),
                    c.visits
                        .as_ref()
                        .map(|v| visits_text(v, lang))
                        .unwrap_or_default(),
                    joined(
                        c.result_delivery.iter().map(|d| s(text::delivery(d), lang)),
                        lang,
                    ),
                    note,
                ]
            })
            .collect();
        blocks.push(Block::Table(
            vec![
                s(text::column_channel(), lang),
                s(text::column_visits(), lang),
                s(text::column_delivery(), lang),
                s(text::column_note(), lang),
            ],
            rows,
        ));
    }
    if let Some(online) = facts.online_services {
        if !online.capabilities.is_empty() {
            let list = joined(
                online
                    .capabilities
                    .iter()
                    .map(|c| s(text::capability(c), lang)),
                lang,
            );
            blocks.push(Block::Paragraph(s(text::online_services(&list), lang)));
        }
        if let Some(url) = &online.url {
            blocks.push(Block::Paragraph(s(text::online_address(url), lang)));
        }
    }
    Some(Section {
        heading: s(text::channels(), lang),
        blocks,
    })
}

fn offices(facts: &Facts, lang: Lang) -> Option<Section> {
    if facts.offices.is_empty() {
        return None;
    }
    let rows = facts
        .offices
        .iter()
        .map(|o| {
            let mut directions =
                tr_opt(&o.directions, &o.i18n, "directions", lang).unwrap_or_default();
            if let Some(map) = &o.map {
                if !directions.is_empty() {
                    directions.push_str(text::list_separator().get(lang));
                }
                directions.push_str(map);
            }
            vec![
                tr_opt(&o.name, &o.i18n, "name", lang).unwrap_or_default(),
                tr(&o.address, &o.i18n, "address", lang),
                tr_opt(&o.hours, &o.i18n, "hours", lang).unwrap_or_default(),
                o.phone.clone().unwrap_or_default(),
                directions,
            ]
        })
        .collect();
    Some(Section {
        heading: s(text::offices(), lang),
        blocks: vec![Block::Table(
            vec![
                s(text::column_office(), lang),
                s(text::column_address(), lang),
                s(text::column_hours(), lang),
                s(text::column_phone(), lang),
                s(text::column_directions(), lang),
            ],
            rows,
        )],
    })
}

fn contacts(facts: &Facts, lang: Lang) -> Option<Section> {
    if facts.contacts.is_empty() {
        return None;
    }
    let rows = facts
        .contacts
        .iter()
        .map(|c| {
            let words = tr_opt(&c.text, &c.i18n, "text", lang);
            let ways = [c.phone.clone(), c.url.clone(), words]
                .into_iter()
                .flatten();
            vec![
                s(text::contact_purpose(&c.purpose), lang),
                joined(ways, lang),
            ]
        })
        .collect();
    Some(Section {
        heading: s(text::contacts(), lang),
        blocks: vec![Block::Table(Vec::new(), rows)],
    })
}

fn related(facts: &Facts, lang: Lang) -> Option<Section> {
    if facts.related_items.is_empty() {
        return None;
    }
    let rows = facts
        .related_items
        .iter()
        .map(|r| {
            vec![
                s(text::relation(&r.relation), lang),
                tr(&r.name, &r.i18n, "name", lang),
                r.code.clone().unwrap_or_default(),
                tr_opt(&r.body, &r.i18n, "body", lang).unwrap_or_default(),
            ]
        })
        .collect();
    Some(Section {
        heading: s(text::related_items(), lang),
        blocks: vec![Block::Table(
            vec![
                s(text::column_relation(), lang),
                s(text::column_item(), lang),
                s(text::code(), lang),
                s(text::handling_body(), lang),
            ],
            rows,
        )],
    })
}

fn faq(facts: &Facts, lang: Lang) -> Option<Section> {
    if facts.faq.is_empty() {
        return None;
    }
    Some(Section {
        heading: s(text::faq(), lang),
        blocks: vec![Block::List(
            facts
                .faq
                .iter()
                .map(|q| {
                    let question = tr(&q.question, &q.i18n, "question", lang);
                    let answer = tr(&q.answer, &q.i18n, "answer", lang);
                    s(text::question_answer(&question, &answer), lang)
                })
                .collect(),
        )],
    })
}

fn remedies(facts: &Facts, lang: Lang) -> Option<Section> {
    let remedies = facts.remedies?;
    let mut lines = Vec::new();
    let i18n = &remedies.i18n;
    if let Some(words) = tr_opt(&remedies.reconsideration, i18n, "reconsideration", lang) {
        lines.push(s(text::reconsideration(&words), lang));
    }
    if let Some(words) = tr_opt(&remedies.litigation, i18n, "litigation", lang) {
        lines.push(s(text::litigation(&words), lang));
    }
    Some(Section {
        heading: s(text::remedies(), lang),
        blocks: vec![Block::List(lines)],
    })
}
