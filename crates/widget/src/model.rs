//! What the applicant has given besides the form data: the files chosen and
//! how each material is provided. Shared by the state (which changes them)
//! and the questions asked of the core (which read them).

use banli_core::envelope;
use banli_core::report::Disposition;

/// A file chosen for a material: what goes into the envelope (the core's type).
pub use banli_core::envelope::FileRef;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct MaterialChoice {
    pub disposition: Option<Disposition>,
    pub files: Vec<FileRef>,
    /// Which alternative the files are of, for a material with
    /// alternatives (the id the envelope's `alternative` carries).
    pub alternative: Option<String>,
}

impl MaterialChoice {
    /// The envelope's choice, once a disposition is chosen: files only
    /// with `provided`.
    pub fn to_envelope(&self) -> Option<envelope::MaterialChoice> {
        let disposition = self.disposition?;
        Some(envelope::MaterialChoice {
            disposition,
            files: (disposition == Disposition::Provided).then(|| self.files.clone()),
            alternative: self.alternative.clone(),
        })
    }
}

/// One entry's copy of a per-item material is kept under the core's key
/// for it (`<id>/entries/<n>`), as drafts keep it too.
pub use banli_core::envelope::{entry_key, parse_entry_key};
