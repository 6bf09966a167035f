//! `Bundle`: one 一件事一次办 application for several items, for portals that
//! use their own UI. JavaScript resolves the member items (the core reads no
//! files), passing each member's definition under its key.

use banli_core::CompiledItem;
use banli_core::bundle::{Bundle as CoreBundle, BundleError, BundleFile};
use wasm_bindgen::prelude::*;

use crate::convert::{self, definition_error, json_input, option, parse_json_output};

/// A bundle merged from its member items. Validate many times.
#[wasm_bindgen]
pub struct Bundle {
    bundle: CoreBundle,
}

convert::validation_methods!(Bundle, bundle, "BundleReport");

#[wasm_bindgen]
impl Bundle {
    /// Merges a `banli-bundle/1` file with its member items, given as
    /// `{ <member key>: definition }` (JSON strings or objects). Throws when
    /// the bundle file is broken (naming the problem), when a member is
    /// missing from `members`, or with the member's problems when its
    /// definition is invalid.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string | object")] bundle: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Record<string, string | object>")] members: JsValue,
    ) -> Result<Bundle, JsValue> {
        let text = json_input(&bundle).map_err(JsValue::from)?;
        let file = BundleFile::from_json(&text).map_err(bundle_error)?;
        let mut items = Vec::with_capacity(file.members.len());
        for member in &file.members {
            let given = option(&members, &member.key);
            if given.is_undefined() || given.is_null() {
                return Err(bundle_error(BundleError::MemberMissing(member.key.clone())));
            }
            let definition = json_input(&given).map_err(JsValue::from)?;
            items.push(CompiledItem::from_json(&definition).map_err(definition_error)?);
        }
        CoreBundle::new(&file, items)
            .map(|bundle| Bundle { bundle })
            .map_err(bundle_error)
    }

    /// The merged definition (an ordinary item with a `members` list), as an object.
    pub fn merged(&self) -> Result<JsValue, JsError> {
        let text = serde_json::to_string(self.bundle.merged().definition())
            .map_err(convert::to_js_error)?;
        parse_json_output(&text)
    }
}

/// An `Error` named `BundleError`: `message` in Chinese, `messageEn` in English.
fn bundle_error(error: BundleError) -> JsValue {
    convert::text_error("BundleError", &error.message())
}
