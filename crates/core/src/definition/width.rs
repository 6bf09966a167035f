//! How many subschemas apply at one place of the data. A JSON Schema
//! validator evaluates every `allOf`/`anyOf`/`oneOf` branch, `not`, `if`,
//! `then`, `else`, `dependentSchemas` entry and `$ref` target at the same
//! instance location, so a definition whose references fan out and meet
//! again (each level `allOf` eight references to the next) makes one value
//! cost 8^depth evaluations in any engine (measured with jsonschema 0.61: four
//! references over fifteen levels already take eleven seconds). Counting those
//! subschemas with a memo is linear in the size of the schema, so the
//! definition is refused at load instead of hanging every validation.
//!
//! Runs after [`super::refs::check`] has found every local reference
//! resolvable and free of cycles.

use std::collections::HashMap;

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::limits::Limits;
use crate::messages::limits as text;
use crate::pointer;

/// Keywords whose subschemas apply at the same instance location, with
/// whether their value is a list, a map or one schema.
const IN_PLACE: &[(&str, Shape)] = &[
    ("allOf", Shape::List),
    ("anyOf", Shape::List),
    ("oneOf", Shape::List),
    ("not", Shape::One),
    ("if", Shape::One),
    ("then", Shape::One),
    ("else", Shape::One),
    ("dependentSchemas", Shape::Map),
];

#[derive(Clone, Copy)]
enum Shape {
    One,
    List,
    Map,
}

/// The widest place of `schema` (whose place in the definition is `base`)
/// if more than [`Limits::max_schema_width`] subschemas apply there.
pub fn check(schema: &Value, base: &str, limits: &Limits) -> Option<Diagnostic> {
    let limit = limits.max_schema_width;
    let mut widths: HashMap<String, usize> = HashMap::new();
    for at in schema_objects(schema) {
        let width = width(schema, &at, limit, &mut widths);
        if width > limit {
            return Some(Diagnostic::error(
                format!("{base}{at}"),
                "definition.schema_too_wide",
                text::schema_too_wide(limit),
            ));
        }
    }
    None
}

/// The subschemas applied at the same place as the one at `at` (itself
/// included), saturating just above `limit`. Iterative, so a long chain of
/// references cannot exhaust the stack.
fn width(schema: &Value, at: &str, limit: usize, memo: &mut HashMap<String, usize>) -> usize {
    // (pointer, children pushed?) — the usual post-order walk.
    let mut stack: Vec<(String, bool)> = vec![(at.to_owned(), false)];
    let mut open: Vec<String> = Vec::new();
    while let Some((node, expanded)) = stack.pop() {
        if memo.contains_key(&node) {
            continue;
        }
        let children = in_place_children(schema, &node);
        if expanded {
            let sum = children
                .iter()
                .map(|c| memo.get(c).copied().unwrap_or(1))
                .fold(1usize, |acc, w| acc.saturating_add(w).min(limit + 1));
            memo.insert(node.clone(), sum);
            open.retain(|o| o != &node);
            continue;
        }
        if open.contains(&node) {
            // A cycle at one place; `refs::check` refuses those, count it once.
            continue;
        }
        open.push(node.clone());
        stack.push((node, true));
        for child in children {
            if !memo.contains_key(&child) && !open.contains(&child) {
                stack.push((child, false));
            }
        }
    }
    memo.get(at).copied().unwrap_or(1)
}

/// The pointers of the subschemas that apply where the schema at `at` does.
fn in_place_children(schema: &Value, at: &str) -> Vec<String> {
    let Some(Value::Object(map)) = schema.pointer(at) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(target) = map
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .filter(|f| f.is_empty() || f.starts_with('/'))
        .and_then(|f| pointer::fragment_pointer(f).ok())
        .filter(|t| schema.pointer(t).is_some())
    {
        out.push(target);
    }
    for (keyword, shape) in IN_PLACE {
        let Some(value) = map.get(*keyword) else {
            continue;
        };
        let here = pointer::join(at, keyword);
        match (shape, value) {
            (Shape::One, Value::Object(_)) => out.push(here),
            (Shape::List, Value::Array(items)) => {
                out.extend((0..items.len()).map(|i| format!("{here}/{i}")));
            }
            (Shape::Map, Value::Object(entries)) => {
                out.extend(entries.keys().map(|k| pointer::join(&here, k)));
            }
            _ => {}
        }
    }
    out
}

/// Every object of `schema` that may be a schema, in document order;
/// annotations (`x-*`) and data (`enum`, `const`, `default`, `examples`)
/// are not searched.
fn schema_objects(schema: &Value) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack: Vec<(&Value, String)> = vec![(schema, String::new())];
    while let Some((value, at)) = stack.pop() {
        match value {
            Value::Object(map) => {
                for (key, child) in map.iter().rev() {
                    if key.starts_with("x-")
                        || matches!(key.as_str(), "enum" | "const" | "default" | "examples")
                    {
                        continue;
                    }
                    stack.push((child, pointer::join(&at, key)));
                }
                found.push(at);
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate().rev() {
                    stack.push((child, format!("{at}/{i}")));
                }
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn diamond(fan: usize, levels: usize) -> Value {
        let mut defs = serde_json::Map::new();
        for i in 0..levels {
            let next = json!({"$ref": format!("#/$defs/d{}", i + 1)});
            defs.insert(format!("d{i}"), json!({"allOf": vec![next; fan]}));
        }
        defs.insert(format!("d{levels}"), json!({"type": "string"}));
        json!({"type": "object", "$defs": defs, "properties": {"a": {"$ref": "#/$defs/d0"}}})
    }

    #[test]
    fn a_fan_of_references_is_counted_with_its_multiplicity() {
        let limits = Limits {
            max_schema_width: 100,
            ..Limits::default()
        };
        // d0 applies 1 + 2·(1 + 2·(1 + 2·1)) = 15 schemas; the property adds its own.
        assert_eq!(check(&diamond(2, 3), "/form", &limits), None);
        let wide = check(&diamond(2, 6), "/form", &limits).unwrap();
        assert_eq!(wide.code, "definition.schema_too_wide");
        assert_eq!(wide.pointer, "/form/$defs/d0");
        assert!(wide.message.zh.contains("100"));
    }

    #[test]
    fn sibling_properties_do_not_add_up() {
        // Each property is another place of the data: widths do not sum.
        let properties: serde_json::Map<String, Value> = (0..50)
            .map(|i| (format!("p{i}"), json!({"$ref": "#/$defs/s"})))
            .collect();
        let schema = json!({"$defs": {"s": {"allOf": [{"type": "string"}, {"minLength": 1}]}}, "properties": properties});
        let limits = Limits {
            max_schema_width: 4,
            ..Limits::default()
        };
        assert_eq!(check(&schema, "/form", &limits), None);
    }
}
