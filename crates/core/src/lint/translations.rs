//! English is banli's second language: every text shown to people should
//! have its translation in `i18n.en` (in the form: `x-i18n.en`), or English
//! readers see Chinese in the middle of English pages. A warning, listing
//! the missing keys of each object once.
//!
//! Before: `{"name": "营业执照"}`
//! After:  `{"name": "营业执照", "i18n": {"en": {"name": "Business licence"}}}`

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::messages::lint as text;
use crate::schema::visit;

const IN_LIEU: &[&str] = &["notice", "proves", "liability", "verification"];

pub fn check(definition: &Value, out: &mut Vec<Diagnostic>) {
    let mut objects: Vec<(String, &Value, &[&str])> = vec![
        (String::new(), definition, &["name", "description"]),
        ("/authority".into(), &definition["authority"], &["name"]),
        ("/visits".into(), &definition["visits"], &["reason"]),
        ("/fees".into(), &definition["fees"], &["basis"]),
        ("/deferral".into(), &definition["deferral"], &["reason"]),
    ];
    for limit in ["statutory", "promised"] {
        objects.push((
            format!("/time_limits/{limit}"),
            &definition["time_limits"][limit],
            &["explanation"],
        ));
    }
    for (i, fee) in array(&definition["fees"]["items"]) {
        objects.push((format!("/fees/items/{i}"), fee, &["name"]));
    }
    for (i, step) in array(&definition["ui"]["steps"]) {
        objects.push((format!("/ui/steps/{i}"), step, &["title"]));
    }
    for (i, condition) in array(&definition["conditions"]) {
        objects.push((format!("/conditions/{i}"), condition, &["text"]));
        objects.push((
            format!("/conditions/{i}/in_lieu"),
            &condition["in_lieu"],
            IN_LIEU,
        ));
    }
    for (i, material) in array(&definition["materials"]) {
        objects.push((format!("/materials/{i}"), material, &["name", "notes"]));
        objects.push((
            format!("/materials/{i}/deferrable"),
            &material["deferrable"],
            &["reason"],
        ));
        objects.push((
            format!("/materials/{i}/in_lieu"),
            &material["in_lieu"],
            IN_LIEU,
        ));
    }
    for (place, object, keys) in objects {
        let english = &object["i18n"]["en"];
        let missing: Vec<&str> = keys
            .iter()
            .copied()
            .filter(|k| has_text(&object[*k]) && !has_text(&english[*k]))
            .collect();
        report(place, &missing, out);
    }

    for node in visit::schemas(definition) {
        if node.in_condition {
            continue;
        }
        let english = node
            .schema
            .get("x-i18n")
            .and_then(|i| i.get("en"))
            .unwrap_or(&Value::Null);
        let mut missing: Vec<String> = ["title", "description", "x-help", "x-placeholder"]
            .into_iter()
            .filter(|k| node.schema.get(*k).is_some_and(has_text) && !has_text(&english[*k]))
            .map(str::to_owned)
            .collect();
        for key in ["x-enum-labels", "x-messages"] {
            for (name, value) in node
                .schema
                .get(key)
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                if has_text(value) && !has_text(&english[key][name]) {
                    missing.push(format!("{key}.{name}"));
                }
            }
        }
        let missing: Vec<&str> = missing.iter().map(String::as_str).collect();
        report(node.place, &missing, out);
    }
}

fn array(value: &Value) -> impl Iterator<Item = (usize, &Value)> {
    value.as_array().into_iter().flatten().enumerate()
}

fn has_text(value: &Value) -> bool {
    value.as_str().is_some_and(|s| !s.trim().is_empty())
}

fn report(place: String, missing: &[&str], out: &mut Vec<Diagnostic>) {
    if !missing.is_empty() {
        out.push(Diagnostic::warning(
            place,
            "lint.missing_translation",
            text::missing_translation(&missing.join(", ")),
        ));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::tests::{item, run};
    use super::*;

    #[test]
    fn missing_english_is_reported_per_object() {
        let mut broken = item();
        broken["materials"][0]["notes"] = json!("复印件");
        broken["form"]["properties"]["name"]["x-help"] = json!("与证件一致");
        broken["form"]["properties"]["category"]["x-i18n"]["en"]["x-enum-labels"] =
            json!({"a": "A"});
        let found = run(check, &broken);
        let places: Vec<&str> = found.iter().map(|(_, p, _)| p.as_str()).collect();
        assert_eq!(
            places,
            [
                "/materials/0",
                "/form/properties/name",
                "/form/properties/category"
            ]
        );
        assert!(found.iter().all(|(c, _, s)| *c == "lint.missing_translation"
            && *s == crate::Severity::Warning));
    }

    #[test]
    fn the_clean_item_passes() {
        assert!(run(check, &item()).is_empty());
    }
}
