//! The printed service guide (办事指南), generated from the same definition
//! as the online form (同源发布), so the two can never disagree.
//!
//! [`build`] turns a definition into a small document model ([`Guide`]:
//! sections of paragraphs, lists and tables, all plain text); [`html`] and
//! [`markdown`] render it, each escaping every text of the definition in one
//! place. No I/O: callers write the string wherever they like.
//!
//! The fields are read by the form's structural walk
//! ([`crate::schema::visit`]), which follows same-document `$ref`s, so a
//! field declared through a reference is listed with its title, as the
//! form shows it.

pub(crate) mod described;
pub mod html;
pub mod markdown;

use serde_json::Value;

use crate::definition::{ItemDefinition, Material, Requirement, localized};
use crate::messages::{Lang, guide as text};
use crate::schema::Condition;
use crate::schema::visit;
use described::Facts;

/// A guide as plain text blocks, ready for any renderer.
#[derive(Debug, Clone, PartialEq)]
pub struct Guide {
    pub lang: Lang,
    pub title: String,
    pub sections: Vec<Section>,
    pub footer: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(String),
    List(Vec<String>),
    /// A table: column heads, then rows of cells.
    Table(Vec<String>, Vec<Vec<String>>),
}

/// Builds the guide of `item` in `lang`.
pub fn build(item: &ItemDefinition, lang: Lang) -> Guide {
    let s = |t: crate::Text| t.get(lang).to_owned();
    let name = item.localized_name(lang).to_owned();
    let mut sections = Vec::new();

    let mut basic = vec![
        vec![s(text::item_name()), name.clone()],
        vec![
            s(text::item_type()),
            s(text::item_type_value(
                &item.item_type.code,
                &item.item_type.label,
            )),
        ],
        vec![s(text::code()), item.code.clone()],
        vec![s(text::basic_code()), item.basic_code.clone()],
        vec![s(text::version()), item.version.clone()],
        vec![
            s(text::authority()),
            localized(&item.authority.name, &item.authority.i18n, "name", lang).to_owned(),
        ],
    ];
    if let Some(handling) = item.handling_type {
        let value = match handling {
            crate::definition::HandlingType::OnTheSpot => text::on_the_spot_item(),
            crate::definition::HandlingType::Commitment => text::commitment_item(),
        };
        basic.push(vec![s(text::handling_type()), s(value)]);
    }
    if let Some(depth) = &item.online_depth {
        basic.push(vec![s(text::online_depth()), depth.clone()]);
    }
    basic.extend(described::basic_rows(&Facts::of_item(item), lang));
    sections.push(Section {
        heading: s(text::basic_information()),
        blocks: vec![Block::Table(Vec::new(), basic)],
    });

    if !item.members.is_empty() {
        let limit = |l: &crate::definition::TimeLimit| described::limit_value(l, lang);
        let rows = item
            .members
            .iter()
            .map(|m| {
                vec![
                    localized(&m.name, &m.i18n, "name", lang).to_owned(),
                    m.code.clone(),
                    localized(&m.authority.name, &m.authority.i18n, "name", lang).to_owned(),
                    limit(&m.time_limits.statutory),
                    limit(&m.time_limits.promised),
                    if m.results.is_empty() {
                        s(text::not_stated())
                    } else {
                        m.results
                            .iter()
                            .map(|r| r.localized_name(lang))
                            .collect::<Vec<_>>()
                            .join(text::list_separator().get(lang))
                    },
                ]
            })
            .collect();
        sections.push(Section {
            heading: s(text::members()),
            blocks: vec![Block::Table(
                vec![
                    s(text::item_name()),
                    s(text::code()),
                    s(text::authority()),
                    s(text::statutory()),
                    s(text::promised()),
                    s(text::column_result()),
                ],
                rows,
            )],
        });
    }
    if let Some(description) = &item.description {
        sections.push(Section {
            heading: s(text::description()),
            blocks: vec![Block::Paragraph(
                localized(description, &item.i18n, "description", lang).to_owned(),
            )],
        });
    }
    if !item.legal_basis.is_empty() {
        sections.push(Section {
            heading: s(text::legal_basis()),
            blocks: vec![Block::List(
                item.legal_basis
                    .iter()
                    .map(|b| described::legal_basis_line(b, lang))
                    .collect(),
            )],
        });
    }
    sections.extend(own_sections(
        item,
        described::applicants(&Facts::of_item(item), lang),
        lang,
    ));
    if !item.conditions.is_empty() {
        let list = item
            .conditions
            .iter()
            .map(|c| {
                let mut line = c.localized_text(lang).to_owned();
                if c.in_lieu.is_some() {
                    line.push_str(text::condition_in_lieu().get(lang));
                }
                line
            })
            .collect();
        sections.push(Section {
            heading: s(text::conditions()),
            blocks: vec![Block::List(list)],
        });
    }

    sections.extend(situations(item, lang));
    sections.extend(described::variants(item, lang));
    sections.push(materials(item, lang));
    sections.extend(described::material_requirements(item, lang));
    sections.push(time_limits(item, lang));

    let deferral = match item.allowed_deferral() {
        Some(d) => s(text::deferral_allowed(
            d.deadline_working_days,
            d.max_materials,
            d.withhold_result,
        )),
        None if item.deferral.as_ref().is_some_and(|d| d.not_stated) => {
            s(text::deferral_not_stated())
        }
        None => s(text::deferral_not_allowed(
            item.deferral
                .as_ref()
                .and_then(|d| d.localized_reason(lang)),
        )),
    };
    sections.push(Section {
        heading: s(text::deferral()),
        blocks: vec![Block::Paragraph(deferral)],
    });

    let mut fees = Vec::new();
    if item.fees.charged {
        if let Some(basis) = &item.fees.basis {
            fees.push(Block::Paragraph(s(text::fee_basis(basis))));
        }
        fees.push(Block::List(described::fee_lines(item, lang)));
    } else {
        fees.push(Block::Paragraph(s(text::free())));
    }
    fees.extend(described::third_party_costs(item, lang));
    sections.push(Section {
        heading: s(text::fees()),
        blocks: fees,
    });

    sections.push(Section {
        heading: s(text::visits()),
        blocks: vec![Block::Paragraph(described::visits_text(&item.visits, lang))],
    });
    sections.extend(own_sections(
        item,
        described::sections(&Facts::of_item(item), lang),
        lang,
    ));
    sections.extend(member_sections(item, lang));

    sections.push(Section {
        heading: s(text::form()),
        blocks: vec![Block::Table(
            vec![
                s(text::column_field()),
                s(text::column_required()),
                s(text::column_help()),
            ],
            fields(&item.form, lang),
        )],
    });

    Guide {
        lang,
        title: s(text::title(&name)),
        sections,
        footer: s(text::footer(&item.code, &item.version)),
    }
}

/// In a bundle's guide, each member's own descriptive facts (its handling
/// body and guide version, 服务对象, 特别程序, 办理结果, 办理流程, 办理形式, 办理地点,
/// 咨询/投诉, 关联事项, 常见问题, 行政复议/诉讼), as its own guide prints
/// them, each section headed by the member's name. The bundle's own facts
/// stand above them, headed by the bundle's name ([`own_sections`]): where
/// both say something (two 咨询 lines), both are shown, each labelled.
fn member_sections(item: &ItemDefinition, lang: Lang) -> Vec<Section> {
    let s = |t: crate::Text| t.get(lang).to_owned();
    let mut sections = Vec::new();
    for member in &item.members {
        let facts = Facts::of_member(member);
        let mut own = Vec::new();
        let basic = described::basic_rows(&facts, lang);
        if !basic.is_empty() {
            own.push(Section {
                heading: s(text::basic_information()),
                blocks: vec![Block::Table(Vec::new(), basic)],
            });
        }
        own.extend(described::applicants(&facts, lang));
        // Its 特别程序, which the merged time limits cannot state (their
        // durations and bases are the member's own).
        let procedures =
            described::special_procedures(&member.time_limits.special_procedures, lang);
        if !procedures.is_empty() {
            own.push(Section {
                heading: s(text::time_limits()),
                blocks: procedures,
            });
        }
        own.extend(described::sections(&facts, lang));
        sections.extend(labelled(member.localized_name(lang), own, lang));
    }
    sections
}

/// The item's own descriptive sections; in a bundle's guide, where its
/// members' follow with their names, headed by the bundle's name, so each
/// of two 咨询与投诉 sections says whose lines it gives.
fn own_sections(
    item: &ItemDefinition,
    sections: impl IntoIterator<Item = Section>,
    lang: Lang,
) -> Vec<Section> {
    if item.members.is_empty() {
        sections.into_iter().collect()
    } else {
        labelled(item.localized_name(lang), sections, lang)
    }
}

/// `sections`, each heading prefixed with `name` ("名称：办理地点").
fn labelled(name: &str, sections: impl IntoIterator<Item = Section>, lang: Lang) -> Vec<Section> {
    sections
        .into_iter()
        .map(|section| Section {
            heading: text::member_section(name, &section.heading)
                .get(lang)
                .to_owned(),
            blocks: section.blocks,
        })
        .collect()
}

/// The guide's materials section on its own, as data: what a portal's item
/// page shows, in the guide's words (the server serves it as JSON, so no
/// portal rewrites the table, or the deferral rule, in its own code).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MaterialsTable {
    /// The section heading (申请材料).
    pub heading: String,
    /// The column heads; empty when the item has no materials.
    pub columns: Vec<String>,
    /// One row of cells per material, in the item's order.
    pub rows: Vec<Vec<String>>,
    /// The sentence shown instead of a table when there are no materials.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The materials table of `item`'s guide in `lang`: the same section
/// [`build`] puts in the printed guide.
pub fn materials_table(item: &ItemDefinition, lang: Lang) -> MaterialsTable {
    let section = materials(item, lang);
    let mut table = MaterialsTable {
        heading: section.heading,
        columns: Vec::new(),
        rows: Vec::new(),
        note: None,
    };
    for block in section.blocks {
        match block {
            Block::Table(columns, rows) => {
                table.columns = columns;
                table.rows = rows;
            }
            Block::Paragraph(note) => table.note = Some(note),
            Block::List(_) => {}
        }
    }
    table
}

fn materials(item: &ItemDefinition, lang: Lang) -> Section {
    let s = |t: crate::Text| t.get(lang).to_owned();
    let heading = s(text::materials());
    if item.materials.is_empty() {
        return Section {
            heading,
            blocks: vec![Block::Paragraph(s(text::no_materials()))],
        };
    }
    let nodes = visit::form(&item.form);
    let rows = item
        .materials
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let by_situations = || {
                crate::checklist::situational_necessity(item, &m.id)
                    .get(lang)
                    .to_owned()
            };
            let necessity = match &m.required {
                Requirement::BySituation(_) => by_situations(),
                // A merged bundle's situational material, in its situations' words.
                Requirement::When { .. } if item.is_situational(i) => by_situations(),
                Requirement::Always(true) => s(text::necessary()),
                Requirement::Always(false) => s(text::optional()),
                Requirement::When { when } => s(text::required_when(&describe(when, &nodes, lang))),
            };
            let mut options = Vec::new();
            if m.core {
                options.push(s(text::core()));
            }
            // In a bundle, an option some member needing the material does
            // not offer names those members.
            let except =
                |offered: crate::Text, allows: fn(&crate::definition::MemberMaterial) -> bool| {
                    let refusing: Vec<&str> = item
                        .members
                        .iter()
                        .filter(|member| {
                            member
                                .material_terms
                                .iter()
                                .any(|t| t.id == m.id && !allows(t))
                        })
                        .map(|member| member.localized_name(lang))
                        .collect();
                    let offered = s(offered);
                    if refusing.is_empty() {
                        offered
                    } else {
                        let separator = if lang == Lang::ZhCn { "、" } else { ", " };
                        format!(
                            "{offered}{}",
                            s(text::except_members(&refusing.join(separator)))
                        )
                    }
                };
            if m.deferrable.is_some() && item.allowed_deferral().is_some() && !m.core {
                options.push(except(text::deferrable(), |t| t.deferrable));
            }
            if m.in_lieu.is_some() {
                options.push(except(text::in_lieu(), |t| t.in_lieu));
            }
            vec![
                (i + 1).to_string(),
                match m.alternatives_text() {
                    Some(list) => s(text::material_with_alternatives(
                        m.localized_name(lang),
                        list.get(lang),
                    )),
                    None => m.localized_name(lang).to_owned(),
                },
                m.copy_kind
                    .map(|k| s(text::copy_kind(k.as_str())))
                    .unwrap_or_default(),
                m.medium
                    .map(|k| s(text::medium(k.as_str())))
                    .unwrap_or_default(),
                match (m.copies, per_item_each(item, m, lang)) {
                    (Some(c), Some(each)) => format!("{c}（{each}）"),
                    (Some(c), None) => c.to_string(),
                    (None, Some(each)) => each,
                    (None, None) => String::new(),
                },
                necessity,
                s(text::source(m.source.as_str())),
                options.join("；"),
                m.notes
                    .as_deref()
                    .map(|n| localized(n, &m.i18n, "notes", lang).to_owned())
                    .unwrap_or_default(),
            ]
        })
        .collect();
    Section {
        heading,
        blocks: vec![Block::Table(
            vec![
                s(text::column_number()),
                s(text::column_material()),
                s(text::column_copy_kind()),
                s(text::column_medium()),
                s(text::column_copies()),
                s(text::column_necessity()),
                s(text::column_source()),
                s(text::column_options()),
                s(text::column_notes()),
            ],
            rows,
        )],
    }
}

/// 办理情形: each situation question with the situations its answers
/// stand for, in the guide's wording, and the materials each selects or
/// exempts; absent when the item has no situations.
fn situations(item: &ItemDefinition, lang: Lang) -> Option<Section> {
    if item.situations.is_empty() {
        return None;
    }
    let nodes = visit::form(&item.form);
    let names = |ids: &[String]| {
        ids.iter()
            .filter_map(|id| item.material(id))
            .map(|m| m.localized_name(lang).to_owned())
            .collect::<Vec<_>>()
            .join(text::list_separator().get(lang))
    };
    let head = || {
        vec![
            text::column_question().get(lang).to_owned(),
            text::column_situation().get(lang).to_owned(),
            text::column_selects().get(lang).to_owned(),
            text::column_exempts().get(lang).to_owned(),
        ]
    };
    let mut blocks = vec![Block::Paragraph(
        text::situations_intro().get(lang).to_owned(),
    )];
    // One table per member in a bundle, under the member's name (its
    // questions are consecutive, in the members' order); one table for an
    // ordinary item, whose questions have no member.
    let mut member: Option<Option<&str>> = None;
    let mut rows = Vec::new();
    for question in &item.situations {
        let owner = question.member.as_deref();
        if member != Some(owner) {
            if !rows.is_empty() {
                blocks.push(Block::Table(head(), std::mem::take(&mut rows)));
            }
            if let Some(m) = owner.and_then(|key| item.members.iter().find(|m| m.key == key)) {
                blocks.push(Block::Paragraph(
                    text::member_heading(m.localized_name(lang))
                        .get(lang)
                        .to_owned(),
                ));
            }
            member = Some(owner);
        }
        let field = field_keys(&question.field);
        let title = question_title(&nodes, &question.field, lang);
        for case in &question.cases {
            rows.push(vec![
                text::situation_answer(&title, &value_label(&nodes, &field, &case.value, lang))
                    .get(lang)
                    .to_owned(),
                case.localized_text(lang).to_owned(),
                names(&case.materials),
                names(&case.exempts),
            ]);
        }
    }
    blocks.push(Block::Table(head(), rows));
    Some(Section {
        heading: text::situations().get(lang).to_owned(),
        blocks,
    })
}

fn time_limits(item: &ItemDefinition, lang: Lang) -> Section {
    let s = |t: crate::Text| t.get(lang).to_owned();
    let limit = |l: &crate::definition::TimeLimit| described::limit_text(l, lang);
    let limits = &item.time_limits;
    let mut blocks = vec![Block::Table(
        Vec::new(),
        vec![
            vec![s(text::statutory()), limit(&limits.statutory)],
            vec![s(text::promised()), limit(&limits.promised)],
        ],
    )];
    if !limits.excluded_periods.is_empty() {
        let periods = limits
            .excluded_periods
            .join(text::list_separator().get(Lang::ZhCn));
        let periods = localized(&periods, &limits.i18n, "excluded_periods", lang);
        blocks.push(Block::Paragraph(s(text::excluded_periods(periods))));
    }
    blocks.extend(described::special_procedures(
        &item.time_limits.special_procedures,
        lang,
    ));
    Section {
        heading: s(text::time_limits()),
        blocks,
    }
}

/// How many copies a per-item material takes, in words: the item's own
/// (`per_item.each`, "每名拟聘用驾驶员各一份") or "按“拟聘用驾驶员”每项各一份";
/// `None` for a material given once. The guide's 份数 and the checklist
/// say the same.
pub fn per_item_each(item: &ItemDefinition, material: &Material, lang: Lang) -> Option<String> {
    let per_item = material.per_item.as_ref()?;
    if let Some(each) = &per_item.each {
        return Some(localized(each, &per_item.i18n, "each", lang).to_owned());
    }
    let field: Vec<String> = crate::pointer::parse(&per_item.array)
        .iter()
        .map(|s| s.as_key().into_owned())
        .collect();
    let title = field_title(&visit::form(&item.form), &field, lang)
        .unwrap_or_else(|| per_item.array.clone());
    Some(text::per_item_each(&title).get(lang).to_owned())
}

/// The title of a field (in `lang`), from any declaration that has one.
fn field_keys(pointer: &str) -> Vec<String> {
    crate::pointer::parse(pointer)
        .iter()
        .map(|s| s.as_key().into_owned())
        .collect()
}

/// The title (in `lang`) of the form field a situation question names by
/// its JSON Pointer; the pointer itself when the field has no title.
pub(crate) fn question_title(nodes: &[visit::Node<'_>], pointer: &str, lang: Lang) -> String {
    field_title(nodes, &field_keys(pointer), lang).unwrap_or_else(|| pointer.to_owned())
}

fn field_title(nodes: &[visit::Node<'_>], field: &[String], lang: Lang) -> Option<String> {
    let declarations = nodes
        .iter()
        .filter(|n| !n.in_condition && n.field.as_deref() == Some(field));
    let mut fallback = None;
    for node in declarations {
        if let Some(en) = lang
            .i18n_key()
            .and_then(|tag| node.schema.get("x-i18n")?.get(tag)?.get("title")?.as_str())
        {
            return Some(en.to_owned());
        }
        if fallback.is_none() {
            fallback = node
                .schema
                .get("title")
                .and_then(Value::as_str)
                .map(str::to_owned);
        }
    }
    fallback
}

fn value_label(nodes: &[visit::Node<'_>], field: &[String], value: &Value, lang: Lang) -> String {
    // The widget shows a boolean as 是/否, so the guide names the same answer.
    if let Some(answer) = value.as_bool() {
        let text = if answer { text::yes() } else { text::no() };
        return text.get(lang).to_owned();
    }
    let raw = value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned);
    for node in nodes
        .iter()
        .filter(|n| !n.in_condition && n.field.as_deref() == Some(field))
    {
        let translated = lang.i18n_key().and_then(|tag| {
            node.schema
                .get("x-i18n")?
                .get(tag)?
                .get("x-enum-labels")?
                .get(&raw)?
                .as_str()
        });
        if let Some(label) =
            translated.or_else(|| node.schema.get("x-enum-labels")?.get(&raw)?.as_str())
        {
            return label.to_owned();
        }
    }
    raw
}

/// A `when` condition as words: “经营项目类别”为“餐饮服务”.
pub fn describe(condition: &Value, nodes: &[visit::Node<'_>], lang: Lang) -> String {
    let mut parts = Vec::new();
    describe_into(
        &Condition::parse(condition),
        nodes,
        lang,
        &mut Vec::new(),
        &mut parts,
    );
    if parts.is_empty() {
        text::some_situation().get(lang).to_owned()
    } else {
        parts.join(text::and().get(lang))
    }
}

fn describe_into(
    condition: &Condition<'_>,
    nodes: &[visit::Node<'_>],
    lang: Lang,
    prefix: &mut Vec<String>,
    out: &mut Vec<String>,
) {
    // `required: [x]` alone means "x was answered": a situation in its own right.
    for name in condition.required() {
        if condition.properties().any(|(p, _)| *p == name) {
            continue;
        }
        prefix.push(name.to_owned());
        let title = field_title(nodes, prefix, lang).unwrap_or_else(|| name.to_owned());
        out.push(text::field_given(&title).get(lang).to_owned());
        prefix.pop();
    }
    for (name, sub) in condition.properties() {
        prefix.push((*name).to_owned());
        let title = field_title(nodes, prefix, lang).unwrap_or_else(|| (*name).to_owned());
        match sub.accepted_values() {
            Some(("const", values)) => {
                let label = value_label(nodes, prefix, values[0], lang);
                out.push(text::field_is(&title, &label).get(lang).to_owned());
            }
            Some((_, values)) => {
                let labels: Vec<String> = values
                    .iter()
                    .map(|v| format!("“{}”", value_label(nodes, prefix, v, lang)))
                    .collect();
                out.push(
                    text::field_is_one_of(&title, &labels.join("、"))
                        .get(lang)
                        .to_owned(),
                );
            }
            None if sub.tests.iter().any(|t| t.keyword == "properties") => {
                describe_into(sub, nodes, lang, prefix, out);
            }
            None => out.push(text::field_given(&title).get(lang).to_owned()),
        }
        prefix.pop();
    } // Every branch of an `allOf` must hold too (a bundle member's `when`
    // ANDed with its material's own condition): said one after the other.
    for test in condition.tests.iter().filter(|t| t.keyword == "allOf") {
        for branch in test.kind.branches() {
            describe_into(branch, nodes, lang, prefix, out);
        }
    }
}

/// Rows `[label path, required, help]` for every titled field, in order.
fn fields(form: &Value, lang: Lang) -> Vec<Vec<String>> {
    let nodes = visit::form(form);
    let mut seen: Vec<&Vec<String>> = Vec::new();
    let mut rows = Vec::new();
    for node in nodes.iter().filter(|n| n.is_property && !n.in_condition) {
        let Some(field) = node.field.as_ref() else {
            continue;
        };
        if field.last().is_some_and(|l| l == "*") || seen.contains(&field) {
            continue;
        }
        let Some(title) = field_title(&nodes, field, lang) else {
            continue;
        };
        seen.push(field);
        let mut label = Vec::new();
        for depth in 1..field.len() {
            if field[depth - 1] != "*"
                && let Some(parent) = field_title(&nodes, &field[..depth], lang)
            {
                label.push(parent);
            }
        }
        label.push(title);
        let parent = &field[..field.len() - 1];
        let name = &field[field.len() - 1];
        let requiring: Vec<&visit::Node<'_>> = nodes
            .iter()
            .filter(|n| !n.in_condition && n.field.as_deref() == Some(parent))
            .filter(|n| {
                n.schema
                    .get("required")
                    .and_then(Value::as_array)
                    .is_some_and(|r| r.iter().any(|v| v.as_str() == Some(name)))
            })
            .collect();
        let required = if requiring.is_empty() {
            text::no()
        } else if requiring.iter().any(|n| !n.in_branch) && !node.in_branch {
            text::yes()
        } else {
            match cases(form, &nodes, node, &requiring, lang) {
                Some(Cases::All) => text::yes(),
                Some(Cases::Some(condition)) => text::required_in_case(&condition),
                None => text::depends(),
            }
        };
        let help = lang
            .i18n_key()
            .and_then(|tag| {
                node.schema
                    .get("x-i18n")?
                    .get(tag)?
                    .get("description")?
                    .as_str()
            })
            .or_else(|| node.schema.get("description").and_then(Value::as_str))
            .unwrap_or("");
        rows.push(vec![
            label.join(" › "),
            required.get(lang).to_owned(),
            help.to_owned(),
        ]);
    }
    rows
}

/// Whether `node` declares the discriminator of the `oneOf` whose branch
/// holds it (`…/oneOf/<i>/properties/<name>`): the choice itself, which the
/// prepared form requires whenever its object is given.
fn is_choice(form: &Value, node: &visit::Node<'_>) -> bool {
    let Some((branch, name)) = node.place.rsplit_once("/properties/") else {
        return false;
    };
    let Some((owner, index)) = branch.rsplit_once("/oneOf/") else {
        return false;
    };
    if index.parse::<usize>().is_err() {
        return false;
    }
    let branches = owner
        .strip_prefix("/form")
        .and_then(|o| form.pointer(o))
        .and_then(|o| o.get("oneOf"))
        .and_then(Value::as_array);
    branches
        .and_then(|b| crate::schema::discriminator(b))
        .is_some_and(|(choice, _)| crate::pointer::escape(&choice) == name)
}

/// In which cases of a discriminated `oneOf` a field is required.
enum Cases {
    /// In every case (or it is the choice itself).
    All,
    /// In some: the condition as words (“申请人类型”为“个人”).
    Some(String),
}

/// The cases of one discriminated `oneOf` (at the root or nested) whose
/// branches require `field`, when every schema requiring it lies in such a
/// branch, with no other condition between: the choice's title and the
/// branches' titles as its option labels (the labels the prepared form
/// gives the choice). `None` otherwise: the guide says "depends".
fn cases(
    form: &Value,
    nodes: &[visit::Node<'_>],
    node: &visit::Node<'_>,
    requiring: &[&visit::Node<'_>],
    lang: Lang,
) -> Option<Cases> {
    let field = node.field.as_deref()?;
    if is_choice(form, node) {
        return Some(Cases::All);
    }
    let mut owner_place: Option<&str> = None;
    let mut chosen: Vec<usize> = Vec::new();
    for node in requiring {
        let at = node.place.rfind("/oneOf/")?;
        let rest = &node.place[at + "/oneOf/".len()..];
        let (index, inside) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let index: usize = index.parse().ok()?;
        if [
            "/oneOf/",
            "/anyOf/",
            "/then",
            "/else",
            "/dependentSchemas/",
            "/$defs/",
        ]
        .iter()
        .any(|k| inside.contains(k))
        {
            return None;
        }
        let owner = &node.place[..at];
        if owner_place.is_some_and(|o| o != owner) {
            return None;
        }
        owner_place = Some(owner);
        if !chosen.contains(&index) {
            chosen.push(index);
        }
    }
    let owner_place = owner_place?;
    let owner = form.pointer(owner_place.strip_prefix("/form")?)?;
    let branches = owner.get("oneOf")?.as_array()?;
    let (name, constants) = crate::schema::discriminator(branches)?;
    // A schema used in several places is one node per use: the one on
    // this field's path.
    let owner_field = nodes
        .iter()
        .filter(|n| n.place == owner_place)
        .filter_map(|n| n.field.clone())
        .find(|f| field.starts_with(f))?;
    let mut choice = owner_field;
    choice.push(name);
    if chosen.len() == branches.len() {
        return Some(Cases::All);
    }
    let choice_title = field_title(nodes, &choice, lang)?;
    chosen.sort_unstable();
    let labels: Vec<String> = chosen
        .iter()
        .map(|i| {
            let branch = &branches[*i];
            let translated = lang
                .i18n_key()
                .and_then(|tag| branch.get("x-i18n")?.get(tag)?.get("title")?.as_str());
            let title = translated.or_else(|| branch.get("title")?.as_str());
            title.map_or_else(
                || value_label(nodes, &choice, &constants[*i], lang),
                str::to_owned,
            )
        })
        .collect();
    let condition = match labels.as_slice() {
        [one] => text::field_is(&choice_title, one),
        many => {
            let quoted: Vec<String> = many.iter().map(|l| format!("“{l}”")).collect();
            text::field_is_one_of(&choice_title, &quoted.join("、"))
        }
    };
    Some(Cases::Some(condition.get(lang).to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CompiledItem;

    #[test]
    fn fields_declared_through_references_are_listed() {
        let mut item = crate::lint::tests::item();
        item["form"]["$defs"] = serde_json::json!({
            "联系方式": {"type": "object", "title": "联系方式", "required": ["mobile"],
                         "properties": {"mobile": {"type": "string", "title": "手机号码"}}}
        });
        item["form"]["properties"]["contact"] =
            serde_json::json!({"$ref": "#/$defs/%E8%81%94%E7%B3%BB%E6%96%B9%E5%BC%8F"});
        let item = CompiledItem::from_value(&item).unwrap();
        let guide = build(item.definition(), Lang::ZhCn);
        let rows: Vec<&Vec<String>> = guide
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                Block::Table(_, rows) => Some(rows),
                _ => None,
            })
            .flatten()
            .collect();
        assert!(
            rows.iter()
                .any(|r| r[0] == "联系方式 › 手机号码" && r[1] == "是"),
            "{rows:?}"
        );
    }

    fn sample() -> CompiledItem {
        let mut item = crate::lint::tests::item();
        item["materials"][0]["name"] = serde_json::json!("<平面图> & 说明");
        CompiledItem::from_value(&item).unwrap()
    }

    #[test]
    fn conditions_read_as_words() {
        let item = sample();
        let guide = build(item.definition(), Lang::ZhCn);
        let materials = guide
            .sections
            .iter()
            .find(|s| s.heading == "申请材料")
            .unwrap();
        let Block::Table(_, rows) = &materials.blocks[0] else {
            panic!()
        };
        assert_eq!(rows[0][5], "“类别”为“甲”时必要");
        let english = build(item.definition(), Lang::En);
        assert!(english.title.contains("Test item"));
    }

    /// The necessity column of the materials table, in `lang`.
    fn necessity(item: &Value, lang: Lang) -> Vec<String> {
        let item = CompiledItem::from_value(item).unwrap();
        let guide = build(item.definition(), lang);
        let materials = &guide
            .sections
            .iter()
            .find(|s| s.heading == text::materials().get(lang))
            .unwrap();
        let Block::Table(_, rows) = &materials.blocks[0] else {
            panic!()
        };
        rows.iter().map(|r| r[5].clone()).collect()
    }

    #[test]
    fn a_boolean_condition_reads_yes_or_no() {
        let mut item = crate::lint::tests::item();
        item["form"]["properties"]["radiology"] = serde_json::json!({
            "type": "boolean", "title": "是否开展放射诊疗", "x-i18n": {"en": {"title": "Radiology"}}
        });
        item["materials"][0]["required"]["when"] = serde_json::json!({
            "properties": {"radiology": {"const": true}}, "required": ["radiology"]
        });
        assert_eq!(
            necessity(&item, Lang::ZhCn),
            ["“是否开展放射诊疗”为“是”时必要"]
        );
        assert_eq!(
            necessity(&item, Lang::En),
            ["Required when “Radiology” is “Yes”"]
        );
    }

    #[test]
    fn a_required_only_condition_names_the_field() {
        let mut item = crate::lint::tests::item();
        item["materials"][0]["required"]["when"] = serde_json::json!({"required": ["name"]});
        assert_eq!(necessity(&item, Lang::ZhCn), ["填写了“姓名”时必要"]);
        assert_eq!(
            necessity(&item, Lang::En),
            ["Required when “Name” is given"]
        );
    }

    #[test]
    fn definition_text_is_escaped() {
        let item = sample();
        let page = html::render(&build(item.definition(), Lang::ZhCn));
        assert!(page.contains("&lt;平面图&gt; &amp; 说明"));
        assert!(!page.contains("<平面图>"));
        let md = markdown::render(&build(item.definition(), Lang::ZhCn));
        assert!(md.contains("\\<平面图\\> & 说明"));
    }

    #[test]
    fn the_page_prints_on_a4() {
        let page = html::render(&build(sample().definition(), Lang::ZhCn));
        assert!(page.contains("size: A4"));
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("lang=\"zh-CN\""));
    }

    /// The form section's rows `[field, required]`, in `lang`.
    fn requiredness(item: &CompiledItem, lang: Lang) -> Vec<[String; 2]> {
        let guide = build(item.definition(), lang);
        let form = guide.sections.last().unwrap();
        let Block::Table(_, rows) = &form.blocks[0] else {
            panic!()
        };
        rows.iter().map(|r| [r[0].clone(), r[1].clone()]).collect()
    }

    #[test]
    fn a_root_choice_names_its_cases_as_a_nested_one_does() {
        let root = CompiledItem::from_json(include_str!(
            "../../../../tests/fixtures/kinds/root-one-of/item.json"
        ))
        .unwrap();
        let row = |f: &str, r: &str| [f.to_owned(), r.to_owned()];
        assert_eq!(
            requiredness(&root, Lang::ZhCn),
            [
                row("联系电话", "是"),
                row("申请人类型", "是"),
                row("姓名", "“申请人类型”为“个人”时必填"),
                row("身份证号码", "“申请人类型”为“个人”时必填"),
                row("单位名称", "“申请人类型”为“单位”时必填"),
                row("统一社会信用代码", "“申请人类型”为“单位”时必填"),
            ]
        );
        assert_eq!(
            requiredness(&root, Lang::En)[2],
            row("Name", "When “Applicant type” is “Person”")
        );
        // The same choice one level down reads the same way.
        let mut nested: Value = serde_json::from_str(include_str!(
            "../../../../tests/fixtures/kinds/root-one-of/item.json"
        ))
        .unwrap();
        let choice = nested["form"]
            .as_object_mut()
            .unwrap()
            .remove("oneOf")
            .unwrap();
        nested["form"]["properties"]["applicant"] =
            serde_json::json!({"type": "object", "title": "申请人", "oneOf": choice});
        nested["form"]["required"] = serde_json::json!(["mobile", "applicant"]);
        let nested = CompiledItem::from_value(&nested).unwrap();
        assert_eq!(
            requiredness(&nested, Lang::ZhCn)[3],
            row("申请人 › 姓名", "“申请人类型”为“个人”时必填")
        );
    }
}
