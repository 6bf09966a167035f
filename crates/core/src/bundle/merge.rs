//! Merging member items into one definition: the form is an object with the
//! shared fields at the top and each member's own form under its key; the
//! materials are deduplicated by `id` (required if any member requires it,
//! deferrable or in lieu only if every member allows it); conditions get the
//! member key as prefix; the bundle's time limits are the longest of its
//! members', and each member keeps its own in `members`. A member's `$ref`s
//! move with the schema that holds them ([`rebase_refs`]), so they still
//! name the same place in the merged definition.

use serde_json::{Map, Value, json};

use crate::definition::{
    BundleMember, CompiledItem, Deferral, Fees, HandlingType, ItemDefinition, Material,
    Requirement, Step, TimeLimit, TimeLimits, Ui, Visits,
};
use crate::messages::bundle as text;
use crate::pointer;

use super::{BundleError, BundleFile};

pub fn merge(file: &BundleFile, members: &[CompiledItem]) -> Result<ItemDefinition, BundleError> {
    let definitions: Vec<&ItemDefinition> = members.iter().map(CompiledItem::definition).collect();
    let keys: Vec<&str> = file.members.iter().map(|m| m.key.as_str()).collect();
    let mut forms: Vec<Value> = definitions
        .iter()
        .zip(&keys)
        .map(|(d, key)| {
            let mut form = d.form.clone();
            rebase_refs(&mut form, &pointer::join("/properties", key));
            form
        })
        .collect();

    // Shared fields move out of the members' forms to the top.
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut shared_step = Vec::new();
    let mut removed: Vec<(usize, String)> = Vec::new();
    for shared in &file.shared {
        let mut schema = None;
        let mut is_required = false;
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
            let (field, req) = take_field(&mut forms[m], place).ok_or_else(not_found)?;
            for material in &definitions[m].materials {
                if let Requirement::When { when } = &material.required
                    && tests_field(when, &path_of(place))
                {
                    return Err(BundleError::SharedFieldInCondition {
                        field: shared.name.clone(),
                        key: key.to_owned(),
                        material: material.id.clone(),
                    });
                }
            }
            schema.get_or_insert(field);
            is_required |= req;
            removed.push((m, place.to_owned()));
        }
        properties.insert(shared.name.clone(), schema.unwrap_or_else(|| json!({})));
        if is_required {
            required.push(Value::from(shared.name.clone()));
        }
        shared_step.push(pointer::join("", &shared.name));
    }
    for ((key, definition), mut form) in keys.iter().zip(&definitions).zip(forms) {
        if form.get("title").is_none() {
            form["title"] = Value::from(definition.name.clone());
            if let Some(en) = definition.i18n.get("en").and_then(|t| t.get("name")) {
                form["x-i18n"]["en"]["title"] = Value::from(en.clone());
            }
        }
        properties.insert((*key).to_owned(), form);
        required.push(Value::from(*key));
    }
    let mut form = json!({"type": "object", "title": file.name, "properties": properties, "required": required});
    if let Some(en) = file.i18n.get("en").and_then(|t| t.get("name")) {
        form["x-i18n"] = json!({"en": {"title": en}});
    }

    // Steps: the shared fields first, then each member's steps under its key.
    let mut steps = Vec::new();
    if !shared_step.is_empty() {
        let t = text::shared_step();
        steps.push(Step {
            title: t.zh,
            i18n: [("en".to_owned(), [("title".to_owned(), t.en)].into())].into(),
            fields: shared_step,
        });
    }
    for (m, (key, definition)) in keys.iter().zip(&definitions).enumerate() {
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
                .filter(|f| !removed.iter().any(|(r, p)| *r == m && p == *f))
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

    // Materials, deduplicated by id.
    let mut materials: Vec<Material> = Vec::new();
    let mut owners: Vec<Vec<usize>> = Vec::new();
    for (m, (key, definition)) in keys.iter().zip(&definitions).enumerate() {
        let defers = definition.allowed_deferral().is_some();
        for material in &definition.materials {
            let mut own = material.clone();
            own.required = wrap(key, &material.required);
            if !defers {
                own.deferrable = None;
            }
            match materials.iter().position(|x| x.id == material.id) {
                None => {
                    materials.push(own);
                    owners.push(vec![m]);
                }
                Some(i) => {
                    let merged = &mut materials[i];
                    merged.required = either(&merged.required, &own.required);
                    merged.core |= own.core;
                    if own.deferrable.is_none() || merged.core {
                        merged.deferrable = None;
                    }
                    if own.in_lieu.is_none() {
                        merged.in_lieu = None;
                    }
                    owners[i].push(m);
                }
            }
        }
    }

    let members_out = keys
        .iter()
        .zip(&definitions)
        .enumerate()
        .map(|(m, (key, d))| BundleMember {
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
                .zip(&owners)
                .filter(|(_, o)| o.contains(&m))
                .map(|(x, _)| x.id.clone())
                .collect(),
            conditions: d
                .conditions
                .iter()
                .map(|c| format!("{key}-{}", c.id))
                .collect(),
        })
        .collect();

    let conditions = keys
        .iter()
        .zip(&definitions)
        .flat_map(|(key, d)| {
            d.conditions.iter().map(move |c| {
                let mut c = c.clone();
                c.id = format!("{key}-{}", c.id);
                c
            })
        })
        .collect();

    let mut legal_basis: Vec<crate::definition::LegalBasis> = Vec::new();
    for basis in definitions.iter().flat_map(|d| &d.legal_basis) {
        if !legal_basis.contains(basis) {
            legal_basis.push(basis.clone());
        }
    }
    let mut excluded_periods: Vec<String> = Vec::new();
    for period in definitions
        .iter()
        .flat_map(|d| &d.time_limits.excluded_periods)
    {
        if !excluded_periods.contains(period) {
            excluded_periods.push(period.clone());
        }
    }
    let all_on_the_spot = definitions.iter().all(|d| d.is_on_the_spot());
    let longest = |pick: fn(&TimeLimits) -> &TimeLimit| TimeLimit {
        working_days: definitions
            .iter()
            .filter_map(|d| pick(&d.time_limits).working_days)
            .max(),
        on_the_spot: all_on_the_spot,
        ..TimeLimit::default()
    };
    let time_limits = TimeLimits {
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
        // The descriptive keys of issue 18 are not merged yet (next slice).
        special_procedures: Vec::new(),
    };
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
    let visits = Visits {
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
        i18n: Default::default(),
    };
    let fees = Fees {
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
    };
    let allowing: Vec<&Deferral> = definitions
        .iter()
        .filter_map(|d| d.allowed_deferral())
        .collect();
    let deferral = (!allowing.is_empty()).then(|| Deferral {
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
    });

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
        legal_basis,
        conditions,
        handling_type,
        online_depth,
        time_limits,
        visits,
        fees,
        form,
        ui: Ui { steps },
        materials,
        deferral,
        handling_body: None,
        applicants: None,
        results: Vec::new(),
        process: Vec::new(),
        offices: Vec::new(),
        contacts: Vec::new(),
        channels: Vec::new(),
        online_services: None,
        related_items: Vec::new(),
        faq: Vec::new(),
        remedies: None,
        validity: None,
        members: members_out,
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

/// Required when either member requires it.
fn either(a: &Requirement, b: &Requirement) -> Requirement {
    match (a, b) {
        (Requirement::Always(true), _) | (_, Requirement::Always(true)) => {
            Requirement::Always(true)
        }
        (Requirement::Always(false), other) | (other, Requirement::Always(false)) => other.clone(),
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
/// form; returns its schema and whether its parent required it.
fn take_field(form: &mut Value, place: &str) -> Option<(Value, bool)> {
    let path = path_of(place);
    let (last, parents) = path.split_last()?;
    let mut current = form;
    for name in parents {
        current = current.get_mut("properties")?.get_mut(name)?;
    }
    let field = current
        .get_mut("properties")?
        .as_object_mut()?
        .shift_remove(last)?;
    let mut required = false;
    if let Some(list) = current.get_mut("required").and_then(Value::as_array_mut) {
        let before = list.len();
        list.retain(|v| v.as_str() != Some(last));
        required = list.len() != before;
    }
    Some((field, required))
}

/// Whether a condition schema tests the field at `path` (or inside it).
fn tests_field(condition: &Value, path: &[String]) -> bool {
    let Some((first, rest)) = path.split_first() else {
        return true;
    };
    let named = condition
        .get("properties")
        .and_then(|p| p.get(first))
        .is_some_and(|sub| tests_field(sub, rest))
        || condition
            .get("required")
            .and_then(Value::as_array)
            .is_some_and(|r| rest.is_empty() && r.iter().any(|v| v.as_str() == Some(first)));
    named
        || ["allOf", "anyOf", "oneOf"].iter().any(|k| {
            condition
                .get(*k)
                .and_then(Value::as_array)
                .is_some_and(|bs| bs.iter().any(|b| tests_field(b, path)))
        })
        || condition.get("not").is_some_and(|n| tests_field(n, path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pointer::resolve_local;

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
