//! banli-wasm: the JavaScript API over banli-core, for portals that are not
//! Yew (jQuery, Vue, React) and for Node back ends.
//!
//! A thin shell: JSON text in, the core, JSON text out. Submissions cross the
//! boundary as JSON strings (a JS object is stringified first), because that
//! is about twice as fast as converting objects field by field; reports come
//! back as plain objects (`JSON.parse` of the core's report JSON) or, from
//! the `*Json` methods, as the exact JSON text the native core produces.

mod bundle;
mod calendar;
mod convert;
mod lint;
mod types;

use banli_core::{CompiledItem, Lang};
use serde_json::Value;
use wasm_bindgen::prelude::*;

pub use bundle::Bundle;
pub use calendar::{
    add_working_days, is_working_day, load_calendar, reset_calendar, working_days_between,
};
use convert::{definition_error, json_input, lang_arg, parse_json_output, to_js_error};
pub use lint::{bundle_members, file_kind, lint};

/// A compiled item definition. Compile once, validate many times.
#[wasm_bindgen]
pub struct Item {
    compiled: CompiledItem,
}

convert::validation_methods!(Item, compiled, "Report");

#[wasm_bindgen]
impl Item {
    /// Compiles an item definition (a JSON string or object). Throws an
    /// `Error` whose `problems` property lists every problem with its place.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string | object")] definition: JsValue,
    ) -> Result<Item, JsValue> {
        let text = json_input(&definition, "definition")?;
        CompiledItem::from_json(&text)
            .map(|compiled| Item { compiled })
            .map_err(definition_error)
    }

    #[wasm_bindgen(getter)]
    pub fn code(&self) -> String {
        self.compiled.definition().code.clone()
    }

    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.compiled.definition().version.clone()
    }

    /// The item's name in the language asked for (default zh-CN).
    pub fn name(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string | { lang?: string }")] lang: JsValue,
    ) -> Result<String, JsValue> {
        let lang = lang_arg(&lang, "lang")?;
        Ok(self.compiled.definition().localized_name(lang).to_owned())
    }

    /// Advice found while compiling (never errors).
    #[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
    pub fn warnings(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string | { lang?: string }")] lang: JsValue,
    ) -> Result<JsValue, JsValue> {
        let lang = lang_arg(&lang, "lang")?;
        let warnings: Vec<_> = self
            .compiled
            .warnings()
            .iter()
            .map(|d| d.localized(lang))
            .collect();
        parse_json_output(&serde_json::to_string(&warnings).map_err(to_js_error)?)
    }

    /// Every material with whether it is required for the form data given so far.
    #[wasm_bindgen(unchecked_return_type = "MaterialStatus[]")]
    pub fn materials(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | object")] data: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | { lang?: string }")] lang: JsValue,
    ) -> Result<JsValue, JsValue> {
        let lang = lang_arg(&lang, "lang")?;
        let data = convert::json_value(&data, "data")?;
        let statuses = self.compiled.material_requirements(&data, lang);
        parse_json_output(&serde_json::to_string(&statuses).map_err(to_js_error)?)
    }

    /// The applicant's own checklist (一次性告知清单) from the answers to
    /// the item's situation questions in `data` (nothing else of the data
    /// is read): each material's need and how to get it, and the item's
    /// time limits, visits, fees and results; the same as
    /// `CompiledItem::checklist` natively.
    #[wasm_bindgen(unchecked_return_type = "Checklist")]
    pub fn checklist(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | object")] data: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | { lang?: string }")] lang: JsValue,
    ) -> Result<JsValue, JsValue> {
        let lang = lang_arg(&lang, "lang")?;
        let data = convert::json_value(&data, "data")?;
        let checklist = self.compiled.checklist(&data, lang);
        parse_json_output(&serde_json::to_string(&checklist).map_err(to_js_error)?)
    }

    /// Only the form data's problems, in document order (for live feedback),
    /// on the data as it would be submitted (blanks removed, values of
    /// fields that no longer apply dropped).
    /// With `accepted_on` (`YYYY-MM-DD`), dates inside identifiers are checked
    /// against it too (a birth date after the acceptance date), as
    /// `validate` does. `lang` may also be an options object,
    /// `{ lang?, acceptedOn? }`, as `validate` takes; an `accepted_on`
    /// given as well wins over the object's. Data nested deeper
    /// than the submission limit gets one `limit.too_deep` error at its
    /// place.
    #[wasm_bindgen(js_name = formErrors, unchecked_return_type = "ReportError[]")]
    pub fn form_errors(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | object")] data: JsValue,
        #[wasm_bindgen(
            unchecked_optional_param_type = "string | { lang?: string, acceptedOn?: string }"
        )]
        lang: JsValue,
        #[wasm_bindgen(js_name = acceptedOn, unchecked_optional_param_type = "string")]
        accepted_on: JsValue,
    ) -> Result<JsValue, JsValue> {
        let accepted_on = if convert::left_out(&accepted_on) {
            convert::optional_date_arg(&convert::option(&lang, "acceptedOn"), "acceptedOn")?
        } else {
            convert::optional_date_arg(&accepted_on, "acceptedOn")?
        };
        let lang = lang_arg(&lang, "lang")?;
        let data = convert::json_value(&data, "data")?;
        // On the data as it would be submitted (normalised, hidden branches
        // pruned), so JS and the widget agree on the same data.
        let errors = self.compiled.live_form_errors(&data, accepted_on, lang);
        parse_json_output(&serde_json::to_string(&errors).map_err(to_js_error)?)
    }

    /// The commitment documents a submission needs (容缺受理承诺书, 告知承诺书),
    /// with their full texts; the same as `validate(...).commitments`.
    #[wasm_bindgen(unchecked_return_type = "Commitment[]")]
    pub fn commitments(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Submission")] submission: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let report: Value =
            serde_json::from_str(&self.validate_json(submission, options)?).map_err(to_js_error)?;
        parse_json_output(&report["commitments"].to_string())
    }
}

/// The version of banli this build comes from.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The languages messages can be asked in.
#[wasm_bindgen(js_name = supportedLanguages)]
pub fn supported_languages() -> Vec<String> {
    [Lang::ZhCn, Lang::En]
        .iter()
        .map(|l| l.tag().to_owned())
        .collect()
}
