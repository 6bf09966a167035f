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
}
