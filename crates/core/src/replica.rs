//! A copy of a JSON document kept in step with its original by sending only
//! what changed.
//!
//! The browser widget's view and its schema engine are two WebAssembly
//! modules with two memories: the engine judges a copy of the form data.
//! Sending the whole data on every keystroke (write it as JSON text, copy
//! it across, parse it, drop the last copy) costs in proportion to the
//! form's size; [`changes`] finds what differs between the version the copy
//! holds and the current one, usually one value, and [`apply`] makes the
//! copy equal to the current version again.
//!
//! "Equal" includes the order of every object's members, so that whatever
//! reads the copy in document order (error collection) sees what it would
//! see in the original: an object whose members differ in name or order is
//! replaced whole, never patched member by member.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One change: the value at `.0` (a JSON Pointer, RFC 6901; `""` for the
/// whole document) becomes `.1`. As JSON, a two-element array
/// `["/operator/name", "张三"]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change(pub String, pub Value);

/// Why [`apply`] could not make a change: the copy it was given is not the
/// version the changes were computed from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplicaError {
    /// `at` (a JSON Pointer) names no value in the copy.
    #[error("no value at {at:?} in the copy")]
    NoPlace { at: String },
}

/// What turns `old` into `new`, for [`apply`]: empty when they are equal.
///
/// The walk descends into objects with the same member names in the same
/// order and into arrays of the same length; anywhere else a difference
/// replaces the value whole (an added member replaces its object, an added
/// row its array). Changes are in document order and never nest, so each
/// names a place that exists in `old`.
pub fn changes(old: &Value, new: &Value) -> Vec<Change> {
    let mut found = Vec::new();
    walk(old, new, &mut Vec::new(), &mut found);
    found
}

/// One step of the walk's place; the pointer is written only for a change,
/// since almost every place the walk passes is unchanged.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn walk<'a>(old: &'a Value, new: &Value, path: &mut Vec<Step<'a>>, found: &mut Vec<Change>) {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) if a.len() == b.len() && a.keys().eq(b.keys()) => {
            for ((key, x), y) in a.iter().zip(b.values()) {
                path.push(Step::Key(key));
                walk(x, y, path, found);
                path.pop();
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (index, (x, y)) in a.iter().zip(b).enumerate() {
                path.push(Step::Index(index));
                walk(x, y, path, found);
                path.pop();
            }
        }
        // `Value`'s equality ignores member order: objects that get here
        // differ at least in their members' names or order.
        (Value::Object(_), _) => found.push(Change(pointer(path), new.clone())),
        (Value::Number(a), Value::Number(b)) if same_number(a, b) => {}
        (Value::Number(_), Value::Number(_)) => found.push(Change(pointer(path), new.clone())),
        _ if old == new => {}
        _ => found.push(Change(pointer(path), new.clone())),
    }
}

/// Whether `a` and `b` are written alike: `Number`'s equality holds for
/// `0.0` and `-0.0`, which JSON text tells apart.
fn same_number(a: &serde_json::Number, b: &serde_json::Number) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) if a.is_f64() && b.is_f64() => x.to_bits() == y.to_bits(),
        _ => a == b,
    }
}

/// The JSON Pointer of `path` (RFC 6901: `~` and `/` in keys escaped).
fn pointer(path: &[Step<'_>]) -> String {
    let mut at = String::new();
    for step in path {
        at.push('/');
        match step {
            Step::Key(key) => at.push_str(&crate::pointer::escape(key)),
            Step::Index(index) => at.push_str(&index.to_string()),
        }
    }
    at
}

/// Makes `changes` (from [`changes`]) to `document`, in order.
///
/// # Errors
///
/// [`ReplicaError::NoPlace`] when a change names a place `document` does
/// not have: `document` is not the version the changes were computed
/// from. The changes before it have been made, so `document` is no
/// version at all: the caller replaces it with a whole copy.
pub fn apply(document: &mut Value, changes: Vec<Change>) -> Result<(), ReplicaError> {
    for Change(at, value) in changes {
        match document.pointer_mut(&at) {
            Some(place) => *place = value,
            None => return Err(ReplicaError::NoPlace { at }),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn applied(old: &Value, new: &Value) -> Value {
        let mut copy = old.clone();
        apply(&mut copy, changes(old, new)).unwrap();
        copy
    }

    #[test]
    fn one_edited_value_is_one_change() {
        let old = json!({"operator": {"name": "张三", "phone": "13800000000"}, "rows": [{"a": 1}]});
        let mut new = old.clone();
        new["operator"]["name"] = json!("张三丰");
        assert_eq!(
            changes(&old, &new),
            [Change("/operator/name".into(), json!("张三丰"))]
        );
        assert_eq!(applied(&old, &new), new);
    }

    #[test]
    fn equal_documents_have_no_changes() {
        let doc = json!({"a": [1, 2, {"b": null}], "c": "d"});
        assert!(changes(&doc, &doc).is_empty());
    }

    #[test]
    fn an_added_member_or_row_replaces_its_parent() {
        let old = json!({"rows": [{"a": 1}], "o": {"x": 1}});
        let new = json!({"rows": [{"a": 1}, {"a": 2}], "o": {"x": 1, "y": 2}});
        assert_eq!(
            changes(&old, &new),
            [
                Change("/rows".into(), json!([{"a": 1}, {"a": 2}])),
                Change("/o".into(), json!({"x": 1, "y": 2})),
            ]
        );
    }

    #[test]
    fn reordered_members_keep_the_new_order() {
        let old: Value = serde_json::from_str(r#"{"o": {"x": 1, "y": 2}}"#).unwrap();
        let new: Value = serde_json::from_str(r#"{"o": {"y": 2, "x": 1}}"#).unwrap();
        let copy = applied(&old, &new);
        assert_eq!(copy.to_string(), new.to_string());
    }

    #[test]
    fn keys_that_need_escaping_round_trip() {
        let old = json!({"a/b": {"c~d": 1}, "0": [0]});
        let new = json!({"a/b": {"c~d": 2}, "0": [1]});
        assert_eq!(
            changes(&old, &new),
            [
                Change("/a~1b/c~0d".into(), json!(2)),
                Change("/0/0".into(), json!(1)),
            ]
        );
        assert_eq!(applied(&old, &new), new);
    }

    #[test]
    fn a_different_kind_at_the_root_replaces_the_document() {
        let new = json!({"a": 1});
        assert_eq!(
            changes(&Value::Null, &new),
            [Change(String::new(), new.clone())]
        );
        assert_eq!(applied(&Value::Null, &new), new);
    }

    #[test]
    fn minus_zero_is_a_change() {
        let old = json!({"a": 0.0});
        let new = json!({"a": -0.0});
        assert_eq!(changes(&old, &new), [Change("/a".into(), json!(-0.0))]);
        assert_eq!(applied(&old, &new).to_string(), r#"{"a":-0.0}"#);
        assert!(changes(&json!(1), &json!(1)).is_empty());
        assert_eq!(changes(&json!(1), &json!(1.0)).len(), 1);
    }

    #[test]
    fn a_copy_of_another_version_is_refused() {
        let mut copy = json!({"a": 1});
        let wrong = vec![Change("/b/c".into(), json!(1))];
        assert_eq!(
            apply(&mut copy, wrong),
            Err(ReplicaError::NoPlace { at: "/b/c".into() })
        );
    }

    fn document() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i32>().prop_map(|n| json!(n)),
            prop_oneof![Just(0.0), Just(-0.0), Just(1.5), any::<f64>()]
                .prop_filter("JSON has finite numbers", |x: &f64| x.is_finite())
                .prop_map(|x| json!(x)),
            "[a-c~/]{0,3}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 40, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::vec(("[a-c~/0-1]{0,2}", inner), 0..4)
                    .prop_map(|members| Value::Object(members.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// The copy ends equal to the new version, member order included
        /// (the JSON text is compared, not only the values).
        #[test]
        fn applying_the_changes_gives_the_new_version(old in document(), new in document()) {
            prop_assert_eq!(applied(&old, &new).to_string(), new.to_string());
        }

        /// An edit of one existing value is exactly one change, at its place.
        #[test]
        fn one_edit_is_one_change(old in document(), new_leaf in "[a-z]{1,3}") {
            let places = leaves(&old, String::new());
            prop_assume!(!places.is_empty());
            let at = &places[places.len() / 2];
            let mut new = old.clone();
            *new.pointer_mut(at).unwrap() = Value::String(new_leaf.clone());
            let found = changes(&old, &new);
            if old.pointer(at) == Some(&Value::String(new_leaf.clone())) {
                prop_assert!(found.is_empty());
            } else {
                prop_assert_eq!(found, vec![Change(at.clone(), Value::String(new_leaf))]);
            }
        }
    }

    /// The pointers of `doc`'s scalar values.
    fn leaves(doc: &Value, at: String) -> Vec<String> {
        match doc {
            Value::Object(map) => map
                .iter()
                .flat_map(|(k, v)| leaves(v, crate::pointer::join(&at, k)))
                .collect(),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .flat_map(|(i, v)| leaves(v, format!("{at}/{i}")))
                .collect(),
            _ => vec![at],
        }
    }
}
