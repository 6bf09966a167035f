//! banli-core: every rule of banli, with no web or I/O dependency.
//!
//! An item definition (`banli-item/1`) is loaded and checked once, compiled,
//! and then validates submission envelopes into a [`Report`]: every problem at
//! once (一次性告知), the materials with their dispositions, working-day
//! deadlines and the commitment documents the submission needs.
//!
//! ```
//! use banli_core::{CompiledItem, Lang, ValidationContext};
//! use serde_json::json;
//!
//! let item = json!({
//!     "format": "banli-item/1",
//!     "code": "11330100MB0000000X4440117001000",
//!     "basic_code": "000117001000",
//!     "version": "2026.1",
//!     "name": "示例事项",
//!     "item_type": {"code": "01", "label": "行政许可"},
//!     "authority": {"name": "某市市场监督管理局"},
//!     "time_limits": {"statutory": {"working_days": 20}, "promised": {"working_days": 5}},
//!     "visits": {"count": 0},
//!     "fees": {"charged": false},
//!     "form": {
//!         "type": "object",
//!         "properties": {"name": {"type": "string", "title": "姓名"}},
//!         "required": ["name"]
//!     },
//!     "materials": []
//! });
//! let item = CompiledItem::from_value(&item).expect("a valid definition");
//! let submission = json!({
//!     "item": {"code": "11330100MB0000000X4440117001000", "version": "2026.1"},
//!     "data": {"name": "  "}
//! });
//! let report = item.validate(&submission, &ValidationContext::new(Lang::ZhCn)).unwrap();
//! assert_eq!(report.errors[0].message, "请填写姓名");
//! ```

pub mod bundle;
pub mod calendar;
pub mod checklist;
pub mod codes;
pub mod commitment;
pub mod definition;
pub mod diagnostic;
pub mod diff;
pub mod draft;
pub mod envelope;
pub mod followup;
pub mod formats;
pub mod guide;
pub mod json_text;
pub mod layout;
pub mod ledger;
pub mod limits;
#[cfg(feature = "engine")]
pub mod lint;
pub mod materials;
pub mod messages;
pub mod migrate;
pub mod pointer;
pub mod prefill;
pub mod replica;
pub mod report;
pub mod schema;
mod small_map;
pub mod validate;

pub use definition::{CompiledItem, DefinitionErrors};
pub use diagnostic::{Diagnostic, Severity};
pub use envelope::Envelope;
pub use limits::Limits;
pub use messages::{Lang, Text};
pub use report::{Report, ReportError, Status};
pub use validate::{FormJudge, RequirementOf, ValidationContext, ValidationFailure};
