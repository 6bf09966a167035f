//! Finds what the form schema says about a place in the data: its label
//! (`title`), translations, message overrides and enum labels, and its
//! position in document order. It follows `$ref`, `allOf` and the branches of
//! `if`/`then`/`else` that the data actually selects, so a field inside the
//! "organisation" branch gets the organisation's label.

use serde_json::Value;

use super::condition::evaluate;
use crate::messages::Lang;
use crate::pointer::Segment;
use crate::small_map;

/// How deep `$ref` and `allOf` chains are followed before giving up; enough
/// for any real form, and a guard against reference cycles.
const MAX_EXPANSION_DEPTH: usize = 32;

/// Everything the schema says about one place in the data.
#[derive(Debug, Clone, Default)]
pub struct FieldInfo<'a> {
    /// The schemas that apply at this place, most specific first.
    pub schemas: Vec<&'a Value>,
}

impl<'a> FieldInfo<'a> {
    /// The `format` the first applicable schema that names one gives.
    pub fn format(&self) -> Option<&'a str> {
        self.schemas
            .iter()
            .find_map(|s| s.get("format").and_then(Value::as_str))
    }

    /// The first string found under `key` in the language asked for
    /// (`x-i18n.<lang>.<key>`; titles and enum labels fall back to the
    /// default language).
    pub fn text(&self, key: &str, lang: Lang) -> Option<&'a str> {
        self.lookup(key, lang).and_then(Value::as_str)
    }

    pub fn lookup(&self, key: &str, lang: Lang) -> Option<&'a Value> {
        match lang.i18n_key() {
            Some(tag) => {
                let translated = self
                    .schemas
                    .iter()
                    .find_map(|s| s.get("x-i18n")?.get(tag)?.get(key));
                translated.or_else(|| {
                    if key == "title" || key == "x-enum-labels" {
                        self.first(key)
                    } else {
                        None
                    }
                })
            }
            None => self.first(key),
        }
    }

    fn first(&self, key: &str) -> Option<&'a Value> {
        self.schemas.iter().find_map(|s| s.get(key))
    }

    /// A per-field message override for an error code (`x-messages`).
    pub fn message_override(&self, code: &str, lang: Lang) -> Option<&'a str> {
        let overrides = match lang.i18n_key() {
            Some(tag) => self
                .schemas
                .iter()
                .find_map(|s| s.get("x-i18n")?.get(tag)?.get("x-messages")?.get(code)),
            None => self
                .schemas
                .iter()
                .find_map(|s| s.get("x-messages")?.get(code)),
        };
        overrides.and_then(Value::as_str)
    }

    /// The label of one enum value, falling back to the value itself.
    pub fn enum_label(&self, value: &Value, lang: Lang) -> String {
        let label = value.as_str().and_then(|v| {
            self.lookup("x-enum-labels", lang)?
                .get(v)?
                .as_str()
                .map(str::to_owned)
        });
        label.unwrap_or_else(|| match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    }
}

/// Which branches an expansion takes.
#[derive(Debug, Clone, Copy)]
enum Branches<'d> {
    /// Every branch: what may apply for some data.
    Any,
    /// The branches whose conditions may hold of this data (`None`: absent).
    For(Option<&'d Value>),
}

impl Branches<'_> {
    /// Whether a branch's condition holds: `None` when unknown (always, for
    /// [`Branches::Any`]).
    fn may_hold(self, condition: &Value) -> Option<bool> {
        match self {
            Self::Any => None,
            Self::For(data) => evaluate(condition, data),
        }
    }
}

/// The keywords of one schema that bring other schemas in alongside it.
/// Read in one pass over the schema's members: expansion runs for every
/// place of the data on every live check, and one pass over a schema's few
/// members costs less than a hashed lookup per keyword.
#[derive(Default)]
struct Applicators<'a> {
    reference: Option<&'a Value>,
    all_of: Option<&'a Value>,
    any_of: Option<&'a Value>,
    one_of: Option<&'a Value>,
    condition: Option<&'a Value>,
    then: Option<&'a Value>,
    otherwise: Option<&'a Value>,
    dependent_schemas: Option<&'a Value>,
}

impl<'a> Applicators<'a> {
    fn of(schema: &'a Value) -> Self {
        let mut found = Self::default();
        let Some(members) = schema.as_object() else {
            return found;
        };
        for (keyword, value) in members {
            let slot = match keyword.as_str() {
                "$ref" => &mut found.reference,
                "allOf" => &mut found.all_of,
                "anyOf" => &mut found.any_of,
                "oneOf" => &mut found.one_of,
                "if" => &mut found.condition,
                "then" => &mut found.then,
                "else" => &mut found.otherwise,
                "dependentSchemas" => &mut found.dependent_schemas,
                _ => continue,
            };
            *slot = Some(value);
        }
        found
    }

    /// Whether the schema chooses what applies by the data: an `anyOf` or
    /// `oneOf` branch, `then` or `else` by its `if`, a `dependentSchemas`
    /// entry by a member's presence.
    fn choose_by_data(&self) -> bool {
        self.any_of.is_some()
            || self.one_of.is_some()
            || self.condition.is_some()
            || self.dependent_schemas.is_some()
    }
}

/// Whether the schemas an expansion found (from
/// [`SchemaWalker::member_schemas`] and the like) were found without
/// looking at the data: none of them chooses what applies by the data, so
/// another value at the same place gets the same schemas.
pub(crate) fn chosen_without_data(expansion: &[&Value]) -> bool {
    !expansion
        .iter()
        .any(|schema| Applicators::of(schema).choose_by_data())
}

/// Walks a (prepared) form schema alongside the data.
#[derive(Debug, Clone, Copy)]
pub struct SchemaWalker<'a> {
    root: &'a Value,
}

impl<'a> SchemaWalker<'a> {
    pub fn new(root: &'a Value) -> Self {
        Self { root }
    }

    /// What the schema says about each place along `path`: element `i`
    /// describes the place `path[..=i]`.
    pub fn trail(&self, path: &[Segment], data: &Value) -> Vec<FieldInfo<'a>> {
        let mut trail = Vec::with_capacity(path.len());
        let mut current = self.expand(self.root, Some(data));
        let mut current_data = Some(data);
        for segment in path {
            (current, current_data) = self.child(&current, current_data, segment);
            trail.push(FieldInfo {
                schemas: current.clone(),
            });
        }
        trail
    }

    /// What the schema says about the place `path` alone: the last
    /// element of [`trail`](Self::trail), without the places above it.
    pub fn at(&self, path: &[Segment], data: &Value) -> FieldInfo<'a> {
        let mut current = self.expand(self.root, Some(data));
        let mut current_data = Some(data);
        for segment in path {
            (current, current_data) = self.child(&current, current_data, segment);
        }
        FieldInfo { schemas: current }
    }

    /// A key that sorts places in document order: the position of each
    /// property among its object's properties (by `x-order`, then as
    /// declared), the index of each array item. `top_order` puts the root's
    /// properties in the order of `ui.steps` first.
    pub fn order_key(&self, path: &[Segment], data: &Value, top_order: &[String]) -> Vec<u32> {
        let mut key = Vec::with_capacity(path.len());
        let mut current = self.expand(self.root, Some(data));
        let mut current_data = Some(data);
        for (depth, segment) in path.iter().enumerate() {
            let position = match (segment, current_data) {
                (Segment::Index(i), Some(Value::Array(_))) => Some(*i),
                _ => {
                    let name = segment.as_key();
                    let from_steps = if depth == 0 {
                        top_order.iter().position(|n| *n == name)
                    } else {
                        None
                    };
                    from_steps.or_else(|| {
                        let offset = if depth == 0 { top_order.len() } else { 0 };
                        self.property_names(&current)
                            .iter()
                            .position(|n| *n == name)
                            .map(|p| p + offset)
                    })
                }
            };
            key.push(position.map_or(u32::MAX, |p| u32::try_from(p).unwrap_or(u32::MAX)));
            (current, current_data) = self.child(&current, current_data, segment);
        }
        key
    }

    /// The properties declared by a set of applicable schemas, in display order.
    pub fn property_names(&self, schemas: &[&'a Value]) -> Vec<String> {
        let mut names: Vec<(String, Option<i64>)> = Vec::new();
        for schema in schemas {
            if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
                for (name, property) in properties {
                    if !names.iter().any(|(n, _)| n == name) {
                        names.push((
                            name.clone(),
                            property.get("x-order").and_then(Value::as_i64),
                        ));
                    }
                }
            }
        }
        let mut indexed: Vec<(usize, (String, Option<i64>))> =
            names.into_iter().enumerate().collect();
        indexed.sort_by_key(|(position, (_, order))| order.unwrap_or(*position as i64));
        indexed.into_iter().map(|(_, (name, _))| name).collect()
    }

    /// Every string in `data` whose applicable schemas (branches chosen by
    /// the data, as for labels) name a `format`: its place and the format,
    /// in data order. The walk is iterative, so deep data costs no stack;
    /// callers pass data already within the submission limits.
    pub fn string_formats(&self, data: &Value) -> Vec<(Vec<Segment>, &'a str)> {
        // The place in hand is kept as borrowed segments (a member's
        // `Leave` takes its segment off) and copied only for a string
        // with a format: this walk runs on every validation.
        enum Step<'a, 'd> {
            Enter(Vec<&'a Value>, &'d Value, Option<Seg<'d>>),
            Leave,
        }
        #[derive(Clone, Copy)]
        enum Seg<'d> {
            Key(&'d str),
            Index(usize),
        }
        let mut found = Vec::new();
        let mut place: Vec<Seg<'_>> = Vec::new();
        let mut stack = vec![Step::Enter(self.expand(self.root, Some(data)), data, None)];
        while let Some(step) = stack.pop() {
            let (schemas, value, segment) = match step {
                Step::Leave => {
                    place.pop();
                    continue;
                }
                Step::Enter(schemas, value, segment) => (schemas, value, segment),
            };
            let entered = segment.is_some();
            place.extend(segment);
            let first = stack.len();
            match value {
                Value::String(_) => {
                    if let Some(format) = schemas
                        .iter()
                        .find_map(|s| s.get("format").and_then(Value::as_str))
                    {
                        let path = place
                            .iter()
                            .map(|segment| match segment {
                                Seg::Key(key) => Segment::Key((*key).to_owned()),
                                Seg::Index(i) => Segment::Index(*i),
                            })
                            .collect();
                        found.push((path, format));
                    }
                }
                Value::Object(map) => {
                    for (key, child) in map {
                        let next = self.member(&schemas, key);
                        if !next.is_empty() {
                            let expanded = self.expand_all(&next, child);
                            stack.push(Step::Enter(expanded, child, Some(Seg::Key(key))));
                        }
                    }
                }
                Value::Array(items) => {
                    for (i, child) in items.iter().enumerate() {
                        let next = self.element(&schemas, i);
                        if !next.is_empty() {
                            let expanded = self.expand_all(&next, child);
                            stack.push(Step::Enter(expanded, child, Some(Seg::Index(i))));
                        }
                    }
                }
                _ => {}
            }
            if stack.len() > first {
                stack[first..].reverse();
                if entered {
                    stack.insert(first, Step::Leave);
                }
            } else if entered {
                place.pop();
            }
        }
        found
    }

    /// Every schema that applies to `data` alongside each of `schemas`.
    fn expand_all(&self, schemas: &[&'a Value], data: &Value) -> Vec<&'a Value> {
        let mut out = Vec::new();
        for schema in schemas {
            self.expand_into(schema, Branches::For(Some(data)), 0, &mut out);
        }
        out
    }

    /// One step of [`trail`](Self::trail): the schemas applying at the
    /// child `segment` of a place whose applicable schemas are `current`
    /// and whose data is `data`, and the child's data.
    pub fn child<'d>(
        &self,
        current: &[&'a Value],
        data: Option<&'d Value>,
        segment: &Segment,
    ) -> (Vec<&'a Value>, Option<&'d Value>) {
        let (children, child_data) = self.step(current, data, segment);
        (self.expand_each(&children, child_data), child_data)
    }

    /// The schemas applying at the member `name` of an object whose
    /// applicable schemas are `current`, with branches chosen by the
    /// member's own value `value`: [`child`](Self::child) for a caller that
    /// already holds the member, without building a [`Segment`] or looking
    /// the member up again.
    pub fn member_schemas(
        &self,
        current: &[&'a Value],
        name: &str,
        value: &Value,
    ) -> Vec<&'a Value> {
        self.expand_each(&self.member(current, name), Some(value))
    }

    /// [`member_schemas`](Self::member_schemas) for element `index` of an
    /// array.
    pub fn element_schemas(
        &self,
        current: &[&'a Value],
        index: usize,
        value: &Value,
    ) -> Vec<&'a Value> {
        self.expand_each(&self.element(current, index), Some(value))
    }

    /// The schemas applying at the root, with branches chosen by `data`.
    pub fn applicable(&self, data: &Value) -> Vec<&'a Value> {
        self.expand(self.root, Some(data))
    }

    /// Moves one segment down: the child schemas of every applicable schema,
    /// and the child data.
    fn step<'d>(
        &self,
        current: &[&'a Value],
        data: Option<&'d Value>,
        segment: &Segment,
    ) -> (Vec<&'a Value>, Option<&'d Value>) {
        if let (Segment::Index(i), None | Some(Value::Array(_))) = (segment, data) {
            return (self.element(current, *i), data.and_then(|d| d.get(*i)));
        }
        let name = segment.as_key();
        (
            self.member(current, &name),
            data.and_then(|d| d.get(name.as_ref())),
        )
    }

    /// The schemas of element `i` of an array described by `current`.
    fn element(&self, current: &[&'a Value], i: usize) -> Vec<&'a Value> {
        current
            .iter()
            .filter_map(|schema| {
                let prefix = small_map::get(schema, "prefixItems")
                    .and_then(Value::as_array)
                    .and_then(|p| p.get(i));
                prefix.or_else(|| small_map::get(schema, "items").filter(|v| v.is_object()))
            })
            .collect()
    }

    /// The schemas of the member `name` of an object described by
    /// `current`: its `properties` entries, else `additionalProperties`.
    fn member(&self, current: &[&'a Value], name: &str) -> Vec<&'a Value> {
        let named: Vec<&'a Value> = current
            .iter()
            .filter_map(|schema| {
                small_map::get(schema, "properties").and_then(|p| small_map::get(p, name))
            })
            .collect();
        if !named.is_empty() {
            return named;
        }
        current
            .iter()
            .filter_map(|schema| {
                small_map::get(schema, "additionalProperties").filter(|v| v.is_object())
            })
            .collect()
    }

    /// Each of `children` expanded on its own for `data` (a schema that
    /// two children bring in is listed under each).
    fn expand_each(&self, children: &[&'a Value], data: Option<&Value>) -> Vec<&'a Value> {
        // Most places have one child schema: its expansion is the answer,
        // with no second vector to gather it into.
        if let [child] = children {
            return self.expand(child, data);
        }
        children.iter().flat_map(|c| self.expand(c, data)).collect()
    }

    fn expand(&self, schema: &'a Value, data: Option<&Value>) -> Vec<&'a Value> {
        let mut out = Vec::new();
        self.expand_into(schema, Branches::For(data), 0, &mut out);
        out
    }

    /// `schema` and every schema that may apply alongside it, whatever the
    /// data: its `$ref` target, and every `allOf`, `anyOf`, `oneOf`,
    /// `then`, `else` and `dependentSchemas` branch, each once however many
    /// references lead to it (so diamonds of `$ref`s cost no more than
    /// their size), in the order [`applicable`](Self::applicable) would
    /// list them.
    pub fn alongside(&self, schema: &'a Value) -> Vec<&'a Value> {
        let mut out = Vec::new();
        self.expand_into(schema, Branches::Any, 0, &mut out);
        out
    }

    /// Whether the form declares the field at `path` (property names; an
    /// index steps into `items`) in any branch.
    pub fn declares(&self, path: &[String]) -> bool {
        !self.declared(path).is_empty()
    }

    /// Every schema that declares the field at `path` in some branch (as
    /// [`declares`](Self::declares) finds them, before each is expanded
    /// [`alongside`](Self::alongside)); empty when none does.
    pub fn declared(&self, path: &[String]) -> Vec<&'a Value> {
        let mut current = vec![self.root];
        for name in path {
            let mut next = Vec::new();
            for schema in current.iter().flat_map(|s| self.alongside(s)) {
                if let Some(child) = schema.get("properties").and_then(|p| p.get(name)) {
                    next.push(child);
                } else if let Some(items) = schema
                    .get("items")
                    .filter(|_| name.parse::<usize>().is_ok())
                {
                    next.push(items);
                }
            }
            if next.is_empty() {
                return Vec::new();
            }
            current = next;
        }
        current
    }

    fn expand_into(
        &self,
        schema: &'a Value,
        branches: Branches<'_>,
        depth: usize,
        out: &mut Vec<&'a Value>,
    ) {
        if depth > MAX_EXPANSION_DEPTH
            || !schema.is_object()
            || out.iter().any(|s| std::ptr::eq(*s, schema))
        {
            return;
        }
        out.push(schema);
        let keywords = Applicators::of(schema);
        if let Some(target) = keywords
            .reference
            .and_then(Value::as_str)
            .and_then(|r| self.resolve(r))
        {
            self.expand_into(target, branches, depth + 1, out);
        }
        if let Some(Value::Array(all)) = keywords.all_of {
            for sub in all {
                self.expand_into(sub, branches, depth + 1, out);
            }
        }
        for alternatives in [keywords.any_of, keywords.one_of] {
            if let Some(Value::Array(alternatives)) = alternatives {
                for sub in alternatives {
                    if branches.may_hold(sub) != Some(false) {
                        self.expand_into(sub, branches, depth + 1, out);
                    }
                }
            }
        }
        // Without an `if`, `then` and `else` apply to no data; the
        // data-blind expansion lists them anyway, as what a maintainer wrote.
        let condition = keywords.condition;
        if condition.is_some() || matches!(branches, Branches::Any) {
            let holds = condition.and_then(|c| branches.may_hold(c));
            if holds != Some(false)
                && let Some(then) = keywords.then
            {
                self.expand_into(then, branches, depth + 1, out);
            }
            if holds != Some(true)
                && let Some(otherwise) = keywords.otherwise
            {
                self.expand_into(otherwise, branches, depth + 1, out);
            }
        }
        if let Some(Value::Object(dependent)) = keywords.dependent_schemas {
            for (trigger, sub) in dependent {
                let triggered = match branches {
                    Branches::Any => true,
                    Branches::For(data) => data
                        .and_then(Value::as_object)
                        .is_some_and(|o| o.contains_key(trigger)),
                };
                if triggered {
                    self.expand_into(sub, branches, depth + 1, out);
                }
            }
        }
    }

    fn resolve(&self, reference: &str) -> Option<&'a Value> {
        crate::pointer::resolve_local(self.root, reference)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pointer::parse;
    use serde_json::json;

    fn form() -> Value {
        crate::schema::prepare_form(&json!({
            "type": "object",
            "properties": {
                "staff": {"title": "从业人员", "type": "array", "items": {"type": "object", "properties": {"name": {"title": "姓名"}}}},
                "applicant": {
                    "title": "申请人",
                    "oneOf": [
                        {"title": "个人", "properties": {"kind": {"const": "person"}, "name": {"title": "姓名"}}},
                        {"title": "单位", "properties": {"kind": {"const": "org"}, "name": {"title": "单位名称", "x-i18n": {"en": {"title": "Organisation name"}}}}}
                    ]
                }
            }
        }))
    }

    #[test]
    fn labels_follow_the_chosen_branch() {
        let form = form();
        let walker = SchemaWalker::new(&form);
        let data = json!({"applicant": {"kind": "org"}});
        let field = walker
            .trail(&parse("/applicant/name"), &data)
            .pop()
            .unwrap();
        assert_eq!(field.text("title", Lang::ZhCn), Some("单位名称"));
        assert_eq!(field.text("title", Lang::En), Some("Organisation name"));
        let data = json!({"applicant": {"kind": "person"}});
        let field = walker
            .trail(&parse("/applicant/name"), &data)
            .pop()
            .unwrap();
        assert_eq!(field.text("title", Lang::ZhCn), Some("姓名"));
    }

    #[test]
    fn order_follows_steps_then_declaration() {
        let form = form();
        let walker = SchemaWalker::new(&form);
        let data = json!({"staff": [{}, {}]});
        let top = vec!["applicant".to_owned()];
        assert!(
            walker.order_key(&parse("/applicant"), &data, &top)
                < walker.order_key(&parse("/staff/0/name"), &data, &top)
        );
        assert!(
            walker.order_key(&parse("/staff/0/name"), &data, &top)
                < walker.order_key(&parse("/staff/1/name"), &data, &top)
        );
    }
}
