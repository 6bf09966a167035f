//! What a form shows for the data entered so far: the fields that apply
//! (following `if`/`then`/`else` and the chosen `oneOf` branch), each with
//! its label, help, control and requiredness, and the data of branches that
//! no longer apply removed before submission. The widget is a view over
//! this model, so which fields exist is decided here, once, for browser
//! and server alike.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::Value;

use crate::definition::CompiledItem;
use crate::formats::InputType;
use crate::limits::too_deep;
use crate::messages::Lang;
use crate::pointer::{self, Segment};
use crate::schema::{FieldInfo, SchemaWalker, chosen_without_data};
use crate::small_map;

/// One field of the form at one place in the data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// JSON Pointer of the field's value in the form data.
    pub pointer: String,
    pub label: String,
    pub description: Option<String>,
    pub help: Option<String>,
    pub placeholder: Option<String>,
    pub required: bool,
    pub control: Control,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Control {
    Text {
        input_mode: InputMode,
        /// The HTML `autocomplete` token (`email`, `tel`), from
        /// [`crate::formats::FORMAT_CONTROLS`].
        autocomplete: Option<&'static str>,
        max_length: Option<u64>,
    },
    Textarea {
        max_length: Option<u64>,
    },
    Date,
    /// `format: time`: a native time control; the core completes what it
    /// gives ("09:30") to RFC 3339 before validating.
    Time,
    /// `format: date-time`: a native date-and-time control
    /// (`datetime-local`); completed like [`Control::Time`].
    DateTime,
    Number {
        integer: bool,
    },
    Checkbox,
    Select {
        options: Vec<Choice>,
    },
    Radio {
        options: Vec<Choice>,
    },
    /// A nested object: a titled section.
    Group {
        fields: Vec<Field>,
    },
    /// An optional object its own ancestors declare (a recursive form: an
    /// agent who may have an agent) with no data yet: offered as a button
    /// that starts it with `{}`, so the recursion unrolls one level per
    /// click and never at layout time.
    Unstarted,
    /// An array: one entry per item, each an object's fields (or one field).
    List {
        items: Vec<Vec<Field>>,
        min_items: u64,
        max_items: Option<u64>,
        item_label: String,
        item_is_object: bool,
    },
}

pub use crate::formats::InputMode;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    pub value: Value,
    pub label: String,
}

impl Field {
    /// This field and every field nested in it, depth first.
    pub fn walk<'a>(&'a self, out: &mut Vec<&'a Field>) {
        out.push(self);
        match &self.control {
            Control::Group { fields } => fields.iter().for_each(|f| f.walk(out)),
            Control::List { items, .. } => items.iter().flatten().for_each(|f| f.walk(out)),
            _ => {}
        }
    }

    /// The label of a value of this field as a person reads it (enum labels,
    /// 是/否 for booleans).
    pub fn display_value(&self, value: &Value, lang: Lang) -> String {
        let options = match &self.control {
            Control::Select { options } | Control::Radio { options } => Some(options),
            _ => None,
        };
        if let Some(choice) = options.and_then(|o| o.iter().find(|c| c.value == *value)) {
            return choice.label.clone();
        }
        match value {
            Value::Bool(b) => crate::messages::widget::yes_no(*b).get(lang).to_owned(),
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        }
    }
}

impl CompiledItem {
    /// The root fields for `data` (already normalised or not; blanks are
    /// treated as absent), in display order.
    pub fn layout(&self, data: &Value, lang: Lang) -> Vec<Field> {
        // The layout follows the data down (a recursive form as deep as its
        // entries): data over the nesting limit is laid out as an empty form.
        let empty = Value::Object(Default::default());
        let data = if too_deep(data) { &empty } else { data };
        let walker = SchemaWalker::new(self.form());
        let applicable = walker.applicable(data);
        object_fields(&walker, &applicable, data, &[], lang)
    }

    /// Every top-level field some branch of the form may show, whatever the
    /// data (root `properties`, and those of `allOf`/`oneOf`/`anyOf`/`if`
    /// branches and `$ref` targets at the root), in display order: what a
    /// form without steps puts on its one page.
    pub fn root_field_names(&self) -> Vec<String> {
        let form = self.form();
        let walker = SchemaWalker::new(form);
        walker.property_names(&walker.alongside(form))
    }

    /// `data` without the values of fields that no longer apply (a hidden
    /// `then` branch, the other `oneOf` branch), so they are not submitted.
    /// Data nested deeper than the default limit gives an empty object.
    /// Properties the schema does not mention at all are kept: the form may
    /// be given extra data on purpose.
    pub fn prune(&self, data: &Value) -> Value {
        self.pruned(data).into_owned()
    }

    /// [`prune`](Self::prune), borrowing `data` when nothing in it is
    /// pruned (as for most data): the live check runs it on every call and
    /// need not copy the whole form to find that out.
    pub fn pruned<'d>(&self, data: &'d Value) -> Cow<'d, Value> {
        // The walk recurses as deep as the data (a recursive form): data
        // over the nesting limit, which validation refuses anyway, is
        // submitted as an empty form.
        if too_deep(data) {
            return Cow::Owned(Value::Object(Default::default()));
        }
        self.pruned_within_limits(data)
    }

    /// [`pruned`](Self::pruned) of data already known to be within the
    /// nesting limit.
    pub(crate) fn pruned_within_limits<'d>(&self, data: &'d Value) -> Cow<'d, Value> {
        let removals = self.removals(data);
        if removals.is_empty() {
            return Cow::Borrowed(data);
        }
        let mut pruned = data.clone();
        remove_all(&mut pruned, &removals);
        Cow::Owned(pruned)
    }

    /// [`prune`](Self::prune) of data the caller owns and already knows to
    /// be within the nesting limit, pruned where it lies instead of in a
    /// copy.
    pub(crate) fn prune_owned_within_limits(&self, mut data: Value) -> Value {
        let removals = self.removals(&data);
        remove_all(&mut data, &removals);
        data
    }

    /// The members pruning removes from `data`, each as its path from the
    /// root, in document order; none lies inside another.
    fn removals(&self, data: &Value) -> Vec<Vec<Segment>> {
        let walker = SchemaWalker::new(self.form());
        let mut removals = Vec::new();
        find_removals(
            &walker,
            data,
            &walker.applicable(data),
            self.declared_anywhere(),
            &mut Vec::new(),
            &mut removals,
        );
        removals
    }

    /// [`submitted_data`](Self::submitted_data) of `data` after one change,
    /// from what was submitted before it: `before` is
    /// `submitted_data(old)`, and `data` differs from `old` only at
    /// `pointer` (a JSON Pointer). When the change cannot alter which
    /// branches apply ([`layout_depends_on`](Self::layout_depends_on) is
    /// false) only the changed member is written, at its place among its
    /// siblings; otherwise all of it is computed again. Either way the
    /// result is `submitted_data(data)`, member order included, so a form
    /// pays for one field per keystroke instead of the whole data.
    pub fn submitted_data_after(
        &self,
        before: &Value,
        old: &Value,
        data: &Value,
        pointer: &str,
    ) -> Value {
        let new = pointer::get(data, pointer);
        // Nothing submitted before may mean the data is nested too deep
        // (submitted as an empty form, and a plain change keeps it so),
        // which this walk cannot tell without a walk of the whole data.
        // Computing it again costs that walk only while nothing is
        // submitted: a form empty so far, or data validation refuses.
        if self.layout_depends_on(old, pointer, new)
            || before.as_object().is_some_and(serde_json::Map::is_empty)
        {
            return self.submitted_data(data);
        }
        let normalized = self.normalize(data);
        let normalized = normalized.as_ref();
        let path = pointer::parse(pointer);
        let Some((last, parents)) = path.split_last() else {
            return self.submitted_data(data);
        };
        // Pruning keeps the member only if every object on the way keeps
        // the next step (or has no `properties`: then it is kept as is).
        let walker = SchemaWalker::new(self.form());
        let mut schemas = walker.applicable(normalized);
        let mut here = Some(normalized);
        for segment in &path {
            match here {
                Some(Value::Object(_)) => {
                    if !schemas.iter().any(|s| s.get("properties").is_some()) {
                        break;
                    }
                    let name = segment.as_key();
                    let kept = walker.property_names(&schemas).contains(&name.to_string())
                        || !self.declared_anywhere().contains(name.as_ref());
                    if !kept {
                        return before.clone();
                    }
                }
                Some(Value::Array(_)) => {}
                _ => return self.submitted_data(data),
            }
            (schemas, here) = walker.child(&schemas, here, segment);
        }
        let parent_pointer = pointer::render(parents);
        let mut after = before.clone();
        let (Some(Value::Object(submitted)), Some(Value::Object(entered))) = (
            after.pointer_mut(&parent_pointer),
            pointer::get(normalized, &parent_pointer),
        ) else {
            return self.submitted_data(data);
        };
        let key = last.as_key();
        let mut rebuilt = serde_json::Map::new();
        for (name, value) in entered {
            if *name == key {
                rebuilt.insert(name.clone(), value.clone());
            } else if let Some(kept) = submitted.remove(name) {
                rebuilt.insert(name.clone(), kept);
            }
        }
        *submitted = rebuilt;
        after
    }

    /// Whether `layout(data, lang)` can change when the value at `pointer`
    /// (a JSON Pointer) changes from what `data` holds there to `new`
    /// (`None`: removed). The layout depends on the data only through the
    /// places branch conditions read and the length of arrays, so this is
    /// `false` for a change of a plain value that no condition reads inside
    /// an existing object; `true` for anything else (a condition reads it, an
    /// array or object is put or replaced, an array entry itself is added or
    /// removed, a parent is created, or the form could not be analysed).
    /// A form re-lays itself out only when this says so.
    pub fn layout_depends_on(&self, data: &Value, pointer: &str, new: Option<&Value>) -> bool {
        let Some(reads) = self.condition_reads() else {
            return true;
        };
        let path = pointer::parse(pointer);
        let Some((last, parent)) = path.split_last() else {
            return true;
        };
        let old = pointer::get(data, pointer);
        let container = |v: Option<&Value>| v.is_some_and(|v| v.is_array() || v.is_object());
        let parent_is_object =
            pointer::get(data, &pointer::render(parent)).is_some_and(Value::is_object);
        if container(old)
            || container(new)
            || !parent_is_object
            || matches!(last, Segment::Index(_))
        {
            return true;
        }
        reads
            .iter()
            .any(|pattern| crate::schema::reads::related(pattern, &path))
    }
}

fn object_fields(
    walker: &SchemaWalker<'_>,
    schemas: &[&Value],
    root: &Value,
    at: &[Segment],
    lang: Lang,
) -> Vec<Field> {
    let required: Vec<&str> = schemas
        .iter()
        .filter_map(|s| s.get("required").and_then(Value::as_array))
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    walker
        .property_names(schemas)
        .into_iter()
        .map(|name| {
            let mut path = at.to_vec();
            path.push(Segment::Key(name.clone()));
            let is_required = required.contains(&name.as_str());
            field(walker, root, &path, is_required, lang)
        })
        .collect()
}

fn field(
    walker: &SchemaWalker<'_>,
    root: &Value,
    path: &[Segment],
    required: bool,
    lang: Lang,
) -> Field {
    let mut trail = walker.trail(path, root);
    let info = trail.pop().unwrap_or_default();
    // A recursive form (a tree of departments) is laid out one level at a
    // time: an object its own ancestors declare, with no data yet, gets no
    // fields, so the layout never unrolls the recursion.
    let recursive = pointer::get(root, &pointer::render(path)).is_none()
        && trail.iter().any(|ancestor| {
            ancestor
                .schemas
                .iter()
                .any(|a| info.schemas.iter().any(|s| std::ptr::eq(*a, *s)))
        });
    let text = |key: &str| info.text(key, lang).map(str::to_owned);
    let label = text("title").unwrap_or_else(|| {
        path.last()
            .map(|s| s.as_key().into_owned())
            .unwrap_or_default()
    });
    Field {
        pointer: pointer::render(path),
        label,
        description: text("description"),
        help: text("x-help"),
        placeholder: text("x-placeholder"),
        required,
        control: control(walker, &info, root, path, recursive, required, lang),
    }
}

fn keyword<'a>(info: &FieldInfo<'a>, key: &str) -> Option<&'a Value> {
    info.schemas.iter().find_map(|s| s.get(key))
}

/// `recursive`: the field is an object its ancestors declare and has no
/// data yet (see [`field`]); lists are laid out by their entries anyway.
fn control(
    walker: &SchemaWalker<'_>,
    info: &FieldInfo<'_>,
    root: &Value,
    path: &[Segment],
    recursive: bool,
    required: bool,
    lang: Lang,
) -> Control {
    let widget = keyword(info, "x-widget").and_then(Value::as_str);
    let types: Vec<&str> = match keyword(info, "type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let max_length = keyword(info, "maxLength").and_then(Value::as_u64);
    if let Some(options) = keyword(info, "enum").and_then(Value::as_array) {
        let options: Vec<Choice> = options
            .iter()
            .map(|v| Choice {
                value: v.clone(),
                label: info.enum_label(v, lang),
            })
            .collect();
        return if widget == Some("radio") || (widget.is_none() && options.len() <= 3) {
            Control::Radio { options }
        } else {
            Control::Select { options }
        };
    }
    if types.contains(&"object") || keyword(info, "properties").is_some() {
        if recursive {
            return Control::Unstarted;
        }
        return Control::Group {
            fields: object_fields(walker, &info.schemas, root, path, lang),
        };
    }
    if types.contains(&"array") {
        let count = pointer::get(root, &pointer::render(path))
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        let items = (0..count)
            .map(|i| {
                let mut item_path = path.to_vec();
                item_path.push(Segment::Index(i));
                let item_info = walker.at(&item_path, root);
                let is_object = item_info
                    .schemas
                    .iter()
                    .any(|s| s.get("properties").is_some());
                if is_object {
                    object_fields(walker, &item_info.schemas, root, &item_path, lang)
                } else {
                    vec![field(walker, root, &item_path, true, lang)]
                }
            })
            .collect();
        // The entry an "add" would make: its schemas with `$ref`s followed
        // (a recursive tree's `items` is only a reference to the node).
        let mut next = path.to_vec();
        next.push(Segment::Index(count));
        let next_info = walker.at(&next, root);
        let item_label = keyword(info, "items")
            .and_then(|i| {
                let title = match lang.i18n_key() {
                    Some(tag) => i
                        .get("x-i18n")
                        .and_then(|x| x.get(tag))
                        .and_then(|x| x.get("title"))
                        .or_else(|| i.get("title")),
                    None => i.get("title"),
                };
                title.and_then(Value::as_str).map(str::to_owned)
            })
            .or_else(|| next_info.text("title", lang).map(str::to_owned));
        let item_is_object = next_info.schemas.iter().any(|i| {
            i.get("properties").is_some() || i.get("type").and_then(Value::as_str) == Some("object")
        });
        return Control::List {
            items,
            item_is_object,
            min_items: keyword(info, "minItems")
                .and_then(Value::as_u64)
                .unwrap_or(0),
            max_items: keyword(info, "maxItems").and_then(Value::as_u64),
            item_label: item_label
                .unwrap_or_else(|| crate::messages::widget::entry().get(lang).to_owned()),
        };
    }
    if types.contains(&"boolean") {
        // A required yes/no question needs an answer either way: an
        // unticked checkbox cannot say 否 (it leaves the field absent, and
        // "required" then refuses it). A box that must be ticked
        // (`const: true`, a consent) stays a checkbox.
        let must_be_true = keyword(info, "const") == Some(&Value::Bool(true));
        if required && !must_be_true && widget != Some("checkbox") {
            return Control::Radio {
                options: [true, false]
                    .into_iter()
                    .map(|value| Choice {
                        value: Value::Bool(value),
                        label: crate::messages::widget::yes_no(value).get(lang).to_owned(),
                    })
                    .collect(),
            };
        }
        return Control::Checkbox;
    }
    if types.contains(&"integer") || types.contains(&"number") {
        return Control::Number {
            integer: types.contains(&"integer") && !types.contains(&"number"),
        };
    }
    let format = keyword(info, "format").and_then(Value::as_str);
    if widget == Some("date") {
        return Control::Date;
    }
    if widget == Some("textarea") {
        return Control::Textarea { max_length };
    }
    let of_format = crate::formats::control(format);
    match of_format.input_type {
        InputType::Date => Control::Date,
        InputType::Time => Control::Time,
        InputType::DateTimeLocal => Control::DateTime,
        InputType::Text => Control::Text {
            input_mode: of_format.input_mode,
            autocomplete: of_format.autocomplete,
            max_length,
        },
    }
}

/// One step of a path into the data, borrowed from it: the walk keeps
/// the place in hand without allocating, and writes a [`Segment`] only for
/// a member it removes.
#[derive(Debug, Clone, Copy)]
enum Seg<'d> {
    Key(&'d str),
    Index(usize),
}

impl Seg<'_> {
    fn to_segment(self) -> Segment {
        match self {
            Seg::Key(key) => Segment::Key(key.to_owned()),
            Seg::Index(i) => Segment::Index(i),
        }
    }
}

/// Finds, in `value`, members of objects that some branch of the schema
/// declares but no applicable branch does for this data, and adds their
/// paths (`place` is where `value` lies) to `out`. `applicable` are the
/// schemas applying at this place. A removed member is not looked into.
fn find_removals<'a, 'd>(
    walker: &SchemaWalker<'a>,
    value: &'d Value,
    applicable: &[&'a Value],
    declared_anywhere: &std::collections::BTreeSet<String>,
    place: &mut Vec<Seg<'d>>,
    out: &mut Vec<Vec<Segment>>,
) {
    // This runs on every live check of the form (the JS API's `formErrors`,
    // the widget's submitted data), so it allocates nothing per member and
    // works out the schemas only of members that have members of their own:
    // a plain value has nothing inside it to prune.
    match value {
        Value::Object(map) => {
            let properties: Vec<&Value> = applicable
                .iter()
                .filter_map(|s| small_map::get(s, "properties"))
                .collect();
            if properties.is_empty() {
                return;
            }
            let declares =
                |name: &str| properties.iter().any(|p| small_map::get(p, name).is_some());
            for (name, child) in map {
                place.push(Seg::Key(name));
                if !declares(name) && declared_anywhere.contains(name) {
                    out.push(place.iter().map(|seg| seg.to_segment()).collect());
                } else if is_container(child) {
                    let schemas = walker.member_schemas(applicable, name, child);
                    find_removals(walker, child, &schemas, declared_anywhere, place, out);
                }
                place.pop();
            }
        }
        Value::Array(items) => {
            // The entries of a list whose entry schema chooses nothing by
            // the data (and no `prefixItems` gives an entry its own) share
            // their schemas: worked out once, not once per row.
            let by_index = applicable
                .iter()
                .any(|s| small_map::get(s, "prefixItems").is_some());
            let mut shared: Option<Vec<&'a Value>> = None;
            for (i, child) in items.iter().enumerate() {
                if !is_container(child) {
                    continue;
                }
                place.push(Seg::Index(i));
                if let Some(schemas) = &shared {
                    find_removals(walker, child, schemas, declared_anywhere, place, out);
                } else {
                    let schemas = walker.element_schemas(applicable, i, child);
                    find_removals(walker, child, &schemas, declared_anywhere, place, out);
                    if !by_index && chosen_without_data(&schemas) {
                        shared = Some(schemas);
                    }
                }
                place.pop();
            }
        }
        _ => {}
    }
}

/// Removes each member at `removals` (paths from [`find_removals`]) from
/// `target`, keeping the order of the members that stay.
fn remove_all(target: &mut Value, removals: &[Vec<Segment>]) {
    'removals: for path in removals {
        let Some((last, parents)) = path.split_last() else {
            continue;
        };
        let mut here = &mut *target;
        for segment in parents {
            let next = match (here, segment) {
                (Value::Object(map), Segment::Key(key)) => map.get_mut(key),
                (Value::Array(items), Segment::Index(i)) => items.get_mut(*i),
                _ => None,
            };
            let Some(next) = next else {
                continue 'removals;
            };
            here = next;
        }
        if let (Value::Object(map), Segment::Key(key)) = (here, last) {
            map.shift_remove(key);
        }
    }
}

fn is_container(value: &Value) -> bool {
    value.is_object() || value.is_array()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn item() -> CompiledItem {
        CompiledItem::from_value(&json!({
            "format": "banli-item/1", "code": "T1", "basic_code": "000000000001", "version": "1", "name": "测试",
            "item_type": {"code": "01", "label": "行政许可"}, "authority": {"name": "局"},
            "time_limits": {"statutory": {"working_days": 20}, "promised": {"working_days": 5}},
            "visits": {"count": 0}, "fees": {"charged": false}, "materials": [],
            "form": {
                "type": "object",
                "properties": {
                    "category": {"type": "string", "title": "类别", "enum": ["a", "b"], "x-enum-labels": {"a": "甲", "b": "乙"}},
                    "kitchen": {"type": "number", "title": "厨房面积"},
                    "applicant": {"type": "object", "title": "申请人", "oneOf": [
                        {"title": "个人", "properties": {"kind": {"const": "person", "title": "类型"}, "id": {"type": "string", "title": "身份证号码", "format": "cn-id-card"}}, "required": ["id"]},
                        {"title": "单位", "properties": {"kind": {"const": "org"}, "uscc": {"type": "string", "title": "信用代码"}}, "required": ["uscc"]}
                    ]},
                    "staff": {"type": "array", "title": "人员", "minItems": 1, "items": {"type": "object", "title": "人员", "properties": {"name": {"type": "string", "title": "姓名"}}}}
                },
                "if": {"properties": {"category": {"const": "a"}}}, "then": {"required": ["kitchen"]}
            }
        })).unwrap()
    }

    fn labels(fields: &[Field]) -> Vec<String> {
        let mut all = Vec::new();
        fields.iter().for_each(|f| f.walk(&mut all));
        all.iter()
            .map(|f| format!("{}{}", f.pointer, if f.required { "*" } else { "" }))
            .collect()
    }

    #[test]
    fn a_required_yes_no_question_can_be_answered_no() {
        let mut definition: Value =
            serde_json::from_str(include_str!("../../../tests/fixtures/item-head.json")).unwrap();
        definition["form"] = json!({
            "type": "object",
            "properties": {
                "lit": {"type": "boolean", "title": "是否设置灯光照明"},
                "agree": {"type": "boolean", "title": "同意", "const": true},
                "extra": {"type": "boolean", "title": "其他"}
            },
            "required": ["lit", "agree"]
        });
        let item = CompiledItem::from_value(&definition).unwrap();
        let fields = item.layout(&json!({}), Lang::ZhCn);
        let control = |name: &str| {
            fields
                .iter()
                .find(|f| f.pointer == format!("/{name}"))
                .map(|f| f.control.clone())
                .unwrap()
        };
        let Control::Radio { options } = control("lit") else {
            panic!("{:?}", control("lit"));
        };
        assert_eq!(
            options
                .iter()
                .map(|o| (&o.value, o.label.as_str()))
                .collect::<Vec<_>>(),
            [(&json!(true), "是"), (&json!(false), "否")]
        );
        assert_eq!(
            control("agree"),
            Control::Checkbox,
            "a box that must be ticked"
        );
        assert_eq!(
            control("extra"),
            Control::Checkbox,
            "optional: unticked is no answer"
        );
    }

    #[test]
    fn fields_follow_the_data() {
        let item = item();
        let fields = item.layout(
            &json!({"applicant": {"kind": "org"}, "staff": [{}, {}]}),
            Lang::ZhCn,
        );
        assert_eq!(
            labels(&fields),
            [
                "/category",
                "/kitchen",
                "/applicant",
                "/applicant/kind*",
                "/applicant/uscc*",
                "/staff",
                "/staff/0/name",
                "/staff/1/name"
            ]
        );
        let fields = item.layout(
            &json!({"category": "a", "applicant": {"kind": "person"}}),
            Lang::ZhCn,
        );
        assert_eq!(
            labels(&fields)[..5],
            [
                "/category",
                "/kitchen*",
                "/applicant",
                "/applicant/kind*",
                "/applicant/id*"
            ]
        );
        match &fields[0].control {
            Control::Radio { options } => assert_eq!(options[1].label, "乙"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_root_one_of_asks_for_the_choice_first_then_shows_that_branch() {
        let mut definition: Value = serde_json::from_str(include_str!(
            "../../../tests/fixtures/kinds/root-one-of/item.json"
        ))
        .unwrap();
        definition.as_object_mut().unwrap().remove("$schema");
        let item = CompiledItem::from_value(&definition).unwrap();
        assert_eq!(
            labels(&item.layout(&json!({}), Lang::ZhCn)),
            ["/applicant_type*", "/mobile*"]
        );
        assert_eq!(
            labels(&item.layout(&json!({"applicant_type": "organisation"}), Lang::ZhCn)),
            ["/applicant_type*", "/mobile*", "/org_name*", "/uscc*"]
        );
        assert_eq!(
            item.root_field_names(),
            [
                "applicant_type",
                "mobile",
                "name",
                "id_number",
                "org_name",
                "uscc"
            ]
        );
        let data =
            json!({"applicant_type": "person", "name": "林晓", "uscc": "stale", "mobile": "1"});
        assert_eq!(
            item.prune(&data),
            json!({"applicant_type": "person", "name": "林晓", "mobile": "1"})
        );
    }

    #[test]
    fn hidden_branches_are_pruned() {
        let item = item();
        let data = json!({"applicant": {"kind": "org", "uscc": "X", "id": "stale"}, "extra": 1});
        assert_eq!(
            item.prune(&data),
            json!({"applicant": {"kind": "org", "uscc": "X"}, "extra": 1})
        );
    }

    #[test]
    fn pruning_keeps_the_order_of_what_stays_and_copies_nothing_when_nothing_goes() {
        let item = item();
        let data = json!({
            "staff": [{"name": "甲"}],
            "applicant": {"id": "stale", "kind": "org", "uscc": "X"},
            "category": "b",
        });
        let expected =
            r#"{"staff":[{"name":"甲"}],"applicant":{"kind":"org","uscc":"X"},"category":"b"}"#;
        assert_eq!(item.prune(&data).to_string(), expected);
        assert_eq!(
            item.prune_owned_within_limits(data.clone()).to_string(),
            expected
        );
        assert!(matches!(item.pruned(&data), Cow::Owned(_)));

        let kept = json!({"applicant": {"kind": "org", "uscc": "X"}, "staff": [{"name": "乙"}]});
        let pruned = item.pruned(&kept);
        assert!(matches!(pruned, Cow::Borrowed(_)));
        assert_eq!(pruned.to_string(), kept.to_string());
    }

    /// An item whose form is `form` (a head from the fixtures).
    fn item_with_form(form: Value) -> CompiledItem {
        let mut definition: Value =
            serde_json::from_str(include_str!("../../../tests/fixtures/item-head.json")).unwrap();
        definition["form"] = form;
        CompiledItem::from_value(&definition).unwrap()
    }

    /// List entries share their schemas only when nothing about them is
    /// chosen by the entry: each entry of a `oneOf` list keeps its own
    /// branch's fields, and each `prefixItems` entry its own.
    #[test]
    fn each_list_entry_is_pruned_by_its_own_schemas() {
        let branch = |kind: &str, field: &str| json!({"properties": {"kind": {"const": kind}, field: {"type": "string"}}, "required": ["kind"]});
        let item = item_with_form(json!({
            "type": "object",
            "properties": {
                "rows": {"type": "array", "items": {"type": "object", "oneOf": [branch("a", "x"), branch("b", "y")]}},
                "any": {"type": "array", "items": {"type": "object", "anyOf": [branch("a", "x"), branch("b", "y")]}},
                "either": {"type": "array", "items": {"type": "object", "oneOf": [
                    {"properties": {"x": {"type": "string"}}, "required": ["x"]},
                    {"properties": {"y": {"type": "number"}}, "required": ["y"]}
                ]}},
                "when": {"type": "array", "items": {
                    "type": "object", "properties": {"kind": {"type": "string"}},
                    "if": {"properties": {"kind": {"const": "a"}}, "required": ["kind"]},
                    "then": {"properties": {"x": {"type": "string"}}},
                    "else": {"properties": {"y": {"type": "string"}}}
                }},
                "dependent": {"type": "array", "items": {
                    "type": "object", "properties": {"kind": {"type": "string"}},
                    "dependentSchemas": {"kind": {"properties": {"x": {"type": "string"}}}}
                }},
                "pair": {"type": "array", "prefixItems": [
                    {"type": "object", "properties": {"first": {"type": "string"}}},
                    {"type": "object", "properties": {"second": {"type": "string"}}}
                ]},
                "plain": {"type": "array", "items": {"type": "object", "properties": {"x": {"type": "string"}}}}
            }
        }));
        let data = json!({
            "rows": [{"kind": "a", "x": "1", "y": "2"}, {"kind": "b", "x": "1", "y": "2"}, {"kind": "a", "x": "3", "y": "4"}],
            "any": [{"kind": "a", "x": "1", "y": "2"}, {"kind": "b", "x": "1", "y": "2"}],
            "either": [{"x": "1"}, {"y": 2}],
            "when": [{"kind": "a", "x": "1", "y": "2"}, {"kind": "b", "x": "1", "y": "2"}],
            "dependent": [{"kind": "a", "x": "1"}, {"x": "1"}],
            "pair": [{"first": "1", "second": "2"}, {"first": "1", "second": "2"}],
            "plain": [{"x": "1", "y": "2"}, {"x": "3", "first": "4", "z": "5"}]
        });
        assert_eq!(
            item.prune(&data),
            json!({
                "rows": [{"kind": "a", "x": "1"}, {"kind": "b", "y": "2"}, {"kind": "a", "x": "3"}],
                "any": [{"kind": "a", "x": "1"}, {"kind": "b", "y": "2"}],
                "either": [{"x": "1"}, {"y": 2}],
                "when": [{"kind": "a", "x": "1"}, {"kind": "b", "y": "2"}],
                "dependent": [{"kind": "a", "x": "1"}, {}],
                "pair": [{"first": "1"}, {"second": "2"}],
                "plain": [{"x": "1"}, {"x": "3", "z": "5"}]
            })
        );
    }
}
