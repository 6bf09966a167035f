//! Bundles (一件事一次办): several items applied for together. One form (the
//! union of the members' forms, shared fields filled once), one set of
//! materials (a material several members need is given once: materials with
//! the same `id` are one), one window; each member keeps its own code, time
//! limits and result.
//!
//! [`Bundle::new`] takes the bundle file and the members' compiled items (the
//! caller resolves files and codes) and merges them into one `banli-item/1`
//! definition with a `members` list ([`merge`]), which any shell renders
//! like an item. [`Bundle::validate`] checks a bundle submission per member
//! ([`validate`]), so each office gets the verdict on its own item.

mod file;
pub(crate) mod merge;
#[cfg(feature = "engine")]
mod validate;

pub use file::{BundleFile, MemberRef, MemberSource, SharedField};
#[cfg(feature = "engine")]
pub use validate::{BundleReport, MemberReport};

use crate::definition::{CompiledItem, DefinitionErrors};
use crate::messages::{Text, bundle as text};

/// Why a bundle cannot be used.
#[derive(Debug, Clone, thiserror::Error)]
pub enum BundleError {
    #[error("the bundle is {0}")]
    Syntax(crate::json_text::SyntaxError),
    /// JSON of another shape than `banli-bundle/1` (a member list that is
    /// not a list, a key that is not a string).
    #[error("the bundle cannot be read: {0}")]
    Shape(crate::json_text::ShapeError),
    /// The bundle or a member cannot be used, for a reason a caller words
    /// (the command line's lint: a member file that does not load).
    #[error("the bundle cannot be read: {0}")]
    Unreadable(String),
    /// The bundle's own descriptive keys (offices, contacts, process, ...)
    /// do not have the shapes an item's have: every problem, each with its
    /// JSON Pointer in the bundle file.
    #[error("the bundle's descriptive keys are invalid: {}", crate::definition::Problems(.0.clone()))]
    Described(Vec<crate::diagnostic::Diagnostic>),
    #[error("format must be \"banli-bundle/1\", not {0:?}")]
    WrongFormat(String),
    #[error("a bundle needs at least two member items")]
    TooFewMembers,
    #[error("the member key {0:?} is used twice")]
    DuplicateMember(String),
    #[error("the member {0:?} needs exactly one of item or code")]
    MemberReference(String),
    #[error("the bundle has {expected} members but {given} definitions were given")]
    MemberCount { expected: usize, given: usize },
    /// A caller that resolves members by key found no definition for one.
    #[error("no item definition was given for the member {0:?}")]
    MemberMissing(String),
    /// A member's definition, given as text, does not load.
    #[error("the definition of the member {key:?} is invalid: {errors}")]
    MemberInvalid {
        key: String,
        errors: DefinitionErrors,
    },
    /// A question named like a shared field or a member key: both would
    /// stand at the same place of the merged data.
    #[error("the question {0:?} has the name of a shared field or a member")]
    QuestionNameTaken(String),
    #[error("the shared field {field:?} names the unknown member {key:?}")]
    UnknownMember { field: String, key: String },
    #[error(
        "the shared field {field:?}: {key:?} has no field {pointer} reachable through properties"
    )]
    SharedFieldNotFound {
        field: String,
        key: String,
        pointer: String,
    },
    #[error(
        "the shared field {field:?} is tested by the condition of {key:?}'s material {material:?}"
    )]
    SharedFieldInCondition {
        field: String,
        key: String,
        material: String,
    },
    #[error("the merged definition is invalid: {0}")]
    Merged(DefinitionErrors),
}

/// A definition's problems on one line, for a message about the bundle.
fn one_line(errors: &DefinitionErrors) -> String {
    let problems: Vec<String> = errors
        .diagnostics()
        .iter()
        .map(ToString::to_string)
        .collect();
    problems.join("; ")
}

impl BundleError {
    /// The problem in both languages, for maintainers.
    pub fn message(&self) -> Text {
        match self {
            BundleError::Syntax(syntax) => text::syntax(syntax),
            BundleError::Shape(shape) => text::unreadable_shape(&shape.message()),
            BundleError::Unreadable(problem) => text::unreadable(problem),
            BundleError::Described(problems) => text::described_invalid(problems),
            BundleError::WrongFormat(found) => text::wrong_format(found),
            BundleError::TooFewMembers => text::too_few_members(),
            BundleError::DuplicateMember(key) => text::duplicate_member(key),
            BundleError::MemberReference(key) => text::member_reference(key),
            BundleError::MemberCount { expected, given } => text::member_count(*expected, *given),
            BundleError::MemberMissing(key) => text::member_definition_missing(key),
            BundleError::QuestionNameTaken(name) => text::question_name_taken(name),
            BundleError::UnknownMember { field, key } => text::unknown_member(field, key),
            BundleError::SharedFieldNotFound {
                field,
                key,
                pointer,
            } => text::shared_field_not_found(field, key, pointer),
            BundleError::SharedFieldInCondition {
                field,
                key,
                material,
            } => text::shared_field_in_condition(field, key, material),
            BundleError::MemberInvalid { key, errors } => {
                text::member_invalid(key, &one_line(errors))
            }
            BundleError::Merged(errors) => text::merged_invalid(&one_line(errors)),
        }
    }
}

/// Whether a member with the condition `when` (none: always) applies to
/// `submitted`, the merged form's data as submitted: unless `when` is known
/// not to hold. A `when` the evaluator cannot decide (a keyword it does not
/// judge) counts as applying, so that nothing a member may need is left
/// unasked and its office still receives the application. The one rule for
/// the per-member verdict ([`Bundle::validate`]) and for the widget.
pub fn member_applies(when: Option<&serde_json::Value>, submitted: &serde_json::Value) -> bool {
    when.is_none_or(|when| {
        crate::schema::Condition::parse(when).holds(Some(submitted)) != Some(false)
    })
}

/// A merged bundle: the one definition, and each member for its own verdict.
#[derive(Debug, Clone)]
pub struct Bundle {
    merged: CompiledItem,
    members: Vec<Member>,
    /// The questions' names, in the file's order.
    #[cfg_attr(
        not(feature = "engine"),
        expect(dead_code, reason = "read by the validation pipeline")
    )]
    questions: Vec<String>,
}

#[derive(Debug, Clone)]
struct Member {
    key: String,
    item: CompiledItem,
    /// `(shared field name, pointer in the member's data)`.
    shared: Vec<(String, String)>,
    /// When the member applies (a condition on the merged data); `None`:
    /// always.
    #[cfg_attr(
        not(feature = "engine"),
        expect(dead_code, reason = "read by the validation pipeline")
    )]
    when: Option<serde_json::Value>,
}

impl Bundle {
    /// Merges `members` (compiled, in the order of `file.members`).
    pub fn new(file: &BundleFile, members: Vec<CompiledItem>) -> Result<Self, BundleError> {
        if members.len() != file.members.len() {
            return Err(BundleError::MemberCount {
                expected: file.members.len(),
                given: members.len(),
            });
        }
        let merged = merge::merge(file, &members)?;
        let value = serde_json::to_value(&merged).expect("a definition serialises");
        let merged = CompiledItem::from_value(&value).map_err(BundleError::Merged)?;
        let members = file
            .members
            .iter()
            .zip(members)
            .map(|(r, item)| Member {
                key: r.key.clone(),
                item,
                when: r.when.clone(),
                shared: file
                    .shared
                    .iter()
                    .flat_map(|s| {
                        s.targets()
                            .filter(|(k, _)| *k == r.key)
                            .map(|(_, p)| (s.name.clone(), p.to_owned()))
                    })
                    .collect(),
            })
            .collect();
        Ok(Self {
            merged,
            members,
            questions: file.questions.keys().cloned().collect(),
        })
    }

    /// The merged definition, an ordinary item with a `members` list.
    pub fn merged(&self) -> &CompiledItem {
        &self.merged
    }

    /// The member items' keys and compiled definitions, in order.
    pub fn members(&self) -> impl Iterator<Item = (&str, &CompiledItem)> {
        self.members.iter().map(|m| (m.key.as_str(), &m.item))
    }

    /// Where a place in member `key`'s own envelope (an error's JSON
    /// Pointer in its report) stands in the bundle envelope: a form field
    /// under `/data`-relative `/<key>/...`, or at its shared field's name
    /// (`/premises/address` of the food licence is `/premises_address`);
    /// a condition as `/conditions/<key>-<id>`; materials, the commitment
    /// and the envelope's head where they are. An unknown key leaves the
    /// pointer as it is.
    pub fn merged_path(&self, key: &str, path: &str) -> String {
        let Some(member) = self.members.iter().find(|m| m.key == key) else {
            return path.to_owned();
        };
        let place = crate::report::Place::of(path);
        if let Some(rest) = path.strip_prefix("/conditions/") {
            return format!("/conditions/{key}-{rest}");
        }
        if !matches!(place, crate::report::Place::Form) {
            return path.to_owned();
        }
        for (name, at) in &member.shared {
            if crate::pointer::is_within(path, at) {
                return format!("{}{}", crate::pointer::join("", name), &path[at.len()..]);
            }
        }
        format!("{}{path}", crate::pointer::join("", key))
    }
}

#[cfg(test)]
mod tests;
