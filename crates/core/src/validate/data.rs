//! What the applicant's data means before any rule looks at it: a string
//! that is empty or only white space was not filled in. Removing such members
//! makes a required one "missing" (with the message that says so) and an
//! optional one absent (so its format is not checked).

use serde_json::Value;

/// A copy of `data` without blank-string object members, at every depth.
pub fn normalize(data: &Value) -> Value {
    match data {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !is_blank(v))
                .map(|(k, v)| (k.clone(), normalize(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(normalize).collect()),
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
        assert_eq!(normalize(&data), json!({"b": "x", "c": {}, "e": ["", " "]}));
    }
}
