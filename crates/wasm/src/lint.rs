//! `lint(text)`: the findings `banli lint --format json` prints for one
//! file (an item, a bundle with its members, a calendar), for editors that
//! run in the browser (the playground).

use banli_core::bundle::{BundleFile, MemberSource};
use banli_core::definition::CheckOptions;
use banli_core::lint::FileKind;
use serde_json::json;
use wasm_bindgen::prelude::*;

use crate::bundle::compile_members;
use crate::convert::{self, parse_json_output, text_arg, to_js_error};

/// What a file's text is, as `banli lint` tells: `"item"`, `"bundle"`,
/// `"calendar"` or `"schema"` (anything unrecognised is an item, so that
/// lint explains what is wrong with it).
#[wasm_bindgen(js_name = fileKind)]
pub fn file_kind(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<String, JsValue> {
    Ok(match FileKind::of(&text_arg(&text, "text")?) {
        FileKind::Item => "item",
        FileKind::Bundle => "bundle",
        FileKind::Calendar => "calendar",
        FileKind::JsonSchema => "schema",
    }
    .to_owned())
}

/// Where each member of a bundle file comes from, in the file's order, by
/// the core's rule (`BundleFile::resolve`): `{ key, file }` (a path relative
/// to the bundle file) or `{ key, code }` (an implementation code to look up).
/// The caller fetches them and passes them to `lint` or `new Bundle`.
/// Throws a `BundleError` when the bundle file itself is broken.
#[wasm_bindgen(js_name = bundleMembers, unchecked_return_type = "BundleMember[]")]
pub fn bundle_members(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let file =
        BundleFile::from_json(&text_arg(&text, "text")?).map_err(crate::bundle::bundle_error)?;
    let members = file
        .resolve(|member, source| {
            Ok::<_, ()>(match source {
                MemberSource::File(path) => json!({"key": member.key, "file": path}),
                MemberSource::Code(code) => json!({"key": member.key, "code": code}),
            })
        })
        .unwrap_or_default();
    parse_json_output(&serde_json::Value::Array(members).to_string())
}

/// Lints a file's text: every finding (meta-schema, the loader's checks,
/// the quality rules) with line, column, pointer, rule id, message and fix
/// hint, sorted by place. Options: `{ lang?, deferralMargin?, members? }`;
/// a bundle is linted with its members (`{ <member key>: definition }`, as
/// `new Bundle` takes them) when they are given, as a file alone otherwise.
#[wasm_bindgen(unchecked_return_type = "LintFinding[]")]
pub fn lint(
    #[wasm_bindgen(unchecked_param_type = "string")] definition: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LintOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let definition = &text_arg(&definition, "definition")?;
    convert::options_arg(&options, "options")?;
    let get = |key: &str| convert::option(&options, key);
    let lang = convert::lang_tag(&get("lang"), "lang")?;
    let mut check = CheckOptions::default();
    let margin = get("deferralMargin");
    if !convert::left_out(&margin) {
        check.deferral_margin_working_days = convert::count_arg(&margin, "deferralMargin", 365)?;
    }
    let members = get("members");
    let mut findings = banli_core::lint::lint_any(definition, &check);
    if findings.is_empty()
        && !members.is_undefined()
        && FileKind::of(definition) == FileKind::Bundle
        && let Ok(file) = BundleFile::from_json(definition)
    {
        findings = match compile_members(&file, &members) {
            Ok(compiled) => banli_core::lint::bundle(definition, &file, &compiled),
            Err(problem) => vec![banli_core::lint::bundle_problem(definition, &problem)],
        };
    }
    let findings: Vec<_> = findings
        .iter()
        .map(|finding| finding.localized(lang))
        .collect();
    parse_json_output(&serde_json::to_string(&findings).map_err(to_js_error)?)
}
