//! Visits every subschema of an item's form and of its materials' `when`
//! conditions, with its place in the file and, for fields, its path in the
//! data. The lint rules that look at schemas share this one walk, so they
//! agree on what a "field" and a "condition" are.

use serde_json::Value;

use crate::pointer;

/// One schema object met on the walk.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    pub schema: &'a serde_json::Map<String, Value>,
    /// JSON Pointer into the item definition file.
    pub place: String,
    /// The data path this schema describes (`*` for array items); `None`
    /// inside `$defs` and `patternProperties`, where it is not known.
    pub field: Option<Vec<String>>,
    /// True when the schema is directly a member of `properties` (a field
    /// declaration rather than an applicator branch).
    pub is_property: bool,
    /// True inside an `if`, a `not`, a `dependentSchemas` trigger or a
    /// material's `when`: the schema tests data, it declares no field.
    pub in_condition: bool,
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

/// Every schema object of the form and of each material's `when`.
pub fn schemas(definition: &Value) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    if let Some(form) = definition.get("form") {
        visit(
            form,
            "/form".into(),
            Some(Vec::new()),
            false,
            false,
            &mut out,
        );
    }
    if let Some(materials) = definition.get("materials").and_then(Value::as_array) {
        for (i, material) in materials.iter().enumerate() {
            if let Some(when) = material.get("required").and_then(|r| r.get("when")) {
                visit(
                    when,
                    format!("/materials/{i}/required/when"),
                    Some(Vec::new()),
                    false,
                    true,
                    &mut out,
                );
            }
        }
    }
    out
}

const MAX_DEPTH: usize = 64;

fn visit<'a>(
    schema: &'a Value,
    place: String,
    field: Option<Vec<String>>,
    is_property: bool,
    in_condition: bool,
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
        is_property,
        in_condition,
    });
    let child = |name: &str| pointer::join(&place, name);
    for (keyword, value) in object {
        match keyword.as_str() {
            "properties" => {
                if let Some(properties) = value.as_object() {
                    for (name, sub) in properties {
                        let mut path = field.clone();
                        if let Some(p) = path.as_mut() {
                            p.push(name.clone());
                        }
                        visit(
                            sub,
                            pointer::join(&child(keyword), name),
                            path,
                            true,
                            in_condition,
                            out,
                        );
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
                    visit(
                        sub,
                        format!("{}/{i}", child(keyword)),
                        path,
                        true,
                        in_condition,
                        out,
                    );
                }
            }
            "items" | "additionalItems" | "contains" | "unevaluatedItems" => {
                let mut path = field.clone();
                if let Some(p) = path.as_mut() {
                    p.push("*".into());
                }
                visit(value, child(keyword), path, true, in_condition, out);
            }
            "allOf" | "anyOf" | "oneOf" => {
                for (i, sub) in value.as_array().into_iter().flatten().enumerate() {
                    visit(
                        sub,
                        format!("{}/{i}", child(keyword)),
                        field.clone(),
                        false,
                        in_condition,
                        out,
                    );
                }
            }
            "then" | "else" => visit(
                value,
                child(keyword),
                field.clone(),
                false,
                in_condition,
                out,
            ),
            "if" | "not" => visit(value, child(keyword), field.clone(), false, true, out),
            // Draft-07 `dependencies` holds schemas beside property lists.
            "dependentSchemas" | "dependencies" => {
                for (name, sub) in value.as_object().into_iter().flatten() {
                    visit(
                        sub,
                        pointer::join(&child(keyword), name),
                        field.clone(),
                        false,
                        in_condition,
                        out,
                    );
                }
            }
            "$defs" | "definitions" | "patternProperties" => {
                for (name, sub) in value.as_object().into_iter().flatten() {
                    visit(
                        sub,
                        pointer::join(&child(keyword), name),
                        None,
                        keyword == "patternProperties",
                        in_condition,
                        out,
                    );
                }
            }
            "additionalProperties"
            | "unevaluatedProperties"
            | "propertyNames"
            | "contentSchema" => visit(value, child(keyword), None, false, in_condition, out),
            _ => {}
        }
    }
}
