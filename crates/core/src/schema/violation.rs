//! A schema engine error turned into banli's own terms: the place in the data
//! (for `required`, the missing field itself), a stable code, and what the
//! message needs. Everything downstream (labels, messages, order) works on
//! `Violation`, so the engine could be swapped without touching reports.

#[cfg(feature = "engine")]
use jsonschema::error::{TypeKind, ValidationErrorKind};
#[cfg(feature = "engine")]
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::formats::FormatProblem;
#[cfg(feature = "engine")]
use crate::formats::chinese_format;
use crate::pointer::{self, Segment};

#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// Where the problem is; for a missing field, the field's own place.
    pub path: Vec<Segment>,
    /// Stable code: the JSON Schema keyword, or `format.<name>`.
    pub code: String,
    pub detail: Detail,
    /// The engine's own English description, kept for maintainers.
    pub engine_message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    None,
    /// A limit such as `minimum` or `maxLength`, printed as written.
    Limit(String),
    Options(Vec<Value>),
    Constant(Value),
    Types(Vec<String>),
    ChineseFormat(FormatProblem),
    Format(String),
    Pattern(String),
    /// `dependentRequired`: the field whose presence requires this one.
    Trigger(String),
    Unexpected(Vec<String>),
    Custom(String),
}

impl Violation {
    pub fn pointer(&self) -> String {
        pointer::render(&self.path)
    }
}

/// Why a schema does not compile, in banli's terms: the place inside the
/// schema and the problem in both languages, never the engine's English
/// text with the schema dumped into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileProblem {
    /// JSON Pointer inside the compiled schema (`/properties/a/items`); ""
    /// when the engine names no place (an unresolvable reference).
    pub pointer: String,
    pub problem: crate::messages::Text,
}

/// Turns the engine's compile error into a [`CompileProblem`]. The engine
/// checks a schema against the 2020-12 meta-schema, so the error's
/// *instance* path is the place in the schema (its schema path is a place in
/// the meta-schema, useless to a maintainer).
///
/// `schema` is the schema that failed to compile: a reference the engine
/// cannot resolve carries no place, so it is found there by its text.
#[cfg(feature = "engine")]
pub fn compile_problem(error: &ValidationError<'_>, schema: &Value) -> CompileProblem {
    use crate::messages::definition as text;
    if let ValidationErrorKind::Referencing(_) = error.kind() {
        // The engine's text is only matched against, never shown.
        let engine = error.to_string();
        let found = find_ref(schema, &|reference| {
            let fragment = reference.trim_start_matches('#');
            !fragment.is_empty() && engine.contains(fragment)
        });
        return match found {
            Some((at, reference)) => CompileProblem {
                pointer: pointer::join(&at, "$ref"),
                problem: if reference.is_ascii() {
                    text::compile_reference(&short(&Value::String(reference)))
                } else {
                    text::compile_reference_not_encoded(&short(&Value::String(reference)))
                },
            },
            None => CompileProblem {
                pointer: String::new(),
                problem: text::compile_reference(""),
            },
        };
    }
    let pointer = error.instance_path().to_string();
    let keyword = pointer.rsplit('/').next().unwrap_or_default();
    let instance = error.instance();
    let problem = match error.kind() {
        ValidationErrorKind::Type { kind } => {
            let types: Vec<String> = match kind {
                TypeKind::Single(t) => vec![t.to_string()],
                TypeKind::Multiple(set) => set.iter().map(|t| t.to_string()).collect(),
            };
            let a_schema = types.len() == 2
                && types.iter().any(|t| t == "object")
                && types.iter().any(|t| t == "boolean");
            match (a_schema, keyword, instance.is_array()) {
                (true, "items", true) => text::compile_tuple_items(),
                (true, _, _) => text::compile_not_a_schema(),
                (false, _, _) => text::compile_wrong_type(&types.join(" / ")),
            }
        }
        ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::Enum { .. }
            if keyword == "type" =>
        {
            text::compile_unknown_type(&short(instance))
        }
        ValidationErrorKind::Format { format } if format == "regex" => {
            text::compile_bad_pattern(&short(instance))
        }
        ValidationErrorKind::Minimum { .. } if instance.is_number() => text::compile_negative(),
        _ => text::compile_generic(),
    };
    CompileProblem { pointer, problem }
}

/// The place and text of the first `$ref` (in document order) that
/// `matches` (iterative, so any nesting the limits let through is safe).
#[cfg(feature = "engine")]
fn find_ref(schema: &Value, matches: &dyn Fn(&str) -> bool) -> Option<(String, String)> {
    let mut stack = vec![(schema, String::new())];
    while let Some((value, place)) = stack.pop() {
        match value {
            Value::Object(object) => {
                if let Some(reference) = object.get("$ref").and_then(Value::as_str)
                    && matches(reference)
                {
                    return Some((place, reference.to_owned()));
                }
                for (key, sub) in object.iter().rev() {
                    stack.push((sub, pointer::join(&place, key)));
                }
            }
            Value::Array(list) => {
                for (i, sub) in list.iter().enumerate().rev() {
                    stack.push((sub, format!("{place}/{i}")));
                }
            }
            _ => {}
        }
    }
    None
}

/// A value short enough to quote in a message (a string or number), or
/// nothing: a whole subschema is never dumped into a message.
#[cfg(feature = "engine")]
fn short(value: &Value) -> String {
    match value {
        Value::String(s) if s.chars().count() <= 60 => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// Every violation of `instance` against `validator`, engine order.
#[cfg(feature = "engine")]
pub fn collect(validator: &Validator, schema: &Value, instance: &Value) -> Vec<Violation> {
    validator
        .iter_errors(instance)
        .flat_map(|e| from_error(&e, schema, instance))
        .collect()
}

/// One engine error becomes one violation, except `additionalProperties`,
/// which becomes one per unexpected property so each is reported at its place.
#[cfg(feature = "engine")]
pub fn from_error(error: &ValidationError<'_>, schema: &Value, instance: &Value) -> Vec<Violation> {
    let path = pointer::parse(&error.instance_path().to_string());
    let schema_path = error.schema_path().to_string();
    let engine_message = error.to_string();
    let single = |path: Vec<Segment>, code: &str, detail: Detail| {
        vec![Violation {
            path,
            code: code.to_owned(),
            detail,
            engine_message: engine_message.clone(),
        }]
    };
    match error.kind() {
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default().to_owned();
            let mut field = path.clone();
            field.push(Segment::Key(name.clone()));
            if schema_path.ends_with("/dependentRequired") {
                let trigger = dependent_trigger(schema, &schema_path, instance, &path, &name);
                single(
                    field,
                    "dependentRequired",
                    Detail::Trigger(trigger.unwrap_or_default()),
                )
            } else {
                single(field, "required", Detail::None)
            }
        }
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let code = if matches!(
                error.kind(),
                ValidationErrorKind::AdditionalProperties { .. }
            ) {
                "additionalProperties"
            } else {
                "unevaluatedProperties"
            };
            unexpected
                .iter()
                .map(|name| {
                    let mut field = path.clone();
                    field.push(Segment::Key(name.clone()));
                    Violation {
                        path: field,
                        code: code.to_owned(),
                        detail: Detail::Unexpected(vec![name.clone()]),
                        engine_message: engine_message.clone(),
                    }
                })
                .collect()
        }
        ValidationErrorKind::Format { format } => {
            let detail = match (chinese_format(format), error.instance().as_str()) {
                (Some(f), Some(value)) => (f.check)(value)
                    .err()
                    .map_or(Detail::Format(format.clone()), Detail::ChineseFormat),
                _ => Detail::Format(format.clone()),
            };
            single(path, &format!("format.{format}"), detail)
        }
        ValidationErrorKind::Type { kind } => {
            let types = match kind {
                TypeKind::Single(t) => vec![t.to_string()],
                TypeKind::Multiple(set) => set.iter().map(|t| t.to_string()).collect(),
            };
            single(path, "type", Detail::Types(types))
        }
        ValidationErrorKind::Enum { options } => single(
            path,
            "enum",
            Detail::Options(options.as_array().cloned().unwrap_or_default()),
        ),
        ValidationErrorKind::Constant { expected_value } => single(
            path,
            "const",
            Detail::Constant(expected_value.as_ref().clone()),
        ),
        ValidationErrorKind::Pattern { pattern } => {
            single(path, "pattern", Detail::Pattern(pattern.clone()))
        }
        ValidationErrorKind::MinLength { limit } => {
            single(path, "minLength", Detail::Limit(limit.to_string()))
        }
        ValidationErrorKind::MaxLength { limit } => {
            single(path, "maxLength", Detail::Limit(limit.to_string()))
        }
        ValidationErrorKind::MinItems { limit } => {
            single(path, "minItems", Detail::Limit(limit.to_string()))
        }
        ValidationErrorKind::MaxItems { limit } => {
            single(path, "maxItems", Detail::Limit(limit.to_string()))
        }
        ValidationErrorKind::Minimum { limit } => {
            single(path, "minimum", Detail::Limit(limit.to_string()))
        }
        ValidationErrorKind::Maximum { limit } => {
            single(path, "maximum", Detail::Limit(limit.to_string()))
        }
        ValidationErrorKind::ExclusiveMinimum { limit } => {
            single(path, "exclusiveMinimum", Detail::Limit(limit.to_string()))
        }
        ValidationErrorKind::ExclusiveMaximum { limit } => {
            single(path, "exclusiveMaximum", Detail::Limit(limit.to_string()))
        }
        ValidationErrorKind::MultipleOf { multiple_of } => {
            single(path, "multipleOf", Detail::Limit(multiple_of.to_string()))
        }
        ValidationErrorKind::MinProperties { limit } => {
            single(path, "minProperties", Detail::Limit(limit.to_string()))
        }
        ValidationErrorKind::MaxProperties { limit } => {
            single(path, "maxProperties", Detail::Limit(limit.to_string()))
        }
        ValidationErrorKind::UniqueItems => single(path, "uniqueItems", Detail::None),
        ValidationErrorKind::OneOfNotValid { .. } => single(path, "oneOf", Detail::None),
        ValidationErrorKind::OneOfMultipleValid { .. } => {
            single(path, "oneOf.multiple", Detail::None)
        }
        ValidationErrorKind::AnyOf { .. } => single(path, "anyOf", Detail::None),
        ValidationErrorKind::Not { .. } => single(path, "not", Detail::None),
        ValidationErrorKind::FalseSchema => single(path, "false", Detail::None),
        ValidationErrorKind::Contains => single(path, "contains", Detail::None),
        ValidationErrorKind::Custom { keyword, message } => {
            single(path, keyword, Detail::Custom(message.clone()))
        }
        ValidationErrorKind::Referencing(_) => single(path, "$ref", Detail::None),
        _ => single(path, "invalid", Detail::None),
    }
}

/// Which present property's `dependentRequired` entry names `missing`.
#[cfg(feature = "engine")]
fn dependent_trigger(
    schema: &Value,
    schema_path: &str,
    instance: &Value,
    at: &[Segment],
    missing: &str,
) -> Option<String> {
    let node = schema.pointer(schema_path)?.as_object()?;
    let object = instance.pointer(&pointer::render(at))?.as_object()?;
    node.iter()
        .find(|(trigger, needs)| {
            object.contains_key(*trigger)
                && needs
                    .as_array()
                    .is_some_and(|n| n.iter().any(|v| v == missing))
        })
        .map(|(trigger, _)| trigger.clone())
}
