//! The review page (核对信息): every answer by page with a "修改" action
//! back to the field, the materials and how each is provided, and the
//! deadlines — deferred materials' due date most prominently — before the
//! applicant submits a legally binding application.

use banli_core::messages::{Lang, widget as text};
use banli_core::report::DeadlineKind;
use yew::prelude::*;

use crate::components::env::Env;
use crate::shared::Shared;
use crate::state::Action;
use crate::view::ReviewView;

#[derive(Properties, PartialEq)]
pub struct ReviewProps {
    pub view: Shared<ReviewView>,
    pub env: Env,
    pub lang: Lang,
}

#[component]
pub fn ReviewPage(props: &ReviewProps) -> Html {
    let ReviewProps { view, env, lang } = props;
    let lang = *lang;
    let go = |page: usize, target: String| {
        let dispatch = env.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::GoTo {
                page,
                focus: Some(target.clone()),
            })
        })
    };
    let sections = view.sections.iter().map(|section| {
        html! {
            <section class="review-section">
                <h3>{ &section.title }</h3>
                <dl class="review-list">
                    { for section.rows.iter().map(|row| html! {
                        <div class="review-row">
                            <dt>{ &row.label }</dt>
                            <dd class={classes!(row.value.is_none().then_some("not-answered"))}>{ row.value.clone().unwrap_or_else(|| text::not_answered().get(lang).to_owned()) }</dd>
                            <dd class="review-change">
                                <button type="button" class="link" onclick={go(section.page, format!("field:{}", row.pointer))}>
                                    { text::change().get(lang) }<span class="visually-hidden">{ format!(" {}", row.label) }</span>
                                </button>
                            </dd>
                        </div>
                    }) }
                </dl>
            </section>
        }
    });
    let materials = view.materials.as_ref().map(|(page, materials)| {
        html! {
            <section class="review-section">
                <h3>{ text::materials_step().get(lang) }</h3>
                <dl class="review-list">
                    { for materials.iter().map(|m| html! {
                        <div class="review-row">
                            <dt>{ &m.name }</dt>
                            <dd>{ &m.how }</dd>
                            <dd class="review-change">
                                <button type="button" class="link" onclick={go(*page, format!("material:{}", m.id))}>
                                    { text::change().get(lang) }<span class="visually-hidden">{ format!(" {}", m.name) }</span>
                                </button>
                            </dd>
                        </div>
                    }) }
                </dl>
            </section>
        }
    });
    let deadlines = view.deadlines.as_ref().map(|d| {
        html! {
            <section class="review-section deadlines">
                <h3>{ text::deadlines_heading().get(lang) }</h3>
                if let Some(due) = &d.deferred_due {
                    <p class="important">{ text::deferred_due(due).get(lang) }</p>
                }
                { for d.pending.iter().map(|p| html! {
                    <p class={classes!("pending-deadline", (p.deadline == DeadlineKind::DeferredDue).then_some("important"))}
                       data-deadline={p.deadline.as_str()}>{ &p.message }</p>
                }) }
                <dl class="review-list">
                    if let Some(promised) = &d.promised {
                        <div class="review-row"><dt>{ text::promised_by().get(lang) }</dt><dd>{ promised }</dd></div>
                    }
                    if d.on_the_spot {
                        <div class="review-row"><dt>{ text::decision().get(lang) }</dt><dd>{ text::decided_on_the_spot().get(lang) }</dd></div>
                    }
                </dl>
            </section>
        }
    });
    // A bundle: each member's own dates, as its office sets them.
    let members = (!view.members.is_empty()).then(|| {
        html! {
            <section class="review-section member-deadlines">
                <h3>{ text::members_deadlines_heading().get(lang) }</h3>
                { for view.members.iter().map(|review| { let m = &review.deadlines; html! {
                    <div class="member" data-member={m.key.clone()}>
                        <h4>{ &m.name }</h4>
                        <dl class="review-list">
                            if let Some(variant) = &m.variant {
                                <div class="review-row member-variant" data-variant={variant.id.clone()}>
                                    <dt>{ text::variant().get(lang) }</dt>
                                    <dd>{ text::variant_named(&variant.name, variant.code.as_deref()).get(lang) }</dd>
                                </div>
                            }
                            if let Some(promised) = &m.deadlines.promised {
                                <div class="review-row"><dt>{ text::promised_by().get(lang) }</dt><dd>{ promised }</dd></div>
                            }
                            if let Some(statutory) = &m.deadlines.statutory {
                                <div class="review-row"><dt>{ text::statutory_by().get(lang) }</dt><dd>{ statutory }</dd></div>
                            }
                            if m.deadlines.on_the_spot {
                                <div class="review-row"><dt>{ text::decision().get(lang) }</dt><dd>{ text::decided_on_the_spot().get(lang) }</dd></div>
                            }
                            if let Some(due) = &m.deadlines.deferred_due {
                                <div class="review-row important"><dt>{ m.deferred.join(if lang == Lang::ZhCn { "、" } else { ", " }) }</dt><dd>{ text::deferred_due(due).get(lang) }</dd></div>
                            }
                            { for review.results.iter().map(|r| html! {
                                <div class="review-row member-result">
                                    <dt>{ text::result().get(lang) }</dt>
                                    <dd>
                                        <span class="result-name">{ &r.name }</span>
                                        <span class="result-facts">{ r.facts.join(if lang == Lang::ZhCn { "；" } else { "; " }) }</span>
                                    </dd>
                                </div>
                            }) }
                        </dl>
                    </div>
                }}) }
            </section>
        }
    });
    html! {
        <div class="review">
            { for sections }
            { materials.unwrap_or_default() }
            { deadlines.unwrap_or_default() }
            { members.unwrap_or_default() }
        </div>
    }
}
