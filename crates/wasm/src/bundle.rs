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
        let text = json_input(&bundle, "bundle")?;
        convert::object_arg(&members, "members")?;
        let file = BundleFile::from_json(&text).map_err(bundle_error)?;
        let items = compile_members(&file, &members).map_err(|e| match e {
            // The member's own problems, each with its place, as `new Item` throws them.
            BundleError::MemberInvalid { errors, .. } => definition_error(errors),
            other => bundle_error(other),
        })?;
        CoreBundle::new(&file, items)
            .map(|bundle| Bundle { bundle })
            .map_err(bundle_error)
    }

    /// The merged definition (an ordinary item with a `members` list), as an object.
    pub fn merged(&self) -> Result<JsValue, JsValue> {
        let text = serde_json::to_string(self.bundle.merged().definition())
            .map_err(convert::to_js_error)?;
        parse_json_output(&text)
    }
}

/// The members' definitions (`{ <member key>: definition }`, JSON strings or
/// objects) compiled in the bundle's order.
///
/// # Errors
/// `MemberMissing` for a member not given; `MemberInvalid` for one whose
/// definition does not load; `Unreadable` for one that is not JSON.
pub(crate) fn compile_members(
    file: &BundleFile,
    members: &JsValue,
) -> Result<Vec<CompiledItem>, BundleError> {
    file.members
        .iter()
        .map(|member| {
            let given = option(members, &member.key);
            if convert::left_out(&given) {
                return Err(BundleError::MemberMissing(member.key.clone()));
            }
            // A member that JSON cannot hold (a cycle, a function) fails here.
            let definition = json_input(&given, &member.key)
                .map_err(|_| BundleError::Unreadable(member.key.clone()))?;
            CompiledItem::from_json(&definition).map_err(|errors| BundleError::MemberInvalid {
                key: member.key.clone(),
                errors,
            })
        })
        .collect()
}

/// An `Error` named `BundleError`: `message` in Chinese, `messageEn` in English.
pub(crate) fn bundle_error(error: BundleError) -> JsValue {
    convert::text_error("BundleError", &error.message())
}
