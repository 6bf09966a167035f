//! The commitment (承诺书) on the materials page: the core's text to read,
//! the signer's name and the "I agree" tick.

use banli_core::messages::{Lang, widget as text};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::env::Env;
use crate::ids;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct CommitmentProps {
    /// The commitment texts, in the page's language.
    pub texts: Vec<String>,
    /// In a bundle: each deferring member's materials and due date.
    pub dues: Vec<String>,
    pub signer: String,
    pub confirmed: bool,
    pub signer_error: Option<String>,
    pub confirm_error: Option<String>,
    pub env: Env,
    pub lang: Lang,
}

#[component]
pub fn Commitment(props: &CommitmentProps) -> Html {
    let CommitmentProps {
        texts,
        dues,
        signer,
        confirmed,
        signer_error,
        confirm_error,
        env,
        lang,
    } = props;
    let lang = *lang;
    let signer_id = ids::resolve(&env.prefix, "signer");
    let confirm_id = ids::resolve(&env.prefix, "confirm");
    let on_signer = {
        let dispatch = env.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            dispatch.dispatch(Action::SetSigner {
                name: e.target_unchecked_into::<HtmlInputElement>().value(),
            })
        })
    };
    let on_confirm = {
        let dispatch = env.dispatch.clone();
        Callback::from(move |e: Event| {
            dispatch.dispatch(Action::SetConfirmed {
                confirmed: e.target_unchecked_into::<HtmlInputElement>().checked(),
            })
        })
    };
    html! {
        <section class="commitment">
            <h3>{ text::commitment_heading().get(lang) }</h3>
            { for texts.iter().map(|body| {
                // Focusable so keyboard users can scroll the text.
                html! {
                    <div class="commitment-text" tabindex="0" role="region" aria-label={text::commitment_text_label().get(lang).to_owned()}>
                        { for body.lines().map(|line| html! { <p>{ line }</p> }) }
                    </div>
                }
            }) }
            if !dues.is_empty() {
                <ul class="member-dues">
                    { for dues.iter().map(|due| html! { <li>{ due }</li> }) }
                </ul>
            }
            <div class={classes!("field", signer_error.as_ref().map(|_| "field-error"))}>
                <label for={signer_id.clone()}>{ text::signer().get(lang) }</label>
                if let Some(message) = signer_error { <p class="error-message" id={format!("{signer_id}-error")}>{ message }</p> }
                <input type="text" id={signer_id.clone()} value={signer.clone()} oninput={on_signer} autocomplete="name"
                    aria-invalid={signer_error.is_some().to_string()} aria-describedby={signer_error.as_ref().map(|_| format!("{signer_id}-error"))} />
            </div>
            <div class={classes!("field", "checkbox", confirm_error.as_ref().map(|_| "field-error"))}>
                if let Some(message) = confirm_error { <p class="error-message" id={format!("{confirm_id}-error")}>{ message }</p> }
                <input type="checkbox" id={confirm_id.clone()} checked={*confirmed} onchange={on_confirm}
                    aria-invalid={confirm_error.is_some().to_string()} aria-describedby={confirm_error.as_ref().map(|_| format!("{confirm_id}-error"))} />
                <label for={confirm_id}>{ text::confirm_commitment().get(lang) }</label>
            </div>
        </section>
    }
}
