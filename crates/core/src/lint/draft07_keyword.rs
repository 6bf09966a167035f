//! Draft-07 constructs (what ajv and RJSF forms are written in) mean
//! something else, or nothing, under JSON Schema 2020-12: array-valued
//! `items` stops the form from compiling, `dependencies` and
//! `additionalItems` are unknown keywords and silently ignored, and
//! `definitions` only works by accident of pointer resolution. Each is an
//! error at its own place, saying the 2020-12 spelling; `banli migrate`
//! ([`crate::migrate::draft07`]) rewrites them all.
//!
//! Before: `{"type": "array", "items": [{"type": "string"}], "additionalItems": false}`
//! After:  `{"type": "array", "prefixItems": [{"type": "string"}], "items": false}`

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::messages::lint as text;
use crate::migrate::is_draft07_uri;
use crate::pointer;
use crate::schema::visit;

/// The keywords that exist only in draft-07 (and earlier); the typo rule
/// leaves them to this one.
pub const DRAFT07_ONLY: &[&str] = &["definitions", "dependencies", "additionalItems"];

pub fn check(definition: &Value, out: &mut Vec<Diagnostic>) {
    for node in visit::schemas(definition) {
        let schema = node.schema;
        let tuple = schema.get("items").is_some_and(Value::is_array);
        for (key, value) in schema {
            let message = match key.as_str() {
                "$schema" if value.as_str().is_some_and(is_draft07_uri) => {
                    text::draft07_schema(value.as_str().unwrap_or_default())
                }
                "definitions" => text::draft07_definitions(),
                "items" if tuple => text::draft07_tuple_items(),
                "additionalItems" if tuple => text::draft07_additional_items(),
                "additionalItems" => text::draft07_additional_items_alone(),
                "dependencies" => {
                    let names = |array: bool| -> String {
                        value
                            .as_object()
                            .into_iter()
                            .flatten()
                            .filter(|(_, d)| d.is_array() == array)
                            .map(|(name, _)| name.as_str())
                            .collect::<Vec<_>>()
                            .join("、")
                    };
                    text::draft07_dependencies(&names(true), &names(false))
                }
                _ => continue,
            };
            out.push(Diagnostic::error(
                pointer::join(&node.place, key),
                "lint.draft07_keyword",
                message,
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
    fn every_draft07_construct_is_an_error_at_its_place() {
        let mut old = item();
        old["form"]["$schema"] = json!("http://json-schema.org/draft-07/schema#");
        old["form"]["definitions"] = json!({"name": {"type": "string"}});
        old["form"]["dependencies"] =
            json!({"name": ["category"], "category": {"required": ["name"]}});
        old["form"]["properties"]["pair"] = json!({
            "type": "array", "title": "对",
            "items": [{"type": "string", "title": "甲"}],
            "additionalItems": false
        });
        let found = run(check, &old);
        let places: Vec<&str> = found.iter().map(|(_, p, _)| p.as_str()).collect();
        assert_eq!(
            places,
            [
                "/form/$schema",
                "/form/definitions",
                "/form/dependencies",
                "/form/properties/pair/items",
                "/form/properties/pair/additionalItems",
            ]
        );
        assert!(found.iter().all(|(_, _, s)| *s == crate::Severity::Error));
    }

    #[test]
    fn the_2020_12_spelling_is_fine() {
        let mut new = item();
        new["form"]["$defs"] = json!({"name": {"type": "string"}});
        new["form"]["dependentRequired"] = json!({"name": ["category"]});
        new["form"]["properties"]["name"]["$schema"] = json!(crate::migrate::DRAFT_2020_12);
        assert!(run(check, &new).is_empty());
    }
}
