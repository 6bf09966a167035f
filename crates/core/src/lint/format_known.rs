//! A `format` JSON Schema does not define and banli does not add is
//! ignored: `"format": "cn-mobil"` checks nothing, and a wrong mobile
//! number passes. A name close to a known format (by edit distance) is an
//! error naming it; any other unknown name is a warning, since formats of
//! other form tools (RJSF's `data-url`, say) are ignored the same way.
//!
//! Before: `{"type": "string", "format": "cn-mobil"}`
//! After:  `{"type": "string", "format": "cn-mobile"}`

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::formats::CHINESE_FORMATS;
use crate::messages::lint as text;
use crate::pointer;
use crate::schema::visit;

/// The formats JSON Schema 2020-12 defines (Validation, section 7.3),
/// which the schema engine asserts.
pub const STANDARD: &[&str] = &[
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

pub fn check(definition: &Value, out: &mut Vec<Diagnostic>) {
    for node in visit::schemas(definition) {
        let Some(Value::String(format)) = node.schema.get("format") else {
            continue;
        };
        if known().any(|k| k == format) {
            continue;
        }
        let place = pointer::join(&node.place, "format");
        out.push(match nearest(format) {
            Some(meant) => Diagnostic::error(
                place,
                "lint.unknown_format",
                text::unknown_format_typo(format, meant),
            ),
            None => Diagnostic::warning(place, "lint.unknown_format", text::unknown_format(format)),
        });
    }
}

fn known() -> impl Iterator<Item = &'static str> {
    STANDARD
        .iter()
        .copied()
        .chain(CHINESE_FORMATS.iter().map(|f| f.name))
}

/// The known format `format` is most likely a typo of, if one is close.
fn nearest(format: &str) -> Option<&'static str> {
    super::closest(format, known())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::tests::{item, run};
    use super::*;
    use crate::Severity;

    #[test]
    fn a_misspelt_format_is_an_error_naming_the_format_meant() {
        assert_eq!(nearest("cn-mobil"), Some("cn-mobile"));
        assert_eq!(nearest("emial"), Some("email"));
        assert_eq!(nearest("date-tiem"), Some("date-time"));
        let mut broken = item();
        broken["form"]["properties"]["name"]["format"] = json!("cn-mobil");
        assert_eq!(
            run(check, &broken),
            vec![(
                "lint.unknown_format",
                "/form/properties/name/format".to_owned(),
                Severity::Error
            )]
        );
    }

    #[test]
    fn another_tool_s_format_is_a_warning() {
        let mut other = item();
        other["form"]["properties"]["name"]["format"] = json!("data-url");
        assert_eq!(run(check, &other)[0].2, Severity::Warning);
    }

    #[test]
    fn every_known_format_passes() {
        for format in known() {
            let mut fine = item();
            fine["form"]["properties"]["name"]["format"] = json!(format);
            assert!(run(check, &fine).is_empty(), "{format}");
        }
    }
}
