//! The root component: one reducer for the whole form, the page chrome
//! (progress, error summary, navigation) and the side effects — focusing
//! after a page change or a failed Next, and telling the host about changes
//! and the submission.

use std::collections::HashMap;
use std::rc::Rc;

use banli_core::CompiledItem;
use banli_core::messages::{Lang, widget as text};
use wasm_bindgen::JsValue;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::fields::{self, Ctx};
use crate::pages::Page;
use crate::state::{Action, FormState};
use crate::{ids, materials_view, review, validation};

/// The host's callbacks: `(json_text)`; they dispatch the DOM events.
#[derive(Clone)]
pub struct Host {
    pub on_submit: js_sys::Function,
    pub on_change: js_sys::Function,
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
    pub host: Host,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.item, &other.item)
            && self.lang == other.lang
            && self.prefix == other.prefix
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let state =
        use_reducer(|| FormState::new(props.item.clone(), props.lang, props.prefix.clone()));
    let dispatch = state.dispatcher();
    let root = use_node_ref();
    {
        let dispatch = dispatch.clone();
        use_effect_with(props.lang, move |lang| {
            dispatch.dispatch(Action::SetLang(*lang))
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

    let lang = state.lang;
    let name = state.item.definition().localized_name(lang).to_owned();
    let body = if state.submitted {
        html! {
            <div class="panel-done">
                <h2 id={ids::resolve(&state.prefix, "heading")} tabindex="-1">{ text::submitted().get(lang) }</h2>
                <p>{ text::submitted_body().get(lang) }</p>
            </div>
        }
    } else {
        html! {
            <>
                { progress(&state, lang) }
                { summary(&state, &dispatch, lang) }
                <h2 id={ids::resolve(&state.prefix, "heading")} class="page-title" tabindex="-1">{ state.pages.title(state.page, lang) }</h2>
                { page_body(&state, &dispatch, lang) }
                { navigation(&state, &dispatch, lang) }
            </>
        }
    };
    html! {
        <div class="banli-form" lang={lang.tag()} ref={root}>
            <p class="item-name">{ name }</p>
            { body }
        </div>
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

fn progress(state: &FormState, lang: Lang) -> Html {
    let total = state.pages.len();
    html! {
        <nav class="progress" aria-label={text::steps_label().get(lang).to_owned()}>
            <p class="progress-text">{ text::step_of(state.page + 1, total, &state.pages.title(state.page, lang)).get(lang) }</p>
            <ol class="steps">
                { for (0..total).map(|i| {
                    let class = classes!("step", (i < state.page).then_some("done"), (i == state.page).then_some("current"));
                    html! {
                        <li class={class} aria-current={(i == state.page).then_some("step")}>
                            <span class="step-number">{ i + 1 }</span>
                            <span class="step-title">{ state.pages.title(i, lang) }</span>
                        </li>
                    }
                }) }
            </ol>
        </nav>
    }
}

fn summary(state: &FormState, dispatch: &UseReducerDispatcher<FormState>, lang: Lang) -> Html {
    let Some(errors) = &state.summary else {
        return Html::default();
    };
    let id = ids::resolve(&state.prefix, "summary");
    let title_id = format!("{id}-title");
    html! {
        <div class="error-summary" id={id} tabindex="-1" role="alert" aria-labelledby={title_id.clone()}>
            <h2 id={title_id}>{ text::summary_title().get(lang) }</h2>
            <p>{ text::summary_intro(errors.len()).get(lang) }</p>
            <ul>
                { for errors.iter().map(|error| {
                    let onclick = {
                        let dispatch = dispatch.clone();
                        let path = error.path.clone();
                        Callback::from(move |e: MouseEvent| {
                            e.prevent_default();
                            dispatch.dispatch(Action::FocusError(path.clone()));
                        })
                    };
                    let href = format!("#{}", ids::resolve(&state.prefix, &ids::target_for_error(&error.path)));
                    html! { <li><a href={href} onclick={onclick}>{ &error.message }</a></li> }
                }) }
            </ul>
        </div>
    }
}

/// Errors to show beside fields: on touched fields, and on every field of
/// a page where Next or Submit was pressed.
pub fn visible_errors(state: &FormState, page: usize, lang: Lang) -> HashMap<String, String> {
    let attempted = state.attempted.contains(&page);
    validation::page_errors_in(state, page, lang)
        .into_iter()
        .filter(|e| attempted || state.touched.contains(&e.path))
        .map(|e| (e.path, e.message))
        .collect()
}

fn page_body(state: &FormState, dispatch: &UseReducerDispatcher<FormState>, lang: Lang) -> Html {
    match state.current() {
        Page::Form { fields: names, .. } => {
            let errors = visible_errors(state, state.page, lang);
            let ctx = Ctx {
                state,
                dispatch,
                errors: &errors,
                lang,
            };
            let layout = state.item.layout(&state.data, lang);
            html! {
                <div class="fields">
                    { for layout.iter().filter(|f| names.iter().any(|n| f.pointer == format!("/{}", banli_core::pointer::escape(n)))).map(|f| fields::view(f, &ctx)) }
                </div>
            }
        }
        Page::Materials => materials_view::view(state, dispatch, lang),
        Page::Review => review::view(state, dispatch, lang),
    }
}

fn navigation(state: &FormState, dispatch: &UseReducerDispatcher<FormState>, lang: Lang) -> Html {
    let back = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Back))
    };
    let next = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Next))
    };
    let submit = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            dispatch.dispatch(Action::Submit {
                signed_at: crate::clock::now_in_china_rfc3339(),
            })
        })
    };
    let on_review = matches!(state.current(), Page::Review);
    html! {
        <div class="navigation">
            if state.page > 0 {
                <button type="button" class="secondary" onclick={back}>{ text::back().get(lang) }</button>
            }
            if on_review {
                <button type="button" class="primary" onclick={submit}>{ text::submit().get(lang) }</button>
            } else {
                <button type="button" class="primary" onclick={next}>{ text::next().get(lang) }</button>
            }
        </div>
    }
}
