//! A name in `required` that no `properties` of the same object declares
//! (a typo, `categroy` for `category`, or a field renamed on one side only)
//! is a field the form never shows and the applicant cannot fill in: an
//! application that must have it can never pass, and a condition that
//! requires it never holds. JSON Schema accepts such a schema, so nothing
//! else catches it.
//!
//! One object of the data may be described by several schemas: its own,
//! every applicator branch under it (`allOf`, `anyOf`, `oneOf`, `if`,
//! `then`, `else`, `dependentSchemas`), and, for a member or an item, the
//! same member or item in each of those branches (`then: {properties:
//! {address: {required: ["street"]}}}` requires a field the parent's
//! `address` declares). The names it declares are those of all their
//! `properties`. An object whose names cannot be known here is left alone:
//! one with a `$ref`, `patternProperties` or an `additionalProperties`
//! schema (as a map from any key has), or whose schemas declare no
//! `properties` at all (a `$defs` entry that only adds `required`, used
//! through a reference). References are not followed: each `$defs` entry
//! is checked where it is written.
//!
//! Before: `"properties": {"category": {…}}, "required": ["categroy"]`
//! After:  `"properties": {"category": {…}}, "required": ["category"]`

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::diagnostic::Diagnostic;
use crate::messages::lint as text;
use crate::pointer;

/// How deep the walk goes (a guard on files the loader has not yet refused).
const MAX_DEPTH: usize = 64;

/// One schema of an object, with its place and whether it is (inside) an
/// `if`, where a `required` tests the data rather than demands it.
struct Branch<'a> {
    schema: &'a Map<String, Value>,
    place: String,
    in_condition: bool,
}

pub fn check(definition: &Value, out: &mut Vec<Diagnostic>) {
    if let Some(form) = definition.get("form") {
        object(vec![(form, "/form".to_owned(), false)], 0, out);
    }
}

/// The schemas that describe one object of the data: checks them as one,
/// then each object below it (a member, an item, a `$defs` entry), with
/// every schema any of them gives it.
fn object(schemas: Vec<(&Value, String, bool)>, depth: usize, out: &mut Vec<Diagnostic>) {
    if depth > MAX_DEPTH {
        return;
    }
    let mut branches = Vec::new();
    for (schema, place, in_condition) in schemas {
        closure(schema, place, in_condition, 0, &mut branches);
    }
    check_names(&branches, out);
    let mut below: BTreeMap<String, Vec<(&Value, String, bool)>> = BTreeMap::new();
    for branch in &branches {
        for (key, place, child) in children(branch.schema, &branch.place) {
            below
                .entry(key)
                .or_default()
                .push((child, place, branch.in_condition));
        }
    }
    for (_, schemas) in below {
        object(schemas, depth + 1, out);
    }
}

/// `schema` and every applicator branch under it, with their places.
fn closure<'a>(
    schema: &'a Value,
    place: String,
    in_condition: bool,
    depth: usize,
    into: &mut Vec<Branch<'a>>,
) {
    let Some(map) = schema.as_object() else {
        return;
    };
    if depth > MAX_DEPTH {
        return;
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(list)) = map.get(key) {
            for (i, branch) in list.iter().enumerate() {
                let at = format!("{place}/{key}/{i}");
                closure(branch, at, in_condition, depth + 1, into);
            }
        }
    }
    for key in ["if", "then", "else"] {
        if let Some(branch) = map.get(key) {
            let condition = in_condition || key == "if";
            closure(
                branch,
                pointer::join(&place, key),
                condition,
                depth + 1,
                into,
            );
        }
    }
    if let Some(Value::Object(dependent)) = map.get("dependentSchemas") {
        for (name, branch) in dependent {
            let at = pointer::join(&pointer::join(&place, "dependentSchemas"), name);
            closure(branch, at, in_condition, depth + 1, into);
        }
    }
    into.push(Branch {
        schema: map,
        place,
        in_condition,
    });
}

/// The schemas below `schema` (at `place`) that describe data of their
/// own: what they describe (the same key for the same member or item in
/// every branch), their place, and the schema.
fn children<'a>(schema: &'a Map<String, Value>, place: &str) -> Vec<(String, String, &'a Value)> {
    let mut out = Vec::new();
    if let Some(Value::Object(members)) = schema.get("properties") {
        let at = pointer::join(place, "properties");
        for (name, child) in members {
            out.push((format!("member {name}"), pointer::join(&at, name), child));
        }
    }
    for key in ["$defs", "definitions", "patternProperties"] {
        if let Some(Value::Object(members)) = schema.get(key) {
            let at = pointer::join(place, key);
            for (name, child) in members {
                let written = pointer::join(&at, name);
                out.push((written.clone(), written, child));
            }
        }
    }
    if let Some(Value::Array(items)) = schema.get("prefixItems") {
        for (i, child) in items.iter().enumerate() {
            out.push((
                format!("item {i}"),
                format!("{place}/prefixItems/{i}"),
                child,
            ));
        }
    }
    for key in ["items", "additionalProperties", "contains"] {
        if let Some(child) = schema.get(key).filter(|c| c.is_object()) {
            out.push((key.to_owned(), pointer::join(place, key), child));
        }
    }
    out
}

fn check_names(branches: &[Branch<'_>], out: &mut Vec<Diagnostic>) {
    let open = branches.iter().any(|b| {
        b.schema.contains_key("$ref")
            || b.schema.contains_key("$dynamicRef")
            || b.schema.contains_key("patternProperties")
            || b.schema
                .get("additionalProperties")
                .is_some_and(Value::is_object)
    });
    let declares = branches.iter().any(|b| b.schema.contains_key("properties"));
    if open || !declares {
        return;
    }
    let declared: Vec<&str> = branches
        .iter()
        .filter_map(|b| b.schema.get("properties").and_then(Value::as_object))
        .flat_map(|properties| properties.keys().map(String::as_str))
        .collect();
    for branch in branches {
        let Some(Value::Array(required)) = branch.schema.get("required") else {
            continue;
        };
        for (i, name) in required.iter().enumerate() {
            let Some(name) = name.as_str() else {
                continue;
            };
            if declared.contains(&name) {
                continue;
            }
            let meant = nearest(name, &declared);
            out.push(Diagnostic::error(
                format!("{}/{i}", pointer::join(&branch.place, "required")),
                "lint.required_not_declared",
                if branch.in_condition {
                    text::required_not_declared_in_condition(name, meant)
                } else {
                    text::required_not_declared(name, meant)
                },
            ));
        }
    }
}

/// The declared name `name` is most likely a typo of, if one is close.
fn nearest<'a>(name: &str, declared: &[&'a str]) -> Option<&'a str> {
    super::closest(name, declared.iter().copied())
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
    fn a_branch_may_require_a_member_of_what_its_object_declares() {
        let mut fine = item();
        fine["form"]["properties"]["address"] = json!({
            "type": "object", "title": "地址",
            "properties": {"street": {"type": "string"}}
        });
        fine["form"]["then"] = json!({
            "required": ["name"],
            "properties": {"address": {"required": ["street"]}}
        });
        fine["form"]["allOf"] = json!([{"properties": {"address": {"required": ["street"]}}}]);
        assert!(run(check, &fine).is_empty(), "{:?}", run(check, &fine));
        fine["form"]["allOf"] = json!([{"properties": {"address": {"required": ["stret"]}}}]);
        assert_eq!(
            run(check, &fine)[0].1,
            "/form/allOf/0/properties/address/required/0"
        );
    }

    #[test]
    fn a_defs_entry_that_only_requires_is_left_to_its_users() {
        let mut fine = item();
        fine["form"]["$defs"] = json!({"needs_name": {"required": ["name"]}});
        fine["form"]["allOf"] = json!([{"$ref": "#/$defs/needs_name"}]);
        assert!(run(check, &fine).is_empty(), "{:?}", run(check, &fine));
    }

    #[test]
    fn a_condition_on_an_undeclared_name_says_it_never_holds() {
        let mut broken = item();
        broken["form"]["if"] =
            json!({"properties": {"category": {"const": "a"}}, "required": ["categroy"]});
        let mut out = Vec::new();
        check(&broken, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].pointer, "/form/if/required/0");
        assert!(
            out[0].message.en.contains("never holds"),
            "{}",
            out[0].message.en
        );
    }

    #[test]
    fn the_nearest_declared_name_is_suggested() {
        assert_eq!(nearest("categroy", &["category", "name"]), Some("category"));
        assert_eq!(nearest("zzz", &["category", "name"]), None);
    }
}
