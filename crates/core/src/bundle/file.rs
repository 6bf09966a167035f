//! The bundle file, format `banli-bundle/1` (`schemas/bundles/*.json`): the
//! bundle's own identity, its member items (by file or by implementation
//! code; the caller resolves them, the core reads no files), the shared
//! fields, each mapped to a field of several members, and the optional
//! questions asked once at the top of the merged form, which members'
//! `when` conditions read to decide whether they apply.

use serde::Deserialize;
use serde_json::Value;

use crate::definition::{Authority, Described, I18n, ItemType};

use super::BundleError;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleFile {
    #[serde(rename = "$schema", default)]
    pub schema: Option<String>,
    pub format: String,
    pub code: String,
    pub basic_code: String,
    pub version: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub i18n: I18n,
    #[serde(default)]
    pub item_type: Option<ItemType>,
    /// The one window (一窗受理) that accepts the bundle.
    pub authority: Authority,
    pub members: Vec<MemberRef>,
    #[serde(default)]
    pub shared: Vec<SharedField>,
    /// Form properties asked once at the top of the merged form, by name
    /// (each a field schema with `title` and `x-i18n` like any other, all
    /// required): what members' `when` conditions read, e.g.
    /// `has_signage: {"type": "boolean", "title": "是否设置户外招牌"}`.
    #[serde(default)]
    pub questions: serde_json::Map<String, Value>,
    /// The 一件事's own descriptive facts (its 综合窗口 office, 咨询/投诉
    /// lines, 办理流程 of 一表申请→并联审批→统一出件, channels, FAQ, ...),
    /// written in the file under the item's key names and shapes
    /// ([`Described::KEYS`]), checked by the item meta-schema's definitions
    /// of those keys; the merged definition carries them as its item-level
    /// keys. Absent keys are empty.
    #[serde(skip)]
    pub described: Described,
}

/// A member item: `item` is a path relative to the bundle file, `code` an
/// implementation code looked up among the items; exactly one is given.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberRef {
    pub key: String,
    #[serde(default)]
    pub item: Option<String>,
    #[serde(default)]
    pub code: Option<String>,
    /// When the member applies: a condition on the merged form's data (the
    /// dialect of a material's `required.when`, JSON Pointers from the
    /// merged data's root). Absent: the member always applies.
    #[serde(default)]
    pub when: Option<Value>,
}

/// A field filled once for several members: `name` is its place at the top
/// of the merged form, `members` maps member keys to the field's JSON
/// Pointer in that member's form data.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedField {
    pub name: String,
    pub members: serde_json::Map<String, Value>,
}

/// Where a member's definition comes from, by the bundle format's rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberSource<'a> {
    /// A path relative to the folder holding the bundle file
    /// (`../items/business-registration.json`).
    File(&'a str),
    /// An implementation code (实施编码), looked up among the caller's items.
    Code(&'a str),
}

impl MemberRef {
    /// Where this member's definition comes from. [`BundleFile::from_value`]
    /// guarantees exactly one of `item` and `code`; `item` wins otherwise.
    pub fn source(&self) -> MemberSource<'_> {
        match &self.item {
            Some(file) => MemberSource::File(file),
            None => MemberSource::Code(self.code.as_deref().unwrap_or_default()),
        }
    }
}

impl SharedField {
    /// `(member key, pointer)` pairs, in the file's order.
    pub fn targets(&self) -> impl Iterator<Item = (&str, &str)> {
        self.members
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str().unwrap_or("")))
    }
}

impl BundleFile {
    /// The members' compiled definitions in the bundle's order, ready for
    /// [`Bundle::new`](super::Bundle::new): `find` does the caller's I/O
    /// (reading a file, looking a code up in a catalogue) for each member's
    /// [`MemberSource`], so every shell resolves members by the same rule.
    ///
    /// # Errors
    /// The first error `find` returns, for the member it was asked about.
    pub fn resolve<T, E>(
        &self,
        mut find: impl FnMut(&MemberRef, MemberSource<'_>) -> Result<T, E>,
    ) -> Result<Vec<T>, E> {
        self.members
            .iter()
            .map(|member| find(member, member.source()))
            .collect()
    }

    pub fn from_json(text: &str) -> Result<Self, BundleError> {
        let value: Value = crate::json_text::parse(text).map_err(BundleError::Syntax)?;
        Self::from_value(value)
    }

    /// Reads a bundle file from its JSON.
    ///
    /// # Errors
    ///
    /// [`BundleError::Described`] with every problem of the descriptive keys
    /// (JSON Pointers from the file's root) when they do not have an item's
    /// shapes; else the first other problem of the file.
    pub fn from_value(mut value: Value) -> Result<Self, BundleError> {
        let described = take_described(&mut value)?;
        let mut file: BundleFile = serde_json::from_value(value)
            .map_err(|e| BundleError::Shape(crate::json_text::ShapeError::of(&e)))?;
        file.described = described;
        if file.format != "banli-bundle/1" {
            return Err(BundleError::WrongFormat(file.format));
        }
        if file.members.len() < 2 {
            return Err(BundleError::TooFewMembers);
        }
        for (i, member) in file.members.iter().enumerate() {
            if file.members[..i].iter().any(|m| m.key == member.key) {
                return Err(BundleError::DuplicateMember(member.key.clone()));
            }
            if member.item.is_some() == member.code.is_some() {
                return Err(BundleError::MemberReference(member.key.clone()));
            }
        }
        for name in file.questions.keys() {
            if file.members.iter().any(|m| m.key == *name)
                || file.shared.iter().any(|s| s.name == *name)
            {
                return Err(BundleError::QuestionNameTaken(name.clone()));
            }
        }
        for shared in &file.shared {
            for (key, _) in shared.targets() {
                if !file.members.iter().any(|m| m.key == key) {
                    return Err(BundleError::UnknownMember {
                        field: shared.name.clone(),
                        key: key.to_owned(),
                    });
                }
            }
        }
        Ok(file)
    }
}

/// Moves the descriptive keys out of a bundle file's JSON (the rest is read
/// with unknown keys refused), after checking them as an item's.
fn take_described(value: &mut Value) -> Result<Described, BundleError> {
    let Some(object) = value.as_object_mut() else {
        return Ok(Described::default());
    };
    let keys: serde_json::Map<String, Value> = Described::KEYS
        .iter()
        .filter_map(|key| object.shift_remove(*key).map(|v| ((*key).to_owned(), v)))
        .collect();
    let keys = Value::Object(keys);
    let problems = crate::definition::meta::check_described(&keys);
    if !problems.is_empty() {
        return Err(BundleError::Described(problems));
    }
    serde_json::from_value(keys)
        .map_err(|e| BundleError::Shape(crate::json_text::ShapeError::of(&e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_are_resolved_by_file_or_by_code_in_order() {
        let file = BundleFile::from_value(serde_json::json!({
            "format": "banli-bundle/1", "code": "B", "basic_code": "YJS", "version": "1",
            "name": "一件事", "authority": {"name": "中心"},
            "members": [{"key": "a", "item": "../items/a.json"}, {"key": "b", "code": "X1"}],
        }))
        .unwrap();
        let asked: Result<Vec<String>, ()> = file.resolve(|member, source| {
            Ok(match source {
                MemberSource::File(path) => format!("{} file {path}", member.key),
                MemberSource::Code(code) => format!("{} code {code}", member.key),
            })
        });
        assert_eq!(asked.unwrap(), ["a file ../items/a.json", "b code X1"]);
        let failed: Result<Vec<()>, String> =
            file.resolve(|member, _| Err(format!("no {}", member.key)));
        assert_eq!(failed.unwrap_err(), "no a");
    }

    #[test]
    fn the_bundles_own_guide_keys_have_an_items_shapes() {
        let mut value = serde_json::json!({
            "format": "banli-bundle/1", "code": "B", "basic_code": "YJS", "version": "1",
            "name": "一件事", "authority": {"name": "中心"},
            "members": [{"key": "a", "code": "X1"}, {"key": "b", "code": "X2"}],
            "offices": [{"name": "综合窗口", "address": "示例路1号"}],
            "contacts": [{"purpose": "complaint", "phone": "0000-0000002"}],
        });
        let file = BundleFile::from_value(value.clone()).unwrap();
        assert_eq!(file.described.offices[0].address, "示例路1号");
        assert_eq!(file.described.contacts.len(), 1);
        value["offices"][0]
            .as_object_mut()
            .unwrap()
            .remove("address");
        value["process"] = serde_json::json!([{"step": "approve"}]);
        let Err(BundleError::Described(problems)) = BundleFile::from_value(value) else {
            panic!("refused for its descriptive keys");
        };
        let found: Vec<(&str, &str)> = problems
            .iter()
            .map(|d| (d.pointer.as_str(), d.code))
            .collect();
        assert_eq!(
            found,
            [
                ("/process/0/step", "definition.unknown_value"),
                ("/offices/0/address", "definition.missing_key"),
            ]
        );
    }
}
