//! The limits (`banli_core::limits`, `docs/security.md`): each one reached
//! through the entries shells use (`validate_json` for text, `validate` for
//! a value, definition loading), each with its own code; hostile shapes
//! (a 100,000-deep array, a `$ref` cycle, a remote `$ref`) are refused
//! without recursion; and nothing panics on arbitrary input.

use banli_core::definition::CheckOptions;
use banli_core::layout::Control;
use banli_core::limits::{self, Limits};
use banli_core::{CompiledItem, DefinitionErrors, Lang, Status, ValidationContext};
use proptest::prelude::*;
use serde_json::{Value, json};

mod support;

use support::codes;

const FOOD: &str = include_str!("../../../schemas/items/food-business-licence.json");
const FOOD_VALID: &str =
    include_str!("../../../tests/fixtures/food-business-licence/valid-organisation.json");

fn food() -> &'static CompiledItem {
    static ITEM: std::sync::OnceLock<CompiledItem> = std::sync::OnceLock::new();
    ITEM.get_or_init(|| CompiledItem::from_json(FOOD).unwrap())
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
    // The shared head of a test item; the form set by assignment, not
    // through `json!` (the macro would serialise `form` recursively).
    let mut item: Value =
        serde_json::from_str(include_str!("../../../tests/fixtures/item-head.json")).unwrap();
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

/// The live check and the form errors count form data as it stands in
/// the envelope (level 2), so at the limit's edge they agree with the
/// submission's verdict: data one level too deep is named at the same
/// place by all three, data at the limit by none.
#[test]
fn form_data_at_the_depth_limit_gets_the_submission_verdict() {
    let ctx = ValidationContext::new(Lang::ZhCn);
    let too_deep = |errors: &[banli_core::ReportError]| -> Vec<String> {
        errors
            .iter()
            .filter(|e| e.code == "limit.too_deep")
            .map(|e| e.path.clone())
            .collect()
    };
    // The envelope is level 1 and its data level 2, so `extra` at level 3
    // may hold 30 levels of arrays and not 31.
    for (levels, refused) in [(30, false), (31, true)] {
        let envelope = envelope_with_data(deep_array(levels));
        let report = food().validate(&envelope, &ctx).unwrap();
        let submitted: Vec<String> = too_deep(&report.errors)
            .iter()
            .map(|path| path.strip_prefix("/data").unwrap().to_owned())
            .collect();
        let data = &envelope["data"];
        assert_eq!(
            submitted.is_empty(),
            !refused,
            "{levels} levels: {submitted:?}"
        );
        assert_eq!(too_deep(&food().form_errors(data, Lang::ZhCn)), submitted);
        assert_eq!(
            too_deep(&food().live_form_errors(data, None, Lang::ZhCn)),
            submitted
        );
    }
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
    assert_eq!(
        food().live_form_errors(&envelope["data"], None, Lang::ZhCn),
        errors
    );
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

    // A per-item material's files are counted per entry, each entry being
    // one copy of the material.
    envelope["materials"]["floor-plan"] = json!({"entries": [
        {"disposition": "provided", "files": [files[0]]},
        {"disposition": "provided", "files": files}
    ]});
    assert_eq!(
        codes(&item.validate(&envelope, &ctx).unwrap()),
        [(
            "/materials/floor-plan/entries/1/files",
            "limit.too_many_files"
        )]
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
    let mut envelope = tree_envelope(with_root(deep_tree(100_000)));
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
    // The live check (the JS API's `formErrors`) names the limit too, not
    // the errors of the empty form such data would submit.
    assert_eq!(item.live_form_errors(data, None, Lang::ZhCn), errors);
    // What is submitted, the layout and the materials of such data are
    // those of an empty form, and nothing recursed over it.
    assert_eq!(item.submitted_data(data), json!({}));
    assert_eq!(
        item.layout(data, Lang::ZhCn),
        item.layout(&json!({}), Lang::ZhCn)
    );
    assert!(item.material_requirements(data, Lang::ZhCn).is_empty());
    // The typed envelope takes the data over without copying it.
    let typed = banli_core::envelope::Envelope::new("TEST0001", "1", envelope["data"].take());
    assert!(!item.needs_commitment(&typed));
    limits::dismantle(typed.data);
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

fn diamond(fan: usize) -> Value {
    let mut defs = serde_json::Map::new();
    for i in 0..15 {
        let next = json!({"$ref": format!("#/$defs/d{}", i + 1)});
        defs.insert(format!("d{i}"), json!({"allOf": vec![next; fan]}));
    }
    defs.insert("d15".to_owned(), json!({"type": "string", "title": "末端"}));
    minimal_item(
        json!({"type": "object", "$defs": defs, "properties": {"a": {"$ref": "#/$defs/d0", "title": "甲"}}}),
    )
}

/// Runs `work` on another thread and waits at most a minute: the bound
/// tells an exponential walk (years) from a linear one (milliseconds)
/// without timing anything finer, and the test fails instead of hanging.
fn within_a_minute<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(work());
    });
    finished
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("an exponential walk over the references: nothing finished within a minute")
}

/// Eight references to the next level, fifteen levels: 8^15 paths through
/// 16 places. Any validator would evaluate all of them for one value, so
/// the definition is refused at load, where the count is linear.
#[test]
fn a_diamond_of_references_is_refused_at_load_not_hung_on() {
    let error = within_a_minute(|| CompiledItem::from_value(&diamond(8)).unwrap_err());
    let codes: Vec<_> = error
        .diagnostics()
        .iter()
        .map(|d| (d.pointer.clone(), d.code))
        .collect();
    assert_eq!(
        codes,
        [("/form/$defs/d0".to_owned(), "definition.schema_too_wide")]
    );
}

/// Two references per level stay under the width limit only when the limit
/// is raised; then loading, validating, the guide and the layout all finish.
#[test]
fn a_diamond_within_the_limit_loads_and_validates() {
    let report = within_a_minute(|| {
        let options = CheckOptions {
            limits: Limits {
                max_schema_width: 1 << 17,
                ..Limits::default()
            },
            ..CheckOptions::default()
        };
        let item = CompiledItem::with_options(&diamond(2), &options).unwrap();
        let _ = banli_core::guide::build(item.definition(), Lang::ZhCn);
        let _ = item.layout(&json!({"a": "x"}), Lang::ZhCn);
        let envelope = json!({"item": {"code": "TEST0001", "version": "1"}, "data": {"a": 1}, "materials": {}});
        item.validate(&envelope, &ValidationContext::new(Lang::ZhCn))
            .unwrap()
    });
    assert_eq!(codes(&report), [("/a", "type")]);
    assert!(
        CompiledItem::from_value(&diamond(2)).is_err(),
        "2^16 is over the default"
    );
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

/// Envelope-shaped arbitrary JSON: the envelope's own keys and values are
/// drawn often enough to get past the first checks.
fn arbitrary_json(depth: u32) -> impl Strategy<Value = Value> {
    let leaves = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|n| json!(n)),
        any::<String>().prop_map(Value::String),
        Just(json!("provided")),
        Just(json!("deferred")),
        Just(json!("11330100MB0000000X4440117001000")),
    ];
    let keys = prop_oneof![
        Just("item".to_owned()),
        Just("data".to_owned()),
        Just("materials".to_owned()),
        Just("disposition".to_owned()),
        Just("files".to_owned()),
        Just("commitment".to_owned()),
        Just("operator".to_owned()),
        any::<String>(),
    ];
    support::arbitrary_json(depth, 64, 6, leaves.boxed(), keys.boxed())
}

/// Every JSON Pointer of `value` (containers and leaves), in document order.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let escaped = key.replace('~', "~0").replace('/', "~1");
                pointers(child, format!("{at}/{escaped}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    if !at.is_empty() {
        out.push(at);
    }
}

/// A change at one place of a real envelope.
#[derive(Debug, Clone)]
enum Mutation {
    Set(Value),
    Remove,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::Remove),
        prop_oneof![
            Just(json!("provided")),
            Just(json!("shared")),
            Just(json!("deferred")),
            Just(json!("in_lieu")),
            Just(json!({"disposition": "deferred"})),
            Just(json!({"disposition": "in_lieu"})),
            Just(json!({"disposition": "shared"})),
            Just(json!({"disposition": "provided", "files": []})),
            Just(json!("")),
            Just(json!("  ")),
            Just(json!("２０２６")),
            arbitrary_json(2),
        ]
        .prop_map(Mutation::Set),
    ]
}

/// What an applicant can do with one material, and some things they cannot.
fn disposition() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!({"disposition": "deferred"})),
        Just(json!({"disposition": "in_lieu"})),
        Just(json!({"disposition": "shared"})),
        Just(json!({"disposition": "provided"})),
        Just(json!({"disposition": "provided", "files": [
            {"name": "a.pdf", "size": 10, "sha256": "c8cde0b652d38e6373739a3fb471880b538fb4da50df09af9e955eb3ec43050d"}
        ]})),
        Just(json!({"disposition": "junk"})),
        arbitrary_json(2),
    ]
}

/// Applies `changes` (index into the envelope's pointers, change) in order.
fn mutate(base: &Value, changes: &[(prop::sample::Index, Mutation)]) -> Value {
    let mut envelope = base.clone();
    for (index, change) in changes {
        let mut all = Vec::new();
        pointers(&envelope, String::new(), &mut all);
        if all.is_empty() {
            break;
        }
        let pointer = index.get(&all).clone();
        let (parent, last) = pointer.rsplit_once('/').unwrap();
        let key = last.replace("~1", "/").replace("~0", "~");
        match (envelope.pointer_mut(parent).unwrap(), change) {
            (Value::Object(map), Mutation::Remove) => {
                map.shift_remove(&key);
            }
            (Value::Array(items), Mutation::Remove) => {
                items.remove(key.parse::<usize>().unwrap());
            }
            (container, Mutation::Set(value)) => {
                *container.pointer_mut(&format!("/{last}")).unwrap() = value.clone();
            }
            _ => {}
        }
    }
    envelope
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// A real, valid envelope changed at real places (data fields, material
    /// ids, dispositions, files, the signature): the report is consistent
    /// (invalid exactly when it lists errors, every error at a pointer of
    /// the envelope's shape) and the same in both languages.
    #[test]
    fn a_real_envelope_changed_anywhere_gets_a_consistent_report(
        changes in prop::collection::vec((any::<prop::sample::Index>(), mutation()), 0..4),
        choices in prop::collection::vec((any::<prop::sample::Index>(), disposition()), 0..3),
        signature in prop_oneof![
            Just(None),
            Just(Some(json!({"signer": "陈立平", "signed_at": "2026-10-20T09:00:00+08:00"}))),
            arbitrary_json(1).prop_map(Some),
        ],
    ) {
        let item = food();
        let base: Value = serde_json::from_str(FOOD_VALID).unwrap();
        let definition: Value = serde_json::from_str(FOOD).unwrap();
        let mut ids: Vec<String> = definition["materials"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_str().unwrap().to_owned())
            .collect();
        ids.push("ghost".to_owned());
        let mut envelope = mutate(&base, &changes);
        if let Some(materials) = envelope.get_mut("materials").and_then(Value::as_object_mut) {
            for (index, choice) in &choices {
                materials.insert(index.get(&ids).clone(), choice.clone());
            }
        }
        if let (Some(signature), Some(object)) = (&signature, envelope.as_object_mut()) {
            object.insert("commitment".to_owned(), signature.clone());
        }
        let ctx = ValidationContext::new(Lang::ZhCn);
        let zh = item.validate(&envelope, &ctx).unwrap();
        let en = item.validate(&envelope, &ValidationContext::new(Lang::En)).unwrap();
        prop_assert_eq!(zh.status == Status::Invalid, !zh.errors.is_empty());
        prop_assert_eq!(codes(&zh), codes(&en));
        for error in &zh.errors {
            prop_assert!(error.path.is_empty() || error.path.starts_with('/'), "{}", error.path);
            prop_assert!(!error.message.is_empty());
        }
        if envelope == base {
            prop_assert_eq!(zh.status, Status::Valid);
        }
    }

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
        prop_assert_eq!(report.status == Status::Invalid, !report.errors.is_empty());
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
