//! Rewriting the draft-07 constructs of an item definition's schemas (the
//! form and each material's `required.when`) into their JSON Schema 2020-12
//! spelling, for maintainers coming from ajv or RJSF. Under 2020-12 these
//! constructs either stop the form from compiling (tuple `items`) or are
//! silently ignored (`dependencies`, `additionalItems`), so the rewrite
//! restores what the author meant:
//!
//! | draft-07                                   | 2020-12                      |
//! |--------------------------------------------|------------------------------|
//! | `definitions`                              | `$defs`                      |
//! | `$ref: "#/definitions/x"`                  | `$ref: "#/$defs/x"`          |
//! | `items: [A, B]`                            | `prefixItems: [A, B]`        |
//! | `additionalItems: S` (beside array `items`) | `items: S`                  |
//! | `dependencies: {a: ["b"]}`                 | `dependentRequired`          |
//! | `dependencies: {a: {…schema…}}`            | `dependentSchemas`           |
//! | `$schema: "http://json-schema.org/draft-07/schema#"` | the 2020-12 URI    |
//!
//! The rewrite builds a new value (the input is never modified), keeps key
//! order (the workspace enables serde_json's `preserve_order`; a renamed
//! keyword stays where it was), and lists every change with its JSON Pointer
//! in the input, so the CLI (and later the playground) only prints.
//! `$ref`s are translated along the renamed path with the one fragment
//! decoder ([`pointer::decode_fragment`]), whatever keyword they pass through.

use serde_json::{Map, Value};

use crate::messages::{Text, migrate as text};
use crate::pointer::{self, FragmentError};

/// The `$schema` value a migrated form may carry.
pub const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// True for the URIs by which a schema declares draft-07 (with or without
/// the trailing `#`, over http or https).
pub fn is_draft07_uri(uri: &str) -> bool {
    let rest = uri
        .strip_prefix("http://")
        .or_else(|| uri.strip_prefix("https://"))
        .unwrap_or("");
    matches!(
        rest,
        "json-schema.org/draft-07/schema" | "json-schema.org/draft-07/schema#"
    )
}

/// The result of [`draft07`]: the rewritten item definition and what changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Migrated {
    /// The whole item definition, its schemas in 2020-12 spelling.
    pub value: Value,
    /// Every change, in document order of the input; empty when the
    /// definition had nothing to migrate.
    pub changes: Vec<Change>,
}

/// One rewrite made by [`draft07`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// JSON Pointer of the construct in the input definition
    /// (`/form/properties/staff/items`).
    pub pointer: String,
    pub kind: ChangeKind,
}

/// What one [`Change`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    /// `$schema` draft-07 → 2020-12.
    Schema,
    /// `definitions` → `$defs`.
    Definitions,
    /// A `$ref` into a renamed place, rewritten (`#/definitions/a` → `#/$defs/a`).
    Ref { from: String, to: String },
    /// Array-valued `items` → `prefixItems`.
    TupleItems,
    /// `additionalItems` beside array `items` → `items`.
    AdditionalItems,
    /// `additionalItems` without array `items` had no effect in draft-07
    /// either; it is removed.
    AdditionalItemsRemoved,
    /// `dependencies` → `dependentRequired` (the properties whose values
    /// were arrays) and `dependentSchemas` (those whose values were schemas).
    Dependencies {
        required: Vec<String>,
        schemas: Vec<String>,
    },
}

impl Change {
    /// What the change did, in both languages, for a person.
    pub fn message(&self) -> Text {
        match &self.kind {
            ChangeKind::Schema => text::schema(DRAFT_2020_12),
            ChangeKind::Definitions => text::definitions(),
            ChangeKind::Ref { from, to } => text::reference(from, to),
            ChangeKind::TupleItems => text::tuple_items(),
            ChangeKind::AdditionalItems => text::additional_items(),
            ChangeKind::AdditionalItemsRemoved => text::additional_items_removed(),
            ChangeKind::Dependencies { required, schemas } => {
                text::dependencies(&required.join("、"), &schemas.join("、"))
            }
        }
    }
}

/// Why [`draft07`] cannot rewrite a definition. Nothing is half-rewritten:
/// on error there is no output at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MigrateError {
    /// The value is not an object with a `form`.
    #[error("not an item definition: no form")]
    NoForm,
    /// The definition nests deeper than [`crate::Limits::max_definition_depth`].
    #[error("{pointer}: nested too deeply")]
    TooDeep { pointer: String },
    /// The draft-07 keyword and its 2020-12 spelling are both present in
    /// one schema (`definitions` beside `$defs`, array `items` beside
    /// `prefixItems`, `dependencies` beside `dependentRequired`): merging
    /// them is the author's decision.
    #[error("{pointer}: both {old} and {new}")]
    Both {
        pointer: String,
        old: &'static str,
        new: &'static str,
    },
    /// A `dependencies` value that is neither an array of property names
    /// nor a schema (invalid in draft-07 too).
    #[error("{pointer}: neither a list of property names nor a schema")]
    BadDependency { pointer: String },
    /// A `$ref` whose fragment is not a well-formed JSON Pointer.
    #[error("{pointer}: {problem}")]
    BadReference {
        pointer: String,
        problem: FragmentError,
    },
}

impl MigrateError {
    /// The JSON Pointer of the problem in the input definition.
    pub fn pointer(&self) -> &str {
        match self {
            MigrateError::NoForm => "",
            MigrateError::TooDeep { pointer }
            | MigrateError::Both { pointer, .. }
            | MigrateError::BadDependency { pointer }
            | MigrateError::BadReference { pointer, .. } => pointer,
        }
    }

    /// What is wrong, in both languages, for a person.
    pub fn message(&self) -> Text {
        match self {
            MigrateError::NoForm => text::no_form(),
            MigrateError::TooDeep { .. } => text::too_deep(),
            MigrateError::Both { old, new, .. } => text::both(old, new),
            MigrateError::BadDependency { .. } => text::bad_dependency(),
            MigrateError::BadReference { problem, .. } => text::bad_reference(&problem.to_string()),
        }
    }
}

/// Rewrites the draft-07 constructs of an item definition's form and of
/// each material's `required.when` into JSON Schema 2020-12 (see the
/// module table). Everything else is copied as it is, in its order.
///
/// Shapes: `{"form": {"items": [{"type": "string"}]}, …}` →
/// `{"form": {"prefixItems": [{"type": "string"}]}, …}` with one change
/// `{pointer: "/form/items", kind: TupleItems}`.
///
/// # Errors
///
/// [`MigrateError::NoForm`] when `item` has no `form`; `TooDeep` beyond the
/// default definition depth limit; `Both`, `BadDependency` and
/// `BadReference` (each with its pointer) when a construct cannot be
/// rewritten without guessing.
pub fn draft07(item: &Value) -> Result<Migrated, MigrateError> {
    let Some(object) = item.as_object().filter(|o| o.contains_key("form")) else {
        return Err(MigrateError::NoForm);
    };
    let limit = crate::Limits::default().max_definition_depth;
    if let Some(pointer) = crate::limits::first_too_deep_value(item, limit) {
        return Err(MigrateError::TooDeep { pointer });
    }
    let mut changes = Vec::new();
    let mut out = Map::with_capacity(object.len());
    for (key, value) in object {
        let migrated = match key.as_str() {
            "form" => Migrator::new(value, "/form").schema(value, "", &mut changes)?,
            "materials" => materials(value, &mut changes)?,
            _ => value.clone(),
        };
        out.insert(key.clone(), migrated);
    }
    Ok(Migrated {
        value: Value::Object(out),
        changes,
    })
}

fn materials(value: &Value, changes: &mut Vec<Change>) -> Result<Value, MigrateError> {
    let Some(list) = value.as_array() else {
        return Ok(value.clone());
    };
    let mut out = Vec::with_capacity(list.len());
    for (i, material) in list.iter().enumerate() {
        let mut material = material.clone();
        if let Some(when) = material.pointer_mut("/required/when") {
            let base = format!("/materials/{i}/required/when");
            *when = Migrator::new(when, &base).schema(when, "", changes)?;
        }
        out.push(material);
    }
    Ok(Value::Array(out))
}

/// Keywords whose value is one schema.
const SCHEMA_KEYWORDS: &[&str] = &[
    "not",
    "if",
    "then",
    "else",
    "contains",
    "additionalProperties",
    "unevaluatedProperties",
    "unevaluatedItems",
    "propertyNames",
    "contentSchema",
];

/// Keywords whose value is an object of schemas.
const MAP_KEYWORDS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
];

/// Keywords whose value is an array of schemas.
const ARRAY_KEYWORDS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];

/// Migrates one schema root (the form, or one `when`): `$ref`s in it are
/// relative to `root`.
struct Migrator<'a> {
    root: &'a Value,
    /// Where `root` is in the item definition (`/form`).
    base: String,
}

impl<'a> Migrator<'a> {
    fn new(root: &'a Value, base: &str) -> Self {
        Self {
            root,
            base: base.to_owned(),
        }
    }

    fn at(&self, place: &str) -> String {
        format!("{}{place}", self.base)
    }

    /// The migrated copy of the schema at `place` (relative to the root).
    fn schema(
        &self,
        schema: &Value,
        place: &str,
        changes: &mut Vec<Change>,
    ) -> Result<Value, MigrateError> {
        let Some(object) = schema.as_object() else {
            return Ok(schema.clone());
        };
        let tuple = object.get("items").is_some_and(Value::is_array);
        for (old, new) in [
            ("definitions", "$defs"),
            ("dependencies", "dependentRequired"),
            ("dependencies", "dependentSchemas"),
        ] {
            if object.contains_key(old) && object.contains_key(new) {
                return Err(self.both(place, old, new));
            }
        }
        if tuple && object.contains_key("prefixItems") {
            return Err(self.both(place, "items", "prefixItems"));
        }
        let mut out = Map::with_capacity(object.len());
        for (key, value) in object {
            let here = pointer::join(place, key);
            match key.as_str() {
                "$schema" if value.as_str().is_some_and(is_draft07_uri) => {
                    self.record(changes, &here, ChangeKind::Schema);
                    out.insert(key.clone(), Value::String(DRAFT_2020_12.into()));
                }
                "$ref" => {
                    let migrated = self.reference(value, &here, changes)?;
                    out.insert(key.clone(), migrated);
                }
                "definitions" => {
                    self.record(changes, &here, ChangeKind::Definitions);
                    out.insert("$defs".into(), self.map(value, &here, changes)?);
                }
                "items" if tuple => {
                    self.record(changes, &here, ChangeKind::TupleItems);
                    out.insert("prefixItems".into(), self.array(value, &here, changes)?);
                }
                "additionalItems" if tuple => {
                    self.record(changes, &here, ChangeKind::AdditionalItems);
                    out.insert("items".into(), self.schema(value, &here, changes)?);
                }
                "additionalItems" => {
                    self.record(changes, &here, ChangeKind::AdditionalItemsRemoved);
                }
                "dependencies" => self.dependencies(value, &here, &mut out, changes)?,
                "items" => {
                    out.insert(key.clone(), self.schema(value, &here, changes)?);
                }
                k if SCHEMA_KEYWORDS.contains(&k) => {
                    out.insert(key.clone(), self.schema(value, &here, changes)?);
                }
                k if MAP_KEYWORDS.contains(&k) => {
                    out.insert(key.clone(), self.map(value, &here, changes)?);
                }
                k if ARRAY_KEYWORDS.contains(&k) => {
                    out.insert(key.clone(), self.array(value, &here, changes)?);
                }
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        Ok(Value::Object(out))
    }

    fn map(
        &self,
        value: &Value,
        place: &str,
        changes: &mut Vec<Change>,
    ) -> Result<Value, MigrateError> {
        let Some(object) = value.as_object() else {
            return Ok(value.clone());
        };
        let mut out = Map::with_capacity(object.len());
        for (name, sub) in object {
            let migrated = self.schema(sub, &pointer::join(place, name), changes)?;
            out.insert(name.clone(), migrated);
        }
        Ok(Value::Object(out))
    }

    fn array(
        &self,
        value: &Value,
        place: &str,
        changes: &mut Vec<Change>,
    ) -> Result<Value, MigrateError> {
        let Some(list) = value.as_array() else {
            return Ok(value.clone());
        };
        let mut out = Vec::with_capacity(list.len());
        for (i, sub) in list.iter().enumerate() {
            out.push(self.schema(sub, &format!("{place}/{i}"), changes)?);
        }
        Ok(Value::Array(out))
    }

    /// `dependencies` split by the shape of each value; the new keywords
    /// take its place in the key order (required first, then schemas).
    fn dependencies(
        &self,
        value: &Value,
        place: &str,
        out: &mut Map<String, Value>,
        changes: &mut Vec<Change>,
    ) -> Result<(), MigrateError> {
        let Some(object) = value.as_object() else {
            return Err(MigrateError::BadDependency {
                pointer: self.at(place),
            });
        };
        // Classified first, so the change is listed before those of the
        // schemas inside it (document order).
        for (name, dependency) in object {
            let fine = match dependency {
                Value::Array(names) => names.iter().all(Value::is_string),
                Value::Object(_) | Value::Bool(_) => true,
                _ => false,
            };
            if !fine {
                return Err(MigrateError::BadDependency {
                    pointer: self.at(&pointer::join(place, name)),
                });
            }
        }
        let names = |array: bool| {
            object
                .iter()
                .filter(|(_, d)| d.is_array() == array)
                .map(|(name, _)| name.clone())
                .collect()
        };
        self.record(
            changes,
            place,
            ChangeKind::Dependencies {
                required: names(true),
                schemas: names(false),
            },
        );
        let (mut required, mut schemas) = (Map::new(), Map::new());
        for (name, dependency) in object {
            if dependency.is_array() {
                required.insert(name.clone(), dependency.clone());
            } else {
                let here = pointer::join(place, name);
                schemas.insert(name.clone(), self.schema(dependency, &here, changes)?);
            }
        }
        if !required.is_empty() {
            out.insert("dependentRequired".into(), Value::Object(required));
        }
        if !schemas.is_empty() {
            out.insert("dependentSchemas".into(), Value::Object(schemas));
        }
        Ok(())
    }

    /// A `$ref` translated along the renames; unchanged when no rename
    /// touches it.
    fn reference(
        &self,
        value: &Value,
        place: &str,
        changes: &mut Vec<Change>,
    ) -> Result<Value, MigrateError> {
        let Some(fragment) = value.as_str().and_then(|r| r.strip_prefix('#')) else {
            // Remote references are refused when the definition loads.
            return Ok(value.clone());
        };
        if !fragment.is_empty() && !fragment.starts_with('/') {
            // A plain-name anchor: no path to rename.
            return Ok(value.clone());
        }
        let tokens =
            pointer::decode_fragment(fragment).map_err(|problem| MigrateError::BadReference {
                pointer: self.at(place),
                problem,
            })?;
        let translated = translate(self.root, &tokens);
        if translated == tokens {
            return Ok(value.clone());
        }
        let target = translated
            .iter()
            .fold(String::new(), |p, token| pointer::join(&p, token));
        // Always percent-encoded as RFC 3986 asks: the schema engine does not
        // resolve a fragment with raw non-ASCII text (`#/$defs/联系`), even
        // though banli's own decoder accepts it.
        let to = format!("#{}", pointer::to_fragment(&target));
        let from = format!("#{fragment}");
        self.record(
            changes,
            place,
            ChangeKind::Ref {
                from,
                to: to.clone(),
            },
        );
        Ok(Value::String(to))
    }

    fn record(&self, changes: &mut Vec<Change>, place: &str, kind: ChangeKind) {
        changes.push(Change {
            pointer: self.at(place),
            kind,
        });
    }

    fn both(&self, place: &str, old: &'static str, new: &'static str) -> MigrateError {
        MigrateError::Both {
            pointer: self.at(place),
            old,
            new,
        }
    }
}

/// What a schema position holds while following a `$ref`'s tokens.
#[derive(Clone, Copy)]
enum Slot {
    Schema,
    Map,
    Array,
    /// Data (`enum`, `x-i18n`…): nothing below is renamed.
    Other,
}

/// The tokens of a reference into the input `root`, renamed the way the
/// migration renames the keywords they pass through.
fn translate(root: &Value, tokens: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut node = Some(root);
    let mut slot = Slot::Schema;
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        let here = node;
        node = here.and_then(|n| match n {
            Value::Object(o) => o.get(token),
            Value::Array(a) => token.parse::<usize>().ok().and_then(|k| a.get(k)),
            _ => None,
        });
        let Some(object) = here.and_then(Value::as_object) else {
            out.push(token.clone());
            slot = Slot::Other;
            i += 1;
            continue;
        };
        let (name, next) = match slot {
            Slot::Map | Slot::Array => (token.as_str(), Slot::Schema),
            Slot::Other => (token.as_str(), Slot::Other),
            Slot::Schema => {
                let tuple = object.get("items").is_some_and(Value::is_array);
                match token.as_str() {
                    "definitions" => ("$defs", Slot::Map),
                    "items" if tuple => ("prefixItems", Slot::Array),
                    "additionalItems" if tuple => ("items", Slot::Schema),
                    "dependencies" => {
                        // The keyword depends on the shape of the entry named next.
                        let entry = tokens.get(i + 1).and_then(|t| node?.get(t));
                        let keyword = if entry.is_some_and(Value::is_array) {
                            "dependentRequired"
                        } else {
                            "dependentSchemas"
                        };
                        (keyword, Slot::Map)
                    }
                    "items" => ("items", Slot::Schema),
                    k if SCHEMA_KEYWORDS.contains(&k) => (k, Slot::Schema),
                    k if MAP_KEYWORDS.contains(&k) => (k, Slot::Map),
                    k if ARRAY_KEYWORDS.contains(&k) => (k, Slot::Array),
                    k => (k, Slot::Other),
                }
            }
        };
        out.push(name.to_owned());
        slot = next;
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn item(form: Value) -> Value {
        json!({"format": "banli-item/1", "form": form, "materials": []})
    }

    #[test]
    fn nothing_to_do_changes_nothing() {
        let input = item(json!({"type": "object", "properties": {"a": {"type": "string"}}}));
        let migrated = draft07(&input).unwrap();
        assert_eq!(migrated.value, input);
        assert!(migrated.changes.is_empty());
    }

    #[test]
    fn definitions_and_their_refs_are_renamed_in_place() {
        let input = item(json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "type": "object",
            "definitions": {"联系": {"type": "string"}, "a/b": {"type": "number"}},
            "properties": {
                "x": {"$ref": "#/definitions/联系"},
                "y": {"$ref": "#/definitions/%E8%81%94%E7%B3%BB"},
                "z": {"$ref": "#/definitions/a~1b"}
            }
        }));
        let migrated = draft07(&input).unwrap();
        let form = &migrated.value["form"];
        let keys: Vec<&String> = form.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["$schema", "type", "$defs", "properties"]);
        assert_eq!(form["$schema"], DRAFT_2020_12);
        assert_eq!(
            form["properties"]["x"]["$ref"],
            "#/$defs/%E8%81%94%E7%B3%BB"
        );
        assert_eq!(
            form["properties"]["y"]["$ref"],
            "#/$defs/%E8%81%94%E7%B3%BB"
        );
        assert_eq!(form["properties"]["z"]["$ref"], "#/$defs/a~1b");
        let places: Vec<&str> = migrated
            .changes
            .iter()
            .map(|c| c.pointer.as_str())
            .collect();
        assert_eq!(
            places,
            [
                "/form/$schema",
                "/form/definitions",
                "/form/properties/x/$ref",
                "/form/properties/y/$ref",
                "/form/properties/z/$ref"
            ]
        );
    }

    #[test]
    fn tuples_and_dependencies_take_their_new_names() {
        let input = item(json!({
            "type": "object",
            "properties": {
                "pair": {
                    "type": "array",
                    "items": [{"type": "string"}, {"type": "number"}],
                    "additionalItems": false
                },
                "loose": {"type": "array", "additionalItems": false}
            },
            "dependencies": {
                "a": ["b"],
                "c": {"properties": {"d": {"items": [{"$ref": "#/properties/pair/items/0"}]}}}
            },
            "required": []
        }));
        let migrated = draft07(&input).unwrap();
        let form = &migrated.value["form"];
        assert_eq!(
            form["properties"]["pair"],
            json!({"type": "array", "prefixItems": [{"type": "string"}, {"type": "number"}], "items": false})
        );
        assert_eq!(form["properties"]["loose"], json!({"type": "array"}));
        let keys: Vec<&String> = form.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "type",
                "properties",
                "dependentRequired",
                "dependentSchemas",
                "required"
            ]
        );
        assert_eq!(form["dependentRequired"], json!({"a": ["b"]}));
        assert_eq!(
            form["dependentSchemas"]["c"]["properties"]["d"]["prefixItems"][0]["$ref"],
            "#/properties/pair/prefixItems/0"
        );
        let kinds: Vec<(&str, &ChangeKind)> = migrated
            .changes
            .iter()
            .map(|c| (c.pointer.as_str(), &c.kind))
            .collect();
        assert_eq!(
            kinds[0],
            ("/form/properties/pair/items", &ChangeKind::TupleItems)
        );
        assert_eq!(
            kinds[3],
            (
                "/form/dependencies",
                &ChangeKind::Dependencies {
                    required: vec!["a".into()],
                    schemas: vec!["c".into()]
                }
            )
        );
        assert_eq!(kinds.len(), 6, "{kinds:?}");
    }

    #[test]
    fn when_conditions_are_migrated_too() {
        let mut input = item(json!({"type": "object"}));
        input["materials"] =
            json!([{"id": "m", "required": {"when": {"dependencies": {"a": ["b"]}}}}]);
        let migrated = draft07(&input).unwrap();
        assert_eq!(
            migrated.value["materials"][0]["required"]["when"],
            json!({"dependentRequired": {"a": ["b"]}})
        );
        assert_eq!(
            migrated.changes[0].pointer,
            "/materials/0/required/when/dependencies"
        );
    }

    #[test]
    fn what_cannot_be_rewritten_is_an_error_with_its_place() {
        let both = item(json!({"definitions": {}, "$defs": {}}));
        assert_eq!(draft07(&both).unwrap_err().pointer(), "/form");
        let bad = item(json!({"properties": {"a": {"dependencies": {"b": 3}}}}));
        assert_eq!(
            draft07(&bad).unwrap_err(),
            MigrateError::BadDependency {
                pointer: "/form/properties/a/dependencies/b".into()
            }
        );
        let fragment = item(json!({"$ref": "#/definitions/%ZZ"}));
        assert!(matches!(
            draft07(&fragment).unwrap_err(),
            MigrateError::BadReference { .. }
        ));
        assert_eq!(draft07(&json!([])).unwrap_err(), MigrateError::NoForm);
        for error in [
            draft07(&both).unwrap_err(),
            draft07(&bad).unwrap_err(),
            draft07(&fragment).unwrap_err(),
        ] {
            assert!(!error.message().zh.is_empty() && !error.message().en.is_empty());
        }
    }
}
