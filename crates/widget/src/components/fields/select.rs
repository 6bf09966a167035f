//! A choice among more than three options: a `<select>`.

use banli_core::layout::Control;
use banli_core::messages::widget as text;
use serde_json::Value;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{LeafProps, blur, framed, set};

#[component]
pub fn SelectField(props: &LeafProps) -> Html {
    let (node, env, lang) = (&props.node, &props.env, &props.lang);
    let value = &props.value;
    let field = &node.field;
    let Control::Select { options } = &field.control else {
        return Html::default();
    };
    let d = props.described();
    let selected = value
        .as_ref()
        .and_then(|v| options.iter().position(|o| o.value == *v));
    let onchange = {
        let set = set(env, &field.pointer);
        let choices = options.clone();
        Callback::from(move |e: Event| {
            // Option values are the JSON of the enum value.
            let chosen: Option<Value> =
                serde_json::from_str(&e.target_unchecked_into::<HtmlSelectElement>().value()).ok();
            set.emit(
                choices
                    .iter()
                    .find(|c| Some(&c.value) == chosen.as_ref())
                    .map(|c| c.value.clone()),
            );
        })
    };
    let onblur = blur(env, &field.pointer);
    let control = html! {
        <select id={d.id.clone()} onchange={onchange} onblur={onblur} disabled={d.locked} aria-invalid={d.invalid.to_string()} aria-describedby={d.described_by.clone()}>
            <option value="" selected={selected.is_none()}>{ text::choose().get(*lang) }</option>
            { for options.iter().enumerate().map(|(i, o)| html! {
                <option value={o.value.to_string()} selected={selected == Some(i)}>{ &o.label }</option>
            }) }
        </select>
    };
    framed(node, d, control, *lang)
}
