//! Crossing the JS boundary: JSON text in (objects are stringified once),
//! objects out (`JSON.parse` of the core's JSON), options, and errors that
//! carry their problems as data.

use banli_core::calendar::{date_in_china, format_date, instant_from_unix_millis, parse_date};
use banli_core::json_text::{self, SyntaxError};
use banli_core::{DefinitionErrors, Lang, Text, ValidationContext, ValidationFailure};
use js_sys::{Array, Object, Reflect};
use serde_json::Value;
use time::Date;
use wasm_bindgen::prelude::*;

pub fn to_js_error(error: impl std::fmt::Display) -> JsError {
    JsError::new(&error.to_string())
}

/// A JSON string as given, or a JS value stringified.
pub fn json_input(value: &JsValue) -> Result<String, JsError> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    if value.is_undefined() || value.is_null() {
        return Err(JsError::new("expected a JSON string or an object"));
    }
    js_sys::JSON::stringify(value)
        .map_err(|_| JsError::new("the value cannot be converted to JSON"))?
        .as_string()
        .ok_or_else(|| JsError::new("the value cannot be converted to JSON"))
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

/// A JSON string or a JS value, parsed by the core's reader.
pub fn json_value(value: &JsValue) -> Result<Value, JsValue> {
    json_text::parse(&json_input(value)?).map_err(|e| syntax_error(&e))
}

pub fn parse_json_output(text: &str) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(text)
        .map_err(|_| JsError::new("internal error: the core produced invalid JSON"))
}

pub fn lang(tag: Option<&str>) -> Result<Lang, JsError> {
    match tag {
        None => Ok(Lang::ZhCn),
        Some(tag) => tag
            .parse()
            .map_err(|e: banli_core::messages::UnknownLang| JsError::new(&e.to_string())),
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
    pub fn from_js(options: &JsValue) -> Result<Options, JsError> {
        let get = |key: &str| option(options, key);
        let lang = lang(get("lang").as_string().as_deref())?;
        let accepted_on = match get("acceptedOn").as_string() {
            Some(text) => parse_date(&text)
                .map_err(|e| JsError::new(&format!("acceptedOn {text}: {}", e.message().en)))?,
            None => today_in_china(),
        };
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
    let text = json_input(submission)?;
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
    .map_err(|e| to_js_error(e).into())
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
                #[wasm_bindgen(unchecked_param_type = "ValidateOptions | undefined")]
                options: JsValue,
            ) -> Result<JsValue, JsValue> {
                Ok($crate::convert::parse_json_output(
                    &self.validate_json(submission, options)?,
                )?)
            }

            /// Validates a submission envelope and returns the report as JSON
            /// text, byte for byte what the native core produces (and `banli
            /// check --format json` prints, with `pretty: true`).
            #[wasm_bindgen(js_name = validateJson)]
            pub fn validate_json(
                &self,
                #[wasm_bindgen(unchecked_param_type = "string | Submission")] submission: JsValue,
                #[wasm_bindgen(unchecked_param_type = "ValidateOptions | undefined")]
                options: JsValue,
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

pub fn date_arg(text: &str) -> Result<Date, JsError> {
    parse_date(text).map_err(|e| JsError::new(&format!("{text}: {}", e.message().en)))
}

pub fn date_out(date: Date) -> String {
    format_date(date)
}
