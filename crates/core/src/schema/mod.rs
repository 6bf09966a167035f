//! The JSON Schema side of banli: one place that decides how schemas are
//! compiled (draft, format assertion, Chinese formats, linear-time regexes,
//! no remote references), the rewrites that give form schemas the meaning
//! applicants expect, and the walker that finds a field's label and order.

pub mod condition;
pub mod reads;
mod rewrite;
pub mod violation;
pub mod visit;
mod walk;

pub use condition::{Condition, Test, TestKind, evaluate as evaluate_condition};
pub use rewrite::{discriminator, guard_conditions, prepare_form};
pub use walk::{FieldInfo, SchemaWalker};

use std::sync::Arc;

use jsonschema::{Draft, PatternOptions, Retrieve, Uri, ValidationOptions, Validator};
use serde_json::Value;

use crate::formats::CHINESE_FORMATS;

/// Refuses every external reference: item definitions are self-contained, so
/// a `$ref` to another document is an error in the definition, never a fetch.
struct NoRemoteReferences;

impl Retrieve for NoRemoteReferences {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        // Never shown: `definition/refs.rs` refuses remote `$ref`s with a
        // message of the catalogue before anything is compiled, and the
        // engine's errors are turned into `CompileProblem`s, never printed.
        Err(format!("remote references are not allowed: {uri}").into())
    }
}

/// The engine configuration every banli schema compiles with, for a draft.
/// The conformance test uses this too, so the pass counts describe the engine
/// applicants' data really meets.
pub fn engine_options(draft: Draft) -> ValidationOptions<'static> {
    let mut options = jsonschema::options()
        .with_draft(draft)
        .should_validate_formats(true)
        .with_pattern_options(PatternOptions::regex())
        .with_retriever(NoRemoteReferences);
    for format in CHINESE_FORMATS {
        let check = format.check;
        options = options.with_format(format.name, move |value: &str| check(value).is_ok());
    }
    options
}

/// Compiles a schema (already rewritten, if it is a form) with the engine options.
pub fn compile(schema: &Value) -> Result<Arc<Validator>, jsonschema::ValidationError<'static>> {
    engine_options(Draft::Draft202012)
        .build(schema)
        .map(Arc::new)
}
