//! `lint(text)`: the findings `banli lint --format json` prints for one item
//! definition, for editors that run in the browser (the playground).

use banli_core::definition::CheckOptions;
use wasm_bindgen::prelude::*;

use crate::convert::{self, parse_json_output, to_js_error};

/// Lints an item definition's text: every finding (meta-schema, the
/// loader's checks, the quality rules) with line, column, pointer, rule id,
/// message and fix hint, sorted by place. Options: `{ lang?, deferralMargin? }`.
#[wasm_bindgen(unchecked_return_type = "LintFinding[]")]
pub fn lint(
    definition: &str,
    #[wasm_bindgen(unchecked_param_type = "LintOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let get = |key: &str| convert::option(&options, key);
    let lang = convert::lang(get("lang").as_string().as_deref())?;
    let mut check = CheckOptions::default();
    let margin = get("deferralMargin");
    if !margin.is_undefined() {
        check.deferral_margin_working_days = margin
            .as_f64()
            .filter(|m| m.fract() == 0.0 && (0.0..=365.0).contains(m))
            .map(|m| m as u32)
            .ok_or_else(|| {
                JsError::new("deferralMargin must be a whole number of working days (0–365)")
            })?;
    }
    let findings: Vec<_> = banli_core::lint::lint(definition, &check)
        .iter()
        .map(|finding| finding.localized(lang))
        .collect();
    parse_json_output(&serde_json::to_string(&findings).map_err(to_js_error)?)
}
