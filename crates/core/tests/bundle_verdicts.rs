//! One verdict on a bundle (一件事一次办), wherever it is given: the widget
//! validates the merged definition (`Bundle::merged`, an ordinary item),
//! the server each applying member by its own definition
//! (`Bundle::validate`). On every bundle envelope both must give the same
//! status and name the same places (member paths read as merged ones by
//! `Bundle::merged_path`). The envelopes are the fixtures of
//! `tests/fixtures/bundles/open-restaurant/` and the cases of
//! `tests/fixtures/bundles/verdict-cases.json` (fixtures with a few values
//! changed, each with the status the members' own rules give), and a small
//! inline bundle whose members disagree on whether a shared material is
//! required.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use banli_core::bundle::{Bundle, BundleFile};
use banli_core::calendar::{WorkCalendar, parse_date};
use banli_core::{CompiledItem, Lang, Status, ValidationContext};
use serde_json::{Value, json};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn restaurant() -> Bundle {
    let file = BundleFile::from_json(&read("schemas/bundles/open-restaurant.json")).unwrap();
    let members = [
        "business-registration",
        "food-business-licence",
        "shop-sign-permit",
    ]
    .map(|name| CompiledItem::from_json(&read(&format!("schemas/items/{name}.json"))).unwrap());
    Bundle::new(&file, members.into()).unwrap()
}

/// The widget's verdict and the server's on `envelope`: each status and
/// the set of places named (member paths as merged ones).
fn verdicts(
    bundle: &Bundle,
    envelope: &Value,
) -> ((Status, BTreeSet<String>), (Status, BTreeSet<String>)) {
    let calendar = WorkCalendar::national();
    let ctx = ValidationContext::new(Lang::ZhCn)
        .accepted_on(parse_date("2026-10-20").unwrap(), &calendar);
    let merged = bundle.merged().validate(envelope, &ctx).unwrap();
    let per_member = bundle.validate(envelope, &ctx).unwrap();
    let mut places: BTreeSet<String> = per_member.errors.iter().map(|e| e.path.clone()).collect();
    for member in &per_member.members {
        for error in member.report.iter().flat_map(|r| &r.errors) {
            places.insert(bundle.merged_path(&member.key, &error.path));
        }
    }
    (
        (
            merged.status,
            merged.errors.iter().map(|e| e.path.clone()).collect(),
        ),
        (per_member.status, places),
    )
}

/// The envelopes (`*.json`) in `dir` (from the repository root), by file
/// stem, in name order.
fn envelopes_in(dir: &str) -> Vec<(String, Value)> {
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    fixtures.sort();
    fixtures
        .iter()
        .map(|path| {
            let envelope = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            (
                path.file_stem().unwrap().to_string_lossy().into_owned(),
                envelope,
            )
        })
        .collect()
}

fn set(envelope: &mut Value, at: &str, value: Value) {
    let (parent, last) = at.rsplit_once('/').unwrap();
    envelope
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("{at}"))[last] = value;
}

#[test]
fn the_merged_verdict_is_each_members_own() {
    let bundle = restaurant();
    let mut cases: Vec<(String, Value, Option<String>)> = Vec::new();
    for (name, envelope) in envelopes_in("tests/fixtures/bundles/open-restaurant") {
        cases.push((name, envelope, None));
    }
    let listed: Value =
        serde_json::from_str(&read("tests/fixtures/bundles/verdict-cases.json")).unwrap();
    for case in listed["cases"].as_array().unwrap() {
        let base = case["base"].as_str().unwrap();
        let mut envelope: Value = serde_json::from_str(&read(&format!(
            "tests/fixtures/bundles/open-restaurant/{base}.json"
        )))
        .unwrap();
        for (at, value) in case["set"].as_object().unwrap() {
            set(&mut envelope, at, value.clone());
        }
        let status = case["status"].as_str().unwrap().to_owned();
        cases.push((
            case["name"].as_str().unwrap().to_owned(),
            envelope,
            Some(status),
        ));
    }
    assert!(cases.len() >= 10, "{}", cases.len());
    let mut disagreements = Vec::new();
    for (name, envelope, expected) in &cases {
        let (widget, server) = verdicts(&bundle, envelope);
        if let Some(expected) = expected {
            assert_eq!(
                server.0.as_str(),
                expected,
                "{name}: the members' own verdict"
            );
        }
        if widget != server {
            disagreements.push(format!("{name}: widget {widget:?}, server {server:?}"));
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}

/// A small bundle whose members disagree on whether the shared material
/// `x` is required: `a` always requires it, `b` only when `needs_x`. Each
/// allows one deferred material, `a` for 3 working days, `b` for 5; `b`
/// also has `y`.
fn disagreeing() -> Bundle {
    let item = |code: &str, form: Value, materials: Value, days: u32| {
        CompiledItem::from_value(&json!({
            "format": "banli-item/1", "code": code, "basic_code": "000000000001", "version": "1",
            "name": format!("事项{code}"), "item_type": {"code": "01", "label": "行政许可"},
            "authority": {"name": "测试局"},
            "time_limits": {"statutory": {"working_days": 20}, "promised": {"working_days": 5}},
            "visits": {"count": 0}, "fees": {"charged": false},
            "form": form, "materials": materials,
            "deferral": {"allowed": true, "deadline_working_days": days, "max_materials": 1}
        }))
        .unwrap_or_else(|e| panic!("{:#?}", e.diagnostics()))
    };
    let material = |id: &str, required: Value| {
        json!({"id": id, "name": format!("材料{id}"), "copy_kind": "copy", "medium": "electronic",
               "copies": 1, "source": "applicant", "required": required,
               "deferrable": {"reason": "可后补"}})
    };
    let a = item(
        "TESTA",
        json!({"type": "object", "properties": {"name": {"type": "string", "title": "名称"}}, "required": ["name"]}),
        json!([material("x", json!(true))]),
        3,
    );
    let b = item(
        "TESTB",
        json!({"type": "object", "properties": {"needs_x": {"type": "boolean", "title": "是否需要甲"}}, "required": ["needs_x"]}),
        json!([
            material(
                "x",
                json!({"when": {"properties": {"needs_x": {"const": true}}, "required": ["needs_x"]}})
            ),
            material("y", json!(true)),
        ]),
        5,
    );
    let file = BundleFile::from_json(
        &json!({
            "format": "banli-bundle/1", "code": "TESTAB", "basic_code": "YJS000000009", "version": "1",
            "name": "测试一件事", "authority": {"name": "测试中心"},
            "members": [{"key": "a", "code": "TESTA"}, {"key": "b", "code": "TESTB"}]
        })
        .to_string(),
    )
    .unwrap();
    Bundle::new(&file, vec![a, b]).unwrap()
}

#[test]
fn members_that_disagree_on_a_shared_material_give_one_verdict() {
    let bundle = disagreeing();
    for (needs_x, expected) in [
        (false, Status::ValidWithCommitments),
        (true, Status::Invalid),
    ] {
        let envelope = json!({
            "item": {"code": "TESTAB", "version": "1"},
            "data": {"a": {"name": "甲"}, "b": {"needs_x": needs_x}},
            "materials": {"x": {"disposition": "deferred"}, "y": {"disposition": "deferred"}},
            "commitment": {"signer": "张三", "signed_at": "2026-10-20T09:30:00+08:00"}
        });
        let (widget, server) = verdicts(&bundle, &envelope);
        assert_eq!(server.0, expected, "needs_x {needs_x}: {server:?}");
        assert_eq!(widget, server, "needs_x {needs_x}");
    }
}

/// The deferral commitment the applicant signs on the merged definition
/// states each deferring member's own materials and due date: the date
/// that member's own report (what banli-server stores) sets, not the
/// strictest of all.
#[test]
fn the_commitment_states_each_members_own_due_date() {
    let bundle = disagreeing();
    let envelope = json!({
        "item": {"code": "TESTAB", "version": "1"},
        "data": {"a": {"name": "甲"}, "b": {"needs_x": false}},
        "materials": {"x": {"disposition": "deferred"}, "y": {"disposition": "deferred"}},
        "commitment": {"signer": "张三", "signed_at": "2026-10-20T09:30:00+08:00"}
    });
    let calendar = WorkCalendar::national();
    for lang in [Lang::ZhCn, Lang::En] {
        let ctx =
            ValidationContext::new(lang).accepted_on(parse_date("2026-10-20").unwrap(), &calendar);
        let merged = bundle.merged().validate(&envelope, &ctx).unwrap();
        let signed = &merged.commitments[0];
        let per_member = bundle.validate(&envelope, &ctx).unwrap();
        let mut dues = Vec::new();
        for member in &per_member.members {
            let own = &member.report.as_ref().unwrap().commitments[0];
            let due = own.due.clone().unwrap();
            let stated = match lang {
                Lang::ZhCn => format!("{}：于{due}", member.name),
                Lang::En => format!("{}: by {due}", member.name),
            };
            let text = signed.text.get(lang);
            // The member's line, then its materials, numbered and indented.
            let listed: Vec<String> = text
                .lines()
                .skip_while(|line| !line.trim_start().starts_with(&stated))
                .skip(1)
                .take_while(|line| line.starts_with("      "))
                .map(|line| line.trim().split_once(". ").unwrap().1.to_owned())
                .collect();
            let own_materials: Vec<String> = own.materials.iter().map(|m| m.name.clone()).collect();
            assert_eq!(listed, own_materials, "{stated} in {text}");
            dues.push(due);
        }
        assert_ne!(dues[0], dues[1], "the members' own dates differ: {dues:?}");
    }
}

/// The test bundle `tests/fixtures/bundles/project-approval.json`: the 广西
/// feasibility-study approval (situations that select and exempt
/// materials, and two variants) with the energy conservation review.
fn project_approval() -> Bundle {
    let file =
        BundleFile::from_json(&read("tests/fixtures/bundles/project-approval.json")).unwrap();
    let members = ["gx-feasibility-approval", "energy-conservation-review"]
        .map(|name| CompiledItem::from_json(&read(&format!("schemas/items/{name}.json"))).unwrap());
    Bundle::new(&file, members.into()).unwrap()
}

/// The fixtures of `tests/fixtures/bundles/project-approval/`, and each
/// with every combination of the answers to the feasibility member's
/// situation questions (each one selects, exempts or chooses something).
fn project_approval_cases() -> Vec<(String, Value)> {
    let questions = [
        "land_by_allocation",
        "agricultural",
        "upper_level_authority",
        "stability_assessment_exempt",
    ];
    let mut cases = Vec::new();
    for (name, envelope) in envelopes_in("tests/fixtures/bundles/project-approval/submissions") {
        cases.push((name.clone(), envelope.clone()));
        for answers in 0..16_u32 {
            let mut flipped = envelope.clone();
            for (bit, question) in questions.iter().enumerate() {
                set(
                    &mut flipped,
                    &format!("/data/feasibility/situation/{question}"),
                    Value::Bool(answers & (1 << bit) != 0),
                );
            }
            cases.push((format!("{name} answers {answers:04b}"), flipped));
        }
    }
    cases
}

/// A member with situations and variants: on every case the merged
/// verdict is the members' own (status and places), and each applying
/// member's record from the merged definition (`member_deadlines`: its
/// variant with code, role and authority, and its dates) is what the
/// member's own report gives, as the server stores it.
#[test]
fn a_situational_members_verdict_variant_and_dates_are_its_own() {
    let bundle = project_approval();
    let calendar = WorkCalendar::national();
    let ctx = ValidationContext::new(Lang::ZhCn)
        .accepted_on(parse_date("2026-10-20").unwrap(), &calendar);
    let cases = project_approval_cases();
    assert!(cases.len() >= 60, "{}", cases.len());
    let mut disagreements = Vec::new();
    let mut variants = BTreeSet::new();
    let mut statuses = BTreeSet::new();
    for (name, envelope) in &cases {
        let (widget, server) = verdicts(&bundle, envelope);
        statuses.insert(server.0.as_str());
        if widget != server {
            disagreements.push(format!("{name}: widget {widget:?}, server {server:?}"));
        }
        let read = banli_core::envelope::Envelope::read(envelope).envelope;
        let records = bundle.merged().member_deadlines(&read, &ctx);
        let reports = bundle.validate(envelope, &ctx).unwrap().members;
        let applying: Vec<_> = reports.iter().filter(|r| r.applies).collect();
        assert_eq!(records.len(), applying.len(), "{name}");
        for (record, member) in records.iter().zip(applying) {
            let own = member.report.as_ref().unwrap();
            assert_eq!(record.key, member.key, "{name}");
            assert_eq!(
                Some(&record.deadlines),
                own.deadlines.as_ref(),
                "{name}: {}",
                record.key
            );
            assert_eq!(record.variant, own.variant, "{name}: {}", record.key);
            variants.insert(record.variant.as_ref().map(|v| v.id.clone()));
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
    // The cases reach both variants and both verdicts.
    assert_eq!(
        variants,
        BTreeSet::from([
            None,
            Some("county-approval".to_owned()),
            Some("forwarded-upward".to_owned())
        ])
    );
    assert!(
        statuses.contains("valid") && statuses.contains("invalid"),
        "{statuses:?}"
    );
}

/// The bundle's 办事指引 (the merged definition's checklist) asks the
/// feasibility member's situation questions at their merged places and,
/// for every combination of answers, decides each of that member's
/// materials as the member's own checklist does, in the same words; the
/// situations that hold are the member's own.
#[test]
fn the_bundles_checklist_decides_a_members_materials_as_its_own() {
    let bundle = project_approval();
    let merged = bundle.merged();
    let (_, alone) = bundle.members().next().unwrap();
    let questions: Vec<&str> = merged
        .definition()
        .situations
        .iter()
        .map(|q| q.field.as_str())
        .collect();
    assert_eq!(
        questions,
        [
            "/feasibility/situation/land_by_allocation",
            "/feasibility/situation/agricultural",
            "/feasibility/situation/upper_level_authority",
            "/feasibility/situation/stability_assessment_exempt"
        ]
    );
    let unanswered = merged.checklist(&json!({}), Lang::ZhCn);
    assert_eq!(unanswered.unanswered, questions);
    for answers in 0..16_u32 {
        let situation: serde_json::Map<String, Value> = [
            "land_by_allocation",
            "agricultural",
            "upper_level_authority",
            "stability_assessment_exempt",
        ]
        .iter()
        .enumerate()
        .map(|(bit, q)| ((*q).to_owned(), Value::Bool(answers & (1 << bit) != 0)))
        .collect();
        for lang in [Lang::ZhCn, Lang::En] {
            let own = alone.checklist(&json!({"situation": situation}), lang);
            let list = merged.checklist(&json!({"feasibility": {"situation": situation}}), lang);
            assert!(list.unanswered.is_empty(), "{answers:04b}");
            assert_eq!(list.situations, own.situations, "{answers:04b}");
            // The member's variant, as its own checklist names it, with its name.
            let variant = own.variant.as_deref().unwrap();
            assert_eq!(list.member_variants.len(), 1, "{answers:04b}");
            assert!(
                list.member_variants[0].contains(variant)
                    && list.member_variants[0].contains(alone.definition().localized_name(lang)),
                "{answers:04b}: {:?}",
                list.member_variants
            );
            for material in &own.materials {
                let there = list
                    .materials
                    .iter()
                    .find(|m| m.id == material.id)
                    .unwrap_or_else(|| panic!("{}", material.id));
                assert_eq!(
                    (there.need, &there.necessity, &there.because),
                    (material.need, &material.necessity, &material.because),
                    "{answers:04b} {lang:?}: {}",
                    material.id
                );
            }
        }
    }
}

/// A situational member that applies only for some answers (a `when` on a
/// bundle question): its situations select its materials only when it
/// applies, in the merged verdict as in the members' own, and the 办事指引
/// cannot rule its selected materials in or out from the situation answers
/// alone.
#[test]
fn a_conditional_members_situations_apply_only_when_it_does() {
    let mut file: Value =
        serde_json::from_str(&read("tests/fixtures/bundles/project-approval.json")).unwrap();
    file["questions"] = json!({"needs_approval": {"type": "boolean", "title": "是否需要可研审批"}});
    file["members"][0]["when"] =
        json!({"properties": {"needs_approval": {"const": true}}, "required": ["needs_approval"]});
    let members = ["gx-feasibility-approval", "energy-conservation-review"]
        .map(|name| CompiledItem::from_json(&read(&format!("schemas/items/{name}.json"))).unwrap());
    let bundle = Bundle::new(&BundleFile::from_value(file).unwrap(), members.into()).unwrap();
    let envelope: Value = serde_json::from_str(&read(
        "tests/fixtures/bundles/project-approval/submissions/invalid-situational-materials-missing.json",
    ))
    .unwrap();
    for (applies, expected) in [(true, Status::Invalid), (false, Status::Valid)] {
        let mut envelope = envelope.clone();
        set(&mut envelope, "/data/needs_approval", Value::Bool(applies));
        let (widget, server) = verdicts(&bundle, &envelope);
        assert_eq!(server.0, expected, "applies {applies}: {server:?}");
        assert_eq!(widget, server, "applies {applies}");
    }
    let list = bundle.merged().checklist(
        &json!({"feasibility": {"situation": {"land_by_allocation": true, "agricultural": false,
            "upper_level_authority": true, "stability_assessment_exempt": false}}}),
        Lang::ZhCn,
    );
    let need = |id: &str| list.materials.iter().find(|m| m.id == id).unwrap().need;
    assert_eq!(
        need("upper-level-review"),
        banli_core::checklist::Need::DependsOnForm
    );
    assert_eq!(need("metering-plan"), banli_core::checklist::Need::Required);
}
