//! Crossing the JS boundary: JSON text in (objects are stringified once),
//! objects out (`JSON.parse` of the core's JSON), options, and errors that
//! carry their problems as data.

use banli_core::calendar::{date_in_china, format_date, instant_from_unix_millis, parse_date};
use banli_core::json_text::{self, SyntaxError};
use banli_core::messages::js_api;
use banli_core::{DefinitionErrors, Lang, Text, ValidationContext, ValidationFailure};
use js_sys::{Array, Object, Reflect};
use serde_json::Value;
use time::Date;
use wasm_bindgen::prelude::*;

/// The error for a result the core could not write as JSON (its own
/// types: not expected to happen).
pub fn to_js_error(_error: impl std::fmt::Display) -> JsValue {
    text_error("Error", &js_api::unwritable_output())
}

/// JavaScript's name for the kind of `value`, for messages: its `typeof`,
/// with `null` and arrays named as such.
fn kind_of(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_owned()
    } else if Array::is_array(value) {
        "array".to_owned()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// `undefined` or `null`: an argument left out, as wasm-bindgen's own
/// optional arguments take both.
pub fn left_out(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

fn type_error(text: &Text) -> JsValue {
    text_error("TypeError", text)
}

fn range_error(text: &Text) -> JsValue {
    text_error("RangeError", text)
}

// Every argument crosses as a `JsValue` and is checked here, not by
// wasm-bindgen: its conversion to `&str`, `String` or a number trusts the
// caller, and a JS object given for a string read wasm memory out of bounds
// (a `RuntimeError` that can leave the instance unusable for every later
// call of a back end).

/// A string argument named `name`.
pub fn text_arg(value: &JsValue, name: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| type_error(&js_api::not_a_string(name, &kind_of(value))))
}

/// A string argument that may be left out (`undefined` or `null`).
pub fn optional_text_arg(value: &JsValue, name: &str) -> Result<Option<String>, JsValue> {
    if left_out(value) {
        Ok(None)
    } else {
        text_arg(value, name).map(Some)
    }
}

/// A JSON string as given, or any other value JSON can hold (an object,
/// an array, a number, a boolean) stringified: a number is not a
/// submission, and the core says so in its report. `undefined`, `null`, a
/// symbol, a function or a BigInt is a `TypeError`.
pub fn json_input(value: &JsValue, name: &str) -> Result<String, JsValue> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    let holdable = value.is_object() || value.as_f64().is_some() || value.as_bool().is_some();
    if !holdable {
        return Err(type_error(&js_api::not_json_input(name, &kind_of(value))));
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| type_error(&js_api::not_convertible(name)))
}

/// An `Error` named `name` whose `message` is the Chinese text and
/// `messageEn` the English one, as every error the core words is thrown.
pub fn text_error(name: &str, text: &Text) -> JsValue {
    let js_error = js_sys::Error::new(&text.zh);
    js_error.set_name(name);
    let _ = Reflect::set(&js_error, &"messageEn".into(), &text.en.clone().into());
    js_error.into()
}

/// A `SyntaxError` (the name `JSON.parse` uses) with the core's words and
/// the place as `line` and `column` (1-based).
pub fn syntax_error(error: &SyntaxError) -> JsValue {
    let js_error = text_error("SyntaxError", &error.message());
    let _ = Reflect::set(&js_error, &"line".into(), &(error.line as u32).into());
    let _ = Reflect::set(&js_error, &"column".into(), &(error.column as u32).into());
    js_error
}

/// A JSON string or a JS object named `name`, parsed by the core's reader.
pub fn json_value(value: &JsValue, name: &str) -> Result<Value, JsValue> {
    json_text::parse(&json_input(value, name)?).map_err(|e| syntax_error(&e))
}

pub fn parse_json_output(text: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(text).map_err(|_| text_error("Error", &js_api::invalid_output()))
}

fn parse_lang(tag: &str, name: &str) -> Result<Lang, JsValue> {
    tag.parse().map_err(|_: banli_core::messages::UnknownLang| {
        range_error(&js_api::unknown_lang(name, tag))
    })
}

/// A language tag (`zh-CN`, `en`) named `name`, or nothing for Chinese.
pub fn lang_tag(value: &JsValue, name: &str) -> Result<Lang, JsValue> {
    match optional_text_arg(value, name)? {
        None => Ok(Lang::ZhCn),
        Some(tag) => parse_lang(&tag, name),
    }
}

/// A language argument: a tag, an options object with `lang` (as
/// `validate` takes it), or nothing for Chinese.
pub fn lang_arg(value: &JsValue, name: &str) -> Result<Lang, JsValue> {
    if let Some(tag) = value.as_string() {
        return parse_lang(&tag, name);
    }
    if left_out(value) {
        return Ok(Lang::ZhCn);
    }
    if value.is_object() && !Array::is_array(value) {
        return lang_tag(&option(value, "lang"), "lang");
    }
    Err(type_error(&js_api::not_lang(name, &kind_of(value))))
}

/// A date argument (`YYYY-MM-DD`) named `name`.
pub fn date_arg(value: &JsValue, name: &str) -> Result<Date, JsValue> {
    let text = text_arg(value, name)?;
    parse_date(&text).map_err(|e| range_error(&js_api::invalid_date(name, &e.message())))
}

/// A date argument that may be left out (`undefined` or `null`).
pub fn optional_date_arg(value: &JsValue, name: &str) -> Result<Option<Date>, JsValue> {
    if left_out(value) {
        Ok(None)
    } else {
        date_arg(value, name).map(Some)
    }
}

/// A whole number from 0 to `max` named `name`.
pub fn count_arg(value: &JsValue, name: &str, max: u32) -> Result<u32, JsValue> {
    let Some(number) = value.as_f64() else {
        return Err(type_error(&js_api::not_a_count(name, max)));
    };
    if number.fract() == 0.0 && (0.0..=f64::from(max)).contains(&number) {
        Ok(number as u32)
    } else {
        Err(range_error(&js_api::not_a_count(name, max)))
    }
}

/// An object argument named `name` (not an array).
pub fn object_arg(value: &JsValue, name: &str) -> Result<(), JsValue> {
    if value.is_object() && !Array::is_array(value) {
        Ok(())
    } else {
        Err(type_error(&js_api::not_an_object(name, &kind_of(value))))
    }
}

/// An options argument named `name`: an object, or nothing.
pub fn options_arg(value: &JsValue, name: &str) -> Result<(), JsValue> {
    if left_out(value) || (value.is_object() && !Array::is_array(value)) {
        Ok(())
    } else {
        Err(type_error(&js_api::not_options(name, &kind_of(value))))
    }
}

/// `options[key]`, or `undefined` when `options` is not an object.
pub fn option(options: &JsValue, key: &str) -> JsValue {
    if options.is_object() {
        Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// `{lang?, acceptedOn?, pretty?}`.
pub struct Options {
    pub lang: Lang,
    pub accepted_on: Date,
    pub pretty: bool,
}

impl Options {
    pub fn from_js(options: &JsValue) -> Result<Options, JsValue> {
        options_arg(options, "options")?;
        let get = |key: &str| option(options, key);
        let lang = lang_tag(&get("lang"), "lang")?;
        let accepted_on =
            optional_date_arg(&get("acceptedOn"), "acceptedOn")?.unwrap_or_else(today_in_china);
        Ok(Options {
            lang,
            accepted_on,
            pretty: get("pretty").is_truthy(),
        })
    }
}

/// A submission (JSON text or object) through `validate` with the options'
/// language, acceptance date and the loaded calendar; the report as JSON
/// text (indented with `pretty: true`), as the native core writes it.
pub fn report_text<R: serde::Serialize>(
    submission: &JsValue,
    options: &JsValue,
    validate: impl FnOnce(&str, &ValidationContext<'_>) -> Result<R, ValidationFailure>,
) -> Result<String, JsValue> {
    let options = Options::from_js(options)?;
    // The core checks the text's size and nesting before parsing it.
    let text = json_input(submission, "submission")?;
    let report = crate::calendar::with_calendar(|calendar| {
        let ctx = ValidationContext::new(options.lang).accepted_on(options.accepted_on, calendar);
        validate(&text, &ctx)
    })
    .map_err(|ValidationFailure::Syntax(syntax)| syntax_error(&syntax))?;
    if options.pretty {
        serde_json::to_string_pretty(&report)
    } else {
        serde_json::to_string(&report)
    }
    .map_err(to_js_error)
}

/// The two validation methods of a JS class whose field `$field` has
/// `validate_json(&str, &ValidationContext)` (an item and a bundle): `validate`
/// returns the report (`$report`, a TypeScript type name) as an object,
/// `validateJson` as the exact JSON text the native core produces.
macro_rules! validation_methods {
    ($class:ident, $field:ident, $report:tt) => {
        #[wasm_bindgen]
        impl $class {
            /// Validates a submission envelope (a JSON string or object) and
            /// returns the report as an object. Throws a `SyntaxError` naming
            /// the line and column when the text is not JSON.
            #[wasm_bindgen(unchecked_return_type = $report)]
            pub fn validate(
                &self,
                #[wasm_bindgen(unchecked_param_type = "string | Submission")] submission: JsValue,
                #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] options: JsValue,
            ) -> Result<JsValue, JsValue> {
                $crate::convert::parse_json_output(&self.validate_json(submission, options)?)
            }

            /// Validates a submission envelope and returns the report as JSON
            /// text, byte for byte what the native core produces (and `banli
            /// check --format json` prints, with `pretty: true`).
            #[wasm_bindgen(js_name = validateJson)]
            pub fn validate_json(
                &self,
                #[wasm_bindgen(unchecked_param_type = "string | Submission")] submission: JsValue,
                #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] options: JsValue,
            ) -> Result<String, JsValue> {
                $crate::convert::report_text(&submission, &options, |text, ctx| {
                    self.$field.validate_json(text, ctx)
                })
            }
        }
    };
}
pub(crate) use validation_methods;

/// The shell reads the clock, never the core.
pub fn today_in_china() -> Date {
    date_in_china(instant_from_unix_millis(js_sys::Date::now()))
}

/// An `Error` named `DefinitionError`: `message` (Chinese) and `messageEn`
/// list every problem, one per line (`POINTER: text [code]`), and
/// `problems` holds them as `{severity, pointer, code, message, messageEn}`.
pub fn definition_error(error: DefinitionErrors) -> JsValue {
    let diagnostics = error.diagnostics();
    let lines = |lang: Lang| {
        diagnostics
            .iter()
            .map(|d| {
                let place = d.place();
                format!("\n{place}: {} [{}]", d.message.get(lang), d.code)
            })
            .collect::<String>()
    };
    let heading = banli_core::messages::definition::unusable_heading();
    let text = Text::new(
        format!("{}{}", heading.zh, lines(Lang::ZhCn)),
        format!("{}{}", heading.en, lines(Lang::En)),
    );
    let js_error = text_error("DefinitionError", &text);
    let problems = Array::new();
    for d in &diagnostics {
        let localized = d.localized(Lang::ZhCn);
        let problem = Object::new();
        let _ = Reflect::set(
            &problem,
            &"severity".into(),
            &localized.severity.as_str().into(),
        );
        let _ = Reflect::set(&problem, &"pointer".into(), &localized.pointer.into());
        let _ = Reflect::set(&problem, &"code".into(), &localized.code.into());
        let _ = Reflect::set(&problem, &"message".into(), &localized.message.into());
        let _ = Reflect::set(&problem, &"messageEn".into(), &d.message.en.clone().into());
        problems.push(&problem);
    }
    let _ = Reflect::set(&js_error, &"problems".into(), &problems);
    js_error
}

pub fn date_out(date: Date) -> String {
    format_date(date)
}
