//! `CompiledItem::layout_depends_on` lets a form skip re-laying itself out
//! after a change, and `submitted_data_after` skips pruning the whole data
//! again; neither may change a result. For every sample item and every
//! envelope fixture of it, every leaf field of the layout is changed
//! (another text, another value of the same kind, removed): the submitted
//! data computed from the one before must be byte for byte
//! `submitted_data` of the new data, and wherever the core says the layout
//! does not depend on the change, the layout after it must equal the one
//! before. The places it does depend on are snapshotted per item, so a rule
//! that starts counting everything as read (always re-laying out) shows too.

use std::collections::BTreeSet;
use std::path::Path;

use banli_core::layout::{Control, Field};
use banli_core::{CompiledItem, Lang, pointer};
use serde_json::{Value, json};

#[path = "support/samples.rs"]
mod samples;
use samples::{Sample, sample_items};

fn leaves<'a>(fields: &'a [Field], out: &mut Vec<&'a Field>) {
    for field in fields {
        match &field.control {
            Control::Group { fields } => leaves(fields, out),
            Control::List { items, .. } => items.iter().for_each(|i| leaves(i, out)),
            _ => out.push(field),
        }
    }
}

/// Calls `check` with every leaf field of `layout`, each replacement value
/// (`None`: removed) and the data with that change made.
fn each_change(
    layout: &[Field],
    data: &Value,
    mut check: impl FnMut(&Field, Option<&Value>, &Value),
) {
    let mut all = Vec::new();
    leaves(layout, &mut all);
    for field in all {
        for new in replacements(field, data.pointer(&field.pointer)) {
            let mut changed = data.clone();
            match &new {
                Some(value) => {
                    pointer::set(&mut changed, &field.pointer, value.clone());
                }
                None => {
                    pointer::remove(&mut changed, &field.pointer);
                }
            }
            check(field, new.as_ref(), &changed);
        }
    }
}

/// The submitted data after one change equals the submitted data afresh.
fn assert_submitted_after(
    item: &CompiledItem,
    submitted: &Value,
    data: &Value,
    changed: &Value,
    field: &Field,
    new: Option<&Value>,
    name: &str,
) {
    assert_eq!(
        item.submitted_data_after(submitted, data, changed, &field.pointer)
            .to_string(),
        item.submitted_data(changed).to_string(),
        "{name}: submitted data after setting {} to {new:?}",
        field.pointer
    );
}

/// Other values a control could be given: what the applicant could type or choose.
fn replacements(field: &Field, current: Option<&Value>) -> Vec<Option<Value>> {
    let mut values: Vec<Option<Value>> = vec![None, Some(json!("改")), Some(json!(" "))];
    match &field.control {
        Control::Select { options } | Control::Radio { options } => {
            values.extend(options.iter().map(|o| Some(o.value.clone())));
        }
        Control::Checkbox => values.extend([Some(json!(true)), Some(json!(false))]),
        Control::Number { .. } => values.extend([Some(json!(0)), Some(json!(12.5))]),
        Control::Time => values.extend([Some(json!("09:30")), Some(json!("9:30:15"))]),
        Control::DateTime => values.extend([
            Some(json!("2026-12-01 09:30")),
            Some(json!("2026-12-01T09:30")),
        ]),
        _ => {}
    }
    values.retain(|v| v.as_ref() != current);
    values
}

#[test]
fn a_change_the_layout_does_not_depend_on_leaves_it_as_it_was() {
    // The empty form first: there every parent is missing, so every
    // change counts (and is checked); the snapshot lists what the
    // fixtures' data reads.
    for Sample { name, item, datas } in sample_items() {
        let mut read = BTreeSet::new();
        let mut unread = 0;
        for (n, data) in datas.iter().enumerate() {
            let before = item.layout(data, Lang::ZhCn);
            let submitted = item.submitted_data(data);
            each_change(&before, data, |field, new, changed| {
                assert_submitted_after(&item, &submitted, data, changed, field, new, &name);
                if item.layout_depends_on(data, &field.pointer, new) {
                    if n > 0 {
                        read.insert(field.pointer.clone());
                    }
                    return;
                }
                unread += 1;
                assert_eq!(
                    item.layout(changed, Lang::ZhCn),
                    before,
                    "{name}: setting {} to {new:?} changed the layout",
                    field.pointer
                );
            });
        }
        assert!(unread > 0, "{name}: every change counted as read");
        insta::assert_snapshot!(
            format!("layout_reads_{name}"),
            read.into_iter().collect::<Vec<_>>().join("\n")
        );
    }
}

/// The one-kind items of `tests/fixtures/kinds/` (root compositions,
/// recursion, times typed as people type them): the submitted data after a
/// change, rebuilt from the one member that changed, equals the submitted
/// data computed afresh, normalisation included.
#[test]
fn the_submitted_data_after_a_change_is_the_submitted_data_of_kind_items() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/kinds");
    let mut kinds: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("item.json").exists())
        .collect();
    kinds.sort();
    assert!(kinds.len() >= 5, "{kinds:?}");
    for kind in kinds {
        let item =
            CompiledItem::from_json(&std::fs::read_to_string(kind.join("item.json")).unwrap())
                .unwrap();
        let mut datas = vec![json!({})];
        for case in std::fs::read_dir(kind.join("cases")).unwrap() {
            let envelope: Value =
                serde_json::from_str(&std::fs::read_to_string(case.unwrap().path()).unwrap())
                    .unwrap();
            if let Some(data) = envelope.get("data").filter(|d| d.is_object()) {
                datas.push(data.clone());
            }
        }
        let name = kind.display().to_string();
        for data in &datas {
            let submitted = item.submitted_data(data);
            let layout = item.layout(data, Lang::ZhCn);
            each_change(&layout, data, |field, new, changed| {
                assert_submitted_after(&item, &submitted, data, changed, field, new, &name);
            });
        }
    }
}

/// Data nested deeper than the limit is submitted as an empty form
/// (`submitted_data`); a change after it must give the same, not the one
/// changed member on its own.
#[test]
fn the_submitted_data_after_a_change_to_data_nested_too_deep_is_still_empty() {
    let mut definition: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/item-head.json"),
        )
        .unwrap(),
    )
    .unwrap();
    definition["form"] = json!({
        "type": "object",
        "properties": {"name": {"type": "string", "title": "姓名"}}
    });
    let item = CompiledItem::from_value(&definition).unwrap();
    // Undeclared members are kept as they are, however deep.
    let mut deep = json!("bottom");
    for _ in 0..40 {
        deep = json!([deep]);
    }
    let old = json!({"name": "王", "notes": deep});
    let submitted = item.submitted_data(&old);
    assert_eq!(submitted, json!({}), "the premise: too deep is empty");
    let mut changed = old.clone();
    pointer::set(&mut changed, "/name", json!("王华"));
    assert_eq!(
        item.submitted_data_after(&submitted, &old, &changed, "/name"),
        item.submitted_data(&changed),
    );
}
