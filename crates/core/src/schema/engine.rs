//! How banli schemas are compiled by the engine (`jsonschema`), behind the
//! `engine` feature: a view-only build reads and lays out forms without it.

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
