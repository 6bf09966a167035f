//! The submission envelope: the system's second input (the first is the
//! item definition). One typed form of it, used by validation, the limits,
//! the widget that builds it, the server that stores it and the draft format
//! that saves its material choices; `docs/item-format.md` ("The submission
//! envelope") is its contract:
//!
//! ```json
//! {
//!   "item": {"code": "...", "version": "2026.1"},
//!   "data": {},
//!   "materials": {
//!     "<material id>": {"disposition": "provided", "files": [{"name": "a.pdf", "size": 1234, "sha256": "<64 hex>"}]},
//!     "<per-item material id>": {"entries": [{"disposition": "provided", "files": [...]}, null]}
//!   },
//!   "conditions": {"<condition id>": {"disposition": "in_lieu"}},
//!   "commitment": {"signer": "张三", "signed_at": "2026-11-20T10:15:00+08:00"}
//! }
//! ```
//!
//! Unknown keys are ignored, at every level (hosts add their own), so the
//! type does not deny them.
//!
//! [`Envelope::read`] is the tolerant reader validation uses: a submission
//! is untrusted input, and the applicant is told every problem at once, so
//! it keeps every well-formed part and lists each malformed one as a typed
//! [`EnvelopeError`] with its JSON Pointer and a zh-CN/en message, instead
//! of stopping at the first as serde would. Whether the envelope fits the
//! item (known ids, allowed dispositions) is validation's business, not the
//! reader's.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::messages::{Text, validation as text};
use crate::pointer;
use crate::report::Disposition;
use crate::small_map;

/// The wire names of the envelope's top-level keys.
pub mod keys {
    pub const ITEM: &str = "item";
    pub const DATA: &str = "data";
    pub const MATERIALS: &str = "materials";
    pub const CONDITIONS: &str = "conditions";
    pub const COMMITMENT: &str = "commitment";
    /// The key of a material choice's file list.
    pub const FILES: &str = "files";
    /// The key of the alternative a material choice names.
    pub const ALTERNATIVE: &str = "alternative";
    /// The key of a per-item material's choices, one per array entry.
    pub const ENTRIES: &str = "entries";
}

/// A submission envelope. On the wire, `entries` lives inside `materials`
/// (`"<id>": {"entries": [...]}`), after the materials given once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "wire::Envelope", into = "wire::Envelope")]
pub struct Envelope {
    /// Which item, and which version of it, the application is for.
    pub item: ItemRef,
    /// The form data: a JSON object shaped by the item's `form`.
    pub data: Value,
    /// What the applicant does with each material, by material id, in the
    /// order given. A material absent from the map is not provided.
    pub materials: IndexMap<String, MaterialChoice>,
    /// The choices for each per-item material (one per entry of its
    /// array, in the array's order; `None` where nothing is given for that
    /// entry), by material id; `materials/<id>/entries` on the wire.
    pub entries: IndexMap<String, Vec<Option<MaterialChoice>>>,
    /// Conditions met by commitment instead of proof (告知承诺), by
    /// condition id. Left out when empty.
    pub conditions: IndexMap<String, ConditionChoice>,
    /// The applicant's signature of the commitment documents; needed
    /// exactly when `CompiledItem::needs_commitment` says so.
    pub commitment: Option<Signature>,
}

/// The envelope as it is written: per-item materials' `entries` inside
/// `materials`, so the wire keeps one map of materials by id.
mod wire {
    use indexmap::IndexMap;
    use serde::{Deserialize, Serialize};
    use serde_json::Value;

    use super::{ConditionChoice, ItemRef, MaterialChoice, Signature};

    #[derive(Serialize, Deserialize)]
    pub(super) struct Envelope {
        item: ItemRef,
        data: Value,
        #[serde(default)]
        materials: IndexMap<String, Material>,
        #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
        conditions: IndexMap<String, ConditionChoice>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        commitment: Option<Signature>,
    }

    /// One entry of `materials`: a choice, or a per-item material's
    /// choices (tried first: a choice has no `entries`).
    #[derive(Serialize, Deserialize)]
    #[serde(untagged)]
    enum Material {
        Entries {
            entries: Vec<Option<MaterialChoice>>,
        },
        Once(MaterialChoice),
    }

    impl From<Envelope> for super::Envelope {
        fn from(wire: Envelope) -> Self {
            let mut materials = IndexMap::new();
            let mut entries = IndexMap::new();
            for (id, material) in wire.materials {
                match material {
                    Material::Once(choice) => {
                        materials.insert(id, choice);
                    }
                    Material::Entries { entries: list } => {
                        entries.insert(id, list);
                    }
                }
            }
            super::Envelope {
                item: wire.item,
                data: wire.data,
                materials,
                entries,
                conditions: wire.conditions,
                commitment: wire.commitment,
            }
        }
    }

    impl From<super::Envelope> for Envelope {
        fn from(envelope: super::Envelope) -> Self {
            let once = envelope
                .materials
                .into_iter()
                .map(|(id, choice)| (id, Material::Once(choice)));
            let per_item = envelope
                .entries
                .into_iter()
                .map(|(id, entries)| (id, Material::Entries { entries }));
            Envelope {
                item: envelope.item,
                data: envelope.data,
                materials: once.chain(per_item).collect(),
                conditions: envelope.conditions,
                commitment: envelope.commitment,
            }
        }
    }
}

/// The item an envelope is for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRef {
    /// The item's implementation code (实施编码).
    pub code: String,
    /// The definition's `version` the form was filled in under.
    pub version: String,
}

impl ItemRef {
    /// The `item` of a raw submission, without reading the rest (the
    /// server finds the definition with it first): a code or version that
    /// is missing or not a string reads as `""`.
    pub fn read(submission: &Value) -> Self {
        let item = small_map::get(submission, keys::ITEM);
        let string = |key: &str| {
            item.and_then(|i| small_map::get(i, key))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        ItemRef {
            code: string("code"),
            version: string("version"),
        }
    }
}

/// How the applicant provides one material.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialChoice {
    /// `provided`, `shared`, `deferred` or `in_lieu` (never `missing` or
    /// `not_required`: those are the report's words for absent choices).
    pub disposition: Disposition,
    /// The uploaded files of a `provided` material; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<FileRef>>,
    /// Which of the material's alternatives this is (its id), for a
    /// material that has alternatives ("A 或 B 或 C"); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternative: Option<String>,
}

/// A file uploaded for a material: what the envelope records of it, so the
/// office can match the upload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    /// The file's name as the applicant chose it (never blank).
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// The SHA-256 of its bytes: 64 hexadecimal digits.
    pub sha256: String,
}

impl FileRef {
    /// Reads one file reference as the upload hook gives it (`name`,
    /// `size` in bytes, `sha256` as 64 hexadecimal digits), by the same
    /// rules as a file inside an envelope (a 补交 upload is checked like
    /// the form's).
    ///
    /// # Errors
    ///
    /// The first [`FileProblem`] of the reference.
    pub fn read(value: &Value) -> Result<FileRef, FileProblem> {
        read_file(value)
    }
}

/// How a condition is met; the only choice an envelope can state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConditionChoice {
    pub disposition: ConditionDisposition,
}

/// The ways to meet a condition through the envelope: only by commitment
/// (`in_lieu`); proof is the materials' business.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionDisposition {
    InLieu,
}

/// Who signed the commitment and when. On the wire both are strings; the
/// reader treats a blank one as absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// The signer's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<String>,
    /// When it was signed: RFC 3339 with a time zone
    /// (`2026-11-20T10:15:00+08:00`); validation checks the shape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_at: Option<String>,
}

/// What is wrong with one file reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    /// `name` is missing, not a string, or blank.
    NoName,
    /// `size` is missing or not a non-negative integer.
    NoSize,
    /// `sha256` is missing or not 64 hexadecimal digits.
    BadHash,
}

impl FileProblem {
    /// What is wrong, in both languages.
    pub fn message(self) -> Text {
        match self {
            FileProblem::NoName => text::file_no_name(),
            FileProblem::NoSize => text::file_no_size(),
            FileProblem::BadHash => text::file_bad_hash(),
        }
    }
}

/// One malformed part of an envelope, with its place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EnvelopeError {
    /// The submission is not a JSON object.
    #[error("the submission is not a JSON object")]
    NotObject,
    /// `data` is missing or not a JSON object.
    #[error("/data is missing or not a JSON object")]
    DataNotObject,
    /// `materials` (or `conditions`) is neither absent, `null` nor an object.
    #[error("/{key} is not a JSON object")]
    NotAMap { key: &'static str },
    /// A material's `disposition` is missing or not one of the four.
    #[error(
        "/materials/{material}/disposition “{given}” is not provided, shared, deferred or in_lieu"
    )]
    InvalidDisposition { material: String, given: String },
    /// A material's `files` is not an array.
    #[error("/materials/{material}/files is not an array")]
    FilesNotArray { material: String },
    /// One file reference of a material is incomplete.
    #[error("/materials/{material}/files/{index}: {problem:?}")]
    BadFile {
        material: String,
        /// The file's position in `files`, from 0.
        index: usize,
        problem: FileProblem,
    },
    /// A material's `alternative` is not a non-empty string.
    #[error("/materials/{material}/alternative is not a non-empty string")]
    BadAlternative { material: String },
    /// A material's `entries` is not an array.
    #[error("/materials/{material}/entries is not an array")]
    EntriesNotArray { material: String },
    /// A problem of one entry of a per-item material's `entries` (the inner
    /// problem names the same material).
    #[error("/materials/{material}/entries/{index}: {problem}")]
    InEntry {
        material: String,
        /// The entry's position in `entries`, from 0.
        index: usize,
        problem: Box<EnvelopeError>,
    },
    /// A condition's `disposition` is not `in_lieu`.
    #[error("/conditions/{condition}/disposition “{given}” is not in_lieu")]
    InvalidConditionDisposition { condition: String, given: String },
}

impl EnvelopeError {
    /// Where it is in the envelope (JSON Pointer). Problems of a material's
    /// files are reported at the material (`/materials/<id>`), where the
    /// applicant fixes them.
    pub fn path(&self) -> String {
        match self {
            EnvelopeError::NotObject => String::new(),
            EnvelopeError::DataNotObject => format!("/{}", keys::DATA),
            EnvelopeError::NotAMap { key } => format!("/{key}"),
            EnvelopeError::InvalidDisposition { material, .. }
            | EnvelopeError::FilesNotArray { material }
            | EnvelopeError::BadFile { material, .. }
            | EnvelopeError::BadAlternative { material }
            | EnvelopeError::EntriesNotArray { material } => material_path(material),
            EnvelopeError::InEntry {
                material, index, ..
            } => entry_path(material, *index),
            EnvelopeError::InvalidConditionDisposition { condition, .. } => {
                pointer::join("/conditions", condition)
            }
        }
    }

    /// The stable code of the report error it becomes.
    pub fn code(&self) -> &'static str {
        match self {
            EnvelopeError::NotObject => "envelope.not_object",
            EnvelopeError::DataNotObject => "envelope.data",
            EnvelopeError::NotAMap { .. } => "envelope.malformed",
            EnvelopeError::InvalidDisposition { .. } => "material.invalid_disposition",
            EnvelopeError::FilesNotArray { .. } | EnvelopeError::BadFile { .. } => {
                "material.bad_file"
            }
            EnvelopeError::BadAlternative { .. } => "material.bad_alternative",
            EnvelopeError::EntriesNotArray { .. } => "material.bad_entries",
            EnvelopeError::InEntry { problem, .. } => problem.code(),
            EnvelopeError::InvalidConditionDisposition { .. } => "condition.invalid_disposition",
        }
    }

    /// The material this problem is about, if any.
    pub fn material(&self) -> Option<&str> {
        match self {
            EnvelopeError::InvalidDisposition { material, .. }
            | EnvelopeError::FilesNotArray { material }
            | EnvelopeError::BadFile { material, .. }
            | EnvelopeError::BadAlternative { material }
            | EnvelopeError::EntriesNotArray { material }
            | EnvelopeError::InEntry { material, .. } => Some(material),
            _ => None,
        }
    }

    /// The message, naming a material by its id.
    pub fn message(&self) -> Text {
        let id = self.material().unwrap_or_default();
        self.message_naming(&Text::new(id, id))
    }

    /// The message, naming the material (if it is about one) by `name`,
    /// each language with its own.
    pub fn message_naming(&self, name: &Text) -> Text {
        let both = |make: &dyn Fn(&str) -> Text| Text::new(make(&name.zh).zh, make(&name.en).en);
        match self {
            EnvelopeError::NotObject => text::envelope_not_object(),
            EnvelopeError::DataNotObject => text::envelope_data_not_object(),
            EnvelopeError::NotAMap { key } => {
                text::envelope_malformed(key, text::expected_object())
            }
            EnvelopeError::InvalidDisposition { given, .. } => {
                both(&|n| text::material_bad_disposition(n, given))
            }
            EnvelopeError::FilesNotArray { .. } => {
                both(&|n| text::material_bad_file(n, text::files_not_array()))
            }
            EnvelopeError::BadFile { problem, .. } => {
                both(&|n| text::material_bad_file(n, problem.message()))
            }
            EnvelopeError::BadAlternative { .. } => both(&text::material_bad_alternative),
            EnvelopeError::EntriesNotArray { .. } => both(&text::material_bad_entries),
            EnvelopeError::InEntry { problem, .. } => problem.message_naming(name),
            EnvelopeError::InvalidConditionDisposition { condition, given } => {
                text::envelope_malformed(
                    &format!("conditions/{condition}/disposition"),
                    text::must_be_in_lieu(given),
                )
            }
        }
    }
}

/// An envelope as far as it is well-formed, and what is not.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// Every well-formed part: a malformed `data` reads as `{}`, a missing
    /// item code or version as `""`, a material or condition whose
    /// disposition is malformed is left out, and so is a malformed file.
    pub envelope: Envelope,
    /// Every malformed part, in document order.
    pub problems: Vec<EnvelopeError>,
    /// Every key of `materials` as given, well-formed or not, in order.
    pub material_ids: Vec<String>,
    /// Every key of `conditions` as given, well-formed or not, in order.
    pub condition_ids: Vec<String>,
}

impl Envelope {
    /// An envelope for `code`@`version` with `data` and nothing chosen yet.
    pub fn new(code: impl Into<String>, version: impl Into<String>, data: Value) -> Self {
        Self {
            item: ItemRef {
                code: code.into(),
                version: version.into(),
            },
            data,
            materials: IndexMap::new(),
            entries: IndexMap::new(),
            conditions: IndexMap::new(),
            commitment: None,
        }
    }

    /// Reads `value` tolerantly: every well-formed part, and every problem.
    /// Never fails and never panics; the value should have passed
    /// `Limits::check_submission` first (the data is cloned).
    pub fn read(value: &Value) -> Reading {
        let mut reading = Self::read_in_place(value);
        if let Some(data) = Self::data_of(value) {
            reading.envelope.data = data.clone();
        }
        reading
    }

    /// The form data of a submission: its `data` member when that is an
    /// object (else [`EnvelopeError::DataNotObject`] when read).
    pub fn data_of(value: &Value) -> Option<&Value> {
        small_map::get(value, keys::DATA).filter(|data| data.is_object())
    }

    /// As [`Envelope::read`], but the envelope's `data` is left an empty
    /// object: a caller that only reads the form data takes it in place
    /// with [`Envelope::data_of`] (validation does: the copy cost a tenth
    /// of a valid submission's validation).
    pub fn read_in_place(value: &Value) -> Reading {
        let mut reading = Reading {
            envelope: Envelope::new("", "", Value::Object(Default::default())),
            problems: Vec::new(),
            material_ids: Vec::new(),
            condition_ids: Vec::new(),
        };
        if !value.is_object() {
            reading.problems.push(EnvelopeError::NotObject);
            return reading;
        }
        reading.envelope.item = ItemRef::read(value);
        if Self::data_of(value).is_none() {
            reading.problems.push(EnvelopeError::DataNotObject);
        }
        if let Some(entries) = map(
            small_map::get(value, keys::MATERIALS),
            keys::MATERIALS,
            &mut reading,
        ) {
            for (id, entry) in entries {
                reading.material_ids.push(id.clone());
                match small_map::get(entry, keys::ENTRIES) {
                    None | Some(Value::Null) => {
                        if let Some(choice) = read_material(id, entry, &mut reading.problems) {
                            reading.envelope.materials.insert(id.clone(), choice);
                        }
                    }
                    Some(Value::Array(list)) => {
                        let choices = read_entries(id, list, &mut reading.problems);
                        reading.envelope.entries.insert(id.clone(), choices);
                    }
                    Some(_) => reading.problems.push(EnvelopeError::EntriesNotArray {
                        material: id.clone(),
                    }),
                }
            }
        }
        if let Some(entries) = map(
            small_map::get(value, keys::CONDITIONS),
            keys::CONDITIONS,
            &mut reading,
        ) {
            for (id, entry) in entries {
                reading.condition_ids.push(id.clone());
                match small_map::get(entry, "disposition").and_then(Value::as_str) {
                    Some("in_lieu") => {
                        reading.envelope.conditions.insert(
                            id.clone(),
                            ConditionChoice {
                                disposition: ConditionDisposition::InLieu,
                            },
                        );
                    }
                    other => reading
                        .problems
                        .push(EnvelopeError::InvalidConditionDisposition {
                            condition: id.clone(),
                            given: other.unwrap_or_default().to_owned(),
                        }),
                }
            }
        }
        reading.envelope.commitment = small_map::get(value, keys::COMMITMENT).map(|c| {
            let field = |key: &str| {
                small_map::get(c, key)
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
            };
            Signature {
                signer: field("signer"),
                signed_at: field("signed_at"),
            }
        });
        reading
    }

    /// Reads only what names the item (`item`, and whether the submission
    /// is an object at all), without copying the data: what a bundle
    /// checks of its own envelope before its members read theirs.
    pub fn read_head(value: &Value) -> Reading {
        let mut reading = Reading::of(Envelope::new("", "", Value::Null));
        if value.is_object() {
            reading.envelope.item = ItemRef::read(value);
        } else {
            reading.problems.push(EnvelopeError::NotObject);
        }
        reading
    }

    /// Reads `value` strictly: the envelope, or every problem.
    ///
    /// # Errors
    ///
    /// Every [`EnvelopeError`] [`read`](Self::read) finds, in document order.
    pub fn from_value(value: &Value) -> Result<Self, Vec<EnvelopeError>> {
        let reading = Self::read(value);
        if reading.problems.is_empty() {
            Ok(reading.envelope)
        } else {
            Err(reading.problems)
        }
    }

    /// The envelope as a JSON value (the wire form).
    pub fn to_value(&self) -> Value {
        // Only strings, numbers and maps with string keys: cannot fail.
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// The envelope as JSON text (the wire form).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The signature, or an empty one.
    pub fn signature(&self) -> Signature {
        self.commitment.clone().unwrap_or_default()
    }
}

impl Reading {
    /// The reading of a well-formed envelope: no problems, every key kept.
    pub fn of(envelope: Envelope) -> Self {
        Reading {
            material_ids: envelope
                .materials
                .keys()
                .chain(envelope.entries.keys())
                .cloned()
                .collect(),
            condition_ids: envelope.conditions.keys().cloned().collect(),
            envelope,
            problems: Vec::new(),
        }
    }

    /// The problem with material `id`'s disposition, if it has one.
    pub fn disposition_problem(&self, id: &str) -> Option<&EnvelopeError> {
        self.problems.iter().find(
            |p| matches!(p, EnvelopeError::InvalidDisposition { material, .. } if material == id),
        )
    }

    /// The problem with material `id`'s `alternative`, if it is malformed.
    pub fn alternative_problem(&self, id: &str) -> Option<&EnvelopeError> {
        self.problems
            .iter()
            .find(|p| matches!(p, EnvelopeError::BadAlternative { material } if material == id))
    }

    /// The problems with material `id`'s files, in order.
    pub fn file_problems<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a EnvelopeError> {
        self.problems.iter().filter(move |p| {
            matches!(p, EnvelopeError::FilesNotArray { material } | EnvelopeError::BadFile { material, .. } if material == id)
        })
    }

    /// Entry `index` of per-item material `id` as a reading of its own: the
    /// entry's choice (under `id`) and its problems, unwrapped, so an entry
    /// is assessed by the same rules as a material given once. The entry
    /// counts as given when it is not `null` (a malformed one included).
    pub fn entry(&self, id: &str, index: usize) -> Reading {
        let mut envelope = Envelope::new("", "", Value::Null);
        let choice = self
            .envelope
            .entries
            .get(id)
            .and_then(|list| list.get(index).cloned().flatten());
        let problems: Vec<EnvelopeError> = self
            .problems
            .iter()
            .filter_map(|p| match p {
                EnvelopeError::InEntry {
                    material,
                    index: i,
                    problem,
                } if material == id && *i == index => Some((**problem).clone()),
                _ => None,
            })
            .collect();
        let given = choice.is_some() || !problems.is_empty();
        if let Some(choice) = choice {
            envelope.materials.insert(id.to_owned(), choice);
        }
        Reading {
            envelope,
            problems,
            material_ids: if given {
                vec![id.to_owned()]
            } else {
                Vec::new()
            },
            condition_ids: Vec::new(),
        }
    }

    /// How many entries per-item material `id` was given (`null`s
    /// included), 0 when it has no `entries`.
    pub fn entry_count(&self, id: &str) -> usize {
        self.envelope.entries.get(id).map_or(0, Vec::len)
    }

    /// The problem with condition `id`'s disposition, if it has one.
    pub fn condition_problem(&self, id: &str) -> Option<&EnvelopeError> {
        self.problems.iter().find(|p| {
            matches!(p, EnvelopeError::InvalidConditionDisposition { condition, .. } if condition == id)
        })
    }

    /// Whether the envelope's problems stop the form data being checked.
    pub fn data_unreadable(&self) -> bool {
        self.problems
            .iter()
            .any(|p| matches!(p, EnvelopeError::NotObject | EnvelopeError::DataNotObject))
    }
}

/// `/materials/<id>`.
pub fn material_path(id: &str) -> String {
    pointer::join("/materials", id)
}

/// `/materials/<id>/entries/<index>`: one entry's copy of a per-item
/// material (`index` from 0, as in the array).
pub fn entry_path(id: &str, index: usize) -> String {
    format!("{}/{}/{index}", material_path(id), keys::ENTRIES)
}

/// Where one material choice sits in a submission: a material given once
/// or one entry's copy of a per-item material. Written as a JSON Pointer
/// only when a problem names it: writing the pointer of every material of
/// every valid submission cost a seventh of its validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChoicePlace<'a> {
    /// `/materials/<id>`.
    Material(&'a str),
    /// `/materials/<id>/entries/<index>`.
    Entry(&'a str, usize),
}

impl ChoicePlace<'_> {
    /// The place as a JSON Pointer ([`material_path`], [`entry_path`]).
    pub(crate) fn pointer(self) -> String {
        match self {
            Self::Material(id) => material_path(id),
            Self::Entry(id, index) => entry_path(id, index),
        }
    }
}

/// `<id>/entries/<index>`: the key of one entry's copy of a per-item
/// material where choices are kept by key (the widget's state, a draft's
/// `materials`): its place under `/materials`, so errors, element ids and
/// the upload hook name the entry. Material ids never contain `/`.
pub fn entry_key(id: &str, index: usize) -> String {
    format!("{id}/{}/{index}", keys::ENTRIES)
}

/// The material id and entry index of an [`entry_key`]; `None` for the
/// key of a material given once.
pub fn parse_entry_key(key: &str) -> Option<(&str, usize)> {
    let (id, index) = key.split_once(&format!("/{}/", keys::ENTRIES))?;
    Some((id, index.parse().ok()?))
}

/// The `materials` map of a raw submission, for the limits, which count
/// materials and files before anything is read.
pub(crate) fn raw_materials(submission: &Value) -> Option<&serde_json::Map<String, Value>> {
    small_map::get(submission, keys::MATERIALS).and_then(Value::as_object)
}

/// The `entries` array of a raw material entry (a per-item material).
pub(crate) fn raw_entries(entry: &Value) -> Option<&Vec<Value>> {
    small_map::get(entry, keys::ENTRIES).and_then(Value::as_array)
}

/// The `files` array of a raw material entry.
pub(crate) fn raw_files(entry: &Value) -> Option<&Vec<Value>> {
    small_map::get(entry, keys::FILES).and_then(Value::as_array)
}

/// Reads a `materials` map on its own (a draft keeps one): the
/// well-formed choices, and the ids of the entries whose disposition is
/// malformed. Malformed file references are left out of their choice.
pub fn read_materials(value: &Value) -> (IndexMap<String, MaterialChoice>, Vec<String>) {
    let mut choices = IndexMap::new();
    let mut unreadable = Vec::new();
    for (id, entry) in value.as_object().into_iter().flatten() {
        match read_material(id, entry, &mut Vec::new()) {
            Some(choice) => {
                choices.insert(id.clone(), choice);
            }
            None => unreadable.push(id.clone()),
        }
    }
    (choices, unreadable)
}

fn map<'v>(
    value: Option<&'v Value>,
    key: &'static str,
    reading: &mut Reading,
) -> Option<&'v serde_json::Map<String, Value>> {
    match value {
        None | Some(Value::Null) => None,
        Some(Value::Object(entries)) => Some(entries),
        Some(_) => {
            reading.problems.push(EnvelopeError::NotAMap { key });
            None
        }
    }
}

/// A per-item material's `entries`: `null` is an entry with nothing
/// given; a malformed one is `None` too, with its problems wrapped in
/// [`EnvelopeError::InEntry`].
fn read_entries(
    id: &str,
    list: &[Value],
    problems: &mut Vec<EnvelopeError>,
) -> Vec<Option<MaterialChoice>> {
    list.iter()
        .enumerate()
        .map(|(index, entry)| {
            if entry.is_null() {
                return None;
            }
            let mut own = Vec::new();
            let choice = read_material(id, entry, &mut own);
            problems.extend(own.into_iter().map(|problem| EnvelopeError::InEntry {
                material: id.to_owned(),
                index,
                problem: Box::new(problem),
            }));
            choice
        })
        .collect()
}

fn read_material(
    id: &str,
    entry: &Value,
    problems: &mut Vec<EnvelopeError>,
) -> Option<MaterialChoice> {
    let given = small_map::get(entry, "disposition");
    let disposition = match given.and_then(Value::as_str).and_then(Disposition::choice) {
        Some(d) => d,
        None => {
            problems.push(EnvelopeError::InvalidDisposition {
                material: id.to_owned(),
                given: given
                    .map(|d| d.as_str().map_or_else(|| d.to_string(), str::to_owned))
                    .unwrap_or_default(),
            });
            return None;
        }
    };
    let files = match small_map::get(entry, keys::FILES) {
        None | Some(Value::Null) => None,
        Some(Value::Array(files)) => Some(
            files
                .iter()
                .enumerate()
                .filter_map(|(index, file)| match read_file(file) {
                    Ok(file) => Some(file),
                    Err(problem) => {
                        problems.push(EnvelopeError::BadFile {
                            material: id.to_owned(),
                            index,
                            problem,
                        });
                        None
                    }
                })
                .collect(),
        ),
        Some(_) => {
            problems.push(EnvelopeError::FilesNotArray {
                material: id.to_owned(),
            });
            None
        }
    };
    let alternative = match small_map::get(entry, keys::ALTERNATIVE) {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) if !id.trim().is_empty() => Some(id.clone()),
        Some(_) => {
            problems.push(EnvelopeError::BadAlternative {
                material: id.to_owned(),
            });
            None
        }
    };
    Some(MaterialChoice {
        disposition,
        files,
        alternative,
    })
}

fn read_file(file: &Value) -> Result<FileRef, FileProblem> {
    let name = small_map::get(file, "name")
        .and_then(Value::as_str)
        .filter(|n| !n.trim().is_empty())
        .ok_or(FileProblem::NoName)?;
    let size = small_map::get(file, "size")
        .and_then(Value::as_u64)
        .ok_or(FileProblem::NoSize)?;
    let sha256 = small_map::get(file, "sha256")
        .and_then(Value::as_str)
        .filter(|h| is_sha256_hex(h))
        .ok_or(FileProblem::BadHash)?;
    Ok(FileRef {
        name: name.to_owned(),
        size,
        sha256: sha256.to_owned(),
    })
}

/// Whether `s` is a SHA-256 written as 64 hexadecimal digits (either case).
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// The wire form is the contract: what the widget sends is what the
    /// server and the core read, and a well-formed envelope survives a
    /// round trip unchanged.
    #[test]
    fn a_well_formed_envelope_round_trips() {
        let value = json!({
            "item": {"code": "C", "version": "2026.1"},
            "data": {"name": "张三"},
            "materials": {
                "b": {"disposition": "provided", "files": [{"name": "a.pdf", "size": 12, "sha256": "ab".repeat(32)}]},
                "a": {"disposition": "deferred"}
            },
            "conditions": {"c": {"disposition": "in_lieu"}},
            "commitment": {"signer": "张三", "signed_at": "2026-11-20T10:15:00+08:00"}
        });
        let envelope = Envelope::from_value(&value).unwrap();
        assert_eq!(envelope.to_value().to_string(), value.to_string());
        let strict: Envelope = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(strict, envelope);
    }

    /// A per-item material's copies sit inside `materials` on the wire,
    /// and each malformed copy is a problem at its own entry.
    #[test]
    fn per_item_entries_round_trip_and_are_read_one_by_one() {
        let value = json!({
            "item": {"code": "C", "version": "2026.1"},
            "data": {},
            "materials": {
                "licence": {"entries": [{"disposition": "provided"}, null, {"disposition": "lost"}]}
            }
        });
        let reading = Envelope::read(&value);
        assert_eq!(
            reading.envelope.entries["licence"],
            [
                Some(MaterialChoice {
                    disposition: Disposition::Provided,
                    files: None,
                    alternative: None
                }),
                None,
                None
            ]
        );
        assert_eq!(reading.problems.len(), 1);
        assert_eq!(reading.problems[0].path(), "/materials/licence/entries/2");
        assert_eq!(reading.problems[0].code(), "material.invalid_disposition");
        assert!(reading.entry("licence", 2).material_ids == ["licence"]);
        assert!(reading.entry("licence", 1).material_ids.is_empty());
        let mut strict = value.clone();
        strict["materials"]["licence"]["entries"][2] = Value::Null;
        let envelope = Envelope::from_value(&strict).unwrap();
        assert_eq!(envelope.to_value().to_string(), strict.to_string());
        let parsed: Envelope = serde_json::from_value(strict).unwrap();
        assert_eq!(parsed, envelope);
    }

    #[test]
    fn every_malformed_part_is_a_typed_problem_in_document_order() {
        let reading = Envelope::read(&json!({
            "item": {"code": 7},
            "data": [],
            "materials": {
                "x": {"disposition": "missing"},
                "y": {"disposition": "provided", "files": [{"name": " ", "size": 1, "sha256": ""}, {"name": "a", "size": 1, "sha256": "0".repeat(64)}]},
                "z": {"disposition": "shared", "files": 3}
            },
            "conditions": {"c": {"disposition": "provided"}}
        }));
        assert_eq!(
            reading.problems,
            vec![
                EnvelopeError::DataNotObject,
                EnvelopeError::InvalidDisposition {
                    material: "x".into(),
                    given: "missing".into()
                },
                EnvelopeError::BadFile {
                    material: "y".into(),
                    index: 0,
                    problem: FileProblem::NoName
                },
                EnvelopeError::FilesNotArray {
                    material: "z".into()
                },
                EnvelopeError::InvalidConditionDisposition {
                    condition: "c".into(),
                    given: "provided".into()
                },
            ]
        );
        assert_eq!(reading.material_ids, ["x", "y", "z"]);
        assert_eq!(reading.envelope.item.code, "");
        assert_eq!(
            reading.envelope.materials["y"]
                .files
                .as_ref()
                .unwrap()
                .len(),
            1
        );
        assert!(!reading.envelope.materials.contains_key("x"));
        let problem = &reading.problems[2];
        assert_eq!(problem.path(), "/materials/y");
        assert_eq!(problem.code(), "material.bad_file");
        assert!(
            problem.message().zh.contains("缺少文件名"),
            "{:?}",
            problem.message()
        );
        assert!(
            !problem.message().en.contains("缺少"),
            "{:?}",
            problem.message()
        );
    }

    /// Serde refuses the report-only words, so a strictly parsed envelope
    /// never carries them.
    #[test]
    fn missing_and_not_required_are_not_choices() {
        let value = json!({"disposition": "missing"});
        assert!(serde_json::from_value::<MaterialChoice>(value).is_err());
    }
}
