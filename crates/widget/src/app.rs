//! The root component: one reducer for the whole form, the page's
//! components, and every side effect — focusing after a page change or a
//! failed Next, telling the host about changes and the submission, and
//! reading and writing drafts in storage (nowhere else).

use std::rc::Rc;

use banli_core::CompiledItem;
use banli_core::messages::{Lang, widget as text};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::components::checklist::ChecklistView;
use crate::components::draft_notice::DraftNoticeView;
use crate::components::env::{Env, EnvInner};
use crate::components::fields;
use crate::components::materials::MaterialsPage;
use crate::components::navigation::Navigation;
use crate::components::progress::Progress;
use crate::components::review::ReviewPage;
use crate::components::summary::Summary;
use crate::engine::Engine;
use crate::state::{Action, DraftNotice, FormState, StorageWrite};
use crate::view::PageView;
use crate::{drafts, ids};

/// The host's callbacks: `(json_text)`; they dispatch the DOM events.
#[derive(Clone)]
pub struct Host {
    pub on_submit: js_sys::Function,
    pub on_change: js_sys::Function,
    pub on_draft_restored: js_sys::Function,
    /// `(file, materialId) => Promise` or undefined.
    pub upload_hook: JsValue,
}

/// The host's choices: drafts on or off, large text by default.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub drafts: bool,
    pub large_text: bool,
}

impl PartialEq for Host {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[derive(Properties, Clone)]
pub struct AppProps {
    pub item: Rc<CompiledItem>,
    pub lang: Lang,
    pub prefix: String,
    pub settings: Settings,
    pub prefill: Rc<banli_core::prefill::Prefill>,
    /// The host's calendars and acceptance date.
    pub dates: Rc<crate::validation::Dates>,
    /// The schema engine once it has arrived (`FormHandle::set_engine`);
    /// pending before, in a view built without it.
    pub engine: Engine,
    pub host: Host,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.item, &other.item)
            && self.lang == other.lang
            && self.prefix == other.prefix
            && self.settings == other.settings
            && self.engine == other.engine
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let settings = props.settings;
    let state = use_reducer(|| {
        let mut state = FormState::new(
            props.item.clone(),
            props.lang,
            props.prefix.clone(),
            props.prefill.clone(),
            props.dates.clone(),
        )
        .with_draft(settings.drafts.then(|| drafts::load(&props.item)).flatten());
        state.large_text = settings.large_text;
        state
    });
    let dispatch = state.dispatcher();
    let env = {
        let dispatch = dispatch.clone();
        let prefix = props.prefix.clone();
        let item = props.item.clone();
        let upload_hook = props.host.upload_hook.clone();
        (*use_memo((), move |()| {
            Env(Rc::new(EnvInner {
                prefix,
                dispatch,
                item,
                upload_hook: upload_hook.dyn_into::<js_sys::Function>().ok(),
            }))
        }))
        .clone()
    };
    let root = use_node_ref();
    {
        let dispatch = dispatch.clone();
        use_effect_with(props.lang, move |lang| {
            dispatch.dispatch(Action::SetLang { lang: *lang })
        });
    }
    {
        let dispatch = dispatch.clone();
        let current = state.engine.clone();
        use_effect_with(props.engine.clone(), move |engine| {
            if engine.is_ready() && *engine != current {
                dispatch.dispatch(Action::EngineReady {
                    engine: engine.clone(),
                });
            }
        });
    }
    {
        let root = root.clone();
        let prefix = state.prefix.clone();
        use_effect_with(state.effects.focus.clone(), move |focus| {
            if let Some((target, _)) = focus {
                focus_element(&root, &ids::resolve(&prefix, target));
            }
        });
    }
    {
        let host = props.host.clone();
        use_effect_with(state.effects.change.clone(), move |change| {
            if let Some((data, _)) = change {
                let _ = host
                    .on_change
                    .call1(&JsValue::NULL, &JsValue::from_str(data));
            }
        });
    }
    {
        let host = props.host.clone();
        use_effect_with(state.effects.submit.clone(), move |submit| {
            if let Some((envelope, _)) = submit {
                let _ = host
                    .on_submit
                    .call1(&JsValue::NULL, &JsValue::from_str(envelope));
            }
        });
    }
    {
        let host = props.host.clone();
        use_effect_with(state.effects.restored.clone(), move |restored| {
            if let Some((detail, _)) = restored {
                let _ = host
                    .on_draft_restored
                    .call1(&JsValue::NULL, &JsValue::from_str(detail));
            }
        });
    }
    {
        // Before the autosave below: a cleared draft is gone before the
        // state after it is saved.
        let item = props.item.clone();
        use_effect_with(state.effects.storage.clone(), move |write| match write {
            Some((StorageWrite::ClearDraft { version }, _)) => {
                drafts::clear(item.definition(), version.as_deref());
            }
            Some((StorageWrite::ForgetDefinition { code, version }, _)) => {
                drafts::forget_definition(code, version);
            }
            None => {}
        });
    }
    {
        // Autosave: after every change, unless a saved draft is still on
        // offer (it must not be overwritten before the applicant decides)
        // or kept unused (it must not be overwritten at all).
        let snapshot = state.clone();
        let offered =
            matches!(state.draft, Some(DraftNotice::Offered { .. })) || state.keeps_stored_draft;
        // Keyed by the change serial (the answers changed), not by a copy
        // of the data: comparing the whole data on every render would cost
        // as much as the keystroke itself on a large form.
        let changed = state.effects.change.as_ref().map(|(_, serial)| *serial);
        use_effect_with((changed, state.page, state.submitted), move |_| {
            if !settings.drafts || offered {
                return;
            }
            let empty = snapshot
                .data
                .as_object()
                .is_none_or(serde_json::Map::is_empty)
                && snapshot.materials.is_empty();
            if snapshot.submitted || empty {
                drafts::clear(snapshot.item.definition(), None);
            } else {
                drafts::save(&snapshot, &crate::clock::now_in_china_rfc3339());
            }
        });
    }

    let lang = state.lang;
    let name = state.item.definition().localized_name(lang).to_owned();
    let heading_id = ids::resolve(&state.prefix, "heading");
    let body = if state.submitted {
        html! {
            <div class="panel-done">
                <h2 id={heading_id} tabindex="-1">{ text::submitted().get(lang) }</h2>
                <p>{ text::submitted_body().get(lang) }</p>
            </div>
        }
    } else {
        let view = &state.view;
        let page = match &view.page {
            PageView::Guide {
                questions,
                checklist,
            } => html! {
                <>
                    <p class="guide-intro">{ banli_core::messages::checklist::intro().get(lang) }</p>
                    <div class="fields">
                        { fields::fields(questions, &state.data, &view.visible, &state.number_text, &env, lang) }
                    </div>
                    <ChecklistView checklist={checklist.clone()} {lang} />
                </>
            },
            PageView::Form { fields: nodes } => html! {
                <div class="fields">
                    { fields::fields(nodes, &state.data, &view.visible, &state.number_text, &env, lang) }
                </div>
            },
            PageView::Materials(materials) => html! {
                <MaterialsPage view={materials.clone()} errors={view.visible.clone()}
                    signer={state.signer.clone()} confirmed={state.confirmed} env={env.clone()} {lang} />
            },
            PageView::Review(review) => html! {
                <ReviewPage view={review.clone()} env={env.clone()} {lang} />
            },
            PageView::Waiting => html! {
                <p class="checking" role="status">{ text::engine_loading().get(lang) }</p>
            },
        };
        let review = matches!(state.pages.get(state.page), crate::pages::Page::Review);
        let has_input =
            state.data.as_object().is_some_and(|o| !o.is_empty()) || !state.materials.is_empty();
        html! {
            <>
                <Progress pages={state.pages.clone()} shown={state.view.shown.clone()} page={state.page} {lang} />
                if let Some(notice) = &state.draft {
                    <DraftNoticeView notice={notice.clone()} env={env.clone()} {lang} />
                }
                if let Some(errors) = &state.summary {
                    <Summary errors={errors.clone()} env={env.clone()} {lang} />
                }
                <h2 id={heading_id} class="page-title" tabindex="-1">{ state.pages.title(state.page, lang) }</h2>
                { page }
                if state.waiting.is_some() && !matches!(view.page, PageView::Waiting) {
                    <p class="checking" role="status">{ text::engine_loading().get(lang) }</p>
                }
                <Navigation first={view.shown.first().is_none_or(|&f| state.page <= f)} {review}
                    {has_input} env={env.clone()} {lang} />
            </>
        }
    };
    html! {
        <div class={classes!("banli-form", state.large_text.then_some("large"))} lang={lang.tag()} ref={root}>
            <div class="toolbar">
                <p class="item-name">{ name }</p>
                { large_text_toggle(state.large_text, &dispatch, &state.prefix, lang) }
            </div>
            { body }
        </div>
    }
}

fn large_text_toggle(
    on: bool,
    dispatch: &UseReducerDispatcher<FormState>,
    prefix: &str,
    lang: Lang,
) -> Html {
    let toggle = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::SetLargeText { on: !on }))
    };
    html! {
        <button type="button" class="secondary toggle" id={ids::resolve(prefix, "large-text")}
            aria-pressed={on.to_string()} onclick={toggle}>{ text::large_text().get(lang) }</button>
    }
}

fn focus_element(root: &NodeRef, id: &str) {
    let Some(container) = root.cast::<web_sys::Element>() else {
        return;
    };
    if let Ok(Some(element)) = container.query_selector(&format!("#{id}"))
        && let Ok(element) = wasm_bindgen::JsCast::dyn_into::<HtmlElement>(element)
    {
        let _ = element.focus();
        element.scroll_into_view_with_bool(true);
    }
}
