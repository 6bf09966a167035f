//! The first check of an item definition: the meta-schema
//! (`schemas/item-definition.schema.json`), embedded so that the core never
//! reads files. Its violations become maintainer diagnostics.
//!
//! Only with the `meta-schema` feature (on by default). The `<banli-form>`
//! widget leaves it off: a portal serves definitions that `banli lint` or
//! the server has already checked, and the meta-schema (64 KiB of JSON,
//! compiled at the first mount) is bytes and time the browser would spend
//! before the form is typeable. Without it, a definition is still read
//! into the typed model, checked by the semantic rules and compiled, so a
//! broken one is still refused, with fewer diagnostics; a valid one gives
//! the same `CompiledItem` either way. The same holds for a bundle file's
//! descriptive keys ([`check_described`]).

#[cfg(feature = "meta-schema")]
use std::sync::Arc;

#[cfg(feature = "meta-schema")]
use jsonschema::Validator;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
#[cfg(feature = "meta-schema")]
use crate::messages::definition as text;
#[cfg(feature = "meta-schema")]
use crate::schema::violation::{self, Detail};

/// The meta-schema's source, also served to editors from `schemas/`.
pub const META_SCHEMA: &str = include_str!("../../../../schemas/item-definition.schema.json");

#[cfg(feature = "meta-schema")]
thread_local! {
    // Compiled once per thread: a `thread_local` rather than a static because
    // in wasm the validator is not `Sync`.
    static META_VALIDATOR: (Arc<Validator>, Value) = {
        let schema: Value = serde_json::from_str(META_SCHEMA).expect("the embedded meta-schema is valid JSON");
        let validator = crate::schema::compile(&schema).expect("the embedded meta-schema compiles");
        (validator, schema)
    };
}

#[cfg(feature = "meta-schema")]
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

/// Every meta-schema violation of `definition`, as diagnostics whose
/// place is a JSON Pointer into the definition.
#[cfg(feature = "meta-schema")]
pub fn check(definition: &Value) -> Vec<Diagnostic> {
    META_VALIDATOR.with(|(validator, schema)| diagnostics(validator, schema, definition))
}

/// Every violation of the item meta-schema by the descriptive keys
/// ([`Described::KEYS`](crate::definition::Described::KEYS)) of `object`,
/// such as a bundle file; other keys are not looked at. Pointers are from
/// `object`'s root (`/offices/0/address`).
#[cfg(feature = "meta-schema")]
pub fn check_described(object: &Value) -> Vec<Diagnostic> {
    DESCRIBED_VALIDATOR.with(|(validator, schema)| diagnostics(validator, schema, object))
}

#[cfg(feature = "meta-schema")]
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

/// Without the `meta-schema` feature: nothing to report (see the module
/// documentation for what still refuses a broken definition).
#[cfg(not(feature = "meta-schema"))]
pub fn check(_definition: &Value) -> Vec<Diagnostic> {
    Vec::new()
}

/// Without the `meta-schema` feature: nothing to report; a bundle file's
/// descriptive keys are still read into their typed model.
#[cfg(not(feature = "meta-schema"))]
pub fn check_described(_object: &Value) -> Vec<Diagnostic> {
    Vec::new()
}

#[cfg(feature = "meta-schema")]
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
