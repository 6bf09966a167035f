//! A `pattern` (or a `patternProperties` key) must compile with the engine
//! banli validates with: the linear-time `regex` engine, which has no
//! lookaround and no backreferences. The form would not compile either; this
//! rule points at the pattern itself and says why.
//!
//! Before: `"pattern": "^(?!0)\\d{6}$"`
//! After:  `"pattern": "^[1-9]\\d{5}$"`

use serde_json::{Value, json};

use crate::diagnostic::Diagnostic;
use crate::messages::lint as text;
use crate::pointer;
use crate::schema::visit;

pub fn check(definition: &Value, out: &mut Vec<Diagnostic>) {
    for node in visit::schemas(definition) {
        if let Some(pattern) = node.schema.get("pattern").and_then(Value::as_str) {
            test(pattern, pointer::join(&node.place, "pattern"), out);
        }
        if let Some(patterns) = node
            .schema
            .get("patternProperties")
            .and_then(Value::as_object)
        {
            for pattern in patterns.keys() {
                test(
                    pattern,
                    pointer::join(&pointer::join(&node.place, "patternProperties"), pattern),
                    out,
                );
            }
        }
    }
}

fn test(pattern: &str, place: String, out: &mut Vec<Diagnostic>) {
    // The one engine configuration decides, not a second regex library.
    if let Err(e) = crate::schema::compile(&json!({"pattern": pattern})) {
        out.push(Diagnostic::error(
            place,
            "lint.pattern_rejected",
            text::pattern_rejected(pattern, &e.to_string()),
        ));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::tests::{item, run};
    use super::*;

    #[test]
    fn lookaround_is_rejected() {
        let mut broken = item();
        broken["form"]["properties"]["name"]["pattern"] = json!("^(?!0)\\d{6}$");
        assert_eq!(
            run(check, &broken),
            vec![(
                "lint.pattern_rejected",
                "/form/properties/name/pattern".into(),
                crate::Severity::Error
            )]
        );
    }

    #[test]
    fn linear_patterns_pass() {
        let mut fine = item();
        fine["form"]["properties"]["name"]["pattern"] = json!("^[1-9]\\d{5}$");
        assert!(run(check, &fine).is_empty());
    }
}
