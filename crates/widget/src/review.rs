//! The review page (核对信息): every answer by page with a "修改" action
//! back to the field, the materials and how each is provided, and the
//! deadlines — deferred materials' due date most prominently — before the
//! applicant submits a legally binding application.

use banli_core::layout::{Control, Field};
use banli_core::messages::{Lang, widget as text};
use banli_core::report::{DeadlineKind, Disposition};
use yew::prelude::*;

use crate::pages::Page;
use crate::state::{Action, FormState};
use crate::validation;

pub fn view(state: &FormState, dispatch: &UseReducerDispatcher<FormState>, lang: Lang) -> Html {
    let layout = state.item.layout(&state.data, lang);
    let report = validation::report(state, lang, None);
    let sections = state.pages.iter().enumerate().filter_map(|(page, p)| match p {
        Page::Form { fields, .. } => {
            let mut rows = Vec::new();
            for field in layout.iter().filter(|f| fields.iter().any(|n| f.pointer == format!("/{}", banli_core::pointer::escape(n)))) {
                leaves(field, &mut Vec::new(), &mut rows);
            }
            Some(html! {
                <section class="review-section">
                    <h3>{ state.pages.title(page, lang) }</h3>
                    <dl class="review-list">
                        { for rows.into_iter().map(|(label, field)| row(state, dispatch, page, &label, field, lang)) }
                    </dl>
                </section>
            })
        }
        _ => None,
    });
    let materials_page = state.pages.iter().position(|p| *p == Page::Materials);
    let materials = materials_page.map(|page| {
        html! {
            <section class="review-section">
                <h3>{ text::materials_step().get(lang) }</h3>
                <dl class="review-list">
                    { for report.materials.iter().filter(|m| m.required).map(|m| {
                        let how = disposition_text(m.disposition, state.item.definition().allowed_deferral().and_then(|d| d.deadline_working_days), lang);
                        let change = {
                            let dispatch = dispatch.clone();
                            let target = format!("material:{}", m.id);
                            Callback::from(move |_| dispatch.dispatch(Action::GoTo(page, Some(target.clone()))))
                        };
                        html! {
                            <div class="review-row">
                                <dt>{ &m.name }</dt>
                                <dd>{ how }</dd>
                                <dd class="review-change">
                                    <button type="button" class="link" onclick={change}>
                                        { text::change().get(lang) }<span class="visually-hidden">{ format!(" {}", m.name) }</span>
                                    </button>
                                </dd>
                            </div>
                        }
                    }) }
                </dl>
            </section>
        }
    });
    let deadlines = report.deadlines.as_ref().map(|d| {
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
    html! {
        <div class="review">
            { for sections }
            { materials.unwrap_or_default() }
            { deadlines.unwrap_or_default() }
        </div>
    }
}

/// The leaf fields under `field`, each with its label path.
fn leaves<'a>(field: &'a Field, parents: &mut Vec<String>, out: &mut Vec<(String, &'a Field)>) {
    parents.push(field.label.clone());
    match &field.control {
        Control::Group { fields } => fields.iter().for_each(|f| leaves(f, parents, out)),
        Control::List {
            items, item_label, ..
        } => {
            for (i, entry) in items.iter().enumerate() {
                parents.push(format!("{item_label} {}", i + 1));
                entry.iter().for_each(|f| leaves(f, parents, out));
                parents.pop();
            }
        }
        _ => out.push((parents.join(" › "), field)),
    }
    parents.pop();
}

fn row(
    state: &FormState,
    dispatch: &UseReducerDispatcher<FormState>,
    page: usize,
    label: &str,
    field: &Field,
    lang: Lang,
) -> Html {
    let value = state
        .data
        .pointer(&field.pointer)
        .map(|v| field.display_value(v, lang))
        .filter(|v| !v.trim().is_empty());
    let change = {
        let dispatch = dispatch.clone();
        let target = format!("field:{}", field.pointer);
        Callback::from(move |_| dispatch.dispatch(Action::GoTo(page, Some(target.clone()))))
    };
    html! {
        <div class="review-row">
            <dt>{ label }</dt>
            <dd class={classes!(value.is_none().then_some("not-answered"))}>{ value.unwrap_or_else(|| text::not_answered().get(lang).to_owned()) }</dd>
            <dd class="review-change">
                <button type="button" class="link" onclick={change}>
                    { text::change().get(lang) }<span class="visually-hidden">{ format!(" {label}") }</span>
                </button>
            </dd>
        </div>
    }
}

pub fn disposition_text(
    disposition: Disposition,
    deferral_days: Option<u32>,
    lang: Lang,
) -> String {
    match disposition {
        Disposition::Provided => text::provide_upload(),
        Disposition::Shared => text::provide_shared(),
        Disposition::Deferred => text::provide_deferred(deferral_days),
        Disposition::InLieu => text::provide_in_lieu(),
        Disposition::Missing => text::not_answered(),
        Disposition::NotRequired => text::material_not_needed(),
    }
    .get(lang)
    .to_owned()
}
