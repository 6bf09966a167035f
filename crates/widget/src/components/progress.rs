//! The steps of the application, the current one marked.

use banli_core::messages::{Lang, widget as text};
use yew::prelude::*;

use crate::pages::Pages;

#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    pub pages: Pages,
    pub page: usize,
    pub lang: Lang,
}

#[component]
pub fn Progress(props: &ProgressProps) -> Html {
    let ProgressProps { pages, page, lang } = props;
    let (page, lang) = (*page, *lang);
    let total = pages.len();
    html! {
        <nav class="progress" aria-label={text::steps_label().get(lang).to_owned()}>
            <p class="progress-text">{ text::step_of(page + 1, total, &pages.title(page, lang)).get(lang) }</p>
            <ol class="steps">
                { for (0..total).map(|i| {
                    let class = classes!("step", (i < page).then_some("done"), (i == page).then_some("current"));
                    html! {
                        <li class={class} aria-current={(i == page).then_some("step")}>
                            <span class="step-number">{ i + 1 }</span>
                            <span class="step-title">{ pages.title(i, lang) }</span>
                        </li>
                    }
                }) }
            </ol>
        </nav>
    }
}
