//! What the form says about drafts above the page: a saved draft offered
//! back, a restored draft (and what changed under a newer version), a
//! broken draft discarded, a draft kept but not used, or a draft cleared.

use banli_core::messages::{Lang, widget as text};
use yew::prelude::*;

use crate::components::env::Env;
use crate::ids;
use crate::state::{Action, DraftNotice};

#[derive(Properties, PartialEq)]
pub struct DraftNoticeProps {
    pub notice: DraftNotice,
    pub env: Env,
    pub lang: Lang,
}

#[component]
pub fn DraftNoticeView(props: &DraftNoticeProps) -> Html {
    let DraftNoticeProps { notice, env, lang } = props;
    let lang = *lang;
    let id = ids::resolve(&env.prefix, "draft-notice");
    let title_id = format!("{id}-title");
    let send = |action: Action| {
        let dispatch = env.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(action.clone()))
    };
    let dismiss_button = html! {
        <button type="button" class="secondary" onclick={send(Action::DismissNotice)}>{ text::dismiss().get(lang) }</button>
    };
    match notice {
        DraftNotice::Offered { draft, .. } => {
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
                        <button type="button" class="primary" onclick={send(Action::RestoreDraft)}>{ text::draft_continue().get(lang) }</button>
                        <button type="button" class="secondary" onclick={send(Action::DiscardDraft)}>{ text::draft_start_over().get(lang) }</button>
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
        DraftNotice::Unusable { problem } => html! {
            <section class="draft-notice warning" id={id} tabindex="-1" role="alert">
                <p>{ problem.get(lang) }</p>
                <div class="notice-actions">
                    <button type="button" class="secondary" onclick={send(Action::ClearDraft)}>{ text::draft_clear().get(lang) }</button>
                    { dismiss_button }
                </div>
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
