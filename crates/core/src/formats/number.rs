//! What a number box holds once the applicant has typed in it: the JSON
//! value every shell (the widget, a portal's own UI) puts in the data, so
//! that the schema's `type: number` / `integer` and its limits judge the
//! same value everywhere.

use serde_json::Value;

use super::width;

/// The value of a number box whose text is `text`: `None` when blank
/// (the field is absent, as for every blank field); a JSON number when the
/// text is one, after full-width forms are folded (Chinese input methods
/// type １２．５ and －３); the text itself otherwise, so that validation
/// names the field ("应为数字") instead of the box silently dropping it.
///
/// Whole numbers are integers, exactly (never rounded through `f64`
/// beyond 2^53), and `320.0` is `320`: the same number, which JSON Schema
/// counts as an `integer`.
pub fn typed(text: &str) -> Option<Value> {
    let folded = width::fold(text);
    let trimmed = folded.trim();
    if trimmed.is_empty() {
        return None;
    }
    let number = trimmed.parse::<i64>().map(Value::from).ok().or_else(|| {
        trimmed
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .and_then(|n| {
                // Below 9e15 an f64 holds every whole number exactly.
                if n.fract() == 0.0 && n.abs() < 9.0e15 {
                    Some(Value::from(n as i64))
                } else {
                    serde_json::Number::from_f64(n).map(Value::Number)
                }
            })
    });
    Some(number.unwrap_or_else(|| Value::String(text.to_owned())))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::typed;

    #[test]
    fn numbers_typed_by_an_input_method_and_whole_numbers_written_with_a_point() {
        assert_eq!(typed("１２．５"), Some(json!(12.5)));
        assert_eq!(typed("　－３　"), Some(json!(-3)));
        assert_eq!(typed("66.0"), Some(json!(66)), "an integer to JSON Schema");
        assert_eq!(typed("2.5"), Some(json!(2.5)), "not whole");
        assert_eq!(
            typed("9007199254740993"),
            Some(json!(9_007_199_254_740_993_i64)),
            "whole numbers are not rounded through f64"
        );
        assert_eq!(
            typed("一二"),
            Some(json!("一二")),
            "left for validation to name"
        );
        assert_eq!(typed("  "), None, "blank is absent");
        assert_eq!(typed("1e400"), Some(json!("1e400")), "not a finite number");
    }
}
