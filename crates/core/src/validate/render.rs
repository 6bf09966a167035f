//! Turns a schema violation into a report error an applicant can act on:
//! the field's label path ("经营者信息 › 身份证号码"), and a message from the
//! field's `x-messages` override or from the catalogue.

use serde_json::Value;

use crate::formats::chinese_format;
use crate::messages::{Lang, Text, validation as text};
use crate::pointer::Segment;
use crate::report::ReportError;
use crate::schema::violation::{Detail, Violation};
use crate::schema::{FieldInfo, SchemaWalker};

use super::label::label_path;

pub fn report_error(
    walker: &SchemaWalker<'_>,
    violation: &Violation,
    data: &Value,
    lang: Lang,
) -> ReportError {
    let trail = walker.trail(&violation.path, data);
    let label = label_path(&violation.path, &trail, data, lang);
    let field = trail.last().cloned().unwrap_or_default();
    let message = match field.message_override(&violation.code, lang) {
        // An override must still say which field it is about (一次性告知
        // lists many problems at once): without `{label}`, the label leads.
        Some(custom) if custom.contains("{label}") => custom.replace("{label}", &label),
        Some(custom) => format!(
            "{label}{}{custom}",
            if lang == Lang::ZhCn { "：" } else { ": " }
        ),
        None => message(violation, &label, &field, walker, data, lang)
            .get(lang)
            .to_owned(),
    };
    ReportError {
        path: violation.pointer(),
        code: violation.code.clone(),
        label,
        message,
    }
}

fn message(
    v: &Violation,
    label: &str,
    field: &FieldInfo<'_>,
    walker: &SchemaWalker<'_>,
    data: &Value,
    lang: Lang,
) -> Text {
    match (v.code.as_str(), &v.detail) {
        ("required", _) => text::required(label),
        ("dependentRequired", Detail::Trigger(trigger)) => {
            let mut trigger_path = v.path.clone();
            trigger_path.pop();
            trigger_path.push(Segment::Key(trigger.clone()));
            let trigger_trail = walker.trail(&trigger_path, data);
            let trigger_label = trigger_trail
                .last()
                .and_then(|f| f.text("title", lang))
                .map_or_else(|| trigger.clone(), str::to_owned);
            text::dependent_required(label, &trigger_label)
        }
        (_, Detail::Types(types)) => {
            let types: Vec<&str> = types.iter().map(String::as_str).collect();
            text::type_mismatch(label, &types)
        }
        (_, Detail::Options(options)) => {
            let zh: Vec<String> = options
                .iter()
                .map(|o| field.enum_label(o, Lang::ZhCn))
                .collect();
            let en: Vec<String> = options
                .iter()
                .map(|o| field.enum_label(o, Lang::En))
                .collect();
            text::one_of_options(label, &zh, &en)
        }
        (_, Detail::Constant(expected)) => text::constant(label, &field.enum_label(expected, lang)),
        (_, Detail::ChineseFormat(problem)) => {
            let format = v.code.strip_prefix("format.").and_then(chinese_format);
            match format {
                Some(format) => text::chinese_format(label, &problem.describe(format)),
                None => text::pattern(label),
            }
        }
        (_, Detail::Format(format)) => match chinese_format(format) {
            // The value is not a string the format could describe (a number).
            Some(_) => text::type_mismatch(label, &["string"]),
            None => text::standard_format(label, format),
        },
        (_, Detail::Pattern(_)) => text::pattern(label),
        ("minLength", Detail::Limit(n)) => text::min_length(label, n.parse().unwrap_or(0)),
        ("maxLength", Detail::Limit(n)) => text::max_length(label, n.parse().unwrap_or(0)),
        ("minItems", Detail::Limit(n)) => text::min_items(label, n.parse().unwrap_or(0)),
        ("maxItems", Detail::Limit(n)) => text::max_items(label, n.parse().unwrap_or(0)),
        ("minimum", Detail::Limit(n)) => text::minimum(label, n),
        ("maximum", Detail::Limit(n)) => text::maximum(label, n),
        ("exclusiveMinimum", Detail::Limit(n)) => text::exclusive_minimum(label, n),
        ("exclusiveMaximum", Detail::Limit(n)) => text::exclusive_maximum(label, n),
        ("multipleOf", Detail::Limit(n)) => text::multiple_of(label, n),
        ("minProperties" | "maxProperties", _) => text::properties_count(label),
        ("uniqueItems", _) => text::unique_items(label),
        (_, Detail::Unexpected(names)) => text::unexpected_properties(label, names),
        ("oneOf", _) => text::one_of_none(label),
        ("oneOf.multiple", _) => text::one_of_many(label),
        ("$ref", _) => text::reference_failure(label),
        (_, Detail::Custom(message)) => {
            Text::new(format!("{label}：{message}"), format!("{label}: {message}"))
        }
        _ => text::not_allowed(label),
    }
}
