//! A material whose `required.when` asks a field for a value the form never
//! allows (a typo in a `const`, an option renamed in the form but not in the
//! condition) is required by no path through the form: applicants are never
//! asked for it, and nobody notices.
//!
//! Before: `"when": {"properties": {"category": {"const": "cateringg"}}, ...}`
//! After:  `"when": {"properties": {"category": {"const": "catering"}}, ...}`

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::messages::lint as text;
use crate::pointer;
use crate::schema::visit;
use crate::schema::{Condition, TestKind};

pub fn check(definition: &Value, out: &mut Vec<Diagnostic>) {
    let nodes = visit::schemas(definition);
    let materials = definition.get("materials").and_then(Value::as_array);
    for (i, material) in materials.into_iter().flatten().enumerate() {
        let Some(when) = material.get("required").and_then(|r| r.get("when")) else {
            continue;
        };
        let name = material.get("name").and_then(Value::as_str).unwrap_or("");
        let place = format!("/materials/{i}/required/when");
        let mut tests = Vec::new();
        tested_values(&Condition::parse(when), &place, &mut Vec::new(), &mut tests);
        for (at, field, wanted) in tests {
            let allowed = allowed_values(&nodes, &field);
            if !allowed.is_empty() && !wanted.iter().any(|w| allowed.contains(w)) {
                let shown: String = field.iter().map(|s| format!("/{s}")).collect();
                out.push(Diagnostic::error(
                    at,
                    "lint.material_never_required",
                    text::material_never_required(name, &shown),
                ));
            }
        }
    }
}

/// `(place, field, values accepted)` for each `const`/`enum` the condition
/// puts on a field, following `properties` and `allOf` (a value in an
/// `anyOf` branch or under `not` may be missing from the form on purpose).
fn tested_values<'a>(
    condition: &Condition<'a>,
    place: &str,
    prefix: &mut Vec<String>,
    out: &mut Vec<(String, Vec<String>, Vec<&'a Value>)>,
) {
    for (name, sub) in condition.properties() {
        prefix.push((*name).to_owned());
        let here = pointer::join(&format!("{place}/properties"), name);
        if let Some((keyword, values)) = sub.accepted_values() {
            out.push((format!("{here}/{keyword}"), prefix.clone(), values));
        }
        tested_values(sub, &here, prefix, out);
        prefix.pop();
    }
    for test in condition.tests.iter() {
        if let TestKind::AllOf(branches) = &test.kind {
            for (i, branch) in branches.iter().enumerate() {
                tested_values(branch, &format!("{place}/allOf/{i}"), prefix, out);
            }
        }
    }
}

/// Every value the form's declarations of `field` allow by `enum`/`const`;
/// empty when some declaration leaves the value open.
fn allowed_values<'a>(nodes: &[visit::Node<'a>], field: &[String]) -> Vec<&'a Value> {
    let mut allowed = Vec::new();
    for node in nodes
        .iter()
        .filter(|n| !n.in_condition && n.is_property && n.field.as_deref() == Some(field))
    {
        if let Some(value) = node.schema.get("const") {
            allowed.push(value);
        } else if let Some(values) = node.schema.get("enum").and_then(Value::as_array) {
            allowed.extend(values);
        } else if node.schema.contains_key("type") || node.schema.contains_key("title") {
            // The field's own declaration leaves the value open.
            return Vec::new();
        }
    }
    allowed
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::tests::{item, run};
    use super::*;

    #[test]
    fn a_value_the_form_never_allows_is_reported() {
        let mut broken = item();
        broken["materials"][0]["required"]["when"]["properties"]["category"] =
            json!({"const": "c"});
        assert_eq!(
            run(check, &broken),
            vec![(
                "lint.material_never_required",
                "/materials/0/required/when/properties/category/const".into(),
                crate::Severity::Error
            )]
        );
    }

    #[test]
    fn open_fields_are_not_judged() {
        let mut fine = item();
        fine["materials"][0]["required"]["when"] =
            json!({"properties": {"name": {"const": "张三"}}, "required": ["name"]});
        assert!(run(check, &fine).is_empty());
    }
}
