//! What changed between two versions of an item, and whether it breaks
//! saved drafts and integrations. `banli diff` prints it; the widget's draft
//! restore will call [`compare`] to tell an applicant what changed.
//!
//! Breaking: a field removed or renamed (same title and type under another
//! name at the same level), a type narrowed, a field newly required, an enum
//! value removed, a material newly required or no longer deferrable.
//! Everything else that changed is compatible. The descriptive keys
//! (results, process, offices, …) are compared in [`described`]: compatible,
//! except a material no longer generated from the form, or a channel
//! withdrawn.

mod described;

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::definition::{ItemDefinition, Requirement};
use crate::messages::{Lang, Text, diff as text};
use crate::schema::visit;

/// How a change affects drafts and integrations built on the old version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    Breaking,
    Compatible,
}

/// The kind of a change; a stable code in JSON (`field_removed`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    FieldRemoved,
    FieldRenamed,
    FieldAdded,
    TypeNarrowed,
    TypeWidened,
    NewlyRequired,
    NoLongerRequired,
    EnumValueRemoved,
    EnumValueAdded,
    MaterialAdded,
    MaterialRemoved,
    MaterialNewlyRequired,
    MaterialNoLongerRequired,
    MaterialNoLongerDeferrable,
    MaterialNowDeferrable,
    MaterialNowGenerated,
    MaterialNoLongerGenerated,
    /// An alternative added to a material ("A 或 B" becomes "A 或 B 或 C").
    AlternativeAdded,
    /// An alternative withdrawn: a draft that chose it must choose again.
    AlternativeRemoved,
    /// A material given once becomes one per entry of an array
    /// (`per_item`): a draft's single choice no longer fits.
    MaterialNowPerItem,
    /// A per-item material becomes one given once: a draft's entries no
    /// longer fit.
    MaterialNoLongerPerItem,
    /// A per-item material follows another array: its entries no longer
    /// match the entries they were given for.
    PerItemArrayChanged,
    MaterialDetailsChanged,
    TimeLimitChanged,
    ChannelAdded,
    ChannelRemoved,
    GuideChanged,
    VersionChanged,
}

impl ChangeKind {
    /// The stable code (`field_removed`, …), as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::FieldRemoved => "field_removed",
            ChangeKind::FieldRenamed => "field_renamed",
            ChangeKind::FieldAdded => "field_added",
            ChangeKind::TypeNarrowed => "type_narrowed",
            ChangeKind::TypeWidened => "type_widened",
            ChangeKind::NewlyRequired => "newly_required",
            ChangeKind::NoLongerRequired => "no_longer_required",
            ChangeKind::EnumValueRemoved => "enum_value_removed",
            ChangeKind::EnumValueAdded => "enum_value_added",
            ChangeKind::MaterialAdded => "material_added",
            ChangeKind::MaterialRemoved => "material_removed",
            ChangeKind::MaterialNewlyRequired => "material_newly_required",
            ChangeKind::MaterialNoLongerRequired => "material_no_longer_required",
            ChangeKind::MaterialNoLongerDeferrable => "material_no_longer_deferrable",
            ChangeKind::MaterialNowDeferrable => "material_now_deferrable",
            ChangeKind::MaterialNowGenerated => "material_now_generated",
            ChangeKind::MaterialNoLongerGenerated => "material_no_longer_generated",
            ChangeKind::AlternativeAdded => "alternative_added",
            ChangeKind::AlternativeRemoved => "alternative_removed",
            ChangeKind::MaterialNowPerItem => "material_now_per_item",
            ChangeKind::MaterialNoLongerPerItem => "material_no_longer_per_item",
            ChangeKind::PerItemArrayChanged => "per_item_array_changed",
            ChangeKind::MaterialDetailsChanged => "material_details_changed",
            ChangeKind::TimeLimitChanged => "time_limit_changed",
            ChangeKind::ChannelAdded => "channel_added",
            ChangeKind::ChannelRemoved => "channel_removed",
            ChangeKind::GuideChanged => "guide_changed",
            ChangeKind::VersionChanged => "version_changed",
        }
    }

    pub fn impact(self) -> Impact {
        match self {
            ChangeKind::FieldRemoved
            | ChangeKind::FieldRenamed
            | ChangeKind::TypeNarrowed
            | ChangeKind::NewlyRequired
            | ChangeKind::EnumValueRemoved
            | ChangeKind::MaterialNewlyRequired
            | ChangeKind::MaterialNoLongerDeferrable
            | ChangeKind::MaterialNoLongerGenerated
            | ChangeKind::AlternativeRemoved
            | ChangeKind::MaterialNowPerItem
            | ChangeKind::MaterialNoLongerPerItem
            | ChangeKind::PerItemArrayChanged
            | ChangeKind::ChannelRemoved => Impact::Breaking,
            _ => Impact::Compatible,
        }
    }
}

/// One change: where (a data path for fields, `/materials/<id>` for
/// materials), what kind, and a sentence in both languages.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub kind: ChangeKind,
    pub path: String,
    pub message: Text,
}

impl Change {
    pub fn impact(&self) -> Impact {
        self.kind.impact()
    }
}

/// Every change from `old` to `new`, breaking ones first, then by path.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    pub changes: Vec<Change>,
}

impl Diff {
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.impact() == Impact::Breaking)
    }

    pub fn localized(&self, lang: Lang) -> LocalizedDiff {
        LocalizedDiff {
            breaking: self.is_breaking(),
            changes: self
                .changes
                .iter()
                .map(|c| LocalizedChange {
                    impact: c.impact(),
                    kind: c.kind,
                    path: c.path.clone(),
                    message: c.message.get(lang).to_owned(),
                })
                .collect(),
        }
    }
}

/// The diff in one language, as `banli diff --format json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct LocalizedDiff {
    pub breaking: bool,
    pub changes: Vec<LocalizedChange>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LocalizedChange {
    pub impact: Impact,
    pub kind: ChangeKind,
    pub path: String,
    pub message: String,
}

/// What the form says about one data path, merged over its declarations.
#[derive(Debug, Clone, Default, PartialEq)]
struct Field {
    title: Option<String>,
    /// `None` when no declaration restricts the type.
    types: Option<Vec<String>>,
    enum_values: Option<Vec<Value>>,
    required: bool,
}

fn fields(form: &Value) -> BTreeMap<Vec<String>, Field> {
    // The walk follows `$ref`s, so fields declared through a root `$ref`, a
    // `$defs` entry or a bundled `$id` have their data paths.
    let nodes = visit::form(form);
    let mut out: BTreeMap<Vec<String>, Field> = BTreeMap::new();
    for node in nodes.iter().filter(|n| !n.in_condition) {
        let Some(path) = node.field.clone() else {
            continue;
        };
        if node.is_property {
            let field = out.entry(path.clone()).or_default();
            if field.title.is_none() {
                field.title = node
                    .schema
                    .get("title")
                    .and_then(Value::as_str)
                    .map(str::to_owned);
            }
            if let Some(types) = types_of(node.schema) {
                let known = field.types.get_or_insert_with(Vec::new);
                for t in types {
                    if !known.contains(&t) {
                        known.push(t);
                    }
                }
            }
            let values = node
                .schema
                .get("enum")
                .and_then(Value::as_array)
                .cloned()
                .or_else(|| node.schema.get("const").map(|c| vec![c.clone()]));
            if let Some(values) = values {
                let known = field.enum_values.get_or_insert_with(Vec::new);
                for v in values {
                    if !known.contains(&v) {
                        known.push(v);
                    }
                }
            }
        }
        for name in node
            .schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            let mut child = path.clone();
            child.push(name.to_owned());
            out.entry(child).or_default().required = true;
        }
    }
    out
}

fn types_of(schema: &serde_json::Map<String, Value>) -> Option<Vec<String>> {
    let mut types: Vec<String> = match schema.get("type")? {
        Value::String(t) => vec![t.clone()],
        Value::Array(ts) => ts
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => return None,
    };
    if types.iter().any(|t| t == "number") && !types.iter().any(|t| t == "integer") {
        types.push("integer".into());
    }
    Some(types)
}

fn render(path: &[String]) -> String {
    path.iter()
        .map(|s| format!("/{}", crate::pointer::escape(s)))
        .collect()
}

fn show(values: &[Value]) -> String {
    values
        .iter()
        .map(|v| {
            v.as_str()
                .map_or_else(|| v.to_string(), |s| format!("“{s}”"))
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// Compares two versions of one item.
pub fn compare(old: &ItemDefinition, new: &ItemDefinition) -> Diff {
    let mut changes = Vec::new();
    if old.version != new.version {
        changes.push(Change {
            kind: ChangeKind::VersionChanged,
            path: "/version".into(),
            message: text::version_changed(&old.version, &new.version),
        });
    }
    let before = fields(&old.form);
    let after = fields(&new.form);
    let declared = |f: &Field| f.title.is_some() || f.types.is_some() || f.enum_values.is_some();

    let removed: Vec<&Vec<String>> = before
        .iter()
        .filter(|(p, f)| declared(f) && !after.get(*p).is_some_and(declared))
        .map(|(p, _)| p)
        .collect();
    let mut added: Vec<&Vec<String>> = after
        .iter()
        .filter(|(p, f)| declared(f) && !before.get(*p).is_some_and(declared))
        .map(|(p, _)| p)
        .collect();
    for path in removed {
        let old_field = &before[path];
        let renamed = added.iter().position(|candidate| {
            let new_field = &after[*candidate];
            candidate.len() == path.len()
                && candidate[..path.len() - 1] == path[..path.len() - 1]
                && old_field.title.is_some()
                && new_field.title == old_field.title
                && new_field.types == old_field.types
        });
        match renamed {
            Some(i) => {
                let to = added.remove(i);
                changes.push(Change {
                    kind: ChangeKind::FieldRenamed,
                    path: render(path),
                    message: text::field_renamed(&render(path), &render(to)),
                });
            }
            None => changes.push(Change {
                kind: ChangeKind::FieldRemoved,
                path: render(path),
                message: text::field_removed(&render(path)),
            }),
        }
    }
    for path in added {
        let field = &after[path];
        let kind = if field.required {
            ChangeKind::NewlyRequired
        } else {
            ChangeKind::FieldAdded
        };
        let message = if field.required {
            text::required_field_added(&render(path))
        } else {
            text::field_added(&render(path))
        };
        changes.push(Change {
            kind,
            path: render(path),
            message,
        });
    }
    for (path, old_field) in &before {
        let Some(new_field) = after.get(path) else {
            continue;
        };
        if !declared(old_field) || !declared(new_field) {
            continue;
        }
        let at = render(path);
        match (&old_field.types, &new_field.types) {
            (old_types, Some(new_types)) => {
                let old_types = old_types.clone().unwrap_or_default();
                let lost =
                    old_field.types.is_none() || old_types.iter().any(|t| !new_types.contains(t));
                let gained = new_types.iter().any(|t| !old_types.contains(t));
                if lost {
                    changes.push(Change {
                        kind: ChangeKind::TypeNarrowed,
                        path: at.clone(),
                        message: text::type_narrowed(&at, &new_types.join("/")),
                    });
                } else if gained {
                    changes.push(Change {
                        kind: ChangeKind::TypeWidened,
                        path: at.clone(),
                        message: text::type_widened(&at, &new_types.join("/")),
                    });
                }
            }
            (Some(_), None) => changes.push(Change {
                kind: ChangeKind::TypeWidened,
                path: at.clone(),
                message: text::type_widened(&at, "*"),
            }),
            (None, None) => {}
        }
        if new_field.required && !old_field.required {
            changes.push(Change {
                kind: ChangeKind::NewlyRequired,
                path: at.clone(),
                message: text::newly_required(&at),
            });
        } else if old_field.required && !new_field.required {
            changes.push(Change {
                kind: ChangeKind::NoLongerRequired,
                path: at.clone(),
                message: text::no_longer_required(&at),
            });
        }
        if let Some(old_values) = &old_field.enum_values {
            let new_values = new_field.enum_values.clone().unwrap_or_default();
            let gone: Vec<Value> = old_values
                .iter()
                .filter(|v| new_field.enum_values.is_some() && !new_values.contains(v))
                .cloned()
                .collect();
            if !gone.is_empty() {
                changes.push(Change {
                    kind: ChangeKind::EnumValueRemoved,
                    path: at.clone(),
                    message: text::enum_value_removed(&at, &show(&gone)),
                });
            }
            let new: Vec<Value> = new_values
                .iter()
                .filter(|v| !old_values.contains(v))
                .cloned()
                .collect();
            if !new.is_empty() {
                changes.push(Change {
                    kind: ChangeKind::EnumValueAdded,
                    path: at.clone(),
                    message: text::enum_value_added(&at, &show(&new)),
                });
            }
        }
    }
    materials(old, new, &mut changes);
    described::compare(old, new, &mut changes);
    changes.sort_by(|a, b| {
        a.impact()
            .cmp(&b.impact())
            .then_with(|| a.path.cmp(&b.path))
    });
    Diff { changes }
}

fn materials(old: &ItemDefinition, new: &ItemDefinition, changes: &mut Vec<Change>) {
    // Compared as conditions on the data, so moving a material from a
    // `when` to a situation that means the same is no change.
    let requirement = |r: &Requirement| match r {
        Requirement::Always(true) => 2,
        Requirement::When { .. } | Requirement::BySituation(_) => 1,
        Requirement::Always(false) => 0,
    };
    let effective = |item: &ItemDefinition, id: &str| {
        item.materials
            .iter()
            .position(|m| m.id == id)
            .map(|i| item.requirement(i))
    };
    let deferrable = |item: &ItemDefinition, id: &str| {
        item.allowed_deferral().is_some()
            && item
                .material(id)
                .is_some_and(|m| m.deferrable.is_some() && !m.core)
    };
    for material in &new.materials {
        let path = format!("/materials/{}", material.id);
        let name = &material.name;
        match old.material(&material.id) {
            None => {
                let required = effective(new, &material.id).expect("listed in new");
                let (kind, message) = if requirement(&required) > 0 {
                    (
                        ChangeKind::MaterialNewlyRequired,
                        text::material_added_required(name),
                    )
                } else {
                    (ChangeKind::MaterialAdded, text::material_added(name))
                };
                changes.push(Change {
                    kind,
                    path,
                    message,
                });
            }
            Some(_) => {
                let before_required = effective(old, &material.id).expect("listed in old");
                let now_required = effective(new, &material.id).expect("listed in new");
                let (was, now) = (requirement(&before_required), requirement(&now_required));
                let when_changed = matches!(
                    (&before_required, &now_required),
                    (Requirement::When { when: a }, Requirement::When { when: b }) if a != b
                );
                if now > was || when_changed {
                    changes.push(Change {
                        kind: ChangeKind::MaterialNewlyRequired,
                        path: path.clone(),
                        message: text::material_newly_required(name),
                    });
                } else if now < was {
                    changes.push(Change {
                        kind: ChangeKind::MaterialNoLongerRequired,
                        path: path.clone(),
                        message: text::material_no_longer_required(name),
                    });
                }
                match (deferrable(old, &material.id), deferrable(new, &material.id)) {
                    (true, false) => changes.push(Change {
                        kind: ChangeKind::MaterialNoLongerDeferrable,
                        path,
                        message: text::material_no_longer_deferrable(name),
                    }),
                    (false, true) => changes.push(Change {
                        kind: ChangeKind::MaterialNowDeferrable,
                        path,
                        message: text::material_now_deferrable(name),
                    }),
                    _ => {}
                }
            }
        }
    }
    for material in &old.materials {
        if new.material(&material.id).is_none() {
            changes.push(Change {
                kind: ChangeKind::MaterialRemoved,
                path: format!("/materials/{}", material.id),
                message: text::material_removed(&material.name),
            });
        }
    }
}

#[cfg(test)]
mod tests;
