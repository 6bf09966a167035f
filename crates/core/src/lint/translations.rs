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
        objects.push((
            format!("/materials/{i}"),
            material,
            &["name", "notes", "issuer", "seal", "paper"],
        ));
        for (j, alternative) in array(&material["alternatives"]) {
            objects.push((
                format!("/materials/{i}/alternatives/{j}"),
                alternative,
                &["name"],
            ));
        }
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
    described(definition, &mut objects, out);
    for (place, object, keys) in objects {
        report_missing(place, object, keys, out);
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
            .filter(|k| node.schema.get(*k).is_some_and(needs_english) && !has_text(&english[*k]))
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
                if needs_english(value) && !has_text(&english[key][name]) {
                    missing.push(format!("{key}.{name}"));
                }
            }
        }
        let missing: Vec<&str> = missing.iter().map(String::as_str).collect();
        report(node.place, &missing, out);
    }
}

/// Missing English of the descriptive elements alone, for a bundle file,
/// whose own guide keys ([`Described`](crate::definition::Described)) have
/// an item's names and places.
pub fn check_described(bundle: &Value, out: &mut Vec<Diagnostic>) {
    let mut objects = Vec::new();
    described(bundle, &mut objects, out);
    for (place, object, keys) in objects {
        report_missing(place, object, keys, out);
    }
}

fn report_missing(place: String, object: &Value, keys: &[&str], out: &mut Vec<Diagnostic>) {
    let english = &object["i18n"]["en"];
    let missing: Vec<&str> = keys
        .iter()
        .copied()
        .filter(|k| needs_english(&object[*k]) && !has_text(&english[*k]))
        .collect();
    report(place, &missing, out);
}

/// The descriptive elements (办事指南要素) and the situations' wording,
/// which the printed guide and the checklist show as written.
fn described<'a>(
    definition: &'a Value,
    objects: &mut Vec<(String, &'a Value, &'static [&'static str])>,
    out: &mut Vec<Diagnostic>,
) {
    const LISTS: &[(&str, &[&str])] = &[
        ("/results", &["name", "validity", "note", "sample"]),
        ("/process", &["name", "review_method", "by"]),
        ("/offices", &["name", "address", "hours", "directions"]),
        ("/contacts", &["text"]),
        ("/channels", &["note"]),
        ("/related_items", &["name", "body"]),
        ("/faq", &["question", "answer"]),
        (
            "/time_limits/special_procedures",
            &["name", "basis", "run_by"],
        ),
        ("/fees/third_party_costs", &["name", "payee", "note"]),
    ];
    objects.push(("/applicants".into(), &definition["applicants"], &["text"]));
    objects.push((
        "/remedies".into(),
        &definition["remedies"],
        &["reconsideration", "litigation"],
    ));
    for (list, keys) in LISTS {
        let value = definition.pointer(list).unwrap_or(&Value::Null);
        for (i, object) in array(value) {
            objects.push((format!("{list}/{i}"), object, keys));
        }
    }
    for (i, channel) in array(&definition["channels"]) {
        objects.push((
            format!("/channels/{i}/visits"),
            &channel["visits"],
            &["reason"],
        ));
    }
    let limits = &definition["time_limits"];
    let periods = array(&limits["excluded_periods"]).any(|(_, p)| needs_english(p));
    if periods && !has_text(&limits["i18n"]["en"]["excluded_periods"]) {
        report("/time_limits".into(), &["excluded_periods"], out);
    }
    for (v, variant) in array(&definition["variants"]) {
        objects.push((format!("/variants/{v}"), variant, &["name"]));
        objects.push((
            format!("/variants/{v}/authority"),
            &variant["authority"],
            &["name"],
        ));
        for (r, result) in array(&variant["results"]) {
            objects.push((
                format!("/variants/{v}/results/{r}"),
                result,
                &["name", "validity", "note", "sample"],
            ));
        }
    }
    for (q, question) in array(&definition["situations"]) {
        for (c, case) in array(&question["cases"]) {
            objects.push((format!("/situations/{q}/cases/{c}"), case, &["text"]));
        }
    }
}

fn array(value: &Value) -> impl Iterator<Item = (usize, &Value)> {
    value.as_array().into_iter().flatten().enumerate()
}

/// A text needs English when it has Chinese in it: a URL, a phone number
/// or a sample code ("2019-450721-44-01-000000") reads the same in both.
fn needs_english(value: &Value) -> bool {
    value.as_str().is_some_and(|s| s.chars().any(is_han))
}

/// CJK Unified Ideographs, Extensions A to F and the compatibility block.
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
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
    fn descriptive_elements_and_situations_need_english_too() {
        let mut broken = item();
        broken["results"] = json!([{
            "name": "许可证", "kind": "licence", "validity": "5年",
            "i18n": {"en": {"name": "Licence"}}
        }]);
        broken["faq"] = json!([{
            "question": "问", "answer": "答",
            "i18n": {"en": {"question": "Q", "answer": "A"}}
        }]);
        broken["channels"] = json!([{"kind": "window", "visits": {"count": 1, "reason": "核验"}}]);
        broken["time_limits"]["special_procedures"] = json!([{"name": "专家评审"}]);
        broken["time_limits"]["excluded_periods"] = json!(["现场核查"]);
        broken["contacts"] = json!([{"purpose": "progress", "text": "https://example.gov.cn/"}]);
        broken["situations"] = json!([{
            "field": "/category",
            "cases": [{"id": "a", "value": "a", "text": "属于甲类的"}]
        }]);
        let found = run(check, &broken);
        let places: Vec<&str> = found.iter().map(|(_, p, _)| p.as_str()).collect();
        assert_eq!(
            places,
            [
                "/time_limits",
                "/results/0",
                "/time_limits/special_procedures/0",
                "/channels/0/visits",
                "/situations/0/cases/0"
            ],
            "a URL needs no English; Chinese does"
        );
    }

    #[test]
    fn material_requirements_and_alternatives_need_english() {
        let mut broken = item();
        broken["materials"][0]["seal"] = json!("单位盖章");
        broken["materials"][0]["paper"] = json!("A4");
        broken["materials"][0]["alternatives"] = json!([
            {"id": "a", "name": "身份证", "i18n": {"en": {"name": "ID card"}}},
            {"id": "b", "name": "护照"}
        ]);
        let found = run(check, &broken);
        let places: Vec<&str> = found.iter().map(|(_, p, _)| p.as_str()).collect();
        assert_eq!(places, ["/materials/0", "/materials/0/alternatives/1"]);
    }

    #[test]
    fn the_clean_item_passes() {
        assert!(run(check, &item()).is_empty());
    }
}
