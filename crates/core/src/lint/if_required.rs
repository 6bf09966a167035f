//! An `if` (or a material's `when`) that tests a field without listing it in
//! `required` is true when the field is absent. banli guards such conditions,
//! but other validators (and readers) do not, so the definition should say
//! what it means.
//!
//! Before: `"if": {"properties": {"category": {"const": "catering"}}}`
//! After:  `"if": {"properties": {"category": {"const": "catering"}}, "required": ["category"]}`

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::messages::lint as text;
use crate::pointer;
use crate::schema::visit;

pub fn check(definition: &Value, out: &mut Vec<Diagnostic>) {
    for node in visit::schemas(definition) {
        if node.place.ends_with("/required/when") {
            condition(node.schema, &node.place, out);
        }
        if let Some(test) = node.schema.get("if").and_then(Value::as_object) {
            condition(test, &pointer::join(&node.place, "if"), out);
        }
    }
}

fn condition(test: &serde_json::Map<String, Value>, place: &str, out: &mut Vec<Diagnostic>) {
    let Some(properties) = test.get("properties").and_then(Value::as_object) else {
        return;
    };
    let required: Vec<&str> = test
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    for name in properties.keys() {
        if !required.contains(&name.as_str()) {
            out.push(Diagnostic::warning(
                pointer::join(&format!("{place}/properties"), name),
                "lint.if_condition_not_required",
                text::if_condition_not_required(name),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::tests::{item, run};
    use super::*;

    #[test]
    fn an_if_without_required_is_reported() {
        let mut broken = item();
        broken["form"]["if"] = json!({"properties": {"category": {"const": "a"}}});
        assert_eq!(
            run(check, &broken),
            vec![(
                "lint.if_condition_not_required",
                "/form/if/properties/category".into(),
                crate::Severity::Warning
            )]
        );
    }

    #[test]
    fn a_when_without_required_is_reported() {
        let mut broken = item();
        broken["materials"][0]["required"]["when"] =
            json!({"properties": {"category": {"const": "a"}}});
        assert_eq!(
            run(check, &broken)[0].1,
            "/materials/0/required/when/properties/category"
        );
    }

    #[test]
    fn the_clean_item_passes() {
        assert!(run(check, &item()).is_empty());
    }
}
