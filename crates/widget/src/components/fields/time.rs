//! A time or date-time field with the browser's native control (`time`,
//! `datetime-local`). The data keeps what the control gives ("09:30"); the
//! core completes it ("09:30:00+08:00") for the rules and the submission,
//! and the control shows back the local part of whatever is stored.

use banli_core::layout::Control;
use yew::prelude::*;

use super::{LeafProps, blur, framed, set, text_input, text_value};

#[component]
pub fn TimeField(props: &LeafProps) -> Html {
    let (node, env, lang) = (&props.node, &props.env, &props.lang);
    let value = &props.value;
    let field = &node.field;
    let kind = if field.control == Control::Time {
        "time"
    } else {
        "datetime-local"
    };
    let d = props.described();
    let oninput = text_input(&set(env, &field.pointer));
    let onblur = blur(env, &field.pointer);
    let shown = banli_core::formats::time::local(&text_value(value.as_ref())).to_owned();
    let control = html! {
        <input type={kind} id={d.id.clone()} class="short" value={shown} oninput={oninput} onblur={onblur} readonly={d.locked}
            aria-invalid={d.invalid.to_string()} aria-describedby={d.described_by.clone()} />
    };
    framed(node, d, control, *lang)
}
