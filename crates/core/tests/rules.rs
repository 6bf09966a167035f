//! The rules of validation, one small inline item per behaviour, so each
//! test names the rule it protects. The sample items' full reports are
//! covered by the fixture snapshots in `crates/cli/tests/it/fixtures.rs`.

use banli_core::calendar::{WorkCalendar, parse_date};
use banli_core::definition::CheckOptions;
use banli_core::report::Disposition;
use banli_core::{CompiledItem, DefinitionErrors, Lang, Report, Status, ValidationContext};
use proptest::prelude::*;
use serde_json::{Value, json};

mod support;

use support::codes;

/// The shared head of a test item (`tests/fixtures/item-head.json`) with
/// `fields` laid over it.
fn head(fields: Value) -> Value {
    let mut item: Value =
        serde_json::from_str(include_str!("../../../tests/fixtures/item-head.json")).unwrap();
    merge(&mut item, fields);
    item
}

fn item(overrides: Value) -> Value {
    let mut item = head(json!({
        "form": {
            "type": "object",
            "properties": {
                "name": {"type": "string", "title": "姓名", "x-i18n": {"en": {"title": "Name"}}},
                "category": {"type": "string", "title": "类别", "enum": ["a", "b"], "x-enum-labels": {"a": "甲", "b": "乙"}},
                "detail": {"type": "string", "title": "说明"}
            },
            "required": ["name"],
            "if": {"properties": {"category": {"const": "a"}}},
            "then": {"required": ["detail"]}
        },
        "materials": []
    }));
    merge(&mut item, overrides);
    item
}

fn merge(base: &mut Value, overrides: Value) {
    match (base, overrides) {
        (Value::Object(base), Value::Object(overrides)) => {
            for (k, v) in overrides {
                match base.get_mut(&k) {
                    Some(existing) if existing.is_object() && v.is_object() => merge(existing, v),
                    _ => {
                        base.insert(k, v);
                    }
                }
            }
        }
        (base, overrides) => *base = overrides,
    }
}

fn compile(item: &Value) -> CompiledItem {
    CompiledItem::from_value(item).unwrap_or_else(|e| panic!("{:#?}", e.diagnostics()))
}

fn submit(data: Value, materials: Value, commitment: Option<Value>) -> Value {
    let mut envelope =
        json!({"item": {"code": "TEST0001", "version": "1"}, "data": data, "materials": materials});
    if let Some(c) = commitment {
        envelope["commitment"] = c;
    }
    envelope
}

fn validate(item: &CompiledItem, submission: &Value, lang: Lang) -> Report {
    item.validate(submission, &ValidationContext::new(lang))
        .unwrap()
}

fn signed() -> Option<Value> {
    Some(json!({"signer": "张三", "signed_at": "2026-11-20T10:15:00+08:00"}))
}

#[test]
fn a_blank_required_string_is_missing() {
    let item = compile(&item(json!({})));
    let report = validate(
        &item,
        &submit(json!({"name": " \u{3000} "}), json!({}), None),
        Lang::ZhCn,
    );
    assert_eq!(codes(&report), [("/name", "required")]);
    assert_eq!(report.errors[0].message, "请填写姓名");
    let english = validate(
        &item,
        &submit(json!({"name": ""}), json!({}), None),
        Lang::En,
    );
    assert_eq!(english.errors[0].message, "Please fill in Name");
}

#[test]
fn an_if_on_an_absent_field_does_not_fire() {
    let item = compile(&item(json!({})));
    let report = validate(
        &item,
        &submit(json!({"name": "张三"}), json!({}), None),
        Lang::ZhCn,
    );
    assert_eq!(report.status, Status::Valid, "{:?}", report.errors);
    let report = validate(
        &item,
        &submit(json!({"name": "张三", "category": "a"}), json!({}), None),
        Lang::ZhCn,
    );
    assert_eq!(codes(&report), [("/detail", "required")]);
}

#[test]
fn enum_messages_use_labels() {
    let item = compile(&item(json!({})));
    let report = validate(
        &item,
        &submit(json!({"name": "张三", "category": "c"}), json!({}), None),
        Lang::ZhCn,
    );
    assert_eq!(report.errors[0].message, "类别须为以下选项之一：甲、乙");
}

#[test]
fn one_of_failures_are_reported_in_the_chosen_branch() {
    let item = compile(&item(json!({"form": {
        "type": "object",
        "properties": {"applicant": {"title": "申请人", "type": "object", "oneOf": [
            {"title": "个人", "properties": {"kind": {"const": "person"}, "id": {"type": "string", "title": "身份证号码", "format": "cn-id-card"}}, "required": ["id"]},
            {"title": "单位", "properties": {"kind": {"const": "org"}, "uscc": {"type": "string", "title": "统一社会信用代码", "format": "cn-uscc"}}, "required": ["uscc"]}
        ]}},
        "required": ["applicant"], "if": {}, "then": {}
    }})));
    let report = validate(
        &item,
        &submit(
            json!({"applicant": {"kind": "person", "id": "11010119900307447X"}}),
            json!({}),
            None,
        ),
        Lang::ZhCn,
    );
    assert_eq!(codes(&report), [("/applicant/id", "format.cn-id-card")]);
    assert_eq!(report.errors[0].message, "申请人 › 身份证号码校验位不正确");
    let report = validate(
        &item,
        &submit(json!({"applicant": {"kind": "org"}}), json!({}), None),
        Lang::ZhCn,
    );
    assert_eq!(codes(&report), [("/applicant/uscc", "required")]);
    let report = validate(
        &item,
        &submit(json!({"applicant": {"kind": "robot"}}), json!({}), None),
        Lang::ZhCn,
    );
    assert_eq!(codes(&report), [("/applicant/kind", "enum")]);
    assert!(
        report.errors[0].message.contains("个人、单位"),
        "{}",
        report.errors[0].message
    );
}

#[test]
fn field_overrides_and_translations() {
    let item = compile(&item(json!({"form": {"properties": {"detail": {
        "type": "string", "title": "说明", "pattern": "^[0-9]+$",
        "x-messages": {"pattern": "{label}只能填写数字"},
        "x-i18n": {"en": {"title": "Detail", "x-messages": {"pattern": "digits only"}}}
    }}}})));
    let submission = submit(json!({"name": "张三", "detail": "x"}), json!({}), None);
    assert_eq!(
        validate(&item, &submission, Lang::ZhCn).errors[0].message,
        "说明只能填写数字"
    );
    assert_eq!(
        validate(&item, &submission, Lang::En).errors[0].message,
        "Detail: digits only"
    );
}

#[test]
fn errors_come_in_document_order() {
    let item = compile(&item(
        json!({"form": {"properties": {"a": {"type": "integer", "title": "A"}, "z": {"type": "integer", "title": "Z"}}}}),
    ));
    let report = validate(
        &item,
        &submit(json!({"z": "x", "a": "y"}), json!({}), None),
        Lang::ZhCn,
    );
    assert_eq!(
        codes(&report),
        [("/name", "required"), ("/a", "type"), ("/z", "type")]
    );
}

fn material_item() -> CompiledItem {
    compile(&item(json!({
        "materials": [
            {"id": "licence", "name": "营业执照", "source": "e_license", "required": true, "core": true},
            {"id": "plan", "name": "平面图", "source": "applicant", "required": true, "deferrable": {"reason": "次要"}},
            {"id": "rules", "name": "制度", "source": "applicant", "required": true, "deferrable": {}},
            {"id": "extra", "name": "说明材料", "source": "applicant", "required": {"when": {"properties": {"category": {"const": "b"}}}}},
            {"id": "proof", "name": "无犯罪记录证明", "source": "government", "required": true,
             "in_lieu": {"notice": "告知", "proves": "无犯罪记录", "liability": "撤销许可"}}
        ],
        "deferral": {"allowed": true, "deadline_working_days": 3, "max_materials": 1, "withhold_result": true}
    })))
}

#[test]
fn material_rules() {
    let item = material_item();
    let data = json!({"name": "张三"});
    let report = validate(&item, &submit(data.clone(), json!({}), None), Lang::ZhCn);
    assert_eq!(
        codes(&report),
        [
            ("/materials/licence", "material.missing"),
            ("/materials/plan", "material.missing"),
            ("/materials/rules", "material.missing"),
            ("/materials/proof", "material.missing")
        ],
        "a `when` on an absent field does not make `extra` required"
    );
    assert_eq!(report.materials[3].disposition, Disposition::NotRequired);

    let all = json!({
        "licence": {"disposition": "shared"},
        "plan": {"disposition": "deferred"},
        "rules": {"disposition": "provided"},
        "proof": {"disposition": "in_lieu"}
    });
    let report = validate(
        &item,
        &submit(data.clone(), all.clone(), signed()),
        Lang::ZhCn,
    );
    assert_eq!(
        report.status,
        Status::ValidWithCommitments,
        "{:?}",
        report.errors
    );
    assert_eq!(report.commitments.len(), 2);

    let report = validate(&item, &submit(data.clone(), all, None), Lang::ZhCn);
    assert_eq!(codes(&report), [("/commitment", "commitment.unsigned")]);

    let wrong = json!({
        "licence": {"disposition": "deferred"},
        "plan": {"disposition": "shared"},
        "rules": {"disposition": "in_lieu"},
        "proof": {"disposition": "teleported"},
        "ghost": {"disposition": "provided"}
    });
    let report = validate(&item, &submit(data.clone(), wrong, signed()), Lang::ZhCn);
    assert_eq!(
        codes(&report),
        [
            ("/materials/ghost", "material.unknown"),
            ("/materials/licence", "material.core_not_deferrable"),
            ("/materials/plan", "material.not_shareable"),
            ("/materials/rules", "material.in_lieu_not_allowed"),
            ("/materials/proof", "material.invalid_disposition"),
        ]
    );

    let too_many = json!({
        "licence": {"disposition": "shared"}, "plan": {"disposition": "deferred"},
        "rules": {"disposition": "deferred"}, "proof": {"disposition": "shared"}
    });
    let report = validate(&item, &submit(data, too_many, signed()), Lang::ZhCn);
    assert_eq!(codes(&report), [("/materials", "deferral.too_many")]);
    assert_eq!(
        report.errors[0].message,
        "容缺后补的材料最多1项，本次选择了2项"
    );
}

/// "A 或 B 或 C": any one alternative satisfies the material, and the
/// envelope says which one it is.
#[test]
fn a_material_with_alternatives_is_satisfied_by_any_one() {
    let item = compile(&item(json!({
        "materials": [
            {"id": "identity", "name": "身份证明", "source": "applicant", "required": true,
             "alternatives": [
                {"id": "id-card", "name": "居民身份证", "i18n": {"en": {"name": "ID card"}}},
                {"id": "passport", "name": "护照", "i18n": {"en": {"name": "Passport"}}},
                {"id": "residence-permit", "name": "港澳台居民居住证", "i18n": {"en": {"name": "Residence permit"}}}
             ]}
        ]
    })));
    let data = json!({"name": "张三"});
    let run = |materials: Value, lang: Lang| {
        validate(&item, &submit(data.clone(), materials, None), lang)
    };

    let missing = run(json!({}), Lang::ZhCn);
    assert_eq!(
        codes(&missing),
        [("/materials/identity", "material.missing")]
    );
    assert_eq!(
        missing.errors[0].message,
        "请提交以下材料之一：居民身份证、护照 或 港澳台居民居住证（任选其一）"
    );
    let missing = run(json!({}), Lang::En);
    assert_eq!(
        missing.errors[0].message,
        "Please provide one of: ID card, Passport or Residence permit (any one)"
    );

    let passport = run(
        json!({"identity": {"disposition": "provided", "alternative": "passport"}}),
        Lang::ZhCn,
    );
    assert_eq!(passport.status, Status::Valid, "{:?}", passport.errors);
    let given = passport.materials[0].alternative.as_ref().unwrap();
    assert_eq!(
        (given.id.as_str(), given.name.as_str()),
        ("passport", "护照")
    );
    let json = passport.to_json();
    assert!(
        json.contains(r#""alternative":{"id":"passport","name":"护照"}"#),
        "{json}"
    );

    for (materials, code) in [
        (
            json!({"identity": {"disposition": "provided"}}),
            "material.alternative_not_named",
        ),
        (
            json!({"identity": {"disposition": "provided", "alternative": "visa"}}),
            "material.unknown_alternative",
        ),
        (
            json!({"identity": {"disposition": "provided", "alternative": 3}}),
            "material.bad_alternative",
        ),
    ] {
        let report = run(materials.clone(), Lang::ZhCn);
        assert_eq!(
            codes(&report),
            [("/materials/identity", code)],
            "{materials}"
        );
        assert_eq!(report.materials[0].alternative, None);
    }
}

#[test]
fn alternatives_need_names_and_distinct_ids() {
    let found = definition_codes(&item(json!({
        "materials": [
            {"id": "identity", "name": "身份证明", "source": "applicant", "required": true,
             "alternatives": [{"id": "id-card", "name": "居民身份证"}, {"id": "id-card", "name": "护照"}]}
        ]
    })));
    assert_eq!(
        found,
        [(
            "/materials/0/alternatives/1/id".to_owned(),
            "definition.duplicate_alternative_id"
        )]
    );
    let unnamed = definition_codes(&item(json!({
        "materials": [
            {"id": "identity", "name": "身份证明", "source": "applicant", "required": true,
             "alternatives": [{"id": "id-card", "name": " "}, {"id": "passport"}]}
        ]
    })));
    assert_eq!(
        unnamed,
        [
            (
                "/materials/0/alternatives/0/name".to_owned(),
                "definition.bad_pattern"
            ),
            (
                "/materials/0/alternatives/1/name".to_owned(),
                "definition.missing_key"
            )
        ]
    );
}

#[test]
fn deferral_is_refused_where_the_item_does_not_allow_it() {
    let item = compile(&item(json!({
        "materials": [{"id": "plan", "name": "平面图", "source": "applicant", "required": true}],
        "deferral": {"allowed": false, "reason": "涉及公共安全"}
    })));
    let report = validate(
        &item,
        &submit(
            json!({"name": "张"}),
            json!({"plan": {"disposition": "deferred"}}),
            signed(),
        ),
        Lang::ZhCn,
    );
    assert_eq!(
        codes(&report),
        [("/materials/plan", "deferral.not_allowed")]
    );
    assert!(report.errors[0].message.contains("涉及公共安全"));
}

#[test]
fn deadlines_and_commitments_are_deterministic() {
    let item = material_item();
    let calendar = WorkCalendar::national();
    let ctx = ValidationContext::new(Lang::ZhCn)
        .accepted_on(parse_date("2025-09-30").unwrap(), &calendar);
    let materials = json!({"licence": {"disposition": "shared"}, "plan": {"disposition": "deferred"}, "rules": {"disposition": "provided"}, "proof": {"disposition": "shared"}});
    let submission = submit(json!({"name": "张三"}), materials, signed());
    let first = item.validate(&submission, &ctx).unwrap();
    let deadlines = first.deadlines.as_ref().unwrap();
    assert_eq!(
        deadlines.deferred_due.as_deref(),
        Some("2025-10-11"),
        "a make-up working day counts"
    );
    assert_eq!(deadlines.promised.as_deref(), Some("2025-10-14"));
    let commitment = &first.commitments[0];
    assert_eq!(commitment.due.as_deref(), Some("2025-10-11"));
    assert!(commitment.withhold_result);
    assert!(
        commitment
            .text
            .zh
            .contains("2025-10-11（受理之日起3个工作日内）补齐以下材料")
    );
    assert!(commitment.text.zh.contains("暂不出具办理结果"));
    let second = item.validate(&submission, &ctx).unwrap();
    assert_eq!(first.to_json(), second.to_json());

    // The data digest ignores key order but not content (serde_json keeps
    // insertion order here, so the two objects really are written differently).
    let digest = |data: Value| {
        let envelope = submit(data, submission["materials"].clone(), signed());
        item.validate(&envelope, &ctx).unwrap().commitments[0]
            .data_sha256
            .clone()
    };
    let in_order = json!({"name": "张三", "detail": "说明"});
    let reordered = json!({"detail": "说明", "name": "张三"});
    assert_ne!(in_order.to_string(), reordered.to_string());
    assert_eq!(digest(in_order), digest(reordered));
    let changed = submit(
        json!({"name": "李四"}),
        submission["materials"].clone(),
        signed(),
    );
    assert_ne!(
        item.validate(&changed, &ctx).unwrap().commitments[0].data_sha256,
        commitment.data_sha256
    );
}

#[test]
fn on_the_spot_items_say_so() {
    let mut definition = item(json!({"handling_type": "on_the_spot"}));
    definition["time_limits"] =
        json!({"statutory": {"on_the_spot": true}, "promised": {"on_the_spot": true}});
    let item = compile(&definition);
    let calendar = WorkCalendar::national();
    let ctx = ValidationContext::new(Lang::ZhCn)
        .accepted_on(parse_date("2026-11-20").unwrap(), &calendar);
    let report = item
        .validate(&submit(json!({"name": "张"}), json!({}), None), &ctx)
        .unwrap();
    let deadlines = report.deadlines.unwrap();
    assert!(deadlines.on_the_spot);
    assert_eq!(deadlines.promised, None);
}

#[test]
fn a_year_without_a_calendar_leaves_the_deadline_pending_not_the_verdict() {
    let item = compile(&item(json!({})));
    let calendar = WorkCalendar::national();
    let ctx = ValidationContext::new(Lang::ZhCn)
        .accepted_on(parse_date("2026-12-25").unwrap(), &calendar);
    let report = item
        .validate(&submit(json!({"name": "张"}), json!({}), None), &ctx)
        .unwrap();
    assert_eq!(report.status, banli_core::Status::Valid);
    let deadlines = report.deadlines.unwrap();
    assert_eq!(deadlines.accepted_on, "2026-12-25");
    assert!(!deadlines.pending.is_empty());
    for pending in &deadlines.pending {
        assert_eq!(pending.year, 2027);
        assert_eq!(pending.code, "calendar.year_not_covered");
        assert!(
            pending
                .message
                .contains("2027年节假日安排公布后确定具体日期"),
            "{}",
            pending.message
        );
    }
    // Never a guessed date.
    assert_eq!(deadlines.statutory, None);
}

#[test]
fn natural_day_deadlines_need_no_calendar() {
    let mut natural = item(json!({}));
    natural["time_limits"] =
        json!({"statutory": {"natural_days": 30}, "promised": {"natural_days": 15}});
    let ctx = ValidationContext::new(Lang::ZhCn)
        .accepted_on_natural_days(parse_date("2026-02-10").unwrap());
    let submission = submit(json!({"name": "张"}), json!({}), None);
    let report = compile(&natural).validate(&submission, &ctx).unwrap();
    let deadlines = report.deadlines.expect("natural days need no calendar");
    // 15 days from 10 February cross the Spring Festival holiday, which
    // natural days count like any other day.
    assert_eq!(deadlines.promised.as_deref(), Some("2026-02-25"));
    assert_eq!(deadlines.statutory.as_deref(), Some("2026-03-12"));
    assert!(deadlines.pending.is_empty());

    // A limit in working days needs the calendar: no deadlines rather than half.
    let working = compile(&item(json!({})))
        .validate(&submission, &ctx)
        .unwrap();
    assert_eq!(working.deadlines, None);
}

#[test]
fn envelope_problems_are_reported() {
    let item = compile(&item(json!({})));
    let report = validate(
        &item,
        &json!({"item": {"code": "OTHER", "version": "1"}, "data": {"name": "张"}}),
        Lang::ZhCn,
    );
    assert_eq!(codes(&report), [("/item/code", "envelope.item_mismatch")]);
    let report = validate(
        &item,
        &json!({"item": {"code": "TEST0001", "version": "0"}, "data": []}),
        Lang::ZhCn,
    );
    assert_eq!(
        codes(&report),
        [
            ("/item/version", "envelope.version_mismatch"),
            ("/data", "envelope.data")
        ]
    );
    let report = validate(&item, &json!("nonsense"), Lang::ZhCn);
    assert_eq!(report.status, Status::Invalid);
}

fn definition_codes(item: &Value) -> Vec<(String, &'static str)> {
    match CompiledItem::with_options(item, &CheckOptions::default()) {
        Ok(item) => item
            .warnings()
            .iter()
            .map(|d| (d.pointer.clone(), d.code))
            .collect(),
        Err(DefinitionErrors::Invalid { diagnostics }) => diagnostics
            .iter()
            .map(|d| (d.pointer.clone(), d.code))
            .collect(),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn definition_checks_report_every_problem_with_its_place() {
    let broken = item(json!({
        "time_limits": {"promised": {"working_days": 5}},
        "ui": {"steps": [{"title": "一", "fields": ["/name", "/nmae"]}]},
        "materials": [
            {"id": "a", "name": "甲", "source": "applicant", "required": {"when": {"properties": {"catgory": {"const": "a"}}}}},
            {"id": "a", "name": "乙", "source": "applicant", "required": true, "core": true, "deferrable": {}},
            {"id": "c", "name": "丙", "source": "applicant", "required": true, "in_lieu": {"notice": " ", "liability": "责任"}}
        ],
        "deferral": {"allowed": true, "deadline_working_days": 6}
    }));
    let found = definition_codes(&broken);
    for expected in [
        ("/materials/1/id", "definition.duplicate_material_id"),
        (
            "/materials/0/required/when/properties/catgory",
            "definition.unknown_field",
        ),
        ("/ui/steps/0/fields/1", "definition.unknown_field"),
        ("/form/properties/category", "definition.field_not_in_steps"),
        ("/materials/1/deferrable", "definition.core_deferrable"),
        (
            "/deferral/deadline_working_days",
            "definition.deferral_beyond_promised",
        ),
        (
            "/materials/2/in_lieu/notice",
            "definition.in_lieu_incomplete",
        ),
    ] {
        assert!(
            found
                .iter()
                .any(|(p, c)| p == expected.0 && *c == expected.1),
            "missing {expected:?} in {found:#?}"
        );
    }
}

#[test]
fn definition_lint_rules_for_time_limits_visits_and_fees() {
    let found = definition_codes(&item(json!({
        "time_limits": {"statutory": {"working_days": 3}, "promised": {"working_days": 5}},
        "deferral": {"allowed": true, "deadline_working_days": 4}
    })));
    assert!(
        found.contains(&(
            "/time_limits/promised/working_days".into(),
            "definition.promised_beyond_statutory"
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            "/deferral/deadline_working_days".into(),
            "definition.deferral_within_margin"
        )),
        "{found:?}"
    );

    let mut definition = item(json!({"deferral": {"allowed": true, "deadline_working_days": 1}}));
    definition["time_limits"] =
        json!({"statutory": {"on_the_spot": true}, "promised": {"on_the_spot": true}});
    let on_the_spot = definition_codes(&definition);
    assert!(
        on_the_spot.contains(&(
            "/deferral/allowed".into(),
            "definition.deferral_on_the_spot"
        )),
        "{on_the_spot:?}"
    );
    assert!(
        on_the_spot.contains(&(
            "/handling_type".into(),
            "definition.on_the_spot_handling_type"
        )),
        "{on_the_spot:?}"
    );

    // Like is compared with like: natural days with natural days.
    let mut natural = item(json!({}));
    natural["time_limits"] =
        json!({"statutory": {"natural_days": 10}, "promised": {"natural_days": 15}});
    assert_eq!(
        definition_codes(&natural),
        [(
            "/time_limits/promised/natural_days".to_owned(),
            "definition.promised_beyond_statutory"
        )]
    );
    // Different or unstated units cannot be compared: a warning says so,
    // never an error from comparing working days with natural days.
    for (statutory, promised) in [
        (json!({"working_days": 20}), json!({"natural_days": 5})),
        (json!({"natural_days": 20}), json!({"working_days": 30})),
        (json!({"days": 20}), json!({"days": 3})),
    ] {
        let mut mixed = item(json!({}));
        mixed["time_limits"] = json!({"statutory": statutory, "promised": promised});
        assert_eq!(
            definition_codes(&mixed),
            [(
                "/time_limits/promised".to_owned(),
                "definition.time_limit_units_differ"
            )],
            "{mixed}"
        );
    }

    let depth = definition_codes(&item(
        json!({"online_depth": "IV", "visits": {"count": 1, "reason": "核验"}}),
    ));
    assert!(
        depth.contains(&("/visits/count".into(), "definition.full_online_with_visits")),
        "{depth:?}"
    );
}

#[test]
fn a_form_that_cannot_compile_is_a_definition_error() {
    let found = definition_codes(&item(
        json!({"form": {"properties": {"x": {"type": "string", "pattern": "(a)\\1"}}}}),
    ));
    assert!(
        found
            .iter()
            .any(|(p, c)| p.starts_with("/form") && *c == "definition.form_invalid"),
        "{found:?}"
    );
    let remote = definition_codes(&item(
        json!({"form": {"properties": {"x": {"$ref": "https://example.com/s.json"}}}}),
    ));
    assert!(
        remote
            .iter()
            .any(|(p, c)| p == "/form/properties/x/$ref" && *c == "definition.ref_remote"),
        "remote references are refused: {remote:?}"
    );
}

#[test]
fn compile_errors_name_the_place_and_never_dump_the_schema() {
    let messages = |form: Value| -> Vec<(String, String, String)> {
        match CompiledItem::from_value(&item(json!({ "form": form }))) {
            Err(DefinitionErrors::Invalid { diagnostics }) => diagnostics
                .into_iter()
                .filter(|d| d.code == "definition.form_invalid")
                .map(|d| (d.pointer, d.message.zh, d.message.en))
                .collect(),
            other => panic!("{other:?}"),
        }
    };
    // A draft-07 tuple: the engine says `[{"type":"string"}] is not of types …`.
    let tuple =
        messages(json!({"properties": {"pair": {"type": "array", "items": [{"type": "string"}]}}}));
    assert_eq!(tuple.len(), 1, "{tuple:?}");
    let (pointer, zh, en) = &tuple[0];
    assert_eq!(pointer, "/form/properties/pair/items");
    assert!(
        zh.contains("prefixItems") && zh.contains("draft-07"),
        "{zh}"
    );
    assert!(en.contains("prefixItems"), "{en}");
    for text in [zh, en] {
        assert!(
            !text.contains("is not of types") && !text.contains('{'),
            "{text}"
        );
    }
    let typo = messages(json!({"properties": {"a": {"type": "strin"}}}));
    assert_eq!(typo[0].0, "/form/properties/a/type");
    assert!(
        typo[0].1.contains("“strin”不是 JSON Schema 的类型"),
        "{typo:?}"
    );
    // The engine resolves no raw non-ASCII fragment (banli's decoder does):
    // the message says so, at the `$ref` itself.
    let raw = messages(json!({
        "$defs": {"联系": {"type": "string"}},
        "properties": {"a": {"$ref": "#/$defs/联系"}}
    }));
    assert_eq!(raw[0].0, "/form/properties/a/$ref", "{raw:?}");
    assert!(raw[0].1.contains("百分号编码"), "{raw:?}");
    // Anything else: the generic text, still at its place, still bilingual.
    let other = messages(json!({"properties": {"a": {"minLength": "x"}}}));
    assert_eq!(other[0].0, "/form/properties/a/minLength");
    assert!(!other[0].1.contains("\"x\""), "{other:?}");
}

#[test]
fn a_catastrophic_pattern_runs_in_linear_time() {
    let item = compile(&item(
        json!({"form": {"properties": {"x": {"type": "string", "title": "X", "pattern": "^(a+)+$"}}}}),
    ));
    // As long as a string may be: a backtracking engine would need 2^9999 steps.
    let hostile = format!("{}b", "a".repeat(9_999));
    let report = validate(
        &item,
        &submit(json!({"name": "张", "x": hostile}), json!({}), None),
        Lang::ZhCn,
    );
    assert_eq!(codes(&report), [("/x", "pattern")]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any data, any choice per material (including ids the item does not
    /// have), signed or not: the status agrees with the errors, and both
    /// languages report the same places.
    #[test]
    fn the_status_agrees_with_the_errors(
        data in prop_oneof![
            arbitrary_json(3),
            Just(json!({"name": "张三"})),
            Just(json!({"name": "张三", "category": "b"})),
        ],
        choices in prop::collection::btree_map(
            prop_oneof![
                Just("licence".to_owned()), Just("plan".to_owned()), Just("rules".to_owned()),
                Just("extra".to_owned()), Just("proof".to_owned()), Just("ghost".to_owned()),
            ],
            prop_oneof![
                Just(json!({"disposition": "provided", "files": [{"name": "a.pdf", "size": 1, "sha256": "0".repeat(64)}]})),
                Just(json!({"disposition": "shared"})),
                Just(json!({"disposition": "deferred"})),
                Just(json!({"disposition": "in_lieu"})),
                Just(json!({"disposition": "elsewhere"})),
                arbitrary_json(1),
            ],
            0..6,
        ),
        sign in any::<bool>(),
    ) {
        let item = material_item();
        let materials = Value::Object(choices.into_iter().collect());
        let envelope = submit(data.clone(), materials, if sign { signed() } else { None });
        let zh = validate(&item, &envelope, Lang::ZhCn);
        let en = validate(&item, &envelope, Lang::En);
        prop_assert_eq!(zh.status == Status::Invalid, !zh.errors.is_empty());
        prop_assert_eq!(codes(&zh), codes(&en));
        let _ = validate(&item, &data, Lang::En);
    }
}

/// Form-shaped arbitrary JSON: the test item's own field names are drawn
/// often enough to reach its rules.
fn arbitrary_json(depth: u32) -> impl Strategy<Value = Value> {
    let leaves = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        "[a-z一-龥 ]{0,8}".prop_map(Value::String),
        Just(json!("name")),
    ];
    let keys = prop_oneof![
        Just("name".to_owned()),
        Just("category".to_owned()),
        "[a-z]{1,4}".prop_map(String::from)
    ];
    support::arbitrary_json(depth, 32, 4, leaves.boxed(), keys.boxed())
}

/// A situational item: the question `category` (甲/乙); `permit` is needed
/// in situation 甲, `proof` always except in situation 乙.
fn situational(materials: Value) -> Value {
    item(json!({
        "situations": [{
            "field": "/category",
            "cases": [
                {"id": "case-a", "value": "a", "text": "属甲类情形的", "i18n": {"en": {"text": "class A"}},
                 "materials": ["permit"]},
                {"id": "case-b", "value": "b", "text": "乙类项目", "exempts": ["proof"]}
            ]
        }],
        "materials": materials
    }))
}

fn situational_materials(permit: Value, proof: Value) -> Value {
    json!([
        {"id": "permit", "name": "许可文件", "source": "applicant", "required": permit},
        {"id": "proof", "name": "证明材料", "source": "applicant", "required": proof}
    ])
}

/// A material a situation selects is required exactly when the situation
/// holds, and one it exempts exactly when it does not: the same verdict, for
/// every answer, as the item written with `when` conditions.
#[test]
fn a_situational_material_is_required_exactly_when_its_situation_holds() {
    let by_situation = compile(&situational(situational_materials(
        json!("by_situation"),
        json!("by_situation"),
    )));
    let with_when = compile(&item(json!({
        "materials": situational_materials(
            json!({"when": {"properties": {"category": {"const": "a"}}, "required": ["category"]}}),
            json!({"when": {"properties": {"category": {"not": {"const": "b"}}}, "required": ["category"]}}),
        )
    })));
    for (category, permit, proof) in [
        (Some("a"), true, true),
        (Some("b"), false, false),
        (None, false, false),
    ] {
        let mut data = json!({"name": "张三"});
        if let Some(c) = category {
            data["category"] = json!(c);
            if c == "a" {
                data["detail"] = json!("说明");
            }
        }
        let report = validate(
            &by_situation,
            &submit(data.clone(), json!({}), None),
            Lang::ZhCn,
        );
        let required: Vec<bool> = report.materials.iter().map(|m| m.required).collect();
        assert_eq!(required, [permit, proof], "{category:?}");
        let same = validate(&with_when, &submit(data, json!({}), None), Lang::ZhCn);
        assert_eq!(report.to_json(), same.to_json(), "{category:?}");
    }
}

/// The applicant's checklist comes from the answers to the situation
/// questions alone, in the guide's wording.
#[test]
fn the_checklist_follows_the_situation_answers_alone() {
    let item = compile(&situational(situational_materials(
        json!("by_situation"),
        json!("by_situation"),
    )));
    let needs = |data: Value, lang| {
        let list = item.checklist(&data, lang);
        let needs: Vec<(String, &str, String)> = list
            .materials
            .iter()
            .map(|m| (m.id.clone(), m.need.as_str(), m.necessity.clone()))
            .collect();
        (list, needs)
    };
    let (list, found) = needs(json!({"category": "a", "name": "不读"}), Lang::ZhCn);
    assert_eq!(
        found,
        [
            ("permit".into(), "required", "属甲类情形的时需要".into()),
            ("proof".into(), "required", "必要，乙类项目除外".into()),
        ]
    );
    assert_eq!(list.situations, ["属甲类情形的"]);
    assert!(list.unanswered.is_empty());
    assert_eq!(list.materials[0].because, ["属甲类情形的"]);

    let (_, found) = needs(json!({"category": "b"}), Lang::En);
    assert_eq!(
        found,
        [
            (
                "permit".into(),
                "not_needed",
                "Required for: class A".into()
            ),
            (
                "proof".into(),
                "not_needed",
                "Required, except for: 乙类项目".into()
            ),
        ]
    );

    let (list, found) = needs(json!({}), Lang::ZhCn);
    assert_eq!(list.unanswered, ["/category"]);
    assert!(found.iter().all(|(_, need, _)| *need == "unanswered"));
}

#[test]
fn situations_must_name_a_question_and_known_materials() {
    let broken = |situations: Value, materials: Value| {
        let mut item = situational(materials);
        item["situations"] = situations;
        definition_codes(&item)
    };
    let ok = situational_materials(json!("by_situation"), json!("by_situation"));
    let case = |field: &str, value: Value, materials: Value| json!([{"field": field, "cases": [{"id": "c", "value": value, "text": "t", "materials": materials}]}]);
    let cases = [
        (
            broken(
                case("/nope", json!("a"), json!(["permit", "proof"])),
                ok.clone(),
            ),
            ("/situations/0/field", "definition.situation_unknown_field"),
        ),
        (
            broken(
                case("/name", json!("a"), json!(["permit", "proof"])),
                ok.clone(),
            ),
            ("/situations/0/field", "definition.situation_not_a_question"),
        ),
        (
            broken(
                case("/category", json!("c"), json!(["permit", "proof"])),
                ok.clone(),
            ),
            (
                "/situations/0/cases/0/value",
                "definition.situation_value_not_allowed",
            ),
        ),
        (
            broken(
                case("/category", json!("a"), json!(["permit", "proof", "visa"])),
                ok.clone(),
            ),
            (
                "/situations/0/cases/0/materials/2",
                "definition.situation_unknown_material",
            ),
        ),
        (
            broken(
                case("/category", json!("a"), json!(["permit", "proof"])),
                situational_materials(json!("by_situation"), json!(true)),
            ),
            (
                "/materials/1/required",
                "definition.situation_material_not_by_situation",
            ),
        ),
        (
            broken(case("/category", json!("a"), json!(["permit"])), ok.clone()),
            (
                "/materials/1/required",
                "definition.by_situation_unselected",
            ),
        ),
    ];
    for (found, (pointer, code)) in cases {
        assert_eq!(found, [(pointer.to_owned(), code)]);
    }
    let mut twice = situational(ok);
    twice["situations"][0]["cases"][1]["id"] = json!("case-a");
    assert_eq!(
        definition_codes(&twice),
        [(
            "/situations/0/cases/1/id".to_owned(),
            "definition.duplicate_situation_id"
        )]
    );
}

/// The printed guide words a situational material by its situations, as
/// the published guide does, never as a field's value ("为“a”时").
#[test]
fn the_guide_words_situations_in_their_own_terms() {
    use banli_core::guide;
    let item = compile(&situational(situational_materials(
        json!("by_situation"),
        json!("by_situation"),
    )));
    for (lang, wanted) in [
        (
            Lang::ZhCn,
            [
                "属甲类情形的时需要",
                "必要，乙类项目除外",
                "办理情形",
                "类别：甲",
            ],
        ),
        (
            Lang::En,
            [
                "Required for: class A",
                "Required, except for: 乙类项目",
                "Situations",
                "类别: 甲",
            ],
        ),
    ] {
        let built = guide::build(item.definition(), lang);
        for text in [guide::markdown::render(&built), guide::html::render(&built)] {
            for w in wanted {
                assert!(text.contains(w), "{lang:?} lacks {w}: {text}");
            }
            assert!(!text.contains("为“"), "{text}");
            assert!(!text.contains(" is “"), "{text}");
        }
    }
}

/// Issue 18: the variant (业务办理项) the answers choose decides the limits
/// the deadlines count and is named, with its code, in the report; before
/// a choice the item's own limits stand and the report names none.
#[test]
fn the_chosen_variant_sets_the_deadlines_and_is_named() {
    let item = compile(&item(json!({
        "form": {"properties": {"level": {
            "type": "string", "title": "审批层级", "enum": ["county", "city"],
            "x-enum-labels": {"county": "县级", "city": "市级"}
        }}},
        "situations": [{"field": "/level", "cases": [
            {"id": "county-project", "value": "county", "text": "县级项目", "variant": "county"},
            {"id": "city-project", "value": "city", "text": "市级项目", "variant": "city"}
        ]}],
        "variants": [
            {"id": "county", "name": "县级审批", "code": "V001"},
            {"id": "city", "name": "市级审批", "code": "V002", "role": "forwards",
             "authority": {"name": "市发展改革委"},
             "time_limits": {"statutory": {"working_days": 15}, "promised": {"working_days": 10}}}
        ]
    })));
    let calendar = WorkCalendar::national();
    let ctx = ValidationContext::new(Lang::ZhCn)
        .accepted_on(parse_date("2026-11-20").unwrap(), &calendar);
    let judged = |level: Option<&str>| {
        let mut data = json!({"name": "张"});
        if let Some(level) = level {
            data["level"] = json!(level);
        }
        item.validate(&submit(data, json!({}), None), &ctx).unwrap()
    };

    let county = judged(Some("county"));
    let variant = county.variant.as_ref().unwrap();
    assert_eq!(
        (variant.code.as_deref(), variant.name.as_str()),
        (Some("V001"), "县级审批")
    );
    let deadlines = county.deadlines.unwrap();
    assert_eq!(
        deadlines.promised.as_deref(),
        Some("2026-11-27"),
        "the item's 5 days"
    );

    let city = judged(Some("city"));
    let variant = city.variant.as_ref().unwrap();
    assert_eq!(variant.code.as_deref(), Some("V002"));
    assert_eq!(variant.authority.as_deref(), Some("市发展改革委"));
    let deadlines = city.deadlines.unwrap();
    assert_eq!(
        deadlines.promised.as_deref(),
        Some("2026-12-04"),
        "the variant's 10 days"
    );
    assert_eq!(
        deadlines.statutory.as_deref(),
        Some("2026-12-11"),
        "the variant's 15 days"
    );

    let unchosen = judged(None);
    assert!(unchosen.variant.is_none());
    assert_eq!(
        unchosen.deadlines.unwrap().promised.as_deref(),
        Some("2026-11-27")
    );
}
