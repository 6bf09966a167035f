//! The dates and division codes inside identifiers (issue 14), through the
//! entries shells use: a birth date after the acceptance date is one
//! `format.cn-id-card` error when validation has an acceptance date, and
//! nothing without one (the core reads no clock); the field may be reached
//! through a percent-encoded `$ref`.

use banli_core::calendar::WorkCalendar;
use banli_core::{CompiledItem, Lang, Report, Status, ValidationContext};
use serde_json::{Value, json};
use time::macros::date;

fn item(form: Value) -> CompiledItem {
    CompiledItem::from_value(&json!({
        "format": "banli-item/1",
        "code": "TESTIDENTIFIERS",
        "basic_code": "000000000014",
        "version": "1",
        "name": "证件测试",
        "item_type": {"code": "11", "label": "公共服务"},
        "authority": {"name": "云溪市政务服务中心"},
        "time_limits": {"statutory": {"working_days": 5}, "promised": {"working_days": 3}},
        "visits": {"count": 0},
        "fees": {"charged": false},
        "form": form,
        "materials": []
    }))
    .unwrap()
}

fn envelope(data: Value) -> Value {
    json!({"item": {"code": "TESTIDENTIFIERS", "version": "1"}, "data": data})
}

fn errors(report: &Report) -> Vec<(&str, &str, &str)> {
    report
        .errors
        .iter()
        .map(|e| (e.path.as_str(), e.code.as_str(), e.message.as_str()))
        .collect()
}

/// An ID number reached through a percent-encoded `$ref` and inside an
/// `if`/`then` branch chosen by the data.
fn form() -> Value {
    json!({
        "type": "object",
        "$defs": {"身份证": {"type": "string", "title": "身份证号码", "format": "cn-id-card",
                             "x-i18n": {"en": {"title": "ID card number"}}}},
        "properties": {
            "kind": {"enum": ["person", "org"], "title": "类型"},
            "holder": {"$ref": "#/$defs/%E8%BA%AB%E4%BB%BD%E8%AF%81"},
            "mobile": {"type": "string", "format": "cn-mobile", "title": "手机"}
        },
        "if": {"properties": {"kind": {"const": "person"}}, "required": ["kind"]},
        "then": {"properties": {"guardian": {"$ref": "#/$defs/%E8%BA%AB%E4%BB%BD%E8%AF%81"}}}
    })
}

#[test]
fn a_birth_date_after_the_acceptance_date_is_one_error() {
    let item = item(form());
    let calendar = WorkCalendar::national();
    let data =
        json!({"kind": "person", "holder": "110105209901011234", "guardian": "110105202611210014"});
    let ctx = ValidationContext::new(Lang::ZhCn).accepted_on(date!(2026 - 11 - 20), &calendar);
    let report = item.validate(&envelope(data.clone()), &ctx).unwrap();
    assert_eq!(report.status, Status::Invalid);
    assert_eq!(
        errors(&report),
        [
            (
                "/holder",
                "format.cn-id-card",
                "身份证号码出生日期晚于受理日期"
            ),
            (
                "/guardian",
                "format.cn-id-card",
                "身份证号码出生日期晚于受理日期"
            ),
        ]
    );
    let en = ValidationContext::new(Lang::En).accepted_on(date!(2026 - 11 - 20), &calendar);
    let report = item.validate(&envelope(data.clone()), &en).unwrap();
    assert_eq!(
        report.errors[0].message,
        "ID card number contains a birth date after the acceptance date"
    );

    // Without an acceptance date the core has no "today": no date check.
    let report = item
        .validate(&envelope(data.clone()), &ValidationContext::new(Lang::ZhCn))
        .unwrap();
    assert_eq!(report.status, Status::Valid);
    assert_eq!(item.form_errors(&data, Lang::ZhCn), []);
    assert_eq!(
        item.form_errors_on(&data, Some(date!(2026 - 11 - 20)), Lang::ZhCn)
            .len(),
        2
    );
    // Born on the acceptance day is possible.
    assert_eq!(
        item.form_errors_on(
            &json!({"holder": "110105202611200019"}),
            Some(date!(2026 - 11 - 20)),
            Lang::ZhCn
        ),
        []
    );
}

#[test]
fn the_date_check_joins_the_other_errors_in_document_order() {
    let item = item(form());
    let data = json!({"kind": "org", "holder": "110105209901011234", "guardian": "110105202611210014", "mobile": "12"});
    let found: Vec<(String, String)> = item
        .form_errors_on(&data, Some(date!(2026 - 11 - 20)), Lang::ZhCn)
        .into_iter()
        .map(|e| (e.path, e.code))
        .collect();
    // `guardian` is only an ID number in the `person` branch.
    assert_eq!(
        found,
        [
            ("/holder".to_owned(), "format.cn-id-card".to_owned()),
            ("/mobile".to_owned(), "format.cn-mobile".to_owned()),
        ]
    );
}

#[test]
fn a_value_the_engine_refuses_gets_only_the_engine_error() {
    let item = item(form());
    // Wrong check character and a birth date in 2099: the checksum is said.
    let data = json!({"holder": "110105209901011235"});
    let errors = item.form_errors_on(&data, Some(date!(2026 - 11 - 20)), Lang::ZhCn);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].message, "身份证号码校验位不正确");
}
