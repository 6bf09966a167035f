//! The form data one version back, written again instead of copied.
//!
//! A keystroke changes one value, but the state before it still holds the
//! form data (Yew keeps the previous state and the components' properties
//! until the next render), so writing the value into it would copy the
//! whole data and later drop the old copy: on a 300-field form most of a
//! keystroke's own work. By the next keystroke in the same field nothing
//! holds that older version any more. [`Spare`] keeps it, with the edit
//! that turned it into the current data, and the next edit replays that
//! edit and then writes the new one into it: two values written instead
//! of the whole data copied and dropped. (A field that did not re-render
//! keeps the properties, and so the data, of its last render: the second
//! keystroke after the form is mounted, or after the applicant moves to
//! another field, finds the older version still held and copies.)
//!
//! Why it cannot drift from the data it stands for: an `Rc`'s contents are
//! never changed while anything else holds it (`Rc::get_mut` below,
//! `Rc::make_mut` elsewhere, which copies a shared value), the spare is
//! used only when the state's data is still the very `Rc` the last edit
//! made, and an edit is a pure function of the data, the pointer and the
//! value. Anything else (a list edit, a restored draft, a second state
//! branched from the same one) gives data that is not that `Rc`, and the
//! spare is dropped and the data copied, as without it.

use std::cell::RefCell;
use std::rc::Rc;

use banli_core::pointer;
use serde_json::Value;

/// Shared by every clone of a form's state (see the module docs).
#[derive(Debug, Clone, Default)]
pub struct Spare(Rc<RefCell<Option<Recycled>>>);

#[derive(Debug)]
struct Recycled {
    /// The data before the last edit, unchanged since.
    older: Rc<Value>,
    /// The data the last edit made: the spare stands for this one only.
    /// Held, not only its address kept, so that no other data can come to
    /// lie at that address while the spare compares against it.
    made: Rc<Value>,
    /// The last edit: its JSON Pointer and the value put there (`None`:
    /// removed).
    at: String,
    value: Option<Value>,
}

impl Spare {
    /// `data` with `value` put at `at` (a JSON Pointer; `None` removes
    /// what is there), as a new `Rc`: the spare written again when it
    /// stands for `data` and nothing else holds it, else a copy of `data`.
    pub fn edit(&self, data: &Rc<Value>, at: &str, value: Option<Value>) -> Rc<Value> {
        let mut slot = self.0.borrow_mut();
        let reused = slot.take().and_then(|recycled| {
            let Recycled {
                mut older,
                made,
                at,
                value,
            } = recycled;
            if !Rc::ptr_eq(&made, data) {
                return None;
            }
            write(Rc::get_mut(&mut older)?, &at, value);
            Some(older)
        });
        // The spare, which nothing else holds, is written in place; `data`
        // is held by the state, so `make_mut` copies it.
        let mut next = reused.unwrap_or_else(|| Rc::clone(data));
        write(Rc::make_mut(&mut next), at, value.clone());
        *slot = Some(Recycled {
            older: Rc::clone(data),
            made: Rc::clone(&next),
            at: at.to_owned(),
            value,
        });
        next
    }
}

fn write(data: &mut Value, at: &str, value: Option<Value>) {
    match value {
        Some(value) => {
            pointer::set(data, at, value);
        }
        None => {
            pointer::remove(data, at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_older_version_is_written_again_once_nothing_holds_it() {
        let spare = Spare::default();
        let v0 = Rc::new(json!({"name": "", "rows": [{"a": 1}]}));
        let v1 = spare.edit(&v0, "/name", Some(json!("张")));
        drop(v0);
        let older = Rc::as_ptr(&spare.0.borrow().as_ref().unwrap().older);
        let v2 = spare.edit(&v1, "/rows/0/a", Some(json!(2)));
        assert!(
            std::ptr::eq(Rc::as_ptr(&v2), older),
            "v0's allocation reused"
        );
        assert_eq!(*v2, json!({"name": "张", "rows": [{"a": 2}]}));
        assert_eq!(*v1, json!({"name": "张", "rows": [{"a": 1}]}));
    }

    #[test]
    fn a_held_older_version_or_other_data_is_copied() {
        let spare = Spare::default();
        let v0 = Rc::new(json!({"name": ""}));
        let v1 = spare.edit(&v0, "/name", Some(json!("张")));
        // v0 still held (the previous state): copied, v0 untouched.
        let v2 = spare.edit(&v1, "/name", Some(json!("张三")));
        assert_eq!(*v0, json!({"name": ""}));
        assert_eq!(*v2, json!({"name": "张三"}));
        // Data the spare does not stand for (a list edit made it), while
        // the spare's older version (v1) is free: still copied.
        let other = Rc::new(json!({"name": "李"}));
        drop(v1);
        let v3 = spare.edit(&other, "/id", Some(json!("1")));
        assert_eq!(*v3, json!({"name": "李", "id": "1"}));
        assert_eq!(*v2, json!({"name": "张三"}));
    }

    mod property {
        use super::*;
        use proptest::prelude::*;

        #[derive(Debug, Clone)]
        enum Step {
            /// A keystroke: the value at one of a few places (`None`
            /// removes it); `hold` keeps the version before it alive, as a
            /// state or a component still holding it would.
            Edit {
                place: usize,
                value: Option<String>,
                hold: bool,
            },
            /// Data made some other way (a list edit, a restored draft).
            Replace,
        }

        fn step() -> impl Strategy<Value = Step> {
            prop_oneof![
                8 => (0..5usize, proptest::option::of("[a-c]{0,2}"), any::<bool>())
                    .prop_map(|(place, value, hold)| Step::Edit { place, value, hold }),
                1 => Just(Step::Replace),
            ]
        }

        proptest! {
            /// Whatever the order of edits, held versions and data made
            /// elsewhere, the data is what copying and writing gives, and
            /// no version anything still holds ever changes.
            #[test]
            fn edits_give_what_copying_gives(steps in proptest::collection::vec(step(), 1..40)) {
                const PLACES: [&str; 5] = ["/a", "/b", "/rows/0/x", "/rows/1/x", "/rows/1/y"];
                let spare = Spare::default();
                let mut data = Rc::new(json!({"a": "", "rows": [{"x": ""}, {"x": ""}]}));
                let mut expected = Value::clone(&data);
                let mut held: Vec<(Rc<Value>, String)> = Vec::new();
                for step in steps {
                    match step {
                        Step::Edit { place, value, hold } => {
                            let value = value.map(Value::String);
                            write(&mut expected, PLACES[place], value.clone());
                            let next = spare.edit(&data, PLACES[place], value);
                            if hold {
                                held.push((Rc::clone(&data), data.to_string()));
                            }
                            data = next;
                        }
                        Step::Replace => {
                            expected["replaced"] = json!(true);
                            let mut copy = Value::clone(&data);
                            copy["replaced"] = json!(true);
                            data = Rc::new(copy);
                        }
                    }
                    prop_assert_eq!(data.to_string(), expected.to_string());
                }
                for (version, text) in held {
                    prop_assert_eq!(version.to_string(), text);
                }
            }
        }
    }
}
