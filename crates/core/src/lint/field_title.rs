//! Every field needs a `title`: it is the label applicants read and the name
//! every error message uses. A field declared several times (in branches)
//! needs a title in at least one declaration; a declaration that is a
//! `$ref` has the title of its target (as labels do). Array items are
//! labelled by their array, so they are not fields here.
//!
//! Before: `"postcode": {"type": "string", "format": "cn-postcode"}`
//! After:  `"postcode": {"type": "string", "format": "cn-postcode", "title": "邮政编码"}`

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::messages::lint as text;
use crate::pointer;
use crate::schema::visit;

/// How many `$ref`s are followed looking for a title (the loader bounds
/// chains anyway; this keeps lint safe on files it refused).
const MAX_REFS: usize = 32;

pub fn check(definition: &Value, out: &mut Vec<Diagnostic>) {
    let form = definition.get("form").unwrap_or(&Value::Null);
    let nodes = visit::schemas(definition);
    let fields: Vec<&visit::Node<'_>> = nodes
        .iter()
        .filter(|n| n.is_property && !n.in_condition)
        .filter(|n| {
            n.field
                .as_ref()
                .is_some_and(|f| f.last().is_some_and(|l| l != "*"))
        })
        .collect();
    let mut reported: Vec<&Vec<String>> = Vec::new();
    for node in &fields {
        let field = node.field.as_ref().expect("filtered above");
        if reported.contains(&field) {
            continue;
        }
        let titled = fields
            .iter()
            .filter(|n| n.field.as_ref() == Some(field))
            .any(|n| titled(form, n.schema));
        if !titled {
            reported.push(field);
            out.push(Diagnostic::warning(
                node.place.clone(),
                "lint.field_without_title",
                text::field_without_title(&node.field_name()),
            ));
        }
    }
}

/// Whether `schema` has a `title`, itself or at the end of its `$ref`s
/// (resolved in the form by `pointer::resolve_local`).
fn titled(form: &Value, schema: &serde_json::Map<String, Value>) -> bool {
    let mut current = schema;
    for _ in 0..=MAX_REFS {
        if current.contains_key("title") {
            return true;
        }
        let target = current
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| pointer::resolve_local(form, r))
            .and_then(Value::as_object);
        match target {
            Some(next) => current = next,
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::tests::{item, run};
    use super::*;

    #[test]
    fn a_field_without_title_is_reported() {
        let mut broken = item();
        broken["form"]["properties"]["postcode"] = json!({"type": "string"});
        assert_eq!(
            run(check, &broken),
            vec![(
                "lint.field_without_title",
                "/form/properties/postcode".into(),
                crate::Severity::Warning
            )]
        );
    }

    #[test]
    fn a_title_through_a_reference_is_enough() {
        let mut fine = item();
        fine["form"]["$defs"] = json!({"邮编": {"type": "string", "title": "邮政编码"}, "a/b": {"$ref": "#/$defs/%E9%82%AE%E7%BC%96"}});
        fine["form"]["properties"]["postcode"] = json!({"$ref": "#/$defs/a~1b"});
        assert!(run(check, &fine).is_empty());
        let mut broken = item();
        broken["form"]["$defs"] = json!({"邮编": {"type": "string"}});
        broken["form"]["properties"]["postcode"] = json!({"$ref": "#/$defs/%E9%82%AE%E7%BC%96"});
        assert_eq!(run(check, &broken).len(), 1, "a target without title");
    }

    #[test]
    fn a_title_in_another_branch_is_enough() {
        let mut fine = item();
        fine["form"]["then"] = json!({"properties": {"name": {"minLength": 2}}});
        assert!(run(check, &fine).is_empty());
    }
}
