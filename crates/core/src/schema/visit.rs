//! Every subschema of an item's form and of its materials' `when`
//! conditions, with its place in the file and, for fields, its path in the
//! data: the structural walk that lint's rules, the guide's field table and
//! `diff`'s fields share, so they agree on what a "field" and a "condition"
//! are. (Walking a form *along data*, choosing the branches the data
//! selects, is [`super::SchemaWalker`].)
//!
//! The walk follows same-document `$ref`s the way the definition loader
//! resolves them (`pointer::resolve_local`: `$defs`, `definitions`, JSON
//! Pointers, resources bundled by `$id`): the target is visited at its own
//! place in the file with the data path of the reference, so a field
//! declared only in `$defs` is found with its place there. Each use of a
//! target is visited (an address referenced by the applicant and by the
//! agent is two fields), except a reference back to a target already open
//! on the way (a recursive form is walked once around its cycle), and at
//! most [`MAX_REFS`] references in all. A `$defs` entry no reference
//! reaches is still visited, with no data path.

use serde_json::Value;

use crate::pointer;

/// One schema object met on the walk.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    pub schema: &'a serde_json::Map<String, Value>,
    /// JSON Pointer into the item definition file.
    pub place: String,
    /// The data path this schema describes (`*` for array items); `None`
    /// inside `patternProperties`, `additionalProperties` and a `$defs`
    /// entry no reference reaches, where it is not known.
    pub field: Option<Vec<String>>,
    /// True when the schema is directly a member of `properties` (a field
    /// declaration rather than an applicator branch).
    pub is_property: bool,
    /// True inside an `if`, a `not`, a `dependentSchemas` trigger or a
    /// material's `when`: the schema tests data, it declares no field.
    pub in_condition: bool,
    /// True when the walk came here through a branch that applies only for
    /// some data (`oneOf`, `anyOf`, `then`, `else`, `dependentSchemas`).
    pub in_branch: bool,
}

impl Node<'_> {
    /// The field's path for messages: `/applicant/name`, `/staff/*/name`.
    pub fn field_name(&self) -> String {
        match &self.field {
            Some(path) => path.iter().map(|s| format!("/{s}")).collect(),
            None => self.place.clone(),
        }
    }
}

/// Every schema object of the form and of each material's `when`, in a
/// definition (the raw JSON of a `banli-item/1` file).
pub fn schemas(definition: &Value) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    if let Some(form) = definition.get("form") {
        Walk::new(form, "/form").run(false, &mut out);
    }
    if let Some(materials) = definition.get("materials").and_then(Value::as_array) {
        for (i, material) in materials.iter().enumerate() {
            if let Some(when) = material.get("required").and_then(|r| r.get("when")) {
                Walk::new(when, &format!("/materials/{i}/required/when")).run(true, &mut out);
            }
        }
    }
    out
}

/// Every schema object of a form alone, placed as in a definition (`/form…`).
pub fn form(form: &Value) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    Walk::new(form, "/form").run(false, &mut out);
    out
}

/// Every property name declared anywhere in the form, in any branch,
/// condition or `$defs` entry.
pub fn declared_anywhere(form: &Value) -> std::collections::BTreeSet<String> {
    // A set, not a list searched for each name: a big form declares the
    // same few names in many sections, and this runs before the first paint.
    let mut out = std::collections::BTreeSet::new();
    for node in self::form(form) {
        if let Some(Value::Object(properties)) = node.schema.get("properties") {
            for name in properties.keys() {
                if !out.contains(name) {
                    out.insert(name.clone());
                }
            }
        }
    }
    out
}

/// How deep places nest before the walk stops (a guard on files lint reads
/// before the loader has refused them).
const MAX_DEPTH: usize = 64;

/// How many `$ref`s one walk follows at most, and how many may be open
/// (being walked inside each other) at once: forms are small, and a
/// recursive reference is not followed inside itself, but diamonds of
/// references could multiply.
pub const MAX_REFS: usize = 512;
const MAX_OPEN_REFS: usize = 32;

/// One walk over one schema (a form or a `when`), which is also the root
/// its `$ref`s resolve in.
struct Walk<'a> {
    root: &'a Value,
    base: String,
    /// Targets being walked around the current schema.
    open: Vec<&'a Value>,
    /// References still allowed.
    budget: usize,
    /// Every target reached by a reference, so unreached `$defs` entries
    /// can be told apart.
    reached: Vec<&'a Value>,
    /// `$defs`/`definitions` entries met, visited last if nothing reached them.
    definitions: Vec<(&'a Value, String, bool)>,
}

/// How the walk came to a schema.
#[derive(Clone, Copy)]
struct Context {
    is_property: bool,
    in_condition: bool,
    in_branch: bool,
}

impl Context {
    /// The context of a child: `is_property` as given; inside a condition
    /// or a branch if this schema is or the child starts one.
    fn child(self, is_property: bool, condition: bool, branch: bool) -> Self {
        Self {
            is_property,
            in_condition: self.in_condition || condition,
            in_branch: self.in_branch || branch,
        }
    }
}

impl<'a> Walk<'a> {
    fn new(root: &'a Value, base: &str) -> Self {
        Self {
            root,
            base: base.to_owned(),
            open: Vec::new(),
            budget: MAX_REFS,
            reached: Vec::new(),
            definitions: Vec::new(),
        }
    }

    fn run(mut self, in_condition: bool, out: &mut Vec<Node<'a>>) {
        let context = Context {
            is_property: false,
            in_condition,
            in_branch: false,
        };
        let base = self.base.clone();
        self.visit(self.root, base, Some(Vec::new()), context, out);
        // `$defs` entries met on the way (more may be met inside them).
        let mut next = 0;
        while next < self.definitions.len() {
            let (schema, place, in_condition) = self.definitions[next].clone();
            next += 1;
            if self.reached.iter().any(|r| std::ptr::eq(*r, schema)) {
                continue;
            }
            let context = Context {
                is_property: false,
                in_condition,
                in_branch: false,
            };
            self.visit(schema, place, None, context, out);
        }
    }

    fn visit(
        &mut self,
        schema: &'a Value,
        place: String,
        field: Option<Vec<String>>,
        context: Context,
        out: &mut Vec<Node<'a>>,
    ) {
        let Some(object) = schema.as_object() else {
            return;
        };
        if place.matches('/').count() > MAX_DEPTH {
            return;
        }
        out.push(Node {
            schema: object,
            place: place.clone(),
            field: field.clone(),
            is_property: context.is_property,
            in_condition: context.in_condition,
            in_branch: context.in_branch,
        });
        let child = |name: &str| pointer::join(&place, name);
        // What a child is, from what this schema is: an applicator branch
        // (same), a field declaration, a branch for some data, a condition.
        let same = context.child(false, false, false);
        let property = context.child(true, false, false);
        let branch = context.child(false, false, true);
        let condition = context.child(false, true, false);
        // The target of a `$ref` is walked as one more `allOf` branch: after
        // the object's own `allOf` branches, or after all its keywords.
        let mut reference = self.reference(object);
        for (keyword, value) in object {
            match keyword.as_str() {
                "properties" => {
                    if let Some(properties) = value.as_object() {
                        for (name, sub) in properties {
                            let mut path = field.clone();
                            if let Some(p) = path.as_mut() {
                                p.push(name.clone());
                            }
                            let at = pointer::join(&child(keyword), name);
                            self.visit(sub, at, path, property, out);
                        }
                    }
                }
                // Draft-07 tuple `items` (an array) is walked like `prefixItems`,
                // so the rules see the fields an old form declares there.
                "prefixItems" | "items" if value.is_array() => {
                    for (i, sub) in value.as_array().into_iter().flatten().enumerate() {
                        let mut path = field.clone();
                        if let Some(p) = path.as_mut() {
                            p.push(i.to_string());
                        }
                        let at = format!("{}/{i}", child(keyword));
                        self.visit(sub, at, path, property, out);
                    }
                }
                "items" | "additionalItems" | "contains" | "unevaluatedItems" => {
                    let mut path = field.clone();
                    if let Some(p) = path.as_mut() {
                        p.push("*".into());
                    }
                    self.visit(value, child(keyword), path, property, out);
                }
                "allOf" | "anyOf" | "oneOf" => {
                    let context = if keyword == "allOf" { same } else { branch };
                    for (i, sub) in value.as_array().into_iter().flatten().enumerate() {
                        let at = format!("{}/{i}", child(keyword));
                        self.visit(sub, at, field.clone(), context, out);
                    }
                    if keyword == "allOf"
                        && let Some(target) = reference.take()
                    {
                        self.follow(target, field.clone(), context, out);
                    }
                }
                "then" | "else" => self.visit(value, child(keyword), field.clone(), branch, out),
                "if" | "not" => self.visit(value, child(keyword), field.clone(), condition, out),
                // Draft-07 `dependencies` holds schemas beside property lists.
                "dependentSchemas" | "dependencies" => {
                    let context = if keyword == "dependentSchemas" {
                        branch
                    } else {
                        same
                    };
                    for (name, sub) in value.as_object().into_iter().flatten() {
                        let at = pointer::join(&child(keyword), name);
                        self.visit(sub, at, field.clone(), context, out);
                    }
                }
                "$defs" | "definitions" => {
                    for (name, sub) in value.as_object().into_iter().flatten() {
                        let at = pointer::join(&child(keyword), name);
                        self.definitions.push((sub, at, context.in_condition));
                    }
                }
                "patternProperties" => {
                    for (name, sub) in value.as_object().into_iter().flatten() {
                        let at = pointer::join(&child(keyword), name);
                        self.visit(sub, at, None, property, out);
                    }
                }
                "additionalProperties"
                | "unevaluatedProperties"
                | "propertyNames"
                | "contentSchema" => self.visit(value, child(keyword), None, same, out),
                _ => {}
            }
        }
        if let Some(target) = reference {
            self.follow(target, field, same, out);
        }
    }

    /// The target of the object's `$ref` and its place, if it resolves in
    /// the root and may be followed here.
    fn reference(&self, object: &serde_json::Map<String, Value>) -> Option<(&'a Value, String)> {
        let reference = object.get("$ref")?.as_str()?;
        let at = pointer::reference_pointer(self.root, reference)?;
        let target = self.root.pointer(&at)?;
        let open = self.open.iter().any(|o| std::ptr::eq(*o, target));
        (!open && self.open.len() < MAX_OPEN_REFS && self.budget > 0)
            .then(|| (target, format!("{}{at}", self.base)))
    }

    /// Walks a reference's target (from [`Self::reference`]) at its own
    /// place, as the schema holding the reference.
    fn follow(
        &mut self,
        (target, place): (&'a Value, String),
        field: Option<Vec<String>>,
        context: Context,
        out: &mut Vec<Node<'a>>,
    ) {
        if self.budget == 0 {
            return;
        }
        self.budget -= 1;
        self.reached.push(target);
        self.open.push(target);
        self.visit(target, place, field, context, out);
        self.open.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(form: &Value) -> Vec<(String, String)> {
        self::form(form)
            .into_iter()
            .filter(|n| n.is_property)
            .map(|n| (n.place.clone(), n.field_name()))
            .collect()
    }

    #[test]
    fn references_are_followed_once_per_use_and_never_inside_themselves() {
        let form = json!({
            "properties": {
                "applicant": {"$ref": "#/$defs/person"},
                "agent": {"$ref": "#/$defs/person"}
            },
            "$defs": {
                "person": {"properties": {
                    "name": {"type": "string"},
                    "deputy": {"$ref": "#/$defs/person"}
                }},
                "unused": {"properties": {"note": {"type": "string"}}}
            }
        });
        assert_eq!(
            fields(&form),
            [
                ("/form/properties/applicant", "/applicant"),
                ("/form/$defs/person/properties/name", "/applicant/name"),
                ("/form/$defs/person/properties/deputy", "/applicant/deputy"),
                ("/form/properties/agent", "/agent"),
                ("/form/$defs/person/properties/name", "/agent/name"),
                ("/form/$defs/person/properties/deputy", "/agent/deputy"),
                // Reached by no reference: walked, with no data path.
                (
                    "/form/$defs/unused/properties/note",
                    "/form/$defs/unused/properties/note"
                ),
            ]
            .map(|(p, f)| (p.to_owned(), f.to_owned()))
        );
    }
}
