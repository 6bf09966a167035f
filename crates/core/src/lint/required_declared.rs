//! A name in `required` that no `properties` of the same object declares
//! (a typo, `categroy` for `category`, or a field renamed on one side only)
//! is a field the form never shows and the applicant cannot fill in, so
//! every application fails for lack of it. JSON Schema accepts such a
//! schema, so nothing else catches it.
//!
//! The names an object declares are those of its own `properties` and of
//! every applicator branch under it (`allOf`, `anyOf`, `oneOf`, `if`,
//! `then`, `else`, `dependentSchemas`), since a branch's `required` may name
//! a field its parent declares. An object whose names cannot be known here
//! (a `$ref`, `patternProperties`, or an `additionalProperties` schema, as a
//! map from any key has) is left alone.
//!
//! Before: `"properties": {"category": {…}}, "required": ["categroy"]`
//! After:  `"properties": {"category": {…}}, "required": ["category"]`

use serde_json::{Map, Value};

use crate::diagnostic::Diagnostic;
use crate::messages::lint as text;
use crate::pointer;

/// How deep the walk goes (a guard on files the loader has not yet refused).
const MAX_DEPTH: usize = 64;

pub fn check(definition: &Value, out: &mut Vec<Diagnostic>) {
    if let Some(form) = definition.get("form") {
        object(form, "/form", 0, out);
    }
}

/// `schema` as an object of its own: checks it, then every schema below it
/// that describes data of its own (a property, an item, a `$defs` entry).
fn object(schema: &Value, place: &str, depth: usize, out: &mut Vec<Diagnostic>) {
    if depth > MAX_DEPTH {
        return;
    }
    let mut branches = Vec::new();
    closure(schema, place.to_owned(), 0, &mut branches);
    check_names(&branches, out);
    for (schema, place) in &branches {
        for (at, child) in children(schema, place) {
            object(child, &at, depth + 1, out);
        }
    }
}

/// `schema` and every applicator branch under it, with their places.
fn closure<'a>(
    schema: &'a Value,
    place: String,
    depth: usize,
    into: &mut Vec<(&'a Map<String, Value>, String)>,
) {
    let Some(map) = schema.as_object() else {
        return;
    };
    if depth > MAX_DEPTH {
        return;
    }
    into.push((map, place.clone()));
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(list)) = map.get(key) {
            for (i, branch) in list.iter().enumerate() {
                closure(branch, format!("{place}/{key}/{i}"), depth + 1, into);
            }
        }
    }
    for key in ["if", "then", "else"] {
        if let Some(branch) = map.get(key) {
            closure(branch, pointer::join(&place, key), depth + 1, into);
        }
    }
    if let Some(Value::Object(dependent)) = map.get("dependentSchemas") {
        for (name, branch) in dependent {
            let at = pointer::join(&pointer::join(&place, "dependentSchemas"), name);
            closure(branch, at, depth + 1, into);
        }
    }
}

/// The schemas below `schema` (at `place`) that describe data of their
/// own, each with its place.
fn children<'a>(schema: &'a Map<String, Value>, place: &str) -> Vec<(String, &'a Value)> {
    let mut out = Vec::new();
    for key in ["properties", "$defs", "definitions", "patternProperties"] {
        if let Some(Value::Object(members)) = schema.get(key) {
            let at = pointer::join(place, key);
            for (name, child) in members {
                out.push((pointer::join(&at, name), child));
            }
        }
    }
    if let Some(Value::Array(items)) = schema.get("prefixItems") {
        for (i, child) in items.iter().enumerate() {
            out.push((format!("{place}/prefixItems/{i}"), child));
        }
    }
    for key in ["items", "additionalProperties", "contains"] {
        if let Some(child) = schema.get(key).filter(|c| c.is_object()) {
            out.push((pointer::join(place, key), child));
        }
    }
    out
}

fn check_names(branches: &[(&Map<String, Value>, String)], out: &mut Vec<Diagnostic>) {
    let open = branches.iter().any(|(schema, _)| {
        schema.contains_key("$ref")
            || schema.contains_key("$dynamicRef")
            || schema.contains_key("patternProperties")
            || schema
                .get("additionalProperties")
                .is_some_and(Value::is_object)
    });
    if open {
        return;
    }
    let declared: Vec<&str> = branches
        .iter()
        .filter_map(|(schema, _)| schema.get("properties").and_then(Value::as_object))
        .flat_map(|properties| properties.keys().map(String::as_str))
        .collect();
    for (schema, place) in branches {
        let Some(Value::Array(required)) = schema.get("required") else {
            continue;
        };
        for (i, name) in required.iter().enumerate() {
            let Some(name) = name.as_str() else {
                continue;
            };
            if !declared.contains(&name) {
                out.push(Diagnostic::error(
                    format!("{}/{i}", pointer::join(place, "required")),
                    "lint.required_not_declared",
                    text::required_not_declared(name, nearest(name, &declared)),
                ));
            }
        }
    }
}

/// The declared name `name` is most likely a typo of, if one is close.
fn nearest<'a>(name: &str, declared: &[&'a str]) -> Option<&'a str> {
    let limit = if name.chars().count() <= 5 { 1 } else { 2 };
    declared
        .iter()
        .map(|d| (strsim::osa_distance(name, d), *d))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, d)| d)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::tests::{item, run};
    use super::*;

    #[test]
    fn the_shipped_items_declare_every_required_name() {
        for entry in
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../schemas/items")).unwrap()
        {
            let path = entry.unwrap().path();
            let definition: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            assert!(run(check, &definition).is_empty(), "{}", path.display());
        }
    }

    #[test]
    fn a_misspelt_required_name_is_an_error() {
        let mut broken = item();
        broken["form"]["required"] = json!(["categroy"]);
        let found = run(check, &broken);
        assert_eq!(
            found,
            vec![(
                "lint.required_not_declared",
                "/form/required/0".to_owned(),
                crate::Severity::Error
            )]
        );
    }

    #[test]
    fn a_branch_may_require_what_its_object_declares() {
        let mut fine = item();
        fine["form"]["if"] =
            json!({"properties": {"category": {"const": "a"}}, "required": ["category"]});
        fine["form"]["then"] = json!({"required": ["category"]});
        fine["form"]["oneOf"] =
            json!([{"properties": {"extra": {"type": "string"}}, "required": ["extra"]}, {}]);
        fine["form"]["required"] = json!(["extra"]);
        assert!(run(check, &fine).is_empty(), "{:?}", run(check, &fine));
    }

    #[test]
    fn nested_objects_and_list_items_are_checked() {
        let mut broken = item();
        broken["form"]["properties"]["staff"] = json!({
            "type": "array",
            "items": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["nmae"]}
        });
        assert_eq!(
            run(check, &broken)[0].1,
            "/form/properties/staff/items/required/0"
        );
    }

    #[test]
    fn objects_whose_names_cannot_be_known_are_left_alone() {
        for open in [
            json!({"$ref": "#/$defs/x"}),
            json!({"patternProperties": {"^a": {}}}),
            json!({"additionalProperties": {"type": "string"}}),
        ] {
            let mut fine = item();
            let form = fine["form"].as_object_mut().unwrap();
            form.extend(open.as_object().unwrap().clone());
            form.insert("required".into(), json!(["anything"]));
            assert!(run(check, &fine).is_empty(), "{open}");
        }
    }

    #[test]
    fn the_nearest_declared_name_is_suggested() {
        assert_eq!(nearest("categroy", &["category", "name"]), Some("category"));
        assert_eq!(nearest("zzz", &["category", "name"]), None);
    }
}
