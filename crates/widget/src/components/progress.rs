//! The steps of the application, the current one marked; steps skipped
//! for the answers given (`shown` leaves them out) are not listed.

use banli_core::messages::{Lang, widget as text};
use yew::prelude::*;

use crate::pages::Pages;
use crate::shared::Shared;

#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    pub pages: Pages,
    /// The pages shown, in order ([`crate::view::shown_pages`]).
    pub shown: Shared<Vec<usize>>,
    pub page: usize,
    pub lang: Lang,
}

#[component]
pub fn Progress(props: &ProgressProps) -> Html {
    let ProgressProps {
        pages,
        shown,
        page,
        lang,
    } = props;
    let (page, lang) = (*page, *lang);
    let total = shown.len();
    // The current page is always counted, even one restored from a draft
    // that the answers now skip.
    let current = shown.iter().filter(|&&i| i < page).count();
    html! {
        <nav class="progress" aria-label={text::steps_label().get(lang).to_owned()}>
            <p class="progress-text">{ text::step_of(current + 1, total.max(current + 1), &pages.title(page, lang)).get(lang) }</p>
            <ol class="steps">
                { for shown.iter().enumerate().map(|(n, &i)| {
                    let class = classes!("step", (i < page).then_some("done"), (i == page).then_some("current"));
                    html! {
                        <li class={class} aria-current={(i == page).then_some("step")}>
                            <span class="step-number">{ n + 1 }</span>
                            <span class="step-title">{ pages.title(i, lang) }</span>
                        </li>
                    }
                }) }
            </ol>
        </nav>
    }
}
