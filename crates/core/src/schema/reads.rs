//! Which places in the data the branch conditions of a form read: the
//! values that decide which `if`/`then`/`else`, `oneOf`/`anyOf` branch and
//! `dependentSchemas` entry apply (as [`super::SchemaWalker`] chooses them).
//! The layout and the pruning of hidden branches depend on the data only
//! through these places and through the length of arrays, so a change
//! elsewhere leaves them as they were (see
//! `CompiledItem::layout_depends_on`).

use std::collections::HashSet;

use serde_json::Value;

use super::condition::{Condition, TestKind};
use crate::pointer::Segment;

/// One segment of a place read by a condition: a property name, or any
/// entry of an array (or any member under `additionalProperties`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ReadSegment {
    Key(String),
    Any,
}

/// How deep the analysis follows `$ref`s and nested schemas before it gives
/// up (and every change counts as read). Definitions are bounded by the
/// definition limits long before this in practice.
const MAX_DEPTH: usize = 64;

/// The places the form's conditions read, as patterns over JSON Pointer
/// segments; `None` when the form cannot be analysed (a `$ref` that does
/// not resolve locally, nesting beyond [`MAX_DEPTH`]): then every change
/// must be treated as read.
pub fn condition_reads(form: &Value) -> Option<Vec<Vec<ReadSegment>>> {
    let mut out = Vec::new();
    let mut visiting = HashSet::new();
    walk(form, form, &[], 0, &mut visiting, &mut out)?;
    Some(out)
}

/// Whether a change at `path` may change what a condition reading
/// `pattern` sees: one is a prefix of the other (a parent replaced, or a
/// value inside the one read changed).
pub fn related(pattern: &[ReadSegment], path: &[Segment]) -> bool {
    pattern.iter().zip(path).all(|(p, s)| match p {
        ReadSegment::Any => true,
        ReadSegment::Key(key) => *key == s.as_key(),
    })
}

fn walk<'a>(
    root: &'a Value,
    schema: &'a Value,
    at: &[ReadSegment],
    depth: usize,
    visiting: &mut HashSet<(usize, Vec<ReadSegment>)>,
    out: &mut Vec<Vec<ReadSegment>>,
) -> Option<()> {
    if depth > MAX_DEPTH {
        return None;
    }
    let Value::Object(map) = schema else {
        return Some(());
    };
    // A schema reached again at the same place (a recursive `$ref`) adds nothing.
    if !visiting.insert((std::ptr::from_ref(schema) as usize, at.to_vec())) {
        return Some(());
    }
    let child = |segment: ReadSegment| {
        let mut path = at.to_vec();
        path.push(segment);
        path
    };
    if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
        let target = crate::pointer::resolve_local(root, reference)?;
        walk(root, target, at, depth + 1, visiting, out)?;
    }
    for keyword in ["oneOf", "anyOf"] {
        if let Some(Value::Array(branches)) = map.get(keyword) {
            for branch in branches {
                // The walker evaluates each branch as a condition on this place.
                condition(branch, at, out);
                walk(root, branch, at, depth + 1, visiting, out)?;
            }
        }
    }
    if let Some(Value::Array(all)) = map.get("allOf") {
        for sub in all {
            walk(root, sub, at, depth + 1, visiting, out)?;
        }
    }
    if let Some(test) = map.get("if") {
        condition(test, at, out);
    }
    for keyword in ["then", "else"] {
        if let Some(sub) = map.get(keyword) {
            walk(root, sub, at, depth + 1, visiting, out)?;
        }
    }
    if let Some(Value::Object(dependent)) = map.get("dependentSchemas") {
        for (trigger, sub) in dependent {
            out.push(child(ReadSegment::Key(trigger.clone())));
            walk(root, sub, at, depth + 1, visiting, out)?;
        }
    }
    if let Some(Value::Object(properties)) = map.get("properties") {
        for (name, sub) in properties {
            walk(
                root,
                sub,
                &child(ReadSegment::Key(name.clone())),
                depth + 1,
                visiting,
                out,
            )?;
        }
    }
    let items = map.get("items").into_iter();
    let prefix = map
        .get("prefixItems")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    let additional = map.get("additionalProperties").into_iter();
    for sub in items.chain(prefix).chain(additional) {
        walk(
            root,
            sub,
            &child(ReadSegment::Any),
            depth + 1,
            visiting,
            out,
        )?;
    }
    Some(())
}

/// The places `schema`, evaluated as a condition at `at` (by
/// [`Condition::holds`]), reads. Keywords the evaluator does not
/// understand answer the same whatever the data, so they read nothing.
fn condition(schema: &Value, at: &[ReadSegment], out: &mut Vec<Vec<ReadSegment>>) {
    if schema.is_object() {
        reads_of(&Condition::parse(schema), at, out);
    }
}

fn reads_of(condition: &Condition<'_>, at: &[ReadSegment], out: &mut Vec<Vec<ReadSegment>>) {
    for test in &condition.tests {
        match &test.kind {
            TestKind::Const(_) | TestKind::Enum(_) | TestKind::Type(_) => out.push(at.to_vec()),
            TestKind::Required(names) => {
                for (_, name) in names {
                    let mut path = at.to_vec();
                    path.push(ReadSegment::Key((*name).to_owned()));
                    out.push(path);
                }
            }
            TestKind::Properties(properties) => {
                for (name, sub) in properties {
                    let mut path = at.to_vec();
                    path.push(ReadSegment::Key((*name).to_owned()));
                    reads_of(sub, &path, out);
                }
            }
            TestKind::Not(negated) => reads_of(negated, at, out),
            TestKind::AllOf(branches) | TestKind::AnyOf(branches) => {
                for branch in branches {
                    reads_of(branch, at, out);
                }
            }
            TestKind::Always(_) | TestKind::OneOf(_) | TestKind::Annotation | TestKind::Other => {}
        }
    }
}
