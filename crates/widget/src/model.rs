//! What the applicant has given besides the form data: the files chosen and
//! how each material is provided. Shared by the state (which changes them)
//! and the questions asked of the core (which read them).

use banli_core::report::Disposition;

/// A file chosen for a material: what goes into the envelope.
#[derive(Debug, Clone, PartialEq)]
pub struct FileRef {
    pub name: String,
    /// Bytes.
    pub size: u64,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct MaterialChoice {
    pub disposition: Option<Disposition>,
    pub files: Vec<FileRef>,
}
