//! The schema engine as the form reaches it ([`Engine`]).
//!
//! With the feature `engine` (native tests, a one-module build) the core's
//! engine is linked in and the form starts with it. The browser's view is
//! built without it, so that it paints before the engine's bytes have
//! arrived: the loader fetches `banli-widget-engine` after the view and
//! hands over an `EngineItem` for the same definition
//! ([`crate::FormHandle::set_engine`]). Until then the form is typeable,
//! its verdicts are pending, and what needs one (Next, Submit, restoring a
//! draft) waits for it.

use std::rc::Rc;

use banli_core::FormJudge;

/// The form's judge, or none yet.
#[derive(Clone)]
pub enum Engine {
    /// The engine module has not arrived.
    #[cfg_attr(
        feature = "engine",
        allow(
            dead_code,
            reason = "only a view built without the engine waits for one"
        )
    )]
    Pending,
    Ready(Rc<dyn FormJudge>),
}

impl Engine {
    /// The engine the form starts with: linked in, or pending.
    pub fn initial(item: &Rc<banli_core::CompiledItem>) -> Self {
        #[cfg(feature = "engine")]
        {
            Engine::Ready(item.clone())
        }
        #[cfg(not(feature = "engine"))]
        {
            let _ = item;
            Engine::Pending
        }
    }

    pub fn judge(&self) -> Option<&dyn FormJudge> {
        match self {
            Engine::Pending => None,
            Engine::Ready(judge) => Some(judge.as_ref()),
        }
    }

    pub fn is_ready(&self) -> bool {
        matches!(self, Engine::Ready(_))
    }
}

impl PartialEq for Engine {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Engine::Pending, Engine::Pending) => true,
            (Engine::Ready(a), Engine::Ready(b)) => std::ptr::addr_eq(Rc::as_ptr(a), Rc::as_ptr(b)),
            _ => false,
        }
    }
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.is_ready() {
            "Engine::Ready"
        } else {
            "Engine::Pending"
        })
    }
}

#[cfg(target_arch = "wasm32")]
pub use bridge::{Bridged, EngineItem};

/// The engine module reached through JavaScript.
#[cfg(target_arch = "wasm32")]
mod bridge {
    use std::cell::RefCell;

    use banli_core::report::ReportError;
    use banli_core::{FormJudge, Lang, RequirementOf};
    use serde_json::Value;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// `banli-widget-engine`'s `EngineItem`.
        pub type EngineItem;

        #[wasm_bindgen(method, catch, js_name = setData)]
        fn set_data(this: &EngineItem, data: &[u8]) -> Result<u32, JsValue>;

        #[wasm_bindgen(method, catch, js_name = updateData)]
        fn update_data(this: &EngineItem, version: u32, changes: &[u8]) -> Result<u32, JsValue>;

        #[wasm_bindgen(method, catch, js_name = judgeForm)]
        fn judge_form(
            this: &EngineItem,
            version: u32,
            lang: &str,
            accepted_on: &str,
        ) -> Result<Vec<u8>, JsValue>;

        #[wasm_bindgen(method, catch, js_name = materialRequired)]
        fn material_required(
            this: &EngineItem,
            version: u32,
            index: usize,
        ) -> Result<bool, JsValue>;

        #[wasm_bindgen(method, catch, js_name = memberRequires)]
        fn member_requires(
            this: &EngineItem,
            version: u32,
            member: usize,
            term: usize,
        ) -> Result<bool, JsValue>;
    }

    /// An `EngineItem` as the form's judge.
    ///
    /// The module judges its own copy of the form data; this side keeps
    /// what it last sent and, before each question, sends only what changed
    /// since ([`banli_core::replica`]). A keystroke crosses as one value
    /// instead of the whole form written out and parsed again.
    pub struct Bridged {
        item: EngineItem,
        /// The module's copy as this side last left it, and its version;
        /// `None` before the first question and after a failure.
        sent: RefCell<Option<(u32, Value)>>,
    }

    impl Bridged {
        pub fn new(item: EngineItem) -> Self {
            Self {
                item,
                sent: RefCell::new(None),
            }
        }

        /// Asks `question` about `data`: brings the module's copy up to
        /// date, then asks with its version. On any failure (the module
        /// refuses a version: its copy is not where this side left it,
        /// after a failed update or page script calling it; or anything
        /// else) the whole data is sent and the question asked once more;
        /// when that fails too, both failures are the error.
        fn ask<T>(
            &self,
            data: &Value,
            question: impl Fn(u32) -> Result<T, JsValue>,
        ) -> Result<T, String> {
            let first = match self.update(data) {
                Ok(version) => match question(version) {
                    Ok(answer) => return Ok(answer),
                    Err(e) => format!("{e:?}"),
                },
                Err(e) => e,
            };
            *self.sent.borrow_mut() = None;
            let again = self
                .update(data)
                .and_then(|version| question(version).map_err(|e| format!("{e:?}")));
            again.map_err(|second| format!("{first}; with the whole data: {second}"))
        }

        /// Brings the module's copy to `data`; its version.
        fn update(&self, data: &Value) -> Result<u32, String> {
            let mut sent = self.sent.borrow_mut();
            let fail = |e: JsValue| format!("{e:?}");
            match sent.as_mut() {
                Some((version, copy)) => {
                    let changes = banli_core::replica::changes(copy, data);
                    if changes.is_empty() {
                        return Ok(*version);
                    }
                    let bytes = serde_json::to_vec(&changes).expect("changes always serialise");
                    let outcome = self.item.update_data(*version, &bytes).map_err(fail);
                    // Whatever happened, the module's copy has moved on.
                    let Ok(next) = outcome else {
                        *sent = None;
                        return outcome;
                    };
                    if banli_core::replica::apply(copy, changes).is_err() {
                        *sent = None;
                        return Err("the changes do not apply to this side's copy".into());
                    }
                    *version = next;
                    Ok(next)
                }
                None => {
                    // Written straight into a buffer, not through `Display`.
                    let bytes = serde_json::to_vec(data).expect("a Value always serialises");
                    let version = self.item.set_data(&bytes).map_err(fail)?;
                    *sent = Some((version, data.clone()));
                    Ok(version)
                }
            }
        }
    }

    impl FormJudge for Bridged {
        fn judge_form(
            &self,
            data: &Value,
            accepted_on: Option<time::Date>,
            lang: Lang,
        ) -> Vec<ReportError> {
            let accepted_on = accepted_on.map(banli_core::calendar::format_date);
            let accepted_on = accepted_on.as_deref().unwrap_or_default();
            let answer = self.ask(data, |version| {
                self.item.judge_form(version, lang.tag(), accepted_on)
            });
            // The module and the view come from one build and the view
            // sends only what the module reads, so a failure here is a
            // bug: it is reported on the console and fails the form's
            // check rather than passing data nobody judged.
            match answer.and_then(|bytes| serde_json::from_slice(&bytes).map_err(|e| e.to_string()))
            {
                Ok(errors) => errors,
                Err(problem) => {
                    web_sys::console::error_1(&format!("banli-form: engine: {problem}").into());
                    vec![ReportError {
                        path: String::new(),
                        code: "engine.failed".into(),
                        label: String::new(),
                        message: banli_core::messages::widget::engine_failed()
                            .get(lang)
                            .into(),
                    }]
                }
            }
        }

        fn requirement_holds(&self, requirement: RequirementOf, data: &Value) -> bool {
            let answer = self.ask(data, |version| match requirement {
                RequirementOf::Material(index) => self.item.material_required(version, index),
                RequirementOf::MemberTerm { member, term } => {
                    self.item.member_requires(version, member, term)
                }
            });
            // As in judge_form, a failure is a bug: reported, and the
            // material counts as required, as a condition the engine
            // cannot compile does.
            answer.unwrap_or_else(|e| {
                web_sys::console::error_1(&format!("banli-form: engine: {e}").into());
                true
            })
        }
    }
}
