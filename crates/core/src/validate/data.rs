//! What the applicant's data means before any rule looks at it: a string
//! that is empty or only white space was not filled in. Removing such members
//! makes a required one "missing" (with the message that says so) and an
//! optional one absent (so its format is not checked). Then a time or a
//! date with a time is completed to the RFC 3339 shape its format requires
//! ("09:30" → "09:30:00+08:00", `formats::time`), where the form says so
//! for that place (following the branches the data selects).

use std::borrow::Cow;

use serde_json::Value;

use crate::formats;
use crate::schema::SchemaWalker;

/// `data` (blanks already removed) with every string whose format
/// normalises ([`formats::normalises`]) completed; `None` when nothing
/// changes. The walk is iterative ([`SchemaWalker::string_formats`]); callers
/// pass data within the submission limits.
pub fn complete_formats(walker: &SchemaWalker<'_>, data: &Value) -> Option<Value> {
    let mut changes = Vec::new();
    for (path, format) in walker.string_formats(data) {
        if !formats::normalises(format) {
            continue;
        }
        let at = crate::pointer::render(&path);
        let Some(typed) = crate::pointer::get(data, &at).and_then(Value::as_str) else {
            continue;
        };
        if let Some(complete) = formats::time::normalise(format, typed)
            && complete != typed
        {
            changes.push((at, complete));
        }
    }
    if changes.is_empty() {
        return None;
    }
    let mut out = data.clone();
    for (at, complete) in changes {
        if let Some(slot) = out.pointer_mut(&at) {
            *slot = Value::String(complete);
        }
    }
    Some(out)
}

/// `data` without blank-string object members, at every depth; borrowed
/// unchanged when there are none (the common case).
pub fn normalize(data: &Value) -> Cow<'_, Value> {
    if has_blank_member(data) {
        Cow::Owned(without_blanks(data))
    } else {
        Cow::Borrowed(data)
    }
}

fn has_blank_member(data: &Value) -> bool {
    match data {
        Value::Object(map) => map.values().any(|v| is_blank(v) || has_blank_member(v)),
        Value::Array(items) => items.iter().any(has_blank_member),
        _ => false,
    }
}

fn without_blanks(data: &Value) -> Value {
    match data {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !is_blank(v))
                .map(|(k, v)| (k.clone(), without_blanks(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_blanks).collect()),
        other => other.clone(),
    }
}

fn is_blank(value: &Value) -> bool {
    value.as_str().is_some_and(|s| s.trim().is_empty())
}

/// Whether any `format` keyword of `form` names a format `wanted` accepts
/// (one with dates: validation skips this pass when none does; one that
/// normalises: normalising skips its walk).
pub fn form_has_formats(form: &Value, wanted: impl Fn(&str) -> bool) -> bool {
    let mut stack = vec![form];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if map
                    .get("format")
                    .and_then(Value::as_str)
                    .is_some_and(&wanted)
                {
                    return true;
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn blank_members_are_absent() {
        let data = json!({"a": " \u{3000}\t", "b": "x", "c": {"d": ""}, "e": ["", " "]});
        assert_eq!(
            *normalize(&data),
            json!({"b": "x", "c": {}, "e": ["", " "]})
        );
        let clean = json!({"a": "x", "b": [{"c": 1}]});
        assert!(matches!(normalize(&clean), Cow::Borrowed(_)));
    }
}
