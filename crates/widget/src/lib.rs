//! banli-widget: any `banli-item/1` definition as a working application
//! form, rendered with Yew inside the `<banli-form>` custom element.
//!
//! The custom element and `mount()` are in `js/banli-form.js`; they call
//! [`mount_form`] with a container (inside the element's shadow root) and
//! callbacks that dispatch `banli-submit` / `banli-change`. Every rule
//! (which fields apply, validation, materials, commitments) comes from
//! banli-core; this crate is the view.

mod app;
mod clock;
mod components;
mod drafts;
mod engine;
mod ids;
mod model;
mod pages;
mod shared;
mod spare;
mod state;
mod validation;
mod view;

use std::cell::Cell;
use std::rc::Rc;

use banli_core::{CompiledItem, Lang};
use wasm_bindgen::prelude::*;
use yew::AppHandle;

use crate::app::{App, AppProps, Host, Settings};

thread_local! {
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(1) };
}

/// A mounted form: change its language, or remove it.
#[wasm_bindgen]
pub struct FormHandle {
    handle: Option<AppHandle<App>>,
    props: AppProps,
}

#[wasm_bindgen]
impl FormHandle {
    /// Switches the form's language (`zh-CN` or `en`), keeping what was entered.
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&mut self, lang: &str) -> Result<(), JsError> {
        let lang = parse_lang(lang)?;
        self.props.lang = lang;
        if let Some(handle) = self.handle.as_mut() {
            handle.update(self.props.clone());
        }
        Ok(())
    }

    /// Hands the form its schema engine: an `EngineItem` of
    /// `banli_widget_engine.js`, made from the same definition (the loader
    /// does this once that module has arrived). Until then the form is
    /// typeable and its verdicts wait. A view built with the engine linked
    /// in keeps its own.
    #[wasm_bindgen(js_name = setEngine)]
    pub fn set_engine(&mut self, engine: JsValue) {
        #[cfg(all(target_arch = "wasm32", not(feature = "engine")))]
        {
            use wasm_bindgen::JsCast;
            let item: engine::EngineItem = engine.unchecked_into();
            let judge: Rc<dyn banli_core::FormJudge> = Rc::new(engine::Bridged::new(item));
            // The item's requirements that only the engine decides are
            // asked of it from now on (materials, commitments, deadlines).
            self.props.item.lend_engine(judge.clone());
            self.props.engine = engine::Engine::Ready(judge);
            if let Some(handle) = self.handle.as_mut() {
                handle.update(self.props.clone());
            }
        }
        #[cfg(not(all(target_arch = "wasm32", not(feature = "engine"))))]
        let _ = engine;
    }

    /// Unmounts the form.
    pub fn destroy(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
    }
}

fn parse_lang(tag: &str) -> Result<Lang, JsError> {
    tag.parse::<Lang>()
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The host's `calendars` (`[{"name": URL, "text": JSON text}]`, laid over
/// the national calendar by `banli_core::calendar::load`) and `acceptedOn`
/// (`YYYY-MM-DD`; default: today in China).
fn dates(options: &serde_json::Value) -> Result<validation::Dates, JsError> {
    let mut texts = Vec::new();
    for entry in options
        .get("calendars")
        .and_then(serde_json::Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        let field = |key: &str| entry.get(key).and_then(serde_json::Value::as_str);
        texts.push((
            field("name").unwrap_or("calendar").to_owned(),
            field("text").unwrap_or_default().to_owned(),
        ));
    }
    let sources: Vec<banli_core::calendar::CalendarSource<'_>> = texts
        .iter()
        .map(|(name, text)| banli_core::calendar::CalendarSource { name, text })
        .collect();
    let calendar = if sources.is_empty() {
        None
    } else {
        Some(banli_core::calendar::load(&sources).map_err(|problems| {
            JsError::new(&format!(
                "invalid calendar:\n{}",
                banli_core::calendar::describe(&problems)
            ))
        })?)
    };
    let accepted_on = match options
        .get("acceptedOn")
        .and_then(serde_json::Value::as_str)
    {
        Some(text) => Some(banli_core::calendar::parse_date(text).map_err(|e| {
            let m = e.message();
            JsError::new(&format!("acceptedOn {text}: {} / {}", m.zh, m.en))
        })?),
        None => None,
    };
    Ok(validation::Dates::new(calendar, accepted_on))
}

/// Renders the form for `definition` (JSON text) into `root`. `options` is
/// JSON text: `{"drafts": bool, "largeText": bool, "prefill": {...},
/// "calendars": [{"name", "text"}], "acceptedOn": "YYYY-MM-DD"}`
/// (drafts are saved in local storage unless `drafts` is false; `largeText`
/// starts the form in large-text mode; `prefill` is read by
/// `banli_core::prefill::Prefill`). `on_submit` receives the submission envelope,
/// `on_change` the form data and `on_draft_restored` a description of a
/// restored draft, all as JSON text. `upload_hook`, when a function, is
/// called with each accepted `File` and the material id; the file counts as
/// chosen when the promise it returns resolves. Throws, listing every problem, when
/// the definition is invalid.
#[wasm_bindgen(js_name = mountForm)]
#[allow(
    clippy::too_many_arguments,
    reason = "one flat call across the JS boundary, made only by banli-form.js"
)]
pub fn mount_form(
    root: web_sys::Element,
    definition: &str,
    lang: &str,
    options: &str,
    on_submit: js_sys::Function,
    on_change: js_sys::Function,
    on_draft_restored: js_sys::Function,
    upload_hook: JsValue,
) -> Result<FormHandle, JsError> {
    let lang = parse_lang(lang)?;
    let options: serde_json::Value = if options.trim().is_empty() {
        serde_json::Value::Null
    } else {
        serde_json::from_str(options).map_err(|e| JsError::new(&format!("invalid options: {e}")))?
    };
    let flag = |name: &str, default: bool| {
        options
            .get(name)
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(default)
    };
    let prefill = banli_core::prefill::Prefill::from_value(
        options.get("prefill").unwrap_or(&serde_json::Value::Null),
    )
    .map_err(|e| match e.message() {
        Some(m) => JsError::new(&format!("invalid prefill: {} / {}", m.zh, m.en)),
        None => JsError::new(&format!("invalid prefill: {e}")),
    })?;
    let settings = Settings {
        drafts: flag("drafts", true),
        large_text: flag("largeText", false),
    };
    let dates = dates(&options)?;
    let item =
        CompiledItem::from_json(definition).map_err(|e| JsError::new(&e.unusable_message()))?;
    let instance = NEXT_INSTANCE.with(|n| {
        let current = n.get();
        n.set(current + 1);
        current
    });
    let item = Rc::new(item);
    let props = AppProps {
        item: item.clone(),
        lang,
        prefix: format!("bf{instance}-"),
        settings,
        prefill: Rc::new(prefill),
        dates: Rc::new(dates),
        engine: engine::Engine::initial(&item),
        host: Host {
            on_submit,
            on_change,
            on_draft_restored,
            upload_hook,
        },
    };
    let handle = yew::Renderer::<App>::with_root_and_props(root, props.clone()).render();
    Ok(FormHandle {
        handle: Some(handle),
        props,
    })
}
