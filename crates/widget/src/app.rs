//! The root component: one reducer for the whole form, the page chrome
//! (progress, error summary, navigation) and the side effects — focusing
//! after a page change or a failed Next, and telling the host about changes
//! and the submission.

use std::collections::HashMap;
use std::rc::Rc;

use banli_core::CompiledItem;
use banli_core::messages::{Lang, widget as text};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::fields::{self, Ctx};
use crate::pages::Page;
use crate::state::{Action, DraftNotice, FormState};
use crate::{drafts, ids, materials_view, review, validation};

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
    pub host: Host,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.item, &other.item)
            && self.lang == other.lang
            && self.prefix == other.prefix
            && self.settings == other.settings
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
        )
        .with_draft(settings.drafts.then(|| drafts::load(&props.item)).flatten());
        state.large_text = settings.large_text;
        state.dates = props.dates.clone();
        state.upload_hook = props
            .host
            .upload_hook
            .clone()
            .dyn_into::<js_sys::Function>()
            .ok();
        state
    });
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
        // Autosave: after every change, unless a saved draft is still on
        // offer (it must not be overwritten before the applicant decides).
        let snapshot = state.clone();
        let offered = matches!(state.draft, Some(DraftNotice::Offered { .. }));
        use_effect_with(
            (
                state.data.clone(),
                state.materials.clone(),
                state.page,
                state.submitted,
            ),
            move |_| {
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
            },
        );
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
                { draft_notice(&state, &dispatch, lang) }
                { summary(&state, &dispatch, lang) }
                <h2 id={ids::resolve(&state.prefix, "heading")} class="page-title" tabindex="-1">{ state.pages.title(state.page, lang) }</h2>
                { page_body(&state, &dispatch, lang) }
                { navigation(&state, &dispatch, lang) }
            </>
        }
    };
    html! {
        <div class={classes!("banli-form", state.large_text.then_some("large"))} lang={lang.tag()} ref={root}>
            <div class="toolbar">
                <p class="item-name">{ name }</p>
                { large_text_toggle(&state, &dispatch, lang) }
            </div>
            { body }
        </div>
    }
}

fn large_text_toggle(
    state: &FormState,
    dispatch: &UseReducerDispatcher<FormState>,
    lang: Lang,
) -> Html {
    let on = state.large_text;
    let toggle = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::SetLargeText(!on)))
    };
    html! {
        <button type="button" class="secondary toggle" id={ids::resolve(&state.prefix, "large-text")}
            aria-pressed={on.to_string()} onclick={toggle}>{ text::large_text().get(lang) }</button>
    }
}

fn draft_notice(state: &FormState, dispatch: &UseReducerDispatcher<FormState>, lang: Lang) -> Html {
    let Some(notice) = &state.draft else {
        return Html::default();
    };
    let id = ids::resolve(&state.prefix, "draft-notice");
    let title_id = format!("{id}-title");
    let dismiss = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::DismissNotice))
    };
    let dismiss_button = html! {
        <button type="button" class="secondary" onclick={dismiss}>{ text::dismiss().get(lang) }</button>
    };
    match notice {
        DraftNotice::Offered { draft, .. } => {
            let resume = {
                let dispatch = dispatch.clone();
                let code = draft.code.clone();
                let version = draft.version.clone();
                let current = state.item.definition().version.clone();
                Callback::from(move |_| {
                    dispatch.dispatch(Action::RestoreDraft);
                    if version != current {
                        drafts::forget_definition(&code, &version);
                    }
                })
            };
            let start_over = {
                let dispatch = dispatch.clone();
                let definition = state.item.definition().clone();
                let version = draft.version.clone();
                Callback::from(move |_| {
                    drafts::clear(&definition, Some(&version));
                    dispatch.dispatch(Action::DiscardDraft);
                })
            };
            let saved_at = draft
                .saved_at
                .get(..16)
                .unwrap_or(&draft.saved_at)
                .replace('T', " ");
            html! {
                <section class="draft-notice" id={id} tabindex="-1" role="region" aria-labelledby={title_id.clone()}>
                    <h2 id={title_id}>{ text::draft_offer().get(lang) }</h2>
                    <p>{ text::draft_offer_saved(&saved_at).get(lang) }</p>
                    <div class="notice-actions">
                        <button type="button" class="primary" onclick={resume}>{ text::draft_continue().get(lang) }</button>
                        <button type="button" class="secondary" onclick={start_over}>{ text::draft_start_over().get(lang) }</button>
                    </div>
                </section>
            }
        }
        DraftNotice::Restored {
            version,
            changes,
            problems,
            dropped,
        } => html! {
            <section class="draft-notice" id={id} tabindex="-1" role="status" aria-labelledby={title_id.clone()}>
                <h2 id={title_id}>{ text::draft_restored().get(lang) }</h2>
                if let Some((old, new)) = version {
                    <p>{ text::draft_version_changed(old, new).get(lang) }</p>
                    if let Some(changes) = changes {
                        <ul class="draft-changes">
                            { for changes.iter().map(|c| html! { <li>{ c.get(lang) }</li> }) }
                        </ul>
                    } else {
                        <p>{ text::draft_version_changed_unknown().get(lang) }</p>
                    }
                    if *problems > 0 { <p>{ text::draft_problems(*problems).get(lang) }</p> }
                }
                if *dropped > 0 { <p>{ text::draft_materials_dropped(*dropped).get(lang) }</p> }
                { dismiss_button }
            </section>
        },
        DraftNotice::Corrupt => html! {
            <section class="draft-notice warning" id={id} tabindex="-1" role="alert">
                <p>{ text::draft_corrupt().get(lang) }</p>
                { dismiss_button }
            </section>
        },
        DraftNotice::Cleared => html! {
            <section class="draft-notice" id={id} tabindex="-1" role="status">
                <p>{ text::draft_cleared().get(lang) }</p>
                { dismiss_button }
            </section>
        },
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
                    <>{ for layout.iter().filter(|f| names.iter().any(|n| f.pointer == format!("/{}", banli_core::pointer::escape(n)))).map(|f| fields::keyed(f, &ctx)) }</>
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
    let clear = {
        let dispatch = dispatch.clone();
        let definition = state.item.definition().clone();
        Callback::from(move |_| {
            drafts::clear(&definition, None);
            dispatch.dispatch(Action::ClearDraft);
        })
    };
    let has_input =
        state.data.as_object().is_some_and(|o| !o.is_empty()) || !state.materials.is_empty();
    html! {
        <div class="navigation">
            if has_input {
                <button type="button" class="secondary clear-draft" onclick={clear}>{ text::draft_clear().get(lang) }</button>
            }
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
