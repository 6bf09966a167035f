//! What the applicant's data means before any rule looks at it: a string
//! that is empty or only white space was not filled in. Removing such members
//! makes a required one "missing" (with the message that says so) and an
//! optional one absent (so its format is not checked).

use std::borrow::Cow;

use serde_json::Value;

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
