//! Back, Next or Submit, and Clear draft once anything was entered.

use banli_core::messages::{Lang, widget as text};
use yew::prelude::*;

use crate::components::env::Env;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct NavigationProps {
    pub first: bool,
    pub review: bool,
    /// Anything entered or chosen: the draft can be cleared.
    pub has_input: bool,
    pub env: Env,
    pub lang: Lang,
}

#[component]
pub fn Navigation(props: &NavigationProps) -> Html {
    let NavigationProps {
        first,
        review,
        has_input,
        env,
        lang,
    } = props;
    let lang = *lang;
    let send = |make: fn() -> Action| {
        let dispatch = env.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(make()))
    };
    let back = send(|| Action::Back);
    let next = send(|| Action::Next);
    let clear = send(|| Action::ClearDraft);
    let submit = send(|| Action::Submit {
        signed_at: crate::clock::now_in_china_rfc3339(),
    });
    html! {
        <div class="navigation">
            if *has_input {
                <button type="button" class="secondary clear-draft" onclick={clear}>{ text::draft_clear().get(lang) }</button>
            }
            if !*first {
                <button type="button" class="secondary" onclick={back}>{ text::back().get(lang) }</button>
            }
            if *review {
                <button type="button" class="primary" onclick={submit}>{ text::submit().get(lang) }</button>
            } else {
                <button type="button" class="primary" onclick={next}>{ text::next().get(lang) }</button>
            }
        </div>
    }
}
