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
pub(crate) use walk::chosen_without_data;
pub use walk::{FieldInfo, SchemaWalker};

#[cfg(feature = "engine")]
mod engine;
#[cfg(feature = "engine")]
pub use engine::{compile, engine_options};
