//! A required yes/no question forced into a checkbox (`x-widget:
//! checkbox`) cannot be answered 否: an unticked box leaves the field
//! absent, and `required` then refuses it. Without `x-widget` the widget
//! lays a required boolean out as 是/否 radio buttons; a box that must be
//! ticked (a consent) says so with `const: true`.
//!
//! Before: `"lit": {"type": "boolean", "x-widget": "checkbox"}` with `"required": ["lit"]`
//! After:  `"lit": {"type": "boolean"}`

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::messages::lint as text;
use crate::schema::visit;

pub fn check(definition: &Value, out: &mut Vec<Diagnostic>) {
    for node in visit::schemas(definition) {
        if node.in_condition {
            continue;
        }
        let (Some(required), Some(properties)) = (
            node.schema.get("required").and_then(Value::as_array),
            node.schema.get("properties").and_then(Value::as_object),
        ) else {
            continue;
        };
        for name in required.iter().filter_map(Value::as_str) {
            let Some(field) = properties.get(name) else {
                continue;
            };
            let is_boolean = field.get("type").and_then(Value::as_str) == Some("boolean");
            let checkbox = field.get("x-widget").and_then(Value::as_str) == Some("checkbox");
            let must_be_true = field.get("const") == Some(&Value::Bool(true));
            if is_boolean && checkbox && !must_be_true {
                let title = field.get("title").and_then(Value::as_str).unwrap_or(name);
                out.push(Diagnostic::warning(
                    format!("{}/properties/{}", node.place, crate::pointer::escape(name)),
                    "lint.required_checkbox",
                    text::required_checkbox(title),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::tests::{item, run};
    use super::*;

    #[test]
    fn a_required_yes_no_checkbox_is_reported_and_a_consent_is_not() {
        let mut broken = item();
        broken["form"]["properties"]["lit"] =
            json!({"type": "boolean", "title": "是否设置灯光照明", "x-widget": "checkbox"});
        broken["form"]["properties"]["agree"] =
            json!({"type": "boolean", "title": "同意", "x-widget": "checkbox", "const": true});
        broken["form"]["properties"]["extra"] =
            json!({"type": "boolean", "title": "其他", "x-widget": "checkbox"});
        let required = broken["form"]["required"].as_array_mut().unwrap();
        required.extend([json!("lit"), json!("agree")]);
        assert_eq!(
            run(check, &broken),
            vec![(
                "lint.required_checkbox",
                "/form/properties/lit".into(),
                crate::Severity::Warning
            )]
        );
    }
}
