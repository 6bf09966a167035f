//! The limits (`banli_core::limits`, `docs/security.md`): each one reached
//! through the entries shells use (`validate_json` for text, `validate` for
//! a value, definition loading), each with its own code; hostile shapes
//! (a 100,000-deep array, a `$ref` cycle, a remote `$ref`) are refused
//! without recursion; and nothing panics on arbitrary input.

use banli_core::definition::CheckOptions;
use banli_core::layout::Control;
use banli_core::limits::{self, Limits};
use banli_core::{CompiledItem, DefinitionErrors, Lang, Report, Status, ValidationContext};
use proptest::prelude::*;
use serde_json::{Value, json};

const FOOD: &str = include_str!("../../../schemas/items/food-business-licence.json");
const FOOD_VALID: &str =
    include_str!("../../../tests/fixtures/food-business-licence/valid-organisation.json");

fn food() -> &'static CompiledItem {
    static ITEM: std::sync::OnceLock<CompiledItem> = std::sync::OnceLock::new();
    ITEM.get_or_init(|| CompiledItem::from_json(FOOD).unwrap())
}

fn codes(report: &Report) -> Vec<(&str, &str)> {
    report
        .errors
        .iter()
        .map(|e| (e.path.as_str(), e.code.as_str()))
        .collect()
}

fn deep_array(depth: usize) -> Value {
    let mut value = json!([]);
    for _ in 1..depth {
        value = Value::Array(vec![value]);
    }
    value
}

fn envelope_with_data(data: Value) -> Value {
    let mut envelope: Value = serde_json::from_str(FOOD_VALID).unwrap();
    envelope["data"]["extra"] = data;
    envelope
}

fn minimal_item(form: Value) -> Value {
    // Not `json!({"form": form})`: the macro serialises `form` recursively.
    let mut item = json!({
        "format": "banli-item/1",
        "code": "TEST0001",
        "basic_code": "000000000001",
        "version": "1",
        "name": "测试事项",
        "item_type": {"code": "01", "label": "行政许可"},
        "authority": {"name": "测试局"},
        "time_limits": {"statutory": {"working_days": 20}, "promised": {"working_days": 5}},
        "visits": {"count": 0},
        "fees": {"charged": false},
        "form": null,
        "materials": []
    });
    item["form"] = form;
    item
}

fn definition_codes(result: Result<CompiledItem, DefinitionErrors>) -> Vec<(String, &'static str)> {
    match result {
        Ok(_) => Vec::new(),
        Err(e) => e
            .diagnostics()
            .into_iter()
            .map(|d| (d.pointer, d.code))
            .collect(),
    }
}

#[test]
fn a_valid_sample_stays_valid_within_the_default_limits() {
    let report = food()
        .validate_json(FOOD_VALID, &ValidationContext::new(Lang::ZhCn))
        .unwrap();
    assert_eq!(report.status, Status::Valid, "{:?}", report.errors);
}

#[test]
fn a_100000_deep_array_as_text_is_an_invalid_report_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let text = FOOD_VALID.replacen("\"data\": {", &format!("\"data\": {{\"extra\": {deep},"), 1);
    assert!(text.len() > FOOD_VALID.len());
    let report = food()
        .validate_json(&text, &ValidationContext::new(Lang::En))
        .unwrap();
    assert_eq!(report.status, Status::Invalid);
    assert_eq!(
        codes(&report),
        [(
            format!("/data/extra{}", "/0".repeat(30)).as_str(),
            "limit.too_deep"
        )]
    );
    assert_eq!(
        report.errors[0].message,
        "the data is nested too deeply; the limit is 32 levels"
    );
    assert_eq!(report.materials.len(), food().definition().materials.len());
}

#[test]
fn a_100000_deep_array_as_a_value_is_an_invalid_report_not_a_crash() {
    // Built in memory (as a caller's own deserialiser might): the check is
    // iterative, and the value is taken apart without recursion afterwards.
    let envelope = envelope_with_data(deep_array(100_000));
    let report = food()
        .validate(&envelope, &ValidationContext::new(Lang::ZhCn))
        .unwrap();
    assert_eq!(
        codes(&report),
        [(
            format!("/data/extra{}", "/0".repeat(30)).as_str(),
            "limit.too_deep"
        )]
    );
    assert_eq!(report.errors[0].message, "数据嵌套层数过多，上限为 32 层");
    let errors = food().form_errors(&envelope["data"], Lang::ZhCn);
    assert_eq!(errors[0].code, "limit.too_deep");
    limits::dismantle(envelope);
}

#[test]
fn each_submission_limit_has_its_own_code() {
    let item = food();
    let small = Limits {
        max_document_bytes: 100,
        ..Limits::default()
    };
    let ctx = ValidationContext::new(Lang::ZhCn).with_limits(small);
    let report = item.validate_json(FOOD_VALID, &ctx).unwrap();
    assert_eq!(codes(&report), [("", "limit.document_too_large")]);

    let ctx = ValidationContext::new(Lang::ZhCn);
    let long = envelope_with_data(json!("字".repeat(10_001)));
    assert_eq!(
        codes(&item.validate(&long, &ctx).unwrap()),
        [("/data/extra", "limit.string_too_long")]
    );
    let at_limit = envelope_with_data(json!("字".repeat(10_000)));
    assert!(
        !codes(&item.validate(&at_limit, &ctx).unwrap())
            .iter()
            .any(|(_, c)| c.starts_with("limit."))
    );

    let many = envelope_with_data(Value::Array(vec![json!(1); 1_001]));
    assert_eq!(
        codes(&item.validate(&many, &ctx).unwrap()),
        [("/data/extra", "limit.array_too_long")]
    );

    let mut materials = serde_json::Map::new();
    for i in 0..201 {
        materials.insert(format!("m{i}"), json!({"disposition": "provided"}));
    }
    let mut envelope: Value = serde_json::from_str(FOOD_VALID).unwrap();
    envelope["materials"] = Value::Object(materials);
    assert_eq!(
        codes(&item.validate(&envelope, &ctx).unwrap()),
        [("/materials", "limit.too_many_materials")]
    );

    let mut envelope: Value = serde_json::from_str(FOOD_VALID).unwrap();
    let files: Vec<Value> = (0..51)
        .map(|i| json!({"name": format!("{i}.pdf"), "size": 1, "sha256": "00"}))
        .collect();
    envelope["materials"]["floor-plan"] = json!({"disposition": "provided", "files": files});
    assert_eq!(
        codes(&item.validate(&envelope, &ctx).unwrap()),
        [("/materials/floor-plan/files", "limit.too_many_files")]
    );
}

#[test]
fn a_definition_too_large_or_too_deep_is_refused_with_its_code() {
    let options = CheckOptions {
        limits: Limits {
            max_definition_bytes: 1_000,
            ..Limits::default()
        },
        ..CheckOptions::default()
    };
    assert_eq!(
        definition_codes(CompiledItem::from_json_with(FOOD, &options)),
        [(String::new(), "definition.too_large")]
    );

    let deep_text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let text = format!("{{\"form\": {deep_text}}}");
    let found = definition_codes(CompiledItem::from_json(&text));
    assert_eq!(
        found,
        [(format!("/form{}", "/0".repeat(99)), "definition.too_deep")]
    );

    let deep = minimal_item(deep_array(100_000));
    let found = definition_codes(CompiledItem::from_value(&deep));
    assert_eq!(
        found,
        [(format!("/form{}", "/0".repeat(99)), "definition.too_deep")]
    );
    limits::dismantle(deep);
}

#[test]
fn reference_cycles_are_reported_not_followed() {
    let direct = minimal_item(
        json!({"type": "object", "allOf": [{"$ref": "#"}], "properties": {"a": {"type": "string"}}}),
    );
    assert_eq!(
        definition_codes(CompiledItem::from_value(&direct)),
        [("/form/allOf/0/$ref".to_owned(), "definition.ref_cycle")]
    );
    // Through a required property only: no finite data satisfies it.
    let forced = minimal_item(
        json!({"type": "object", "required": ["a"], "properties": {"a": {"$ref": "#"}}}),
    );
    assert_eq!(
        definition_codes(CompiledItem::from_value(&forced)),
        [(
            "/form/properties/a/$ref".to_owned(),
            "definition.ref_cycle_required"
        )]
    );
    let indirect = minimal_item(json!({
        "type": "object",
        "$defs": {"a": {"allOf": [{"$ref": "#/$defs/b"}]}, "b": {"anyOf": [{"$ref": "#/$defs/a"}]}},
        "properties": {"x": {"$ref": "#/$defs/a"}}
    }));
    let found = definition_codes(CompiledItem::from_value(&indirect));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, "definition.ref_cycle");

    let mut when = minimal_item(json!({"type": "object", "properties": {"a": {"type": "string"}}}));
    when["materials"] = json!([{"id": "m", "name": "材料", "source": "applicant",
        "required": {"when": {"$defs": {"s": {"$ref": "#/$defs/s"}}, "$ref": "#/$defs/s"}}}]);
    let found = definition_codes(CompiledItem::from_value(&when));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "definition.ref_cycle");
    assert!(found[0].0.starts_with("/materials/0/required/when/"));
}

/// A department with sub-departments: `children.items` refers back to the node.
fn tree_item() -> CompiledItem {
    let form = json!({
        "type": "object",
        "$defs": {"node": {"type": "object", "title": "部门", "required": ["name"], "properties": {
            "name": {"type": "string", "title": "部门名称", "maxLength": 30},
            "opens_at": {"type": "string", "title": "开放时间", "format": "time"},
            "children": {"type": "array", "title": "下设部门", "items": {"$ref": "#/$defs/node"}},
            "merged_into": {"$ref": "#/$defs/node", "title": "并入部门"}
        }}},
        "required": ["root"],
        "properties": {"root": {"$ref": "#/$defs/node"}}
    });
    CompiledItem::from_value(&minimal_item(form))
        .expect("a recursive form through an optional list loads")
}

fn tree_envelope(data: Value) -> Value {
    let mut envelope = json!({"item": {"code": "TEST0001", "version": "1"}, "data": null});
    envelope["data"] = data;
    envelope
}

/// `{"name": "d0", "children": [{"name": "d1", "children": [...]}]}`, `depth`
/// departments below the first (each department is two levels of data),
/// built without recursion (`json!` would serialise the child again).
fn deep_tree(depth: usize) -> Value {
    let mut node = serde_json::Map::new();
    node.insert("name".into(), json!(format!("d{depth}")));
    node.insert("opens_at".into(), json!("9:30"));
    let mut node = Value::Object(node);
    for level in (0..depth).rev() {
        let mut parent = serde_json::Map::new();
        parent.insert("name".into(), json!(format!("d{level}")));
        parent.insert("children".into(), Value::Array(vec![node]));
        node = Value::Object(parent);
    }
    node
}

fn with_root(tree: Value) -> Value {
    let mut data = serde_json::Map::new();
    data.insert("root".into(), tree);
    Value::Object(data)
}

#[test]
fn recursive_forms_validate_their_data_at_every_level() {
    let item = tree_item();
    let ctx = ValidationContext::new(Lang::ZhCn);
    let mut data = deep_tree(5);
    let report = item
        .validate(&tree_envelope(json!({"root": data.clone()})), &ctx)
        .unwrap();
    assert_eq!(report.status, Status::Valid, "{:?}", report.errors);
    let leaf = "/root/children/0/children/0/children/0/children/0/children/0";
    assert_eq!(
        item.submitted_data(&json!({"root": data.clone()}))
            .pointer(&format!("{leaf}/opens_at")),
        Some(&json!("09:30:00+08:00")),
        "the time is completed at the fifth level"
    );
    data.pointer_mut(&leaf["/root".len()..]).unwrap()["name"] = json!("名".repeat(31));
    let report = item
        .validate(&tree_envelope(json!({"root": data})), &ctx)
        .unwrap();
    assert_eq!(
        codes(&report),
        [(format!("{leaf}/name").as_str(), "maxLength")]
    );
    assert!(
        report.errors[0].label.ends_with("部门名称"),
        "{:?}",
        report.errors[0]
    );
}

#[test]
fn recursive_forms_with_deep_data_hit_the_limit_cleanly() {
    let item = tree_item();
    let ctx = ValidationContext::new(Lang::ZhCn);
    // 100,000 departments: 200,000 levels of data, far over the limit.
    let envelope = tree_envelope(with_root(deep_tree(100_000)));
    let report = item.validate(&envelope, &ctx).unwrap();
    assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
    assert_eq!(report.errors[0].code, "limit.too_deep");
    assert!(
        report.errors[0]
            .path
            .starts_with("/data/root/children/0/children/0/")
    );
    let data = &envelope["data"];
    let errors = item.form_errors(data, Lang::ZhCn);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, "limit.too_deep");
    // What is submitted, the layout and the materials of such data are
    // those of an empty form, and nothing recursed over it.
    assert_eq!(item.submitted_data(data), json!({}));
    assert_eq!(
        item.layout(data, Lang::ZhCn),
        item.layout(&json!({}), Lang::ZhCn)
    );
    assert!(item.material_requirements(data, Lang::ZhCn).is_empty());
    assert!(!item.needs_commitment(&envelope));
    limits::dismantle(envelope);

    let text = serde_json::to_string(&tree_envelope(json!({"root": "x"})))
        .unwrap()
        .replace(
            "\"x\"",
            &format!(
                "{}{}",
                "{\"children\":[".repeat(20_000),
                "]}".repeat(20_000)
            ),
        );
    let report = item.validate_json(&text, &ctx).unwrap();
    assert_eq!(report.status, Status::Invalid);
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].code, "limit.too_deep");
}

#[test]
fn recursive_layouts_unroll_one_level_at_a_time() {
    let item = tree_item();
    let pointers = |data: &Value| {
        let fields = item.layout(data, Lang::ZhCn);
        let mut all = Vec::new();
        fields.iter().for_each(|f| f.walk(&mut all));
        all.iter()
            .map(|f| match f.control {
                Control::List { .. } => format!("{}[]", f.pointer),
                _ => f.pointer.clone(),
            })
            .collect::<Vec<_>>()
    };
    // An optional object that refers back to its ancestor: no fields until
    // it has data, then one more level.
    assert_eq!(
        pointers(&json!({})),
        [
            "/root",
            "/root/name",
            "/root/opens_at",
            "/root/children[]",
            "/root/merged_into"
        ]
    );
    assert_eq!(
        pointers(&json!({"root": {"children": [{}], "merged_into": {}}})),
        [
            "/root",
            "/root/name",
            "/root/opens_at",
            "/root/children[]",
            "/root/children/0/name",
            "/root/children/0/opens_at",
            "/root/children/0/children[]",
            "/root/children/0/merged_into",
            "/root/merged_into",
            "/root/merged_into/name",
            "/root/merged_into/opens_at",
            "/root/merged_into/children[]",
            "/root/merged_into/merged_into"
        ]
    );
}

#[test]
fn long_reference_chains_stop_at_the_limit() {
    let mut defs = serde_json::Map::new();
    for i in 0..20 {
        defs.insert(
            format!("d{i}"),
            json!({"$ref": format!("#/$defs/d{}", i + 1)}),
        );
    }
    defs.insert("d20".to_owned(), json!({"type": "string"}));
    let chain = minimal_item(
        json!({"type": "object", "$defs": defs, "properties": {"a": {"$ref": "#/$defs/d0"}}}),
    );
    let found = definition_codes(CompiledItem::from_value(&chain));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, "definition.ref_too_deep");
    let relaxed = CheckOptions {
        limits: Limits {
            max_ref_depth: 32,
            ..Limits::default()
        },
        ..CheckOptions::default()
    };
    assert!(CompiledItem::with_options(&chain, &relaxed).is_ok());
}

#[test]
fn a_diamond_of_references_loads_quickly() {
    // Each level refers to the next twice: 2^16 paths, 16 places.
    let mut defs = serde_json::Map::new();
    for i in 0..15 {
        let next = format!("#/$defs/d{}", i + 1);
        defs.insert(
            format!("d{i}"),
            json!({"allOf": [{"$ref": next}, {"$ref": next}]}),
        );
    }
    defs.insert("d15".to_owned(), json!({"type": "string"}));
    let diamond = minimal_item(
        json!({"type": "object", "$defs": defs, "properties": {"a": {"$ref": "#/$defs/d0"}}}),
    );
    assert!(CompiledItem::from_value(&diamond).is_ok());
}

#[test]
fn remote_references_are_refused_with_a_clear_error() {
    let remote = minimal_item(json!({"type": "object", "properties": {
        "a": {"$ref": "https://example.com/person.json"}
    }}));
    let error = CompiledItem::from_value(&remote).unwrap_err();
    let diagnostics = error.diagnostics();
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].code, "definition.ref_remote");
    assert_eq!(diagnostics[0].pointer, "/form/properties/a/$ref");
    assert!(diagnostics[0].message.zh.contains("不允许外部引用"));
}

fn arbitrary_json(depth: u32) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|n| json!(n)),
        any::<String>().prop_map(Value::String),
        Just(json!("provided")),
        Just(json!("deferred")),
        Just(json!("11330100MB0000000X4440117001000")),
    ];
    leaf.prop_recursive(depth, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("item".to_owned()),
                    Just("data".to_owned()),
                    Just("materials".to_owned()),
                    Just("disposition".to_owned()),
                    Just("files".to_owned()),
                    Just("commitment".to_owned()),
                    Just("operator".to_owned()),
                    any::<String>(),
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Any JSON, as the envelope or as its data, with default or tiny
    /// limits: a report, never a panic.
    #[test]
    fn validation_never_panics_on_arbitrary_json(value in arbitrary_json(6), tiny in any::<bool>()) {
        let item = food();
        let limits = if tiny {
            Limits { max_depth: 3, max_string_chars: 4, max_array_len: 2, max_materials: 1, max_files_per_material: 1, ..Limits::default() }
        } else {
            Limits::default()
        };
        let ctx = ValidationContext::new(Lang::En).with_limits(limits);
        let report = item.validate(&value, &ctx).unwrap();
        prop_assert_eq!(report.status, Status::Invalid);
        let _ = item.validate(&envelope_with_data(value.clone()), &ctx).unwrap();
        let _ = item.validate_json(&value.to_string(), &ctx).unwrap();
        let _ = item.form_errors(&value, Lang::ZhCn);
        let _ = item.material_requirements(&value, Lang::ZhCn);
    }

    /// Any text: a report or a syntax failure, never a panic.
    #[test]
    fn validate_json_never_panics_on_arbitrary_text(text in any::<String>()) {
        let item = food();
        let _ = item.validate_json(&text, &ValidationContext::new(Lang::ZhCn));
    }

    /// Any JSON as a definition: loaded or refused, never a panic.
    #[test]
    fn definition_loading_never_panics(value in arbitrary_json(5)) {
        let _ = CompiledItem::from_value(&value);
        let _ = CompiledItem::from_value(&minimal_item(value));
    }
}
