//! A build without the engine (the widget's view) decides a material
//! requirement with `schema::Condition` where it can, and asks the engine
//! lent to the item (`CompiledItem::lend_engine`) where it cannot: then
//! the materials the view asks for are the ones the server asks for.
//!
//! Only a build without the engine has `lend_engine`, so these tests run
//! in `cargo test -p banli-core --no-default-features --test lent_engine`,
//! a step of `cargo xtask test`.
#![cfg(not(feature = "engine"))]

use std::cell::RefCell;
use std::rc::Rc;

use banli_core::report::ReportError;
use banli_core::{CompiledItem, FormJudge, Lang, RequirementOf};
use serde_json::{Value, json};

/// A stand-in for the engine: answers every requirement with `holds` and
/// remembers what it was asked.
struct Engine {
    holds: bool,
    asked: RefCell<Vec<(RequirementOf, Value)>>,
}

impl FormJudge for Engine {
    fn judge_form(&self, _: &Value, _: Option<time::Date>, _: Lang) -> Vec<ReportError> {
        Vec::new()
    }

    fn requirement_holds(&self, requirement: RequirementOf, data: &Value) -> bool {
        self.asked.borrow_mut().push((requirement, data.clone()));
        self.holds
    }
}

/// Material 0 with a `when` only the engine decides (`minimum`), material 1
/// with one `schema::Condition` decides (`const`).
fn item() -> CompiledItem {
    let mut definition: Value =
        serde_json::from_str(include_str!("../../../tests/fixtures/item-head.json")).unwrap();
    definition["form"] = json!({
        "type": "object",
        "properties": {
            "capital": {"type": "integer", "title": "注册资本（万元）"},
            "kind": {"type": "string", "title": "类型", "enum": ["a", "b"]}
        }
    });
    definition["materials"] = json!([
        {"id": "audit", "name": "审计报告", "source": "applicant",
         "required": {"when": {"properties": {"capital": {"minimum": 1000}}, "required": ["capital"]}}},
        {"id": "plan", "name": "经营方案", "source": "applicant",
         "required": {"when": {"properties": {"kind": {"const": "b"}}, "required": ["kind"]}}}
    ]);
    CompiledItem::from_json(&definition.to_string()).unwrap()
}

fn engine(holds: bool) -> Rc<Engine> {
    Rc::new(Engine {
        holds,
        asked: RefCell::new(Vec::new()),
    })
}

#[test]
fn before_an_engine_is_lent_an_undecided_requirement_counts_as_required() {
    let item = item();
    let data = json!({"capital": 500, "kind": "a"});
    assert_eq!(item.material_required_without_engine(0, &data), None);
    assert!(item.material_required(0, &data));
    assert!(!item.material_required(1, &data));
}

#[test]
fn a_lent_engine_decides_what_the_condition_cannot_and_nothing_else() {
    for holds in [false, true] {
        let item = item();
        let lent = engine(holds);
        item.lend_engine(lent.clone());
        let data = json!({"capital": 500, "kind": "b"});
        assert_eq!(item.material_required(0, &data), holds);
        assert!(item.material_required(1, &data), "decided without asking");
        assert_eq!(
            *lent.asked.borrow(),
            vec![(RequirementOf::Material(0), data.clone())]
        );
        // Every verdict made from the item goes the same way: the
        // materials step's list.
        let statuses = item.material_requirements(&data, Lang::ZhCn);
        assert_eq!(
            statuses.iter().map(|s| s.required).collect::<Vec<_>>(),
            vec![holds, true]
        );
    }
}

#[test]
fn the_first_engine_lent_stays() {
    let item = item();
    let first = engine(false);
    let second = engine(true);
    item.lend_engine(first.clone());
    item.lend_engine(second.clone());
    assert!(!item.material_required(0, &json!({"capital": 5000})));
    assert_eq!(first.asked.borrow().len(), 1);
    assert!(second.asked.borrow().is_empty());
}
