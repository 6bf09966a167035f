//! An `enum` shows applicants its raw values (`catering`) unless
//! `x-enum-labels` names each one (餐饮服务). Every value needs a label in at
//! least one declaration of the field.
//!
//! Before: `{"enum": ["retail", "catering"]}`
//! After:  `{"enum": ["retail", "catering"], "x-enum-labels": {"retail": "食品销售", "catering": "餐饮服务"}}`

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::messages::lint as text;
use crate::schema::visit;

pub fn check(definition: &Value, out: &mut Vec<Diagnostic>) {
    let nodes = visit::schemas(definition);
    let declared: Vec<&visit::Node<'_>> = nodes.iter().filter(|n| !n.in_condition).collect();
    for node in &declared {
        let Some(values) = node.schema.get("enum").and_then(Value::as_array) else {
            continue;
        };
        let labelled = |value: &str| {
            declared
                .iter()
                .filter(|n| n.field.is_some() && n.field == node.field || n.place == node.place)
                .filter_map(|n| n.schema.get("x-enum-labels"))
                .any(|labels| labels.get(value).is_some())
        };
        let missing: Vec<String> = values
            .iter()
            .filter_map(Value::as_str)
            .filter(|v| !labelled(v))
            .map(|v| format!("“{v}”"))
            .collect();
        if !missing.is_empty() {
            out.push(Diagnostic::warning(
                node.place.clone(),
                "lint.enum_without_labels",
                text::enum_without_labels(&node.field_name(), &missing.join("、")),
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
    fn an_enum_without_labels_is_reported() {
        let mut broken = item();
        broken["form"]["properties"]["category"]["x-enum-labels"] = json!({"a": "甲"});
        assert_eq!(
            run(check, &broken),
            vec![(
                "lint.enum_without_labels",
                "/form/properties/category".into(),
                crate::Severity::Warning
            )]
        );
    }

    #[test]
    fn enums_inside_conditions_need_no_labels() {
        let mut fine = item();
        fine["form"]["if"]["properties"]["category"] = json!({"enum": ["a"]});
        assert!(run(check, &fine).is_empty());
    }
}
