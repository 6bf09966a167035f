//! A small evaluator for the conditions of `if` and `oneOf` branches, used to
//! decide which branch's labels apply to a piece of data without compiling
//! the condition. It understands the keywords conditions are written with
//! (`const`, `enum`, `required`, `type`, `properties`, `not`, `allOf`,
//! `anyOf`) and answers `None` for anything else, so callers fall back to
//! considering every branch.

use serde_json::Value;

pub fn evaluate(schema: &Value, data: Option<&Value>) -> Option<bool> {
    let Value::Object(schema) = schema else {
        return schema.as_bool();
    };
    let mut result = true;
    for (keyword, argument) in schema {
        let holds = match keyword.as_str() {
            "const" => data.map(|d| d == argument),
            "enum" => data.map(|d| {
                argument
                    .as_array()
                    .is_some_and(|options| options.contains(d))
            }),
            "required" => {
                let object = data.and_then(Value::as_object);
                Some(argument.as_array().is_some_and(|names| {
                    names.iter().all(|n| {
                        n.as_str()
                            .is_some_and(|n| object.is_some_and(|o| o.contains_key(n)))
                    })
                }))
            }
            "type" => data.map(|d| type_matches(argument, d)),
            "properties" => match data {
                Some(Value::Object(object)) => {
                    let mut all = Some(true);
                    for (name, sub) in argument.as_object()? {
                        if let Some(value) = object.get(name) {
                            all = and(all, evaluate(sub, Some(value)));
                        }
                    }
                    all
                }
                _ => Some(true),
            },
            "not" => evaluate(argument, data).map(|b| !b),
            "allOf" => {
                let mut all = Some(true);
                for branch in argument.as_array()? {
                    all = and(all, evaluate(branch, data));
                }
                all
            }
            "anyOf" => {
                let results: Vec<_> = argument
                    .as_array()?
                    .iter()
                    .map(|s| evaluate(s, data))
                    .collect();
                if results.contains(&Some(true)) {
                    Some(true)
                } else if results.iter().all(|r| *r == Some(false)) {
                    Some(false)
                } else {
                    None
                }
            }
            "title" | "description" | "$comment" => Some(true),
            k if k.starts_with("x-") => Some(true),
            _ => None,
        };
        match holds {
            Some(true) => {}
            Some(false) => return Some(false),
            None => result = false,
        }
    }
    if result { Some(true) } else { None }
}

fn and(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

fn type_matches(argument: &Value, data: &Value) -> bool {
    let matches_one = |name: &str| match name {
        "object" => data.is_object(),
        "array" => data.is_array(),
        "string" => data.is_string(),
        "boolean" => data.is_boolean(),
        "null" => data.is_null(),
        "number" => data.is_number(),
        "integer" => data.as_f64().is_some_and(|n| n.fract() == 0.0),
        _ => false,
    };
    match argument {
        Value::String(name) => matches_one(name),
        Value::Array(names) => names.iter().filter_map(Value::as_str).any(matches_one),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn discriminator_conditions() {
        let condition = json!({"properties": {"kind": {"const": "person"}}, "required": ["kind"]});
        assert_eq!(
            evaluate(&condition, Some(&json!({"kind": "person"}))),
            Some(true)
        );
        assert_eq!(
            evaluate(&condition, Some(&json!({"kind": "organisation"}))),
            Some(false)
        );
        assert_eq!(evaluate(&condition, Some(&json!({}))), Some(false));
        assert_eq!(evaluate(&json!({"minimum": 3}), Some(&json!(4))), None);
    }
}
