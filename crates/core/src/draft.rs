//! Drafts (草稿): what an applicant has entered so far, saved by the widget
//! as they type and offered back after a reload. The core decides what a
//! draft is (`banli-draft/1`), whether a stored text is one, and what is
//! left of it under the item's current definition: data of fields that no
//! longer exist is pruned, material choices the definition no longer
//! allows are dropped, and when the version changed the applicant is told
//! what changed with the same classification `banli diff` uses.
//!
//! Where drafts are stored (the browser's local storage) is the shell's
//! business; the core never reads or writes them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::definition::{CompiledItem, ItemDefinition};
use crate::diff::{self, Diff};
use crate::envelope::{Envelope, MaterialChoice};
use crate::limits::{LimitViolation, Limits};
use crate::materials::allowed_dispositions;
use crate::messages::{self, Lang, Text};
use crate::report::ReportError;
use crate::validate::FormJudge;

/// The format tag of a draft.
pub const FORMAT: &str = "banli-draft/1";

/// The storage key of an item's draft. One draft per item code, whatever
/// its version, so a draft saved under an older version is found.
pub fn storage_key(code: &str) -> String {
    format!("banli-draft:{code}")
}

/// The storage key under which the definition a draft was saved against is
/// kept, so that a later version can be compared with it.
pub fn definition_key(code: &str, version: &str) -> String {
    format!("banli-draft-definition:{code}@{version}")
}

/// A saved draft. The signature is never saved: signing is done again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub format: String,
    pub code: String,
    pub version: String,
    /// When it was saved (RFC 3339, given by the shell).
    pub saved_at: String,
    pub data: Value,
    /// The material choices, as the envelope states them, by material id;
    /// one entry's copy of a per-item material by its entry key
    /// (`<id>/entries/<n>`, [`crate::envelope::entry_key`]). A stored choice
    /// that is not one (a disposition this version does not know) is left
    /// out when the draft is read, and listed in `unreadable_materials`.
    #[serde(default)]
    pub materials: BTreeMap<String, MaterialChoice>,
    /// The page the applicant was on.
    #[serde(default)]
    pub page: usize,
    /// Ids of stored material choices that could not be read (never saved).
    #[serde(skip)]
    pub unreadable_materials: Vec<String>,
}

/// Why a stored text is not a usable draft.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    #[error("the draft is not valid JSON or not a draft: {0}")]
    Malformed(String),
    #[error("the draft has format “{0}”, expected {FORMAT}")]
    WrongFormat(String),
    #[error("the draft belongs to item {found}, not {expected}")]
    OtherItem { expected: String, found: String },
    #[error("the draft's data is not an object")]
    DataNotObject,
    /// The draft's data or material choices exceed the submission limits
    /// (the first way they do, at its place under `/data` or
    /// `/materials`). The rules would see none of it (data nested too
    /// deep reads as an empty form), so it is not used; but it is the
    /// applicant's work, edited or not, so it is kept.
    #[error("the draft's data exceeds the limits: {0}")]
    OverLimit(LimitViolation),
}

impl DraftError {
    /// Whether the stored text should be kept although it cannot be used:
    /// a draft over the limits is kept (the applicant may still get it
    /// out of storage); text that is not a draft of this item is discarded.
    pub fn keeps_draft(&self) -> bool {
        matches!(self, DraftError::OverLimit(_))
    }

    /// What the applicant is told about a kept draft
    /// ([`keeps_draft`](Self::keeps_draft)), in both languages; `None` for
    /// a draft that is discarded.
    pub fn message(&self) -> Option<Text> {
        match self {
            DraftError::OverLimit(violation) => {
                Some(messages::widget::draft_over_limit(&violation.message()))
            }
            _ => None,
        }
    }
}

impl Draft {
    /// A draft of the current state of a form for `item`.
    pub fn new(
        item: &ItemDefinition,
        saved_at: impl Into<String>,
        data: Value,
        materials: BTreeMap<String, MaterialChoice>,
        page: usize,
    ) -> Self {
        Self {
            format: FORMAT.into(),
            code: item.code.clone(),
            version: item.version.clone(),
            saved_at: saved_at.into(),
            data,
            materials,
            page,
            unreadable_materials: Vec::new(),
        }
    }

    /// Reads a stored draft of the item with this `code`; anything else is
    /// an error, never a panic.
    ///
    /// # Errors
    ///
    /// [`DraftError`]: not JSON or not a draft, another format or item,
    /// data that is not an object, data or material choices over the
    /// default [`Limits`] as they would be submitted
    /// ([`Limits::check_data`], [`Limits::first_materials_violation`]).
    pub fn parse(text: &str, code: &str) -> Result<Self, DraftError> {
        let mut value: Value =
            serde_json::from_str(text).map_err(|e| DraftError::Malformed(e.to_string()))?;
        // Material choices are read one by one, as the envelope reader
        // does, so one this version cannot read drops only itself.
        let materials = value
            .as_object_mut()
            .and_then(|fields| fields.remove(crate::envelope::keys::MATERIALS));
        let mut draft: Draft =
            serde_json::from_value(value).map_err(|e| DraftError::Malformed(e.to_string()))?;
        if let Some(materials) = materials {
            let (choices, unreadable) = crate::envelope::read_materials(&materials);
            draft.materials = choices.into_iter().collect();
            draft.unreadable_materials = unreadable;
        }
        if draft.format != FORMAT {
            return Err(DraftError::WrongFormat(draft.format));
        }
        if draft.code != code {
            return Err(DraftError::OtherItem {
                expected: code.into(),
                found: draft.code,
            });
        }
        if !draft.data.is_object() {
            return Err(DraftError::DataNotObject);
        }
        if let Some(violation) = Limits::DEFAULT.first_data_violation(&draft.data) {
            return Err(DraftError::OverLimit(violation));
        }
        // The material choices are submitted with the data: a draft the
        // server would refuse for them is not used either.
        if let Some(violation) =
            Limits::DEFAULT.first_materials_violation(&draft.materials_as_submitted())
        {
            return Err(DraftError::OverLimit(violation));
        }
        Ok(draft)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The material choices as an envelope submits them (the `materials`
    /// map, a per-item material's copies in its `entries` by index), for
    /// the limits: only what was read is submitted, and an entry index no
    /// array within the limits has is never submitted.
    fn materials_as_submitted(&self) -> Value {
        let mut envelope = Envelope::new(self.code.clone(), self.version.clone(), Value::Null);
        for (key, choice) in &self.materials {
            match crate::envelope::parse_entry_key(key) {
                Some((id, index)) if index < Limits::DEFAULT.max_array_len => {
                    let entries = envelope.entries.entry(id.to_owned()).or_default();
                    if entries.len() <= index {
                        entries.resize(index + 1, None);
                    }
                    entries[index] = Some(choice.clone());
                }
                Some(_) => {}
                None => {
                    envelope.materials.insert(key.clone(), choice.clone());
                }
            }
        }
        envelope
            .to_value()
            .get_mut(crate::envelope::keys::MATERIALS)
            .map(Value::take)
            .unwrap_or_default()
    }
}

/// What is left of a draft under the item's current definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    pub data: Value,
    pub materials: BTreeMap<String, MaterialChoice>,
    pub page: usize,
    /// Whether the draft was saved under another version.
    pub version_changed: bool,
    /// The draft's version.
    pub old_version: String,
    /// What changed, when the old definition was available to compare.
    pub changes: Option<Diff>,
    /// The form's problems with the restored data under the current
    /// definition (empty when the version is the same).
    pub problems: Vec<ReportError>,
    /// Material choices dropped because the definition no longer allows them.
    pub dropped_materials: Vec<String>,
}

/// Re-validates `draft` against `item`. `old` is the definition the draft
/// was saved against, when the shell kept it; `pages` is the number of
/// pages of the form, so that a page beyond the end is not restored;
/// `judge` judges the form data when the version changed (the item itself
/// with the feature `engine`).
pub fn restore(
    draft: &Draft,
    item: &CompiledItem,
    old: Option<&ItemDefinition>,
    pages: usize,
    lang: Lang,
    judge: &dyn FormJudge,
) -> Restored {
    let definition = item.definition();
    let version_changed = draft.version != definition.version;
    let changes = old
        .filter(|_| version_changed)
        .map(|old| diff::compare(old, definition));
    let mut data = item.prune(&crate::validate::normalize(&draft.data));
    // Data of fields the new version removed is not kept: it would be
    // submitted without the applicant seeing it.
    for change in changes.iter().flat_map(|d| &d.changes) {
        if change.kind == diff::ChangeKind::FieldRemoved {
            crate::pointer::remove(&mut data, &change.path);
        }
    }
    let mut materials = BTreeMap::new();
    let mut dropped = draft.unreadable_materials.clone();
    for (id, choice) in &draft.materials {
        // One entry's copy of a per-item material is kept under its entry
        // key (`<id>/entries/<n>`), allowed as its material is.
        let material_id = match crate::envelope::parse_entry_key(id) {
            Some((material, _)) => material,
            None => id.as_str(),
        };
        let allowed = definition
            .materials
            .iter()
            .position(|m| {
                m.id == material_id && m.per_item.is_some() == (material_id != id.as_str())
            })
            .map(|index| allowed_dispositions(item, index, &data))
            .unwrap_or_default();
        if allowed.contains(&choice.disposition) {
            materials.insert(id.clone(), choice.clone());
        } else {
            dropped.push(id.clone());
        }
    }
    dropped.sort();
    let problems = if version_changed {
        // The data keeps what the applicant typed ("09:30"); the rules
        // read it normalised, as everywhere.
        item.form_errors_judged(&item.normalize(&data), None, lang, judge)
    } else {
        Vec::new()
    };
    Restored {
        data,
        materials,
        page: if version_changed {
            0
        } else {
            draft.page.min(pages.saturating_sub(1))
        },
        version_changed,
        old_version: draft.version.clone(),
        changes,
        problems,
        dropped_materials: dropped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Disposition;
    use serde_json::json;

    const FOOD: &str = include_str!("../../../schemas/items/food-business-licence.json");

    fn item() -> CompiledItem {
        CompiledItem::from_json(FOOD).unwrap()
    }

    fn draft(item: &CompiledItem) -> Draft {
        let mut materials = BTreeMap::new();
        materials.insert(
            "floor-plan".to_owned(),
            MaterialChoice {
                disposition: Disposition::Deferred,
                files: None,
                alternative: None,
            },
        );
        Draft::new(
            item.definition(),
            "2026-11-20T10:15:00+08:00",
            json!({"applicant": {"kind": "person", "name": "张三"}}),
            materials,
            1,
        )
    }

    #[test]
    fn a_draft_round_trips() {
        let item = item();
        let saved = draft(&item);
        let text = saved.to_json();
        assert_eq!(Draft::parse(&text, &item.definition().code), Ok(saved));
    }

    #[test]
    fn broken_drafts_are_errors_not_panics() {
        let code = "X";
        assert!(matches!(
            Draft::parse("{not json", code),
            Err(DraftError::Malformed(_))
        ));
        assert!(matches!(
            Draft::parse("[]", code),
            Err(DraftError::Malformed(_))
        ));
        let other = json!({"format": "banli-draft/9", "code": "X", "version": "1", "saved_at": "", "data": {}});
        assert_eq!(
            Draft::parse(&other.to_string(), code),
            Err(DraftError::WrongFormat("banli-draft/9".into()))
        );
        let wrong_item =
            json!({"format": FORMAT, "code": "Y", "version": "1", "saved_at": "", "data": {}});
        assert!(matches!(
            Draft::parse(&wrong_item.to_string(), code),
            Err(DraftError::OtherItem { .. })
        ));
        let not_object =
            json!({"format": FORMAT, "code": "X", "version": "1", "saved_at": "", "data": 3});
        assert_eq!(
            Draft::parse(&not_object.to_string(), code),
            Err(DraftError::DataNotObject)
        );
    }

    /// A stored choice this version cannot read (a disposition it does not
    /// know) drops that choice alone, not the whole draft.
    #[test]
    fn an_unreadable_material_choice_drops_only_itself() {
        let item = item();
        let mut stored: Value = serde_json::from_str(&draft(&item).to_json()).unwrap();
        stored["materials"]["sign-design"] = json!({"disposition": "posted"});
        let parsed = Draft::parse(&stored.to_string(), &item.definition().code).unwrap();
        assert_eq!(parsed.unreadable_materials, ["sign-design"]);
        let restored = restore(&parsed, &item, None, 4, Lang::ZhCn, &item);
        assert_eq!(restored.dropped_materials, ["sign-design"]);
        assert!(restored.materials.contains_key("floor-plan"));
    }

    /// Material choices over the limits (a draft edited in storage, or
    /// saved by a version that allowed more) are refused as the envelope
    /// check would refuse them once submitted, at the envelope's place,
    /// and the draft is kept. What would not be submitted (members a
    /// choice does not have, choices that cannot be read, one material's
    /// copies per entry) counts for nothing.
    #[test]
    fn a_draft_whose_materials_are_over_the_limits_is_not_used_and_kept() {
        let item = item();
        let file = |name: &str| json!({"name": name, "size": 3, "sha256": "a".repeat(64)});
        let provided = |files: Vec<Value>| json!({"disposition": "provided", "files": files});
        let shared = json!({"disposition": "shared"});
        let many = |key: &dyn Fn(usize) -> String| {
            Value::Object(
                (0..=Limits::DEFAULT.max_materials)
                    .map(|i| (key(i), shared.clone()))
                    .collect(),
            )
        };
        // (stored, what an envelope would submit, code, place)
        let refused = [
            (
                json!({"floor-plan": provided(vec![file("a.pdf"); 51])}),
                json!({"floor-plan": provided(vec![file("a.pdf"); 51])}),
                "limit.too_many_files",
                "/materials/floor-plan/files",
            ),
            (
                json!({"floor-plan": provided(vec![file(&"字".repeat(10_001))])}),
                json!({"floor-plan": provided(vec![file(&"字".repeat(10_001))])}),
                "limit.string_too_long",
                "/materials/floor-plan/files/0/name",
            ),
            (
                json!({"health/entries/1": provided(vec![file("a.pdf"); 51])}),
                json!({"health": {"entries": [null, provided(vec![file("a.pdf"); 51])]}}),
                "limit.too_many_files",
                "/materials/health/entries/1/files",
            ),
            (
                many(&|i| format!("m{i}")),
                many(&|i| format!("m{i}")),
                "limit.too_many_materials",
                "/materials",
            ),
        ];
        for (materials, submitted, code, path) in refused {
            let mut stored: Value = serde_json::from_str(&draft(&item).to_json()).unwrap();
            stored["materials"] = materials;
            let error = Draft::parse(&stored.to_string(), &item.definition().code).unwrap_err();
            let DraftError::OverLimit(violation) = &error else {
                panic!("{code}: expected a limit, got {error:?}");
            };
            assert_eq!((violation.code(), violation.path()), (code, path));
            assert!(error.keeps_draft(), "{code}");
            let envelope = json!({"data": stored["data"], "materials": submitted});
            assert_eq!(
                Limits::DEFAULT.check_submission(&envelope).first(),
                Some(violation),
                "{code}: the envelope's check"
            );
        }
        let deep = (1..40).fold(json!([]), |inner, _| json!([inner]));
        let used = [
            // 201 copies of one per-item material are one material.
            many(&|i| crate::envelope::entry_key("health", i)),
            // Read without the member it does not have.
            json!({"floor-plan": {"disposition": "deferred", "note": "字".repeat(10_001)}}),
            // Unreadable: dropped, and listed as such.
            json!({"floor-plan": deep}),
            // An entry no array within the limits has.
            json!({"health/entries/5000": provided(vec![file("a.pdf"); 51])}),
        ];
        for materials in used {
            let mut stored: Value = serde_json::from_str(&draft(&item).to_json()).unwrap();
            stored["materials"] = materials.clone();
            let parsed = Draft::parse(&stored.to_string(), &item.definition().code);
            assert!(parsed.is_ok(), "{parsed:?}");
        }
    }

    /// A draft whose data is nested too deep (edited in storage) is not
    /// used, and kept: before, `restore` read it as an empty form, so the
    /// applicant's draft came back empty and the next autosave deleted it.
    #[test]
    fn a_draft_over_the_limits_is_not_used_and_kept() {
        let item = item();
        let mut stored: Value = serde_json::from_str(&draft(&item).to_json()).unwrap();
        stored["data"]["notes"] = (1..40).fold(json!([]), |inner, _| json!([inner]));
        let error = Draft::parse(&stored.to_string(), &item.definition().code).unwrap_err();
        let DraftError::OverLimit(violation) = &error else {
            panic!("expected a limit, got {error:?}");
        };
        assert_eq!(violation.code(), "limit.too_deep");
        assert_eq!(violation.path(), format!("/data/notes{}", "/0".repeat(30)));
        assert!(error.keeps_draft());
        let message = error.message().expect("the applicant is told");
        assert!(message.zh.contains("未被使用"), "{}", message.zh);
        assert!(message.en.contains("not used"), "{}", message.en);
        stored["data"]["notes"] = json!("字".repeat(10_001));
        assert!(matches!(
            Draft::parse(&stored.to_string(), &item.definition().code),
            Err(DraftError::OverLimit(LimitViolation::StringTooLong { .. }))
        ));
        let broken = Draft::parse("{not json", "X").unwrap_err();
        assert!(!broken.keeps_draft() && broken.message().is_none());
    }

    #[test]
    fn the_same_version_restores_everything() {
        let item = item();
        let restored = restore(&draft(&item), &item, None, 4, Lang::ZhCn, &item);
        assert!(!restored.version_changed);
        assert_eq!(restored.page, 1);
        assert_eq!(restored.data["applicant"]["name"], "张三");
        assert_eq!(
            restored.materials["floor-plan"].disposition,
            Disposition::Deferred
        );
        assert!(restored.problems.is_empty());
    }

    /// One driver's copy of a per-item material is kept under its entry
    /// key and restored; the same key for a material given once is not.
    #[test]
    fn a_per_item_entry_key_is_restored_for_its_material_only() {
        let item = CompiledItem::from_json(include_str!(
            "../../../tests/fixtures/kinds/per-item/item.json"
        ))
        .unwrap();
        let provided = MaterialChoice {
            disposition: Disposition::Provided,
            files: None,
            alternative: None,
        };
        let materials = [
            "driving-licence/entries/1",
            "articles/entries/0",
            "articles",
        ]
        .into_iter()
        .map(|key| (key.to_owned(), provided.clone()))
        .collect();
        let draft = Draft::new(
            item.definition(),
            "2026-11-20T10:15:00+08:00",
            json!({"drivers": [{"name": "李四"}, {"name": "张三"}]}),
            materials,
            0,
        );
        let restored = restore(&draft, &item, None, 1, Lang::ZhCn, &item);
        assert_eq!(
            restored.materials.keys().collect::<Vec<_>>(),
            ["articles", "driving-licence/entries/1"]
        );
        assert_eq!(restored.dropped_materials, ["articles/entries/0"]);
    }

    #[test]
    fn an_older_version_is_compared_and_revalidated() {
        let new = item();
        let mut old_json: Value = serde_json::from_str(FOOD).unwrap();
        old_json["version"] = json!("2025.1");
        old_json["form"]["properties"]["fax"] = json!({"type": "string", "title": "传真"});
        let old = CompiledItem::from_json(&old_json.to_string()).unwrap();
        let mut saved = draft(&old);
        saved.data["fax"] = json!("0571-1234567");
        saved.materials.insert(
            "no-such-material".into(),
            MaterialChoice {
                disposition: Disposition::Provided,
                files: None,
                alternative: None,
            },
        );
        let restored = restore(&saved, &new, Some(old.definition()), 4, Lang::ZhCn, &new);
        assert!(restored.version_changed);
        assert_eq!(
            restored.page, 0,
            "a changed form starts again at the first page"
        );
        assert_eq!(
            restored.data.get("fax"),
            None,
            "the removed field's data is pruned"
        );
        let changes = restored.changes.expect("a diff");
        assert!(changes.is_breaking());
        assert!(
            changes
                .changes
                .iter()
                .any(|c| c.kind == diff::ChangeKind::FieldRemoved && c.path == "/fax"),
            "{changes:?}"
        );
        assert!(
            !restored.problems.is_empty(),
            "the incomplete data is re-validated"
        );
        assert_eq!(
            restored.dropped_materials,
            vec!["no-such-material".to_owned()]
        );
    }
}
