//! A misspelt keyword (`requried`, `x-widgte`, `maxlength`) is silently
//! ignored by JSON Schema, so the constraint the maintainer meant never
//! applies. Unknown keywords close (by edit distance, transpositions counting
//! once) to a JSON Schema 2020-12 or banli `x-` keyword are errors.
//!
//! Before: `{"type": "string", "requried": ["name"]}`
//! After:  `{"type": "string", "required": ["name"]}`

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::messages::lint as text;
use crate::pointer;
use crate::schema::visit;

/// JSON Schema 2020-12 keywords (core, applicator, validation, unevaluated,
/// format, content, meta-data) and the `x-` keywords banli reads.
pub const KNOWN: &[&str] = &[
    "$schema",
    "$id",
    "$ref",
    "$anchor",
    "$dynamicRef",
    "$dynamicAnchor",
    "$vocabulary",
    "$comment",
    "$defs",
    "definitions",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "if",
    "then",
    "else",
    "dependentSchemas",
    "prefixItems",
    "items",
    "contains",
    "properties",
    "patternProperties",
    "additionalProperties",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "type",
    "enum",
    "const",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxContains",
    "minContains",
    "maxProperties",
    "minProperties",
    "required",
    "dependentRequired",
    "format",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
    "title",
    "description",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "examples",
    "x-enum-labels",
    "x-widget",
    "x-order",
    "x-placeholder",
    "x-help",
    "x-messages",
    "x-i18n",
];

pub fn check(definition: &Value, out: &mut Vec<Diagnostic>) {
    for node in visit::schemas(definition) {
        for key in node.schema.keys() {
            // Draft-07 keywords have their own rule, which names the new spelling.
            if KNOWN.contains(&key.as_str())
                || super::draft07_keyword::DRAFT07_ONLY.contains(&key.as_str())
            {
                continue;
            }
            if let Some(meant) = nearest(key) {
                out.push(Diagnostic::error(
                    pointer::join(&node.place, key),
                    "lint.keyword_typo",
                    text::keyword_typo(key, meant),
                ));
            }
        }
    }
}

/// The known keyword `key` is most likely a typo of, if any is close enough.
pub fn nearest(key: &str) -> Option<&'static str> {
    super::closest(key, KNOWN.iter().copied())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::tests::{item, run};
    use super::*;

    #[test]
    fn typos_are_found() {
        assert_eq!(nearest("requried"), Some("required"));
        assert_eq!(nearest("x-widgte"), Some("x-widget"));
        assert_eq!(nearest("maxlength"), Some("maxLength"));
        assert_eq!(nearest("titel"), Some("title"));
        assert_eq!(nearest("kind"), None);
        assert_eq!(nearest("x-source"), None);
    }

    #[test]
    fn a_misspelt_keyword_is_an_error() {
        let mut broken = item();
        broken["form"]["requried"] = json!(["name"]);
        broken["form"]["properties"]["category"]["x-widgte"] = json!("radio");
        let found = run(check, &broken);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().any(|(_, p, _)| p == "/form/requried"));
        assert!(
            found
                .iter()
                .any(|(_, p, _)| p == "/form/properties/category/x-widgte")
        );
        assert!(found.iter().all(|(_, _, s)| *s == crate::Severity::Error));
    }

    #[test]
    fn field_names_are_not_keywords() {
        let mut fine = item();
        fine["form"]["properties"]["requried"] = json!({"type": "string", "title": "x"});
        assert!(run(check, &fine).is_empty());
    }
}
