//! The 办事指引 page's checklist: from the answers to the situation
//! questions above it, the materials this applicant needs (grouped: needed,
//! still to be decided, depending on the form, optional, not needed), how to
//! get each, and the item's time limits, visits, fees and results. Every
//! word comes from `banli_core::checklist` and `messages::checklist`; the
//! reducer computed the list (`CompiledItem::checklist`).

use banli_core::checklist::Checklist;
use banli_core::messages::{Lang, checklist as text};
use yew::prelude::*;

use crate::shared::Shared;

#[derive(Properties, PartialEq)]
pub struct ChecklistProps {
    pub checklist: Shared<Checklist>,
    pub lang: Lang,
}

#[component]
pub fn ChecklistView(props: &ChecklistProps) -> Html {
    let lang = props.lang;
    let list = &props.checklist;
    let held = (!list.situations.is_empty()).then(|| {
        let held = list.situations.join(text::separator().get(lang));
        html! { <p class="checklist-situations">{ text::situations_hold(&held).get(lang) }</p> }
    });
    let unanswered = (!list.unanswered.is_empty()).then(|| {
        let titles = list.unanswered_titles.join(text::separator().get(lang));
        let line = text::unanswered_at(list.unanswered.len(), &titles);
        html! { <p class="checklist-unanswered">{ line.get(lang) }</p> }
    });
    let groups = list.groups().into_iter().map(|(heading, materials)| {
        html! {
            <section class="checklist-group">
                <h3>{ heading.get(lang) }</h3>
                <ul>
                    { for materials.into_iter().map(|m| html! {
                        <li class="checklist-material" data-material={m.id.clone()} data-need={m.need.as_str()}>
                            <span class="checklist-name">{ &m.name }</span>
                            <span class="checklist-necessity">{ &m.necessity }</span>
                            <span class="checklist-marks">{ m.marks(lang).join(text::separator().get(lang)) }</span>
                        </li>
                    }) }
                </ul>
            </section>
        }
    });
    html! {
        <div class="checklist" aria-live="polite">
            { for held }
            { for unanswered }
            { for groups }
            <ul class="checklist-facts">
                { for list.facts().into_iter().map(|line| html! { <li>{ line }</li> }) }
            </ul>
        </div>
    }
}
