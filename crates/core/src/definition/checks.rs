//! Semantic checks of an item definition: the rules the meta-schema cannot
//! express. Each rule is one function `fn(&ItemDefinition, &CheckOptions,
//! &mut Vec<Diagnostic>)`, listed once in [`RULES`].

use std::collections::HashMap;

use serde_json::Value;

use super::model::{DayUnit, HandlingType, ItemDefinition, Requirement};
use crate::diagnostic::Diagnostic;
use crate::limits::Limits;
use crate::messages::definition as text;
use crate::pointer;
use crate::schema::{Condition, SchemaWalker};

/// Settings of the checks that vary between places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckOptions {
    /// A deferral deadline this close to the promised limit gets a warning
    /// (Shenzhen requires at least 2 working days for the review).
    pub deferral_margin_working_days: u32,
    /// Size, nesting and `$ref` limits of the definition (see [`Limits`]).
    pub limits: Limits,
}

impl Default for CheckOptions {
    fn default() -> Self {
        Self {
            deferral_margin_working_days: 2,
            limits: Limits::DEFAULT,
        }
    }
}

type Rule = fn(&ItemDefinition, &CheckOptions, &mut Vec<Diagnostic>);

/// Every semantic rule, in the order their diagnostics are reported.
pub const RULES: &[Rule] = &[
    form_describes_an_object,
    unique_material_ids,
    unique_alternative_ids,
    unique_condition_ids,
    conditions_name_existing_fields,
    steps_name_existing_fields,
    fields_appear_in_steps,
    core_materials_not_deferrable,
    deferrable_materials_need_deferral,
    deferral_settings,
    in_lieu_texts,
    time_limits_consistent,
    visits_and_fees,
    situations_ask_declared_questions,
    situations_name_known_materials,
    situational_materials_agree,
    per_item_arrays_declared,
    variants_are_chosen,
];

pub fn run(definition: &ItemDefinition, options: &CheckOptions) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for rule in RULES {
        rule(definition, options, &mut diagnostics);
    }
    diagnostics
}

fn unique_material_ids(item: &ItemDefinition, _: &CheckOptions, out: &mut Vec<Diagnostic>) {
    let mut seen = HashMap::new();
    for (i, material) in item.materials.iter().enumerate() {
        if let Some(first) = seen.insert(material.id.as_str(), i) {
            seen.insert(material.id.as_str(), first);
            out.push(Diagnostic::error(
                format!("/materials/{i}/id"),
                "definition.duplicate_material_id",
                text::duplicate_material_id(&material.id, first),
            ));
        }
    }
}

fn unique_alternative_ids(item: &ItemDefinition, _: &CheckOptions, out: &mut Vec<Diagnostic>) {
    for (m, material) in item.materials.iter().enumerate() {
        let mut seen = HashMap::new();
        for (i, alternative) in material.alternatives.iter().enumerate() {
            if let Some(first) = seen.insert(alternative.id.as_str(), i) {
                seen.insert(alternative.id.as_str(), first);
                out.push(Diagnostic::error(
                    format!("/materials/{m}/alternatives/{i}/id"),
                    "definition.duplicate_alternative_id",
                    text::duplicate_alternative_id(&alternative.id, m, first),
                ));
            }
        }
    }
}

fn unique_condition_ids(item: &ItemDefinition, _: &CheckOptions, out: &mut Vec<Diagnostic>) {
    let mut seen = HashMap::new();
    for (i, condition) in item.conditions.iter().enumerate() {
        if let Some(first) = seen.insert(condition.id.as_str(), i) {
            seen.insert(condition.id.as_str(), first);
            out.push(Diagnostic::error(
                format!("/conditions/{i}/id"),
                "definition.duplicate_condition_id",
                text::duplicate_condition_id(&condition.id, first),
            ));
        }
    }
}

/// A `required.when` may only test fields the form declares.
fn conditions_name_existing_fields(
    item: &ItemDefinition,
    _: &CheckOptions,
    out: &mut Vec<Diagnostic>,
) {
    for (i, material) in item.materials.iter().enumerate() {
        if let Requirement::When { when } = &material.required {
            let tested =
                Condition::parse(when).named_fields(&format!("/materials/{i}/required/when"));
            for (place, field) in tested {
                if !SchemaWalker::new(&item.form).declares(&field) {
                    out.push(Diagnostic::error(
                        place,
                        "definition.unknown_field",
                        text::unknown_field(&pointer::render(
                            &field
                                .iter()
                                .cloned()
                                .map(pointer::Segment::Key)
                                .collect::<Vec<_>>(),
                        )),
                    ));
                }
            }
        }
    }
}

/// The form's root, however it is reached (its own `properties`, `allOf`,
/// `oneOf`, `anyOf`, `if`/`then`/`else` branches, a `$ref` into `$defs` or
/// to a bundled `$id`), must describe an object: some schema that always or
/// possibly applies at the root declares properties or `"type": "object"`,
/// and none gives the root another type.
fn form_describes_an_object(item: &ItemDefinition, _: &CheckOptions, out: &mut Vec<Diagnostic>) {
    let mut object = false;
    for schema in SchemaWalker::new(&item.form).alongside(&item.form) {
        match schema.get("type") {
            Some(Value::String(t)) if t == "object" => object = true,
            Some(Value::Array(types)) if types.iter().any(|t| t == "object") => object = true,
            Some(other) => {
                out.push(Diagnostic::error(
                    "/form",
                    "definition.form_not_object",
                    text::form_not_object(&other.to_string()),
                ));
                return;
            }
            None => {}
        }
        object |= schema.get("properties").is_some_and(Value::is_object);
    }
    if !object {
        out.push(Diagnostic::error(
            "/form",
            "definition.form_not_object",
            text::form_without_fields(),
        ));
    }
}

fn steps_name_existing_fields(item: &ItemDefinition, _: &CheckOptions, out: &mut Vec<Diagnostic>) {
    for (s, step) in item.ui.steps.iter().enumerate() {
        for (f, field) in step.fields.iter().enumerate() {
            let path: Vec<String> = pointer::parse(field)
                .iter()
                .map(|s| s.as_key().into_owned())
                .collect();
            if path.is_empty() || !SchemaWalker::new(&item.form).declares(&path) {
                out.push(Diagnostic::error(
                    format!("/ui/steps/{s}/fields/{f}"),
                    "definition.unknown_field",
                    text::unknown_field(field),
                ));
            }
        }
    }
}

/// With steps, every top-level field must be in one, or nobody can fill it in.
fn fields_appear_in_steps(item: &ItemDefinition, _: &CheckOptions, out: &mut Vec<Diagnostic>) {
    if item.ui.steps.is_empty() {
        return;
    }
    let in_steps: Vec<String> = item
        .ui
        .steps
        .iter()
        .flat_map(|s| &s.fields)
        .filter_map(|f| pointer::parse(f).first().map(|s| s.as_key().into_owned()))
        .collect();
    let mut top_level = Vec::new();
    for schema in SchemaWalker::new(&item.form).alongside(&item.form) {
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            for name in properties.keys() {
                if !top_level.contains(name) {
                    top_level.push(name.clone());
                }
            }
        }
    }
    for name in top_level {
        if !in_steps.contains(&name) {
            out.push(Diagnostic::warning(
                pointer::join("/form/properties", &name),
                "definition.field_not_in_steps",
                text::field_not_in_steps(&format!("/{name}")),
            ));
        }
    }
}

fn core_materials_not_deferrable(
    item: &ItemDefinition,
    _: &CheckOptions,
    out: &mut Vec<Diagnostic>,
) {
    for (i, material) in item.materials.iter().enumerate() {
        if material.core && material.deferrable.is_some() {
            out.push(Diagnostic::error(
                format!("/materials/{i}/deferrable"),
                "definition.core_deferrable",
                text::core_deferrable(&material.name),
            ));
        }
    }
}

fn deferrable_materials_need_deferral(
    item: &ItemDefinition,
    _: &CheckOptions,
    out: &mut Vec<Diagnostic>,
) {
    if item.allowed_deferral().is_some() || item.is_on_the_spot() {
        return;
    }
    for (i, material) in item.materials.iter().enumerate() {
        if material.deferrable.is_some() && !material.core {
            out.push(Diagnostic::warning(
                format!("/materials/{i}/deferrable"),
                "definition.deferrable_without_deferral",
                text::deferrable_without_deferral(&material.name),
            ));
        }
    }
}

fn deferral_settings(item: &ItemDefinition, options: &CheckOptions, out: &mut Vec<Diagnostic>) {
    let Some(deferral) = item.allowed_deferral() else {
        return;
    };
    if item.is_on_the_spot() {
        out.push(Diagnostic::error(
            "/deferral/allowed",
            "definition.deferral_on_the_spot",
            text::deferral_on_the_spot(),
        ));
        return;
    }
    let Some(deadline) = deferral.deadline_working_days else {
        out.push(Diagnostic::error(
            "/deferral",
            "definition.deferral_without_deadline",
            text::deferral_without_deadline(),
        ));
        return;
    };
    let Some(promised) = item.time_limits.promised.working_days else {
        return;
    };
    let place = "/deferral/deadline_working_days";
    if deadline > promised {
        out.push(Diagnostic::error(
            place,
            "definition.deferral_beyond_promised",
            text::deferral_beyond_promised(deadline, promised),
        ));
    } else if deadline + options.deferral_margin_working_days > promised {
        out.push(Diagnostic::warning(
            place,
            "definition.deferral_within_margin",
            text::deferral_within_margin(deadline, promised, options.deferral_margin_working_days),
        ));
    }
}

fn in_lieu_texts(item: &ItemDefinition, _: &CheckOptions, out: &mut Vec<Diagnostic>) {
    let materials = item
        .materials
        .iter()
        .enumerate()
        .filter_map(|(i, m)| Some((format!("/materials/{i}/in_lieu"), m.in_lieu.as_ref()?)));
    let conditions = item
        .conditions
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((format!("/conditions/{i}/in_lieu"), c.in_lieu.as_ref()?)));
    for (place, in_lieu) in materials.chain(conditions) {
        for (key, value) in [
            ("notice", &in_lieu.notice),
            ("liability", &in_lieu.liability),
        ] {
            if value.trim().is_empty() {
                out.push(Diagnostic::error(
                    format!("{place}/{key}"),
                    "definition.in_lieu_incomplete",
                    text::in_lieu_incomplete(key),
                ));
            }
        }
    }
}

fn time_limits_consistent(item: &ItemDefinition, _: &CheckOptions, out: &mut Vec<Diagnostic>) {
    let limits = &item.time_limits;
    if let (Some((statutory, s_unit)), Some((promised, p_unit))) =
        (limits.statutory.counted(), limits.promised.counted())
    {
        // Working days and natural days are not comparable without dates,
        // and "N日" may be either: only like is compared with like.
        if s_unit == p_unit && s_unit != DayUnit::Unstated {
            if promised > statutory {
                out.push(Diagnostic::error(
                    format!("/time_limits/promised/{}", p_unit.key()),
                    "definition.promised_beyond_statutory",
                    text::statutory_shorter_than_promised(
                        statutory,
                        promised,
                        s_unit == DayUnit::Natural,
                    ),
                ));
            }
        } else {
            out.push(Diagnostic::warning(
                "/time_limits/promised",
                "definition.time_limit_units_differ",
                text::time_limit_units_differ(statutory, s_unit.key(), promised, p_unit.key()),
            ));
        }
    }
    let handling_on_the_spot = item.handling_type == Some(HandlingType::OnTheSpot);
    if limits.promised.on_the_spot && !handling_on_the_spot {
        out.push(Diagnostic::warning(
            "/handling_type",
            "definition.on_the_spot_handling_type",
            text::on_the_spot_handling_type(),
        ));
    }
    if handling_on_the_spot && !limits.promised.on_the_spot {
        out.push(Diagnostic::error(
            "/handling_type",
            "definition.handling_type_mismatch",
            text::handling_type_not_on_the_spot(),
        ));
    }
}

fn visits_and_fees(item: &ItemDefinition, _: &CheckOptions, out: &mut Vec<Diagnostic>) {
    if item.visits.count > 0
        && item
            .visits
            .reason
            .as_deref()
            .is_none_or(|r| r.trim().is_empty())
    {
        out.push(Diagnostic::error(
            "/visits/reason",
            "definition.visits_without_reason",
            text::visits_without_reason(),
        ));
    }
    if item.online_depth.as_deref() == Some("IV") && item.visits.count > 0 {
        out.push(Diagnostic::error(
            "/visits/count",
            "definition.full_online_with_visits",
            text::full_online_with_visits(),
        ));
    }
    if item.fees.charged
        && (item
            .fees
            .basis
            .as_deref()
            .is_none_or(|b| b.trim().is_empty())
            || item.fees.items.is_empty())
    {
        out.push(Diagnostic::error(
            "/fees",
            "definition.fees_without_basis",
            text::fees_without_basis(),
        ));
    }
}

/// The field a situation question names, its declarations in the form
/// (outside conditions), and the values it allows: `Some(values)` for a
/// boolean (`true`, `false`) or an enum/const field, `None` when it is
/// another kind of field.
fn question_values(form: &Value, field: &[String]) -> Option<Vec<Value>> {
    let nodes = crate::schema::visit::form(form);
    let mut values = Vec::new();
    let mut declared = false;
    for node in nodes
        .iter()
        .filter(|n| !n.in_condition && n.is_property && n.field.as_deref() == Some(field))
    {
        declared = true;
        if let Some(value) = node.schema.get("const") {
            values.push(value.clone());
        } else if let Some(options) = node.schema.get("enum").and_then(Value::as_array) {
            values.extend(options.iter().cloned());
        } else if node.schema.get("type").and_then(Value::as_str) == Some("boolean") {
            values.extend([Value::Bool(true), Value::Bool(false)]);
        }
    }
    (declared && !values.is_empty()).then_some(values)
}

/// A situation question is a boolean or enum field the form declares
/// (never an array or free text: the answer must name one situation), and
/// each situation's `value` is one of its answers; situation ids are unique.
fn situations_ask_declared_questions(
    item: &ItemDefinition,
    _: &CheckOptions,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen = HashMap::new();
    for (q, question) in item.situations.iter().enumerate() {
        let field: Vec<String> = pointer::parse(&question.field)
            .iter()
            .map(|s| s.as_key().into_owned())
            .collect();
        let place = format!("/situations/{q}/field");
        if field.is_empty() || !SchemaWalker::new(&item.form).declares(&field) {
            out.push(Diagnostic::error(
                place,
                "definition.situation_unknown_field",
                text::situation_unknown_field(&question.field),
            ));
        } else if let Some(allowed) = question_values(&item.form, &field) {
            for (c, case) in question.cases.iter().enumerate() {
                if !allowed.contains(&case.value) {
                    out.push(Diagnostic::error(
                        format!("/situations/{q}/cases/{c}/value"),
                        "definition.situation_value_not_allowed",
                        text::situation_value_not_allowed(&case.id, &question.field),
                    ));
                }
            }
        } else {
            out.push(Diagnostic::error(
                place,
                "definition.situation_not_a_question",
                text::situation_not_a_question(&question.field),
            ));
        }
        for (c, case) in question.cases.iter().enumerate() {
            if let Some((fq, fc)) = seen.insert(case.id.as_str(), (q, c)) {
                seen.insert(case.id.as_str(), (fq, fc));
                out.push(Diagnostic::error(
                    format!("/situations/{q}/cases/{c}/id"),
                    "definition.duplicate_situation_id",
                    text::duplicate_situation_id(&case.id),
                ));
            }
        }
    }
}

/// Every material a situation selects or exempts exists.
fn situations_name_known_materials(
    item: &ItemDefinition,
    _: &CheckOptions,
    out: &mut Vec<Diagnostic>,
) {
    for (q, question) in item.situations.iter().enumerate() {
        for (c, case) in question.cases.iter().enumerate() {
            let named = [("materials", &case.materials), ("exempts", &case.exempts)];
            for (key, ids) in named {
                for (k, id) in ids.iter().enumerate() {
                    if item.material(id).is_none() {
                        out.push(Diagnostic::error(
                            format!("/situations/{q}/cases/{c}/{key}/{k}"),
                            "definition.situation_unknown_material",
                            text::situation_unknown_material(&case.id, id),
                        ));
                    }
                }
            }
        }
    }
}

/// Every variant (业务办理项) has a unique id and is chosen by some
/// situation, and every situation's `variant` names one.
fn variants_are_chosen(item: &ItemDefinition, _: &CheckOptions, out: &mut Vec<Diagnostic>) {
    let mut seen = HashMap::new();
    for (v, variant) in item.variants.iter().enumerate() {
        if seen.insert(variant.id.as_str(), v).is_some() {
            out.push(Diagnostic::error(
                format!("/variants/{v}/id"),
                "definition.duplicate_variant_id",
                text::duplicate_variant_id(&variant.id),
            ));
        }
        let chosen = item
            .all_situations()
            .any(|(_, c)| c.variant.as_deref() == Some(variant.id.as_str()));
        if !chosen {
            out.push(Diagnostic::error(
                format!("/variants/{v}"),
                "definition.variant_unselected",
                text::variant_unselected(&variant.id),
            ));
        }
    }
    for (q, question) in item.situations.iter().enumerate() {
        for (c, case) in question.cases.iter().enumerate() {
            let Some(id) = &case.variant else { continue };
            if item.variant(id).is_none() {
                out.push(Diagnostic::error(
                    format!("/situations/{q}/cases/{c}/variant"),
                    "definition.variant_unknown",
                    text::variant_unknown(&case.id, id),
                ));
            }
        }
    }
}

/// A material's requirement is said once: a material a situation selects
/// or exempts has `"required": "by_situation"`, and a `"by_situation"`
/// material is named by some situation (or it would never be asked for).
/// A merged bundle (with `members`) is the exception: there `banli bundle`
/// has already written each situational material's requirement as the
/// `when` its members' situations stand for (with a member's own `when`
/// ANDed in, which situations cannot say), and its situations only word it.
fn situational_materials_agree(item: &ItemDefinition, _: &CheckOptions, out: &mut Vec<Diagnostic>) {
    let merged = !item.members.is_empty();
    for (i, material) in item.materials.iter().enumerate() {
        let (select, exempt) = item.situations_of(&material.id);
        let named = !select.is_empty() || !exempt.is_empty();
        let by_situation = matches!(material.required, Requirement::BySituation(_));
        if named && !by_situation && !merged {
            out.push(Diagnostic::error(
                format!("/materials/{i}/required"),
                "definition.situation_material_not_by_situation",
                text::situation_material_not_by_situation(&material.id),
            ));
        } else if by_situation && !named {
            out.push(Diagnostic::error(
                format!("/materials/{i}/required"),
                "definition.by_situation_unselected",
                text::by_situation_unselected(&material.id),
            ));
        }
    }
}

/// A per-item material's `array` must be an array field the form declares
/// (not a place inside a list entry, which has no one pointer), and its
/// `entry_label.field` a field of that array's entries: otherwise no entry
/// would ever be counted or named.
fn per_item_arrays_declared(item: &ItemDefinition, _: &CheckOptions, out: &mut Vec<Diagnostic>) {
    let walker = SchemaWalker::new(&item.form);
    for (m, material) in item.materials.iter().enumerate() {
        let Some(per_item) = &material.per_item else {
            continue;
        };
        let keys = |at: &str| -> Vec<String> {
            pointer::parse(at)
                .iter()
                .map(|s| s.as_key().into_owned())
                .collect()
        };
        let array = keys(&per_item.array);
        let through_entry = array.iter().any(|k| k.parse::<usize>().is_ok());
        let is_array = !through_entry
            && walker
                .declared(&array)
                .into_iter()
                .flat_map(|s| walker.alongside(s))
                .any(|s| {
                    s.get("type") == Some(&Value::from("array"))
                        || s.get("items").is_some_and(Value::is_object)
                });
        if !is_array {
            out.push(Diagnostic::error(
                format!("/materials/{m}/per_item/array"),
                "definition.per_item_not_array",
                text::per_item_not_array(&material.id, &per_item.array),
            ));
            continue;
        }
        if let Some(label) = &per_item.entry_label {
            let mut field = array.clone();
            field.push("0".to_owned());
            field.extend(keys(&label.field));
            if label.field.is_empty() || !walker.declares(&field) {
                out.push(Diagnostic::error(
                    format!("/materials/{m}/per_item/entry_label/field"),
                    "definition.per_item_unknown_label",
                    text::per_item_unknown_label(&material.id, &label.field, &per_item.array),
                ));
            }
        }
    }
}
