//! Every field needs a `title`: it is the label applicants read and the name
//! every error message uses. A field declared several times (in branches)
//! needs a title in at least one declaration. Array items are labelled by
//! their array, so they are not fields here.
//!
//! Before: `"postcode": {"type": "string", "format": "cn-postcode"}`
//! After:  `"postcode": {"type": "string", "format": "cn-postcode", "title": "邮政编码"}`

use serde_json::Value;

use super::walk;
use crate::diagnostic::Diagnostic;
use crate::messages::lint as text;

pub fn check(definition: &Value, out: &mut Vec<Diagnostic>) {
    let nodes = walk::schemas(definition);
    let fields: Vec<&walk::Node<'_>> = nodes
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
            .any(|n| n.schema.contains_key("title"));
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
    fn a_title_in_another_branch_is_enough() {
        let mut fine = item();
        fine["form"]["then"] = json!({"properties": {"name": {"minLength": 2}}});
        assert!(run(check, &fine).is_empty());
    }
}
