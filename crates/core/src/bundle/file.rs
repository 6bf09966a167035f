//! The bundle file, format `banli-bundle/1` (`schemas/bundles/*.json`): the
//! bundle's own identity, its member items (by file or by implementation
//! code; the caller resolves them, the core reads no files), the shared
//! fields, each mapped to a field of several members, and the optional
//! questions asked once at the top of the merged form, which members'
//! `when` conditions read to decide whether they apply.

use serde::Deserialize;
use serde_json::Value;

use crate::definition::{Authority, I18n, ItemType};

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

impl SharedField {
    /// `(member key, pointer)` pairs, in the file's order.
    pub fn targets(&self) -> impl Iterator<Item = (&str, &str)> {
        self.members
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str().unwrap_or("")))
    }
}

impl BundleFile {
    pub fn from_json(text: &str) -> Result<Self, BundleError> {
        let value: Value = crate::json_text::parse(text).map_err(BundleError::Syntax)?;
        Self::from_value(value)
    }

    pub fn from_value(value: Value) -> Result<Self, BundleError> {
        let file: BundleFile = serde_json::from_value(value)
            .map_err(|e| BundleError::Shape(crate::json_text::ShapeError::of(&e)))?;
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
