//! The shipped bundle (开办餐馆一件事) merged and validated per member, and
//! the ways a bundle file can be wrong.

use serde_json::{Value, json};

use super::*;
use crate::definition::Requirement;
use crate::report::Status;
use crate::validate::ValidationContext;
use crate::{Lang, lint};

const BUNDLE: &str = include_str!("../../../../schemas/bundles/open-restaurant.json");
const REGISTRATION: &str = include_str!("../../../../schemas/items/business-registration.json");
const FOOD: &str = include_str!("../../../../schemas/items/food-business-licence.json");
const SIGNAGE: &str = include_str!("../../../../schemas/items/shop-sign-permit.json");

fn members() -> Vec<CompiledItem> {
    [REGISTRATION, FOOD, SIGNAGE]
        .iter()
        .map(|t| CompiledItem::from_json(t).unwrap())
        .collect()
}

fn bundle() -> Bundle {
    Bundle::new(&BundleFile::from_json(BUNDLE).unwrap(), members()).unwrap()
}

#[test]
fn the_merged_definition_is_a_clean_item() {
    let bundle = bundle();
    let merged = serde_json::to_value(bundle.merged().definition()).unwrap();
    let findings = lint::lint_value(&merged, &Default::default());
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn shared_fields_are_filled_once_and_materials_given_once() {
    let bundle = bundle();
    let merged = bundle.merged().definition();
    let properties = merged.form["properties"].as_object().unwrap();
    let keys: Vec<&str> = properties.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "has_signage",
            "premises_address",
            "contact_mobile",
            "registration",
            "food",
        ]
    );
    // The sign permit applies only when there is a sign: its form is the
    // `then` of its `when`.
    assert_eq!(
        merged.form["allOf"][0]["if"],
        json!({"properties": {"has_signage": {"const": true}}, "required": ["has_signage"]})
    );
    assert_eq!(
        merged.form["allOf"][0]["then"]["required"],
        json!(["signage"])
    );
    assert!(
        merged.form["allOf"][0]["then"]["properties"]["signage"]["properties"]
            .get("sign")
            .is_some()
    );
    assert!(
        merged.form["properties"]["food"]["properties"]["premises"]["properties"]
            .get("address")
            .is_none()
    );
    assert_eq!(
        merged.form["required"],
        json!([
            "has_signage",
            "premises_address",
            "contact_mobile",
            "registration",
            "food",
        ])
    );
    let ids: Vec<&str> = merged.materials.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(
        ids.iter().filter(|id| **id == "premises-proof").count(),
        1,
        "{ids:?}"
    );
    // Registration takes a commitment in lieu of the premises proof, the
    // sign permit does not: the merged material offers it with
    // registration's words, and each member keeps its own term, by which
    // validation judges the choice for the members that apply.
    let proof = merged.material("premises-proof").unwrap();
    assert!(proof.in_lieu.is_some(), "offered: a member accepts it");
    let in_lieu = |key: &str| {
        let member = merged.members.iter().find(|m| m.key == key).unwrap();
        member
            .material_terms
            .iter()
            .find(|t| t.id == "premises-proof")
            .unwrap()
            .in_lieu
    };
    assert!(in_lieu("registration"));
    assert!(!in_lieu("signage"), "the sign permit takes no commitment");
    assert!(matches!(proof.required, Requirement::Always(true)));
    // The sign's design is required only when the sign permit applies; the
    // lighting safety proof only when it applies and the sign is lit.
    let design = merged.material("sign-design").unwrap();
    assert_eq!(
        serde_json::to_value(&design.required).unwrap(),
        json!({"when": {"properties": {"has_signage": {"const": true}}, "required": ["has_signage"]}})
    );
    let lighting = merged.material("lighting-safety").unwrap();
    let Requirement::When { when } = &lighting.required else {
        panic!("lighting-safety stays conditional");
    };
    assert_eq!(when["allOf"][0]["required"], json!(["has_signage"]));
    assert_eq!(when["allOf"][1]["required"], json!(["signage"]));
    let members: Vec<(&str, &str, Option<u32>)> = merged
        .members
        .iter()
        .map(|m| {
            (
                m.key.as_str(),
                m.code.as_str(),
                m.time_limits.promised.working_days,
            )
        })
        .collect();
    assert_eq!(
        members,
        [
            ("registration", "11339900MB1000001Q4000101001000", Some(1)),
            ("food", "11339900MB1000001Q4000117001000", Some(5)),
            ("signage", "11339900MB1000003M4000120005000", Some(5)),
        ]
    );
    assert_eq!(merged.time_limits.statutory.working_days, Some(20));
}

fn submission() -> Value {
    json!({
        "item": {"code": "11339900MB1000001Q9000000001000", "version": "2026.1"},
        "data": {
            "has_signage": true,
            "premises_address": "云溪市临湖区湖滨路12号1楼",
            "contact_mobile": "13857112233",
            "registration": {
                "operator": {"name": "张伟", "id_number": "440524188001010014"},
                "trade_name": "云溪市临湖区张记面馆",
                "operating_mode": "individual",
                "scope": "餐饮服务",
                "premises": {},
                "contact": {}
            },
            "food": {
                "applicant": {"kind": "person", "name": "张伟", "id_number": "440524188001010014", "mobile": "13857112233"},
                "category": "catering",
                "kitchen_area_m2": 30,
                "premises": {"postcode": "339001", "area_m2": 80},
                "staff": [{"name": "张伟", "id_number": "440524188001010014", "health_certificate_no": "JK2026-0001"}],
                "contact": {}
            },
            "signage": {
                "applicant": {"name": "张伟", "id_number": "440524188001010014"},
                "premises": {},
                "sign": {"text": "张记面馆", "width_m": 4, "height_m": 0.8, "lit": false},
                "contact": {}
            }
        },
        "materials": {
            "applicant-id": {"disposition": "shared"},
            "premises-proof": {"disposition": "provided", "files": [{"name": "租赁合同.pdf", "size": 1000, "sha256": "0936e2029ab1d851e0c7167149aeb1ced393d20cff67854227dcb3d24d5c0a50"}]},
            "operator-licence": {"disposition": "shared"},
            "safety-rules": {"disposition": "provided", "files": [{"name": "制度.pdf", "size": 1000, "sha256": "0936e2029ab1d851e0c7167149aeb1ced393d20cff67854227dcb3d24d5c0a50"}]},
            "floor-plan": {"disposition": "provided", "files": [{"name": "平面图.pdf", "size": 1000, "sha256": "0936e2029ab1d851e0c7167149aeb1ced393d20cff67854227dcb3d24d5c0a50"}]},
            "equipment-layout": {"disposition": "provided", "files": [{"name": "布局.pdf", "size": 1000, "sha256": "0936e2029ab1d851e0c7167149aeb1ced393d20cff67854227dcb3d24d5c0a50"}]},
            "health-certificates": {"disposition": "provided", "files": [{"name": "健康证.pdf", "size": 1000, "sha256": "0936e2029ab1d851e0c7167149aeb1ced393d20cff67854227dcb3d24d5c0a50"}]},
            "sign-design": {"disposition": "provided", "files": [{"name": "效果图.pdf", "size": 1000, "sha256": "0936e2029ab1d851e0c7167149aeb1ced393d20cff67854227dcb3d24d5c0a50"}]}
        }
    })
}

#[test]
fn a_complete_submission_is_valid_for_every_member() {
    let bundle = bundle();
    let report = bundle
        .validate(&submission(), &ValidationContext::new(Lang::ZhCn))
        .unwrap();
    for member in &report.members {
        assert_eq!(
            member.report.as_ref().unwrap().status,
            Status::Valid,
            "{}: {:#?}",
            member.key,
            member.report.as_ref().unwrap().errors
        );
    }
    assert_eq!(report.status, Status::Valid);
    let whole = bundle
        .merged()
        .validate(&submission(), &ValidationContext::new(Lang::ZhCn))
        .unwrap();
    assert_eq!(whole.status, Status::Valid, "{:#?}", whole.errors);
}

#[test]
fn each_member_reports_its_own_problems() {
    let mut broken = submission();
    broken["data"]["contact_mobile"] = json!("2385711223");
    broken["data"]["signage"]["sign"]["height_m"] = json!(4);
    let report = bundle()
        .validate(&broken, &ValidationContext::new(Lang::ZhCn))
        .unwrap();
    assert_eq!(report.status, Status::Invalid);
    let paths: Vec<(&str, Vec<&str>)> = report
        .members
        .iter()
        .map(|m| {
            (
                m.key.as_str(),
                m.report
                    .as_ref()
                    .unwrap()
                    .errors
                    .iter()
                    .map(|e| e.path.as_str())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        paths,
        [
            ("registration", vec!["/contact/mobile"]),
            ("food", vec!["/contact/mobile"]),
            ("signage", vec!["/contact/mobile", "/sign/height_m"]),
        ]
    );
}

#[test]
fn broken_bundle_files_are_typed_errors() {
    let mut file: Value = serde_json::from_str(BUNDLE).unwrap();
    file["shared"][0]["members"]["food"] = json!("/applicant/name");
    let file = BundleFile::from_value(file).unwrap();
    assert!(matches!(
        Bundle::new(&file, members()),
        Err(BundleError::SharedFieldNotFound { .. })
    ));

    let mut one: Value = serde_json::from_str(BUNDLE).unwrap();
    one["members"].as_array_mut().unwrap().truncate(1);
    assert!(matches!(
        BundleFile::from_value(one),
        Err(BundleError::TooFewMembers)
    ));

    let mut twice: Value = serde_json::from_str(BUNDLE).unwrap();
    twice["members"][1]["key"] = json!("registration");
    assert!(matches!(
        BundleFile::from_value(twice),
        Err(BundleError::DuplicateMember(_))
    ));

    let mut shapeless: Value = serde_json::from_str(BUNDLE).unwrap();
    shapeless["members"][0]
        .as_object_mut()
        .unwrap()
        .remove("key");
    let error = BundleFile::from_value(shapeless).unwrap_err();
    assert!(matches!(error, BundleError::Shape(_)), "{error:?}");
    assert!(
        error.message().zh.contains("“key”"),
        "{}",
        error.message().zh
    );
    assert!(!error.message().en.contains('`'), "{}", error.message().en);

    let mut unknown: Value = serde_json::from_str(BUNDLE).unwrap();
    unknown["shared"][0]["members"]["bakery"] = json!("/x");
    let error = BundleFile::from_value(unknown).unwrap_err();
    assert!(error.message().zh.contains("bakery"));

    let mut conditioned: Value = serde_json::from_str(BUNDLE).unwrap();
    conditioned["shared"] = json!([{"name": "category", "members": {"food": "/category"}}]);
    let file = BundleFile::from_value(conditioned).unwrap();
    assert!(matches!(
        Bundle::new(&file, members()),
        Err(BundleError::SharedFieldInCondition { .. })
    ));
}

#[test]
fn member_references_follow_their_schemas_into_the_merge() {
    // Member forms get `$defs` reached by percent-encoded references from a
    // field and from a shared field, and a material's `when` condition
    // gets its own.
    let mut food: Value = serde_json::from_str(FOOD).unwrap();
    food["form"]["$defs"] = json!({"备注": {"type": "string", "title": "备注", "maxLength": 5}});
    food["form"]["properties"]["note"] = json!({"$ref": "#/$defs/%E5%A4%87%E6%B3%A8"});
    let when = &mut food["materials"][1]["required"]["when"];
    assert!(when.is_object(), "safety-rules has a condition");
    when["$defs"] = json!({"catering": {"const": "catering"}});
    when["properties"]["category"] = json!({"$ref": "#/$defs/catering"});
    let food = CompiledItem::from_value(&food).unwrap();
    // The shared address comes from the first member, registration.
    let mut registration: Value = serde_json::from_str(REGISTRATION).unwrap();
    registration["form"]["$defs"] = json!({"100%": {"type": "string", "title": "地址"}});
    registration["form"]["properties"]["premises"]["properties"]["address"] =
        json!({"$ref": "#/$defs/100%25"});
    let members = vec![
        CompiledItem::from_value(&registration).unwrap(),
        food,
        CompiledItem::from_json(SIGNAGE).unwrap(),
    ];
    let bundle = Bundle::new(&BundleFile::from_json(BUNDLE).unwrap(), members).unwrap();
    let form = &bundle.merged().definition().form;
    assert_eq!(
        form["properties"]["food"]["properties"]["note"]["$ref"],
        "#/properties/food/$defs/%E5%A4%87%E6%B3%A8"
    );
    assert_eq!(
        form["properties"]["premises_address"]["$ref"], "#/properties/registration/$defs/100%25",
        "a shared field taken from a member's form keeps its target"
    );
    // The labels come through the rebased references.
    let report = bundle
        .merged()
        .form_errors(&json!({"food": {"note": "太长了的备注"}}), Lang::ZhCn);
    let note = report
        .iter()
        .find(|e| e.path == "/food/note")
        .expect("note is too long");
    assert_eq!(note.code, "maxLength");
    assert!(note.label.ends_with("备注"), "{}", note.label);
    let safety = bundle
        .merged()
        .definition()
        .material("safety-rules")
        .unwrap();
    let Requirement::When { when } = &safety.required else {
        panic!("safety-rules stays conditional");
    };
    assert_eq!(
        when["properties"]["food"]["properties"]["category"]["$ref"],
        "#/properties/food/$defs/catering"
    );
}

/// Issue 19: the sign permit applies only when the applicant says there is
/// a sign. Without one it has no report, its materials are not asked for,
/// and the bundle is valid on the other members' verdicts.
#[test]
fn a_member_whose_when_does_not_hold_is_not_applied_for() {
    let bundle = bundle();
    let mut without = submission();
    without["data"]["has_signage"] = json!(false);
    without["materials"]
        .as_object_mut()
        .unwrap()
        .remove("sign-design");
    // The sign's data left over from an earlier answer is pruned, not
    // checked: the sign's height is wrong, and nobody minds.
    without["data"]["signage"]["sign"]["height_m"] = json!(40);
    let report = bundle
        .validate(&without, &ValidationContext::new(Lang::ZhCn))
        .unwrap();
    let applies: Vec<(&str, bool, bool)> = report
        .members
        .iter()
        .map(|m| (m.key.as_str(), m.applies, m.report.is_some()))
        .collect();
    assert_eq!(
        applies,
        [
            ("registration", true, true),
            ("food", true, true),
            ("signage", false, false)
        ]
    );
    assert_eq!(report.status, Status::Valid, "{report:#?}");
    let json = serde_json::to_value(&report).unwrap();
    assert!(json["members"][2].get("report").is_none(), "{json:#}");

    // With a sign, the same submission lacks the design and the sign is
    // too tall.
    without["data"]["has_signage"] = json!(true);
    let report = bundle
        .validate(&without, &ValidationContext::new(Lang::ZhCn))
        .unwrap();
    assert_eq!(report.status, Status::Invalid);
    let signage = report.members[2].report.as_ref().expect("it applies");
    let paths: Vec<&str> = signage.errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["/sign/height_m", "/materials/sign-design"]);
}

/// The questions belong to no member, so the bundle checks them: an
/// unanswered question is the bundle's own error, in both languages.
#[test]
fn an_unanswered_question_is_the_bundles_error() {
    let mut unanswered = submission();
    unanswered["data"]
        .as_object_mut()
        .unwrap()
        .remove("has_signage");
    let report = bundle()
        .validate(&unanswered, &ValidationContext::new(Lang::ZhCn))
        .unwrap();
    assert_eq!(report.status, Status::Invalid);
    let errors: Vec<(&str, &str)> = report
        .errors
        .iter()
        .map(|e| (e.path.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(errors, [("/has_signage", "required")]);
    assert!(report.errors[0].label.contains("是否设置户外招牌"));
    assert!(!report.members[2].applies, "no sign said, no sign permit");
}

/// The widget lays out a merged definition like an item: the sign's fields
/// appear only after "是", and are pruned again after "否".
#[test]
fn the_sign_fields_are_laid_out_only_when_there_is_a_sign() {
    let bundle = bundle();
    let merged = bundle.merged();
    let roots = |data: &Value| -> Vec<String> {
        merged
            .layout(data, Lang::ZhCn)
            .into_iter()
            .map(|f| f.pointer)
            .collect()
    };
    let before = roots(&json!({}));
    assert_eq!(before[0], "/has_signage");
    assert!(!before.contains(&"/signage".to_owned()), "{before:?}");
    assert!(!roots(&json!({"has_signage": false})).contains(&"/signage".to_owned()));
    assert!(roots(&json!({"has_signage": true})).contains(&"/signage".to_owned()));
    let kept = merged.prune(&json!({"has_signage": false, "signage": {"sign": {"text": "张记"}}}));
    assert_eq!(kept, json!({"has_signage": false}));
    let required: Vec<String> = merged
        .material_requirements(&json!({"has_signage": false}), Lang::ZhCn)
        .into_iter()
        .filter(|m| m.required)
        .map(|m| m.id)
        .collect();
    assert!(
        !required.contains(&"sign-design".to_owned()),
        "{required:?}"
    );
}

#[test]
fn a_question_may_not_take_a_members_or_shared_fields_name() {
    for name in ["signage", "contact_mobile"] {
        let mut file: Value = serde_json::from_str(BUNDLE).unwrap();
        file["questions"][name] = json!({"type": "boolean", "title": "x"});
        assert!(
            matches!(BundleFile::from_value(file), Err(BundleError::QuestionNameTaken(n)) if n == name)
        );
    }
}

/// A `when` may carry its own `$defs`, as a material's condition may: its
/// references still resolve as the `if` of the merged form and inside the
/// materials' requirements it is ANDed into.
#[test]
fn a_whens_references_follow_it_into_the_merge() {
    let mut file: Value = serde_json::from_str(BUNDLE).unwrap();
    file["members"][2]["when"] = json!({
        "$defs": {"是": {"const": true}},
        "properties": {"has_signage": {"$ref": "#/$defs/%E6%98%AF"}},
        "required": ["has_signage"]
    });
    let bundle = Bundle::new(&BundleFile::from_value(file).unwrap(), members()).unwrap();
    let merged = serde_json::to_value(bundle.merged().definition()).unwrap();
    let yes = json!({"const": true});
    let at = |place: &str| {
        let reference = merged["form"]
            .pointer(place)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("a reference at {place}"));
        crate::pointer::resolve_local(&merged["form"], reference).cloned()
    };
    assert_eq!(
        at("/allOf/0/if/properties/has_signage/$ref"),
        Some(yes.clone())
    );
    let lighting = merged["materials"]
        .as_array()
        .unwrap()
        .iter()
        .position(|m| m["id"] == "lighting-safety")
        .unwrap();
    let when = &merged["materials"][lighting]["required"]["when"];
    let reference = when["allOf"][0]["properties"]["has_signage"]["$ref"]
        .as_str()
        .unwrap();
    assert_eq!(crate::pointer::resolve_local(when, reference), Some(&yes));
}

/// Issue 19: the merged definition alone tells a shell which applying
/// members use a material given once (the widget's "用于：…").
#[test]
fn the_merged_definition_names_the_applying_members_that_use_a_material() {
    let bundle = bundle();
    let merged = bundle.merged();
    let users = |data: Value| {
        let submitted = merged.submitted_data(&data);
        merged
            .definition()
            .members_using("premises-proof", &submitted)
            .iter()
            .map(|m| m.key.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        users(json!({"has_signage": true})),
        ["registration", "signage"]
    );
    assert_eq!(
        users(json!({"has_signage": false})),
        ["registration"],
        "no sign: the sign permit does not use it"
    );
    assert_eq!(
        merged
            .definition()
            .members_using("floor-plan", &json!({"has_signage": true}))
            .len(),
        1
    );
}

/// A `when` the evaluator cannot decide counts as applying: the member is
/// asked for rather than dropped (documented in docs/item-format.md).
#[test]
fn an_undecidable_when_counts_as_applying() {
    // `oneOf` is never judged without compiling (it does not hold here).
    let undecidable = json!({"properties": {"has_signage": {"oneOf": [{"const": true}]}}});
    let data = json!({"has_signage": false});
    assert_eq!(
        crate::schema::Condition::parse(&undecidable).holds(Some(&data)),
        None,
        "the evaluator does not judge `oneOf`; pick another keyword if it learns to"
    );
    assert!(member_applies(Some(&undecidable), &data));
    let decided =
        json!({"properties": {"has_signage": {"const": true}}, "required": ["has_signage"]});
    assert!(!member_applies(Some(&decided), &data));
    assert!(member_applies(None, &data));
}

/// A shared field that only members with a `when` require is asked for
/// only when one of them applies: no sign, no sign text.
#[test]
fn a_shared_field_of_conditional_members_is_required_only_when_one_applies() {
    let mut file: Value = serde_json::from_str(BUNDLE).unwrap();
    file["shared"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "sign_text", "members": {"signage": "/sign/text"}}));
    let bundle = Bundle::new(&BundleFile::from_value(file).unwrap(), members()).unwrap();
    let merged = bundle.merged();
    let missing = |has_signage: bool| {
        merged
            .form_errors_on(&json!({"has_signage": has_signage}), None, Lang::ZhCn)
            .iter()
            .any(|e| e.path == "/sign_text")
    };
    assert!(!missing(false), "no sign: the sign text is not asked for");
    assert!(missing(true), "a sign: its text is required");
}

/// Issue 19: the merged definition gives each applying member the
/// deadlines its own office sets, the same as that member's own report
/// (what the server stores): the food licence's deferred floor plan is due
/// by the food licence's own deferral deadline; the other members defer
/// nothing.
#[test]
fn each_members_deadlines_from_the_merged_definition_are_its_own_reports() {
    let calendar = crate::calendar::WorkCalendar::national();
    let accepted_on = crate::calendar::parse_date("2026-10-20").unwrap();
    let ctx = ValidationContext::new(Lang::ZhCn).accepted_on(accepted_on, &calendar);
    let mut deferring = submission();
    deferring["materials"]["floor-plan"] = json!({"disposition": "deferred"});
    deferring["commitment"] = json!({"signer": "张伟", "signed_at": "2026-10-20T09:30:00+08:00"});
    let bundle = bundle();
    let envelope = crate::envelope::Envelope::read(&deferring).envelope;
    let members = bundle.merged().member_deadlines(&envelope, &ctx);
    let reports = bundle.validate(&deferring, &ctx).unwrap().members;
    assert_eq!(
        members.iter().map(|m| m.key.as_str()).collect::<Vec<_>>(),
        ["registration", "food", "signage"]
    );
    for (member, report) in members.iter().zip(&reports) {
        assert_eq!(
            Some(&member.deadlines),
            report.report.as_ref().unwrap().deadlines.as_ref(),
            "{}",
            member.key
        );
    }
    assert_eq!(members[1].deferred, ["经营场所平面图"]);
    assert!(members[1].deadlines.deferred_due.is_some());
    assert!(members[0].deferred.is_empty() && members[2].deferred.is_empty());
    // No sign: the sign permit has no deadlines of its own.
    deferring["data"]["has_signage"] = json!(false);
    let envelope = crate::envelope::Envelope::read(&deferring).envelope;
    let keys: Vec<String> = bundle
        .merged()
        .member_deadlines(&envelope, &ctx)
        .into_iter()
        .map(|m| m.key)
        .collect();
    assert_eq!(keys, ["registration", "food"]);
}

/// The in-lieu conditions (告知承诺) of a member that does not apply are
/// not offered: a commitment given for one asks for no signature and
/// writes no commitment, as its office receives no application.
#[test]
fn the_in_lieu_conditions_of_a_member_that_does_not_apply_are_not_offered() {
    let file = BundleFile::from_value(json!({
        "format": "banli-bundle/1",
        "code": "11339900MB1000001Q9000000009000",
        "basic_code": "YJS000000009",
        "version": "2026.1",
        "name": "开店并接水",
        "authority": {"name": "云溪市政务服务中心"},
        "members": [
            {"key": "food", "item": "food.json"},
            {"key": "utility", "item": "utility.json",
             "when": {"properties": {"needs_water": {"const": true}}, "required": ["needs_water"]}}
        ],
        "questions": {"needs_water": {"type": "boolean", "title": "是否接水"}}
    }))
    .unwrap();
    let members = [
        FOOD,
        include_str!("../../../../schemas/items/utility-connection-permit.json"),
    ]
    .iter()
    .map(|t| CompiledItem::from_json(t).unwrap())
    .collect();
    let bundle = Bundle::new(&file, members).unwrap();
    let merged = bundle.merged();
    let envelope = |needs_water: bool| {
        crate::envelope::Envelope::read(&json!({
            "item": {"code": "11339900MB1000001Q9000000009000", "version": "2026.1"},
            "data": {"needs_water": needs_water},
            "materials": {},
            "conditions": {"utility-no-bad-credit": {"disposition": "in_lieu"}}
        }))
        .envelope
    };
    assert!(
        merged.needs_commitment(&envelope(true)),
        "offered when it applies"
    );
    assert!(
        !merged.needs_commitment(&envelope(false)),
        "not offered when the member does not apply"
    );
    let report = merged
        .validate(
            &envelope(false).to_value(),
            &ValidationContext::new(Lang::ZhCn),
        )
        .unwrap();
    assert!(report.commitments.is_empty(), "{:#?}", report.commitments);
}

/// A member's per-item material follows its array into the merged form:
/// under the member's key, or at the top when the array is shared.
#[test]
fn a_per_item_material_follows_its_array_into_the_merged_form() {
    let drivers = CompiledItem::from_json(include_str!(
        "../../../../tests/fixtures/kinds/per-item/item.json"
    ))
    .unwrap();
    let file = |shared: Value| {
        BundleFile::from_value(json!({
            "format": "banli-bundle/1", "code": "B", "basic_code": "YJS", "version": "1",
            "name": "一件事", "item_type": {"code": "11", "label": "公共服务"},
            "authority": {"name": "中心"},
            "members": [{"key": "fleet", "item": "per-item.json"}, {"key": "food", "item": "food.json"}],
            "shared": shared
        }))
        .unwrap()
    };
    let array = |file: &BundleFile| {
        let members = [drivers.clone(), CompiledItem::from_json(FOOD).unwrap()];
        let merged = merge::merge(file, &members).unwrap();
        merged
            .material("driving-licence")
            .unwrap()
            .per_item
            .clone()
            .unwrap()
            .array
    };
    assert_eq!(array(&file(json!([]))), "/fleet/drivers");
    assert_eq!(
        array(&file(
            json!([{"name": "team", "members": {"fleet": "/drivers"}}])
        )),
        "/team"
    );
}

/// The form offers what the applying members accept: a commitment in lieu
/// of the premises proof, which registration accepts and the sign permit
/// does not, only while there is no outdoor sign; deferral of the floor
/// plan, which only the food licence needs and allows, always.
#[test]
fn the_choices_offered_are_those_the_applying_members_accept() {
    use crate::materials::allowed_dispositions;
    use crate::report::Disposition;
    let bundle = bundle();
    let merged = bundle.merged();
    let index = |id: &str| {
        merged
            .definition()
            .materials
            .iter()
            .position(|m| m.id == id)
            .unwrap()
    };
    let offered = |id: &str, has_signage: bool| {
        allowed_dispositions(merged, index(id), &json!({"has_signage": has_signage}))
    };
    assert!(offered("premises-proof", false).contains(&Disposition::InLieu));
    assert!(!offered("premises-proof", true).contains(&Disposition::InLieu));
    assert!(!offered("premises-proof", false).contains(&Disposition::Deferred));
    assert!(offered("floor-plan", true).contains(&Disposition::Deferred));
}

/// A merged bundle counts a member's per-item material against the
/// member's `deferral_max_materials` as the member's own verdict does:
/// once, however many of its entries are deferred (the national rule
/// counts materials), and the merged commitment names each entry.
#[test]
fn a_per_item_material_counts_once_against_a_members_cap_as_in_its_own_verdict() {
    let fleet = CompiledItem::from_json(include_str!(
        "../../../../tests/fixtures/kinds/per-item-deferral/item.json"
    ))
    .unwrap();
    let days = CompiledItem::from_json(include_str!(
        "../../../../tests/fixtures/kinds/natural-days/item.json"
    ))
    .unwrap();
    let file = BundleFile::from_value(json!({
        "format": "banli-bundle/1", "code": "11339900MB1000001Q9000000009001",
        "basic_code": "YJS000000010", "version": "2026.1",
        "name": "一件事", "item_type": {"code": "11", "label": "公共服务"},
        "authority": {"name": "中心"},
        "members": [{"key": "fleet", "item": "fleet.json"}, {"key": "days", "item": "days.json"}]
    }))
    .unwrap();
    let bundle = Bundle::new(&file, vec![fleet, days]).unwrap();
    let envelope = |articles: &str| {
        json!({
            "item": {"code": "11339900MB1000001Q9000000009001", "version": "2026.1"},
            "data": {"fleet": {"company": "云溪通达客运有限公司",
                               "drivers": [{"name": "李四"}, {"name": "周敏"}]}},
            "materials": {
                "articles": {"disposition": articles, "files": [{"name": "a.pdf", "size": 1, "sha256": "ab".repeat(32)}]},
                "driving-licence": {"entries": [{"disposition": "deferred"}, {"disposition": "deferred"}]},
                "health": {"entries": [{"disposition": "in_lieu"}, {"disposition": "in_lieu"}]}
            },
            "commitment": {"signer": "王五", "signed_at": "2026-11-20T09:30:00+08:00"}
        })
    };
    let ctx = ValidationContext::new(Lang::ZhCn);
    let too_many = |report: &crate::report::Report| {
        report
            .errors
            .iter()
            .filter(|e| e.code == "deferral.too_many")
            .count()
    };
    for (articles, expected) in [("provided", 0), ("deferred", 1)] {
        let submission = envelope(articles);
        let merged = bundle.merged().validate(&submission, &ctx).unwrap();
        let own = bundle.validate(&submission, &ctx).unwrap().members[0]
            .report
            .clone()
            .unwrap();
        assert_eq!(
            too_many(&own),
            expected,
            "the member's own verdict, {articles}"
        );
        assert_eq!(
            too_many(&merged),
            expected,
            "the merged verdict, {articles}"
        );
    }
    let merged = bundle
        .merged()
        .validate(&envelope("provided"), &ctx)
        .unwrap();
    let deferral = &merged.commitments[0];
    assert_eq!(
        deferral
            .materials
            .iter()
            .map(|m| (m.name.as_str(), m.place.as_deref()))
            .collect::<Vec<_>>(),
        [
            (
                "备案申请 › 拟聘用驾驶员 › 第1项（李四） › 机动车驾驶证",
                Some("/materials/driving-licence/entries/0")
            ),
            (
                "备案申请 › 拟聘用驾驶员 › 第2项（周敏） › 机动车驾驶证",
                Some("/materials/driving-licence/entries/1")
            ),
        ]
    );
}
