//! Merging member items into one definition: the form is an object with the
//! shared fields at the top and each member's own form under its key; the
//! materials are deduplicated by `id` (required if any member requires it,
//! deferrable or in lieu only if every member allows it); conditions get the
//! member key as prefix; the bundle's time limits are the longest of its
//! members', and each member keeps its own in `members`. A member's `$ref`s
//! move with the schema that holds them ([`rebase_refs`]), so they still
//! name the same place in the merged definition. The bundle file's own
//! descriptive keys (its window, lines, 办理流程, …) are the merged
//! definition's; each member's stay in its record.
//!
//! The bundle's questions come first, asked once and required. A member
//! with a `when` applies only when its condition holds of the merged data:
//! its form stands in an `if`/`then` branch (`allOf/<n>/then`), so its
//! fields are laid out, validated and submitted only then, and its `when`
//! is ANDed into each of its materials' requirements.
//!
//! Members' situations (办理情形) become the merged definition's, their
//! fields rebased and their ids prefixed with the member key
//! ([`merged_situations`]), so a bundle has a 办事指引 page and its guide
//! keeps each situation's wording; members' variants (业务办理项) stay in
//! their records with the situations that choose them, so each member's
//! code, limits and results follow its own variant.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::definition::{
    BundleMember, CompiledItem, Deferral, Described, Fees, HandlingType, I18n, ItemDefinition,
    Material, MemberMaterial, Requirement, Situation, SituationQuestion, Step, TimeLimit,
    TimeLimits, Ui, Visits,
};
use crate::messages::bundle as text;
use crate::pointer;
use crate::schema::Condition;

use super::{BundleError, BundleFile};

/// Merges the compiled `members` of `file` (in the file's order) into one
/// `banli-item/1` definition, phase by phase: the members' forms, the
/// shared fields lifted out of them, the merged form, the steps, the
/// materials, the member records, the conditions and the item-level facts.
///
/// # Errors
///
/// [`BundleError::SharedFieldNotFound`] when a shared field's pointer names
/// no field of its member's form, and
/// [`BundleError::SharedFieldInCondition`] when a member's material
/// condition tests a field that is to be shared.
pub fn merge(file: &BundleFile, members: &[CompiledItem]) -> Result<ItemDefinition, BundleError> {
    let definitions: Vec<&ItemDefinition> = members.iter().map(CompiledItem::definition).collect();
    let keys: Vec<&str> = file.members.iter().map(|m| m.key.as_str()).collect();
    let places = member_places(file);
    let mut forms = member_forms(&definitions, &places);
    let shared = lift_shared_fields(file, &definitions, &keys, &mut forms)?;
    let form = merged_form(file, &definitions, &keys, forms, &shared);
    let steps = merged_steps(file, &definitions, &keys, &shared);
    let (materials, owners, terms) = merged_materials(file, &definitions, &keys);
    let members_out = member_records(file, &definitions, &keys, &materials, &owners, terms);
    let conditions = merged_conditions(&definitions, &keys);
    let facts = merged_facts(&definitions);
    let described = file.described.clone();

    Ok(ItemDefinition {
        format: "banli-item/1".into(),
        code: file.code.clone(),
        basic_code: file.basic_code.clone(),
        version: file.version.clone(),
        name: file.name.clone(),
        description: file.description.clone(),
        i18n: file.i18n.clone(),
        item_type: file
            .item_type
            .clone()
            .unwrap_or_else(|| definitions[0].item_type.clone()),
        authority: file.authority.clone(),
        legal_basis: facts.legal_basis,
        conditions,
        handling_type: facts.handling_type,
        online_depth: facts.online_depth,
        time_limits: facts.time_limits,
        visits: facts.visits,
        fees: facts.fees,
        form,
        ui: Ui { steps },
        materials,
        deferral: facts.deferral,
        // The 一件事's own descriptive facts are the bundle file's; each
        // member's stay in its record (`members[].described`, like its
        // `results`), so the guide prints them under the member's name.
        handling_body: described.handling_body,
        applicants: described.applicants,
        results: Vec::new(),
        process: described.process,
        offices: described.offices,
        contacts: described.contacts,
        channels: described.channels,
        online_services: described.online_services,
        related_items: described.related_items,
        faq: described.faq,
        remedies: described.remedies,
        validity: described.validity,
        situations: merged_situations(file, &definitions, &keys),
        // Each member's variants stay in its record (`members[].variants`):
        // a variant sets a member's code and limits, not the bundle's.
        variants: Vec::new(),
        members: members_out,
    })
}

/// Where each member's form stands in the merged form (a JSON Pointer):
/// `/properties/<key>`, or for a member with a `when`
/// `/allOf/<n>/then/properties/<key>`, `n` counting such members in order.
fn member_places(file: &BundleFile) -> Vec<String> {
    let mut conditional = 0;
    file.members
        .iter()
        .map(|member| match member.when {
            None => pointer::join("/properties", &member.key),
            Some(_) => {
                conditional += 1;
                pointer::join(
                    &format!("/allOf/{}/then/properties", conditional - 1),
                    &member.key,
                )
            }
        })
        .collect()
}

/// Each member's form, its `$ref`s rebased for its place (`places`).
fn member_forms(definitions: &[&ItemDefinition], places: &[String]) -> Vec<Value> {
    definitions
        .iter()
        .zip(places)
        .map(|(d, place)| {
            let mut form = d.form.clone();
            rebase_refs(&mut form, place);
            form
        })
        .collect()
}

/// The shared fields, lifted out of the members' forms.
struct Shared {
    /// The shared fields' schemas, by their bundle-level names.
    properties: Map<String, Value>,
    /// The names of shared fields some member that always applies required.
    required: Vec<Value>,
    /// `(member index, name)`: a shared field required only by members with
    /// a `when`, required in each such member's branch, so it is asked for
    /// only when one of them applies.
    required_when: Vec<(usize, String)>,
    /// The shared fields' pointers in the merged data, for their step.
    step: Vec<String>,
    /// `(member index, pointer in its form)` of every field moved out.
    removed: Vec<(usize, String)>,
}

/// Moves every shared field out of the members' forms (the first member's
/// schema wins; required if any member that always applies required it,
/// and otherwise only in the branches of the members with a `when` that
/// required it).
fn lift_shared_fields(
    file: &BundleFile,
    definitions: &[&ItemDefinition],
    keys: &[&str],
    forms: &mut [Value],
) -> Result<Shared, BundleError> {
    let mut shared_out = Shared {
        properties: Map::new(),
        required: Vec::new(),
        required_when: Vec::new(),
        step: Vec::new(),
        removed: Vec::new(),
    };
    for shared in &file.shared {
        let mut schema = None;
        let mut required_by = Vec::new();
        for (key, place) in shared.targets() {
            let m = keys
                .iter()
                .position(|k| *k == key)
                .expect("checked by BundleFile");
            let not_found = || BundleError::SharedFieldNotFound {
                field: shared.name.clone(),
                key: key.to_owned(),
                pointer: place.to_owned(),
            };
            let (field, req, emptied) = take_field(&mut forms[m], place).ok_or_else(not_found)?;
            for (index, material) in definitions[m].materials.iter().enumerate() {
                if let Requirement::When { when } = &definitions[m].requirement(index)
                    && Condition::parse(when).names_field(&path_of(place))
                {
                    return Err(BundleError::SharedFieldInCondition {
                        field: shared.name.clone(),
                        key: key.to_owned(),
                        material: material.id.clone(),
                    });
                }
            }
            schema.get_or_insert(field);
            if req {
                required_by.push(m);
            }
            shared_out.removed.push((m, place.to_owned()));
            shared_out
                .removed
                .extend(emptied.into_iter().map(|group| (m, group)));
        }
        shared_out
            .properties
            .insert(shared.name.clone(), schema.unwrap_or_else(|| json!({})));
        if required_by.iter().any(|&m| file.members[m].when.is_none()) {
            shared_out.required.push(Value::from(shared.name.clone()));
        } else {
            shared_out
                .required_when
                .extend(required_by.into_iter().map(|m| (m, shared.name.clone())));
        }
        shared_out.step.push(pointer::join("", &shared.name));
    }
    Ok(shared_out)
}

/// The merged form: the questions (required) and the shared fields at the
/// top, then each member's form (titled by the member's name when it has
/// no title) under its key: in `properties` when it always applies, in the
/// `then` of an `if` (its `when`) under `allOf` when it may not.
fn merged_form(
    file: &BundleFile,
    definitions: &[&ItemDefinition],
    keys: &[&str],
    forms: Vec<Value>,
    shared: &Shared,
) -> Value {
    let mut properties = file.questions.clone();
    let mut required: Vec<Value> = file.questions.keys().cloned().map(Value::from).collect();
    properties.extend(shared.properties.clone());
    required.extend(shared.required.iter().cloned());
    let mut branches = Vec::new();
    for (m, (((key, definition), mut form), member)) in keys
        .iter()
        .zip(definitions)
        .zip(forms)
        .zip(&file.members)
        .enumerate()
    {
        if form.get("title").is_none() {
            form["title"] = Value::from(definition.name.clone());
            if let Some(en) = definition.i18n.get("en").and_then(|t| t.get("name")) {
                form["x-i18n"]["en"]["title"] = Value::from(en.clone());
            }
        }
        match &member.when {
            None => {
                properties.insert((*key).to_owned(), form);
                required.push(Value::from(*key));
            }
            Some(when) => {
                let mut when = when.clone();
                rebase_refs(&mut when, &format!("/allOf/{}/if", branches.len()));
                let key: &str = key;
                let required: Vec<&str> = std::iter::once(key)
                    .chain(
                        shared
                            .required_when
                            .iter()
                            .filter(|(r, _)| *r == m)
                            .map(|(_, name)| name.as_str()),
                    )
                    .collect();
                branches.push(json!({
                    "if": when,
                    "then": {"properties": {key: form}, "required": required},
                }));
            }
        }
    }
    let mut form = json!({"type": "object", "title": file.name, "properties": properties, "required": required});
    if !branches.is_empty() {
        form["allOf"] = Value::Array(branches);
    }
    if let Some(en) = file.i18n.get("en").and_then(|t| t.get("name")) {
        form["x-i18n"] = json!({"en": {"title": en}});
    }
    form
}

/// Steps: the questions and the shared fields first, then each member's
/// steps under its key (a member without steps gets one step of its whole
/// form).
fn merged_steps(
    file: &BundleFile,
    definitions: &[&ItemDefinition],
    keys: &[&str],
    shared: &Shared,
) -> Vec<Step> {
    let mut steps = Vec::new();
    let first: Vec<String> = file
        .questions
        .keys()
        .map(|name| pointer::join("", name))
        .chain(shared.step.iter().cloned())
        .collect();
    if !first.is_empty() {
        let t = text::shared_step();
        steps.push(Step {
            title: t.zh,
            i18n: [("en".to_owned(), [("title".to_owned(), t.en)].into())].into(),
            fields: first,
        });
    }
    for (m, (key, definition)) in keys.iter().zip(definitions).enumerate() {
        let prefix = pointer::join("", key);
        if definition.ui.steps.is_empty() {
            steps.push(Step {
                title: definition.name.clone(),
                i18n: member_i18n(definition, "title"),
                fields: vec![prefix],
            });
            continue;
        }
        for step in &definition.ui.steps {
            let fields: Vec<String> = step
                .fields
                .iter()
                .filter(|f| !shared.removed.iter().any(|(r, p)| *r == m && p == *f))
                .map(|f| format!("{prefix}{f}"))
                .collect();
            if fields.is_empty() {
                continue;
            }
            let mut i18n = step.i18n.clone();
            if let (Some(en), Some(member)) = (
                i18n.get_mut("en").and_then(|t| t.get_mut("title")),
                definition.i18n.get("en").and_then(|t| t.get("name")),
            ) {
                *en = format!("{member}: {en}");
            }
            steps.push(Step {
                title: format!("{}：{}", definition.name, step.title),
                i18n,
                fields,
            });
        }
    }
    steps
}

/// Materials, deduplicated by id, and for each the indices of the members
/// that list it; and each member's own terms for its materials. A member's
/// `when` is ANDed into its materials' requirements, so a shared material
/// is required when any member that applies requires it.
fn merged_materials(
    file: &BundleFile,
    definitions: &[&ItemDefinition],
    keys: &[&str],
) -> (Vec<Material>, Vec<Vec<usize>>, Vec<Vec<MemberMaterial>>) {
    let mut materials: Vec<Material> = Vec::new();
    let mut owners: Vec<Vec<usize>> = Vec::new();
    let mut terms: Vec<Vec<MemberMaterial>> = Vec::new();
    for (m, (key, definition)) in keys.iter().zip(definitions).enumerate() {
        let defers = definition.allowed_deferral().is_some();
        let applies = file.members[m].when.as_ref();
        let mut own_terms = Vec::new();
        for (index, material) in definition.materials.iter().enumerate() {
            let mut own = material.clone();
            // A per-item material follows its array where the merged form
            // has it: under the member's key, or at the top when shared.
            if let Some(per_item) = own.per_item.as_mut() {
                per_item.array = merged_pointer(file, key, &per_item.array);
            }
            // A situational material keeps its meaning as a `when` (its
            // situations' condition, rebased, with the member's `when`
            // ANDed in); the merged `situations` name it for their wording.
            own.required = only_when(applies, wrap(key, &definition.requirement(index)));
            if !defers {
                own.deferrable = None;
            }
            // The member's own refusals (`materials::deferral_refusal`).
            own_terms.push(MemberMaterial {
                id: material.id.clone(),
                required: own.required.clone(),
                deferrable: defers
                    && !definition.is_on_the_spot()
                    && !material.core
                    && material.deferrable.is_some(),
                in_lieu: material.in_lieu.is_some(),
            });
            match materials.iter().position(|x| x.id == material.id) {
                None => {
                    materials.push(own);
                    owners.push(vec![m]);
                }
                Some(i) => {
                    let merged = &mut materials[i];
                    merged.required = either(&merged.required, &own.required);
                    // Offered when any member allows it (its words are
                    // the first such member's); whether a choice is
                    // accepted is each applying member's own term
                    // (`members[].material_terms`, read by validation).
                    merged.core |= own.core;
                    if merged.deferrable.is_none() {
                        merged.deferrable = own.deferrable;
                    }
                    if merged.in_lieu.is_none() {
                        merged.in_lieu = own.in_lieu;
                    }
                    owners[i].push(m);
                }
            }
        }
        terms.push(own_terms);
    }
    (materials, owners, terms)
}

/// Where the field at `pointer` of member `key`'s form is in the merged
/// data: `/<name>` for a shared field, else under the member's key.
fn merged_pointer(file: &BundleFile, key: &str, pointer: &str) -> String {
    match file
        .shared
        .iter()
        .find(|s| s.members.get(key).and_then(Value::as_str) == Some(pointer))
    {
        Some(shared) => pointer::join("", &shared.name),
        None => format!("{}{pointer}", pointer::join("", key)),
    }
}

/// Every member's situation questions, in the members' order, as they
/// stand in the merged definition: each question's `field` where the
/// member's field is in the merged data ([`merged_pointer`]: under the
/// member's key, or a shared field's name), its `member` the member's key,
/// and each situation's id prefixed `<key>-` (as conditions are), so two
/// members' ids never clash. `materials`/`exempts` keep their ids, which
/// are the merged materials' ids. A case's `variant` is left out: the
/// member's record chooses its variants ([`member_situations`]), and the
/// merged definition has none.
///
/// The situations only name and word what the merged materials'
/// requirements already say (a situational material's requirement is its
/// situations' `when`, ANDed with its member's `when`, see
/// [`merged_materials`]), so verdicts are the same with or without them;
/// a situation of a member with a `when` thus selects materials only when
/// the member applies.
fn merged_situations(
    file: &BundleFile,
    definitions: &[&ItemDefinition],
    keys: &[&str],
) -> Vec<SituationQuestion> {
    keys.iter()
        .zip(definitions)
        .flat_map(|(key, d)| {
            d.situations.iter().map(move |q| SituationQuestion {
                field: merged_pointer(file, key, &q.field),
                member: Some((*key).to_owned()),
                cases: q
                    .cases
                    .iter()
                    .map(|c| Situation {
                        id: situation_id(key, &c.id),
                        variant: None,
                        ..c.clone()
                    })
                    .collect(),
            })
        })
        .collect()
}

/// A member's situation id in the merged definition: `<key>-<id>`.
fn situation_id(key: &str, id: &str) -> String {
    format!("{key}-{id}")
}

/// The member's situation questions that choose its variants, for its
/// record: fields and ids as in [`merged_situations`], only the cases that
/// choose a variant, each keeping its `variant` (an id among the member's
/// own `variants`) and nothing else it selects.
fn member_situations(file: &BundleFile, key: &str, d: &ItemDefinition) -> Vec<SituationQuestion> {
    d.situations
        .iter()
        .filter_map(|q| {
            let cases: Vec<Situation> = q
                .cases
                .iter()
                .filter(|c| c.variant.is_some())
                .map(|c| Situation {
                    id: situation_id(key, &c.id),
                    materials: Vec::new(),
                    exempts: Vec::new(),
                    ..c.clone()
                })
                .collect();
            (!cases.is_empty()).then(|| SituationQuestion {
                field: merged_pointer(file, key, &q.field),
                member: None,
                cases,
            })
        })
        .collect()
}

/// Each member's own record: code, version, time limits, the ids of its
/// materials and conditions in the merged definition, its `when`, its
/// deferral deadline and cap, its results (办理结果), its own terms for
/// each of its materials, its variants (业务办理项) with the situations
/// that choose them, and its descriptive facts ([`Described`]).
fn member_records(
    file: &BundleFile,
    definitions: &[&ItemDefinition],
    keys: &[&str],
    materials: &[Material],
    owners: &[Vec<usize>],
    terms: Vec<Vec<MemberMaterial>>,
) -> Vec<BundleMember> {
    keys.iter()
        .zip(definitions)
        .zip(terms)
        .enumerate()
        .map(|(m, ((key, d), material_terms))| BundleMember {
            key: (*key).to_owned(),
            code: d.code.clone(),
            basic_code: Some(d.basic_code.clone()),
            version: d.version.clone(),
            name: d.name.clone(),
            i18n: d.i18n.clone(),
            authority: d.authority.clone(),
            time_limits: d.time_limits.clone(),
            materials: materials
                .iter()
                .zip(owners)
                .filter(|(_, o)| o.contains(&m))
                .map(|(x, _)| x.id.clone())
                .collect(),
            conditions: d
                .conditions
                .iter()
                .map(|c| format!("{key}-{}", c.id))
                .collect(),
            when: file.members[m].when.clone(),
            deferral_working_days: d.allowed_deferral().and_then(|x| x.deadline_working_days),
            results: d.results.clone(),
            deferral_max_materials: d.allowed_deferral().and_then(|x| x.max_materials),
            material_terms,
            variants: d.variants.clone(),
            situations: if d.variants.is_empty() {
                Vec::new()
            } else {
                member_situations(file, key, d)
            },
            described: Described::of(d),
        })
        .collect()
}

/// Every member's conditions, their ids prefixed with the member key.
fn merged_conditions(
    definitions: &[&ItemDefinition],
    keys: &[&str],
) -> Vec<crate::definition::Condition> {
    keys.iter()
        .zip(definitions)
        .flat_map(|(key, d)| {
            d.conditions.iter().map(move |c| {
                let mut c = c.clone();
                c.id = format!("{key}-{}", c.id);
                c
            })
        })
        .collect()
}

/// The item-level facts of the bundle, combined from its members'.
struct Facts {
    legal_basis: Vec<crate::definition::LegalBasis>,
    time_limits: TimeLimits,
    handling_type: Option<HandlingType>,
    online_depth: Option<String>,
    visits: Visits,
    fees: Fees,
    deferral: Option<Deferral>,
}

/// Legal bases and excluded periods once each; the longest time limits
/// (on the spot only if every member is); the lowest online depth; the
/// most visits; fees and visit reasons joined by member; deferral where
/// any member allows it, on the strictest terms.
fn merged_facts(definitions: &[&ItemDefinition]) -> Facts {
    let mut legal_basis: Vec<crate::definition::LegalBasis> = Vec::new();
    for basis in definitions.iter().flat_map(|d| &d.legal_basis) {
        if !legal_basis.contains(basis) {
            legal_basis.push(basis.clone());
        }
    }
    let all_on_the_spot = definitions.iter().all(|d| d.is_on_the_spot());
    let handling_type = if all_on_the_spot {
        Some(HandlingType::OnTheSpot)
    } else if definitions.iter().any(|d| d.handling_type.is_some()) {
        Some(HandlingType::Commitment)
    } else {
        None
    };
    let online_depth = definitions
        .iter()
        .map(|d| d.online_depth.clone())
        .collect::<Option<Vec<String>>>()
        .and_then(|depths| depths.into_iter().min());
    Facts {
        legal_basis,
        time_limits: merged_time_limits(definitions, all_on_the_spot),
        handling_type,
        online_depth,
        visits: merged_visits(definitions),
        fees: merged_fees(definitions),
        deferral: merged_deferral(definitions),
    }
}

/// The longest of the members' time limits; on the spot (with no working
/// days) only when every member is.
fn merged_time_limits(definitions: &[&ItemDefinition], all_on_the_spot: bool) -> TimeLimits {
    let mut excluded_periods: Vec<String> = Vec::new();
    for period in definitions
        .iter()
        .flat_map(|d| &d.time_limits.excluded_periods)
    {
        if !excluded_periods.contains(period) {
            excluded_periods.push(period.clone());
        }
    }
    let longest = |pick: fn(&TimeLimits) -> &TimeLimit| TimeLimit {
        working_days: definitions
            .iter()
            .filter_map(|d| pick(&d.time_limits).working_days)
            .max(),
        on_the_spot: all_on_the_spot,
        ..TimeLimit::default()
    };
    TimeLimits {
        statutory: if all_on_the_spot {
            TimeLimit {
                working_days: None,
                ..longest(|t| &t.statutory)
            }
        } else {
            longest(|t| &t.statutory)
        },
        promised: if all_on_the_spot {
            TimeLimit {
                working_days: None,
                ..longest(|t| &t.promised)
            }
        } else {
            longest(|t| &t.promised)
        },
        excluded_periods,
        special_procedures: Vec::new(),
        i18n: merged_excluded_translations(definitions),
    }
}

/// The members' translations of their excluded periods, each once, when
/// every member that excludes a period has one (else the Chinese list
/// stands, rather than an English list that leaves some out).
fn merged_excluded_translations(definitions: &[&ItemDefinition]) -> I18n {
    let mut texts: Vec<&str> = Vec::new();
    for limits in definitions.iter().map(|d| &d.time_limits) {
        if limits.excluded_periods.is_empty() {
            continue;
        }
        let Some(text) = limits
            .i18n
            .get("en")
            .and_then(|t| t.get("excluded_periods"))
        else {
            return I18n::new();
        };
        if !texts.contains(&text.as_str()) {
            texts.push(text);
        }
    }
    if texts.is_empty() {
        return I18n::new();
    }
    let en = BTreeMap::from([("excluded_periods".to_owned(), texts.join(", "))]);
    I18n::from([("en".to_owned(), en)])
}

fn merged_visits(definitions: &[&ItemDefinition]) -> Visits {
    Visits {
        count: definitions
            .iter()
            .map(|d| d.visits.count)
            .max()
            .unwrap_or(0),
        reason: joined(
            definitions
                .iter()
                .filter_map(|d| d.visits.reason.as_ref().map(|r| format!("{}：{r}", d.name))),
        ),
        not_stated: false,
        i18n: merged_visit_reason_translation(definitions),
    }
}

/// The English of the merged visit reason ("member: reason", joined),
/// when every member that gives a reason has its name and the reason in
/// English (else the Chinese stands alone rather than an English text that
/// leaves some out), as the merged excluded periods' translation.
fn merged_visit_reason_translation(definitions: &[&ItemDefinition]) -> I18n {
    let mut parts = Vec::new();
    for d in definitions {
        if d.visits.reason.is_none() {
            continue;
        }
        let en = |i18n: &I18n, key: &str| i18n.get("en").and_then(|t| t.get(key)).cloned();
        let (Some(name), Some(reason)) = (en(&d.i18n, "name"), en(&d.visits.i18n, "reason")) else {
            return I18n::new();
        };
        parts.push(format!("{name}: {reason}"));
    }
    if parts.is_empty() {
        return I18n::new();
    }
    let en = BTreeMap::from([("reason".to_owned(), parts.join("; "))]);
    I18n::from([("en".to_owned(), en)])
}

fn merged_fees(definitions: &[&ItemDefinition]) -> Fees {
    Fees {
        charged: definitions.iter().any(|d| d.fees.charged),
        basis: joined(
            definitions
                .iter()
                .filter_map(|d| d.fees.basis.as_ref().map(|b| format!("{}：{b}", d.name))),
        ),
        items: definitions
            .iter()
            .flat_map(|d| d.fees.items.clone())
            .collect(),
        third_party_costs: Vec::new(),
    }
}

/// Deferral when any member allows it: the shortest deadline, the fewest
/// materials, and the result withheld if any member withholds it.
fn merged_deferral(definitions: &[&ItemDefinition]) -> Option<Deferral> {
    let allowing: Vec<&Deferral> = definitions
        .iter()
        .filter_map(|d| d.allowed_deferral())
        .collect();
    (!allowing.is_empty()).then(|| Deferral {
        allowed: true,
        not_stated: false,
        reason: None,
        deadline_working_days: allowing
            .iter()
            .filter_map(|d| d.deadline_working_days)
            .min(),
        max_materials: allowing.iter().filter_map(|d| d.max_materials).min(),
        withhold_result: allowing.iter().any(|d| d.withhold_result),
        i18n: Default::default(),
    })
}

fn member_i18n(definition: &ItemDefinition, key: &str) -> crate::definition::I18n {
    definition
        .i18n
        .get("en")
        .and_then(|t| t.get("name"))
        .map(|en| [("en".to_owned(), [(key.to_owned(), en.clone())].into())].into())
        .unwrap_or_default()
}

fn joined(parts: impl Iterator<Item = String>) -> Option<String> {
    let parts: Vec<String> = parts.collect();
    (!parts.is_empty()).then(|| parts.join("；"))
}

/// A member's requirement in terms of the merged data (`/<key>/...`).
fn wrap(key: &str, requirement: &Requirement) -> Requirement {
    match requirement {
        Requirement::When { when } => {
            let mut when = when.clone();
            rebase_refs(&mut when, &pointer::join("/properties", key));
            Requirement::When {
                when: json!({"properties": {key: when}, "required": [key]}),
            }
        }
        other => other.clone(),
    }
}

/// `requirement` (in terms of the merged data) ANDed with a member's
/// `when`, if it has one.
fn only_when(when: Option<&Value>, requirement: Requirement) -> Requirement {
    match (when, requirement) {
        (None, requirement) | (Some(_), requirement @ Requirement::Always(false)) => requirement,
        // `wrap` is given `ItemDefinition::requirement`, never this marker.
        (Some(_), requirement @ Requirement::BySituation(_)) => requirement,
        (Some(when), Requirement::Always(true)) => Requirement::When { when: when.clone() },
        (Some(when), Requirement::When { when: own }) => {
            let (mut applies, mut own) = (when.clone(), own);
            rebase_refs(&mut applies, "/allOf/0");
            rebase_refs(&mut own, "/allOf/1");
            Requirement::When {
                when: json!({"allOf": [applies, own]}),
            }
        }
    }
}

/// Required when either member requires it.
fn either(a: &Requirement, b: &Requirement) -> Requirement {
    match (a, b) {
        (Requirement::Always(true), _) | (_, Requirement::Always(true)) => {
            Requirement::Always(true)
        }
        (Requirement::Always(false), other) | (other, Requirement::Always(false)) => other.clone(),
        // Resolved by `ItemDefinition::requirement` before merging.
        (Requirement::BySituation(_), other) | (other, Requirement::BySituation(_)) => {
            other.clone()
        }
        (Requirement::When { when: x }, Requirement::When { when: y }) => {
            let (mut x, mut y) = (x.clone(), y.clone());
            rebase_refs(&mut x, "/anyOf/0");
            rebase_refs(&mut y, "/anyOf/1");
            Requirement::When {
                when: json!({"anyOf": [x, y]}),
            }
        }
    }
}

/// Rewrites every same-document `$ref` pointer in `schema` for the schema
/// now standing at `prefix` (a JSON Pointer) inside a larger one:
/// `#/$defs/联系` under `/properties/food` becomes
/// `#/properties/food/$defs/%E8%81%94%E7%B3%BB` (decoded and encoded by
/// `pointer`). Annotations (`x-*`) and data (`enum`, `const`, `default`,
/// `examples`) are left alone, as the reference check leaves them; so are
/// anchors and fragments that do not decode (a compiled member has none).
fn rebase_refs(schema: &mut Value, prefix: &str) {
    let mut stack = vec![schema];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get_mut("$ref")
                    && let Some(Ok(target)) =
                        reference.strip_prefix('#').map(pointer::fragment_pointer)
                {
                    *reference = format!("#{}", pointer::to_fragment(&format!("{prefix}{target}")));
                }
                for (key, child) in map.iter_mut() {
                    if !(key.starts_with("x-")
                        || matches!(key.as_str(), "enum" | "const" | "default" | "examples"))
                    {
                        stack.push(child);
                    }
                }
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

fn path_of(place: &str) -> Vec<String> {
    pointer::parse(place)
        .iter()
        .map(|s| s.as_key().into_owned())
        .collect()
}

/// Removes the field at `place` (reached through `properties` only) from a
/// form; returns its schema, whether its parent required it, and the places
/// of the groups it left empty (removed too, see below).
///
/// A group left with no fields of its own (every field moved to the shared
/// ones, as a registration's 经营场所 whose address is shared) is removed
/// too, with its place in `required`: the merged form would otherwise ask
/// for an empty object no control can fill. The member's envelope puts the
/// shared values back under it ([`Bundle::member_envelope`](super::Bundle::member_envelope)).
fn take_field(form: &mut Value, place: &str) -> Option<(Value, bool, Vec<String>)> {
    let path = path_of(place);
    let (last, parents) = path.split_last()?;
    let (field, required) = remove_property(group_at(form, parents)?, last)?;
    let mut emptied = Vec::new();
    let mut depth = parents.len();
    while depth > 0 {
        let Some(group) = group_at(form, &parents[..depth]) else {
            break;
        };
        let is_empty = group
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(serde_json::Map::is_empty);
        let requires_nothing = group
            .get("required")
            .and_then(Value::as_array)
            .is_none_or(Vec::is_empty);
        let Some(parent) = group_at(form, &parents[..depth - 1]) else {
            break;
        };
        if !is_empty {
            // A group whose required fields all moved to the shared ones is
            // no longer required itself: left blank it is simply absent
            // (the member's envelope still gets it, with the shared values).
            if requires_nothing
                && let Some(list) = parent.get_mut("required").and_then(Value::as_array_mut)
            {
                list.retain(|v| v.as_str() != Some(parents[depth - 1].as_str()));
            }
            break;
        }
        remove_property(parent, &parents[depth - 1]);
        emptied.push(
            parents[..depth]
                .iter()
                .fold(String::new(), |at: String, name| pointer::join(&at, name)),
        );
        depth -= 1;
    }
    Some((field, required, emptied))
}

/// The object schema reached from `form` through `properties` by `path`.
fn group_at<'a>(form: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    let mut current = form;
    for name in path {
        current = current.get_mut("properties")?.get_mut(name)?;
    }
    Some(current)
}

/// Removes the property `name` of `group`, and its place in `required`;
/// returns its schema and whether it was required.
fn remove_property(group: &mut Value, name: &str) -> Option<(Value, bool)> {
    let field = group
        .get_mut("properties")?
        .as_object_mut()?
        .shift_remove(name)?;
    let mut required = false;
    if let Some(list) = group.get_mut("required").and_then(Value::as_array_mut) {
        let before = list.len();
        list.retain(|v| v.as_str() != Some(name));
        required = list.len() != before;
    }
    Some((field, required))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pointer::resolve_local;

    #[test]
    fn a_group_left_empty_by_shared_fields_leaves_the_form() {
        let mut form = json!({
            "type": "object",
            "properties": {
                "premises": {
                    "type": "object",
                    "properties": {"site": {
                        "type": "object",
                        "properties": {"address": {"type": "string"}},
                        "required": ["address"]
                    }},
                    "required": ["site"]
                },
                "contact": {
                    "type": "object",
                    "properties": {"mobile": {"type": "string"}, "email": {"type": "string"}}
                },
                "name": {"type": "string"}
            },
            "required": ["premises", "name"]
        });
        let (field, required, emptied) = take_field(&mut form, "/premises/site/address").unwrap();
        assert_eq!((field, required), (json!({"type": "string"}), true));
        assert_eq!(emptied, ["/premises/site", "/premises"]);
        assert_eq!(
            form["properties"].get("premises"),
            None,
            "emptied up to the root"
        );
        assert_eq!(form["required"], json!(["name"]));
        form["required"] = json!(["contact", "name"]);
        form["properties"]["contact"]["required"] = json!(["mobile"]);
        take_field(&mut form, "/contact/mobile").unwrap();
        assert_eq!(
            form["properties"]["contact"]["properties"],
            json!({"email": {"type": "string"}}),
            "a group with a field of its own stays"
        );
        assert_eq!(
            form["required"],
            json!(["name"]),
            "but it is no longer required when nothing in it is"
        );
    }

    #[test]
    fn conditions_keep_their_references_when_wrapped_and_combined() {
        let when = |name: &str| Requirement::When {
            when: json!({"$defs": {name: {"const": true}}, "properties": {"x": {"$ref": format!("#/$defs/{}", pointer::to_fragment(name))}}}),
        };
        let combined = either(&wrap("a", &when("甲")), &wrap("b", &when("100%")));
        let Requirement::When { when } = combined else {
            panic!("still a condition");
        };
        for (branch, key, name) in [(0, "a", "甲"), (1, "b", "100%")] {
            let reference = when["anyOf"][branch]["properties"][key]["properties"]["x"]["$ref"]
                .as_str()
                .unwrap();
            assert_eq!(
                resolve_local(&when, reference),
                Some(&json!({"const": true})),
                "{reference} names $defs/{name}"
            );
        }
    }
}
