//! A guide that is silent on something the format asks for says so with a
//! "not stated" marker (未载明) instead of a guess: a material's `source`,
//! the visits, a time limit (or only its unit), the deferral rule. The item
//! loads and works; lint reminds the maintainer, as a warning for each
//! marker, to ask the authority and fill in the real value.
//!
//! Before: `"visits": {"count": 1, "reason": "指南未载明，按1次记录"}` (a guess)
//! After:  `"visits": {"not_stated": true}` (and a warning until it is known)

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::messages::lint as text;

const CODE: &str = "lint.not_stated";

fn marked(value: Option<&Value>) -> bool {
    value.and_then(|v| v.get("not_stated")) == Some(&Value::Bool(true))
}

pub fn check(definition: &Value, out: &mut Vec<Diagnostic>) {
    let materials = definition.get("materials").and_then(Value::as_array);
    for (i, material) in materials.into_iter().flatten().enumerate() {
        if material.get("source").and_then(Value::as_str) == Some("not_stated") {
            let name = material.get("name").and_then(Value::as_str).unwrap_or("");
            out.push(Diagnostic::warning(
                format!("/materials/{i}/source"),
                CODE,
                text::source_not_stated(name),
            ));
        }
    }
    let limits = definition.get("time_limits");
    for which in ["statutory", "promised"] {
        let limit = limits.and_then(|l| l.get(which));
        if marked(limit) {
            out.push(Diagnostic::warning(
                format!("/time_limits/{which}/not_stated"),
                CODE,
                text::time_limit_not_stated(which),
            ));
        }
        if let Some(days) = limit.and_then(|l| l.get("days")).and_then(Value::as_u64) {
            out.push(Diagnostic::warning(
                format!("/time_limits/{which}/days"),
                CODE,
                text::time_unit_not_stated(which, days),
            ));
        }
    }
    if marked(definition.get("visits")) {
        out.push(Diagnostic::warning(
            "/visits/not_stated",
            CODE,
            text::visits_not_stated(),
        ));
    }
    if marked(definition.get("deferral")) {
        out.push(Diagnostic::warning(
            "/deferral/not_stated",
            CODE,
            text::deferral_not_stated(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn pointers(item: &Value) -> Vec<String> {
        let mut out = Vec::new();
        check(item, &mut out);
        assert!(
            out.iter()
                .all(|d| d.code == CODE && d.severity == crate::diagnostic::Severity::Warning)
        );
        out.into_iter().map(|d| d.pointer).collect()
    }

    #[test]
    fn every_marker_is_one_warning() {
        let item = json!({
            "time_limits": {"statutory": {"not_stated": true}, "promised": {"days": 3}},
            "visits": {"not_stated": true},
            "deferral": {"not_stated": true},
            "materials": [{"name": "身份证", "source": "not_stated"}, {"name": "章程", "source": "applicant"}]
        });
        assert_eq!(
            pointers(&item),
            [
                "/materials/0/source",
                "/time_limits/statutory/not_stated",
                "/time_limits/promised/days",
                "/visits/not_stated",
                "/deferral/not_stated"
            ]
        );
    }

    #[test]
    fn stated_values_are_silent() {
        let item = crate::lint::tests::item();
        assert!(pointers(&item).is_empty());
    }
}
