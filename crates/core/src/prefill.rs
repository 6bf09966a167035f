//! Prefill with provenance (预填): data the portal already holds — from the
//! signed-in account or an e-licence (电子证照) — given to the form with
//! where it came from and whether the applicant may change it, plus the
//! materials the portal can supply itself (免提交, disposition `shared`).
//!
//! The host's JSON:
//! `{"data": {...}, "provenance": {"/pointer": {"source": "电子营业执照", "locked": true}}, "materials": ["id"]}`.
//! Materials that the item says cannot come from government data are not
//! marked shared, whatever the host says: the server would refuse them.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::definition::CompiledItem;
use crate::limits::{LimitViolation, Limits};
use crate::messages::{self, Text};

/// Where one prefilled value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// Shown to the applicant, e.g. "电子营业执照".
    pub source: String,
    /// The applicant may not change a locked value.
    pub locked: bool,
}

/// The host's prefill, checked.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Prefill {
    pub data: Value,
    pub provenance: BTreeMap<String, Provenance>,
    pub materials: Vec<String>,
}

/// Why the host's prefill cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrefillError {
    #[error("prefill must be an object")]
    NotObject,
    #[error("prefill.data must be an object")]
    DataNotObject,
    #[error(
        "prefill.provenance[{0}] must be {{\"source\": string, \"locked\": boolean}} with a JSON Pointer key"
    )]
    BadProvenance(String),
    #[error("prefill.materials must be a list of material ids")]
    BadMaterials,
    /// `data` exceeds the submission limits (the first way it does, at its
    /// place under `/data`): it could never be submitted, and the rules
    /// would see none of it (data nested too deep is read as an empty
    /// form), so it is refused rather than shown.
    #[error("prefill exceeds the limits: {0}")]
    Limit(LimitViolation),
}

impl PrefillError {
    /// The catalogue's words for a prefill over the limits (where and
    /// which limit, both languages); `None` for the other errors, which
    /// only the portal's developers see.
    pub fn message(&self) -> Option<Text> {
        match self {
            PrefillError::Limit(violation) => Some(messages::widget::prefill_over_limit(
                violation.path(),
                &violation.message(),
            )),
            _ => None,
        }
    }
}

impl Prefill {
    /// Reads the host's prefill (`null` means none). Its `data` must be
    /// within the default [`Limits`] as it would be submitted
    /// ([`Limits::check_data`]).
    ///
    /// # Errors
    ///
    /// [`PrefillError`]: a part of the wrong shape, or data over the limits.
    pub fn from_value(value: &Value) -> Result<Self, PrefillError> {
        let Some(map) = value.as_object() else {
            return if value.is_null() {
                Ok(Self::default())
            } else {
                Err(PrefillError::NotObject)
            };
        };
        let data = match map.get("data") {
            None | Some(Value::Null) => Value::Object(serde_json::Map::new()),
            Some(d @ Value::Object(_)) => {
                if let Some(violation) = Limits::DEFAULT.first_data_violation(d) {
                    return Err(PrefillError::Limit(violation));
                }
                d.clone()
            }
            Some(_) => return Err(PrefillError::DataNotObject),
        };
        let mut provenance = BTreeMap::new();
        if let Some(entries) = map.get("provenance") {
            let entries = entries
                .as_object()
                .ok_or_else(|| PrefillError::BadProvenance(String::new()))?;
            for (pointer, entry) in entries {
                let source = entry.get("source").and_then(Value::as_str);
                let locked = entry.get("locked").map(Value::as_bool);
                match (source, locked) {
                    (Some(source), None | Some(Some(_))) if pointer.starts_with('/') => {
                        provenance.insert(
                            pointer.clone(),
                            Provenance {
                                source: source.to_owned(),
                                locked: locked.flatten().unwrap_or(false),
                            },
                        );
                    }
                    _ => return Err(PrefillError::BadProvenance(pointer.clone())),
                }
            }
        }
        let materials = match map.get("materials") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(ids)) => ids
                .iter()
                .map(|id| id.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .ok_or(PrefillError::BadMaterials)?,
            Some(_) => return Err(PrefillError::BadMaterials),
        };
        Ok(Self {
            data,
            provenance,
            materials,
        })
    }

    /// `data` with the prefilled values written in (over what was there).
    pub fn apply(&self, data: &Value) -> Value {
        let mut out = data.clone();
        if self.data.is_object() {
            merge(&mut out, &self.data);
        }
        out
    }

    /// The provenance of the value at `pointer`: its own, or its nearest
    /// ancestor's (a whole group can come from one licence).
    pub fn provenance_of(&self, pointer: &str) -> Option<&Provenance> {
        let mut at = pointer;
        loop {
            if let Some(p) = self.provenance.get(at) {
                return Some(p);
            }
            at = &at[..at.rfind('/')?];
            if at.is_empty() {
                return None;
            }
        }
    }

    pub fn is_locked(&self, pointer: &str) -> bool {
        self.provenance_of(pointer).is_some_and(|p| p.locked)
    }

    /// The prefilled materials this item lets the portal supply (`shared`).
    pub fn shared_materials(&self, item: &CompiledItem) -> Vec<String> {
        item.definition()
            .materials
            .iter()
            .filter(|m| m.is_shareable() && self.materials.contains(&m.id))
            .map(|m| m.id.clone())
            .collect()
    }
}

fn merge(into: &mut Value, from: &Value) {
    match (into, from) {
        (Value::Object(into), Value::Object(from)) => {
            for (key, value) in from {
                match into.get_mut(key) {
                    Some(existing) if existing.is_object() && value.is_object() => {
                        merge(existing, value);
                    }
                    _ => {
                        into.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (into, from) => *into = from.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn prefill_is_read_applied_and_locked_by_ancestor() {
        let prefill = Prefill::from_value(&json!({
            "data": {"owner": {"name": "张三", "id_number": "11010519491231002X"}},
            "provenance": {"/owner": {"source": "居民身份证电子证照", "locked": true},
                           "/owner/name": {"source": "账户信息", "locked": false}},
            "materials": ["owner-id", "purchase-invoice"]
        }))
        .unwrap();
        let data = prefill.apply(&json!({"owner": {"mobile": "13912345678"}}));
        assert_eq!(
            data,
            json!({"owner": {"mobile": "13912345678", "name": "张三", "id_number": "11010519491231002X"}})
        );
        assert!(prefill.is_locked("/owner/id_number"));
        assert!(!prefill.is_locked("/owner/name"));
        assert_eq!(
            prefill.provenance_of("/owner/id_number").unwrap().source,
            "居民身份证电子证照"
        );
        assert_eq!(prefill.provenance_of("/other"), None);
        let item = CompiledItem::from_json(include_str!(
            "../../../schemas/items/tractor-registration.json"
        ))
        .unwrap();
        assert_eq!(
            prefill.shared_materials(&item),
            vec!["owner-id".to_owned()],
            "only materials from government sources can be shared"
        );
    }

    fn nested(levels: usize) -> Value {
        (1..levels).fold(json!([]), |inner, _| Value::Array(vec![inner]))
    }

    /// Data over the submission limits is refused, with the catalogue's
    /// words, instead of being read as an empty form by every rule.
    #[test]
    fn prefill_data_over_the_limits_is_refused() {
        let deep = json!({"data": {"owner": {"name": "张三"}, "notes": nested(40)}});
        let error = Prefill::from_value(&deep).unwrap_err();
        let PrefillError::Limit(violation) = &error else {
            panic!("expected a limit, got {error:?}");
        };
        assert_eq!(violation.code(), "limit.too_deep");
        // The envelope is level 1 and its data level 2, as the server counts.
        assert_eq!(violation.path(), format!("/data/notes{}", "/0".repeat(30)));
        let message = error
            .message()
            .expect("a message for the applicant's portal");
        assert!(message.zh.contains("上限为 32 层"), "{}", message.zh);
        assert!(message.en.contains("/data/notes/0/0"), "{}", message.en);
        let long = json!({"data": {"notes": "字".repeat(10_001)}});
        assert!(matches!(
            Prefill::from_value(&long),
            Err(PrefillError::Limit(LimitViolation::StringTooLong { .. }))
        ));
        assert!(
            Prefill::from_value(&json!({"data": {"notes": nested(30)}})).is_ok(),
            "data within the limits is taken"
        );
        assert_eq!(PrefillError::NotObject.message(), None);
    }

    #[test]
    fn bad_prefill_is_an_error() {
        assert_eq!(Prefill::from_value(&json!(null)), Ok(Prefill::default()));
        assert_eq!(
            Prefill::default().apply(&json!({"a": 1})),
            json!({"a": 1}),
            "no prefill changes nothing"
        );
        assert_eq!(Prefill::from_value(&json!(3)), Err(PrefillError::NotObject));
        assert_eq!(
            Prefill::from_value(&json!({"data": []})),
            Err(PrefillError::DataNotObject)
        );
        assert_eq!(
            Prefill::from_value(&json!({"provenance": {"name": {"source": "x"}}})),
            Err(PrefillError::BadProvenance("name".into()))
        );
        assert_eq!(
            Prefill::from_value(&json!({"materials": [1]})),
            Err(PrefillError::BadMaterials)
        );
    }
}
