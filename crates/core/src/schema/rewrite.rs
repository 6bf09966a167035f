//! Rewrites that give a form schema the meaning applicants and maintainers
//! expect, applied once when an item is compiled:
//!
//! * **Guarded conditions.** In plain JSON Schema `"if": {"properties":
//!   {"category": {"const": "catering"}}}` holds when `category` is absent,
//!   so its `then` fires on an empty form. Every property an `if` (or a
//!   material's `when`) tests is added to that condition's `required`.
//! * **Discriminated `oneOf`.** A `oneOf` whose branches each fix one shared
//!   property with a different `const` becomes "the discriminator is one of
//!   these values" plus one `if`/`then` per branch. Exactly the same data is
//!   valid, but failures are reported inside the branch the applicant chose,
//!   not as "must match exactly one schema".

use serde_json::{Map, Value, json};

use super::condition::{Condition, TestKind};
use crate::pointer;

/// Prepares a form schema for compilation: guards conditions and expands
/// discriminated `oneOf`s, everywhere in the schema.
pub fn prepare_form(form: &Value) -> Value {
    let mut schema = form.clone();
    rewrite_node(&mut schema);
    schema
}

fn rewrite_node(node: &mut Value) {
    match node {
        Value::Object(object) => {
            if let Some(condition) = object.get_mut("if") {
                guard_conditions(condition);
            }
            expand_discriminated_one_of(object);
            for (keyword, child) in object.iter_mut() {
                if !keyword.starts_with("x-") && keyword != "const" && keyword != "enum" {
                    rewrite_node(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(rewrite_node),
        _ => {}
    }
}

/// Makes every property a condition tests required by that condition, at
/// every level of nesting (through `properties`, `allOf` and `anyOf`), so
/// that an absent field never satisfies it.
pub fn guard_conditions(condition: &mut Value) {
    // Read the typed condition first, then write: each object that tests
    // properties gets their names appended to its `required`.
    let mut guards = Vec::new();
    guards_of(&Condition::parse(condition), String::new(), &mut guards);
    for (place, names) in guards {
        let Some(Value::Object(object)) = condition.pointer_mut(&place) else {
            continue;
        };
        let required = object
            .entry("required")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(required) = required {
            for name in names {
                if !required.iter().any(|r| r.as_str() == Some(name.as_str())) {
                    required.push(Value::String(name));
                }
            }
        }
    }
}

/// `(JSON Pointer of an object, the property names it tests)` for every
/// object of `condition` that has `properties`.
fn guards_of(condition: &Condition<'_>, place: String, out: &mut Vec<(String, Vec<String>)>) {
    let names: Vec<String> = condition
        .properties()
        .map(|(name, _)| (*name).to_owned())
        .collect();
    for (name, sub) in condition.properties() {
        guards_of(
            sub,
            pointer::join(&format!("{place}/properties"), name),
            out,
        );
    }
    if condition
        .tests
        .iter()
        .any(|t| matches!(t.kind, TestKind::Properties(_)))
    {
        out.push((place.clone(), names));
    }
    for test in &condition.tests {
        if let TestKind::AllOf(branches) | TestKind::AnyOf(branches) = &test.kind {
            for (i, branch) in branches.iter().enumerate() {
                guards_of(branch, format!("{place}/{}/{i}", test.keyword), out);
            }
        }
    }
}

/// The discriminator of a `oneOf`: the property every branch fixes to a
/// different constant, and those constants in branch order.
pub fn discriminator(branches: &[Value]) -> Option<(String, Vec<Value>)> {
    let first = branches.first()?.get("properties")?.as_object()?;
    'candidates: for name in first.keys() {
        let mut constants = Vec::with_capacity(branches.len());
        for branch in branches {
            let Some(constant) = branch
                .get("properties")
                .and_then(|p| p.get(name))
                .and_then(branch_constant)
            else {
                continue 'candidates;
            };
            if constants.contains(&constant) {
                continue 'candidates;
            }
            constants.push(constant);
        }
        return Some((name.clone(), constants));
    }
    None
}

fn branch_constant(property: &Value) -> Option<Value> {
    if let Some(constant) = property.get("const") {
        return Some(constant.clone());
    }
    match property.get("enum")?.as_array()?.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    }
}

fn expand_discriminated_one_of(object: &mut Map<String, Value>) {
    let Some(Value::Array(branches)) = object.get("oneOf") else {
        return;
    };
    let Some((name, constants)) = discriminator(branches) else {
        return;
    };
    let Some(Value::Array(branches)) = object.remove("oneOf") else {
        return;
    };

    let labels: Map<String, Value> = constants
        .iter()
        .zip(&branches)
        .filter_map(|(c, b)| Some((c.as_str()?.to_owned(), b.get("title")?.clone())))
        .collect();
    let english_labels: Map<String, Value> = constants
        .iter()
        .zip(&branches)
        .filter_map(|(c, b)| {
            Some((
                c.as_str()?.to_owned(),
                b.pointer("/x-i18n/en/title")?.clone(),
            ))
        })
        .collect();

    let properties = object.entry("properties").or_insert_with(|| json!({}));
    if let Value::Object(properties) = properties {
        let first_branch_property =
            branches[0].pointer(&format!("/properties/{}", crate::pointer::escape(&name)));
        // The choice comes first: beside other properties (a root `oneOf`
        // next to the contact fields), a discriminator the object does not
        // declare itself is put before them, as a nested one already is.
        if !properties.contains_key(&name) {
            let mut property = Map::new();
            for key in ["title", "x-i18n", "x-widget", "description"] {
                if let Some(value) = first_branch_property.and_then(|p| p.get(key)) {
                    property.insert(key.to_owned(), value.clone());
                }
            }
            properties.shift_insert(0, name.clone(), Value::Object(property));
        }
        let property = properties.entry(name.clone()).or_insert_with(|| json!({}));
        if let Value::Object(property) = property {
            property.remove("const");
            property
                .entry("enum")
                .or_insert_with(|| Value::Array(constants.clone()));
            if !labels.is_empty() {
                property
                    .entry("x-enum-labels")
                    .or_insert(Value::Object(labels));
            }
            let has_english_labels = property
                .get("x-i18n")
                .and_then(|i| i.pointer("/en/x-enum-labels"))
                .is_some();
            if !english_labels.is_empty() && !has_english_labels {
                let i18n = property.entry("x-i18n").or_insert_with(|| json!({}));
                if let Some(english) = i18n
                    .as_object_mut()
                    .map(|m| m.entry("en").or_insert_with(|| json!({})))
                    && let Some(english) = english.as_object_mut()
                {
                    english.insert("x-enum-labels".to_owned(), Value::Object(english_labels));
                }
            }
        }
    }
    let required = object.entry("required").or_insert_with(|| json!([]));
    if let Value::Array(required) = required
        && !required.iter().any(|r| r.as_str() == Some(name.as_str()))
    {
        required.push(Value::String(name.clone()));
    }
    let all_of = object.entry("allOf").or_insert_with(|| json!([]));
    if let Value::Array(all_of) = all_of {
        for (constant, branch) in constants.into_iter().zip(branches) {
            all_of.push(json!({
                "if": {"properties": {&name: {"const": constant}}, "required": [&name]},
                "then": branch,
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guards_if_conditions_recursively() {
        let form = json!({"if": {"properties": {"a": {"properties": {"b": {"const": 1}}}}}, "then": {"required": ["c"]}});
        let prepared = prepare_form(&form);
        assert_eq!(prepared["if"]["required"], json!(["a"]));
        assert_eq!(prepared["if"]["properties"]["a"]["required"], json!(["b"]));
    }

    #[test]
    fn expands_a_discriminated_one_of() {
        let form = json!({
            "type": "object",
            "oneOf": [
                {"title": "个人", "properties": {"kind": {"const": "person", "title": "申请人类型"}, "id": {"type": "string"}}, "required": ["id"]},
                {"title": "单位", "properties": {"kind": {"const": "org"}, "uscc": {"type": "string"}}, "required": ["uscc"]}
            ]
        });
        let prepared = prepare_form(&form);
        assert!(prepared.get("oneOf").is_none());
        assert_eq!(
            prepared["properties"]["kind"]["enum"],
            json!(["person", "org"])
        );
        assert_eq!(
            prepared["properties"]["kind"]["x-enum-labels"],
            json!({"person": "个人", "org": "单位"})
        );
        assert_eq!(prepared["required"], json!(["kind"]));
        assert_eq!(
            prepared["allOf"][1]["if"]["properties"]["kind"]["const"],
            json!("org")
        );

        let validator = crate::schema::compile(&prepared).unwrap();
        let original = jsonschema::validator_for(&form).unwrap();
        for data in [
            json!({"kind": "person", "id": "1"}),
            json!({"kind": "org"}),
            json!({"kind": "x"}),
            json!({}),
            json!({"kind": "org", "uscc": "u"}),
        ] {
            assert_eq!(
                validator.is_valid(&data),
                original.is_valid(&data),
                "{data}"
            );
        }
    }

    #[test]
    fn leaves_undiscriminated_one_of_alone() {
        let form = json!({"oneOf": [{"required": ["a"]}, {"required": ["b"]}]});
        assert_eq!(prepare_form(&form), form);
    }
}
