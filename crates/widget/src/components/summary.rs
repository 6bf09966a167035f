//! The error summary above the page after a Next or Submit found problems:
//! each a link that focuses the field (switching page if needed).

use std::rc::Rc;

use banli_core::messages::{Lang, widget as text};
use banli_core::report::ReportError;
use yew::prelude::*;

use crate::components::env::Env;
use crate::ids;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub errors: Rc<Vec<ReportError>>,
    pub env: Env,
    pub lang: Lang,
}

#[component]
pub fn Summary(props: &SummaryProps) -> Html {
    let SummaryProps { errors, env, lang } = props;
    let lang = *lang;
    let id = ids::resolve(&env.prefix, "summary");
    let title_id = format!("{id}-title");
    html! {
        <div class="error-summary" id={id} tabindex="-1" role="alert" aria-labelledby={title_id.clone()}>
            <h2 id={title_id}>{ text::summary_title().get(lang) }</h2>
            <p>{ text::summary_intro(errors.len()).get(lang) }</p>
            <ul>
                { for errors.iter().map(|error| {
                    let onclick = {
                        let dispatch = env.dispatch.clone();
                        let path = error.path.clone();
                        Callback::from(move |e: MouseEvent| {
                            e.prevent_default();
                            dispatch.dispatch(Action::FocusError { path: path.clone() });
                        })
                    };
                    let href = format!("#{}", ids::resolve(&env.prefix, &ids::target_for_error(&error.path)));
                    html! { <li><a href={href} onclick={onclick}>{ &error.message }</a></li> }
                }) }
            </ul>
        </div>
    }
}
