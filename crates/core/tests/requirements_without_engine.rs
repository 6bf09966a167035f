//! The widget's view has no schema engine: it judges material requirements
//! with `schema::Condition` (`material_required_without_engine`), and the report it
//! builds must be the one the server's engine makes. For every sample item,
//! on the empty form and on the data of each of its fixtures, every
//! requirement the view can judge must agree with the engine's, and every
//! sample item's requirements must be judgeable without the engine (a
//! condition that is not costs the view a crossing to the engine, which
//! `tests/lent_engine.rs` checks).

use banli_core::CompiledItem;
use serde_json::{Value, json};

#[path = "support/samples.rs"]
mod samples;
use samples::{Sample, sample_items};

#[test]
fn requirements_judged_without_the_engine_agree_with_it() {
    let mut judged = 0;
    for Sample { name, item, datas } in sample_items() {
        for data in &datas {
            let data = item.normalize(data);
            for (index, material) in item.definition().materials.iter().enumerate() {
                let without = item.material_required_without_engine(index, &data);
                assert_eq!(
                    without,
                    Some(item.material_required(index, &data)),
                    "{name}: material {} on {data}",
                    material.id
                );
                judged += 1;
            }
        }
    }
    assert!(judged > 100, "only {judged} requirements judged");
}

/// A `when` that tests a field without requiring it: the engine compiles it
/// guarded (an absent field never satisfies a condition), so the view must
/// judge it guarded too, or it asks for a material the server does not.
#[test]
fn an_absent_field_satisfies_no_condition_without_the_engine_either() {
    let mut item: Value =
        serde_json::from_str(include_str!("../../../tests/fixtures/item-head.json")).unwrap();
    item["form"] = json!({
        "type": "object",
        "properties": {"category": {"type": "string", "enum": ["a", "b"]}}
    });
    item["materials"] = json!([
        {"id": "extra", "name": "说明材料", "source": "applicant",
         "required": {"when": {"properties": {"category": {"const": "b"}}}}},
        {"id": "other", "name": "其他材料", "source": "applicant",
         "required": {"when": {"properties": {"category": {"minimum": 1}}}}}
    ]);
    let item = CompiledItem::from_value(&item).unwrap();
    for (data, extra) in [
        (json!({}), false),
        (json!({"category": "a"}), false),
        (json!({"category": "b"}), true),
    ] {
        assert_eq!(item.material_required(0, &data), extra, "{data}");
        assert_eq!(
            item.material_required_without_engine(0, &data),
            Some(extra),
            "{data}"
        );
    }
    // `minimum` needs the engine: the view cannot judge it.
    assert_eq!(
        item.material_required_without_engine(1, &json!({"category": "b"})),
        None
    );
}
