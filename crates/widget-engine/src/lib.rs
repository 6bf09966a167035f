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

use banli_core::{CompiledItem, FormJudge, Lang, RequirementOf};
use wasm_bindgen::prelude::*;

/// An item definition compiled by the schema engine.
#[wasm_bindgen]
pub struct EngineItem {
    item: CompiledItem,
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
            .map(|item| EngineItem { item })
            .map_err(|e| JsError::new(&e.unusable_message()))
    }

    /// The form's problems with `data` ([`FormJudge::judge_form`]): `data`
    /// is the form data as JSON text in UTF-8 bytes (normalised, as
    /// submitted, within the limits), `lang` `zh-CN` or `en`, `accepted_on`
    /// `YYYY-MM-DD` or empty for none. Returns a JSON array of report
    /// errors (`{path, code, label, message}`) in document order, as UTF-8
    /// bytes.
    ///
    /// Bytes, not strings, because the view sends the whole form data on
    /// every keystroke: bytes are copied from one module's memory to the
    /// other's, where a string would be decoded into JavaScript's UTF-16
    /// and encoded again.
    ///
    /// # Errors
    ///
    /// When `data` is not JSON, `lang` is not a language of the catalogue
    /// or `accepted_on` is not a date: the view never sends such input.
    #[wasm_bindgen(js_name = judgeForm)]
    pub fn judge_form(
        &self,
        data: &[u8],
        lang: &str,
        accepted_on: &str,
    ) -> Result<Vec<u8>, JsError> {
        let data = form_data(data)?;
        let lang: Lang = lang.parse().map_err(|e| JsError::new(&format!("{e}")))?;
        let accepted_on = match accepted_on {
            "" => None,
            text => Some(banli_core::calendar::parse_date(text).map_err(|e| {
                let m = e.message();
                JsError::new(&format!("acceptedOn {text}: {} / {}", m.zh, m.en))
            })?),
        };
        let errors = self.item.judge_form(&data, accepted_on, lang);
        serde_json::to_vec(&errors).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Whether `data` (normalised form data as JSON text in UTF-8 bytes) makes material
    /// `index` (of the definition's `materials`) required
    /// ([`FormJudge::requirement_holds`]).
    ///
    /// # Errors
    ///
    /// When `data` is not JSON or `index` names no material: the view never
    /// sends such input.
    #[wasm_bindgen(js_name = materialRequired)]
    pub fn material_required(&self, index: usize, data: &[u8]) -> Result<bool, JsError> {
        if index >= self.item.definition().materials.len() {
            return Err(JsError::new(&format!("no material {index}")));
        }
        self.requirement_holds(RequirementOf::Material(index), data)
    }

    /// In a merged bundle: whether member `member` itself requires the
    /// material of its `material_terms[term]` for `data` (normalised form
    /// data as JSON text in UTF-8 bytes; [`FormJudge::requirement_holds`]).
    ///
    /// # Errors
    ///
    /// When `data` is not JSON or there is no such member or term: the view
    /// never sends such input.
    #[wasm_bindgen(js_name = memberRequires)]
    pub fn member_requires(
        &self,
        member: usize,
        term: usize,
        data: &[u8],
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
        self.requirement_holds(RequirementOf::MemberTerm { member, term }, data)
    }

    fn requirement_holds(&self, requirement: RequirementOf, data: &[u8]) -> Result<bool, JsError> {
        Ok(self.item.requirement_holds(requirement, &form_data(data)?))
    }
}

/// Form data as the view sends it: JSON text in UTF-8 bytes.
fn form_data(data: &[u8]) -> Result<serde_json::Value, JsError> {
    serde_json::from_slice(data).map_err(|e| JsError::new(&format!("data: {e}")))
}
