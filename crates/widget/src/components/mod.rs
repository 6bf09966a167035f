//! The form's components. Each gets plain data and the [`env::Env`] as
//! properties (derived `PartialEq`), so Yew skips what did not change; none
//! asks the core anything while rendering (the reducer derived it all).

pub mod checklist;
pub mod commitment;
pub mod draft_notice;
pub mod env;
pub mod fields;
pub mod material;
pub mod materials;
pub mod navigation;
pub mod progress;
pub mod review;
pub mod summary;
