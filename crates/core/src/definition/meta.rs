//! The first check of an item definition: the meta-schema
//! (`schemas/item-definition.schema.json`), embedded so that the core never
//! reads files. Its violations become maintainer diagnostics.

use std::sync::Arc;

use jsonschema::Validator;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::messages::definition as text;
use crate::schema::violation::{self, Detail};

/// The meta-schema's source, also served to editors from `schemas/`.
pub const META_SCHEMA: &str = include_str!("../../../../schemas/item-definition.schema.json");

thread_local! {
    // Compiled once per thread: a `thread_local` rather than a static because
    // in wasm the validator is not `Sync`.
    static META_VALIDATOR: (Arc<Validator>, Value) = {
        let schema: Value = serde_json::from_str(META_SCHEMA).expect("the embedded meta-schema is valid JSON");
        let validator = crate::schema::compile(&schema).expect("the embedded meta-schema compiles");
        (validator, schema)
    };
}

thread_local! {
    // The descriptive keys alone (`Described::KEYS`), with the item
    // meta-schema's own definitions, so that a bundle file's keys have
    // exactly an item's shapes and the shapes are written once.
    static DESCRIBED_VALIDATOR: (Arc<Validator>, Value) = {
        let item: Value = serde_json::from_str(META_SCHEMA).expect("the embedded meta-schema is valid JSON");
        let properties: serde_json::Map<String, Value> = crate::definition::Described::KEYS
            .iter()
            .map(|key| ((*key).to_owned(), item["properties"][*key].clone()))
            .collect();
        let schema = serde_json::json!({
            "$schema": item["$schema"],
            "type": "object",
            "properties": properties,
            "$defs": item["$defs"],
        });
        let validator = crate::schema::compile(&schema).expect("the descriptive keys' schema compiles");
        (validator, schema)
    };
}

/// Every meta-schema violation of `definition`.
pub fn check(definition: &Value) -> Vec<Diagnostic> {
    META_VALIDATOR.with(|(validator, schema)| diagnostics(validator, schema, definition))
}

/// Every violation of the item meta-schema by the descriptive keys
/// ([`Described::KEYS`](crate::definition::Described::KEYS)) of `object`,
/// such as a bundle file; other keys are not looked at. Pointers are from
/// `object`'s root (`/offices/0/address`).
pub fn check_described(object: &Value) -> Vec<Diagnostic> {
    DESCRIBED_VALIDATOR.with(|(validator, schema)| diagnostics(validator, schema, object))
}

fn diagnostics(validator: &Validator, schema: &Value, definition: &Value) -> Vec<Diagnostic> {
    violation::collect(validator, schema, definition)
        .into_iter()
        .map(|v| {
            let pointer = v.pointer();
            let code = meta_code(&v.code);
            let message = match (&v.code[..], &v.detail) {
                ("required", _) => text::missing_key(
                    &v.path
                        .last()
                        .map(|s| s.as_key().into_owned())
                        .unwrap_or_default(),
                ),
                ("additionalProperties" | "unevaluatedProperties", Detail::Unexpected(names)) => {
                    text::unknown_key(names.first().map_or("", String::as_str))
                }
                _ => text::schema_violation(&v.engine_message),
            };
            Diagnostic::error(pointer, code, message)
        })
        .collect()
}

fn meta_code(code: &str) -> &'static str {
    match code {
        "required" => "definition.missing_key",
        "additionalProperties" | "unevaluatedProperties" => "definition.unknown_key",
        "type" => "definition.wrong_type",
        "enum" | "const" => "definition.unknown_value",
        "pattern" => "definition.bad_pattern",
        _ => "definition.schema",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_meta_schema_is_a_valid_2020_12_schema() {
        let schema: Value = serde_json::from_str(META_SCHEMA).unwrap();
        assert!(jsonschema::meta::is_valid(&schema));
    }
}
