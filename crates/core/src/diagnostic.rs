//! Problems found in a file a maintainer wrote (an item definition, a
//! calendar): where it is, what rule it breaks, and what is wrong, in both
//! languages. Loading returns every diagnostic at once, never just the first.

use serde::Serialize;

use crate::messages::{Lang, Text};

/// How serious a diagnostic is: errors stop the file from being used,
/// warnings are advice for the maintainer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// The wire name (`error`, `warning`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem in a maintainer's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// JSON Pointer to the offending value inside the file ("" is the root).
    pub pointer: String,
    /// Stable rule identifier, e.g. `definition.duplicate_material_id`.
    pub code: &'static str,
    pub message: Text,
}

impl Diagnostic {
    pub fn error(pointer: impl Into<String>, code: &'static str, message: Text) -> Self {
        Self {
            severity: Severity::Error,
            pointer: pointer.into(),
            code,
            message,
        }
    }

    pub fn warning(pointer: impl Into<String>, code: &'static str, message: Text) -> Self {
        Self {
            severity: Severity::Warning,
            pointer: pointer.into(),
            code,
            message,
        }
    }

    /// Where the problem is, as printed: the JSON Pointer, or `/` for the
    /// whole document (whose pointer is empty, which a reader would miss).
    pub fn place(&self) -> &str {
        if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        }
    }

    /// The serialisable form in one language, as the CLI and the wasm API print it.
    pub fn localized(&self, lang: Lang) -> LocalizedDiagnostic {
        LocalizedDiagnostic {
            severity: self.severity,
            pointer: self.pointer.clone(),
            code: self.code,
            message: self.message.get(lang).to_owned(),
        }
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} [{}]", self.place(), self.message.zh, self.code)
    }
}

/// A diagnostic rendered in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocalizedDiagnostic {
    pub severity: Severity,
    pub pointer: String,
    pub code: &'static str,
    pub message: String,
}

/// True when any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}
