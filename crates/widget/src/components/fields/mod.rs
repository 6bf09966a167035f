//! The fields of the layout, one component per field kind, each with a
//! visible label tied to the control, its hint, and its error in text
//! (`aria-invalid`, `aria-describedby`), never by colour alone.
//!
//! Leaf fields get their own value, error and typed text as properties;
//! groups, lists and list entries get their part of the data and the maps
//! of errors and typed text, and hand each child its own. A keystroke
//! therefore re-renders the field typed into and the groups around it;
//! every other field compares equal and is skipped.
//!
//! No control carries a browser constraint derived from the schema
//! (`maxlength`, `minlength`, `pattern`, `min`, `max`, `step`, `required`,
//! or a `type` other than text, date and the choice controls): each counts
//! or matches differently from the core (UTF-16 units against code points,
//! JavaScript regexes against the core's, the browser's own e-mail and URL
//! rewriting), so it could refuse or alter an answer the core accepts. The
//! core's messages are the only verdict; the widget may inform (a character
//! count, `inputmode` for the on-screen keyboard).

mod checkbox;
mod date;
mod entry;
mod group;
mod list;
mod number;
mod radio;
mod select;
mod start;
mod text_line;
mod textarea;
mod time;

use std::collections::BTreeMap;
use std::rc::Rc;

use banli_core::layout::Control;
use banli_core::messages::{Lang, widget as text};
use banli_core::pointer;
use serde_json::Value;
use yew::prelude::*;

use crate::components::env::Env;
use crate::ids;
use crate::shared::Shared;
use crate::state::Action;
use crate::view::{ErrorMap, Node, Nodes};

/// A field without fields inside.
#[derive(Properties, PartialEq)]
pub struct LeafProps {
    pub node: Shared<Node>,
    pub value: Option<Value>,
    /// The error shown beside the field now.
    pub error: Option<String>,
    /// Number fields: the text as typed ("66." while typing "66.2").
    pub typed: Option<String>,
    pub env: Env,
    pub lang: Lang,
}

impl LeafProps {
    /// What ties this field's control to its label, hint, source and error.
    fn described(&self) -> Described {
        describe(&self.node, self.error.as_ref(), &self.env, self.lang)
    }
}

/// What a group, a list and a list entry hand down to the fields inside,
/// which take their parts from it (cheap to clone: shared pointers).
#[derive(Clone)]
pub struct Branch {
    /// The whole form data; a branch compares only its own part.
    pub data: Rc<Value>,
    pub errors: Shared<ErrorMap>,
    pub numbers: Shared<BTreeMap<String, String>>,
    pub env: Env,
    pub lang: Lang,
}

impl Branch {
    /// Whether the part at `pointer` (a JSON Pointer) renders the same
    /// from `other`: a change elsewhere in the data does not re-render it.
    fn same_at(&self, other: &Self, pointer: &str) -> bool {
        self.same_part(other, |data| pointer::get(data, pointer))
    }

    /// [`same_at`](Self::same_at) for entry `index` of the list at `list`
    /// (a JSON Pointer), without writing the entry's pointer: every entry
    /// of a long list compares itself on every keystroke. Data that holds
    /// an object where the list should be is looked up as the pointer
    /// would be, by the member named after the index.
    fn same_entry(&self, other: &Self, list: &str, index: usize) -> bool {
        self.same_part(other, |data| match pointer::get(data, list)? {
            Value::Array(entries) => entries.get(index),
            not_a_list => not_a_list.get(index.to_string().as_str()),
        })
    }

    fn same_part(&self, other: &Self, part: impl Fn(&Value) -> Option<&Value>) -> bool {
        (Rc::ptr_eq(&self.data, &other.data) || part(&self.data) == part(&other.data))
            && self.errors == other.errors
            && self.numbers == other.numbers
            && self.env == other.env
            && self.lang == other.lang
    }

    /// The fields in `nodes`, as [`fields`] renders them.
    fn fields(&self, nodes: &Nodes) -> Html {
        html! {
            <>{ for nodes.iter().map(|node| field(node, self)) }</>
        }
    }
}

/// A group or a list: the fields inside get their parts from `branch`.
#[derive(Properties)]
pub struct BranchProps {
    pub node: Shared<Node>,
    pub branch: Branch,
}

impl PartialEq for BranchProps {
    fn eq(&self, other: &Self) -> bool {
        self.node == other.node && self.branch.same_at(&other.branch, &self.node.field.pointer)
    }
}

/// The fields in `nodes`, each keyed by its pointer, with their values
/// from `data` (the whole form data). Keyed, because lists of fields grow
/// and shrink as answers change (a chosen branch adds fields after the
/// choice): Yew pairs unkeyed siblings from the end, so a list that grows
/// would rebuild the field being used and lose its focus.
pub fn fields(
    nodes: &Nodes,
    data: &Rc<Value>,
    errors: &Shared<ErrorMap>,
    numbers: &Shared<BTreeMap<String, String>>,
    env: &Env,
    lang: Lang,
) -> Html {
    Branch {
        data: data.clone(),
        errors: errors.clone(),
        numbers: numbers.clone(),
        env: env.clone(),
        lang,
    }
    .fields(nodes)
}

fn field(node: &Shared<Node>, branch: &Branch) -> Html {
    let pointer = &node.field.pointer;
    let key = pointer.clone();
    let node = node.clone();
    if matches!(
        node.field.control,
        Control::Group { .. } | Control::List { .. }
    ) {
        let branch = branch.clone();
        return match node.field.control {
            Control::Group { .. } => html! { <group::GroupField {key} {node} {branch} /> },
            _ => html! { <list::ListField {key} {node} {branch} /> },
        };
    }
    let (env, lang) = (branch.env.clone(), branch.lang);
    let value = pointer::get(&branch.data, pointer).cloned();
    let error = branch.errors.get(pointer).cloned();
    let typed = branch.numbers.get(pointer).cloned();
    match &node.field.control {
        Control::Radio { .. } => {
            html! { <radio::RadioField {key} {node} {value} {error} {typed} {env} {lang} /> }
        }
        Control::Checkbox => {
            html! { <checkbox::CheckboxField {key} {node} {value} {error} {typed} {env} {lang} /> }
        }
        Control::Select { .. } => {
            html! { <select::SelectField {key} {node} {value} {error} {typed} {env} {lang} /> }
        }
        Control::Textarea { .. } => {
            html! { <textarea::TextareaField {key} {node} {value} {error} {typed} {env} {lang} /> }
        }
        Control::Number { .. } => {
            html! { <number::NumberField {key} {node} {value} {error} {typed} {env} {lang} /> }
        }
        Control::Date => {
            html! { <date::DateField {key} {node} {value} {error} {typed} {env} {lang} /> }
        }
        Control::Unstarted => {
            html! { <start::StartField {key} {node} {value} {error} {typed} {env} {lang} /> }
        }
        Control::Time | Control::DateTime => {
            html! { <time::TimeField {key} {node} {value} {error} {typed} {env} {lang} /> }
        }
        _ => html! { <text_line::TextField {key} {node} {value} {error} {typed} {env} {lang} /> },
    }
}

/// Sets (or with `None`, clears) the field's value.
fn set(env: &Env, pointer: &str) -> Callback<Option<Value>> {
    let dispatch = env.dispatch.clone();
    let at = pointer.to_owned();
    Callback::from(move |value| {
        dispatch.dispatch(Action::Set {
            at: at.clone(),
            value,
        })
    })
}

fn blur(env: &Env, pointer: &str) -> Callback<FocusEvent> {
    let dispatch = env.dispatch.clone();
    let at = pointer.to_owned();
    Callback::from(move |_| dispatch.dispatch(Action::Blur { at: at.clone() }))
}

fn text_value(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// What ties a control to its label, hint, source and error.
struct Described {
    id: String,
    hint: Html,
    error: Html,
    described_by: Option<String>,
    invalid: bool,
    /// Where a prefilled value came from (shown under the label).
    source: Html,
    /// A prefilled value the applicant may not change.
    locked: bool,
}

fn describe(node: &Node, error: Option<&String>, env: &Env, lang: Lang) -> Described {
    let field = &node.field;
    let id = ids::field(&env.prefix, &field.pointer);
    let hint_text: Vec<&str> = [field.description.as_deref(), field.help.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let mut described = Vec::new();
    let provenance = node.provenance.as_ref();
    let source = match provenance {
        Some(p) if !matches!(field.control, Control::Group { .. } | Control::List { .. }) => {
            let source_id = format!("{id}-source");
            described.push(source_id.clone());
            html! {
                <p class={classes!("source", p.locked.then_some("locked"))} id={source_id}>
                    { text::prefilled_from(&p.source, p.locked).get(lang) }
                </p>
            }
        }
        _ => Html::default(),
    };
    let hint = if hint_text.is_empty() {
        Html::default()
    } else {
        described.push(hint_id.clone());
        html! { <p class="hint" id={hint_id}>{ hint_text.join(" ") }</p> }
    };
    let error_html = match error {
        Some(message) => {
            described.push(error_id.clone());
            html! {
                <p class="error-message" id={error_id}>
                    <span class="visually-hidden">{ text::error_prefix().get(lang) }</span>{ message }
                </p>
            }
        }
        None => Html::default(),
    };
    Described {
        id,
        hint,
        error: error_html,
        described_by: (!described.is_empty()).then(|| described.join(" ")),
        invalid: error.is_some(),
        source,
        locked: provenance.is_some_and(|p| p.locked),
    }
}

fn label_text(node: &Node, lang: Lang) -> Html {
    html! {
        <>
            { &node.field.label }
            if !node.field.required { <span class="optional">{ text::optional().get(lang) }</span> }
        </>
    }
}

/// The frame of a single control: label, source, hint, error, control.
fn framed(node: &Node, d: Described, control: Html, lang: Lang) -> Html {
    html! {
        <div class={classes!("field", d.invalid.then_some("field-error"))}>
            <label for={d.id.clone()}>{ label_text(node, lang) }</label>
            { d.source }
            { d.hint }
            { d.error }
            { control }
        </div>
    }
}

/// The character count under a field with `maxLength`, and the control's
/// `aria-describedby` with the count added. No HTML `maxlength`: it counts
/// UTF-16 units, so a name with a character beyond the BMP (王𠀋华 is three
/// characters, four units) would be cut while the core accepts it; and
/// Chromium counts a textarea's line break as two. The count is in code
/// points, as the core counts, and over the limit the core's error says so.
fn counter(
    d: &Described,
    text: &str,
    max_length: Option<u64>,
    lang: Lang,
) -> (Html, Option<String>) {
    let Some(max) = max_length else {
        return (Html::default(), d.described_by.clone());
    };
    let count = text.chars().count();
    let id = format!("{}-count", d.id);
    let described_by = match &d.described_by {
        Some(others) => format!("{others} {id}"),
        None => id.clone(),
    };
    let over = u64::try_from(count).is_ok_and(|c| c > max);
    let html = html! {
        <p class={classes!("hint", "character-count", over.then_some("over"))} id={id}>
            { text::character_count(count, max).get(lang) }
        </p>
    };
    (html, Some(described_by))
}

/// Text typed into an `<input>`: the value, or nothing when empty.
fn text_input(set: &Callback<Option<Value>>) -> Callback<InputEvent> {
    let set = set.clone();
    Callback::from(move |e: InputEvent| {
        let v = e
            .target_unchecked_into::<web_sys::HtmlInputElement>()
            .value();
        set.emit((!v.is_empty()).then_some(Value::String(v)));
    })
}
