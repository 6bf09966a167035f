//! banli-widget-engine: the schema engine of the `<banli-form>` widget, as
//! a wasm module of its own.
//!
//! The widget's view (`banli-widget`, built without banli-core's `engine`
//! feature) reads the definition, lays out the form and paints it; the
//! loader fetches this module after the view's own module has arrived and
//! hands the view an [`EngineItem`] for the same definition. The view runs
//! every rule of validation itself and asks this module only to judge the
//! form data and the material requirements it cannot decide alone
//! ([`FormJudge`]), so a verdict is the one the server's linked engine
//! gives.
//!
//! The module judges its own copy of the form data, which the view keeps
//! in step by sending what changed ([`EngineItem::update_data`],
//! [`banli_core::replica`]): a keystroke sends one value, not the form.

use std::cell::{Cell, RefCell};

use banli_core::replica::{self, Change};
use banli_core::{CompiledItem, FormJudge, Lang, RequirementOf};
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// An item definition compiled by the schema engine, and the copy of the
/// form data it judges.
#[wasm_bindgen]
pub struct EngineItem {
    item: CompiledItem,
    /// `None` before the first `setData`, after a failed change, and while
    /// a question is judged (so that a trap half-way leaves no copy, not a
    /// copy that looks intact or a `RefCell` still borrowed).
    copy: RefCell<Option<Replica>>,
    /// The last version given out: versions are never reused.
    versions: Cell<u32>,
}

/// The form data the module judges, and its version. Every change of the
/// copy gets a new version, and every question names the version it is
/// about, so a question is never answered about data a failed update, or
/// page script calling the module, left behind.
struct Replica {
    version: u32,
    data: Value,
}

impl EngineItem {
    /// `answer` of the copy, when it is at `version`.
    fn at<T>(&self, version: u32, answer: impl FnOnce(&Value) -> T) -> Result<T, JsError> {
        let replica = self.take(version)?;
        let answered = answer(&replica.data);
        *self.copy.borrow_mut() = Some(replica);
        Ok(answered)
    }

    /// The copy, taken out, when it is at `version`; refused otherwise.
    fn take(&self, version: u32) -> Result<Replica, JsError> {
        let mut copy = self.copy.borrow_mut();
        if copy
            .as_ref()
            .is_some_and(|replica| replica.version == version)
        {
            return Ok(copy.take().expect("the copy was just seen"));
        }
        Err(JsError::new(&match copy.as_ref() {
            Some(replica) => format!("the copy is at version {}, not {version}", replica.version),
            None => format!("there is no copy (asked about version {version})"),
        }))
    }

    /// Puts `data` back as the copy's new version.
    fn keep(&self, data: Value) -> u32 {
        let version = self.versions.get().wrapping_add(1);
        self.versions.set(version);
        *self.copy.borrow_mut() = Some(Replica { version, data });
        version
    }
}

#[wasm_bindgen]
impl EngineItem {
    /// Compiles `definition` (JSON text, the one the view mounted).
    ///
    /// # Errors
    ///
    /// Every problem of a definition the engine cannot use, one per line
    /// after the heading, as the view reports its own
    /// ([`banli_core::DefinitionErrors::unusable_message`]).
    #[wasm_bindgen(constructor)]
    pub fn new(definition: &str) -> Result<EngineItem, JsError> {
        CompiledItem::from_json(definition)
            .map(|item| EngineItem {
                item,
                copy: RefCell::new(None),
                versions: Cell::new(0),
            })
            .map_err(|e| JsError::new(&e.unusable_message()))
    }

    /// Replaces the module's copy of the form data: `data` is JSON text in
    /// UTF-8 bytes, the form data as the judge is asked about it
    /// (normalised, as submitted, within the limits). Returns the copy's
    /// new version, which every later call names.
    ///
    /// Bytes, not strings: they are copied from one module's memory to the
    /// other's, where a string would be decoded into JavaScript's UTF-16
    /// and encoded again.
    ///
    /// # Errors
    ///
    /// When `data` is not JSON: the view never sends such input.
    #[wasm_bindgen(js_name = setData)]
    pub fn set_data(&self, data: &[u8]) -> Result<u32, JsError> {
        *self.copy.borrow_mut() = None;
        let data = serde_json::from_slice(data).map_err(|e| JsError::new(&format!("data: {e}")))?;
        Ok(self.keep(data))
    }

    /// Brings the copy of the form data from `version` to the current one:
    /// `changes` is a JSON array of `[pointer, value]` pairs
    /// ([`replica::changes`] from the data of `version`) as UTF-8 bytes.
    /// Returns the copy's new version.
    ///
    /// # Errors
    ///
    /// When the copy is not at `version`, `changes` is not such an array or
    /// names a place the copy does not have: the view then sends the whole
    /// data ([`set_data`](Self::set_data)).
    #[wasm_bindgen(js_name = updateData)]
    pub fn update_data(&self, version: u32, changes: &[u8]) -> Result<u32, JsError> {
        let mut replica = self.take(version)?;
        // From here on a failure leaves no copy: the view sends the whole data.
        let changes: Vec<Change> =
            serde_json::from_slice(changes).map_err(|e| JsError::new(&format!("changes: {e}")))?;
        replica::apply(&mut replica.data, changes).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(self.keep(replica.data))
    }

    /// The form's problems with the copy of the form data at `version`
    /// ([`FormJudge::judge_form`]): `lang` `zh-CN` or `en`, `accepted_on`
    /// `YYYY-MM-DD` or empty for none. Returns a JSON array of report
    /// errors (`{path, code, label, message}`) in document order, as UTF-8
    /// bytes.
    ///
    /// # Errors
    ///
    /// When the copy is not at `version`, `lang` is not a language of the
    /// catalogue or `accepted_on` is not a date.
    #[wasm_bindgen(js_name = judgeForm)]
    pub fn judge_form(
        &self,
        version: u32,
        lang: &str,
        accepted_on: &str,
    ) -> Result<Vec<u8>, JsError> {
        let lang: Lang = lang.parse().map_err(|e| JsError::new(&format!("{e}")))?;
        let accepted_on = match accepted_on {
            "" => None,
            text => Some(banli_core::calendar::parse_date(text).map_err(|e| {
                let m = e.message();
                JsError::new(&format!("acceptedOn {text}: {} / {}", m.zh, m.en))
            })?),
        };
        let errors = self.at(version, |data| {
            self.item.judge_form(data, accepted_on, lang)
        })?;
        serde_json::to_vec(&errors).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Whether the copy of the form data at `version` makes material
    /// `index` (of the definition's `materials`) required
    /// ([`FormJudge::requirement_holds`]).
    ///
    /// # Errors
    ///
    /// When the copy is not at `version` or `index` names no material.
    #[wasm_bindgen(js_name = materialRequired)]
    pub fn material_required(&self, version: u32, index: usize) -> Result<bool, JsError> {
        if index >= self.item.definition().materials.len() {
            return Err(JsError::new(&format!("no material {index}")));
        }
        self.requirement_holds(version, RequirementOf::Material(index))
    }

    /// In a merged bundle: whether member `member` itself requires the
    /// material of its `material_terms[term]` for the copy of the form data
    /// at `version` ([`FormJudge::requirement_holds`]).
    ///
    /// # Errors
    ///
    /// When the copy is not at `version` or there is no such member or
    /// term.
    #[wasm_bindgen(js_name = memberRequires)]
    pub fn member_requires(
        &self,
        version: u32,
        member: usize,
        term: usize,
    ) -> Result<bool, JsError> {
        let known = self
            .item
            .definition()
            .members
            .get(member)
            .is_some_and(|m| term < m.material_terms.len());
        if !known {
            return Err(JsError::new(&format!("no term {term} of member {member}")));
        }
        self.requirement_holds(version, RequirementOf::MemberTerm { member, term })
    }

    fn requirement_holds(&self, version: u32, requirement: RequirementOf) -> Result<bool, JsError> {
        self.at(version, |data| {
            self.item.requirement_holds(requirement, data)
        })
    }
}
