//! Crossing the JS boundary: JSON text in (objects are stringified once),
//! objects out (`JSON.parse` of the core's JSON), options, and errors that
//! carry their problems as data.

use banli_core::calendar::{date_in_china, format_date, instant_from_unix_millis, parse_date};
use banli_core::{DefinitionErrors, Lang, ValidationContext, ValidationFailure};
use js_sys::{Array, Object, Reflect};
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

pub fn parse_json_output(text: &str) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(text)
        .map_err(|_| JsError::new("internal error: the core produced invalid JSON"))
}

pub fn lang(tag: Option<&str>) -> Result<Lang, JsError> {
    match tag {
        None => Ok(Lang::ZhCn),
        Some(tag) => Lang::parse(tag).ok_or_else(|| {
            JsError::new(&format!("unsupported language “{tag}” (use zh-CN or en)"))
        }),
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
) -> Result<String, JsError> {
    let options = Options::from_js(options)?;
    // The core checks the text's size and nesting before parsing it.
    let text = json_input(submission)?;
    let report = crate::calendar::with_calendar(|calendar| {
        let ctx = ValidationContext::new(options.lang).accepted_on(options.accepted_on, calendar);
        validate(&text, &ctx)
    })
    .map_err(to_js_error)?;
    if options.pretty {
        serde_json::to_string_pretty(&report)
    } else {
        serde_json::to_string(&report)
    }
    .map_err(to_js_error)
}

/// The shell reads the clock, never the core.
pub fn today_in_china() -> Date {
    date_in_china(instant_from_unix_millis(js_sys::Date::now()))
}

/// An `Error` with a `problems` array: `{severity, pointer, code, message}`.
pub fn definition_error(error: DefinitionErrors) -> JsValue {
    let diagnostics = error.diagnostics();
    let lines: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    let js_error = js_sys::Error::new(&format!("invalid item definition:\n{}", lines.join("\n")));
    js_error.set_name("DefinitionError");
    let problems = Array::new();
    for d in &diagnostics {
        let localized = d.localized(Lang::ZhCn);
        let problem = Object::new();
        let _ = Reflect::set(
            &problem,
            &"severity".into(),
            &serde_json::to_string(&localized.severity)
                .unwrap_or_default()
                .trim_matches('"')
                .into(),
        );
        let _ = Reflect::set(&problem, &"pointer".into(), &localized.pointer.into());
        let _ = Reflect::set(&problem, &"code".into(), &localized.code.into());
        let _ = Reflect::set(&problem, &"message".into(), &localized.message.into());
        let _ = Reflect::set(&problem, &"messageEn".into(), &d.message.en.clone().into());
        problems.push(&problem);
    }
    let _ = Reflect::set(&js_error, &"problems".into(), &problems);
    js_error.into()
}

pub fn date_arg(text: &str) -> Result<Date, JsError> {
    parse_date(text).map_err(|e| JsError::new(&format!("{text}: {}", e.message().en)))
}

pub fn date_out(date: Date) -> String {
    format_date(date)
}
