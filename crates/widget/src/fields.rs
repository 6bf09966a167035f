//! Rendering the fields of the layout model: one control per field kind,
//! each with a visible label tied to the control, its hint, and its error
//! in text (`aria-invalid`, `aria-describedby`), never by colour alone.
//!
//! No control carries a browser constraint derived from the schema
//! (`maxlength`, `minlength`, `pattern`, `min`, `max`, `step`, `required`,
//! or a `type` other than text, the native date and time controls of
//! `banli_core::formats::FORMAT_CONTROLS` and the choice controls): each counts
//! or matches differently from the core (UTF-16 units against code points,
//! JavaScript regexes against the core's, the browser's own e-mail and URL
//! rewriting), so it could refuse or alter an answer the core accepts. The
//! core's messages are the only verdict; the widget may inform (a character
//! count, `inputmode` for the on-screen keyboard).

use std::collections::HashMap;

use banli_core::layout::{Control, Field, InputMode};
use banli_core::messages::{Lang, widget as text};
use serde_json::Value;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::ids;
use crate::state::{Action, FormState};

/// What every field view needs.
pub struct Ctx<'a> {
    pub state: &'a FormState,
    pub dispatch: &'a UseReducerDispatcher<FormState>,
    /// Errors to show now, by field pointer.
    pub errors: &'a HashMap<String, String>,
    pub lang: Lang,
}

/// A field keyed by its pointer, for lists of fields that grow and shrink as
/// answers change (a chosen branch adds fields after the choice). Put the
/// list in a fragment of its own (`<>{ for ... }</>`): Yew pairs unkeyed
/// siblings from the end, so a list that grows would otherwise rebuild the
/// field being used and lose its focus; keyed, each field keeps its elements.
pub fn keyed(field: &Field, ctx: &Ctx<'_>) -> Html {
    html! { <key={field.pointer.clone()}>{ view(field, ctx) }</> }
}

pub fn view(field: &Field, ctx: &Ctx<'_>) -> Html {
    match &field.control {
        Control::Group { fields } => group(field, fields, ctx),
        Control::List {
            items,
            min_items,
            max_items,
            item_label,
            item_is_object,
        } => list(
            field,
            items,
            *min_items,
            *max_items,
            item_label,
            *item_is_object,
            ctx,
        ),
        Control::Radio { options } => radios(field, options, ctx),
        _ => single(field, ctx),
    }
}

fn set(ctx: &Ctx<'_>, pointer: &str) -> Callback<Option<Value>> {
    let dispatch = ctx.dispatch.clone();
    let pointer = pointer.to_owned();
    Callback::from(move |value| dispatch.dispatch(Action::Set(pointer.clone(), value)))
}

fn blur(ctx: &Ctx<'_>, pointer: &str) -> Callback<FocusEvent> {
    let dispatch = ctx.dispatch.clone();
    let pointer = pointer.to_owned();
    Callback::from(move |_| dispatch.dispatch(Action::Blur(pointer.clone())))
}

fn text_value(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

struct Described {
    id: String,
    hint: Html,
    error: Html,
    described_by: Option<String>,
    invalid: bool,
    /// Where a prefilled value came from (shown under the label).
    source: Html,
    /// A prefilled value the applicant may not change.
    locked: bool,
}

fn describe(field: &Field, ctx: &Ctx<'_>) -> Described {
    let id = ids::field(&ctx.state.prefix, &field.pointer);
    let hint_text: Vec<&str> = [field.description.as_deref(), field.help.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let error = ctx.errors.get(&field.pointer);
    let mut described = Vec::new();
    let provenance = ctx.state.prefill.provenance_of(&field.pointer);
    let source = match provenance {
        Some(p) if !matches!(field.control, Control::Group { .. } | Control::List { .. }) => {
            let source_id = format!("{id}-source");
            described.push(source_id.clone());
            html! {
                <p class={classes!("source", p.locked.then_some("locked"))} id={source_id}>
                    { text::prefilled_from(&p.source, p.locked).get(ctx.lang) }
                </p>
            }
        }
        _ => Html::default(),
    };
    let hint = if hint_text.is_empty() {
        Html::default()
    } else {
        described.push(hint_id.clone());
        html! { <p class="hint" id={hint_id}>{ hint_text.join(" ") }</p> }
    };
    let error_html = match error {
        Some(message) => {
            described.push(error_id.clone());
            html! {
                <p class="error-message" id={error_id}>
                    <span class="visually-hidden">{ text::error_prefix().get(ctx.lang) }</span>{ message }
                </p>
            }
        }
        None => Html::default(),
    };
    Described {
        id,
        hint,
        error: error_html,
        described_by: (!described.is_empty()).then(|| described.join(" ")),
        invalid: error.is_some(),
        source,
        locked: provenance.is_some_and(|p| p.locked),
    }
}

fn label_text(field: &Field, lang: Lang) -> Html {
    html! {
        <>
            { &field.label }
            if !field.required { <span class="optional">{ text::optional().get(lang) }</span> }
        </>
    }
}

fn single(field: &Field, ctx: &Ctx<'_>) -> Html {
    let d = describe(field, ctx);
    let value = ctx.state.data.pointer(&field.pointer);
    let onblur = blur(ctx, &field.pointer);
    let set = set(ctx, &field.pointer);
    let invalid = d.invalid.to_string();
    let control = match &field.control {
        Control::Checkbox => {
            let checked = value.and_then(Value::as_bool).unwrap_or(false);
            let onchange = {
                let set = set.clone();
                Callback::from(move |e: Event| {
                    set.emit(Some(Value::Bool(
                        e.target_unchecked_into::<HtmlInputElement>().checked(),
                    )))
                })
            };
            return html! {
                <div class={classes!("field", "checkbox", d.invalid.then_some("field-error"))}>
                    { d.error }
                    <input type="checkbox" id={d.id.clone()} checked={checked} onchange={onchange} onblur={onblur}
                        disabled={d.locked} aria-invalid={invalid} aria-describedby={d.described_by} />
                    <label for={d.id}>{ label_text(field, ctx.lang) }</label>
                    { d.source }
                    { d.hint }
                </div>
            };
        }
        Control::Select { options } => {
            let selected = value.and_then(|v| options.iter().position(|o| o.value == *v));
            let choices = options.clone();
            let onchange = {
                let set = set.clone();
                Callback::from(move |e: Event| {
                    // Option values are the JSON of the enum value.
                    let chosen: Option<Value> = serde_json::from_str(
                        &e.target_unchecked_into::<HtmlSelectElement>().value(),
                    )
                    .ok();
                    set.emit(
                        choices
                            .iter()
                            .find(|c| Some(&c.value) == chosen.as_ref())
                            .map(|c| c.value.clone()),
                    );
                })
            };
            html! {
                <select id={d.id.clone()} onchange={onchange} onblur={onblur} disabled={d.locked} aria-invalid={invalid} aria-describedby={d.described_by}>
                    <option value="" selected={selected.is_none()}>{ text::choose().get(ctx.lang) }</option>
                    { for options.iter().enumerate().map(|(i, o)| html! {
                        <option value={o.value.to_string()} selected={selected == Some(i)}>{ &o.label }</option>
                    }) }
                </select>
            }
        }
        Control::Textarea { max_length } => {
            let oninput = {
                let set = set.clone();
                Callback::from(move |e: InputEvent| {
                    let v = e.target_unchecked_into::<HtmlTextAreaElement>().value();
                    set.emit((!v.is_empty()).then_some(Value::String(v)));
                })
            };
            let text = text_value(value);
            let (counter, described_by) = counter(&d, &text, *max_length, ctx.lang);
            html! {
                <>
                    <textarea id={d.id.clone()} rows="5" value={text} oninput={oninput} onblur={onblur} readonly={d.locked}
                        placeholder={field.placeholder.clone()}
                        aria-invalid={invalid} aria-describedby={described_by} />
                    { counter }
                </>
            }
        }
        Control::Number { integer } => {
            let integer = *integer;
            let oninput = {
                let dispatch = ctx.dispatch.clone();
                let pointer = field.pointer.clone();
                Callback::from(move |e: InputEvent| {
                    let text = e.target_unchecked_into::<HtmlInputElement>().value();
                    dispatch.dispatch(Action::SetNumber(pointer.clone(), text));
                })
            };
            let shown = ctx
                .state
                .number_text
                .get(&field.pointer)
                .cloned()
                .unwrap_or_else(|| text_value(value));
            html! {
                <input type="text" inputmode={if integer { "numeric" } else { "decimal" }} id={d.id.clone()} class="short"
                    value={shown} oninput={oninput} onblur={onblur} readonly={d.locked}
                    aria-invalid={invalid} aria-describedby={d.described_by} autocomplete="off" />
            }
        }
        Control::Date => {
            let oninput = text_input(&set);
            html! {
                <input type="date" id={d.id.clone()} class="short" value={text_value(value)} oninput={oninput} onblur={onblur} readonly={d.locked}
                    aria-invalid={invalid} aria-describedby={d.described_by} />
            }
        }
        Control::Time | Control::DateTime => {
            // The data keeps what the control gives ("09:30"); the core
            // completes it ("09:30:00+08:00") for the rules and submission.
            let oninput = text_input(&set);
            let kind = if field.control == Control::Time {
                "time"
            } else {
                "datetime-local"
            };
            let shown = banli_core::formats::time::local(&text_value(value)).to_owned();
            html! {
                <input type={kind} id={d.id.clone()} class="short" value={shown} oninput={oninput} onblur={onblur} readonly={d.locked}
                    aria-invalid={invalid} aria-describedby={d.described_by} />
            }
        }
        Control::Text {
            input_mode,
            autocomplete,
            max_length,
        } => {
            let oninput = text_input(&set);
            // Always type="text": email and url inputs rewrite what is typed
            // (spaces trimmed, an internationalised domain turned into
            // punycode), so the envelope would not hold the answer the
            // applicant sees. `inputmode` only picks the on-screen keyboard.
            let mode = match input_mode {
                InputMode::Text => None,
                InputMode::Numeric => Some("numeric"),
                InputMode::Tel => Some("tel"),
                InputMode::Email => Some("email"),
                InputMode::Url => Some("url"),
            };
            let text = text_value(value);
            let (counter, described_by) = counter(&d, &text, *max_length, ctx.lang);
            html! {
                <>
                    <input type="text" inputmode={mode} id={d.id.clone()} value={text} oninput={oninput} onblur={onblur} readonly={d.locked}
                        placeholder={field.placeholder.clone()}
                        aria-invalid={invalid} aria-describedby={described_by} autocomplete={autocomplete.unwrap_or("off")} spellcheck="false" />
                    { counter }
                </>
            }
        }
        Control::Group { .. } | Control::List { .. } | Control::Radio { .. } => Html::default(),
    };
    html! {
        <div class={classes!("field", d.invalid.then_some("field-error"))}>
            <label for={d.id.clone()}>{ label_text(field, ctx.lang) }</label>
            { d.source }
            { d.hint }
            { d.error }
            { control }
        </div>
    }
}

/// The character count under a field with `maxLength`, and the control's
/// `aria-describedby` with the count added. No HTML `maxlength`: it counts
/// UTF-16 units, so a name with a character beyond the BMP (王𠀋华 is three
/// characters, four units) would be cut while the core accepts it; and
/// Chromium counts a textarea's line break as two. The count is in code
/// points, as the core counts, and over the limit the core's error says so.
fn counter(
    d: &Described,
    text: &str,
    max_length: Option<u64>,
    lang: Lang,
) -> (Html, Option<String>) {
    let Some(max) = max_length else {
        return (Html::default(), d.described_by.clone());
    };
    let count = text.chars().count();
    let id = format!("{}-count", d.id);
    let described_by = match &d.described_by {
        Some(others) => format!("{others} {id}"),
        None => id.clone(),
    };
    let over = u64::try_from(count).is_ok_and(|c| c > max);
    let html = html! {
        <p class={classes!("hint", "character-count", over.then_some("over"))} id={id}>
            { text::character_count(count, max).get(lang) }
        </p>
    };
    (html, Some(described_by))
}

fn text_input(set: &Callback<Option<Value>>) -> Callback<InputEvent> {
    let set = set.clone();
    Callback::from(move |e: InputEvent| {
        let v = e.target_unchecked_into::<HtmlInputElement>().value();
        set.emit((!v.is_empty()).then_some(Value::String(v)));
    })
}

fn radios(field: &Field, options: &[banli_core::layout::Choice], ctx: &Ctx<'_>) -> Html {
    let d = describe(field, ctx);
    let value = ctx.state.data.pointer(&field.pointer);
    html! {
        <div class={classes!("field", d.invalid.then_some("field-error"))}>
            <fieldset class="radios" aria-describedby={d.described_by}>
                <legend>{ label_text(field, ctx.lang) }</legend>
                { d.source }
                { d.hint }
                { d.error }
                { for options.iter().enumerate().map(|(i, option)| {
                    let id = if i == 0 { d.id.clone() } else { format!("{}-{i}", d.id) };
                    let onchange = {
                        let set = set(ctx, &field.pointer);
                        let dispatch = ctx.dispatch.clone();
                        let pointer = field.pointer.clone();
                        let chosen = option.value.clone();
                        Callback::from(move |_: Event| {
                            set.emit(Some(chosen.clone()));
                            dispatch.dispatch(Action::Blur(pointer.clone()));
                        })
                    };
                    html! {
                        <div class="radio">
                            <input type="radio" id={id.clone()} name={d.id.clone()} value={option.value.to_string()} checked={value == Some(&option.value)}
                                onchange={onchange} disabled={d.locked} aria-invalid={d.invalid.to_string()} />
                            <label for={id}>{ &option.label }</label>
                        </div>
                    }
                }) }
            </fieldset>
        </div>
    }
}

fn group(field: &Field, fields: &[Field], ctx: &Ctx<'_>) -> Html {
    let d = describe(field, ctx);
    html! {
        <fieldset class={classes!("group", d.invalid.then_some("field-error"))} id={d.id} tabindex="-1" aria-describedby={d.described_by}>
            <legend>{ label_text(field, ctx.lang) }</legend>
            { d.hint }
            { d.error }
            <>{ for fields.iter().map(|f| keyed(f, ctx)) }</>
        </fieldset>
    }
}

fn list(
    field: &Field,
    items: &[Vec<Field>],
    min: u64,
    max: Option<u64>,
    item_label: &str,
    item_is_object: bool,
    ctx: &Ctx<'_>,
) -> Html {
    let d = describe(field, ctx);
    let lang = ctx.lang;
    let count = items.len();
    let prefix = &ctx.state.prefix;
    let can_add = max.is_none_or(|m| (count as u64) < m);
    let add = {
        let dispatch = ctx.dispatch.clone();
        let pointer = field.pointer.clone();
        Callback::from(move |_| {
            dispatch.dispatch(Action::AddEntry(pointer.clone(), item_is_object))
        })
    };
    html! {
        <fieldset class={classes!("list", d.invalid.then_some("field-error"))} id={d.id.clone()} tabindex="-1" aria-describedby={d.described_by}>
            <legend>{ label_text(field, lang) }</legend>
            <p class="hint">{ text::list_limits(min, max).get(lang) }</p>
            { d.hint }
            { d.error }
            { for items.iter().enumerate().map(|(i, fields)| {
                let position = i + 1;
                let action = |make: fn(String, usize) -> Action| {
                    let dispatch = ctx.dispatch.clone();
                    let pointer = field.pointer.clone();
                    Callback::from(move |_: MouseEvent| dispatch.dispatch(make(pointer.clone(), i)))
                };
                let up = action(|p, i| Action::MoveEntry(p, i, i.saturating_sub(1)));
                let down = action(|p, i| Action::MoveEntry(p, i, i + 1));
                let remove = action(Action::RemoveEntry);
                let heading_id = ids::resolve(prefix, &format!("entry:{}/{i}", field.pointer));
                html! {
                    <div class="entry">
                        <h4 id={heading_id} tabindex="-1">{ text::entry_heading(item_label, position).get(lang) }</h4>
                        <>{ for fields.iter().map(|f| keyed(f, ctx)) }</>
                        <div class="entry-actions">
                            <button type="button" class="secondary" onclick={up} disabled={i == 0}>{ text::move_up(position).get(lang) }</button>
                            <button type="button" class="secondary" onclick={down} disabled={i + 1 == count}>{ text::move_down(position).get(lang) }</button>
                            <button type="button" class="secondary warning" onclick={remove}>{ text::remove_entry(item_label, position).get(lang) }</button>
                        </div>
                    </div>
                }
            }) }
            <button type="button" class="secondary add" id={ids::resolve(prefix, &format!("list:{}", field.pointer))} onclick={add} disabled={!can_add}>
                { text::add_entry(item_label).get(lang) }
            </button>
        </fieldset>
    }
}
