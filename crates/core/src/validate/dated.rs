//! The dates inside identifiers, checked against the acceptance date.
//!
//! The schema engine asserts the Chinese formats with functions that see
//! only the string, so a birth date after the acceptance date passes it.
//! This pass finds every string the form says has a Chinese format with
//! dates (`ChineseFormat::check_dates`), following the branches the data
//! selects (as labels do), and reports those whose dates are impossible on
//! the acceptance date as an ordinary `format.<name>` violation. A value
//! the engine refuses is left to the engine: one error per value.

use serde_json::Value;
use time::Date;

use crate::calendar::format_date;
use crate::formats::chinese_format;
use crate::schema::SchemaWalker;
use crate::schema::violation::{Detail, Violation};

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

/// The violations of the values in `data` whose dates are impossible on
/// `accepted_on`, in data order.
pub fn violations(walker: &SchemaWalker<'_>, data: &Value, accepted_on: Date) -> Vec<Violation> {
    let mut out = Vec::new();
    for (path, name) in walker.string_formats(data) {
        let Some(format) = chinese_format(name) else {
            continue;
        };
        let Some(check_dates) = format.check_dates else {
            continue;
        };
        let Some(value) = value_at(data, &path) else {
            continue;
        };
        if (format.check)(value).is_err() {
            continue; // the engine reports it
        }
        if let Err(problem) = check_dates(value, accepted_on) {
            out.push(Violation {
                path,
                code: format!("format.{name}"),
                detail: Detail::ChineseFormat(problem),
                engine_message: format!(
                    "{value:?} is not possible on the acceptance date {}",
                    format_date(accepted_on)
                ),
            });
        }
    }
    out
}

fn value_at<'d>(data: &'d Value, path: &[crate::pointer::Segment]) -> Option<&'d str> {
    let mut current = data;
    for segment in path {
        current = match (current, segment) {
            (Value::Array(items), crate::pointer::Segment::Index(i)) => items.get(*i)?,
            (Value::Object(map), segment) => map.get(segment.as_key().as_ref())?,
            _ => return None,
        };
    }
    current.as_str()
}
