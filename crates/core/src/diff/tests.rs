//! One small version pair per kind of change.

use serde_json::{Value, json};

use super::*;
use crate::CompiledItem;

fn load(value: &Value) -> ItemDefinition {
    CompiledItem::from_value(value)
        .unwrap()
        .definition()
        .clone()
}

fn kinds(old: &Value, new: &Value) -> Vec<(ChangeKind, String)> {
    compare(&load(old), &load(new))
        .changes
        .into_iter()
        .filter(|c| c.kind != ChangeKind::VersionChanged)
        .map(|c| (c.kind, c.path))
        .collect()
}

fn base() -> Value {
    let mut item = crate::lint::tests::item();
    item["materials"][0]["deferrable"] = json!({"reason": "不影响审查"});
    item["deferral"] = json!({"allowed": true, "deadline_working_days": 2});
    item
}

#[test]
fn identical_versions_have_no_changes() {
    assert!(kinds(&base(), &base()).is_empty());
    assert!(!compare(&load(&base()), &load(&base())).is_breaking());
}

#[test]
fn a_removed_field_is_breaking() {
    let mut new = base();
    new["form"]["properties"]
        .as_object_mut()
        .unwrap()
        .shift_remove("category");
    new["form"]["if"] = json!({"properties": {"name": {"const": "x"}}, "required": ["name"]});
    new["materials"][0]["required"] = json!(true);
    let found = kinds(&base(), &new);
    assert!(
        found.contains(&(ChangeKind::FieldRemoved, "/category".into())),
        "{found:?}"
    );
}

#[test]
fn a_renamed_field_is_detected() {
    let mut new = base();
    let properties = new["form"]["properties"].as_object_mut().unwrap();
    let name = properties.shift_remove("name").unwrap();
    properties.insert("full_name".into(), name);
    new["form"]["required"] = json!(["full_name"]);
    new["form"]["then"] = json!({"required": ["full_name"]});
    let found = kinds(&base(), &new);
    assert_eq!(found, vec![(ChangeKind::FieldRenamed, "/name".into())]);
}

#[test]
fn narrowing_requiring_and_removing_options_are_breaking() {
    let mut new = base();
    new["form"]["properties"]["name"]["type"] = json!("integer");
    new["form"]["properties"]["category"]["enum"] = json!(["a"]);
    new["form"]["required"] = json!(["name", "category"]);
    let diff = compare(&load(&base()), &load(&new));
    let found: Vec<ChangeKind> = diff.changes.iter().map(|c| c.kind).collect();
    assert!(found.contains(&ChangeKind::TypeNarrowed));
    assert!(found.contains(&ChangeKind::EnumValueRemoved));
    assert!(found.contains(&ChangeKind::NewlyRequired));
    assert!(diff.is_breaking());
}

#[test]
fn materials_newly_required_or_not_deferrable_are_breaking() {
    let mut new = base();
    new["materials"][0]["required"] = json!(true);
    new["materials"][0]
        .as_object_mut()
        .unwrap()
        .shift_remove("deferrable");
    let found = kinds(&base(), &new);
    assert_eq!(
        found,
        vec![
            (ChangeKind::MaterialNewlyRequired, "/materials/plan".into()),
            (
                ChangeKind::MaterialNoLongerDeferrable,
                "/materials/plan".into()
            ),
        ]
    );
}

#[test]
fn additions_are_compatible() {
    let mut new = base();
    new["version"] = json!("2");
    new["form"]["properties"]["email"] = json!({"type": "string", "title": "邮箱"});
    new["form"]["properties"]["category"]["enum"] = json!(["a", "b", "c"]);
    new["form"]["properties"]["category"]["x-enum-labels"]["c"] = json!("丙");
    new["materials"][0]["required"] = json!(false);
    let diff = compare(&load(&base()), &load(&new));
    assert!(!diff.is_breaking(), "{:?}", diff.changes);
    let found: Vec<ChangeKind> = diff.changes.iter().map(|c| c.kind).collect();
    assert_eq!(
        found,
        [
            ChangeKind::EnumValueAdded,
            ChangeKind::FieldAdded,
            ChangeKind::MaterialNoLongerRequired,
            ChangeKind::VersionChanged
        ]
    );
}

#[test]
fn fields_reached_through_a_root_ref_are_compared() {
    let with_root_ref = |extra: bool| {
        let mut item = base();
        let mut application = item["form"].clone();
        if extra {
            application["properties"]["fax"] = json!({"type": "string", "title": "传真"});
            application["required"]
                .as_array_mut()
                .unwrap()
                .push(json!("fax"));
        }
        item["form"] =
            json!({"$ref": "#/$defs/application", "$defs": {"application": application}});
        item
    };
    assert!(kinds(&with_root_ref(false), &with_root_ref(false)).is_empty());
    assert_eq!(
        kinds(&with_root_ref(false), &with_root_ref(true)),
        [(ChangeKind::NewlyRequired, "/fax".to_owned())]
    );
}

/// Issue 18: the descriptive keys. One pair per classification.
fn described(edit: impl Fn(&mut Value)) -> (Vec<(ChangeKind, String)>, bool) {
    let mut old = base();
    old["materials"][0]["generated"] = json!(true);
    old["channels"] = json!([{"kind": "window"}, {"kind": "online"}]);
    let mut new = old.clone();
    edit(&mut new);
    let diff = compare(&load(&old), &load(&new));
    (kinds(&old, &new), diff.is_breaking())
}

#[test]
fn a_material_no_longer_generated_is_breaking() {
    let (found, breaking) = described(|new| {
        new["materials"][0]
            .as_object_mut()
            .unwrap()
            .shift_remove("generated");
    });
    assert_eq!(
        found,
        [(
            ChangeKind::MaterialNoLongerGenerated,
            "/materials/plan".into()
        )]
    );
    assert!(breaking);
}

#[test]
fn a_withdrawn_alternative_is_breaking_a_new_one_compatible() {
    let two = json!([{"id": "id-card", "name": "居民身份证"}, {"id": "passport", "name": "护照"}]);
    let mut old = base();
    old["materials"][0]["alternatives"] = two.clone();
    let mut swapped = old.clone();
    swapped["materials"][0]["alternatives"] =
        json!([two[0], {"id": "permit", "name": "港澳台居民居住证"}]);
    assert_eq!(
        kinds(&old, &swapped),
        [
            (
                ChangeKind::AlternativeRemoved,
                "/materials/plan/alternatives/passport".to_owned()
            ),
            (
                ChangeKind::AlternativeAdded,
                "/materials/plan/alternatives/permit".to_owned()
            ),
        ]
    );
    assert!(compare(&load(&old), &load(&swapped)).is_breaking());
    let mut more = old.clone();
    more["materials"][0]["alternatives"] =
        json!([two[0], two[1], {"id": "permit", "name": "港澳台居民居住证"}]);
    assert_eq!(
        kinds(&old, &more),
        [(
            ChangeKind::AlternativeAdded,
            "/materials/plan/alternatives/permit".to_owned()
        )]
    );
    assert!(!compare(&load(&old), &load(&more)).is_breaking());
}

#[test]
fn a_withdrawn_channel_is_breaking_a_new_one_compatible() {
    let (found, breaking) = described(|new| new["channels"] = json!([{"kind": "window"}]));
    assert_eq!(
        found,
        [(ChangeKind::ChannelRemoved, "/channels/online".into())]
    );
    assert!(breaking);
    let (found, breaking) = described(|new| {
        new["channels"] = json!([{"kind": "window"}, {"kind": "online"}, {"kind": "post"}]);
    });
    assert_eq!(found, [(ChangeKind::ChannelAdded, "/channels/post".into())]);
    assert!(!breaking);
}

#[test]
fn guide_elements_time_limits_and_material_details_are_compatible() {
    let (found, breaking) = described(|new| {
        new["results"] = json!([{"name": "许可证", "kind": "licence"}]);
        new["faq"] = json!([{"question": "问", "answer": "答"}]);
        new["time_limits"]["statutory"] = json!({"natural_days": 30});
        new["time_limits"]["special_procedures"] = json!([{"name": "专家评审"}]);
        new["fees"]["third_party_costs"] = json!([{"name": "检测"}]);
        new["visits"] = json!({"not_stated": true});
        new["channels"][0]["result_delivery"] = json!(["post"]);
        new["materials"][0]["seal"] = json!("单位盖章");
        new["materials"][0]["generated"] = json!(true);
    });
    assert!(!breaking, "{found:?}");
    assert_eq!(
        found,
        [
            (ChangeKind::GuideChanged, "/channels".into()),
            (ChangeKind::GuideChanged, "/faq".into()),
            (ChangeKind::GuideChanged, "/fees/third_party_costs".into()),
            (ChangeKind::MaterialDetailsChanged, "/materials/plan".into()),
            (ChangeKind::GuideChanged, "/results".into()),
            (
                ChangeKind::GuideChanged,
                "/time_limits/special_procedures".into()
            ),
            (
                ChangeKind::TimeLimitChanged,
                "/time_limits/statutory".into()
            ),
            (ChangeKind::GuideChanged, "/visits".into()),
        ]
    );
}

#[test]
fn per_item_added_removed_or_moved_is_breaking_its_wording_compatible() {
    let mut old = base();
    old["form"]["properties"]["drivers"] = json!({
        "type": "array", "title": "驾驶员",
        "items": {"type": "object", "properties": {"name": {"type": "string", "title": "姓名"}}}
    });
    old["form"]["properties"]["staff"] = old["form"]["properties"]["drivers"].clone();
    let mut per_item = old.clone();
    per_item["materials"][0]["per_item"] = json!({"array": "/drivers"});
    assert_eq!(
        kinds(&old, &per_item),
        [(
            ChangeKind::MaterialNowPerItem,
            "/materials/plan/per_item".to_owned()
        )]
    );
    assert!(compare(&load(&old), &load(&per_item)).is_breaking());
    assert_eq!(
        kinds(&per_item, &old),
        [(
            ChangeKind::MaterialNoLongerPerItem,
            "/materials/plan/per_item".to_owned()
        )]
    );
    assert!(compare(&load(&per_item), &load(&old)).is_breaking());
    let mut moved = per_item.clone();
    moved["materials"][0]["per_item"]["array"] = json!("/staff");
    assert_eq!(
        kinds(&per_item, &moved),
        [(
            ChangeKind::PerItemArrayChanged,
            "/materials/plan/per_item/array".to_owned()
        )]
    );
    let mut worded = per_item.clone();
    worded["materials"][0]["per_item"]["each"] = json!("每名驾驶员各一份");
    assert!(!compare(&load(&per_item), &load(&worded)).is_breaking());
}

/// Issue 18: the guide's wording of a situation is what the applicant
/// reads first; rewording it (in either language) is a guide change even
/// though the materials it selects stay the same.
#[test]
fn a_reworded_situation_is_a_guide_change() {
    let old: Value = serde_json::from_str(include_str!(
        "../../../../schemas/items/gx-feasibility-approval.json"
    ))
    .unwrap();
    let mut new = old.clone();
    new["situations"][1]["cases"][0]["text"] = json!("农业农村项目");
    new["situations"][2]["cases"][1]["i18n"]["en"]["text"] =
        json!("Projects approved one level up");
    assert_eq!(
        new["situations"][2]["cases"][1]["id"],
        "upper-level-authority"
    );
    let found = kinds(&old, &new);
    assert_eq!(
        found,
        [
            (ChangeKind::GuideChanged, "/situations/agricultural".into()),
            (
                ChangeKind::GuideChanged,
                "/situations/upper-level-authority".into()
            ),
        ]
    );
}

/// A merged bundle (the test bundle with the 广西 item as a member): a
/// member's situation reworded is a guide change at its prefixed id, and a
/// change to a member's variants or to the situations choosing them is a
/// guide change at the member's record.
#[test]
fn a_bundle_members_situations_and_variants_are_diffed() {
    let file = crate::bundle::BundleFile::from_json(include_str!(
        "../../../../tests/fixtures/bundles/project-approval.json"
    ))
    .unwrap();
    let members = vec![
        CompiledItem::from_json(include_str!(
            "../../../../schemas/items/gx-feasibility-approval.json"
        ))
        .unwrap(),
        CompiledItem::from_json(include_str!(
            "../../../../schemas/items/energy-conservation-review.json"
        ))
        .unwrap(),
    ];
    let bundle = crate::bundle::Bundle::new(&file, members).unwrap();
    let old = serde_json::to_value(bundle.merged().definition()).unwrap();
    assert!(kinds(&old, &old).is_empty());
    let mut new = old.clone();
    new["situations"][1]["cases"][0]["text"] = json!("农业农村项目");
    new["members"][0]["variants"][0]["name"] = json!("县级审批");
    new["members"][0]["situations"][0]["cases"][0]["variant"] = json!("forwarded-upward");
    assert_eq!(
        kinds(&old, &new),
        [
            (
                ChangeKind::GuideChanged,
                "/members/feasibility/situations".into()
            ),
            (
                ChangeKind::GuideChanged,
                "/members/feasibility/variants".into()
            ),
            (
                ChangeKind::GuideChanged,
                "/situations/feasibility-agricultural".into()
            ),
        ]
    );
}

#[test]
fn a_bundle_members_own_guide_elements_are_a_guide_change() {
    let member = |key: &str| {
        json!({
            "key": key, "code": "A1", "version": "1", "name": "甲", "authority": {"name": "局"},
            "time_limits": {"statutory": {"working_days": 20}, "promised": {"working_days": 5}},
            "offices": [{"address": "示例路1号"}]
        })
    };
    let mut old = base();
    old["members"] = json!([member("a"), member("b")]);
    let mut new = old.clone();
    new["members"][1]["offices"][0]["address"] = json!("示例路2号");
    new["members"][0]["results"] = json!([{"name": "许可证", "kind": "licence"}]);
    let diff = compare(&load(&old), &load(&new));
    assert!(!diff.is_breaking());
    assert_eq!(
        kinds(&old, &new),
        [
            (ChangeKind::GuideChanged, "/members/a".into()),
            (ChangeKind::GuideChanged, "/members/b".into()),
        ]
    );
}
